// score() of two or more builds of the core, timed in one Chromium page in turn, round by round,
// so that whatever else the machine does falls on all of them alike (these VMs swing ±40%
// between runs, which makes separate runs useless for a difference of a few µs). Each argument
// is a folder, relative to the repository, holding wasm-bindgen's `resilience.js` and its wasm
// (`opt.wasm` when there is one, as `./build.sh bench` writes, else `resilience_bg.wasm`).
//   node compare-cores.mjs www/pkg target/bench-s
// Prints `metric<TAB>value`: the median µs per call of each, and checks that every build gives
// the same result text.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../../tools/serve.mjs';
import { ROOT, makeBatch, launchBrowser } from './workload.mjs';

const dirs = process.argv.slice(2);
if (dirs.length < 2) {
  console.error('usage: node compare-cores.mjs DIR DIR [DIR ...] (each holding resilience.js)');
  process.exit(2);
}
const cores = dirs.map((d) => {
  const wasm = ['opt.wasm', 'resilience_bg.wasm'].find((f) => existsSync(join(ROOT, d, f)));
  if (!wasm || !existsSync(join(ROOT, d, 'resilience.js'))) {
    console.error(`${d}: no resilience.js and wasm there`);
    process.exit(2);
  }
  return { dir: d, js: `/${d}/resilience.js`, wasm: `/${d}/${wasm}` };
});
const one = JSON.stringify(makeBatch(1).assessments[0]);

const { server, url } = await serve(ROOT, 0);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(url + 'www/index.html');
  const out = await page.evaluate(async ({ cores, one }) => {
    const fw = await (await fetch('/www/frameworks/default.en.json')).text();
    const mods = [];
    for (const c of cores) {
      const m = await import(c.js);
      await m.default({ module_or_path: c.wasm });
      for (let i = 0; i < 200; i++) m.score(one, fw); // warm-up
      mods.push(m);
    }
    const texts = mods.map((m) => JSON.stringify(m.score(one, fw)));
    const times = mods.map(() => []);
    // performance.now() is coarse (100 µs here): time rounds of 100 calls.
    for (let r = 0; r < 40; r++) {
      mods.forEach((m, k) => {
        const t0 = performance.now();
        for (let i = 0; i < 100; i++) m.score(one, fw);
        times[k].push(((performance.now() - t0) / 100) * 1000);
      });
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return { same: texts.every((t) => t === texts[0]), medians: times.map(median) };
  }, { cores, one });
  console.log('metric\tvalue');
  cores.forEach((c, k) => console.log(`score() of ${c.dir}, interleaved, median of 40 rounds of 100 calls (µs)\t${out.medians[k].toFixed(1)}`));
  console.log(`the builds give the same result text\t${out.same ? 'yes' : 'NO'}`);
  if (!out.same) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
