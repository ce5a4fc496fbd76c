//! Bytes of a text file into text, as publishers and spreadsheets save it: UTF-8 with or without
//! a byte-order mark, UTF-16 with one, and Windows-1252 when the bytes are not valid UTF-8 (as
//! Excel and several publishers save CSV). Anything else, and binary data (NUL bytes, control
//! characters), is refused with the byte offset and the line where it shows.
//!
//! Windows-1252 is decoded here by a 32-entry table for 0x80–0x9F (the rest is Latin-1; the
//! table is WHATWG's `windows-1252` index), not by `encoding_rs`. Measured with `./build.sh
//! build`: the browser's sheets module, which links `calamine` for .xlsx, already carries
//! `encoding_rs` whole (calamine's XML reader decodes through it: every encoding's labels and
//! tables are in the module, whose data section grew by 207 KB, 16 KB of it the country table),
//! so there the crate would cost nothing more; but this module is part of
//! the core crate, which has no `calamine`, and the table costs a few hundred bytes where the
//! crate would bring all of its tables. So: the table, and no new dependency for the core.

use crate::issue::Issue;
use std::borrow::Cow;

/// The encoding a text was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    /// Its name, as the reports give it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Windows-1252's characters for 0x80–0x9F; 0 where the code page has none.
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// The 1-based line of byte `offset` in `bytes` (lines end at `\n`; for UTF-16, the unit
/// `\n` counts).
fn line_of(bytes: &[u8], offset: usize, utf16: Option<bool>) -> usize {
    let upto = &bytes[..offset.min(bytes.len())];
    match utf16 {
        None => upto.iter().filter(|&&b| b == b'\n').count() + 1,
        Some(le) => {
            upto.chunks_exact(2)
                .filter(|c| {
                    if le {
                        c == &[b'\n', 0]
                    } else {
                        c == &[0, b'\n']
                    }
                })
                .count()
                + 1
        }
    }
}

fn at(bytes: &[u8], offset: usize, utf16: Option<bool>) -> String {
    format!("byte {offset}, line {}", line_of(bytes, offset, utf16))
}

/// A character no text file holds: a C0 control other than tab, line feed and carriage return,
/// DEL, or a C1 control.
fn is_binary(c: u32) -> bool {
    (c < 0x20 && !matches!(c, 0x09 | 0x0A | 0x0D)) || (0x7F..=0x9F).contains(&c)
}

fn binary(bytes: &[u8], offset: usize, c: u32, utf16: Option<bool>) -> Issue {
    let what = if c == 0 {
        "a NUL byte".to_string()
    } else {
        format!("the control character U+{c:04X}")
    };
    let hint = if bytes.starts_with(b"PK\x03\x04") {
        ": this is a ZIP file (an .xlsx workbook?); import-reference and import-odk read .xlsx"
    } else if c == 0 && utf16.is_none() {
        ": binary data, or UTF-16 without a byte-order mark (save it as UTF-8)"
    } else {
        ": this is not a text file"
    };
    Issue::new(at(bytes, offset, utf16), format!("{what}{hint}"))
}

/// Decodes a text file's bytes (see the module's documentation). An empty input is empty text.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), Issue> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => {
                check_text(bytes, 3, s)?;
                Ok((Cow::Borrowed(s), Encoding::Utf8Bom))
            }
            Err(e) => Err(Issue::new(
                at(bytes, 3 + e.valid_up_to(), None),
                "invalid UTF-8, though the file starts with a UTF-8 byte-order mark",
            )),
        };
    }
    for (bom, le, enc) in [
        (b"\xFF\xFE", true, Encoding::Utf16Le),
        (b"\xFE\xFF", false, Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return utf16(bytes, rest, le).map(|s| (Cow::Owned(s), enc));
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            check_text(bytes, 0, s)?;
            Ok((Cow::Borrowed(s), Encoding::Utf8))
        }
        Err(_) => {
            let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
            for (i, &b) in bytes.iter().enumerate() {
                let c = match b {
                    0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize] as u32,
                    b => b as u32,
                };
                if c == 0 && b != 0 {
                    return Err(Issue::new(
                        at(bytes, i, None),
                        format!(
                            "byte 0x{b:02X} is not text in UTF-8, UTF-16 or Windows-1252: save the \
                             file as UTF-8"
                        ),
                    ));
                }
                if is_binary(c) {
                    return Err(binary(bytes, i, c, None));
                }
                out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
            }
            Ok((Cow::Owned(out), Encoding::Windows1252))
        }
    }
}

