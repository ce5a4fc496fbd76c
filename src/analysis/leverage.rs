//! Where reform would help most: for each scored indicator of an assessment, the rise of the
//! overall score (in points, 0–100) if it improved by one anchor step, and if it reached the
//! top of its scale, everything else as it is. Scored with the framework's own weights and
//! methods; ranked by the one-step gain.
//!
//! One step better is the next anchor in the better direction (up for `higher_is_better`,
//! down for `higher_is_worse`), or the end of the scale past the last anchor. Without anchors
//! a step is a quarter of the range (one point on 0–4). An indicator without a scale uses the
//! range of the batch's responses to it. Batch-relative normalisations see the changed value
//! among the batch's others.

use super::uncertainty::ranges;
use super::Leverage;
use crate::assessment::Assessment;
use crate::framework::{Direction, Framework, Normalisation};
use crate::pipeline::aggregate::{aggregate, Params};
use crate::pipeline::normalise::normalise_into;
use crate::pipeline::{combine_respondents, Scored};

/// The value one step better than `value` and the best value, on a range `lo..=hi` with
/// `anchors` (ascending).
pub fn targets(value: f64, lo: f64, hi: f64, anchors: &[f64], direction: Direction) -> (f64, f64) {
    let step = (hi - lo) / 4.0;
    match direction {
        Direction::HigherIsBetter => {
            let next = if anchors.is_empty() {
                value + step
            } else {
                anchors.iter().copied().find(|&a| a > value).unwrap_or(hi)
            };
            (next.clamp(value.min(hi), hi), hi)
        }
        Direction::HigherIsWorse => {
            let next = if anchors.is_empty() {
                value - step
            } else {
                anchors
                    .iter()
                    .rev()
                    .copied()
                    .find(|&a| a < value)
                    .unwrap_or(lo)
            };
            (next.clamp(lo, value.max(lo)), lo)
        }
    }
}

/// Scores one assessment of a batch with one indicator's value changed.
struct Rescorer<'a> {
    fw: &'a Framework,
    params: Params,
    matrix: Vec<f64>,
    rows: usize,
    /// Every normalisation is by fixed goalposts, so a row scores on its own.
    independent: bool,
    values: Vec<f64>,
    scores: Vec<f64>,
    constant: Vec<usize>,
    sorted: Vec<f64>,
    nodes: Vec<crate::pipeline::aggregate::NodeScore>,
    pairs: Vec<(f64, f64)>,
}

impl Rescorer<'_> {
    fn overall(&mut self, row: usize, col: usize, value: f64) -> f64 {
        let n = self.fw.indicators.len();
        self.values.clear();
        let (rows, at) = if self.independent {
            self.values
                .extend_from_slice(&self.matrix[row * n..(row + 1) * n]);
            (1, 0)
        } else {
            self.values.extend_from_slice(&self.matrix);
            (self.rows, row)
        };
        self.values[at * n + col] = value;
        normalise_into(
            self.fw,
            &self.values,
            rows,
            &mut self.scores,
            &mut self.constant,
            &mut self.sorted,
        );
        aggregate(
            self.fw,
            &self.params,
            &self.scores[at * n..(at + 1) * n],
            &mut self.nodes,
            &mut self.pairs,
        );
        self.nodes[0].score
    }
}

