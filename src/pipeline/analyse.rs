//! Step 4: what the numbers say: bands, red flags, the weakest pillar, and warnings about how
//! far the result can be trusted (respondents who disagree, thin coverage, flat indicators).

use super::aggregate::NodeScore;
use super::respondents::IndicatorValue;
use crate::framework::{Framework, Kind};

#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// Stable code for translation: `disagreement`, `low_coverage`, `partial_coverage`,
    /// `constant_indicator`.
    pub code: &'static str,
    /// The node (indicator or group) index it concerns.
    pub node: usize,
    /// The same in plain English.
    pub message: String,
}

/// Indicators whose normalised score is 0, in framework order.
pub fn red_flags(fw: &Framework, nodes: &[NodeScore]) -> Vec<usize> {
    fw.indicators
        .iter()
        .copied()
        .filter(|&n| nodes[n].score == 0.0)
        .collect()
}

/// The root's child with the lowest score; the first in framework order on a tie.
pub fn weakest(fw: &Framework, nodes: &[NodeScore]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for &c in fw.pillars() {
        let s = nodes[c].score;
        if !s.is_nan() && best.is_none_or(|b| s < nodes[b].score) {
            best = Some(c);
        }
    }
    best
}

pub fn warnings(
    fw: &Framework,
    values: &[IndicatorValue],
    nodes: &[NodeScore],
    constant: &[usize],
    batch_size: usize,
) -> Vec<Warning> {
    let mut out = Vec::new();
    for (n, node) in fw.nodes.iter().enumerate() {
        match &node.kind {
            Kind::Indicator(ind) => {
                let v = &values[ind.index];
                if let (Some(scale), Some(spread)) = (&ind.scale, v.spread) {
                    if v.respondents > 1 && spread >= (scale.max - scale.min) / 2.0 {
                        out.push(Warning {
                            code: "disagreement",
                            node: n,
                            message: format!(
                                "{}: the {} respondents disagree (spread {spread} on a {}–{} scale)",
                                node.id, v.respondents, scale.min, scale.max
                            ),
                        });
                    }
                }
                if constant.contains(&ind.index) && v.value.is_some() {
                    out.push(Warning {
                        code: "constant_indicator",
                        node: n,
                        message: format!(
                            "{}: the same value in all {batch_size} scored assessments of the batch, so it cannot rank them; scored {}",
                            node.id,
                            super::normalise::CONSTANT_SCORE
                        ),
                    });
                }
            }
            Kind::Inner { min_coverage, .. } => {
                let s = nodes[n];
                if s.score.is_nan() {
                    out.push(Warning {
                        code: "low_coverage",
                        node: n,
                        message: format!(
                            "{}: no score, {:.0}% of its weight is scored and it needs {:.0}%",
                            node.id,
                            s.coverage * 100.0,
                            min_coverage * 100.0
                        ),
                    });
                } else if s.coverage < 1.0 {
                    out.push(Warning {
                        code: "partial_coverage",
                        node: n,
                        message: format!(
                            "{}: scored on {:.0}% of its weight; the unscored parts are left out and the rest reweighted",
                            node.id,
                            s.coverage * 100.0
                        ),
                    });
                }
            }
        }
    }
    out
}
