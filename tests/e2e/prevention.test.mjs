// Beside the score (issue #16), in the app: the early-warning alert and when it is not raised,
// the warning signs and triggers (kept across a reload, notes as text), evidence and confidence
// through a JSON and a CSV round trip, the low-confidence scores that drive a pillar, the
// Framework of Analysis coverage and the prevention measures. What the page shows is checked
// against the CLI's result for the same input. Each test starts from a fresh browser profile.
import { test as nodeTest, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite, using, open, reload, formId, cli, cliScore, axe, INDICATORS, FRAMEWORK, TEST_TIMEOUT } from './harness.mjs';

const app = suite();
const dir = mkdtempSync(join(tmpdir(), 'resilience-prevention-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const CURRENT = { id: FRAMEWORK.id, version: FRAMEWORK.version };
const NODES = new Map();
(function walk(n) {
  NODES.set(n.id, n);
  n.children?.forEach(walk);
})(FRAMEWORK.root);
const SIGN = (id) => FRAMEWORK.context.find((c) => c.id === id).title.en;
const ALL = (v) => Object.fromEntries(INDICATORS.map((id) => [id, v]));

/** Stores `input` as the app stores a record made under the current framework. */
function store(page, input) {
  return page.evaluate(
    async ([input, fw]) => {
      const s = (await import('/app/later.js')).app_storage;
      s.put({ id: input.id, schema: 2, framework: fw, updated: '2026-02-01T10:00:00.000Z', input });
      await s.flush();
    },
    [input, CURRENT],
  );
}

/** Waits until the database holds record `id` with `pick(input)` deep-equal to `want`, as the
 * app wrote it by itself (no flush asked for). */
function storedAs(page, id, pick, want) {
  return page.waitForFunction(
    async ([id, pick, want]) => {
      const db = await new Promise((ok, fail) => {
        const o = indexedDB.open('resilience');
        o.onsuccess = () => ok(o.result);
        o.onerror = () => fail(o.error);
      });
      try {
        const r = await new Promise((ok, fail) => {
          const q = db.transaction('assessments').objectStore('assessments').get(id);
          q.onsuccess = () => ok(q.result);
          q.onerror = () => fail(q.error);
        });
        return JSON.stringify(r?.input?.[pick] ?? null) === JSON.stringify(want);
      } catch {
        return false;
      } finally {
        db.close();
      }
    },
    [id, pick, want],
    { polling: 50 },
  );
}

/** The early-warning alert shown in `root`: its reasons as [code, node], or null for none. */
const alertIn = (page, root) =>
  page.evaluate((root) => {
    const el = document.querySelector(`${root} .early-warning`);
    return el && { role: el.getAttribute('role'), signs: el.dataset.signs, reasons: [...el.querySelectorAll('[data-reason]')].map((li) => [li.dataset.reason, li.dataset.node]), text: el.textContent };
  }, root);

const reasonsOf = (r) => r.early_warning.reasons.map((x) => [x.code, x.node]);

app.test('the early-warning alert: raised by a trigger with an alarm, not by a trigger alone nor by an alarm with the trigger unknown', async (h) => {
  const { page } = h;
  // An alarm: a critical indicator at its lowest anchor, every other indicator at 3.
  const alarm = { id: 'ew-alarm', unit: 'Invented district', date: '2026-02-01', scores: { ...ALL(3), 'security.lawful_force': 0 }, notes: {} };
  // No alarm and no weak pillar: every indicator at 3.
  const sound = { id: 'ew-sound', unit: 'Invented town', date: '2026-02-01', scores: ALL(3), notes: {} };
  await open(page, h.url);
  await store(page, alarm);
  await store(page, sound);

  // A trigger present, with the alarm: the alert, beside the form, with the CLI's reasons.
  await open(page, h.url, `#/a/${alarm.id}`);
  assert.equal(await alertIn(page, '.live'), null, 'no alert before any sign is present');
  await page.check('input[name="c-elections_census"][value="present"]');
  await page.waitForSelector('.live .early-warning');
  const want = cliScore({ ...alarm, context: { elections_census: { status: 'present' } } });
  assert.deepEqual(want.early_warning.signs, ['elections_census']);
  let shown = await alertIn(page, '.live');
  assert.deepEqual(shown.reasons, reasonsOf(want));
  assert.ok(shown.reasons.some(([code, node]) => code === 'alarm' && node === 'security.lawful_force'));
  assert.ok(shown.text.includes(SIGN('elections_census')), 'the trigger is named');
  assert.match(shown.text, /an alarm on Lawful and proportionate force/);
  assert.equal(shown.role, 'alert');
  assert.equal(await page.textContent('.mini .mini-ew'), 'Early-warning alert', 'said in the bar a phone keeps in view');
  await storedAs(page, alarm.id, 'context', { elections_census: { status: 'present' } });

  // The results page opens with it: before the alarms and before any score.
  await open(page, h.url, `#/r/${alarm.id}`);
  shown = await alertIn(page, '.report');
  assert.deepEqual(shown?.reasons, reasonsOf(want));
  assert.ok(
    await page.evaluate(() => {
      const ew = document.querySelector('.report .early-warning');
      const before = (sel) => !!(ew.compareDocumentPosition(document.querySelector(`.report ${sel}`)) & Node.DOCUMENT_POSITION_FOLLOWING);
      return before('.alarms') && before('.overall') && before('.pillars');
    }),
    'the alert heads the results',
  );

  // The same alarm with the trigger "unknown": no alert (unknown is never read as present).
  await open(page, h.url, `#/a/${alarm.id}`);
  await page.check('input[name="c-elections_census"][value="unknown"]');
  await page.waitForSelector('.live .early-warning', { state: 'detached' });
  await storedAs(page, alarm.id, 'context', { elections_census: { status: 'unknown' } });
  assert.equal(cliScore({ ...alarm, context: { elections_census: { status: 'unknown' } } }).early_warning, null);
  await open(page, h.url, `#/r/${alarm.id}`);
  assert.equal(await alertIn(page, '.report'), null);
  assert.ok(await page.$('.report .alarms [data-alarm="security.lawful_force"]'), 'the alarm itself is still shown');

  // A trigger present without an alarm or a weak pillar: no alert, but the trigger is shown
  // beside the score.
  await open(page, h.url, `#/a/${sound.id}`);
  await page.check('input[name="c-elections_census"][value="present"]');
  await page.waitForSelector('.live .signs-present [data-sign="elections_census"]');
  assert.equal(await alertIn(page, '.live'), null);
  assert.equal(cliScore({ ...sound, context: { elections_census: { status: 'present' } } }).early_warning, null);
  await open(page, h.url, `#/r/${sound.id}`);
  assert.equal(await alertIn(page, '.report'), null);
  assert.match(await page.textContent('.report .signs-present'), /Election, referendum or census/);
});

app.test('warning signs: kept across a reload and a killed tab, dates checked, notes shown as text', async (h) => {
  const { page } = h;
  const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  await open(page, h.url);
  await page.click('#new');
  await page.waitForFunction(() => document.activeElement?.name === 'unit');
  const id = formId(page);
  // The section is a step of its own, reached from the list in the form's bar.
  await page.selectOption('.jump select.in-pillar', 'signs');
  await page.waitForFunction(() => document.activeElement?.name === 'c-emergency_measures');
  await page.waitForSelector('#p-signs:not([data-settling])'); // brought into view: it stays put
  await page.check('input[name="c-hate_speech"][value="present"]');
  await page.fill('input[name="cd-hate_speech"]', '2026-03');
  await page.fill('textarea[name="cn-hate_speech"]', payload);
  await page.check('input[name="c-arms_buildup"][value="absent"]');
  await page.check('input[name="c-militia_mobilisation"][value="unknown"]');
  const want = {
    militia_mobilisation: { status: 'unknown' },
    hate_speech: { status: 'present', date: '2026-03', note: payload },
    arms_buildup: { status: 'absent' },
  };
  // (In the order answered.)
  await storedAs(page, id, 'context', { hate_speech: want.hate_speech, arms_buildup: want.arms_buildup, militia_mobilisation: want.militia_mobilisation });
  assert.match(await page.textContent('#h-signs .prog'), /3 of 14 assessed/);
  assert.match(await page.textContent('.jump option[value="signs"]'), /· 3\/14$/);

  await reload(page);
  assert.ok(await page.isChecked('input[name="c-hate_speech"][value="present"]'));
  assert.ok(await page.isChecked('input[name="c-arms_buildup"][value="absent"]'));
  assert.ok(await page.isChecked('input[name="c-militia_mobilisation"][value="unknown"]'));
  assert.ok(await page.isChecked('input[name="c-elections_census"][value=""]'), 'not assessed');
  assert.equal(await page.inputValue('input[name="cd-hate_speech"]'), '2026-03');
  assert.equal(await page.inputValue('textarea[name="cn-hate_speech"]'), payload);

  // A date that is not one is said where it was typed, kept, and left out of the score.
  await page.fill('input[name="cd-hate_speech"]', '2026-02-30');
  await page.press('input[name="cd-hate_speech"]', 'Tab');
  assert.match(await page.textContent('#c-hate_speech .err'), /“2026-02-30” is not a date/);
  assert.equal(await page.getAttribute('input[name="cd-hate_speech"]', 'aria-invalid'), 'true');
  // (Nothing scored yet and a sign present: already an alert, and the bad date did not stop it.)
  assert.ok(await page.$('.live .early-warning [data-reason="unscored"]'), 'still scored');

  // The tab is killed a moment after a change: the app had written it by itself.
  await page.fill('textarea[name="cn-hate_speech"]', `${payload} (seen twice)`);
  await storedAs(page, id, 'context', { hate_speech: { status: 'present', date: '2026-02-30', note: `${payload} (seen twice)` }, arms_buildup: want.arms_buildup, militia_mobilisation: want.militia_mobilisation });
  const crashed = new Promise((ok) => page.once('crash', ok));
  (await h.context.newCDPSession(page)).send('Page.crash').catch(() => {});
  await crashed;
  await page.close();
  const again = await h.context.newPage();
  await open(again, h.url, `#/a/${id}`);
  assert.equal(await again.inputValue('textarea[name="cn-hate_speech"]'), `${payload} (seen twice)`);

  // The results: the note as text, nothing run, the counts of the others.
  await open(again, h.url, `#/r/${id}`);
  const present = await again.textContent('.report .signs-present');
  assert.ok(present.includes(`${payload} (seen twice)`), 'the note is shown as typed');
  assert.match(present, /Absent: 1 · Unknown: 1 · Not assessed: 11/);
  assert.equal(await again.$$eval('main img, main script', (l) => l.length), 0, 'no element injected');
  assert.equal(await again.evaluate(() => window.__xss), undefined);
  assert.ok(!h.requests.some((u) => u.endsWith('/x')), 'the injected image was never requested');
});

/** Clicks an export button and returns the downloaded text. */
async function exported(page, kind) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`main [data-export="${kind}"]`)]);
  return readFileSync(await dl.path(), 'utf8');
}

