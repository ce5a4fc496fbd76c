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
    /// The child (node index) whose score the group's mean cannot take (0 or less in a
    /// geometric or harmonic mean, see `Aggregation::takes`): the group has no score.
    pub refused: Option<usize>,
}

impl NodeScore {
    const NONE: NodeScore = NodeScore {
        score: f64::NAN,
        coverage: 0.0,
        applicable: true,
        refused: None,
    };
}

/// Combines (weight, score) pairs: every weight > 0, and every score one that `method` takes
/// (`Aggregation::takes`). Every method gives a value between the lowest and highest score,
/// up to rounding.
pub fn combine(method: Aggregation, items: &[(f64, f64)]) -> f64 {
    let total: f64 = items.iter().map(|(w, _)| w).sum();
    match method {
        Aggregation::Arithmetic => items.iter().map(|(w, s)| w * s).sum::<f64>() / total,
        // p = 0 (or −0) is the limit of the power mean: the geometric mean.
        Aggregation::Geometric | Aggregation::PowerMean { p: 0.0 } => geometric(items, total),
        Aggregation::Harmonic => total / items.iter().map(|(w, s)| w / s).sum::<f64>(),
        Aggregation::Minimum => minimum(items),
        Aggregation::MeanMin { alpha, beta } => {
            let mean = items.iter().map(|(w, s)| w * s).sum::<f64>() / total;
            let d = mean - minimum(items);
            mean - alpha * ((d * d + beta * beta).sqrt() - beta)
        }
        Aggregation::PowerMean { p } => power_mean(items, total, p),
    }
}

fn geometric(items: &[(f64, f64)], total: f64) -> f64 {
    libm::exp(items.iter().map(|(w, s)| w * libm::log(*s)).sum::<f64>() / total)
}

/// (Σ wᵢ·sᵢᵖ / Σ wᵢ)^(1/p), p ≠ 0, computed as m·(1 + Σ wᵢ·((sᵢ/m)ᵖ − 1)/Σ wᵢ)^(1/p) with m
/// the highest score (p > 0) or the lowest (p < 0): no power overflows, and p near 0 keeps
/// its precision (`expm1`, `log1p`).
fn power_mean(items: &[(f64, f64)], total: f64, p: f64) -> f64 {
    let m = if p > 0.0 {
        items.iter().map(|&(_, s)| s).fold(0.0, f64::max)
    } else {
        minimum(items)
    };
    if m == 0.0 {
        return 0.0;
    }
    let t = items
        .iter()
        .map(|&(w, s)| w * libm::expm1(p * libm::log(s / m)))
        .sum::<f64>()
        / total;
    m * libm::exp(libm::log1p(t) / p)
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
                    refused: None,
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
                    let method = params.aggregation[i];
                    let refused = if scratch.iter().all(|&(_, s)| method.takes(s)) {
                        None
                    } else {
                        children.iter().copied().find(|&c| {
                            let s = out[c].score;
                            out[c].applicable && !s.is_nan() && !method.takes(s)
                        })
                    };
                    let score = if scratch.is_empty()
                        || coverage + COVERAGE_EPSILON < *min_coverage
                        || refused.is_some()
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
                        // Rounding can step a hair outside the range (e.g. 100.00000000000001).
                        let (lo, hi) = fw.range(i);
                        combine(method, scratch).clamp(lo, hi)
                    };
                    NodeScore {
                        score,
                        coverage,
                        applicable: true,
                        refused,
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
        assert_eq!(combine(Aggregation::Arithmetic, &with_zero), 60.0);
    }

    #[test]
    fn power_means_span_the_other_means() {
        let items = [(1.0, 20.0), (2.0, 45.0), (1.0, 90.0)];
        let pm = |p| combine(Aggregation::PowerMean { p }, &items);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12 * b;
        assert!(close(pm(1.0), combine(Aggregation::Arithmetic, &items)));
        assert!(close(pm(-1.0), combine(Aggregation::Harmonic, &items)));
        assert_eq!(pm(0.0), combine(Aggregation::Geometric, &items));
        // Near 0 it tends to the geometric mean, without losing precision.
        assert!(close(pm(1e-12), combine(Aggregation::Geometric, &items)));
        // (Σ wᵢ·xᵢ² / Σ wᵢ)^(1/2), by hand: (400 + 2·2025 + 8100)/4 = 3137.5.
        assert!(close(pm(2.0), 3137.5f64.sqrt()));
        // Towards the maximum and the minimum, with no overflow.
        assert!((90.0 - pm(1e6)) < 1e-3 && pm(1e6) <= 90.0);
        assert!((pm(-1e6) - 20.0) < 1e-3 && pm(-1e6) >= 20.0);
        assert!(pm(1e300).is_finite() && pm(-1e300).is_finite());
        // COINr: a_genmean(c(0, 10), c(1, 1), p = 0.5) = 2.5.
        assert!(close(
            combine(
                Aggregation::PowerMean { p: 0.5 },
                &[(1.0, 0.0), (1.0, 10.0)]
            ),
            2.5
        ));
    }

    #[test]
    fn a_mean_that_cannot_take_a_part_scored_0_gives_no_score() {
        let text = r#"{"id": "t", "version": "1", "title": {"en": "T"}, "bands": [{"id": "all", "min": 0}],
            "root": {"id": "r", "title": {"en": "R"}, "aggregation": "geometric", "children": [
              {"id": "g", "title": {"en": "G"}, "aggregation": "harmonic", "children": [
                {"id": "a", "title": {"en": "A"}, "scale": {"min": 0, "max": 4}},
                {"id": "b", "title": {"en": "B"}, "scale": {"min": 0, "max": 4}}]},
              {"id": "c", "title": {"en": "C"}, "scale": {"min": 0, "max": 4}}]}}"#;
        let fw = Framework::from_value(&serde_json::from_str(text).unwrap()).unwrap();
        let (mut out, mut scratch) = (Vec::new(), Vec::new());
        // a = 0: the harmonic mean of g has no value, and says why; the root goes on without g.
        aggregate(
            &fw,
            &Params::of(&fw),
            &[0.0, 50.0, 25.0],
            &[],
            &mut out,
            &mut scratch,
        );
        let (r, g, a) = (0, fw.node("g").unwrap(), fw.node("a").unwrap());
        assert!(out[g].score.is_nan());
        assert_eq!((out[g].coverage, out[g].refused), (1.0, Some(a)));
        assert!((out[r].score - 25.0).abs() < 1e-12 && out[r].coverage == 0.5);
        // An unscored part is left out as before; a negative one is refused too.
        aggregate(
            &fw,
            &Params::of(&fw),
            &[f64::NAN, 50.0, 25.0],
            &[],
            &mut out,
            &mut scratch,
        );
        assert_eq!((out[g].score, out[g].refused), (50.0, None));
        let params = Params {
            aggregation: vec![Aggregation::PowerMean { p: 2.0 }; fw.nodes.len()],
            ..Params::of(&fw)
        };
        aggregate(
            &fw,
            &params,
            &[0.0, 50.0, -1.0],
            &[],
            &mut out,
            &mut scratch,
        );
        assert!(!out[g].score.is_nan());
        assert_eq!(out[r].refused, Some(fw.node("c").unwrap()));
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
