// Shared by the browser tests and benchmarks: serves www/ with tools/serve.mjs (the app's real
// headers and CSP) on 127.0.0.1, drives the system Chromium through playwright-core with a
// fresh profile, records every request and fails on any host but the app's own.
//
// Every test starts from nothing: its own browser with its own profile (IndexedDB, service
// worker, caches, Web Storage), made for it and closed when it ends, whatever happened
// (`suite().test`, or `using` for a browser of a test's own). Only the server is shared by the
// tests of a file: it keeps no state.
import { test as nodeTest, before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { serve } from '../../tools/serve.mjs';
import { fresh } from '../../tools/bundle.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = join(ROOT, 'www');
// The app runs from its bundles (tools/bundle.mjs): made again here when a source is newer, so
// that a test never runs stale code.
await fresh();
const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];

/** How long one wait or action may take: Playwright's default in every browser made here. On
 * a machine whose cores are all busy Chromium is several times slower than on an idle one, so
 * conditions that take well under a second are given a minute: a wait ends as soon as its
 * condition holds, and one cut short is a flaky test. */
export const WAIT = 60_000;
/** How long one test may take in all (node:test's timeout; without one a hung wait in the page
 * would stop the whole run). */
export const TEST_TIMEOUT = 5 * 60_000;

/** node:test's test(), with TEST_TIMEOUT. */
export const test = (name, fn) => nodeTest(name, { timeout: TEST_TIMEOUT }, fn);

/**
 * A browser with a fresh profile of its own, deleted by close(). Records every request
 * (`requests`) and, apart, those the pages and their workers made themselves (`pageRequests`:
 * not the service worker's, whose precache fetches every asset in the background). close()
 * throws if a request went to a URL that `allowed` refuses, a page threw, logged an error
 * (other than those `consoleOk(message)` lets through) or opened a dialog, or a CSP violation
 * happened in any page or frame, before or after a reload.
 */
export async function browser({ allowed, consoleOk = () => false, viewport = { width: 1280, height: 800 }, locale = 'en-US', offline = false, profile } = {}) {
  // With `profile` (a directory), that profile is used and close() leaves it in place (to search
  // its files, or to start a browser on it again).
  const dir = profile || (await mkdtemp(join(tmpdir(), 'resilience-e2e-')));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ARGS,
    headless: true,
    viewport,
    locale,
    offline,
    acceptDownloads: true,
  });
  context.setDefaultTimeout(WAIT);
  const requests = [];
  const pageRequests = [];
  const foreign = [];
  const errors = [];
  const csp = [];
  context.on('request', (r) => {
    const u = r.url();
    requests.push(u);
    if (!r.serviceWorker()) pageRequests.push(u);
    if (!allowed(u)) foreign.push(u);
  });
  const watch = (page) => {
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && !consoleOk(m) && errors.push(`console: ${m.text()}`));
    page.on('dialog', (d) => {
      errors.push(`dialog opened: ${d.message()}`);
      d.dismiss().catch(() => {});
    });
  };
  context.on('page', watch);
  context.pages().forEach(watch);
  // Any CSP violation is a failure: each is kept in its page (window.__csp, for a test to look
  // at) and sent here at once, so that one in a page since reloaded or closed counts too.
  await context.exposeBinding('__cspViolation', ({ frame }, text) => csp.push(`${frame.url()}: ${text}`));
  await context.addInitScript(() => {
    window.__csp = [];
    addEventListener('securitypolicyviolation', (e) => {
      const v = `${e.violatedDirective} ${e.blockedURI}`;
      window.__csp.push(v);
      window.__cspViolation?.(v);
    });
  });
  const page = context.pages()[0] || (await context.newPage());
  return {
    context,
    page,
    dir,
    requests,
    pageRequests,
    foreign,
    errors,
    async csp(p = page) {
      return p.evaluate(() => window.__csp || []);
    },
    async close() {
      // One round trip to every frame still open: what it reported before has arrived.
      for (const p of context.pages()) for (const f of p.frames()) await f.evaluate(() => 0).catch(() => {});
      await context.close().catch(() => {});
      if (!profile) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
      const problems = [];
      if (foreign.length) problems.push(`requests to other hosts: ${foreign.join(', ')}`);
      if (errors.length) problems.push(`errors in the page: ${errors.join('; ')}`);
      if (csp.length) problems.push(`CSP violations: ${csp.join('; ')}`);
      if (problems.length) throw new Error(problems.join('\n'));
    },
  };
}

/** Starts the server (or uses `server`) and a fresh browser() on it, which may request the
 * app's origin only. Call close() at the end (or use suite()/using()). */
export async function start({ server, ...options } = {}) {
  const srv = server || (await serve(WWW, 0));
  const origin = `http://127.0.0.1:${srv.port}`;
  const b = await browser({
    allowed: (u) => ownOrigin(u, origin),
    consoleOk: (m) => /Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(m.text()),
    ...options,
  });
  const closeBrowser = b.close;
  return Object.assign(b, {
    url: `${origin}/`,
    origin,
    server: srv,
    async close() {
      try {
        await closeBrowser();
      } finally {
        if (!server) srv.server.close();
      }
    },
  });
}

/** Runs `fn(h)` and then closes `h` (a browser() or start()) whatever happened. The test fails
 * with fn's error, or else with close()'s (a foreign request, a page error, a CSP violation). */
