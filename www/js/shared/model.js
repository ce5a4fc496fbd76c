// The engine for embedded use (the custom element and embed.html): the wasm is loaded once,
// from the URL of these files (import.meta.url), so a partner may host them under any path.
// Unlike the app's engine.js, the framework is not a module-wide singleton: each widget
// holds its own Model, so two elements on one page may use different frameworks.
import init, { defaultFramework, score, validate, validateFramework } from '../../pkg/resilience.js';

let loading = null;

/** Loads the wasm (once per page). */
export function load() {
  loading ??= init({ module_or_path: new URL('../../pkg/resilience_bg.wasm', import.meta.url) }).catch((e) => {
    loading = null;
    throw Object.assign(new Error(`the engine could not be loaded (${e.message})`), { code: 'engine', issues: [] });
  });
  return loading;
}

// A day, a month or a year (published figures are dated by year): what the engine reads.
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const leaves = (n) => (n.children ? n.children.flatMap(leaves) : [n]);

/** An error as the element and the iframe report it: {code, message, issues}. */
export function problem(code, message, issues = []) {
  return Object.assign(new Error(message), { code, issues });
}

/** A framework and what the widget needs to know about it. */
export class Model {
  constructor(fw) {
    this.fw = fw;
    /** The root's children (the four pillars of the default framework). */
    this.pillars = fw.root.children || [fw.root];
    /** Pillar id → its indicators (leaves), in order. */
    this.under = new Map(this.pillars.map((p) => [p.id, leaves(p)]));
    /** Every indicator in framework order. */
    this.indicators = this.pillars.flatMap((p) => this.under.get(p.id));
    this.ids = new Set(this.indicators.map((i) => i.id));
    /** Every node by id. */
    this.nodes = new Map();
    const walk = (n) => (this.nodes.set(n.id, n), n.children?.forEach(walk));
    walk(fw.root);
  }

  /** What the engine reads: a date still being typed is left out rather than an error. */
  clean(a) {
    return { id: a.id, unit: a.unit, date: DATE.test(a.date ?? '') ? a.date : undefined, scores: a.scores, notes: a.notes };
  }

  /** The result of one input, or null when the engine rejects it. */
  score(a) {
    try {
      return score(this.clean(a), this.fw);
    } catch {
      return null;
    }
  }

  /** Problems [{path, message}] of an input against this framework. */
  check(a) {
    try {
      return validate({ assessments: [this.clean(a)] }, this.fw).issues;
    } catch (e) {
      return e.issues?.length ? e.issues : [{ path: '$', message: e.message }];
    }
  }

  /** The band `id` ({id, min, max, title}). */
  band(id) {
    const b = this.fw.bands;
    const i = b.findIndex((x) => x.id === id);
    return i < 0 ? null : { ...b[i], max: b[i + 1]?.min ?? 100 };
  }
}

/** Checks a framework object and makes a Model of it; throws {code: 'invalid_framework', issues}. */
export function model(fw) {
  if (!fw || typeof fw !== 'object' || Array.isArray(fw)) throw problem('invalid_framework', 'a framework is a JSON object', [{ path: '$', message: 'not an object' }]);
  let rep;
  try {
    rep = validateFramework(fw);
  } catch (e) {
    throw problem('invalid_framework', e.message, e.issues || []);
  }
  if (!rep.valid) throw problem('invalid_framework', `the framework is not valid (${rep.issues.length} problems)`, rep.issues);
  return new Model(fw);
}

let builtIn = null;
/** The default framework's Model (shared: it is never changed). */
export const defaultModel = () => (builtIn ??= new Model(defaultFramework()));

const fetched = new Map();
/** The Model of the framework at `url` (resolved against the page), fetched once per page. */
export function fetchModel(url) {
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
      return model(fw);
    })();
    p.catch(() => fetched.delete(href)); // a failed fetch is tried again next time
    fetched.set(href, p);
  }
  return fetched.get(href);
}
