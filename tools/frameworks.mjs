// The default framework for the browser, one file per language (run by `./build.sh build`):
// www/frameworks/default.<lang>.json holds the framework's structure and that language's texts,
// minified, with `languages: [lang]`. The page fetches the one it shows, in parallel with the
// engine, instead of the engine carrying every language's texts (half of them never read).
// The CLI keeps its built-in copy (src/framework/default.json, both languages).
// Each language comes in two parts: default.<lang>.json, all that the first screen and scoring
// read, and default.<lang>.later.json, what only later pages show (each indicator's prevention
// measures and sources: 6 KB gzipped of the first load), fetched once the form is usable and put
// back together by shared/model.js (Model.whole()). The engine's score() reads neither
// (tests/e2e/frameworks.test.mjs: the same result with and without them).
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

/** `fw` (one language) in two: `first`, without LATER's members, and `later`
 * ({id, version, indicators: {id: {measures, sources}}}), which shared/model.js merges back. */
export function split(fw) {
  const indicators = {};
  const walk = (n) => {
    if (n.children) return { ...n, children: n.children.map(walk) };
    const rest = Object.fromEntries(LATER.filter((k) => k in n).map((k) => [k, n[k]]));
    if (Object.keys(rest).length) indicators[n.id] = rest;
    return Object.fromEntries(Object.entries(n).filter(([k]) => !LATER.includes(k)));
  };
  return { first: { ...fw, root: walk(fw.root) }, later: { id: fw.id, version: fw.version, indicators } };
}

/** Writes two files per language (the first part, the later one); returns their paths. */
export async function write(src = join(ROOT, 'src/framework/default.json'), out = join(ROOT, 'www/frameworks')) {
  const fw = JSON.parse(await readFile(src, 'utf8'));
  await mkdir(out, { recursive: true });
  const files = [];
  for (const lang of fw.languages) {
    const { first, later } = split(inLanguage(fw, lang));
    for (const [file, part] of [[join(out, `default.${lang}.json`), first], [join(out, `default.${lang}.later.json`), later]]) {
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
