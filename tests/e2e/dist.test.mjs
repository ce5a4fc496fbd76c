// `./build.sh dist`: tools/dist.mjs (run here, into a temporary folder, on the wasm that
// ./build.sh build left in www/pkg*/) writes the hostable site and the one-file build. The one
// file, opened from file:// in headless Chromium with the network off, scores a full
// assessment like the CLI without making a single request; it keeps working (in memory, with
// a visible "export" notice) where the browser refuses storage.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { test, browser, using, started, reload, formId, ROOT, INDICATORS, PILLARS, cliScore, shown } from './harness.mjs';
import { decode7, encode7 } from '../../tools/dist.mjs';

const BUDGET = 340 * 1024; // tools/dist.mjs says why
const ANSWERS = INDICATORS.map((_, i) => (i % 9 === 8 ? null : (i * 7) % 5));

let out; // the temporary dist/
let file; // dist/resilience.html
let url; // its file:// URL
let html;

before(async () => {
  out = await mkdtemp(join(tmpdir(), 'resilience-dist-'));
  execFileSync(process.execPath, [join(ROOT, 'tools', 'dist.mjs'), out], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  file = join(out, 'resilience.html');
  url = pathToFileURL(file).href;
  html = await readFile(file, 'utf8');
});

after(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

/** Runs `fn(h)` in a fresh browser with the network off, which may request the one file only
 * (any other request, error in the page or CSP violation fails the test). */
const offlineBrowser = async (fn) => using(await browser({ allowed: (u) => u === url, offline: true }), fn);

test('the 7-bit encoding of the data blocks round-trips, and never writes NUL, CR or "<"', () => {
  const all = new Uint8Array(4096);
  for (let i = 0; i < all.length; i++) all[i] = (i * 131 + (i >> 8)) & 255;
  for (let n = 0; n < 300; n++) {
    const b = all.subarray(n, n + (n % 41) + (n > 280 ? 3000 : 0));
    const text = encode7(b);
    assert.ok(!/[\0\r<]/.test(text));
    assert.deepEqual(decode7(text, b.length), new Uint8Array(b));
  }
});

test('dist/site/ is the app as it is hosted, without the examples', () => {
  const site = join(out, 'site');
  for (const f of ['index.html', 'embed.html', 'resilience-embed.js', 'sw.js', 'app/app.css', 'css/embed.css', 'app/app.js', 'js/embed/element.js', 'i18n/en.json', 'i18n/fr.json', 'pkg/resilience.js', 'pkg/resilience_bg.wasm', 'pkg-analysis/resilience_bg.wasm', 'pkg-sheets/resilience_bg.wasm'])
    assert.ok(existsSync(join(site, f)), `${f} is in the site`);
  assert.ok(!existsSync(join(site, 'examples')), 'no examples');
});

test('the one file is within its budget, locks itself down and names no other host', () => {
  const raw = statSync(file).size;
  const gz = gzipSync(html, { level: 9 }).length;
  console.log(`# dist/resilience.html: ${raw} bytes raw, ${gz} bytes gzipped`);
  assert.ok(raw <= BUDGET, `${raw} bytes, over ${BUDGET}`);
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
  assert.ok(csp, 'a CSP meta tag');
  for (const d of ["default-src 'none'", "connect-src 'none'", "worker-src 'none'", "form-action 'none'", "base-uri 'none'"]) assert.ok(csp.includes(d), d);
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+' 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/, 'scripts by hash only');
  assert.ok(!/unsafe-inline|unsafe-eval'|\*/.test(csp.replace("'wasm-unsafe-eval'", '')), 'nothing broader');
  // Data blocks, unpacked: the app's code, both translations, the previous framework, the engines.
  const blocks = {};
  const page = html.replace(/<script type="application\/octet-stream" data-path="([^"]+)" data-length="(\d+)">([^<]*)<\/script>/g, (_, path, n, text) => {
    blocks[path] = gunzipSync(decode7(text, Number(n)));
    return '';
  });
  for (const f of ['app.js', 'i18n/en.first.json', 'i18n/fr.first.json', 'i18n/en.later.json', 'frameworks/default.en.json', 'frameworks/default.en.later.json', 'frameworks/resilience-default-1.1.0.json', 'pkg/resilience_bg.wasm']) assert.ok(blocks[f], `${f} is inlined`);
  assert.ok(!/<script(?![^>]*type="module")[^>]*>/.test(page.replace(/<script type="module">/, '')), 'one script as such: the boot');
  // The only URL anywhere (page, code, translations, wasm) is the SVG namespace: a name, never fetched.
  const texts = [page, ...Object.values(blocks).map((b) => b.toString('latin1'))];
  const urls = [...new Set(texts.flatMap((t) => t.match(/\b(?:https?|wss?|ftp):\/\/[^\s"'<>`)\\]+/gi) || []))];
  assert.deepEqual(urls.filter((u) => !u.startsWith('http://www.w3.org/')), [], 'no other host');
  assert.deepEqual(page.match(/\b(?:src|href|action)="(?!#|data:)[^"]*"/g), null, 'no reference to another file');
  assert.ok(html.indexOf('http-equiv="Content-Security-Policy"') < html.indexOf('<script'), 'the CSP comes before any script');
});

test('opened from file:// with the network off, it scores a full assessment like the CLI and requests nothing', () =>
  offlineBrowser(async ({ page, requests }) => {
    await page.goto(url);
    await started(page);
    assert.ok(await page.isHidden('#banner'), 'storage works here: no warning');
    await page.click('#new');
    await page.waitForFunction(() => document.activeElement?.name === 'unit');
    await page.keyboard.type('Offline district');
    for (const [k, id] of INDICATORS.entries()) await page.check(`input[name="s-${id}"][value="${ANSWERS[k] ?? ''}"]`);
    const id = formId(page);
    const date = await page.inputValue('input[name=date]');
    const scores = Object.fromEntries(INDICATORS.flatMap((ind, k) => (ANSWERS[k] == null ? [] : [[ind, ANSWERS[k]]])));
    const res = cliScore({ id, unit: 'Offline district', date, scores });
    assert.notEqual(res.overall.score, null);
    for (const k of ['overall', ...PILLARS]) {
      const want = k === 'overall' ? res.overall.score : res.nodes[k].score;
      assert.equal(await page.textContent(`.live [data-k="${k}"]`), shown(want), k);
    }
    // Export works from file:// (a download, not a request).
    await page.goto(`${url}#/r/${encodeURIComponent(id)}`);
    await page.waitForSelector('.report');
    // What the results start later (the analysis) requests nothing either: wait until it has
    // run and is no longer busy (in the one file it fails: its CSP allows no worker).
    await page.waitForSelector('.report .analysis[data-state]:not([aria-busy])');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=json]')]);
    const doc = JSON.parse(await readFile(await dl.path(), 'utf8'));
    assert.deepEqual(doc.assessments.find((a) => a.id === id).scores, scores);
    // The CSV exports too: the one file's engine has the CSV writers (pkg-csv/ in pkg/'s place).
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=results]')]);
    assert.match(await readFile(await csv.path(), 'utf8'), new RegExp(`^id,.*\\n${id},`, 's'));
    // The French translation is inlined too.
    await page.selectOption('#lang', 'fr');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    assert.match(await page.textContent('.report'), /Indice global/);
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');

    // Saved where the browser allows it (Chromium keeps IndexedDB for file://). An assessment
    // saved by an earlier one file (framework 1.1.0, before records named it) is scored with the
    // 1.1.0 framework carried in this file.
    await page.evaluate(async (scores) => {
      const db = await new Promise((ok) => (indexedDB.open('resilience').onsuccess = (e) => ok(e.target.result)));
      const tx = db.transaction('assessments', 'readwrite');
      const input = { id: 'old-file', unit: 'Older district', date: '2025-10-01', scores, notes: {} };
      tx.objectStore('assessments').put({ id: 'old-file', schema: 1, updated: '2025-10-01T08:00:00.000Z', input }, 'old-file');
      await new Promise((ok) => (tx.oncomplete = ok));
      db.close();
    }, scores);
    await reload(page);
    assert.match(await page.textContent('main'), /Offline district/);
    await page.goto(`${url}#/r/old-file`);
    await page.waitForSelector('.report .scored-with');
    assert.match(await page.textContent('.report .scored-with'), /framework version 1\.1\.0/);
    assert.equal(await page.textContent('.report [data-k="overall"]'), shown(res.overall.score), 'scored like the CLI');
    // Every engine inlined (including those the app loads only when needed) is answered and compiles.
    const wasm = [...html.matchAll(/data-path="([^"]+\.wasm)"/g)].map((m) => m[1]);
    assert.ok(wasm.length >= 1);
    for (const w of wasm) assert.ok(await page.evaluate(async (w) => (await WebAssembly.compileStreaming(fetch(w))) instanceof WebAssembly.Module, w), w);

    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violation');
    assert.deepEqual([...new Set(requests)], [url], 'no request but the file itself');
  }));

test('where the browser refuses storage, it keeps working in memory and says to export', () =>
  offlineBrowser(async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
    await page.goto(url);
    await started(page);
    assert.ok(await page.isVisible('#banner'), 'a visible notice');
    assert.match(await page.textContent('#banner'), /could not be saved on this device/);
    assert.ok(await page.isVisible('#banner button'), 'with an export button');
    await page.click('#new');
    await page.waitForFunction(() => document.activeElement?.name === 'unit');
    const some = { [INDICATORS[0]]: 4, [INDICATORS[1]]: 3, [INDICATORS[2]]: 2, [INDICATORS[3]]: 0 };
    for (const [ind, v] of Object.entries(some)) await page.check(`input[name="s-${ind}"][value="${v}"]`);
    const res = cliScore({ id: 'x', scores: some });
    assert.notEqual(res.nodes[PILLARS[0]].score, null);
    assert.equal(await page.textContent(`.live [data-k="${PILLARS[0]}"]`), shown(res.nodes[PILLARS[0]].score), 'scored in memory');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#banner button')]);
    assert.ok(JSON.parse(await readFile(await dl.path(), 'utf8')).assessments.length >= 1);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
  }));
