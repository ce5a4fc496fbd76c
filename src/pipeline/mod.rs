//! The scoring pipeline, one pure step per module: respondents → normalise → aggregate →
//! analyse. Input is read and validated before it gets here (`assessment`, `csv_input`).

pub mod aggregate;
pub mod analyse;
pub mod normalise;
pub mod respondents;

use crate::assessment::Assessment;
use crate::framework::Framework;
use aggregate::{NodeScore, Params};
use analyse::Warning;
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
    pub weakest: Option<usize>,
    pub warnings: Vec<Warning>,
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
    for (r, values) in per_assessment.into_iter().enumerate() {
        let mut nodes = Vec::with_capacity(fw.nodes.len());
        aggregate::aggregate(
            fw,
            &params,
            &scores[r * n..(r + 1) * n],
            &mut nodes,
            &mut pairs,
        );
        let warnings = analyse::warnings(fw, &values, &nodes, &constant, batch.len());
        out.push(Scored {
            red_flags: analyse::red_flags(fw, &nodes),
            weakest: analyse::weakest(fw, &nodes),
            values,
            nodes,
            warnings,
        });
    }
    out
}

/// Scores one assessment on its own.
pub fn score_one(fw: &Framework, a: &Assessment) -> Scored {
    score_batch(fw, std::slice::from_ref(a)).remove(0)
}
