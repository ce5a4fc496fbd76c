//! Numbers as decimal text without `core::fmt`'s float formatting. `write!` goes through
//! `fmt::write` and `pad_integral`, a chain of calls per number (5% of `score()` in Chromium's
//! profiler, where the result writer writes hundreds), and the xlsx writer writes a row and
//! column number per cell. For floats, `core::fmt` carries Grisu, Dragon4 and a bignum (about
//! 3.4 KB of the core's 60 KB gzipped wasm); [`push_f64`] writes the same text from the `ryu`
//! crate's digits (its `small` tables), and [`push_fixed`] rounds them as the app's screen does.

use std::fmt;

/// Appends `n` in decimal.
pub fn push_uint(out: &mut String, n: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    let mut n = n;
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // (Digit by digit: `str::from_utf8`'s check would be the core's only use of it.)
    for &digit in &buf[at..] {
        out.push(char::from(digit));
    }
}

/// Appends `x` as `format!("{x}")` writes it: the shortest digits that read back to the same
/// bits, never an exponent ("0.0000001", "1e21" as 22 digits), "-0", "NaN", "inf". One
/// difference: where two shortest texts are exactly as near (1658206780088562.25, halfway
/// between …62.2 and …62.3), ryu takes the even last digit, as JavaScript's `String(x)` does,
/// where `core::fmt` takes the higher; both read back to `x`.
pub fn push_f64(out: &mut String, x: f64) {
    if x.is_nan() {
        return out.push_str("NaN");
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_infinite() {
        return out.push_str("inf");
    }
    // Whole numbers (most scores, spreads and counts) as integers: as `Display` writes them
    // (never with an exponent), and without ryu's work.
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return push_uint(out, x.abs() as u64);
    }
    let mut buf = [0u8; 24];
    let (digits, point) = shortest(x.abs(), &mut buf);
    if digits.is_empty() {
        return out.push('0');
    }
    if point <= 0 {
        out.push_str("0.");
        zeros(out, -point);
        out.push_str(digits);
    } else if point as usize >= digits.len() {
        out.push_str(digits);
        zeros(out, point - digits.len() as i32);
    } else {
        let (a, b) = digits.split_at(point as usize);
        out.push_str(a);
        out.push('.');
        out.push_str(b);
    }
}

/// The shortest digits that read back to `x` (finite, not negative), ryu's, without leading or
/// trailing zeros (none for 0), and where the decimal point goes, counted from the first of them
/// (0.00015: "15", -3; 1500: "15", 4).
fn shortest(x: f64, digits: &mut [u8; 24]) -> (&str, i32) {
    let mut buf = ryu::Buffer::new();
    // ryu writes "1.5", "100.0", "0.00015", "1.5e-7" or "1e21".
    let text = buf.format_finite(x).as_bytes();
    let (mut len, mut point) = (0, None);
    let mut exp = 0i32;
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'.' => point = Some(len as i32),
            b'e' => {
                let (minus, at) = (text.get(i + 1) == Some(&b'-'), i + 1);
                for &b in &text[at + usize::from(minus)..] {
                    exp = exp * 10 + i32::from(b - b'0');
                }
                if minus {
                    exp = -exp;
                }
                break;
            }
            b => {
                digits[len] = b;
                len += 1;
            }
        }
        i += 1;
    }
    let mut point = point.unwrap_or(len as i32) + exp;
    // Leading and trailing zeros ("0.00015", "100.0") are the point's business.
    let mut start = 0;
    while start < len && digits[start] == b'0' {
        start += 1;
        point -= 1;
    }
    while len > start && digits[len - 1] == b'0' {
        len -= 1;
    }
    // Only ASCII digits were kept.
    (
        std::str::from_utf8(&digits[start..len]).unwrap_or_default(),
        point,
    )
}

fn zeros(out: &mut String, n: i32) {
    for _ in 0..n {
        out.push('0');
    }
}

