// Framework versions: an assessment saved under the previous default framework (1.1.0, before
// records named their framework) opens, is scored with 1.1.0 exactly as the CLI scores it with
// `--framework www/frameworks/resilience-default-1.1.0.json`, and says which version scored it;
// a new assessment, and a re-assessment of the old one, use the current version. Exports carry
// each assessment's framework, imports keep it, and a framework the app does not have is refused.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite, open, reload, cli, shown, shownScores, WWW, FRAMEWORK, INDICATORS, PILLARS } from './harness.mjs';

const OLD_FILE = join(WWW, 'frameworks', 'resilience-default-1.1.0.json');
const OLD = JSON.parse(readFileSync(OLD_FILE, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'resilience-versions-'));
const UNIT = 'Old district (invented)';

// Each test its own browser profile (closed with its checks: no foreign request, page error or
// CSP violation); the server is shared.
const app = suite();
after(() => rmSync(dir, { recursive: true, force: true }));

const titleIn = (fw, id, lang = 'en') => {
  const walk = (n) => (n.id === id ? n : n.children?.map(walk).find(Boolean));
  return walk(fw.root).title[lang];
};

/** A record as the app stored it before records named their framework (schema 1). */
function oldRecord(id) {
  const scores = {};
  INDICATORS.forEach((ind, k) => (scores[ind] = [(k * 3) % 5, (k + 1) % 5, k % 4]));
  return {
    id,
    schema: 1,
    updated: '2025-11-02T09:00:00.000Z',
    respondentNames: ['R1', 'R2', 'R3'],
    input: { id, unit: UNIT, date: '2025-11-01', scores, notes: {} },
  };
}

/** Writes a stored value under `key` straight into the app's database (as an older app did). */
async function setRaw(page, key, value) {
  await page.evaluate(
    async ([key, value]) => {
      const db = await new Promise((ok) => (indexedDB.open('resilience').onsuccess = (e) => ok(e.target.result)));
      const tx = db.transaction('assessments', 'readwrite');
      tx.objectStore('assessments').put(value, key);
      await new Promise((ok) => (tx.oncomplete = ok));
      db.close();
    },
    [key, value],
  );
}

/** The app, with an assessment saved under 1.1.0 (`old-1`) as an older app stored it. */
async function withOld(h) {
  await open(h.page, h.url);
  await setRaw(h.page, 'old-1', oldRecord('old-1'));
  await reload(h.page);
}

async function rawRecord(page, key) {
  return page.evaluate(async (key) => {
    const db = await new Promise((ok) => (indexedDB.open('resilience').onsuccess = (e) => ok(e.target.result)));
    const r = db.transaction('assessments').objectStore('assessments').get(key);
    const v = await new Promise((ok) => (r.onsuccess = () => ok(r.result)));
    db.close();
    return v;
  }, key);
}

