// Embedding in partner pages, in headless Chromium, with two origins on 127.0.0.1: ours
// (tools/serve.mjs serving www/, with the app's real headers) and a partner's (a small server
// here, with the strict CSP that docs/embedding.md tells partners to use). Every request of
// every page and frame is recorded; any host but these two fails the run.
//   - <resilience-assessment> on the partner page scores like the CLI, sends its events, takes
//     its attributes and properties, stores nothing unless told, and is styled only through
//     its custom properties and parts (partner CSS does not get in, widget CSS does not get out).
//   - embed.html in the partner's iframe: the postMessage protocol, consent before any result
//     leaves, messages from other origins and other windows ignored, framing by an unlisted
//     origin refused (CSP frame-ancestors).
//   - The example partner page (www/examples/) works from another origin; screenshots of it
//     (desktop and 360 px) go to $SHOTS_EMBED when set.
// The two servers are shared by the tests (they keep no state); each test has a fresh browser
// profile of its own (the host page's storage, the widget's drafts), closed when it ends.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../tools/serve.mjs';
import { test, browser, using, ownOrigin, WWW, FRAMEWORK, INDICATORS, PILLARS, cli, shown, axe } from './harness.mjs';

// A smaller framework a partner might host: two pillars of two indicators each.
const MINI = structuredClone(FRAMEWORK);
MINI.id = 'partner-mini';
MINI.version = '0.1.0';
MINI.root.children = MINI.root.children.slice(0, 2).map((p) => ({ ...p, children: p.children.slice(0, 2) }));
const MINI_IDS = MINI.root.children.flatMap((p) => p.children.map((i) => i.id));

// 0–4 = that anchor, null = not scored: every pillar scored, so there is an overall index.
const ANSWERS = INDICATORS.map((_, i) => (i % 9 === 8 ? null : (i * 7 + 3) % 5));

let app; // our server
let partner; // the partner's server
let A; // our origin
let B; // the partner's origin

/** The CLI's result for an input (and framework). */
async function cliScore(input, fw) {
  const d = await mkdtemp(join(tmpdir(), 'resilience-embed-cli-'));
  const file = join(d, 'input.json');
  await writeFile(file, JSON.stringify(input));
  const args = ['--compact'];
  if (fw) {
    await writeFile(join(d, 'fw.json'), JSON.stringify(fw));
    args.unshift('--framework', join(d, 'fw.json'));
  }
  const out = JSON.parse(cli(file, ...args)).results[0];
  await rm(d, { recursive: true, force: true });
  return out;
}

