// Team assessments on this device (docs/team.md): no DOM, the record operations only.
//
// A record's input keeps this device's assessor apart from the others, so that the form edits
// it as any assessment:
//   assessor   this device's assessor code (chosen by them; absent: none set)
//   scores, notes, evidence, _edited   this assessor's own answers and when each was edited
//   context, groups   this assessor's own warning signs and scores by group (as the form edits
//              them); `_context_edited` and each group's `_edited`: when each was edited
//   assessors  {code: {scores, notes, evidence, edited, conflicts, resolved, context,
//              context_edited, context_conflicts, context_resolved, groups: {name: {scores,
//              edited, conflicts, resolved}}}}: the others' answers as merged, and for the own
//              code only its conflicts and decisions
//   agreed     {indicator: {score, recorded, dissent: [{assessor, reason}]}}: the consensus round
//   basis      "individual" (every assessor's score pooled) or "agreed"
// shared/team.js derives the scores the engine is given. Files carry the merge's own form
// (teamFile): every assessor under `assessors`, the derived `scores`; an assessor working alone
// exports `assessor` with their answers, as the docs show.
import { isTeam, teamScores, teamContext, teamGroups } from '../shared/team.js';
import { normalize } from './records.js';
import { now, byCode, some, PARTS, SIGN_BOOKS, codes, takeSignsAndGroups, tidy } from './team-own.js';

// What the form writes, in team-own.js (the first screen's part).
export { LONGEST, codes, ownAnswers, signEdited, groupEdited, edited, setCode } from './team-own.js';
/** The team's members of a file's assessment (teamFile), as exports write them. */
export const TEAM = ['assessor', '_edited', '_context_edited', 'basis', 'assessors', 'agreed'];

export { isTeam };
/** Whether an input or a file's assessment takes part in team merges: it names an assessor or
 * holds assessors' answers. */
export const inTeam = (a) => (typeof a?.assessor === 'string' && a.assessor.trim() !== '') || (!!a?.assessors && typeof a.assessors === 'object');

/** Assessor `code`'s current answers: {scores, notes, evidence, edited}. */
export function answersOf(a, code) {
  if (code === a.assessor) return { scores: a.scores ?? {}, notes: a.notes ?? {}, evidence: a.evidence ?? {}, edited: a._edited ?? {} };
  const x = a.assessors?.[code] ?? {};
  return { scores: x.scores ?? {}, notes: x.notes ?? {}, evidence: x.evidence ?? {}, edited: x.edited ?? {} };
}

/** `times` ({id: when}) of the ids `answers` has. */
const timesOf = (times, answers) => Object.fromEntries(Object.entries(times ?? {}).filter(([id]) => answers?.[id] != null));

/** One answer of `x` (answersOf) to indicator `id` as a version: {score?, note?, evidence?}. */
function content(x, id) {
  const v = {};
  for (const [k, f] of PARTS) if (x[k][id] != null && x[k][id] !== '') v[f] = x[k][id];
  return v;
}
/** Whether two versions hold the same answer (whenever edited; keys in any order). */
const same = ({ edited: _, ...u }, { edited: __, ...v }) => JSON.stringify(sortKeys(u)) === JSON.stringify(sortKeys(v));
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

/** The undecided answers of assessor `code` to indicator `id`, in edit order (the last is the
 * one proposed), or null when there is no conflict. This device's assessor may have answered
 * again since the conflict was merged in: their current answer counts as the latest version. */
export function versions(a, code, id) {
  const list = a.assessors?.[code]?.conflicts?.[id];
  if (!list?.length) return null;
  const out = list.map((v) => ({ ...v }));
  const x = answersOf(a, code);
  const cur = content(x, id);
  const at = x.edited[id] ?? '';
  if (Object.keys(cur).length) {
    const k = out.findIndex((v) => same(v, cur));
    if (k < 0) out.push({ ...cur, edited: at });
    else if (at > out[k].edited) out[k].edited = at;
  }
  out.sort((u, v) => byCode(u.edited ?? '', v.edited ?? ''));
  return out.length > 1 ? out : null;
}

/** Every undecided conflict: [{code, id, versions}], by assessor then framework order (`order`:
 * the indicator ids in framework order). */
export function conflicts(a, order) {
  const out = [];
  for (const code of codes(a)) {
    const ids = Object.keys(a.assessors?.[code]?.conflicts ?? {}).sort((x, y) => order.indexOf(x) - order.indexOf(y));
    for (const id of ids) {
      const vs = versions(a, code, id);
      if (vs) out.push({ code, id, versions: vs });
    }
  }
  return out;
}

