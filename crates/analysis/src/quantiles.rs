//! Percentiles and band probabilities of simulated scores.
//!
//! One percentile method throughout: linear interpolation between order statistics, type 7 of
//! Hyndman & Fan (1996), the default of R's `quantile` and NumPy's `percentile`. For `n` sorted
//! values `x[0] ≤ … ≤ x[n-1]` and `0 ≤ p ≤ 1`, with `h = (n − 1)·p`:
//! `Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋])`. So the median of an even count is the mean
//! of the middle two, and `Q(0)`, `Q(1)` are the minimum and maximum.

use super::{Keyed, Summary};
use resilience::framework::Framework;

/// The `p`-quantile (type 7) of `values` (any order, no NaN; reordered); `None` when empty.
/// Found by selection, in linear time: the order statistics are the same numbers a sort gives.
pub fn percentile(values: &mut [f64], p: f64) -> Option<f64> {
    let last = values.len().checked_sub(1)?;
    let h = last as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor();
    let i = lo as usize;
    let (_, &mut a, above) = values.select_nth_unstable_by(i, f64::total_cmp);
    if i >= last {
        return Some(a);
    }
    let b = above
        .iter()
        .copied()
        .min_by(f64::total_cmp)
        .expect("i < last, so something lies above");
    // Equal neighbours give exactly their value, whatever the fraction.
    Some(if a == b { a } else { a + (h - lo) * (b - a) })
}

/// Moves the values that are not NaN to the front, in order, and returns how many there are.
/// NaN is "no score" in a draw.
pub fn scored_first(values: &mut [f64]) -> usize {
    let mut n = 0;
    for i in 0..values.len() {
        if !values[i].is_nan() {
            values[n] = values[i];
            n += 1;
        }
    }
    n
}

/// Median, 5th and 95th percentiles and band probabilities of one node's simulated scores
/// (NaN = no score in that draw). Reorders `draws`. Probabilities are shares of all draws, so
/// the bands and `unscored` add up to 1.
pub fn summarise(fw: &Framework, draws: &mut [f64]) -> Summary {
    let total = draws.len();
    let n = scored_first(draws);
    let scored = &mut draws[..n];
    // A score's band is the last whose min ≤ score (`Framework::band`).
    let mut counts = vec![0usize; fw.bands.len()];
    for &x in scored.iter() {
        let above = fw.bands.partition_point(|b| b.min <= x);
        counts[above.saturating_sub(1)] += 1;
    }
    let share = |count: usize| {
        if total == 0 {
            0.0
        } else {
            count as f64 / total as f64
        }
    };
    Summary {
        median: percentile(scored, 0.5),
        p05: percentile(scored, 0.05),
        p95: percentile(scored, 0.95),
        bands: Keyed(
            fw.bands
                .iter()
                .zip(counts)
                .map(|(b, c)| (b.id.clone(), share(c)))
                .collect(),
        ),
        unscored: share(total - n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_7_percentiles() {
        let q = |x: &[f64], p: f64| percentile(&mut x.to_vec(), p);
        let x = [4.0, 1.0, 3.0, 2.0];
        assert_eq!(q(&x, 0.5), Some(2.5));
        assert_eq!(q(&x, 0.0), Some(1.0));
        assert_eq!(q(&x, 1.0), Some(4.0));
        // h = 3 · 0.05 = 0.15
        assert!((q(&x, 0.05).unwrap() - 1.15).abs() < 1e-15);
        assert!((q(&x, 0.95).unwrap() - 3.85).abs() < 1e-15);
        assert_eq!(q(&[7.0], 0.3), Some(7.0));
        assert_eq!(q(&[], 0.5), None);
        assert_eq!(q(&[9.0, 3.0, 5.0], 0.5), Some(5.0));
        assert_eq!(q(&[2.0, 2.0, 2.0, 9.0], 0.4), Some(2.0));
        // 1..=100: the 5th percentile is 5.95 (h = 4.95), as R and NumPy give.
        let hundred: Vec<f64> = (1..=100).rev().map(f64::from).collect();
        assert!((q(&hundred, 0.05).unwrap() - 5.95).abs() < 1e-12);
        assert!((q(&hundred, 0.95).unwrap() - 95.05).abs() < 1e-12);
    }

    #[test]
    fn scored_values_first_and_sorted() {
        let mut v = [3.0, f64::NAN, 1.0, -f64::NAN, 2.0];
        assert_eq!(scored_first(&mut v), 3);
        assert_eq!(&v[..3], &[3.0, 1.0, 2.0]);
    }

    #[test]
    fn bands_and_unscored_add_up() {
        let fw = resilience::api::default_framework();
        // critical < 12.5 ≤ weak < 37.5 ≤ moderate < 62.5 ≤ strong < 87.5 ≤ very_strong
        let mut draws = [10.0, 12.5, 37.4, 37.5, 87.5, 100.0, f64::NAN, 62.4];
        let s = summarise(&fw, &mut draws);
        let got: Vec<(&str, f64)> = s.bands.0.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(
            got,
            vec![
                ("critical", 0.125),
                ("weak", 0.25),
                ("moderate", 0.25),
                ("strong", 0.0),
                ("very_strong", 0.25)
            ]
        );
        assert_eq!(s.unscored, 0.125);
        assert_eq!(s.median, Some(37.5));
        let mut none = [f64::NAN; 3];
        let s = summarise(&fw, &mut none);
        assert_eq!((s.median, s.unscored), (None, 1.0));
    }
}
