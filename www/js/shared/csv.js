// CSV in and out, through the engine: the responses CSV (the CLI's input: one row per
// respondent, rows sharing an id are one assessment's respondents) and the results CSV (the
// CLI's `score --format csv`). Every CSV the app writes or reads goes through here, as the
// engine writes and reads it (src/csv.rs: quotes, `;`, the formula guard; errors by row and
// column). `F` is the Model (shared/model.js) the CSV is written or read under; `style`
// (optional): {separator: ',' | ';', decimalComma, digits, bandLabels: {band id: label}}.
import { assessmentsToCsv, assessmentsFromCsv, resultsCsv as engineResultsCsv } from '../../pkg/resilience.js';
import { engineInput } from './model.js';

const batch = (inputs) => ({ assessments: inputs.map(engineInput) });

/** The responses CSV of `inputs` ({id, unit, date, scores, notes}) under F's indicators. */
export function toCsv(F, inputs, style) {
  return assessmentsToCsv(batch(inputs), F.arg, style);
}

/** The assessments of a responses CSV, as the engine's inputs ({id, unit?, date?, scores,
 * notes}; several respondents: a list per indicator). Throws {code, issues: [{path, message}]}
 * with the problems by row and column. */
export function fromCsv(F, text) {
  return assessmentsFromCsv(text, F.arg).assessments;
}

/** The results CSV of `inputs` scored under F: id, unit, date, overall, band, alarms (ids
 * joined by ;), early_warning (yes or empty), each group's score. */
export function resultsCsv(F, inputs, style) {
  return engineResultsCsv(batch(inputs), F.arg, style);
}
