// The passphrase lock. Optional: once a passphrase is set, every stored record (drafts
// included), the settings and the vault's own header are kept sealed in IndexedDB, and the key
// lives only in this page's memory. The crypto itself is a wasm module of its own
// (pkg-crypto/, from crypto/ in Rust), loaded only when a passphrase is set or entered, or an
// encrypted hand-over is made: Argon2id derives a key-encryption key from the passphrase (its
// parameters are stored in the header, and raised on unlock when the app's default grows), which
// unwraps a random data key; every record is sealed with AES-256-GCM, a fresh nonce and its id
// as associated data. See crypto/src/vault.rs for the format.
//
// The header and the settings live in the 'meta' store of the app's database, next to the
// records. Setting, changing or removing the passphrase writes a NEW database with every record,
// the settings and the header re-sealed, and only then deletes the old one (storage.replace):
// it happens entirely or not at all, and the old header and records do not stay behind,
// readable with the old passphrase, as they would if overwritten in place. Every sealed record
// also names its data key, so a record that a change did not reach is reported, never misread.
// (IndexedDB's files may still hold deleted values until the browser compacts them: see
// crypto/README.md, "What is protected".)
import * as store from './storage.js';
import { META, VAULT, SETTINGS } from './names.js';

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

let mod = null; // the crypto module
let header = null; // the stored header: null when there is no passphrase
let active = null; // the open Vault (wasm object), or null
// How new writes are stored: a Vault seals them, null writes them in the clear (no passphrase
// set), undefined refuses them (locked, or being locked: never in the clear by mistake).
let sealer;
let settings = {}; // decrypted settings (recipients, idle time…)
let idleTimer = 0;
let lastActive = Date.now();

/** Records that could not be opened at start: [{id, code}] (code from the crypto module). */
export const failures = [];

/** The crypto module, loaded and instantiated on first use. */
export async function loadCrypto() {
  if (!mod) {
    const m = await import('../../pkg-crypto/resilience_crypto.js');
    await m.default();
    mod = m;
  }
  return mod;
}

export const random = (n) => crypto.getRandomValues(new Uint8Array(n));
/** A passphrase as UTF-8 (NFC, so the same words typed on another keyboard give the same bytes). */
export const utf8 = (s) => enc.encode(s.normalize('NFC'));

/** The code of an error thrown by the crypto module ("wrong-passphrase", "tampered", …: its
 * `.code`) or by this module ("locked", "unsealed"); "error" for any other. */
export const codeOf = (e) => e?.code || 'error';
/** An error with a code, as the crypto module throws them (this module's messages also start
 * with their code, as before). */
const codedError = (code, message) => Object.assign(new Error(message), { code });