/// Appends `x` with `decimals` decimals, rounded as the app's screen rounds it (JavaScript's
/// `Intl.NumberFormat`, and `decimal()` in www/js/shared/i18n.js): its shortest digits (what it
/// reads as: 51.15, not the binary 51.149999…), half away from zero, zeros after them. So the
/// printed report, a CSV and the screen show the same figure; `{:.N}` rounds the exact binary
/// value, ties to even, and wrote 56.2 and 51.1 where the screen showed 56.3 and 51.2. "-" for
/// any negative number, as both write it ("-0.0" for -0.04); NaN and infinities as
/// [`push_f64`] writes them.
pub fn push_fixed(out: &mut String, x: f64, decimals: u32) {
    if !x.is_finite() {
        return push_f64(out, x);
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    let mut buf = [0u8; 24];
    let (digits, point) = shortest(x.abs(), &mut buf);
    let digits = digits.as_bytes();
    // The digits down to 10^-decimals (zeros past the last), then the next one rounds them.
    let end = (point + decimals as i32).max(0) as usize;
    let mut kept: Vec<u8> = (0..end)
        .map(|k| digits.get(k).copied().unwrap_or(b'0'))
        .collect();
    if point + decimals as i32 >= 0 && digits.get(end).is_some_and(|&b| b >= b'5') {
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, b'1');
                break;
            }
            i -= 1;
            if kept[i] == b'9' {
                kept[i] = b'0';
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    // Only ASCII digits were kept.
    let text = std::str::from_utf8(&kept).unwrap_or_default();
    let d = decimals as usize;
    if text.len() <= d {
        out.push('0');
        if d > 0 {
            out.push('.');
            zeros(out, (d - text.len()) as i32);
            out.push_str(text);
        }
    } else {
        let (a, b) = text.split_at(text.len() - d);
        out.push_str(a);
        if d > 0 {
            out.push('.');
            out.push_str(b);
        }
    }
}

/// A number written by [`push_f64`] (`{}`), or by [`push_fixed`] with `Some(decimals)`, where
/// a message is made with `format!`.
pub struct Num(pub f64, pub Option<u32>);

/// A whole number written by [`push_uint`], where a message is made with `format!` (`{}` of an
/// integer brings `core::fmt`'s integer code and its padding: 0.4 KB gzipped of the core).
pub struct Whole(pub usize);

impl fmt::Display for Whole {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let mut s = String::new();
        push_uint(&mut s, self.0 as u64);
        f.write_str(&s)
    }
}