// --- the partner's site ------------------------------------------------------------------------
const partnerCsp = () =>
  [
    "default-src 'self'",
    `script-src 'self' ${A} 'wasm-unsafe-eval'`,
    `connect-src 'self' ${A}`,
    `frame-src 'self' ${A}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');

const page = (head, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>${head}</head><body>${body}</body></html>`;
const embedScript = () => `<script type="module" src="${A}/resilience-embed.js"></script>`;
const own = '<script src="/partner.js"></script>';
// Elements of the partner's own page that share class names and tags with the widget.
const lookalikes = `<div class="rs cols" id="own"><h3 class="results">Partner heading</h3><p class="band big notice">Partner text</p>
<button class="primary ch" type="button">Partner button</button><ul class="pillars"><li>Partner item</li></ul>
<fieldset class="ind"><legend>Partner legend</legend><label class="ch"><input type="radio" name="p"> Partner choice</label></fieldset></div>`;

const PARTNER = {
  '/partner.js': [
    'text/javascript',
    `window.__events = [];
for (const type of ['resilience-change', 'resilience-error']) document.addEventListener(type, (e) => window.__events.push({ type, target: e.target.id, detail: e.detail }));
window.__msgs = [];
addEventListener('message', (e) => window.__msgs.push({ origin: e.origin, fromRes: e.source === document.getElementById('res')?.contentWindow, data: e.data }));
window.send = (msg) => { const f = document.getElementById('res'); f.contentWindow.postMessage(msg, new URL(f.src).origin); };`,
  ],
  '/theme.css': ['text/css', 'resilience-assessment { --resilience-accent: rgb(128, 0, 128); --resilience-radius: 3px; }\nresilience-assessment::part(score) { color: rgb(0, 128, 0); }'],
  '/hostile.css': [
    'text/css',
    `html { font-size: 10px; }
body { font: italic 13px/3 serif; color: rgb(255, 0, 0); letter-spacing: 3px; word-spacing: 5px; text-transform: uppercase; text-align: center; }
* { color: rgb(255, 0, 0) !important; font-family: monospace !important; box-sizing: content-box !important; }
h3, h4, p, ul, li, label, fieldset, legend, button, input, textarea, section, form, div, span, svg, b { margin: 7px !important; padding: 7px !important; background: rgb(255, 192, 203) !important; border: 3px dotted rgb(0, 0, 255) !important; font-size: 9px !important; line-height: 1 !important; }
.rs, .cols, .results, .sheet, .ind, .ch, .band, .big, .notice, .pillars, .overall, .meter { display: inline !important; background: rgb(255, 255, 0) !important; }
input { appearance: none !important; width: 3px !important; }`,
  ],
  '/framework.json': ['application/json', JSON.stringify(MINI)],
  '/broken-framework.json': ['application/json', JSON.stringify({ ...MINI, bands: [] })],
  '/plain.html': ['text/html', () => page(`<link rel="stylesheet" href="/theme.css">${own}${embedScript()}`, '<resilience-assessment id="w" lang="en" mode="full"></resilience-assessment>')],
  '/hostile.html': [
    'text/html',
    () => page(`<link rel="stylesheet" href="/theme.css"><link rel="stylesheet" href="/hostile.css">${own}${embedScript()}`, '<div><resilience-assessment id="w" lang="en" mode="full"></resilience-assessment></div>'),
  ],
  '/bare.html': ['text/html', () => page(`<link rel="stylesheet" href="/theme.css">${own}`, `${lookalikes}<div id="slot"></div>`)],
  '/keep.html': ['text/html', () => page(`${own}${embedScript()}`, '<resilience-assessment id="keep" storage="local" mode="compact"></resilience-assessment>')],
  '/frame.html': [
    'text/html',
    () =>
      page(
        own,
        `<iframe id="res" name="res" title="Resilience" width="900" height="700" src="${A}/embed.html?lang=en&mode=full&origins=${encodeURIComponent(B)}"></iframe>
<iframe id="sib" name="sib" title="sibling" src="/sender.html"></iframe>
<iframe id="sandboxed" name="sandboxed" title="sandboxed" sandbox="allow-scripts" src="/sender.html"></iframe>`,
      ),
  ],
  '/refused.html': ['text/html', () => page(own, `<iframe id="res" name="res" title="Resilience" src="${A}/embed.html?origins=${encodeURIComponent(A)}"></iframe>`)],
  // Another window: no CSP of its own, so its inline script runs (also when sandboxed, where
  // its origin is opaque: "null").
  '/sender.html': ['text/html', () => '<!doctype html><title>sender</title><script>window.__got = []; addEventListener("message", (e) => window.__got.push(e.data));</script>', false],
};

function startPartner() {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/favicon.ico') return res.writeHead(204).end();
    if (path.startsWith('/examples/')) {
      // The example page as a partner would host it: our files at our origin.
      try {
        let body = await readFile(join(WWW, 'examples', path.slice('/examples/'.length)), 'utf8');
        body = body.replaceAll('"../resilience-embed.js"', `"${A}/resilience-embed.js"`);
        const type = path.endsWith('.html') ? 'text/html' : path.endsWith('.css') ? 'text/css' : 'text/javascript';
        return res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Content-Security-Policy': partnerCsp() }).end(body);
      } catch {
        return res.writeHead(404).end();
      }
    }
    const entry = PARTNER[path];
    if (!entry) return res.writeHead(404).end();
    const [type, body, strict = true] = entry;
    const headers = { 'Content-Type': `${type}; charset=utf-8` };
    if (strict && type === 'text/html') headers['Content-Security-Policy'] = partnerCsp();
    let text = typeof body === 'function' ? body() : body;
    text = text.replaceAll('${A}', A);
    res.writeHead(200, headers).end(text);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

before(async () => {
  app = await serve(WWW, 0);
  A = `http://127.0.0.1:${app.port}`;
  partner = await startPartner();
  B = `http://127.0.0.1:${partner.address().port}`;
});

after(() => {
  app?.server.close();
  partner?.close();
});

/**
 * A test in a fresh browser that may request our origin and the partner's only. Any error in
 * a page (but the framework asked for on purpose that is not there, and the refusal to frame
 * when `refusal` is expected) or any CSP violation in any page or frame fails it.
 */
function embedTest(name, options, fn) {
  if (typeof options === 'function') [options, fn] = [{}, options];
  const { refusal = false } = options;
  const consoleOk = (m) => (refusal && /frame-ancestors/.test(m.text())) || !!m.location().url?.endsWith('/no-such-framework.json');
  return test(name, async () =>
    using(await browser({ allowed: (u) => ownOrigin(u, A) || ownOrigin(u, B), consoleOk, viewport: { width: 1280, height: 900 } }), fn),
  );
}

/** A fresh tab of `h` on `path` of the partner's site. */
async function open(h, path) {
  const p = await h.context.newPage();
  await p.goto(B + path);
  return p;
}

/** Waits until every <resilience-assessment> has drawn. */
const ready = (p) =>
  p.waitForFunction(async () => {
    await customElements.whenDefined('resilience-assessment');
    await Promise.all([...document.querySelectorAll('resilience-assessment')].map((el) => el.ready));
    return true;
  });

/** Checks the answers (index → value or null) in a page or frame, through the shadow root. */
async function answer(target, scope, answers, ids = INDICATORS) {
  for (const [k, id] of ids.entries()) {
    const v = answers[k];
    await target.check(`${scope} input[data-ind="${id}"][value="${v ?? ''}"]`);
  }
}

const inputOf = (answers, ids = INDICATORS) => Object.fromEntries(ids.flatMap((id, k) => (answers[k] == null ? [] : [[id, answers[k]]])));

embedTest('the custom element on a partner page scores like the CLI and sends its events', async (h) => {
  const p = await open(h, '/plain.html');
  await ready(p);
  // The language asked for, the framework built in.
  assert.match(await p.textContent('#w .results h3'), /^Results$/);
  await p.fill('#w input[name=unit]', 'Secret district');
  await answer(p, '#w', ANSWERS);
  await p.fill(`#w textarea[data-note="${INDICATORS[0]}"]`, 'a note <b>not markup</b>');
  const last = await p.evaluate(() => window.__events.filter((e) => e.type === 'resilience-change').at(-1));
  assert.equal(last.target, 'w');
  const input = last.detail.input;
  assert.deepEqual(input.scores, inputOf(ANSWERS));
  assert.equal(input.unit, 'Secret district');
  assert.equal(input.notes[INDICATORS[0]], 'a note <b>not markup</b>');
  assert.match(input.date, /^\d{4}-\d{2}-\d{2}$/);
  const res = await cliScore(input);
  assert.deepEqual(last.detail.result, res, 'the event carries the CLI’s exact result');
  assert.deepEqual(await p.evaluate(() => document.getElementById('w').result), res, '.result is the same');
  assert.deepEqual(await p.evaluate(() => document.getElementById('w').assessment), input, '.assessment is the input');
  assert.equal(await p.textContent('#w [data-k=overall]'), shown(res.overall.score));
  for (const id of PILLARS) assert.equal(await p.textContent(`#w [data-k="${id}"]`), shown(res.nodes[id].score));
  assert.equal(await p.evaluate(() => document.getElementById('w').shadowRoot.querySelectorAll('b b, .rs script').length), 0, 'notes are text');

  // The answers download as the engine's input.
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('#w button[data-action=download]')]);
  const file = JSON.parse(await readFile(await dl.path(), 'utf8'));
  assert.deepEqual(file, { assessments: [input] });

  // Nothing was stored by default (storage="none"), in any kind of storage.
  assert.deepEqual(
    await p.evaluate(async () => ({ local: localStorage.length, session: sessionStorage.length, dbs: (await indexedDB.databases()).length })),
    { local: 0, session: 0, dbs: 0 },
  );
  assert.ok(h.requests.some((u) => u.startsWith(A)) && h.requests.some((u) => u.startsWith(B)), 'both origins were used');
});

