// The names the app keeps its data under, in one place: storage.js, wiped.js and lang.js use
// them, and so does boot.js, which opens the database before the bundle has arrived (it is built
// on its own, with these inlined).

/** The database of the saved assessments. */
export const DB = 'resilience';
/** A new database is written here in full, then takes DB's place (storage.js, replace()). */
export const NEXT = 'resilience-next';
/** Version 2 adds META: the passphrase lock's header and the settings (vault.js), kept in the
 * same database so that a passphrase change re-seals every record and the header at once. */
export const VERSION = 2;
export const STORE = 'assessments';
export const META = 'meta';
/** In META: the passphrase lock's header (vault.js), absent without a passphrase. */
export const VAULT = 'vault';
/** In META: the settings, sealed when a passphrase is set (vault.js). */
export const SETTINGS = 'settings';
/** sessionStorage: the report of a panic wipe, carried over the reload that follows it. */
export const WIPE_REPORT = 'resilience.wiped';
/** localStorage: the language chosen. */
export const LANG_KEY = 'resilience.lang';
