//! Serde values to JavaScript as JSON text (the analysis, spreadsheets and team outputs; the
//! core's results, reports and problems are written by `resilience::json_text`, without serde):
//! `Serialize` impls write into one `String`, which crosses into JS once and is read by
//! `JSON.parse`. serde-wasm-bindgen's serializer
//! made one call into JS per field and per key, and its code (with a copy of each result
//! type's `serialize` for it) was 10 KB gzipped of the core module; measured in Chromium,
//! `score()` went from 146 to 122 µs (best of 15 rounds, one default assessment). serde_json
//! would do the same job with 15 KB gzipped more code; this writer is what the results need.
//!
//! Strings and numbers are written as the core's results are (`resilience::json_text`'s
//! `push_string` and `push_number`): numbers as the shortest text that reads back to the same
//! bits, which `JSON.parse` reads correctly rounded (the same bits in the page as natively);
//! NaN and infinities as `null`, as serde_json does.

use resilience::json_text::{push_number, push_string};
use serde::ser::{self, Serialize};
use std::fmt;

/// `v` as JSON text; `None` for what JSON cannot hold (a map key that is not a string).
pub(crate) fn to_string<T: Serialize + ?Sized>(v: &T) -> Option<String> {
    let mut w = Writer(String::with_capacity(4096));
    v.serialize(&mut w).ok()?;
    Some(w.0)
}

struct Writer(String);

/// The only error: a map key that is not a string.
#[derive(Debug)]
pub(crate) struct NotJson;

impl fmt::Display for NotJson {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not JSON")
    }
}

impl std::error::Error for NotJson {}

impl ser::Error for NotJson {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotJson
    }
}

impl Writer {
    fn str(&mut self, s: &str) {
        push_string(&mut self.0, s);
    }

    /// A whole number, without `core::fmt` (`resilience::digits`).
    fn int(&mut self, v: u64, negative: bool) {
        if negative {
            self.0.push('-');
        }
        resilience::digits::push_uint(&mut self.0, v);
    }

    fn num(&mut self, v: f64) {
        push_number(&mut self.0, v);
    }
}

/// A list or an object being written: whether a comma goes before the next item.
pub(crate) struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
    close: char,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.w.0.push(',');
        }
        self.first = false;
    }

    fn key(&mut self, key: &str) {
        self.comma();
        self.w.str(key);
        self.w.0.push(':');
    }
}

/// Serializer methods that convert their number losslessly and pass it on.
macro_rules! widen {
    ($($method:ident: $ty:ty),+ => $to:ident) => {$(
        fn $method(self, v: $ty) -> Result<(), NotJson> {
            self.$to(v.into())
        }
    )+};
}

/// The serializer methods of an enum's variant that holds a list or an object.
macro_rules! variant {
    ($method:ident -> $assoc:ident, $open:expr, $close:expr) => {
        fn $method(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
            _: usize,
        ) -> Result<Self::$assoc, NotJson> {
            Ok(self.variant(variant, $open, $close))
        }
    };
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = NotJson;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    // The narrower numbers, written as the widest of their kind.
    widen!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32 => serialize_i64);
    widen!(serialize_u8: u8, serialize_u16: u16, serialize_u32: u32 => serialize_u64);
    widen!(serialize_f32: f32 => serialize_f64);
    // {"variant": [...]} and {"variant": {...}}: the inner list or object, then the outer object,
    // closed by done().
    variant!(serialize_tuple_variant -> SerializeTupleVariant, '[', '\u{1}');
    variant!(serialize_struct_variant -> SerializeStructVariant, '{', '\u{2}');

    fn serialize_bool(self, v: bool) -> Result<(), NotJson> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), NotJson> {
        self.int(v.unsigned_abs(), v < 0);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), NotJson> {
        self.int(v, false);
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), NotJson> {
        self.num(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), NotJson> {
        self.str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), NotJson> {
        self.str(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), NotJson> {
        let mut seq = ser::Serializer::serialize_seq(self, Some(v.len()))?;
        for b in v {
            ser::SerializeSeq::serialize_element(&mut seq, b)?;
        }
        ser::SerializeSeq::end(seq)
    }
    fn serialize_none(self) -> Result<(), NotJson> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), NotJson> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), NotJson> {
        self.0.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), NotJson> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<(), NotJson> {
        self.str(v);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), NotJson> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), NotJson> {
        let mut m = ser::Serializer::serialize_map(&mut *self, Some(1))?;
        m.key(variant);
        v.serialize(&mut *m.w)?;
        ser::SerializeMap::end(m)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, NotJson> {
        Ok(self.open('[', ']'))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, NotJson> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>, NotJson> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, NotJson> {
        Ok(self.open('{', '}'))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>, NotJson> {
        self.serialize_map(Some(len))
    }
}

impl Writer {
    /// A list or an object begun; `close` is what done() writes at its end.
    fn open(&mut self, open: char, close: char) -> Compound<'_> {
        self.0.push(open);
        Compound {
            w: self,
            first: true,
            close,
        }
    }

    /// `{"variant": ` and the list or object that follows; its `close` tells done() to close
    /// both.
    fn variant(&mut self, variant: &str, open: char, close: char) -> Compound<'_> {
        self.0.push('{');
        self.str(variant);
        self.0.push(':');
        self.open(open, close)
    }
}