/** The CLI's result for `input` scored with the framework file `fw` (or the default). */
function cliScore(input, fw) {
  const file = join(dir, `in-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(input));
  return JSON.parse(cli(file, '--compact', ...(fw ? ['--framework', fw] : []))).results[0];
}

/** The indicator titles of the results page, every pillar's. */
const indicatorTitles = (page) => page.$$eval('.report .ibars .in', (l) => l.map((x) => x.textContent));

async function exported(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('main [data-export="json"]')]);
  return readFileSync(await dl.path(), 'utf8');
}

app.test('an assessment saved under 1.1.0 is scored with 1.1.0, as the CLI scores it, and says so', async (h) => {
  const { page } = h;
  await open(page, h.url);
  const rec = oldRecord('old-1');
  await setRaw(page, 'old-1', rec);
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('complete').length > 0);
  assert.ok(h.requests.some((u) => u.endsWith('/frameworks/resilience-default-1.1.0.json')), 'the previous framework is loaded');
  assert.ok(readFileSync(join(WWW, 'sw.js'), 'utf8').includes("'frameworks/resilience-default-1.1.0.json',"), 'and precached for offline use');

  // The list says which version it was made under.
  await open(page, h.url, '#/');
  assert.match(await page.textContent('[data-id="old-1"]'), /framework version 1\.1\.0/);
  assert.doesNotMatch(await page.textContent('[data-id="example"]'), /framework version/);

  await open(page, h.url, '#/r/old-1');
  const note = await page.textContent('.report .scored-with');
  assert.match(note, /Scored with framework version 1\.1\.0/);
  assert.match(note, new RegExp(`the current version is ${FRAMEWORK.version.replace(/\./g, '\\.')}`));
  assert.equal(await page.getAttribute('.report .scored-with a', 'href'), '#/help?s=versions');
  assert.match(await page.textContent('.report > p.muted'), /version 1\.1\.0/);
  // Its indicators carry the 1.1.0 titles: its answers were given against those.
  const bars = await indicatorTitles(page);
  assert.ok(bars.includes(titleIn(OLD, 'justice.public_trust')), '1.1.0 title');
  assert.ok(!bars.includes(titleIn(FRAMEWORK, 'justice.public_trust')), 'not the current title');

  // The same numbers as the CLI with --framework that file.
  const want = cliScore(rec.input, OLD_FILE);
  const got = await shownScores(page, '.report');
  assert.equal(got.overall, shown(want.overall.score));
  for (const p of PILLARS) assert.equal(got[p], shown(want.nodes[p].score), p);
  for (const i of INDICATORS) assert.equal(got[i], shown(want.nodes[i].score), i);
  assert.deepEqual(
    await page.$$eval('.report .alarms [data-alarm]', (l) => l.map((x) => x.dataset.alarm)),
    want.alarms.map((a) => a.indicator),
  );

  // The form shows the 1.1.0 anchors, and the live results say which version scores it.
  await open(page, h.url, '#/a/old-1');
  const tm = 'citizenship.tension_mechanisms';
  const form = await page.textContent(`#i-${CSS_ESCAPE(tm)}`);
  assert.ok(form.includes(OLD.root.children[0].children[6].scale.anchors[0].label.en), 'the 1.1.0 anchor 0');
  assert.match(await page.textContent('.live .scored-with'), /1\.1\.0/);
  // An edit keeps it under 1.1.0, now written with the framework named (schema 2).
  await page.check(`input[name="s-${INDICATORS[0]}"][value="4"]`);
  await page.evaluate(async () => (await import('/app/later.js')).app_storage.flush());
  const stored = await rawRecord(page, 'old-1');
  assert.equal(stored.schema, 2);
  assert.deepEqual(stored.framework, { id: 'resilience-default', version: '1.1.0' });

  // What changed: the help page opens at its section.
  await page.click('.live .scored-with a');
  await page.waitForFunction(() => document.documentElement.dataset.shown === '#/help?s=versions');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'help-versions');
  assert.match(await page.textContent('main'), /Version 2\.0\.0 changed what the anchors mean/);
});

