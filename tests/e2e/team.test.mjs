// Team assessments with no server (docs/team.md), three browsers as three devices: two
// assessors score the same assessment and export it; a third device merges their files, sees
// their agreement, runs the consensus round and switches the results to the agreed scores; the
// same with a passphrase set on that device. Importing a file twice changes nothing; one
// assessor's answers that conflict are kept until the user decides.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { after, test as nodeTest } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { suite, using, open, started, cli, cliBin, shown, formId, FRAMEWORK, INDICATORS, WWW, TEST_TIMEOUT } from './harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'resilience-team-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const app = suite();

// Merging and agreement are the analysis module's `mergeTeam` and `teamAgreement` (built from
// crates/team into www/pkg-analysis).
const test = (name, fn) => nodeTest(name, { timeout: TEST_TIMEOUT }, async () => using(await app.start(), fn));

const IDS = INDICATORS.slice(0, 8);
// Three steps apart on IDS[1] (the most disputed), two on IDS[3], one on IDS[4] and IDS[6].
const AMINA = [2, 3, 1, 2, 4, 2, 3, 1];
const JB = [2, 0, 1, 4, 3, 2, 2, 1];
const REASON = 'saw abuses in the north <b>x</b>';
const PASS = 'correct horse battery staple 7';

/** Reloads the page, entering the passphrase if one is asked for. */
async function reloaded(page) {
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('complete').length > 0 || document.querySelector('#unlock-pass'));
  if (await page.$('#unlock-pass')) {
    await page.fill('#unlock-pass', PASS);
    await page.click('#unlock');
  }
  await started(page);
}

/** Krippendorff's alpha for ordinal data (Krippendorff 2011, section C), computed here apart
 * from the engine: `units` are the values each indicator was given. */
function ordinalAlpha(units) {
  const pairable = units.filter((u) => u.length > 1);
  const values = [...new Set(pairable.flat())].sort((a, b) => a - b);
  const o = values.map(() => values.map(() => 0));
  for (const u of pairable) for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j) o[values.indexOf(u[i])][values.indexOf(u[j])] += 1 / (u.length - 1);
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  const d2 = (c, k) => {
    const [lo, hi] = [Math.min(c, k), Math.max(c, k)];
    const x = nc.slice(lo, hi + 1).reduce((s, v) => s + v, 0) - (nc[c] + nc[k]) / 2;
    return x * x;
  };
  let obs = 0;
  let exp = 0;
  for (let c = 0; c < values.length; c++) for (let k = 0; k < values.length; k++) (obs += o[c][k] * d2(c, k)), (exp += nc[c] * nc[k] * d2(c, k));
  return 1 - ((n - 1) * obs) / exp;
}

async function exported(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('main [data-export="json"]')]);
  return readFileSync(await dl.path(), 'utf8');
}

/** Imports `text` as a file named `name` from the list; returns the toast's text. */
async function importText(page, url, text, name) {
  await open(page, url, '#/'); // (a hash: the same page, not a reload, which would ask for a passphrase)
  writeFileSync(join(dir, name), text);
  await page.evaluate(() => document.querySelector('#toast .toast')?.setAttribute('data-seen', ''));
  await page.setInputFiles('input[type=file]', join(dir, name));
  await page.waitForSelector('#toast .toast:not([data-seen])');
  return page.textContent('#toast .toast p');
}

/** Sets this device's assessor code on the form shown (Enter commits it). */
async function setCode(page, code) {
  await page.fill('input[name=assessor]', code);
  await page.press('input[name=assessor]', 'Enter');
  await page.waitForFunction((c) => document.querySelector('input[name=assessor]').value === c && !document.querySelector('.sheet').inert, code);
}

async function score(page, values, note) {
  for (const [k, v] of values.entries()) await page.check(`input[name="s-${IDS[k]}"][value="${v}"]`);
  if (note) await page.fill(`textarea[name="n-${IDS[1]}"]`, note);
}

/** The card id of the assessment named `unit` on the list. */
async function cardOf(page, url, unit) {
  await open(page, url, '#/');
  return page.evaluate((unit) => [...document.querySelectorAll('.card')].find((c) => c.querySelector('h2 a')?.textContent === unit)?.dataset.id, unit);
}

/** On device `d`: a new assessment of `unit`, exported empty into `files.start` (the file that
 * starts the team), then its form open with amina as the assessor; returns its id. */
