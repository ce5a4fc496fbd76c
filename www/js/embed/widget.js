// The embedded calculator: an assessment form generated from the framework and its results,
// redrawn live. Shared by the custom element (in its shadow root) and embed.html (the
// iframe). It holds no global state: every widget has its own framework, language and input.
// Text is only ever added as text nodes (dom.js), so framework texts, unit names and notes
// from anyone (the host page included) cannot inject markup.
import { h, s, uid, today, fill } from '../shared/dom.js';
import { bar, wrap } from '../shared/charts.js';
import { newId, scored, REASONS, answerCode, answerOf, answered } from '../app/records.js';

export const MODES = ['full', 'compact', 'results-only'];
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
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(a.date ?? '')) o.date = a.date;
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

/** The "diamond": pillar scores on one axis each, with the figures as its text alternative. */
function radar(items, title, fmt) {
  const W = 440;
  const H = 320;
  const cx = W / 2;
  const cy = H / 2;
  const R = 92;
  const n = Math.max(items.length, 3);
  const at = (i, r) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  };
  const poly = (f) => items.map((_, i) => at(i, f(i)).map((x) => x.toFixed(1)).join(',')).join(' ');
  const ti = uid('rt');
  const kids = [s('title', { id: ti }, title)];
  for (let g = 20; g <= 100; g += 20) kids.push(s('polygon', { class: 'grid', points: poly(() => (R * g) / 100) }));
  items.forEach((_, i) => {
    const [x, y] = at(i, R);
    kids.push(s('line', { class: 'grid', x1: cx, y1: cy, x2: x.toFixed(1), y2: y.toFixed(1) }));
  });
  if (items.every((it) => it.value != null)) kids.push(s('polygon', { class: 'area', points: poly((i) => (R * items[i].value) / 100) }));
  items.forEach((it, i) => {
    if (it.value != null) {
      const [x, y] = at(i, (R * it.value) / 100);
      kids.push(s('circle', { class: 'dot', cx: x.toFixed(1), cy: y.toFixed(1), r: 4 }));
    }
    const [x, y] = at(i, R + 12);
    const side = Math.abs(x - cx) < 1 ? 'middle' : x > cx ? 'start' : 'end';
    const lines = wrap(it.label, side === 'middle' ? 34 : 15);
    const top = y < cy - 1 ? y - (lines.length + 0.1) * 16 : y > cy + 1 ? y + 14 : y - (lines.length * 16) / 2 + 4;
    kids.push(
      s(
        'text',
        { class: 'lbl', x: x.toFixed(1), y: top.toFixed(1), 'text-anchor': side },
        lines.map((l, k) => s('tspan', { x: x.toFixed(1), dy: k ? 16 : 0 }, l)),
        s('tspan', { x: x.toFixed(1), dy: 17, class: 'val' }, fmt(it.value)),
      ),
    );
  });
  // The figures are in the pillar list beside the chart: the chart itself is a picture.
  return s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': ti }, kids);
}

/**
 * Draws a widget. Options: model (engine.js Model), tr (i18n.js translator), mode, readonly,
 * input (kept by the widget; changed in place by the user), notice (an element shown above the
 * form, e.g. what is stored), extra (elements shown below the overall score), onInput(input, result)
 * after every change by the user. Returns {el, result, set(input)}.
 */
