//! Messages made without `core::fmt`: `cat!("unknown field ", quote(key), "; expected …")`
//! writes what `format!("unknown field {}; expected …", quote(key))` would, by appending each
//! piece ([`Piece`]: text, and numbers through [`crate::digits`]). `format!` brings
//! `fmt::write`, `Formatter::pad` and an argument table per message into the browser's core
//! module, which makes its problems' messages with this instead.

use crate::digits::{push_f64, push_fixed, push_uint, Num, Whole};

/// What [`cat!`] appends: text, or a number written as `format!("{}")` writes it.
pub trait Piece {
    fn push_to(&self, out: &mut String);
}

impl Piece for str {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for char {
    fn push_to(&self, out: &mut String) {
        out.push(*self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

impl Piece for Whole {
    fn push_to(&self, out: &mut String) {
        push_uint(out, self.0 as u64);
    }
}

impl Piece for Num {
    fn push_to(&self, out: &mut String) {
        match self.1 {
            Some(d) => push_fixed(out, self.0, d),
            None => push_f64(out, self.0),
        }
    }
}

/// The pieces, one after the other, as a `String` (see the module's documentation). Like
/// `format!`, it makes one call with the literal texts in a static table and a table of the
/// other pieces: appending piece by piece where each message is made, or passing every piece
/// in one table, was 2 KB more wasm than `format!`.
#[macro_export]
macro_rules! cat {
    // (A literal must be text: "…", not a char or a number.)
    // Sorted into texts and pieces: `texts[i]` goes before `pieces[i]` (an empty one between two
    // pieces), and a last text may follow the last piece.
    (@ [$($text:expr),*] [$($piece:expr),*]) => {
        $crate::cat::cat(&[$($text),*], &[$(&$piece as &dyn $crate::cat::Piece),*])
    };
    (@ [$($text:expr),*] [$($piece:expr),*] $t:literal $(, $($rest:tt)*)?) => {
        $crate::cat!(@@ [$($text,)* $t] [$($piece),*] $($($rest)*)?)
    };
    (@ [$($text:expr),*] [$($piece:expr),*] $p:expr $(, $($rest:tt)*)?) => {
        $crate::cat!(@ [$($text,)* ""] [$($piece,)* $p] $($($rest)*)?)
    };
    // A text was just taken: the next piece goes after it.
    (@@ [$($text:expr),*] [$($piece:expr),*]) => {
        $crate::cat!(@ [$($text),*] [$($piece),*])
    };
    (@@ [$($text:expr),*] [$($piece:expr),*] $p:expr $(, $($rest:tt)*)?) => {
        $crate::cat!(@ [$($text),*] [$($piece,)* $p] $($($rest)*)?)
    };
    ($($rest:tt)+) => {
        $crate::cat!(@ [] [] $($rest)+)
    };
}

/// What [`cat!`] makes: `texts[0]`, `pieces[0]`, `texts[1]`, `pieces[1]` …
#[inline(never)]
pub fn cat(texts: &[&str], pieces: &[&dyn Piece]) -> String {
    let mut out = String::new();
    for (i, text) in texts.iter().enumerate() {
        out.push_str(text);
        if let Some(piece) = pieces.get(i) {
            piece.push_to(&mut out);
        }
    }
    out
}

/// `items.join(", ")`, in one function for every list a message names (`join`'s generic code,
/// once per element type, is bigger in the browser's core).
pub fn list(items: &[&str]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::digits::{num, Num, Whole};

    #[test]
    fn pieces_are_written_as_format_writes_them() {
        let owned = String::from("b");
        let space = ' ';
        assert_eq!(
            cat!(
                "a ",
                owned,
                space,
                &owned,
                " ",
                Whole(42),
                " ",
                num(0.1),
                " ",
                Num(2.0 / 3.0, Some(2))
            ),
            format!("a {owned} {owned} {} {} {:.2}", 42, 0.1, 2.0 / 3.0)
        );
        assert_eq!(cat!(owned, Whole(1), "c", Whole(2)), "b1c2");
        assert_eq!(cat!("x", owned), "xb");
        assert_eq!(cat!("only"), "only");
    }
}
