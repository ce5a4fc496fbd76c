// Searches every file of a browser profile directory for strings, the way someone who took the
// device would: each file's raw bytes, and what Chromium keeps compressed, unpacked.
//   - every file, as it is;
//   - LevelDB logs (*.log, MANIFEST-*): records reassembled across the log's 32 KiB blocks
//     (a string cut by a block header would not show in the raw bytes), and each write batch's
//     keys and values;
//   - LevelDB tables (*.ldb, *.sst): every block of the index, Snappy-decompressed where it is
//     compressed (a 1-byte type trailer, then a CRC), and each entry's key and value;
//   - IndexedDB values, in a table or a log or in a file of their own (*.indexeddb.blob/): Blink
//     compresses large values with Snappy behind a 3-byte header (0xFF, a version, 0x02).
// Each string is looked for as UTF-8, UTF-16LE and UTF-16BE. Snappy: the snappyjs package.
import { readdirSync, readFileSync, lstatSync } from 'node:fs';
import { join, basename, relative } from 'node:path';
import SnappyJS from 'snappyjs';

const LOG_BLOCK = 32768;
const TABLE_MAGIC = Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]);

/** Every regular file under `dir`. */
export function files(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = lstatSync(p);
    if (s.isDirectory()) out.push(...files(p));
    else if (s.isFile()) out.push(p);
  }
  return out;
}

/** A varint at `pos` of `b`: [value, next position], or null. */
function varint(b, pos) {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 10 && pos < b.length; i++) {
    const c = b[pos++];
    v += (c & 0x7f) * mul;
    if (c < 0x80) return [v, pos];
    mul *= 128;
  }
  return null;
}

function snappy(bytes) {
  try {
    const out = SnappyJS.uncompress(bytes, 64 << 20);
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  } catch {
    return null;
  }
}

/** Blink's compressed IndexedDB values in `b` (a value, or a blob file), unpacked. */
export function blinkValues(b, from = 0, to = Math.min(b.length - 3, 24)) {
  const out = [];
  for (let i = from; i <= to; i++) {
    if (b[i] !== 0xff || b[i + 2] !== 0x02 || b[i + 1] < 0x10 || b[i + 1] > 0x40) continue;
    const u = snappy(b.subarray(i + 3));
    if (u) out.push(u);
  }
  return out;
}

/** The records of a LevelDB log file, reassembled. */
export function logRecords(b) {
  const out = [];
  let parts = [];
  for (let block = 0; block < b.length; block += LOG_BLOCK) {
    let pos = block;
    const end = Math.min(block + LOG_BLOCK, b.length);
    while (pos + 7 <= end) {
      const len = b.readUInt16LE(pos + 4);
      const type = b[pos + 6];
      if (type === 0 && len === 0) break; // padding to the end of the block
      const data = b.subarray(pos + 7, Math.min(pos + 7 + len, end));
      pos += 7 + len;
      if (type === 1) out.push(Buffer.from(data));
      else if (type === 2) parts = [data];
      else if (type === 3) parts.push(data);
      else if (type === 4) out.push(Buffer.concat([...parts, data])), (parts = []);
    }
  }
  if (parts.length) out.push(Buffer.concat(parts));
  return out;
}

/** Keys and values of a LevelDB write batch (a log record of a database's log). */
export function batchEntries(r) {
  const out = [];
  let pos = 12; // sequence (8), count (4)
  while (pos < r.length) {
    const tag = r[pos++];
    if (tag !== 0 && tag !== 1) break;
    const k = varint(r, pos);
    if (!k || k[1] + k[0] > r.length) break;
    out.push(r.subarray(k[1], k[1] + k[0]));
    pos = k[1] + k[0];
    if (tag === 1) {
      const v = varint(r, pos);
      if (!v || v[1] + v[0] > r.length) break;
      out.push(r.subarray(v[1], v[1] + v[0]));
      pos = v[1] + v[0];
    }
  }
  return out;
}

/** A table block: its contents (decompressed when its trailer says Snappy), or null. */
function tableBlock(b, offset, size) {
  if (offset + size + 5 > b.length) return null;
  const raw = b.subarray(offset, offset + size);
  const type = b[offset + size];
  if (type === 0) return raw;
  if (type === 1) return snappy(raw);
  return null;
}

/** Keys and values of a table block. */
function blockEntries(block) {
  const out = [];
  if (block.length < 4) return out;
  const restarts = block.readUInt32LE(block.length - 4);
  const end = block.length - 4 * (restarts + 1);
  let pos = 0;
  let key = Buffer.alloc(0);
  while (pos < end) {
    const a = varint(block, pos);
    const bb = a && varint(block, a[1]);
    const c = bb && varint(block, bb[1]);
    if (!c) break;
    const [shared, nonShared, vlen] = [a[0], bb[0], c[0]];
    pos = c[1];
    if (pos + nonShared + vlen > end) break;
    key = Buffer.concat([key.subarray(0, shared), block.subarray(pos, pos + nonShared)]);
    const value = block.subarray(pos + nonShared, pos + nonShared + vlen);
    out.push([key, value]);
    pos += nonShared + vlen;
  }
  return out;
}

/** Every block of a LevelDB table (data blocks through the index, and the index and
 * metaindex blocks), decompressed. */