/** A conflict's versions with the current answer `cur` (edited at `at`) counted as the latest
 * of its content, in edit order; null when fewer than two. */
function withCurrent(list, cur, at) {
  const out = list.map((v) => ({ ...v }));
  if (cur && Object.keys(cur).length) {
    const k = out.findIndex((v) => same(v, cur));
    if (k < 0) out.push({ ...cur, edited: at });
    else if (at > out[k].edited) out[k].edited = at;
  }
  out.sort((u, v) => byCode(u.edited ?? '', v.edited ?? ''));
  return out.length > 1 ? out : null;
}

/** Every undecided conflict over a warning sign ({code, sign: id, versions}; a version is
 * {status, date?, note?, edited}) and over a group's score ({code, group, id, versions}; a
 * version is {score, edited}), by assessor. This device's current answers were edited when the
 * record was last changed (`updated`), as the merge reads them. */
export function otherConflicts(a, updated = '') {
  const out = [];
  for (const code of codes(a)) {
    const entry = a.assessors?.[code] ?? {};
    const mine = code === a.assessor;
    for (const [id, list] of Object.entries(entry.context_conflicts ?? {})) {
      const cur = mine ? a.context?.[id] : entry.context?.[id];
      const vs = withCurrent(list ?? [], cur, mine ? (a._context_edited?.[id] ?? updated) : (entry.context_edited?.[id] ?? ''));
      if (vs) out.push({ code, sign: id, versions: vs });
    }
    for (const [group, g] of Object.entries(entry.groups ?? {})) {
      for (const [id, list] of Object.entries(g?.conflicts ?? {})) {
        const score = mine ? a.groups?.[group]?.scores?.[id] : g.scores?.[id];
        const vs = withCurrent(list ?? [], score != null ? { score } : null, mine ? (a.groups?.[group]?._edited?.[id] ?? updated) : (g.edited?.[id] ?? ''));
        if (vs) out.push({ code, group, id, versions: vs });
      }
    }
  }
  return out;
}

/** Settles assessor `code`'s conflict over warning sign `id` with `version` (one of
 * otherConflicts()'s), as decide() does for an indicator. */
export function decideSign(rec, code, id, version) {
  const a = rec.input;
  const at = now();
  const { edited: _, ...v } = version;
  const entry = (a.assessors[code] ??= {});
  if (code === a.assessor) {
    (a.context ??= {})[id] = v;
    (a._context_edited ??= {})[id] = at;
  } else {
    (entry.context ??= {})[id] = v;
    (entry.context_edited ??= {})[id] = at;
  }
  delete entry.context_conflicts?.[id];
  (entry.context_resolved ??= {})[id] = at;
  tidy(a);
}

/** Settles assessor `code`'s conflict over group `group`'s score of indicator `id` with
 * `version`. */
export function decideGroup(rec, code, group, id, version) {
  const a = rec.input;
  const at = now();
  const entry = (a.assessors[code] ??= {});
  const books = ((entry.groups ??= {})[group] ??= {});
  if (code === a.assessor) {
    const g = ((a.groups ??= {})[group] ??= { scores: {} });
    g.scores[id] = structuredClone(version.score);
    (g._edited ??= {})[id] = at;
  } else {
    (books.scores ??= {})[id] = structuredClone(version.score);
    (books.edited ??= {})[id] = at;
  }
  delete books.conflicts?.[id];
  (books.resolved ??= {})[id] = at;
  tidy(a);
}

/** Settles assessor `code`'s conflict on `id` with `version` (one of versions()): recorded as a
 * new edit of that answer and as a decision (`resolved`), which settles every answer edited
 * before it. */
export function decide(rec, code, id, version) {
  const a = rec.input;
  const at = now();
  const mine = code === a.assessor;
  const x = mine ? a : (a.assessors[code] ??= {});
  for (const [k, f] of PARTS) {
    const part = (x[k] ??= {});
    if (version[f] != null) part[id] = structuredClone(version[f]);
    else delete part[id];
  }
  (mine ? (a._edited ??= {}) : (x.edited ??= {}))[id] = at;
  const entry = (a.assessors[code] ??= {});
  delete entry.conflicts?.[id];
  (entry.resolved ??= {})[id] = at;
  tidy(a);
  if (mine) normalize(rec); // a version may hold several respondents' scores
}

