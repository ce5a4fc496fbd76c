// The default framework for the browser, one file per language (run by `./build.sh build`):
// www/frameworks/default.<lang>.json holds the framework's structure and that language's texts,
// minified, with `languages: [lang]`. The page fetches the one it shows, in parallel with the
// engine, instead of the engine carrying every language's texts (half of them never read).
// The CLI keeps its built-in copy (src/framework/default.json, both languages).
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

/** Writes one file per language; returns their paths. */
export async function write(src = join(ROOT, 'src/framework/default.json'), out = join(ROOT, 'www/frameworks')) {
  const fw = JSON.parse(await readFile(src, 'utf8'));
  await mkdir(out, { recursive: true });
  const files = [];
  for (const lang of fw.languages) {
    const file = join(out, `default.${lang}.json`);
    await writeFile(file, JSON.stringify(inLanguage(fw, lang)));
    files.push(file);
  }
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await write(process.argv[2], process.argv[3]);
  for (const f of files) console.log(`${f.replace(ROOT + '/', '')}`);
}
