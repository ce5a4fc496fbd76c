// embed.html: the calculator in an iframe of our origin, for partner pages that must not see
// the data. The page around it talks to it only through postMessage, with messages of the
// form {type: "resilience:…", version: 1, …}, and only from the origins listed in
// ?origins= (the same list the server puts in the CSP frame-ancestors). Messages from any
// other origin or window are ignored without a reply; replies and results go to the
// embedding page's own origin, never to "*". Result summaries (scores only, never answers,
// notes, unit or date) go out only while the user has ticked "Share…" in the iframe.
//
// Query parameters: lang (en, fr…), mode (full | compact | results-only), readonly (1),
// storage (none | local; default none), origins (comma-separated), accent (hex colour, no #).
import { h, fill } from '../dom.js';
import { load, defaultModel, model as makeModel, problem } from './engine.js';
import { translator, pick } from './i18n.js';
import { widget, blank, shape, output, downloadButton, mode as pickMode } from './widget.js';

export const VERSION = 1;
const FAILED = 'The calculator could not start.';
const KEY = 'resilience.embed.frame';

const q = new URLSearchParams(location.search);

/** Origins listed in `value` (comma- or space-separated) that are well-formed http(s) origins
 * (as tools/serve.mjs reads them for frame-ancestors). */
export function originsOf(value) {
  return (value || '')
    .split(/[,\s]+/)
    .filter(Boolean)
    .filter((o) => {
      try {
        const u = new URL(o);
        return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o;
      } catch {
        return false;
      }
    });
}

const origins = originsOf(q.get('origins'));
const framed = window.parent !== window;
const storing = q.get('storage') === 'local';
const readonly = q.has('readonly') && !/^(0|false|no)$/i.test(q.get('readonly'));
const viewMode = pickMode(q.get('mode'));
const app = document.getElementById('app');
const accent = q.get('accent');
if (accent && /^[0-9a-f]{3}([0-9a-f]{3})?$/i.test(accent)) document.documentElement.style.setProperty('--resilience-accent', `#${accent}`);

let model = null;
let tr = null;
let view = null;
let input = null;
let failure = null;
/** The origin of the page around us, once known and listed; the only one we post to. */
let partner = null;
/** Whether the user lets the result summary go to `partner`. */
let sharing = false;
let lastShared = '';

// The parent's origin, where the browser tells it (Chromium, Safari); else, with a single
// listed origin, that one (postMessage delivers only if the parent really is of that origin).
const ancestor = location.ancestorOrigins?.[0];
if (framed) partner = ancestor ? (origins.includes(ancestor) ? ancestor : null) : origins.length === 1 ? origins[0] : null;

function post(msg, to = partner) {
  if (framed && to) window.parent.postMessage({ ...msg, version: VERSION }, to);
}

/** What may be shared: the figures, never the answers, notes, unit name or date. */
export function summary(r, m = model) {
  if (!r) return null;
  const g = (n) => ({ score: n?.score ?? null, band: n?.band ?? null, coverage: n?.coverage ?? 0 });
  return {
    framework: { id: m.fw.id, version: m.fw.version },
    overall: g(r.overall),
    pillars: Object.fromEntries(m.pillars.map((p) => [p.id, g(r.nodes[p.id])])),
    red_flags: r.red_flags.length,
    warnings: r.warnings.length,
  };
}

const resultMessage = () =>
  sharing && partner ? { type: 'resilience:result', shared: true, summary: summary(view?.result) } : { type: 'resilience:result', shared: false };

/** Sends the summary to the partner if the user allows it and it changed. */
function push() {
  if (!sharing) return;
  const msg = resultMessage();
  const text = JSON.stringify(msg);
  if (text === lastShared) return;
  lastShared = text;
  post(msg);
}

// --- consent ---------------------------------------------------------------------------------
const box = h('input', { type: 'checkbox', name: 'share', 'aria-describedby': 'share-hint', onchange: () => setSharing(box.checked) });
const boxLabel = h('span', {});
const boxHint = h('p', { class: 'hint', id: 'share-hint' });
const consent = h('div', { class: 'consent', part: 'consent', hidden: true }, h('label', { class: 'pick' }, box, boxLabel), boxHint);

