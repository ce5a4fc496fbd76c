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
// theirs unbundled. `fresh()` rebuilds when a source is newer than the bundle (the browser
// tests call it, so that they never test stale code).
// Usage: node tools/bundle.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compressTree } from './compress.mjs';

const TOOLS = dirname(fileURLToPath(import.meta.url));
const WWW = resolve(TOOLS, '..', 'www');
export const OUT = join(WWW, 'app');
/** The first screen's source module, and the files written (relative to www/). */
export const ENTRY = 'js/app/app.js';
export const FILES = ['app/app.js', 'app/shared.js', 'app/later.js'];
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

/** Every module of the app but its entry (www-relative paths): a walk over the sources from
 * the entry, following static and dynamic imports. */
function modules() {
  const seen = new Set();
  const visit = (abs) => {
    if (seen.has(abs) || !abs.startsWith(WWW)) return;
    seen.add(abs);
    const text = readFileSync(abs, 'utf8');
    for (const [, , spec] of [...text.matchAll(/\bfrom\s*(['"])(\.[^'"]+)\1/g), ...text.matchAll(DYNAMIC)]) visit(resolve(dirname(abs), spec));
  };
  visit(join(WWW, ENTRY));
  return [...seen].map((abs) => posix(relative(WWW, abs))).filter((rel) => rel !== ENTRY).sort();
}

/** Rewrites what bundling would break: `import.meta.url` (each module keeps its own URL, so that
 * the wasm, workers and data files it names are found where they are), and `import('./x.js')`
 * (the module, taken from later.js). */
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
        contents = contents.replace(DYNAMIC, (_, q, spec) => {
          const target = posix(relative(WWW, resolve(dirname(args.path), spec)));
          return `import(${JSON.stringify(LATER)}).then((m) => m.${nameOf(target)})`;
        });
        return { contents, loader: 'js' };
      });
    },
  };
}

/** Writes www/app/ (and its compressed copies); returns esbuild's metafile. */
export async function bundle() {
  const { build } = await esbuild();
  const all = modules();
  const res = await build({
    entryPoints: { app: join(WWW, ENTRY), later: LATER },
    bundle: true,
    splitting: true,
    format: 'esm',
    chunkNames: 'shared',
    outdir: OUT,
    minify: true,
    target: ['es2022'],
    legalComments: 'none',
    charset: 'utf8',
    metafile: true,
    logLevel: 'warning',
    plugins: [rewrite(all)],
  });
  const written = Object.keys(res.metafile.outputs).map((f) => posix(relative(WWW, resolve(f)))).sort();
  if (written.join() !== [...FILES].sort().join()) throw new Error(`bundle: expected ${FILES.join(', ')}, esbuild wrote ${written.join(', ')}`);
  compressTree(OUT);
  return res.metafile;
}

/** The newest modification time of the app's sources (www/js/, the engine's glue). */
function newestSource() {
  let t = 0;
  for (const dir of ['js', 'pkg', 'pkg-csv', 'pkg-crypto'])
    for (const f of readdirSync(join(WWW, dir), { recursive: true }))
      if (f.endsWith('.js')) t = Math.max(t, statSync(join(WWW, dir, f)).mtimeMs);
  return t;
}

/** Bundles again when a source is newer than the bundle (or there is none), and writes again
 * the compressed copies of files edited since theirs (the server sends a stale copy's file
 * uncompressed, as it must: a test of what a slow link gets would measure that instead). */
export async function fresh() {
  const built = FILES.map((f) => (existsSync(join(WWW, f)) ? statSync(join(WWW, f)).mtimeMs : 0));
  if (Math.min(...built) < newestSource()) await bundle();
  compressTree(WWW, { stale: true });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const meta = await bundle();
  for (const [f, o] of Object.entries(meta.outputs)) console.log(`${posix(relative(WWW, resolve(f)))}: ${o.bytes} bytes`);
}
