// embed.html: the calculator in an iframe of our origin, for partner pages that must not see
// the data. The page around it talks to it only through postMessage, with messages of the
// form {type: "resilience:…", version: 1, …}, and only from the origins listed in
// ?origins= (the same list the server puts in the CSP frame-ancestors). Messages from any
// other origin or window are ignored without a reply; replies and results go to the
// embedding page's own origin, never to "*".
//
// What may leave: the overall score (rounded as shown) and its band, nothing else, and only
// when the user presses "Share this result" in the iframe, once per assessment. It is never
// pushed on a change. It is refused (with the reason shown to the user) when fewer than 3
// indicators are answered, or when the summary would let the page work out any single answer
// (deniable(), below: e.g. a framework whose weights spell the answers out, or every answer at
// the top). A second share of the same assessment is never offered: the difference of two
// summaries would reveal the answers changed in between. The page may change the framework at
// any time; that withdraws what was shared (get-result then answers shared: false) and sends
// nothing. See docs/embedding.md, "What is shared, when, and why".
//
// Query parameters: lang (en, fr…), mode (full | compact | results-only), readonly (1),
// storage (none | local; default none), origins (comma-separated), accent (hex colour, no #).
import { h, fill } from '../shared/dom.js';
import { load, defaultForm, model as makeModel, problem, REASONS } from '../shared/model.js';
import { translator, pick } from '../shared/i18n.js';
import { widget, blank, shape, output, downloadButton, mode as pickMode, FAILED } from './widget.js';
import { originsOf } from './origins.js';

export const VERSION = 1;
const KEY = 'resilience.embed.frame';
const SHARED_KEY = 'resilience.embed.frame.shared'; // ids (random) of assessments already shared
/** Indicators an overall must aggregate before it is shared at all. */
export const MIN_ANSWERS = 3;

const q = new URLSearchParams(location.search);

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
/** The summary the user last shared (what get-result answers), or null. */
let snapshot = null;
/** Ids of the assessments whose result was shared: once each. */
const sharedIds = new Set();

// The parent's origin, where the browser tells it (Chromium, Safari); else, with a single
// listed origin, that one (postMessage delivers only if the parent really is of that origin).
const ancestor = location.ancestorOrigins?.[0];
if (framed) partner = ancestor ? (origins.includes(ancestor) ? ancestor : null) : origins.length === 1 ? origins[0] : null;

function post(msg, to = partner) {
  if (framed && to) window.parent.postMessage({ ...msg, version: VERSION }, to);
}

/** What may be shared: the overall score (one decimal, as shown) and its band; never the
 * pillars, the answers, notes, unit name or date. Null without an overall score. */
export function summary(r, m = model) {
  if (r?.overall?.score == null) return null;
  return {
    framework: { ...m.ref },
    overall: { score: Math.round(r.overall.score * 10) / 10, band: r.overall.band ?? null },
  };
}

const MISSING = Object.values(REASONS).map((missing) => ({ missing }));
/** Every state an indicator's answer can be in: each anchor's value, each reason, or none. */
const statesOf = (ind) => [...(ind.scale?.anchors || []).map((x) => x.value), ...MISSING, undefined];
const sameState = (x, y) => (x?.missing ?? x) === (y?.missing ?? y);
const answers = (a, m) => m.indicators.filter((i) => typeof a.scores[i.id] === 'number').length;

/**
 * Whether no single answer can be worked out from the summary of `a`: for every indicator,
 * another input exists that differs in that indicator (in its number, if it has one; else in
 * its state) and at most one other, and gives the same summary. So whatever the framework's
 * weights, bands and alarms, the page cannot tell what any one answer was. (Sufficient, not
 * necessary: a summary that only a change of three answers would match is refused too.)
 */
export function deniable(a, m = model) {
  const key = (x) => JSON.stringify(summary(m.score(x), m)?.overall ?? null);
  const want = key(a);
  const set = (x, id, v) => {
    const scores = { ...x.scores };
    if (v === undefined) delete scores[id];
    else scores[id] = v;
    return { ...x, scores, notes: {} };
  };
  for (const i of m.indicators) {
    const cur = a.scores[i.id];
    const numeric = typeof cur === 'number';
    const alts = statesOf(i).filter((v) => !sameState(v, cur) && (!numeric || typeof v === 'number'));
    let found = false;
    search: for (const v of alts) {
      const b = set(a, i.id, v);
      if (key(b) === want) {
        found = true;
        break;
      }
      for (const j of m.indicators) {
        if (j === i) continue;
        for (const w of statesOf(j)) {
          if (sameState(w, b.scores[j.id])) continue;
          if (key(set(b, j.id, w)) === want) {
            found = true;
            break search;
          }
        }
      }
    }
    if (!found) return false;
  }
  return true;
}

