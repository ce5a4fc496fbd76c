// Privacy holes outside the crypto (issue #13), one test or more per hole, each in a browser
// context of its own:
//   2. the browser's own files (history, sessions, favicons): fixed titles, autocomplete="off"
//      on every field holding assessment text, addresses with random ids only;
//   3. imports stored under random keys (the file's id kept inside, and in exports);
//   4. a passphrase offered on the first run (nothing written in the clear before it); a
//      passphrase change writes a new database and deletes the old one; said honestly when
//      data was saved before the passphrase;
//   5. settings never written in the clear (refused while locked and after a wipe), and no
//      error for config.json;
//   6. two tabs: a write of a tab whose key is stale never lands (under the old key, or in the
//      clear);
//   7. a wipe with other tabs open: they go blank, they do not restart; a wipe never hangs;
//   8. a tab in the background hides its content, and locks before showing it again once the
//      idle time has passed;
//   9. passphrase fields that browsers are not invited to save;
//  10. exports that say they are not encrypted, no unit in file names unless asked, no example in
//      a hand-over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { serve } from '../../tools/serve.mjs';
import { start, open, WWW, INDICATORS } from './harness.mjs';
import { scan } from './profile-scan.mjs';

const PASS = 'a passphrase long enough';
const tag = () => randomBytes(6).toString('hex').toUpperCase();
const RANDOM_KEY = /^a-[0-9a-z]{10}$/;

/** Runs `fn(h)` in a browser of its own (its own profile), closed in the end. */
async function fresh(fn, opts = {}) {
  const h = await start(opts);
  try {
    await fn(h);
    assert.deepEqual(await h.csp(h.page).catch(() => []), [], 'no CSP violations');
  } finally {
    await h.close();
  }
}

const ready = (page) => page.waitForFunction(() => performance.getEntriesByName('complete').length > 0, null, { timeout: 20000 });

/** The first run's choice: a passphrase, or none. */
async function firstRun(page, url, pass) {
  await open(page, url);
  await page.waitForSelector('#first-run #first-pass');
  if (!pass) {
    await page.click('#first-skip');
    await page.waitForFunction(() => !document.getElementById('first-run'));
    return;
  }
  await page.fill('#first-pass', pass);
  await page.fill('#first-pass2', pass);
  await page.check('#first-understand');
  await page.click('#first-enable');
  await page.waitForSelector('#lock-now', { timeout: 20000 });
}

async function unlock(page, pass = PASS) {
  await page.waitForSelector('#unlock-pass');
  await page.fill('#unlock-pass', pass);
  await page.click('#unlock');
  await ready(page);
}

/** Every value of the app's database, as stored: {records: {key: 'sealed' | object}, meta}. */
const raw = (page, name = 'resilience') =>
  page.evaluate(async (name) => {
    const db = await new Promise((ok, fail) => {
      const o = indexedDB.open(name);
      o.onsuccess = () => ok(o.result);
      o.onerror = () => fail(o.error);
    });
    const get = (r) => new Promise((ok) => (r.onsuccess = () => ok(r.result)));
    const out = {};
    for (const s of ['assessments', 'meta']) {
      const st = db.transaction(s).objectStore(s);
      const [k, v] = await Promise.all([get(st.getAllKeys()), get(st.getAll())]);
      out[s] = Object.fromEntries(k.map((x, i) => [x, v[i] instanceof Uint8Array ? `sealed:${[...v[i].slice(1, 9)].join('.')}` : v[i]]));
    }
    db.close();
    return out;
  }, name);

/** The app's other pages a user goes through, for `id`. */
const ROUTES = (id) => [
  ['#/', 'Assessments · Resilience'],
  [`#/a/${id}`, 'Assessment · Resilience'],
  [`#/r/${id}`, 'Results · Resilience'],
  ['#/compare', 'Compare assessments · Resilience'],
  ['#/security', 'Security · Resilience'],
  ['#/help', 'How scoring works · Resilience'],
];

