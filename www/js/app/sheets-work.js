// The work behind the field tools' buttons (sheets.js), loaded on first use: the XLSForm, the
// results workbook, and the imports of a Kobo/ODK export and of published figures (CSV, .xlsx). All of
// it runs in workers/sheets-worker.js (pkg-sheets); the page shows the phases, then the import report
// (mapped and ignored columns, every bad cell, the assessments found) BEFORE anything is
// saved; only "Import N assessments" adds them, as new assessments, through storage.js.
import { h, groupBy, fill, field } from '../shared/dom.js';
import { engineInput } from '../shared/model.js';
import { bandChip, title as nodeTitle } from '../shared/results.js';
import { table } from '../shared/charts.js';
import * as store from './storage.js';
import * as M from './records.js';
import { download, downloadPlain, fileName } from './export.js';
import { toast } from './ui.js';
import { everyLanguage } from './frameworks.js';
import { workerClient } from './worker-client.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CHUNK = 500; // assessments taken from the worker and saved per step
const PHASES = ['reading', 'mapping', 'scoring'];

/** Sends a request to the worker (`fw`: the framework it works with, an object or JSON text);
 * `progress(phase)` hears the phases of an import. */
const ask = workerClient(new URL('../workers/sheets-worker.js', import.meta.url), { steps: true });

/** Downloads the results of `recs` as a workbook (scores, indicators, method), each assessment
 * scored with the framework it was made under: one workbook per framework version when they
 * differ (named with the version), as a workbook describes one framework. */
export async function xlsx(app, recs, which = {}) {
  const { models, tr } = app;
  const groups = groupBy(recs.filter((r) => models.of(r)), (r) => models.of(r));
  for (const [F, rs] of groups) {
    const { bytes } = await ask('xlsx', { inputs: rs.map((r) => engineInput(r.input)), lang: tr.lang, fw: (await F.whole()).arg }); // (its sheet of indicators has their sources)
    const name = fileName('results', 'xlsx', rs, which);
    downloadPlain(tr, groups.size > 1 ? name.replace(/\.xlsx$/, `-${F.fw.version}.xlsx`) : name, bytes, XLSX);
  }
}

/** The assessments of a responses CSV under Model F, as the engine's inputs; throws {code,
 * issues} with the problems by row and column. */
export const responsesFromCsv = async (text, F) => (await ask('responses', { text, fw: F.arg })).assessments;

/** Downloads the XLSForm of the current framework, in every language. */
export async function xlsform() {
  const fw = await everyLanguage();
  const { bytes } = await ask('xlsform', { fw });
  download(`${fw.id}-${fw.version}.xlsx`, bytes, XLSX);
}

/** "row 4, column "x"" → ['4', 'x'] (with a file's name before it when several were read:
 * "wjp.csv: row 4" → ['wjp.csv: 4', …]); other paths as they are. */
function where(path) {
  const m = /^(?:(.*): )?row (\d+)(?:, column "(.*)")?$/.exec(path);
  return m ? [m[1] ? `${m[1]}: ${m[2]}` : m[2], m[3] ?? ''] : [path, ''];
}

/** The import report in `panel` (the list page's): `run(kind, files, name)` imports files,
 * under the current framework; the report is shown before anything is saved. */
