//! Step 2: each indicator's values become scores on its normalised range (0–100 unless the
//! framework gives another), by fixed goalposts (`scale`) or across the assessments of one
//! batch (`minmax`, `rank`, `distance_to_best`, `distance_to_target`), or as z-scores over the
//! batch (`zscore`, unbounded). Risk-framed indicators (`higher_is_worse`) count as their
//! negation, as in COINr: the lowest value is the best. The formulas: docs/methods.md.

use crate::framework::{Direction, Framework, Indicator, Normalisation};

/// How one indicator's values become scores, worked out from the batch where the method is
/// batch-relative. `lo`/`hi` below are the indicator's normalised range.
enum Rescale<'a> {
    /// lo + (hi − lo)·(v − min)/width, reflected in the range for `higher_is_worse`
    /// (`scale`, `minmax`).
    Linear { min: f64, width: f64, worse: bool },
    /// lo + (hi − lo)·(1 − |best − v|/width) (`distance_to_best`).
    ToBest { best: f64, width: f64 },
    /// lo + (hi − lo)·min(1, (v − worst)/(target − worst)), with the differences taken
    /// towards the better end (`toward` is +1 or −1); the top for every value when the target
    /// is no better than the batch's worst (`distance_to_target`).
    ToTarget {
        worst: f64,
        target: f64,
        toward: f64,
    },
    /// lo + (hi − lo)·(the number of other values strictly worse)/(n − 1), so that tied
    /// values share the lower rank (`rank`).
    Rank { sorted: &'a [f64], worse: bool },
    /// ±(v − mean)/sd·to_sd + to_mean, negated for `higher_is_worse` (`zscore`).
    ZScore {
        mean: f64,
        sd: f64,
        to_mean: f64,
        to_sd: f64,
        worse: bool,
    },
    /// The batch does not vary: the indicator's middle.
    Constant(f64),
}

impl Rescale<'_> {
    fn apply(&self, v: f64, (lo, hi): (f64, f64)) -> f64 {
        match *self {
            Rescale::Linear { min, width, worse } => {
                let s = (lo + (hi - lo) * (v - min) / width).clamp(lo, hi);
                if worse {
                    lo + hi - s
                } else {
                    s
                }
            }
            Rescale::ToBest { best, width } => {
                (lo + (hi - lo) * (1.0 - (best - v).abs() / width)).clamp(lo, hi)
            }
            Rescale::ToTarget {
                worst,
                target,
                toward,
            } => {
                let gap = (target - worst) * toward;
                let share = if gap > 0.0 {
                    ((v - worst) * toward / gap).min(1.0)
                } else {
                    1.0
                };
                (lo + (hi - lo) * share).clamp(lo, hi)
            }
            Rescale::Rank { sorted, worse } => {
                let below = if worse {
                    sorted.len() - sorted.partition_point(|&x| x <= v)
                } else {
                    sorted.partition_point(|&x| x < v)
                };
                (lo + (hi - lo) * below as f64 / (sorted.len() - 1) as f64).clamp(lo, hi)
            }
            Rescale::ZScore {
                mean,
                sd,
                to_mean,
                to_sd,
                worse,
            } => {
                let z = (v - mean) / sd;
                let z = if worse { -z } else { z };
                z * to_sd + to_mean
            }
            Rescale::Constant(s) => s,
        }
    }
}

/// Normalises a matrix of `values` (`rows` assessments × the framework's indicators, row-major,
/// NaN = not scored) into scores of the same shape. Also returns the indicators that were
/// constant across the batch under a batch-relative method (all but `scale`).
pub fn normalise(fw: &Framework, values: &[f64], rows: usize) -> (Vec<f64>, Vec<usize>) {
    let (mut scores, mut constant) = (Vec::new(), Vec::new());
    normalise_into(
        fw,
        values,
        rows,
        &mut scores,
        &mut constant,
        &mut Vec::new(),
    );
    (scores, constant)
}