async function withDB(fn) {
  const db = await store.openDB();
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

// --- sealing -------------------------------------------------------------------------------

/** A record (or settings object) as stored under `v` (a Vault, or null for plain). */
function sealWith(v, name, obj) {
  return v ? v.seal(name, random(12), enc.encode(JSON.stringify(obj))) : obj;
}

/** A stored value opened with `v`; throws with a code. */
function openWith(v, name, val) {
  if (val instanceof ArrayBuffer) val = new Uint8Array(val);
  if (val instanceof Uint8Array) {
    if (!v) throw codedError('locked', 'locked: sealed, and no passphrase is set');
    return JSON.parse(dec.decode(v.open(name, val)));
  }
  if (v) throw codedError('unsealed', 'unsealed: stored in the clear while a passphrase is set');
  return val;
}

/** The key id named in a stored header (null: no header, no passphrase). */
const kidOf = (h) => (typeof h === 'string' ? / kid=(\S+)/.exec(h)?.[1] ?? null : null);

/** The storage codec: synchronous, so a flush during pagehide still writes. */
const codec = {
  encode(r, id = r.id) {
    if (sealer === undefined) throw codedError('locked', 'locked: nothing is written while locked');
    return sealWith(sealer, String(id), r);
  },
  /** The key new writes are sealed with (null: in the clear). */
  kid: () => (sealer ? kidOf(header) : null),
  decode(val, id) {
    try {
      return openWith(active, String(id), val);
    } catch (e) {
      failures.push({ id: String(id), code: codeOf(e) });
      throw e;
    }
  },
};

const SETTINGS_NAME = 'meta:settings'; // its associated data: never a record's id

/** The header and settings, read with the records (store.start). */
async function readMeta() {
  const { vault, settings: s } = await store.start();
  return { h: vault ?? null, s };
}

// --- start: ask for the passphrase when there is one ------------------------------------------

/** Whether a passphrase is set. */
export const enabled = () => header != null;
/** Argon2id parameters [m KiB, t, p] of the current header (null without one). */
export const params = () => (header && mod ? [...mod.vaultParams(header)] : null);

/**
 * Runs before the records are read: installs the codec and, when a passphrase is set, calls
 * `ask(tryPassphrase)` and waits until the passphrase fits. `tryPassphrase(text)` resolves to
 * null when unlocked or to an error code ('wrong-passphrase', …) and changes nothing then.
 */
export async function start(ask) {
  store.setCodec(codec);
  let meta;
  try {
    await store.recover(); // a passphrase change that a closed page left half done
    meta = await readMeta();
  } catch {
    // No IndexedDB at all (some private modes): nothing is stored, so nothing is locked.
    // Writes stay refused here; storage.js keeps the work in memory and says so.
    return;
  }
  const { h, s } = meta;
  header = h;
  if (header == null) {
    settings = s && typeof s === 'object' && !(s instanceof Uint8Array) ? s : {};
    sealer = null;
    return;
  }
  store.readLater();
  await loadCrypto();
  await new Promise((done) => {
    ask(async (text) => {
      const pw = utf8(text);
      try {
        active = mod.Vault.unlock(pw, header);
      } catch (e) {
        return codeOf(e);
      } finally {
        pw.fill(0);
      }
      try {
        settings = s == null ? {} : openWith(active, SETTINGS_NAME, s);
      } catch {
        settings = {};
      }
      sealer = active;
      await upgrade(text).catch(() => {});
      done();
      return null;
    });
  });
  watchIdle();
}

/** Raises the key derivation to the current default when the stored parameters are weaker:
 * a new header for the same data key (one write, the records untouched). */
async function upgrade(text) {
  const [m, t, p] = mod.vaultParams(header);
  if (!mod.weakerThanDefault(m, t, p)) return;
  const [dm, dt, dp] = mod.defaultParams();
  const pw = utf8(text);
  let h;
  try {
    h = active.rewrap(pw, dm, dt, dp, random(mod.vaultRewrapRandom()));
  } finally {
    pw.fill(0);
  }
  await withDB(async (db) => {
    const tx = db.transaction(META, 'readwrite');
    tx.objectStore(META).put(h, VAULT);
    await new Promise((ok, fail) => ((tx.oncomplete = ok), (tx.onabort = tx.onerror = () => fail(tx.error))));
  });
  header = h; // the same data key: the open vault stays as it is
}

// --- settings -------------------------------------------------------------------------------

export const getSetting = (k) => settings[k];

/** Stores a setting (sealed when a passphrase is set). Refused while locked and after a wipe
 * (never written in the clear by a late caller), and when another tab changed the key. */
export async function setSetting(k, v) {
  if (sealer === undefined || store.stopped) throw codedError('locked', 'locked: nothing is written while locked');
  const next = { ...settings, [k]: v };
  if (v === undefined) delete next[k];
  const kid = codec.kid();
  const val = sealWith(active, SETTINGS_NAME, next);
  await withDB(async (db) => {
    const tx = db.transaction(META, 'readwrite');
    const st = tx.objectStore(META);
    const h = st.get(VAULT);
    h.onsuccess = () => (kidOf(h.result) === kid ? st.put(val, SETTINGS) : tx.abort());
    await store.done(tx);
  });
  settings = next;
  if (k === 'idle') watchIdle();
}

// --- set, change, remove the passphrase: a new database ----------------------------------------

/**
 * Re-seals every record and the settings under `next` (a Vault, or null for none), with its
 * header, into a new database that replaces the old one (storage.replace). Resolves to the ids
 * of records that could not be opened under the current key (copied as they were). Changes
 * made meanwhile wait in memory and are written under `next` once it is in place (under the
 * old key if the change fails).
 */
async function rekey(next) {
  const prev = active;
  const unreadable = [];
  try {
    await store.replace(({ records, meta }) => {
      const out = { records: [], meta: [] };
      for (const [k, v] of records) {
        let rec;
        try {
          rec = openWith(prev, String(k), v);
        } catch {
          unreadable.push(String(k));
          out.records.push([k, v]);
          continue;
        }
        out.records.push([k, sealWith(next, String(k), rec)]);
      }
      for (const [k, v] of meta) if (k !== VAULT && k !== SETTINGS) out.meta.push([k, v]);
      out.meta.push([SETTINGS, sealWith(next, SETTINGS_NAME, settings)]);
      if (next) out.meta.push([VAULT, next.header]);
      return out;
    });
  } catch (e) {
    next?.free();
    throw e;
  }
  header = next ? next.header : null;
  active = next;
  sealer = next;
  if (prev && prev !== next) prev.free();
  tell('rekeyed');
  store.release(); // the first run's example, kept back until the user chose: written now
  watchIdle();
  return unreadable;
}

/** Sets the first passphrase: seals everything stored so far. */
export async function enable(text) {
  await loadCrypto();
  return sealUnder(text);
}

/** A new vault (a new data key) for passphrase `text`, every record re-sealed under it. */
function sealUnder(text) {
  const [m, t, p] = mod.defaultParams();
  const pw = utf8(text);
  let v;
  try {
    v = mod.Vault.create(pw, m, t, p, random(mod.vaultCreateRandom()));
  } finally {
    pw.fill(0);
  }
  return rekey(v);
}

/** Checks the current passphrase without changing anything; throws code 'wrong-passphrase'. */
function check(text) {
  const pw = utf8(text);
  try {
    mod.Vault.unlock(pw, header).free();
  } finally {
    pw.fill(0);
  }
}

/** A new passphrase (and a new data key): every record re-sealed, atomically. */
export async function change(current, text) {
  check(current);
  return sealUnder(text);
}

/** Removes the passphrase: everything stored in the clear again. */
export async function disable(current) {
  check(current);
  return rekey(null);
}

// --- locking --------------------------------------------------------------------------------

/** Locks now: writes what is pending (sealed), forgets the key and reloads, which drops every
 * decrypted record from memory; the page then asks for the passphrase. */
export async function lock() {
  if (!active) return;
  clearInterval(idleTimer);
  await store.flush();
  freeze();
  location.reload();
}

/** From now on nothing is written (not even by the pagehide flush) and the key is gone. */
function freeze() {
  clearInterval(idleTimer);
  sealer = undefined;
  active?.free();
  active = null;
}

// Other tabs of the app: after a passphrase change there, this tab's key is stale. It must not
// write with it: it stops writing and reloads (asking again). After a wipe there, it forgets
// everything and goes blank: a restart would seed the example and register the service worker.
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('resilience-vault') : null;
let onWiped = () => {};
/** What this page does when another tab wiped the data (app.js: go blank, do not restart). */
export const whenWiped = (fn) => (onWiped = fn);
function wipedElsewhere() {
  forget();
  store.forget();
  onWiped();
}
channel?.addEventListener('message', (e) => {
  if (e.data === 'rekeyed') {
    freeze();
    location.reload();
  } else if (e.data === 'wiped') wipedElsewhere();
});
// Without BroadcastChannel: the wipe clears localStorage, which other tabs hear of.
addEventListener('storage', (e) => e.key === null && e.storageArea === localStorage && !store.stopped && wipedElsewhere());
/** Tells the app's other tabs ('rekeyed', 'wiped'). */
export const tell = (m) => channel?.postMessage(m);

/** Minutes without use after which the app locks (setting 'idle', default 5). */
export const idleMinutes = () => settings.idle ?? 5;

function watchIdle() {
  clearInterval(idleTimer);
  if (!active) return;
  lastActive = Date.now();
  idleTimer = setInterval(checkIdle, 5000);
}

const idle = () => {
  const m = idleMinutes();
  return m > 0 && Date.now() - lastActive >= m * 60000;
};

function checkIdle() {
  if (active && idle()) lock();
}

const touch = () => (lastActive = Date.now());
for (const ev of ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart']) addEventListener(ev, touch, { passive: true, capture: true });

// A tab in the background, or frozen, runs no timer: the idle lock cannot fire there. So while
// it is hidden its content is hidden too (task switchers show a picture of the page), and on
// its return it locks before showing anything once the idle time has passed.
const veil = (on) => document.documentElement.toggleAttribute('data-veiled', on);
function away() {
  if (active) veil(true);
}
function back() {
  if (!active) return veil(false);
  if (idle()) lock(); // the veil stays until the reload
  else veil(false);
}
document.addEventListener('visibilitychange', () => (document.visibilityState === 'hidden' ? away() : back()));
document.addEventListener('freeze', away); // Page Lifecycle: fired at the document
document.addEventListener('resume', () => document.visibilityState !== 'hidden' && back());
addEventListener('pagehide', away);
addEventListener('pageshow', (e) => e.persisted && back());

/** Forgets the key at once (panic wipe). */
export function forget() {
  freeze();
  header = null;
  settings = {};
}
