// The 7-bit text of the one-file build's data blocks (tools/dist.mjs writes them, dist-boot.js
// reads them in the page; esbuild bundles this file into the boot script).
//
// 7-bit values that cannot stand in a <script> element's text as they are: NUL and CR (the HTML
// parser changes them) and "<" (it could start "</script" or "<!--"). Each is written as U+0100
// + its index here; every other value v as the character U+00vv.
export const ESCAPED = [0, 13, 60];

/** Bytes as text, 7 bits per character, most significant bit first, the last padded with 0. */
export function encode7(bytes) {
  const out = [];
  let acc = 0;
  let bits = 0;
  const put = (v) => out.push(String.fromCharCode(ESCAPED.includes(v) ? 0x100 + ESCAPED.indexOf(v) : v));
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 7) {
      bits -= 7;
      put(acc >> bits);
      acc &= (1 << bits) - 1;
    }
  }
  if (bits) put(acc << (7 - bits));
  return out.join('');
}

/** The inverse of encode7: `length` bytes. */
export function decode7(text, length) {
  const out = new Uint8Array(length);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length && o < length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x100) c = ESCAPED[c - 0x100];
    acc = (acc << 7) | c;
    bits += 7;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = acc >> bits;
      acc &= (1 << bits) - 1;
    }
  }
  return out;
}
