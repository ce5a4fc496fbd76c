// Cold navigation, each run on a fresh browser profile (no service worker, no HTTP cache): the
// app to a usable form, to a scored one (its first pillar drawn) and to every question drawn, and beside it, run for run, the floor: a page that only
// creates an IndexedDB database, writes one record and draws a line (fixtures/cold-floor/),
// which is what the browser itself costs before any app can be ready. Prints `metric<TAB>value`.
import { join } from 'node:path';
import { serve } from '../../tools/serve.mjs';
import { start, open, browser, ownOrigin } from './harness.mjs';

const RUNS = 7;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mark = (page, name) => page.evaluate((n) => performance.getEntriesByName(n)[0].startTime, name);

const floorSite = await serve(join(import.meta.dirname, 'fixtures/cold-floor'), 0);
const floorUrl = `http://127.0.0.1:${floorSite.port}/`;
const app = { usable: [], ready: [], complete: [] };
const floor = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const h = await start();
    await open(h.page, h.url, '#/a/example');
    app.usable.push(await mark(h.page, 'usable'));
    app.ready.push(await mark(h.page, 'ready'));
    app.complete.push(await mark(h.page, 'complete'));
    await h.close();
    const b = await browser({ allowed: (u) => ownOrigin(u, floorUrl.slice(0, -1)) });
    await b.page.goto(floorUrl);
    await b.page.waitForFunction(() => performance.getEntriesByName('ready').length > 0, null, { polling: 10 });
    floor.push(await mark(b.page, 'ready'));
    await b.close();
  }
} finally {
  floorSite.server.close();
}
console.log('metric\tvalue');
console.log(`app navigation to a usable form, cold profile (ms, median of ${RUNS})\t${median(app.usable).toFixed(0)}`);
console.log(`app navigation to scored form (its first pillar drawn, the others a task later), cold profile (ms, median of ${RUNS})\t${median(app.ready).toFixed(0)}`);
console.log(`app navigation to every question drawn, cold profile (ms, median of ${RUNS})\t${median(app.complete).toFixed(0)}`);
console.log(`the floor beside it: a fresh profile's page that opens IndexedDB, writes and draws (ms, median of ${RUNS})\t${median(floor).toFixed(0)}`);
console.log(`app above the floor, cold (ms, median of the ${RUNS} differences)\t${median(app.ready.map((t, i) => t - floor[i])).toFixed(0)}`);