/** Form controls that do not say autocomplete="off" (themselves or through their form). */
const saving = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('input, textarea, select')]
      .filter((el) => (el.getAttribute('autocomplete') || el.form?.getAttribute('autocomplete')) !== 'off' && el.type !== 'password')
      .map((el) => el.outerHTML.slice(0, 80)),
  );

// --- 2 and 3 ------------------------------------------------------------------------------------

test('2, 3. titles, saved form state, addresses: no unit, note, name or imported id in the browser’s files', async () => {
  const server = await serve(WWW, 0);
  const dir = mkdtempSync(join(tmpdir(), 'resilience-privacy-'));
  const M = { unit: `Unit${tag()}`, note: `Note${tag()}`, resp: `Resp${tag()}`, id: `srcid-${tag()}`, imported: `Imp${tag()}`, date: '2026-03-14' };
  try {
    const h = await start({ server, profile: dir });
    try {
      const { page } = h;
      await firstRun(page, h.url, null);
      await page.click('#new');
      await page.waitForFunction(() => document.activeElement?.name === 'unit');
      await page.keyboard.type(M.unit);
      await page.fill('input[name=date]', M.date);
      await page.check(`input[name="s-${INDICATORS[0]}"][value="2"]`);
      await page.fill(`textarea[name="n-${INDICATORS[0]}"]`, M.note);
      await page.click('.resp button');
      await page.fill('.resp input[type=text] >> nth=0', M.resp);
      const mine = decodeURIComponent(page.url().split('#/a/')[1].split('?')[0]);
      assert.match(mine, RANDOM_KEY);
      assert.deepEqual(await saving(page), [], 'every field of the form says autocomplete="off"');
      const file = join(dir, '..', `${dir.split(sep).pop()}-import.json`);
      writeFileSync(file, JSON.stringify({ assessments: [{ id: M.id, unit: M.imported, scores: { [INDICATORS[1]]: 3 } }] }));
      await open(page, h.url, '#/');
      await page.setInputFiles('input[type=file]:not([data-import])', file);
      await page.waitForSelector(`.card:has-text("${M.imported}")`);
      rmSync(file);
      const key = await page.getAttribute(`.card:has-text("${M.imported}")`, 'data-id');
      assert.match(key, RANDOM_KEY, 'an import is stored under a random key');
      for (const id of [mine, key]) {
        for (const [hash, title] of ROUTES(id)) {
          await open(page, h.url, hash);
          assert.equal(await page.title(), title, `fixed title on ${hash}`);
          assert.deepEqual(await saving(page), [], `autocomplete="off" everywhere on ${hash}`);
          assert.ok(!page.url().includes(M.id), 'the imported id is not in the address');
        }
      }
      await page.waitForTimeout(300);
    } finally {
      await h.close();
    }
    // Without a passphrase the records are in IndexedDB in the clear (that is what the lock is
    // for); everything else the browser keeps must hold none of it.
    const r = scan(dir, Object.values(M));
    const outside = r.hits.filter((x) => !x.file.includes(`${sep}IndexedDB${sep}`));
    assert.deepEqual(outside.map((x) => `${x.needle} in ${x.file} (${x.where}, ${x.encoding})`), []);
    assert.ok(r.hits.some((x) => x.needle === M.unit && x.file.includes('IndexedDB')), 'the control: the data itself is found where it is stored');
  } finally {
    server.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('3. imports keep the file’s id inside the record and in exports, never as the key', async () => {
  await fresh(async (h) => {
    const { page } = h;
    await firstRun(page, h.url, null);
    const dir = mkdtempSync(join(tmpdir(), 'resilience-import-'));
    try {
      const doc = { assessments: [{ id: 'nakuru-2026-03', unit: 'Nakuru', date: '2026-03-01', scores: { [INDICATORS[0]]: 3 }, _updated: '2026-03-02T10:00:00.000Z' }] };
      writeFileSync(join(dir, 'a.json'), JSON.stringify(doc));
      writeFileSync(join(dir, 'b.csv'), `id,unit,date,${INDICATORS[0]}\nkisumu-2026-02,Kisumu,2026-02-01,1\n`);
      const other = { assessments: [{ ...doc.assessments[0], unit: 'Nakuru, another visit' }] };
      writeFileSync(join(dir, 'c.json'), JSON.stringify(other));
      for (const f of ['a.json', 'b.csv', 'a.json', 'c.json']) {
        await open(page, h.url, '#/');
        await page.setInputFiles('input[type=file]:not([data-import])', join(dir, f));
        await page.waitForFunction(() => /Imported|Nothing new|already/.test(document.getElementById('toast').textContent));
        await page.evaluate(() => document.getElementById('toast').replaceChildren());
      }
      // The app writes each import at once, after its toast: read until the writes have landed.
      let stored;
      let keys = [];
      for (let k = 0; k < 600 && keys.length < 3; k++) {
        if (k) await page.waitForTimeout(100);
        stored = await raw(page);
        keys = Object.keys(stored.assessments).filter((x) => x !== 'example');
      }
      assert.equal(keys.length, 3, 'the same file twice adds nothing; another assessment with the same id is kept');
      for (const k of keys) assert.match(k, RANDOM_KEY);
      const ids = keys.map((k) => stored.assessments[k].input.id).sort();
      assert.deepEqual(ids.filter((x) => !RANDOM_KEY.test(x)), ['kisumu-2026-02', 'nakuru-2026-03'], 'the file’s ids, inside the records');
      assert.equal(ids.filter((x) => RANDOM_KEY.test(x)).length, 1, 'the second "nakuru-2026-03" gets an id of its own, so exports keep ids unique');
      await open(page, h.url, '#/');
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('main [data-export="json"]')]);
      const out = JSON.parse(readFileSync(await dl.path(), 'utf8'));
      assert.deepEqual(out.assessments.map((a) => a.id).filter((x) => !RANDOM_KEY.test(x) && x !== 'example').sort(), ['kisumu-2026-02', 'nakuru-2026-03']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// --- 4 ------------------------------------------------------------------------------------------

test('4. the first run offers a passphrase before anything is stored; the example is never written in the clear', async () => {
  const server = await serve(WWW, 0);
  const dir = mkdtempSync(join(tmpdir(), 'resilience-first-'));
  let example;
  try {
    const h = await start({ server, profile: dir });
    try {
      const { page } = h;
      await open(page, h.url);
      await page.waitForSelector('#first-run #first-pass');
      example = await page.evaluate(async () => (await import('/app/later.js')).app_storage.get('example').input);
      assert.ok(example.unit && example.notes[INDICATORS[0]]);
      assert.deepEqual((await raw(page)).assessments, {}, 'before the choice the example is shown but not stored');
      assert.equal(await page.$('#earlier-copies'), null, 'nothing to warn about: nothing was stored');
      await firstRun(page, h.url, PASS);
      // Until the example is written (sealed), and the app's code, translations included, is in
      // the service worker's cache (the control below looks for the texts there).
      let after;
      for (let k = 0; k < 600 && !(after = await raw(page)).assessments.example; k++) await page.waitForTimeout(100);
      // Until the translations holding the example's text are in the service worker's cache.
      // (Not the "Ready to work offline" line: only the first install's page says it, and the
      // worker may have finished installing while the page before firstRun's reload was open.)
      await page.waitForFunction(
        async (text) => {
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const req of await cache.keys())
              if (req.url.endsWith('.json') && (await (await cache.match(req)).text()).includes(text)) return true;
          }
          return false;
        },
        example.unit,
        { timeout: 60000, polling: 250 },
      );
      // ... and on disk, where the control below looks (Chromium writes its caches a moment later).
      for (let t = Date.now(); !scan(dir, [example.unit]).hits.some((x) => x.file.includes('Cache')) && Date.now() - t < 30000; ) await page.waitForTimeout(250);
      assert.match(after.assessments.example, /^sealed:/, 'the example is stored, sealed');
      assert.match(after.meta.settings, /^sealed:/);
      assert.ok(!(await page.evaluate(() => localStorage.getItem('resilience.plain'))), 'nothing was written in the clear');
    } finally {
      await h.close();
    }
    // Its texts are the app's own (in its translations, so in the browser's caches of the app's
    // code too): what matters is that no database file holds them.
    const r = scan(dir, [example.unit, example.notes[INDICATORS[0]]]);
    assert.deepEqual(r.hits.filter((x) => x.file.includes(`${sep}IndexedDB${sep}`)), [], 'the example’s text is in no IndexedDB file');
    assert.ok(r.hits.some((x) => x.file.includes('Cache')), 'the control: the same texts are found in the cached translations');
  } finally {
    server.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('4. a passphrase set after data was stored says that earlier copies may remain, and how to clear them', async () => {
  await fresh(async (h) => {
    const { page } = h;
    await firstRun(page, h.url, null);
    let stored;
    for (let k = 0; k < 600 && !(stored = await raw(page)).assessments.example; k++) await page.waitForTimeout(100);
    assert.equal(typeof stored.assessments.example, 'object', 'continuing without: the example is stored in the clear');
    await page.goto(h.url + '#/security');
    await page.waitForSelector('#new-pass');
    assert.match(await page.textContent('#earlier-copies'), /unencrypted copies.*delete this site’s data/s);
    await page.fill('#new-pass', PASS);
    await page.fill('#new-pass2', PASS);
    await page.check('#understand');
    await page.click('#enable');
    await page.waitForSelector('#lock-page', { timeout: 20000 });
    assert.match(await page.textContent('#toast'), /Earlier unencrypted copies may remain/);
  });
});

test('4. a passphrase change writes a new database and deletes the old one; a half-done one is finished or dropped', async () => {
  await fresh(async (h) => {
    const { page } = h;
    await firstRun(page, h.url, PASS);
    await page.evaluate(async () => {
      const s = (await import('/app/later.js')).app_storage;
      s.put({ id: 'a-0000000001', schema: 1, updated: '2026-01-01T00:00:00.000Z', input: { id: 'a-0000000001', unit: 'Second', scores: {}, notes: {} } });
      await s.flush();
    });
    const before = await raw(page);
    // A connection of the page's own to the database: told when it is deleted.
    await page.evaluate(
      () =>
        new Promise((ok) => {
          const o = indexedDB.open('resilience');
          o.onsuccess = () => {
            o.result.onversionchange = (e) => {
              window.__deleted = e.newVersion === null;
              o.result.close();
            };
            ok();
          };
        }),
    );
    await page.goto(h.url + '#/security');
    await page.waitForSelector('#cur-pass');
    await page.fill('#cur-pass', PASS);
    await page.fill('#chg-pass', 'another passphrase here');
    await page.fill('#chg-pass2', 'another passphrase here');
    await page.click('#change');
    await page.waitForFunction(() => /re-encrypted/.test(document.querySelector('#toast')?.textContent), null, { timeout: 20000 });
    assert.equal(await page.evaluate(() => window.__deleted), true, 'the old database was deleted');
    assert.deepEqual(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)), ['resilience']);
    const after = await raw(page);
    assert.notEqual(after.meta.vault, before.meta.vault, 'a new header');
    assert.deepEqual(Object.keys(after.assessments).sort(), Object.keys(before.assessments).sort());
    const newKid = (v) => v.split(':')[1];
    const kids = new Set(Object.values(after.assessments).map(newKid));
    assert.equal(kids.size, 1, 'every record under one key');
    assert.ok(![...kids].includes(newKid(before.assessments.example)), 'the new key');
    for (const v of Object.values(after.assessments)) assert.match(v, /^sealed:/);
    assert.match(after.meta.settings, /^sealed:/);
    const all = JSON.stringify(after);
    assert.ok(!all.includes(before.meta.vault), 'the old header is nowhere');

    // A replacement cut short after the new database was written in full: finished at start.
    const whole = await page.evaluate(async () => {
      const copy = (from, to, extra) =>
        new Promise((ok) => {
          const a = indexedDB.open(from);
          a.onsuccess = () => {
            const tx = a.result.transaction(['assessments', 'meta']);
            const get = (r) => new Promise((y) => (r.onsuccess = () => y(r.result)));
            Promise.all(['assessments', 'meta'].flatMap((s) => [get(tx.objectStore(s).getAllKeys()), get(tx.objectStore(s).getAll())])).then(([k1, v1, k2, v2]) => {
              a.result.close();
              const b = indexedDB.open(to, 2);
              b.onupgradeneeded = () => ['assessments', 'meta'].forEach((s) => b.result.createObjectStore(s));
              b.onsuccess = () => {
                const w = b.result.transaction(['assessments', 'meta'], 'readwrite');
                k1.forEach((k, i) => w.objectStore('assessments').put(k === 'a-0000000001' ? { ...v1[i] } : v1[i], k));
                k2.forEach((k, i) => w.objectStore('meta').put(v2[i], k));
                for (const [k, v] of extra) w.objectStore('meta').put(v, k);
                w.objectStore('assessments').delete('a-0000000001');
                w.oncomplete = () => (b.result.close(), ok(k1.length - 1));
              };
            });
          };
        });
      return copy('resilience', 'resilience-next', [['complete', true]]);
    });
    await page.reload();
    await unlock(page, 'another passphrase here');
    const recovered = await raw(page);
    assert.equal(Object.keys(recovered.assessments).length, whole, 'the new database took the old one’s place');
    assert.ok(!('complete' in recovered.meta));
    assert.deepEqual(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)), ['resilience']);
    // One cut short before it was whole (no "complete"): dropped, the database as it was.
    await page.evaluate(
      () =>
        new Promise((ok) => {
          const b = indexedDB.open('resilience-next', 2);
          b.onupgradeneeded = () => ['assessments', 'meta'].forEach((s) => b.result.createObjectStore(s));
          b.onsuccess = () => {
            const w = b.result.transaction('assessments', 'readwrite');
            w.objectStore('assessments').put(new Uint8Array(40), 'a-9999999999');
            w.oncomplete = () => (b.result.close(), ok());
          };
        }),
    );
    await page.reload();
    await unlock(page, 'another passphrase here');
    assert.deepEqual(Object.keys((await raw(page)).assessments).sort(), Object.keys(recovered.assessments).sort());
    assert.deepEqual(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)), ['resilience']);
  });
});

// --- 5 ------------------------------------------------------------------------------------------

test('5. settings are refused while locked and after a wipe; config.json asked for without an error', async () => {
  await fresh(async (h) => {
    const { page } = h;
    const consoleErrors = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await firstRun(page, h.url, PASS);
    const status = [];
    page.on('response', (r) => r.url().endsWith('/config.json') && status.push(r.status()));
    await page.goto(h.url + '#/security');
    await page.waitForSelector('#recipients');
    assert.deepEqual(status, [200], 'the app ships a config.json (without keys)');
    assert.deepEqual(consoleErrors, [], 'no error in the console');

    // Locked: refused, and nothing written.
    await page.click('#lock-now');
    await page.waitForSelector('#unlock-pass');
    const before = (await raw(page)).meta;
    const refused = await page.evaluate(async () => (await import('/app/later.js')).app_vault.setSetting('idle', 1).then(() => 'written', (e) => e.message));
    assert.match(refused, /^locked/);
    assert.deepEqual((await raw(page)).meta, before);

    // A deployment's keys arriving after a wipe: nothing is written, no database comes back.
    await unlock(page);
    const hq = execFileSync('/usr/bin/age-keygen', { encoding: 'utf8' }).match(/public key: (age1\w+)/)[1];
    let answer;
    const answered = new Promise((ok) => (answer = ok));
    await page.route('**/config.json', async (route) => {
      await answered;
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ recipients: [hq] }) }).catch(() => {});
    });
    await page.goto(h.url + '#/security');
    await page.waitForSelector('#wipe');
    await page.uncheck('#wipe-keep');
    await page.fill('#panic .wipe-confirm', 'DELETE');
    await page.click('#wipe');
    await page.waitForSelector('#wiped', { timeout: 20000 });
    answer();
    await page.waitForTimeout(1000);
    assert.deepEqual(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)), [], 'no database re-created');
    await page.unroute('**/config.json');
  });
});

