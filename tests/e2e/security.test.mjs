// The protection of the people in the data, in the real browser: the passphrase lock (nothing
// readable at rest, wrong passphrases, tampered and truncated records, an atomic passphrase
// change, the idle lock), the hand-over in the age format (checked with the real `age` tool,
// both ways), the panic wipe, and storage that survives failed writes and old record versions.
// Every test starts from a fresh browser profile: the records and the passphrase it needs are
// set up by the helpers below (withRecords, sealed), never left by another test.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite, open, started, reload, controlled, axe, INDICATORS, FRAMEWORK } from './harness.mjs';

const PASS = 'correct horse battery staple';
const NEW_PASS = 'a brand new passphrase';
const UNIT = 'Kasai-Oriental Zone Sept';
const NOTE = 'Judge Mbuyi takes money from the militia';
const RESP = 'Witness-Z9';
const NEEDLES = [UNIT, NOTE, RESP, 'Kasai', 'Mbuyi', INDICATORS[0], INDICATORS[5], '"scores"', 'unit', 'respondentNames'];

const AGE = '/usr/bin/age';
const KEYGEN = '/usr/bin/age-keygen';
const dir = mkdtempSync(join(tmpdir(), 'resilience-sec-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const app = suite();

/** A record of the app's shape, with everything sensitive in it. */
function record(id, unit = UNIT) {
  const scores = {};
  INDICATORS.forEach((ind, k) => (scores[ind] = [k % 5, (k + 2) % 5]));
  return {
    id,
    schema: 2,
    framework: { id: FRAMEWORK.id, version: FRAMEWORK.version },
    updated: '2026-03-01T10:00:00.000Z',
    respondentNames: [RESP, 'W2'],
    input: { id, unit, date: '2026-03-01', scores, notes: { [INDICATORS[0]]: NOTE } },
  };
}

/** Puts records through the app's own storage module (the same instance the app uses). */
async function putRecords(page, recs) {
  await page.evaluate(async (recs) => {
    const s = (await import('/app/later.js')).app_storage;
    for (const r of recs) s.put(r);
    await s.flush();
  }, recs);
}

/** Everything the browser stores for the origin, as text: IndexedDB (every database, store,
 * key and value; bytes as Latin-1 so any plaintext would show), Web Storage, Cache Storage. */
async function dump(page) {
  return page.evaluate(async () => {
    const text = (v) => {
      if (v instanceof ArrayBuffer) v = new Uint8Array(v);
      if (ArrayBuffer.isView(v)) return String.fromCharCode(...new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      return JSON.stringify(v);
    };
    const out = [];
    const dbs = (await indexedDB.databases()).map((d) => d.name);
    for (const name of dbs) {
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      for (const s of db.objectStoreNames) {
        const st = db.transaction(s).objectStore(s);
        const get = (r) => new Promise((ok) => (r.onsuccess = () => ok(r.result)));
        const [keys, vals] = await Promise.all([get(st.getAllKeys()), get(st.getAll())]);
        keys.forEach((k, i) => out.push(`idb ${name}/${s}/${k}: ${text(vals[i])}`));
      }
      db.close();
    }
    for (const [n, s] of [['local', localStorage], ['session', sessionStorage]])
      for (let i = 0; i < s.length; i++) out.push(`${n} ${s.key(i)}: ${s.getItem(s.key(i))}`);
    for (const c of await caches.keys()) {
      // The app's code (sw.js's resilience-<version>) holds code, whose words are no data.
      if (/^resilience-/.test(c)) continue;
      const cache = await caches.open(c);
      for (const r of await cache.keys()) out.push(`cache ${c} ${r.url}: ${await (await cache.match(r)).text()}`);
    }
    return { dbs, text: out.join('\n') };
  });
}

/** Raw values of the assessments store: {key: Uint8Array-as-array | object}. */
async function rawRecords(page) {
  return page.evaluate(async () => {
    const db = await new Promise((ok) => (indexedDB.open('resilience').onsuccess = (e) => ok(e.target.result)));
    const st = db.transaction('assessments').objectStore('assessments');
    const get = (r) => new Promise((ok) => (r.onsuccess = () => ok(r.result)));
    const [keys, vals] = await Promise.all([get(st.getAllKeys()), get(st.getAll())]);
    db.close();
    return Object.fromEntries(keys.map((k, i) => [k, vals[i] instanceof Uint8Array ? { bytes: [...vals[i]] } : vals[i]]));
  });
}

async function setRaw(page, key, bytes) {
  await page.evaluate(
    async ([key, bytes]) => {
      const db = await new Promise((ok) => (indexedDB.open('resilience').onsuccess = (e) => ok(e.target.result)));
      const tx = db.transaction('assessments', 'readwrite');
      tx.objectStore('assessments').put(bytes === null ? null : Array.isArray(bytes) ? new Uint8Array(bytes) : bytes, key);
      await new Promise((ok) => (tx.oncomplete = ok));
      db.close();
    },
    [key, bytes],
  );
}

async function unlock(page, pass) {
  await page.waitForSelector('#unlock-pass');
  await page.fill('#unlock-pass', pass);
  await page.click('#unlock');
}

async function unlockOk(page, pass = PASS) {
  await unlock(page, pass);
  await started(page);
}

/** Waits until the unlock screen says the passphrase was wrong. */
const refused = (page) => page.waitForFunction(() => /Wrong passphrase/.test(document.querySelector('.unlock')?.textContent || ''));

/** Locks with the header's button; waits for the unlock screen. */
async function lockNow(page) {
  await page.click('#lock-now');
  await page.waitForSelector('#unlock-pass');
}

/** The ids of the assessments the list shows. */
async function listed(h) {
  const { page } = h;
  await page.goto(h.url + '#/');
  await page.waitForSelector('.cards');
  return page.$$eval('.cards [data-id]', (l) => l.map((x) => x.dataset.id).sort());
}

/** Goes to the security page and waits for `selector` on it. */
async function securityPage(h, selector) {
  await h.page.goto(h.url + '#/security');
  await h.page.waitForSelector(selector);
}

async function setPassphrase(h, pass = PASS) {
  await securityPage(h, '#new-pass');
  await h.page.fill('#new-pass', pass);
  await h.page.fill('#new-pass2', pass);
  await h.page.check('#understand');
  await h.page.click('#enable');
  await h.page.waitForSelector('#lock-page');
}

/** Submits the passphrase change form (the security page is shown). */
async function changePassphrase(page, current, next) {
  await page.fill('#cur-pass', current);
  await page.fill('#chg-pass', next);
  await page.fill('#chg-pass2', next);
  await page.click('#change');
}

/** Waits until the passphrase change form says `re`. */
const changeSays = (page, re) => page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#change')?.parentElement.textContent), re.source);

// --- fixtures: what a test starts from ----------------------------------------------------------

/** Units of the records the tests put, by id: each with something sensitive to look for. */
const UNITS = { 'a-one': UNIT, 'a-two': 'Second unit Bandundu', 'a-three': 'Draft unit Tshopo' };
const records = (units = UNITS) => Object.entries(units).map(([id, unit]) => record(id, unit));
/** What the list shows with the records of UNITS (and the first run's example). */
const ALL = [...Object.keys(UNITS), 'example'].sort();

/** The app, started in a fresh profile, holding `recs` (stored in the clear). */
async function withRecords(h, recs = records()) {
  await open(h.page, h.url);
  await putRecords(h.page, recs);
}

/** The app holding `recs`, sealed under a passphrase (set on the security page; unlocked). */
async function sealed(h, recs = records(), pass = PASS) {
  await withRecords(h, recs);
  await setPassphrase(h, pass);
}

/** Traces of data outside IndexedDB, as if the app had cached some: a wipe must remove them. */
async function leaveTraces(page) {
  await page.evaluate(async () => {
    const c = await caches.open('exports');
    await c.put('/data/x.json', new Response('Kasai-Oriental Zone Sept'));
    localStorage.setItem('draft', 'Kasai-Oriental Zone Sept');
    sessionStorage.setItem('draft', 'Kasai');
  });
}

/** A new age identity in file `name` (of this file's temporary folder); returns its public key. */
function ageKey(name) {
  execFileSync(KEYGEN, ['-o', join(dir, name)], { stdio: 'ignore' });
  return readFileSync(join(dir, name), 'utf8').match(/# public key: (age1\w+)/)[1];
}

// --- the tests ----------------------------------------------------------------------------------

app.test('the crypto module loads only when used', async (h) => {
  await open(h.page, h.url, '#/security');
  await h.page.waitForSelector('#new-pass');
  // What the page itself loaded: the service worker's precache, which fetches every asset in
  // the background (the crypto module too, for offline use), is not the page using it.
  const crypto = () => h.pageRequests.filter((u) => u.includes('pkg-crypto'));
  assert.deepEqual(crypto(), [], 'the crypto module loads only when used');
  assert.deepEqual(await axe(h.page), [], 'axe on the security page (no passphrase)');
  await setPassphrase(h);
  assert.ok(crypto().length > 0, 'setting a passphrase loads it');
});

app.test('with a passphrase, nothing entered is readable at rest; a wrong one says so and changes nothing', async (h) => {
  const { page } = h;
  await withRecords(h, records({ 'a-one': UNIT, 'a-two': 'Second unit Bandundu' }));
  // Before: the records are in the clear (this is what the lock is for).
  assert.match((await dump(page)).text, /Kasai-Oriental/);

  await setPassphrase(h);
  assert.ok(await page.isVisible('#lock-now'), 'a Lock button in the header');
  assert.deepEqual(await axe(page), [], 'axe on the security page (passphrase set)');
  await page.click('#lock-page');
  await page.waitForSelector('#unlock-pass');
  assert.deepEqual(await axe(page), [], 'axe on the unlock screen');
  const locked = await dump(page);
  for (const n of [...NEEDLES, 'Bandundu', 'Second unit']) assert.ok(!locked.text.includes(n), `"${n}" readable at rest`);
  const raw = await rawRecords(page);
  for (const id of ['a-one', 'a-two', 'example']) assert.ok(raw[id]?.bytes, `${id} is sealed bytes`);

  // Wrong passphrase: said plainly; the stored bytes are exactly as before.
  await unlock(page, 'correct horse battery stapler');
  await refused(page);
  assert.equal((await dump(page)).text, locked.text);
  assert.ok(await page.isVisible('#unlock-pass'), 'still locked');

  await unlockOk(page);
  assert.deepEqual(await listed(h), ['a-one', 'a-two', 'example']);
  assert.match(await page.textContent('main'), /Kasai-Oriental Zone Sept/);
  // Edits while unlocked are written sealed too (drafts included).
  await putRecords(page, [record('a-three', 'Draft unit Tshopo')]);
  assert.ok(!(await dump(page)).text.includes('Tshopo'));
});

app.test('a tampered (one bit) or truncated record is refused by name; the others open', async (h) => {
  const { page } = h;
  await sealed(h);
  await lockNow(page);
  const raw = await rawRecords(page);
  const flipped = [...raw['a-one'].bytes];
  flipped[40] ^= 0x04;
  await setRaw(page, 'a-one', flipped);
  await setRaw(page, 'a-two', raw['a-two'].bytes.slice(0, raw['a-two'].bytes.length - 7));
  await unlockOk(page);
  assert.deepEqual(await listed(h), ['a-three', 'example']);
  const banner = await page.textContent('#banner');
  assert.match(banner, /could not be read/);
  assert.match(banner, /a-one/);
  assert.match(banner, /a-two/);
  const why = await page.evaluate(async () => (await import('/app/later.js')).app_vault.failures);
  assert.deepEqual(why.map((f) => f.code).sort(), ['tampered', 'tampered']);
  // Nothing else was lost, and the refused records are left as they were (not overwritten):
  // put back as they were, they open again.
  assert.deepEqual((await rawRecords(page))['a-one'].bytes, flipped);
  await setRaw(page, 'a-one', raw['a-one'].bytes);
  await setRaw(page, 'a-two', raw['a-two'].bytes);
  await page.reload();
  await unlockOk(page);
  assert.deepEqual(await listed(h), ALL);
});

/** The key id that a sealed record names. */
const kid = (bytes) => bytes.slice(1, 9).join(',');

app.test('a passphrase change that fails (a write fails midway, or a wrong current passphrase) changes nothing', async (h) => {
  const { page } = h;
  await sealed(h);
  const before = await rawRecords(page);
  const oldKid = kid(before['a-one'].bytes);

  // A failure in the middle of the change (the third write throws): nothing changes.
  await securityPage(h, '#cur-pass');
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    let n = 0;
    IDBObjectStore.prototype.put = function (...a) {
      if (this.name === 'assessments' && ++n === 3) throw new DOMException('simulated failure', 'UnknownError');
      return put.apply(this, a);
    };
    window.__restorePut = () => (IDBObjectStore.prototype.put = put);
  });
  await changePassphrase(page, PASS, NEW_PASS);
  await changeSays(page, /went wrong/);
  await page.evaluate(() => window.__restorePut());
  const mid = await rawRecords(page);
  for (const id of Object.keys(before)) assert.equal(kid(mid[id].bytes), oldKid, `${id} still under the old key`);
  await page.reload();
  await unlockOk(page, PASS); // the old passphrase still opens everything
  assert.deepEqual(await listed(h), ALL);

  // A wrong current passphrase: refused, nothing changes.
  await securityPage(h, '#cur-pass');
  await changePassphrase(page, 'not the passphrase', NEW_PASS);
  await changeSays(page, /Wrong passphrase/);
  const after = await rawRecords(page);
  for (const id of Object.keys(before)) assert.equal(kid(after[id].bytes), oldKid, `${id} still under the old key`);
});

app.test('a passphrase change re-seals everything under the new key; another open tab drops the old one', async (h) => {
  const { page } = h;
  await sealed(h);
  const before = await rawRecords(page);
  const oldKid = kid(before['a-one'].bytes);
  // Another tab, open and unlocked with the old key: it must not write with it after the change.
  const other = await h.context.newPage();
  await other.goto(h.url + '#/');
  await unlockOk(other, PASS);

  // The change: every record under the new key, the old passphrase refused.
  await securityPage(h, '#cur-pass');
  await changePassphrase(page, PASS, NEW_PASS);
  await page.waitForFunction(() => /re-encrypted/.test(document.querySelector('#toast')?.textContent));
  const after = await rawRecords(page);
  const newKid = kid(after['a-one'].bytes);
  assert.notEqual(newKid, oldKid);
  for (const id of Object.keys(before)) assert.equal(kid(after[id].bytes), newKid, `${id} under the new key`);
  await other.waitForSelector('#unlock-pass'); // the other tab dropped its key and asks again
  await other.close();
  await page.click('#lock-now');
  await unlock(page, PASS);
  await refused(page);
  await unlockOk(page, NEW_PASS);
  assert.deepEqual(await listed(h), ALL);
});

app.test('a vault stored with weaker Argon2 parameters is raised to the default on unlock', async (h) => {
  const { page } = h;
  await sealed(h);
  const header = () =>
    page.evaluate(async () => {
      const db = await new Promise((ok) => (indexedDB.open('resilience').onsuccess = (e) => ok(e.target.result)));
      const r = db.transaction('meta').objectStore('meta').get('vault');
      const v = await new Promise((ok) => (r.onsuccess = () => ok(r.result)));
      db.close();
      return v;
    });
  assert.match(await header(), / argon2id m=65536 t=2 p=1 /);
  // Re-wrap the same data key under OWASP's minimum, as an older version of the app would have.
  await page.evaluate(async (pass) => {
    const m = (await import('/app/later.js')).pkg_crypto_resilience_crypto; // the app's own, initialised
    const db = await new Promise((ok) => (indexedDB.open('resilience').onsuccess = (e) => ok(e.target.result)));
    const get = db.transaction('meta').objectStore('meta').get('vault');
    const h = await new Promise((ok) => (get.onsuccess = () => ok(get.result)));
    const pw = () => new TextEncoder().encode(pass);
    const v = m.Vault.unlock(pw(), h);
    const weak = v.rewrap(pw(), ...m.minParams(), crypto.getRandomValues(new Uint8Array(m.vaultRewrapRandom())));
    v.free();
    const tx = db.transaction('meta', 'readwrite');
    tx.objectStore('meta').put(weak, 'vault');
    await new Promise((ok) => (tx.oncomplete = ok));
    db.close();
  }, PASS);
  assert.match(await header(), / argon2id m=19456 t=2 p=1 /);
  await page.reload();
  await unlockOk(page);
  assert.match(await header(), / argon2id m=65536 t=2 p=1 /);
  assert.deepEqual(await listed(h), ALL);
});

app.test('the app locks itself after the chosen idle time', async (h) => {
  const { page } = h;
  await sealed(h);
  await securityPage(h, '#idle');
  await page.selectOption('#idle', '1');
  await page.waitForFunction(() => /Saved/.test(document.querySelector('#toast')?.textContent));
  // Pretend a minute has passed without use: the check runs every 5 s.
  await page.evaluate(() => {
    const now = Date.now;
    Date.now = () => now() + 61000;
  });
  await page.waitForSelector('#unlock-pass');
  await unlockOk(page);
  assert.deepEqual(await listed(h), ALL);
});

app.test('an export encrypted in the browser is decrypted by the age tool to the plain export', async (h) => {
  const { page } = h;
  await sealed(h);
  const hq = ageKey('hq.txt');
  await securityPage(h, '#recipients');
  await page.fill('#recipients', `${hq}\n`);
  await page.click('#save-recipients');
  await page.waitForFunction(() => /Saved 1 key/.test(document.querySelector('#handover')?.textContent));
  // A typo in a key is caught (checksum) and nothing is saved.
  await page.fill('#recipients', hq.slice(0, -2) + (hq.endsWith('qq') ? 'pp' : 'qq'));
  await page.click('#save-recipients');
  await page.waitForFunction(() => /Not a valid age public key/.test(document.querySelector('#handover')?.textContent));
  // The settings (the keys) are sealed too.
  assert.ok(!(await dump(page)).text.includes(hq));

  const [enc] = await Promise.all([page.waitForEvent('download'), page.click('#export-age')]);
  assert.match(enc.suggestedFilename(), /^resilience-\d{4}-\d\d-\d\d\.json\.age$/);
  const encPath = join(dir, 'export.json.age');
  await enc.saveAs(encPath);
  await page.goto(h.url + '#/');
  await page.waitForSelector('[data-export=json]');
  const [plain] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=json]')]);
  const plainPath = join(dir, 'export.json');
  await plain.saveAs(plainPath);
  const bytes = readFileSync(plainPath);
  assert.match(bytes.toString(), /Kasai-Oriental Zone Sept/);
  assert.ok(!readFileSync(encPath).includes('Kasai'));
  const out = execFileSync(AGE, ['-d', '-i', join(dir, 'hq.txt'), encPath]);
  const doc = JSON.parse(bytes);
  doc.assessments = doc.assessments.filter((a) => !a._example);
  assert.equal(out.toString(), JSON.stringify(doc, null, 2) + '\n', 'age -d gives the bytes of the plain export, without the invented example');
});

/** Imports an age file from the security page with an identity (and its passphrase, if any);
 * waits until the form says `re`. */
async function importAge(h, file, identity, pass, re) {
  await securityPage(h, '#age-file');
  await h.page.setInputFiles('#age-file', file);
  await h.page.setInputFiles('#age-identity', identity);
  if (pass != null) await h.page.fill('#age-pass', pass);
  await h.page.click('#import-age');
  await h.page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#import-age')?.parentElement.textContent), re.source);
}

app.test('a file encrypted by age to a field key opens with a passphrase-protected identity', async (h) => {
  const { page } = h;
  await sealed(h);
  const field = ageKey('field.txt');
  // `age -p` reads the passphrase from a terminal only: script(1) gives it one.
  const prot = join(dir, 'field.key.age');
  const r = spawnSync('script', ['-qec', `${AGE} -p -a -o ${prot} ${join(dir, 'field.txt')}`, '/dev/null'], {
    input: 'field pass phrase\nfield pass phrase\n',
    timeout: 60000,
  });
  assert.equal(r.status, 0, String(r.stdout));
  const doc = {
    assessments: [{ id: 'hq-1', unit: 'Sent from HQ Lomami', date: '2026-02-02', scores: { [INDICATORS[0]]: 3 } }],
  };
  writeFileSync(join(dir, 'hq.json'), JSON.stringify(doc));
  execFileSync(AGE, ['-r', field, '-o', join(dir, 'hq.json.age'), join(dir, 'hq.json')]);

  await importAge(h, join(dir, 'hq.json.age'), prot, 'wrong pass phrase', /Wrong passphrase/);
  await page.fill('#age-pass', 'field pass phrase');
  await page.click('#import-age');
  await page.waitForFunction(() => /Imported 1 assessment/.test(document.querySelector('#import-age')?.parentElement.textContent));
  await page.goto(h.url + '#/');
  await page.waitForSelector('.card:has-text("Sent from HQ Lomami")');
  assert.match(await page.getAttribute('.card:has-text("Sent from HQ Lomami")', 'data-id'), /^a-[0-9a-z]{10}$/, 'stored under a random key, not hq-1');
  // One bit flipped in the age file: refused, nothing imported.
  const t = readFileSync(join(dir, 'hq.json.age'));
  t[t.length - 20] ^= 1;
  writeFileSync(join(dir, 'bad.age'), t);
  await importAge(h, join(dir, 'bad.age'), join(dir, 'field.txt'), null, /changed or damaged/);
});

app.test('removing the passphrase stores everything in the clear again, in one step', async (h) => {
  const { page } = h;
  await sealed(h);
  await securityPage(h, '#off-pass');
  await page.fill('#off-pass', PASS);
  await page.click('#disable');
  await page.waitForSelector('#new-pass');
  const raw = await rawRecords(page);
  assert.equal(raw['a-one'].input.unit, UNIT);
  await reload(page);
  assert.deepEqual(await listed(h), ALL);
});

app.test('storage: a failed write leaves the previous version; old record versions are migrated, newer ones skipped', async (h) => {
  const { page } = h;
  await withRecords(h, [record('a-keep', 'Version one')]);
  // The next write of it fails (the codec throws): the stored version is still the first.
  await page.evaluate(async () => {
    const s = (await import('/app/later.js')).app_storage;
    s.setCodec({
      encode: () => {
        throw new Error('simulated');
      },
      decode: (v) => v,
    });
    s.put({ ...s.get('a-keep'), input: { ...s.get('a-keep').input, unit: 'Version two' } });
    await s.flush();
  });
  assert.equal((await rawRecords(page))['a-keep'].input.unit, 'Version one');
  // A record without a schema version (0) and one from the future.
  const old = record('a-old', 'Old format');
  delete old.schema;
  delete old.framework; // records named their framework from schema 2 on
  await setRaw(page, 'a-old', old);
  await setRaw(page, 'a-future', { ...record('a-future', 'From the future'), schema: 99 });
  await reload(page);
  const ids = await listed(h);
  assert.ok(ids.includes('a-old') && ids.includes('a-keep') && !ids.includes('a-future'));
  // Read as made under the framework of its time (1.1.0), in the current record shape.
  const read = await page.evaluate(async () => (await import('/app/later.js')).app_storage.get('a-old'));
  assert.equal(read.schema, 2);
  assert.deepEqual(read.framework, { id: 'resilience-default', version: '1.1.0' });
  assert.match(await page.textContent('[data-id=a-keep]'), /Version one/);
  assert.match(await page.textContent('#banner'), /a-future/);
});

// What the wipe must remove: records with the texts that the other tests put.
const WIPED = { ...UNITS, 'hq-1': 'Sent from HQ Lomami', 'a-keep': 'Version one' };

app.test('the panic wipe leaves no assessment data in any browser storage', async (h) => {
  const { page } = h;
  await withRecords(h, records(WIPED));
  await controlled(page);
  await setPassphrase(h);
  // Locked and offline, the app still opens: the crypto module is precached with the app.
  await h.context.setOffline(true);
  await lockNow(page);
  await unlockOk(page);
  assert.ok((await listed(h)).includes('a-one'));
  await h.context.setOffline(false);
  await leaveTraces(page);
  await securityPage(h, '#wipe');
  assert.ok(await page.isDisabled('#wipe'), 'not without the confirmation word');
  await page.fill('#panic .wipe-confirm', 'DELET');
  assert.ok(await page.isDisabled('#wipe'));
  await page.fill('#panic .wipe-confirm', 'DELETE');
  await page.click('#wipe');
  await page.waitForSelector('#wiped');
  assert.match(await page.textContent('#wiped'), /What remains/);
  const d = await dump(page);
  for (const n of [...NEEDLES, 'Bandundu', 'Tshopo', 'Lomami', 'Version one']) assert.ok(!d.text.includes(n), `"${n}" left after the wipe`);
  assert.deepEqual(d.dbs, [], 'no IndexedDB database left');
  const left = await page.evaluate(async () => ({
    caches: await caches.keys(),
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
  }));
  assert.ok(left.caches.length > 0 && left.caches.every((c) => /^resilience-/.test(c)), `only app-code caches: ${left.caches}`);
  assert.deepEqual(left.session, []);
  assert.ok(left.local.every((k) => k === 'resilience.lang'), `localStorage: ${left.local}`);
  // The report's button starts the app afresh.
  await page.click('#wiped button');
  await started(page);
});

app.test('a panic wipe without keeping the app leaves no cache and no service worker either', async (h) => {
  const { page } = h;
  await withRecords(h);
  await controlled(page);
  await leaveTraces(page);
  await securityPage(h, '#wipe');
  await page.uncheck('#wipe-keep');
  await page.fill('#panic .wipe-confirm', 'delete');
  await page.click('#wipe');
  await page.waitForSelector('#wiped'); // the report, shown in place
  const left = await page.evaluate(async () => ({
    dbs: await indexedDB.databases(),
    caches: await caches.keys(),
    sw: (await navigator.serviceWorker.getRegistrations()).length,
    local: localStorage.length,
  }));
  assert.deepEqual(left, { dbs: [], caches: [], sw: 0, local: 0 });
});
