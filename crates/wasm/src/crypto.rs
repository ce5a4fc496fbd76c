//! The crypto module's API (`www/pkg-crypto/`, loaded when a passphrase or an encrypted
//! hand-over is used). Thin: converts and calls [`resilience_crypto::vault`] and
//! [`resilience_crypto::age`]. Errors are thrown as an `Error` whose `.code` is one of
//! [`CryptoError::code`]'s and whose message is the error's text. Passphrases come in as UTF-8
//! bytes (the caller wipes its copy) and are zeroed here after use; every random byte comes
//! from the caller (`crypto.getRandomValues`).
use crate::Error;
use resilience_crypto::{age, vault, Error as CryptoError};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

impl From<CryptoError> for Error {
    fn from(e: CryptoError) -> Error {
        Error::new(e.code(), &e.to_string())
    }
}

fn params(m_kib: u32, t: u32, p: u32) -> vault::Params {
    vault::Params { m_kib, t, p }
}

/// An open vault: the data key stays inside the module. Call `free()` to zero it.
#[wasm_bindgen]
pub struct Vault(vault::Vault);

#[wasm_bindgen]
impl Vault {
    /// A new vault for `passphrase` (UTF-8) with Argon2id(m_kib, t, p); `random` is
    /// `vaultCreateRandom()` bytes.
    pub fn create(
        passphrase: Vec<u8>,
        m_kib: u32,
        t: u32,
        p: u32,
        random: &[u8],
    ) -> Result<Vault, Error> {
        let pw = Zeroizing::new(passphrase);
        vault::Vault::create(&pw, params(m_kib, t, p), random)
            .map(Vault)
            .map_err(Error::from)
    }

    /// Opens a vault header; throws `wrong-passphrase: …` if the passphrase does not fit.
    pub fn unlock(passphrase: Vec<u8>, header: &str) -> Result<Vault, Error> {
        let pw = Zeroizing::new(passphrase);
        vault::Vault::unlock(&pw, header)
            .map(Vault)
            .map_err(Error::from)
    }

    /// A new header for the same data key under new parameters (`random`: `vaultRewrapRandom()`
    /// bytes); the records stay as they are.
    pub fn rewrap(
        &self,
        passphrase: Vec<u8>,
        m_kib: u32,
        t: u32,
        p: u32,
        random: &[u8],
    ) -> Result<String, Error> {
        let pw = Zeroizing::new(passphrase);
        self.0
            .rewrap(&pw, params(m_kib, t, p), random)
            .map_err(Error::from)
    }

    #[wasm_bindgen(getter)]
    pub fn header(&self) -> String {
        self.0.header().to_string()
    }

    #[wasm_bindgen(getter)]
    pub fn kid(&self) -> String {
        self.0.kid()
    }

    /// Seals the record `name`; `nonce`: 12 fresh random bytes.
    pub fn seal(&self, name: &str, nonce: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, Error> {
        let nonce: &[u8; 12] = nonce
            .try_into()
            .map_err(|_| CryptoError::Params("the nonce is 12 bytes"))?;
        Ok(self.0.seal(name, nonce, plaintext))
    }

    /// The plaintext of the record `name`, or throws (`tampered`, `truncated`, `other-key`, …).
    pub fn open(&self, name: &str, sealed: &[u8]) -> Result<Vec<u8>, Error> {
        self.0.open(name, sealed).map_err(Error::from)
    }
}

/// `[m_kib, t, p]` of a vault header, without unlocking it.
#[wasm_bindgen(js_name = vaultParams)]
pub fn vault_params(header: &str) -> Result<Vec<u32>, Error> {
    let p = vault::header_params(header)?;
    Ok(vec![p.m_kib, p.t, p.p])
}

/// `[m_kib, t, p]` for new vaults.
#[wasm_bindgen(js_name = defaultParams)]
pub fn default_params() -> Vec<u32> {
    let p = vault::Params::DEFAULT;
    vec![p.m_kib, p.t, p.p]
}

/// `[m_kib, t, p]`: OWASP's minimum, the weakest accepted.
#[wasm_bindgen(js_name = minParams)]
pub fn min_params() -> Vec<u32> {
    let p = vault::Params::OWASP_MIN;
    vec![p.m_kib, p.t, p.p]
}

/// Whether `[m, t, p]` costs an attacker less than the default (so the vault should be rewrapped).
#[wasm_bindgen(js_name = weakerThanDefault)]
pub fn weaker_than_default(m_kib: u32, t: u32, p: u32) -> bool {
    params(m_kib, t, p).weaker_than(&vault::Params::DEFAULT)
}

#[wasm_bindgen(js_name = vaultCreateRandom)]
pub fn vault_create_random() -> usize {
    vault::CREATE_RANDOM
}

#[wasm_bindgen(js_name = vaultRewrapRandom)]
pub fn vault_rewrap_random() -> usize {
    vault::REWRAP_RANDOM
}

/// Whether bytes look like a sealed record.
#[wasm_bindgen(js_name = isSealed)]
pub fn is_sealed(data: &[u8]) -> bool {
    vault::is_sealed(data)
}

fn recipients(list: &str) -> Result<Vec<age::Recipient>, Error> {
    list.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(|s| age::Recipient::parse(s).map_err(Error::from))
        .collect()
}

/// The recipient `s` in its canonical form, or throws `bad-key: …`.
#[wasm_bindgen(js_name = ageRecipient)]
pub fn age_recipient(s: &str) -> Result<String, Error> {
    age::Recipient::parse(s)
        .map(|r| r.to_string())
        .map_err(Error::from)
}

/// Random bytes [`age_encrypt`] needs for `n` recipients.
#[wasm_bindgen(js_name = ageEncryptRandom)]
pub fn age_encrypt_random(n: usize) -> usize {
    age::encrypt_random(n)
}

/// Encrypts `plaintext` to the `age1…` recipients in `list` (separated by spaces, commas or
/// new lines) as a binary age v1 file.
#[wasm_bindgen(js_name = ageEncrypt)]
pub fn age_encrypt(list: &str, plaintext: &[u8], random: &[u8]) -> Result<Vec<u8>, Error> {
    age::encrypt(&recipients(list)?, plaintext, random).map_err(Error::from)
}

/// Decrypts an age file (binary or armored) with the identities in `identity_file`, which may
/// be protected by `passphrase` (an `age -p` file) or plain (`age-keygen` output).
#[wasm_bindgen(js_name = ageDecrypt)]
pub fn age_decrypt(
    data: &[u8],
    identity_file: &[u8],
    passphrase: Vec<u8>,
) -> Result<Vec<u8>, Error> {
    let pw = Zeroizing::new(passphrase);
    age::decrypt_with_identity_file(data, identity_file, &pw).map_err(Error::from)
}

/// Whether bytes are an age file (binary or armored).
#[wasm_bindgen(js_name = isAge)]
pub fn is_age(data: &[u8]) -> bool {
    age::is_age(data)
}

/// Whether an identity file is protected by a passphrase (so the app asks for one).
#[wasm_bindgen(js_name = identityNeedsPassphrase)]
pub fn identity_needs_passphrase(identity_file: &[u8]) -> bool {
    age::is_age(identity_file)
}