async function startTeam(d, unit, files) {
  const p = d.page;
  await open(p, d.url);
  await p.click('#new');
  await p.waitForFunction(() => document.activeElement?.name === 'unit');
  await p.fill('input[name=unit]', unit);
  const id = formId(p);
  await open(p, d.url, `#/r/${id}`);
  files.start = await exported(p);
  await open(p, d.url, `#/a/${id}`);
  await setCode(p, 'amina');
  return id;
}

/** Devices 1 and 2: the assessment created on 1, exported, imported on 2; amina scores on 1 and
 * jb on 2; returns both assessors' files. */
async function twoAssessors() {
  const files = {};
  await using(await app.start(), async (d1) => {
    const p = d1.page;
    const id = await startTeam(d1, 'Team district', files);
    await score(p, AMINA, 'two cases in March');
    await open(p, d1.url, `#/r/${id}`);
    files.amina = await exported(p);
  });
  await using(await app.start(), async (d2) => {
    const p = d2.page;
    assert.match(await importText(p, d2.url, files.start, 'start.json'), /Imported 1 assessment/);
    const id = await cardOf(p, d2.url, 'Team district');
    await open(p, d2.url, `#/a/${id}`);
    await setCode(p, 'jb');
    await score(p, JB, '<script>alert(1)</script> & co');
    await open(p, d2.url, `#/r/${id}`);
    files.jb = await exported(p);
  });
  const a = JSON.parse(files.amina).assessments[0];
  const b = JSON.parse(files.jb).assessments[0];
  assert.equal(a.id, b.id, 'one assessment id across devices');
  assert.equal(a.assessor, 'amina');
  assert.equal(b.assessor, 'jb');
  assert.deepEqual(Object.keys(a._edited).sort(), [...IDS].sort(), 'every answer has its edit time');
  // jb's evidence for the disputed indicator, as the evidence rows write it (#16).
  const doc = JSON.parse(files.jb);
  doc.assessments[0].evidence = { [IDS[1]]: { source: ['interview', 'document'], date: '2026-03', confidence: 'high' } };
  files.jb = JSON.stringify(doc);
  return files;
}

