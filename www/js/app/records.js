// Assessment records: {id, schema: 2, framework: {id, version}, updated, input,
// respondentNames?, example?}. `framework` is the framework the assessment was made under, and
// the one it is scored with (frameworks.js). `input` is the engine's input ({id, unit, date,
// scores, notes, context?, evidence?}; what is still being typed is left out when it is scored:
// shared/model.js engineInput). With respondentNames (one per respondent, '' = unnamed), every score is a
// list with one entry per respondent (null = not answered); without, every score is a number.
// Unscored indicators have no key. What an answer is (codes, reasons) is the Model's
// (shared/model.js). `input.groups` ({name: {scores}}, in the order added) holds the same
// indicators scored "as experienced by" named groups, in the same shape as `input.scores`
// (groups.js). A team assessment's members (assessor, assessors, agreed, basis, _edited) are
// team-data.js's.
import { today } from '../shared/dom.js';
import { newId, scored } from '../shared/model.js';

/** Schema 2 added `framework`. An older app refuses records of a newer schema (storage.js):
 * it then skips a record made under framework 2.0.0 rather than score it with 1.1.0. */
export const SCHEMA = 2;
/** The framework of records that do not name theirs, saved before schema 2: every one of them
 * was made and last scored under the default framework 1.1.0 (the version before it, 1.0.0,
 * had the same texts). */
export const UNTAGGED = Object.freeze({ id: 'resilience-default', version: '1.1.0' });
/** Versions whose successor scores their answers exactly as they did: 2.1.0 only adds content
 * (the Framework of Analysis mapping, prevention measures, warning signs); titles, anchors,
 * weights and method are 2.0.0's (tests/prevention_content.rs scores both bit for bit). A
 * record or file that names the old version is read as made under the new one. */
const SUCCESSOR = { 'resilience-default@2.0.0': '2.1.0' };
/** A framework reference, moved on to the version that replaced it without changing scores. */
export const current = (f) => {
  const v = SUCCESSOR[`${f.id}@${f.version}`];
  return v ? { id: f.id, version: v } : f;
};
const now = () => new Date().toISOString();

/** A new record (no id yet: withId) made under framework `ref` ({id, version}). */
export const create = (ref, unit = '') => ({
  id: '',
  schema: SCHEMA,
  framework: { id: ref.id, version: ref.version },
  updated: now(),
  input: { id: '', unit, date: today(), scores: {}, notes: {} },
});

export function withId(r, id = newId()) {
  r.id = r.input.id = id;
  return r;
}

/** A copy for re-assessing the same unit: new id, today's date, the same answers to start from,
 * under framework `ref` (the current one: a new assessment, whatever the framework of the one
 * copied). */
export function duplicate(r, ref) {
  const c = structuredClone(r);
  delete c.example;
  c.framework = { id: ref.id, version: ref.version };
  c.updated = now();
  c.input.date = today();
  // This device's answers are the starting point; the team's were given for the one copied.
  for (const k of ['assessors', 'agreed', 'basis', '_edited']) delete c.input[k];
  return withId(c);
}

export const multi = (r) => Array.isArray(r.respondentNames);
export const touch = (r) => (r.updated = now());

/** Older record versions, each brought one step up when read (index = the version it upgrades). */
export const MIGRATE = [
  (r) => ({ ...r, schema: 1 }), // 0 (no `schema`) → 1: the same shape
  (r) => ({ ...r, schema: 2, framework: r.framework ?? { ...UNTAGGED } }), // 1 → 2: names its framework
];

/** Brings a record read from a file into the shape above (idempotent). A record that does not
 * name its framework was made under UNTAGGED. */
export function normalize(r) {
  for (let v = r.schema ?? 0; v < SCHEMA; v++) r = MIGRATE[v](r);
  r.framework = current(r.framework ?? { ...UNTAGGED });
  const a = r.input;
  a.scores ??= {};
  a.notes ??= {};
  if (a.groups) for (const g of Object.values(a.groups)) g.scores ??= {};
  const vals = allScores(r).flatMap((x) => Object.values(x));
  let n = Math.max(r.respondentNames?.length ?? 0, ...vals.map((v) => (Array.isArray(v) ? v.length : 1)));
  if (r.respondentNames || vals.some(Array.isArray)) {
    r.respondentNames = [...(r.respondentNames || [])];
    while (r.respondentNames.length < n) r.respondentNames.push('');
  } else {
    delete r.respondentNames;
    n = 0;
  }
  for (const scores of allScores(r)) {
    for (const [k, v] of Object.entries(scores)) {
      if (!scored(v)) delete scores[k];
      else if (n) {
        const l = Array.isArray(v) ? [...v] : [v];
        while (l.length < n) l.push(null);
        scores[k] = l;
      }
    }
  }
  for (const [k, v] of Object.entries(a.notes)) if (!v) delete a.notes[k];
  return r;
}

/** The scores of the whole population (`g` null) or of group `g`. */
export const scoresOf = (r, g = null) => (g == null ? r.input.scores : r.input.groups[g].scores);
/** Every scores object of a record: the whole's, then each group's. */
const allScores = (r) => [r.input.scores, ...Object.values(r.input.groups ?? {}).map((x) => x.scores)];

/** Respondent `k`'s score (or the single score), null when not answered; of group `g` if given. */
export function getScore(r, id, k = 0, g = null) {
  const v = scoresOf(r, g)[id];
  return (Array.isArray(v) ? v[k] : k === 0 ? v : null) ?? null;
}

export function setScore(r, id, k, x, g = null) {
  const s = scoresOf(r, g);
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
    for (const s of allScores(r)) for (const k in s) s[k] = [s[k]];
  }
  r.respondentNames.push('');
  for (const s of allScores(r)) for (const k in s) s[k].push(null);
}

export function removeRespondent(r, k) {
  r.respondentNames.splice(k, 1);
  for (const s of allScores(r)) {
    for (const id in s) {
      s[id].splice(k, 1);
      if (!scored(s[id])) delete s[id];
    }
  }
}
