// The first run's choice: set a passphrase before any data is entered, or continue without.
// Until it is made, the invented example stays in memory only (app.js), and the list offers
// the choice (list.js). Remembered in localStorage ('resilience.seeded': also "the example was
// offered once"), which holds no data.
import * as store from './storage.js';

const KEY = 'resilience.seeded';

/** Whether the choice is still to be made (false where localStorage is unavailable). */
export function pending() {
  try {
    return !localStorage.getItem(KEY);
  } catch {
    return false;
  }
}

/** The choice is made: records kept back (the example) are written as storage now stores. */
export function chosen() {
  try {
    localStorage.setItem(KEY, '1');
  } catch {
    /* not remembered: offered again next time */
  }
  store.release();
}
