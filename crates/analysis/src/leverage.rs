//! Where reform would help most: for each scored indicator of an assessment, the rise of the
//! overall score (in points, 0–100) if it improved by one anchor step, and if it reached the
//! top of its scale, everything else as it is. Scored with the framework's own weights and
//! methods; ranked by the one-step gain, ties broken by critical indicators first, then the
//! lowest current score, then framework order.
//!
//! Unscored indicators are held at the mean of their scored siblings' scores, fixed at the
//! assessment's current scores: left out, a missing answer would make each scored sibling
//! weigh more, and so rise in the list for no reason but the gap. They are listed apart
//! (`score_first`): nothing can be said of their gain until they are scored.
//!
//! One step better is the next anchor in the better direction (up for `higher_is_better`,
//! down for `higher_is_worse`), or the end of the scale past the last anchor. Without anchors
//! a step is a quarter of the range (one point on 0–4). An indicator without a scale uses the
//! range of the batch's responses to it. Batch-relative normalisations see the changed value
//! among the batch's others.

use super::uncertainty::ranges;
use super::{Leverage, Rescoring};
use resilience::assessment::{Assessment, Missing};
use resilience::framework::{Direction, Framework, Normalisation};
use resilience::pipeline::aggregate::Params;
use resilience::pipeline::{combine_respondents, Scored};

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
    /// The row being looked at: its "not applicable" indicators, and the fixed score of each
    /// unscored one (NaN where the indicator is scored or left out).
    not_applicable: Vec<usize>,
    imputed: Vec<f64>,
    buf: Rescoring,
}

impl Rescorer<'_> {
    /// Normalised scores of `row` with indicator `col` at `value`, into `self.scores`; returns
    /// where the row starts in it.
    fn normalise(&mut self, row: usize, col: usize, value: f64) -> usize {
        let n = self.fw.indicators.len();
        let values = &mut self.buf.values;
        values.clear();
        let (rows, at) = if self.independent {
            values.extend_from_slice(&self.matrix[row * n..(row + 1) * n]);
            (1, 0)
        } else {
            values.extend_from_slice(&self.matrix);
            (self.rows, row)
        };
        if col < n {
            values[at * n + col] = value;
        }
        self.buf.normalise(self.fw, rows);
        at * n
    }

    /// Sets up `row`: its "not applicable" list and the fixed scores of its unscored
    /// indicators (the mean of the scored indicators under the same parent).
    fn start_row(&mut self, row: usize, a: &Assessment) {
        let fw = self.fw;
        let n = fw.indicators.len();
        self.not_applicable = a.not_applicable();
        let start = self.normalise(row, n, 0.0);
        let base = &self.buf.scores[start..start + n];
        self.imputed.clear();
        self.imputed.resize(n, f64::NAN);
        for i in 0..n {
            if !base[i].is_nan() || self.not_applicable.binary_search(&i).is_ok() {
                continue;
            }
            let parent = fw.nodes[fw.indicators[i]].parent;
            let (sum, count) = (0..n)
                .filter(|&j| fw.nodes[fw.indicators[j]].parent == parent && !base[j].is_nan())
                .fold((0.0, 0usize), |(s, c), j| (s + base[j], c + 1));
            if count > 0 {
                self.imputed[i] = sum / count as f64;
            }
        }
    }

    /// The overall score of the current row with indicator `col` at `value`, and the indicator's
    /// normalised score.
    fn overall(&mut self, row: usize, col: usize, value: f64) -> (f64, f64) {
        let n = self.fw.indicators.len();
        let start = self.normalise(row, col, value);
        let scores = &mut self.buf.scores[start..start + n];
        for (s, &fill) in scores.iter_mut().zip(&self.imputed) {
            if !fill.is_nan() {
                *s = fill;
            }
        }
        let own = scores[col];
        self.buf
            .aggregate(self.fw, &self.params, start, &self.not_applicable);
        (self.buf.nodes[0].score, own)
    }
}

