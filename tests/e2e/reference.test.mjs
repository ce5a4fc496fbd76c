// Published figures in the app (issue #17): the Fragile States Index's own yearly workbook
// (fsi-2023.xlsx, as the Fund for Peace publishes it) imported through the sheets worker, its
// report shown (the file recognised, the sources, the countries, the name matched to none)
// before anything is saved; then saved, dated by the year, with the same figures as the CLI's
// `import-reference`. Several publishers' files at once make one assessment per country and year.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { start, open, ROOT } from './harness.mjs';

const REF = join(ROOT, 'tests', 'fixtures', 'reference');
const FSI = join(REF, 'fsi-2023.xlsx');

function bin() {
  const b = join(ROOT, 'target', 'release', 'resilience');
  if (!existsSync(b)) execFileSync('cargo', ['build', '--release', '--quiet', '--bin', 'resilience'], { cwd: ROOT, stdio: 'inherit' });
  return b;
}

/** Records in memory and on disk (IndexedDB). */
const counts = (page) =>
  page.evaluate(async () => {
    const store = (await import('/app/later.js')).app_storage;
    await new Promise((ok) => setTimeout(ok, 300));
    const db = await store.openDB();
    const n = await new Promise((ok) => (db.transaction('assessments').objectStore('assessments').count().onsuccess = (e) => ok(e.target.result)));
    db.close();
    return { mem: store.list().length, disk: n };
  });

async function importFiles(page, files) {
  const n = await page.evaluate(() => document.querySelector('.sheets-report')?.dataset.ready ?? '0');
  await page.setInputFiles('input[data-import="reference"]', files);
  await page.waitForFunction((n) => (document.querySelector('.sheets-report')?.dataset.ready ?? '0') !== n, n);
}

async function closed(h) {
  try {
    assert.deepEqual(await h.csp(h.page), [], 'no CSP violations');
  } finally {
    await h.close();
  }
}

test('the FSI workbook: report first, nothing saved, then saved as the CLI reads it', async () => {
  const h = await start();
  try {
    const { page } = h;
    await open(page, h.url);
    const was = await counts(page);
    await importFiles(page, FSI);
    const panel = page.locator('.sheets-report');
    assert.match(await panel.locator('.summary').textContent(), /^Rows read: 4\. Assessments found: 4 /);
    assert.match(await panel.locator('.format').textContent(), /fsi-2023\.xlsx: Fragile States Index yearly file \(xlsx, sheet "Sheet1"\)/);
    assert.equal(await panel.locator('.sources').textContent(), 'Sources: FSI.');
    assert.match(await panel.locator('.countries').textContent(), /Kenya \(KEN\)/);
    assert.match(await panel.locator('.countries').textContent(), /Côte d'Ivoire \(CIV\)/);
    assert.match(await panel.locator('.unmatched').textContent(), /“Atlantis”/);
    assert.match(await panel.textContent(), /Columns matched to indicators: 6/);
    assert.equal(await panel.locator('.preview tbody tr').count(), 4);
    assert.deepEqual(await counts(page), was, 'nothing saved before confirming');

    await page.click('[data-import="confirm"]');
    await page.waitForFunction(() => !document.querySelector('.sheets-report:not([hidden])') && /Imported 4 assessments/.test(document.getElementById('toast').textContent));
    assert.deepEqual(await counts(page), { mem: was.mem + 4, disk: was.disk + 4 });

    // Saved as the CLI's import-reference gives it: dated by the year, the same figures and notes.
    const cli = JSON.parse(execFileSync(bin(), ['import-reference', '--compact', FSI], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })).assessments;
    const saved = await page.evaluate(async () => (await import('/app/later.js')).app_storage.list().map((r) => r.input));
    for (const a of cli) {
      const s = saved.find((x) => x.unit === a.unit && x.date === a.date);
      assert.ok(s, `${a.unit} ${a.date} saved`);
      assert.equal(s.date, '2023');
      // The app keeps one answer per respondent (null where a respondent gave none).
      const given = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, [v].flat().filter((x) => x != null)]));
      assert.deepEqual(given(s.scores), given(a.scores), a.unit);
      assert.deepEqual(s.notes, a.notes, a.unit);
    }
    // The assessment opens with its year in the date field.
    const card = page.locator('.card', { has: page.locator('h2', { hasText: 'Kenya' }) });
    await card.locator('a').first().click();
    await page.waitForSelector('input[name="date"]');
    assert.equal(await page.inputValue('input[name="date"]'), '2023');
  } finally {
    await closed(h);
  }
});

test('several publishers at once: one assessment per country and year; a bad file is refused', async () => {
  const h = await start();
  try {
    const { page } = h;
    await open(page, h.url);
    await importFiles(page, [FSI, join(REF, 'wjp-2023.csv'), join(REF, 'civicus-monitor-2023.csv')]);
    const panel = page.locator('.sheets-report');
    assert.equal(await panel.locator('.sources').textContent(), 'Sources: FSI, WJP, CIVICUS.');
    assert.match(await panel.locator('.format').textContent(), /wjp-2023\.csv: WJP Rule of Law Index data file \(CSV, Windows-1252, separator ;\)/);
    // Kenya, Côte d'Ivoire, Myanmar, Atlantis and Nowhere Land, each once for 2023.
    assert.match(await panel.locator('.summary').textContent(), /Assessments found: 5 /);
    const units = await panel.locator('.preview tbody tr th').allTextContents();
    assert.equal(units.filter((u) => u === "Côte d'Ivoire").length, 1, units.join(', '));
    await page.click('.sheets-report button:has-text("Cancel")');

    // Not a text file: refused, located, nothing saved.
    await importFiles(page, { name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from('Country,Year\nKenya,2023\n\x00\x01') });
    assert.match(await panel.textContent(), /byte 24, line 3: a NUL byte/);
  } finally {
    await closed(h);
  }
});

test("the app's own import reads a CSV saved as Windows-1252 by Excel, and refuses binary, located", async () => {
  const h = await start();
  try {
    const { page } = h;
    await open(page, h.url);
    const input = 'input[type="file"][accept^=".json"]';
    // "Côte d'Ivoire" with its ô as the one byte 0xF4; dated by a year.
    const csv = Buffer.concat([Buffer.from('id,unit,date,justice.access\nciv-1,C'), Buffer.from([0xf4]), Buffer.from("te d'Ivoire,2023,2\n")]);
    await page.setInputFiles(input, { name: 'excel.csv', mimeType: 'text/csv', buffer: csv });
    await page.waitForFunction(() => [...document.querySelectorAll('.card h2')].some((e) => e.textContent.includes("Côte d'Ivoire")));
    await page.setInputFiles(input, { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('id,unit\n\x00x') });
    await page.waitForFunction(() => /byte 8, line 2: binary data \(U\+0000\)/.test(document.querySelector('.notice.bad')?.textContent ?? ''));
  } finally {
    await closed(h);
  }
});
