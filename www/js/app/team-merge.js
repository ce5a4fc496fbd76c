// Imports of team files (docs/team.md): an assessment that names an assessor or holds assessors'
// answers is merged by the engine (mergeTeam, in team-work.js's worker) with this device's
// record of the same id, instead of being added beside it; a new one is added in the merge's
// form. Merging is order-independent and idempotent, so importing a file twice changes nothing.
import { mergeTeam, has } from './team-work.js';
import { fromFile, inTeam, ownAnswers } from './team-data.js';

const error = (issues) => Object.assign(new Error(issues[0]?.message ?? 'invalid'), { issues });
const HERE = 'here'; // the name this device's record goes by in a merge

/** A record as one of the merge's files: its input (valid as it is: this device's answers under
 * `assessor`, the others under `assessors`) stamped with when it was last changed. Without a
 * code or a team there is nothing to merge it as: null. */
function itemOf(rec) {
  const a = rec.input;
  if (!inTeam(a)) return null;
  // Without a code here, signs and groups at the top can only be a file's copied by an earlier
  // version of the app (the form is locked without a code): the merge derives the team's.
  if (!a.assessor) return { ...a, context: undefined, groups: undefined, _updated: rec.updated };
  return { ...a, _updated: rec.updated };
}

/** The engine's merge of `items` ([{name, item}]); its problems' paths name the item's place in
 * the file being imported (`at(name)`) or this device's record (`tr`'s words). */
async function run(items, at, tr) {
  try {
    const out = await mergeTeam(items.map(({ name, item }) => ({ name, text: JSON.stringify(item) })));
    return out.assessments[0];
  } catch (e) {
    if (!e.issues) throw e;
    throw error(
      e.issues.map((i) => {
        const [name, ...rest] = i.path.split(': ');
        const where = rest.join(': ').replace(/^\$/, '');
        return { path: name === HERE ? `${tr.t('team.here')}${where}` : `${at(name)}${where}`, message: i.message };
      }),
    );
  }
}

/** The merge's output without what changes when nothing new came in: `_updated` (the latest
 * file's). */
const essence = (x) => JSON.stringify({ ...x, _updated: undefined });

/**
 * Imports file assessment `item` (found at `path` in the file, e.g. `$.assessments[2]`) made
 * under framework `ref`. `old`: this device's record with its id, if any. Returns
 * {input} for a new record, {input, merged: true} for `old` changed, {same: true} when the file
 * brings nothing new, or null when it is no team matter (an ordinary import). Throws
 * {issues: [{path, message}]}.
 */
export async function importTeam(item, path, ref, old, tr) {
  if (!inTeam(item) && !(old && inTeam(old.input))) return null;
  const at = () => path;
  const bad = (message, p = path) => error([{ path: p, message }]);
  if (!(await has('mergeTeam'))) throw bad(tr.t('team.unavailable'));
  const file = { name: 'file', item };
  if (!old) return { input: fromFile(await run([file], at, tr), null) };
  const f = old.framework;
  if (f.id !== ref.id || f.version !== ref.version) throw bad(tr.t('team.framework', { v: ref.version, here: f.version }), `${path}._framework`);
  const mine = itemOf(old);
  if (!mine && ownAnswers(old.input)) throw bad(tr.t('team.nocode', { unit: old.input.unit || tr.t('unit.untitled') }));
  const here = mine ? [{ name: HERE, item: mine }] : [];
  const after = await run([...here, file], at, tr);
  if (mine && essence(after) === essence(await run(here, at, tr))) return { same: true };
  // Every assessor's signs and groups are merged with their answers (merge.rs); this device's
  // come back as the input's.
  const input = fromFile(after, old.input.assessor ?? null);
  return { input, merged: true };
}
