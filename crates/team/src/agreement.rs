//! How far assessors agree: Krippendorff's alpha, and the plain shares of pairs that agree.
//!
//! Reliability data are units (here: indicators of one assessment, or one indicator across the
//! assessments of a batch), each with the values the assessors gave it; a missing value is
//! simply left out of its unit. The computation follows Krippendorff, "Computing Krippendorff's
//! Alpha-Reliability" (2011): a coincidence matrix of the values, the observed disagreement
//! within units against the disagreement expected by chance, with the metric's difference
//! function. Units with fewer than two values cannot be paired and do not count.

/// The level of measurement: which difference between two values counts as how large.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Any two different values differ equally.
    Nominal,
    /// Values are ranked: a difference is how many values lie between (the default's anchors).
    Ordinal,
    /// Differences are distances.
    Interval,
    /// Differences are relative to the values' size.
    Ratio,
}

/// Krippendorff's alpha of `units` (each the values given to one unit), or `None` when it is not
/// defined: fewer than two pairable values, or no variation at all (nothing to disagree on).
pub fn alpha(units: &[Vec<f64>], metric: Metric) -> Option<f64> {
    let pairable: Vec<&Vec<f64>> = units.iter().filter(|u| u.len() >= 2).collect();
    // The distinct values, in order: the coincidence matrix's rows and columns.
    let mut values: Vec<f64> = pairable.iter().flat_map(|u| u.iter().copied()).collect();
    // The engine's own sort of numbers (normalise.rs): one copy of its code in the browser.
    values.sort_unstable_by(f64::total_cmp);
    values.dedup();
    let k = values.len();
    if k == 0 {
        return None;
    }
    let index = |v: f64| values.partition_point(|x| x.total_cmp(&v).is_lt());
    let mut o = vec![0.0; k * k];
    for u in &pairable {
        let w = 1.0 / (u.len() - 1) as f64;
        for (i, &a) in u.iter().enumerate() {
            for (j, &b) in u.iter().enumerate() {
                if i != j {
                    o[index(a) * k + index(b)] += w;
                }
            }
        }
    }
    let n_c: Vec<f64> = (0..k).map(|c| o[c * k..(c + 1) * k].iter().sum()).collect();
    let n: f64 = n_c.iter().sum();
    let delta2 = |c: usize, d: usize| -> f64 {
        if c == d {
            return 0.0;
        }
        match metric {
            Metric::Nominal => 1.0,
            Metric::Ordinal => {
                let (lo, hi) = (c.min(d), c.max(d));
                let between: f64 = n_c[lo..=hi].iter().sum();
                let x = between - (n_c[c] + n_c[d]) / 2.0;
                x * x
            }
            Metric::Interval => {
                let x = values[c] - values[d];
                x * x
            }
            Metric::Ratio => {
                let x = (values[c] - values[d]) / (values[c] + values[d]);
                x * x
            }
        }
    };
    let (mut observed, mut expected) = (0.0, 0.0);
    for c in 0..k {
        for d in 0..k {
            let m = delta2(c, d);
            observed += o[c * k + d] * m;
            expected += n_c[c] * n_c[d] * m;
        }
    }
    if expected == 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * observed / expected)
}

/// Pairs of assessors who gave a unit the same value, and within `step` of each other.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Pairs {
    /// Every pair of values given to the same unit.
    pub pairs: u64,
    /// Pairs with the same value.
    pub exact: u64,
    /// Pairs at most one step apart (exact ones included).
    pub within_one: u64,
}

impl Pairs {
    /// The pairs of one unit's values.
    pub fn of(values: &[f64], step: f64) -> Pairs {
        let mut p = Pairs::default();
        for (i, &a) in values.iter().enumerate() {
            for &b in &values[i + 1..] {
                p.pairs += 1;
                p.exact += u64::from(a == b);
                // A small tolerance: half-steps add up in binary fractions without error, but
                // imported reference values may not.
                p.within_one += u64::from((a - b).abs() <= step * (1.0 + 1e-9));
            }
        }
        p
    }
}

impl std::ops::Add for Pairs {
    type Output = Pairs;