impl Compound<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotJson> {
        self.comma();
        v.serialize(&mut *self.w)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> Result<(), NotJson> {
        self.key(key);
        v.serialize(&mut *self.w)
    }

    fn done(self) -> Result<(), NotJson> {
        // A variant's list or object, then the object around it.
        self.w.0.push_str(match self.close {
            '\u{1}' => "]}",
            '\u{2}' => "}}",
            ']' => "]",
            _ => "}",
        });
        Ok(())
    }
}

/// Lists and tuples of every kind: each element is one item of a JSON array.
macro_rules! list_impl {
    ($($trait:ident :: $method:ident),+) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = NotJson;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotJson> {
                self.item(v)
            }
            fn end(self) -> Result<(), NotJson> {
                self.done()
            }
        }
    )+};
}

list_impl!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// Structs of both kinds: each field is one member of a JSON object.
macro_rules! struct_impl {
    ($($trait:ident),+) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = NotJson;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                v: &T,
            ) -> Result<(), NotJson> {
                self.field(key, v)
            }
            fn end(self) -> Result<(), NotJson> {
                self.done()
            }
        }
    )+};
}

struct_impl!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = NotJson;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotJson> {
        self.comma();
        // A key must write a string: anything else is not JSON.
        let at = self.w.0.len();
        key.serialize(&mut *self.w)?;
        if !self.w.0[at..].starts_with('"') {
            return Err(NotJson);
        }
        self.w.0.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotJson> {
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), NotJson> {
        self.done()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use resilience::value::Value;

    /// What serde_json writes, read back: the same value, every number by its bits.
    fn same(v: &Value) {
        let ours = to_string(v).unwrap();
        let back: serde_json::Value = serde_json::from_str(&ours).unwrap();
        let theirs: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(v).unwrap()).unwrap();
        assert_eq!(back, theirs, "{ours}");
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let text = r#"{"a\"b\\c\u0001\n\t/é😀":[1,-0.5,1e-7,1.7976931348623157e308,5e-324,123456789012345680000,0.1,null,true,false,"x\u001f\u2028"],"":{}, "n":[]}"#;
        let v: Value = serde_json::from_str(text).unwrap();
        same(&v);
        for x in [
            0.0,
            -0.0,
            75.0,
            -3.0,
            1e15,
            0.1 + 0.2,
            1.0 / 3.0,
            56.041666666666664,
            2f64.powi(60),
            -1e-300,
        ] {
            let s = to_string(&x).unwrap();
            assert_eq!(s.parse::<f64>().unwrap().to_bits(), x.to_bits(), "{s}");
        }
        assert_eq!(to_string(&f64::NAN).unwrap(), "null");
        assert_eq!(to_string(&f64::NEG_INFINITY).unwrap(), "null");
        assert_eq!(
            to_string(&(Some(3u8), None::<u8>, 'q')).unwrap(),
            r#"[3,null,"q"]"#
        );
    }

    #[test]
    fn enums_of_every_kind_are_written_as_serde_json_writes_them() {
        #[derive(serde::Serialize)]
        enum Kind {
            Unit,
            NewType(f64),
            Tuple(u8, &'static str),
            Struct { a: i32, b: Vec<bool> },
        }
        #[derive(serde::Serialize)]
        struct Pair(Kind, Option<u8>);
        let all = vec![
            Pair(Kind::Unit, None),
            Pair(Kind::NewType(0.5), Some(3)),
            Pair(Kind::Tuple(7, "x\"y"), None),
            Pair(
                Kind::Struct {
                    a: -2,
                    b: vec![true, false],
                },
                Some(0),
            ),
        ];
        assert_eq!(
            to_string(&all).unwrap(),
            serde_json::to_string(&all).unwrap()
        );
    }

    #[test]
    fn a_key_that_is_not_text_is_refused() {
        let mut m = std::collections::BTreeMap::new();
        m.insert(1, 2);
        assert!(to_string(&m).is_none());
    }
}
