// The app's code as the browser gets it (run by `./build.sh build`): esbuild joins the ES modules
// of www/js/ (and the engine's JS glue) into three files in www/app/:
//   app.js     the first screen: js/app/app.js and everything it imports;
//   later.js   every module the app imports on use (import('./x.js'): pages, exports, the
//              passphrase lock, the crypto glue), evaluated together the first time one is asked
//              for; it exports every module of the app by its path (`app_storage` for
//              js/app/storage.js, `shared_model`…), the very instances the app runs with, which
//              is how the browser tests reach them;
//   shared.js  the code both use, once (esbuild's one chunk for two entry points).
// index.html asks for app.js and shared.js with the engine, the language and the framework, in
// one round after the HTML: on HTTP/1.1 a browser opens 6 connections to a host, so the 25
// modules of the first screen took 5 rounds on a slow link (2 s each on slow 3G).
// The sources stay plain ES modules, one a concern; the embed (js/embed/) and the workers load
// theirs unbundled.
// And index.html's first script, inline: js/app/boot.js with what it imports, minified, written
// between `<script data-boot>` and `</script>` (tools/serve.mjs puts its hash in the page's CSP).
// And app/app.css: css/app.css minified (its comments and spaces were 1.5 KB gzipped of the first
// load).
// It also splits the interface texts (i18n/<lang>.json) along the same line: <lang>.first.json,
// every key the first screen's modules name (a quoted key, or a `prefix.${…}` template) and
// index.html's, and <lang>.later.json, the rest (two thirds of the texts), which the app asks
// for once the form is usable (shared/i18n.js, later()). A module loaded on use is evaluated
// only once the later texts are in (the rewritten import() waits for them), so no page shows a
// key for want of its text. `fresh()` rebuilds when a source is newer than the bundle (the browser
// tests call it, so that they never test stale code).
// Usage: node tools/bundle.mjs        (PLAIN=1: the app's bundle not minified, for a profile by function and line)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compressTree } from './compress.mjs';

const TOOLS = dirname(fileURLToPath(import.meta.url));
const WWW = resolve(TOOLS, '..', 'www');
export const OUT = join(WWW, 'app');
/** The first screen's source module, and the files written (relative to www/). */
export const ENTRY = 'js/app/app.js';
export const FILES = ['app/app.js', 'app/shared.js', 'app/later.js'];
/** The stylesheet: source and the file written. */
const CSS = ['css/app.css', 'app/app.css'];
/** index.html's first script (js/app/boot.js), inline: run as the page is parsed, it opens
 * IndexedDB before any file is in. As a file of its own it ran only once it had arrived and the
 * page's first layout was done: its database was ready 35 ms later on a cold start (median of 9
 * interleaved runs, tests/e2e/bench-cold.mjs's setting). Minified: its comments were 1.2 of its
 * 1.9 KB gzipped. */
const BOOT = 'js/app/boot.js';
const BOOT_TAG = /<script data-boot>[\s\S]*?<\/script>/;
const LATER = 'resilience:later';

/** esbuild from tools/node_modules, installed from the committed lockfile when missing (the
 * one-file build, tools/dist.mjs, gets it here too). */
export async function esbuild() {
  const entry = join(TOOLS, 'node_modules', 'esbuild', 'lib', 'main.js');
  if (!existsSync(entry)) {
    console.error('installing esbuild (tools/package-lock.json)');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: TOOLS, stdio: 'inherit' });
  }
  return (await import(pathToFileURL(entry).href)).default;
}

