// The report view (issue #16): the results page's "Report" button has the analysis worker write
// the assessment's self-contained report, shown in a sandboxed frame (no script), printable and
// saved as an HTML file, in the language shown, with no request to any other host (the harness
// fails the test on one, and on any CSP violation).
//
// FEATURE DETECTION: `report` is added to the analysis module by another change of issue #16;
// until www/pkg-analysis has it, the report tests are skipped, saying why, and the last test
// checks that the app then shows no button. They run by themselves once it is merged.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, using, open, WWW, INDICATORS, FRAMEWORK, TEST_TIMEOUT } from './harness.mjs';

const app = suite();
const HAS_REPORT = /export function report\(/.test(readFileSync(join(WWW, 'pkg-analysis', 'resilience.js'), 'utf8'));
const words = (lang) => JSON.parse(readFileSync(join(WWW, 'i18n', `${lang}.json`), 'utf8'));

const UNIT = 'Invented <b>district</b> & "co"';
const INPUT = {
  id: 'rep-1',
  unit: UNIT,
  date: '2026-02-01',
  scores: { ...Object.fromEntries(INDICATORS.map((id) => [id, 2])), 'security.lawful_force': 0 },
  notes: { 'security.lawful_force': '<img src=x onerror="window.__xss=1">' },
  context: { elections_census: { status: 'present', date: '2026-08', note: 'Contested <i>last</i> time' } },
  evidence: { 'security.lawful_force': { source: ['interview', 'media'], date: '2026-01', confidence: 'low' } },
};

for (const lang of ['en', 'fr']) {
  nodeTest(`the report opens in ${lang}, in a frame that runs nothing, and prints and saves with no request elsewhere`, { skip: !HAS_REPORT && 'needs report() in www/pkg-analysis (issue #16, merged by the lead)', timeout: TEST_TIMEOUT }, async () => {
    await using(await app.start(), async (h) => {
      const { page } = h;
      await open(page, h.url);
      await page.evaluate(
        async ([input, fw]) => {
          const s = (await import('/app/later.js')).app_storage;
          s.put({ id: input.id, schema: 2, framework: fw, updated: '2026-02-01T10:00:00.000Z', input });
          await s.flush();
        },
        [INPUT, { id: FRAMEWORK.id, version: FRAMEWORK.version }],
      );
      if (lang !== 'en') {
        await page.selectOption('#lang', lang);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      }
      await open(page, h.url, `#/r/${INPUT.id}`);
      const button = page.locator('[data-report]');
      assert.equal(await button.textContent(), words(lang)['report.open']);
      const before = h.pageRequests.length; // (the service worker's precache aside)
      await button.click();
      await page.waitForSelector('.report-view[data-ready]');

      const got = await page.evaluate(() => {
        const frame = document.querySelector('.report-view iframe');
        const d = frame.contentDocument;
        return {
          sandbox: frame.getAttribute('sandbox').split(/\s+/),
          lang: d.documentElement.lang,
          title: d.title,
          text: d.body.textContent,
          injected: d.querySelectorAll('script, img, b, i').length,
          styled: d.adoptedStyleSheets.reduce((n, s) => n + s.cssRules.length, 0),
          height: frame.getBoundingClientRect().height,
        };
      });
      assert.ok(!got.sandbox.includes('allow-scripts'), `sandbox: ${got.sandbox}`);
      assert.equal(got.lang, lang);
      assert.equal(got.title, words(lang)['report.title'].replace('{unit}', UNIT));
      assert.ok(got.text.includes(UNIT), 'the unit as text');
      assert.equal(got.injected, 0, 'user text never became markup');
      assert.ok(got.styled > 0, 'the report is styled');
      assert.ok(got.height > 400, 'the frame shows the report, not a sliver');
      // Only the worker and its module were fetched: the report itself asks for nothing. (The
      // manifest and its icons are the browser's, whenever the app has linked the manifest.)
      const fetched = h.pageRequests.slice(before);
      assert.deepEqual(
        fetched.filter((u) => !/^\/(js\/workers\/|pkg-analysis\/|manifest\.webmanifest$|icons\/)/.test(new URL(u).pathname)),
        [],
      );

      await page.click('[data-report-print]');
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-report-save]')]);
      assert.match(dl.suggestedFilename(), /^resilience-report-rep-1-\d{4}-\d{2}-\d{2}\.html$/, "one assessment's report: named by its random id, not the unit");
      const saved = readFileSync(await dl.path(), 'utf8');
      assert.match(saved, new RegExp(`<html lang="${lang}"`));
      assert.match(saved, /default-src 'none'/);
      assert.match(saved, /<style>/, 'the saved file keeps its style');
      assert.doesNotMatch(saved, /<script|<img|<b>/);
      assert.equal(await page.evaluate(() => window.__xss), undefined);
    });
  });
}

nodeTest('without report() in the analysis module, no Report button is shown', { skip: HAS_REPORT && 'this build has report()', timeout: TEST_TIMEOUT }, async () => {
  await using(await app.start(), async (h) => {
    const { page } = h;
    await open(page, h.url, '#/r/example');
    await page.waitForSelector('.report-slot[data-available="false"]', { state: 'attached' });
    assert.equal(await page.locator('[data-report]').count(), 0);
  });
});
