// `./build.sh dist` (after the wasm build): writes
//   dist/site/            the hostable app: www/ without its examples, with the built www/pkg*/
//   dist/resilience.html  the app as one file that runs from file:// with no server and no
//                         network: scripts, styles, translations and the engine inlined
// Usage: node tools/dist.mjs [OUT_DIR]   (default: dist/ at the repository root)
//
// The one file is the app of www/index.html. esbuild (tools/package.json, the only bundler in
// the project) joins js/app/app.js and everything it imports into one module. The page holds:
//   - the app's stylesheet, inline;
//   - data blocks (<script type="application/octet-stream" data-path="…">, never run): the
//     app's code, every translation, the earlier framework versions and the engines' wasm,
//     each gzip-compressed and written 7 bits per character (encode7, dist-seven.js: 14% larger
//     than the bytes, where base64 is 33%);
//   - tools/dist-boot.js, the only script as such: it answers the app's requests for its files
//     (i18n/<lang>.first.json, pkg/resilience_bg.wasm…) from the blocks, then runs the app's code.
// A meta Content-Security-Policy allows exactly these two scripts and the stylesheet, by hash,
// and no network at all.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { encode7 } from './dist-seven.js';
import { ENTRY, FILES, esbuild } from './bundle.mjs';
import { write as writeFrameworks } from './frameworks.mjs';

export { encode7, decode7 } from './dist-seven.js';

const TOOLS = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(TOOLS, '..');
const WWW = join(ROOT, 'www');
/** The size the one file should stay within (bytes). 300 KB since version 2.0.0 of the default
 * framework: its longer anchors, and the previous version (1.1.0) carried to score the
 * assessments made under it, add about 35 KB to the 254 KB of before. 340 KB since 2.1.0: its
 * prevention content (the Framework of Analysis mapping, 55 measures, 14 warning signs, each in
 * English and French, 40 KB more JSON) and the engine code that reads and reports it. Back to
 * 340 KB with the app's parts for #16 and #18 (evidence, warning signs, the report view, team
 * merging, the consensus round, groups: 28 KB) since issue #15 took the framework's texts out of
 * the wasm (each language once, as JSON) and made the core smaller. (342 KB for a while with #18's
 * warning signs and groups kept per assessor in team merges: 349,145 bytes; the engine's smaller
 * build for #15, talc as its allocator and fewer panic locations, brought it to 343,465 bytes.)
 * 342 KB since the core's float writer (ryu) and validateFramework moved out of the core: the
 * one file's engine is pkg-csv (the core with the CSV writers), which has both beside core::fmt's
 * fixed decimals, 2.0 KB gzipped more wasm (349,320 bytes; the core itself, first on a page's
 * load, went from 60.4 to 55.0 KB gzipped). Back to 340 KB once pkg-csv lost core::fmt, js-sys
 * and most of its generic code with the core (#15: 343,865 bytes, measured by `node
 * tools/dist.mjs`). */
export const BUDGET = 340 * 1024;

/** Folders of www/ left out of the hostable site (relative to www/). */
const NOT_IN_SITE = new Set(['examples', 'tests']);

const MIME = { '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('base64');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** A file of www/ as a data: URL (images referenced by index.html). */
async function dataUrl(rel) {
  const type = MIME[extname(rel)];
  if (!type) throw new Error(`dist: index.html refers to ${rel}, which cannot be inlined as an image`);
  return `data:${type};base64,${(await readFile(join(WWW, rel))).toString('base64')}`;
}

/** The hostable site: www/ as it is served, without examples. */
async function site(out) {
  const dest = join(out, 'site');
  await rm(dest, { recursive: true, force: true });
  await cp(WWW, dest, {
    recursive: true,
    filter: (src) => {
      const rel = relative(WWW, src);
      return !rel.split(sep).some((part, i) => (i === 0 && NOT_IN_SITE.has(part)) || part === '.DS_Store');
    },
  });
  return dest;
}

/** Rewrites import.meta.url in www's modules so that each sees the URL it has in www/: the one
 * file stands where index.html stands, so `new URL('resilience_bg.wasm', import.meta.url)` in
 * pkg/resilience.js still means pkg/resilience_bg.wasm. */
/** The core with the CSV writers (pkg-csv/) in place of the core (pkg/): the one file carries
 * one engine, and CSV exports work from file:// without a second one. The app's core loads
 * first (shared/model.js), so shared/csv.js's init of pkg-csv finds it running. */
const oneCore = {
  name: 'one-core',
  setup(build) {
    build.onResolve({ filter: /pkg\/resilience\.js$/ }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      return path === join(WWW, 'pkg', 'resilience.js') ? { path: join(WWW, 'pkg-csv', 'resilience.js') } : undefined;
    });
  },
};

