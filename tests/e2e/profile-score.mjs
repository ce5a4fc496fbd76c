// Where score()'s time goes, in headless Chromium: V8's sampling profiler over 20,000 calls of
// score() on the benchmarks' first assessment (bench-engine.mjs times the same), by kind (wasm,
// the JS glue with JSON.parse, string decoding, GC) and by function, inclusive and self, with
// microseconds a call. `./build.sh profile` builds the core with its function names into
// target/profile-core/ (the app's build strips them) and runs this:
//
//   node profile-score.mjs [DIR]     DIR under the repository, with resilience.js and its wasm
import { join } from 'node:path';
import { serve } from '../../tools/serve.mjs';
import { ROOT, makeBatch, launchBrowser } from './workload.mjs';

const CALLS = 20_000;
const core = process.argv[2] ?? 'target/profile-core';

const { server, url } = await serve(ROOT, 0);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(url + 'www/frameworks/default.en.json');
  const cdp = await page.context().newCDPSession(page);
  const one = JSON.stringify(makeBatch(1).assessments[0]);
  await page.evaluate(async ({ core, one }) => {
    const m = await import(`/${core}/resilience.js`);
    await m.default();
    window.fw = await (await fetch('/www/frameworks/default.en.json')).text();
    window.run = (n) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) m.score(one, window.fw);
      return (performance.now() - t0) / n;
    };
    window.run(1000); // warm-up: compiled by the optimising tier before the profile
  }, { core, one });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const perCall = await page.evaluate((n) => window.run(n), CALLS);
  const { profile } = await cdp.send('Profiler.stop');

  // Samples by node; a function's inclusive share counts each sample once, however deep.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const hits = new Map();
  for (const s of profile.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
  // Rust names without their crate hashes; the page's own frames by file.
  const name = (n) =>
    (n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'program'})`).replace(/\[[0-9a-f]{16}\]/g, '');
  const self = new Map();
  const incl = new Map();
  let inScore = 0;
  for (const [id, count] of hits) {
    const seen = new Set();
    for (let at = id; at != null; at = parent.get(at)) seen.add(name(byId.get(at)));
    if (!seen.has('score')) continue; // the profiler's idle and GC samples outside the calls
    inScore += count;
    const own = name(byId.get(id));
    self.set(own, (self.get(own) ?? 0) + count);
    for (const k of seen) incl.set(k, (incl.get(k) ?? 0) + count);
  }
  const us = perCall * 1000;
  const row = (k, v) => `${((100 * v) / inScore).toFixed(1).padStart(5)}%  ${((us * v) / inScore).toFixed(1).padStart(6)} µs  ${k.slice(0, 120)}`;
  console.log(`score() one default assessment: ${us.toFixed(1)} µs a call under the profiler (${CALLS} calls, ${inScore} samples)`);
  // By kind: the wasm's own code, the JS glue (where JSON.parse of the result runs), the rest.
  const kinds = new Map();
  for (const [id, count] of hits) {
    const n = byId.get(id);
    const file = n.callFrame.url.split('/').pop();
    const kind = file.endsWith('.wasm') ? 'wasm' : file.endsWith('.js') ? 'JS glue (with JSON.parse)' : name(n);
    kinds.set(kind, (kinds.get(kind) ?? 0) + count);
  }
  console.log('\nby kind (every sample of the run)');
  const all = profile.samples.length;
  for (const [k, v] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}`);
  console.log('\ninclusive (the function and what it calls)');
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(row(k, v));
  console.log('\nself (the function alone)');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(row(k, v));
} finally {
  await browser.close();
  server.close();
}