export async function using(h, fn) {
  let failure = null;
  try {
    await fn(h);
  } catch (e) {
    failure = e;
  }
  try {
    await h.close();
  } catch (e) {
    if (!failure) throw e;
    failure.message += `\n(and on closing the browser: ${e.message})`;
  }
  if (failure) throw failure;
}

/**
 * The browser tests of one file: one server of www/ for all of them, and for each test a
 * fresh browser on it (start(), with `defaults` and the test's own options), closed when the
 * test ends. `app.test(name, [options,] async (h) => …)`; `app.start(options)` gives a further
 * browser on the same server, for a test to close (with using()).
 */
export function suite(defaults = {}) {
  let server = null;
  before(async () => (server = await serve(WWW, 0)));
  after(() => server?.server.close());
  const launch = (options) => start({ ...defaults, ...options, server });
  return {
    start: launch,
    test(name, options, fn) {
      if (typeof options === 'function') [options, fn] = [{}, options];
      return test(name, async () => using(await launch(options), fn));
    },
  };
}

/** Whether a URL stays on the app's origin (blob: of it and data: are local). */
export function ownOrigin(u, origin) {
  if (u.startsWith('data:')) return true;
  if (u.startsWith('blob:')) u = u.slice(5);
  try {
    return new URL(u).origin === origin;
  } catch {
    return false;
  }
}

/** Waits until the app has started: scored, and the first route drawn (a form: every question, the
 * mark 'complete'). */
export const started = (page) => page.waitForFunction(() => performance.getEntriesByName('complete').length > 0, null, { polling: 20 });

/** Reloads the page and waits until the app has started again. */
export async function reload(page) {
  await page.reload();
  await started(page);
}

/** Opens the app at `hash` and waits until it has scored and drawn. */
export async function open(page, url, hash = '') {
  await page.goto(url + hash);
  // Started, and the route drawn (pages loaded on first use are drawn a moment later).
  await page.waitForFunction(
    () => performance.getEntriesByName('complete').length > 0 && document.documentElement.dataset.shown === (location.hash || '#/'),
    null,
    { polling: 20 },
  );
}

/** Waits until the service worker controls the page, reloading it once if the worker was
 * installed after the page loaded (sw.js does not claim open pages). The app has started when
 * this returns. */
export async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.ready.then(() => true));
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await reload(page);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
}

/**
 * Waits until the app's database holds assessment `id` as the app wrote it by itself (no flush
 * is asked for): with `unit` and every score in `scores` when given. Plain records only (no
 * passphrase set).
 */
export function stored(page, id, { unit, scores = {} } = {}) {
  return page.waitForFunction(
    async ([id, unit, scores]) => {
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
        return !!r?.input && (unit == null || r.input.unit === unit) && Object.entries(scores).every(([k, v]) => r.input.scores?.[k] === v);
      } catch {
        return false;
      } finally {
        db.close();
      }
    },
    [id, unit ?? null, scores],
    { polling: 50 },
  );
}

/** The id of the assessment the form shows (#/a/<id>). */
export const formId = (page) => decodeURIComponent(page.url().split('#/a/')[1].split('?')[0]);

/** The CLI's result for an input (the CLI built first, see cliBin). */
export function cli(inputPath, ...args) {
  return execFileSync(cliBin(), ['score', ...args, inputPath], { encoding: 'utf8' });
}

/** The CLI, built by cargo once per test file: always asked, not only when missing, since a
 * binary left from older sources would compare the app with an older engine (cargo does
 * nothing when it is up to date). */
let cliBuilt = false;
export function cliBin() {
  const bin = join(ROOT, 'target', 'release', 'resilience');
  if (!cliBuilt) execFileSync('cargo', ['build', '--release', '--quiet', '--bin', 'resilience'], { cwd: ROOT, stdio: 'inherit' });
  cliBuilt = true;
  return bin;
}

/** A score as the app shows it in `lang`: one decimal, or "–" for none. */
export const shown = (x, lang = 'en') =>
  x == null ? '–' : new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);

/** The default framework's pillars and indicators, in order (from the engine's source). */
export const FRAMEWORK = JSON.parse(readFileSync(join(ROOT, 'src', 'framework', 'default.json'), 'utf8'));
export const PILLARS = FRAMEWORK.root.children.map((p) => p.id);
export const INDICATORS = FRAMEWORK.root.children.flatMap((p) => p.children.map((i) => i.id));

/** Scores an input object with the CLI; returns its first result. */
export function cliScore(input) {
  const file = join(tmpdir(), `resilience-e2e-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(input));
  return JSON.parse(cli(file, '--compact')).results[0];
}

/** Presses Tab until `predicate(document.activeElement)` holds (keyboard only). */
export async function tabTo(page, predicate, arg, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate, arg)) return;
  }
  throw new Error(`tabTo: not reached after ${max} presses (${predicate})`);
}

/** Texts of every [data-k] element inside `root`: {key: text}. */
export async function shownScores(page, root = 'main') {
  return page.evaluate((root) => {
    const out = {};
    for (const el of document.querySelector(root).querySelectorAll('[data-k]')) out[el.dataset.k] ??= el.textContent;
    return out;
  }, root);
}

/** Runs axe-core in the page; returns serious and critical violations. */
export async function axe(page) {
  const src = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(src); // evaluated over the DevTools protocol, so the page's CSP still holds for the app
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return res.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