// --- 6 ------------------------------------------------------------------------------------------

test('6. two tabs: a tab that has not heard of a new key writes nothing, in the clear or under the old key', async () => {
  await fresh(async (h) => {
    const { page } = h;
    await firstRun(page, h.url, null);
    // Tab A: slow to hear of the change (its messages from other tabs are held back).
    const a = await h.context.newPage();
    await a.addInitScript(() => {
      const Real = BroadcastChannel;
      window.BroadcastChannel = class extends Real {
        addEventListener(type, fn, o) {
          super.addEventListener(type, (e) => (window.__deaf ? null : fn(e)), o);
        }
      };
    });
    await open(a, h.url, '#/a/example');
    await a.evaluate(() => (window.__deaf = true));
    // Tab B sets a passphrase.
    await page.goto(h.url + '#/security');
    await page.waitForSelector('#new-pass');
    await page.fill('#new-pass', PASS);
    await page.fill('#new-pass2', PASS);
    await page.check('#understand');
    await page.click('#enable');
    await page.waitForSelector('#lock-page', { timeout: 20000 });
    // Tab A, still writing in the clear, changes an answer and a setting.
    await a.check(`input[name="s-${INDICATORS[0]}"][value="4"]`);
    await a.fill(`textarea[name="n-${INDICATORS[0]}"]`, 'written in tab A, in the clear');
    const setting = await a.evaluate(async () => (await import('/app/later.js')).app_vault.setSetting('idle', 30).then(() => 'written', (e) => e?.name || e?.message || 'refused'));
    const failed = await a.evaluate(async () => {
      const s = (await import('/app/later.js')).app_storage;
      await s.flush();
      return s.status.failed;
    });
    assert.equal(failed, 'InvalidStateError', 'tab A’s write failed (its connection was closed), and it says so');
    assert.notEqual(setting, 'written', 'tab A’s setting was refused');
    const stored = await raw(page);
    for (const [k, v] of Object.entries(stored.assessments)) assert.match(v, /^sealed:/, `${k} sealed`);
    assert.match(stored.meta.settings, /^sealed:/);
    assert.ok(!JSON.stringify(stored).includes('tab A'));
    // Once it hears, it reloads and asks for the passphrase.
    await a.evaluate(() => (window.__deaf = false));
    await page.evaluate(async () => (await import('/app/later.js')).app_vault.tell('rekeyed'));
    await a.waitForSelector('#unlock-pass');
    await a.close();
  });
});