embedTest('attributes, properties, reset() and errors', async (h) => {
  const p = await open(h, '/plain.html');
  await ready(p);
  // Runs `body` in the page with w = the element and arg (a string: the page's CSP forbids eval,
  // but an expression sent over the DevTools protocol is not the page's own code).
  const el = (body, arg = null) => p.evaluate(`(async (w, arg) => { ${body} })(document.getElementById('w'), ${JSON.stringify(arg)})`);
  const events = () => p.evaluate(() => window.__events.splice(0));
  await events();

  // .assessment = … shows it and scores it (no change event: the host made the change).
  const given = { id: 'given-1', unit: 'Given unit', date: '2026-02-01', scores: { [INDICATORS[0]]: [1, 3, 4], [INDICATORS[1]]: 2, [INDICATORS[8]]: 0 }, notes: {} };
  for (const [k, id] of INDICATORS.entries()) if (k > 1 && k !== 8) given.scores[id] = (k * 3) % 5;
  await el('w.assessment = arg;', given);
  const res = await cliScore(given);
  assert.deepEqual(await el('return w.result;'), res);
  assert.equal(await p.inputValue('#w input[name=unit]'), 'Given unit');
  assert.ok(await p.isChecked(`#w input[data-ind="${INDICATORS[1]}"][value="2"]`));
  assert.ok(await p.isDisabled(`#w input[data-ind="${INDICATORS[1]}"][value="2"]`), 'several respondents: read-only');
  assert.ok(await p.isVisible('#w .notice:not(.store)'), 'and it says so');
  assert.deepEqual(await events(), []);

  // An input the framework rejects: an error event with located issues; what was shown stays.
  await el("w.assessment = { id: 'bad', scores: { 'no.such.indicator': 2, [Object.keys(w.assessment.scores)[1]]: 9 } };");
  const [err] = await events();
  assert.equal(err.type, 'resilience-error');
  assert.equal(err.detail.code, 'invalid_input');
  assert.ok(err.detail.issues.length >= 1 && err.detail.issues.every((i) => i.path && i.message), JSON.stringify(err.detail.issues));
  assert.equal((await el('return w.assessment;')).id, 'given-1');

  // reset(): a new, empty assessment, announced.
  await el('w.reset();');
  const [change] = await events();
  assert.equal(change.type, 'resilience-change');
  assert.deepEqual(change.detail.input.scores, {});
  assert.notEqual(change.detail.input.id, 'given-1');
  assert.equal(change.detail.result.overall.score, null);

  // readonly: nothing can be changed.
  await el("w.setAttribute('readonly', ''); await w.ready;");
  assert.ok(await p.isDisabled(`#w input[data-ind="${INDICATORS[0]}"][value="3"]`));
  assert.equal(await p.getAttribute('#w input[name=unit]', 'readonly'), '');
  await el("w.removeAttribute('readonly'); await w.ready;");

  // lang: French, and the answers survive the redraw.
  await p.check(`#w input[data-ind="${INDICATORS[0]}"][value="4"]`);
  await el("w.setAttribute('lang', 'fr'); await w.ready;");
  assert.match(await p.textContent('#w .results h3'), /^Résultats$/);
  assert.ok(await p.isChecked(`#w input[data-ind="${INDICATORS[0]}"][value="4"]`));

  // mode: compact (one row of 0–4 per indicator) and results-only (no form).
  await el("w.setAttribute('mode', 'compact'); await w.ready;");
  assert.equal(await p.locator('#w .mode-compact .ind').count(), INDICATORS.length);
  assert.equal(await p.locator('#w .def').count(), 0);
  await el("w.setAttribute('mode', 'results-only'); await w.ready;");
  assert.equal(await p.locator('#w form').count(), 0);
  assert.equal(await p.locator('#w .results').count(), 1);
  await el("w.setAttribute('mode', 'full'); w.setAttribute('lang', 'en'); await w.ready;");

  // framework: a partner's own framework, by URL; answers it does not have are dropped.
  await events();
  await el("w.setAttribute('framework', '/framework.json'); await w.ready;");
  assert.equal(await p.locator('#w fieldset.ind').count(), MINI_IDS.length);
  await answer(p, '#w', [2, 4, 1, 0], MINI_IDS);
  const last = (await events()).filter((e) => e.type === 'resilience-change').at(-1);
  assert.deepEqual(Object.keys(last.detail.input.scores).sort(), [...MINI_IDS].sort());
  assert.deepEqual(last.detail.result, await cliScore(last.detail.input, MINI));

  // A framework the engine rejects: an error event with its issues, and a message in the widget.
  await el("w.setAttribute('framework', '/broken-framework.json'); await w.ready;");
  const [fwErr] = await events();
  assert.equal(fwErr.detail.code, 'invalid_framework');
  assert.ok(fwErr.detail.issues.some((i) => i.path.includes('bands')), JSON.stringify(fwErr.detail.issues));
  assert.ok(await p.isVisible('#w [role=alert]'));
  await el("w.setAttribute('framework', '/no-such-framework.json'); await w.ready;");
  assert.equal((await events())[0].detail.code, 'framework_unavailable');
});

