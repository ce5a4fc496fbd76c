//! The age v1 file format (<https://age-encryption.org/v1>, C2SP age.md), on RustCrypto
//! primitives: what the `age` command-line tool and library read and write.
//!
//! - Header: `age-encryption.org/v1`, one stanza per recipient (`-> X25519 <share>` or
//!   `-> scrypt <salt> <log2 N>`, each with a 32-byte wrapped file key as body), then
//!   `--- <HMAC-SHA256 of the header>`, the MAC key from HKDF(file key, "header").
//! - Payload: a 16-byte nonce, then the plaintext in 64 KiB chunks, each sealed with
//!   ChaCha20-Poly1305 under HKDF(file key, nonce, "payload"), the nonce being an 11-byte
//!   big-endian counter and a last-chunk flag (STREAM).
//!
//! Recipients are `age1…` X25519 public keys; identities `AGE-SECRET-KEY-1…` (bech32). The ASCII
//! armor (`-----BEGIN AGE ENCRYPTED FILE-----`) is read as well.

use crate::{Error, Result};
use base64ct::{Base64, Base64Unpadded, Encoding};
use bech32::primitives::decode::CheckedHrpstring;
use bech32::{Bech32, Hrp};
use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Nonce, Tag};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

const INTRO: &[u8] = b"age-encryption.org/v1\n";
const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;
const FILE_KEY: usize = 16;
const X25519_INFO: &[u8] = b"age-encryption.org/v1/X25519";
const SCRYPT_SALT_LABEL: &[u8] = b"age-encryption.org/v1/scrypt";
const ARMOR_BEGIN: &str = "-----BEGIN AGE ENCRYPTED FILE-----";
const ARMOR_END: &str = "-----END AGE ENCRYPTED FILE-----";
/// The highest scrypt work factor accepted when decrypting (2^20: 1 GiB of memory). `age -p`
/// writes 18 (256 MiB).
pub const MAX_LOG_N: u8 = 20;
/// Random bytes [`encrypt`] needs: file key 16, payload nonce 16, then 32 per recipient.
pub const fn encrypt_random(recipients: usize) -> usize {
    FILE_KEY + 16 + 32 * recipients
}
/// Random bytes [`encrypt_with_passphrase`] needs: file key 16, payload nonce 16, salt 16.
pub const PASSPHRASE_RANDOM: usize = 48;

/// Strict unpadded base64 (header MACs, stanza arguments and bodies): age requires canonical
/// encodings, so padding and non-zero trailing bits are refused (as `base64ct` does).
fn from_base64(text: &[u8]) -> Option<Vec<u8>> {
    Base64Unpadded::decode_vec(std::str::from_utf8(text).ok()?).ok()
}

/// Bech32 as age uses it: BIP 173's checksum (not bech32m), all lower or all upper case, zero
/// padding bits; the lower-case hrp and the data.
fn from_bech32(s: &str) -> Option<(String, Vec<u8>)> {
    let checked = CheckedHrpstring::new::<Bech32>(s).ok()?;
    checked.validate_segwit_padding().ok()?;
    Some((checked.hrp().to_lowercase(), checked.byte_iter().collect()))
}

/// `data` under the lower-case `hrp`: `age1…` recipients in lower case, `AGE-SECRET-KEY-1…`
/// identities in upper case.
fn to_bech32(hrp: &str, data: &[u8], upper: bool) -> String {
    let hrp = Hrp::parse(hrp).expect("a valid hrp");
    let s = if upper {
        bech32::encode_upper::<Bech32>(hrp, data)
    } else {
        bech32::encode_lower::<Bech32>(hrp, data)
    };
    s.expect("keys are far below bech32's length limit")
}

/// An X25519 recipient, `age1…`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Recipient([u8; 32]);

