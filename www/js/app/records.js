// Assessment records: {id, schema: 2, framework: {id, version}, updated, input,
// respondentNames?, example?}. `framework` is the framework the assessment was made under, and
// the one it is scored with (engine.js). `input` is exactly the engine's input ({id, unit, date,
// scores, notes}). With respondentNames (one per respondent, '' = unnamed), every score is a
// list with one entry per respondent (null = not answered); without, every score is a number.
// Unscored indicators have no key.
import { today } from '../shared/dom.js';

/** Schema 2 added `framework`. An older app refuses records of a newer schema (storage.js):
 * it then skips a record made under framework 2.0.0 rather than score it with 1.1.0. */
export const SCHEMA = 2;
/** The framework of records that do not name theirs, saved before schema 2: every one of them
 * was made and last scored under the default framework 1.1.0 (the version before it, 1.0.0,
 * had the same texts). */
export const UNTAGGED = Object.freeze({ id: 'resilience-default', version: '1.1.0' });
let framework = UNTAGGED; // the current one: new records are made under it (set by engine.js)
/** Sets the framework new records are made under ({id, version}). */
export const useFramework = (r) => (framework = { id: r.id, version: r.version });
const now = () => new Date().toISOString();

export function newId() {
  const b = crypto.getRandomValues(new Uint8Array(6));
  return 'a-' + [...b].map((x) => x.toString(36).padStart(2, '0')).join('').slice(0, 10);
}

export const create = (unit = '') => ({
  id: '',
  schema: SCHEMA,
  framework: { ...framework },
  updated: now(),
  input: { id: '', unit, date: today(), scores: {}, notes: {} },
});

export function withId(r, id = newId()) {
  r.id = r.input.id = id;
  return r;
}

/** A copy for re-assessing the same unit: new id, today's date, the same answers to start from,
 * under the current framework (a new assessment, whatever the framework of the one copied). */
export function duplicate(r) {
  const c = structuredClone(r);
  delete c.example;
  c.framework = { ...framework };
  c.updated = now();
  c.input.date = today();
  return withId(c);
}

export const multi = (r) => Array.isArray(r.respondentNames);
export const touch = (r) => (r.updated = now());

/** Whether a stored score (number, list or null) has any answer. */
export const scored = (v) => (Array.isArray(v) ? v.some((x) => x != null) : v != null);

/** Older record versions, each brought one step up when read (index = the version it upgrades). */
export const MIGRATE = [
  (r) => ({ ...r, schema: 1 }), // 0 (no `schema`) → 1: the same shape
  (r) => ({ ...r, schema: 2, framework: r.framework ?? { ...UNTAGGED } }), // 1 → 2: names its framework
];

/** Brings a record read from a file into the shape above (idempotent). A record that does not
 * name its framework was made under UNTAGGED. */
export function normalize(r) {
  for (let v = r.schema ?? 0; v < SCHEMA; v++) r = MIGRATE[v](r);
  r.framework ??= { ...UNTAGGED };
  const a = r.input;
  a.scores ??= {};
  a.notes ??= {};
  const vals = Object.values(a.scores);
  let n = Math.max(r.respondentNames?.length ?? 0, ...vals.map((v) => (Array.isArray(v) ? v.length : 1)));
  if (r.respondentNames || vals.some(Array.isArray)) {
    r.respondentNames = [...(r.respondentNames || [])];
    while (r.respondentNames.length < n) r.respondentNames.push('');
  } else {
    delete r.respondentNames;
    n = 0;
  }
  for (const [k, v] of Object.entries(a.scores)) {
    if (!scored(v)) delete a.scores[k];
    else if (n) {
      const l = Array.isArray(v) ? [...v] : [v];
      while (l.length < n) l.push(null);
      a.scores[k] = l;
    }
  }
  for (const [k, v] of Object.entries(a.notes)) if (!v) delete a.notes[k];
  return r;
}

/** How many of `indicators` a result scored, of those that apply ("not applicable" ones are
 * left out of the count, as they are of the score): {k, n}. */
export function answered(r, indicators) {
  let k = 0;
  let n = 0;
  for (const i of indicators) {
    const v = r.nodes[i.id];
    if (v?.missing === 'not_applicable') continue;
    n++;
    if (v?.score != null) k++;
  }
  return { k, n };
}

/** The reasons that may stand instead of a score: CSV / form code → the engine's name. */
export const REASONS = { dk: 'dont_know', na: 'not_applicable', unsafe: 'unsafe_to_ask' };
const CODES = Object.fromEntries(Object.entries(REASONS).map(([c, n]) => [n, c]));
/** An answer as a CSV cell or a form value: `3`, `dk`, `na`, `unsafe`, or '' when none. */
export const answerCode = (x) => (x == null ? '' : typeof x === 'object' ? CODES[x.missing] ?? '' : String(x));
/** The answer a CSV cell or a form value stands for: a number, {missing}, or null. */
export function answerOf(code) {
  const c = code.trim();
  if (c === '') return null;
  const reason = REASONS[c.toLowerCase()];
  return reason ? { missing: reason } : Number(c.replace(',', '.'));
}

/** Respondent `k`'s score (or the single score), null when not answered. */
export function getScore(r, id, k = 0) {
  const v = r.input.scores[id];
  return (Array.isArray(v) ? v[k] : k === 0 ? v : null) ?? null;
}

export function setScore(r, id, k, x) {
  const s = r.input.scores;
  if (multi(r)) {
    const l = s[id] || r.respondentNames.map(() => null);
    l[k] = x;
    if (scored(l)) s[id] = l;
    else delete s[id];
  } else if (x == null) delete s[id];
  else s[id] = x;
}

/** Adds a respondent; a single-respondent record becomes a multi-respondent one. */
export function addRespondent(r) {
  if (!multi(r)) {
    r.respondentNames = [''];
    for (const k in r.input.scores) r.input.scores[k] = [r.input.scores[k]];
  }
  r.respondentNames.push('');
  for (const k in r.input.scores) r.input.scores[k].push(null);
}

export function removeRespondent(r, k) {
  r.respondentNames.splice(k, 1);
  for (const id in r.input.scores) {
    r.input.scores[id].splice(k, 1);
    if (!scored(r.input.scores[id])) delete r.input.scores[id];
  }
}

// A day, a month or a year (published figures are dated by year): what the engine reads.
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
/** An assessment as the engine's other modules take it: what is being typed into the date
 * field (not yet a full date) is left out rather than refused. */
export const engineInput = (a) => ({ id: a.id, unit: a.unit, date: DATE.test(a.date) ? a.date : undefined, scores: a.scores, notes: a.notes });