/** Records the consensus round's agreed score for `id` with its dissent ([{assessor, reason}]),
 * as recorded now (the latest recording wins when files merge). */
export function agree(rec, id, score, dissent = []) {
  const a = rec.input;
  (a.agreed ??= {})[id] = { score, recorded: now(), dissent: dissent.map((d) => ({ assessor: d.assessor, reason: d.reason })) };
}

/** Which scores the results use: 'individual' (pooled) or 'agreed'. */
export function setBasis(rec, basis) {
  rec.input.basis = basis;
}

/** Only the answered indicators' edit times (merge.rs writes no others). */
const editedOf = (x) => Object.fromEntries(Object.entries(x.edited).filter(([id]) => Object.keys(content(x, id)).length));

/**
 * The record as the merge's files carry it. Alone: its input as it is (with `assessor` and
 * `_edited` once a code is set). In a team: every assessor under `assessors` (this device's
 * answers among them, with their conflicts), the derived `scores`, `basis` and `agreed`, and no
 * `assessor`: a file holds the team, not one device's place in it.
 */
export function teamFile(rec) {
  const a = rec.input;
  if (!isTeam(a)) {
    const ed = a._edited && editedOf(answersOf(a, a.assessor));
    return some(ed) ? { ...a, _edited: ed } : { ...a, _edited: undefined };
  }
  const assessors = {};
  for (const c of codes(a)) {
    const x = answersOf(a, c);
    const entry = a.assessors[c] ?? {};
    const out = {};
    for (const [k] of PARTS) if (some(x[k])) out[k] = x[k];
    const ed = editedOf(x);
    if (some(ed)) out.edited = ed;
    const cs = {};
    for (const id of Object.keys(entry.conflicts ?? {})) {
      const vs = versions(a, c, id);
      if (vs) cs[id] = vs;
    }
    if (some(cs)) out.conflicts = cs;
    if (some(entry.resolved)) out.resolved = entry.resolved;
    // Signs and groups: the merge's members (merge.rs); this device's from the input.
    if (c === a.assessor) {
      if (some(a.context)) out.context = a.context;
      const ced = timesOf(a._context_edited, a.context);
      if (some(ced)) out.context_edited = ced;
      for (const k of SIGN_BOOKS) if (some(entry[k])) out[k] = entry[k];
      const gs = {};
      for (const name of new Set([...Object.keys(a.groups ?? {}), ...Object.keys(entry.groups ?? {})])) {
        const scores = a.groups?.[name]?.scores;
        const ged = timesOf(a.groups?.[name]?._edited, scores);
        gs[name] = { ...(some(scores) ? { scores } : {}), ...(some(ged) ? { edited: ged } : {}), ...(entry.groups?.[name] ?? {}) };
      }
      if (some(gs)) out.groups = gs;
    } else for (const k of ['context', 'context_edited', ...SIGN_BOOKS, 'groups']) if (some(entry[k])) out[k] = entry[k];
    assessors[c] = out;
  }
  // The team's signs and groups as the engine reads them, derived as the merge derives them
  // (shared/team.js); each assessor's own are under `assessors`.
  const f = { id: a.id, unit: a.unit, date: a.date, basis: a.basis ?? 'individual', scores: teamScores(a), notes: {}, assessors };
  const context = teamContext(a);
  if (context) f.context = context;
  const groups = teamGroups(a);
  if (groups) f.groups = groups;
  if (some(a.agreed)) f.agreed = a.agreed;
  return f;
}

/**
 * An assessment in the merge's form (mergeTeam's output: every assessor under `assessors`) as a
 * record's input, with `code` as this device's assessor (or none: a file holds no device's
 * place; the device's user sets their code on the form).
 */
export function fromFile(item, code = null) {
  const a = { id: item.id, scores: {}, notes: {} };
  for (const k of ['unit', 'date']) if (item[k] != null) a[k] = item[k];
  a.assessors = structuredClone(item.assessors ?? {});
  // (Its `scores`, `context` and `groups` are the team's, derived: not this device's.)
  for (const k of ['agreed', 'basis']) if (item[k] != null) a[k] = structuredClone(item[k]);
  if (code) {
    const x = a.assessors[code];
    if (x) {
      for (const [k] of PARTS) if (some(x[k])) a[k] = x[k];
      if (some(x.edited)) a._edited = x.edited;
      for (const [k] of PARTS) delete x[k];
      delete x.edited;
      takeSignsAndGroups(a, x);
    }
    a.assessor = code;
  }
  tidy(a);
  return a;
}
