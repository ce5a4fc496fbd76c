//! Agreement within a team assessment: per indicator, the assessors' scores side by side with
//! their shares of agreement; per assessment, Krippendorff's ordinal alpha over its indicators;
//! per indicator across a batch, alpha over the assessments. The consensus round takes the
//! indicators in `by_disagreement` order.

use crate::agreement::{alpha, disagreement, Metric, Pairs};
use resilience::framework::{Framework, Kind};
use resilience::pipeline::findings::anchor_step;
use resilience::pipeline::respondents::combine;
use resilience::value::Value;
use serde::Serialize;

/// One indicator of one team assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorAgreement {
    pub id: String,
    /// (assessor code, score) for each assessor who scored it, by code.
    pub scores: Vec<(String, f64)>,
    /// Share of assessor pairs with the same score; `None` with fewer than two scores.
    pub exact: Option<f64>,
    /// Share of pairs at most one anchor step apart.
    pub within_one: Option<f64>,
    /// Highest minus lowest score, in anchor steps.
    pub spread: Option<f64>,
    /// Mean difference over pairs, in anchor steps (the consensus round's order).
    pub disagreement: Option<f64>,
}

/// Agreement of one team assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamAgreement {
    pub assessors: Vec<String>,
    /// Krippendorff's alpha (ordinal) with the indicators as units; `None` when undefined.
    pub alpha: Option<f64>,
    pub exact: Option<f64>,
    pub within_one: Option<f64>,
    /// Every indicator, in framework order.
    pub indicators: Vec<IndicatorAgreement>,
    /// Indicator ids, the most disputed first (ties in framework order): the consensus round's
    /// order. Only indicators scored by two or more assessors.
    pub by_disagreement: Vec<String>,
}

/// An indicator's scale minimum and anchor step, the step the alarms count in (1 on the
/// default's 0–4); an indicator without a scale counts in its own units.
fn step(fw: &Framework, i: usize) -> (f64, f64) {
    match &fw.nodes[fw.indicators[i]].kind {
        Kind::Indicator(ind) => ind
            .scale
            .as_ref()
            .zip(anchor_step(ind))
            .map_or((0.0, 1.0), |(scale, step)| (scale.min, step)),
        Kind::Inner { .. } => (0.0, 1.0),
    }
}

/// An assessor's score of an indicator as one number: their respondents combined as the
/// framework combines respondents; `None` when they gave no score.
fn one_score(fw: &Framework, score: Option<&Value>) -> Option<f64> {
    let values: Vec<f64> = match score? {
        Value::Number(x) => vec![*x],
        Value::Array(items) => items
            .iter()
            .filter_map(|v| match v {
                Value::Number(x) => Some(*x),
                _ => None,
            })
            .collect(),
        _ => return None,
    };
    combine(&values, fw.respondent_aggregation, &mut Vec::new()).value
}

/// Each indicator's assessors' scores (assessor code, score), from a team assessment's
/// `assessors`, in anchor steps from the scale's bottom.
fn score_table(item: &Value, fw: &Framework) -> (Vec<String>, Vec<Vec<(String, f64)>>) {
    let Some(Value::Object(assessors)) = item.get("assessors") else {
        return (Vec::new(), vec![Vec::new(); fw.indicators.len()]);
    };
    let mut codes: Vec<String> = assessors.iter().map(|(c, _)| c.clone()).collect();
    crate::map::sort_by(&mut codes, |a, b| a.cmp(b));
    let table = (0..fw.indicators.len())
        .map(|i| {
            let id = &fw.nodes[fw.indicators[i]].id;
            let mut row: Vec<(String, f64)> = assessors
                .iter()
                .filter_map(|(code, a)| {
                    let s = one_score(fw, a.get("scores").and_then(|s| s.get(id)))?;
                    Some((code.clone(), s))
                })
                .collect();
            crate::map::sort_by(&mut row, |a, b| a.0.cmp(&b.0));
            row
        })
        .collect();
    (codes, table)
}

/// The agreement of one team assessment.
pub fn team_agreement(item: &Value, fw: &Framework) -> TeamAgreement {
    let (assessors, table) = score_table(item, fw);
    let mut units = Vec::with_capacity(table.len());
    let mut all = Pairs::default();
    let mut indicators = Vec::with_capacity(table.len());
    for (i, row) in table.iter().enumerate() {
        let (min, step) = step(fw, i);
        let steps: Vec<f64> = row.iter().map(|(_, s)| (s - min) / step).collect();
        let pairs = Pairs::of(&steps, 1.0);
        all = all + pairs;
        let spread = (steps.len() >= 2).then(|| {
            steps.iter().copied().fold(f64::MIN, f64::max)
                - steps.iter().copied().fold(f64::MAX, f64::min)
        });
        indicators.push(IndicatorAgreement {
            id: fw.nodes[fw.indicators[i]].id.clone(),
            scores: row.clone(),
            exact: pairs.exact_share(),
            within_one: pairs.within_one_share(),
            spread,
            disagreement: disagreement(&steps),
        });
        units.push(steps);
    }
    let mut order: Vec<&IndicatorAgreement> = indicators
        .iter()
        .filter(|x| x.disagreement.is_some())
        .collect();
    // Stable: equal disagreement keeps framework order.
    crate::map::sort_by(&mut order, |a, b| {
        b.disagreement.unwrap().total_cmp(&a.disagreement.unwrap())
    });
    TeamAgreement {
        alpha: alpha(&units, Metric::Ordinal),
        exact: all.exact_share(),
        within_one: all.within_one_share(),
        by_disagreement: order.iter().map(|x| x.id.clone()).collect(),
        assessors,
        indicators,
    }
}

/// Per indicator, Krippendorff's ordinal alpha across a batch's team assessments (units: the
/// assessments; coders: their assessors). `None` where it is undefined (one assessment, or no
/// variation).
pub fn alpha_by_indicator(items: &[Value], fw: &Framework) -> Vec<(String, Option<f64>)> {
    let tables: Vec<Vec<Vec<(String, f64)>>> = items.iter().map(|a| score_table(a, fw).1).collect();
    (0..fw.indicators.len())
        .map(|i| {
            let units: Vec<Vec<f64>> = tables
                .iter()
                .map(|t| t[i].iter().map(|(_, s)| *s).collect())
                .collect();
            (
                fw.nodes[fw.indicators[i]].id.clone(),
                alpha(&units, Metric::Ordinal),
            )
        })
        .collect()
}
