// Encrypted hand-over to headquarters, in the age file format (https://age-encryption.org):
// the complete JSON export, encrypted to the organisation's X25519 public keys (age1…), which
// headquarters decrypt with the standard tool:  age -d -i key.txt resilience-….json.age
// The keys come from the settings and from an optional deployment file, config.json beside
// index.html: {"recipients": ["age1…", …]}. The reverse direction: a file encrypted with
// `age -r age1…` to a field key, opened with its identity file, itself usually protected by a
// passphrase (`age-keygen | age -p -a > key.age`). All of it runs on this device.
import { loadCrypto, random, utf8, getSetting, setSetting } from './vault.js';
import { toJSON } from './files.js';
import { download, stamp } from './export.js';

/** Canonical recipients from text (one per line, or separated by spaces or commas); throws
 * {bad: 'the text', code} for the first one that is not an age1… key. */
export async function parseRecipients(text) {
  const m = await loadCrypto();
  const out = [];
  for (const s of String(text).split(/[\s,]+/).filter(Boolean)) {
    try {
      const r = m.ageRecipient(s);
      if (!out.includes(r)) out.push(r);
    } catch {
      throw Object.assign(new Error('bad recipient'), { bad: s });
    }
  }
  return out;
}

/** Recipients of the deployment file (remembered, so that they work offline too). The app
 * ships a config.json without keys, so that asking for it is not an error on every visit; a
 * deployment replaces it. A missing or unreadable file, or no network, gives the remembered
 * keys. Remembering them is refused while locked and after a wipe (vault.setSetting), so a late
 * answer never writes them anywhere in the clear. */
export async function deployed() {
  const kept = getSetting('deployRecipients') || [];
  if (location.protocol === 'file:') return kept; // the one file: nothing beside it to ask for
  let list;
  try {
    const r = await fetch('config.json', { cache: 'no-cache' });
    if (!r.ok) return kept;
    const keys = (await r.json())?.recipients;
    list = Array.isArray(keys) && keys.length ? await parseRecipients(keys.join('\n')) : [];
  } catch {
    return kept;
  }
  if (JSON.stringify(list) === JSON.stringify(kept)) return list;
  try {
    await setSetting('deployRecipients', list);
  } catch {
    return kept;
  }
  return list;
}

/** Recipients the user entered in the settings. */
export const own = () => getSetting('recipients') || [];

export async function setOwn(text) {
  const list = await parseRecipients(text);
  await setSetting('recipients', list);
  return list;
}

/** Every recipient: the deployment's, then the user's. */
export async function recipients() {
  const d = await deployed();
  return [...new Set([...d, ...own()])];
}

/** The age file of `bytes` for `list`. */
export async function encrypt(bytes, list) {
  const m = await loadCrypto();
  if (!list.length) throw new Error('no-recipient');
  return m.ageEncrypt(list.join('\n'), bytes, random(m.ageEncryptRandom(list.length)));
}

/** Downloads the complete JSON export of `recs` (`models`: the frameworks, frameworks.js),
 * encrypted: exactly the bytes of the plain export once decrypted, without the invented example
 * (it is no data for headquarters). Resolves to the file name. */
export async function exportEncrypted(recs, models) {
  const list = await recipients();
  const bytes = new TextEncoder().encode(toJSON(recs.filter((r) => !r.example), models));
  const file = await encrypt(bytes, list);
  bytes.fill(0);
  const name = `resilience-${stamp()}.json.age`;
  download(name, file, 'application/octet-stream');
  return name;
}

/** The text inside an age file, decrypted with an identity file (and its passphrase). */
export async function decrypt(data, identity, passphrase = '') {
  const m = await loadCrypto();
  const pw = utf8(passphrase);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(m.ageDecrypt(data, identity, pw));
  } finally {
    pw.fill(0);
  }
}
