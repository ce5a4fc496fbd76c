// This device's part of a team record (docs/team.md), what the form writes: when each of its
// answers was edited, and its assessor code. The first screen needs only this; the rest of team
// work (conflicts, decisions, files: team-data.js, which re-exports these) loads with the pages
// that use it.
import { isTeam } from '../shared/team.js';
import { normalize } from './records.js';

export { isTeam };
export const now = () => new Date().toISOString();
export const byCode = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
export const some = (o) => !!o && Object.keys(o).length > 0;
/** An answer's parts: the input's member and the version's field (merge.rs PARTS). */
export const PARTS = [
  ['scores', 'score'],
  ['notes', 'note'],
  ['evidence', 'evidence'],
];
/** The members of a sign's answers kept with an assessor's entry, this device's too. */
export const SIGN_BOOKS = ['context_conflicts', 'context_resolved'];
/** Longest assessor code. */
export const LONGEST = 40;
/** Every assessor's code, this device's included, in code order. */
export function codes(a) {
  const all = new Set(Object.keys(a.assessors ?? {}));
  if (a.assessor) all.add(a.assessor);
  return [...all].sort(byCode);
}

export const hasAnswers = (x) => PARTS.some(([k]) => some(x[k]));
/** Whether this device's answers (`scores`, `notes`, `evidence`, `context`, `groups` of the
 * input) hold anything. */
export const ownAnswers = (a) => hasAnswers({ scores: a.scores, notes: a.notes, evidence: a.evidence }) || some(a.context) || some(a.groups);
/** Whether assessor entry `x` (of `assessors`) holds answers: to indicators, signs or groups. */
export const theirAnswers = (x) => hasAnswers({ scores: x.scores ?? {}, notes: x.notes ?? {}, evidence: x.evidence ?? {} }) || some(x.context) || some(x.groups);

/** Makes assessor entry `x`'s signs and groups' scores this device's (the input's `context` and
 * `groups`, which the form edits); their conflicts and decisions stay in the entry. */
export function takeSignsAndGroups(a, x) {
  if (some(x.context)) a.context = x.context;
  if (some(x.context_edited)) a._context_edited = x.context_edited;
  delete x.context;
  delete x.context_edited;
  const gs = {};
  for (const [name, g] of Object.entries(x.groups ?? {})) {
    gs[name] = { scores: g?.scores ?? {}, ...(some(g?.edited) ? { _edited: g.edited } : {}) };
    delete g?.scores;
    delete g?.edited;
  }
  if (some(gs)) a.groups = gs;
}

/** Records when this device's answer to warning sign `id` was edited (`_context_edited`). */
export function signEdited(rec, id, at = now()) {
  (rec.input._context_edited ??= {})[id] = at;
}

/** Records when this device's score of indicator `id` for group `group` was edited (the group's
 * `_edited`). */
export function groupEdited(rec, group, id, at = now()) {
  const g = rec.input.groups?.[group];
  if (g) (g._edited ??= {})[id] = at;
}

/** Records when this device's answer to `id` was edited (`_edited`, docs/team.md): every edit
 * of a score, note or evidence, whether or not a team is formed yet. */
export function edited(rec, id, at = now()) {
  (rec.input._edited ??= {})[id] = at;
}

/**
 * Sets this device's assessor code (trimmed). Renaming keeps the answers; a code another
 * assessor already uses continues that assessor's answers when none were given here yet (the
 * same person on a new device); otherwise it is refused. Returns why it cannot be (a key of
 * translations), or null once done.
 */
export function setCode(rec, text) {
  const a = rec.input;
  const code = text.trim();
  const old = a.assessor ?? '';
  if (code === old) return null;
  const mine = ownAnswers(a);
  if (!code) {
    // Without a code, this device's answers would have no place in the team.
    if (isTeam(a) && mine) return 'team.code.needed';
    delete a.assessor;
    return null;
  }
  if (code.length > LONGEST) return 'team.code.long';
  const theirs = a.assessors?.[code];
  if (theirs && theirAnswers(theirs)) {
    if (mine) return 'team.code.taken';
    // Continue their answers here.
    for (const [k] of PARTS) if (some(theirs[k])) a[k] = theirs[k];
    if (some(theirs.edited)) a._edited = theirs.edited;
    for (const [k] of PARTS) delete theirs[k];
    delete theirs.edited;
    takeSignsAndGroups(a, theirs);
  }
  // This device's conflicts and decisions move with its code.
  const before = old && a.assessors?.[old];
  if (before) {
    const entry = (a.assessors[code] ??= {});
    for (const k of ['conflicts', 'resolved', ...SIGN_BOOKS, 'groups']) if (some(before[k])) entry[k] = { ...entry[k], ...before[k] };
    delete a.assessors[old];
  }
  a.assessor = code;
  tidy(a);
  normalize(rec);
  return null;
}

/** Drops empty parts and assessor entries that hold nothing (this device's own, once answered
 * here, holds only its conflicts and decisions). */
export function tidy(a) {
  if (!a.assessors) return;
  const bare = (x) => {
    for (const k of Object.keys(x)) if (x[k] && typeof x[k] === 'object' && !Array.isArray(x[k]) && !some(x[k])) delete x[k];
  };
  for (const [c, x] of Object.entries(a.assessors)) {
    // This device's groups keep their conflicts and decisions only (the scores are the input's):
    // an entry with neither goes, so that a group removed here is not named again. Another
    // assessor's group named and not scored stays.
    for (const [n, g] of Object.entries(x.groups ?? {})) {
      if (g && typeof g === 'object') bare(g);
      if (c === a.assessor && !some(g)) delete x.groups[n];
    }
    bare(x);
    if (c === a.assessor && !some(x)) delete a.assessors[c];
  }
  if (!some(a.assessors)) delete a.assessors;
}
