// A full assessment by keyboard only; the numbers shown equal the CLI's; nothing is lost on
// reload or when the page is closed; user text is shown as text; no serious axe violations.
// Each test starts from a fresh browser profile (the first run's example only).
import assert from 'node:assert/strict';
import { suite, open, reload, stored, formId, tabTo, shownScores, cliScore, shown, axe, INDICATORS, PILLARS } from './harness.mjs';

const app = suite();

// 0–4 = that anchor, null = not scored; a mix, with a pillar left partly unscored.
const ANSWERS = INDICATORS.map((_, i) => (i % 9 === 8 ? null : (i * 7) % 5));

/** Compares every [data-k] figure shown with the CLI's result. */
function sameAsCli(seen, res, keys) {
  for (const k of keys) {
    const want = k === 'overall' ? res.overall.score : res.nodes[k].score;
    assert.equal(seen[k], shown(want), `${k}: shown ${seen[k]}, CLI ${want}`);
  }
}

app.test('keyboard-only assessment scores like the CLI', async (h) => {
  const { page } = h;
  await open(page, h.url);
  await tabTo(page, () => document.activeElement.id === 'new');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.name === 'unit');
  await page.keyboard.type('Kandi North');
  for (const [k, id] of INDICATORS.entries()) {
    await tabTo(page, (n) => document.activeElement?.name === n, `s-${id}`);
    if (ANSWERS[k] != null) for (let i = 0; i <= ANSWERS[k]; i++) await page.keyboard.press('ArrowDown');
    if (k === 0) {
      await page.keyboard.press('Tab');
      await page.keyboard.type('Two "sources", one\nline break');
    }
  }
  const id = formId(page);
  const date = await page.inputValue('input[name=date]');
  const input = { id, unit: 'Kandi North', date, scores: {} };
  INDICATORS.forEach((ind, k) => ANSWERS[k] != null && (input.scores[ind] = ANSWERS[k]));
  const res = cliScore(input);
  sameAsCli(await shownScores(page, '.live'), res, ['overall', ...PILLARS]);

  // The full results, reached by keyboard.
  await tabTo(page, () => document.activeElement?.textContent === 'Full results');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.report');
  sameAsCli(await shownScores(page), res, ['overall', ...PILLARS, ...INDICATORS]);
  assert.match(await page.textContent('.report'), /Two "sources", one\nline break/);
  const flags = await page.$$eval('.flags li', (l) => l.map((x) => x.textContent));
  assert.equal(flags.length, res.red_flags.length);
});

app.test('a multi-respondent assessment (the example) scores like the CLI', async (h) => {
  const { page } = h;
  await open(page, h.url, '#/r/example');
  const input = await page.evaluate(async () => (await import('/app/later.js')).app_storage.get('example').input);
  assert.ok(Array.isArray(Object.values(input.scores)[0]), 'several respondents');
  const res = cliScore(input);
  assert.ok(res.warnings.some((w) => w.code === 'disagreement'));
  sameAsCli(await shownScores(page), res, ['overall', ...PILLARS, ...INDICATORS]);
  await open(page, h.url, '#/a/example');
  assert.ok((await page.$$('.who.disagree')).length > 0, 'disagreement flagged on the form');
});

app.test('nothing is lost on reload, on close, or when the tab is killed mid-edit', async (h) => {
  const { page } = h;
  await open(page, h.url);
  await page.click('#new');
  await page.waitForFunction(() => document.activeElement?.name === 'unit');
  await page.keyboard.type('Reload district');
  const id = formId(page);
  await page.check(`input[name="s-${INDICATORS[0]}"][value="3"]`);
  await page.fill(`textarea[name="n-${INDICATORS[0]}"]`, 'typed just before reload');
  await reload(page); // at once: the pagehide flush must have written it
  assert.equal(await page.inputValue('input[name=unit]'), 'Reload district');
  assert.ok(await page.isChecked(`input[name="s-${INDICATORS[0]}"][value="3"]`));
  assert.equal(await page.inputValue(`textarea[name="n-${INDICATORS[0]}"]`), 'typed just before reload');

  // The tab is killed (its renderer crashes: no pagehide, nothing runs) a moment after a change:
  // once the app has written it by itself (it writes every change at once, unasked).
  await page.check(`input[name="s-${INDICATORS[1]}"][value="1"]`);
  await stored(page, id, { scores: { [INDICATORS[1]]: 1 } });
  const crashed = new Promise((ok) => page.once('crash', ok));
  const cdp = await h.context.newCDPSession(page);
  cdp.send('Page.crash').catch(() => {}); // never answered: the renderer is gone
  await crashed;
  await page.close();
  const again = await h.context.newPage();
  await open(again, h.url, `#/a/${id}`);
  assert.ok(await again.isChecked(`input[name="s-${INDICATORS[0]}"][value="3"]`));
  assert.ok(await again.isChecked(`input[name="s-${INDICATORS[1]}"][value="1"]`));
});