/** Device 3: merges both files, checks the team, agreement, consensus round and agreed basis. */
async function facilitator(h, files, { locked = false } = {}) {
  const p = h.page;
  assert.match(await importText(p, h.url, files.amina, 'amina.json'), /Imported 1 assessment/);
  assert.match(await importText(p, h.url, files.jb, 'jb.json'), /Merged 1 team assessment/);
  // Twice: nothing changes.
  const id = await cardOf(p, h.url, 'Team district');
  await open(p, h.url, `#/r/${id}`);
  const once = await exported(p);
  assert.match(await importText(p, h.url, files.jb, 'jb.json'), /Imported 0 assessments \(1 already here\)/);
  assert.match(await importText(p, h.url, files.amina, 'amina.json'), /\(1 already here\)/);
  assert.equal(await p.locator('.card').filter({ hasText: 'Team district' }).count(), 1, 'merged, not added beside');
  await open(p, h.url, `#/r/${id}`);
  assert.equal(await exported(p), once, 'a second import changes nothing');

  // Both assessors and their agreement.
  await p.waitForSelector('.team [data-assessor="amina"]');
  assert.deepEqual(await p.$$eval('.team [data-assessor]', (l) => l.map((x) => x.dataset.assessor)), ['amina', 'jb']);
  await p.waitForSelector('.team [data-alpha]');
  const alpha = ordinalAlpha(IDS.map((_, k) => [AMINA[k], JB[k]]));
  assert.equal(await p.textContent('.team [data-alpha]'), alpha.toFixed(2), 'alpha as computed apart');
  assert.equal(await p.textContent('.team [data-exact]'), '50%');
  assert.equal(await p.textContent('.team [data-within]'), '75%');
  assert.equal(await p.getAttribute('.team .reading', 'data-reading'), alpha >= 0.8 ? 'good' : alpha >= 0.667 ? 'tentative' : 'care');

  // The consensus round: the most disputed first, every assessor's score and note side by side.
  await p.click('.team [data-workshop]');
  await p.waitForSelector('.rounds[data-ready]');
  assert.equal(await p.getAttribute('.round >> nth=0', 'data-round'), IDS[1]);
  const first = p.locator('.round').first();
  assert.equal(await first.locator('.spread').getAttribute('data-spread'), '3');
  const side = await first.locator('.side').textContent();
  assert.ok(side.includes('two cases in March') && side.includes('<script>alert(1)</script> & co'), 'both notes, as text');
  assert.ok(side.includes('Evidence: interview, document · 2026-03 · high confidence'), side);
  assert.equal(await p.locator('.round script').count(), 0);
  await first.locator('[data-agree="2"]').click();
  await first.locator('[data-dissent-add]').click();
  await first.locator('[data-dissent-who="0"]').selectOption('jb');
  await first.locator('[data-dissent-why="0"]').fill(REASON);
  await reloaded(p); // stored as typed
  await p.waitForSelector('.rounds[data-ready]');
  assert.equal(await p.locator('.round').first().locator('[data-dissent-why="0"]').inputValue(), REASON);
  assert.equal(await p.locator('.round').first().locator('[aria-pressed="true"]').getAttribute('data-agree'), '2');

  // The results switch to the agreed scores, as the CLI scores the exported file.
  await open(p, h.url, `#/r/${id}`);
  // (Eight indicators scored: the first pillar has a score, the overall index not yet.)
  const pillar = IDS[1].split('.')[0];
  const pooled = await p.textContent(`.report .pillars [data-k="${pillar}"]`);
  await p.check('[data-basis="agreed"]');
  await p.waitForFunction(() => document.querySelector('[data-basis="agreed"]')?.checked);
  const file = JSON.parse(await exported(p));
  const a = file.assessments[0];
  assert.equal(a.basis, 'agreed');
  assert.deepEqual(Object.keys(a.assessors), ['amina', 'jb']);
  assert.deepEqual(a.agreed[IDS[1]].dissent, [{ assessor: 'jb', reason: REASON }]);
  assert.equal(a.agreed[IDS[1]].score, 2);
  assert.equal(a.scores[IDS[1]], 2, 'the agreed score replaces the pool');
  assert.deepEqual(a.scores[IDS[3]], [2, 4], 'elsewhere every assessor’s score');
  writeFileSync(join(dir, 'team.json'), JSON.stringify(file));
  const res = JSON.parse(cli(join(dir, 'team.json'))).results[0];
  assert.equal(await p.textContent(`.report .pillars [data-k="${pillar}"]`), shown(res.nodes[pillar].score), 'agreed basis: the CLI’s score');
  assert.notEqual(pooled, shown(res.nodes[pillar].score), 'the basis changes the score');
  // Both assessors, the agreed score and the dissent on the results page (as text).
  const team = await p.textContent('.team');
  assert.ok(team.includes('amina') && team.includes('jb'));
  assert.ok((await p.textContent(`[data-agreed="${IDS[1]}"]`)).includes(REASON));
  assert.equal(await p.locator('.team b').count(), 0, 'a reason never becomes markup');

  // The report of the exported file, where this version has it: the assessors, the basis and
  // the dissent. (Its page is #16's; here the analysis module's function itself.)
  const html = await p.evaluate(async (input) => {
    const W = await import('/pkg-analysis/resilience.js');
    if (typeof W.report !== 'function') return null;
    await W.default({ module_or_path: '/pkg-analysis/resilience_bg.wasm' });
    const M = await import('/js/shared/model.js');
    return W.report(input, null, 'en', '2026-03-20', (await M.defaultModel('en')).fw);
  }, a);
  if (html != null) {
    assert.match(html, /Assessors: amina, jb\./);
    assert.match(html, /consensus round/);
    assert.ok(html.includes('saw abuses in the north &lt;b&gt;x&lt;/b&gt;'), 'the dissent, escaped');
  }

  if (locked) {
    // Sealed at rest like any record: nothing of the team in the clear.
    const raw = await p.evaluate(async () => {
      const db = await new Promise((ok) => (indexedDB.open('resilience').onsuccess = (e) => ok(e.target.result)));
      const get = (r) => new Promise((ok) => (r.onsuccess = () => ok(r.result)));
      const vals = await get(db.transaction('assessments').objectStore('assessments').getAll());
      db.close();
      return vals.map((v) => (v instanceof Uint8Array ? 'sealed' : JSON.stringify(v)));
    });
    assert.ok(raw.length && raw.every((v) => v === 'sealed'), 'every record sealed');
    // Locked, then unlocked: all still there.
    await p.click('#lock-now');
    await p.waitForSelector('#unlock-pass');
    await p.fill('#unlock-pass', PASS);
    await p.click('#unlock');
    await started(p);
    // (the same page again, unlocked)
    await open(p, h.url, `#/r/${id}`);
    await p.waitForSelector(`[data-agreed="${IDS[1]}"]`);
    assert.ok(await p.isChecked('[data-basis="agreed"]'));
  }
}


