//! Records at rest under a passphrase.
//!
//! A vault is one line of text, the *header*, kept next to the records:
//!
//! ```text
//! resilience-vault/v1 argon2id m=65536 t=2 p=1 salt=<16 B> kid=<8 B> key=<60 B>
//! ```
//!
//! (base64 without padding). Argon2id with the stored parameters turns the passphrase and salt
//! into a key-encryption key; `key` is a random 32-byte data key sealed under it with
//! AES-256-GCM (12-byte nonce first), the header before ` key=` as associated data. A wrong
//! passphrase fails that tag: nothing is decrypted and nothing changes. The parameters are in
//! the header, so they can be raised later ([`Vault::rewrap`]) without touching the records.
//!
//! Every record is sealed under the data key with a fresh random nonce:
//! `0x01 ‖ kid (8) ‖ nonce (12) ‖ ciphertext ‖ tag (16)`, associated data
//! `"resilience-vault/v1 record\0" ‖ the first 21 bytes ‖ the record's name`. So a record can be
//! neither changed, nor moved to another name, nor taken for one of another key or format.
//! A passphrase change makes a new data key (new `kid`), and the app re-seals every record.

use crate::{Error, Result};
use aes_gcm::aead::{AeadInOut, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce, Tag};
use base64ct::{Base64Unpadded, Encoding};
use zeroize::Zeroizing;

pub const FORMAT: &str = "resilience-vault/v1";
const RECORD_AAD: &[u8] = b"resilience-vault/v1 record\0";
const RECORD_VERSION: u8 = 1;
const KID: usize = 8;
const NONCE: usize = 12;
const TAG: usize = 16;
/// Bytes before the ciphertext in a sealed record: version, kid, nonce.
pub const RECORD_HEAD: usize = 1 + KID + NONCE;
/// Bytes a sealed record adds to its plaintext.
pub const OVERHEAD: usize = RECORD_HEAD + TAG;
/// Random bytes [`Vault::create`] needs: salt 16, data key 32, kid 8, nonce 12.
pub const CREATE_RANDOM: usize = 16 + 32 + KID + NONCE;
/// Random bytes [`Vault::rewrap`] needs: salt 16, nonce 12.
pub const REWRAP_RANDOM: usize = 16 + NONCE;

/// Argon2id parameters: memory in KiB, passes, lanes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

impl Params {
    /// OWASP's minimum for Argon2id (Password Storage Cheat Sheet): 19 MiB, 2 passes, 1 lane.
    pub const OWASP_MIN: Params = Params {
        m_kib: 19 * 1024,
        t: 2,
        p: 1,
    };
    /// What new vaults use: the strongest setting measured to unlock within a second on a
    /// phone-class CPU (Chromium with 4× CPU throttling; see tests/e2e/bench-crypto.mjs).
    pub const DEFAULT: Params = Params {
        m_kib: 64 * 1024,
        t: 2,
        p: 1,
    };
    const MAX_M_KIB: u32 = 1024 * 1024;
    const MAX_T: u32 = 64;
    const MAX_P: u32 = 16;

    /// Accepts parameters at least as strong as OWASP's minimum and small enough to run.
    pub fn check(&self) -> Result<()> {
        if self.m_kib < Self::OWASP_MIN.m_kib || self.t < Self::OWASP_MIN.t || self.p < 1 {
            return Err(Error::Params("below the minimum (19 MiB, t = 2, p = 1)"));
        }
        if self.m_kib > Self::MAX_M_KIB
            || self.t > Self::MAX_T
            || self.p > Self::MAX_P
            || self.m_kib < 8 * self.p
        {
            return Err(Error::Params("too large"));
        }
        Ok(())
    }

    /// Whether `self` costs an attacker less than `other` (less memory or less memory × time).
    pub fn weaker_than(&self, other: &Params) -> bool {
        self.m_kib < other.m_kib
            || (self.m_kib as u64 * self.t as u64) < (other.m_kib as u64 * other.t as u64)
    }
}

/// Argon2id(passphrase, salt) with `params`: a 32-byte key.
pub fn derive(passphrase: &[u8], salt: &[u8], params: Params) -> Result<Zeroizing<[u8; 32]>> {
    params.check()?;
    let p = argon2::Params::new(params.m_kib, params.t, params.p, Some(32))
        .map_err(|_| Error::Params("rejected by Argon2"))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, p);
    let mut key = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase, salt, key.as_mut())
        .map_err(|_| Error::Params("rejected by Argon2"))?;
    Ok(key)
}

fn gcm(key: &[u8; 32]) -> Aes256Gcm {
    Aes256Gcm::new(key.into())
}

/// AES-256-GCM, tag appended.
fn seal_into(cipher: &Aes256Gcm, nonce: &[u8; NONCE], aad: &[u8], out: &mut Vec<u8>, start: usize) {
    let tag = cipher
        .encrypt_inout_detached(&Nonce::from(*nonce), aad, (&mut out[start..]).into())
        .expect("AES-GCM takes any length the app stores");
    out.extend_from_slice(&tag);
}

