// The CLI's report of a full team assessment (28 indicators with notes and evidence, warning
// signs present, an alarm, a dissent) opened from file:// in Chromium, as a reader opens the
// file they were sent: it asks for nothing but itself, logs no error, breaks no rule of its
// content security policy, and prints on at most four A4 pages, in English and French.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browser, cliBin, ROOT, test, using } from './harness.mjs';

const INPUT = join(ROOT, 'tests', 'fixtures', 'report', 'team.json');
const MAX_PAGES = 4;

/** The pages of a PDF: its page objects (Chromium writes them uncompressed), checked against
 * the page tree's count. */
function pdfPages(bytes) {
  const text = Buffer.from(bytes).toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  if (counts.length) assert.equal(Math.max(...counts), pages, 'page objects and the page tree agree');
  return pages;
}

for (const lang of ['en', 'fr']) {
  test(`the ${lang} report opens from file:// alone and prints on at most ${MAX_PAGES} A4 pages`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resilience-report-'));
    const file = join(dir, `report-${lang}.html`);
    writeFileSync(file, execFileSync(cliBin(), ['report', '--lang', lang, '--made', '2026-03-20', INPUT]));
    const url = pathToFileURL(file).href;
    try {
      await using(await browser({ allowed: (u) => u === url }), async (h) => {
        await h.page.goto(url);
        await h.page.waitForLoadState('load');
        assert.deepEqual(h.requests, [url], 'the file is the only request');
        assert.deepEqual(await h.csp(), []);
        // What the reader must see first: the alert, the alarm and the dissent are in it.
        const text = await h.page.locator('body').innerText();
        assert.match(text, lang === 'en' ? /Early-warning alert/ : /Alerte précoce/);
        assert.match(text, /Nakuru County/);
        assert.match(text, /jb/);
        assert.equal(await h.page.locator('dt').count(), 28, 'every indicator');
        const pdf = await h.page.pdf({ format: 'A4' });
        const pages = pdfPages(pdf);
        // REPORT_PDF=/tmp/report keeps the PDFs (/tmp/report-en.pdf …) to look at.
        if (process.env.REPORT_PDF) writeFileSync(`${process.env.REPORT_PDF}-${lang}.pdf`, pdf);
        assert.ok(pages >= 2 && pages <= MAX_PAGES, `${pages} pages`);
        assert.deepEqual(h.requests, [url], 'printing asks for nothing either');
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
