// Serves a folder on 127.0.0.1 with the app's security headers. Used by `./build.sh serve`
// and by the browser tests (import { serve } from it, port 0 = any free port).
// Node's standard library only (and the embed's own origin rule): nothing to install.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { originsOf } from '../www/js/embed/origins.js';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The app's Content-Security-Policy; `frameAncestors` is the list of origins allowed to frame
 * it, `scripts` the page's inline scripts (inlineScripts()). */
export function csp(frameAncestors = "'none'", scripts = []) {
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...scripts, "'wasm-unsafe-eval'"].join(' '),
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** The CSP sources of a page's inline scripts, `'sha256-…'` each: index.html's boot script
 * (tools/bundle.mjs writes it there). A host's policy for index.html allows it the same way. */
export const inlineScripts = (html) =>
  [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].filter(([, code]) => code.trim()).map(([, code]) => `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`);

/** Origins listed in `?origins=a,b` that are well-formed http(s) origins (as the iframe reads them). */
export const allowedOrigins = (searchParams) => originsOf(searchParams.get('origins'));

export function headersFor(path, url, scripts = []) {
  const headers = {
    'Content-Type': TYPES[extname(path)] || 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    // Code only, never data: partner pages may load the embeddable script and the wasm.
    'Access-Control-Allow-Origin': '*',
    // Always revalidated: the JS glue and its wasm must never come from two builds. Offline
    // copies are the service worker's business.
    'Cache-Control': 'no-cache',
  };
  if (path.endsWith('.html')) {
    const isEmbed = path.endsWith('embed.html');
    const origins = isEmbed ? allowedOrigins(url.searchParams) : [];
    headers['Content-Security-Policy'] = csp(isEmbed ? (origins.length ? origins.join(' ') : "'none'") : "'none'", scripts);
    if (!isEmbed) headers['Cross-Origin-Opener-Policy'] = 'same-origin';
  }
  return headers;
}

/** The precompressed copy to send for `path` (built by tools/compress.mjs), as a real host
 * does: brotli, else gzip, when the browser accepts it and the copy is not older than the file
 * (a file edited since the last build is sent as it is). Null when none fits. */
export async function encodedCopy(path, acceptEncoding = '', fileStat) {
  const accepted = new Set(
    acceptEncoding
      .split(',')
      .map((part) => part.trim().split(/\s*;\s*q\s*=\s*/))
      .filter(([, q]) => q === undefined || Number(q) > 0)
      .map(([name]) => name.toLowerCase()),
  );
  const accepts = (name) => accepted.has(name);
  for (const [name, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    if (!accepts(name)) continue;
    const copy = await stat(path + ext).catch(() => null);
    if (copy && copy.mtimeMs >= fileStat.mtimeMs) return { encoding: name, path: path + ext };
  }
  return null;
}

/** Starts the server; resolves to { server, port, url }. */
export function serve(root, port = 0, host = '127.0.0.1') {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, `http://${host}`);
      let path = normalize(join(base, decodeURIComponent(url.pathname)));
      if (path !== base && !path.startsWith(base + sep)) {
        res.writeHead(403).end();
        return;
      }
      let st = await stat(path).catch(() => null);
      if (st?.isDirectory()) {
        path = join(path, 'index.html');
        st = await stat(path);
      }
      if (!st) throw new Error('not found');
      const headers = headersFor(path, url, path.endsWith('.html') ? inlineScripts(await readFile(path, 'utf8')) : []);
      headers.Vary = 'Accept-Encoding';
      const copy = await encodedCopy(path, req.headers['accept-encoding'], st);
      if (copy) headers['Content-Encoding'] = copy.encoding;
      const body = await readFile(copy ? copy.path : path);
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const p = server.address().port;
      ok({ server, port: p, url: `http://${host}:${p}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] || 'www';
  const port = Number(process.argv[3] || 8080);
  const { url } = await serve(root, port);
  console.log(`Resilience is served at ${url} (from ${root}/; Ctrl-C stops it)`);
}
