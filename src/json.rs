//! Reading JSON text without serde_json, for the wasm layer: `JSON.stringify` and one string
//! crossing into wasm cost far less than one call per field, and serde_json would add its
//! weight to the first load. `parse` reads what `JSON.stringify` writes into a [`Value`],
//! numbers bit for bit. The built-in default framework is read by it too
//! (`api::default_framework`).
//!
//! Numbers: most (whole numbers, a few decimals) are read exactly by one multiplication or
//! division ([`exact`]); the others by a correctly rounded parser given by the caller. Rust's
//! own (`str::parse`, what [`parse`] uses) brings 17 KB of tables and code into wasm, which the
//! browser module avoids by passing JavaScript's `parseFloat` to [`parse_with`].

use crate::value::{Value, MAX_DEPTH};

/// The value of `text`, or `None` when it is not JSON or nests deeper than [`MAX_DEPTH`]
/// (the caller then reads the input the slow way, which names the problem).
pub fn parse(text: &str) -> Option<Value> {
    parse_with(text, &|t| t.parse().ok())
}

/// [`parse`], reading the numbers that [`exact`] cannot with `number` (correctly rounded; given
/// text in JSON's number syntax).
pub fn parse_with(text: &str, number: &dyn Fn(&str) -> Option<f64>) -> Option<Value> {
    read(text, number, false)
}

/// [`parse_with`] of what the wasm layer's reader of JS values writes (crates/wasm/js/json-of.js):
/// JSON, where numbers may also be `NaN`, `Infinity` and `-Infinity` (a JS value's, kept so
/// that the engine names them where they are).
pub fn parse_js(text: &str, number: &dyn Fn(&str) -> Option<f64>) -> Option<Value> {
    read(text, number, true)
}

fn read(text: &str, number: &dyn Fn(&str) -> Option<f64>, non_finite: bool) -> Option<Value> {
    let mut p = Parser {
        text,
        s: text.as_bytes(),
        i: 0,
        number,
        non_finite,
    };
    let v = p.value(0)?;
    p.ws();
    (p.i == p.s.len()).then_some(v)
}

struct Parser<'a> {
    text: &'a str,
    /// `text`'s bytes.
    s: &'a [u8],
    i: usize,
    number: &'a dyn Fn(&str) -> Option<f64>,
    /// `NaN`, `Infinity` and `-Infinity` read as numbers ([`parse_js`]).
    non_finite: bool,
}

