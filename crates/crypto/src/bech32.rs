//! Bech32 (BIP 173, checksum constant 1) as age uses it: `age1…` recipients in lower case and
//! `AGE-SECRET-KEY-1…` identities in upper case, without BIP 173's 90-character limit.

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const GEN: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

fn polymod(values: impl Iterator<Item = u8>) -> u32 {
    let mut chk = 1u32;
    for v in values {
        let b = chk >> 25;
        chk = (chk & 0x1ffffff) << 5 ^ v as u32;
        for (i, g) in GEN.iter().enumerate() {
            if (b >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn hrp_expand(hrp: &[u8]) -> impl Iterator<Item = u8> + '_ {
    hrp.iter()
        .map(|c| c >> 5)
        .chain(std::iter::once(0))
        .chain(hrp.iter().map(|c| c & 31))
}

/// 8-bit bytes to 5-bit groups (padded) or back (strict: no leftover bits but zero padding).
fn regroup(data: &[u8], from: u32, to: u32, pad: bool) -> Option<Vec<u8>> {
    let mut acc = 0u32;
    let mut bits = 0u32;
    let mut out = Vec::with_capacity(data.len() * from as usize / to as usize + 1);
    let max = (1u32 << to) - 1;
    for &v in data {
        acc = (acc << from) | v as u32;
        bits += from;
        while bits >= to {
            bits -= to;
            out.push(((acc >> bits) & max) as u8);
        }
    }
    if pad {
        if bits > 0 {
            out.push(((acc << (to - bits)) & max) as u8);
        }
    } else if bits >= from || ((acc << (to - bits)) & max) != 0 {
        return None;
    }
    Some(out)
}

/// Encodes `data` under the lower-case `hrp`; `upper` gives the all-capitals form.
pub fn encode(hrp: &str, data: &[u8], upper: bool) -> String {
    let values = regroup(data, 8, 5, true).expect("padding never fails");
    let hrp_b = hrp.as_bytes();
    let pm = polymod(
        hrp_expand(hrp_b)
            .chain(values.iter().copied())
            .chain([0u8; 6]),
    ) ^ 1;
    let mut s = String::with_capacity(hrp.len() + 1 + values.len() + 6);
    s.push_str(hrp);
    s.push('1');
    for v in &values {
        s.push(CHARSET[*v as usize] as char);
    }
    for i in 0..6 {
        s.push(CHARSET[((pm >> (5 * (5 - i))) & 31) as usize] as char);
    }
    if upper {
        s.make_ascii_uppercase();
    }
    s
}

/// Decodes a bech32 string (all lower or all upper case) into its lower-case hrp and data.
pub fn decode(s: &str) -> Option<(String, Vec<u8>)> {
    let has_lower = s.bytes().any(|c| c.is_ascii_lowercase());
    let has_upper = s.bytes().any(|c| c.is_ascii_uppercase());
    if has_lower && has_upper || !s.is_ascii() {
        return None;
    }
    let s = s.to_ascii_lowercase();
    let pos = s.rfind('1')?;
    if pos == 0 || pos + 7 > s.len() {
        return None;
    }
    let hrp = &s[..pos];
    if hrp.bytes().any(|c| !(33..=126).contains(&c)) {
        return None;
    }
    let values: Vec<u8> = s[pos + 1..]
        .bytes()
        .map(|c| CHARSET.iter().position(|&x| x == c).map(|p| p as u8))
        .collect::<Option<_>>()?;
    if polymod(hrp_expand(hrp.as_bytes()).chain(values.iter().copied())) != 1 {
        return None;
    }
    let data = regroup(&values[..values.len() - 6], 5, 8, false)?;
    Some((hrp.to_string(), data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bip173_valid_checksums() {
        for s in [
            "A12UEL5L",
            "a12uel5l",
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
        ] {
            assert!(decode(s).is_some(), "{s}");
        }
        for s in [
            "a12uel5L",
            "a12uel5m",
            "pzry9x0s0muk",
            "1pzry9x0s0muk",
            "x1b4n0q5v",
            "li1dgmt3",
            "A1G7SGD8",
        ] {
            assert!(decode(s).is_none(), "{s}");
        }
    }

    #[test]
    fn round_trip() {
        let data: Vec<u8> = (0..32).collect();
        let s = encode("age", &data, false);
        assert_eq!(decode(&s).unwrap(), ("age".to_string(), data.clone()));
        let u = encode("age-secret-key-", &data, true);
        assert!(u.starts_with("AGE-SECRET-KEY-1"));
        assert_eq!(decode(&u).unwrap(), ("age-secret-key-".to_string(), data));
    }
}
