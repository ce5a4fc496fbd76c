// The embedded calculator: an assessment form generated from the framework and its results,
// redrawn live. Shared by the custom element (in its shadow root) and embed.html (the
// iframe). It holds no global state: every widget has its own Model, translator and input.
// The form's and the results' parts are the app's (shared/form.js, shared/results.js). Text is
// only ever added as text nodes (dom.js), so framework texts, unit names and notes from anyone
// (the host page included) cannot inject markup.
import { h, uid, today, fill, field } from '../shared/dom.js';
import { newId, scored, answerCode, answerOf, DATE } from '../shared/model.js';
import { indicatorBlock } from '../shared/form.js';
import { alarms, overall, diamond, pillarList, weakest, redFlags, warnings } from '../shared/results.js';

export const MODES = ['full', 'compact', 'results-only'];
/** What the element and the iframe say when they cannot start without their translations. */
export const FAILED = 'The calculator could not start.';
export const mode = (m) => (MODES.includes(m) ? m : 'full');

/** An empty input. */
export const blank = () => ({ id: newId(), unit: '', date: today(), scores: {}, notes: {} });

/** A copy of `x` in the shape the widget keeps ({id, unit, date, scores, notes}), with the
 * answers to indicators that `model` does not have left out. */
export function shape(x, model) {
  const a = { id: String(x?.id || newId()), unit: x?.unit ?? '', date: x?.date ?? '', scores: {}, notes: {} };
  for (const [k, v] of Object.entries(x?.scores || {})) if (model.ids.has(k) && scored(v)) a.scores[k] = Array.isArray(v) ? [...v] : v;
  for (const [k, v] of Object.entries(x?.notes || {})) if (model.ids.has(k) && v) a.notes[k] = String(v);
  return a;
}

/** The engine's input for `a`: {id, unit?, date?, scores, notes}, a copy. */
export function output(a) {
  if (!a) return null;
  const o = { id: a.id };
  if (a.unit) o.unit = a.unit;
  if (DATE.test(a.date ?? '')) o.date = a.date;
  o.scores = structuredClone(a.scores ?? {});
  o.notes = { ...a.notes };
  return o;
}

/** What is kept of the answers (nothing, or a draft in this browser), with a button that
 * downloads them as JSON (to the user's disk, nowhere else). `where` holds the hidden link. */
export function downloadButton(tr, storing, where, input) {
  const save = () => {
    const a = input();
    const text = JSON.stringify({ assessments: [output(a)] }, null, 2) + '\n';
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = h('a', { href: url, download: `resilience-${a.id}.json`, hidden: true });
    where.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 6e4);
  };
  return h(
    'div',
    { class: 'notice store', part: 'notice' },
    h('p', {}, tr.t(storing ? 'embed.storage.local' : 'embed.storage.none')),
    h('button', { type: 'button', part: 'button', 'data-action': 'download', onclick: save }, tr.t('embed.download')),
  );
}

/** Several respondents in this input (a list of scores anywhere)? */
const multi = (a) => Object.values(a.scores).some(Array.isArray);

/** The results of `r` (null: the engine refused the input) as the widget shows them in mode `m`. */
function resultParts(r, model, tr, m, heading, extra) {
  const { t } = tr;
  const full = m !== 'compact';
  if (!r) return [heading, h('p', { role: 'alert' }, t('result.invalid'))];
  return [
    heading,
    // Alarms first: an average must not bury a critical signal.
    alarms(r, model, tr, { level: 4, why: full }),
    overall(r, model, tr),
    extra,
    // The figures are in the pillar list beside the chart: the chart itself is a picture.
    full ? diamond(r, model, tr, { table: false }) : null,
    pillarList(r, model, tr),
    weakest(r, model, tr),
    full ? redFlags(r, model, tr, { level: 4 }) : h('p', { class: 'flagcount' }, t('result.redflags', { n: r.red_flags.length })),
    full ? warnings(r, model, tr, { level: 4 }) : null,
  ];
}

/**
 * Draws a widget. Options: model (shared/model.js Model), tr (shared/i18n.js translator), mode,
 * readonly, input (kept by the widget; changed in place by the user), notice (an element shown
 * above the form, e.g. what is stored), extra (elements shown below the overall score),
 * onInput(input, result) after every change by the user. Returns {el, result, set(input)}.
 */