impl Recipient {
    pub fn parse(s: &str) -> Result<Recipient> {
        let s = s.trim();
        if !s.starts_with("age1") {
            return Err(Error::BadKey("a recipient starts with age1"));
        }
        let (hrp, data) =
            from_bech32(s).ok_or(Error::BadKey("not a valid age1… key (checksum)"))?;
        if hrp != "age" {
            return Err(Error::BadKey("a recipient starts with age1"));
        }
        Ok(Recipient(
            data.try_into().map_err(|_| Error::BadKey("wrong length"))?,
        ))
    }
}

impl std::fmt::Display for Recipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&to_bech32("age", &self.0, false))
    }
}

/// An X25519 identity, `AGE-SECRET-KEY-1…`.
pub struct Identity(StaticSecret);

impl Identity {
    pub fn from_bytes(secret: [u8; 32]) -> Identity {
        Identity(StaticSecret::from(secret))
    }

    pub fn parse(s: &str) -> Result<Identity> {
        let s = s.trim();
        if !s.starts_with("AGE-SECRET-KEY-1") {
            return Err(Error::BadKey("an identity starts with AGE-SECRET-KEY-1"));
        }
        let (hrp, data) =
            from_bech32(s).ok_or(Error::BadKey("not a valid AGE-SECRET-KEY-1… (checksum)"))?;
        let data = Zeroizing::new(data);
        if hrp != "age-secret-key-" || data.len() != 32 {
            return Err(Error::BadKey("not an X25519 identity"));
        }
        let mut k = [0u8; 32];
        k.copy_from_slice(&data);
        let id = Identity::from_bytes(k);
        zeroize::Zeroize::zeroize(&mut k);
        Ok(id)
    }

    pub fn recipient(&self) -> Recipient {
        Recipient(PublicKey::from(&self.0).to_bytes())
    }

    /// The `AGE-SECRET-KEY-1…` text (secret: handle with care).
    pub fn to_secret_string(&self) -> Zeroizing<String> {
        Zeroizing::new(to_bech32("age-secret-key-", self.0.as_bytes(), true))
    }
}

/// The identities in an identity file (`age-keygen`'s output): one per line, `#` comments.
pub fn parse_identities(text: &str) -> Result<Vec<Identity>> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        out.push(Identity::parse(line)?);
    }
    if out.is_empty() {
        return Err(Error::BadKey("no identity (AGE-SECRET-KEY-1…) in the file"));
    }
    Ok(out)
}

/// Whether `data` is an age file (binary or armored).
pub fn is_age(data: &[u8]) -> bool {
    data.starts_with(INTRO) || trim_start(data).starts_with(ARMOR_BEGIN.as_bytes())
}

fn trim_start(data: &[u8]) -> &[u8] {
    let n = data.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &data[n..]
}

// --- primitives ----------------------------------------------------------------------------

fn hkdf(ikm: &[u8], salt: &[u8], info: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut out = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(Some(salt), ikm)
        .expand(info, out.as_mut())
        .expect("32 bytes");
    out
}

fn chacha(key: &[u8; 32]) -> ChaCha20Poly1305 {
    ChaCha20Poly1305::new(key.into())
}

fn seal(key: &[u8; 32], nonce: &[u8; 12], data: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    out.extend_from_slice(data);
    let tag = chacha(key)
        .encrypt_inout_detached(&Nonce::from(*nonce), &[], (&mut out[start..]).into())
        .expect("chunks are small");
    out.extend_from_slice(&tag);
}

/// Opens `ct ‖ tag` into `out` (appended); false if the tag does not verify.
fn open(cipher: &ChaCha20Poly1305, nonce: &[u8; 12], sealed: &[u8], out: &mut Vec<u8>) -> bool {
    if sealed.len() < TAG {
        return false;
    }
    let (ct, tag) = sealed.split_at(sealed.len() - TAG);
    let start = out.len();
    out.extend_from_slice(ct);
    let tag = Tag::try_from(tag).expect("16 bytes");
    if cipher
        .decrypt_inout_detached(&Nonce::from(*nonce), &[], (&mut out[start..]).into(), &tag)
        .is_err()
    {
        out[start..].iter_mut().for_each(|b| *b = 0);
        out.truncate(start);
        return false;
    }
    true
}

