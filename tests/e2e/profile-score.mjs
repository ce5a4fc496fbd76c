// Where score()'s time goes, in headless Chromium: V8's sampling profiler over 20,000 calls of
// score() on one default assessment (as bench-engine.mjs times it), self time by function and by
// kind (wasm, the JS glue with JSON.parse, string decoding, GC). Not part of `./build.sh bench`:
// run it when working on score()'s speed.
//
//   node profile-score.mjs [PKG]
//
// PKG (default ../../www/pkg) holds resilience.js and resilience_bg.wasm. The app's build strips
// function names; for names, build the core as build.sh does but keep them:
//   wasm-bindgen --target web --keep-debug --out-dir /tmp/named --out-name resilience \
//     target/wasm-app/wasm32-unknown-unknown/wasm/resilience_wasm.wasm
//   wasm-opt -Oz --debuginfo /tmp/named/resilience_bg.wasm -o /tmp/named/resilience_bg.wasm
import { chromium } from 'playwright-core';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '../../tools/serve.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = resolve(process.argv[2] ?? join(ROOT, 'www/pkg'));
// A site of its own: the module under test and the default framework.
const site = mkdtempSync(join(tmpdir(), 'resilience-profile-'));
cpSync(pkg, join(site, 'pkg'), { recursive: true });
cpSync(join(ROOT, 'www/frameworks'), join(site, 'frameworks'), { recursive: true });

// One assessment: every indicator, some by three respondents (as bench-engine's batch).
const scoresOf = (ids) =>
  Object.fromEntries(ids.map((id, i) => [id, i % 3 ? (i * 7) % 5 : [i % 5, (i + 2) % 5, (i + 4) % 5]]));

const { server, url } = await serve(site, 0);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(url + 'frameworks/default.en.json');
  const setup = async (scoresOf) => {
    const m = await import('/pkg/resilience.js');
    await m.default();
    const fw = await (await fetch('/frameworks/default.en.json')).text();
    const ids = JSON.parse(fw).root.children.flatMap((p) => p.children.map((c) => c.id));
    const one = JSON.stringify({ id: 'a0', unit: 'Unit 0', date: '2026-03-14', scores: new Function(`return ${scoresOf}`)()(ids) });
    for (let i = 0; i < 500; i++) m.score(one, fw); // warm-up: optimised code
    const text = JSON.stringify(m.score(one, fw));
    const round = (fn) => {
      const ts = [];
      for (let r = 0; r < 15; r++) {
        const t0 = performance.now();
        for (let i = 0; i < 200; i++) fn();
        ts.push((performance.now() - t0) / 200);
      }
      return ts.sort((a, b) => a - b)[7] * 1000;
    };
    globalThis.run = () => { for (let i = 0; i < 20000; i++) m.score(one, fw); };
    return { score: round(() => m.score(one, fw)), parse: round(() => JSON.parse(text)), bytes: text.length };
  };
  const f = await page.evaluate(setup, scoresOf.toString());
  console.log(`score() ${f.score.toFixed(1)} µs a call; JSON.parse of its ${f.bytes}-byte result alone ${f.parse.toFixed(1)} µs`);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await page.evaluate(() => globalThis.run());
  const { profile } = await cdp.send('Profiler.stop');

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const { functionName, url: u } = byId.get(id).callFrame;
    const key = `${functionName || '(anonymous)'} ${u.split('/').pop()}`.trim();
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const pct = (t) => `${((100 * t) / total).toFixed(1)}%`;
  const kinds = new Map();
  for (const [k, t] of self) {
    const kind = k.endsWith('.wasm') ? 'wasm' : k.endsWith('.js') ? 'JS glue (with JSON.parse)' : k;
    kinds.set(kind, (kinds.get(kind) ?? 0) + t);
  }
  console.log('by kind:', [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, t]) => `${k} ${pct(t)}`).join(', '));
  for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${pct(t).padStart(6)}  ${k.slice(0, 160)}`);
} finally {
  await browser.close();
  server.close();
  rmSync(site, { recursive: true, force: true });
}
