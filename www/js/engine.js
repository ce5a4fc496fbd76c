// The scoring engine (Rust compiled to WebAssembly), loaded once. The framework object is read
// once and the same object is passed on every call, so the engine parses it only the first time.
import init, { defaultFramework, score as wScore, scoreBatch as wBatch, validate as wValidate } from '../pkg/resilience.js';

export let fw;
/** The root's children (the four pillars of the default framework). */
export let pillars = [];
/** Every indicator (leaf), in framework order. */
export let indicators = [];
/** Pillar id → its indicators. (The framework object itself is never changed: the engine
 * reads it, and a cycle would make it unreadable.) */
export const under = new Map();
/** Every node by id. */
export const nodes = new Map();

const leaves = (n) => (n.children ? n.children.flatMap(leaves) : [n]);
// A day, a month or a year (published figures are dated by year): what the engine reads.
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export async function start() {
  await init();
  fw = defaultFramework();
  pillars = fw.root.children;
  const walk = (n) => (nodes.set(n.id, n), n.children?.forEach(walk));
  walk(fw.root);
  for (const p of pillars) under.set(p.id, leaves(p));
  indicators = pillars.flatMap((p) => under.get(p.id));
}

/** What the engine reads from an input: a date still being typed is left out, not an error. */
const clean = (a) => ({
  id: a.id,
  unit: a.unit,
  date: DATE.test(a.date) ? a.date : undefined,
  scores: a.scores,
  notes: a.notes,
});

export const score = (input) => wScore(clean(input), fw);
export const scoreBatch = (inputs) => wBatch({ assessments: inputs.map(clean) }, fw);
/** {valid, count, issues} for a batch object or CSV text. */
export const validate = (x) => wValidate(x, fw);

/** The band a score falls in ({id, min, max, title}), from the framework's list. */
export function band(id) {
  const b = fw.bands;
  const i = b.findIndex((x) => x.id === id);
  return i < 0 ? null : { ...b[i], max: b[i + 1]?.min ?? 100 };
}
