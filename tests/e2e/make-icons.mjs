// Draws www/icons/icon-192.png and icon-512.png (the shapes of icon.svg, full-bleed so that
// they also work as maskable icons) with a minimal PNG encoder: no image library needed.
// Run: node tests/e2e/make-icons.mjs
import { deflateSync, crc32 } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const BLUE = [29, 78, 137];
const WHITE = [255, 255, 255];
const GREEN = [143, 208, 168];
const KITE = [[32, 19], [46, 32], [32, 41], [22, 32]];

function inside([x, y], poly) {
  let c = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

/** The colour at a point of the 64×64 design. */
function colour(x, y) {
  if (inside([x, y], KITE)) return GREEN;
  const d = Math.abs(x - 32) + Math.abs(y - 32);
  if (Math.abs(d - 22) / Math.SQRT2 <= 1.5) return WHITE;
  return BLUE;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

function png(size) {
  const SS = 4; // samples per axis per pixel (anti-aliasing)
  // Palette: blends quantised to 8 levels keep the file small.
  const palette = new Map();
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(size + 1); // filter byte 0, then palette indices
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0];
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) {
          const c = colour(((px + (sx + 0.5) / SS) * 64) / size, ((py + (sy + 0.5) / SS) * 64) / size);
          for (let k = 0; k < 3; k++) acc[k] += c[k];
        }
      const rgb = acc.map((v) => Math.round(v / (SS * SS) / 16) * 16).map((v) => Math.min(255, v));
      const key = rgb.join(',');
      if (!palette.has(key)) palette.set(key, palette.size);
      row[px + 1] = palette.get(key);
    }
    rows.push(row);
  }
  if (palette.size > 256) throw new Error('too many colours');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 3; // indexed colour
  const plte = Buffer.from([...palette.keys()].flatMap((k) => k.split(',').map(Number)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) {
  const out = new URL(`../../www/icons/icon-${size}.png`, import.meta.url);
  writeFileSync(out, png(size));
  console.log(`${out.pathname}: ${png(size).length} bytes`);
}