async function importFile(page, text, name) {
  const file = join(dir, name);
  writeFileSync(file, text);
  await page.evaluate(() => document.querySelector('#toast .toast')?.setAttribute('data-seen', ''));
  await page.setInputFiles('input[type=file]', file);
  await page.waitForSelector('#toast .toast:not([data-seen])');
}

/** The id of the record of unit `unit` in the page's app. */
const recordOf = (page, unit) => page.evaluate(async (unit) => (await import('/app/later.js')).app_storage.list().find((r) => r.input.unit === unit).id, unit);

/** Runs `fn(page)` in another fresh browser whose app holds nothing. */
async function anotherDevice(fn) {
  await using(await app.start(), async (h) => {
    await open(h.page, h.url);
    while (await h.page.$('.card .danger')) await h.page.click('.card .danger');
    await fn(h.page, h);
  });
}

/** Makes, through the form, an assessment with evidence on three indicators (two scored, one
 * not) and a trigger present; returns its record id and the evidence as stored. */
async function withEvidence(page, url) {
  await open(page, url);
  await page.click('#new');
  await page.waitForFunction(() => document.activeElement?.name === 'unit');
  await page.keyboard.type('Evidence district');
  const id = formId(page);
  const [a, b, c] = ['security.lawful_force', 'justice.access', 'civil_society.media'];
  await page.check(`input[name="s-${a}"][value="1"]`);
  await page.check(`input[name="s-${b}"][value="3"]`);
  // Indicator a: two sources, a month, low confidence.
  await page.click(`details[data-ev="${a}"] summary`);
  await page.check(`details[data-ev="${a}"] input[value="interview"]`);
  await page.check(`details[data-ev="${a}"] input[value="document"]`);
  await page.fill(`input[name="e-date-${a}"]`, '2026-02');
  await page.check(`input[name="e-conf-${a}"][value="low"]`);
  // b: high confidence only; c (not scored): one source.
  await page.click(`details[data-ev="${b}"] summary`);
  await page.check(`input[name="e-conf-${b}"][value="high"]`);
  await page.click(`details[data-ev="${c}"] summary`);
  await page.check(`details[data-ev="${c}"] input[value="media"]`);
  await page.check('input[name="c-elections_census"][value="present"]');
  await page.fill('input[name="cd-elections_census"]', '2026-08-15');
  const evidence = { [a]: { source: ['interview', 'document'], date: '2026-02', confidence: 'low' }, [b]: { confidence: 'high' }, [c]: { source: ['media'] } };
  await storedAs(page, id, 'evidence', evidence);
  assert.equal(await page.textContent(`details[data-ev="${a}"] summary .sum`), 'interview, document · Feb 2026 · confidence low');
  // Medium is the default: choosing it stores nothing.
  await page.check(`input[name="e-conf-${b}"][value="medium"]`);
  await storedAs(page, id, 'evidence', { [a]: evidence[a], [c]: evidence[c] });
  await page.check(`input[name="e-conf-${b}"][value="high"]`);
  await storedAs(page, id, 'evidence', { [a]: evidence[a], [c]: evidence[c], [b]: evidence[b] });
  await storedAs(page, id, 'context', { elections_census: { status: 'present', date: '2026-08-15' } });
  return { id, evidence, a, b, c };
}

