//! Step 4: what the numbers say: alarms on critical indicators and the band caps they set,
//! red flags, the weakest pillars, and warnings about how far the result can be trusted
//! (respondents who disagree, thin coverage, flat indicators, means that cannot take a 0).
//! Beside the score: the early-warning alert (signs or triggers present while the structure is
//! weak), the low-confidence scores that drive a pillar, and which risk factors of the UN
//! Framework of Analysis the scored indicators inform.
//!
//! An average must not bury a critical signal: a critical indicator at the bottom of its
//! scale, or one respondent putting it there, is an alarm whatever the scores around it; an
//! alarm at the bottom caps the band of the groups above it (`cap_on_alarm`) while leaving
//! their scores as they are, so that scores stay reproducible and comparable.

use super::aggregate::NodeScore;
use super::respondents::IndicatorValue;
use crate::assessment::Assessment;
use crate::digits::{num, Num, Whole};
use crate::framework::{Framework, Kind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlarmKind {
    /// The combined value is the bottom of the scale.
    AtBottom,
    /// The combined value is higher, but at least one respondent put it at the bottom.
    RespondentAtBottom,
    /// Groups scored apart differ by two anchor steps or more: the average can hide the group
    /// that is targeted. `worst` and `best` index the assessment's groups.
    GroupGap { worst: u32, best: u32 },
}

impl AlarmKind {
    pub fn code(self) -> &'static str {
        match self {
            AlarmKind::AtBottom => "at_bottom",
            AlarmKind::RespondentAtBottom => "respondent_at_bottom",
            AlarmKind::GroupGap { .. } => "group_gap",
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

/// The anchor step of an indicator's scale: the smallest gap between its anchors (1 on the
/// default's 0–4); a scale without anchors counts a quarter of its range as a step.
pub fn anchor_step(ind: &crate::framework::Indicator) -> Option<f64> {
    let scale = ind.scale.as_ref()?;
    let gap = scale
        .anchors
        .windows(2)
        .map(|w| (w[1].value - w[0].value).abs())
        .filter(|g| *g > 0.0)
        .fold(f64::INFINITY, f64::min);
    Some(if gap.is_finite() {
        gap
    } else {
        (scale.max - scale.min) / 4.0
    })
}

/// Critical indicators on which the assessment's groups differ by two anchor steps or more
/// (their combined values), in framework order. `groups` are the groups' results.
pub fn group_gaps(fw: &Framework, groups: &[super::Scored]) -> Vec<Alarm> {
    let mut out = Vec::new();
    if groups.len() < 2 {
        return out;
    }
    for (i, &node) in fw.indicators.iter().enumerate() {
        let Kind::Indicator(ind) = &fw.nodes[node].kind else {
            continue;
        };
        let Some(step) = anchor_step(ind).filter(|_| ind.critical) else {
            continue;
        };
        let mut worst: Option<(usize, f64)> = None;
        let mut best: Option<(usize, f64)> = None;
        let mut scored = 0;
        for (g, sc) in groups.iter().enumerate() {
            let Some(v) = sc.values[i].value else {
                continue;
            };
            scored += 1;
            if worst.is_none_or(|(_, w)| v < w) {
                worst = Some((g, v));
            }
            if best.is_none_or(|(_, b)| v > b) {
                best = Some((g, v));
            }
        }
        if let (Some((w, lo)), Some((b, hi))) = (worst, best) {
            // A small tolerance: half-steps add up exactly, imported values may not.
            if hi - lo >= 2.0 * step * (1.0 - 1e-9) {
                out.push(Alarm {
                    node,
                    kind: AlarmKind::GroupGap {
                        worst: w as u32,
                        best: b as u32,
                    },
                    respondents_at_bottom: 0,
                    respondents: scored,
                });
            }
        }
    }
    out
}

/// Per pillar (the root's children), the best- and worst-off groups and the gap between their
/// scores (0–100), where two or more groups have a score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    pub node: usize,
    pub best: usize,
    pub worst: usize,
    pub gap: f64,
}

pub fn pillar_gaps(fw: &Framework, groups: &[super::Scored]) -> Vec<Gap> {
    let mut out = Vec::new();
    if groups.len() < 2 {
        return out;
    }
    for &p in fw.pillars() {
        let scores: Vec<(usize, f64)> = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| !g.nodes[p].score.is_nan())
            .map(|(k, g)| (k, g.nodes[p].score))
            .collect();
        if scores.len() < 2 {
            continue;
        }
        // First of equals, so ties name the earlier group.
        let best = scores
            .iter()
            .fold(scores[0], |a, &b| if b.1 > a.1 { b } else { a });
        let worst = scores
            .iter()
            .fold(scores[0], |a, &b| if b.1 < a.1 { b } else { a });
        out.push(Gap {
            node: p,
            best: best.0,
            worst: worst.0,
            gap: best.1 - worst.1,
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
            WarningKind::Disagreement {
                respondents,
                spread,
                min,
                max,
            } => cat!(
                id,
                ": the ",
                Whole(respondents as usize),
                " respondents disagree (spread ",
                num(spread),
                " on a ",
                num(min),
                "–",
                num(max),
                " scale)"
            ),
            WarningKind::ConstantIndicator { batch, score } => cat!(
                id,
                ": the same value in every assessment of the batch (",
                Whole(batch),
                "), so it cannot rank them; scored ",
                num(score)
            ),
            WarningKind::LowCoverage {
                coverage,
                min_coverage,
            } => cat!(
                id,
                ": no score, ",
                Num(coverage * 100.0, Some(0)),
                "% of its weight is scored and it needs ",
                Num(min_coverage * 100.0, Some(0)),
                "%"
            ),
            WarningKind::PartialCoverage { coverage } => cat!(
                id,
                ": scored on ",
                Num(coverage * 100.0, Some(0)),
                "% of its weight; the unscored parts are left out and the rest reweighted"
            ),
            WarningKind::ZeroInMean { part, score } => {
                let method = match fw.nodes[self.node].kind {
                    Kind::Inner { aggregation, .. } => aggregation.describe(),
                    Kind::Indicator(_) => String::new(),
                };
                cat!(
                    id,
                    ": no score, its ",
                    method,
                    " cannot take the score ",
                    num(score),
                    " of ",
                    fw.nodes[part].id,
                    "; \
                     give the indicators a \"normalised_range\" that starts above 0, e.g. [1, 100]"
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

/// Why an early-warning alert is raised, beside the signs present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertReason {
    /// A critical indicator at, or reported at, the bottom of its scale (node index, kind).
    Alarm { node: usize, kind: AlarmKind },
    /// A pillar (a child of the root) in an alert band (`Framework::is_alert_band`), the band
    /// shown (after any cap).
    Band { node: usize, band: usize },
    /// A pillar that applies but has no score: nothing shows it is not weak.
    Unscored { node: usize },
}

impl AlertReason {
    pub fn code(&self) -> &'static str {
        match self {
            AlertReason::Alarm { .. } => "alarm",
            AlertReason::Band { .. } => "band",
            AlertReason::Unscored { .. } => "unscored",
        }
    }

    pub fn node(&self) -> usize {
        match *self {
            AlertReason::Alarm { node, .. }
            | AlertReason::Band { node, .. }
            | AlertReason::Unscored { node } => node,
        }
    }
}

/// The early-warning alert: signs or triggers present while the structure is weak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlyWarning {
    /// The warning signs and triggers answered "present" (indices into `Framework::context`),
    /// in framework order. "unknown" is never read as present.
    pub signs: Vec<usize>,
    /// Every alarm, then every pillar in an alert band or without a score, in framework order.
    pub reasons: Vec<AlertReason>,
}

/// The alert, when at least one sign or trigger is present AND there is an alarm, or a pillar
/// is in an alert band (critical or weak in the default), or a pillar that applies has no
/// score; `None` otherwise. An alert never lowers a score or a band: it heads the results.
pub fn early_warning(
    fw: &Framework,
    a: &Assessment,
    nodes: &[NodeScore],
    alarms: &[Alarm],
    capped: &[Capped],
) -> Option<EarlyWarning> {
    use crate::assessment::Status;
    let signs: Vec<usize> = a
        .context
        .iter()
        .filter(|c| c.status == Status::Present)
        .map(|c| c.item)
        .collect();
    if signs.is_empty() {
        return None;
    }
    let mut reasons: Vec<AlertReason> = alarms
        .iter()
        .map(|al| AlertReason::Alarm {
            node: al.node,
            kind: al.kind,
        })
        .collect();
    for &p in fw.pillars() {
        if !matches!(fw.nodes[p].kind, Kind::Inner { .. }) || !nodes[p].applicable {
            continue;
        }
        if nodes[p].score.is_nan() {
            reasons.push(AlertReason::Unscored { node: p });
            continue;
        }
        let band = match capped.iter().find(|c| c.node == p) {
            Some(c) => Some(c.band),
            None => fw.band_index(nodes[p].score),
        };
        if let Some(band) = band.filter(|&b| fw.is_alert_band(b)) {
            reasons.push(AlertReason::Band { node: p, band });
        }
    }
    (!reasons.is_empty()).then_some(EarlyWarning { signs, reasons })
}

/// A low-confidence score that drives its pillar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Driver {
    /// Node index of the indicator.
    pub node: usize,
    /// Node index of the pillar (the root's child above it).
    pub pillar: usize,
}

/// The low-confidence scores that drive a pillar, in framework order. An indicator drives its
/// pillar when it takes the most off it: its weight within the pillar (its share among the
/// scored parts at each level, multiplied down the tree) times its shortfall (the top of its
/// range minus its score) is the largest of the pillar's scored indicators, ties included, and
/// above 0. Under an arithmetic pillar that product is exactly what the indicator costs the
/// pillar's score; with equal weights it is the lowest score. Indicators without bounds
/// (z-scores) have no shortfall and drive nothing.
pub fn low_confidence(fw: &Framework, a: &Assessment, nodes: &[NodeScore]) -> Vec<Driver> {
    use crate::assessment::Confidence;
    let mut out = Vec::new();
    if !a
        .evidence
        .iter()
        .any(|e| e.confidence == Some(Confidence::Low))
    {
        return out;
    }
    // The weight of node n within its parent: its share among the scored siblings.
    let share = |n: usize| -> f64 {
        let Some(p) = fw.nodes[n].parent else {
            return 1.0;
        };
        let Kind::Inner { children, .. } = &fw.nodes[p].kind else {
            return 0.0;
        };
        let total: f64 = children
            .iter()
            .filter(|&&c| !nodes[c].score.is_nan())
            .map(|&c| fw.nodes[c].weight)
            .sum();
        fw.nodes[n].weight / total
    };
    for &p in fw.pillars() {
        if !matches!(fw.nodes[p].kind, Kind::Inner { .. }) || nodes[p].score.is_nan() {
            continue;
        }
        // (indicator node, weighted shortfall) of every scored indicator under p whose every
        // group up to p has a score.
        let mut cost: Vec<(usize, f64)> = Vec::new();
        for &n in &fw.indicators {
            let (score, top) = (nodes[n].score, fw.range(n).1);
            if score.is_nan() || !top.is_finite() {
                continue;
            }
            let (mut w, mut up) = (1.0, n);
            let reaches = loop {
                if nodes[up].score.is_nan() {
                    break false;
                }
                w *= share(up);
                match fw.nodes[up].parent {
                    Some(q) if q == p => break true,
                    Some(q) => up = q,
                    None => break false,
                }
            };
            if reaches {
                cost.push((n, w * (top - score)));
            }
        }
        let most = cost.iter().map(|c| c.1).fold(0.0, f64::max);
        if most <= 0.0 {
            continue;
        }
        for (n, c) in cost {
            let i = match &fw.nodes[n].kind {
                Kind::Indicator(ind) => ind.index,
                Kind::Inner { .. } => continue,
            };
            // Ties to a billionth: equal weights reached by different paths may differ in
            // the last bit.
            if c >= most * (1.0 - 1e-9) && a.confidence(i) == Confidence::Low {
                out.push(Driver { node: n, pillar: p });
            }
        }
    }
    crate::sort::by_key(&mut out, |d| d.node);
    out
}

/// A risk factor of the Framework of Analysis that scored indicators inform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Informed {
    /// Index into `Framework::risk_factors`.
    pub factor: usize,
    /// The references to it of the scored indicators, each once, in number order (the risk
    /// factor as a whole first).
    pub refs: Vec<crate::framework::FoaRef>,
    /// Node indices of the scored indicators citing it, in framework order.
    pub indicators: Vec<usize>,
}

/// Which risk factors of the Framework of Analysis the scored indicators inform (an
/// indicator with a value; "not applicable", "don't know" and "unsafe to ask" inform
/// nothing), in the framework's order of risk factors. The others (`Framework::risk_factors`
/// not listed) are for the analyst to assess directly, with the Framework of Analysis and the
/// warning-signs instrument.
pub fn foa_coverage(fw: &Framework, values: &[IndicatorValue]) -> Vec<Informed> {
    let mut out: Vec<Informed> = fw
        .risk_factors
        .iter()
        .enumerate()
        .map(|(factor, _)| Informed {
            factor,
            refs: Vec::new(),
            indicators: Vec::new(),
        })
        .collect();
    for (i, &n) in fw.indicators.iter().enumerate() {
        let Kind::Indicator(ind) = &fw.nodes[n].kind else {
            continue;
        };
        if values[i].value.is_none() {
            continue;
        }
        for r in &ind.foa {
            let entry = &mut out[r.factor];
            if !entry.refs.contains(r) {
                entry.refs.push(*r);
            }
            if entry.indicators.last() != Some(&n) {
                entry.indicators.push(n);
            }
        }
    }
    out.retain(|e| !e.indicators.is_empty());
    for e in &mut out {
        crate::sort::by_key(&mut e.refs, |&r| r);
    }
    out
}
