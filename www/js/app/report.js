// The report: one assessment as a self-contained HTML document, written by the analysis
// module's `report` in a worker of its own (workers/analysis-worker.js: it runs the
// uncertainty analysis again, with the live analysis's draws and seed, so its ranges are the
// page's) and shown on the results page in a sandboxed frame, to print (or save as PDF) or to
// save as an HTML file. Loaded after the results page is drawn.
//
// FEATURE DETECTION (issue #16): `report` comes with another change to the analysis module;
// until a build has it, the worker says so and no button is shown.
//
// The frame runs no script (no allow-scripts) and the document makes no request (its own
// policy is default-src 'none'). It inherits the app's Content-Security-Policy, whose
// style-src 'self' refuses the report's inline <style>: the style is given to the frame as a
// constructed stylesheet instead (not subject to style-src, as the embed's), and the saved
// file keeps it inline, where its own policy allows it by hash. allow-same-origin lets the
// page style, measure and print the frame; allow-modals lets it print.
import { h, fill, today } from '../shared/dom.js';
import { engineInput } from '../shared/model.js';
import { isTeam, teamFile } from './team-data.js';
import * as store from './storage.js';
import { downloadPlain, fileName } from './export.js';
import { LIVE } from './analysis.js';

let can = null; // whether the analysis module writes reports (a promise, asked once a page)

/** One request to a worker of its own, ended with the answer (a report is rare: its wasm is
 * not kept in memory afterwards). */
function ask(msg) {
  let w;
  try {
    w = new Worker(new URL('../workers/analysis-worker.js', import.meta.url), { type: 'module' });
  } catch (e) {
    // No worker where the page may not start one (the one-file build opened from file://): no
    // report there, and the button stays hidden.
    return Promise.reject(e);
  }
  return new Promise((ok, fail) => {
    w.onmessage = ({ data }) => {
      w.terminate();
      if (data.error) fail(Object.assign(new Error(data.error.message), data.error));
      else ok(data);
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      w.terminate();
      fail(new Error(e.message || 'worker'));
    };
    w.postMessage({ id: 1, ...msg });
  });
}

/** Puts the Report button of assessment `id` into `slot` (on the results page's toolbar) once
 * the analysis module is known to write reports; `named()`: whether file names carry the unit. */
export function button(app, id, slot, named = () => false) {
  can ??= ask({ op: 'can' }).then(
    (d) => d.can?.report === true,
    () => false,
  );
  can.then((yes) => {
    slot.dataset.available = String(yes);
    if (!yes || !slot.isConnected) return;
    const btn = h('button', { type: 'button', 'data-report': '' }, app.tr.t('report.open'));
    btn.addEventListener('click', () => make(app, id, btn, named));
    fill(slot, btn);
  });
}

/** What the report is written from: the assessment as the engine reads it and, in a team,
 * every assessor's own answers, the agreed scores and which the results use (the report shows
 * them beside the team's). */
function reportInput(rec) {
  const input = engineInput(rec.input);
  if (!isTeam(rec.input)) return input;
  const f = teamFile(rec);
  for (const k of ['assessors', 'agreed', 'basis']) if (f[k] != null) input[k] = f[k];
  return input;
}

/** Writes the report of assessment `id` and shows it under the toolbar holding `btn`. */
async function make(app, id, btn, named) {
  const rec = store.get(id);
  const F = rec && app.models.of(rec);
  if (!F) return;
  const { t } = app.tr;
  const bar = btn.closest('.toolbar');
  bar.parentElement.querySelector('.report-view')?.remove();
  const head = h('h2', { tabindex: -1 }, t('report.open'));
  const view = h('section', { class: 'report-view noprint', 'aria-busy': 'true' }, head, h('p', { class: 'busy' }, h('progress', { 'aria-label': t('report.making') }), ' ', t('report.making')));
  bar.after(view);
  btn.disabled = true;
  try {
    // The assessment as the engine reads it, in the language shown, dated today.
    const { html } = await ask({ op: 'report', input: reportInput(rec), options: { draws: LIVE.draws, seed: LIVE.seed }, lang: app.tr.lang, made: today(), fw: (await F.whole()).arg });
    if (view.isConnected) show(app, view, head, html, () => fileName('report', 'html', [rec], { one: true, named: named() }), btn);
  } catch (e) {
    fill(view, head, h('p', { role: 'alert' }, t('report.failed', { msg: e.message })));
  } finally {
    btn.disabled = false;
    view.removeAttribute('aria-busy');
  }
  head.focus();
}

/** The report `html` split for the frame: the document without its <style> elements, and
 * their text. As text, not parsed: a parsed <style> already breaks the page's policy. Every
 * '<' of user text is escaped in the report, so a '<style>' in it is the report's own. */
function framed(html) {
  const css = [];
  const body = html.replace(/<style\b[^>]*>([\s\S]*?)<\/style>/gi, (_, text) => (css.push(text), ''));
  return { body, css: css.join('\n') };
}

function show(app, view, head, html, name, btn) {
  const { t } = app.tr;
  const { body, css } = framed(html);
  const frame = h('iframe', { class: 'report-frame', title: t('report.frame'), sandbox: 'allow-same-origin allow-modals', srcdoc: body });
  const fit = () => {
    if (!frame.isConnected) return removeEventListener('resize', fit);
    const doc = frame.contentDocument;
    if (doc?.documentElement) frame.style.height = `${doc.documentElement.scrollHeight + 4}px`;
  };
  frame.addEventListener('load', () => {
    const w = frame.contentWindow;
    // A constructed sheet must be made by the frame's own document (older browsers without
    // one show the report unstyled; the saved file keeps its style).
    if (w?.CSSStyleSheet && 'adoptedStyleSheets' in w.document) {
      const sheet = new w.CSSStyleSheet();
      sheet.replaceSync(css);
      w.document.adoptedStyleSheets = [sheet];
    }
    fit();
    view.dataset.ready = 'true';
  });
  addEventListener('resize', fit);
  const close = () => {
    view.remove();
    btn.focus();
  };
  fill(
    view,
    head,
    h('p', { class: 'small' }, t('report.hint')),
    h(
      'div',
      { class: 'toolbar' },
      h('button', { type: 'button', class: 'primary', 'data-report-print': '', onclick: () => frame.contentWindow?.print() }, t('result.print')),
      h('button', { type: 'button', 'data-report-save': '', onclick: () => downloadPlain(app.tr, name(), html, 'text/html') }, t('report.save')),
      h('button', { type: 'button', onclick: close }, t('report.close')),
    ),
    frame,
  );
}
