// The default framework in three parts (tools/frameworks.mjs): the first screen scores with the
// first part, without the other pillars' question texts (which a form asks for at once, and
// draws as they come) nor the indicators' measures and sources, which come later. Proven here:
// in every language, the engine gives the same result with the first part as with the whole
// framework, on inputs that raise every finding (alarms, the early-warning alert, Framework of
// Analysis coverage, evidence, reasons instead of scores); the parts put back together
// (Model.texts(), Model.whole()) are the framework the CLI has built in; and a form whose texts
// are slow to come is usable at once, the other pillars drawn when they come.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, start, open, WWW, FRAMEWORK, INDICATORS } from './harness.mjs';
import { inLanguage, LATER, TEXTS } from '../../tools/frameworks.mjs';

const signs = FRAMEWORK.context.map((c) => c.id);
const INPUTS = [
  { id: 'all-3', unit: 'Invented district', date: '2026-01-15', scores: Object.fromEntries(INDICATORS.map((i) => [i, 3])) },
  {
    id: 'low-with-signs',
    unit: 'Invented district',
    date: '2026-01',
    scores: Object.fromEntries(INDICATORS.map((i, n) => [i, n % 7 === 0 ? { missing: ['dont_know', 'not_applicable', 'unsafe_to_ask'][n % 3] } : [n % 2, (n + 1) % 5, 0]])),
    context: Object.fromEntries(signs.map((s, n) => [s, { status: ['present', 'absent', 'unknown'][n % 3], ...(n % 2 ? { date: '2025' } : {}) }])),
    evidence: { [INDICATORS[0]]: { source: ['interview'], date: '2025-12', confidence: 'low' }, [INDICATORS[1]]: { confidence: 'high' } },
  },
  { id: 'one', unit: 'Invented district', scores: { [INDICATORS[2]]: 0 } },
];

test('the first part of the default framework scores exactly as the whole; the parts make the whole', async () => {
  const h = await start();
  try {
    const { page } = h;
    await open(page, h.url);
    const got = await page.evaluate(async (inputs) => {
      const model = await import('/js/shared/model.js');
      await model.load();
      const pkg = await import('/pkg/resilience.js');
      const out = {};
      for (const lang of ['en', 'fr']) {
        const first = await model.defaultModel(lang);
        const part = JSON.parse(first.arg); // the first part as fetched, and as the engine reads it
        const complete = [first.complete];
        const whole = await first.whole();
        complete.push(first.complete);
        out[lang] = {
          part,
          complete,
          first: first.fw, // with the texts put in place (whole() waits for them)
          whole: whole.fw,
          same: whole === (await first.whole()),
          scored: inputs.map((a) => [pkg.score(JSON.stringify(a), first.arg), pkg.score(JSON.stringify(a), whole.arg)]),
          batch: [pkg.scoreBatch(JSON.stringify({ assessments: inputs }), first.arg), pkg.scoreBatch(JSON.stringify({ assessments: inputs }), whole.arg)],
        };
      }
      return out;
    }, INPUTS);
    for (const lang of ['en', 'fr']) {
      const g = got[lang];
      assert.ok(g.same, 'whole() is made once');
      // The parts put back together: the framework as the CLI has it, in this language.
      assert.deepEqual(g.whole, inLanguage(FRAMEWORK, lang));
      const has = (fw, k) => JSON.stringify(fw).includes(`"${k}":`);
      for (const k of LATER) assert.ok(!has(g.part, k) && !has(g.first, k) && has(g.whole, k), `${k}: in the later part only`);
      // The texts put in place: the framework but for the later part's members.
      const drop = (v) => (Array.isArray(v) ? v.map(drop) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => !LATER.includes(k)).map(([k, x]) => [k, drop(x)])) : v);
      assert.deepEqual(g.first, drop(inLanguage(FRAMEWORK, lang)));
      assert.deepEqual(g.complete, [false, true], 'complete once the texts are in');
      // The first part: the first pillar's questions whole; the others' without their texts, their
      // anchors' values kept (with empty labels); the warning signs without their guidance.
      const [one, ...others] = g.part.root.children;
      for (const k of TEXTS) assert.ok(has(one, k), `${k}: the first pillar's are in the first part`);
      assert.ok(one.children.every((i) => i.scale.anchors.every((a) => a.label[lang])), "the first pillar's anchors' labels are in the first part");
      for (const p of others) {
        for (const k of TEXTS) assert.ok(!has(p, k), `${k}: in the texts part`);
        for (const i of p.children) assert.deepEqual(i.scale.anchors, inLanguage(FRAMEWORK, lang).root.children.flatMap((x) => x.children).find((x) => x.id === i.id).scale.anchors.map((a) => ({ value: a.value, label: { [lang]: '' } })));
      }
      assert.ok(g.part.context.length && !has(g.part.context, 'guidance'), 'the warning signs: their guidance in the texts part');
      assert.ok(!('description' in g.part) && g.first.description, "the framework's description: in the texts part");
      for (const [i, [a, b]] of g.scored.entries()) {
        assert.deepEqual(a, b, `${lang} ${INPUTS[i].id}: the same result`);
        assert.ok(a.overall && a.nodes, `${lang} ${INPUTS[i].id}: scored`);
      }
      assert.ok(g.scored[1][0].early_warning?.signs?.length, 'the early-warning alert is in the comparison');
      assert.ok(g.scored[1][0].foa_coverage?.informed?.length, 'the Framework of Analysis coverage is in the comparison');
      assert.deepEqual(g.batch[0], g.batch[1], `${lang}: the same batch`);
    }
    // The first part is what the first screen fetches; the later one is precached for offline use.
    const sw = readFileSync(join(WWW, 'sw.js'), 'utf8');
    for (const lang of ['en', 'fr']) for (const f of [`default.${lang}.json`, `default.${lang}.texts.json`, `default.${lang}.later.json`]) assert.ok(sw.includes(`'frameworks/${f}'`), `${f} precached`);
  } finally {
    await h.close();
  }
});

