// embed.html against a hostile partner: the page around the iframe (a listed origin, so its
// messages are answered) tries to learn single answers from what it is sent. It may change the
// framework whenever it likes (one indicator per pillar, so that a pillar's score is an answer
// × 25; weights that spell the answers out), ask for the result at every moment, and watch the
// user edit. What it may get: the overall score and band, once per assessment, when the user
// presses "Share this result", and only if no single answer can be worked out from it. Each
// test runs in a browser context of its own; two origins on 127.0.0.1 (ours, the partner's).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../tools/serve.mjs';
import { WWW, FRAMEWORK, INDICATORS } from './harness.mjs';

const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps'];

/** A framework with one indicator per pillar (the first `n` indicators of the default one),
 * the overall made of whatever is answered; `weights`: the pillars' weights. */
function perPillar(n, weights = Array(n).fill(1), id = 'hostile') {
  const fw = structuredClone(FRAMEWORK);
  const pillar = fw.root.children[0];
  const inds = fw.root.children.flatMap((p) => p.children).slice(0, n);
  fw.id = id;
  fw.version = '6.6.6';
  fw.root.min_coverage = 0;
  fw.root.children = inds.map((ind, k) => ({ ...pillar, id: `p${k}`, title: { en: `Pillar ${k}` }, weight: weights[k], min_coverage: 0, children: [{ ...ind, critical: false }] }));
  return fw;
}
const IDS = (fw) => fw.root.children.map((p) => p.children[0].id);

