// Field tools' buttons: the XLSForm of the current framework (for KoboToolbox / ODK), imports of
// a Kobo/ODK export and of published figures (CSV or .xlsx), and the results workbook (.xlsx). What they
// do is in sheets-work.js, loaded the first time one is used.
import { h } from '../shared/dom.js';
import { toast } from './ui.js';

const work = () => import('./sheets-work.js');

/** A button that runs `job()` (disabled meanwhile) and says when it failed. */
function jobButton(tr, attrs, label, job) {
  const btn = h('button', { type: 'button', ...attrs }, label);
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    try {
      await job();
    } catch (e) {
      toast(tr, tr.t('sheets.failed', { msg: e.message }));
    } finally {
      btn.disabled = false;
    }
  });
  return btn;
}

/** A button exporting the results of `recs()` as a workbook (scores, indicators, method);
 * `named()`, given for the export of one assessment: whether its file name carries the unit's
 * name. */
export const sheetButtons = (app, recs, named = null) =>
  jobButton(app.tr, { 'data-export': 'xlsx' }, app.tr.t('sheets.xlsx'), async () => (await work()).xlsx(app, recs(), { one: !!named, named: !!named?.() }));

/** The list page's field tools: XLSForm, the two imports, and the panel showing a report. */
export function sheetTools(app) {
  const { t } = app.tr;
  const panel = h('section', { class: 'sheets-report', hidden: true });
  let importer = null;
  // CSV or .xlsx; several files at once for published figures (one assessment per country
  // and year across them).
  const pick = (kind) =>
    h('input', {
      type: 'file',
      accept: '.csv,.xlsx,text/csv',
      multiple: kind === 'reference',
      hidden: true,
      'data-import': kind,
      onchange: async (e) => {
        const files = [...e.target.files];
        e.target.value = '';
        if (!files.length) return;
        importer ??= (await work()).importer(panel, app);
        importer.run(kind, files, files.map((f) => f.name).join(', '));
      },
    });
  const odk = pick('odk');
  const ref = pick('reference');
  return h(
    'div',
    { class: 'sheets' },
    h(
      'div',
      { class: 'group', role: 'group', 'aria-label': t('sheets.title') },
      h('span', { class: 'lab' }, t('sheets.title')),
      jobButton(app.tr, { 'data-sheets': 'xlsform' }, t('sheets.xlsform'), async () => (await work()).xlsform(app)),
      h('button', { type: 'button', onclick: () => odk.click() }, t('sheets.odk')),
      h('button', { type: 'button', onclick: () => ref.click() }, t('sheets.reference')),
      odk,
      ref,
    ),
    panel,
  );
}
