// CSV in and out, through the engine: the responses CSV (the CLI's input: one row per
// respondent, rows sharing an id are one assessment's respondents) and the results CSV (the
// CLI's `score --format csv`). Every CSV the app writes or reads goes through here, as the
// engine writes and reads it (src/csv.rs: quotes, `;`, the formula guard; errors by row and
// column). `F` is the Model (shared/model.js) the CSV is written or read under; `style`
// (optional): {separator: ',' | ';', decimalComma, digits, bandLabels: {band id: label}}.
import * as core from '../../pkg/resilience.js';
import { engineInput, answerCode, answerOf, problem } from './model.js';

const batch = (inputs) => ({ assessments: inputs.map(engineInput) });
/** The engine's function `name`, or null where the loaded engine predates it (looked up by name,
 * so that bundling it with such an engine is not an error). FALLBACK: remove at merge. */
const engine = (name) => (typeof core[name] === 'function' ? core[name] : null);

/** The responses CSV of `inputs` ({id, unit, date, scores, notes}) under F's indicators. */
export function toCsv(F, inputs, style) {
  const write = engine('assessmentsToCsv'); // FALLBACK: at merge, core.assessmentsToCsv(…) here
  if (!write) return fallback.toCsv(F, inputs); // FALLBACK: remove at merge
  return write(batch(inputs), F.arg, style);
}

/** The assessments of a responses CSV, as the engine's inputs ({id, unit?, date?, scores,
 * notes}; several respondents: a list per indicator). Throws {code, issues: [{path, message}]}
 * with the problems by row and column. */
export function fromCsv(F, text) {
  const read = engine('assessmentsFromCsv'); // FALLBACK: at merge, core.assessmentsFromCsv(…) here
  if (!read) return fallback.fromCsv(F, text); // FALLBACK: remove at merge
  return read(text, F.arg).assessments;
}

/** The results CSV of `inputs` scored under F: id, unit, date, overall, band, alarms (ids
 * joined by ;), each group's score. */
export function resultsCsv(F, inputs, style) {
  return core.resultsCsv(batch(inputs), F.arg, style);
}

// --- FALLBACK: remove at merge --------------------------------------------------------------
// The app's own CSV code, used only while the loaded engine (www/pkg) has no assessmentsToCsv /
// assessmentsFromCsv: they come with the Rust side of issue #14. Once both branches are merged,
// delete this section and engine(), call assessmentsToCsv / assessmentsFromCsv where the lines
// marked FALLBACK above are, and import the three functions by name instead of `* as core` (the
// namespace keeps every export of pkg/resilience.js in the one-file build: about 1 KB).
const fallback = (() => {
  const RISKY = /^[=+\-@\t\r]/;
  /** One cell, quoted where needed; text a spreadsheet would run as a formula gets a leading '. */
  function cell(text) {
    const s = String(text);
    const risky = RISKY.test(s);
    if (!risky && !/[,;"\n\r]/.test(s) && !s.startsWith(' ') && !s.endsWith(' ')) return s;
    return '"' + (risky ? "'" : '') + s.replace(/"/g, '""') + '"';
  }
  const unguard = (c) => (c[0] === "'" && RISKY.test(c.slice(1)) ? c.slice(1) : c);
  const line = (cells) => cells.map(cell).join(',') + '\n';

  /** Splits CSV text into rows of cells (quotes, doubled quotes, CRLF, a BOM, , ; or tab). */
  function parse(text) {
    text = text.replace(/^\ufeff/, '');
    const first = text.split('\n', 1)[0];
    const count = (c) => first.split(c).length - 1;
    const sep = count(';') > count(',') && count(';') >= count('\t') ? ';' : count('\t') > count(',') ? '\t' : ',';
    const rows = [];
    let row = [];
    let c = '';
    let q = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (q) {
        if (ch === '"' && text[i + 1] === '"') (c += '"'), i++;
        else if (ch === '"') q = false;
        else c += ch;
      } else if (ch === '"') q = true;
      else if (ch === sep) row.push(c), (c = '');
      else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        row.push(c), rows.push(row), (row = []), (c = '');
      } else c += ch;
    }
    if (c || row.length) row.push(c), rows.push(row);
    return rows.filter((r) => r.some((x) => x.trim() !== ''));
  }

  function toCsv(F, inputs) {
    const ids = F.indicators.map((i) => i.id);
    let out = line(['id', 'unit', 'date', ...ids]);
    for (const a of inputs.map(engineInput)) {
      const rows = Math.max(1, ...Object.values(a.scores).map((v) => (Array.isArray(v) ? v.length : 1)));
      for (let k = 0; k < rows; k++) {
        const vals = ids.map((id) => {
          const v = a.scores[id];
          return answerCode(Array.isArray(v) ? v[k] : k === 0 ? v : null);
        });
        out += line([a.id, a.unit ?? '', a.date ?? '', ...vals]);
      }
    }
    return out;
  }

  function fromCsv(F, text) {
    const rep = F.validate(text);
    if (!rep.valid) throw problem('invalid_input', `the CSV is not valid (${rep.issues.length} problems)`, rep.issues);
    const [head, ...rows] = parse(text);
    const col = head.map((x) => x.trim());
    const by = new Map();
    for (const r of rows) {
      const id = unguard(r[col.indexOf('id')].trim());
      if (!by.has(id)) by.set(id, []);
      by.get(id).push(r);
    }
    return [...by].map(([id, rs]) => {
      // Cells are read trimmed, as the CLI reads them.
      const get = (r, name) => (col.includes(name) ? unguard((r[col.indexOf(name)] ?? '').trim()) : '');
      const a = { id, unit: get(rs[0], 'unit'), date: get(rs[0], 'date'), scores: {}, notes: {} };
      if (!a.date) delete a.date;
      col.forEach((name, k) => {
        if (!F.ids.has(name)) return;
        const vals = rs.map((r) => answerOf(r[k] ?? ''));
        if (vals.some((v) => v != null)) a.scores[name] = rs.length > 1 ? vals : vals[0];
      });
      return a;
    });
  }

  return { toCsv, fromCsv };
})();
