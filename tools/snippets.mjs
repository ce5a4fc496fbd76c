// Writes wasm-bindgen's JS snippets (the crate's `#[wasm_bindgen(module = "/js/…")]` files, which
// wasm-bindgen copies under OUT/snippets/ and imports from OUT/NAME.js) into NAME.js itself, and
// removes OUT/snippets/: each browser module stays two files (NAME.js, NAME_bg.wasm), which the
// service worker, the app's bundles, the workers and the one-file build already know.
// A snippet's exports must be `export function NAME`, with names no glue code uses.
// Usage: node tools/snippets.mjs OUT NAME
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const [out, name] = process.argv.slice(2);
if (!out || !name) throw new Error('usage: node tools/snippets.mjs OUT NAME');
const glue = join(out, `${name}.js`);
const IMPORT = /^import \{ ([\w, ]+) \} from '\.\/(snippets\/[^']+)';\n/gm;
let inlined = 0;
const text = readFileSync(glue, 'utf8').replace(IMPORT, (_, names, path) => {
  const code = readFileSync(join(out, path), 'utf8');
  for (const n of names.split(', '))
    if (!code.includes(`export function ${n}(`)) throw new Error(`snippets: ${path} has no "export function ${n}("`);
  inlined++;
  return `${code.replace(/^export function /gm, 'function ')}\n`;
});
if (/from '\.\/snippets\//.test(text)) throw new Error(`snippets: ${glue} imports a snippet this script cannot write in`);
if (inlined) writeFileSync(glue, text);
rmSync(join(out, 'snippets'), { recursive: true, force: true });