/// Exact powers of ten as `f64` (up to 10^22, the last one a double holds exactly).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A number in JSON's syntax, read exactly when its digits fit in 53 bits and its power of ten
/// in 22 (Clinger's fast path: both factors are exact doubles and one multiplication or
/// division rounds correctly); `None` otherwise.
pub fn exact(text: &str) -> Option<f64> {
    let (neg, s) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mut mant, mut exp, mut digits) = (0u64, 0i32, 0);
    let mut frac = false;
    let mut rest = None;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'0'..=b'9' => {
                mant = mant.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
                exp -= i32::from(frac);
                digits += 1;
            }
            b'.' if !frac => frac = true,
            _ => {
                rest = Some((b, &s[i + 1..]));
                break;
            }
        }
    }
    match rest {
        None => {}
        Some((b'e' | b'E', e)) => {
            let (neg_e, e) = match e.as_bytes().first() {
                Some(b'-') => (true, &e[1..]),
                Some(b'+') => (false, &e[1..]),
                _ => (false, e),
            };
            if e.is_empty() || e.len() > 5 || !e.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let e = e.bytes().fold(0i32, |n, b| n * 10 + i32::from(b - b'0'));
            exp += if neg_e { -e } else { e };
        }
        Some(_) => return None,
    }
    if digits == 0 || mant > 1 << 53 {
        return None;
    }
    let m = mant as f64;
    let v = match exp {
        _ if mant == 0 => 0.0,
        0..=22 => m * POW10[exp as usize],
        -22..=-1 => m / POW10[(-exp) as usize],
        _ => return None,
    };
    Some(if neg { -v } else { v })
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
            b'N' if self.non_finite => self.eat(b"NaN").map(|_| Value::Number(f64::NAN)),
            b'I' if self.non_finite => self.eat(b"Infinity").map(|_| Value::Number(f64::INFINITY)),
            b'-' if self.non_finite && self.s[self.i..].starts_with(b"-I") => self
                .eat(b"-Infinity")
                .map(|_| Value::Number(f64::NEG_INFINITY)),
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
        let text = self.text.get(start..self.i)?;
        // Rust's parser accepts a little more than JSON ("inf", "+1", "1."): refuse those here.
        let json_like = text.starts_with(|c: char| c == '-' || c.is_ascii_digit())
            && text.ends_with(|c: char| c.is_ascii_digit());
        if !json_like {
            return None;
        }
        exact(text)
            .or_else(|| (self.number)(text))
            .map(Value::Number)
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = self.s.get(self.i..self.i + 4)?;
        self.i += 4;
        h.iter()
            .try_fold(0, |n, &b| Some(n * 16 + char::from(b).to_digit(16)?))
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b"\"")?;
        let mut out = String::new();
        loop {
            let run = self.i;
            while !matches!(self.s.get(self.i), Some(b'"' | b'\\') | None) {
                self.i += 1;
            }
            // (Slices of `text` at ASCII bytes: no UTF-8 check needed.)
            out.push_str(self.text.get(run..self.i)?);
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
    fn numbers_read_exactly_as_rust_reads_them() {
        let mut seed = 11u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut texts: Vec<String> = [
            "0",
            "-0",
            "0.5",
            "1",
            "75",
            "-3.25",
            "0.1",
            "0.3",
            "1e22",
            "1e23",
            "9007199254740992",
            "9007199254740993",
            "123456789012345678901234",
            "1.5e-7",
            "1E+2",
            "0.000001",
            "4.35",
            "99.99999999999999",
            "0.14285714285714285",
            "1e-400",
            "1e400",
            "2.5e-22",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for _ in 0..20_000 {
            let digits = next() % 10u64.pow(1 + (next() % 16) as u32);
            let e = (next() % 50) as i32 - 25;
            texts.push(format!("{digits}e{e}"));
            texts.push(format!("{}", f64::from_bits(next() >> 2)));
            texts.push(format!("{}.{:03}", digits, next() % 1000));
        }
        for t in &texts {
            let want: f64 = t.parse().unwrap();
            let got = parse_with(t, &|_| None).map(|v| match v {
                Value::Number(n) => n,
                _ => unreachable!(),
            });
            if let Some(got) = got {
                assert_eq!(got.to_bits(), want.to_bits(), "{t}");
            }
            assert_eq!(parse(t), Some(Value::Number(want)), "{t}");
        }
        // The usual numbers need no fallback.
        for t in ["0", "4", "0.5", "100", "-2.75", "33.333", "1e-7"] {
            assert!(exact(t).is_some(), "{t}");
        }
    }

    #[test]
    fn reads_what_json_stringify_writes() {
        let text = r#"{"id":"a\"b\\c\u0001\ud83d\ude00\ud800x","scores":{"x.y":[1,null,2.5e-7,-0,1e+21]},"t":true,"f":false}"#;
        let ours = parse(text).unwrap();
        let theirs: Value = serde_json::from_str(&text.replace("\\ud800x", "\u{FFFD}x")).unwrap();
        assert_eq!(ours, theirs);
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\"}",
            "nul",
            "1.",
            "+1",
            "inf",
            "NaN",
            "\"\\x\"",
            "[1] 2",
            "-",
            "1e",
            "\"\\u+041\"",
            "\"\\u00\u{e9}\"",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        let js = r#"[NaN,Infinity,-Infinity,-1,{"a":NaN}]"#;
        assert_eq!(parse(js), None, "not JSON");
        let Some(Value::Array(items)) = parse_js(js, &|_| None) else {
            panic!("parse_js reads NaN and the infinities");
        };
        assert!(matches!(items[0], Value::Number(n) if n.is_nan()));
        assert_eq!(
            items[1..4],
            [f64::INFINITY, f64::NEG_INFINITY, -1.0].map(Value::Number)
        );
        for bad in ["Nan", "Infinit", "-Inf", "+Infinity", "-NaN"] {
            assert_eq!(parse_js(bad, &|_| None), None, "{bad}");
        }
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&deep), None);
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_some());
    }
}
