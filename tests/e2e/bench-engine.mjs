// Benchmarks of the engine's JavaScript API in headless Chromium: score() of one default
// assessment (median of 1,000 calls) and scoreBatch() of 10,000 assessments, against the
// native CLI on the same data. Prints `metric<TAB>value` lines (./build.sh bench gathers them).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../tools/serve.mjs';
import { ROOT, BIN, makeBatch, indicatorIds, launchBrowser } from './workload.mjs';

const BENCH = join(ROOT, 'target/release/resilience-bench');

// The assessments of `resilience-bench analysis`, made by the same xorshift generator, so the
// wasm and native figures time the same work.
function analysisBatch(ids) {
  let state = 0x9E3779B97F4A7C15n;
  const mask = (1n << 64n) - 1n;
  const next = () => {
    state ^= (state << 13n) & mask;
    state ^= state >> 7n;
    state ^= (state << 17n) & mask;
    return Number((state >> 8n) % 5n);
  };
  return Array.from({ length: 100 }, (_, k) => {
    const scores = {};
    ids.forEach((id, i) => {
      const m = i % 7 === 3 ? 3 : 1;
      const v = Array.from({ length: m }, next);
      scores[id] = m === 1 ? v[0] : v;
    });
    return { id: `a${k}`, scores };
  });
}

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const batch = makeBatch(10000);
const fwIds = indicatorIds();
const forAnalysis = analysisBatch(fwIds);
const nativeAnalysis = Object.fromEntries(
  execFileSync(BENCH, ['analysis']).toString().trim().split('\n').slice(1).map((l) => l.split('\t')),
);
const dir = mkdtempSync(join(tmpdir(), 'resilience-bench-'));
const file = join(dir, 'batch.json');
writeFileSync(file, JSON.stringify(batch));
// score()'s floor: the same assessment through the same steps natively, each timed.
const oneFile = join(dir, 'one.json');
writeFileSync(oneFile, JSON.stringify(batch.assessments[0]));
const nativeScore = execFileSync(BENCH, ['score', oneFile]).toString().trim().split('\n').slice(1);
// Native: the same work as scoreBatch (read, score, serialise), timed inside one process run
// by hyperfine-like repetition of the whole command, minus its start-up (an empty input).
const nativeRuns = [];
for (let i = 0; i < 5; i++) {
  const t0 = process.hrtime.bigint();
  execFileSync(BIN, ['score', '--compact', file], { maxBuffer: 1 << 30 });
  nativeRuns.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const native = median(nativeRuns);

const { server, url } = await serve(join(ROOT, 'www'), 0);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(url + 'pkg/resilience.js');
  // score() first, in a page that holds nothing else: with the 10,000 assessments below in its
  // heap (each garbage collection then has more to do), score() came out at 85 µs, not 63–68.
  const single = await page.evaluate(async (one) => {
    const m = await import('/pkg/resilience.js');
    await m.default();
    // The framework as the app gives it: the text of frameworks/default.en.json.
    const fw = await (await fetch('/frameworks/default.en.json')).text();
    // The first call, as a page's first score makes it: the engine reads the framework and the
    // browser compiles each function it runs for the first time (Model.warm() makes it early).
    const t = performance.now();
    m.score(one, fw);
    const first = performance.now() - t;
    // Then the steady state, after 2,000 calls: the browser compiles a function again, optimised,
    // once it has run often enough (per call, in rounds of 100: 350–550 µs in the first round,
    // 60–90 µs after about 1,000 calls).
    for (let i = 0; i < 2000; i++) m.score(one, fw);
    // The browser coarsens performance.now() (100 µs here), so time rounds of 100 calls:
    // 1,000 calls in all, the median round divided by its 100 calls.
    const perCall = (f) => {
      const times = [];
      for (let r = 0; r < 10; r++) {
        const t0 = performance.now();
        for (let i = 0; i < 100; i++) f();
        times.push((performance.now() - t0) / 100);
      }
      return times.sort((a, b) => a - b)[5];
    };
    const score = perCall(() => m.score(one, fw));
    // Where score()'s time goes: validate() crosses, copies, parses and reads the same text
    // but writes a few bytes; JSON.parse of the result's text is the last step of score().
    const resultText = JSON.stringify(m.score(one, fw));
    for (let i = 0; i < 100; i++) m.validate(one, fw), JSON.parse(resultText);
    const read = perCall(() => m.validate(one, fw));
    const parse = perCall(() => JSON.parse(resultText));
    return { score, first, read, parse };
  }, JSON.stringify(batch.assessments[0])); // (as shared/model.js sends an input)
  const figures = await page.evaluate(async ({ batch, forAnalysis }) => {
    const m = await import('/pkg/resilience.js');
    const fw = await (await fetch('/frameworks/default.en.json')).text();
    const runs = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      m.scoreBatch(batch, fw);
      runs.push(performance.now() - t0);
    }
    runs.sort((a, b) => a - b);
    // The analysis module, loaded as the app's worker loads it, with the core's framework.
    const a = await import('/pkg-analysis/resilience.js');
    await a.default();
    const best = (input, options) => {
      let t = Infinity;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        a.analyse(input, options, fw);
        t = Math.min(t, performance.now() - t0);
      }
      return t;
    };
    return {
      batch: runs[2],
      mc1: best(forAnalysis[0], { draws: 10000, sensitivity: false }),
      mc100: best({ assessments: forAnalysis }, { draws: 2000, sensitivity: false }),
      sobol: best(forAnalysis[0], { draws: 10000, sensitivity: true }),
    };
  }, { batch, forAnalysis }).then((rest) => ({ ...single, ...rest }));
  console.log('metric\tvalue');
  const us = (ms) => (ms * 1000).toFixed(1);
  console.log(`wasm score() one default assessment, its first call (µs: reads the framework, compiles on first use)\t${us(figures.first)}`);
  console.log(`wasm score() one default assessment, 1,000 calls after 2,000, median per call (µs)\t${(figures.score * 1000).toFixed(1)}`);
  console.log(`wasm score(): of which crossing, copying, parsing and reading the input (validate(), µs)\t${us(figures.read)}`);
  console.log(`wasm score(): of which JSON.parse of the result text (µs)\t${us(figures.parse)}`);
  console.log(`wasm score(): the rest, scoring and writing the result text (µs)\t${us(figures.score - figures.read - figures.parse)}`);
  for (const line of nativeScore) console.log(line);
  console.log(`wasm scoreBatch() 10,000 assessments (ms)\t${figures.batch.toFixed(1)}`);
  console.log(`native CLI score of the same 10,000 (ms, whole process)\t${native.toFixed(1)}`);
  console.log(`wasm/native ratio, 10,000 assessments\t${(figures.batch / native).toFixed(2)}`);
  const rows = [
    ['uncertainty 10000 draws x 1 assessment (ms)', figures.mc1],
    ['uncertainty 2000 draws x 100 assessments (ms)', figures.mc100],
    ['uncertainty + Sobol N=10000 x 1 assessment (ms)', figures.sobol],
  ];
  for (const [name, ms] of rows) {
    const nat = Number(nativeAnalysis[name]);
    console.log(`wasm ${name}, best of 3\t${ms.toFixed(1)} (native ${nat.toFixed(1)}, ratio ${(ms / nat).toFixed(2)})`);
  }
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