/// The leverage of every scored indicator, for each assessment of the batch in order: largest
/// one-step gain first (then largest gain to the top, then framework order). Empty for an
/// assessment whose overall score is missing.
pub fn leverage(fw: &Framework, batch: &[Assessment], scored: &[Scored]) -> Vec<Vec<Leverage>> {
    let n = fw.indicators.len();
    let (matrix, _) = combine_respondents(fw, batch);
    let mut re = Rescorer {
        fw,
        params: Params::of(fw),
        matrix,
        rows: batch.len(),
        independent: (0..n).all(|i| fw.indicator(i).1.normalisation == Normalisation::Scale),
        values: Vec::new(),
        scores: Vec::new(),
        constant: Vec::new(),
        sorted: Vec::new(),
        nodes: Vec::new(),
        pairs: Vec::new(),
    };
    let ranges = ranges(fw, batch);
    let mut anchors = Vec::new();
    let mut all = Vec::with_capacity(batch.len());
    for (row, sc) in scored.iter().enumerate() {
        let mut out: Vec<(usize, Leverage)> = Vec::new();
        if sc.nodes[0].score.is_nan() {
            all.push(Vec::new());
            continue;
        }
        for (i, &(lo, hi)) in ranges.iter().enumerate() {
            let value = re.matrix[row * n + i];
            if value.is_nan() {
                continue;
            }
            let (node, ind) = fw.indicator(i);
            anchors.clear();
            if let Some(s) = &ind.scale {
                anchors.extend(s.anchors.iter().map(|a| a.value));
            }
            let (next, top) = targets(value, lo, hi, &anchors, ind.direction);
            // The base through the same path, so an unchanged value gains exactly 0.
            let base = re.overall(row, i, value);
            let mut gain = |to: f64| {
                if to == value {
                    0.0
                } else {
                    re.overall(row, i, to) - base
                }
            };
            let (gain_one_step, gain_to_top) = (gain(next), gain(top));
            out.push((
                i,
                Leverage {
                    indicator: node.id.clone(),
                    value,
                    next,
                    gain_one_step,
                    gain_to_top,
                },
            ));
        }
        out.sort_by(|(i, a), (j, b)| {
            b.gain_one_step
                .total_cmp(&a.gain_one_step)
                .then(b.gain_to_top.total_cmp(&a.gain_to_top))
                .then(i.cmp(j))
        });
        all.push(out.into_iter().map(|(_, l)| l).collect());
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api;

    fn anchors() -> Vec<f64> {
        vec![0.0, 1.0, 2.0, 3.0, 4.0]
    }

    #[test]
    fn one_step_and_top() {
        use Direction::*;
        let a = anchors();
        assert_eq!(targets(2.0, 0.0, 4.0, &a, HigherIsBetter), (3.0, 4.0));
        assert_eq!(targets(2.5, 0.0, 4.0, &a, HigherIsBetter), (3.0, 4.0));
        assert_eq!(targets(4.0, 0.0, 4.0, &a, HigherIsBetter), (4.0, 4.0));
        assert_eq!(targets(2.0, 0.0, 4.0, &a, HigherIsWorse), (1.0, 0.0));
        assert_eq!(targets(0.0, 0.0, 4.0, &a, HigherIsWorse), (0.0, 0.0));
        // Anchors short of the end: past the last one, the end of the scale.
        assert_eq!(
            targets(3.5, 0.0, 4.0, &[1.0, 3.0], HigherIsBetter),
            (4.0, 4.0)
        );
        // No anchors: a quarter of the range.
        assert_eq!(
            targets(10.0, 0.0, 100.0, &[], HigherIsBetter),
            (35.0, 100.0)
        );
        assert_eq!(
            targets(90.0, 0.0, 100.0, &[], HigherIsBetter),
            (100.0, 100.0)
        );
        assert_eq!(targets(10.0, 0.0, 100.0, &[], HigherIsWorse), (0.0, 0.0));
    }

    fn assessment(fw: &Framework, score: impl Fn(usize) -> Vec<f64>) -> Assessment {
        let mut a = Assessment::new("a".into(), fw.indicators.len());
        for i in 0..fw.indicators.len() {
            a.push_scores(i, score(i));
        }
        a
    }

    #[test]
    fn top_scores_gain_nothing_and_the_list_is_ranked() {
        let fw = api::default_framework();
        // Indicator 0 scored 4, indicator 1 scored 0, the rest 2.
        let a = assessment(&fw, |i| match i {
            0 => vec![4.0],
            1 => vec![0.0],
            _ => vec![2.0],
        });
        let batch = [a];
        let scored = api::score(&fw, &batch);
        let lev = leverage(&fw, &batch, &scored).remove(0);
        assert_eq!(lev.len(), 28);
        let top = &fw.nodes[fw.indicators[0]].id;
        let at_top = lev.iter().find(|l| &l.indicator == top).unwrap();
        assert_eq!((at_top.gain_one_step, at_top.gain_to_top), (0.0, 0.0));
        assert_eq!(lev.last().unwrap().indicator, *top);
        // Arithmetic means of 7 equal-weight indicators and 4 equal-weight pillars: one step
        // (25 points on the indicator) is 25/28 overall, the top 100/28 from 0.
        assert_eq!(lev[0].indicator, fw.nodes[fw.indicators[1]].id);
        assert!(
            (lev[0].gain_one_step - 25.0 / 28.0).abs() < 1e-12,
            "{lev:?}"
        );
        assert!((lev[0].gain_to_top - 100.0 / 28.0).abs() < 1e-12, "{lev:?}");
        for w in lev.windows(2) {
            assert!(w[0].gain_one_step >= w[1].gain_one_step, "{lev:?}");
        }
    }

    #[test]
    fn fully_top_assessment_has_no_gain_anywhere() {
        let fw = api::default_framework();
        let batch = [assessment(&fw, |_| vec![4.0])];
        let scored = api::score(&fw, &batch);
        let lev = leverage(&fw, &batch, &scored).remove(0);
        assert!(lev
            .iter()
            .all(|l| l.gain_one_step == 0.0 && l.gain_to_top == 0.0));
    }

    #[test]
    fn missing_overall_gives_no_list() {
        let fw = api::default_framework();
        let batch = [assessment(&fw, |i| if i < 3 { vec![2.0] } else { vec![] })];
        let scored = api::score(&fw, &batch);
        assert!(leverage(&fw, &batch, &scored).remove(0).is_empty());
    }
}
