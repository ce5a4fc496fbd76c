// Benchmarks of the crypto module (crypto/ → www/pkg-crypto/) in headless Chromium: the time to
// unlock (Argon2id at the app's default parameters, plus unwrapping the data key) on this CPU
// and on a phone-class CPU modelled by DevTools CPU throttling (4× is DevTools' "mid-tier
// mobile", 6× its "low-tier mobile"); age export encryption throughput; record sealing
// throughput; the module's size. Prints `metric<TAB>value` lines (./build.sh bench gathers them).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { serve } from '../../tools/serve.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const PKG = join(ROOT, 'www', 'pkg-crypto');
const RUNS = Number(process.env.BENCH_RUNS || 5);

const { server, url } = await serve(join(ROOT, 'www'), 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const out = [];
const say = (k, v) => out.push(`${k}\t${v}`);
try {
  const page = await browser.newPage();
  await page.goto(url + 'manifest.webmanifest');
  const cdp = await page.context().newCDPSession(page);
  const load = await page.evaluate(async () => {
    const t0 = performance.now();
    const m = await import('/pkg-crypto/resilience_crypto.js');
    await m.default();
    window.m = m;
    return { ms: performance.now() - t0, params: [...m.defaultParams()] };
  });
  const [mk, t, p] = load.params;
  say('crypto module load + instantiate (ms)', load.ms.toFixed(1));
  for (const rate of [1, 4, 6]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const ms = await page.evaluate(async (runs) => {
      const { m } = window;
      const pw = () => new TextEncoder().encode('correct horse battery staple');
      const v = m.Vault.create(pw(), ...m.defaultParams(), crypto.getRandomValues(new Uint8Array(m.vaultCreateRandom())));
      const header = v.header;
      v.free();
      const times = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        m.Vault.unlock(pw(), header).free();
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
    }, RUNS);
    say(`unlock, Argon2id m=${mk} KiB t=${t} p=${p}, CPU throttled ${rate}x (ms, median of ${RUNS})`, ms.toFixed(0));
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const tp = await page.evaluate(async () => {
    const { m } = window;
    const MB = 8;
    const data = new Uint8Array(MB << 20);
    for (let i = 0; i < data.length; i += 65536) crypto.getRandomValues(data.subarray(i, i + 65536));
    const k = m.Vault.create(new TextEncoder().encode('x'.repeat(12)), ...m.minParams(), crypto.getRandomValues(new Uint8Array(m.vaultCreateRandom())));
    const rec = data.subarray(0, 64 << 10); // a large record: 64 KiB
    const med = (f, n = 5) => {
      const ts = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        f();
        ts.push(performance.now() - t0);
      }
      return ts.sort((a, b) => a - b)[Math.floor(n / 2)];
    };
    // Two recipients, as a deployment with a backup key would have.
    const r1 = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
    const ageMs = med(() => m.ageEncrypt(`${r1}\n${r1}`, data, crypto.getRandomValues(new Uint8Array(m.ageEncryptRandom(2)))));
    const sealMs = med(() => {
      for (let i = 0; i < 128; i++) k.seal('a-1', crypto.getRandomValues(new Uint8Array(12)), rec);
    });
    return { ageMBs: MB / (ageMs / 1000), sealMBs: 8 / (sealMs / 1000) };
  });
  say('age export encryption, 8 MiB to 2 recipients (MB/s)', tp.ageMBs.toFixed(1));
  say('record sealing, AES-256-GCM, 64 KiB records (MB/s)', tp.sealMBs.toFixed(1));
} finally {
  await browser.close();
  server.close();
}
const wasm = readFileSync(join(PKG, 'resilience_crypto_bg.wasm'));
const js = readFileSync(join(PKG, 'resilience_crypto.js'));
say('crypto module wasm (bytes raw / gzipped)', `${wasm.length} / ${gzipSync(wasm, { level: 9 }).length}`);
say('crypto module JS glue (bytes raw / gzipped)', `${js.length} / ${gzipSync(js, { level: 9 }).length}`);
console.log('metric\tvalue');
console.log(out.join('\n'));
