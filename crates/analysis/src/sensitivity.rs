//! Variance-based sensitivity: first-order and total Sobol indices of one output with respect
//! to groups of uncertain inputs, with bootstrap confidence intervals.
//!
//! The design is Saltelli's: two independent samples `A` and `B` of the inputs (each input a
//! coordinate uniform on [0, 1)), and for each group `g` the mix `A_B^g`, which is `A` with the
//! group's coordinates taken from `B`. From the `N` base rows, with `V` the variance of the
//! `2N` outputs `f(A)`, `f(B)` and `m` their mean:
//!
//! - first order (Saltelli et al. 2010): `S_g = (1/N) Σ (f(B) − m)·(f(A_B^g) − f(A)) / V`
//! - total (Jansen 1999): `S_Tg = (1/2N) Σ (f(A) − f(A_B^g))² / V`
//!
//! Estimates are not clipped to [0, 1]: with few draws a small index can come out slightly
//! negative. Confidence intervals resample the base rows with replacement (`bootstrap`
//! times) and take the type 7 percentiles of the replicates (see `quantiles`).

use super::quantiles::percentile;
use rand_core::Rng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// Confidence level of the bootstrap intervals.
pub const CI_LEVEL: f64 = 0.95;

/// Variances at or below this (in squared score points) count as none: the output does not
/// vary, and the indices are undefined.
const MIN_VARIANCE: f64 = 1e-12;

/// Coordinates of a mixed run: `a`, except those of group `g`, which come from `b`.
pub fn mix(a: &[f64], b: &[f64], group_of: &[usize], g: usize, out: &mut [f64]) {
    for (c, o) in out.iter_mut().enumerate() {
        *o = if group_of[c] == g { b[c] } else { a[c] };
    }
}

/// One output's values over a Saltelli design, by base row: `f(A)`, `f(B)` and `f(A_B^g)`
/// (row-major, `groups` a row). NaN marks a run without a score.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Runs {
    pub groups: usize,
    pub a: Vec<f64>,
    pub b: Vec<f64>,
    pub ab: Vec<f64>,
}

impl Runs {
    pub fn new(groups: usize, rows: usize) -> Runs {
        Runs {
            groups,
            a: Vec::with_capacity(rows),
            b: Vec::with_capacity(rows),
            ab: Vec::with_capacity(rows * groups),
        }
    }
}

/// One group's indices; `None` where undefined (the output does not vary, or too few runs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub first_order: Option<f64>,
    pub total: Option<f64>,
    /// `CI_LEVEL` intervals: (first order, total), each `[low, high]`.
    pub ci: Option<([f64; 2], [f64; 2])>,
}

/// Running sums over base rows of the centred terms `[f(A), f(B), d_1 … d_k]`,
/// `d_g = f(A_B^g) − f(A)`, from which the indices follow.
struct Sums {
    n: usize,
    sa: f64,
    sb: f64,
    saa: f64,
    sbb: f64,
    /// Σ f(B)·d_g, Σ d_g, Σ d_g².
    sbd: Vec<f64>,
    sd: Vec<f64>,
    sdd: Vec<f64>,
}

impl Sums {
    fn new(k: usize) -> Sums {
        Sums {
            n: 0,
            sa: 0.0,
            sb: 0.0,
            saa: 0.0,
            sbb: 0.0,
            sbd: vec![0.0; k],
            sd: vec![0.0; k],
            sdd: vec![0.0; k],
        }
    }

    fn clear(&mut self) {
        self.n = 0;
        (self.sa, self.sb, self.saa, self.sbb) = (0.0, 0.0, 0.0, 0.0);
        for v in [&mut self.sbd, &mut self.sd, &mut self.sdd] {
            v.iter_mut().for_each(|x| *x = 0.0);
        }
    }

