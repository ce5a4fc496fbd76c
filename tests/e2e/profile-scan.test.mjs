// What a device taken at a checkpoint would give away, searched for in the files themselves:
// a new browser profile (a temporary user-data-dir, kept after the browser closes); a
// passphrase set on the first run, before anything is entered; a unit name and a note with
// unique markers typed in; a JSON file imported whose id and unit are markers; an edit; a
// passphrase change; the lock. The browser is closed and every file of the profile is searched
// (profile-scan.mjs: raw bytes and LevelDB's logs, tables and IndexedDB's values unpacked, as
// UTF-8, UTF-16LE and UTF-16BE): IndexedDB, History, Sessions, Favicons, caches, Local Storage,
// service worker storage. No marker anywhere. Then: unlock, panic wipe, close, search again.
// Controls: a string never given to the browser is found nowhere; strings the test itself puts
// in Local Storage, in an IndexedDB database of its own (stored by Chromium Snappy-compressed,
// so only an unpacked search sees it) and in a LevelDB table file (likewise) are found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { serve } from '../../tools/serve.mjs';
import { start, open, WWW, INDICATORS } from './harness.mjs';
import { scan, snappyTable } from './profile-scan.mjs';

const tag = () => randomBytes(6).toString('hex').toUpperCase();
const MARK = {
  unit: `Unitmark${tag()}`,
  note: `Notemark${tag()}`,
  id: `idmark-${tag()}`,
  imported: `Importmark${tag()}`,
  importedNote: `Filenote${tag()}`,
  edit: `Editmark${tag()}`,
  respondent: `Respmark${tag()}`,
};
const NEVER = `Nevergiven${tag()}`; // never reaches the browser: must be found nowhere
const PASS1 = 'first passphrase for the profile test';
const PASS2 = 'second passphrase, after the change';

/** Strings only an unpacking search can see: a short head, then a repeated pattern (Snappy
 * stores the repeat as a copy, so the whole string is not in the raw bytes). */
const packed = (name) => `${name}${tag()}` + 'q7'.repeat(48);

const DEFAULT = 'Default';

/** Every hit of `needles` in the profile, as readable lines. */
function search(dir, needles) {
  const r = scan(dir, needles);
  assert.ok(r.files > 50, `the profile has its files (${r.files})`);
  return r;
}

const lines = (hits) => hits.map((h) => `${h.needle} in ${h.file} (${h.where}, ${h.encoding})`).join('\n');

