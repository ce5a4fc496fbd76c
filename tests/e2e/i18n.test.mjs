// Languages: every translation has every key of English with the same placeholders, every
// key the code uses exists, and the app in French shows French text, numbers and dates.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, suite, open, reload, WWW, FRAMEWORK, shownScores } from './harness.mjs';
import { fresh } from '../../tools/bundle.mjs';

const app = suite();

const load = (l) => JSON.parse(readFileSync(join(WWW, 'i18n', `${l}.json`), 'utf8'));
const langs = readdirSync(join(WWW, 'i18n')).filter((f) => /^[a-z]{2}\.json$/.test(f)).map((f) => f.slice(0, -5));
const holes = (v) => [...JSON.stringify(v).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join();

test('every translation is complete', () => {
  const en = load('en');
  const offered = readFileSync(join(WWW, 'js', 'shared', 'i18n.js'), 'utf8');
  const sw = readFileSync(join(WWW, 'sw.js'), 'utf8');
  for (const l of langs) {
    const d = load(l);
    assert.deepEqual(Object.keys(d).sort(), Object.keys(en).sort(), `${l}.json has exactly en.json's keys`);
    for (const k of Object.keys(en)) assert.equal(holes(d[k]), holes(en[k]), `${l}.json ${k}: same placeholders`);
    assert.match(offered, new RegExp(`\\b${l}: '`), `${l} offered in js/shared/i18n.js LANGS`);
    for (const part of ['first', 'later']) assert.ok(sw.includes(`'i18n/${l}.${part}.json'`), `${l}.${part}.json precached in sw.js`);
    for (const text of [FRAMEWORK.title, FRAMEWORK.root.children[0].title]) assert.ok(text[l] || text.en, `framework text in ${l} or English`);
  }
});

test('the texts in two parts (tools/bundle.mjs): the first screen’s and the others, each text in one, alike in every language', async () => {
  await fresh(); // (the parts are written with the bundle)
  const firstKeys = Object.keys(load('en.first')).sort();
  assert.ok(firstKeys.length > 100 && firstKeys.length < Object.keys(load('en')).length / 2, `${firstKeys.length} texts on the first screen`);
  for (const l of langs) {
    const [first, later] = [load(`${l}.first`), load(`${l}.later`)];
    assert.deepEqual(Object.keys(first).sort(), firstKeys, `${l}: the same first part as English`);
    assert.deepEqual({ ...first, ...later }, load(l), `${l}: the parts make the whole`);
    assert.equal(Object.keys(first).length + Object.keys(later).length, Object.keys(load(l)).length, `${l}: no text in both`);
  }
  // What index.html shows at once, and a few texts of the first screen's modules, are in the first part.
  for (const k of ['nav.list', 'app.name', 'form.notscored', 'form.reason.dk', 'score.none', 'offline.ready', 'update.ready']) assert.ok(firstKeys.includes(k), k);
});

test('every interface text the code asks for exists', () => {
  const en = load('en');
  const html = readFileSync(join(WWW, 'index.html'), 'utf8');
  const used = new Set([...html.matchAll(/data-t(?:-label)?="([^"]+)"/g)].map((m) => m[1]));
  // Every module of www/js: the app's, the embed's, the shared ones and the workers'.
  for (const f of readdirSync(join(WWW, 'js'), { recursive: true }).filter((f) => f.endsWith('.js'))) {
    const src = readFileSync(join(WWW, 'js', f), 'utf8');
    for (const m of src.matchAll(/\bt\('([a-z_.]+)'/g)) used.add(m[1]);
  }
  const missing = [...used].filter((k) => !(k in en));
  assert.deepEqual(missing, []);
});

app.test('numbers are written as the browser’s Intl.NumberFormat writes them, in every language, without it (shared/i18n.js decimal())', async (h) => {
  const { page } = h;
  await page.goto(h.url + 'manifest.webmanifest'); // (the app's origin, without the app)
  const wrong = await page.evaluate(async (langs) => {
    const { decimal, percent } = await import('/js/shared/i18n.js');
    // Scores, shares, ties in decimal (0.15, 62.25, 1.005), tiny and large values, negative zero.
    const xs = [0, -0, 0.05, 0.15, 0.25, 0.45, 1.005, 2.5, 62.25, -3.25, -0.04, 0.0004, 999.95, 1000, 99.99, 51.785714285714285, 0.857142857142857, 123456789.5, 1e20];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 3000; i++) xs.push((rnd() - 0.3) * 10 ** Math.floor(rnd() * 10 - 4), Math.round(rnd() * 2000) / 20);
    const out = [];
    for (const lang of langs) {
      for (const x of xs) {
        for (const dp of [0, 1, 2]) {
          const want = new Intl.NumberFormat(lang, { minimumFractionDigits: dp, maximumFractionDigits: dp }).format(x);
          const got = decimal(x, dp, lang);
          if (got !== want && !(got == null && String(x).includes('e'))) out.push([lang, x, dp, got, want]);
        }
        const pct = new Intl.NumberFormat(lang, { style: 'percent' }).format(x);
        const share = percent(x, lang);
        if (share !== pct && !(share == null && String(x).includes('e'))) out.push([lang, x, '%', share, pct]);
      }
    }
    return out.slice(0, 10);
  }, langs);
  assert.deepEqual(wrong, []);
});

app.test('a first visit in French asks for the French texts and framework at once, and for no English ones', { locale: 'fr-FR' }, async (h) => {
  const { page } = h;
  await open(page, h.url, '#/a/example');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  const asked = h.requests.map((u) => new URL(u).pathname).filter((p) => /^\/(i18n|frameworks)\//.test(p));
  for (const f of ['/i18n/fr.first.json', '/frameworks/default.fr.json', '/frameworks/default.fr.texts.json']) assert.ok(asked.includes(f), `${f} asked for`);
  assert.deepEqual(asked.filter((p) => /[./]en[.]/.test(p)), [], 'no English texts or framework');
  // Asked for by index.html's boot script as the page is parsed, not by the app's code, which
  // runs once it is parsed (a module script).
  const { starts, parsed } = await page.evaluate(() => ({
    starts: Object.fromEntries(performance.getEntriesByType('resource').map((r) => [new URL(r.name).pathname, r.startTime])),
    parsed: performance.getEntriesByType('navigation')[0].domInteractive,
  }));
  for (const f of ['/i18n/fr.first.json', '/frameworks/default.fr.json', '/frameworks/default.fr.texts.json', '/pkg/resilience_bg.wasm'])
    assert.ok(starts[f] < parsed, `${f} asked for at ${starts[f]} ms, while the page was parsed (until ${parsed} ms)`);
});

app.test('in French: interface, framework texts, numbers and dates; the choice is remembered', { locale: 'en-US' }, async (h) => {
  const { page } = h;
  await open(page, h.url, '#/a/example');
  await page.focus('#lang');
  await page.selectOption('#lang', 'fr');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  await reload(page);
  const text = await page.textContent('main');
  const fr = FRAMEWORK.root.children[0];
  assert.ok(text.includes(fr.title.fr), 'pillar title in French');
  assert.ok(text.includes(fr.children[0].scale.anchors[0].label.fr), 'anchor in French');
  assert.ok(text.includes('Pas encore répondu') && text.includes('Ne sait pas'), 'interface in French');
  assert.match((await shownScores(page, '.live')).overall, /^\d+,\d$/, 'decimal comma');
  await open(page, h.url, '#/r/example');
  assert.match(await page.textContent('.report'), /15 janv\. 2026/, 'date in French');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.ok(!(await page.textContent('body')).match(/\b[a-z]+\.[a-z_.]+\b(?<!\.json)/g)?.some((k) => k in load('en')), 'no key shown raw');
});
