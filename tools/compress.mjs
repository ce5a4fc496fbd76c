// Writes precompressed copies of a built site (file.br and file.gz beside each text or wasm file),
// as a production host serves them: the app's first load on a 2G link is what it weighs
// compressed. tools/serve.mjs serves them with Content-Encoding when the browser accepts it.
// Node's own zlib (brotli and gzip): nothing to install.
// Usage: node tools/compress.mjs DIR
import { readdirSync, readFileSync, writeFileSync, statSync, rmSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.webmanifest', '.txt', '.ts']);

/** Compresses every file under `dir` (with `stale`, only those edited since their copies were
 * written, or without any); returns {files, raw, br, gz} byte totals. */
export function compressTree(dir, { stale = false } = {}) {
  const total = { files: 0, raw: 0, br: 0, gz: 0 };
  const older = (path) => {
    const t = statSync(path).mtimeMs;
    return ['.br', '.gz'].some((ext) => (statSync(path + ext, { throwIfNoEntry: false })?.mtimeMs ?? 0) < t);
  };
  for (const name of readdirSync(dir, { recursive: true })) {
    const path = join(dir, name);
    if (!COMPRESSIBLE.has(extname(path)) || !statSync(path).isFile()) continue;
    if (stale && !older(path)) continue;
    const body = readFileSync(path);
    const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
    const gz = gzipSync(body, { level: 9 });
    // A copy that is no smaller is not worth a request header: the plain file is served.
    for (const [ext, data] of [['.br', br], ['.gz', gz]]) {
      if (data.length < body.length) writeFileSync(path + ext, data);
      else rmSync(path + ext, { force: true });
    }
    total.files++;
    total.raw += body.length;
    total.br += Math.min(br.length, body.length);
    total.gz += Math.min(gz.length, body.length);
  }
  return total;
}

// Only when run itself (tools/bundle.mjs imports it).
if (process.argv[2] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t = compressTree(process.argv[2]);
  console.log(`${process.argv[2]}: ${t.files} files precompressed, ${t.raw} bytes → ${t.br} brotli, ${t.gz} gzip`);
}
