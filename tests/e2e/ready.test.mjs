// A first visit says when the app is ready to work offline, and only once every file it needs
// is on the device.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from './harness.mjs';

test('"Ready to work offline" appears once the precache is complete, and not on later visits', async () => {
  const h = await start();
  try {
    const { page } = h;
    await open(page, h.url);
    await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 60000 });
    assert.match(await page.textContent('#offline'), /Ready to work offline/);
    assert.ok(await page.isVisible('#offline'));
    // The first install takes over this page at once: no reload needed to be offline.
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30000 });
    // Everything the app loads on first use is already cached.
    const cached = await page.evaluate(async () =>
      Promise.all(['pkg-analysis/resilience_bg.wasm', 'pkg-sheets/resilience_bg.wasm', 'pkg-crypto/resilience_crypto_bg.wasm', 'app/later.js'].map(async (p) => !!(await caches.match(p)))),
    );
    assert.deepEqual(cached, [true, true, true, true]);
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('complete').length > 0);
    await page.waitForFunction(() => document.documentElement.dataset.sw === 'registered', null, { timeout: 30000 });
    await page.evaluate(() => navigator.serviceWorker.ready);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.offline), undefined, 'said once, on the first visit');
  } finally {
    await h.close();
  }
});