let app;
let partner;
let A;
let B;
before(async () => {
  app = await serve(WWW, 0);
  A = `http://127.0.0.1:${app.port}`;
  partner = createServer((req, res) => {
    if (new URL(req.url, 'http://x').pathname !== '/') return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>
<script>
window.__msgs = [];
addEventListener('message', (e) => e.source === document.getElementById('res').contentWindow && window.__msgs.push(e.data));
window.send = (m) => document.getElementById('res').contentWindow.postMessage({ version: 1, ...m }, '${A}');
</script></head><body>
<iframe id="res" name="res" title="Resilience" width="1000" height="800" src="${A}/embed.html?lang=en&mode=full&origins=${encodeURIComponent(`http://127.0.0.1:${partner.address().port}`)}"></iframe>
</body></html>`);
  });
  await new Promise((ok) => partner.listen(0, '127.0.0.1', ok));
  B = `http://127.0.0.1:${partner.address().port}`;
});
after(() => {
  app?.server.close();
  partner?.close();
});

/** A browser of its own, on the partner's page; `fn({page, frame, msgs, send})`. */
async function hostile(fn) {
  const dir = await mkdtemp(join(tmpdir(), 'resilience-embed-privacy-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS, headless: true, viewport: { width: 1100, height: 900 } });
  const foreign = [];
  const errors = [];
  context.on('request', (r) => {
    const o = new URL(r.url()).origin;
    if (o !== A && o !== B && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(B + '/');
    const frame = page.frame({ name: 'res' });
    await frame.waitForSelector('.rs');
    await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'resilience:ready'));
    const msgs = () => page.evaluate(() => window.__msgs);
    const send = (m) => page.evaluate((m) => window.send(m), m);
    await fn({ page, frame, msgs, send });
    assert.deepEqual(foreign, [], 'no request to another host');
    assert.deepEqual(errors, [], 'no error in the page');
  } finally {
    await context.close().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

/** Sets answers in the iframe: {indicator id: 0–4 or null}. */
async function answer(frame, answers) {
  for (const [id, v] of Object.entries(answers)) await frame.check(`input[data-ind="${id}"][value="${v ?? ''}"]`);
}

/** Asks for the result; resolves to the reply. */
async function ask(page, send, id) {
  await send({ type: 'resilience:get-result', id });
  const h = await page.waitForFunction((id) => window.__msgs.find((m) => m.re === id), id);
  return h.jsonValue();
}

const shared = (list) => list.filter((m) => m.type === 'resilience:result' && m.shared);
const setFramework = async (page, send, fw, id) => {
  await send({ type: 'resilience:set-framework', framework: fw, id });
  await page.waitForFunction((id) => window.__msgs.some((m) => m.re === id), id);
};

test('a framework change after sharing sends nothing, and withdraws what was shared', async () => {
  await hostile(async ({ page, frame, msgs, send }) => {
    const ans = Object.fromEntries(INDICATORS.map((id, k) => [id, (k * 3 + 1) % 5]));
    await answer(frame, ans);
    await frame.click('button[name=share]');
    await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'resilience:result' && m.shared));
    const first = shared(await msgs());
    assert.equal(first.length, 1);
    assert.deepEqual(Object.keys(first[0].summary.overall).sort(), ['band', 'score']);

    // The page changes the framework: no result, only word that the shared one is withdrawn.
    const n = (await msgs()).length;
    await setFramework(page, send, perPillar(5), 'fw1');
    await answer(frame, { [INDICATORS[0]]: 4 });
    await page.waitForTimeout(300);
    assert.deepEqual(
      (await msgs()).slice(n).map((m) => [m.type, m.shared]),
      [
        ['resilience:consent', false],
        ['resilience:framework', undefined],
      ],
    );
    assert.deepEqual(await ask(page, send, 'g1'), { type: 'resilience:result', version: 1, shared: false, re: 'g1' });
    // This assessment was shared once: no second summary of it is offered.
    assert.ok(await frame.isDisabled('button[name=share]'));
    assert.match(await frame.textContent('.consent'), /Already shared once/);

    // Only a new assessment can be shared, when the user agrees again.
    await frame.click('.consent [data-action=new]');
    const ids = IDS(perPillar(5));
    await answer(frame, { [ids[0]]: 1, [ids[1]]: 3, [ids[2]]: 2 });
    await page.waitForTimeout(200);
    assert.equal(shared(await msgs()).length, 1, 'nothing until the user presses Share');
    await frame.click('button[name=share]');
    await page.waitForFunction(() => window.__msgs.filter((m) => m.type === 'resilience:result' && m.shared).length === 2);
    const second = shared(await msgs())[1].summary;
    assert.deepEqual(second, { framework: { id: 'hostile', version: '6.6.6' }, overall: { score: 50, band: 'moderate' } });
  });
});

test('one indicator per pillar, then edits one by one: nothing is sent that gives an answer away', async () => {
  await hostile(async ({ page, frame, msgs, send }) => {
    const fw = perPillar(5);
    const ids = IDS(fw);
    await setFramework(page, send, fw, 'fw');
    // One answer, then two: a pillar would be answer × 25; nothing may be shared.
    await answer(frame, { [ids[0]]: 3 });
    assert.ok(await frame.isDisabled('button[name=share]'));
    assert.match(await frame.textContent('.consent'), /at least 3 indicators/);
    await answer(frame, { [ids[1]]: 1 });
    assert.ok(await frame.isDisabled('button[name=share]'));
    // Three: shareable. The page asks at every step and gets nothing fresh.
    await answer(frame, { [ids[2]]: 2 });
    assert.equal((await ask(page, send, 'a')).shared, false, 'not before the user shares');
    await frame.click('button[name=share]');
    await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'resilience:result' && m.shared));
    const snap = shared(await msgs())[0];
    assert.deepEqual(snap.summary.overall, { score: 50, band: 'moderate' });
    // A fourth answer, then a fifth, then a change: 4·m4 − 3·m3 would be the fourth answer, but
    // no second summary ever leaves; the page's requests get the first one back.
    for (const [k, change] of [
      [3, { [ids[3]]: 4 }],
      [4, { [ids[4]]: 0 }],
      [5, { [ids[0]]: 1 }],
    ]) {
      await answer(frame, change);
      const r = await ask(page, send, `q${k}`);
      assert.deepEqual(r.summary, snap.summary, `after edit ${k}: the snapshot the user shared, not a fresh one`);
      assert.ok(await frame.isDisabled('button[name=share]'));
    }
    const all = await msgs();
    assert.equal(new Set(all.filter((m) => m.type === 'resilience:result' && m.shared).map((m) => JSON.stringify(m.summary))).size, 1, 'one summary, ever');
    const text = JSON.stringify(all);
    for (const id of ids) assert.ok(!text.includes(id), `${id} never named`);
    assert.ok(!/pillars|nodes|scores|red_flags|coverage/.test(text));
  });
});

test('a framework whose weights spell the answers out, or answers all at the top: withheld, saying why', async () => {
  await hostile(async ({ page, frame, msgs, send }) => {
    const fw = perPillar(3, [1, 5, 25]);
    const ids = IDS(fw);
    await setFramework(page, send, fw, 'fw');
    await answer(frame, { [ids[0]]: 2, [ids[1]]: 3, [ids[2]]: 1 });
    await frame.click('button[name=share]');
    await frame.waitForFunction(() => /Not shared: this score would let the page work out an answer/.test(document.querySelector('.consent').textContent));
    await setFramework(page, send, null, 'default');
    await answer(frame, Object.fromEntries(INDICATORS.map((id) => [id, 4])));
    await frame.click('button[name=share]');
    await frame.waitForFunction(() => /Not shared: this score would let the page work out an answer/.test(document.querySelector('.consent').textContent));
    await page.waitForTimeout(200);
    assert.deepEqual(shared(await msgs()), [], 'nothing was sent');
  });
});

test('every summary the iframe would send, for small frameworks and every input, leaves each answer undetermined', async () => {
  await hostile(async ({ frame }) => {
    const cases = [
      ['equal weights', perPillar(3)],
      ['weights 1, 5, 25', perPillar(3, [1, 5, 25])],
      ['weights 1, 1, 3', perPillar(3, [1, 1, 3])],
      ['weights 2, 3, 7', perPillar(3, [2, 3, 7])],
    ];
    const geo = perPillar(3, undefined, 'geo');
    geo.root.aggregation = 'geometric';
    cases.push(['geometric mean', geo]);
    const critical = perPillar(3, undefined, 'critical');
    critical.root.children[1].children[0].critical = true;
    cases.push(['a critical indicator', critical]);
    const report = await frame.evaluate(async (cases) => {
      const F = await import('./js/embed/frame.js');
      const E = await import('./js/shared/model.js');
      const out = [];
      for (const [name, fw] of cases) {
        const m = E.model(fw);
        const ids = m.indicators.map((i) => i.id);
        const states = [0, 1, 2, 3, 4, null, { missing: 'dont_know' }, { missing: 'not_applicable' }, { missing: 'unsafe_to_ask' }];
        const inputs = [];
        const rec = (k, scores) => {
          if (k === ids.length) return inputs.push({ id: 'x', unit: '', date: '', scores, notes: {} });
          for (const s of states) rec(k + 1, s === null ? scores : { ...scores, [ids[k]]: s });
        };
        rec(0, {});
        // Every input's summary, as the page would see it.
        const groups = new Map();
        const key = (a) => JSON.stringify(F.summary(m.score(a), m)?.overall ?? null);
        for (const a of inputs) {
          const k = key(a);
          if (!groups.has(k)) groups.set(k, []);
          groups.get(k).push(a);
        }
        let sent = 0;
        let withheld = 0;
        const leaks = [];
        for (const a of inputs) {
          const numeric = ids.filter((id) => typeof a.scores[id] === 'number');
          if (numeric.length < F.MIN_ANSWERS || key(a) === 'null') continue;
          if (!F.deniable(a, m)) {
            withheld++;
            continue;
          }
          sent++;
          // The page sees this summary: which inputs could it have come from?
          const same = groups.get(key(a));
          for (const id of numeric) if (!same.some((b) => typeof b.scores[id] === 'number' && b.scores[id] !== a.scores[id])) leaks.push([JSON.stringify(a.scores), id]);
        }
        out.push({ name, sent, withheld, leaks: leaks.slice(0, 3) });
      }
      return out;
    }, cases);
    for (const r of report) {
      assert.deepEqual(r.leaks, [], `${r.name}: no summary sent pins down an answer`);
      console.log(`# ${r.name}: ${r.sent} of ${r.sent + r.withheld} inputs with 3 answers could be shared`);
    }
    assert.equal(report.find((r) => r.name === 'weights 1, 5, 25').sent, 0, 'weights that spell the answers out: nothing is ever shared');
    assert.ok(report.find((r) => r.name === 'equal weights').sent > 50, 'equal weights: most results can be shared');
  });
});
