// The default framework for the browser, one language a file (run by `./build.sh build`):
// www/frameworks/default.<lang>.json holds the framework's structure and that language's texts,
// minified, with `languages: [lang]`. The page fetches the one it shows, in parallel with the
// engine, instead of the engine carrying every language's texts (half of them never read).
// The CLI keeps its built-in copy (src/framework/default.json, both languages).
// Each language comes in three parts:
// - default.<lang>.json, all that scoring, the list and the results read, and the whole of the
//   first pillar's questions (what a form shows first, on a phone the only ones in view);
// - default.<lang>.texts.json, the other pillars' questions as the form shows them (each
//   indicator's definition, guidance and anchors' labels, each pillar's description), the
//   warning signs' guidance and the framework's description (the help page's): 9 KB gzipped
//   of the first load (default.en.json 14.8 -> 5.7 KB), fetched at once when the first screen
//   is a form (drawn pillar by pillar as they come), else once the first screen is up. Their anchors stay in the first part with empty labels, so
//   that every module reads the same scale (the leverage analysis and the team's agreement rank
//   by the anchors' values);
// - default.<lang>.later.json, what only later pages show (each indicator's prevention measures
//   and sources: 6 KB gzipped), fetched once the first screen is up.
// shared/model.js puts them back together (Model.texts(), in place; Model.whole()). The engine's
// score() reads none of them (tests/e2e/frameworks.test.mjs: the same result with the first part
// as with the whole).
// Usage: node tools/frameworks.mjs [SRC] [OUT_DIR]
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Whether `v` is a text by language ({"en": "…", "fr": "…"}) of a framework with `langs`. */
const isText = (v, langs) =>
  v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0 && Object.entries(v).every(([k, x]) => langs.includes(k) && typeof x === 'string');

/** `fw` with every text reduced to `lang`, and `languages: [lang]`. */
export function inLanguage(fw, lang) {
  const langs = fw.languages;
  if (!Array.isArray(langs) || !langs.includes(lang)) throw new Error(`the framework has no language "${lang}"`);
  const walk = (v) => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    if (isText(v, langs)) {
      if (!(lang in v)) throw new Error(`a text has no "${lang}": ${JSON.stringify(v).slice(0, 80)}`);
      return { [lang]: v[lang] };
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  return { ...walk(fw), languages: [lang] };
}

/** What only later pages read of an indicator. */
export const LATER = ['measures', 'sources'];
/** What the form shows of a node (an indicator's anchors' labels too, and a warning sign's
 * guidance): in the texts part, but for the first pillar's. */
export const TEXTS = ['description', 'definition', 'guidance'];

/** `fw` (one language) in three: `first`, without LATER's members, nor TEXTS and the anchors'
 * labels beyond the first pillar, nor the framework's description; `texts` ({id, version,
 * description?, nodes: {id: {description?, definition?, guidance?, labels?}}, context: {id:
 * {guidance}}}), and `later` ({id, version, indicators: {id: {measures, sources}}}), which
 * shared/model.js merges back. `whole`: everything in `first`, the other two empty (the one-file
 * build's, tools/dist.mjs: with no network, parts only cost bytes). */
export function split(fw, { whole = false } = {}) {
  const ref = { id: fw.id, version: fw.version };
  if (whole) return { first: fw, texts: { ...ref, nodes: {}, context: {} }, later: { ...ref, indicators: {} } };
  const indicators = {};
  const nodes = {};
  const lang = fw.languages[0];
  const pick = (o, keys) => Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
  const omit = (o, keys) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
  const walk = (n, shown) => {
    let out = n;
    if (!shown) {
      const texts = pick(n, TEXTS);
      const anchors = n.scale?.anchors;
      if (anchors?.length) texts.labels = anchors.map((a) => a.label);
      if (Object.keys(texts).length) nodes[n.id] = texts;
      // The anchors' values stay (every module reads the same scale), their labels empty.
      out = omit(n, TEXTS);
      if (anchors?.length) out.scale = { ...n.scale, anchors: anchors.map((a) => ({ ...a, label: { [lang]: '' } })) };
    }
    if (n.children) return { ...out, children: n.children.map((c) => walk(c, shown)) };
    const rest = pick(out, LATER);
    if (Object.keys(rest).length) indicators[n.id] = rest;
    return omit(out, LATER);
  };
  // The first pillar whole (and the root's own texts, which are not the form's).
  const root = fw.root.children ? { ...fw.root, children: fw.root.children.map((c, k) => walk(c, whole || k === 0)) } : walk(fw.root, true);
  const context = Object.fromEntries((fw.context ?? []).filter((c) => c.guidance).map((c) => [c.id, { guidance: c.guidance }]));
  // (The framework's own description is the help page's: with the texts.)
  const first = { ...omit(fw, ['description']), root, ...(fw.context ? { context: fw.context.map((c) => omit(c, ['guidance'])) } : {}) };
  return { first, texts: { ...ref, ...pick(fw, ['description']), nodes, context }, later: { ...ref, indicators } };
}

/** Writes three files per language (the first part, the texts, the later one); returns their
 * paths. */
export async function write(src = join(ROOT, 'src/framework/default.json'), out = join(ROOT, 'www/frameworks'), { whole = false } = {}) {
  const fw = JSON.parse(await readFile(src, 'utf8'));
  await mkdir(out, { recursive: true });
  const files = [];
  for (const lang of fw.languages) {
    const { first, texts, later } = split(inLanguage(fw, lang), { whole });
    for (const [file, part] of [
      [join(out, `default.${lang}.json`), first],
      [join(out, `default.${lang}.texts.json`), texts],
      [join(out, `default.${lang}.later.json`), later],
    ]) {
      await writeFile(file, JSON.stringify(part));
      files.push(file);
    }
  }
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await write(process.argv[2], process.argv[3]);
  for (const f of files) console.log(`${f.replace(ROOT + '/', '')}`);
}
