//! Numbers as decimal text without `core::fmt`'s float formatting. `write!` goes through
//! `fmt::write` and `pad_integral`, a chain of calls per number (5% of `score()` in Chromium's
//! profiler, where the result writer writes hundreds), and the xlsx writer writes a row and
//! column number per cell. For floats, `core::fmt` carries Grisu, Dragon4 and a bignum (about
//! 3.4 KB of the core's 60 KB gzipped wasm); [`push_f64`] writes the same text from the `ryu`
//! crate's digits (its `small` tables), and [`push_fixed`] rounds as `{:.N}` does.

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
    let mut buf = ryu::Buffer::new();
    // ryu writes "1.5", "100.0", "0.00015", "1.5e-7" or "1e21": its digits, then where the
    // decimal point goes, counted from the first of them.
    let text = buf.format_finite(x.abs()).as_bytes();
    let (mut digits, mut len, mut point) = ([0u8; 24], 0, None);
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
    let digits = std::str::from_utf8(&digits[start..len]).unwrap_or_default();
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

fn zeros(out: &mut String, n: i32) {
    for _ in 0..n {
        out.push('0');
    }
}

/// Appends `x` as `format!("{x:.decimals$}")` writes it, for `|x| · 10^decimals` below 2^52
/// (percentages, shares; larger numbers are written by [`push_f64`]): the exact binary value
/// rounded, half to even. The product `x · 10^decimals` is rounded once; its exact error
/// ([`product_error`]) decides the only case where that rounding matters, a product that lands
/// on a half. (No crate writes fixed decimals in less than `core::fmt`'s kilobytes.)
pub fn push_fixed(out: &mut String, x: f64, decimals: u32) {
    let scale = 10f64.powi(decimals as i32);
    let y = x * scale;
    if !y.is_finite() || y.abs() >= 4_503_599_627_370_496.0 {
        return push_f64(out, x);
    }
    let mut n = y.round_ties_even();
    if (y - y.trunc()).abs() == 0.5 {
        let error = product_error(x, scale, y);
        if error > 0.0 {
            n = y + 0.5;
        } else if error < 0.0 {
            n = y - 0.5;
        }
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    let mut digits = String::new();
    push_uint(&mut digits, n.abs() as u64);
    let d = decimals as usize;
    if digits.len() <= d {
        out.push_str("0.");
        zeros(out, (d - digits.len()) as i32);
        out.push_str(&digits);
    } else {
        let (a, b) = digits.split_at(digits.len() - d);
        out.push_str(a);
        if d > 0 {
            out.push('.');
            out.push_str(b);
        }
    }
}

/// `x · c − p` exactly, where `p` is `x · c` rounded: Dekker's product, on Veltkamp's halves of
/// `x` and `c` (exact when nothing overflows or underflows: here `x · c` is at least 0.5 and
/// below 2^52). libm's `fma` gives the same in 0.6 KB gzipped more of the core (measured:
/// 55,439 -> 54,852 bytes without it).
fn product_error(x: f64, c: f64, p: f64) -> f64 {
    let halves = |a: f64| {
        let t = 134_217_729.0 * a; // 2^27 + 1
        let hi = t - (t - a);
        (hi, a - hi)
    };
    let ((xh, xl), (ch, cl)) = (halves(x), halves(c));
    ((xh * ch - p) + xh * cl + xl * ch) + xl * cl
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

    fn fixed(x: f64, d: u32) {
        let mut s = String::new();
        push_fixed(&mut s, x, d);
        assert_eq!(s, format!("{x:.*}", d as usize), "{:#x}", x.to_bits());
    }

    #[test]
    fn the_product_error_is_fmas() {
        let mut seed = 0x1234_5678_9abc_def1;
        for _ in 0..300_000 {
            let x = (bits(&mut seed) >> 11) as f64 / (1u64 << 53) as f64 * 1000.0;
            for c in [1.0, 10.0, 100.0, 1000.0, 1e15] {
                let p = x * c;
                let e = product_error(x, c, p);
                assert_eq!(e.to_bits(), libm::fma(x, c, -p).to_bits(), "{x} {c}");
            }
        }
    }

    #[test]
    fn fixed_decimals_are_rounded_as_format_rounds_them() {
        for x in [
            0.0, -0.0, 0.5, 1.5, 2.5, -0.4, -0.5, 0.125, 0.375, 0.005, 0.015, 0.265, 0.285, 1.0,
            99.5, 100.0,
        ] {
            for d in 0..4 {
                fixed(x, d);
            }
        }
        // Every half of the last decimal, and the numbers next to it.
        for k in 0..200_000u64 {
            for d in [0, 1, 2] {
                let x = (k as f64 + 0.5) / 10f64.powi(d as i32 + 1) * 10.0;
                let x = x / 10f64.powi(d as i32) / 10.0 * 10.0;
                for y in [
                    x,
                    f64::from_bits(x.to_bits() + 1),
                    f64::from_bits(x.to_bits() - 1),
                ] {
                    fixed(y, d);
                    fixed(y / 1000.0, d);
                }
            }
        }
        let mut seed = 0x2545_f491_4f6c_dd1d;
        for _ in 0..300_000 {
            let x = (bits(&mut seed) >> 11) as f64 / (1u64 << 53) as f64;
            for d in [0, 2] {
                fixed(x, d);
                fixed(x * 100.0, d);
                fixed(-x, d);
            }
        }
    }
}
