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

/** Every assessor's answers of one kind, in code order: [[code, answers]] (`own`: this
 * device's, from the input; `theirs(x)`: another's, from its `assessors` entry). */
function each(a, own, theirs) {
  const codes = new Set(Object.keys(a.assessors));
  if (a.assessor) codes.add(a.assessor);
  return [...codes].sort(byCode).map((c) => [c, (c === a.assessor ? own : theirs(a.assessors[c] ?? {})) ?? {}]);
}

const RANK = { present: 3, unknown: 2, absent: 1 };

/**
 * The warning signs input `a` is scored with. Alone: its own. In a team (as the merge derives
 * them, crates/team merge.rs): a sign is present when any assessor saw it, else unknown when any
 * could not say, else absent; with the latest date and every note, after its assessor's code, of
 * the assessors who gave that status.
 */
export function teamContext(a) {
  if (!isTeam(a)) return a.context;
  const by = {};
  for (const [c, ctx] of each(a, a.context, (x) => x.context)) for (const [id, v] of Object.entries(ctx)) if (RANK[v?.status]) (by[id] ??= []).push([c, v]);
  const out = {};
  for (const [id, list] of Object.entries(by)) {
    const top = list.reduce((s, [, v]) => (RANK[v.status] > RANK[s] ? v.status : s), list[0][1].status);
    const with_ = list.filter(([, v]) => v.status === top);
    const o = { status: top };
    const dates = with_.map(([, v]) => v.date).filter((d) => typeof d === 'string' && d);
    if (dates.length) o.date = dates.sort(byCode).at(-1);
    const notes = with_.filter(([, v]) => typeof v.note === 'string' && v.note).map(([c, v]) => `${c}: ${v.note}`);
    if (notes.length) o.note = notes.join('\n');
    out[id] = o;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The groups input `a` is scored with (undefined when none). Alone: its own. In a team: by
 * group name, every assessor's current scores pooled as respondents (as `teamScores`). */
export function teamGroups(a) {
  if (!isTeam(a)) return a.groups && Object.keys(a.groups).length ? a.groups : undefined;
  const out = {};
  for (const [, gs] of each(a, a.groups, (x) => x.groups)) {
    for (const [name, g] of Object.entries(gs)) {
      const pool = (out[name] ??= { scores: {} }).scores;
      for (const [id, v] of Object.entries(g?.scores ?? {})) if (v != null) (pool[id] ??= []).push(...(Array.isArray(v) ? v : [v]));
    }
  }
  return Object.keys(out).length ? out : undefined;
}