fn wrap(key: &[u8; 32], file_key: &[u8; FILE_KEY]) -> Vec<u8> {
    let mut body = Vec::with_capacity(FILE_KEY + TAG);
    seal(key, &[0; 12], file_key, &mut body);
    body
}

fn unwrap(key: &[u8; 32], body: &[u8]) -> Option<Zeroizing<[u8; FILE_KEY]>> {
    if body.len() != FILE_KEY + TAG {
        return None;
    }
    let mut out = Zeroizing::new(Vec::with_capacity(FILE_KEY));
    if !open(&chacha(key), &[0; 12], body, &mut out) {
        return None;
    }
    let mut k = Zeroizing::new([0u8; FILE_KEY]);
    k.copy_from_slice(&out);
    Some(k)
}

/// The header's HMAC, keyed by HKDF(file key, "header"), over `header`.
fn header_mac(file_key: &[u8; FILE_KEY], header: &[u8]) -> Hmac<Sha256> {
    let key = hkdf(file_key, &[], b"header");
    let mut mac = <Hmac<Sha256>>::new_from_slice(key.as_ref()).expect("any key length");
    mac.update(header);
    mac
}

fn scrypt_key(passphrase: &[u8], salt: &[u8], log_n: u8) -> Result<Zeroizing<[u8; 32]>> {
    let params =
        scrypt::Params::new(log_n, 8, 1).map_err(|_| Error::Params("scrypt work factor"))?;
    let mut key = Zeroizing::new([0u8; 32]);
    let s = [SCRYPT_SALT_LABEL, salt].concat();
    scrypt::scrypt(passphrase, &s, &params, key.as_mut()).map_err(|_| Error::Params("scrypt"))?;
    Ok(key)
}

// --- writing -------------------------------------------------------------------------------

fn write_stanza(out: &mut Vec<u8>, args: &[&str], body: &[u8]) {
    out.extend_from_slice(b"->");
    for a in args {
        out.push(b' ');
        out.extend_from_slice(a.as_bytes());
    }
    out.push(b'\n');
    let enc = Base64Unpadded::encode_string(body);
    let mut lines = enc.as_bytes().chunks(64).peekable();
    // Lines of 64 columns; the last one shorter, so an empty one when the body fills the last.
    let mut last_full = true;
    while let Some(l) = lines.next() {
        out.extend_from_slice(l);
        out.push(b'\n');
        last_full = l.len() == 64;
        if lines.peek().is_none() {
            break;
        }
    }
    if last_full {
        out.push(b'\n');
    }
}

fn finish(
    mut header: Vec<u8>,
    file_key: &[u8; FILE_KEY],
    nonce: &[u8],
    plaintext: &[u8],
) -> Vec<u8> {
    header.extend_from_slice(b"---");
    let mac = header_mac(file_key, &header).finalize().into_bytes();
    header.push(b' ');
    header.extend_from_slice(Base64Unpadded::encode_string(&mac).as_bytes());
    header.push(b'\n');
    header.reserve(16 + plaintext.len() + (plaintext.len() / CHUNK + 1) * TAG);
    header.extend_from_slice(nonce);
    let key = hkdf(file_key, nonce, b"payload");
    let cipher = chacha(&key);
    let mut chunks: Vec<&[u8]> = plaintext.chunks(CHUNK).collect();
    if chunks.is_empty() {
        chunks.push(&[]);
    }
    let last = chunks.len() - 1;
    for (i, c) in chunks.into_iter().enumerate() {
        let n = stream_nonce(i as u64, i == last);
        let start = header.len();
        header.extend_from_slice(c);
        let tag = cipher
            .encrypt_inout_detached(&Nonce::from(n), &[], (&mut header[start..]).into())
            .expect("64 KiB");
        header.extend_from_slice(&tag);
    }
    header
}