test('a form whose other pillars are slow to come: the first pillar usable at once, the others drawn when they come', async () => {
  const h = await start({ viewport: { width: 360, height: 740 } });
  try {
    const { page } = h;
    let release;
    const held = new Promise((ok) => (release = ok));
    await page.route('**/frameworks/default.en.texts.json', async (route) => (await held, route.continue()));
    await page.goto(`${h.url}#/a/example`);
    await page.waitForFunction(() => performance.getEntriesByName('usable').length > 0 && document.documentElement.dataset.scored);
    const pillars = FRAMEWORK.root.children;
    const first = pillars[0].children.map((i) => i.id);
    const before = await page.evaluate(() => ({
      radios: [...document.querySelectorAll('.ind input[type=radio]')].map((r) => r.dataset.ind),
      pending: [...document.querySelectorAll('.pillar .pending')].map((p) => p.textContent),
      complete: performance.getEntriesByName('complete').length,
      signs: !!document.getElementById('p-signs'),
    }));
    assert.deepEqual([...new Set(before.radios)], first, "the first pillar's questions, and only those");
    assert.deepEqual(before.pending, Array(pillars.length - 1).fill('Loading the questions…'));
    assert.equal(before.complete, 0, 'not complete before every question is drawn');
    assert.ok(!before.signs, 'the warning signs come with the texts');
    // An answer given meanwhile is kept, and so is the focus.
    const radio = `input[name="s-${first[1]}"][value="3"]`;
    if (await page.locator(`[id="i-${first[1]}"].folded`).count()) await page.click(`[id="i-${first[1]}"] .chosen`);
    await page.check(radio);
    release();
    await page.waitForFunction(() => performance.getEntriesByName('complete').length > 0);
    const after = await page.evaluate((radio) => ({
      inds: new Set([...document.querySelectorAll('.ind input[type=radio]')].map((r) => r.dataset.ind)).size,
      pending: document.querySelectorAll('.pillar .pending').length,
      signs: !!document.getElementById('p-signs'),
      options: [...document.querySelectorAll('.in-pillar option')].map((o) => o.value),
      kept: document.querySelector(radio).checked && document.activeElement === document.querySelector(radio),
      empty: [...document.querySelectorAll('.ind .ch span:not(.ns)')].filter((s) => !s.textContent.trim()).length,
      text: document.body.innerText,
    }), radio);
    assert.equal(after.inds, FRAMEWORK.root.children.flatMap((p) => p.children).length, 'every question drawn');
    assert.equal(after.pending, 0);
    assert.ok(after.signs, 'the warning signs drawn');
    assert.deepEqual(after.options, [...pillars.map((p) => p.id), 'signs']);
    assert.ok(after.kept, 'the answer given and the focus kept');
    assert.equal(after.empty, 0, "every anchor's label shown");
    assert.deepEqual(after.text.match(/.{0,30}\b(null|NaN|undefined)\b.{0,20}/g) ?? [], []);
  } finally {
    await h.close();
  }
});