/** Why the current result may not be shared ('none', 'multi', 'again', 'few'), or null. The
 * slower check (deniable) runs when the user asks to share. */
function withheld() {
  if (!summary(view?.result)) return 'none';
  if (Object.values(input.scores).some(Array.isArray)) return 'multi';
  if (sharedIds.has(input.id)) return 'again';
  if (answers(input, model) < MIN_ANSWERS) return 'few';
  return null;
}

const resultMessage = () => (snapshot && partner ? { type: 'resilience:result', shared: true, summary: snapshot } : { type: 'resilience:result', shared: false });

// --- sharing: one button, one snapshot -----------------------------------------------------------
const shareBtn = h('button', { type: 'button', name: 'share', part: 'button', 'aria-describedby': 'share-hint', onclick: () => share() });
const shareHint = h('p', { class: 'hint', id: 'share-hint' });
const shareStatus = h('p', { class: 'share-status', role: 'status' });
const again = h('button', { type: 'button', class: 'link', 'data-action': 'new', hidden: true, onclick: () => fresh() });
const consent = h('div', { class: 'consent', part: 'consent', hidden: true }, shareBtn, shareHint, shareStatus, again);

function showConsent() {
  consent.hidden = !(framed && partner && tr);
  if (consent.hidden) return;
  shareBtn.textContent = tr.t('embed.share', { origin: partner });
  shareHint.textContent = tr.t('embed.share.hint');
  again.textContent = tr.t('embed.new');
  const why = withheld();
  shareBtn.disabled = !!why;
  again.hidden = why !== 'again';
  if (why === 'again' && snapshot && sharedIds.has(input.id))
    shareStatus.textContent = tr.t('embed.shared', { origin: partner, score: tr.num(snapshot.overall.score), band: tr.tx(model.band(snapshot.overall.band)?.title) || '–' });
  else shareStatus.textContent = why ? tr.t(`embed.withheld.${why}`) : '';
}

/** The user pressed Share: the current summary goes to the page, once, if no answer can be
 * worked out from it. */
function share() {
  if (!partner || withheld()) return showConsent();
  const s = summary(view.result);
  if (!deniable(input, model)) {
    shareBtn.disabled = true;
    shareStatus.textContent = tr.t('embed.withheld.reveals');
    return;
  }
  snapshot = s;
  sharedIds.add(input.id);
  remember();
  post({ type: 'resilience:consent', shared: true });
  post(resultMessage());
  showConsent();
}

/** What was shared is withdrawn (the framework or the page changed): the page is told, and
 * get-result answers shared: false from now on. Nothing else is sent. */
function withdraw() {
  if (!snapshot) return;
  snapshot = null;
  post({ type: 'resilience:consent', shared: false });
}

/** A new, empty assessment (the only way to share again). */
function fresh() {
  snapshot = null;
  input = blank();
  draw();
  save();
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

/** With a draft kept (storage=local), which assessments were shared: a reload must not offer a
 * second share of the same one. */
function remember() {
  if (!storing) return;
  try {
    localStorage.setItem(SHARED_KEY, JSON.stringify([...sharedIds].slice(-50)));
  } catch {
    /* kept in this page only */
  }
}

function recall() {
  if (!storing) return;
  try {
    for (const id of JSON.parse(localStorage.getItem(SHARED_KEY)) || []) if (typeof id === 'string') sharedIds.add(id);
  } catch {
    /* nothing kept */
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
    onInput: () => (save(), showConsent()),
  });
  fill(app, view.el);
  showConsent();
}

const info = () => ({
  lang: tr.lang,
  mode: viewMode,
  readonly,
  framework: { ...model.ref },
  shared: !!snapshot,
});

async function start() {
  const lang = pick(q.get('lang'), navigator.languages || []);
  [tr, , model] = await Promise.all([translator(lang), load(), defaultForm(lang)]);
  document.documentElement.lang = tr.lang;
  document.title = tr.t('app.name');
  recall();
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
    withdraw();
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
        next = m.framework == null ? await defaultForm(tr.lang) : makeModel(m.framework);
      } catch (err) {
        return reply(errorMessage(err));
      }
      // Another framework: what was shared is withdrawn, and nothing is sent. This assessment
      // stays shared once (its answers are kept), so no second summary of it is offered.
      withdraw();
      model = next;
      input = shape(input, model);
      draw();
      save();
      return reply({ type: 'resilience:framework', framework: { ...model.ref } });
    }
    default:
      return reply({ type: 'resilience:error', code: 'unknown_type', message: `unknown message type ${m.type}` });
  }
});
