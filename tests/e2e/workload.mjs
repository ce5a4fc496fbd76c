// The benchmarks' assessments, made by a seeded generator so that every run (and the native
// figures beside them) times the same work.
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'target/release/resilience');

/** The default framework's indicator ids, from the CLI. */
export const indicatorIds = () =>
  JSON.parse(execFileSync(BIN, ['framework'])).root.children.flatMap((p) => p.children.map((i) => i.id));

/** `{assessments}`: `n` like real data, 28 indicators, 1–3 respondents, a few not scored. */
export function makeBatch(n) {
  const ids = indicatorIds();
  let s = 42;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const assessments = [];
  for (let a = 0; a < n; a++) {
    const scores = {};
    for (const id of ids) {
      if (rnd() < 0.05) continue;
      const k = 1 + Math.floor(rnd() * 3);
      scores[id] = k === 1 ? Math.floor(rnd() * 5) : Array.from({ length: k }, () => Math.floor(rnd() * 5));
    }
    assessments.push({ id: `a${a}`, unit: `Unit ${a % 97}`, date: '2026-03-14', scores });
  }
  return { assessments };
}

/** Headless Chromium as the benchmarks run it: nothing of its own on the network. */
export const launchBrowser = () =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
