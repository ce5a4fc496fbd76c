//! Step 3: indicator scores roll up the tree. Each inner node combines the children that have
//! a score, their weights rescaled over them, unless too few are scored (`min_coverage`).

use crate::framework::{Aggregation, Framework, Kind};

/// What aggregation may vary from the framework's own choices (the uncertainty analysis
/// perturbs these); `Params::of` gives the framework's.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Relative weight of each node, by node index.
    pub weights: Vec<f64>,
    /// Aggregation of each inner node, by node index (ignored for indicators).
    pub aggregation: Vec<Aggregation>,
    /// Fill a missing child with the lowest score among its scored siblings instead of leaving
    /// it out (the uncertainty analysis's pessimistic reading of a missing answer).
    pub impute_lowest: bool,
}

impl Params {
    pub fn of(fw: &Framework) -> Params {
        Params {
            weights: fw.nodes.iter().map(|n| n.weight).collect(),
            aggregation: fw
                .nodes
                .iter()
                .map(|n| match n.kind {
                    Kind::Inner { aggregation, .. } => aggregation,
                    Kind::Indicator(_) => Aggregation::Arithmetic,
                })
                .collect(),
            impute_lowest: false,
        }
    }
}

/// One node's aggregate. `score` is NaN where the node has none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeScore {
    pub score: f64,
    /// Share of the children's weight that had a score (1 for a scored indicator), counting
    /// only the children that apply.
    pub coverage: f64,
    /// False for an indicator answered "not applicable", and for a group all of whose parts
    /// are: it counts in no coverage, as if the framework did not have it.
    pub applicable: bool,
}

impl NodeScore {
    const NONE: NodeScore = NodeScore {
        score: f64::NAN,
        coverage: 0.0,
        applicable: true,
    };
}

/// Combines (weight, score) pairs; every score is in 0–100 and every weight > 0.
pub fn combine(method: Aggregation, items: &[(f64, f64)]) -> f64 {
    let total: f64 = items.iter().map(|(w, _)| w).sum();
    let any_zero = items.iter().any(|&(_, s)| s == 0.0);
    let v = match method {
        Aggregation::Arithmetic => items.iter().map(|(w, s)| w * s).sum::<f64>() / total,
        Aggregation::Geometric if any_zero => 0.0,
        Aggregation::Geometric => {
            libm::exp(items.iter().map(|(w, s)| w * libm::log(*s)).sum::<f64>() / total)
        }
        Aggregation::Harmonic if any_zero => 0.0,
        Aggregation::Harmonic => total / items.iter().map(|(w, s)| w / s).sum::<f64>(),
        Aggregation::Minimum => minimum(items),
        Aggregation::MeanMin { alpha, beta } => {
            let mean = items.iter().map(|(w, s)| w * s).sum::<f64>() / total;
            let d = mean - minimum(items);
            mean - alpha * ((d * d + beta * beta).sqrt() - beta)
        }
    };
    // Rounding can step a hair outside the range (e.g. 100.00000000000001).
    v.clamp(0.0, 100.0)
}

fn minimum(items: &[(f64, f64)]) -> f64 {
    items.iter().map(|&(_, s)| s).fold(f64::INFINITY, f64::min)
}

/// Tolerance for comparing coverage with `min_coverage` (sums of weights are inexact).
const COVERAGE_EPSILON: f64 = 1e-9;

/// Aggregates one assessment: `indicator_scores` by indicator index (NaN = not scored) into
/// `out`, one `NodeScore` by node index. `not_applicable` lists the indicators (by index,
/// ascending) answered "not applicable".
pub fn aggregate(
    fw: &Framework,
    params: &Params,
    indicator_scores: &[f64],
    not_applicable: &[usize],
    out: &mut Vec<NodeScore>,
    scratch: &mut Vec<(f64, f64)>,
) {
    out.clear();
    out.resize(fw.nodes.len(), NodeScore::NONE);
    // Pre-order puts children after parents, so walking backwards sees children first.
    for (i, node) in fw.nodes.iter().enumerate().rev() {
        out[i] = match &node.kind {
            Kind::Indicator(ind) => {
                let s = indicator_scores[ind.index];
                NodeScore {
                    score: s,
                    coverage: if s.is_nan() { 0.0 } else { 1.0 },
                    applicable: not_applicable.binary_search(&ind.index).is_err(),
                }
            }
            Kind::Inner {
                min_coverage,
                children,
                ..
            } => {
                scratch.clear();
                let mut all = 0.0;
                for &c in children.iter().filter(|&&c| out[c].applicable) {
                    all += params.weights[c];
                    if !out[c].score.is_nan() {
                        scratch.push((params.weights[c], out[c].score));
                    }
                }
                if all == 0.0 {
                    NodeScore {
                        applicable: false,
                        ..NodeScore::NONE
                    }
                } else {
                    // A fold from +0.0: an empty f64 `sum()` is -0.0.
                    let scored = scratch.iter().fold(0.0, |acc, (w, _)| acc + w);
                    let coverage = scored / all;
                    let score = if scratch.is_empty() || coverage + COVERAGE_EPSILON < *min_coverage
                    {
                        f64::NAN
                    } else {
                        if params.impute_lowest && scored < all {
                            let lowest = minimum(scratch);
                            for &c in children {
                                if out[c].applicable && out[c].score.is_nan() {
                                    scratch.push((params.weights[c], lowest));
                                }
                            }
                        }
                        combine(params.aggregation[i], scratch)
                    };
                    NodeScore {
                        score,
                        coverage,
                        applicable: true,
                    }
                }
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods() {
        let items = [(1.0, 25.0), (1.0, 100.0)];
        assert_eq!(combine(Aggregation::Arithmetic, &items), 62.5);
        assert!((combine(Aggregation::Geometric, &items) - 50.0).abs() < 1e-12);
        assert_eq!(combine(Aggregation::Harmonic, &items), 40.0);
        assert_eq!(combine(Aggregation::Minimum, &items), 25.0);
        let with_zero = [(1.0, 0.0), (3.0, 80.0)];
        assert_eq!(combine(Aggregation::Geometric, &with_zero), 0.0);
        assert_eq!(combine(Aggregation::Harmonic, &with_zero), 0.0);
        assert_eq!(combine(Aggregation::Arithmetic, &with_zero), 60.0);
    }

    #[test]
    fn mean_min_spans_the_mean_and_the_minimum() {
        let items = [(1.0, 20.0), (1.0, 60.0), (2.0, 80.0)];
        let mm = |alpha, beta| combine(Aggregation::MeanMin { alpha, beta }, &items);
        assert_eq!(mm(0.0, 0.0), combine(Aggregation::Arithmetic, &items));
        assert_eq!(mm(1.0, 0.0), 20.0);
        // M = 60, m = 20: M − α(√(40² + β²) − β); α = 0.5, β = 30 gives 60 − 0.5·(50 − 30).
        assert_eq!(mm(0.5, 30.0), 50.0);
        assert_eq!(mm(0.5, 0.0), 40.0);
    }
}
