// Translators: interface text, numbers and dates in one language, as a value that the app's pages
// and each embedded widget are given (two widgets on one page may speak two languages; switching
// the app's language makes a new translator and redraws). Interface text lives in
// i18n/<lang>.json, found from the URL of these files, so a partner may host them under any path;
// framework text comes from the framework's {en, fr, …} objects (tx). Nothing here touches the
// page (no <html lang>, no storage): the app does that (app/lang.js).

/** Languages offered: code → its own name. Adding one = i18n/<code>.json + a line here + sw.js. */
export const LANGS = { en: 'English', fr: 'Français' };

/** The language to use for the first of `want` (e.g. "fr-CA", lists too) that is offered, else English. */
export function pick(...want) {
  for (const w of want.flat()) {
    const l = String(w || '').slice(0, 2).toLowerCase();
    if (l in LANGS) return l;
  }
  return 'en';
}

const texts = (file) =>
  fetch(new URL(`../../i18n/${file}`, import.meta.url)).then((r) => {
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r.json();
  });

// "en" → promise of every text; "en.first" → promise of the first screen's texts, one object
// that later() fills with the rest. (A failed fetch is tried again.)
const dicts = new Map();
const rests = new Map(); // lang → promise of its later texts, added to its "first" object

function dict(name) {
  if (!dicts.has(name)) {
    const p = texts(`${name}.json`);
    p.catch(() => dicts.delete(name));
    dicts.set(name, p);
  }
  return dicts.get(name);
}

/** Adds the later texts (i18n/<lang>.later.json) to every translator made with `first`; resolves
 * when they are in. The app's modules loaded on use wait for this (tools/bundle.mjs). */
export function later() {
  const langs = [...dicts.keys()].filter((k) => k.endsWith('.first')).map((k) => k.slice(0, -6));
  return Promise.all(
    langs.map((lang) => {
      if (!rests.has(lang)) {
        const p = Promise.all([dict(`${lang}.first`), texts(`${lang}.later.json`)]).then(([d, rest]) => void Object.assign(d, rest));
        p.catch(() => rests.delete(lang));
        rests.set(lang, p);
      }
      return rests.get(lang);
    }),
  );
}

/** The decimal and grouping signs of the languages whose numbers decimal() writes, and what
 * follows a percentage, as Intl.NumberFormat writes them (i18n.test.mjs compares the two). */
const SIGNS = { en: ['.', ','], fr: [',', '\u202f'] };
const PERCENT = { en: '%', fr: '\u00a0%' };

/**
 * `x` with `dp` decimals in `lang`, times 10^`shift` (2: a percentage), exactly as
 * Intl.NumberFormat(lang, {minimumFractionDigits: dp, maximumFractionDigits: dp}) writes it:
 * from the shortest digits that read back to `x` (String(x)), rounded half away from zero, with
 * the language's grouping. Null for a language without SIGNS, or a number String() writes with an
 * exponent (then Intl writes it). Why not Intl: a page's first NumberFormat costs 12–25 ms on a
 * cold start (ICU loads its number data; measured in headless Chromium), on the path to the first
 * screen, whose numbers are all plain decimals.
 */
export function decimal(x, dp, lang, shift = 0) {
  const signs = SIGNS[lang];
  const text = String(Math.abs(x));
  if (!signs || !Number.isFinite(x) || text.includes('e')) return null;
  const [whole, frac = ''] = text.split('.');
  const all = (whole + frac).replace(/^0+(?=\d)/, '');
  const point = all.length - frac.length + shift; // digits before the decimal point
  const kept = all.slice(0, Math.max(point + dp, 0)).padEnd(point + dp, '0');
  const up = (all[point + dp] ?? '0') >= '5' && point + dp >= 0;
  let digits = up ? String(BigInt(kept || '0') + 1n) : kept.replace(/^0+/, '');
  digits = digits.padStart(dp + 1, '0');
  const int = digits.slice(0, digits.length - dp).replace(/\B(?=(\d{3})+$)/g, signs[1]);
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  return sign + int + (dp ? signs[0] + digits.slice(-dp) : '');
}

/** The share `x` (0.42) as a whole percentage in `lang` ("42%"), as Intl.NumberFormat's
 * percent style writes it; null where decimal() is. */
export const percent = (x, lang) => decimal(x, 0, lang, 2)?.concat(PERCENT[lang]) ?? null;

/**
 * The translator for `lang` (one of LANGS): {lang, name, t, tx, num, pct, score, date}. With
 * `first` (the app's), only the texts of the app's first screen (i18n/<lang>.first.json, written
 * by tools/bundle.mjs) are in when it resolves, and later() adds the others; without, every text
 * (i18n/<lang>.json, in one file: the embed's).
 * t(key, params): the text of `key` with its {name} placeholders filled ({one, other} entries
 * pick by params.n; a missing key gives the key). tx(o): a framework text in this language.
 * num(x, d): a number with `d` decimals (default 1). score(v): a score as shown, or "–" for none.
 */
export async function translator(lang, { first = false } = {}) {
  const d = await dict(first ? `${lang}.first` : lang);
  const plural = new Intl.PluralRules(lang);
  const nums = {};
  const t = (key, p = {}) => {
    let v = d[key] ?? key;
    if (typeof v === 'object') v = v[plural.select(p.n)] ?? v.other;
    return v.includes('{') ? v.replace(/\{(\w+)\}/g, (m, k) => (k in p ? p[k] : m)) : v;
  };
  const num = (x, dp = 1) => decimal(x, dp, lang) ?? (nums[dp] ??= new Intl.NumberFormat(lang, { minimumFractionDigits: dp, maximumFractionDigits: dp })).format(x);
  return {
    lang,
    name: LANGS[lang],
    t,
    tx: (o) => (o ? (o[lang] ?? o.en ?? Object.values(o)[0] ?? '') : ''),
    num,
    pct: (x) => percent(x, lang) ?? new Intl.NumberFormat(lang, { style: 'percent' }).format(x),
    score: (v) => (v == null ? t('score.none') : num(v)),
    /** A YYYY-MM-DD date, a month (YYYY-MM: "Mar 2026") or a year as it is, or an ISO timestamp
     * with its time. */
    date(iso, time = false) {
      if (!iso) return '';
      // A year as it is, a month as a month: Date() would read "2026" as the 1st of January and
      // "2026-03" as the 1st of March, days that were never given.
      if (!time && /^\d{4}$/.test(iso)) return iso;
      const month = !time && /^\d{4}-\d{2}$/.test(iso) && new Date(`${iso}-01T00:00:00Z`);
      if (month && !isNaN(month)) return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(month);
      const x = new Date(time ? iso : iso + 'T00:00:00Z');
      if (isNaN(x)) return iso; // not a date: as it is
      const o = time ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium', timeZone: 'UTC' };
      return new Intl.DateTimeFormat(lang, o).format(x);
    },
  };
}