/// `Num(x, None)`, as `format!` would write `x`.
pub fn num(x: f64) -> Num {
    Num(x, None)
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let mut s = String::new();
        match self.1 {
            Some(d) => push_fixed(&mut s, self.0, d),
            None => push_f64(&mut s, self.0),
        }
        f.write_str(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_display_writes_them() {
        for n in [0, 7, 10, 99, 100, 12_345, u64::MAX] {
            let mut s = String::from("x");
            super::push_uint(&mut s, n);
            assert_eq!(s, format!("x{n}"));
            assert_eq!(Whole(n as usize).to_string(), (n as usize).to_string());
        }
    }

    /// Random bits (xorshift), every exponent.
    fn bits(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    fn display(x: f64) {
        let mut s = String::new();
        push_f64(&mut s, x);
        let core = format!("{x}");
        if s != core {
            // Only an exact tie in the last digit, each reading back to x.
            let (a, b) = (s.as_bytes(), core.as_bytes());
            assert!(
                a.len() == b.len()
                    && a[..a.len() - 1] == b[..b.len() - 1]
                    && (a[a.len() - 1] - b'0') % 2 == 0
                    && b[b.len() - 1] == a[a.len() - 1] + 1
                    && s.parse::<f64>().unwrap().to_bits() == x.to_bits(),
                "{s} {core} {:#x}",
                x.to_bits()
            );
        }
    }

    #[test]
    fn floats_are_written_as_display_writes_them() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.1 + 0.2,
            1.0 / 3.0,
            56.041666666666664,
            1e-7,
            1.5e-7,
            1e15,
            1e16,
            1e21,
            1.2345e22,
            123456789012345680000.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            -1e-300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            2f64.powi(60),
            0.000015,
            100.0,
            99.99999999999999,
        ] {
            display(x);
        }
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..300_000 {
            display(f64::from_bits(bits(&mut seed)));
        }
        // Short decimals and their neighbours, as scores and weights are.
        for k in 0..20_000u64 {
            let x = k as f64 / 1000.0;
            for y in [
                x,
                f64::from_bits(x.to_bits() + 1),
                f64::from_bits(x.to_bits().saturating_sub(1)),
            ] {
                display(y);
                display(y * 1e-9);
                display(y * 1e12);
            }
        }
    }

    fn fixed(x: f64, d: u32) -> String {
        let mut s = String::new();
        push_fixed(&mut s, x, d);
        s
    }

    /// As the app's screen rounds: the figures of JavaScript's Intl.NumberFormat
    /// (tests/fixtures/rounding/intl.json, written by its make.mjs).
    #[test]
    fn fixed_decimals_are_rounded_as_the_screen_rounds_them() {
        let rows: Vec<[String; 4]> =
            serde_json::from_str(include_str!("../tests/fixtures/rounding/intl.json")).unwrap();
        assert!(rows.len() > 4000);
        for [bits, texts @ ..] in &rows {
            let x = f64::from_bits(u64::from_str_radix(bits, 16).unwrap());
            for (d, want) in texts.iter().enumerate() {
                assert_eq!(&fixed(x, d as u32), want, "{x} to {d} decimals");
            }
        }
        // The halves `{:.N}` rounds otherwise: ties to even on the exact binary value.
        for (x, d, want) in [
            (56.25, 1, "56.3"),
            (51.15, 1, "51.2"),
            (2.5, 0, "3"),
            (0.125, 2, "0.13"),
            (1.005, 2, "1.01"),
            (-0.5, 0, "-1"),
        ] {
            assert_eq!(fixed(x, d), want);
        }
    }

    /// Anywhere else it is `{:.N}`'s text, or one unit of the last decimal away from it where
    /// the two round a half differently; and it never strays more than half a unit from `x`.
    #[test]
    fn fixed_decimals_are_within_half_a_unit() {
        let mut seed = 0x2545_f491_4f6c_dd1d;
        for _ in 0..300_000 {
            let x = (bits(&mut seed) >> 11) as f64 / (1u64 << 53) as f64;
            for y in [x, x * 100.0, -x * 1000.0, (x * 1e4).round() / 1e4] {
                for d in [0u32, 1, 2] {
                    let s = fixed(y, d);
                    let core = format!("{y:.*}", d as usize);
                    let unit = 10f64.powi(-(d as i32));
                    let v: f64 = s.parse().unwrap();
                    assert!(
                        (v - y).abs() <= unit / 2.0 + 1e-9 * y.abs().max(1.0),
                        "{y} {d}: {s}"
                    );
                    if s != core {
                        let c: f64 = core.parse().unwrap();
                        assert!(
                            ((v - c).abs() - unit).abs() < unit * 1e-6,
                            "{y} {d}: {s} against {core}"
                        );
                    }
                }
            }
        }
        // Past 17 digits, zeros: 1e300 is read as 1 and 300 zeros, as Intl writes it.
        assert_eq!(fixed(1e300, 2), format!("1{}.00", "0".repeat(300)));
        assert_eq!(fixed(50.0, 15), "50.000000000000000");
        assert_eq!(fixed(9.995, 2), "10.00");
        assert_eq!(fixed(0.0006, 3), "0.001");
        assert_eq!(fixed(f64::NAN, 1), "NaN");
    }
}