app.test('a new assessment, and a re-assessment of an old one, use the current version', async (h) => {
  const { page } = h;
  await withOld(h);
  await open(page, h.url);
  await page.click('#new');
  await page.waitForFunction(() => document.activeElement?.name === 'unit');
  await page.keyboard.type('New district (invented)');
  for (const id of INDICATORS) await page.check(`input[name="s-${id}"][value="1"]`);
  const id = decodeURIComponent(page.url().split('#/a/')[1].split('?')[0]);
  // The current anchors: a missing peace council is a 1 now, not a 0.
  const tm = FRAMEWORK.root.children[0].children[6];
  assert.equal(tm.id, 'citizenship.tension_mechanisms');
  assert.ok((await page.textContent(`#i-${CSS_ESCAPE(tm.id)}`)).includes(tm.scale.anchors[1].label.en));
  assert.equal(await page.$('.live .scored-with'), null);
  const r = await page.evaluate(async (id) => (await import('/app/later.js')).app_storage.get(id), id);
  assert.equal(r.schema, 2);
  assert.deepEqual(r.framework, { id: FRAMEWORK.id, version: FRAMEWORK.version });
  assert.equal(FRAMEWORK.version, '2.1.0');
  await open(page, h.url, `#/r/${encodeURIComponent(id)}`);
  assert.equal(await page.$('.report .scored-with'), null);
  assert.match(await page.textContent('.report > p.muted'), /version 2\.1\.0/);
  const want = cliScore(r.input);
  assert.equal((await shownScores(page, '.report')).overall, shown(want.overall.score));

  // "Re-assess" the old one: a new assessment, under the current version.
  await open(page, h.url, '#/');
  const before = await page.$$eval('.cards [data-id]', (l) => l.map((x) => x.dataset.id));
  await page.click('[data-id="old-1"] .actions button:has-text("Re-assess")');
  await page.waitForSelector('#toast .toast');
  await page.waitForFunction(() => /^#\/a\//.test(document.documentElement.dataset.shown)); // the copy's form
  await open(page, h.url, '#/');
  const after = await page.$$eval('.cards [data-id]', (l) => l.map((x) => x.dataset.id));
  const copy = after.find((x) => !before.includes(x));
  const c = await page.evaluate(async (id) => (await import('/app/later.js')).app_storage.get(id), copy);
  assert.deepEqual(c.framework, { id: FRAMEWORK.id, version: FRAMEWORK.version });

  // Compared side by side, the versions are named.
  await open(page, h.url, `#/compare?ids=old-1,${encodeURIComponent(copy)}`);
  assert.match(await page.textContent('.comparison .versions'), /1\.1\.0, 2\.1\.0|2\.1\.0, 1\.1\.0/);
});

app.test('exports carry each framework, imports keep it, an unknown one is refused', async (h) => {
  const { page } = h;
  await withOld(h);
  // The old assessment alone: the file names 1.1.0, and the CLI scores it with that file.
  await open(page, h.url, '#/r/old-1');
  const one = JSON.parse(await exported(page));
  assert.deepEqual(one._framework, { id: 'resilience-default', version: '1.1.0' });
  assert.deepEqual(one.assessments[0]._framework, one._framework);
  // Everything: each assessment says its own; the file does not pick one.
  await open(page, h.url, '#/');
  const all = await exported(page);
  const doc = JSON.parse(all);
  assert.equal(doc._framework, undefined);
  assert.deepEqual(doc.assessments.find((a) => a.id === 'old-1')._framework.version, '1.1.0');
  assert.ok(doc.assessments.filter((a) => a.id !== 'old-1').every((a) => a._framework.version === '2.1.0'));

  // Into a fresh profile: the old one is still scored with 1.1.0, and the bytes come back.
  const b = await app.start();
  try {
    await open(b.page, b.url);
    const file = join(dir, 'all.json');
    writeFileSync(file, all);
    while (await b.page.$('.card .danger')) await b.page.click('.card .danger');
    // The import's toast, not the last deletion's (a toast stays until closed).
    await b.page.evaluate(() => document.querySelector('#toast .toast')?.setAttribute('data-seen', ''));
    await b.page.setInputFiles('input[type=file]', file);
    await b.page.waitForSelector('#toast .toast:not([data-seen])');
    // Imported under a random key (the file's id stays inside the record).
    await open(b.page, b.url, '#/');
    const oldKey = await b.page.$eval(`.cards [data-id]:has-text("${UNIT}")`, (el) => el.dataset.id);
    await open(b.page, b.url, `#/r/${oldKey}`);
    assert.match(await b.page.textContent('.report .scored-with'), /1\.1\.0/);
    await open(b.page, b.url, '#/');
    assert.equal(await exported(b.page), all, 'JSON round trip with frameworks');

    // A framework this app does not have: refused, with where and why.
    const bad = join(dir, 'future.json');
    writeFileSync(bad, JSON.stringify({ _framework: { id: 'resilience-default', version: '9.0.0' }, assessments: [{ id: 'f-1', scores: {} }] }));
    await b.page.setInputFiles('input[type=file]', bad);
    await b.page.waitForSelector('.notice.bad li');
    assert.match(await b.page.textContent('.notice.bad'), /\$\._framework: made under version 9\.0\.0 of the framework “resilience-default”/);
    assert.deepEqual(await b.csp(b.page), [], 'no CSP violations');
  } finally {
    await b.close({ keepServer: true });
  }
});

app.test('in French, the notice and the help say it in French', async (h) => {
  const { page } = h;
  await withOld(h);
  await open(page, h.url, '#/r/old-1');
  await page.selectOption('#lang', 'fr');
  await page.waitForFunction(() => /Calculée avec la version 1\.1\.0 du cadre/.test(document.querySelector('.report .scored-with')?.textContent || ''));
  assert.ok((await indicatorTitles(page)).includes(titleIn(OLD, 'justice.public_trust', 'fr')));
  await open(page, h.url, '#/help?s=versions');
  assert.match(await page.textContent('#help-versions'), /Versions du cadre/);
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
});

/** CSS.escape for ids with dots, on the Node side. */
function CSS_ESCAPE(s) {
  return s.replace(/\./g, '\\.');
}

app.test('an assessment saved under 2.0.0 opens under 2.1.0, which scores its answers the same', async (h) => {
  const { page } = h;
  await open(page, h.url);
  const r = oldRecord('v2-1');
  r.schema = 2;
  r.framework = { id: 'resilience-default', version: '2.0.0' };
  r.input.unit = 'Made under 2.0.0 (invented)';
  await setRaw(page, 'v2-1', r);
  await reload(page);
  await open(page, h.url, '#/r/v2-1');
  // Scored (not refused as an unknown framework), as the CLI scores it with the current default.
  assert.match(await page.textContent('.report > p.muted'), /version 2\.1\.0/);
  assert.equal((await shownScores(page, '.report')).overall, shown(cliScore(r.input).overall.score));
  // A file naming 2.0.0 is taken too.
  const file = join(dir, 'v2.json');
  writeFileSync(file, JSON.stringify({ _framework: { id: 'resilience-default', version: '2.0.0' }, assessments: [{ ...r.input, id: 'file-v2', unit: 'From a 2.0.0 file' }] }));
  await open(page, h.url, '#/');
  await page.setInputFiles('input[type=file]', file);
  await page.waitForSelector('.cards [data-id]:has-text("From a 2.0.0 file")');
});
