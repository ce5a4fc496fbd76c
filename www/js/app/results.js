// Results of one assessment: the overall index, pillars, diamond chart, indicator bars, red
// flags, warnings and a plain-language account of how the number came about.
import { h } from '../shared/dom.js';
import { t, tx, num, pct, date } from './lang.js';
import * as engine from './frameworks.js';
import { radar, bar, dataTable } from '../shared/charts.js';
import { multi, answered } from './records.js';
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

export function bandChip(id, F = engine.current) {
  const b = id && F.band(id);
  return b ? h('span', { class: `band b-${b.id}` }, tx(b.title)) : h('span', { class: 'band b-none' }, t('band.none'));
}

/** Scores a record with the framework it was made under; an input the engine rejects, or a
 * framework this app does not have, gives null (shown as "cannot score"). */
export function scoreOf(rec) {
  const F = engine.frameworkOf(rec);
  if (!F) return null;
  try {
    return engine.score(rec.input, F.fw);
  } catch {
    return null;
  }
}

// The views below take F, the indexed framework the result was scored with (engine.index()):
// an assessment made under an earlier version is shown with that version's titles.

const titles = (ids, F) => ids.map((id) => tx(F.nodes.get(id)?.title) || id).join(', ');

/** Why a band is lower than the score's own: an alarm capped it. */
function capped(n, F) {
  if (!n.capped_by) return null;
  const band = tx(F.band(n.band_uncapped)?.title);
  return h('span', { class: 'capped', 'data-capped': n.capped_by.join(' ') }, t('result.capped', { band, names: titles(n.capped_by, F) }));
}

/** Critical indicators at, or reported at, the bottom: shown before any score. */
export function alarms(r, F) {
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
          t(`alarm.${a.kind}`, { name: tx(F.nodes.get(a.indicator)?.title), k: a.respondents_at_bottom, n: a.respondents }),
        ),
      ),
    ),
    h('p', { class: 'small' }, t('alarm.why')),
  );
}

export function overall(r, F) {
  const o = r.overall;
  return h(
    'div',
    { class: 'overall' },
    h('p', { class: 'k' }, t('result.overall')),
    h('p', { class: 'big', 'data-k': 'overall' }, fmt(o.score)),
    h('p', {}, bandChip(o.band, F), ' ', h('span', { class: 'muted' }, t('result.coverage', answered(r, F.indicators)))),
    capped(o, F),
  );
}

export function diamond(r, F) {
  const items = F.pillars.map((p) => ({ label: tx(p.title), value: r.nodes[p.id].score }));
  return h(
    'figure',
    { class: 'fig' },
    radar(items, t('chart.radar')),
    dataTable(
      [t('result.pillar'), t('result.score'), t('result.band')],
      F.pillars.map((p) => [tx(p.title), fmt(r.nodes[p.id].score), r.nodes[p.id].band ? tx(F.band(r.nodes[p.id].band).title) : '—']),
      t('chart.radar'),
    ),
  );
}

export function pillarList(r, F) {
  return h(
    'ul',
    { class: 'pillars' },
    F.pillars.map((p) => {
      const n = r.nodes[p.id];
      return h(
        'li',
        {},
        h('span', { class: 'pn' }, tx(p.title)),
        h('span', { class: 'pv', 'data-k': p.id }, fmt(n.score)),
        bar(n.score),
        h('span', { class: 'pc muted' }, bandChip(n.band, F), ' ', t('result.coverage', answered(r, F.under.get(p.id)))),
        capped(n, F),
      );
    }),
  );
}

function flags(r, F) {
  const w = r.weakest.map((id) => `${tx(F.nodes.get(id).title)} (${fmt(r.nodes[id].score)})`);
  return [
    w.length ? h('p', { class: 'weakest' }, t('result.weakest', { pillars: w.join(', ') })) : null,
    h('h3', {}, t('result.redflags', { n: r.red_flags.length })),
    r.red_flags.length
      ? h('ul', { class: 'flags' }, r.red_flags.map((id) => h('li', {}, tx(F.nodes.get(id).title))))
      : h('p', { class: 'muted' }, t('result.noredflags')),
  ];
}

