// The app's language: which one to start in (the one chosen before, else the browser's), the
// choice remembered, the page's lang attribute, the static texts of index.html and the language
// switch. The translator itself (shared/i18n.js) is a value the shell passes to every page.
import { h } from '../shared/dom.js';
import { LANGS, pick, translator, later } from '../shared/i18n.js';
import { LANG_KEY as KEY } from './names.js';

function stored() {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage blocked: fall back to the browser's language
  }
}

/** The language to start in: the one chosen before, else the browser's, else English. */
export const initial = () => pick(stored(), navigator.languages || []);

/** The translator for `l`, made the page's language (and remembered): with the first screen's
 * texts; shared/i18n.js's later() adds the others. */
export async function use(l) {
  const tr = await translator(l, { first: true });
  document.documentElement.lang = tr.lang;
  try {
    localStorage.setItem(KEY, tr.lang);
  } catch {
    /* remembered for this visit only */
  }
  return tr;
}

/** Resolves when every text of `l` is in (use(l) is then immediate, and no page misses one). */
export const textsOf = (l) => translator(l, { first: true }).then(later);

/** Fills every [data-t] element (static markup in index.html) with its text. */
export function applyStatic(tr, root = document) {
  for (const el of root.querySelectorAll('[data-t]')) el.textContent = tr.t(el.dataset.t);
  for (const el of root.querySelectorAll('[data-t-label]')) el.setAttribute('aria-label', tr.t(el.dataset.tLabel));
}

/** The language switch's options. */
export const langOptions = (tr) => Object.entries(LANGS).map(([code, name]) => h('option', { value: code, lang: code, selected: code === tr.lang }, name));