let files = null;
const both = async () => (files ??= await twoAssessors());

test('two assessors on two devices, merged on a third: agreement, consensus round, agreed basis', async (h) => {
  await facilitator(h, await both());
});

test('the same on a device with a passphrase: merged records are sealed, and survive locking', async (h) => {
  const f = await both();
  await open(h.page, h.url);
  await h.page.goto(h.url + '#/security');
  await h.page.waitForSelector('#new-pass');
  await h.page.fill('#new-pass', PASS);
  await h.page.fill('#new-pass2', PASS);
  await h.page.check('#understand');
  await h.page.click('#enable');
  await h.page.waitForSelector('#lock-page');
  await facilitator(h, f, { locked: true });
});

test('one assessor’s answers that conflict are kept until decided; the decision settles them', async (h) => {
  const f = await both();
  // amina changes an answer after her export: a second file from the same device (both edits
  // in the past: an answer edited after a decision is not settled by it).
  const ago = (s) => new Date(Date.now() - s * 1000).toISOString();
  const a = JSON.parse(f.amina);
  a.assessments[0]._edited[IDS[0]] = a.assessments[0]._updated = ago(20);
  const first = JSON.stringify(a);
  const later = structuredClone(a);
  const x = later.assessments[0];
  x.scores[IDS[0]] = 3;
  x.notes = { ...x.notes, [IDS[0]]: 'rechecked' };
  x._edited[IDS[0]] = x._updated = ago(10);
  const p = h.page;
  await importText(p, h.url, first, 'a1.json');
  assert.match(await importText(p, h.url, JSON.stringify(later), 'a2.json'), /Merged 1 team assessment/);
  const id = await cardOf(p, h.url, 'Team district');
  await open(p, h.url, `#/r/${id}`);
  const c = p.locator(`[data-conflict="amina ${IDS[0]}"]`);
  await c.waitFor();
  // Both kept, in edit order, the later proposed.
  assert.match(await c.locator('[data-version="0"]').textContent(), /^2 ·/);
  assert.match(await c.locator('[data-version="1"]').textContent(), /^3 ·.*rechecked.*later edit, proposed/s);
  assert.equal(await c.locator('button.primary').getAttribute('data-keep'), 'later');
  // The scores are amina's latest until then.
  const file = JSON.parse(await exported(p)).assessments[0];
  assert.equal(file.assessors.amina.scores[IDS[0]], 3);
  assert.equal(file.assessors.amina.conflicts[IDS[0]].length, 2);
  // Keep the earlier: settled, recorded as a decision.
  await c.locator('[data-keep="earlier"]').click();
  await p.waitForFunction(() => !document.querySelector('[data-conflict]'));
  const settled = await exported(p);
  const s = JSON.parse(settled).assessments[0].assessors.amina;
  assert.equal(s.scores[IDS[0]], 2);
  assert.equal(s.notes?.[IDS[0]], undefined, 'the earlier answer whole: its note too');
  assert.equal(s.conflicts, undefined);
  assert.ok(s.resolved[IDS[0]] >= s.edited[IDS[0]], 'the decision is recorded');
  // Importing either file again brings nothing back.
  for (const [text, name] of [[JSON.stringify(later), 'a2.json'], [first, 'a1.json']]) {
    assert.match(await importText(p, h.url, text, name), /\(1 already here\)/);
    await open(p, h.url, `#/r/${id}`);
    assert.equal(await exported(p), settled);
  }
});

test('a team assessment without a code here keeps the form locked; a code already used is refused', async (h) => {
  const f = await both();
  const p = h.page;
  await importText(p, h.url, f.amina, 'amina.json');
  await importText(p, h.url, f.jb, 'jb.json');
  const id = await cardOf(p, h.url, 'Team district');
  await open(p, h.url, `#/a/${id}`);
  assert.equal(await p.evaluate(() => document.querySelector('.sheet').inert), true, 'no answers without a code');
  assert.match(await p.textContent('.assessor'), /set your assessor code/);
  // amina's code continues her answers here (the same person on a new device).
  await setCode(p, 'amina');
  assert.equal(await p.isChecked(`input[name="s-${IDS[1]}"][value="3"]`), true);
  assert.equal(await p.inputValue(`textarea[name="n-${IDS[1]}"]`), 'two cases in March', 'her notes too');
  // Now with answers of her own here, she cannot take jb's code.
  await p.fill('input[name=assessor]', 'jb');
  await p.press('input[name=assessor]', 'Enter');
  await p.waitForSelector('input[name=assessor][aria-invalid]');
  assert.match(await p.textContent('.assessor'), /“jb” already has answers/);
  await reloaded(p);
  assert.equal(await p.inputValue('input[name=assessor]'), 'amina');
});