export function importer(panel, app) {
  const { tr } = app;
  const F = app.models.current;
  let current = 0; // the import shown; an older one still running is ignored

  const close = () => {
    current++;
    panel.hidden = true;
    panel.removeAttribute('aria-busy');
    panel.replaceChildren();
    ask('forget').catch(() => {});
  };

  const progress = (title, phase) => {
    panel.hidden = false;
    panel.setAttribute('aria-busy', 'true');
    fill(panel, h('h2', {}, title), busy(tr, phase));
  };

  /** Runs an import (the files, or the last ones again with another grouping) and shows its report. */
  async function run(kind, files, name, group) {
    const mine = ++current;
    const title = tr.t('sheets.report', { file: name });
    const t0 = performance.now();
    progress(title, 'reading');
    let out;
    try {
      // (The whole framework: an export may name its answers by the anchors' labels, which the
      // default's first part has for its first pillar only.)
      out = await ask('import', { kind, files, group, fw: (await F.whole()).arg }, (p) => mine === current && progress(title, p));
    } catch (e) {
      if (mine !== current) return;
      panel.removeAttribute('aria-busy');
      fill(panel, h('h2', {}, title), failure(tr, name, e), h('div', { class: 'toolbar' }, h('button', { type: 'button', onclick: close }, tr.t('sheets.cancel'))));
      panel.dataset.ready = String(mine);
      return;
    }
    if (mine !== current) return;
    const ms = performance.now() - t0;
    performance.measure('sheets-import', { start: t0 });
    panel.removeAttribute('aria-busy');
    const on = { regroup: (cols) => run(kind, null, name, cols), save: (btn) => save(out.count, mine, btn), close };
    fill(panel, report(tr, F, kind, name, out, on));
    if (!group) panel.querySelector('h2').focus(); // a new report: read from its title
    panel.dataset.ms = String(ms);
    panel.dataset.ready = String(mine);
  }

  /** Saves the import as new assessments, CHUNK at a time (the page stays responsive). */
  async function save(count, mine, btn) {
    btn.disabled = true;
    const bar = h('progress', { max: count, value: 0, 'aria-label': tr.t('sheets.saving') });
    panel.setAttribute('aria-busy', 'true');
    panel.append(h('p', { class: 'busy' }, bar, ' ', tr.t('sheets.saving')));
    const ids = [];
    for (let from = 0; from < count; from += CHUNK) {
      const { assessments } = await ask('take', { from, n: CHUNK });
      if (mine !== current) return;
      for (const a of assessments) {
        const r = M.withId(M.create(F.ref, a.unit ?? ''));
        r.input.date = a.date ?? '';
        r.input.scores = a.scores || {};
        r.input.notes = a.notes || {};
        store.put(M.normalize(r));
        ids.push(r.id);
      }
      bar.value = Math.min(count, from + CHUNK);
      await store.flush(); // one transaction per chunk: no long pause of the page
    }
    close();
    toast(tr, tr.t('sheets.saved', { n: ids.length }));
    if (ids.length === 1) app.go(`#/a/${encodeURIComponent(ids[0])}`);
    else app.render(true);
  }

  return { run };
}

/** The phase an import is in, with a progress bar. */
const busy = ({ t }, phase) =>
  h('p', { class: 'busy', role: 'status' }, h('progress', { max: PHASES.length + 1, value: PHASES.indexOf(phase) + 1, 'aria-label': t('sheets.progress') }), ' ', t(`sheets.phase.${phase}`));

/** Why an import failed: the engine's problems. */
const failure = ({ t }, name, e) =>
  h('div', { class: 'notice bad' }, h('p', {}, t('import.failed', { file: name })), h('ul', {}, (e.issues || [{ path: '', message: e.message }]).map((i) => h('li', {}, i.path ? `${i.path}: ${i.message}` : i.message))));

/** The report of an import (`out` from the worker): what was read, the problems, the columns
 * matched, a preview, and the buttons. `on`: {regroup(columns), save(button), close()}. */
