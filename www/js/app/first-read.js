// What the app reads first from its database, in one transaction: every record's key and stored
// value, the passphrase header and the settings (vault.js needs the last two before a record can
// be decoded). boot.js makes this read as the page is parsed; storage.js's start() takes it, or
// makes it itself. Both import it from here, so they cannot disagree on what it holds.
import { STORE, META, VAULT, SETTINGS } from './names.js';

/** Resolves to [keys, stored values, header, settings], read on the connection `db`. */
export const firstRead = (db) =>
  new Promise((ok, fail) => {
    const tx = db.transaction([STORE, META]);
    const asked = [tx.objectStore(STORE).getAllKeys(), tx.objectStore(STORE).getAll(), tx.objectStore(META).get(VAULT), tx.objectStore(META).get(SETTINGS)];
    tx.oncomplete = () => ok(asked.map((r) => r.result));
    tx.onabort = () => fail(tx.error);
  });
