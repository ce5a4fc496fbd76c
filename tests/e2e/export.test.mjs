// Files: JSON export → import → export gives the same bytes; the responses CSV is the CLI's
// input and the results CSV is exactly what the CLI writes for it; CSV imports back. Each test
// starts from a fresh browser profile; "another device" is another fresh one.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite, using, open, cli, INDICATORS } from './harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'resilience-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const app = suite();

/** Clicks an export button and returns the downloaded text. */
async function exported(page, kind, scope = 'main') {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`${scope} [data-export="${kind}"]`)]);
  return readFileSync(await dl.path(), 'utf8');
}

async function importFile(page, text, name) {
  const file = join(dir, name);
  writeFileSync(file, text);
  // Its toast, not one shown before (a toast stays until closed: the delete's, the last import's).
  await page.evaluate(() => document.querySelector('#toast .toast')?.setAttribute('data-seen', ''));
  await page.setInputFiles('input[type=file]', file);
  await page.waitForSelector('#toast .toast:not([data-seen])');
}

/** Runs `fn(page)` on another device: a fresh browser whose app holds nothing (the example
 * its first run puts is deleted through the list), closed afterwards. */
async function anotherDevice(fn) {
  await using(await app.start(), async (h) => {
    await open(h.page, h.url);
    while (await h.page.$('.card .danger')) await h.page.click('.card .danger');
    await fn(h.page);
  });
}

const TRICKY = ['=SUM(A1)', 'Quote "q", comma; semi', ' spaced ', 'Ünïcödé — ሰላም', 'line\nbreak'];

app.test('JSON export → import → export is byte-identical; CSVs match the CLI', async (a) => {
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
  await anotherDevice(async (b) => {
    await importFile(b, json1, 'a.json');
    assert.equal(await exported(b, 'json'), json1, 'JSON round trip');
    // Importing the same file again changes nothing.
    await importFile(b, json1, 'a.json');
    assert.equal(await exported(b, 'json'), json1, 'a second import adds nothing');
  });

  // The responses CSV imports back to the same responses.
  await anotherDevice(async (c) => {
    await importFile(c, csv1, 'a.csv');
    // (Trimming " spaced " moves its rows: compare the rows, in any order.)
    const rows = (s) => s.split('\n').sort();
    assert.deepEqual(rows(await exported(c, 'csv')), rows(trimmed(csv1)), 'CSV round trip');
    assert.deepEqual(rows(await exported(c, 'results')), rows(trimmed(res1)));
  });
});

app.test('a bad file is refused with the problems listed, and nothing changes', async (h) => {
  await open(h.page, h.url);
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