function report(tr, F, kind, name, { report: rep, count, scored, preview }, on) {
  const { t, num } = tr;
  const issues = rep.issues || [];
  const save = h('button', { type: 'button', class: 'primary', 'data-import': 'confirm', disabled: !count, onclick: () => on.save(save) }, t('sheets.confirm', { n: count }));
  return h(
    'div',
    {},
    h('h2', { tabindex: -1 }, t('sheets.report', { file: name })),
    h('p', { class: 'summary' }, t('sheets.summary', { rows: num(rep.rows, 0), n: num(count, 0), scored: num(scored, 0) })),
    whatWasRead(tr, rep),
    kind === 'odk' ? grouping(tr, rep, on.regroup) : null,
    h('h3', {}, t('sheets.issues', { n: rep.issue_count })),
    issues.length
      ? table(t('sheets.issues', { n: rep.issue_count }), [t('sheets.row'), t('sheets.column'), t('sheets.problem')], issues.map((i) => [...where(i.path), i.message]), { cls: 'issues' })
      : h('p', { class: 'muted' }, t('sheets.noissues')),
    rep.issue_count > issues.length ? h('p', { class: 'muted' }, t('sheets.moreissues', { n: num(rep.issue_count - issues.length, 0) })) : null,
    h(
      'details',
      {},
      h('summary', {}, t('sheets.mapped', { n: rep.mapped.length })),
      table(t('sheets.mapped', { n: rep.mapped.length }), [t('sheets.column'), t('sheets.indicator')], rep.mapped.map((m) => [m.column, nodeTitle(F, tr, m.indicator)]), { cls: 'mapped', shown: true }),
    ),
    h('p', { class: 'ignored' }, t('sheets.ignored', { n: rep.ignored.length }), ' ', rep.ignored.join(', ')),
    preview.length
      ? table(
          t('sheets.preview', { n: preview.length, total: count }),
          [t('sheets.unit'), t('sheets.date'), t('sheets.respondents'), t('result.score'), t('result.band')],
          preview.map((p) => [p.unit || t('unit.untitled'), p.date || '', num(p.respondents, 0), tr.score(p.score), bandChip(p.band, F, tr)]),
          { cls: 'preview', shown: true },
        )
      : null,
    h('p', { class: 'muted small' }, t('sheets.nothingsaved')),
    h('div', { class: 'toolbar' }, save, h('button', { type: 'button', onclick: on.close }, t('sheets.cancel'))),
  );
}

/** What was read, in the importer's own words: the files and how, the sources and countries,
 * the names not matched, the rows left out. */
function whatWasRead({ t, num }, rep) {
  return [
    h('p', { class: 'format' }, t('sheets.format', { format: rep.files?.length ? rep.files.map((f) => `${f.name}: ${f.layout} (${f.format})`).join('; ') : rep.format })),
    rep.sources?.length ? h('p', { class: 'sources' }, t('sheets.sources', { list: rep.sources.join(', ') })) : null,
    rep.countries?.length ? h('p', { class: 'countries' }, t('sheets.countries', { n: num(rep.countries.length, 0), list: rep.countries.join(', ') })) : null,
    rep.unmatched?.length ? h('p', { class: 'unmatched' }, t('sheets.unmatched', { list: rep.unmatched.map((n) => `“${n}”`).join(', ') })) : null,
    rep.dont_know ? h('p', {}, t('sheets.dontknow', { n: num(rep.dont_know, 0) })) : null,
    (rep.left_out || []).map((l) => h('p', { class: 'left-out' }, t('sheets.leftout', { reason: l.reason, n: num(l.rows, 0) }))),
  ];
}

/** The columns a Kobo/ODK export's submissions are grouped by into assessments (two at most);
 * `regroup(columns)` on a change. */
function grouping({ t }, rep, regroup) {
  const cols = rep.columns || [];
  const opt = (c, sel) => h('option', { value: c, selected: c === sel }, c);
  const g1 = h('select', { name: 'group1' }, cols.map((c) => opt(c, rep.group_columns?.[0])));
  const g2 = h('select', { name: 'group2' }, h('option', { value: '', selected: !rep.group_columns?.[1] }, t('sheets.group.none')), cols.map((c) => opt(c, rep.group_columns?.[1])));
  const changed = () => regroup([g1.value, g2.value].filter(Boolean));
  g1.addEventListener('change', changed);
  g2.addEventListener('change', changed);
  return h('div', { class: 'toolbar group-by' }, field(t('sheets.group'), g1), field(t('sheets.group.then'), g2));
}
