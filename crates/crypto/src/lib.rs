//! Resilience's crypto: a wasm module of its own (`resilience-wasm --features crypto`) that the
//! app loads only when it is used.
//!
//! - [`vault`]: records at rest under a passphrase. Argon2id derives a key-encryption key from the
//!   passphrase (parameters stored with the data); it wraps a random data key with AES-256-GCM;
//!   every record is sealed with the data key, a fresh nonce and its name as associated data.
//! - [`age`]: the age v1 file format (<https://age-encryption.org/v1>): X25519 recipients for
//!   the hand-over to headquarters, which decrypt with the standard `age` tool, and scrypt
//!   (passphrase) stanzas for the passphrase-protected identity files `age -p` writes.
//!
//! No OS randomness: every random byte is an argument (the browser passes
//! `crypto.getRandomValues`), so everything here is deterministic and tested natively.

pub mod age;
pub mod vault;

use std::fmt;

/// What went wrong. The messages are stable, short and safe to show (they never contain key
/// material or plaintext); the app maps [`Error::code`] to its own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The passphrase does not open the vault or the file.
    WrongPassphrase,
    /// The data was changed or damaged (an authentication tag or the header MAC failed).
    Tampered,
    /// The data ends too early.
    Truncated,
    /// Not in the expected format; the text says where.
    Malformed(&'static str),
    /// An age file none of the given identities can open.
    NoIdentity,
    /// A record sealed under another data key (from before a passphrase change that did not
    /// reach it, or another vault).
    OtherKey,
    /// Key-derivation parameters outside the accepted range.
    Params(&'static str),
    /// Not a valid age recipient (`age1…`) or identity (`AGE-SECRET-KEY-1…`).
    BadKey(&'static str),
}

impl Error {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::WrongPassphrase => "wrong-passphrase",
            Error::Tampered => "tampered",
            Error::Truncated => "truncated",
            Error::Malformed(_) => "malformed",
            Error::NoIdentity => "no-identity",
            Error::OtherKey => "other-key",
            Error::Params(_) => "params",
            Error::BadKey(_) => "bad-key",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::WrongPassphrase => f.write_str("wrong passphrase"),
            Error::Tampered => {
                f.write_str("the data was changed or damaged (authentication failed)")
            }
            Error::Truncated => f.write_str("the data is truncated"),
            Error::Malformed(w) => write!(f, "malformed: {w}"),
            Error::NoIdentity => f.write_str("none of the identities can open this file"),
            Error::OtherKey => f.write_str("sealed under another key"),
            Error::Params(w) => write!(f, "key-derivation parameters: {w}"),
            Error::BadKey(w) => write!(f, "invalid key: {w}"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
