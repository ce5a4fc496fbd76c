// Storage that fails: no IndexedDB at all (some private modes), a write refused for want of
// space, and a stored record that cannot be read. The app says so, keeps working, and offers
// an export of what is in memory.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { suite, open, reload, INDICATORS, shownScores } from './harness.mjs';

const app = suite();

app.test('without IndexedDB the app works from memory, says so and exports', async (h) => {
  const { page } = h;
  await h.context.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', {
      value: { open: () => { throw new DOMException('blocked', 'InvalidStateError'); }, deleteDatabase() {} },
    });
  });
  await open(page, h.url);
  await page.waitForSelector('#banner:not([hidden]) button');
  assert.match(await page.textContent('#banner'), /could not be saved on this device/);
  await page.click('#new');
  await page.fill('input[name=unit]', 'Memory only');
  await page.check(`input[name="s-${INDICATORS[0]}"][value="2"]`);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#banner button')]);
  const doc = JSON.parse(readFileSync(await dl.path(), 'utf8'));
  const mine = doc.assessments.find((a) => a.unit === 'Memory only');
  assert.equal(mine.scores[INDICATORS[0]], 2);
});

app.test('a refused write (quota) is reported, kept in memory, and saved once writing works again', async (h) => {
  const { page } = h;
  await open(page, h.url, '#/a/example');
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    window.__restore = () => (IDBObjectStore.prototype.put = put);
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  await page.check(`input[name="s-${INDICATORS[0]}"][value="4"]`);
  await page.waitForSelector('#banner:not([hidden])');
  assert.match(await page.textContent('#banner'), /out of storage space/);
  assert.ok((await shownScores(page, '.live')).overall, 'still scoring');
  await page.evaluate(() => window.__restore());
  await page.check(`input[name="s-${INDICATORS[1]}"][value="4"]`);
  await page.waitForSelector('#banner', { state: 'hidden' });
  await reload(page);
  assert.ok(await page.isChecked(`input[name="s-${INDICATORS[0]}"][value="4"]`), 'the refused change was written later');
  assert.ok(await page.isChecked(`input[name="s-${INDICATORS[1]}"][value="4"]`));
});

app.test('a stored record that cannot be read is skipped and named; the rest open', async (h) => {
  const { page } = h;
  await open(page, h.url);
  await page.evaluate(async () => (await import('/app/later.js')).app_storage.flush());
  await page.evaluate(
    () =>
      new Promise((ok, fail) => {
        const o = indexedDB.open('resilience');
        o.onsuccess = () => {
          const tx = o.result.transaction('assessments', 'readwrite');
          tx.objectStore('assessments').put({ garbage: true }, 'broken-1');
          tx.objectStore('assessments').put('not even an object', 'broken-2');
          tx.oncomplete = () => (o.result.close(), ok());
          tx.onerror = () => fail(tx.error);
        };
      }),
  );
  await reload(page);
  const banner = await page.textContent('#banner');
  assert.match(banner, /2 saved assessments could not be read/);
  assert.match(banner, /broken-1/);
  assert.ok(await page.$('.card[data-id="example"]'), 'the readable record is listed');
});
