// The results page of one assessment (loaded on use: from later.js, which every first screen
// asks for right after it is drawn): the full report (also what is printed) with a
// plain-language account of how the number came about, its exports and print. The short results
// beside the form are live.js's. The parts they are made of are the embed's too
// (shared/results.js). `app` is what the shell gives every page: the translator `tr` and the
// frameworks `models`.
import { h } from '../shared/dom.js';
import { bar } from '../shared/charts.js';
import { answered } from '../shared/model.js';
import { alarms, overall, diamond, pillarList, weakest, redFlags, warnings } from '../shared/results.js';
import { refOf } from './frameworks.js';
import { multi } from './records.js';
import * as store from './storage.js';
import { exportButtons, unitChoice } from './export.js';
import { sheetButtons } from './sheets.js';
import { earlyWarning, signsPresent } from './warning.js';
import { evidenceLine, lowConfidence } from './evidence.js';
import { foaCoverage } from './foa.js';
import { groupResults } from './groups.js';
import { isTeam } from '../shared/team.js';
import { toQuestion, slot, unscored, scoredWith } from './live.js';

let team = null; // team.js: loaded with the first team assessment shown

/** The team section of a team assessment's results (team.js), drawn once its module is in. */
function teamSlot(app, rec) {
  if (team) return team.teamSection(app, rec);
  const el = h('div');
  // (It names answers by their anchors' labels: every pillar's texts first, Model.texts().)
  const texts = (app.models.of(rec) ?? app.models.current).texts().catch(() => {});
  Promise.all([import('./team.js'), texts]).then(([m]) => {
    team = m;
    if (el.isConnected) el.replaceWith(m.teamSection(app, rec) ?? '');
  });
  return el;
}

/** How the number came about, in words, with this assessment's figures. */
export function explain(r, rec, F, tr) {
  const { t, num, pct } = tr;
  const fw = F.fw;
  const sc = F.indicators[0]?.scale || { min: 0, max: 4 };
  const agg = (node) => {
    const eq = node.children.every((c) => (c.weight ?? 1) === (node.children[0].weight ?? 1));
    return node.aggregation === 'arithmetic' ? t(eq ? 'explain.mean' : 'explain.wmean') : node.aggregation;
  };
  const out = [h('p', {}, t('explain.scale', { min: num(sc.min, 0), max: num(sc.max, 0), step: num(100 / (sc.max - sc.min), 0) }))];
  if (multi(rec)) out.push(h('p', {}, t('explain.respondents', { agg: t(`agg.${fw.respondent_aggregation}`) })));
  const items = F.pillars.map((p) => {
    const n = r.nodes[p.id];
    const k = F.under.get(p.id).filter((i) => r.nodes[i.id].score != null).length;
    const base = { pillar: tr.tx(p.title), k, n: F.under.get(p.id).length, agg: agg(p), min: pct(p.min_coverage ?? 0) };
    return h('li', {}, n.score == null ? t('explain.pillar.none', base) : t('explain.pillar', { ...base, score: tr.score(n.score) }));
  });
  out.push(h('ul', {}, items));
  const o = r.overall;
  const root = { agg: agg(fw.root), min: pct(fw.root.min_coverage ?? 0), score: tr.score(o.score) };
  out.push(h('p', {}, o.score == null ? t('explain.overall.none', root) : t('explain.overall', root)));
  if (o.band) {
    const b = F.band(o.band);
    // The band's range as the help gives it, without overlap: "37.5 to under 62.5".
    const v = (y) => num(y, Number.isInteger(y) ? 0 : 1);
    const range = b.max >= 100 ? t('help.range.last', { from: v(b.min), to: v(100) }) : t('help.range.v', { from: v(b.min), to: v(b.max) });
    out.push(h('p', {}, t('explain.band', { score: tr.score(o.score), band: tr.tx(b.title), range })));
  }
  out.push(h('p', {}, t('explain.redflags')));
  out.push(h('p', {}, t('explain.alarms')));
  return out;
}

/** One bar per indicator, grouped by pillar, with the answer chosen on the indicator's own
 * scale beside its score on 0–100 (the median of several respondents), and the note where
 * there is one; each name leads to its question. */
