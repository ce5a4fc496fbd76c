// Offline: after one load the service worker has every asset; with the network gone the app
// starts, scores and saves. Every asset the app fetches is in the precache list. Each test
// starts from a fresh browser profile (no service worker yet).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { serve } from '../../tools/serve.mjs';
import { join } from 'node:path';
import { test, suite, start, using, open, started, reload, controlled, stored, formId, WWW, INDICATORS, shownScores } from './harness.mjs';

const app = suite();

const precached = () => {
  const src = readFileSync(join(WWW, 'sw.js'), 'utf8');
  return new Set([...src.matchAll(/^\s*'([^']+)',$/gm)].map((m) => m[1]));
};

app.test('every asset the app fetches is precached', async (h) => {
  const { page } = h;
  for (const hash of ['#/', '#/a/example', '#/r/example', '#/compare', '#/help', '#/security']) await open(page, h.url, hash);
  await page.selectOption('#lang', 'fr');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en' && localStorage.getItem('resilience.lang') === 'en');
  const list = precached();
  // What the page fetched itself (the service worker's own precache fetches aside).
  const paths = new Set(h.pageRequests.filter((u) => u.startsWith(h.origin)).map((u) => new URL(u).pathname.slice(1) || './'));
  // sw.js and its version stamp are the worker itself, not assets it serves; config.json is the
  // optional deployment file, read fresh each time and remembered in the settings (handover.js).
  const missing = [...paths].filter((p) => !list.has(p) && !['sw.js', 'sw-version.js', 'config.json'].includes(p));
  assert.deepEqual(missing, [], 'fetched but not in sw.js ASSETS');
  // Code loaded only on use (a button, a page) must be there too: the app's bundles (www/app/,
  // tools/bundle.mjs) and the workers' modules.
  const scripts = [...readdirSync(join(WWW, 'app')).map((f) => `app/${f}`), ...readdirSync(join(WWW, 'js', 'workers')).map((f) => `js/workers/${f}`)].filter((f) => f.endsWith('.js'));
  assert.deepEqual(scripts.filter((p) => !list.has(p)), [], 'a script the app loads is not in sw.js ASSETS');
});

app.test('the first screen asks for neither the icon nor the manifest; the manifest is linked once the app can install', async (h) => {
  const { page } = h;
  await open(page, h.url, '#/a/example');
  // Until every question is drawn, no request for the icon (it is in the page) or the manifest.
  const early = await page.evaluate(() => {
    const until = performance.getEntriesByName('complete')[0].startTime;
    return performance.getEntriesByType('resource').filter((e) => e.startTime <= until).map((e) => new URL(e.name).pathname);
  });
  assert.ok(early.includes('/app/shared.js'), early.join(' '));
  assert.deepEqual(early.filter((p) => p.startsWith('/icons/') || p.endsWith('.webmanifest')), []);
  // The icon in the page is icons/icon.svg, as the manifest and the installed app show it.
  const svg = readFileSync(join(WWW, 'icons/icon.svg'), 'utf8').trim().replace(/"/g, "'");
  const shown = await page.evaluate(() => [document.querySelector('link[rel=icon]').href, document.querySelector('.brand img').src]);
  for (const url of shown) assert.equal(decodeURIComponent(url.replace(/^data:image\/svg\+xml,/, '')), svg);
  // Once the service worker is registered, the manifest is linked, and it is the app's.
  await page.waitForFunction(() => document.querySelector('link[rel=manifest]'));
  const manifest = await page.evaluate(() => fetch(document.querySelector('link[rel=manifest]').href).then((r) => r.json()));
  assert.equal(manifest.icons[0].src.replace(/^\.?\/?/, ''), 'icons/icon.svg');
});

app.test('works offline after the first load: starts, scores, saves', async (h) => {
  const { page, context } = h;
  await open(page, h.url);
  await page.waitForFunction(() => navigator.serviceWorker.ready.then(() => true));
  await context.setOffline(true);
  try {
    await reload(page);
    assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'served by the service worker');
    assert.equal((await shownScores(page)).overall !== undefined, true, 'the list shows scores');
    await page.click('#new');
    await page.waitForFunction(() => document.activeElement?.name === 'unit');
    await page.keyboard.type('Offline district');
    for (const id of INDICATORS) await page.check(`input[name="s-${id}"][value="2"]`);
    assert.equal((await shownScores(page, '.live')).overall, '50.0');
    const id = formId(page);
    await stored(page, id, { unit: 'Offline district', scores: Object.fromEntries(INDICATORS.map((i) => [i, 2])) });
    await reload(page);
    await open(page, h.url, `#/r/${id}`);
    assert.equal((await shownScores(page)).overall, '50.0');
    assert.match(await page.textContent('h1'), /Offline district/);
  } finally {
    await context.setOffline(false);
  }
});

test('a new version waits: the open form keeps working and no draft is dropped', async () => {
  // A copy of the site whose service worker we can "deploy" anew.
  const dir = mkdtempSync(join(tmpdir(), 'resilience-site-'));
  cpSync(WWW, dir, { recursive: true });
  const server = await serve(dir, 0);
  try {
    await using(await start({ server }), async (b) => {
      const { page } = b;
      await open(page, b.url, '#/a/example');
      await controlled(page);
      await page.check(`input[name="s-${INDICATORS[2]}"][value="4"]`);
      // A new build: ./build.sh stamps a new version into sw-version.js.
      writeFileSync(join(dir, 'sw-version.js'), "self.RESILIENCE_VERSION = 'next';\n");
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
      await page.waitForSelector('#update:not([hidden]) button');
      // Still the old version, still working: a change is scored and kept.
      await page.check(`input[name="s-${INDICATORS[3]}"][value="0"]`);
      assert.ok(await page.isChecked(`input[name="s-${INDICATORS[2]}"][value="4"]`), 'the form is untouched');
      await Promise.all([page.waitForEvent('load'), page.click('#update button')]);
      await started(page);
      assert.ok(await page.isChecked(`input[name="s-${INDICATORS[2]}"][value="4"]`));
      assert.ok(await page.isChecked(`input[name="s-${INDICATORS[3]}"][value="0"]`));
      const caches = await page.evaluate(() => caches.keys());
      assert.deepEqual(caches, ['resilience-next'], 'the old cache is gone');
    });
  } finally {
    server.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
