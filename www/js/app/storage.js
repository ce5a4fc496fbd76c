// Saved assessments in IndexedDB: one object store of records {id, schema: 2, framework,
// updated, input, respondentNames?, example?} (records.js), keyed by id out of line so that a codec
// may turn a record into anything storable (e.g. ciphertext). Every change is kept in memory and written at once (the
// changes of one task in one transaction), so that a tab killed mid-edit loses nothing that was
// on screen for more than a moment; a failed write keeps the data in memory and reports it.
//
// Keys are random ids (shared/model.js newId, or 'example'): they are stored and put in addresses in
// the clear, so they never carry a name (an imported file's own id stays inside the record).
//
// A passphrase change replaces the whole database (replace(), below): the old one, readable
// with the old passphrase, is deleted rather than overwritten record by record. Deleting it
// also closes every other tab's connection to it (versionchange): from then on their writes
// fail, and stay in their memory, rather than land under the old key or in the clear; a tab
// never reopens the database by itself (vault.js also tells it to reload). Settings, written
// through connections of their own, check the key in their transaction (vault.setSetting).
import { SCHEMA, MIGRATE, current } from './records.js';
// (boot.js opens DB under the same names as the page loads: see openDB().)
import { DB, NEXT, VERSION, STORE, META } from './names.js';
import { firstRead } from './first-read.js';

const DONE = 'complete'; // in NEXT's meta: written with its last record, so NEXT is whole

const mem = new Map();
const pending = new Set();
const gone = new Set();
// Records kept in memory but not written yet: the first run's invented example, until the user
// has chosen whether to set a passphrase (so that it is never written in the clear first).
const held = new Set();
let db = null;
let timer = 0;
let swapping = null; // a promise while replace() runs: writes wait for it
let wrote = false; // a record was read from, or written to, the database
let closed = false; // another tab took the database away (closeOnChange)
const PLAIN = 'resilience.plain'; // in localStorage: records were written in the clear here
const plain = () => {
  try {
    return !!localStorage.getItem(PLAIN);
  } catch {
    return true;
  }
};
let listener = () => {};

/** Turns records into stored values and back. `decode` may return a promise; `encode` is
 * synchronous, so that writes reach the database in the order of the changes and a flush during
 * pagehide is sent before the page goes. `kid()` names the key new writes are sealed with
 * (null: in the clear); a write is refused when the database's key is another. */
let codec = { encode: (r) => r, decode: (v) => v, kid: () => null };

/** What went wrong, for the app to show: failed = error name of the last failed write/open;
 * skipped = ids of stored records that could not be read; persistent = storage.persist() answer. */
export const status = { failed: null, skipped: [], persistent: null };

/** True once the data was wiped (here or in another tab): nothing may open, and so re-create,
 * the database again in this page. */
export let stopped = false;

export function setCodec(c) {
  codec = { kid: () => null, ...c };
}
export function onProblem(fn) {
  listener = fn;
}

