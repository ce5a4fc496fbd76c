// Benchmark: a 100,000-row KoboToolbox export (the XLSForm's column names, as in
// tests/fixtures/odk/kobo_xml_values.csv: `;`, quoted, group prefixes, metadata columns)
// imported and scored in the app (js/workers/sheets-worker.js), then saved. Prints `metric<TAB>value`.
// Usage: node bench-sheets.mjs [ROWS] [ROWS_PER_ASSESSMENT]
import { writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, open, FRAMEWORK } from './harness.mjs';

const ROWS = Number(process.argv[2] || 100000);
const PER = Number(process.argv[3] || 20); // respondents per unit and date
const out = (k, v) => console.log(`${k}\t${v}`);

// Column names as the XLSForm writes them: group/name (pillar/indicator without the prefix).
const cols = FRAMEWORK.root.children.flatMap((p) => p.children.map((i) => `${p.id}/${i.id.slice(p.id.length + 1)}`));
const head = ['start', 'end', 'unit', 'date', ...cols, 'meta/instanceID', '_id', '_uuid', '_submission_time', '_validation_status', '_notes', '_status', '_submitted_by', '__version__', '_tags', '_index'];
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / (1 << 24);
const q = (x) => `"${x}"`;
const lines = ['\ufeff' + head.map(q).join(';')];
for (let r = 0; r < ROWS; r++) {
  const g = Math.floor(r / PER);
  const date = `2026-0${1 + (g % 9)}-1${g % 10}`;
  const uuid = `${r.toString(16).padStart(8, '0')}-8a47-4b6e-9d1f-0c2a5e7b8f11`;
  const vals = cols.map(() => {
    const x = rnd();
    return x < 0.03 ? 'dk' : x < 0.05 ? '' : String(Math.floor(x * 5));
  });
  lines.push(
    [`${date}T09:02:11.512+03:00`, `${date}T09:41:37.244+03:00`, `Unit ${g}`, date, ...vals, `uuid:${uuid}`, 218840311 + r, uuid, `${date}T09:02:11`, '', '[]', 'submitted_via_web', 'enum_' + (r % 7), 'vQm7Xk2Lr9Tz4', '[]', r + 1].map(q).join(';'),
  );
}
const file = process.env.KEEP_CSV || join(tmpdir(), `resilience-bench-kobo-${process.pid}.csv`);
writeFileSync(file, lines.join('\r\n') + '\r\n');
out('rows', ROWS);
out('file (MB)', (lines.reduce((n, l) => n + l.length + 2, 0) / 1e6).toFixed(1));

const h = await start();
try {
  const { page } = h;
  await open(page, h.url);
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
  const longest = () => page.evaluate(() => Math.max(0, ...window.__long.splice(0)));
  // Import + score: from the file picked to the report on screen.
  const t0 = Date.now();
  await page.setInputFiles('input[data-import="odk"]', file);
  await page.waitForFunction(() => document.querySelector('.sheets-report')?.dataset.ready, null, { timeout: 60000, polling: 10 });
  const wall = Date.now() - t0;
  const inPage = Number(await page.getAttribute('.sheets-report', 'data-ms'));
  out('import + score, in page (ms)', inPage.toFixed(0));
  out('import + score, file picked to report (ms)', wall);
  out('longest main-thread task during import (ms)', (await longest()).toFixed(0));
  out('assessments found', (await page.textContent('.sheets-report .summary')).match(/found: ([\d,]+)/)[1]);
  out('problems reported', (await page.textContent('.sheets-report h3')).match(/\d[\d,]*/)[0]);
  // Saving them (chunks of 500 through storage.js), until the list is drawn again.
  const t1 = Date.now();
  await page.click('[data-import="confirm"]');
  await page.waitForFunction(() => /Imported/.test(document.getElementById('toast').textContent), null, { timeout: 120000, polling: 50 });
  out('save + list redraw (ms)', Date.now() - t1);
  out('longest main-thread task during save + list redraw (ms)', (await longest()).toFixed(0));
} finally {
  rmSync(file, { force: true });
  await h.close();
}
