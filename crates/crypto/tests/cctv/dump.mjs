// Writes every C2SP age test vector of the `cctv-age` npm package to a folder, one file each,
// for crates/crypto/tests/age_vectors.rs (Rust cannot import the package's JS module).
// Usage: node dump.mjs OUT_DIR
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const vectors = createRequire(import.meta.url)('cctv-age');
const out = process.argv[2];
mkdirSync(out, { recursive: true });
for (const [name, bytes] of Object.entries(vectors)) writeFileSync(join(out, name), bytes);
console.log(Object.keys(vectors).length);