app.test('evidence and warning signs survive JSON export → import, byte-identical', async (h) => {
  const { page } = h;
  const { evidence, a, b, c } = await withEvidence(page, h.url);
  await open(page, h.url);
  const json = await exported(page, 'json');
  const doc = JSON.parse(json).assessments.find((x) => x.unit === 'Evidence district');
  // In framework order; one source written as the engine writes it back.
  assert.deepEqual(doc.evidence, { [a]: evidence[a], [b]: evidence[b], [c]: { source: 'media' } });
  assert.deepEqual(doc.context, { elections_census: { status: 'present', date: '2026-08-15' } });
  // The CLI reads the file and finds the same.
  const file = join(dir, 'evidence.json');
  writeFileSync(file, json);
  const res = JSON.parse(cli(file, '--compact')).results[0];
  assert.deepEqual(res.context.present, [{ id: 'elections_census', kind: 'trigger', date: '2026-08-15' }]);

  await anotherDevice(async (p2) => {
    await importFile(p2, json, 'evidence.json');
    assert.equal(await exported(p2, 'json'), json, 'JSON round trip, byte for byte');
    const rid = await recordOf(p2, 'Evidence district');
    await open(p2, h.url, `#/a/${rid}`);
    assert.equal(await p2.textContent(`details[data-ev="${a}"] summary .sum`), 'interview, document · Feb 2026 · confidence low');
    await p2.click(`details[data-ev="${a}"] summary`);
    assert.ok(await p2.isChecked(`details[data-ev="${a}"] input[value="interview"]`));
    assert.ok(await p2.isChecked(`details[data-ev="${a}"] input[value="document"]`));
    assert.ok(!(await p2.isChecked(`details[data-ev="${a}"] input[value="media"]`)));
    assert.equal(await p2.inputValue(`input[name="e-date-${a}"]`), '2026-02');
    assert.ok(await p2.isChecked(`input[name="e-conf-${a}"][value="low"]`));
    assert.ok(await p2.isChecked('input[name="c-elections_census"][value="present"]'));
  });
});

