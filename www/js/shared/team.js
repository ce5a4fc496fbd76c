// A team assessment's scores (docs/team.md): several assessors score the same assessment, each
// on their own device; the app keeps each one's answers (app/team-data.js) and scores the team
// with these. Here, because what the engine is asked is the Model's (model.js engineInput).

const byCode = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Whether input `a` is a team assessment: it holds other assessors' answers. */
export const isTeam = (a) => !!a.assessors && Object.keys(a.assessors).length > 0;

/**
 * The scores input `a` is scored with. Alone: its own. In a team: every assessor's current
 * score pooled as respondents (in code order, as the merge writes them), so that the framework's
 * respondent rule (the median, by default) combines them; with `basis: "agreed"`, the agreed
 * score wherever the consensus round recorded one. `a.assessor`'s answers are `a.scores` (those
 * of this device's assessor); the others' are in `a.assessors`.
 */
export function teamScores(a) {
  if (!isTeam(a)) return a.scores;
  const codes = new Set(Object.keys(a.assessors));
  if (a.assessor) codes.add(a.assessor);
  const pool = {};
  for (const c of [...codes].sort(byCode)) {
    const s = c === a.assessor ? a.scores : a.assessors[c]?.scores;
    for (const [id, v] of Object.entries(s ?? {})) if (v != null) (pool[id] ??= []).push(...(Array.isArray(v) ? v : [v]));
  }
  if (a.basis === 'agreed') for (const [id, x] of Object.entries(a.agreed ?? {})) if (x?.score != null) pool[id] = x.score;
  return pool;
}
