// The default framework in two parts (tools/frameworks.mjs): the first screen scores with the
// first part, without the indicators' measures and sources, which come later. Proven here: in
// every language, the engine gives the same result with the first part as with the whole
// framework, on inputs that raise every finding (alarms, the early-warning alert, Framework of
// Analysis coverage, evidence, reasons instead of scores); and the parts put back together
// (Model.whole()) are the framework the CLI has built in.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, start, open, WWW, FRAMEWORK, INDICATORS } from './harness.mjs';
import { inLanguage, LATER } from '../../tools/frameworks.mjs';

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
        const whole = await first.whole();
        out[lang] = {
          first: first.fw,
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
      for (const k of LATER) assert.ok(!has(g.first, k) && has(g.whole, k), `${k}: in the later part only`);
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
    for (const lang of ['en', 'fr']) for (const f of [`default.${lang}.json`, `default.${lang}.later.json`]) assert.ok(sw.includes(`'frameworks/${f}'`), `${f} precached`);
  } finally {
    await h.close();
  }
});