app.test('a responses CSV with evidence and warning-sign columns imports them', async (h) => {
  const { page } = h;
  await open(page, h.url);
  const csv = [
    'id,unit,date,security.lawful_force,evidence.security.lawful_force.source,evidence.security.lawful_force.date,evidence.security.lawful_force.confidence,context.hate_speech,context.hate_speech.note',
    'c1,Invented plain,2026-02-01,1,interview media,2026,LOW,present,"Leaflets, posters"',
  ].join('\r\n');
  await importFile(page, csv, 'with-evidence.csv');
  const doc = JSON.parse(await exported(page, 'json')).assessments.find((x) => x.unit === 'Invented plain');
  assert.deepEqual(doc.evidence, { 'security.lawful_force': { source: ['interview', 'media'], date: '2026', confidence: 'low' } });
  assert.deepEqual(doc.context, { hate_speech: { status: 'present', note: 'Leaflets, posters' } });
  await open(page, h.url, `#/r/${await recordOf(page, 'Invented plain')}`);
  assert.match(await page.textContent('.report .signs-present'), /Leaflets, posters/);
});

// The responses CSV is the engine's (csv_output::write_assessments_csv behind assessmentsToCsv),
// with the `context.…` and `evidence.…` columns.
nodeTest('evidence and warning signs survive the responses CSV', { timeout: TEST_TIMEOUT }, async () => {
  await using(await app.start(), async (h) => {
    const { page } = h;
    const { a } = await withEvidence(page, h.url);
    await open(page, h.url);
    const doc = JSON.parse(await exported(page, 'json')).assessments.find((x) => x.unit === 'Evidence district');
    const csv = await exported(page, 'csv');
    assert.match(csv.split('\n')[0], new RegExp(`evidence\\.${a.replace('.', '\\.')}\\.confidence`));
    await anotherDevice(async (p3) => {
      await importFile(p3, csv, 'evidence.csv');
      const back = JSON.parse(await exported(p3, 'json')).assessments.find((x) => x.unit === 'Evidence district');
      assert.deepEqual(back.evidence, doc.evidence, 'evidence through the CSV');
      assert.deepEqual(back.context, doc.context, 'warning signs through the CSV');
    });
  });
});