    fn add(&mut self, row: &[f64]) {
        let (a, b) = (row[0], row[1]);
        self.n += 1;
        self.sa += a;
        self.sb += b;
        self.saa += a * a;
        self.sbb += b * b;
        for (g, &d) in row[2..].iter().enumerate() {
            self.sbd[g] += b * d;
            self.sd[g] += d;
            self.sdd[g] += d * d;
        }
    }

    /// (first order, total) of group `g`.
    fn indices(&self, g: usize) -> (Option<f64>, Option<f64>) {
        if self.n < 2 {
            return (None, None);
        }
        let n = self.n as f64;
        let mean = (self.sa + self.sb) / (2.0 * n);
        let var = (self.saa + self.sbb) / (2.0 * n) - mean * mean;
        if var.is_nan() || var <= MIN_VARIANCE {
            return (None, None);
        }
        let first = (self.sbd[g] - mean * self.sd[g]) / n / var;
        let total = self.sdd[g] / (2.0 * n) / var;
        (Some(first), Some(total))
    }
}

/// The indices of every group of `runs`, with `bootstrap` replicates for the intervals
/// (none when 0). Base rows where any run has no score are left out.
pub fn estimate(runs: &Runs, bootstrap: usize, rng: &mut Xoshiro256PlusPlus) -> Vec<Estimate> {
    let k = runs.groups;
    let width = k + 2;
    let used: Vec<usize> = (0..runs.a.len())
        .filter(|&j| {
            !runs.a[j].is_nan()
                && !runs.b[j].is_nan()
                && runs.ab[j * k..(j + 1) * k].iter().all(|y| !y.is_nan())
        })
        .collect();
    // Centring on the mean keeps the sums of squares well conditioned.
    let centre = if used.is_empty() {
        0.0
    } else {
        used.iter().map(|&j| runs.a[j] + runs.b[j]).sum::<f64>() / (2 * used.len()) as f64
    };
    let mut terms = Vec::with_capacity(used.len() * width);
    for &j in &used {
        let a = runs.a[j];
        terms.push(a - centre);
        terms.push(runs.b[j] - centre);
        terms.extend(runs.ab[j * k..(j + 1) * k].iter().map(|&y| y - a));
    }
    let rows = used.len();
    let mut sums = Sums::new(k);
    for row in terms.chunks_exact(width) {
        sums.add(row);
    }
    let point: Vec<(Option<f64>, Option<f64>)> = (0..k).map(|g| sums.indices(g)).collect();

    // Replicates, group-major: first order then total, for each group.
    let mut first = vec![Vec::with_capacity(bootstrap); k];
    let mut total = vec![Vec::with_capacity(bootstrap); k];
    if rows >= 2 {
        for _ in 0..bootstrap {
            sums.clear();
            for _ in 0..rows {
                let j = below(rng, rows);
                sums.add(&terms[j * width..(j + 1) * width]);
            }
            for g in 0..k {
                if let (Some(s), Some(t)) = sums.indices(g) {
                    first[g].push(s);
                    total[g].push(t);
                }
            }
        }
    }
    let lo = (1.0 - CI_LEVEL) / 2.0;
    let hi = 1.0 - lo;
    let interval =
        |v: &mut Vec<f64>| -> Option<[f64; 2]> { Some([percentile(v, lo)?, percentile(v, hi)?]) };
    point
        .into_iter()
        .enumerate()
        .map(|(g, (s, t))| Estimate {
            first_order: s,
            total: t,
            ci: match (interval(&mut first[g]), interval(&mut total[g])) {
                (Some(a), Some(b)) if s.is_some() => Some((a, b)),
                _ => None,
            },
        })
        .collect()
}

/// A uniform index below `n` ≤ 2³², by multiply-shift on the top 32 bits (the bias, below
/// n / 2³², is immaterial here). 64-bit arithmetic only, which wasm does natively.
pub fn below(rng: &mut Xoshiro256PlusPlus, n: usize) -> usize {
    debug_assert!(n as u64 <= 1 << 32);
    (((rng.next_u64() >> 32) * n as u64) >> 32) as usize
}