/// Opens `ct ‖ tag` in place; returns the plaintext length.
fn open_in(
    cipher: &Aes256Gcm,
    nonce: &[u8],
    aad: &[u8],
    buf: &mut [u8],
) -> std::result::Result<usize, ()> {
    if buf.len() < TAG || nonce.len() != NONCE {
        return Err(());
    }
    let n = buf.len() - TAG;
    let (ct, tag) = buf.split_at_mut(n);
    let tag = Tag::try_from(&*tag).map_err(|_| ())?;
    let nonce = Nonce::try_from(nonce).map_err(|_| ())?;
    cipher
        .decrypt_inout_detached(&nonce, aad, ct.into(), &tag)
        .map_err(|_| ())?;
    Ok(n)
}

/// An open vault: the data key, in memory only (zeroed when dropped).
pub struct Vault {
    params: Params,
    kid: [u8; KID],
    data_key: Zeroizing<[u8; 32]>,
    cipher: Aes256Gcm,
    header: String,
}

struct Header<'a> {
    params: Params,
    salt: Vec<u8>,
    kid: [u8; KID],
    /// The header up to ` key=`: the wrapped key's associated data.
    prefix: &'a str,
    wrapped: Vec<u8>,
}

fn parse_header(text: &str) -> Result<Header<'_>> {
    const BAD: Error = Error::Malformed("vault header");
    let text = text.trim_end_matches(['\n', '\r']);
    let cut = text.rfind(" key=").ok_or(BAD)?;
    let prefix = &text[..cut];
    let mut f = text.split(' ');
    if f.next() != Some(FORMAT) {
        return Err(Error::Malformed("not a resilience-vault/v1 header"));
    }
    if f.next() != Some("argon2id") {
        return Err(Error::Malformed("unknown key derivation"));
    }
    let mut field =
        |name: &str| -> Result<&str> { f.next().and_then(|x| x.strip_prefix(name)).ok_or(BAD) };
    let num = |s: &str| -> Result<u32> {
        if s.is_empty()
            || s.len() > 10
            || s.starts_with('0')
            || !s.bytes().all(|c| c.is_ascii_digit())
        {
            return Err(BAD);
        }
        s.parse().map_err(|_| BAD)
    };
    let params = Params {
        m_kib: num(field("m=")?)?,
        t: num(field("t=")?)?,
        p: num(field("p=")?)?,
    };
    let salt = Base64Unpadded::decode_vec(field("salt=")?).map_err(|_| BAD)?;
    let kid: [u8; KID] = Base64Unpadded::decode_vec(field("kid=")?)
        .map_err(|_| BAD)?
        .try_into()
        .map_err(|_| BAD)?;
    let wrapped = Base64Unpadded::decode_vec(field("key=")?).map_err(|_| BAD)?;
    if f.next().is_some() || salt.len() < 16 || wrapped.len() != NONCE + 32 + TAG {
        return Err(BAD);
    }
    Ok(Header {
        params,
        salt,
        kid,
        prefix,
        wrapped,
    })
}

/// The parameters a vault header names (without unlocking it).
pub fn header_params(header: &str) -> Result<Params> {
    parse_header(header).map(|h| h.params)
}

fn make_header(
    params: Params,
    salt: &[u8],
    kid: &[u8; KID],
    kek: &[u8; 32],
    nonce: &[u8; NONCE],
    data_key: &[u8; 32],
) -> String {
    let prefix = format!(
        "{FORMAT} argon2id m={} t={} p={} salt={} kid={}",
        params.m_kib,
        params.t,
        params.p,
        Base64Unpadded::encode_string(salt),
        Base64Unpadded::encode_string(kid)
    );
    let mut w = Vec::with_capacity(NONCE + 32 + TAG);
    w.extend_from_slice(nonce);
    w.extend_from_slice(data_key);
    seal_into(&gcm(kek), nonce, prefix.as_bytes(), &mut w, NONCE);
    let s = format!("{prefix} key={}", Base64Unpadded::encode_string(&w));
    w.iter_mut().for_each(|b| *b = 0);
    s
}

impl Vault {
    /// A new vault for `passphrase`, from [`CREATE_RANDOM`] random bytes.
    pub fn create(passphrase: &[u8], params: Params, random: &[u8]) -> Result<Vault> {
        if random.len() != CREATE_RANDOM {
            return Err(Error::Params("wrong amount of random bytes"));
        }
        let (salt, rest) = random.split_at(16);
        let (dk, rest) = rest.split_at(32);
        let (kid, nonce) = rest.split_at(KID);
        let data_key = Zeroizing::new(<[u8; 32]>::try_from(dk).expect("32"));
        let kid: [u8; KID] = kid.try_into().expect("8");
        let kek = derive(passphrase, salt, params)?;
        let header = make_header(
            params,
            salt,
            &kid,
            &kek,
            nonce.try_into().expect("12"),
            &data_key,
        );
        Ok(Vault {
            params,
            kid,
            cipher: gcm(&data_key),
            data_key,
            header,
        })
    }