/// Each assessment's leverage list, and its indicators to score first.
pub type AssessmentLeverage = (Vec<Leverage>, Vec<String>);

/// The leverage of every scored indicator, for each assessment of the batch in order: largest
/// one-step gain first (ties: critical first, then the lowest current score, then framework
/// order), and the unscored indicators apart. Both empty for an assessment whose overall score
/// is missing.
pub fn leverage(
    fw: &Framework,
    batch: &[Assessment],
    scored: &[Scored],
) -> Vec<AssessmentLeverage> {
    let n = fw.indicators.len();
    let (matrix, _) = combine_respondents(fw, batch);
    let mut re = Rescorer {
        fw,
        params: Params::of(fw),
        matrix,
        rows: batch.len(),
        independent: (0..n).all(|i| fw.indicator(i).1.normalisation == Normalisation::Scale),
        not_applicable: Vec::new(),
        imputed: Vec::new(),
        buf: Rescoring::default(),
    };
    let ranges = ranges(fw, batch);
    let mut anchors = Vec::new();
    let mut all = Vec::with_capacity(batch.len());
    for (row, (sc, a)) in scored.iter().zip(batch).enumerate() {
        if sc.nodes[0].score.is_nan() {
            all.push((Vec::new(), Vec::new()));
            continue;
        }
        re.start_row(row, a);
        // (framework position, current score, leverage)
        let mut out: Vec<(usize, f64, Leverage)> = Vec::new();
        let mut score_first = Vec::new();
        for (i, &(lo, hi)) in ranges.iter().enumerate() {
            let (node, ind) = fw.indicator(i);
            let value = re.matrix[row * n + i];
            if value.is_nan() {
                if a.missing_reason(i) != Some(Missing::NotApplicable) {
                    score_first.push(node.id.clone());
                }
                continue;
            }
            anchors.clear();
            if let Some(s) = &ind.scale {
                anchors.extend(s.anchors.iter().map(|a| a.value));
            }
            let (next, top) = targets(value, lo, hi, &anchors, ind.direction);
            // The base through the same path, so an unchanged value gains exactly 0.
            let (base, now) = re.overall(row, i, value);
            let mut gain = |to: f64| {
                if to == value {
                    0.0
                } else {
                    re.overall(row, i, to).0 - base
                }
            };
            let (gain_one_step, gain_to_top) = (gain(next), gain(top));
            out.push((
                i,
                now,
                Leverage {
                    indicator: node.id.clone(),
                    value,
                    next,
                    gain_one_step,
                    gain_to_top,
                    critical: ind.critical,
                },
            ));
        }
        // Gains equal in exact arithmetic can differ in their last bits (sums in another
        // order): compared to a billionth of a point, so that the tie-breaks decide.
        let key = |g: f64| (g * 1e9).round();
        out.sort_by(|(i, now_a, a), (j, now_b, b)| {
            key(b.gain_one_step)
                .total_cmp(&key(a.gain_one_step))
                .then(b.critical.cmp(&a.critical))
                .then(now_a.total_cmp(now_b))
                .then(i.cmp(j))
        });
        all.push((out.into_iter().map(|(_, _, l)| l).collect(), score_first));
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use resilience::api;

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
        let lev = leverage(&fw, &batch, &scored).remove(0).0;
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
        let lev = leverage(&fw, &batch, &scored).remove(0).0;
        assert!(lev
            .iter()
            .all(|l| l.gain_one_step == 0.0 && l.gain_to_top == 0.0));
    }

    #[test]
    fn missing_overall_gives_no_list() {
        let fw = api::default_framework();
        let batch = [assessment(&fw, |i| if i < 3 { vec![2.0] } else { vec![] })];
        let scored = api::score(&fw, &batch);
        let (lev, first) = leverage(&fw, &batch, &scored).remove(0);
        assert!(lev.is_empty() && first.is_empty());
    }
}