export function tableBlocks(b) {
  if (b.length < 48 || !b.subarray(b.length - 8).equals(TABLE_MAGIC)) return [];
  const footer = b.subarray(b.length - 48);
  const m1 = varint(footer, 0);
  const m2 = m1 && varint(footer, m1[1]);
  const i1 = m2 && varint(footer, m2[1]);
  const i2 = i1 && varint(footer, i1[1]);
  if (!i2) return [];
  const out = [];
  const meta = tableBlock(b, m1[0], m2[0]);
  if (meta) out.push(meta);
  const index = tableBlock(b, i1[0], i2[0]);
  if (!index) return out;
  out.push(index);
  for (const [, handle] of blockEntries(index)) {
    const o = varint(handle, 0);
    const s = o && varint(handle, o[1]);
    if (!s) continue;
    const block = tableBlock(b, o[0], s[0]);
    if (block) out.push(block);
  }
  return out;
}

/** What of a file can hold text, each with where it came from: [label, bytes]. */
export function views(path, b) {
  const out = [['raw', b]];
  const name = basename(path);
  const values = [];
  if (/\.log$/.test(name) || /^MANIFEST-/.test(name)) {
    for (const r of logRecords(b)) {
      out.push(['log record', r]);
      values.push(...batchEntries(r));
    }
  }
  if (/\.(ldb|sst)$/.test(name)) {
    for (const block of tableBlocks(b)) {
      out.push(['table block (unpacked)', block]);
      for (const [k, v] of blockEntries(block)) values.push(k, v);
    }
  }
  for (const v of values) for (const u of blinkValues(v)) out.push(['IndexedDB value (unpacked)', u]);
  if (/\.indexeddb\.blob[/\\]/.test(path)) for (const u of blinkValues(b, 0, 0)) out.push(['IndexedDB blob (unpacked)', u]);
  return out;
}

const ENCODINGS = {
  'UTF-8': (s) => Buffer.from(s, 'utf8'),
  'UTF-16LE': (s) => Buffer.from(s, 'utf16le'),
  'UTF-16BE': (s) => Buffer.from(s, 'utf16le').swap16(),
};

/**
 * Searches every file under `dir` for each of `needles`. Resolves to {hits: [{needle, file,
 * where, encoding}], files, views}: `files` and `views` count what was searched (a view is a
 * file's raw bytes, or a record, block or value unpacked from it).
 */
export function scan(dir, needles) {
  const pats = needles.flatMap((n) => Object.entries(ENCODINGS).map(([enc, f]) => [n, enc, f(n)]));
  const hits = [];
  let nFiles = 0;
  let nViews = 0;
  for (const path of files(dir)) {
    nFiles++;
    let b;
    try {
      b = readFileSync(path);
    } catch {
      continue; // a lock file the browser removed meanwhile
    }
    for (const [where, bytes] of views(path, b)) {
      nViews++;
      for (const [needle, encoding, pat] of pats) {
        if (bytes.includes(pat)) hits.push({ needle, file: relative(dir, path), where, encoding });
      }
    }
  }
  return { hits, files: nFiles, views: nViews };
}

// --- controls: files the search must see into ---------------------------------------------------

const crcTable = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  return c;
});
/** CRC-32C, masked as LevelDB stores it (the scan does not check it; the file is valid). */
function crc32c(b) {
  let c = ~0;
  for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
  c = ~c >>> 0;
  return (((c >>> 15) | (c << 17)) + 0xa282ead8) >>> 0;
}

const putVarint = (n) => {
  const out = [];
  while (n >= 0x80) out.push((n & 0x7f) | 0x80), (n = Math.floor(n / 128));
  out.push(n);
  return Buffer.from(out);
};

/** A block of `entries` ([key, value] Buffers), no prefix compression, one restart. */
function block(entries) {
  const parts = entries.map(([k, v]) => Buffer.concat([putVarint(0), putVarint(k.length), putVarint(v.length), k, v]));
  const tail = Buffer.alloc(8);
  tail.writeUInt32LE(0, 0);
  tail.writeUInt32LE(1, 4);
  return Buffer.concat([...parts, tail]);
}

/**
 * A LevelDB table holding `text` in one Snappy-compressed data block, made so that `text`
 * cannot be seen in the file's raw bytes: `text` repeats a short pattern, which Snappy turns
 * into a copy. Written by the tests into a profile, it shows that the search unpacks tables.
 */
export function snappyTable(text) {
  const data = block([[Buffer.from('k'), Buffer.from(text)]]);
  const packed = Buffer.from(SnappyJS.compress(data));
  if (packed.includes(Buffer.from(text))) throw new Error('the control would be readable unpacked');
  const withTrailer = (b, type) => {
    const t = Buffer.alloc(5);
    t[0] = type;
    t.writeUInt32LE(crc32c(Buffer.concat([b, Buffer.from([type])])), 1);
    return Buffer.concat([b, t]);
  };
  const d = withTrailer(packed, 1);
  const handle = (o, s) => Buffer.concat([putVarint(o), putVarint(s)]);
  const meta = withTrailer(block([]), 0);
  const metaAt = d.length;
  const index = withTrailer(block([[Buffer.from('l'), handle(0, packed.length)]]), 0);
  const indexAt = metaAt + meta.length;
  const footer = Buffer.alloc(48);
  Buffer.concat([handle(metaAt, meta.length - 5), handle(indexAt, index.length - 5)]).copy(footer);
  TABLE_MAGIC.copy(footer, 40);
  return Buffer.concat([d, meta, index, footer]);
}
