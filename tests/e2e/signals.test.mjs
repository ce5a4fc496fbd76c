// Scores that cannot hide an atrocity signal (issue #12), in the real browser: the app, the
// embedded element and the wasm API show the same alarms, band caps and missing-answer reasons
// as the CLI, and the alarms come before any score.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, open, INDICATORS, FRAMEWORK, cli, cliScore } from './harness.mjs';

/** The CLI's result for an input under a framework of the test's. */
function cliScoreWith(input, fw) {
  const dir = mkdtempSync(join(tmpdir(), 'resilience-signals-'));
  try {
    writeFileSync(join(dir, 'in.json'), JSON.stringify(input));
    writeFileSync(join(dir, 'fw.json'), JSON.stringify(fw));
    return JSON.parse(cli(join(dir, 'in.json'), '--framework', join(dir, 'fw.json'), '--compact')).results[0];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The framework the app makes new records under: the records below are stored in its shape. */
const CURRENT = { id: FRAMEWORK.id, version: FRAMEWORK.version };
const FRAMEWORK_TITLE = (id) => FRAMEWORK.root.children.flatMap((p) => p.children).find((i) => i.id === id).title.en;

/** Every indicator at 3, state killings at the bottom, one "not applicable" and one reason. */
const INPUT = {
  id: 'signals-1',
  unit: 'Invented district',
  date: '2026-02-01',
  scores: {
    ...Object.fromEntries(INDICATORS.map((id) => [id, 3])),
    'security.lawful_force': 0,
    'citizenship.elite_rhetoric': [3, 0, 3],
    'justice.access': { missing: 'not_applicable' },
    'justice.compliance': { missing: 'unsafe_to_ask' },
  },
  notes: {},
};

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

/** What a result shows of the signals, whoever computed it. */
const signals = (r) => ({
  alarms: r.alarms,
  band: r.overall.band,
  band_uncapped: r.overall.band_uncapped,
  capped_by: r.overall.capped_by,
  security: [r.nodes.security.band, r.nodes.security.band_uncapped],
  weakest: r.weakest,
  access: [r.nodes['justice.access'].missing, r.nodes['justice.access'].reason],
  justice: r.nodes.justice.coverage,
});

test('the app and the wasm API show the CLI’s alarms, caps and reasons; alarms come first', async () => {
  const h = await start();
  try {
    const { page } = h;
    const cli = cliScore(INPUT);
    assert.equal(cli.overall.band, 'moderate');
    assert.equal(cli.overall.band_uncapped, 'strong');
    await open(page, h.url);
    // The wasm API in the page.
    const api = await page.evaluate(async (input) => {
      const m = await import('/pkg/resilience.js');
      await m.default();
      return m.score(input, await (await fetch('/frameworks/default.en.json')).text());
    }, INPUT);
    assert.deepEqual(signals(api), signals(cli));

    // The app: the record as the app stores it, then its results page.
    await store(page, INPUT);
    await open(page, h.url, `#/r/${INPUT.id}`);
    const shown = await page.evaluate(() => {
      const report = document.querySelector('.report');
      const alarms = report.querySelector('.alarms');
      const first = (sel) => !!(alarms && report.querySelector(sel) && alarms.compareDocumentPosition(report.querySelector(sel)) & Node.DOCUMENT_POSITION_FOLLOWING);
      return {
        alarms: [...report.querySelectorAll('.alarms [data-alarm]')].map((li) => [li.dataset.alarm, li.dataset.kind, li.textContent]),
        beforeScores: first('.overall') && first('.pillars'),
        role: alarms?.getAttribute('role'),
        band: report.querySelector('.overall .band').textContent,
        capped: report.querySelector('.overall .capped')?.dataset.capped,
        security: report.querySelector('.pillars .capped')?.dataset.capped,
        access: report.querySelector('[data-k="justice.access"]').textContent,
        compliance: report.querySelector('[data-k="justice.compliance"]').textContent,
        notrisk: report.querySelector('.notrisk')?.textContent,
      };
    });
    assert.deepEqual(
      shown.alarms.map(([id, kind]) => [id, kind]),
      cli.alarms.map((a) => [a.indicator, a.kind]),
    );
    assert.match(shown.alarms[0][2], /2 of 3 respondents|1 of 3 respondents/);
    assert.ok(shown.beforeScores, 'alarms come before the scores');
    assert.equal(shown.role, 'alert');
    assert.equal(shown.band, 'Moderate');
    assert.equal(shown.capped, 'security.lawful_force');
    assert.equal(shown.security, 'security.lawful_force');
    assert.equal(shown.access, 'Not applicable');
    assert.equal(shown.compliance, 'Unsafe to ask');
    assert.match(shown.notrisk, /does not mean low risk/);

    // The form offers the three reasons apart; choosing one stores it as the engine reads it.
    await open(page, h.url, `#/a/${INPUT.id}`);
    await page.check('input[name="s-justice.independence"][value="dk"]');
    await page.waitForFunction(async () => {
      const s = (await import('/app/later.js')).app_storage;
      return s.get('signals-1').input.scores['justice.independence']?.missing === 'dont_know';
    });
    for (const code of ['dk', 'na', 'unsafe', '']) assert.equal(await page.locator(`input[name="s-justice.access"][value="${code}"]`).count(), 1, code);
    assert.ok(await page.isChecked('input[name="s-justice.access"][value="na"]'), 'the stored reason is shown');
    assert.deepEqual(await h.csp(), []);
  } finally {
    await h.close();
  }
});

test('the embedded element shows the same alarms and capped band', async () => {
  const h = await start();
  try {
    const { page } = h;
    const cli = cliScore(INPUT);
    await page.goto(h.url + 'examples/partner.html');
    const got = await page.evaluate(async (input) => {
      await customElements.whenDefined('resilience-assessment');
      const el = document.querySelector('resilience-assessment');
      await el.ready;
      el.assessment = input;
      await new Promise((ok) => setTimeout(ok, 0));
      const root = el.shadowRoot;
      return {
        result: el.result && { alarms: el.result.alarms, band: el.result.overall.band },
        shown: [...root.querySelectorAll('.alarms [data-alarm]')].map((li) => li.dataset.alarm),
        band: root.querySelector('.overall .band').textContent,
      };
    }, INPUT);
    assert.deepEqual(got.result, { alarms: cli.alarms, band: cli.overall.band });
    assert.deepEqual(got.shown, cli.alarms.map((a) => a.indicator));
    assert.equal(got.band, 'Moderate');
  } finally {
    await h.close();
  }
});

test('where reform would help most: equal gains said once with why, unanswered ones listed apart', async () => {
  const h = await start();
  try {
    const { page } = h;
    const gaps = ['citizenship.legal_identity', 'citizenship.even_rights'];
    const input = { id: 'signals-2', unit: 'Invented', scores: Object.fromEntries(INDICATORS.filter((id) => !gaps.includes(id)).map((id) => [id, 2])), notes: {} };
    await open(page, h.url);
    await store(page, input);
    await open(page, h.url, `#/r/${input.id}`);
    await page.waitForSelector('.report .leverage li', { timeout: 60000 });
    const got = await page.evaluate(() => {
      const lev = document.querySelector('.report .leverage');
      return {
        same: lev.querySelector('.same')?.textContent,
        perItem: lev.querySelectorAll('li .gain').length,
        first: [...lev.querySelectorAll('li')].map((li) => [li.dataset.lev, !!li.querySelector('.badge')]),
        scoreFirst: lev.querySelector('.scorefirst')?.textContent,
      };
    });
    // 25/28 = 0.9 points for every one-step gain; gaps do not raise their siblings' gains.
    assert.match(got.same, /\+0\.9 points/);
    assert.equal(got.perItem, 0, 'no per-item reading when all are equal');
    assert.ok(got.first.slice(0, 4).every(([, critical]) => critical), `critical first: ${JSON.stringify(got.first)}`);
    assert.match(got.scoreFirst, /Score these first/);
    for (const id of gaps) assert.ok(got.scoreFirst.includes(FRAMEWORK_TITLE(id)), id);
  } finally {
    await h.close();
  }
});

test('a geometric mean over a part at 0 gives no score and a warning, in the wasm API and the widget', async () => {
  const h = await start();
  try {
    const { page } = h;
    await open(page, h.url);
    // The default framework with geometric means everywhere; one indicator at 0.
    const fw = structuredClone(FRAMEWORK);
    const geo = (n) => (n.children ? ((n.aggregation = 'geometric'), n.children.forEach(geo)) : null);
    geo(fw.root);
    const input = { id: 'g', scores: { ...Object.fromEntries(INDICATORS.map((id) => [id, 2])), 'justice.access': 0 }, notes: {} };
    const cli = cliScoreWith(input, fw);
    const got = await page.evaluate(
      async ([fw, input]) => {
        const m = await import('/pkg/resilience.js');
        await m.default();
        const api = m.score(input, fw);
        const e = await import('/js/shared/model.js');
        const { translator } = await import('/js/shared/i18n.js');
        const { widget } = await import('/js/embed/widget.js');
        await e.load();
        const view = widget({ model: e.model(fw), tr: await translator('en'), input });
        document.body.append(view.el);
        return {
          api: { justice: api.nodes.justice, overall: api.overall.score, warnings: api.warnings.filter((w) => w.code === 'zero_in_mean').map((w) => w.node) },
          shown: [...view.el.querySelectorAll('.w-zero_in_mean')].map((li) => li.textContent),
          pillar: view.el.querySelector('[data-k="justice"]').textContent,
        };
      },
      [fw, input],
    );
    assert.equal(got.api.justice.score, null);
    assert.match(got.api.justice.reason, /justice\.access/);
    assert.deepEqual(got.api.justice, cli.nodes.justice);
    assert.deepEqual(got.api.warnings, cli.warnings.filter((w) => w.code === 'zero_in_mean').map((w) => w.node));
    assert.ok(got.api.warnings.includes('justice'), JSON.stringify(got.api.warnings));
    assert.ok(got.shown.some((t) => /no score: one of its parts scores 0/.test(t)), JSON.stringify(got.shown));
    assert.equal(got.pillar, '–');
  } finally {
    await h.close();
  }
});
