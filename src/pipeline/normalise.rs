//! Step 2: each indicator's values go onto 0–100, by fixed goalposts (`scale`) or across the
//! assessments of one batch (`minmax`, `rank`); risk-framed indicators are inverted.

use crate::framework::{Direction, Framework, Normalisation};

/// The score given to every assessment when a batch-relative indicator does not vary:
/// the middle, since the batch says nothing about who is ahead.
pub const CONSTANT_SCORE: f64 = 50.0;

enum Rescale<'a> {
    /// 100·(v − lo)/width.
    Linear {
        lo: f64,
        width: f64,
    },
    /// Percentile rank among `sorted`: the share of the other values strictly below.
    Rank {
        sorted: &'a [f64],
    },
    Constant,
}

impl Rescale<'_> {
    fn apply(&self, v: f64) -> f64 {
        match self {
            Rescale::Linear { lo, width } => 100.0 * (v - lo) / width,
            Rescale::Rank { sorted } => {
                let below = sorted.partition_point(|&x| x < v);
                100.0 * below as f64 / (sorted.len() - 1) as f64
            }
            Rescale::Constant => CONSTANT_SCORE,
        }
    }
}

/// Normalises a matrix of `values` (`rows` assessments × the framework's indicators, row-major,
/// NaN = not scored) into scores of the same shape. Also returns the indicators that were
/// constant across the batch under a batch-relative method.
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
        let rescale = match ind.normalisation {
            Normalisation::Scale => {
                let s = ind
                    .scale
                    .as_ref()
                    .expect("validated: scale normalisation has a scale");
                Rescale::Linear {
                    lo: s.min,
                    width: s.max - s.min,
                }
            }
            Normalisation::MinMax => {
                let (lo, hi) = column().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                    (lo.min(v), hi.max(v))
                });
                if hi > lo {
                    Rescale::Linear { lo, width: hi - lo }
                } else {
                    Rescale::Constant
                }
            }
            Normalisation::Rank => {
                sorted.clear();
                sorted.extend(column());
                sorted.sort_unstable_by(f64::total_cmp);
                match (sorted.first(), sorted.last()) {
                    (Some(lo), Some(hi)) if hi > lo => Rescale::Rank {
                        sorted: sorted.as_slice(),
                    },
                    _ => Rescale::Constant,
                }
            }
        };
        if matches!(rescale, Rescale::Constant) && column().next().is_some() {
            constant.push(j);
        }
        for r in 0..rows {
            let v = values[r * cols + j];
            if v.is_nan() {
                continue;
            }
            let s = rescale.apply(v).clamp(0.0, 100.0);
            scores[r * cols + j] = match ind.direction {
                Direction::HigherIsBetter => s,
                Direction::HigherIsWorse => 100.0 - s,
            };
        }
    }
}