    fn add(self, other: Pairs) -> Pairs {
        Pairs {
            pairs: self.pairs + other.pairs,
            exact: self.exact + other.exact,
            within_one: self.within_one + other.within_one,
        }
    }
}

impl Pairs {
    /// The share of pairs that agree exactly; `None` without pairs.
    pub fn exact_share(&self) -> Option<f64> {
        (self.pairs > 0).then(|| self.exact as f64 / self.pairs as f64)
    }

    /// The share of pairs within one step; `None` without pairs.
    pub fn within_one_share(&self) -> Option<f64> {
        (self.pairs > 0).then(|| self.within_one as f64 / self.pairs as f64)
    }
}

/// How far apart a unit's values are, for ordering a consensus round: the mean absolute
/// difference over its pairs (0 when they agree; `None` with fewer than two values).
pub fn disagreement(values: &[f64]) -> Option<f64> {
    let mut sum = 0.0;
    let mut pairs = 0u64;
    for (i, &a) in values.iter().enumerate() {
        for &b in &values[i + 1..] {
            sum += (a - b).abs();
            pairs += 1;
        }
    }
    (pairs > 0).then(|| sum / pairs as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    /// observers, twelve units, values 1–5, with missing data. The paper's results: nominal
    /// α = 0.743, ordinal α = 0.815, interval α = 0.849, ratio α = 0.797 (three decimals).
    fn paper_c() -> Vec<Vec<f64>> {
        let none = f64::NAN;
        let observers: [[f64; 12]; 4] = [
            [1., 2., 3., 3., 2., 1., 4., 1., 2., none, none, none],
            [1., 2., 3., 3., 2., 2., 4., 1., 2., 5., none, 3.],
            [none, 3., 3., 3., 2., 3., 4., 2., 2., 5., 1., none],
            [1., 2., 3., 3., 2., 4., 4., 1., 2., 5., 1., none],
        ];
        (0..12)
            .map(|u| {
                observers
                    .iter()
                    .map(|o| o[u])
                    .filter(|v| !v.is_nan())
                    .collect()
            })
            .collect()
    }

    fn round3(x: f64) -> f64 {
        (x * 1000.0).round() / 1000.0
    }

    #[test]
    fn the_papers_example_with_missing_data() {
        let units = paper_c();
        assert_eq!(round3(alpha(&units, Metric::Nominal).unwrap()), 0.743);
        assert_eq!(round3(alpha(&units, Metric::Ordinal).unwrap()), 0.815);
        assert_eq!(round3(alpha(&units, Metric::Interval).unwrap()), 0.849);
        assert_eq!(round3(alpha(&units, Metric::Ratio).unwrap()), 0.797);
    }

    /// Krippendorff (2011), section A: two observers, ten units, binary values, no missing
    /// data: α = 0.095.
    #[test]
    fn the_papers_binary_example() {
        let a = [0., 1., 0., 0., 0., 0., 0., 0., 1., 0.];
        let b = [1., 1., 1., 0., 0., 1., 0., 0., 0., 0.];
        let units: Vec<Vec<f64>> = (0..10).map(|u| vec![a[u], b[u]]).collect();
        assert_eq!(round3(alpha(&units, Metric::Nominal).unwrap()), 0.095);
    }

    #[test]
    fn perfect_agreement_is_one_and_no_variation_is_undefined() {
        let units = vec![vec![1., 1.], vec![3., 3., 3.], vec![2.]];
        assert_eq!(alpha(&units, Metric::Ordinal), Some(1.0));
        assert_eq!(alpha(&[vec![2., 2.], vec![2., 2.]], Metric::Ordinal), None);
        assert_eq!(alpha(&[vec![2.], vec![3.]], Metric::Interval), None);
        assert_eq!(alpha(&[], Metric::Nominal), None);
    }

    #[test]
    fn shares_of_pairs() {
        let p = Pairs::of(&[2., 2., 3., 0.], 1.0);
        assert_eq!((p.pairs, p.exact, p.within_one), (6, 1, 3));
        assert_eq!(p.exact_share(), Some(1.0 / 6.0));
        assert_eq!(Pairs::of(&[4.], 1.0).exact_share(), None);
        assert_eq!(disagreement(&[0., 4.]), Some(4.0));
        assert_eq!(disagreement(&[1.]), None);
    }
}