/** A warning in the user's language, from its code and the result's figures. */
function warning(w, r, F) {
  const n = F.nodes.get(w.node);
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

function warnings(r, F) {
  return [
    h('h3', {}, t('result.warnings', { n: r.warnings.length })),
    r.warnings.length
      ? h('ul', { class: 'warnings' }, r.warnings.map((w) => warning(w, r, F)))
      : h('p', { class: 'muted' }, t('result.nowarnings')),
  ];
}

/** Why a record has no result: a framework this app does not have, or invalid answers. */
function unscored(rec) {
  if (engine.frameworkOf(rec)) return h('p', { role: 'alert' }, t('result.invalid'));
  const f = engine.refOf(rec);
  return h('p', { role: 'alert', class: 'unknown-framework' }, t('result.unknownframework', { id: f.id, v: f.version }));
}

/** "Scored with framework version X" where X is not the current version, with what changed. */
export function scoredWith(rec) {
  const f = engine.refOf(rec);
  if (engine.isCurrent(f) || !engine.frameworkOf(rec)) return null;
  return h(
    'p',
    { class: 'notice scored-with', 'data-version': f.version },
    t('result.scoredwith', { v: f.version, current: engine.fw.version }),
    ' ',
    h('a', { href: '#/help?s=versions' }, t('result.whatchanged')),
  );
}

/** The short results beside the form, redrawn on every change (rec: the record scored). */
export function live(r, rec) {
  if (!r) return [unscored(rec)];
  const F = engine.frameworkOf(rec);
  const id = rec.id;
  // Before the first answer there is nothing to say: no band, no warnings, no reform list.
  if (!answered(r, F.indicators).k) return [h('h2', {}, t('result.title')), h('p', { class: 'empty' }, t('result.empty'))];
  return [
    h('h2', {}, t('result.title')),
    scoredWith(rec),
    alarms(r, F),
    overall(r, F),
    slot(id),
    diamond(r, F),
    pillarList(r, F),
    ...flags(r, F),
    ...warnings(r, F),
    h('p', { class: 'notrisk small' }, t('result.notrisk')),
    h('p', {}, h('a', { href: `#/r/${encodeURIComponent(id)}`, class: 'btn' }, t('result.full'))),
  ].filter((x) => x != null); // spread into replaceChildren(), where null would be the text "null"
}

/** How the number came about, in words, with this assessment's figures. */
export function explain(r, rec, F) {
  const fw = F.fw;
  const sc = F.indicators[0]?.scale || { min: 0, max: 4 };
  const agg = (node) => {
    const eq = node.children.every((c) => (c.weight ?? 1) === (node.children[0].weight ?? 1));
    return node.aggregation === 'arithmetic' ? t(eq ? 'explain.mean' : 'explain.wmean') : node.aggregation;
  };
  const out = [
    h('p', {}, t('explain.scale', { min: num(sc.min, 0), max: num(sc.max, 0), step: num(100 / (sc.max - sc.min), 0) })),
  ];
  if (multi(rec)) out.push(h('p', {}, t('explain.respondents', { agg: t(`agg.${fw.respondent_aggregation}`) })));
  const items = F.pillars.map((p) => {
    const n = r.nodes[p.id];
    const k = F.under.get(p.id).filter((i) => r.nodes[i.id].score != null).length;
    const base = { pillar: tx(p.title), k, n: F.under.get(p.id).length, agg: agg(p), min: pct(p.min_coverage ?? 0) };
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
    const b = F.band(o.band);
    out.push(h('p', {}, t('explain.band', { score: fmt(o.score), band: tx(b.title), from: num(b.min, 0), to: num(b.max, 0) })));
  }
  out.push(h('p', {}, t('explain.redflags')));
  out.push(h('p', {}, t('explain.alarms')));
  return out;
}

/** One bar per indicator, grouped by pillar, with the note where there is one. */
function indicatorBars(r, rec, F) {
  return F.pillars.map((p) =>
    h(
      'section',
      { class: 'ibars' },
      h('h3', {}, tx(p.title)),
      h(
        'ul',
        {},
        F.under.get(p.id).map((i) => {
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
  const F = engine.frameworkOf(rec);
  const f = engine.refOf(rec);
  return h(
    'article',
    { class: 'report' },
    h('h1', { tabindex: -1 }, a.unit || t('unit.untitled')),
    h(
      'p',
      { class: 'muted' },
      [date(a.date), t('result.framework', { title: F ? tx(F.fw.title) : f.id, v: f.version })].filter(Boolean).join(' · '),
    ),
    scoredWith(rec),
    rec.example ? h('p', { class: 'notice' }, t('example.notice')) : null,
    actions,
    r && F && !answered(r, F.indicators).k
      ? h('p', { class: 'empty' }, t('result.empty'))
      : r
      ? [
          alarms(r, F),
          h('div', { class: 'cols' }, h('div', {}, overall(r, F), pillarList(r, F), slot(rec.id, true)), diamond(r, F)),
          h('div', { class: 'cols' }, h('section', {}, ...flags(r, F)), h('section', {}, ...warnings(r, F))),
          h('p', { class: 'notrisk' }, t('result.notrisk')),
          h('section', { class: 'explain' }, h('h2', {}, t('explain.title')), explain(r, rec, F)),
          h('h2', {}, t('result.indicators')),
          indicatorBars(r, rec, F),
        ]
      : unscored(rec),
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