// --- 7 ------------------------------------------------------------------------------------------

test('7. a wipe with other tabs open: they go blank and do not restart; a tab that holds the database cannot make it hang', async () => {
  await fresh(async (h) => {
    const { page } = h;
    await firstRun(page, h.url, null);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const other = await h.context.newPage();
    await open(other, h.url, '#/a/example');
    await other.evaluate(() => (window.__same = true));
    // A third tab holding the database open and deaf to requests to close it.
    const holder = await h.context.newPage();
    await holder.goto(h.url + 'manifest.webmanifest');
    await holder.evaluate(() => new Promise((ok) => (indexedDB.open('resilience').onsuccess = (e) => ((window.__db = e.target.result), ok()))));
    await page.goto(h.url + '#/security');
    await page.waitForSelector('#wipe');
    await page.uncheck('#wipe-keep');
    await page.fill('#panic .wipe-confirm', 'DELETE');
    const t0 = Date.now();
    await page.click('#wipe');
    await page.waitForSelector('#wiped', { timeout: 30000 });
    assert.ok(Date.now() - t0 < 25000, 'the wipe finished although a tab kept the database');
    assert.match(await page.textContent('#wiped'), /Another tab of this app kept its data open/);
    await other.waitForSelector('#wiped-elsewhere');
    assert.equal(await other.evaluate(() => window.__same), true, 'the other tab did not reload');
    assert.equal(await other.$('.card, form.sheet, .bar nav'), null, 'it shows nothing of the data');
    await holder.evaluate(() => window.__db.close());
    await holder.close();
    // The wipe's deletion was blocked by the holder's connection: it completes once that closes.
    await other.waitForFunction(async () => (await indexedDB.databases()).length === 0, null, { timeout: 60000, polling: 100 });
    const left = await other.evaluate(async () => ({
      dbs: (await indexedDB.databases()).map((d) => d.name),
      sw: (await navigator.serviceWorker.getRegistrations()).length,
      seeded: localStorage.getItem('resilience.seeded'),
    }));
    assert.deepEqual(left, { dbs: [], sw: 0, seeded: null }, 'nothing came back: no database, no example, no service worker');
    await other.close();
  });
});