fn stream_nonce(counter: u64, last: bool) -> [u8; 12] {
    let mut n = [0u8; 12];
    n[3..11].copy_from_slice(&counter.to_be_bytes());
    n[11] = last as u8;
    n
}

/// Encrypts `plaintext` to `recipients` (at least one) with [`encrypt_random`] random bytes.
pub fn encrypt(recipients: &[Recipient], plaintext: &[u8], random: &[u8]) -> Result<Vec<u8>> {
    if recipients.is_empty() {
        return Err(Error::BadKey("no recipient"));
    }
    if random.len() != encrypt_random(recipients.len()) {
        return Err(Error::Params("wrong amount of random bytes"));
    }
    let mut file_key = Zeroizing::new([0u8; FILE_KEY]);
    file_key.copy_from_slice(&random[..FILE_KEY]);
    let nonce = &random[FILE_KEY..FILE_KEY + 16];
    let mut header = INTRO.to_vec();
    for (r, e) in recipients.iter().zip(random[FILE_KEY + 16..].chunks(32)) {
        let eph = StaticSecret::from(<[u8; 32]>::try_from(e).expect("32"));
        let share = PublicKey::from(&eph);
        let shared = eph.diffie_hellman(&PublicKey::from(r.0));
        if !shared.was_contributory() {
            return Err(Error::BadKey("not a usable X25519 key"));
        }
        let salt = [share.as_bytes().as_slice(), &r.0].concat();
        let key = hkdf(shared.as_bytes(), &salt, X25519_INFO);
        write_stanza(
            &mut header,
            &["X25519", &Base64Unpadded::encode_string(share.as_bytes())],
            &wrap(&key, &file_key),
        );
    }
    Ok(finish(header, &file_key, nonce, plaintext))
}

/// Encrypts `plaintext` with a passphrase (an scrypt stanza, work factor 2^`log_n`), as
/// `age -p` does, with [`PASSPHRASE_RANDOM`] random bytes.
pub fn encrypt_with_passphrase(
    passphrase: &[u8],
    log_n: u8,
    plaintext: &[u8],
    random: &[u8],
) -> Result<Vec<u8>> {
    if random.len() != PASSPHRASE_RANDOM {
        return Err(Error::Params("wrong amount of random bytes"));
    }
    if !(1..=MAX_LOG_N).contains(&log_n) {
        return Err(Error::Params("scrypt work factor"));
    }
    let mut file_key = Zeroizing::new([0u8; FILE_KEY]);
    file_key.copy_from_slice(&random[..FILE_KEY]);
    let nonce = &random[FILE_KEY..FILE_KEY + 16];
    let salt = &random[32..48];
    let key = scrypt_key(passphrase, salt, log_n)?;
    let mut header = INTRO.to_vec();
    write_stanza(
        &mut header,
        &[
            "scrypt",
            &Base64Unpadded::encode_string(salt),
            &log_n.to_string(),
        ],
        &wrap(&key, &file_key),
    );
    Ok(finish(header, &file_key, nonce, plaintext))
}

/// The ASCII armor of an age file (`age -a`).
pub fn armor(data: &[u8]) -> String {
    let enc = Base64::encode_string(data);
    let mut s = String::with_capacity(enc.len() + enc.len() / 64 + 80);
    s.push_str(ARMOR_BEGIN);
    s.push('\n');
    for l in enc.as_bytes().chunks(64) {
        s.push_str(std::str::from_utf8(l).expect("ascii"));
        s.push('\n');
    }
    s.push_str(ARMOR_END);
    s.push('\n');
    s
}

// --- reading -------------------------------------------------------------------------------

struct Stanza<'a> {
    args: Vec<&'a str>,
    body: Vec<u8>,
}

struct Header<'a> {
    stanzas: Vec<Stanza<'a>>,
    /// The header up to and including `---`: what the MAC covers.
    covered: &'a [u8],
    mac: [u8; 32],
    payload: &'a [u8],
}

