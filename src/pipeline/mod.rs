//! The scoring pipeline, one pure step per module: respondents → normalise → aggregate →
//! findings. Input is read and validated before it gets here (`assessment`, `csv_input`).

pub mod aggregate;
pub mod findings;
pub mod normalise;
pub mod respondents;

use crate::assessment::Assessment;
use crate::framework::Framework;
use aggregate::{NodeScore, Params};
use findings::{Alarm, Capped, Driver, EarlyWarning, Gap, Warning};
use respondents::IndicatorValue;

/// One assessment's result, by index; `result::Results` turns it into the JSON contract.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// By indicator index.
    pub values: Vec<IndicatorValue>,
    /// By node index; the root is node 0.
    pub nodes: Vec<NodeScore>,
    /// Node indices of indicators scored 0.
    pub red_flags: Vec<usize>,
    /// Node indices of the root's children sharing the lowest score (none on a tie of all).
    pub weakest: Vec<usize>,
    pub warnings: Vec<Warning>,
    /// Critical indicators at, or reported at, the bottom; framework order.
    pub alarms: Vec<Alarm>,
    /// Groups whose band an alarm lowered; node order.
    pub capped: Vec<Capped>,
    /// Signs or triggers present while an alarm is raised or a pillar is weak (or unscored).
    pub early_warning: Option<EarlyWarning>,
    /// Low-confidence scores that drive a pillar, in framework order.
    pub low_confidence: Vec<Driver>,
    /// The assessment's groups' results, in its groups' order (a group's own `groups` is empty).
    pub groups: Vec<Scored>,
    /// Per pillar, the gap between the best- and the worst-off group.
    pub gaps: Vec<Gap>,
}

impl Scored {
    /// The band index shown for node `n`: its score's band, or the cap an alarm set.
    pub fn band(&self, fw: &Framework, n: usize) -> Option<usize> {
        match self.capped.iter().find(|c| c.node == n) {
            Some(c) => Some(c.band),
            None => fw.band_index(self.nodes[n].score),
        }
    }
}

/// Combined respondents' values of a batch: a row-major matrix (NaN = not scored) and the
/// per-indicator summaries.
pub fn combine_respondents(
    fw: &Framework,
    batch: &[Assessment],
) -> (Vec<f64>, Vec<IndicatorValue>) {
    let n = fw.indicators.len();
    let mut matrix = Vec::with_capacity(batch.len() * n);
    let mut values = Vec::with_capacity(batch.len() * n);
    let mut scratch = Vec::new();
    for a in batch {
        for i in 0..n {
            let v = respondents::combine(a.scores(i), fw.respondent_aggregation, &mut scratch);
            matrix.push(v.value.unwrap_or(f64::NAN));
            values.push(v);
        }
    }
    (matrix, values)
}

/// Scores a batch. Batch-relative normalisations (`minmax`, `rank`) see the whole batch.
pub fn score_batch(fw: &Framework, batch: &[Assessment]) -> Vec<Scored> {
    let n = fw.indicators.len();
    // Each assessment's combined values go straight into its result (no batch-wide copy:
    // a 100,000-assessment batch is memory-bound), plus the matrix that normalising needs.
    let mut matrix = Vec::with_capacity(batch.len() * n);
    let mut per_assessment = Vec::with_capacity(batch.len());
    let mut scratch = Vec::new();
    for a in batch {
        let values: Vec<IndicatorValue> = (0..n)
            .map(|i| respondents::combine(a.scores(i), fw.respondent_aggregation, &mut scratch))
            .collect();
        matrix.extend(values.iter().map(|v| v.value.unwrap_or(f64::NAN)));
        per_assessment.push(values);
    }
    let (scores, constant) = normalise::normalise(fw, &matrix, batch.len());
    drop(matrix);
    let params = Params::of(fw);
    let mut pairs = Vec::new();
    let mut out = Vec::with_capacity(batch.len());
    for (r, (values, a)) in per_assessment.into_iter().zip(batch).enumerate() {
        let mut nodes = Vec::with_capacity(fw.nodes.len());
        aggregate::aggregate(
            fw,
            &params,
            &scores[r * n..(r + 1) * n],
            &a.not_applicable(),
            &mut nodes,
            &mut pairs,
        );
        let warnings = findings::warnings(fw, &values, &nodes, &constant, batch.len());
        // Groups are scored as a batch of their own (so `minmax` and `rank` compare the groups
        // with each other), and a gap between them on a critical indicator is an alarm.
        let groups = if a.groups.is_empty() {
            Vec::new()
        } else {
            score_batch(fw, &a.groups)
        };
        let mut alarms = findings::alarms(fw, a, &values);
        let gap_alarms = findings::group_gaps(fw, &groups);
        if !gap_alarms.is_empty() {
            alarms.extend(gap_alarms);
            crate::sort::by_key(&mut alarms, |x| x.node);
        }
        let capped = findings::caps(fw, &nodes, &alarms);
        out.push(Scored {
            red_flags: findings::red_flags(fw, &nodes),
            weakest: findings::weakest(fw, &nodes),
            early_warning: findings::early_warning(fw, a, &nodes, &alarms, &capped),
            low_confidence: findings::low_confidence(fw, a, &nodes),
            gaps: findings::pillar_gaps(fw, &groups),
            groups,
            capped,
            alarms,
            values,
            nodes,
            warnings,
        });
    }
    out
}