// --- 8 ------------------------------------------------------------------------------------------

test('8. in the background the content is hidden; back after the idle time, it locks before showing anything', async () => {
  await fresh(async (h) => {
    const { page } = h;
    await firstRun(page, h.url, PASS);
    await page.goto(h.url + '#/security');
    await page.waitForSelector('#idle');
    await page.selectOption('#idle', '1');
    await page.waitForFunction(() => /Saved/.test(document.querySelector('#toast')?.textContent));
    await open(page, h.url, '#/a/example');
    const visibility = (state) =>
      page.evaluate((state) => {
        Object.defineProperty(document, 'visibilityState', { get: () => state, configurable: true });
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
        return { veiled: document.documentElement.hasAttribute('data-veiled'), main: getComputedStyle(document.getElementById('main')).visibility };
      }, state);
    assert.deepEqual(await visibility('hidden'), { veiled: true, main: 'hidden' }, 'hidden with the tab');
    assert.deepEqual(await visibility('visible'), { veiled: false, main: 'visible' }, 'shown again before the idle time');
    // Frozen (the browser stops a background tab's timers): hidden too; resumed in time: shown.
    // (Headless Chromium keeps its tabs visible and does not freeze them on request: the Page
    // Lifecycle events are dispatched here as the browser would, at the document.)
    const life = await page.evaluate(() => {
      const log = [];
      for (const ev of ['freeze', 'resume']) {
        document.dispatchEvent(new Event(ev));
        log.push(document.documentElement.hasAttribute('data-veiled'));
      }
      return log;
    });
    assert.deepEqual(life, [true, false]);
    // Away longer than the idle time: still hidden on return, and locked.
    await visibility('hidden');
    const back = await page.evaluate(() => {
      const now = Date.now;
      Date.now = () => now() + 61000;
      Object.defineProperty(document, 'visibilityState', { get: () => 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      return getComputedStyle(document.getElementById('main')).visibility;
    });
    assert.equal(back, 'hidden', 'nothing shown on return');
    await page.waitForSelector('#unlock-pass', { timeout: 15000 });
    assert.equal(await page.$('form.sheet'), null);
  });
});

// --- 9 ------------------------------------------------------------------------------------------

test('9. passphrase fields: not in a form, marked as one-time codes, emptied at once; Enter still works; the help says never to save', async () => {
  await fresh(async (h) => {
    const { page } = h;
    const fields = () =>
      page.evaluate(() => ({
        pass: [...document.querySelectorAll('input[type=password]')].map((el) => [el.id, el.autocomplete, !!el.closest('form')]),
        submit: document.querySelectorAll('button[type=submit], input[type=submit]').length,
      }));
    await open(page, h.url);
    await page.waitForSelector('#first-pass');
    for (const f of (await fields()).pass) assert.deepEqual(f.slice(1), ['one-time-code', false], f[0]);
    assert.equal((await fields()).submit, 0);
    await page.fill('#first-pass', PASS);
    await page.fill('#first-pass2', PASS);
    await page.check('#first-understand');
    await page.focus('#first-pass2');
    await page.keyboard.press('Enter'); // Enter sets it, as a form would
    const left = await page.evaluate(() => ['first-pass', 'first-pass2'].map((id) => document.getElementById(id)?.value ?? ''));
    assert.deepEqual(left, ['', ''], 'emptied as soon as they are used');
    await page.waitForSelector('#lock-now', { timeout: 20000 });
    await page.goto(h.url + '#/security');
    await page.waitForSelector('#age-pass');
    const sec = await fields();
    assert.deepEqual(sec.pass.map((f) => f[0]).sort(), ['age-pass', 'chg-pass', 'chg-pass2', 'cur-pass', 'off-pass']);
    for (const f of sec.pass) assert.deepEqual(f.slice(1), ['one-time-code', false], f[0]);
    assert.equal(sec.submit, 0);
    assert.match(await page.textContent('main'), /If the browser offers to save the passphrase, refuse/);
    await page.click('#lock-now');
    await page.waitForSelector('#unlock-pass');
    assert.deepEqual((await fields()).pass, [['unlock-pass', 'one-time-code', false]]);
    await page.fill('#unlock-pass', 'not the passphrase');
    await page.press('#unlock-pass', 'Enter');
    assert.equal(await page.inputValue('#unlock-pass'), '', 'emptied as soon as it is used');
    await page.waitForFunction(() => /Wrong passphrase/.test(document.querySelector('.unlock')?.textContent || ''));
    await page.fill('#unlock-pass', PASS);
    await page.press('#unlock-pass', 'Enter');
    await ready(page);
    await open(page, h.url, '#/help');
    assert.match(await page.textContent('main'), /offers to save the passphrase, refuse/);
  });
});

// --- 10 -----------------------------------------------------------------------------------------

test('10. exports say they are not encrypted; no unit in file names unless asked; no example in a hand-over', async () => {
  await fresh(async (h) => {
    const { page } = h;
    await firstRun(page, h.url, null);
    await page.click('#new');
    await page.waitForFunction(() => document.activeElement?.name === 'unit');
    await page.keyboard.type('Kandi North');
    await page.check(`input[name="s-${INDICATORS[0]}"][value="2"]`);
    const id = decodeURIComponent(page.url().split('#/a/')[1].split('?')[0]);
    const down = async (sel) => {
      await page.evaluate(() => document.getElementById('toast').replaceChildren());
      const [d] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), page.click(sel)]);
      await page.waitForFunction(() => /not encrypted/.test(document.getElementById('toast').textContent));
      return d.suggestedFilename();
    };
    await open(page, h.url, `#/r/${id}`);
    const names = [];
    for (const k of ['json', 'csv', 'results', 'xlsx']) names.push(await down(`main [data-export="${k}"]`));
    // (The assessment's random id tells one assessment's files from all of them: never the unit.)
    assert.deepEqual(names.map((n) => n.replace(/\d{4}-\d\d-\d\d/, 'DATE').replace(id, 'ID')), ['resilience-ID-DATE.json', 'resilience-responses-ID-DATE.csv', 'resilience-results-ID-DATE.csv', 'resilience-results-ID-DATE.xlsx']);
    await page.check('main [data-export="named"]');
    const named = [];
    for (const k of ['json', 'xlsx']) named.push(await down(`main [data-export="${k}"]`));
    assert.deepEqual(named.map((n) => n.replace(/\d{4}-\d\d-\d\d/, 'DATE')), ['resilience-Kandi-North-DATE.json', 'resilience-results-Kandi-North-DATE.xlsx']);
    // The notice leads to the hand-over.
    await page.click('#toast button:not(.x)');
    await page.waitForFunction(() => location.hash === '#/security');
    // The hand-over: the example is not in it.
    const dir = mkdtempSync(join(tmpdir(), 'resilience-handover-'));
    try {
      execFileSync('/usr/bin/age-keygen', ['-o', join(dir, 'hq.txt')], { stdio: 'ignore' });
      const hq = readFileSync(join(dir, 'hq.txt'), 'utf8').match(/# public key: (age1\w+)/)[1];
      await page.waitForSelector('#recipients');
      await page.fill('#recipients', hq);
      await page.click('#save-recipients');
      await page.waitForFunction(() => /Saved 1 key/.test(document.querySelector('#handover')?.textContent));
      const [enc] = await Promise.all([page.waitForEvent('download'), page.click('#export-age')]);
      await enc.saveAs(join(dir, 'x.age'));
      const doc = JSON.parse(execFileSync('/usr/bin/age', ['-d', '-i', join(dir, 'hq.txt'), join(dir, 'x.age')], { encoding: 'utf8' }));
      assert.deepEqual(doc.assessments.map((a) => a.unit), ['Kandi North'], 'only the real assessment');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
