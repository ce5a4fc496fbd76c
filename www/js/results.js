// Results of one assessment: the overall index, pillars, diamond chart, indicator bars, red
// flags, warnings and a plain-language account of how the number came about.
import { h } from './dom.js';
import { t, tx, num, pct, date } from './i18n.js';
import * as engine from './engine.js';
import { radar, bar, dataTable } from './charts.js';
import { multi } from './model.js';
import * as store from './storage.js';
import { exportButtons, unitChoice } from './export.js';
import { sheetButtons } from './sheets.js';

let analysis = null; // analysis.js: loaded when the first result is shown, not before the first screen

/** The analysis of assessment `id` (see analysis.js's slot); until its module is in, an empty
 * section that it replaces. */
function slot(id, full) {
  if (analysis) return analysis.slot(id, full);
  const el = h('section', { class: 'analysis', 'aria-live': 'polite' });
  import('./analysis.js').then((m) => {
    analysis = m;
    if (el.isConnected) el.replaceWith(m.slot(id, full));
  });
  return el;
}

const fmt = (v) => (v == null ? t('score.none') : num(v));

export function bandChip(id) {
  const b = id && engine.band(id);
  return b ? h('span', { class: `band b-${b.id}` }, tx(b.title)) : h('span', { class: 'band b-none' }, t('band.none'));
}

/** Scores a record; an input the engine rejects gives null (shown as "cannot score"). */
export function scoreOf(rec) {
  try {
    return engine.score(rec.input);
  } catch {
    return null;
  }
}

const leafCount = (p) => engine.under.get(p.id).length;

const titles = (ids) => ids.map((id) => tx(engine.nodes.get(id)?.title) || id).join(', ');

/** Why a band is lower than the score's own: an alarm capped it. */
function capped(n) {
  if (!n.capped_by) return null;
  const band = tx(engine.band(n.band_uncapped)?.title);
  return h('span', { class: 'capped', 'data-capped': n.capped_by.join(' ') }, t('result.capped', { band, names: titles(n.capped_by) }));
}

/** Critical indicators at, or reported at, the bottom: shown before any score. */
export function alarms(r) {
  if (!r.alarms.length) return null;
  return h(
    'section',
    { class: 'alarms', role: 'alert' },
    h('h3', {}, t('result.alarms', { n: r.alarms.length })),
    h(
      'ul',
      {},
      r.alarms.map((a) =>
        h(
          'li',
          { 'data-alarm': a.indicator, 'data-kind': a.kind },
          t(`alarm.${a.kind}`, { name: tx(engine.nodes.get(a.indicator)?.title), k: a.respondents_at_bottom, n: a.respondents }),
        ),
      ),
    ),
    h('p', { class: 'small' }, t('alarm.why')),
  );
}

export function overall(r) {
  const o = r.overall;
  return h(
    'div',
    { class: 'overall' },
    h('p', { class: 'k' }, t('result.overall')),
    h('p', { class: 'big', 'data-k': 'overall' }, fmt(o.score)),
    h('p', {}, bandChip(o.band), ' ', h('span', { class: 'muted' }, t('result.coverage', { pct: pct(o.coverage) }))),
    capped(o),
  );
}

export function diamond(r) {
  const items = engine.pillars.map((p) => ({ label: tx(p.title), value: r.nodes[p.id].score }));
  return h(
    'figure',
    { class: 'fig' },
    radar(items, t('chart.radar')),
    dataTable(
      [t('result.pillar'), t('result.score'), t('result.band')],
      engine.pillars.map((p) => [tx(p.title), fmt(r.nodes[p.id].score), r.nodes[p.id].band ? tx(engine.band(r.nodes[p.id].band).title) : '—']),
      t('chart.radar'),
    ),
  );
}

export function pillarList(r) {
  return h(
    'ul',
    { class: 'pillars' },
    engine.pillars.map((p) => {
      const n = r.nodes[p.id];
      return h(
        'li',
        {},
        h('span', { class: 'pn' }, tx(p.title)),
        h('span', { class: 'pv', 'data-k': p.id }, fmt(n.score)),
        bar(n.score),
        h('span', { class: 'pc muted' }, bandChip(n.band), ' ', t('result.coverage', { pct: pct(n.coverage) })),
        capped(n),
      );
    }),
  );
}

function flags(r) {
  const w = r.weakest.map((id) => `${tx(engine.nodes.get(id).title)} (${fmt(r.nodes[id].score)})`);
  return [
    w.length ? h('p', { class: 'weakest' }, t('result.weakest', { pillars: w.join(', ') })) : null,
    h('h3', {}, t('result.redflags', { n: r.red_flags.length })),
    r.red_flags.length
      ? h('ul', { class: 'flags' }, r.red_flags.map((id) => h('li', {}, tx(engine.nodes.get(id).title))))
      : h('p', { class: 'muted' }, t('result.noredflags')),
  ];
}

/** A warning in the user's language, from its code and the result's figures. */
function warning(w, r) {
  const n = engine.nodes.get(w.node);
  const v = r.nodes[w.node] || r.overall;
  const p = {
    name: w.node === 'overall' ? t('result.overall') : tx(n?.title),
    n: v.respondents,
    spread: num(v.spread ?? 0, 0),
    pct: pct(v.coverage ?? 0),
    min: pct(n?.min_coverage ?? 0),
  };
  const key = `warn.${w.code}`;
  const text = t(key, p);
  return h('li', { class: `w-${w.code}` }, text === key ? w.message : text);
}

