// Files in and out, loaded when first used (export.js has the buttons). JSON is lossless and
// still the engine's input ({"assessments": [...]}, the app's extras in "_" fields the engine
// ignores), so export → import → export gives the same bytes and the CLI scores the file as it
// is. CSV is the CLI's, written and read by the engine (shared/csv.js): responses (one row per
// respondent) and results (one row per assessment). `models` is the frameworks registry
// (frameworks.js), `tr` the translator.
import { newId, contextInput, evidenceInput } from '../shared/model.js';
import { groupBy } from '../shared/dom.js';
import { toCsv, resultsCsv, csvStyle } from '../shared/csv.js';
import { responsesFromCsv } from './sheets-work.js';
import { refOf } from './frameworks.js';
import { normalize, SCHEMA, current } from './records.js';
import { teamFile, isTeam, inTeam, TEAM } from './team-data.js';
import { importTeam } from './team-merge.js';

const byKey = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** Export order: unit, then date, then id; stable whatever order records were stored in. */
const sorted = (recs) =>
  [...recs].sort((x, y) => byKey(x.input.unit ?? '', y.input.unit ?? '') || byKey(x.input.date ?? '', y.input.date ?? '') || byKey(x.input.id, y.input.id) || byKey(x.id, y.id));

/** The entries of `obj` in the order of F's indicators (then any others, sorted). */
function ordered(obj, F) {
  const out = {};
  for (const i of F.indicators) if (i.id in obj) out[i.id] = obj[i.id];
  for (const k of Object.keys(obj).sort()) if (!(k in out)) out[k] = obj[k];
  return out;
}

/** The warning-sign answers in the framework's order of its items (then any others, sorted). */
function orderedContext(obj, F) {
  const ids = (F.fw.context ?? []).map((c) => c.id);
  const out = {};
  for (const id of [...ids, ...Object.keys(obj).sort()]) if (id in obj) out[id] ??= obj[id];
  return out;
}

/** Evidence as the engine writes it back: one source as a string, several as a list. */
const evidenceOut = (e, F) =>
  ordered(Object.fromEntries(Object.entries(e).map(([id, v]) => [id, v.source?.length === 1 ? { ...v, source: v.source[0] } : v])), F);

/** An assessment's framework as the file names it: {id, version}. */
const fwOf = (r) => ({ id: refOf(r).id, version: refOf(r).version });
const same = (a, b) => a.id === b.id && a.version === b.version;