export function widget({ model, tr, mode: m = 'full', readonly = false, input, notice = null, extra = [], onInput = () => {} }) {
  // What the form and the results share: the input shown, its result, who may change it.
  const w = { model, tr, m, a: input, result: null, locked: () => readonly || multi(w.a), readonly };
  // Focusable: beside the form it scrolls on its own, and keyboard users must be able to scroll it.
  const rh = uid('rh');
  const results = h('section', { class: 'results', part: 'results', 'aria-labelledby': rh, tabindex: 0 });
  const form = m === 'results-only' ? null : sheet(w, notice, { rescore: () => (rescore(), onInput(w.a, w.result)), noted: () => onInput(w.a, w.result) });

  function rescore() {
    w.result = model.score(w.a);
    fill(results, resultParts(w.result, model, tr, m, h('h3', { id: rh }, tr.t('result.title')), extra));
    form?.progress();
  }

  const el = h('div', { class: `rs mode-${m}`, part: 'container', lang: tr.lang }, h('div', { class: 'cols' }, form?.el, results));
  form?.sync();
  rescore();
  return {
    el,
    get result() {
      return w.result;
    },
    /** Shows another input (kept by the widget from now on). */
    set(input) {
      w.a = input;
      form?.sync();
      rescore();
    },
  };
}

/** The widget's form: unit and date, a section per pillar with its progress, each indicator
 * (shared/form.js), and on a narrow widget a bar that keeps the overall index in view. `on`:
 * {rescore() after an answer, the unit or the date changed; noted() after a note changed}.
 * Returns {el, sync() (every control in line with the input), progress() (redrawn)}. */
function sheet(w, notice, on) {
  const { model, tr, m } = w;
  const { t, num } = tr;
  const compact = m === 'compact';
  const prefix = uid('w');
  const progress = new Map(); // pillar id → its "k of n" element
  const who = new Map(); // indicator id → the element listing respondents' answers
  const unit = h('input', { type: 'text', name: 'unit', autocomplete: 'off', maxlength: 200, part: 'input' });
  const when = h('input', { type: 'date', name: 'date', part: 'input' });
  const lockNote = h('p', { class: 'notice', part: 'notice', hidden: true }, t('embed.multi'));
  // The results come after the whole form on a narrow widget: this bar, stuck to the bottom of
  // the form, keeps the overall index in view (hidden from screen readers: the results say it).
  const mini = h('div', { class: 'mini', 'aria-hidden': 'true' });
  const block = (i, no) => {
    const el = h('p', { class: 'who muted' });
    who.set(i.id, el);
    return indicatorBlock(i, no, tr, { names: { score: `${prefix}-s-${i.id}`, note: `${prefix}-n-${i.id}` }, compact, who: el });
  };
  const pillar = (p, pi) => {
    const pr = h('span', { class: 'prog' });
    progress.set(p.id, pr);
    return h(
      'section',
      { class: 'pillar', 'aria-labelledby': `${prefix}-h-${pi}` },
      h('h3', { id: `${prefix}-h-${pi}` }, tr.tx(p.title), ' ', pr),
      compact ? null : h('p', { class: 'muted' }, tr.tx(p.description)),
      model.under.get(p.id).map((i, k) => block(i, `${pi + 1}.${k + 1}`)),
    );
  };
  const meta = h('div', { class: 'meta' }, field(t('form.unit'), unit), field(t('form.date'), when));
  const el = h('form', { class: 'sheet', part: 'form', onsubmit: (e) => e.preventDefault() }, notice, lockNote, meta, model.pillars.map(pillar), mini);

  unit.addEventListener('input', () => ((w.a.unit = unit.value), on.rescore()));
  when.addEventListener('input', () => ((w.a.date = when.value), on.rescore()));
  el.addEventListener('change', (e) => {
    const c = e.target;
    if (!c.dataset.ind || w.locked()) return;
    const x = answerOf(c.value);
    if (x == null) delete w.a.scores[c.dataset.ind];
    else w.a.scores[c.dataset.ind] = x;
    on.rescore();
  });
  el.addEventListener('input', (e) => {
    const c = e.target;
    if (!c.dataset.note || w.locked()) return;
    if (c.value) w.a.notes[c.dataset.note] = c.value;
    else delete w.a.notes[c.dataset.note];
    on.noted();
  });

  return {
    el,
    sync() {
      const lock = w.locked();
      const a = w.a;
      unit.value = a.unit ?? '';
      when.value = a.date ?? '';
      unit.readOnly = when.readOnly = lock;
      lockNote.hidden = w.readonly || !multi(a);
      for (const c of el.querySelectorAll('input[type=radio]')) {
        const v = a.scores[c.dataset.ind];
        c.checked = c.value === (Array.isArray(v) ? '' : answerCode(v));
        c.disabled = lock;
      }
      for (const c of el.querySelectorAll('textarea')) {
        c.value = a.notes[c.dataset.note] ?? '';
        c.readOnly = lock;
      }
    },
    progress() {
      const pr = model.progress(w.a.scores);
      for (const [id, x] of progress) x.textContent = t('form.progress', pr.pillars.get(id));
      fill(mini, h('span', { class: 'big' }, tr.score(w.result?.overall.score)), h('span', {}, t('form.progress', pr.all)));
      for (const [id, x] of who) {
        const v = w.a.scores[id];
        x.textContent = Array.isArray(v) ? `${t('form.answers')}: ${v.map((y) => (y == null ? '–' : num(y, 0))).join(', ')}` : '';
      }
    },
  };
}
