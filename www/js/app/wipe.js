// Panic wipe: deletes everything this app keeps on the device (every IndexedDB database of the
// origin, Cache Storage, localStorage, sessionStorage, the origin-private file system, the key
// and the records in memory), optionally keeping the app's own code cached so it still works
// offline. Then the page shows what remains; a reload starts afresh.
import * as store from './storage.js';
import { deleteDB } from './storage.js';
import { forget, tell } from './vault.js';

const REPORT = 'resilience.wiped';
/** App-code caches are named by sw.js: resilience-<version>. They hold no data. */
const isCodeCache = (name) => /^resilience-[\w.-]+$/.test(name);

/** True once this page has wiped, or heard that another tab did: nothing may be stored or
 * registered again (a service worker registration still pending from the page's start would
 * undo "don't keep the app"). */
export let wiped = false;
export const markWiped = () => (wiped = true);

/** Wipes; resolves to a report {databases, caches, blocked, keepCode, code: [cache names kept]}. */
export async function wipe({ keepCode = true } = {}) {
  wiped = true;
  const report = { databases: 0, caches: 0, blocked: [], keepCode, code: [] };
  tell('wiped'); // first, so that the other tabs stop writing (and close the database) now
  forget();
  await store.wipe().catch(() => {});
  const names = new Set(['resilience']);
  try {
    for (const d of (await indexedDB.databases?.()) || []) names.add(d.name);
  } catch {
    /* databases() missing: the app's own name is enough */
  }
  for (const n of names) (await deleteDB(n)) ? report.databases++ : report.blocked.push(n);
  if (self.caches) {
    for (const k of await caches.keys()) {
      if (keepCode && isCodeCache(k)) report.code.push(k);
      else if (await caches.delete(k)) report.caches++;
    }
  }
  if (!keepCode && navigator.serviceWorker) {
    for (const r of await navigator.serviceWorker.getRegistrations().catch(() => [])) await r.unregister();
  }
  try {
    const root = await navigator.storage?.getDirectory?.();
    if (root) for await (const [name] of root.entries()) await root.removeEntry(name, { recursive: true });
  } catch {
    /* no file system */
  }
  for (const s of [localStorage, sessionStorage]) {
    try {
      s.clear();
    } catch {
      /* blocked */
    }
  }
  for (const c of document.cookie.split(';')) {
    const k = c.split('=')[0].trim();
    if (k) document.cookie = `${k}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
  tell('wiped'); // the app's other tabs drop what they hold and go blank (they do not restart)
  return report;
}

/** After a wipe that kept the app's code: reload (which drops everything left in memory) and
 * show the report there. Without the code (offline it could not load again), the caller shows
 * the report in place. */
export function reloadWithReport(report) {
  try {
    sessionStorage.setItem(REPORT, JSON.stringify(report));
  } catch {
    /* no storage: the page simply starts afresh */
  }
  location.replace(location.pathname + '#/');
  location.reload();
}

/** The report left by reloadWithReport (read once), or null. */
export function takeReport() {
  try {
    const r = sessionStorage.getItem(REPORT);
    sessionStorage.removeItem(REPORT);
    return r ? JSON.parse(r) : null;
  } catch {
    return null;
  }
}