export const req = (r) =>
  new Promise((ok, fail) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
export const done = (tx) =>
  new Promise((ok, fail) => {
    tx.oncomplete = ok;
    tx.onerror = tx.onabort = () => fail(tx.error || new DOMException('aborted', 'AbortError'));
  });

function fail(e) {
  status.failed = e?.name || 'Error';
  listener();
}

/** A readable record (migrated to SCHEMA), or an exception. A newer version than this app
 * knows is refused (skipped and reported), never rewritten. The engine input's own id may
 * differ from the key (an imported file's id, kept as it was). */
function check(r, key) {
  if (!r || typeof r !== 'object' || r.id !== key || typeof r.input?.scores !== 'object' || typeof r.input.id !== 'string' || !r.input.id)
    throw new TypeError('bad record');
  let v = r.schema ?? 0;
  if (!Number.isInteger(v) || v > SCHEMA) throw new TypeError('unknown record version');
  for (; v < SCHEMA; v++) r = MIGRATE[v](r);
  if (r.framework) r.framework = current(r.framework);
  return r;
}

/** What boot.js asked for before this code arrived ({names, db()}, each taken once), or null
 * when it has not run yet: then it never will (it does nothing once this is set). */
const boot = self.resilienceBoot ?? null;
self.resilienceBoot = null;

/** Opens one of the app's databases (creating or upgrading its stores). Refused after a wipe. */
export function openDB(name = DB) {
  if (stopped) return Promise.reject(new DOMException('the data was wiped', 'InvalidStateError'));
  // The first open of DB takes the connection boot.js opened, if it did.
  const conn = name === DB ? boot?.db?.() : null;
  if (boot) boot.db = null;
  if (conn) return conn.then((d) => d ?? openRaw(name), () => openRaw(name)).then((d) => ((d.onversionchange = null), d));
  return openRaw(name);
}

function openRaw(name) {
  const o = indexedDB.open(name, VERSION);
  o.onupgradeneeded = () => {
    for (const s of [STORE, META]) if (!o.result.objectStoreNames.contains(s)) o.result.createObjectStore(s);
  };
  return req(o);
}

/** Opens `name` only if it exists (an open that would create it is abandoned); else null. */
function openIfThere(name) {
  return new Promise((ok) => {
    const o = indexedDB.open(name);
    let fresh = false;
    o.onupgradeneeded = (e) => {
      if (e.oldVersion === 0) {
        fresh = true;
        o.transaction.abort();
      }
    };
    o.onsuccess = () => (fresh ? (o.result.close(), ok(null)) : ok(o.result));
    o.onerror = (e) => (e.preventDefault(), ok(null));
    o.onblocked = () => ok(null);
  });
}

/** Deletes a database; resolves to false if other tabs keep it open past `ms`. */
export function deleteDB(name, ms = 4000) {
  return new Promise((ok) => {
    const r = indexedDB.deleteDatabase(name);
    const t = setTimeout(() => ok(false), ms);
    r.onsuccess = () => (clearTimeout(t), ok(true));
    r.onerror = () => (clearTimeout(t), ok(false));
  });
}

/** Every value of both stores of `d`: {records: [[key, value]…], meta: [[key, value]…]}. */
async function readAll(d) {
  const tx = d.transaction([STORE, META]);
  const st = tx.objectStore(STORE);
  const mt = tx.objectStore(META);
  const [k, v, mk, mv] = await Promise.all([req(st.getAllKeys()), req(st.getAll()), req(mt.getAllKeys()), req(mt.getAll())]);
  return { records: k.map((x, i) => [x, v[i]]), meta: mk.map((x, i) => [x, mv[i]]) };
}

/** Writes `data` into the new, empty database `d`, in one transaction. A write that throws
 * leaves it without its last entries (NEXT then lacks its mark, and is dropped). */
function writeAll(d, data, extraMeta = []) {
  const tx = d.transaction([STORE, META], 'readwrite');
  const landed = done(tx);
  landed.catch(() => {});
  for (const [k, v] of data.records) tx.objectStore(STORE).put(v, k);
  for (const [k, v] of [...data.meta, ...extraMeta]) tx.objectStore(META).put(v, k);
  return landed;
}

/** A replacement left half done (the page closed during a passphrase change): finished if the
 * new database was written in full, else dropped. Runs before anything is read. */
export async function recover() {
  if (stopped) return;
  // Asked first without opening it, where the browser can say: an open of a database that does
  // not exist makes one and abandons it, which cost 18 ms (median) of a first visit's start. At
  // start it was asked already, with DB opened beside it, if boot.js ran first.
  const early = boot?.names;
  if (boot) boot.names = null;
  const names = await (early ??
    indexedDB.databases?.().then(
      (list) => list.map((d) => d.name),
      () => null,
    ));
  if (names && !names.includes(NEXT)) return;
  const next = await openIfThere(NEXT);
  if (!next) return;
  let data = null;
  try {
    data = await readAll(next);
  } catch {
    /* no stores: a database that was never written */
  }
  next.close();
  const whole = data?.meta.some(([k, v]) => k === DONE && v === true);
  if (whole) await install({ records: data.records, meta: data.meta.filter(([k]) => k !== DONE) });
  await deleteDB(NEXT);
}

/** DB := `data`: the old database deleted first (other tabs are asked to close theirs), then
 * written anew. Throws if another tab holds the old one open. */
async function install(data) {
  if (!(await deleteDB(DB, 10000))) throw new DOMException('another tab keeps the database open', 'InvalidStateError');
  const d = await openDB(DB);
  try {
    await writeAll(d, data);
  } finally {
    d.close();
  }
}

/**
 * Replaces the database: `build({records, meta})` receives every stored value and returns the
 * values of the new database (sealed under a new key, say). They are written in full to a new
 * database, which then takes the old one's place: the old database, with everything written
 * under the old key, is deleted. Changes made meanwhile wait in memory and are written after,
 * with the codec as it is then. Resolves to what `build` returned.
 */
export async function replace(build) {
  while (swapping) await swapping;
  await flush();
  if (status.failed) throw new DOMException('earlier changes could not be written', status.failed);
  let release;
  swapping = new Promise((ok) => (release = ok));
  let whole = false;
  try {
    const cur = db || (await openDB());
    const data = await readAll(cur);
    if (cur !== db) cur.close();
    const out = await build(data);
    await deleteDB(NEXT);
    const next = await openDB(NEXT);
    try {
      await writeAll(next, out, [[DONE, true]]);
    } finally {
      next.close();
    }
    // From here on the new database is the one; a page closed now finishes at its next start.
    whole = true;
    db?.close();
    db = null;
    try {
      await install(out);
      db = await openDB();
      db.onversionchange = closeOnChange;
      await deleteDB(NEXT);
    } catch (e) {
      // Another tab holds the old database open: the next start finishes the swap. Until then
      // this tab writes nothing (its changes stay in memory, and the banner says so).
      fail(e);
    }
    return out;
  } catch (e) {
    if (!whole) await deleteDB(NEXT).catch(() => {});
    throw e;
  } finally {
    swapping = null;
    release();
    schedule();
  }
}

/** Another tab deletes or replaces the database: let it, and write nothing more here (the
 * changes stay in memory, and the banner says they are not saved; vault.js reloads the page,
 * or blanks it after a wipe, as soon as it hears why). */
function closeOnChange() {
  db?.close();
  db = null;
  closed = true;
}

/** The connection start() and open() read with, and every write then goes through: opened once. */
async function connect() {
  if (!db) {
    db = await openDB();
    db.onversionchange = closeOnChange;
  }
  return db;
}

/** The stored values of every record, as start() read them with the meta (keys, values), for
 * open() to decode: null once taken, or when they may have changed since (unlocking). */
let first = null;

/**
 * A start's one read: opens the database (the connection open() then keeps) and reads the
 * passphrase header and the settings that vault.js needs before a record can be decoded, with
 * every record's stored value, in one transaction: on a fresh profile each round trip to
 * IndexedDB waits for a turn of a page busy starting. boot.js made this very read as it opened
 * the database, before this code arrived: it is taken when made on the connection used here.
 * Resolves to {vault, settings}.
 */
export async function start() {
  first = null;
  const early = boot?.read ?? null;
  if (boot) boot.read = null;
  try {
    await connect();
    let got = await early?.catch(() => null);
    if (got?.[0] !== db) got = [db, ...(await firstRead(db))];
    const [, keys, vals, vault, settings] = got;
    first = [keys, vals];
    return { vault, settings };
  } catch (e) {
    db?.close();
    db = null;
    throw e;
  }
}

/** Lets go of what start() read, and of its connection: open() opens the database and reads
 * again. For a passphrase prompt, which may stay up for minutes while another tab changes or
 * replaces the database (an open connection would hold a replacement up). */
export function readLater() {
  first = null;
  db?.close();
  db = null;
}

/** Opens the database and reads every record (or decodes what start() read); a record that
 * cannot be read is skipped. */
export async function open() {
  try {
    let [keys, vals] = first ?? [];
    first = null;
    if (!keys) {
      const st = (await connect()).transaction(STORE).objectStore(STORE);
      [keys, vals] = await Promise.all([req(st.getAllKeys()), req(st.getAll())]);
    }
    if (keys.length) wrote = true;
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

function markPlain() {
  try {
    localStorage.setItem(PLAIN, '1');
  } catch {
    /* plain() then says true anyway where storage is refused */
  }
}

export const list = () => [...mem.values()];
/** Whether no record was ever stored here: nothing but records held back (the first run's
 * example), so nothing can have been written in the clear. */
export const clean = () => !wrote && !plain() && !pending.size && [...mem.keys()].every((id) => held.has(id));
export const get = (id) => mem.get(id);
export const has = (id) => mem.has(id);

/** Keeps `record` (now) and writes it soon; with `hold`, only keeps it until release(). */
export function put(record, { hold = false } = {}) {
  mem.set(record.id, record);
  gone.delete(record.id);
  if (hold) return void held.add(record.id);
  held.delete(record.id);
  pending.add(record.id);
  schedule();
}

/** Writes the records put with `hold` (the user has chosen how they are stored). */
export function release() {
  for (const id of held) if (mem.has(id)) pending.add(id);
  held.clear();
  schedule();
}

export function remove(id) {
  mem.delete(id);
  pending.delete(id);
  held.delete(id);
  gone.add(id);
  schedule();
}

function schedule() {
  if (db && !timer && !swapping) timer = setTimeout(flush);
}

/** Writes every pending change now, in one transaction. Committed at once, rather than at the
 * end of the task: the page may be going away (pagehide). */
export async function flush() {
  clearTimeout(timer);
  timer = 0;
  // During a replacement nothing is written, not even as the page goes: which key is current
  // changes in the middle of it.
  if (!pending.size && !gone.size) return;
  if (!db && closed && !stopped) return fail(new DOMException('another tab replaced or deleted the database', 'InvalidStateError'));
  if (!db || swapping) return;
  const ids = [...pending];
  const del = [...gone];
  pending.clear();
  gone.clear();
  try {
    const vals = ids.map((id) => codec.encode(mem.get(id), id));
    const tx = db.transaction(STORE, 'readwrite');
    const landed = done(tx);
    try {
      const st = tx.objectStore(STORE);
      ids.forEach((id, i) => st.put(vals[i], id));
      del.forEach((id) => st.delete(id));
    } catch (e) {
      tx.abort(); // all of this task's changes, or none
      landed.catch(() => {});
      throw e;
    }
    wrote = true;
    if (codec.kid() === null && ids.length && !plain()) markPlain();
    tx.commit?.();
    await landed;
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

/** Forgets everything in memory, and writes nothing any more (the data was wiped in another
 * tab, which deletes it from disk). */
export function forget() {
  stopped = true;
  clearTimeout(timer);
  timer = 0;
  mem.clear();
  pending.clear();
  gone.clear();
  held.clear();
  db?.close();
  db = null;
}

/** Forgets everything, in memory and on disk (for a panic wipe). Resolves to false if another
 * tab kept the database open past the timeout. */
export async function wipe() {
  forget();
  return deleteDB(DB).then(async (ok) => (await deleteDB(NEXT)) && ok);
}

// A tab put in the background may be killed without warning: write before that.
addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flush());
addEventListener('pagehide', () => flush());