function showConsent() {
  consent.hidden = !(framed && partner && tr);
  if (consent.hidden) return;
  boxLabel.textContent = tr.t('embed.share', { origin: partner });
  boxHint.textContent = tr.t('embed.share.hint');
}

function setSharing(on) {
  sharing = on && !!partner;
  box.checked = sharing;
  lastShared = '';
  post({ type: 'resilience:consent', shared: sharing });
  push();
}

// --- drafts (storage=local): in our origin's storage, partitioned by the embedding site ------
function draft() {
  if (!storing) return null;
  try {
    const v = JSON.parse(localStorage.getItem(KEY));
    return v && typeof v === 'object' && !model.check(v).length ? shape(v, model) : null;
  } catch {
    return null;
  }
}

function save() {
  if (!storing) return;
  try {
    localStorage.setItem(KEY, JSON.stringify(output(input)));
  } catch {
    /* kept in this page only; the download button still works */
  }
}

// --- drawing ---------------------------------------------------------------------------------
function draw() {
  view = widget({
    model,
    tr,
    mode: viewMode,
    readonly,
    input,
    notice: downloadButton(tr, storing, document.body, () => input),
    extra: [consent],
    onInput: () => (save(), push()),
  });
  fill(app, view.el);
  showConsent();
}

const info = () => ({
  lang: tr.lang,
  mode: viewMode,
  readonly,
  framework: { id: model.fw.id, version: model.fw.version },
  shared: sharing,
});

async function start() {
  [tr] = await Promise.all([translator(pick(q.get('lang'), navigator.languages || [])), load()]);
  model = defaultModel();
  document.documentElement.lang = tr.lang;
  document.title = tr.t('app.name');
  input = draft() ?? blank();
  draw();
  app.removeAttribute('aria-busy');
  post({ type: 'resilience:ready', ...info() });
}

const started = start().catch((e) => {
  failure = e.code ? e : problem('internal', e.message);
  app.removeAttribute('aria-busy');
  fill(app, h('p', { role: 'alert', class: 'failed' }, tr ? tr.t('embed.failed') : FAILED));
});

const errorMessage = (e) => ({ type: 'resilience:error', code: e.code || 'internal', message: e.message, issues: e.issues || [] });

addEventListener('message', async (e) => {
  // Only the page around us, only from a listed origin, only our messages: else no reply at all.
  if (!framed || e.source !== window.parent || !origins.includes(e.origin)) return;
  const m = e.data;
  if (!m || typeof m !== 'object' || typeof m.type !== 'string' || !m.type.startsWith('resilience:')) return;
  await started;
  if (partner !== e.origin) {
    // The page around us is another listed origin than we thought: consent was not for it.
    partner = e.origin;
    if (sharing) setSharing(false);
    showConsent();
  }
  const re = typeof m.id === 'string' || typeof m.id === 'number' ? { re: m.id } : {};
  const reply = (msg) => post({ ...msg, ...re }, e.origin);
  if (m.version !== VERSION)
    return reply({ type: 'resilience:error', code: 'unsupported_version', message: `version ${m.version} of the protocol is not supported`, supported: [VERSION] });
  if (failure) return reply(errorMessage(failure));
  switch (m.type) {
    case 'resilience:hello':
      return reply({ type: 'resilience:ready', ...info() });
    case 'resilience:get-result':
      return reply(resultMessage());
    case 'resilience:set-framework': {
      let next;
      try {
        next = m.framework == null ? defaultModel() : makeModel(m.framework);
      } catch (err) {
        return reply(errorMessage(err));
      }
      model = next;
      input = shape(input, model);
      draw();
      save();
      reply({ type: 'resilience:framework', framework: { id: model.fw.id, version: model.fw.version } });
      return push();
    }
    default:
      return reply({ type: 'resilience:error', code: 'unknown_type', message: `unknown message type ${m.type}` });
  }
});
