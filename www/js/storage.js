// Saved assessments in IndexedDB: one object store of records {id, schema: 2, framework,
// updated, input, respondentNames?, example?} (model.js), keyed by id out of line so that a codec
// may turn a record into anything storable (e.g. ciphertext). Every change is kept in memory and written at once (the
// changes of one task in one transaction), so that a tab killed mid-edit loses nothing that was
// on screen for more than a moment; a failed write keeps the data in memory and reports it.
import { SCHEMA, MIGRATE } from './model.js';

const DB = 'resilience';
const STORE = 'assessments';
// Version 2 adds 'meta': the passphrase lock's header and the settings (vault.js), kept in the
// same database so that a passphrase change re-seals every record in one transaction.
const VERSION = 2;
const META = 'meta';

const mem = new Map();
const pending = new Set();
const gone = new Set();
let db = null;
let timer = 0;
let listener = () => {};

/** Turns records into stored values and back. `decode` may return a promise; `encode` is
 * synchronous, so that writes reach the database in the order of the changes and a flush during
 * pagehide is sent before the page goes. */
let codec = { encode: (r) => r, decode: (v) => v };

/** What went wrong, for the app to show: failed = error name of the last failed write/open;
 * skipped = ids of stored records that could not be read; persistent = storage.persist() answer. */
export const status = { failed: null, skipped: [], persistent: null };

export function setCodec(c) {
  codec = c;
}
export function onProblem(fn) {
  listener = fn;
}

const req = (r) =>
  new Promise((ok, fail) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
const done = (tx) =>
  new Promise((ok, fail) => {
    tx.oncomplete = ok;
    tx.onerror = tx.onabort = () => fail(tx.error || new DOMException('aborted', 'AbortError'));
  });

function fail(e) {
  status.failed = e?.name || 'Error';
  listener();
}

/** A readable record (migrated to SCHEMA), or an exception. A newer version than this app
 * knows is refused (skipped and reported), never rewritten. */
function check(r, key) {
  if (!r || typeof r !== 'object' || r.id !== key || typeof r.input?.scores !== 'object' || r.input.id !== key)
    throw new TypeError('bad record');
  let v = r.schema ?? 0;
  if (!Number.isInteger(v) || v > SCHEMA) throw new TypeError('unknown record version');
  for (; v < SCHEMA; v++) r = MIGRATE[v](r);
  return r;
}

/** Opens the app's database (creating or upgrading its stores). */
export function openDB() {
  const o = indexedDB.open(DB, VERSION);
  o.onupgradeneeded = () => {
    for (const s of [STORE, META]) if (!o.result.objectStoreNames.contains(s)) o.result.createObjectStore(s);
  };
  return req(o);
}

/** Opens the database and reads every record; a record that cannot be read is skipped. */
export async function open() {
  try {
    db = await openDB();
    db.onversionchange = () => db.close(); // a wipe from another tab
    const st = db.transaction(STORE).objectStore(STORE);
    const [keys, vals] = await Promise.all([req(st.getAllKeys()), req(st.getAll())]);
    for (let i = 0; i < keys.length; i++) {
      try {
        mem.set(keys[i], check(await codec.decode(vals[i], keys[i]), keys[i]));
      } catch {
        status.skipped.push(String(keys[i]));
      }
    }
  } catch (e) {
    db = null;
    fail(e);
  }
  if (status.skipped.length) listener();
}

/** Asks the browser not to evict our data under storage pressure. */
export async function persist() {
  try {
    status.persistent = (await navigator.storage?.persist?.()) ?? null;
  } catch {
    status.persistent = false;
  }
  return status.persistent;
}

export const list = () => [...mem.values()];
export const get = (id) => mem.get(id);
export const has = (id) => mem.has(id);

/** Keeps `record` (now) and writes it soon. */
export function put(record) {
  mem.set(record.id, record);
  gone.delete(record.id);
  pending.add(record.id);
  schedule();
}

export function remove(id) {
  mem.delete(id);
  pending.delete(id);
  gone.add(id);
  schedule();
}

function schedule() {
  if (db && !timer) timer = setTimeout(flush);
}

/** Writes every pending change now, in one transaction. */
export async function flush() {
  clearTimeout(timer);
  timer = 0;
  if (!db || (!pending.size && !gone.size)) return;
  const ids = [...pending];
  const del = [...gone];
  pending.clear();
  gone.clear();
  try {
    const vals = ids.map((id) => codec.encode(mem.get(id), id));
    const tx = db.transaction(STORE, 'readwrite');
    const st = tx.objectStore(STORE);
    ids.forEach((id, i) => st.put(vals[i], id));
    del.forEach((id) => st.delete(id));
    tx.commit?.(); // commit now rather than at the end of the task: the page may be going away
    await done(tx);
    if (status.failed) {
      status.failed = null;
      listener();
    }
  } catch (e) {
    // Kept in memory; retried with the next change or flush.
    ids.forEach((id) => mem.has(id) && pending.add(id));
    del.forEach((id) => gone.add(id));
    fail(e);
  }
}

/** Forgets everything, in memory and on disk (for a panic wipe). */
export async function wipe() {
  clearTimeout(timer);
  timer = 0;
  mem.clear();
  pending.clear();
  gone.clear();
  db?.close();
  db = null;
  await req(indexedDB.deleteDatabase(DB));
}

// A tab put in the background may be killed without warning: write before that.
addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flush());
addEventListener('pagehide', flush);