app.test('low-confidence scores that drive a pillar link to their indicator; the Framework of Analysis coverage; measures under reform', async (h) => {
  const { page } = h;
  // justice.access is the lowest of its pillar, given with low confidence.
  const input = {
    id: 'lc-1',
    unit: 'Invented valley',
    date: '2026-02-01',
    scores: { ...ALL(3), 'justice.access': 1, 'citizenship.legal_identity': 2 },
    notes: {},
    evidence: { 'justice.access': { source: ['interview'], confidence: 'low' }, 'citizenship.legal_identity': { confidence: 'low' } },
  };
  const want = cliScore(input);
  assert.ok(want.low_confidence.length >= 2, JSON.stringify(want.low_confidence));
  await open(page, h.url);
  await store(page, input);
  await open(page, h.url, `#/r/${input.id}`);
  assert.deepEqual(
    await page.$$eval('.report .lowconf [data-low]', (l) => l.map((li) => li.dataset.low)),
    want.low_confidence.map((x) => x.indicator),
  );
  assert.match(await page.textContent('.report li:has([data-k="justice.access"]) > .ev'), /interview · confidence low/);

  // The Framework of Analysis: the CLI's risk factors, informed and not, with their numbers.
  const informed = await page.$$eval('.report .foa .informed [data-factor]', (l) => l.map((li) => [li.dataset.factor, li.textContent]));
  assert.deepEqual(
    informed.map(([n]) => n),
    want.foa_coverage.informed.map((f) => f.risk_factor),
  );
  for (const [k, f] of want.foa_coverage.informed.entries()) assert.ok(informed[k][1].includes(f.foa.join(', ')), `${f.risk_factor}: ${informed[k][1]}`);
  assert.deepEqual(await page.$$eval('.report .foa .not-informed [data-factor]', (l) => l.map((li) => li.dataset.factor)), want.foa_coverage.not_informed);
  assert.match(await page.textContent('.report .foa .not-informed'), /Risk factor 4: Motives or incentives for violence/);

  // Where reform would help most: each item with its prevention measures and their sources.
  await page.waitForSelector('.report .leverage li[data-lev]');
  const lev = await page.$$eval('.report .leverage li[data-lev]', (l) => l.map((li) => [li.dataset.lev, [...li.querySelectorAll('.measure')].map((m) => m.textContent)]));
  assert.ok(lev.length > 0);
  for (const [ind, shown] of lev) {
    const ms = NODES.get(ind).measures;
    assert.equal(shown.length, ms.length, ind);
    ms.forEach((m, k) => assert.equal(shown[k], `${m.title.en} ${m.source}`, ind));
  }

  // The link to a low-confidence score opens its indicator, evidence shown.
  await page.click('.report .lowconf [data-low="justice.access"] a');
  await page.waitForFunction(() => document.activeElement?.name === 's-justice.access');
  assert.ok(await page.evaluate(() => document.querySelector('details[data-ev="justice.access"]').open), 'its evidence is open');
  assert.ok(await page.isChecked('input[name="e-conf-justice.access"][value="low"]'));

  // "Assess these directly …" leads to the warning signs.
  await open(page, h.url, `#/r/${input.id}`);
  await page.click('.report .foa a[href*="s=signs"]');
  await page.waitForFunction(() => document.activeElement?.id === 'h-signs');
});