export function widget({ model, tr, mode: m = 'full', readonly = false, input, notice = null, extra = [], onInput = () => {} }) {
  const { t, tx, num, pct } = tr;
  const fmt = (v) => (v == null ? t('score.none') : num(v));
  let a = input;
  let result = null;
  const form = m === 'results-only' ? null : h('form', { class: 'sheet', part: 'form', onsubmit: (e) => e.preventDefault() });
  // Focusable: beside the form it scrolls on its own, and keyboard users must be able to scroll it.
  const results = h('section', { class: 'results', part: 'results', 'aria-labelledby': uid('rh'), tabindex: 0 });
  const rh = results.getAttribute('aria-labelledby');
  // On a narrow widget the results come after the whole form: a bar stuck to the bottom of the
  // form keeps the overall index in view (hidden from screen readers: the results say it).
  const mini = form ? h('div', { class: 'mini', 'aria-hidden': 'true' }) : null;
  const progress = new Map();
  const who = new Map();
  const prefix = uid('w');

  const bandChip = (id) => {
    const b = id && model.band(id);
    return b ? h('span', { class: `band b-${b.id}`, part: 'band' }, tx(b.title)) : h('span', { class: 'band b-none', part: 'band' }, t('band.none'));
  };

  function warning(w, r) {
    const n = model.nodes.get(w.node);
    const v = r.nodes[w.node] || r.overall;
    const key = `warn.${w.code}`;
    const text = t(key, {
      name: w.node === 'overall' || n === model.fw.root ? t('result.overall') : tx(n?.title),
      n: v.respondents,
      spread: num(v.spread ?? 0, 0),
      pct: pct(v.coverage ?? 0),
      min: pct(n?.min_coverage ?? 0),
    });
    return h('li', { class: `w-${w.code}` }, text === key ? w.message : text);
  }

  function drawResults() {
    const r = result;
    const full = m !== 'compact';
    if (!r) return fill(results, h('h3', { id: rh }, t('result.title')), h('p', { role: 'alert' }, t('result.invalid')));
    const o = r.overall;
    const name = (id) => tx(model.nodes.get(id)?.title) || id;
    const weakest = r.weakest.map((id) => `${name(id)} (${fmt(r.nodes[id]?.score)})`);
    const capped = (n) =>
      n.capped_by ? h('span', { class: 'capped' }, ' ', t('result.capped', { band: tx(model.band(n.band_uncapped)?.title), names: n.capped_by.map(name).join(', ') })) : null;
    // Alarms first: an average must not bury a critical signal.
    const alarms = r.alarms.length
      ? h(
          'section',
          { class: 'alarms', part: 'alarms', role: 'alert' },
          h('h4', {}, t('result.alarms', { n: r.alarms.length })),
          h('ul', {}, r.alarms.map((x) => h('li', { 'data-alarm': x.indicator, 'data-kind': x.kind }, t(`alarm.${x.kind}`, { name: name(x.indicator), k: x.respondents_at_bottom, n: x.respondents })))),
          full ? h('p', { class: 'small' }, t('alarm.why')) : null,
        )
      : null;
    fill(
      results,
      h('h3', { id: rh }, t('result.title')),
      alarms,
      h(
        'div',
        { class: 'overall' },
        h('p', { class: 'k' }, t('result.overall')),
        h('p', { class: 'big', part: 'score', 'data-k': 'overall' }, fmt(o.score)),
        h('p', {}, bandChip(o.band), ' ', h('span', { class: 'muted' }, t('result.coverage', answered(r, model.indicators))), capped(o)),
      ),
      extra,
      full ? h('figure', { class: 'fig' }, radar(model.pillars.map((p) => ({ label: tx(p.title), value: r.nodes[p.id]?.score ?? null })), t('chart.radar'), fmt)) : null,
      h(
        'ul',
        { class: 'pillars' },
        model.pillars.map((p) => {
          const n = r.nodes[p.id] || {};
          return h(
            'li',
            {},
            h('span', { class: 'pn' }, tx(p.title)),
            h('span', { class: 'pv', 'data-k': p.id }, fmt(n.score)),
            bar(n.score),
            h('span', { class: 'pc muted' }, bandChip(n.band), ' ', t('result.coverage', answered(r, model.under.get(p.id))), capped(n)),
          );
        }),
      ),
      weakest.length ? h('p', { class: 'weakest' }, t('result.weakest', { pillars: weakest.join(', ') })) : null,
      full ? h('h4', {}, t('result.redflags', { n: r.red_flags.length })) : h('p', { class: 'flagcount' }, t('result.redflags', { n: r.red_flags.length })),
      full
        ? r.red_flags.length
          ? h('ul', { class: 'flags' }, r.red_flags.map((id) => h('li', {}, tx(model.nodes.get(id)?.title) || id)))
          : h('p', { class: 'muted' }, t('result.noredflags'))
        : null,
      full ? h('h4', {}, t('result.warnings', { n: r.warnings.length })) : null,
      full
        ? r.warnings.length
          ? h('ul', { class: 'warnings' }, r.warnings.map((w) => warning(w, r)))
          : h('p', { class: 'muted' }, t('result.nowarnings'))
        : null,
    );
  }

  function drawProgress() {
    for (const p of model.pillars) {
      const ids = model.under.get(p.id);
      const k = ids.filter((i) => scored(a.scores[i.id])).length;
      const el = progress.get(p.id);
      if (el) el.textContent = t('form.progress', { k, n: ids.length });
    }
    if (mini) {
      const done = model.indicators.filter((i) => scored(a.scores[i.id])).length;
      fill(mini, h('span', { class: 'big' }, fmt(result?.overall.score)), h('span', {}, t('form.progress', { k: done, n: model.indicators.length })));
    }
    for (const [id, el] of who) {
      const v = a.scores[id];
      el.textContent = Array.isArray(v) ? `${t('form.answers')}: ${v.map((x) => (x == null ? '–' : num(x, 0))).join(', ')}` : '';
    }
  }

  function rescore() {
    result = model.score(a);
    drawResults();
    drawProgress();
  }

  const changed = () => {
    rescore();
    onInput(a, result);
  };

  const locked = () => readonly || multi(a);

  // --- the form ------------------------------------------------------------------------------
  let unit;
  let when;
  let lockNote;
  function buildForm() {
    unit = h('input', { type: 'text', name: 'unit', autocomplete: 'off', maxlength: 200, part: 'input' });
    when = h('input', { type: 'date', name: 'date', part: 'input' });
    unit.addEventListener('input', () => ((a.unit = unit.value), changed()));
    when.addEventListener('input', () => ((a.date = when.value), changed()));
    lockNote = h('p', { class: 'notice', part: 'notice', hidden: true }, t('embed.multi'));
    const field = (label, control) => h('label', { class: 'field' }, h('span', { class: 'lab' }, label), control);
    const compact = m === 'compact';
    const block = (i, no) => {
      const name = `${prefix}-s-${i.id}`;
      const qid = uid('q');
      const anchors = i.scale?.anchors || [];
      const choice = (value, ...text) =>
        h('label', { class: 'ch', part: 'choice', title: compact && value !== '' ? tx(anchors.find((x) => String(x.value) === value)?.label) : null }, h('input', { type: 'radio', name, value, 'data-ind': i.id }), ...text);
      const w = h('p', { class: 'who muted' });
      who.set(i.id, w);
      return h(
        'fieldset',
        { class: 'ind', 'aria-describedby': qid },
        h('legend', {}, h('span', { class: 'no' }, no), ' ', tx(i.title)),
        compact ? null : h('p', { class: 'def' }, tx(i.definition)),
        h('p', { class: compact ? 'q vh' : 'q', id: qid }, tx(i.guidance)),
        h(
          'div',
          { class: 'choices' },
          anchors.map((an) =>
            compact
              ? choice(String(an.value), h('b', { class: 'v' }, num(an.value, 0)), h('span', { class: 'vh' }, tx(an.label)))
              : choice(String(an.value), h('b', { class: 'v' }, num(an.value, 0)), h('span', {}, tx(an.label))),
          ),
          compact ? null : Object.keys(REASONS).map((code) => choice(code, h('span', { class: 'ns' }, t(`form.reason.${code}`)))),
          compact ? choice('', h('b', { class: 'v' }, '–'), h('span', { class: 'vh' }, t('form.notscored'))) : choice('', h('span', { class: 'ns' }, t('form.notscored'))),
        ),
        w,
        compact ? null : field(t('form.note'), h('textarea', { name: `${prefix}-n-${i.id}`, 'data-note': i.id, rows: 2, maxlength: 5000, part: 'input' })),
      );
    };
    fill(
      form,
      notice,
      lockNote,
      h('div', { class: 'meta' }, field(t('form.unit'), unit), field(t('form.date'), when)),
      model.pillars.map((p, pi) => {
        const pr = h('span', { class: 'prog' });
        progress.set(p.id, pr);
        return h(
          'section',
          { class: 'pillar', 'aria-labelledby': `${prefix}-h-${pi}` },
          h('h3', { id: `${prefix}-h-${pi}` }, tx(p.title), ' ', pr),
          compact ? null : h('p', { class: 'muted' }, tx(p.description)),
          model.under.get(p.id).map((i, k) => block(i, `${pi + 1}.${k + 1}`)),
        );
      }),
      mini,
    );
    form.addEventListener('change', (e) => {
      const el = e.target;
      if (!el.dataset.ind || locked()) return;
      const x = answerOf(el.value);
      if (x == null) delete a.scores[el.dataset.ind];
      else a.scores[el.dataset.ind] = x;
      changed();
    });
    form.addEventListener('input', (e) => {
      const el = e.target;
      if (!el.dataset.note || locked()) return;
      if (el.value) a.notes[el.dataset.note] = el.value;
      else delete a.notes[el.dataset.note];
      onInput(a, result);
    });
  }

  /** Puts every control in line with the input. */
  function syncForm() {
    if (!form) return;
    const lock = locked();
    unit.value = a.unit ?? '';
    when.value = a.date ?? '';
    unit.readOnly = when.readOnly = lock;
    lockNote.hidden = readonly || !multi(a);
    for (const el of form.querySelectorAll('input[type=radio]')) {
      const v = a.scores[el.dataset.ind];
      el.checked = el.value === (Array.isArray(v) ? '' : answerCode(v));
      el.disabled = lock;
    }
    for (const el of form.querySelectorAll('textarea')) {
      el.value = a.notes[el.dataset.note] ?? '';
      el.readOnly = lock;
    }
  }

  if (form) buildForm();
  const el = h(
    'div',
    { class: `rs mode-${m}`, part: 'container', lang: tr.lang },
    h('div', { class: 'cols' }, form, results),
  );
  syncForm();
  rescore();

  return {
    el,
    get result() {
      return result;
    },
    /** Shows another input (kept by the widget from now on). */
    set(input) {
      a = input;
      syncForm();
      rescore();
    },
  };
}