embedTest('storage="local" keeps a draft in the host page’s storage; reset() deletes it', async (h) => {
  const p = await open(h, '/keep.html');
  await ready(p);
  await p.check(`#keep input[data-ind="${INDICATORS[2]}"][value="1"]`);
  assert.match(await p.textContent('#keep .notice'), /saved in this browser/);
  await p.reload();
  await ready(p);
  assert.ok(await p.isChecked(`#keep input[data-ind="${INDICATORS[2]}"][value="1"]`), 'restored after a reload');
  assert.deepEqual(await p.evaluate(() => Object.keys(localStorage)), ['resilience.embed.draft:keep']);
  await p.evaluate(() => document.getElementById('keep').reset());
  assert.equal(await p.evaluate(() => localStorage.length), 0);
});

// Computed styles inside the widget, to compare with and without the partner's hostile CSS.
const PROPS = ['color', 'font-family', 'font-size', 'font-style', 'font-weight', 'line-height', 'letter-spacing', 'word-spacing', 'text-transform', 'text-align',
  'background-color', 'border-top-width', 'border-top-style', 'border-top-color', 'border-top-left-radius', 'margin-top', 'padding-top', 'display', 'box-sizing'];
const INSIDE = ['.rs', '.notice', '.meta input[name=unit]', '.pillar > h3', '.ind', '.ind legend', '.ch', '.ch input', '.def', 'textarea', 'button', '.results', '.results h3', '.results .big', '.mini', '.band', '.pn', '.pillars li', '.meter', '.chart'];
const OUTSIDE = ['html', 'body', '#own', '#own h3', '#own p', '#own button', '#own li', '#own fieldset', '#own legend', '#own label', '#own input'];