/// No binary data in valid UTF-8 text starting at byte `start` of `bytes`.
fn check_text(bytes: &[u8], start: usize, s: &str) -> Result<(), Issue> {
    // Fast path: no byte that could start a control character (C1 controls are C2 80–C2 9F).
    let suspicious =
        |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F || b == 0xC2;
    if !s.bytes().any(suspicious) {
        return Ok(());
    }
    for (i, c) in s.char_indices() {
        if is_binary(c as u32) {
            return Err(binary(bytes, start + i, c as u32, None));
        }
    }
    Ok(())
}

fn utf16(bytes: &[u8], rest: &[u8], le: bool) -> Result<String, Issue> {
    let mut units = Vec::with_capacity(rest.len() / 2);
    for pair in rest.chunks(2) {
        match pair {
            [a, b] => units.push(if le {
                u16::from_le_bytes([*a, *b])
            } else {
                u16::from_be_bytes([*a, *b])
            }),
            _ => {
                return Err(Issue::new(
                    at(bytes, bytes.len() - 1, Some(le)),
                    "UTF-16 text of an odd number of bytes: the file is cut short",
                ))
            }
        }
    }
    let mut out = String::with_capacity(units.len());
    for (k, r) in char::decode_utf16(units.iter().copied()).enumerate() {
        // Offsets count the 2-byte mark and 2 bytes a unit (a pair counts once; close enough
        // to find the place).
        let offset = 2 + 2 * k;
        match r {
            Ok(c) if is_binary(c as u32) => return Err(binary(bytes, offset, c as u32, Some(le))),
            Ok(c) => out.push(c),
            Err(_) => {
                return Err(Issue::new(
                    at(bytes, offset, Some(le)),
                    "invalid UTF-16 (an unpaired surrogate)",
                ))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("a,é\n".as_bytes()).unwrap(),
            (Cow::Borrowed("a,é\n"), Encoding::Utf8)
        );
        let (t, e) = decode(b"\xEF\xBB\xBFa\n").unwrap();
        assert_eq!((t.as_ref(), e), ("a\n", Encoding::Utf8Bom));
        assert_eq!(decode(b"").unwrap().0, "");
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        let (t, e) = decode(b"C\xF4te d\x92Ivoire;0,5\r\n").unwrap();
        assert_eq!(e, Encoding::Windows1252);
        assert_eq!(t, "Côte d\u{2019}Ivoire;0,5\r\n");
        let err = decode(b"ab\n\xE9\x81\n").unwrap_err();
        assert_eq!(err.path, "byte 4, line 2");
        assert!(err.message.contains("0x81"), "{}", err.message);
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "Pays\tNote\nCôte\t1\n".encode_utf16() {
            le.extend(u.to_le_bytes());
        }
        let (t, e) = decode(&le).unwrap();
        assert_eq!(
            (t.as_ref(), e),
            ("Pays\tNote\nCôte\t1\n", Encoding::Utf16Le)
        );
        let mut be = vec![0xFE, 0xFF];
        for u in "x\n".encode_utf16() {
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().1, Encoding::Utf16Be);
        assert!(decode(&le[..le.len() - 1]).is_err());
    }

    #[test]
    fn binary_is_located() {
        let err = decode(b"a,b\n1,2\n\x00\x01").unwrap_err();
        assert_eq!(err.path, "byte 8, line 3");
        assert!(err.message.contains("NUL"), "{}", err.message);
        let err = decode(b"PK\x03\x04\x14\x00").unwrap_err();
        assert!(err.message.contains(".xlsx"), "{}", err.message);
        let err = decode(b"ok\x1b[0m").unwrap_err();
        assert_eq!(err.path, "byte 2, line 1");
        // A control character in Windows-1252 text.
        let err = decode(b"\xE9\x07").unwrap_err();
        assert_eq!(err.path, "byte 1, line 1");
    }
}
