// Several assessments side by side (units, or one unit over dates), with the difference between
// the first and the last, and a trend per pillar for each unit assessed more than once (a line
// between two units would read as a change that never happened). Each is scored with the
// framework it was made under (app.models). On a phone the table scrolls sideways, with the row
// names kept in view and a visible cue.
import { h, groupBy, fill } from '../shared/dom.js';
import { dataTable } from '../shared/charts.js';
import { trend } from './trend.js';
import { bandChip } from '../shared/results.js';
import { refOf } from './frameworks.js';
import * as store from './storage.js';
import { groupRows, GROUP } from './groups.js';

const order = (a, b) => (a.input.unit ?? '').localeCompare(b.input.unit ?? '') || (a.input.date ?? '').localeCompare(b.input.date ?? '');

export function compareView(app, _, q) {
  const { t } = app.tr;
  const recs = store.list().sort(order);
  const sel = new Set((q.get('ids') || '').split(',').filter((id) => store.has(id)));
  if (!sel.size) {
    // Start with the unit assessed most often (its trend), else everything.
    const by = groupBy(recs, (r) => r.input.unit ?? '');
    const most = [...by.values()].sort((a, b) => b.length - a.length)[0] || [];
    (most.length > 1 ? most : recs).forEach((r) => sel.add(r.id));
  }
  const out = h('div', { class: 'comparison' });
  const draw = () => {
    history.replaceState(null, '', `#/compare?ids=${[...sel].map(encodeURIComponent).join(',')}`);
    fill(out, comparison(app, recs.filter((r) => sel.has(r.id))));
  };
  draw();
  return { el: h('div', {}, h('h1', { tabindex: -1 }, t('compare.title')), picker(app, recs, sel, draw), out), title: t('compare.title') };
}

const name = (tr, r) => r.input.unit || tr.t('unit.untitled');

/** The assessments to compare, as boxes to tick (`sel`: the ids ticked; `changed()` after a tick). */
function picker({ tr }, recs, sel, changed) {
  const item = (r) =>
    h(
      'li',
      {},
      h(
        'label',
        {},
        h('input', { type: 'checkbox', checked: sel.has(r.id), onchange: (e) => (e.target.checked ? sel.add(r.id) : sel.delete(r.id), changed()) }),
        ` ${name(tr, r)} — ${tr.date(r.input.date) || tr.t('compare.nodate')}`,
      ),
    );
  return h('fieldset', { class: 'picker' }, h('legend', {}, tr.t('compare.choose')), h('ul', {}, recs.map(item)));
}

/** The comparison of `chosen`: a note where frameworks differ, the table, and a trend per row
 * (the overall index and each pillar) over the dated ones. */
function comparison(app, chosen) {
  const { tr, models } = app;
  const { t } = tr;
  if (!chosen.length) return h('p', { class: 'empty' }, t('compare.none'));
  const res = new Map(chosen.map((r) => [r.id, models.score(r)]));
  // Then each group's overall index, where assessments were scored by group (groups.js).
  const rows = [{ id: 'overall', title: t('result.overall') }, ...models.current.pillars.map((p) => ({ id: p.id, title: tr.tx(p.title) })), ...groupRows([...res.values()], tr)];
  const val = (r, id) => {
    const x = res.get(r.id);
    if (x && id.startsWith(GROUP)) return x.groups?.find((g) => g.name === id.slice(GROUP.length))?.overall;
    return x && (id === 'overall' ? x.overall : x.nodes[id]);
  };
  // A trend is one unit's, over two dates or more.
  const units = new Map([...groupBy(chosen, (r) => name(tr, r))].map(([u, rs]) => [u, rs.filter((r) => r.input.date)]).filter(([, rs]) => rs.length > 1));
  const charts = units.size ? rows.map((row) => trendOf(tr, row, units, val)) : [];
  const legend = h('ul', { class: 'legend' }, [...units.keys()].map((u, k) => h('li', { class: `s${k % 6}` }, u)));
  // Each is scored with the framework it was made under: say so when they differ.
  const versions = [...new Set(chosen.map((r) => refOf(r).version))];
  const mixed = versions.length > 1 ? h('p', { class: 'notice versions' }, t('compare.versions', { versions: versions.join(', ') }), ' ', h('a', { href: '#/help?s=versions' }, t('result.whatchanged'))) : null;
  const trends = charts.length ? [h('h2', {}, t('compare.trends')), legend] : chosen.length > 1 ? h('p', { class: 'muted' }, t('compare.notrend')) : null;
  return [mixed, table(app, chosen, rows, val, res), trends, h('div', { class: 'trends' }, charts)];
}