const styles = (p, sels, root) =>
  p.evaluate(
    ([sels, props, root]) => {
      const base = root ? document.querySelector(root).shadowRoot : document;
      return Object.fromEntries(
        sels.map((s) => {
          const el = base.querySelector(s);
          if (!el) return [s, null];
          const cs = getComputedStyle(el);
          return [s, Object.fromEntries(props.map((x) => [x, cs.getPropertyValue(x)]))];
        }),
      );
    },
    [sels, PROPS, root],
  );

embedTest('the partner’s CSS does not restyle the widget; theming goes through custom properties and parts', async (h) => {
  const plain = await open(h, '/plain.html');
  const hostile = await open(h, '/hostile.html');
  await ready(plain);
  await ready(hostile);
  const want = await styles(plain, INSIDE, '#w');
  const got = await styles(hostile, INSIDE, '#w');
  for (const s of INSIDE) {
    assert.ok(want[s], `${s} exists in the widget`);
    assert.deepEqual(got[s], want[s], `${s} looks the same on the hostile page`);
  }
  // The theme reached the widget, on both pages.
  for (const p of [plain, hostile]) {
    const t = await styles(p, ['.pillar > h3', '.results .big', '.ind'], '#w');
    assert.equal(t['.results .big'].color, 'rgb(0, 128, 0)', '::part(score)');
    assert.equal(t['.ind']['border-top-left-radius'], '3px', '--resilience-radius');
    const accent = await p.evaluate(() => getComputedStyle(document.getElementById('w').shadowRoot.querySelector('.pillar > h3')).borderBottomColor);
    assert.equal(accent, 'rgb(128, 0, 128)', '--resilience-accent');
  }
});

embedTest('the widget’s CSS does not restyle the partner’s page', async (h) => {
  const p = await open(h, '/bare.html');
  const before = await styles(p, OUTSIDE);
  const doc = () => p.evaluate(() => ({ sheets: document.styleSheets.length, adopted: document.adoptedStyleSheets.length, lang: document.documentElement.lang, title: document.title, styleEls: document.querySelectorAll('style').length }));
  const docBefore = await doc();
  await p.evaluate((A) => {
    const s = document.createElement('script');
    s.type = 'module';
    s.src = `${A}/resilience-embed.js`;
    document.head.append(s);
    const el = document.createElement('resilience-assessment');
    el.id = 'late';
    el.setAttribute('lang', 'fr');
    document.getElementById('slot').append(el);
  }, A);
  await p.waitForFunction(() => document.getElementById('late').shadowRoot?.querySelector('.rs'));
  await ready(p);
  assert.deepEqual(await styles(p, OUTSIDE), before, 'the page’s own elements look the same');
  assert.deepEqual(await doc(), docBefore, 'no stylesheet, language or title changed on the page');
});