const metaUrl = {
  name: 'www-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.m?js$/ }, async (args) => {
      let contents = await readFile(args.path, 'utf8');
      const rel = relative(WWW, args.path);
      if (!rel.startsWith('..') && contents.includes('import.meta.url')) {
        const url = `new URL(${JSON.stringify('./' + rel.split(sep).join('/'))}, document.baseURI).href`;
        contents = contents.replaceAll('import.meta.url', url);
      }
      return { contents, loader: 'js' };
    });
  },
};

/** One block of data: `content` gzipped and written 7 bits per character. */
function dataBlock(path, content) {
  const gz = gzipSync(content, { level: 9 });
  const text = encode7(gz);
  if (/[\0\r<]/.test(text)) throw new Error(`dist: ${path} could not be written safely`);
  return `<script type="application/octet-stream" data-path="${path}" data-length="${gz.length}">${text}</script>`;
}

/** The one-file build; returns its HTML. */
export async function single() {
  const { build, transform } = await esbuild();
  // (Without index.html's boot script, which opens the database while the app's code downloads:
  // here the code is in the page.)
  let html = (await readFile(join(WWW, 'index.html'), 'utf8')).replace(/<script data-boot>[\s\S]*?<\/script>\s*/, '');

  // What index.html loads: stylesheets and module scripts are inlined below; the manifest,
  // preloads and touch icons have no use from file://; images become data: URLs.
  const styles = [];
  const scripts = [];
  const tags = [...html.matchAll(/<link\b[^>]*>|<script\b[^>]*\bsrc="[^"]*"[^>]*>\s*<\/script>|<img\b[^>]*>/g)];
  for (const [tag] of tags) {
    const attr = (name) => tag.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1];
    let repl = '';
    if (tag.startsWith('<script')) {
      if (attr('type') !== 'module') throw new Error(`dist: only module scripts are inlined (${tag})`);
      // The app's bundle is bundled again from its sources (tools/bundle.mjs), so that esbuild
      // sees the engine's glue and inlines what the app loads on use.
      scripts.push(attr('src') === FILES[0] ? ENTRY : attr('src'));
    } else if (tag.startsWith('<img')) {
      repl = tag.replace(/\bsrc="(?!data:)([^"]*)"/, (_, src) => `src="\0${src}"`);
    } else if (attr('rel') === 'stylesheet') styles.push(attr('href'));
    else if (attr('rel') === 'icon') repl = tag.replace(/\bhref="(?!data:)([^"]*)"/, (_, href) => `href="\0${href}"`);
    html = html.replace(tag, () => repl);
  }
  for (const m of [...html.matchAll(/\0([^"]*)/g)]) {
    const url = await dataUrl(m[1]);
    html = html.replace(m[0], () => url);
  }
  html = html.replace(/^\s*\n/gm, '');
  const left = html.match(/\b(?:src|href)="(?!#|data:)[^"]*"/);
  if (left) throw new Error(`dist: index.html still refers to a file: ${left[0]}`);

  // The app's code: one module.
  const entry = scripts.map((s) => `import ${JSON.stringify('./' + s.replace(/^\.\//, ''))};`).join('\n');
  const res = await build({
    stdin: { contents: entry, resolveDir: WWW, sourcefile: 'one-file-entry.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    minify: true,
    target: ['es2022'],
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: ROOT,
    plugins: [oneCore, metaUrl],
  });
  const js = res.outputFiles[0].text.trim();
  // The boot script, with the 7-bit decoder it shares with this file (dist-seven.js) bundled in.
  const bootRes = await build({ entryPoints: [join(TOOLS, 'dist-boot.js')], bundle: true, format: 'esm', minify: true, target: ['es2022'], legalComments: 'none', charset: 'utf8', write: false, logLevel: 'warning' });
  const boot = bootRes.outputFiles[0].text.trim();
  if (/<\/script|<!--/i.test(boot)) throw new Error('dist: the boot script contains </script or <!--');

  // Styles: concatenated and minified.
  let css = '';
  for (const s of styles) css += await readFile(join(WWW, s), 'utf8');
  if (/url\(|@import/.test(css)) throw new Error('dist: a stylesheet refers to another file (url() or @import)');
  css = (await transform(css, { loader: 'css', minify: true, target: ['chrome100', 'firefox100', 'safari15'] })).code.trim();

  // Data: the app's code, every translation, and the wasm of each engine module in the bundle
  // (the engine, and those the app imports when needed, e.g. pkg-crypto for the passphrase lock).
  const blocks = [dataBlock('app.js', Buffer.from(js, 'utf8'))];
  // Every text of a language where the app asks for its first screen's (the app on a host gets
  // the others later, tools/bundle.mjs; here they cost no request), and none later.
  for (const f of (await readdir(join(WWW, 'i18n'))).filter((f) => /^[a-z]{2}\.json$/.test(f)).sort()) {
    const json = JSON.stringify(JSON.parse(await readFile(join(WWW, 'i18n', f), 'utf8')));
    blocks.push(dataBlock(`i18n/${f.slice(0, 2)}.first.json`, Buffer.from(json, 'utf8')));
    blocks.push(dataBlock(`i18n/${f.slice(0, 2)}.later.json`, Buffer.from('{}', 'utf8')));
  }
  // The default framework, and the earlier versions the app scores old assessments with
  // (engine.js). The default whole in its first part, its other parts empty (tools/frameworks.mjs,
  // `whole`): split in three, it cost 3.8 KB more here (each block is compressed alone), for
  // nothing (no request to save).
  const fws = await mkdtemp(join(tmpdir(), 'resilience-dist-'));
  const defaults = new Map((await writeFrameworks(undefined, fws, { whole: true })).map((f) => [basename(f), f]));
  for (const f of (await readdir(join(WWW, 'frameworks'))).filter((f) => f.endsWith('.json')).sort()) {
    const json = JSON.stringify(JSON.parse(await readFile(defaults.get(f) ?? join(WWW, 'frameworks', f), 'utf8')));
    blocks.push(dataBlock(`frameworks/${f}`, Buffer.from(json, 'utf8')));
  }
  await rm(fws, { recursive: true, force: true });
  const pkgs = new Set();
  for (const input of Object.keys(res.metafile.inputs)) {
    const rel = relative(WWW, resolve(ROOT, input)).split(sep).join('/');
    const m = rel.match(/^(pkg[^/]*)\/[^/]+\.js$/);
    if (m) pkgs.add(m[1]);
  }
  for (const dir of [...pkgs].sort()) {
    // pkg-csv's wasm where the app's core looks for its own (oneCore above).
    const as = dir === 'pkg-csv' ? 'pkg' : dir;
    for (const f of (await readdir(join(WWW, dir))).filter((f) => f.endsWith('_bg.wasm')).sort()) blocks.push(dataBlock(`${as}/${f}`, await readFile(join(WWW, dir, f))));
  }

  const policy = [
    "default-src 'none'",
    `script-src 'sha256-${sha256(boot)}' 'sha256-${sha256(js)}' 'wasm-unsafe-eval'`,
    `style-src 'sha256-${sha256(css)}'`,
    'img-src data:',
    "connect-src 'none'",
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const version = (await readFile(join(ROOT, 'Cargo.toml'), 'utf8')).match(/^version\s*=\s*"([^"]+)"/m)?.[1] ?? '';
  const head = [
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    `<meta name="generator" content="Resilience ${version}, one-file build (tools/dist.mjs)">`,
  ].join('\n');
  const body = [`<style>${css}</style>`, ...blocks, `<script type="module">${boot}</script>`].join('\n');
  if (!/<meta charset="utf-8">/i.test(html)) throw new Error('dist: index.html has no <meta charset="utf-8">');
  // (Replacer functions: the bundle may contain "$&" or "$'", which a replacement string would expand.)
  html = html.replace(/<meta charset="utf-8">/i, (m) => `${m}\n${head}`).replace('</head>', () => `${body}\n</head>`);
  return html;
}

export async function dist(out = join(ROOT, 'dist')) {
  if (!existsSync(join(WWW, 'pkg', 'resilience_bg.wasm'))) throw new Error('dist: www/pkg/ is not built: run ./build.sh build first');
  await mkdir(out, { recursive: true });
  const dest = await site(out);
  const html = await single();
  const file = join(out, 'resilience.html');
  await writeFile(file, html);
  const raw = Buffer.byteLength(html);
  const gz = gzipSync(html, { level: 9 }).length;
  console.log(`${relative(process.cwd(), dest) || '.'}/: the hostable site`);
  console.log(`${relative(process.cwd(), file)}: ${raw} bytes (${kb(raw)}), ${gz} bytes gzipped (${kb(gz)})`);
  if (raw > BUDGET) console.warn(`dist: warning: the one file is over its ${kb(BUDGET)} budget`);
  return { site: dest, file, raw, gz };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await dist(process.argv[2] ? resolve(process.argv[2]) : undefined);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