/** Assessments in columns, the overall index and the pillars in rows, then the red flags; with
 * two or more, first the difference between the last column and the first. */
function table({ tr, models }, chosen, rows, val, res) {
  const { t, num } = tr;
  const cell = (r, row) => {
    const v = val(r, row.id);
    return h('td', {}, h('span', { class: 'num' }, tr.score(v?.score)), ' ', v?.band ? bandChip(v.band, models.of(r), tr) : null);
  };
  const [first, last] = [chosen[0], chosen.at(-1)];
  const two = chosen.length > 1;
  /** last − first, signed ("+10.7", "−3.2"), or "–" where either has no score; coloured as
   * better or worse (`fewer`: a fall is better, as for red flags). */
  const diff = (a, b, dp = 1, fewer = false) => {
    if (a == null || b == null) return h('td', { class: 'diff' }, '–');
    const d = b - a;
    const shown = num(Math.abs(d), dp);
    const zero = Number(Math.abs(d).toFixed(dp)) === 0;
    return h('td', { class: `diff ${zero ? '' : d > 0 !== fewer ? 'better' : 'worse'}`.trim(), 'data-diff': d.toFixed(dp) }, zero ? shown : `${d > 0 ? '+' : '−'}${shown}`);
  };
  const flags = (r) => res.get(r.id)?.red_flags.length ?? null;
  const wrap = h(
    'div',
    { class: 'scroll cmpwrap', tabindex: 0, role: 'region', 'aria-label': t('compare.table') },
    h(
      'table',
      { class: 'cmp' },
      h('caption', { class: 'vh' }, t('compare.table')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('td', {}),
          two ? h('th', { scope: 'col', class: 'diff' }, t('compare.diff'), h('br'), h('span', { class: 'muted small' }, t('compare.diff.how'))) : null,
          chosen.map((r) => h('th', { scope: 'col' }, name(tr, r), h('br'), h('span', { class: 'muted small' }, tr.date(r.input.date)))),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) => h('tr', {}, h('th', { scope: 'row' }, row.title), two ? diff(val(first, row.id)?.score, val(last, row.id)?.score) : null, chosen.map((r) => cell(r, row)))),
        h('tr', {}, h('th', { scope: 'row' }, t('compare.flags')), two ? diff(flags(first), flags(last), 0, true) : null, chosen.map((r) => h('td', {}, tr.num(flags(r) ?? 0, 0)))),
      ),
    ),
  );
  // The cue to scroll, said when the table is wider than the screen (and kept in step with it).
  const cue = h('p', { class: 'scroll-cue', hidden: true, 'aria-hidden': 'true' }, t('compare.scroll', { n: chosen.length }));
  new ResizeObserver(() => (cue.hidden = wrap.scrollWidth <= wrap.clientWidth + 1)).observe(wrap);
  return [cue, wrap];
}

/** One row's trend: a line per unit over its dated assessments, with its data table. */
function trendOf(tr, row, units, val) {
  const { t } = tr;
  const series = [...units].map(([u, rs]) => ({ name: u, points: rs.filter((r) => r.input.date).map((r) => ({ date: r.input.date, value: val(r, row.id)?.score ?? null })) }));
  const title = t('compare.trend', { name: row.title });
  const data = series.flatMap((se) => se.points.map((p) => [se.name, tr.date(p.date), tr.score(p.value)]));
  return h('figure', { class: 'fig trend' }, h('figcaption', {}, row.title), trend(series, title, tr), dataTable([t('compare.unit'), t('form.date'), t('result.score')], data, title, tr));
}