test('a merged team keeps a warning sign one assessor set and a group score another set, in the app, its export and the CLI', async (h) => {
  // Three devices of their own (independent of the other tests): amina sees hate speech; jb
  // scores the first indicator as experienced by women.
  const files = {};
  await using(await app.start(), async (d1) => {
    const p = d1.page;
    const id = await startTeam(d1, 'Signs district', files);
    await p.check(`input[name="s-${IDS[0]}"][value="2"]`);
    await p.check('input[name="c-hate_speech"][value="present"]');
    await p.fill('textarea[name="cn-hate_speech"]', 'radio <i>broadcasts</i>');
    await open(p, d1.url, `#/r/${id}`);
    files.amina = await exported(p);
  });
  await using(await app.start(), async (d2) => {
    const p = d2.page;
    await importText(p, d2.url, files.start, 'start.json');
    const id = await cardOf(p, d2.url, 'Signs district');
    await open(p, d2.url, `#/a/${id}`);
    await setCode(p, 'jb');
    await p.check(`input[name="s-${IDS[0]}"][value="3"]`);
    await p.click('[data-group-add]');
    await p.locator('[data-group-name]').last().fill('Women');
    await p.waitForSelector('input[type=radio][data-group="Women"]');
    await p.check('input[type=radio][data-group="Women"]');
    await p.check(`input[name="s-${IDS[0]}"][value="1"]`);
    await p.check('input[type=radio][data-group=""]');
    await open(p, d2.url, `#/r/${id}`);
    files.jb = await exported(p);
  });
  const mine = JSON.parse(files.amina).assessments[0];
  const theirs = JSON.parse(files.jb).assessments[0];
  assert.equal(mine.context.hate_speech.status, 'present');
  assert.equal(theirs.groups.Women.scores[IDS[0]], 1);
  // When each was edited travels with it (the later edit is proposed on a conflict).
  assert.ok(mine._context_edited.hate_speech <= mine._updated);
  assert.ok(theirs.groups.Women._edited[IDS[0]] <= theirs._updated);

  const p = h.page;
  await importText(p, h.url, files.amina, 'amina.json');
  assert.match(await importText(p, h.url, files.jb, 'jb.json'), /Merged 1 team assessment/);
  const id = await cardOf(p, h.url, 'Signs district');
  await open(p, h.url, `#/r/${id}`);
  // The results: amina's sign among the signs present, jb's group scored.
  await p.waitForSelector('.signs-present [data-sign="hate_speech"]');
  assert.ok((await p.textContent('.signs-present [data-sign="hate_speech"]')).includes('amina: radio <i>broadcasts</i>'), 'her note, as text');
  await p.waitForSelector('.by-group [data-group="Women"]');
  // The export keeps each assessor's, and the team's as the engine reads them.
  const team = JSON.parse(await exported(p)).assessments[0];
  assert.deepEqual(team.assessors.amina.context, { hate_speech: { status: 'present', note: 'radio <i>broadcasts</i>' } });
  assert.equal(team.assessors.amina.groups, undefined);
  assert.deepEqual(team.assessors.jb.groups.Women.scores, { [IDS[0]]: 1 });
  assert.equal(team.assessors.amina.context_edited.hate_speech, mine._context_edited.hate_speech);
  assert.equal(team.assessors.jb.groups.Women.edited[IDS[0]], theirs.groups.Women._edited[IDS[0]]);
  assert.equal(team.assessors.jb.context, undefined);
  assert.equal(team.context.hate_speech.status, 'present');
  assert.deepEqual(team.groups.Women.scores, { [IDS[0]]: [1] });
  assert.deepEqual(team.scores[IDS[0]], [2, 3]);
  // Importing either file again changes nothing.
  assert.match(await importText(p, h.url, files.jb, 'jb.json'), /\(1 already here\)/);
  assert.match(await importText(p, h.url, files.amina, 'amina.json'), /\(1 already here\)/);
  // The CLI scores the exported file with both, and merges it again with both files as it is.
  const path = join(dir, 'signs-team.json');
  writeFileSync(path, JSON.stringify({ assessments: [team] }));
  const res = JSON.parse(cli(path)).results[0];
  assert.deepEqual(res.context.present.map((x) => x.id), ['hate_speech']);
  assert.deepEqual(res.groups.map((g) => g.name), ['Women']);
  writeFileSync(join(dir, 'signs-amina.json'), files.amina);
  writeFileSync(join(dir, 'signs-jb.json'), files.jb);
  const again = JSON.parse(execFileSync(cliBin(), ['merge', path, join(dir, 'signs-amina.json'), join(dir, 'signs-jb.json')], { encoding: 'utf8' })).assessments[0];
  assert.deepEqual(again.assessors.amina.context, team.assessors.amina.context);
  assert.deepEqual(again.assessors.jb.groups.Women.scores, team.assessors.jb.groups.Women.scores);
  assert.deepEqual(again.context, team.context);
  assert.deepEqual(again.groups, team.groups);
});