export function toJSON(recs, models) {
  const list = sorted(recs);
  const F = models.current;
  // The framework the assessments were made under: each says its own; the file says it too
  // when they all share one (as files from before version 2.0.0 of the framework did).
  const shared = list.length && list.every((r) => same(fwOf(r), fwOf(list[0]))) ? fwOf(list[0]) : null;
  const doc = {
    _format: 'resilience-assessments',
    _schema: SCHEMA,
    ...(shared || !list.length ? { _framework: shared || { ...F.ref } } : {}),
    assessments: list.map((r) => {
      const a = teamFile(r); // a team as the merge writes it (team-data.js)
      const o = { id: a.id };
      if (a.unit != null) o.unit = a.unit;
      if (a.date) o.date = a.date;
      o.scores = ordered(a.scores, F);
      if (Object.keys(a.notes).length) o.notes = ordered(a.notes, F);
      const context = contextInput(a.context);
      if (context) o.context = orderedContext(context, F);
      const evidence = evidenceInput(a.evidence);
      if (evidence) o.evidence = evidenceOut(evidence, F);
      // (A group's `_edited`: when each of its scores was edited, for team merges.)
      const groupOut = (x) => ({ scores: ordered(x.scores, F), ...(x._edited && Object.keys(x._edited).length ? { _edited: x._edited } : {}) });
      if (a.groups && Object.keys(a.groups).length) o.groups = Object.fromEntries(Object.entries(a.groups).map(([g, x]) => [g, groupOut(x)]));
      for (const k of TEAM) if (a[k] != null) o[k] = a[k];
      o._updated = r.updated;
      o._framework = fwOf(r);
      if (r.respondentNames && !isTeam(r.input)) o._respondents = r.respondentNames;
      if (r.example) o._example = true;
      return o;
    }),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/**
 * Adds imported records to `store`, each under a new random key: a key is stored in the clear
 * and put in the page's address, so it must never be a file's own id (often a place and a
 * date). The file's id stays the engine input's id, inside the record (sealed with a
 * passphrase), and exports write it as it was. A record identical to a stored one with the same
 * id is skipped; another record with an id already in use gets a new one (exports keep ids
 * unique). A team's assessment is merged with the record of its id instead (team-merge.js);
 * nothing is stored unless every one can be. Returns {n: added, kept, merged}.
 */
export async function merge(incoming, store, models, tr) {
  const byId = new Map(store.list().map((r) => [r.input.id, r]));
  const team = new Map(); // record → what importTeam made of it
  const issues = [];
  for (const r of incoming) {
    try {
      const x = r.file && (await importTeam(r.file.item, r.file.path, r.framework, byId.get(r.input.id), tr));
      if (x) team.set(r, x);
    } catch (e) {
      if (!e.issues) throw e;
      issues.push(...e.issues);
    }
  }
  if (issues.length) throw invalid(issues);
  let n = 0;
  let kept = 0;
  let merged = 0;
  for (const r of incoming) {
    delete r.file;
    const old = byId.get(r.input.id);
    const x = team.get(r);
    if (x?.same) {
      kept++;
      continue;
    }
    if (x?.merged) {
      old.input = x.input;
      normalize(old); // this device's answers may hold several respondents'
      old.updated = new Date().toISOString();
      store.put(old);
      merged++;
      continue;
    }
    if (x) r.input = x.input; // a team's, new here
    else if (old && toJSON([old], models) === toJSON([r], models)) {
      kept++;
      continue;
    }
    r.id = newId();
    if (old) r.input.id = r.id; // a different assessment with the same id: keep both
    store.put(r);
    byId.set(r.input.id, r);
    n++;
  }
  return { n, kept, merged };
}

/** Scores by group as read (the engine has checked them): {name: {scores}}, copied. */
const groupsOf = (gs) => Object.fromEntries(Object.entries(gs).map(([g, x]) => [g, { scores: { ...x.scores }, ...(x._edited ? { _edited: { ...x._edited } } : {}) }]));

/** An error carrying the engine's issues [{path, message}]. */
function invalid(issues) {
  return Object.assign(new Error('invalid'), { issues });
}

/** A file's bytes as text by the engine's rules (src/text.rs): UTF-8, UTF-16 with a BOM, else
 * Windows-1252 (TextDecoder drops the BOM); binary data throws, located by byte and line. */
export function decodeText(b) {
  const le = b[0] === 0xff && b[1] === 0xfe;
  const be = b[0] === 0xfe && b[1] === 0xff;
  let w = le || be ? 2 : 0; // bytes a character: 2 (UTF-16), 1 (Windows-1252), 0 (UTF-8: counted)
  let text;
  try {
    text = new TextDecoder(le ? 'utf-16le' : be ? 'utf-16be' : 'utf-8', { fatal: true }).decode(b);
  } catch {
    text = new TextDecoder('windows-1252').decode(b);
    w = 1;
  }
  const k = text.search(/[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/);
  if (k < 0) return text;
  const at = w ? (w - 1) * 2 + w * k : new TextEncoder().encode((b[0] === 0xef ? '\uFEFF' : '') + text.slice(0, k)).length;
  const message = `binary data (U+${text.charCodeAt(k).toString(16).padStart(4, '0')}): not a text file`;
  throw Object.assign(new Error(message), { issues: [{ path: `byte ${at}, line ${text.slice(0, k).split('\n').length}`, message }] });
}

/** A `_framework` member as {id, version}, or null when there is none (or it is not one). */
const fwRef = (x) => (x && typeof x === 'object' && typeof x.id === 'string' && typeof x.version === 'string' ? current({ id: x.id, version: x.version }) : null);

/** The warning-sign answers and evidence of an assessment read from a file (checked by the
 * engine before), as copies. */
const prevention = (o) => ({ ...(o.context ? { context: structuredClone(o.context) } : {}), ...(o.evidence ? { evidence: structuredClone(o.evidence) } : {}) });

/** Records from an exported (or hand-written, or CLI input) JSON file. Each keeps the framework
 * the file says it was made under (its own `_framework`, else the file's); a file that names
 * none is taken as made under the current framework, as the CLI scores it. A framework this app
 * does not have is refused: its answers cannot be scored here. */
export async function fromJSON(text, models, tr) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw invalid([{ path: '$', message: e.message }]);
  }
  const many = Array.isArray(doc?.assessments);
  const list = many ? doc.assessments : [doc];
  const whole = many ? fwRef(doc._framework) : null;
  const refs = list.map((o) => fwRef(o?._framework) ?? whole ?? { ...models.current.ref });
  const unknown = [];
  refs.forEach((f, i) => {
    if (models.known(f)) return;
    const path = many && fwRef(list[i]?._framework) ? `$.assessments[${i}]._framework` : '$._framework';
    if (!unknown.some((u) => u.path === path)) unknown.push({ path, message: tr.t('import.framework', { id: f.id, v: f.version }) });
  });
  if (unknown.length) throw invalid(unknown);
  await models.need(refs);
  // Each assessment is checked against its own framework ("$.assessments[k]" of a group is
  // put back at the assessment's place in the file).
  const groups = groupBy(
    list.map((o, i) => i),
    (i) => `${refs[i].id}@${refs[i].version}`,
  );
  const issues = [];
  for (const idx of groups.values()) {
    const rep = models.of({ framework: refs[idx[0]] }).validate({ assessments: idx.map((i) => list[i]) });
    const at = (p) => p.replace(/^\$\.assessments\[(\d+)\]/, (_, k) => `$.assessments[${idx[k]}]`);
    issues.push(...rep.issues.map((x) => ({ ...x, path: at(x.path) })));
  }
  if (issues.length) throw invalid(issues);
  return list.map((o, i) => {
    const input = { id: o.id, unit: o.unit, date: o.date, scores: { ...o.scores }, notes: { ...o.notes }, ...prevention(o) };
    for (const k of ['unit', 'date']) if (input[k] == null) delete input[k];
    if (o.groups && Object.keys(o.groups).length) input.groups = groupsOf(o.groups);
    const r = { id: o.id, schema: SCHEMA, framework: refs[i], updated: o._updated || new Date().toISOString(), input };
    // The file's assessment as it is, for merge() to merge a team's (team-merge.js).
    r.file = { item: o, path: many ? `$.assessments[${i}]` : '$' };
    if (inTeam(o)) return r;
    if (o._edited) input._edited = { ...o._edited };
    if (o._context_edited) input._context_edited = { ...o._context_edited };
    if (Array.isArray(o._respondents)) r.respondentNames = o._respondents.map(String);
    if (o._example === true) r.example = true;
    return normalize(r);
  });
}

/** Records from a responses CSV (rows sharing an id are one assessment's respondents), read by
 * the spreadsheets module (the core only writes CSV). A CSV names no framework: its answers are
 * taken as given under the current one. */
export async function fromCSV(text, models) {
  const F = models.current;
  const now = new Date().toISOString();
  return (await responsesFromCsv(text, F)).map((a) => {
    const input = { id: a.id, unit: a.unit ?? '', date: a.date, scores: { ...a.scores }, notes: { ...a.notes }, ...prevention(a) };
    if (!input.date) delete input.date;
    if (a.groups && Object.keys(a.groups).length) input.groups = groupsOf(a.groups);
    return normalize({ id: a.id, schema: SCHEMA, framework: { ...F.ref }, updated: now, input });
  });
}

/** Responses: the CLI's input, in the user's CSV dialect (csvStyle: `;` and decimal commas in
 * French). Respondent k of every indicator on row k of its assessment. */
export const responsesCSV = (recs, models, tr) => toCsv(models.current, sorted(recs).map((r) => r.input), csvStyle(tr));

/** Results as the CLI's `score --format csv`, for people rather than programs: scores to one
 * decimal as the report shows them (the CLI keeps every digit), band names in the user's
 * language and the user's CSV dialect. Each assessment scored with the framework it was made
 * under, in export order within each framework (one this app does not have is left out). */
export async function resultsCSV(recs, models, tr) {
  const style = (F) => ({ ...csvStyle(tr), digits: 1, bandLabels: Object.fromEntries(F.fw.bands.map((b) => [b.id, tr.tx(b.title) || b.id])) });
  const byFw = groupBy(sorted(recs).filter((r) => models.of(r)), (r) => models.of(r));
  if (!byFw.size) return resultsCsv(models.current, [], style(models.current));
  // One header: the groups' columns are the same in every version of the default framework.
  const parts = await Promise.all([...byFw].map(([F, rs]) => resultsCsv(F, rs.map((r) => r.input), style(F))));
  return parts.map((out, k) => (k ? out.slice(out.indexOf('\n') + 1) : out)).join('');
}
