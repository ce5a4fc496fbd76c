// The development server serves the build's precompressed copies as a production host does:
// brotli or gzip by the browser's Accept-Encoding, never a copy older than its file, and the
// build writes a copy of every text and wasm file (so a slow link gets the app compressed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, utimesSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serve } from '../../tools/serve.mjs';
import { compressTree } from '../../tools/compress.mjs';
import { WWW } from './harness.mjs';

/** GET `path` with `encoding` as Accept-Encoding: {status, headers, body (as sent)}. */
function get(port, path, encoding) {
  return new Promise((ok, fail) => {
    const headers = encoding == null ? {} : { 'Accept-Encoding': encoding };
    request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', fail)
      .end();
  });
}

test('precompressed copies by Accept-Encoding; a stale copy is never sent', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'resilience-serve-'));
  const text = 'const answer = 42;\n'.repeat(200);
  writeFileSync(join(dir, 'app.js'), text);
  compressTree(dir);
  const srv = await serve(dir, 0);
  try {
    const br = await get(srv.port, '/app.js', 'gzip, deflate, br');
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'Accept-Encoding');
    assert.equal(brotliDecompressSync(br.body).toString(), text);
    assert.ok(br.body.length < text.length / 10, `${br.body.length} bytes`);
    const gz = await get(srv.port, '/app.js', 'gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), text);
    for (const none of [null, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get(srv.port, '/app.js', none);
      assert.equal(plain.headers['content-encoding'], undefined, String(none));
      assert.equal(plain.body.toString(), text);
    }
    // The file edited after the build: its copies are older, so the file itself is sent.
    writeFileSync(join(dir, 'app.js'), 'edited();\n');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'app.js'), later, later);
    const fresh = await get(srv.port, '/app.js', 'br, gzip');
    assert.equal(fresh.headers['content-encoding'], undefined);
    assert.equal(fresh.body.toString(), 'edited();\n');
  } finally {
    srv.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the build wrote a compressed copy of the wasm core and the first screen’s files', () => {
  for (const rel of ['index.html', 'pkg/resilience_bg.wasm', 'pkg/resilience.js', 'app/app.js', 'app/shared.js', 'app/app.css', 'i18n/en.json', 'frameworks/default.en.json']) {
    const path = join(WWW, rel);
    assert.ok(existsSync(path + '.br') && existsSync(path + '.gz'), `${rel}: no .br/.gz (./build.sh build writes them)`);
    // A source edited since the last build has an older copy, which the server does not send.
    const fresh = statSync(path + '.br').mtimeMs >= statSync(path).mtimeMs;
    if (fresh || rel.endsWith('.wasm')) assert.deepEqual(brotliDecompressSync(readFileSync(path + '.br')), readFileSync(path), rel);
  }
});

test('index.html’s boot script is the built js/app/boot.js, inline, and its CSP allows exactly it by hash', async () => {
  const { fresh } = await import('../../tools/bundle.mjs');
  await fresh();
  const site = await serve(WWW, 0);
  try {
    const res = await get(site.port, '/', null);
    const html = res.body.toString('utf8');
    const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    assert.equal(inline.length, 1, 'one inline script');
    assert.match(inline[0], /resilienceBoot/, 'js/app/boot.js, built in');
    assert.doesNotMatch(inline[0], /^\s*$|\bimport\b/, 'bundled: nothing left to import');
    const hash = `'sha256-${createHash('sha256').update(inline[0], 'utf8').digest('base64')}'`;
    const scriptSrc = res.headers['content-security-policy'].split('; ').find((d) => d.startsWith('script-src '));
    assert.equal(scriptSrc, `script-src 'self' ${hash} 'wasm-unsafe-eval'`);
    // The embed's page has no inline script, and its policy allows none.
    const embed = await get(site.port, '/embed.html', null);
    assert.match(embed.headers['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  } finally {
    site.server.close();
  }
});
