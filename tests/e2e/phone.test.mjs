// Every screen on a 360 × 740 phone, in English and French: no "null", "NaN" or "undefined"
// shown to the user, whatever the state (a new empty assessment, the multi-respondent example,
// the results, compare, help, security).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from './harness.mjs';

const WORDS = /\b(null|NaN|undefined)\b/;

/** The text a user sees, and any "null"-like word in it with what surrounds it. */
async function leaks(page) {
  const text = await page.evaluate(() => document.body.innerText);
  return (text.match(new RegExp(`.{0,40}${WORDS.source}.{0,20}`, 'g')) || []).map((m) => m.trim());
}

for (const lang of ['en', 'fr']) {
  test(`no null, NaN or undefined on any screen at 360 px (${lang})`, async () => {
    const h = await start({ viewport: { width: 360, height: 740 } });
    try {
      const { page } = h;
      await open(page, h.url);
      await page.selectOption('#lang', lang);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      const seen = {};
      seen.list = await leaks(page);
      await page.click('#new');
      await page.waitForFunction(() => /^#\/a\//.test(location.hash) && document.querySelector('.live'));
      seen.newForm = await leaks(page);
      const id = await page.evaluate(() => location.hash.split('/')[2].split('?')[0]);
      await open(page, h.url, `#/r/${id}`);
      seen.emptyResults = await leaks(page);
      for (const route of ['#/a/example', '#/r/example', '#/compare', '#/help', '#/security']) {
        await open(page, h.url, route);
        seen[route] = await leaks(page);
      }
      for (const [screen, found] of Object.entries(seen)) assert.deepEqual(found, [], `${lang} ${screen}`);
    } finally {
      await h.close();
    }
  });
}

test('before the first answer: no band, no warnings, no reform list; then "k of n indicators"', async () => {
  const h = await start({ viewport: { width: 360, height: 740 } });
  try {
    const { page } = h;
    await open(page, h.url);
    await page.click('#new');
    await page.waitForFunction(() => document.querySelector('.live .empty'));
    const live = await page.textContent('.live');
    assert.match(live, /Results appear here as you answer/);
    for (const absent of ['No band', 'warning', 'Where reform would help most', 'most likely']) assert.ok(!live.includes(absent), absent);
    const first = await page.$eval('.ind input[type=radio][value="3"]', (el) => el.name);
    await page.check(`input[name="${first}"][value="3"]`);
    await page.waitForFunction(() => /1 of 28 indicators scored/.test(document.querySelector('.live .overall')?.textContent || ''));
  } finally {
    await h.close();
  }
});
