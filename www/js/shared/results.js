// The parts a result is shown with, in the app (beside the form, on the results page, in the
// list and the comparison) and in the embed alike: the band chip, the alarms, the overall index,
// the diamond, the pillar list, the weakest pillars, the red flags and the warnings. Each takes
// the result `r`, the Model `F` it was scored with (shared/model.js: an assessment made under an
// earlier framework is shown with that framework's titles) and the translator `tr`
// (shared/i18n.js). `level`: the heading level of the parts' own headings (the app's page has
// its h1 and h2, the embed sits in the host page's). `link(indicatorId)`: where an alarm, a red
// flag or a warning about an indicator leads (the app: to its question); none in the embed.
import { h } from './dom.js';
import { radar, bar, dataTable } from './charts.js';
import { answered } from './model.js';

/** The title of node `id` in the user's language (the id where the framework has none). */
export const title = (F, tr, id) => tr.tx(F.nodes.get(id)?.title) || id;

/** `text` as a link to indicator `id`'s question where `link` gives one (and `id` is an
 * indicator of F), else as it is. */
export function toIndicator(text, id, F, link) {
  const href = link && F.ids.has(id) ? link(id) : null;
  return href ? h('a', { href, 'data-ind': id }, text) : text;
}

/** The band of a score as a coloured chip ("no band" for none). */
export function bandChip(id, F, tr) {
  const b = id && F.band(id);
  return b ? h('span', { class: `band b-${b.id}`, part: 'band' }, tr.tx(b.title)) : h('span', { class: 'band b-none', part: 'band' }, tr.t('band.none'));
}

/** Why a band is lower than the score's own: an alarm capped it. */
export function capped(n, F, tr) {
  if (!n?.capped_by) return null;
  const band = tr.tx(F.band(n.band_uncapped)?.title);
  return h('span', { class: 'capped', 'data-capped': n.capped_by.join(' ') }, tr.t('result.capped', { band, names: n.capped_by.map((id) => title(F, tr, id)).join(', ') }));
}

/** Critical indicators at, or reported at, the bottom: shown before any score. `why`: with the
 * sentence that says why an average must not bury them. */
export function alarms(r, F, tr, { level = 3, why = true, link = null } = {}) {
  if (!r.alarms.length) return null;
  const { t } = tr;
  return h(
    'section',
    { class: 'alarms', part: 'alarms', role: 'alert' },
    h(`h${level}`, {}, t('result.alarms', { n: r.alarms.length })),
    h(
      'ul',
      {},
      r.alarms.map((a) =>
        h(
          'li',
          { 'data-alarm': a.indicator, 'data-kind': a.kind },
          // A group gap names the worst- and best-off groups (user text: passed as text).
          toIndicator(t(`alarm.${a.kind}`, { name: title(F, tr, a.indicator), k: a.respondents_at_bottom, n: a.respondents, worst: a.worst_group, best: a.best_group }), a.indicator, F, link),
        ),
      ),
    ),
    why ? h('p', { class: 'small' }, t('alarm.why')) : null,
  );
}

/** The overall index, its band and how much of the framework it covers. */
export function overall(r, F, tr) {
  const o = r.overall;
  return h(
    'div',
    { class: 'overall' },
    h('p', { class: 'k' }, tr.t('result.overall')),
    h('p', { class: 'big', part: 'score', 'data-k': 'overall' }, tr.score(o.score)),
    h('p', {}, bandChip(o.band, F, tr), ' ', h('span', { class: 'muted' }, tr.t('result.coverage', answered(r, F.indicators)))),
    capped(o, F, tr),
  );
}

/** The diamond of the pillar scores; `table`: with its data table (the app's text alternative). */
export function diamond(r, F, tr, { table = true } = {}) {
  const { t, tx } = tr;
  const score = (p) => r.nodes[p.id]?.score ?? null;
  return h(
    'figure',
    { class: 'fig' },
    radar(F.pillars.map((p) => ({ label: tx(p.title), value: score(p) })), t('chart.radar'), tr),
    table
      ? dataTable(
          [t('result.pillar'), t('result.score'), t('result.band')],
          F.pillars.map((p) => [tx(p.title), tr.score(score(p)), r.nodes[p.id]?.band ? tx(F.band(r.nodes[p.id].band)?.title) : '—']),
          t('chart.radar'),
          tr,
        )
      : null,
  );
}

/** Each pillar: its score, a bar, its band and coverage. */
export function pillarList(r, F, tr) {
  return h(
    'ul',
    { class: 'pillars' },
    F.pillars.map((p) => {
      const n = r.nodes[p.id] || {};
      return h(
        'li',
        {},
        h('span', { class: 'pn' }, tr.tx(p.title)),
        h('span', { class: 'pv', 'data-k': p.id }, tr.score(n.score)),
        bar(n.score),
        h('span', { class: 'pc muted' }, bandChip(n.band, F, tr), ' ', tr.t('result.coverage', answered(r, F.under.get(p.id)))),
        capped(n, F, tr),
      );
    }),
  );
}

/** The weakest pillars, with their scores (null when every scored pillar is equal). */
export function weakest(r, F, tr) {
  const w = r.weakest.map((id) => `${title(F, tr, id)} (${tr.score(r.nodes[id]?.score)})`);
  return w.length ? h('p', { class: 'weakest' }, tr.t('result.weakest', { pillars: w.join(', ') })) : null;
}

/** The red flags (indicators at the bottom of their range): a heading and the list. */
export function redFlags(r, F, tr, { level = 3, link = null } = {}) {
  const { t } = tr;
  return [
    h(`h${level}`, {}, t('result.redflags', { n: r.red_flags.length })),
    r.red_flags.length
      ? h('ul', { class: 'flags' }, r.red_flags.map((id) => h('li', { 'data-flag': id }, toIndicator(title(F, tr, id), id, F, link))))
      : h('p', { class: 'muted' }, t('result.noredflags')),
  ];
}

/** A warning in the user's language, from its code and the result's figures (the engine's own
 * message where the translations have no text for its code). */
export function warning(w, r, F, tr, link = null) {
  const { t, num, pct } = tr;
  const n = F.nodes.get(w.node);
  const v = r.nodes[w.node] || r.overall;
  const key = `warn.${w.code}`;
  const text = t(key, {
    name: w.node === 'overall' || n === F.fw.root ? t('result.overall') : tr.tx(n?.title),
    n: v.respondents,
    spread: num(v.spread ?? 0, 0),
    pct: pct(v.coverage ?? 0),
    min: pct(n?.min_coverage ?? 0),
  });
  return h('li', { class: `w-${w.code}`, 'data-node': w.node }, toIndicator(text === key ? w.message : text, w.node, F, link));
}

/** The warnings: a heading and the list. */
export function warnings(r, F, tr, { level = 3, link = null } = {}) {
  const { t } = tr;
  return [
    h(`h${level}`, {}, t('result.warnings', { n: r.warnings.length })),
    r.warnings.length ? h('ul', { class: 'warnings' }, r.warnings.map((w) => warning(w, r, F, tr, link))) : h('p', { class: 'muted' }, t('result.nowarnings')),
  ];
}