/// `normalise` into caller-owned buffers (cleared first), for loops that normalise many
/// matrices (the uncertainty analysis): no allocation once the buffers have grown.
pub fn normalise_into(
    fw: &Framework,
    values: &[f64],
    rows: usize,
    scores: &mut Vec<f64>,
    constant: &mut Vec<usize>,
    sorted: &mut Vec<f64>,
) {
    let cols = fw.indicators.len();
    debug_assert_eq!(values.len(), rows * cols);
    scores.clear();
    scores.resize(values.len(), f64::NAN);
    constant.clear();
    for j in 0..cols {
        let (_, ind) = fw.indicator(j);
        let column = || {
            (0..rows)
                .map(|r| values[r * cols + j])
                .filter(|v| !v.is_nan())
        };
        let batch_relative = ind.normalisation != Normalisation::Scale;
        let (min, max) = if batch_relative {
            column().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            })
        } else {
            (f64::NAN, f64::NAN)
        };
        sorted.clear();
        if matches!(
            ind.normalisation,
            Normalisation::Rank | Normalisation::ZScore { .. }
        ) {
            // Ascending, so that ranks can be counted and sums do not depend on the order
            // of the assessments.
            sorted.extend(column());
            crate::sort::floats(sorted);
        }
        // Values, all the same, under a batch-relative method.
        if batch_relative && min == max {
            constant.push(j);
        }
        let rescale = rescale(ind, (min, max), sorted);
        for r in 0..rows {
            let v = values[r * cols + j];
            if !v.is_nan() {
                scores[r * cols + j] = rescale.apply(v, ind.normalised_range);
            }
        }
    }
}

/// How `ind`'s values become scores, given the batch's lowest and highest value (NaN under
/// `scale`, which does not look at the batch) and, for `rank` and `zscore`, all its values in
/// ascending order.
fn rescale<'a>(ind: &Indicator, (min, max): (f64, f64), sorted: &'a [f64]) -> Rescale<'a> {
    let worse = ind.direction == Direction::HigherIsWorse;
    match ind.normalisation {
        Normalisation::Scale => {
            let s = ind
                .scale
                .as_ref()
                .expect("validated: scale normalisation has a scale");
            Rescale::Linear {
                min: s.min,
                width: s.max - s.min,
                worse,
            }
        }
        // Measured from the batch's worst value, as COINr does, even when every value is the
        // worst: the middle would put a batch that does not vary above one that does.
        Normalisation::DistanceToTarget { target } => Rescale::ToTarget {
            worst: if worse { max } else { min },
            target,
            toward: if worse { -1.0 } else { 1.0 },
        },
        // Nothing to tell the assessments apart (or no values at all).
        _ if max <= min => Rescale::Constant(ind.middle()),
        Normalisation::MinMax => Rescale::Linear {
            min,
            width: max - min,
            worse,
        },
        Normalisation::Rank => Rescale::Rank { sorted, worse },
        Normalisation::DistanceToBest => Rescale::ToBest {
            best: if worse { min } else { max },
            width: max - min,
        },
        Normalisation::ZScore { mean, sd } => {
            let (m, s) = mean_and_sd(sorted);
            if s > 0.0 {
                Rescale::ZScore {
                    mean: m,
                    sd: s,
                    to_mean: mean,
                    to_sd: sd,
                    worse,
                }
            } else {
                Rescale::Constant(ind.middle())
            }
        }
    }
}