app.test('unit names and notes are shown as text, never run as markup', async (h) => {
  const { page } = h;
  const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  await open(page, h.url);
  await page.click('#new');
  await page.waitForFunction(() => document.activeElement?.name === 'unit');
  await page.keyboard.type(payload);
  await page.fill(`textarea[name="n-${INDICATORS[0]}"]`, payload);
  await page.check(`input[name="s-${INDICATORS[0]}"][value="0"]`);
  const id = formId(page);
  for (const hash of ['#/', `#/a/${id}`, `#/r/${id}`, '#/compare']) {
    await open(page, h.url, hash);
    assert.ok((await page.textContent('main')).includes(payload.slice(0, 20)), `payload shown as text on ${hash}`);
    assert.equal(await page.$$eval('main img, main script', (l) => l.length), 0, `no element injected on ${hash}`);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
  }
  assert.ok(!h.requests.some((u) => u.endsWith('/x')), 'the injected image was never requested');
});

app.test('the list: re-assess (duplicate), rename, delete with undo', async (h) => {
  const { page } = h;
  await open(page, h.url);
  const count = () => page.$$eval('.card', (l) => l.length);
  const n = await count();
  // Re-assess: the copy's form opens at once, with today's date.
  await page.click('.card[data-id="example"] button:not(.danger)');
  await page.waitForFunction(() => /^#\/a\/a-/.test(location.hash) && document.documentElement.dataset.shown === location.hash);
  assert.equal(await page.inputValue('input[name=unit]'), 'Example district (invented)');
  const today = await page.evaluate(() => new Date(Date.now() - new Date().getTimezoneOffset() * 6e4).toISOString().slice(0, 10));
  assert.equal(await page.inputValue('input[name=date]'), today);
  // (Drawn as text with the first screen, it is a date field with its picker once all is drawn.)
  assert.equal(await page.$eval('input[name=date]', (e) => e.type), 'date');
  await open(page, h.url);
  assert.equal(await count(), n + 1, 'duplicated');
  const copy = await page.$eval('.card:not([data-id="example"])', (c) => c.dataset.id).catch(() => null);
  assert.ok(copy);
  await page.click(`.card[data-id="example"] a[href$="?rename"]`);
  await page.waitForFunction(() => document.activeElement?.name === 'unit');
  await page.fill('input[name=unit]', 'Renamed example');
  await open(page, h.url);
  assert.match(await page.textContent('.card[data-id="example"] h2'), /Renamed example/);
  await page.click('.card[data-id="example"] .danger');
  assert.equal(await page.$('.card[data-id="example"]'), null, 'deleted');
  await page.click('#toast button:not(.x)');
  await page.waitForSelector('.card[data-id="example"]');
  await stored(page, 'example', { unit: 'Renamed example' });
  await reload(page);
  assert.ok(await page.$('.card[data-id="example"]'), 'the undone delete is saved');
});

app.test('axe-core finds no serious or critical violations', async (h) => {
  const { page } = h;
  for (const hash of ['#/', '#/a/example', '#/r/example', '#/compare', '#/help']) {
    await open(page, h.url, hash);
    assert.deepEqual(await axe(page), [], `axe on ${hash}`);
  }
  await page.setViewportSize({ width: 360, height: 740 });
  await open(page, h.url, '#/a/example');
  assert.deepEqual(await axe(page), [], 'axe on the phone form');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `no sideways scrolling on a 360 px phone (page is ${wide} px wide)`);
});
