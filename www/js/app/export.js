// Exports: the buttons, file names and downloads. What goes into the files, and imports, is
// files.js, loaded when first used (it is not needed to show the first screen).
import { h } from '../shared/dom.js';
import { toast } from './ui.js';

/** The module that writes and reads the files (JSON, CSV). */
export const files = () => import('./files.js');

/** Saves text as a file the user downloads (nothing leaves the device). */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 6e4);
}

export const stamp = () => new Date().toISOString().slice(0, 10);

/** A unit's name as a file-name part: letters and digits, dashes between. */
const slug = (s) => s.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 40);

/**
 * A download's name: `resilience-<kind>-<which>-<date>.<ext>`, where `which` tells the export
 * of one assessment (`one`: its random id) from that of all of them (`all-5`), so that the two
 * files of a day do not take each other's name. Without the unit: the browser keeps downloaded
 * files' names in its history, and the files sit in a downloads folder. With `named` (the user
 * ticked it, for one assessment) the unit's name stands for the id.
 */
export function fileName(kind, ext, recs, { one = false, named = false } = {}) {
  const which = one && recs.length === 1 ? (named && slug(recs[0].input.unit ?? '')) || slug(recs[0].id) : `all-${recs.length}`;
  return ['resilience', kind, which, stamp()].filter(Boolean).join('-') + '.' + ext;
}

/** Saves an export in the clear, and says so: the file is not encrypted; the hand-over is. */
export function downloadPlain(tr, name, text, type) {
  download(name, text, type);
  toast(tr, tr.t('export.plain', { file: name }), { label: tr.t('export.handover'), run: () => (location.hash = '#/security') });
}

/** A box "put the unit's name in file names" (off at every visit); `on()` reads it. */
export function unitChoice(tr) {
  const box = h('input', { type: 'checkbox', 'data-export': 'named' });
  const el = h('label', { class: 'check small' }, box, ' ', tr.t('export.named'));
  return { el, on: () => box.checked };
}

/** Buttons exporting `recs()` as JSON, responses CSV and results CSV. `named()`, given for the
 * export of one assessment: whether the file names carry the unit's name. */
export function exportButtons(app, recs, label, named = null) {
  const { tr, models } = app;
  const { t } = tr;
  const go = (kind) => async () => {
    const list = recs();
    const n = { one: !!named, named: !!named?.() };
    const X = await files();
    if (kind === 'json') downloadPlain(tr, fileName('', 'json', list, n), X.toJSON(list, models), 'application/json');
    if (kind === 'csv') downloadPlain(tr, fileName('responses', 'csv', list, n), await X.responsesCSV(list, models, tr), 'text/csv');
    if (kind === 'res') downloadPlain(tr, fileName('results', 'csv', list, n), await X.resultsCSV(list, models, tr), 'text/csv');
  };
  return h(
    'div',
    { class: 'group', role: 'group', 'aria-label': label },
    h('span', { class: 'lab' }, label),
    h('button', { type: 'button', onclick: go('json'), 'data-export': 'json' }, t('export.json')),
    h('button', { type: 'button', onclick: go('csv'), 'data-export': 'csv' }, t('export.csv')),
    h('button', { type: 'button', onclick: go('res'), 'data-export': 'results' }, t('export.results')),
  );
}
