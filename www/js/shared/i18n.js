// Interface text for embedded use: the app's translation files (i18n/<lang>.json, found from
// the URL of these files), one translator per widget, so that two widgets on a page may speak
// different languages and nothing is set on the host page (no <html lang>, no storage).
/** Languages offered: code → its own name. Adding one = i18n/<code>.json + a line here + sw.js. */
export const LANGS = { en: 'English', fr: 'Français' };

const dicts = new Map();

/** The language to use for `want` (e.g. "fr-CA"): a supported one, else English. */
export function pick(...want) {
  for (const w of want.flat()) {
    const l = String(w || '').slice(0, 2).toLowerCase();
    if (l in LANGS) return l;
  }
  return 'en';
}

function dict(lang) {
  if (!dicts.has(lang)) {
    const p = fetch(new URL(`../../i18n/${lang}.json`, import.meta.url)).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json();
    });
    p.catch(() => dicts.delete(lang));
    dicts.set(lang, p);
  }
  return dicts.get(lang);
}

/** A translator for `lang`: {lang, t, tx, num, pct, date}, as the app's i18n.js has them. */
export async function translator(lang) {
  const d = await dict(lang);
  const plural = new Intl.PluralRules(lang);
  const nums = {};
  const t = (key, p = {}) => {
    let v = d[key] ?? key;
    if (typeof v === 'object') v = v[plural.select(p.n)] ?? v.other;
    return v.replace(/\{(\w+)\}/g, (m, k) => (k in p ? p[k] : m));
  };
  const tx = (o) => (o ? (o[lang] ?? o.en ?? Object.values(o)[0] ?? '') : '');
  const num = (x, dp = 1) => (nums[dp] ??= new Intl.NumberFormat(lang, { minimumFractionDigits: dp, maximumFractionDigits: dp })).format(x);
  const pct = (x) => new Intl.NumberFormat(lang, { style: 'percent' }).format(x);
  return { lang, t, tx, num, pct, name: LANGS[lang] };
}
