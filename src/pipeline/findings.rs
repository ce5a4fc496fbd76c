//! Step 4: what the numbers say: bands, red flags, the weakest pillar, and warnings about how
//! far the result can be trusted (respondents who disagree, thin coverage, flat indicators).

use super::aggregate::NodeScore;
use super::respondents::IndicatorValue;
use crate::framework::{Framework, Kind};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Warning {
    /// The node (indicator or group) index it concerns.
    pub node: usize,
    pub kind: WarningKind,
}

/// What a warning says, with its figures; the text is written only when results are output
/// (a batch of 100,000 would otherwise format millions of messages nobody reads).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WarningKind {
    /// Respondents' spread is at least half the scale's range.
    Disagreement {
        respondents: u32,
        spread: f64,
        min: f64,
        max: f64,
    },
    /// A batch-relative indicator with the same value throughout the batch.
    ConstantIndicator { batch: usize },
    /// A group without a score: too little of it scored.
    LowCoverage { coverage: f64, min_coverage: f64 },
    /// A group scored on part of its weight only.
    PartialCoverage { coverage: f64 },
}

impl Warning {
    /// Stable code for translation.
    pub fn code(&self) -> &'static str {
        match self.kind {
            WarningKind::Disagreement { .. } => "disagreement",
            WarningKind::ConstantIndicator { .. } => "constant_indicator",
            WarningKind::LowCoverage { .. } => "low_coverage",
            WarningKind::PartialCoverage { .. } => "partial_coverage",
        }
    }

    /// The warning in plain English.
    pub fn message(&self, fw: &Framework) -> String {
        let id = &fw.nodes[self.node].id;
        match self.kind {
            WarningKind::Disagreement { respondents, spread, min, max } => format!(
                "{id}: the {respondents} respondents disagree (spread {spread} on a {min}–{max} scale)"
            ),
            WarningKind::ConstantIndicator { batch } => format!(
                "{id}: the same value in every assessment of the batch ({batch}), so it cannot rank them; scored {}",
                super::normalise::CONSTANT_SCORE
            ),
            WarningKind::LowCoverage { coverage, min_coverage } => format!(
                "{id}: no score, {:.0}% of its weight is scored and it needs {:.0}%",
                coverage * 100.0,
                min_coverage * 100.0
            ),
            WarningKind::PartialCoverage { coverage } => format!(
                "{id}: scored on {:.0}% of its weight; the unscored parts are left out and the rest reweighted",
                coverage * 100.0
            ),
        }
    }
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
        let kind = match &node.kind {
            Kind::Indicator(ind) => {
                let v = &values[ind.index];
                if let (Some(scale), Some(spread)) = (&ind.scale, v.spread) {
                    if v.respondents > 1 && spread >= (scale.max - scale.min) / 2.0 {
                        out.push(Warning {
                            node: n,
                            kind: WarningKind::Disagreement {
                                respondents: v.respondents,
                                spread,
                                min: scale.min,
                                max: scale.max,
                            },
                        });
                    }
                }
                if v.value.is_some() && constant.contains(&ind.index) {
                    Some(WarningKind::ConstantIndicator { batch: batch_size })
                } else {
                    None
                }
            }
            Kind::Inner { min_coverage, .. } => {
                let s = nodes[n];
                if s.score.is_nan() {
                    Some(WarningKind::LowCoverage {
                        coverage: s.coverage,
                        min_coverage: *min_coverage,
                    })
                } else if s.coverage < 1.0 {
                    Some(WarningKind::PartialCoverage {
                        coverage: s.coverage,
                    })
                } else {
                    None
                }
            }
        };
        if let Some(kind) = kind {
            out.push(Warning { node: n, kind });
        }
    }
    out
}
