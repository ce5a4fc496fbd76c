// The frameworks the app scores with, as Models (shared/model.js): the current default (built
// into the engine: what new assessments are made under), and the earlier versions of it that
// saved assessments were made under, each loaded from frameworks/ the first time a record needs
// it. Every assessment is scored with the framework it was made under (its record says which).
// The app's shell makes one registry at start and passes it to every page (app.models).
import { load, defaultModel, Model } from '../shared/model.js';
import { UNTAGGED } from './records.js';

/** Earlier versions of the default framework that the app still scores with: "id@version" →
 * the file that holds it (precached by sw.js). What changed between them: README.md, "Framework
 * versions", and the help page. */
const SHIPPED = { 'resilience-default@1.1.0': 'frameworks/resilience-default-1.1.0.json' };

const key = (r) => `${r.id}@${r.version}`;

/** The framework a record was made under ({id, version}): a record without one predates them
 * (records.js). */
export const refOf = (rec) => rec.framework ?? UNTAGGED;

/** Loads the engine; resolves to the registry:
 * - `current`: the Model new assessments are made under;
 * - `of(rec)`: the Model record `rec` (or `{framework: ref}`) was made under; null while it is
 *   not loaded (call need() first), or when this app does not have it;
 * - `need(items)`: loads the frameworks that `items` (records, or references) were made under;
 * - `known(ref)`, `isCurrent(ref)`; `score(rec)`: the result of a record under its own
 *   framework, or null (an input the engine rejects, a framework this app does not have). */
export async function frameworks() {
  await load();
  const current = defaultModel();
  const loaded = new Map([[key(current.ref), current]]); // "id@version" → Model
  const of = (rec) => loaded.get(key(refOf(rec))) ?? null;
  return {
    current,
    of,
    known: (r) => loaded.has(key(r)) || key(r) in SHIPPED,
    isCurrent: (r) => key(r) === key(current.ref),
    score: (rec) => of(rec)?.score(rec.input) ?? null,
    /** Unknown frameworks are left out: of() gives null for them. */
    async need(items) {
      const want = new Set(items.map((x) => key(x.input ? refOf(x) : x)));
      await Promise.all(
        [...want]
          .filter((k) => !loaded.has(k) && k in SHIPPED)
          .map(async (k) => {
            const r = await fetch(SHIPPED[k]);
            if (!r.ok) throw new Error(`${SHIPPED[k]}: ${r.status}`);
            loaded.set(k, new Model(await r.json()));
          }),
      );
    },
  };
}
