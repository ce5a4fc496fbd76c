// Interface text, numbers and dates in the user's language. Interface text lives in
// i18n/<lang>.json; framework text comes from the framework's {en, fr, …} objects.
import { h } from '../shared/dom.js';
import { LANGS } from '../shared/i18n.js';
const KEY = 'resilience.lang';

export let lang = 'en';
let dict = {};
let plural, nums = {};

function stored() {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage blocked: fall back to the browser's language
  }
}

/** The language to start in: the one chosen before, else the browser's, else English. */
export function initial() {
  const want = [stored(), ...(navigator.languages || [])].filter(Boolean).map((l) => l.slice(0, 2));
  return want.find((l) => l in LANGS) || 'en';
}

export async function setLang(l) {
  const r = await fetch(`i18n/${l}.json`);
  dict = await r.json();
  lang = l;
  plural = new Intl.PluralRules(l);
  nums = {};
  document.documentElement.lang = l;
  try {
    localStorage.setItem(KEY, l);
  } catch {
    /* remembered for this visit only */
  }
}

/** Text for `key`, with {name} placeholders filled; {one, other} entries pick by params.n. */
export function t(key, p = {}) {
  let v = dict[key] ?? key;
  if (typeof v === 'object') v = v[plural.select(p.n)] ?? v.other;
  return v.replace(/\{(\w+)\}/g, (m, k) => (k in p ? p[k] : m));
}

/** A framework text object in the current language. */
export const tx = (o) => (o ? (o[lang] ?? o.en ?? Object.values(o)[0] ?? '') : '');

/** A number for display: `d` decimals (scores are unrounded floats). */
export function num(x, d = 1) {
  nums[d] ??= new Intl.NumberFormat(lang, { minimumFractionDigits: d, maximumFractionDigits: d });
  return nums[d].format(x);
}
export const pct = (x) => new Intl.NumberFormat(lang, { style: 'percent' }).format(x);

/** A YYYY-MM-DD date (a month or a year as it is), or an ISO timestamp with its time. */
export function date(iso, time = false) {
  if (!iso) return '';
  const d = new Date(time ? iso : iso + 'T00:00:00Z');
  if (isNaN(d)) return iso; // a year or a month (YYYY, YYYY-MM) too: as it is
  const o = time ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang, o).format(d);
}

/** Fills every [data-t] element (static markup in index.html) with its text. */
export function applyStatic(root = document) {
  for (const el of root.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  for (const el of root.querySelectorAll('[data-t-label]')) el.setAttribute('aria-label', t(el.dataset.tLabel));
}

/** The language switch's options. */
export const langOptions = () =>
  Object.entries(LANGS).map(([code, name]) => h('option', { value: code, lang: code, selected: code === lang }, name));
