// Every screen on a 360 × 740 phone, in English and French: no "null", "NaN" or "undefined"
// shown to the user, whatever the state (a new empty assessment, the multi-respondent example,
// the results, compare, help, security). And finding one's way in the long form on a phone:
// the bar on top, folded answers, links from the results to the questions, the respondents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, INDICATORS } from './harness.mjs';

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

test('phone: the bar on top says the pillar in view and the respondent shown, and switches either', async () => {
  const h = await start({ viewport: { width: 360, height: 740 } });
  try {
    const { page } = h;
    await open(page, h.url, '#/a/example');
    // Every question the first respondent answered is folded to the answer, one line; the
    // others are open.
    const answers = await page.evaluate(async () => (await import('/app/later.js')).app_storage.get('example').input.scores);
    const folded = await page.$$eval('.ind', (l) => l.map((el) => [el.classList.contains('folded'), el.getBoundingClientRect().height, el.querySelector('.chosen .lbl').textContent]));
    assert.equal(folded.length, INDICATORS.length);
    assert.deepEqual(folded.map(([f]) => f), INDICATORS.map((i) => answers[i][0] != null));
    for (const [isFolded, height, text] of folded) {
      if (!isFolded) continue;
      assert.ok(height <= 130, `a folded question is ${height} px tall`); // (a tenth of the screen, where it was 1.5 screens)
      assert.match(text, /^(\d · \S|Don’t know|Not applicable here|Unsafe to ask)/, 'the answer chosen: its value and anchor, or the reason');
    }
    // Scrolled to the third pillar, the bar is on top and names it.
    await page.evaluate(() => document.getElementById('p-justice').scrollIntoView());
    await page.waitForFunction(() => document.querySelector('.in-pillar').value === 'justice');
    assert.ok(Math.abs(await page.$eval('.jump', (el) => el.getBoundingClientRect().top)) < 1, 'the bar stays on top');
    assert.match(await page.$eval('.in-pillar', (el) => el.selectedOptions[0].textContent), /^Justice confidence · \d\/7$/);
    // Choosing a pillar goes to it.
    await page.selectOption('.in-pillar', 'security');
    await page.waitForFunction(() => Math.abs(document.getElementById('p-security').getBoundingClientRect().top) < 80);
    // Another respondent chosen in the bar: the choices and folded answers are theirs, and the
    // panel says so.
    assert.deepEqual(await page.$$eval('.in-resp option', (l) => l.map((o) => o.textContent)), ['Resp. 1 · A', 'Resp. 2 · B', 'Resp. 3 · C']);
    const [id] = INDICATORS.filter((i) => answers[i][1] != null && answers[i][1] !== answers[i][0]);
    await page.selectOption('.in-resp', '1');
    await page.waitForFunction(() => document.querySelectorAll('.resp .pick input')[1].checked);
    assert.equal(await page.evaluate((i) => document.querySelector(`input[name="s-${i}"]:checked`)?.value, id), String(answers[id][1]));
    assert.match(await page.$eval(`[id="i-${id}"] .chosen .lbl`, (el) => el.textContent), new RegExp(`^${answers[id][1]} · `));
    // Reopened later (from its results), the form shows the same respondent.
    await open(page, h.url, '#/r/example');
    await open(page, h.url, '#/a/example');
    assert.equal(await page.$eval('.in-resp', (el) => el.value), '1');
    assert.ok(await page.evaluate(() => document.querySelectorAll('.resp .pick input')[1].checked));
  } finally {
    await h.close();
  }
});

test('phone: respondents at 360 px, a code readable as typed and "Remove" on one line', async () => {
  const h = await start({ viewport: { width: 360, height: 740 } });
  try {
    const { page } = h;
    await open(page, h.url, '#/a/example');
    const rows = await page.$$eval('.resp li', (l) =>
      l.map((li) => ({ code: li.querySelector('input[type=text]').getBoundingClientRect().width, remove: li.querySelector('button').getBoundingClientRect().height, label: li.querySelector('button').getAttribute('aria-label') })),
    );
    assert.equal(rows.length, 3);
    for (const r of rows) {
      assert.ok(r.code >= 200, `the code field is ${r.code} px wide`);
      assert.ok(r.remove <= 48, `"Remove" is ${r.remove} px tall (one line)`);
      assert.match(r.label, /^Remove respondent \d$/);
    }
  } finally {
    await h.close();
  }
});

test('phone: an alarm, a red flag, a warning or a reform item leads to its question, opened', async () => {
  const h = await start({ viewport: { width: 360, height: 740 } });
  try {
    const { page } = h;
    // From the results page: the alarm's link opens the form at that question.
    await open(page, h.url, '#/r/example');
    const alarm = await page.$eval('.alarms a[data-ind]', (a) => a.dataset.ind);
    await page.click('.alarms a[data-ind]');
    await page.waitForFunction((id) => document.activeElement?.closest('.ind')?.id === `i-${id}`, alarm);
    assert.equal(await page.$eval(`[id="i-${alarm}"]`, (el) => el.classList.contains('folded')), false, 'opened');
    // Beside the form: a warning's link opens its question in place (the route stays).
    const hash = await page.evaluate(() => location.hash);
    const warned = await page.$eval('.live .warnings a[data-ind]', (a) => a.dataset.ind);
    await page.click('.live .warnings a[data-ind]');
    await page.waitForFunction((id) => document.activeElement?.closest('.ind')?.id === `i-${id}`, warned);
    assert.equal(await page.evaluate(() => location.hash), hash);
    assert.ok(await page.isVisible(`[id="i-${warned}"] .choices`));
    // The reform list (once the analysis is in) and the red flags link the same way.
    await page.waitForSelector('.live .leverage a[data-ind]');
    for (const sel of ['.live .leverage a[data-ind]', '.live .flags a[data-ind]']) {
      const to = await page.$eval(sel, (a) => a.dataset.ind);
      await page.click(sel);
      await page.waitForFunction((id) => document.activeElement?.closest('.ind')?.id === `i-${id}`, to);
    }
  } finally {
    await h.close();
  }
});

