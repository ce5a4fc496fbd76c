// Files: JSON export → import → export gives the same bytes; the responses CSV is the CLI's
// input and the results CSV is exactly what the CLI writes for it; CSV imports back.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, open, cli, INDICATORS } from './harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'resilience-files-'));
const opened = [];
after(async () => {
  for (const h of opened) {
    try {
      assert.deepEqual(await h.csp(h.page), [], 'no CSP violations');
    } finally {
      await h.close();
    }
  }
});

async function fresh() {
  const h = await start();
  opened.push(h);
  await open(h.page, h.url);
  return h;
}

/** Clicks an export button and returns the downloaded text. */
async function exported(page, kind, scope = 'main') {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`${scope} [data-export="${kind}"]`)]);
  return readFileSync(await dl.path(), 'utf8');
}

async function importFile(page, text, name) {
  const file = join(dir, name);
  writeFileSync(file, text);
  await page.setInputFiles('input[type=file]', file);
  await page.waitForSelector('#toast .toast');
}

/** Deletes every assessment through the list (a fresh profile holds the example). */
async function deleteAll(page) {
  await open(page, page.url().split('#')[0], '#/');
  while (await page.$('.card .danger')) await page.click('.card .danger');
}

const TRICKY = ['=SUM(A1)', 'Quote "q", comma; semi', ' spaced ', 'Ünïcödé — ሰላም', 'line\nbreak'];

test('JSON export → import → export is byte-identical; CSVs match the CLI', async () => {
  const a = await fresh();
  const p = a.page;
  // A few assessments with awkward text, one with several respondents (the example).
  for (const [k, unit] of TRICKY.entries()) {
    await open(p, a.url);
    await p.click('#new');
    await p.waitForFunction(() => document.activeElement?.name === 'unit');
    await p.fill('input[name=unit]', unit);
    for (const [i, id] of INDICATORS.entries()) if ((i + k) % 4) await p.check(`input[name="s-${id}"][value="${(i * k) % 5}"]`);
    await p.fill(`textarea[name="n-${INDICATORS[k]}"]`, `${unit} note`);
  }
  await open(p, a.url);
  const json1 = await exported(p, 'json');
  const csv1 = await exported(p, 'csv');
  const res1 = await exported(p, 'results');
  assert.equal(JSON.parse(json1).assessments.length, TRICKY.length + 1);

  // The CLI reads both exports and agrees with the app's results.
  writeFileSync(join(dir, 'a.json'), json1);
  writeFileSync(join(dir, 'a.csv'), csv1);
  assert.equal(cli(join(dir, 'a.json'), '--format', 'csv'), res1, 'results CSV = CLI on the JSON');
  // CSV cells are read trimmed (by the CLI and the app alike): only that differs.
  const trimmed = (s) => s.replace('" spaced "', 'spaced');
  assert.equal(cli(join(dir, 'a.csv'), '--format', 'csv'), trimmed(res1), 'results CSV = CLI on the responses CSV');

  // Into another device: same bytes out.
  const b = await fresh();
  await deleteAll(b.page);
  await importFile(b.page, json1, 'a.json');
  assert.equal(await exported(b.page, 'json'), json1, 'JSON round trip');
  // Importing the same file again changes nothing.
  await importFile(b.page, json1, 'a.json');
  assert.equal(await exported(b.page, 'json'), json1, 'a second import adds nothing');

  // The responses CSV imports back to the same responses.
  const c = await fresh();
  await deleteAll(c.page);
  await importFile(c.page, csv1, 'a.csv');
  // (Trimming " spaced " moves its rows: compare the rows, in any order.)
  const rows = (s) => s.split('\n').sort();
  assert.deepEqual(rows(await exported(c.page, 'csv')), rows(trimmed(csv1)), 'CSV round trip');
  assert.deepEqual(rows(await exported(c.page, 'results')), rows(trimmed(res1)));
});

test('a bad file is refused with the problems listed, and nothing changes', async () => {
  const h = await fresh();
  const before = await exported(h.page, 'json');
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({ assessments: [{ id: 'x', scores: { [INDICATORS[0]]: 9, nope: 1 } }] }));
  await h.page.setInputFiles('input[type=file]', file);
  await h.page.waitForSelector('.notice.bad li');
  const text = await h.page.textContent('.notice.bad');
  assert.match(text, /nope/);
  assert.match(text, new RegExp(INDICATORS[0].replace('.', '\\.')));
  assert.equal(await exported(h.page, 'json'), before);
});
