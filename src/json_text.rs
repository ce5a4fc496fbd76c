//! JSON written without serde's generic code: the result (`result.rs`) is written once, to an
//! [`Out`] by dynamic calls, so the browser's core module carries one copy of it. Written
//! through serde (a `Serialize` per output type, each field a copy for the serializer) it was
//! 13 KB of the core's 125 KB of code. [`Text`] writes JSON text (the browser's: one string
//! into `JSON.parse`); [`Tape`] records the calls and plays them to any serde `Serializer`
//! (the CLI's serde_json, `to_value` in tests), as the same calls of serde's data model.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// Where JSON is written: values, and lists and objects of them (`key` before each member).
pub trait Out {
    /// `[` (`list`) or `{`.
    fn open(&mut self, list: bool);
    /// The list or object opened last, closed.
    fn close(&mut self);
    fn key(&mut self, key: &str);
    fn str(&mut self, s: &str);
    /// NaN and infinities are `null`, as serde_json writes them.
    fn num(&mut self, x: f64);
    fn uint(&mut self, n: u64);
    fn bool(&mut self, b: bool);
    fn null(&mut self);
}

impl dyn Out + '_ {
    /// `"key": "s"`.
    #[inline(never)]
    pub fn str_field(&mut self, key: &str, s: &str) {
        self.key(key);
        self.str(s);
    }

    /// `"key": "s"`, or `null`.
    #[inline(never)]
    pub fn opt_str_field(&mut self, key: &str, s: Option<&str>) {
        self.key(key);
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    /// `"key": x`, or `null` for `None`.
    #[inline(never)]
    pub fn num_field(&mut self, key: &str, x: Option<f64>) {
        self.key(key);
        match x {
            Some(x) => self.num(x),
            None => self.null(),
        }
    }

    /// `"key": [...]` of strings.
    #[inline(never)]
    pub fn strs_field<'a>(&mut self, key: &str, items: impl IntoIterator<Item = &'a str>) {
        self.key(key);
        self.open(true);
        for s in items {
            self.str(s);
        }
        self.close();
    }
}

/// JSON text, compact: what `JSON.parse` reads in the browser.
pub struct Text {
    pub text: String,
    /// A comma before the next value or key: something was written since the last `[`, `{`
    /// or key.
    comma: bool,
    /// `]` or `}` for each list or object open.
    closers: Vec<u8>,
}

impl Default for Text {
    fn default() -> Text {
        Text {
            text: String::with_capacity(16 << 10),
            comma: false,
            closers: Vec::new(),
        }
    }
}

impl Text {
    fn before(&mut self) {
        if self.comma {
            self.text.push(',');
        }
        self.comma = true;
    }
}

/// `s` as a JSON string, appended to `out` (every JSON writer of the engine and its modules
/// writes strings here).
pub fn push_string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    // Runs without anything to escape (most text) are copied whole, after one `reserve`
    // for the whole string (this function was 15% of score() in Chromium's profiler).
    let mut start = 0;
    let mut i = 0;
    // Eight bytes at a time while none of them needs escaping.
    while i + 8 <= bytes.len() && !needs_escape(&bytes[i..i + 8]) {
        i += 8;
    }
    while i < bytes.len() {
        let b = bytes[i];
        if b >= 0x20 && b != b'"' && b != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&s[start..i]);
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
        i += 1;
        start = i;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// `x` as a JSON number appended to `out`: the shortest text that reads back to the same bits
/// (`JSON.parse` reads it correctly rounded), whole numbers without ".0"; NaN and infinities
/// as `null`, as serde_json writes them.
pub fn push_number(out: &mut String, x: f64) {
    if !x.is_finite() {
        out.push_str("null");
    } else if x.fract() == 0.0 && x.abs() < 1e15 && (x != 0.0 || x.is_sign_positive()) {
        // Whole numbers (most scores) by the integer writer: faster, the same bits read back.
        if x < 0.0 {
            out.push('-');
        }
        crate::digits::push_uint(out, x.abs() as u64);
    } else {
        crate::digits::push_f64(out, x);
    }
}

