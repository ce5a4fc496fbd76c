//! Reading JSON text without serde_json, for the wasm layer: `JSON.stringify` and one string
//! crossing into wasm cost far less than one call per field (serde-wasm-bindgen), and
//! serde_json would add its weight to the first load. `parse` reads what `JSON.stringify`
//! writes into a [`Value`], numbers bit for bit (Rust's `f64` parsing is correctly rounded).
//! The built-in default framework is read by it too (`api::default_framework`), natively and
//! in the browser, without a round trip through JavaScript.
//!
//! (Results go out through serde-wasm-bindgen: writing JSON here and `JSON.parse` in the page
//! was measured slower, the parse alone costing what building the object field by field does.)

use crate::value::{Value, MAX_DEPTH};

/// The value of `text`, or `None` when it is not JSON or nests deeper than [`MAX_DEPTH`]
/// (the caller then reads the input the slow way, which names the problem).
pub fn parse(text: &str) -> Option<Value> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let v = p.value(0)?;
    p.ws();
    (p.i == p.s.len()).then_some(v)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while matches!(self.s.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &[u8]) -> Option<()> {
        self.s[self.i..]
            .starts_with(lit)
            .then(|| self.i += lit.len())
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        self.ws();
        match *self.s.get(self.i)? {
            b'n' => self.eat(b"null").map(|_| Value::Null),
            b't' => self.eat(b"true").map(|_| Value::Bool(true)),
            b'f' => self.eat(b"false").map(|_| Value::Bool(false)),
            b'"' => self.string().map(Value::String),
            b'[' => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat(b"]").is_none() {
                    loop {
                        items.push(self.value(depth + 1)?);
                        self.ws();
                        if self.eat(b",").is_none() {
                            self.eat(b"]")?;
                            break;
                        }
                    }
                }
                Some(Value::Array(items))
            }
            b'{' => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                self.i += 1;
                let mut fields = Vec::new();
                self.ws();
                if self.eat(b"}").is_none() {
                    loop {
                        self.ws();
                        let key = self.string()?;
                        self.ws();
                        self.eat(b":")?;
                        fields.push((key, self.value(depth + 1)?));
                        self.ws();
                        if self.eat(b",").is_none() {
                            self.eat(b"}")?;
                            break;
                        }
                    }
                }
                Some(Value::Object(fields))
            }
            _ => self.number(),
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        while matches!(
            self.s.get(self.i),
            Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
        ) {
            self.i += 1;
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).ok()?;
        // Rust's parser accepts a little more than JSON ("inf", "+1", "1."): refuse those here.
        let json_like = text.starts_with(|c: char| c == '-' || c.is_ascii_digit())
            && text.ends_with(|c: char| c.is_ascii_digit());
        json_like
            .then(|| text.parse::<f64>().ok())
            .flatten()
            .map(Value::Number)
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = std::str::from_utf8(self.s.get(self.i..self.i + 4)?).ok()?;
        self.i += 4;
        u32::from_str_radix(h, 16).ok()
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b"\"")?;
        let mut out = String::new();
        loop {
            let run = self.i;
            while !matches!(self.s.get(self.i), Some(b'"' | b'\\') | None) {
                self.i += 1;
            }
            out.push_str(std::str::from_utf8(&self.s[run..self.i]).ok()?);
            match *self.s.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Some(out);
                }
                _ => {
                    self.i += 1;
                    let c = match *self.s.get(self.i)? {
                        b'u' => {
                            self.i += 1;
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi)
                                && self.s[self.i..].starts_with(b"\\u")
                            {
                                let back = self.i;
                                self.i += 2;
                                match self.hex4()? {
                                    lo @ 0xDC00..0xE000 => {
                                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                    }
                                    _ => {
                                        self.i = back;
                                        hi
                                    }
                                }
                            } else {
                                hi
                            };
                            // A lone surrogate becomes U+FFFD, as when JS text is encoded to UTF-8.
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                            continue;
                        }
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        _ => return None,
                    };
                    self.i += 1;
                    out.push(c);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_json_stringify_writes() {
        let text = r#"{"id":"a\"b\\c\u0001\ud83d\ude00\ud800x","scores":{"x.y":[1,null,2.5e-7,-0,1e+21]},"t":true,"f":false}"#;
        let ours = parse(text).unwrap();
        let theirs: Value = serde_json::from_str(&text.replace("\\ud800x", "\u{FFFD}x")).unwrap();
        assert_eq!(ours, theirs);
        for bad in [
            "", "{", "[1,]", "{\"a\"}", "nul", "1.", "+1", "inf", "NaN", "\"\\x\"", "[1] 2", "-",
            "1e",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&deep), None);
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_some());
    }
}
