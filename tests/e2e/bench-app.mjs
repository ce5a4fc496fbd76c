// The web app's figures, in headless Chromium on 127.0.0.1: bytes of a first load (what the
// first screen fetched until the form was usable, gzipped and as tools/serve.mjs sends it,
// brotli), time from navigation to a scored form with the service worker in place, and the time
// to re-score and redraw after one change. Prints `metric<TAB>value` lines.
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, open, WWW, WAIT, INDICATORS } from './harness.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const file = (path) => readFileSync(join(WWW, path === '' ? 'index.html' : path));
const gz = (path) => gzipSync(file(path), { level: 9 }).length;
const br = (path) => brotliCompressSync(file(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const out = (k, v) => console.log(`${k}\t${v}`);
console.log('metric\tvalue');

// First load: what the page fetches, then what the service worker adds to precache.
{
  const h = await start();
  const { page } = h;
  await open(page, h.url);
  const pageUrls = new Set(h.pageRequests); // not the service worker's, which may have begun
  // Once the worker is ready it has cached every asset; its requests are reported apart from the
  // page's, maybe a moment later: wait until each one it cached has been seen.
  const cached = await page
    .waitForFunction(async () => {
      await navigator.serviceWorker.ready;
      const cache = await caches.open((await caches.keys()).find((k) => k.startsWith('resilience-')));
      return (await cache.keys()).map((r) => r.url);
    })
    .then((j) => j.jsonValue());
  for (const t = Date.now(); !cached.every((u) => h.requests.includes(u)); await new Promise((ok) => setTimeout(ok, 20)))
    if (Date.now() - t > WAIT) throw new Error('the service worker cached assets whose requests were not seen');
  const paths = (urls) => new Set([...urls].filter((u) => u.startsWith(h.origin)).map((u) => new URL(u).pathname.slice(1)));
  const sum = (set, size = gz) => [...set].reduce((n, p) => n + size(p), 0);
  // The first screen: the page and what it asked for before it drew (the framework, the
  // language and the database in); what the drawing starts (the uncertainty analysis beside
  // the results) comes after the first screen.
  const drawing = await page.evaluate(() => Math.max(...['framework', 'lang', 'store'].map((n) => performance.getEntriesByName(n)[0].startTime)));
  const early = await page.evaluate((t) => performance.getEntriesByType('resource').filter((r) => r.startTime <= t).map((r) => r.name), drawing);
  const first = paths([h.url, ...early]);
  const all = paths(h.requests);
  const wasm = new Set([...first].filter((p) => p.endsWith('.wasm')));
  out('app first load (the first screen, until it draws): gzipped (bytes)', sum(first));
  out('app first load (the first screen, until it draws): brotli, as served (bytes)', sum(first, br));
  out('app first load: of which the core wasm, gzipped / brotli (bytes)', `${sum(wasm)} / ${sum(wasm, br)}`);
  out('app first load: without wasm, gzipped (bytes)', sum(first) - sum(wasm));
  out('app first load: files (' + [...first].join(' ') + ')', first.size);
  out('app first load: with the offline precache, gzipped (bytes)', sum(all));
  out('app first load: requests (page / with precache)', `${paths(pageUrls).size} / ${h.requests.filter((u) => u.startsWith(h.origin)).length}`);

  // Navigation → scored form, with the service worker in place (what a returning user gets).
  const times = [];
  for (let i = 0; i < 9; i++) {
    const p = await h.context.newPage();
    await open(p, h.url, '#/a/example');
    times.push(await p.evaluate(() => performance.getEntriesByName('ready')[0].startTime));
    await p.close();
  }
  out('app navigation to scored form, warm (ms, median of 9)', median(times).toFixed(0));

  // Re-score after one change: engine call + redraw of the results, measured in the page.
  await open(page, h.url, '#/a/example');
  await page.evaluate(() => performance.clearMeasures('rescore'));
  for (let i = 0; i < 60; i++) await page.check(`input[name="s-${INDICATORS[i % INDICATORS.length]}"][value="${i % 5}"]`);
  const rs = await page.evaluate(() => performance.getEntriesByName('rescore').map((e) => e.duration));
  out('app re-score + redraw after a change (ms, median of 60)', median(rs).toFixed(2));
  out('app re-score + redraw after a change (ms, max of 60)', Math.max(...rs).toFixed(2));
  await h.close();
}

// Cold navigation (a fresh profile each time) is bench-cold.mjs's, beside the browser's floor.
