// Shared by the browser tests and benchmarks: serves www/ with tools/serve.mjs (the app's real
// headers and CSP) on 127.0.0.1, drives the system Chromium through playwright-core with a
// fresh profile, records every request and fails on any host but the app's own.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { serve } from '../../tools/serve.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = join(ROOT, 'www');
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

/** Starts the server and a browser with a fresh profile. Call close() at the end: it throws
 * if any request went to another host, a CSP violation happened or the page threw. With
 * `profile` (a directory), the browser uses that profile directory and close() leaves it in
 * place (to search its files, or to start the browser on it again). */
export async function start({ viewport = { width: 1280, height: 800 }, locale = 'en-US', server, profile } = {}) {
  const srv = server || (await serve(WWW, 0));
  const origin = `http://127.0.0.1:${srv.port}`;
  const dir = profile || (await mkdtemp(join(tmpdir(), 'resilience-e2e-')));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ARGS,
    headless: true,
    viewport,
    locale,
    acceptDownloads: true,
  });
  const requests = [];
  const foreign = [];
  const errors = [];
  const record = (r) => {
    const u = r.url();
    requests.push(u);
    if (!ownOrigin(u, origin)) foreign.push(u);
  };
  context.on('request', record);
  const watch = (page) => {
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(m.text())) errors.push(`console: ${m.text()}`);
    });
  };
  context.on('page', watch);
  // Any CSP violation is a failure: collect them in the page.
  await context.addInitScript(() => {
    window.__csp = [];
    addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  context.pages().forEach(watch);
  const page = context.pages()[0] || (await context.newPage());
  return {
    url: `${origin}/`,
    origin,
    context,
    page,
    requests,
    foreign,
    errors,
    server: srv,
    dir,
    async csp(p = page) {
      return p.evaluate(() => window.__csp || []);
    },
    async close({ keepServer = false } = {}) {
      await context.close().catch(() => {});
      if (!server && !keepServer) srv.server.close();
      if (!profile) await rm(dir, { recursive: true, force: true });
      if (foreign.length) throw new Error(`requests to other hosts: ${foreign.join(', ')}`);
      if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
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

/** Opens the app at `hash` and waits until it has scored and drawn. */
export async function open(page, url, hash = '') {
  await page.goto(url + hash);
  // Started, and the route drawn (pages loaded on first use are drawn a moment later).
  await page.waitForFunction(
    () => performance.getEntriesByName('ready').length > 0 && document.documentElement.dataset.shown === (location.hash || '#/'),
    null,
    { polling: 20 },
  );
}

/** The CLI's result for an input object (built once, with cargo, if missing). */
export function cli(inputPath, ...args) {
  const bin = join(ROOT, 'target', 'release', 'resilience');
  if (!existsSync(bin)) execFileSync('cargo', ['build', '--release', '--quiet', '--bin', 'resilience'], { cwd: ROOT, stdio: 'inherit' });
  return execFileSync(bin, ['score', ...args, inputPath], { encoding: 'utf8' });
}

/** A score as the app shows it in `lang`: one decimal, or "–" for none. */
export const shown = (x, lang = 'en') =>
  x == null ? '–' : new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);

/** The default framework's pillars and indicators, in order (from the engine's source). */
import { readFileSync, writeFileSync } from 'node:fs';
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
