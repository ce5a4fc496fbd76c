// The scoring engine (Rust compiled to WebAssembly), loaded once, and the frameworks it scores
// with: the current default (built into the engine), and the earlier versions of it that saved
// assessments were made under, each loaded from frameworks/ the first time a record needs it.
// Every assessment is scored with the framework it was made under (its record says which).
// Each framework object is read once and the same object passed on every call, so the engine
// parses it only the first time.
import init, { defaultFramework, score as wScore, scoreBatch as wBatch, validate as wValidate } from '../../pkg/resilience.js';
import { useFramework, UNTAGGED } from './records.js';

/** Earlier versions of the default framework that the app still scores with: "id@version" →
 * the file that holds it (precached by sw.js). What changed between them: README.md, "Framework
 * versions", and the help page. */
const SHIPPED = { 'resilience-default@1.1.0': 'frameworks/resilience-default-1.1.0.json' };

/** The current framework (what new assessments are made under). */
export let fw;
/** The current framework, indexed (see index()). */
export let current;
/** The root's children (the four pillars of the default framework). */
export let pillars = [];
/** Every indicator (leaf), in framework order. */
export let indicators = [];
/** Pillar id → its indicators. (The framework object itself is never changed: the engine
 * reads it, and a cycle would make it unreadable.) */
export let under = new Map();
/** Every node by id. */
export let nodes = new Map();

const leaves = (n) => (n.children ? n.children.flatMap(leaves) : [n]);
// A day, a month or a year (published figures are dated by year): what the engine reads.
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A framework's reference as records keep it: {id, version}. */
export const ref = (f) => ({ id: f.id, version: f.version });
const key = (r) => `${r.id}@${r.version}`;

/** A framework with its tree indexed for the views: {fw, ref, pillars, indicators, under,
 * nodes, band(id)}. */
export function index(f) {
  const x = { fw: f, ref: ref(f), pillars: f.root.children || [f.root], under: new Map(), nodes: new Map() };
  const walk = (n) => (x.nodes.set(n.id, n), n.children?.forEach(walk));
  walk(f.root);
  for (const p of x.pillars) x.under.set(p.id, leaves(p));
  x.indicators = x.pillars.flatMap((p) => x.under.get(p.id));
  /** The band a score falls in ({id, min, max, title}), from the framework's list. */
  x.band = (id) => {
    const b = f.bands;
    const i = b.findIndex((y) => y.id === id);
    return i < 0 ? null : { ...b[i], max: b[i + 1]?.min ?? 100 };
  };
  return x;
}

const loaded = new Map(); // "id@version" → index() of an earlier framework

export async function start() {
  await init();
  fw = defaultFramework();
  current = index(fw);
  ({ pillars, indicators, under, nodes } = current);
  loaded.set(key(current.ref), current);
  useFramework(current.ref);
}

/** The framework a record was made under: a record without one predates them (model.js). */
export const refOf = (rec) => rec.framework ?? UNTAGGED;
/** Whether the app can score with framework `r` ({id, version}): the current one or a shipped one. */
export const known = (r) => loaded.has(key(r)) || key(r) in SHIPPED;
/** Whether framework `r` is the current one. */
export const isCurrent = (r) => key(r) === key(current.ref);

/** The indexed framework record `rec` was made under; null while it is not loaded, or when
 * this app does not have it (call need() first). */
export const frameworkOf = (rec) => loaded.get(key(refOf(rec))) ?? null;

/** Loads the frameworks that `items` (records, or {id, version} references) were made under
 * and that are not in yet. Unknown ones are left out: frameworkOf() gives null for them. */
export async function need(items) {
  const want = new Set(items.map((x) => key(x.input ? refOf(x) : x)));
  await Promise.all(
    [...want]
      .filter((k) => !loaded.has(k) && k in SHIPPED)
      .map(async (k) => {
        const r = await fetch(SHIPPED[k]);
        if (!r.ok) throw new Error(`${SHIPPED[k]}: ${r.status}`);
        const f = await r.json();
        loaded.set(k, index(f));
      }),
  );
}

/** What the engine reads from an input: a date still being typed is left out, not an error. */
const clean = (a) => ({
  id: a.id,
  unit: a.unit,
  date: DATE.test(a.date) ? a.date : undefined,
  scores: a.scores,
  notes: a.notes,
});

// The current framework goes to the engine as `undefined`: it then uses its own built-in copy,
// and keeps its one-object cache for an earlier framework, so that a list mixing the two does
// not have the engine read a framework at every call.
const arg = (f) => (f === fw ? undefined : f);

/** The results of one assessment input under framework `f` (default: the current one). */
export const score = (input, f = fw) => wScore(clean(input), arg(f));
export const scoreBatch = (inputs, f = fw) => wBatch({ assessments: inputs.map(clean) }, arg(f));
/** {valid, count, issues} for a batch object or CSV text. */
export const validate = (x, f = fw) => wValidate(x, arg(f));

/** The band a score falls in ({id, min, max, title}), from the current framework's list. */
export const band = (id) => current.band(id);