/// The mean and the sample standard deviation (n − 1 denominator, as R's `sd`), in two passes;
/// `sorted` has at least one value.
fn mean_and_sd(sorted: &[f64]) -> (f64, f64) {
    let n = sorted.len() as f64;
    let mean = sorted.iter().sum::<f64>() / n;
    let squares: f64 = sorted.iter().map(|x| (x - mean) * (x - mean)).sum();
    (mean, (squares / (n - 1.0)).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Value;

    /// A framework of one indicator with these fields (besides id and title).
    fn one(fields: &str) -> Framework {
        let text = format!(
            r#"{{"id": "t", "version": "1", "title": {{"en": "T"}}, "bands": [{{"id": "all", "min": 0}}],
                "root": {{"id": "r", "title": {{"en": "R"}}, "children": [
                  {{"id": "x", "title": {{"en": "X"}}, {fields}}}]}}}}"#
        );
        let v: Value = serde_json::from_str(&text).unwrap();
        Framework::from_value(&v).unwrap()
    }

    fn scores(fields: &str, values: &[f64]) -> Vec<f64> {
        normalise(&one(fields), values, values.len()).0
    }

    #[test]
    fn rank_negates_first_so_ties_share_the_lower_rank() {
        // COINr's probe: 10, 20, 20, 30 with direction −1 gives 1, 1/3, 1/3, 0.
        let s = scores(
            r#""normalisation": "rank", "direction": "higher_is_worse", "normalised_range": [0, 1]"#,
            &[10.0, 20.0, 20.0, 30.0],
        );
        assert_eq!(s, [1.0, 1.0 / 3.0, 1.0 / 3.0, 0.0]);
        let s = scores(r#""normalisation": "rank""#, &[10.0, 20.0, 20.0, 30.0]);
        assert_eq!(s, [0.0, 100.0 / 3.0, 100.0 / 3.0, 100.0]);
    }

    #[test]
    fn minmax_and_scale_map_onto_the_range() {
        let s = scores(
            r#""normalisation": "minmax", "normalised_range": [1, 100]"#,
            &[2.0, 4.0, 6.0],
        );
        assert_eq!(s, [1.0, 50.5, 100.0]);
        let s = scores(
            r#""scale": {"min": 0, "max": 4}, "direction": "higher_is_worse", "normalised_range": [1, 5]"#,
            &[0.0, 1.0, 4.0],
        );
        assert_eq!(s, [5.0, 4.0, 1.0]);
    }

    #[test]
    fn zscore_uses_the_sample_sd_and_the_stated_mean_and_sd() {
        // mean 4, sample sd 2.
        let s = scores(
            r#""normalisation": "zscore", "zscore": {"mean": 10, "sd": 2}"#,
            &[2.0, 4.0, 6.0],
        );
        assert_eq!(s, [8.0, 10.0, 12.0]);
        let s = scores(
            r#""normalisation": "zscore", "direction": "higher_is_worse""#,
            &[2.0, 4.0, 6.0],
        );
        assert_eq!(s, [1.0, 0.0, -1.0]);
        // One value, or all the same: the stated mean, and a constant_indicator warning.
        let (s, constant) = normalise(
            &one(r#""normalisation": "zscore", "zscore": {"mean": 7}"#),
            &[3.0, 3.0],
            2,
        );
        assert_eq!((s, constant), (vec![7.0, 7.0], vec![0]));
    }

    #[test]
    fn distance_to_best_is_minmax_under_coinr_s_formula() {
        let s = scores(r#""normalisation": "distance_to_best""#, &[2.0, 4.0, 6.0]);
        assert_eq!(s, [0.0, 50.0, 100.0]);
        let s = scores(
            r#""normalisation": "distance_to_best", "direction": "higher_is_worse", "normalised_range": [0, 1]"#,
            &[2.0, 4.0, 6.0],
        );
        assert_eq!(s, [1.0, 0.5, 0.0]);
    }

    #[test]
    fn distance_to_target_caps_at_the_target() {
        // From the batch's worst (2) to the target (4); 6 is past it.
        let s = scores(
            r#""normalisation": "distance_to_target", "target": 4"#,
            &[2.0, 3.0, 6.0],
        );
        assert_eq!(s, [0.0, 50.0, 100.0]);
        let s = scores(
            r#""normalisation": "distance_to_target", "target": 3, "direction": "higher_is_worse", "normalised_range": [1, 100]"#,
            &[2.0, 5.0, 7.0],
        );
        assert_eq!(s, [100.0, 1.0 + 99.0 * 0.5, 1.0]);
        // A target no better than the worst value: everyone has reached it.
        let s = scores(
            r#""normalisation": "distance_to_target", "target": 1"#,
            &[2.0, 3.0],
        );
        assert_eq!(s, [100.0, 100.0]);
        // A batch that does not vary is all at its worst, short of the target (as in COINr),
        // or all past it; either way a constant_indicator warning.
        let fw = one(r#""normalisation": "distance_to_target", "target": 3"#);
        assert_eq!(normalise(&fw, &[2.0, 2.0], 2), (vec![0.0, 0.0], vec![0]));
        assert_eq!(
            normalise(&fw, &[4.0, 4.0], 2),
            (vec![100.0, 100.0], vec![0])
        );
    }

    #[test]
    fn a_batch_that_does_not_vary_gets_the_middle_of_the_range() {
        let (s, constant) = normalise(
            &one(r#""normalisation": "minmax", "normalised_range": [1, 100]"#),
            &[3.0, f64::NAN, 3.0],
            3,
        );
        assert_eq!(s[0], 50.5);
        assert!(s[1].is_nan());
        assert_eq!(constant, [0]);
    }
}