/// Whether one of 8 bytes is below 0x20, '"' or '\\': the "has a byte below n" and "has a zero
/// byte" word tests (exact for whether there is one).
fn needs_escape(chunk: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    (w.wrapping_sub(ONES * 0x20) & !w & HIGH)
        | zero(w ^ (ONES * b'"' as u64))
        | zero(w ^ (ONES * b'\\' as u64))
        != 0
}

impl Out for Text {
    fn open(&mut self, list: bool) {
        self.before();
        self.text.push(if list { '[' } else { '{' });
        self.closers.push(if list { b']' } else { b'}' });
        self.comma = false;
    }
    fn close(&mut self) {
        let c = self.closers.pop().unwrap_or(b'}');
        self.text.push(c as char);
        self.comma = true;
    }
    fn key(&mut self, key: &str) {
        self.before();
        push_string(&mut self.text, key);
        self.text.push(':');
        self.comma = false;
    }
    fn str(&mut self, s: &str) {
        self.before();
        push_string(&mut self.text, s);
    }
    fn num(&mut self, x: f64) {
        self.before();
        push_number(&mut self.text, x);
    }
    fn uint(&mut self, n: u64) {
        self.before();
        crate::digits::push_uint(&mut self.text, n);
    }
    fn bool(&mut self, b: bool) {
        self.before();
        self.text.push_str(if b { "true" } else { "false" });
    }
    fn null(&mut self) {
        self.before();
        self.text.push_str("null");
    }
}

/// What was written, as `to_text` gives it.
pub fn to_text(write: impl FnOnce(&mut dyn Out)) -> String {
    let mut t = Text::default();
    write(&mut t);
    t.text
}

/// One call to an [`Out`], recorded. `Open` holds the index just past its `Close`.
enum Step {
    Open(bool, usize),
    Close,
    Key(String),
    Str(String),
    Num(f64),
    Uint(u64),
    Bool(bool),
    Null,
}

/// The calls to an [`Out`], recorded, to be played to a serde `Serializer`.
#[derive(Default)]
pub struct Tape {
    steps: Vec<Step>,
    /// Where each list or object open began.
    opened: Vec<usize>,
}

impl Tape {
    /// `write`'s calls, recorded.
    pub fn of(write: impl FnOnce(&mut dyn Out)) -> Tape {
        let mut t = Tape::default();
        write(&mut t);
        t
    }
}

impl Out for Tape {
    fn open(&mut self, list: bool) {
        self.opened.push(self.steps.len());
        self.steps.push(Step::Open(list, 0));
    }
    fn close(&mut self) {
        self.steps.push(Step::Close);
        let end = self.steps.len();
        if let Some(Step::Open(_, past)) = self.opened.pop().and_then(|at| self.steps.get_mut(at)) {
            *past = end;
        }
    }
    fn key(&mut self, key: &str) {
        self.steps.push(Step::Key(key.into()));
    }
    fn str(&mut self, s: &str) {
        self.steps.push(Step::Str(s.into()));
    }
    fn num(&mut self, x: f64) {
        self.steps.push(Step::Num(x));
    }
    fn uint(&mut self, n: u64) {
        self.steps.push(Step::Uint(n));
    }
    fn bool(&mut self, b: bool) {
        self.steps.push(Step::Bool(b));
    }
    fn null(&mut self) {
        self.steps.push(Step::Null);
    }
}

/// The value that starts at step `at` of a tape (the whole tape from 0).
struct Play<'a> {
    steps: &'a [Step],
    at: usize,
}

impl Play<'_> {
    /// The index just past the value that starts at `at`.
    fn past(steps: &[Step], at: usize) -> usize {
        match steps.get(at) {
            Some(Step::Open(_, past)) => *past,
            _ => at + 1,
        }
    }
}