function indicatorBars(r, rec, F, tr) {
  const { t, num } = tr;
  const link = toQuestion(rec.id);
  return F.pillars.map((p) =>
    h(
      'section',
      { class: 'ibars' },
      h('h3', {}, tr.tx(p.title)),
      h(
        'ul',
        {},
        F.under.get(p.id).map((i) => {
          const n = r.nodes[i.id];
          const note = rec.input.notes[i.id];
          return h(
            'li',
            { class: r.red_flags.includes(i.id) ? 'flag' : null },
            h('span', { class: 'in' }, h('a', { href: link(i.id), 'data-ind': i.id }, tr.tx(i.title))),
            h(
              'span',
              { class: 'iv' },
              h('span', { 'data-k': i.id }, n.missing ? t(`result.missing.${n.missing}`) : tr.score(n.score)),
              n.value != null ? h('span', { class: 'av', 'data-a': i.id }, t('result.answer', { v: num(n.value, Number.isInteger(n.value) ? 0 : 1), max: num(i.scale?.max ?? 4, 0) })) : null,
            ),
            bar(n.score),
            n.respondents > 1 ? h('span', { class: 'muted small' }, t('result.resp', { n: n.respondents, spread: num(n.spread, 0) })) : null,
            note ? h('p', { class: 'note' }, t('result.note'), ' ', note) : null,
            evidenceLine(rec, i.id, tr),
          );
        }),
      ),
    ),
  );
}

/** The full report of one assessment (also what is printed). */
export function report(app, rec, r, actions) {
  const { tr } = app;
  const { t } = tr;
  const a = rec.input;
  const F = app.models.of(rec);
  const f = refOf(rec);
  const teamPart = isTeam(a) ? teamSlot(app, rec) : null;
  return h(
    'article',
    { class: 'report' },
    h('h1', { tabindex: -1 }, a.unit || t('unit.untitled')),
    h('p', { class: 'muted' }, [tr.date(a.date), t('result.framework', { title: F ? tr.tx(F.fw.title) : f.id, v: f.version })].filter(Boolean).join(' · ')),
    scoredWith(app, rec),
    rec.example ? h('p', { class: 'notice' }, t('example.notice')) : null,
    actions,
    r && F && !answered(r, F.indicators).k
      ? [earlyWarning(r, F, tr), signsPresent(r, F, tr, { quiet: true }), h('p', { class: 'empty' }, t('result.empty')), teamPart]
      : r
        ? [
            earlyWarning(r, F, tr),
            alarms(r, F, tr, { link: toQuestion(rec.id) }),
            teamPart, // after the alarms, before the scores its switch chooses
            h(
              'div',
              { class: 'cols' },
              h('div', {}, overall(r, F, tr), pillarList(r, F, tr), slot(app, rec.id, true)),
              h('div', {}, diamond(r, F, tr), signsPresent(r, F, tr, { answer: `#/a/${encodeURIComponent(rec.id)}?s=signs` })),
            ),
            h(
              'div',
              { class: 'cols' },
              h('section', {}, weakest(r, F, tr), ...redFlags(r, F, tr, { link: toQuestion(rec.id) })),
              h('section', {}, ...warnings(r, F, tr, { link: toQuestion(rec.id) }), lowConfidence(r, F, tr, rec.id)),
            ),
            groupResults(r, F, tr),
            h('p', { class: 'notrisk' }, t('result.notrisk')),
            foaCoverage(r, F, tr, rec.id),
            h('section', { class: 'explain' }, h('h2', {}, t('explain.title')), explain(r, rec, F, tr)),
            h('h2', {}, t('result.indicators')),
            indicatorBars(r, rec, F, tr),
          ]
        : unscored(app, rec),
  );
}

/** The "Report" button (report.js, loaded after the page is drawn: it shows the button only
 * when the analysis module can write reports). */
function reportButton(app, id, named) {
  const el = h('span', { class: 'report-slot' });
  import('./report.js').then((m) => m.button(app, id, el, named));
  return el;
}

/** The results page of one assessment, with its exports and print. */
export function resultsView(app, id) {
  const rec = store.get(id);
  if (!rec) return null;
  const { t } = app.tr;
  const named = unitChoice(app.tr);
  const actions = h(
    'div',
    { class: 'toolbar noprint' },
    h('a', { href: `#/a/${encodeURIComponent(id)}`, class: 'btn primary' }, t('result.edit')),
    h('button', { type: 'button', onclick: () => print() }, t('result.print')),
    reportButton(app, id, named.on),
    exportButtons(app, () => [store.get(id)].filter(Boolean), t('export.one'), named.on),
    sheetButtons(app, () => [store.get(id)].filter(Boolean), named.on),
    named.el,
  );
  return { el: report(app, rec, app.models.score(rec), actions), title: t('title.results') }; // never the unit's name (app.js)
}