app.test('on a 360 px phone: the evidence row and the warning signs fit, and axe finds nothing serious', async (h) => {
  const { page } = h;
  const input = { id: 'ph-1', unit: 'Invented hills', date: '2026-02-01', scores: { ...ALL(3), 'security.lawful_force': 0 }, notes: {}, context: { hate_speech: { status: 'present', note: 'Leaflets' } } };
  await open(page, h.url);
  await store(page, input);
  await page.setViewportSize({ width: 360, height: 740 });
  await open(page, h.url, `#/a/${input.id}`);
  // On a phone an answered question is folded to its answer: a tap opens it.
  await page.click('[id="i-security.lawful_force"] .chosen');
  await page.click('details[data-ev="security.lawful_force"] summary');
  await page.waitForSelector('details[data-ev="security.lawful_force"] .ev-body');
  await page.selectOption('.jump select.in-pillar', 'signs');
  await page.waitForSelector('#p-signs:not([data-settling])');
  assert.ok(await page.evaluate(() => Math.abs(document.getElementById('p-signs').getBoundingClientRect().top) < 100), 'the jump lands on the section');
  assert.deepEqual(await axe(page), [], 'axe on the phone form');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `no sideways scrolling (page is ${wide} px wide)`);
  await open(page, h.url, `#/r/${input.id}`);
  await page.waitForSelector('.report .early-warning');
  assert.deepEqual(await axe(page), [], 'axe on the phone results');
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360);
});

app.test('the help page explains warning signs, evidence and confidence, and the Framework of Analysis', async (h) => {
  const { page } = h;
  await open(page, h.url, '#/help');
  for (const s of ['signs', 'evidence', 'foa']) assert.ok(await page.$(`#help-${s}`), s);
  const text = await page.textContent('.help');
  assert.match(text, /one anchor step either way when low, half a step when medium .* a quarter of a step when high/);
  assert.match(text, /never change the score/);
  await open(page, h.url, '#/help?s=foa');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'help-foa');
});

/** The 5th–95th percentile range of the overall score on the results page of `id`, as shown. */
async function range(page, url, id) {
  await open(page, url, `#/r/${id}`);
  await page.waitForSelector('.report .analysis[data-state="done"] [data-u="overall"]');
  const text = await page.textContent('.report .analysis [data-u="overall"]');
  const [, lo, hi] = text.match(/between ([\d.]+) and ([\d.]+)/);
  return Number(hi) - Number(lo);
}

// The analysis draws each score within its confidence (±1, ±0.5, ±0.25 anchor steps).
nodeTest('low confidence widens “How sure is this score?”: the same answers, low against high', { timeout: TEST_TIMEOUT }, async () => {
  await using(await app.start(), async (h) => {
    const { page } = h;
    const scores = Object.fromEntries(INDICATORS.map((id, k) => [id, k % 5]));
    const every = (confidence) => Object.fromEntries(INDICATORS.map((id) => [id, { confidence }]));
    await open(page, h.url);
    await store(page, { id: 'conf-low', unit: 'Low', scores, notes: {}, evidence: every('low') });
    await store(page, { id: 'conf-high', unit: 'High', scores, notes: {}, evidence: every('high') });
    const low = await range(page, h.url, 'conf-low');
    const high = await range(page, h.url, 'conf-high');
    assert.ok(low > high * 1.5, `range with low confidence ${low}, with high ${high}`);
  });
});