const DYNAMIC = /\bimport\(\s*(['"])([^'"]+)\1\s*\)/g;
const posix = (p) => p.split(sep).join('/');
/** The export name of a module in later.js, from its path in www/: js/app/storage.js →
 * app_storage, pkg-crypto/resilience_crypto.js → pkg_crypto_resilience_crypto. */
export const nameOf = (rel) => rel.replace(/^js\//, '').replace(/\.js$/, '').replace(/[^A-Za-z0-9]/g, '_');

/** Every module of the app (www-relative paths): a walk over the sources from the entry,
 * following static imports, and dynamic ones unless `first` (then: the first screen's modules,
 * those of app.js and shared.js). */
function modules({ first = false } = {}) {
  const seen = new Set();
  const visit = (abs) => {
    if (seen.has(abs) || !abs.startsWith(WWW)) return;
    seen.add(abs);
    const text = readFileSync(abs, 'utf8');
    for (const [, , spec] of [...text.matchAll(/\bfrom\s*(['"])(\.[^'"]+)\1/g), ...(first ? [] : text.matchAll(DYNAMIC))]) visit(resolve(dirname(abs), spec));
  };
  visit(join(WWW, ENTRY));
  return [...seen].map((abs) => posix(relative(WWW, abs))).sort();
}

/** The interface texts' two parts (see above): writes i18n/<lang>.first.json and
 * <lang>.later.json beside each <lang>.json; returns the first part's keys. */
export function splitTexts() {
  const src = [...modules({ first: true }).filter((rel) => rel.startsWith('js/')), 'index.html'].map((rel) => readFileSync(join(WWW, rel), 'utf8')).join('\n');
  const langs = readdirSync(join(WWW, 'i18n')).filter((f) => /^[a-z]{2}\.json$/.test(f));
  const texts = Object.fromEntries(langs.map((f) => [f.slice(0, 2), JSON.parse(readFileSync(join(WWW, 'i18n', f), 'utf8'))]));
  const keys = Object.keys(texts.en);
  const named = new Set([...src.matchAll(/(['"`])([a-z_][\w.-]*)\1/g)].map((m) => m[2]));
  for (const m of src.matchAll(/data-t(?:-label)?="([^"]+)"/g)) named.add(m[1]);
  const prefixes = [...src.matchAll(/`([a-z_][\w.]*\.)\$\{/g)].map((m) => m[1]);
  const first = new Set(keys.filter((k) => named.has(k) || prefixes.some((p) => k.startsWith(p))));
  for (const [lang, d] of Object.entries(texts)) {
    const part = (inFirst) => JSON.stringify(Object.fromEntries(Object.entries(d).filter(([k]) => first.has(k) === inFirst)));
    writeFileSync(join(WWW, 'i18n', `${lang}.first.json`), part(true));
    writeFileSync(join(WWW, 'i18n', `${lang}.later.json`), part(false));
  }
  return first;
}

/** Rewrites what bundling would break: `import.meta.url` (each module keeps its own URL, so that
 * the wasm, workers and data files it names are found where they are), and `import('./x.js')`
 * (the module, taken from later.js; one of the app's, once the later texts are in too). */
function rewrite(all) {
  return {
    name: 'resilience-app',
    setup(build) {
      build.onResolve({ filter: /^resilience:later$/ }, () => ({ path: LATER, namespace: 'later' }));
      build.onLoad({ filter: /.*/, namespace: 'later' }, () => ({
        contents: all.map((rel) => `export * as ${nameOf(rel)} from ${JSON.stringify(join(WWW, rel))};`).join('\n'),
        resolveDir: WWW,
        loader: 'js',
      }));
      build.onLoad({ filter: /\.m?js$/ }, (args) => {
        let contents = readFileSync(args.path, 'utf8');
        const rel = posix(relative(WWW, args.path));
        if (rel.startsWith('..')) return { contents, loader: 'js' };
        contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify('../' + rel)}, import.meta.url).href`);
        let texts = false;
        contents = contents.replace(DYNAMIC, (_, q, spec) => {
          const target = posix(relative(WWW, resolve(dirname(args.path), spec)));
          if (!target.startsWith('js/')) return `import(${JSON.stringify(LATER)}).then((m) => m.${nameOf(target)})`;
          texts = true;
          return `Promise.all([import(${JSON.stringify(LATER)}), __laterTexts()]).then(([m]) => m.${nameOf(target)})`;
        });
        if (texts) contents = `import { later as __laterTexts } from ${JSON.stringify(join(WWW, 'js/shared/i18n.js'))};\n${contents}`;
        return { contents, loader: 'js' };
      });
    },
  };
}

/** Writes www/app/ (and its compressed copies); returns esbuild's metafile. */
export async function bundle() {
  const { build, transform } = await esbuild();
  const css = await transform(readFileSync(join(WWW, CSS[0]), 'utf8'), { loader: 'css', minify: true, target: ['chrome100', 'firefox100', 'safari15'] });
  const all = modules().filter((rel) => rel !== ENTRY);
  splitTexts();
  const res = await build({
    entryPoints: { app: join(WWW, ENTRY), later: LATER },
    bundle: true,
    splitting: true,
    format: 'esm',
    chunkNames: 'shared',
    outdir: OUT,
    minify: !process.env.PLAIN,
    target: ['es2022'],
    legalComments: 'none',
    charset: 'utf8',
    metafile: true,
    logLevel: 'warning',
    plugins: [rewrite(all)],
  });
  const written = Object.keys(res.metafile.outputs).map((f) => posix(relative(WWW, resolve(f)))).sort();
  if (written.join() !== [...FILES].sort().join()) throw new Error(`bundle: expected ${FILES.join(', ')}, esbuild wrote ${written.join(', ')}`);
  writeFileSync(join(WWW, CSS[1]), css.code);
  await writeBoot();
  compressTree(OUT);
  return res.metafile;
}

/** icons/icon.svg as a data: URL for index.html (its double quotes made single, so that it sits
 * in a double-quoted attribute): the page's icon costs the first screen no request. */
const iconUrl = () =>
  'data:image/svg+xml,' +
  readFileSync(join(WWW, 'icons/icon.svg'), 'utf8')
    .trim()
    .replace(/"/g, "'")
    .replace(/[#%<>]/g, encodeURIComponent);

/** Writes the boot script (BOOT, what it imports bundled in: it must not wait for a request)
 * and the icon (every `="data:image/svg+xml,…"` there) into index.html, if they changed there. */
async function writeBoot() {
  const { build } = await esbuild();
  const res = await build({
    entryPoints: [join(WWW, BOOT)],
    bundle: true,
    format: 'iife',
    minify: true,
    target: ['es2022'],
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'warning',
    // (It takes only pick() of shared/i18n.js, whose fetches by import.meta.url are left out.)
    logOverride: { 'empty-import-meta': 'silent' },
  });
  const code = res.outputFiles[0].text.trim();
  if (/<\/script|<!--/i.test(code)) throw new Error('bundle: the boot script contains </script or <!--');
  const file = join(WWW, 'index.html');
  const html = readFileSync(file, 'utf8');
  if (!BOOT_TAG.test(html)) throw new Error('bundle: index.html has no <script data-boot></script>');
  const icon = iconUrl();
  const next = html.replace(BOOT_TAG, () => `<script data-boot>${code}</script>`).replace(/="data:image\/svg\+xml,[^"]*"/g, () => `="${icon}"`);
  if (next !== html) writeFileSync(file, next);
}

/** The newest modification time of the app's sources (www/js/, the engine's glue, the texts,
 * the stylesheet). */
function newestSource() {
  let t = Math.max(statSync(join(WWW, CSS[0])).mtimeMs, ...readdirSync(join(WWW, 'i18n')).filter((f) => /^[a-z]{2}\.json$/.test(f)).map((f) => statSync(join(WWW, 'i18n', f)).mtimeMs));
  for (const dir of ['js', 'pkg', 'pkg-csv', 'pkg-crypto'])
    for (const f of readdirSync(join(WWW, dir), { recursive: true }))
      if (f.endsWith('.js')) t = Math.max(t, statSync(join(WWW, dir, f)).mtimeMs);
  return t;
}

/** Bundles again when a source is newer than the bundle (or there is none), and writes again
 * the compressed copies of files edited since theirs (the server sends a stale copy's file
 * uncompressed, as it must: a test of what a slow link gets would measure that instead). */
export async function fresh() {
  const built = [...FILES, CSS[1], 'i18n/en.first.json', 'i18n/en.later.json'].map((f) => (existsSync(join(WWW, f)) ? statSync(join(WWW, f)).mtimeMs : 0));
  if (Math.min(...built) < newestSource()) await bundle();
  else await writeBoot(); // (index.html's mtime says nothing: it is written only when the script changed)
  compressTree(WWW, { stale: true });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const meta = await bundle();
  for (const [f, o] of Object.entries(meta.outputs)) console.log(`${posix(relative(WWW, resolve(f)))}: ${o.bytes} bytes`);
  const { inlineScripts } = await import('./serve.mjs');
  console.log(`index.html: its boot script, for a host's CSP: script-src 'self' ${inlineScripts(readFileSync(join(WWW, 'index.html'), 'utf8')).join(' ')} 'wasm-unsafe-eval'`);
}