// --- the iframe ---------------------------------------------------------------------------------
const msgs = (p) => p.evaluate(() => window.__msgs);
/** Waits for a message of `type` after the first `from` messages; returns it. */
async function waitMsg(p, type, from = 0) {
  const h = await p.waitForFunction(([type, from]) => window.__msgs.slice(from).find((m) => m.data?.type === type), [type, from]);
  return h.jsonValue();
}

let syncs = 0;
/** The messages the page got after the first `from`, once the iframe has dealt with all that was
 * done in it and sent to it before: the page says hello and waits for the answer (left out),
 * which the iframe posts after anything it posted before. To see that nothing was sent. */
async function since(p, from) {
  const id = `sync-${++syncs}`;
  await p.evaluate((id) => send({ type: 'resilience:hello', version: 1, id }), id);
  await p.waitForFunction((id) => window.__msgs.some((m) => m.data?.re === id), id);
  return (await msgs(p)).slice(from).filter((m) => m.data?.re !== id);
}

embedTest('embed.html in an iframe: the message protocol, and results only with the user’s consent', async (h) => {
  const p = await open(h, '/frame.html');
  const f = p.frame({ name: 'res' });
  // Chromium tells the iframe its parent's origin: it announces itself.
  const hi = await waitMsg(p, 'resilience:ready');
  assert.equal(hi.origin, A);
  assert.ok(hi.fromRes);
  assert.deepEqual(hi.data, { type: 'resilience:ready', version: 1, lang: 'en', mode: 'full', readonly: false, framework: { id: FRAMEWORK.id, version: FRAMEWORK.version }, shared: false });

  let n = (await msgs(p)).length;
  await p.evaluate(() => send({ type: 'resilience:hello', version: 1, id: 'h1' }));
  assert.equal((await waitMsg(p, 'resilience:ready', n)).data.re, 'h1');

  // Before consent: asked for, the result is not given.
  n = (await msgs(p)).length;
  await p.evaluate(() => send({ type: 'resilience:get-result', version: 1, id: 2 }));
  assert.deepEqual((await waitMsg(p, 'resilience:result', n)).data, { type: 'resilience:result', version: 1, shared: false, re: 2 });

  // The user fills the form: nothing leaves the iframe.
  n = (await msgs(p)).length;
  await f.fill('input[name=unit]', 'Secret district');
  await answer(f, '', ANSWERS);
  await f.fill(`textarea[data-note="${INDICATORS[3]}"]`, 'secret note');
  assert.deepEqual(await since(p, n), [], 'no message while the user has not agreed');
  const res = await cliScore({ id: 'x', scores: inputOf(ANSWERS) });

  // The user shares: the summary goes to the page (the overall score and band only), once.
  await f.click('button[name=share]');
  assert.match(await f.textContent('.consent'), new RegExp(`Share this result with ${B.replace(/[.:/]/g, '\\$&')}`));
  assert.deepEqual((await waitMsg(p, 'resilience:consent', n)).data, { type: 'resilience:consent', version: 1, shared: true });
  const r = (await waitMsg(p, 'resilience:result', n)).data;
  assert.equal(r.shared, true);
  assert.deepEqual(Object.keys(r.summary).sort(), ['framework', 'overall']);
  assert.deepEqual(r.summary.overall, { score: Math.round(res.overall.score * 10) / 10, band: res.overall.band });
  const all = JSON.stringify(await msgs(p));
  for (const secret of ['Secret district', 'secret note', INDICATORS[0], '"scores"', '"notes"', '"date"']) assert.ok(!all.includes(secret), `${secret} never sent`);

  // A change sends nothing (nor does a note); asked for, the result is the snapshot shared.
  n = (await msgs(p)).length;
  await f.check(`input[data-ind="${INDICATORS[0]}"][value="4"]`);
  await p.evaluate(() => send({ type: 'resilience:get-result', version: 1, id: 'r2' }));
  const r2 = (await waitMsg(p, 'resilience:result', n)).data;
  assert.deepEqual(r2, { ...r, re: 'r2' });
  n = (await msgs(p)).length;
  await f.fill(`textarea[data-note="${INDICATORS[3]}"]`, 'secret note, longer');
  assert.deepEqual(await since(p, n), [], 'a note sends nothing');

  // The host sets a framework; a bad one and an unknown version get errors.
  await p.evaluate((fw) => send({ type: 'resilience:set-framework', version: 1, framework: fw, id: 'fw' }), MINI);
  const fwr = (await waitMsg(p, 'resilience:framework', n)).data;
  assert.deepEqual(fwr, { type: 'resilience:framework', version: 1, framework: { id: 'partner-mini', version: '0.1.0' }, re: 'fw' });
  assert.equal(await f.locator('fieldset.ind').count(), MINI_IDS.length);
  n = (await msgs(p)).length;
  await p.evaluate((fw) => send({ type: 'resilience:set-framework', version: 1, framework: { ...fw, bands: 'no' } }), MINI);
  const bad = (await waitMsg(p, 'resilience:error', n)).data;
  assert.equal(bad.code, 'invalid_framework');
  assert.ok(bad.issues.length > 0);
  n = (await msgs(p)).length;
  await p.evaluate(() => send({ type: 'resilience:get-result', version: 2 }));
  assert.equal((await waitMsg(p, 'resilience:error', n)).data.code, 'unsupported_version');
  await p.evaluate(() => send({ type: 'resilience:set-framework', version: 1, framework: null }));
  await p.waitForFunction(() => window.__msgs.filter((m) => m.data?.type === 'resilience:framework').length === 2);
  assert.equal(await f.locator('fieldset.ind').count(), INDICATORS.length);

  // The framework change withdrew what was shared; nothing more goes out.
  assert.equal((await waitMsg(p, 'resilience:consent')).data.shared, true);
  assert.equal((await msgs(p)).filter((m) => m.data?.type === 'resilience:consent').at(-1).data.shared, false);
  n = (await msgs(p)).length;
  await f.check(`input[data-ind="${INDICATORS[0]}"][value="0"]`);
  assert.deepEqual(await since(p, n), [], 'nothing sent without consent');

  // The iframe stored nothing (storage=none) and never posted to any other origin.
  assert.equal(await f.evaluate(() => localStorage.length), 0);
  assert.ok((await msgs(p)).every((m) => m.origin === A && m.fromRes));
});

