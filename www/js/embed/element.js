// <resilience-assessment>: the calculator as a custom element, in a shadow root. The host
// page's styles do not reach inside (every inherited property is reset at the widget's
// root; sizes are in em of the widget's own font size) and the widget's styles do not reach
// out. Theming goes through --resilience-* custom properties and ::part()s only.
//
// The shadow root is a styling boundary, not a security one: the host page's scripts run in
// the same page and can read everything typed here (see docs/embedding.md). For partners
// who must not see the data, embed.html runs the calculator in an iframe of our origin.
import { h, fill } from '../shared/dom.js';
import { load, defaultForm, model as makeModel, problem } from '../shared/model.js';
import { translator, pick } from '../shared/i18n.js';
import { widget, blank, shape, output, downloadButton, mode as pickMode, FAILED } from './widget.js';

const CSS = new URL('../../css/embed.css', import.meta.url);
let sheet = null;

const fetched = new Map();
/** The Model of the framework at `url` (resolved against the page), fetched once per page. */
function fetchModel(url) {
  const href = new URL(url, document.baseURI).href;
  if (!fetched.has(href)) {
    const p = (async () => {
      let r;
      try {
        r = await fetch(href, { credentials: 'same-origin' });
      } catch (e) {
        throw problem('framework_unavailable', `the framework ${href} could not be fetched (${e.message})`);
      }
      if (!r.ok) throw problem('framework_unavailable', `the framework ${href} could not be fetched (HTTP ${r.status})`);
      let fw;
      try {
        fw = await r.json();
      } catch (e) {
        throw problem('invalid_framework', `the framework ${href} is not JSON (${e.message})`, [{ path: '$', message: e.message }]);
      }
      return makeModel(fw);
    })();
    p.catch(() => fetched.delete(href)); // a failed fetch is tried again next time
    fetched.set(href, p);
  }
  return fetched.get(href);
}

/** The widget's stylesheet, fetched once per page: a constructed stylesheet (no inline
 * <style>, so a strict host CSP needs no 'unsafe-inline'), else a <link> to it. */
function styles() {
  sheet ??= (async () => {
    if (!('adoptedStyleSheets' in ShadowRoot.prototype && 'replaceSync' in CSSStyleSheet.prototype)) return null;
    const r = await fetch(CSS);
    if (!r.ok) throw problem('unavailable', `${CSS.href}: HTTP ${r.status}`);
    const s = new CSSStyleSheet();
    s.replaceSync(await r.text());
    return s;
  })();
  sheet.catch(() => (sheet = null));
  return sheet;
}

export class ResilienceAssessment extends HTMLElement {
  static observedAttributes = ['lang', 'framework', 'mode', 'readonly', 'storage'];

  #root = this.attachShadow({ mode: 'open' });
  /** The input shown (changed in place by the widget). */
  #input = null;
  /** An input the host set before the engine and framework were ready. */
  #pending = undefined;
  #model = null;
  #view = null;
  #gen = 0;
  #queued = false;
  #ready = Promise.resolve(this);

  connectedCallback() {
    // A property set before this element was defined (upgraded) shadows the accessor.
    if (Object.hasOwn(this, 'assessment')) {
      const v = this.assessment;
      delete this.assessment;
      this.assessment = v;
    }
    this.#schedule();
  }

  attributeChangedCallback(name, old, value) {
    if (old !== value && this.isConnected) this.#schedule();
  }

  /** Resolves (to the element) once it has drawn with its current attributes. */
  get ready() {
    return this.#ready;
  }

  /** The assessment shown, as the engine's input JSON (a copy), or null before one exists. */
  get assessment() {
    return output(this.#pending ?? this.#input);
  }

  set assessment(v) {
    if (v != null && (typeof v !== 'object' || Array.isArray(v))) return this.#fail(problem('invalid_input', 'an assessment is a JSON object', [{ path: '$', message: 'not an object' }]));
    let copy;
    try {
      copy = v == null ? blank() : JSON.parse(JSON.stringify(v));
    } catch (e) {
      return this.#fail(problem('invalid_input', `the assessment is not JSON (${e.message})`, [{ path: '$', message: e.message }]));
    }
    if (!this.#model || !this.#view) this.#pending = copy;
    else this.#accept(copy);
  }

  /** The result of the assessment shown (the CLI's result object, a copy), or null. */
  get result() {
    const r = this.#view?.result;
    return r ? structuredClone(r) : null;
  }

  /** Starts a new, empty assessment; a saved draft (storage="local") is deleted. */
  reset() {
    this.#forget();
    this.#pending = undefined;
    this.#input = blank();
    if (this.#view) {
      this.#view.set(this.#input);
      this.#emit();
    }
  }

  get #storing() {
    return this.getAttribute('storage') === 'local';
  }

  get #key() {
    return `resilience.embed.draft:${this.id || 'default'}`;
  }

