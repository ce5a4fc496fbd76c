// Field tools in the app: the XLSForm download (a real .xlsx with survey/choices/settings), a
// KoboToolbox export imported through its report (every bad cell by row and column, nothing
// saved until confirmed, grouping by other columns), then saved with the CLI's scores
// (`resilience import-odk --group unit,date` then `score`); reference figures; the results
// workbook. Each test starts from a fresh browser profile.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { suite, open, shown, cliBin as bin, ROOT } from './harness.mjs';

const KOBO = join(ROOT, 'tests', 'fixtures', 'odk', 'kobo_xml_values.csv');

const app = suite();

/** The files of a zip archive: name → Buffer (stored or deflated entries). */
function unzip(buf) {
  const out = {};
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'zip end record');
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const name = buf.toString('utf8', p + 46, p + 46 + buf.readUInt16LE(p + 28));
    const local = buf.readUInt32LE(p + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out[name] = method === 8 ? inflateRawSync(data) : data;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

async function downloaded(page, click) {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

/** Records in memory and on disk (IndexedDB), to show nothing was saved. */
const counts = (page) =>
  page.evaluate(async () => {
    const store = (await import('/app/later.js')).app_storage;
    // Any write the app has made or scheduled has landed: what is pending is written now, and
    // a read transaction starts only after the write transactions begun before it.
    await store.flush();
    const db = await store.openDB();
    const n = await new Promise((ok) => (db.transaction('assessments').objectStore('assessments').count().onsuccess = (e) => ok(e.target.result)));
    db.close();
    return { mem: store.list().length, disk: n };
  });

async function importFile(page, kind, file) {
  const n = await page.evaluate(() => document.querySelector('.sheets-report')?.dataset.ready ?? '0');
  await page.setInputFiles(`input[data-import="${kind}"]`, file);
  await page.waitForFunction((n) => (document.querySelector('.sheets-report')?.dataset.ready ?? '0') !== n, n);
}

app.test('the XLSForm download is an .xlsx with survey, choices and settings', async (h) => {
  const { page } = h;
  await open(page, h.url);
  const { name, bytes } = await downloaded(page, () => page.click('[data-sheets="xlsform"]'));
  assert.match(name, /\.xlsx$/);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  const wb = unzip(bytes)['xl/workbook.xml'].toString();
  for (const s of ['survey', 'choices', 'settings']) assert.match(wb, new RegExp(`<sheet [^>]*name="${s}"`), `sheet ${s}`);
  // The same bytes as the CLI's.
  const out = join(tmpdir(), `resilience-xlsform-${process.pid}.xlsx`);
  execFileSync(bin(), ['xlsform', out]);
  assert.ok(readFileSync(out).equals(bytes), 'same XLSForm as the CLI');
});

app.test('a Kobo export: report first, nothing saved, then the CLI scores', async (h) => {
  const { page } = h;
  await open(page, h.url);
  const was = await counts(page);
  await importFile(page, 'odk', KOBO);
  const panel = page.locator('.sheets-report');
  assert.match(await panel.locator('.summary').textContent(), /^Rows read: 5\. Assessments found: 2 /);
  // Every bad cell, by row and column.
  const issues = await page.$$eval('.sheets-report .issues tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  assert.deepEqual(issues, [['4', 'justice/access', '7 lies outside the scale 0–4']]);
  assert.match(await panel.textContent(), /Columns matched to indicators: 28/);
  assert.match(await panel.locator('.ignored').textContent(), /_uuid/);
  assert.equal(await panel.locator('.preview tbody tr').count(), 2);
  assert.deepEqual(await counts(page), was, 'nothing saved before confirming');

  // Another grouping: one assessment per submission (_index), then back to unit + date.
  await page.selectOption('select[name="group1"]', '_index');
  await page.selectOption('select[name="group2"]', '');
  await page.waitForFunction(() => /Assessments found: 5 /.test(document.querySelector('.sheets-report .summary')?.textContent));
  await page.selectOption('select[name="group1"]', 'unit');
  await page.selectOption('select[name="group2"]', 'date');
  await page.waitForFunction(() => /Assessments found: 2 /.test(document.querySelector('.sheets-report .summary')?.textContent));
  assert.deepEqual(await counts(page), was, 'still nothing saved');

  await page.click('[data-import="confirm"]');
  await page.waitForFunction(() => !document.querySelector('.sheets-report:not([hidden])') && /Imported 2 assessments/.test(document.getElementById('toast').textContent));
  const now = await counts(page);
  assert.deepEqual(now, { mem: was.mem + 2, disk: was.disk + 2 });

  // The CLI: import-odk --group unit,date, then score.
  const imported = join(tmpdir(), `resilience-odk-${process.pid}.json`);
  writeFileSync(imported, execFileSync(bin(), ['import-odk', '--group', 'unit,date', KOBO], { stdio: ['ignore', 'pipe', 'ignore'] }));
  const res = JSON.parse(execFileSync(bin(), ['score', '--compact', imported], { encoding: 'utf8' })).results;
  assert.equal(res.length, 2);
  for (const r of res) {
    const card = page.locator('.card', { has: page.locator('h2', { hasText: r.unit }) });
    assert.equal(await card.count(), 1, r.unit);
    assert.equal(await card.locator('[data-k="overall"]').textContent(), shown(r.overall.score), `${r.unit}: CLI ${r.overall.score}`);
  }
  // And in the full results of one of them.
  const nakuru = res.find((r) => r.unit === 'Nakuru County');
  await page.locator('.card', { has: page.locator('h2', { hasText: 'Nakuru County' }) }).locator('a', { hasText: 'Results' }).click();
  await page.waitForSelector('.report');
  for (const [k, n] of Object.entries(nakuru.nodes)) if (!k.includes('.')) assert.equal(await page.textContent(`.report .pillars [data-k="${k}"]`), shown(n.score), k);
});

app.test('bad cells are listed by row and column; cancel saves nothing', async (h) => {
  const { page } = h;
  await open(page, h.url);
  const was = await counts(page);
  const text = readFileSync(KOBO, 'utf8').split('\n');
  text[2] = text[2].replace('"Nakuru County";"2026-03-14";"3"', '"Nakuru County";"2026-03-14";"x9"');
  const bad = join(tmpdir(), `resilience-bad-${process.pid}.csv`);
  writeFileSync(bad, text.join('\n'));
  await importFile(page, 'odk', bad);
  const issues = await page.$$eval('.sheets-report .issues tbody tr', (rows) => rows.map((r) => [...r.children].slice(0, 2).map((c) => c.textContent)));
  assert.deepEqual(issues, [['3', 'citizenship/legal_equality'], ['4', 'justice/access']]);
  assert.match(await page.textContent('.sheets-report h3'), /Problems: 2/);
  await page.click('.sheets-report button:has-text("Cancel")');
  assert.ok(await page.locator('.sheets-report').isHidden());
  assert.deepEqual(await counts(page), was, 'nothing saved');
});

app.test('reference figures become a desk assessment; results workbook', async (h) => {
  const { page } = h;
  await open(page, h.url);
  const file = join(tmpdir(), `resilience-ref-${process.pid}.csv`);
  writeFileSync(
    file,
    'unit,date,indicator,source,value,reference\nDesk Unit,2025-06-01,justice.independence,wjp,0.45,WJP 2024\nDesk Unit,2025-06-01,civil_society.civic_space,civicus,obstructed,CIVICUS 2024\nDesk Unit,2025-06-01,bogus,fsi,5,x\n',
  );
  await importFile(page, 'reference', file);
  assert.match(await page.textContent('.sheets-report .summary'), /Rows read: 3\. Assessments found: 1 /);
  assert.deepEqual(
    await page.$$eval('.sheets-report .issues tbody tr', (rows) => rows.map((r) => [...r.children].slice(0, 2).map((c) => c.textContent))),
    [['4', 'indicator']],
  );
  await page.click('[data-import="confirm"]');
  await page.waitForURL(/#\/a\//); // one assessment: opened to adjust
  await page.waitForSelector('textarea[name="n-justice.independence"]');
  assert.match(await page.inputValue('textarea[name="n-justice.independence"]'), /WJP 2024/);

  await open(page, h.url);
  const { name, bytes } = await downloaded(page, () => page.click('[data-export="xlsx"]'));
  assert.match(name, /\.xlsx$/);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  assert.equal(Object.keys(unzip(bytes)).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).length, 3);
});