    /// Opens the vault `header` with `passphrase`; [`Error::WrongPassphrase`] if it does not fit.
    pub fn unlock(passphrase: &[u8], header: &str) -> Result<Vault> {
        let h = parse_header(header)?;
        let kek = derive(passphrase, &h.salt, h.params)?;
        let mut buf = Zeroizing::new(h.wrapped.clone());
        let (nonce, ct) = buf.split_at_mut(NONCE);
        let n = open_in(&gcm(&kek), nonce, h.prefix.as_bytes(), ct)
            .map_err(|_| Error::WrongPassphrase)?;
        let data_key =
            Zeroizing::new(<[u8; 32]>::try_from(&ct[..n]).map_err(|_| Error::WrongPassphrase)?);
        Ok(Vault {
            params: h.params,
            kid: h.kid,
            cipher: gcm(&data_key),
            data_key,
            header: header.trim_end().to_string(),
        })
    }

    /// The same data key under (possibly new) parameters and a new salt: a new header, the
    /// records untouched. Checks `passphrase` against the current header first.
    pub fn rewrap(&self, passphrase: &[u8], params: Params, random: &[u8]) -> Result<String> {
        if random.len() != REWRAP_RANDOM {
            return Err(Error::Params("wrong amount of random bytes"));
        }
        let check = Vault::unlock(passphrase, &self.header)?;
        if check.kid != self.kid {
            return Err(Error::WrongPassphrase);
        }
        let (salt, nonce) = random.split_at(16);
        let kek = derive(passphrase, salt, params)?;
        Ok(make_header(
            params,
            salt,
            &self.kid,
            &kek,
            nonce.try_into().expect("12"),
            &self.data_key,
        ))
    }

    pub fn header(&self) -> &str {
        &self.header
    }

    pub fn params(&self) -> Params {
        self.params
    }

    /// The data key's id (base64), which every record sealed under it carries.
    pub fn kid(&self) -> String {
        Base64Unpadded::encode_string(&self.kid)
    }

    fn aad(head: &[u8], name: &str) -> Vec<u8> {
        [RECORD_AAD, head, name.as_bytes()].concat()
    }

    /// Seals `plaintext` as the record `name` with a fresh random 12-byte `nonce`.
    pub fn seal(&self, name: &str, nonce: &[u8; NONCE], plaintext: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(OVERHEAD + plaintext.len());
        out.push(RECORD_VERSION);
        out.extend_from_slice(&self.kid);
        out.extend_from_slice(nonce);
        let aad = Self::aad(&out, name);
        out.extend_from_slice(plaintext);
        seal_into(&self.cipher, nonce, &aad, &mut out, RECORD_HEAD);
        out
    }

    /// Opens the record `name`: its plaintext, or why not.
    pub fn open(&self, name: &str, sealed: &[u8]) -> Result<Vec<u8>> {
        if sealed.is_empty() {
            return Err(Error::Truncated);
        }
        if sealed[0] != RECORD_VERSION {
            return Err(Error::Malformed("unknown record format"));
        }
        if sealed.len() < OVERHEAD {
            return Err(Error::Truncated);
        }
        if sealed[1..1 + KID] != self.kid {
            return Err(Error::OtherKey);
        }
        let aad = Self::aad(&sealed[..RECORD_HEAD], name);
        let mut buf = sealed[RECORD_HEAD..].to_vec();
        let n = open_in(&self.cipher, &sealed[1 + KID..RECORD_HEAD], &aad, &mut buf)
            .map_err(|_| Error::Tampered)?;
        buf.truncate(n);
        Ok(buf)
    }
}

/// Whether `sealed` looks like a record sealed by a vault (format byte and length), without a key.
pub fn is_sealed(sealed: &[u8]) -> bool {
    sealed.first() == Some(&RECORD_VERSION) && sealed.len() >= OVERHEAD
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The minimum parameters keep the tests fast.
    const P: Params = Params::OWASP_MIN;

    fn random(n: usize, seed: u8) -> Vec<u8> {
        (0..n)
            .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
            .collect()
    }

    #[test]
    fn header_round_trip() {
        let v = Vault::create(b"correct horse", P, &random(CREATE_RANDOM, 1)).unwrap();
        assert!(v
            .header()
            .starts_with("resilience-vault/v1 argon2id m=19456 t=2 p=1 salt="));
        assert_eq!(header_params(v.header()).unwrap(), P);
        let w = Vault::unlock(b"correct horse", v.header()).unwrap();
        assert_eq!(w.kid(), v.kid());
        let sealed = v.seal("a-1", &[7; 12], b"{\"unit\":\"X\"}");
        assert_eq!(w.open("a-1", &sealed).unwrap(), b"{\"unit\":\"X\"}");
    }

    #[test]
    fn params_are_checked() {
        assert!(Params {
            m_kib: 19455,
            t: 2,
            p: 1
        }
        .check()
        .is_err());
        assert!(Params {
            m_kib: 19456,
            t: 1,
            p: 1
        }
        .check()
        .is_err());
        assert!(Params {
            m_kib: 2 * 1024 * 1024,
            t: 2,
            p: 1
        }
        .check()
        .is_err());
        assert!(Params::DEFAULT.check().is_ok());
        assert!(P.weaker_than(&Params::DEFAULT));
        assert!(!Params::DEFAULT.weaker_than(&P));
    }
}