#[cfg(test)]
mod tests {
    use super::super::{streams, uniforms};
    use super::*;

    /// Saltelli design for `f` of `group_of.len()` uniform inputs, `n` base rows.
    fn design(n: usize, group_of: &[usize], groups: usize, f: impl Fn(&[f64]) -> f64) -> Runs {
        let d = group_of.len();
        let (mut ra, mut rb, _) = streams(7);
        let (mut a, mut b, mut m) = (vec![0.0; d], vec![0.0; d], vec![0.0; d]);
        let mut runs = Runs::new(groups, n);
        for _ in 0..n {
            uniforms(&mut ra, &mut a);
            uniforms(&mut rb, &mut b);
            runs.a.push(f(&a));
            runs.b.push(f(&b));
            for g in 0..groups {
                mix(&a, &b, group_of, g, &mut m);
                runs.ab.push(f(&m));
            }
        }
        runs
    }

    #[test]
    fn analytic_linear_model() {
        // f = x1 + 2·x2 + 3·x3, independent U(0, 1): V_i ∝ i², so S_i = S_Ti = i²/14.
        let runs = design(10_000, &[0, 1, 2], 3, |x| x[0] + 2.0 * x[1] + 3.0 * x[2]);
        let (_, _, mut boot) = streams(7);
        let est = estimate(&runs, 200, &mut boot);
        let expected = [1.0 / 14.0, 4.0 / 14.0, 9.0 / 14.0];
        for (e, want) in est.iter().zip(expected) {
            let (s, t) = (e.first_order.unwrap(), e.total.unwrap());
            assert!((s - want).abs() < 0.03, "first order {s} vs {want}");
            assert!((t - want).abs() < 0.02, "total {t} vs {want}");
            let (cs, ct) = e.ci.unwrap();
            assert!(
                cs[0] <= s && s <= cs[1] && ct[0] <= t && t <= ct[1],
                "{e:?}"
            );
            // A 95% interval misses the truth one time in twenty: ask only that it is about
            // a few hundredths wide at N = 10,000 and that
            // the truth lies within two of its half-widths.
            for (ci, width) in [(cs, 0.08), (ct, 0.05)] {
                let half = (ci[1] - ci[0]) / 2.0;
                assert!(half > 0.0 && ci[1] - ci[0] < width, "{ci:?}");
                assert!(
                    (want - (ci[0] + ci[1]) / 2.0).abs() < 2.0 * half,
                    "{ci:?} vs {want}"
                );
            }
        }
    }

    #[test]
    fn grouped_inputs_and_interactions() {
        // Groups {x1, x2} and {x3}; f = x1·x2 + x3. Var(x1·x2) = 1/9 − 1/16 = 7/144,
        // Var(x3) = 1/12 = 12/144; no interaction between the groups.
        let runs = design(10_000, &[0, 0, 1], 2, |x| x[0] * x[1] + x[2]);
        let (_, _, mut boot) = streams(3);
        let est = estimate(&runs, 0, &mut boot);
        let (s1, s2) = (7.0 / 19.0, 12.0 / 19.0);
        assert!((est[0].first_order.unwrap() - s1).abs() < 0.03, "{est:?}");
        assert!((est[0].total.unwrap() - s1).abs() < 0.02, "{est:?}");
        assert!((est[1].first_order.unwrap() - s2).abs() < 0.03, "{est:?}");
        assert!((est[1].total.unwrap() - s2).abs() < 0.02, "{est:?}");
        assert!(est[0].ci.is_none());
    }

    #[test]
    fn constant_output_has_no_indices() {
        let runs = design(100, &[0, 1], 2, |_| 42.0);
        let (_, _, mut boot) = streams(1);
        let est = estimate(&runs, 20, &mut boot);
        assert!(est
            .iter()
            .all(|e| e.first_order.is_none() && e.ci.is_none()));
    }
}
