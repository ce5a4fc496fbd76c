// Files: JSON export → import → export gives the same bytes; the responses CSV is the CLI's
// input and the results CSV is what the CLI writes for it, for people (one decimal, band names,
// the user's CSV dialect); CSV imports back. Each test starts from a fresh browser profile;
// "another device" is another fresh one.
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

/** The rows of CSV text (RFC 4180: quoted cells, doubled quotes, line breaks in quotes). */
function parseCsv(text, sep = ',') {
  const rows = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) rows.at(-1).push(cell), (cell = '');
    else if (c === '\n') rows.at(-1).push(cell), (cell = ''), rows.push([]);
    else if (c !== '\r') cell += c;
  }
  if (cell || rows.at(-1).length) rows.at(-1).push(cell);
  return rows.filter((r) => r.length > 1 || r[0]);
}

const BANDS = { critical: 'Critical', weak: 'Weak', moderate: 'Moderate', strong: 'Strong', very_strong: 'Very strong' };

/** The app's results CSV against the CLI's (every digit, band ids): the same cells, each
 * number to one decimal, each band by its name. */
function sameResults(app, cliText, { sep = ',', comma = false, bands = BANDS } = {}) {
  const [a, c] = [parseCsv(app, sep), parseCsv(cliText)];
  assert.equal(a.length, c.length, 'rows');
  assert.deepEqual(a[0], c[0], 'header');
  const band = c[0].indexOf('band');
  c.slice(1).forEach((row, i) =>
    row.forEach((cli, j) => {
      const got = a[i + 1][j];
      if (j === band) return assert.equal(got, cli ? bands[cli] : '', `row ${i + 1} band`);
      if (/^-?\d+\.?\d*(e-?\d+)?$/.test(cli) && j > 2) {
        assert.match(got, comma ? /^-?\d+,\d$/ : /^-?\d+\.\d$/, `row ${i + 1} ${c[0][j]}: ${got}`);
        return assert.ok(Math.abs(Number(got.replace(',', '.')) - Number(cli)) <= 0.05 + 1e-9, `row ${i + 1} ${c[0][j]}: ${got} for ${cli}`);
      }
      assert.equal(got, cli, `row ${i + 1} ${c[0][j]}`);
    }),
  );
}

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
  sameResults(res1, cli(join(dir, 'a.json'), '--format', 'csv'));
  // CSV cells are read trimmed (by the CLI and the app alike): only that differs.
  const trimmed = (s) => s.replace('" spaced "', 'spaced');
  sameResults(trimmed(res1), cli(join(dir, 'a.csv'), '--format', 'csv'));

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

app.test('in French: the CSVs with ";" and decimal commas, band names in French; one and all have their own names', async (h) => {
  const { page } = h;
  await open(page, h.url);
  await page.selectOption('#lang', 'fr');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  const res = await exported(page, 'results');
  const json = await exported(page, 'json');
  writeFileSync(join(dir, 'fr.json'), json);
  sameResults(res, cli(join(dir, 'fr.json'), '--format', 'csv'), { sep: ';', comma: true, bands: { critical: 'Critique', weak: 'Faible', moderate: 'Modérée', strong: 'Forte', very_strong: 'Très forte' } });
  const responses = await exported(page, 'csv');
  assert.match(responses.split('\n')[0], /^id;unit;date;/);
  // The CLI reads the French responses as the English ones.
  writeFileSync(join(dir, 'fr.csv'), responses);
  assert.equal(cli(join(dir, 'fr.csv'), '--format', 'csv'), cli(join(dir, 'fr.json'), '--format', 'csv'));
  // One assessment's export and all of them are two files, not one name twice.
  const name = async (scope) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`${scope} [data-export="results"]`)]);
    return dl.suggestedFilename();
  };
  const all = await name('main');
  await open(page, h.url, '#/r/example');
  const one = await name('main');
  assert.match(all, /^resilience-results-all-1-\d{4}-\d\d-\d\d\.csv$/);
  assert.match(one, /^resilience-results-example-\d{4}-\d\d-\d\d\.csv$/);
  // Toasts: each export's replaces the one before; another page shown, it goes.
  await name('main');
  assert.equal(await page.$$eval('#toast .toast', (l) => l.length), 1);
  await page.waitForTimeout(1100); // (a toast of the last second stays: it says what the change of page did)
  await page.click('.bar nav a[href="#/help"]');
  await page.waitForFunction(() => document.documentElement.dataset.shown === '#/help');
  assert.equal(await page.$('#toast .toast'), null, 'the export\'s toast went with its page');
});
