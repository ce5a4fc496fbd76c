// What the app must know of a panic wipe (wipe.js does it, loaded when asked for): whether this
// page has wiped, or heard that another tab did; and the report of what was deleted, carried
// over the reload that follows a wipe.

import { WIPE_REPORT as REPORT } from './names.js';

/** True once this page has wiped, or heard that another tab did: nothing may be stored or
 * registered again (a service worker registration still pending from the page's start would
 * undo "don't keep the app"). */
export let wiped = false;
export const markWiped = () => (wiped = true);

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
