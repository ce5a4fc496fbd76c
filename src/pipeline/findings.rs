//! Step 4: what the numbers say: alarms on critical indicators and the band caps they set,
//! red flags, the weakest pillars, and warnings about how far the result can be trusted
//! (respondents who disagree, thin coverage, flat indicators, means that cannot take a 0).
//!
//! An average must not bury a critical signal: a critical indicator at the bottom of its
//! scale, or one respondent putting it there, is an alarm whatever the scores around it; an
//! alarm at the bottom caps the band of the groups above it (`cap_on_alarm`) while leaving
//! their scores as they are, so that scores stay reproducible and comparable.

use super::aggregate::NodeScore;
use super::respondents::IndicatorValue;
use crate::assessment::Assessment;
use crate::framework::{Framework, Kind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlarmKind {
    /// The combined value is the bottom of the scale.
    AtBottom,
    /// The combined value is higher, but at least one respondent put it at the bottom.
    RespondentAtBottom,
}

impl AlarmKind {
    pub fn code(self) -> &'static str {
        match self {
            AlarmKind::AtBottom => "at_bottom",
            AlarmKind::RespondentAtBottom => "respondent_at_bottom",
        }
    }
}

/// A critical indicator at, or reported at, the bottom of its scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alarm {
    /// Node index of the indicator.
    pub node: usize,
    pub kind: AlarmKind,
    pub respondents_at_bottom: u32,
    pub respondents: u32,
}

/// Alarms of one assessment, in framework order.
pub fn alarms(fw: &Framework, a: &Assessment, values: &[IndicatorValue]) -> Vec<Alarm> {
    let mut out = Vec::new();
    for (i, &node) in fw.indicators.iter().enumerate() {
        let Kind::Indicator(ind) = &fw.nodes[node].kind else {
            continue;
        };
        let (true, Some(bottom), Some(value)) = (ind.critical, ind.bottom(), values[i].value)
        else {
            continue;
        };
        let scores = a.scores(i);
        let at_bottom = scores.iter().filter(|&&x| x == bottom).count() as u32;
        let kind = if value == bottom {
            AlarmKind::AtBottom
        } else if at_bottom > 0 {
            AlarmKind::RespondentAtBottom
        } else {
            continue;
        };
        out.push(Alarm {
            node,
            kind,
            respondents_at_bottom: at_bottom,
            respondents: scores.len() as u32,
        });
    }
    out
}

/// A group whose band an alarm lowered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capped {
    pub node: usize,
    /// Band indices: the band shown, and the one the score alone gives.
    pub band: usize,
    pub uncapped: usize,
    /// The indicators at the bottom that set the cap, in framework order.
    pub by: Vec<usize>,
}

/// The groups whose `cap_on_alarm` band is below the band of their score, because an
/// `at_bottom` alarm lies in their subtree; in node order.
pub fn caps(fw: &Framework, nodes: &[NodeScore], alarms: &[Alarm]) -> Vec<Capped> {
    let mut out = Vec::new();
    if !alarms.iter().any(|a| a.kind == AlarmKind::AtBottom) {
        return out;
    }
    let under = |a: &Alarm, g: usize| {
        let mut up = fw.nodes[a.node].parent;
        while let Some(p) = up {
            if p == g {
                return true;
            }
            up = fw.nodes[p].parent;
        }
        false
    };
    for (g, node) in fw.nodes.iter().enumerate() {
        let Kind::Inner {
            cap_on_alarm: Some(cap),
            ..
        } = node.kind
        else {
            continue;
        };
        let Some(own) = fw.band_index(nodes[g].score).filter(|&own| own > cap) else {
            continue;
        };
        let by: Vec<usize> = alarms
            .iter()
            .filter(|a| a.kind == AlarmKind::AtBottom && under(a, g))
            .map(|a| a.node)
            .collect();
        if !by.is_empty() {
            out.push(Capped {
                node: g,
                band: cap,
                uncapped: own,
                by,
            });
        }
    }
    out
}

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
    /// A batch-relative indicator with the same value throughout the batch, and the score
    /// that gives (the middle of its range, or for `distance_to_target` its bottom or top).
    ConstantIndicator { batch: usize, score: f64 },
    /// A group without a score: too little of it scored.
    LowCoverage { coverage: f64, min_coverage: f64 },
    /// A group scored on part of its weight only.
    PartialCoverage { coverage: f64 },
    /// A group without a score: its mean cannot take a part's score of 0 or less (a
    /// geometric or harmonic mean over a part at 0).
    ZeroInMean { part: usize, score: f64 },
}

impl Warning {
    /// Stable code for translation.
    pub fn code(&self) -> &'static str {
        match self.kind {
            WarningKind::Disagreement { .. } => "disagreement",
            WarningKind::ConstantIndicator { .. } => "constant_indicator",
            WarningKind::LowCoverage { .. } => "low_coverage",
            WarningKind::PartialCoverage { .. } => "partial_coverage",
            WarningKind::ZeroInMean { .. } => "zero_in_mean",
        }
    }

    /// The warning in plain English.
    pub fn message(&self, fw: &Framework) -> String {
        let id = &fw.nodes[self.node].id;
        match self.kind {
            WarningKind::Disagreement { respondents, spread, min, max } => format!(
                "{id}: the {respondents} respondents disagree (spread {spread} on a {min}–{max} scale)"
            ),
            WarningKind::ConstantIndicator { batch, score } => format!(
                "{id}: the same value in every assessment of the batch ({batch}), so it cannot rank them; scored {score}"
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
            WarningKind::ZeroInMean { part, score } => {
                let method = match fw.nodes[self.node].kind {
                    Kind::Inner { aggregation, .. } => aggregation.describe(),
                    Kind::Indicator(_) => String::new(),
                };
                format!(
                    "{id}: no score, its {method} cannot take the score {score} of {}; \
                     give the indicators a \"normalised_range\" that starts above 0, e.g. [1, 100]",
                    fw.nodes[part].id
                )
            }
        }
    }
}

/// Indicators scored at the bottom of their normalised range (0 unless the framework gives
/// another range; never for `zscore`, which has no bottom), in framework order.
pub fn red_flags(fw: &Framework, nodes: &[NodeScore]) -> Vec<usize> {
    fw.indicators
        .iter()
        .copied()
        .filter(|&n| nodes[n].score == fw.range(n).0)
        .collect()
}

/// The root's children that share the lowest score, in framework order; none when every
/// child with a score has the same one (nothing is weakest then), or none has one.
pub fn weakest(fw: &Framework, nodes: &[NodeScore]) -> Vec<usize> {
    let scored = || {
        fw.pillars()
            .iter()
            .copied()
            .filter(|&c| !nodes[c].score.is_nan())
    };
    let lowest = scored()
        .map(|c| nodes[c].score)
        .fold(f64::INFINITY, f64::min);
    let highest = scored()
        .map(|c| nodes[c].score)
        .fold(f64::NEG_INFINITY, f64::max);
    if lowest >= highest {
        return Vec::new();
    }
    scored().filter(|&c| nodes[c].score == lowest).collect()
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
                    Some(WarningKind::ConstantIndicator {
                        batch: batch_size,
                        score: nodes[n].score,
                    })
                } else {
                    None
                }
            }
            Kind::Inner { min_coverage, .. } => {
                let s = nodes[n];
                if !s.applicable {
                    None
                } else if let Some(part) = s.refused {
                    Some(WarningKind::ZeroInMean {
                        part,
                        score: nodes[part].score,
                    })
                } else if s.score.is_nan() {
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