/// Strips the armor if there is one.
fn dearmor(data: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>> {
    let t = trim_start(data);
    if !t.starts_with(ARMOR_BEGIN.as_bytes()) {
        return Ok(data.into());
    }
    let bad = Error::Malformed("armor");
    let text = std::str::from_utf8(t).map_err(|_| bad.clone())?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    lines.next(); // BEGIN
    let mut b = String::new();
    let mut short = false;
    loop {
        let l = lines.next().ok_or(Error::Truncated)?;
        if l == ARMOR_END {
            break;
        }
        // Every line full (64 columns) but the last, which is not empty (C2SP vector
        // `armor_empty_last_line`: an empty line before END is malformed armor).
        if short || l.is_empty() || l.len() > 64 {
            return Err(bad);
        }
        short = l.len() < 64;
        b.push_str(l);
    }
    if lines.any(|l| !l.trim().is_empty()) {
        return Err(Error::Malformed("data after the armor"));
    }
    Ok(Base64::decode_vec(&b).map_err(|_| bad)?.into())
}

fn line<'a>(data: &'a [u8], pos: &mut usize) -> Result<&'a [u8]> {
    let rest = &data[*pos..];
    let n = rest
        .iter()
        .position(|&c| c == b'\n')
        .ok_or(Error::Truncated)?;
    *pos += n + 1;
    Ok(&rest[..n])
}

fn parse(data: &[u8]) -> Result<Header<'_>> {
    if !data.starts_with(INTRO) {
        if data.starts_with(b"age-encryption.org/") {
            return Err(Error::Malformed("unsupported age version"));
        }
        if INTRO.starts_with(data) {
            return Err(Error::Truncated);
        }
        return Err(Error::Malformed("not an age file"));
    }
    let mut pos = INTRO.len();
    let mut stanzas = Vec::new();
    loop {
        let start = pos;
        let l = line(data, &mut pos)?;
        if let Some(mac) = l.strip_prefix(b"--- ") {
            let mac: [u8; 32] = from_base64(mac)
                .and_then(|m| m.try_into().ok())
                .ok_or(Error::Malformed("header MAC"))?;
            if stanzas.is_empty() {
                return Err(Error::Malformed("no recipient stanza"));
            }
            return Ok(Header {
                stanzas,
                covered: &data[..start + 3],
                mac,
                payload: &data[pos..],
            });
        }
        let Some(args) = l.strip_prefix(b"-> ") else {
            return Err(Error::Malformed("header line"));
        };
        let args = std::str::from_utf8(args).map_err(|_| Error::Malformed("stanza"))?;
        let args: Vec<&str> = args.split(' ').collect();
        if args
            .iter()
            .any(|a| a.is_empty() || !a.bytes().all(|c| (33..=126).contains(&c)))
        {
            return Err(Error::Malformed("stanza arguments"));
        }
        let mut body = Vec::new();
        loop {
            let l = line(data, &mut pos)?;
            if l.len() > 64 {
                return Err(Error::Malformed("stanza body line"));
            }
            body.extend_from_slice(&from_base64(l).ok_or(Error::Malformed("stanza body"))?);
            if l.len() < 64 {
                break;
            }
        }
        stanzas.push(Stanza { args, body });
    }
}

fn read(file_key: &[u8; FILE_KEY], h: &Header) -> Result<Vec<u8>> {
    // In constant time.
    header_mac(file_key, h.covered)
        .verify_slice(&h.mac)
        .map_err(|_| Error::Tampered)?;
    let p = h.payload;
    if p.len() < 16 {
        return Err(Error::Truncated);
    }
    let (nonce, mut rest) = p.split_at(16);
    let key = hkdf(file_key, nonce, b"payload");
    let cipher = chacha(&key);
    let mut out = Vec::with_capacity(rest.len());
    let mut i = 0u64;
    loop {
        if rest.len() < TAG {
            return Err(if rest.is_empty() {
                Error::Truncated
            } else {
                Error::Tampered
            });
        }
        let last = rest.len() <= CHUNK + TAG;
        let n = rest.len().min(CHUNK + TAG);
        if !open(&cipher, &stream_nonce(i, last), &rest[..n], &mut out) {
            // A full chunk that is not marked last: the stream was cut after it.
            if last
                && n == CHUNK + TAG
                && open(
                    &cipher,
                    &stream_nonce(i, false),
                    &rest[..n],
                    &mut Vec::new(),
                )
            {
                return Err(Error::Truncated);
            }
            return Err(Error::Tampered);
        }
        if last {
            if n == TAG && i > 0 {
                return Err(Error::Malformed("empty last chunk"));
            }
            return Ok(out);
        }
        rest = &rest[n..];
        i += 1;
    }
}

