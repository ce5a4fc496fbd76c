// CSV out, through the engine: the responses CSV (the CLI's input: one row per respondent,
// rows sharing an id are one assessment's respondents) and the results CSV (the CLI's
// `score --format csv`). Every CSV the app writes goes through here, as the engine writes it
// (src/csv.rs: quotes, `;`, the formula guard). Reading a responses CSV back is the
// spreadsheets module's (app/sheets-work.js): the core module has no CSV reader. `F` is the
// Model (shared/model.js) the CSV is written under; `style` (optional): {separator: ',' | ';',
// decimalComma, digits, bandLabels: {band id: label}}. The writers are in pkg-csv/ (the core
// with them), loaded at the first export: the core module, loaded first, has none (6 KB
// gzipped less on the first load); the service worker has precached pkg-csv/ by then.
import { engineInput } from './model.js';

const batch = (inputs) => ({ assessments: inputs.map(engineInput) });

let writers = null;
const engine = () =>
  (writers ??= import('../../pkg-csv/resilience.js').then(async (m) => {
    await m.default({ module_or_path: new URL('../../pkg-csv/resilience_bg.wasm', import.meta.url) });
    return m;
  }));

/** The responses CSV of `inputs` ({id, unit, date, scores, notes}) under F's indicators. */
export async function toCsv(F, inputs, style) {
  return (await engine()).assessmentsToCsv(batch(inputs), F.arg, style);
}

/** The results CSV of `inputs` scored under F: id, unit, date, overall, band, alarms (ids
 * joined by ;), early_warning (yes or empty), each group's score. */
export async function resultsCsv(F, inputs, style) {
  return (await engine()).resultsCsv(batch(inputs), F.arg, style);
}

/** The CSV dialect of the user's language, as spreadsheets there open it: where the decimal
 * mark is a comma (French), `;` between cells and decimal commas. */
export function csvStyle(tr) {
  const comma = tr.num(1.5, 1).includes(',');
  return comma ? { separator: ';', decimalComma: true } : { separator: ',' };
}
