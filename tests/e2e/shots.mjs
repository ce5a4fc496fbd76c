// Screenshots of every view, desktop (1280×800) and phone (360×740), in English and French,
// into /tmp/shots/ (or the folder given), to check the layout by eye. Not a test.
import { start, open } from './harness.mjs';
import { mkdir } from 'node:fs/promises';

const out = process.argv[2] || '/tmp/shots';
await mkdir(out, { recursive: true });
const sizes = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } };
const views = { list: '#/', assess: '#/a/example', results: '#/r/example', compare: '#/compare', help: '#/help', security: '#/security' };
for (const [size, viewport] of Object.entries(sizes)) {
  for (const lang of ['en', 'fr']) {
    const h = await start({ viewport, locale: lang === 'fr' ? 'fr-FR' : 'en-US' });
    await open(h.page, h.url);
    // A second, later assessment of the example unit, so that compare has a trend to draw.
    await h.page.evaluate(async () => {
      const s = (await import('/app/later.js')).app_storage;
      const M = (await import('/app/later.js')).app_records;
      const c = M.duplicate(s.get('example'), s.get('example').framework);
      c.input.date = '2026-06-15';
      for (const k of Object.keys(c.input.scores).slice(0, 12)) c.input.scores[k] = c.input.scores[k].map((x) => (x == null ? x : Math.min(4, x + 1)));
      s.put(c);
      await s.flush();
    });
    for (const [name, hash] of Object.entries(views)) {
      await open(h.page, h.url, hash);
      // Settled: fonts in, the analysis (where the view has one) drawn.
      await h.page.waitForFunction(async () => {
        await document.fonts.ready;
        return !document.querySelector('.analysis[aria-busy]');
      });
      await h.page.screenshot({ path: `${out}/${name}-${size}-${lang}.png`, fullPage: name !== 'assess' });
    }
    if (size === 'desktop' && lang === 'en') {
      await h.page.emulateMedia({ media: 'print' });
      await open(h.page, h.url, '#/r/example');
      await h.page.screenshot({ path: `${out}/print-results.png`, fullPage: true });
      await h.page.emulateMedia({ media: 'screen' });
    }
    await h.close();
  }
}
console.log(`screenshots in ${out}`);
