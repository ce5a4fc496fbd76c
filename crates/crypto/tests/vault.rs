//! The passphrase vault: wrong passphrases, tampering, truncation, swapped records, key
//! changes, parameter upgrades.
mod common;
use common::rnd;
use resilience_crypto::vault::{self, Params, Vault, CREATE_RANDOM, OVERHEAD, REWRAP_RANDOM};
use resilience_crypto::Error;

/// The minimum parameters keep the tests quick; the app's default is tested once.
const P: Params = Params::OWASP_MIN;

const RECORD: &[u8] = br#"{"id":"a-1","schema":1,"input":{"id":"a-1","unit":"Kasai Central","scores":{"jud.indep":2},"notes":{"jud.indep":"Judges paid by the governor"}}}"#;

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn seal_open_and_nothing_in_the_clear() {
    let v = Vault::create(b"a long passphrase", P, &rnd(CREATE_RANDOM, 1)).unwrap();
    let s = v.seal("a-1", &rnd(12, 2).try_into().unwrap(), RECORD);
    assert_eq!(s.len(), RECORD.len() + OVERHEAD);
    assert!(vault::is_sealed(&s));
    for needle in [&b"Kasai"[..], b"Judges", b"jud.indep", b"unit"] {
        assert!(!contains(&s, needle));
        assert!(!contains(v.header().as_bytes(), needle));
    }
    assert_eq!(v.open("a-1", &s).unwrap(), RECORD);
    // Fresh nonce per write: the same record sealed twice differs.
    let s2 = v.seal("a-1", &rnd(12, 3).try_into().unwrap(), RECORD);
    assert_ne!(s, s2);
    assert_eq!(v.open("a-1", &s2).unwrap(), RECORD);
}

#[test]
fn wrong_passphrase_is_named_and_opens_nothing() {
    let v = Vault::create(b"a long passphrase", P, &rnd(CREATE_RANDOM, 1)).unwrap();
    for wrong in [
        &b"a long passphrasE"[..],
        b"",
        b"a long passphrase ",
        b"A long passphrase",
    ] {
        assert_eq!(
            Vault::unlock(wrong, v.header()).err(),
            Some(Error::WrongPassphrase)
        );
    }
    assert!(Vault::unlock(b"a long passphrase", v.header()).is_ok());
}

#[test]
fn every_bit_flip_and_truncation_of_a_record_is_refused() {
    let v = Vault::create(b"pass phrase", P, &rnd(CREATE_RANDOM, 4)).unwrap();
    let s = v.seal("a-1", &rnd(12, 5).try_into().unwrap(), RECORD);
    for bit in 0..s.len() * 8 {
        let mut t = s.clone();
        t[bit / 8] ^= 1 << (bit % 8);
        let e = v.open("a-1", &t).unwrap_err();
        assert!(
            matches!(e, Error::Tampered | Error::OtherKey | Error::Malformed(_)),
            "bit {bit}: {e:?}"
        );
    }
    for n in 0..s.len() {
        let e = v.open("a-1", &s[..n]).unwrap_err();
        assert!(
            matches!(e, Error::Truncated | Error::Tampered),
            "length {n}: {e:?}"
        );
    }
    // Moved to another name: refused.
    assert_eq!(v.open("a-2", &s).unwrap_err(), Error::Tampered);
}

#[test]
fn a_new_key_cannot_read_old_records_and_says_so() {
    let old = Vault::create(b"old", P, &rnd(CREATE_RANDOM, 6)).unwrap();
    let new = Vault::create(b"new", P, &rnd(CREATE_RANDOM, 7)).unwrap();
    assert_ne!(old.kid(), new.kid());
    let s = old.seal("a-1", &[1; 12], RECORD);
    assert_eq!(new.open("a-1", &s).unwrap_err(), Error::OtherKey);
    assert_eq!(
        Vault::unlock(b"old", new.header()).err(),
        Some(Error::WrongPassphrase)
    );
}

#[test]
fn header_tampering_is_refused() {
    let v = Vault::create(b"pass", P, &rnd(CREATE_RANDOM, 8)).unwrap();
    let h = v.header().to_string();
    // Raised parameters (or any change to the covered text) fail the key's tag.
    let raised = h.replacen("m=19456", "m=19457", 1);
    assert_eq!(
        Vault::unlock(b"pass", &raised).err(),
        Some(Error::WrongPassphrase)
    );
    // Lowered below the minimum: refused before deriving anything.
    let lowered = h.replacen("t=2", "t=1", 1);
    assert!(matches!(
        Vault::unlock(b"pass", &lowered).err(),
        Some(Error::Params(_))
    ));
    for cut in [10, h.len() / 2, h.len() - 1] {
        assert!(Vault::unlock(b"pass", &h[..cut]).is_err());
    }
    assert!(matches!(
        Vault::unlock(b"pass", "hello").err(),
        Some(Error::Malformed(_))
    ));
}

#[test]
fn rewrap_raises_parameters_and_keeps_records() {
    let v = Vault::create(b"pass", P, &rnd(CREATE_RANDOM, 9)).unwrap();
    let s = v.seal("a-1", &[3; 12], RECORD);
    let stronger = Params {
        m_kib: 24 * 1024,
        t: 3,
        p: 1,
    };
    let h2 = v
        .rewrap(b"pass", stronger, &rnd(REWRAP_RANDOM, 10))
        .unwrap();
    assert_eq!(vault::header_params(&h2).unwrap(), stronger);
    let w = Vault::unlock(b"pass", &h2).unwrap();
    assert_eq!(w.kid(), v.kid());
    assert_eq!(w.open("a-1", &s).unwrap(), RECORD);
    assert_eq!(
        v.rewrap(b"nope", stronger, &rnd(REWRAP_RANDOM, 10)).err(),
        Some(Error::WrongPassphrase)
    );
}

#[test]
fn default_parameters_work() {
    let v = Vault::create(
        "pässphrase ✓".as_bytes(),
        Params::DEFAULT,
        &rnd(CREATE_RANDOM, 11),
    )
    .unwrap();
    assert_eq!(vault::header_params(v.header()).unwrap(), Params::DEFAULT);
    assert!(Vault::unlock("pässphrase ✓".as_bytes(), v.header()).is_ok());
}