test('one assessor’s warning sign and group score that conflict are shown, kept until decided, and settled by the decision', async (h) => {
  // Two exports of amina's device, the sign and the group's score changed between them.
  const ago = (s) => new Date(Date.now() - s * 1000).toISOString();
  const file = (status, score, at) =>
    JSON.stringify({
      assessments: [
        {
          id: 'a-conflicts',
          unit: 'Conflict district',
          assessor: 'amina',
          scores: { [IDS[0]]: 2 },
          context: { hate_speech: { status, note: `seen ${status}` } },
          groups: { Women: { scores: { [IDS[0]]: score } } },
          _edited: { [IDS[0]]: ago(60) },
          _updated: at,
          _framework: { id: FRAMEWORK.id, version: FRAMEWORK.version },
        },
      ],
    });
  const first = file('present', 1, ago(20));
  const later = file('absent', 3, ago(10));
  const p = h.page;
  await importText(p, h.url, first, 'c1.json');
  assert.match(await importText(p, h.url, later, 'c2.json'), /Merged 1 team assessment/);
  const id = await cardOf(p, h.url, 'Conflict district');
  await open(p, h.url, `#/r/${id}`);
  const sign = p.locator('[data-conflict="amina sign hate_speech"]');
  const group = p.locator(`[data-conflict="amina group Women ${IDS[0]}"]`);
  await sign.waitFor();
  assert.equal(await p.locator(`[data-conflict="amina ${IDS[0]}"]`).count(), 0, 'the same score twice is no conflict');
  // Both kept, in edit order, the later proposed, as for an indicator.
  assert.match(await sign.locator('[data-version="0"]').textContent(), /^Present — “seen present”/);
  assert.match(await sign.locator('[data-version="1"]').textContent(), /^Absent — “seen absent”.*later edit, proposed/s);
  assert.match(await group.locator('[data-version="0"]').textContent(), /^1 ·/);
  assert.match(await group.locator('[data-version="1"]').textContent(), /^3 ·.*later edit, proposed/s);
  const before = JSON.parse(await exported(p)).assessments[0];
  assert.equal(before.assessors.amina.context.hate_speech.status, 'absent', 'the later is current until then');
  assert.equal(before.assessors.amina.context_conflicts.hate_speech.length, 2);
  assert.equal(before.assessors.amina.groups.Women.conflicts[IDS[0]].length, 2);
  // Keep the earlier sign (present), the later score.
  await sign.locator('[data-keep="earlier"]').click();
  await p.waitForFunction(() => !document.querySelector('[data-conflict="amina sign hate_speech"]'));
  await group.locator('[data-keep="later"]').click();
  await p.waitForFunction(() => !document.querySelector('[data-conflict]'));
  const settled = await exported(p);
  const a = JSON.parse(settled).assessments[0];
  const amina = a.assessors.amina;
  assert.deepEqual(amina.context.hate_speech, { status: 'present', note: 'seen present' });
  assert.equal(amina.context_conflicts, undefined);
  assert.ok(amina.context_resolved.hate_speech, 'the decision is recorded');
  assert.deepEqual(amina.groups.Women.scores, { [IDS[0]]: 3 });
  assert.equal(amina.groups.Women.conflicts, undefined);
  assert.ok(amina.groups.Women.resolved[IDS[0]]);
  assert.equal(a.context.hate_speech.status, 'present', 'the team’s sign follows the decision');
  // Importing either file again brings nothing back.
  for (const [text, name] of [[later, 'c2.json'], [first, 'c1.json']]) {
    assert.match(await importText(p, h.url, text, name), /\(1 already here\)/);
    await open(p, h.url, `#/r/${id}`);
    assert.equal(await exported(p), settled);
  }
});