test('no marker in any file of the profile: after a locked session, and after a panic wipe', async () => {
  const server = await serve(WWW, 0);
  const dir = mkdtempSync(join(tmpdir(), 'resilience-profile-'));
  const files = mkdtempSync(join(tmpdir(), 'resilience-profile-files-'));
  const t0 = Date.now();
  try {
    // --- 1. A new profile: the passphrase first -------------------------------------------
    let h = await start({ server, profile: dir });
    try {
      const { page } = h;
      await open(page, h.url);
      await page.waitForSelector('#first-run #first-pass');
      await page.fill('#first-pass', PASS1);
      await page.fill('#first-pass2', PASS1);
      await page.check('#first-understand');
      await page.click('#first-enable');
      await page.waitForSelector('#lock-now', { timeout: 20000 });
      await page.waitForFunction(() => !document.getElementById('first-run'));

      // A unit name, a respondent and a note, typed.
      await page.click('#new');
      await page.waitForFunction(() => document.activeElement?.name === 'unit');
      await page.keyboard.type(MARK.unit);
      await page.check(`input[name="s-${INDICATORS[0]}"][value="3"]`);
      await page.fill(`textarea[name="n-${INDICATORS[1]}"]`, MARK.note);
      await page.click('.resp button');
      await page.fill('.resp input[type=text] >> nth=0', MARK.respondent);
      await page.waitForTimeout(300);
      assert.equal(await page.title(), 'Assessment · Resilience');

      // A file whose id and unit are markers.
      const json = join(files, 'import.json');
      writeFileSync(json, JSON.stringify({ assessments: [{ id: MARK.id, unit: MARK.imported, date: '2026-03-01', scores: { [INDICATORS[0]]: 2, [INDICATORS[2]]: 4 }, notes: { [INDICATORS[2]]: MARK.importedNote } }] }));
      await open(page, h.url, '#/');
      await page.setInputFiles('input[type=file]:not([data-import])', json);
      await page.waitForSelector(`.card:has-text("${MARK.imported}")`);
      const key = await page.getAttribute(`.card:has-text("${MARK.imported}")`, 'data-id');
      assert.match(key, /^a-[0-9a-z]{10}$/, 'stored under a random key');

      // Its pages (their addresses carry the random key), and an edit.
      await open(page, h.url, `#/r/${key}`);
      assert.equal(await page.title(), 'Results · Resilience');
      await open(page, h.url, `#/a/${key}`);
      await page.fill('input[name=unit]', `${MARK.imported} ${MARK.edit}`);
      await page.check(`input[name="s-${INDICATORS[3]}"][value="1"]`);
      await page.waitForTimeout(300);
      assert.ok(!page.url().includes(MARK.id));

      // The passphrase changed, then the lock.
      await page.goto(h.url + '#/security');
      await page.waitForSelector('#cur-pass');
      await page.fill('#cur-pass', PASS1);
      await page.fill('#chg-pass', PASS2);
      await page.fill('#chg-pass2', PASS2);
      await page.click('#change');
      await page.waitForFunction(() => /re-encrypted/.test(document.querySelector('#toast')?.textContent), null, { timeout: 20000 });
      await page.click('#lock-now');
      await page.waitForSelector('#unlock-pass');

      // Positive controls, put there by the test.
      await page.evaluate((c) => localStorage.setItem('test-control', c), MARK.localControl = `Localctl${tag()}`);
      MARK.idbControl = packed('Idbctl');
      await page.evaluate(
        (c) =>
          new Promise((ok, fail) => {
            const o = indexedDB.open('test-control', 1);
            o.onupgradeneeded = () => o.result.createObjectStore('s');
            o.onsuccess = () => {
              let filler = '';
              for (let i = 0; i < 12000; i++) filler += `w${(i * 7919) % 10007} `;
              const tx = o.result.transaction('s', 'readwrite');
              tx.objectStore('s').put(filler + c + filler, 'k');
              tx.oncomplete = () => (o.result.close(), ok());
              tx.onerror = () => fail(tx.error);
            };
          }),
        MARK.idbControl,
      );
    } finally {
      await h.close();
    }
    MARK.tableControl = packed('Tablectl');
    mkdirSync(join(dir, 'test-control'));
    writeFileSync(join(dir, 'test-control', '000001.ldb'), snappyTable(MARK.tableControl));

    const secrets = [MARK.unit, MARK.note, MARK.id, MARK.imported, MARK.importedNote, MARK.edit, MARK.respondent];
    const controls = [MARK.localControl, MARK.idbControl, MARK.tableControl];
    const first = search(dir, [...secrets, NEVER, ...controls]);
    const found = (n) => first.hits.filter((x) => x.needle === n);
    assert.equal(lines(first.hits.filter((x) => secrets.includes(x.needle))), '', 'no marker in any file of the profile');
    assert.deepEqual(found(NEVER), [], 'a string never given to the browser is found nowhere');
    assert.ok(found(MARK.localControl).some((x) => x.file.startsWith(join(DEFAULT, 'Local Storage'))), 'the Local Storage control is found');
    assert.ok(found(MARK.idbControl).some((x) => x.file.includes('IndexedDB') && /unpacked/.test(x.where)), `the IndexedDB control is found unpacked: ${lines(found(MARK.idbControl))}`);
    assert.ok(found(MARK.idbControl).every((x) => /unpacked/.test(x.where)), 'and only unpacked');
    assert.deepEqual(found(MARK.tableControl).map((x) => x.where), ['table block (unpacked)'], 'the table control is found, unpacked');
    console.log(`# first search: ${first.files} files, ${first.views} views, ${((Date.now() - t0) / 1000).toFixed(1)} s so far`);

    // --- 2. Unlock, check the data is all there, panic wipe -----------------------------------
    h = await start({ server, profile: dir });
    try {
      const { page } = h;
      await page.goto(h.url);
      await page.waitForSelector('#unlock-pass');
      await page.fill('#unlock-pass', PASS2);
      await page.click('#unlock');
      await page.waitForFunction(() => performance.getEntriesByName('complete').length > 0, null, { timeout: 20000 });
      await page.waitForSelector('.cards');
      const text = await page.textContent('main');
      assert.ok(text.includes(MARK.unit) && text.includes(MARK.edit), 'the data is there, behind the passphrase');
      await page.goto(h.url + '#/security');
      await page.waitForSelector('#wipe');
      await page.fill('#panic .wipe-confirm', 'DELETE');
      await page.click('#wipe');
      await page.waitForSelector('#wiped', { timeout: 20000 });
      await page.evaluate((c) => localStorage.setItem('test-control-2', c), (MARK.localControl2 = `Localctltwo${tag()}`));
    } finally {
      await h.close();
    }
    const second = search(dir, [...secrets, NEVER, MARK.localControl2]);
    assert.equal(lines(second.hits.filter((x) => secrets.includes(x.needle))), '', 'no marker in any file after the wipe');
    assert.deepEqual(second.hits.filter((x) => x.needle === NEVER), []);
    assert.ok(second.hits.some((x) => x.needle === MARK.localControl2), 'the control written after the wipe is found');
    console.log(`# second search: ${second.files} files, ${second.views} views, ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
  } finally {
    server.server.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  }
});

test('the search itself: a string in a LevelDB log cut by a block boundary, and in UTF-16BE', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'resilience-scan-'));
  try {
    const s = `Straddle${tag()}`;
    // A log with one record in two fragments (FIRST, LAST), the string cut between them.
    const cut = 32768 - 7; // the first fragment fills the first block
    const body = Buffer.concat([Buffer.alloc(cut - 4), Buffer.from(s)]);
    const head = (len, type) => Buffer.from([0, 0, 0, 0, len & 0xff, len >> 8, type]);
    const first = Buffer.concat([head(cut, 2), body.subarray(0, cut)]);
    const last = Buffer.concat([head(body.length - cut, 4), body.subarray(cut)]);
    writeFileSync(join(dir, '000003.log'), Buffer.concat([first, last]));
    const be = `Bigendian${tag()}`;
    writeFileSync(join(dir, 'other'), Buffer.from(be, 'utf16le').swap16());
    const r = scan(dir, [s, be]);
    assert.ok(!Buffer.concat([first, last]).includes(s), 'not in the raw bytes');
    assert.deepEqual(
      r.hits.map((x) => [x.needle === s ? 's' : 'be', x.file, x.where, x.encoding]).sort(),
      [
        ['be', 'other', 'raw', 'UTF-16BE'],
        ['s', '000003.log', 'log record', 'UTF-8'],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