function warnings(r) {
  return [
    h('h3', {}, t('result.warnings', { n: r.warnings.length })),
    r.warnings.length
      ? h('ul', { class: 'warnings' }, r.warnings.map((w) => warning(w, r)))
      : h('p', { class: 'muted' }, t('result.nowarnings')),
  ];
}

/** The short results beside the form, redrawn on every change. */
export function live(r, id) {
  if (!r) return [h('p', { role: 'alert' }, t('result.invalid'))];
  return [
    h('h2', {}, t('result.title')),
    alarms(r),
    overall(r),
    slot(id),
    diamond(r),
    pillarList(r),
    ...flags(r),
    ...warnings(r),
    h('p', { class: 'notrisk small' }, t('result.notrisk')),
    h('p', {}, h('a', { href: `#/r/${encodeURIComponent(id)}`, class: 'btn' }, t('result.full'))),
  ];
}

/** How the number came about, in words, with this assessment's figures. */
export function explain(r, rec) {
  const fw = engine.fw;
  const sc = engine.indicators[0]?.scale || { min: 0, max: 4 };
  const agg = (node) => {
    const eq = node.children.every((c) => (c.weight ?? 1) === (node.children[0].weight ?? 1));
    return node.aggregation === 'arithmetic' ? t(eq ? 'explain.mean' : 'explain.wmean') : node.aggregation;
  };
  const out = [
    h('p', {}, t('explain.scale', { min: num(sc.min, 0), max: num(sc.max, 0), step: num(100 / (sc.max - sc.min), 0) })),
  ];
  if (multi(rec)) out.push(h('p', {}, t('explain.respondents', { agg: t(`agg.${fw.respondent_aggregation}`) })));
  const items = engine.pillars.map((p) => {
    const n = r.nodes[p.id];
    const k = engine.under.get(p.id).filter((i) => r.nodes[i.id].score != null).length;
    const base = { pillar: tx(p.title), k, n: leafCount(p), agg: agg(p), min: pct(p.min_coverage ?? 0) };
    return h(
      'li',
      {},
      n.score == null ? t('explain.pillar.none', base) : t('explain.pillar', { ...base, score: fmt(n.score) }),
    );
  });
  out.push(h('ul', {}, items));
  const o = r.overall;
  const root = { agg: agg(fw.root), min: pct(fw.root.min_coverage ?? 0), score: fmt(o.score) };
  out.push(h('p', {}, o.score == null ? t('explain.overall.none', root) : t('explain.overall', root)));
  if (o.band) {
    const b = engine.band(o.band);
    out.push(h('p', {}, t('explain.band', { score: fmt(o.score), band: tx(b.title), from: num(b.min, 0), to: num(b.max, 0) })));
  }
  out.push(h('p', {}, t('explain.redflags')));
  out.push(h('p', {}, t('explain.alarms')));
  return out;
}

/** One bar per indicator, grouped by pillar, with the note where there is one. */
function indicatorBars(r, rec) {
  return engine.pillars.map((p) =>
    h(
      'section',
      { class: 'ibars' },
      h('h3', {}, tx(p.title)),
      h(
        'ul',
        {},
        engine.under.get(p.id).map((i) => {
            const n = r.nodes[i.id];
            const note = rec.input.notes[i.id];
            return h(
              'li',
              { class: r.red_flags.includes(i.id) ? 'flag' : null },
              h('span', { class: 'in' }, tx(i.title)),
              h('span', { class: 'iv', 'data-k': i.id }, n.missing ? t(`result.missing.${n.missing}`) : fmt(n.score)),
              bar(n.score),
              n.respondents > 1
                ? h('span', { class: 'muted small' }, t('result.resp', { n: n.respondents, spread: num(n.spread, 0) }))
                : null,
              note ? h('p', { class: 'note' }, t('result.note'), ' ', note) : null,
            );
          }),
      ),
    ),
  );
}

/** The full report of one assessment (also what is printed). */
export function report(rec, r, actions) {
  const a = rec.input;
  return h(
    'article',
    { class: 'report' },
    h('h1', { tabindex: -1 }, a.unit || t('unit.untitled')),
    h(
      'p',
      { class: 'muted' },
      [date(a.date), t('result.framework', { title: tx(engine.fw.title), v: engine.fw.version })].filter(Boolean).join(' · '),
    ),
    rec.example ? h('p', { class: 'notice' }, t('example.notice')) : null,
    actions,
    r
      ? [
          alarms(r),
          h('div', { class: 'cols' }, h('div', {}, overall(r), pillarList(r), slot(rec.id, true)), diamond(r)),
          h('div', { class: 'cols' }, h('section', {}, ...flags(r)), h('section', {}, ...warnings(r))),
          h('p', { class: 'notrisk' }, t('result.notrisk')),
          h('section', { class: 'explain' }, h('h2', {}, t('explain.title')), explain(r, rec)),
          h('h2', {}, t('result.indicators')),
          indicatorBars(r, rec),
        ]
      : h('p', { role: 'alert' }, t('result.invalid')),
  );
}

/** The results page of one assessment, with its exports and print. */
export function resultsView(id) {
  const rec = store.get(id);
  if (!rec) return null;
  const named = unitChoice();
  const actions = h(
    'div',
    { class: 'toolbar noprint' },
    h('a', { href: `#/a/${encodeURIComponent(id)}`, class: 'btn primary' }, t('result.edit')),
    h('button', { type: 'button', onclick: () => print() }, t('result.print')),
    exportButtons(() => [store.get(id)].filter(Boolean), t('export.one'), named.on),
    sheetButtons(() => [store.get(id)].filter(Boolean), named.on),
    named.el,
  );
  return { el: report(rec, scoreOf(rec), actions), title: t('title.results') }; // never the unit's name (app.js)
}