embedTest('messages from an unlisted origin, or from a window that is not the parent, are ignored', async (h) => {
  const p = await open(h, '/frame.html');
  await waitMsg(p, 'resilience:ready');
  const f = p.frame({ name: 'res' });
  await answer(f, '', ANSWERS);
  await f.click('button[name=share]');
  await waitMsg(p, 'resilience:result');
  const n = (await msgs(p)).length;
  const attack = [
    { type: 'resilience:set-framework', version: 1, framework: MINI },
    { type: 'resilience:get-result', version: 1 },
    { type: 'resilience:hello', version: 1 },
  ];
  // A sandboxed frame (origin "null", not listed) and a sibling frame of the listed origin
  // (not the parent) both write to the calculator, which counts what reaches it from other
  // windows (with a listener of the test's, called after its own).
  await f.evaluate(() => {
    window.__others = 0;
    addEventListener('message', (e) => e.source !== parent && window.__others++);
  });
  for (const name of ['sandboxed', 'sib']) {
    const s = p.frame({ name });
    assert.equal(await s.evaluate(() => origin), name === 'sandboxed' ? 'null' : B);
    await s.evaluate((attack) => attack.forEach((m) => parent.frames.res.postMessage(m, '*')), attack);
  }
  await f.waitForFunction((n) => window.__others === n, 2 * attack.length);
  // The page itself then asks: the answer shows that nothing above was acted on.
  await p.evaluate(() => send({ type: 'resilience:hello', version: 1, id: 'after' }));
  const hello = (await waitMsg(p, 'resilience:ready', n)).data;
  assert.equal(hello.re, 'after');
  assert.equal(hello.framework.id, FRAMEWORK.id, 'the framework was not changed');
  assert.equal(await f.locator('fieldset.ind').count(), INDICATORS.length);
  const after = (await msgs(p)).slice(n);
  assert.deepEqual(after.map((m) => m.data.type), ['resilience:ready'], 'one reply, to the page’s own message');
  for (const name of ['sandboxed', 'sib']) assert.deepEqual(await p.frame({ name }).evaluate(() => window.__got), [], `${name} got nothing back`);
});