/// Decrypts an age file (binary or armored) with X25519 identities.
pub fn decrypt(identities: &[Identity], data: &[u8]) -> Result<Vec<u8>> {
    let data = dearmor(data)?;
    let h = parse(&data)?;
    if h.stanzas.iter().any(|s| s.args[0] == "scrypt") {
        return Err(Error::Malformed(
            "this file is protected by a passphrase, not a key",
        ));
    }
    for s in h.stanzas.iter().filter(|s| s.args[0] == "X25519") {
        if s.args.len() != 2 || s.body.len() != FILE_KEY + TAG {
            return Err(Error::Malformed("X25519 stanza"));
        }
        let share: [u8; 32] = from_base64(s.args[1].as_bytes())
            .and_then(|x| x.try_into().ok())
            .ok_or(Error::Malformed("X25519 stanza"))?;
        let share_pk = PublicKey::from(share);
        for id in identities {
            let shared = id.0.diffie_hellman(&share_pk);
            if !shared.was_contributory() {
                return Err(Error::Malformed("X25519 stanza"));
            }
            let salt = [share.as_slice(), &PublicKey::from(&id.0).to_bytes()].concat();
            let key = hkdf(shared.as_bytes(), &salt, X25519_INFO);
            if let Some(fk) = unwrap(&key, &s.body) {
                return read(&fk, &h);
            }
        }
    }
    Err(Error::NoIdentity)
}

/// Decrypts an age file (binary or armored) protected by a passphrase (`age -p`).
pub fn decrypt_with_passphrase(passphrase: &[u8], data: &[u8]) -> Result<Vec<u8>> {
    let data = dearmor(data)?;
    let h = parse(&data)?;
    let Some(s) = h.stanzas.iter().find(|s| s.args[0] == "scrypt") else {
        return Err(Error::Malformed(
            "this file is encrypted to a key, not a passphrase",
        ));
    };
    if h.stanzas.len() != 1 {
        return Err(Error::Malformed("an scrypt stanza must be alone"));
    }
    let bad = Error::Malformed("scrypt stanza");
    if s.args.len() != 3 || s.body.len() != FILE_KEY + TAG {
        return Err(bad);
    }
    let salt = from_base64(s.args[1].as_bytes())
        .filter(|x| x.len() == 16)
        .ok_or(bad.clone())?;
    let w = s.args[2];
    if w.is_empty() || w.len() > 2 || w.starts_with('0') || !w.bytes().all(|c| c.is_ascii_digit()) {
        return Err(bad);
    }
    let log_n: u8 = w.parse().map_err(|_| bad)?;
    if log_n > MAX_LOG_N {
        return Err(Error::Params("scrypt work factor too high"));
    }
    let key = scrypt_key(passphrase, &salt, log_n)?;
    let fk = unwrap(&key, &s.body).ok_or(Error::WrongPassphrase)?;
    read(&fk, &h)
}

