// The frameworks the app scores with, as Models (shared/model.js): the current default (what new
// assessments are made under), in the language shown, and the earlier versions of it that saved
// assessments were made under, each loaded from frameworks/ the first time a record needs it.
// Every assessment is scored with the framework it was made under (its record says which).
// The app's shell makes a registry at start and for each language, and passes it to every page
// (app.models).
import { load, defaultModel, scoring, Model } from '../shared/model.js';
import { LANGS } from '../shared/i18n.js';
import { UNTAGGED } from './records.js';

/** Earlier versions of the default framework that the app still scores with: "id@version" →
 * the file that holds it (precached by sw.js). What changed between them: README.md, "Framework
 * versions", and the help page. */
const SHIPPED = { 'resilience-default@1.1.0': 'frameworks/resilience-default-1.1.0.json' };

const key = (r) => `${r.id}@${r.version}`;

/** The framework a record was made under ({id, version}): a record without one predates them
 * (records.js). */
export const refOf = (rec) => rec.framework ?? UNTAGGED;

/** Earlier versions, loaded once whatever the language (their files hold every language). */
const earlier = new Map(); // "id@version" → promise of its Model

function loadEarlier(k) {
  if (!earlier.has(k)) {
    const p = fetch(SHIPPED[k]).then(async (r) => {
      if (!r.ok) throw new Error(`${SHIPPED[k]}: ${r.status}`);
      const text = await r.text();
      return new Model(JSON.parse(text), text);
    });
    p.catch(() => earlier.delete(k));
    earlier.set(k, p);
  }
  return earlier.get(k);
}

/** Starts loading the engine and resolves, once the current framework in `lang` is in, to the
 * registry (the pages can be drawn before the engine is in: on a slow link it is the largest
 * file of the first screen, and the questions need only the framework; `texts`: the form's
 * texts of every pillar asked for at once too, see Model.texts()):
 * - `engine`: resolves when scoring works; `scoring()`: whether it does yet;
 * - `current`: the Model new assessments are made under;
 * - `of(rec)`: the Model record `rec` (or `{framework: ref}`) was made under; null while it is
 *   not loaded (call need() first), or when this app does not have it;
 * - `need(items)`: loads the frameworks that `items` (records, or references) were made under;
 * - `known(ref)`, `isCurrent(ref)`; `score(rec)`: the result of a record under its own
 *   framework, or null (an input the engine rejects, a framework this app does not have). */
export async function frameworks(lang, { texts = false } = {}) {
  const engine = load();
  engine.catch(() => {}); // (its failure is the shell's to report, when it waits for it)
  const current = await defaultModel(lang, { texts });
  // The engine's first score under it, done ahead (Model.warm) as soon as both are in: on a
  // first visit the database is still opening then, and the first drawing need not wait for it.
  engine.then(() => current.warm());
  const loaded = new Map([[key(current.ref), current]]); // "id@version" → Model
  const of = (rec) => loaded.get(key(refOf(rec))) ?? null;
  return {
    engine,
    scoring,
    current,
    of,
    known: (r) => loaded.has(key(r)) || key(r) in SHIPPED,
    isCurrent: (r) => key(r) === key(current.ref),
    score: (rec) => of(rec)?.score(rec.input) ?? null,
    /** Unknown frameworks are left out: of() gives null for them. */
    async need(items) {
      const want = new Set(items.map((x) => key(x.input ? refOf(x) : x)));
      const missing = [...want].filter((k) => !loaded.has(k) && k in SHIPPED);
      const models = await Promise.all(missing.map(loadEarlier));
      missing.forEach((k, i) => loaded.set(k, models[i]));
    },
  };
}

/** The current default framework in every language the app offers (the XLSForm asks its
 * questions in all of them): the one-language files put back together, as the CLI has it. */
export async function everyLanguage() {
  const codes = Object.keys(LANGS);
  const models = await Promise.all(codes.map((l) => defaultModel(l).then((m) => m.whole())));
  const isText = (v) => v && typeof v === 'object' && !Array.isArray(v) && Object.entries(v).every(([k, x]) => codes.includes(k) && typeof x === 'string');
  const merge = (a, b) => {
    if (isText(a)) return { ...a, ...b };
    if (Array.isArray(a)) return a.map((x, i) => merge(x, b[i]));
    if (a && typeof a === 'object') return Object.fromEntries(Object.entries(a).map(([k, x]) => [k, merge(x, b[k])]));
    return a;
  };
  return { ...models.map((m) => m.fw).reduce(merge), languages: codes };
}