embedTest('a page whose origin is not listed cannot frame embed.html (CSP frame-ancestors)', { refusal: true }, async (h) => {
  const p = await h.context.newPage();
  const blocked = p.waitForEvent('requestfailed', (r) => r.url().startsWith(`${A}/embed.html`));
  await p.goto(`${B}/refused.html`);
  assert.match((await blocked).failure().errorText, /BLOCKED_BY_RESPONSE/);
  const f = p.frame({ name: 'res' });
  const drawn = await f.evaluate(() => !!document.querySelector('.rs')).catch(() => false);
  assert.equal(drawn, false, 'the calculator did not run in the refused frame');
  assert.deepEqual(await p.evaluate(() => window.__msgs), []);
});

embedTest('the example partner page works from another origin (and at 360 px)', async (h) => {
  const shots = process.env.SHOTS_EMBED;
  if (shots) await mkdir(shots, { recursive: true });
  for (const [name, viewport] of Object.entries({ desktop: { width: 1280, height: 900 }, phone: { width: 360, height: 740 } })) {
    const p = await h.context.newPage();
    await p.setViewportSize(viewport);
    await p.goto(`${B}/examples/partner.html`);
    await ready(p);
    const f = p.frame({ url: /embed\.html/ });
    await f.waitForSelector('.rs');
    await answer(p, '#check', ANSWERS);
    assert.match(await p.textContent('#summary'), /^Overall resilience index: \d+\.\d \(/);
    await answer(f, '', ANSWERS);
    await f.click('button[name=share]');
    await p.waitForFunction(() => /^Overall/.test(document.getElementById('shared').textContent));
    const wide = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= viewport.width, `no sideways scrolling at ${viewport.width} px (page is ${wide} px wide)`);
    if (shots) {
      await p.evaluate(() => scrollTo(0, 0));
      await p.screenshot({ path: join(shots, `partner-${name}.png`) });
      await p.screenshot({ path: join(shots, `partner-${name}-full.png`), fullPage: true });
      await p.locator('#iframe').screenshot({ path: join(shots, `partner-${name}-iframe.png`) });
      await p.locator('#check').screenshot({ path: join(shots, `partner-${name}-element.png`) });
    }
    }
});

embedTest('axe-core finds no serious or critical violations in the element’s modes or in embed.html', async (h) => {
  const p = await open(h, '/plain.html');
  await ready(p);
  await p.check(`#w input[data-ind="${INDICATORS[0]}"][value="0"]`);
  for (const mode of ['full', 'compact', 'results-only']) {
    await p.evaluate(async (mode) => {
      const w = document.getElementById('w');
      w.setAttribute('mode', mode);
      await w.ready;
    }, mode);
    assert.deepEqual(await axe(p), [], `axe on mode=${mode}`);
  }
  const f = await h.context.newPage();
  await f.setViewportSize({ width: 360, height: 740 });
  await f.goto(`${A}/embed.html?lang=fr&mode=compact`);
  await f.waitForSelector('.rs');
  assert.deepEqual(await axe(f), [], 'axe on embed.html');
  const wide = await f.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `embed.html fits 360 px (${wide})`);
});

test('every text the embedding code asks for is in every translation', async () => {
  const keys = new Set();
  for (const f of ['element.js', 'frame.js', 'widget.js']) {
    const src = await readFile(join(WWW, 'js', 'embed', f), 'utf8');
    for (const m of src.matchAll(/\bt\('([a-z_.]+)'/g)) keys.add(m[1]);
  }
  assert.ok(keys.has('embed.share') && keys.has('result.title'));
  for (const lang of ['en', 'fr']) {
    const d = JSON.parse(await readFile(join(WWW, 'i18n', `${lang}.json`), 'utf8'));
    assert.deepEqual([...keys].filter((k) => !(k in d)), [], `${lang}.json`);
  }
});

test('nothing in the embedding code posts to "*"', async () => {
  const src = await readFile(join(WWW, 'js', 'embed', 'frame.js'), 'utf8');
  const calls = src.match(/postMessage\([^;]*/g) || [];
  assert.ok(calls.length > 0);
  for (const c of calls) assert.ok(!/['"]\*['"]/.test(c), c);
});