  #draft() {
    if (!this.#storing) return null;
    try {
      const v = JSON.parse(localStorage.getItem(this.#key));
      return v && typeof v === 'object' ? v : null;
    } catch {
      return null;
    }
  }

  #save() {
    if (!this.#storing) return;
    try {
      localStorage.setItem(this.#key, JSON.stringify(output(this.#input)));
    } catch (e) {
      this.#fail(problem('storage', `the draft could not be saved (${e.name})`));
    }
  }

  #forget() {
    if (!this.#storing) return;
    try {
      localStorage.removeItem(this.#key);
    } catch {
      /* nothing was stored */
    }
  }

  /** Shows `v` if the framework accepts it; else reports why and keeps what is shown. */
  #accept(v) {
    const issues = this.#model.check(v);
    if (issues.length) return this.#fail(problem('invalid_input', `the assessment is not valid (${issues.length} problems)`, issues));
    this.#input = shape(v, this.#model);
    this.#view?.set(this.#input);
    this.#save();
  }

  #fail(e) {
    const detail = { code: e.code || 'internal', message: e.message, issues: e.issues || [] };
    this.dispatchEvent(new CustomEvent('resilience-error', { detail, bubbles: true, composed: true }));
  }

  #emit() {
    const detail = { input: output(this.#input), result: this.result };
    this.dispatchEvent(new CustomEvent('resilience-change', { detail, bubbles: true, composed: true }));
  }

  /** Redraws once for any number of attribute changes in one task. */
  #schedule() {
    if (this.#queued) return;
    this.#queued = true;
    this.#ready = Promise.resolve().then(() => {
      this.#queued = false;
      return this.#render(++this.#gen);
    });
  }

  async #render(gen) {
    let tr = null;
    try {
      const lang = pick(this.getAttribute('lang'), this.parentElement?.closest('[lang]')?.getAttribute('lang'), navigator.languages || []);
      const src = this.getAttribute('framework');
      let css;
      let model;
      [tr, css, model] = await Promise.all([
        translator(lang).catch((e) => Promise.reject(problem('unavailable', `the translations could not be loaded (${e.message})`))),
        styles(),
        src ? load().then(() => fetchModel(src)) : Promise.all([load(), defaultForm(lang)]).then(([, m]) => m),
      ]);
      if (gen !== this.#gen) return this;
      this.#model = model;

      // The input: one the host set, else the one shown, else a saved draft, else a new one.
      let input = this.#input ? shape(this.#input, model) : null;
      if (this.#pending !== undefined) {
        const issues = model.check(this.#pending);
        if (issues.length) this.#fail(problem('invalid_input', `the assessment is not valid (${issues.length} problems)`, issues));
        else input = shape(this.#pending, model);
        this.#pending = undefined;
      } else if (!input) {
        const d = this.#draft();
        if (d && !model.check(d).length) input = shape(d, model);
      }
      this.#input = input ?? blank();

      const notice = downloadButton(tr, this.#storing, this.#root, () => this.#input);
      this.#view = widget({
        model,
        tr,
        mode: pickMode(this.getAttribute('mode')),
        readonly: this.hasAttribute('readonly'),
        input: this.#input,
        notice,
        onInput: () => (this.#save(), this.#emit()),
      });
      const parts = [this.#view.el];
      if (css) this.#root.adoptedStyleSheets = [css];
      else parts.unshift(h('link', { rel: 'stylesheet', href: CSS.href }));
      fill(this.#root, ...parts);
    } catch (e) {
      if (gen !== this.#gen) return this;
      this.#view = null;
      this.#fail(e.code ? e : problem('internal', e.message));
      fill(this.#root, h('p', { role: 'alert', part: 'notice' }, tr ? tr.t('embed.failed') : FAILED));
    }
    return this;
  }
}