/// Decrypts `data` with the identities in `identity_file`, which may itself be protected by
/// a passphrase (an age file, as `age -p` or `age-keygen | age -p -a` writes).
pub fn decrypt_with_identity_file(
    data: &[u8],
    identity_file: &[u8],
    passphrase: &[u8],
) -> Result<Vec<u8>> {
    let text = if is_age(identity_file) {
        Zeroizing::new(decrypt_with_passphrase(passphrase, identity_file)?)
    } else {
        Zeroizing::new(identity_file.to_vec())
    };
    let text =
        std::str::from_utf8(&text).map_err(|_| Error::BadKey("the identity file is not text"))?;
    decrypt(&parse_identities(text)?, data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_rfc4648_vectors() {
        let v: &[(&str, &str)] = &[
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, enc) in v {
            assert_eq!(Base64Unpadded::encode_string(plain.as_bytes()), *enc);
            assert_eq!(from_base64(enc.as_bytes()).unwrap(), plain.as_bytes());
            assert_eq!(
                Base64::decode_vec(&Base64::encode_string(plain.as_bytes())).unwrap(),
                plain.as_bytes()
            );
        }
        for n in 0..100u8 {
            let data: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37).wrapping_add(n)).collect();
            let enc = Base64Unpadded::encode_string(&data);
            assert_eq!(from_base64(enc.as_bytes()).unwrap(), data);
        }
    }

    #[test]
    fn base64_rejects_non_canonical() {
        assert!(from_base64(b"Zh").is_none()); // trailing bits set ("f" is Zg)
        assert!(from_base64(b"Zm9=").is_none());
        assert!(from_base64(b"Z").is_none());
        assert!(from_base64(b"Zm 9v").is_none());
        assert!(Base64::decode_vec("Zg=").is_err());
        assert!(Base64::decode_vec("Zg==").is_ok());
        assert!(Base64::decode_vec("Z===").is_err());
    }

    #[test]
    fn bech32_bip173_checksums() {
        for s in [
            "A12UEL5L",
            "a12uel5l",
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
        ] {
            assert!(from_bech32(s).is_some(), "{s}");
        }
        for s in [
            "a12uel5L",
            "a12uel5m",
            "pzry9x0s0muk",
            "1pzry9x0s0muk",
            "x1b4n0q5v",
            "li1dgmt3",
            "A1G7SGD8",
            // The same data with a bech32m checksum: not age's.
            "a1lqfn3a",
        ] {
            assert!(from_bech32(s).is_none(), "{s}");
        }
    }

    #[test]
    fn bech32_round_trip() {
        let data: Vec<u8> = (0..32).collect();
        let s = to_bech32("age", &data, false);
        assert_eq!(from_bech32(&s).unwrap(), ("age".to_string(), data.clone()));
        let u = to_bech32("age-secret-key-", &data, true);
        assert!(u.starts_with("AGE-SECRET-KEY-1"));
        assert_eq!(
            from_bech32(&u).unwrap(),
            ("age-secret-key-".to_string(), data)
        );
    }

    fn rnd(n: usize, seed: u8) -> Vec<u8> {
        (0..n)
            .map(|i| {
                (i as u8)
                    .wrapping_mul(113)
                    .wrapping_add(seed)
                    .rotate_left(3)
            })
            .collect()
    }

    #[test]
    fn stanza_bodies_wrap_at_64_columns() {
        let mut out = Vec::new();
        write_stanza(&mut out, &["t"], &[0u8; 48]); // exactly 64 characters: an empty line follows
        assert_eq!(out, [b"-> t\n".as_slice(), &[b'A'; 64], b"\n\n"].concat());
        let mut out = Vec::new();
        write_stanza(&mut out, &["t"], &[]);
        assert_eq!(out, b"-> t\n\n");
    }

    #[test]
    fn round_trips_at_chunk_boundaries() {
        let id = Identity::from_bytes([9; 32]);
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 5] {
            let pt = rnd(len, 3);
            let ct = encrypt(&[id.recipient()], &pt, &rnd(encrypt_random(1), len as u8)).unwrap();
            assert_eq!(
                decrypt(&[Identity::from_bytes([9; 32])], &ct).unwrap(),
                pt,
                "{len}"
            );
            assert_eq!(
                decrypt(&[Identity::from_bytes([9; 32])], armor(&ct).as_bytes()).unwrap(),
                pt
            );
        }
    }
}