impl Serialize for Play<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let steps = self.steps;
        match steps.get(self.at) {
            Some(Step::Open(list, past)) => {
                let end = past.saturating_sub(1);
                let mut i = self.at + 1;
                if *list {
                    let mut seq = s.serialize_seq(None)?;
                    while i < end {
                        seq.serialize_element(&Play { steps, at: i })?;
                        i = Play::past(steps, i);
                    }
                    seq.end()
                } else {
                    let mut map = s.serialize_map(None)?;
                    while i < end {
                        if let Step::Key(k) = &steps[i] {
                            map.serialize_key(k)?;
                            i += 1;
                        }
                        map.serialize_value(&Play { steps, at: i })?;
                        i = Play::past(steps, i);
                    }
                    map.end()
                }
            }
            Some(Step::Str(v)) => s.serialize_str(v),
            Some(Step::Num(x)) => s.serialize_f64(*x),
            Some(Step::Uint(n)) => s.serialize_u64(*n),
            Some(Step::Bool(b)) => s.serialize_bool(*b),
            Some(Step::Key(k)) => s.serialize_str(k),
            Some(Step::Close) | Some(Step::Null) | None => s.serialize_unit(),
        }
    }
}

impl Serialize for Tape {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Play {
            steps: &self.steps,
            at: 0,
        }
        .serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(o: &mut dyn Out) {
        o.open(false);
        o.str_field("a\"b\\c\u{1}\n\té😀", "x\u{1f}\u{2028}");
        o.key("n");
        o.open(true);
        for x in [
            1.0,
            -0.5,
            1e-7,
            1.7976931348623157e308,
            5e-324,
            0.1,
            -0.0,
            75.0,
            -3.0,
        ] {
            o.num(x);
        }
        o.num(f64::NAN);
        o.uint(3);
        o.bool(true);
        o.bool(false);
        o.null();
        o.open(false);
        o.close();
        o.open(true);
        o.close();
        o.close();
        o.num_field("none", None);
        o.opt_str_field("s", Some("t"));
        o.strs_field("l", ["p", "q"]);
        o.close();
    }

    /// Numbers as their bits (the text writes 75.0 as 75, serde_json as 75.0).
    fn bits(v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value as V;
        match v {
            V::Number(n) => V::from(n.as_f64().unwrap().to_bits()),
            V::Array(items) => V::Array(items.into_iter().map(bits).collect()),
            V::Object(m) => V::Object(m.into_iter().map(|(k, v)| (k, bits(v))).collect()),
            other => other,
        }
    }

    /// The text and the tape played to serde_json: the same value, every number by its bits.
    #[test]
    fn text_and_tape_write_the_same_json() {
        let text = to_text(sample);
        let ours = bits(serde_json::from_str(&text).unwrap());
        let played = bits(serde_json::to_value(Tape::of(sample)).unwrap());
        assert_eq!(ours, played, "{text}");
        let direct = serde_json::to_string(&Tape::of(sample)).unwrap();
        assert_eq!(ours, bits(serde_json::from_str(&direct).unwrap()));
        assert!(
            text.starts_with(r#"{"a\"b\\c\u0001\n\u0009é😀":"x\u001f"#),
            "{text}"
        );
    }

    #[test]
    fn every_character_to_escape_is_escaped_wherever_it_is() {
        // The eight-byte scan's edges: each character at every place of strings up to 19 bytes.
        for c in [
            '"', '\\', '\n', '\u{0}', '\u{1f}', '\u{7f}', 'é', ' ', '!', '#', '[', ']',
        ] {
            for len in 1..20 {
                for at in 0..len {
                    let s: String = (0..len).map(|k| if k == at { c } else { 'a' }).collect();
                    let ours = to_text(|o| o.str(&s));
                    assert_eq!(ours, serde_json::to_string(&s).unwrap(), "{s:?}");
                }
            }
        }
    }
}
