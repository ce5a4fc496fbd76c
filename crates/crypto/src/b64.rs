//! Base64, standard alphabet, strict: age requires canonical encodings (no padding in headers,
//! zero trailing bits), and the armor uses the padded form.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    } as u32)
}

/// Unpadded encoding.
pub fn encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Padded encoding (the armor).
pub fn encode_padded(data: &[u8]) -> String {
    let mut s = encode(data);
    while !s.len().is_multiple_of(4) {
        s.push('=');
    }
    s
}

/// Strict unpadded decoding: no padding, no whitespace, no non-zero trailing bits.
pub fn decode(text: &[u8]) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let bytes = chunk.len() * 6 / 8;
        for i in 0..bytes {
            out.push((n >> (16 - 8 * i)) as u8);
        }
        // Canonical: the bits after the last whole byte are zero.
        if n & ((1u32 << (24 - 8 * bytes)) - 1) != 0 {
            return None;
        }
    }
    Some(out)
}

/// Strict padded decoding: length a multiple of 4, at most two `=` at the end.
pub fn decode_padded(text: &[u8]) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let pad = text.iter().rev().take_while(|&&c| c == b'=').count();
    if pad > 2 || (pad > 0 && text.len() < 4) {
        return None;
    }
    decode(&text[..text.len() - pad])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rfc4648_vectors() {
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
            assert_eq!(encode(plain.as_bytes()), *enc);
            assert_eq!(decode(enc.as_bytes()).unwrap(), plain.as_bytes());
            assert_eq!(
                decode_padded(encode_padded(plain.as_bytes()).as_bytes()).unwrap(),
                plain.as_bytes()
            );
        }
        for n in 0..100u8 {
            let data: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37).wrapping_add(n)).collect();
            assert_eq!(decode(encode(&data).as_bytes()).unwrap(), data);
        }
    }

    #[test]
    fn rejects_non_canonical() {
        assert!(decode(b"Zh").is_none()); // trailing bits set ("f" is Zg)
        assert!(decode(b"Zm9=").is_none());
        assert!(decode(b"Z").is_none());
        assert!(decode(b"Zm 9v").is_none());
        assert!(decode_padded(b"Zg=").is_none());
        assert!(decode_padded(b"Zg==").is_some());
        assert!(decode_padded(b"Z===").is_none());
    }
}