test('phone: the security page has fields to type in, a disabled button that looks it, and keys in plain words', async () => {
  const h = await start({ viewport: { width: 360, height: 740 } });
  try {
    const { page } = h;
    await open(page, h.url, '#/security');
    await page.waitForSelector('.keys-guide');
    // The page's parts are drawn as they come in (the vault's state is read first): wait for the
    // passphrase fields rather than for the guide alone, which a loaded machine draws sooner.
    await page.waitForFunction(() => document.querySelectorAll('input[type=password]').length >= 3);
    const heights = await page.$$eval('input[type=password]', (l) => l.map((el) => el.getBoundingClientRect().height));
    for (const px of heights) assert.ok(px >= 44, `a passphrase field ${px} px tall`);
    // The wipe waits for its word: greyed and not clickable-looking until then.
    const look = (sel) => page.$eval(sel, (el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).cursor, el.disabled]);
    const [off, cursor, disabled] = await look('#wipe');
    assert.ok(disabled);
    assert.equal(cursor, 'not-allowed');
    const [on] = await look('#save-recipients');
    assert.notEqual(off, on);
    // Plain words first; the commands and the cryptography folded away.
    const text = await page.evaluate(() => document.querySelector('main').innerText);
    assert.match(text, /Keys, in plain words/);
    assert.match(text, /public key .* can only lock files/);
    assert.doesNotMatch(text, /age -d|age -r|AES-256|Argon2id/);
    await page.click('.keys-guide summary');
    assert.match(await page.evaluate(() => document.querySelector('main').innerText), /age -d -i key\.txt/);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360);
  } finally {
    await h.close();
  }
});

test('help: the uncertainty range and the reform list explained; band ranges that do not overlap, there and in the results', async () => {
  const h = await start({ viewport: { width: 360, height: 740 } });
  try {
    const { page } = h;
    await open(page, h.url, '#/help');
    const text = await page.textContent('.help');
    for (const s of ['How sure a score is', '5th to the 95th percentile', 'Where reform would help most', 'listed apart, to be answered first']) assert.ok(text.includes(s), s);
    // Each band from its lower bound to under the next one's: no score in two bands.
    const ranges = await page.$$eval('table.bands td', (l) => l.map((td) => td.textContent));
    assert.deepEqual(ranges, ['0 to under 12.5', '12.5 to under 37.5', '37.5 to under 62.5', '62.5 to under 87.5', '87.5 to 100']);
    await open(page, h.url, '#/r/example');
    assert.match(await page.textContent('.explain'), /falls in the “Moderate” band \(37\.5 to under 62\.5\)/);
  } finally {
    await h.close();
  }
});

test('phone: compare scrolls sideways with a cue and the row names in view, gives the difference, and draws a trend only within one unit', async () => {
  const h = await start({ viewport: { width: 360, height: 740 } });
  try {
    const { page } = h;
    await open(page, h.url);
    // The example unit assessed again later, and another unit once.
    const ids = await page.evaluate(async () => {
      const L = await import('/app/later.js');
      const [s, M] = [L.app_storage, L.app_records];
      const again = M.duplicate(s.get('example'), s.get('example').framework);
      again.input.date = '2026-06-15';
      for (const k of Object.keys(again.input.scores).slice(0, 12)) again.input.scores[k] = again.input.scores[k].map((x) => (x == null ? x : Math.min(4, x + 1)));
      const other = M.duplicate(s.get('example'), s.get('example').framework);
      other.input.unit = 'Other district (invented)';
      other.input.date = '2026-02-01';
      s.put(again);
      s.put(other);
      await s.flush();
      return ['example', again.id, other.id];
    });
    await open(page, h.url, `#/compare?ids=${ids.join(',')}`);
    await page.waitForSelector('.scroll-cue:not([hidden])');
    assert.match(await page.textContent('.scroll-cue'), /Swipe the table sideways to see all 3/);
    const wrap = await page.$eval('.cmpwrap', (el) => ({ over: el.scrollWidth > el.clientWidth, sticky: getComputedStyle(el.querySelector('tbody th')).position }));
    assert.deepEqual(wrap, { over: true, sticky: 'sticky' });
    // The difference: the last column minus the first, next to the row names.
    const rows = await page.$$eval('.cmp tbody tr', (l) => l.map((tr) => [...tr.cells].map((c) => c.querySelector('.num')?.textContent ?? c.textContent)));
    const n = (s) => Number(s.replace('−', '-'));
    const overall = rows[0];
    assert.equal(n(overall[1]).toFixed(1), (n(overall.at(-1)) - n(overall[2])).toFixed(1));
    assert.match(overall[1], /^[+−]\d+\.\d$|^0\.0$/);
    // A trend only for the unit assessed twice; tick labels readable (12 px or more on screen).
    assert.deepEqual(await page.$$eval('.legend li', (l) => l.map((li) => li.textContent)), ['Example district (invented)']);
    const tick = await page.$eval('.trend .tick', (el) => el.getBoundingClientRect().height);
    assert.ok(tick >= 12, `tick labels ${tick} px tall`);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360);
  } finally {
    await h.close();
  }
});
