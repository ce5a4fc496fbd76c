// Panic wipe: deletes everything this app keeps on the device (every IndexedDB database of the
// origin, Cache Storage, localStorage, sessionStorage, the origin-private file system, the key
// and the records in memory), optionally keeping the app's own code cached so it still works
// offline. Then the page shows what remains; a reload starts afresh.
// Loaded when the wipe is asked for (security.js); what the rest of the app must know of a wipe
// is wiped.js, on the first screen.
import * as store from './storage.js';
import { deleteDB } from './storage.js';
import { forget, tell } from './vault.js';
import { markWiped } from './wiped.js';

export { reloadWithReport } from './wiped.js';

/** App-code caches are named by sw.js: resilience-<version>. They hold no data. */
const isCodeCache = (name) => /^resilience-[\w.-]+$/.test(name);

/** Wipes; resolves to a report {databases, caches, blocked, keepCode, code: [cache names kept]}. */
export async function wipe({ keepCode = true } = {}) {
  markWiped();
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
