//! Monte Carlo uncertainty: the batch scored again and again with its uncertain parts drawn
//! afresh, each draw a point `u` of [0, 1)^d, one coordinate per uncertain input:
//!
//! - `assessors`: each indicator scored by one assessor moves to `value + (2u − 1)·h`, clipped
//!   to the scale, `h` as sure as the assessor says (`Confidence::half_width_on`): a step of
//!   the scale (a quarter of its width, one anchor on 0–4) for low confidence, half a step for
//!   medium (the default: `w/8`, `w` the scale's width), a quarter for high. An indicator
//!   without a scale (`minmax`, `rank`) uses the range of the batch's responses for it instead.
//! - `respondents`: each indicator with several respondents is a bootstrap resample of them
//!   (respondent ⌊u·n⌋ for each of its n coordinates), combined as the framework says.
//! - `weights`: each node's weight times `0.5 + u`. Aggregation divides by the children's
//!   total weight, so the weights are renormalised in effect.
//! - `method`: two coordinates, the root's aggregation and that of every group below it (the
//!   pillars), each the mean-min function with α = u/2 (α uniform in [0, 0.5], β = 0): from
//!   the arithmetic mean (α = 0) halfway to the minimum. Not the geometric mean, which has no
//!   value whenever one child is 0 and so would leave every assessment with a red flag unscored.
//! - `missing`: one coordinate: unscored children left out and the rest reweighted (`u < 0.5`,
//!   as in plain scoring) or imputed at the lowest score among their scored siblings (a
//!   missing answer may hide a bad one). "Not applicable" answers stay out either way.
//!
//! One draw's weights, methods and missing-data rule hold for the whole batch, so ranks are
//! compared under the same choices. The Sobol groups are the pillars' score coordinates, then
//! `weights`, `method` and `missing`, each present when it has a coordinate.

use super::quantiles::{percentile, scored_first, summarise};
use super::sensitivity::{self, mix, Runs};
use super::{
    streams, uniforms, AssessmentAnalysis, Interval, Keyed, Options, Perturb, RankSummary,
    Rescoring, SensitivityIndex, Uncertainty,
};
use rand_xoshiro::Xoshiro256PlusPlus;
use resilience::assessment::Assessment;
use resilience::framework::{Aggregation, Framework, Kind};
use resilience::pipeline::aggregate::{NodeScore, Params};
use resilience::pipeline::respondents;

/// How one cell (assessment × indicator) is drawn. Coordinates are offsets into `u`.
#[derive(Debug, Clone, Copy)]
enum Cell {
    /// Not perturbed: the combined value (NaN = not scored).
    Fixed(f64),
    /// One assessor's score, moved by up to ±`half` and clipped to [lo, hi].
    Assessor {
        value: f64,
        half: f64,
        lo: f64,
        hi: f64,
        at: usize,
    },
    /// Several respondents, `responses[start..start + len]`, resampled by `len` coordinates.
    Bootstrap { start: usize, len: usize, at: usize },
}

/// The batch as a function of the draw's coordinates, with the buffers one evaluation needs.
pub struct Model<'a> {
    fw: &'a Framework,
    rows: usize,
    cells: Vec<Cell>,
    responses: Vec<f64>,
    /// Each assessment's "not applicable" indicators.
    not_applicable: Vec<Vec<usize>>,
    base: Params,
    /// Number of coordinates.
    pub dims: usize,
    /// The Sobol group of each coordinate.
    pub group_of: Vec<usize>,
    /// Sobol group names, in group order.
    pub groups: Vec<String>,
    weights_at: Option<usize>,
    method_at: Option<usize>,
    missing_at: Option<usize>,
    inner: Vec<usize>,
    params: Params,
    buf: Rescoring,
    resample: Vec<f64>,
    scratch: Vec<f64>,
}

/// The range of each indicator: its scale, or for one without a scale the smallest and
/// largest response in the batch (NaN when nobody scored it).
pub fn ranges(fw: &Framework, batch: &[Assessment]) -> Vec<(f64, f64)> {
    (0..fw.indicators.len())
        .map(|i| match &fw.indicator(i).1.scale {
            Some(s) => (s.min, s.max),
            None => batch
                .iter()
                .flat_map(|a| a.scores(i))
                .fold((f64::NAN, f64::NAN), |(lo, hi), &v| (v.min(lo), v.max(hi))),
        })
        .collect()
}

/// The root's child each node falls under (itself for a pillar), as an index into `pillars`.
fn pillar_of(fw: &Framework, pillars: &[usize]) -> Vec<usize> {
    let mut pillar_of = vec![0; fw.nodes.len()];
    for (i, node) in fw.nodes.iter().enumerate().skip(1) {
        pillar_of[i] = match node.parent {
            Some(0) => pillars.iter().position(|&p| p == i).unwrap_or(0),
            Some(p) => pillar_of[p],
            None => 0,
        };
    }
    pillar_of
}

/// The groups that have coordinates, numbered in order (each pillar's scores, then weights,
/// method, missing): each coordinate's group number, and the groups' names.
fn number_groups(
    fw: &Framework,
    pillars: &[usize],
    raw_group: &[usize],
) -> (Vec<usize>, Vec<String>) {
    let mut names: Vec<String> = pillars
        .iter()
        .map(|&p| format!("scores:{}", fw.nodes[p].id))
        .collect();
    names.extend(["weights".into(), "method".into(), "missing".into()]);
    let mut present = vec![false; names.len()];
    for &g in raw_group {
        present[g] = true;
    }
    let mut number = vec![usize::MAX; names.len()];
    let mut groups = Vec::new();
    for (g, name) in names.into_iter().enumerate() {
        if present[g] {
            number[g] = groups.len();
            groups.push(name);
        }
    }
    (raw_group.iter().map(|&g| number[g]).collect(), groups)
}

impl<'a> Model<'a> {
    pub fn new(fw: &'a Framework, batch: &[Assessment], perturb: &Perturb) -> Model<'a> {
        let n = fw.indicators.len();
        let pillars = fw.pillars();
        let (g_weights, g_method, g_missing) =
            (pillars.len(), pillars.len() + 1, pillars.len() + 2);
        // The group of each coordinate, numbered as below before the numbering.
        let mut raw_group = Vec::new();
        let mut scratch = Vec::new();
        let (cells, responses) = Self::cells(
            fw,
            batch,
            perturb,
            &pillar_of(fw, pillars),
            &mut raw_group,
            &mut scratch,
        );
        let mut place = |on: bool, count: usize, group: usize| {
            on.then(|| {
                raw_group.extend(std::iter::repeat_n(group, count));
                raw_group.len() - count
            })
        };
        let weights_at = place(
            perturb.weights && fw.nodes.len() > 1,
            fw.nodes.len() - 1,
            g_weights,
        );
        let method_at = place(perturb.method, 2, g_method);
        let missing_at = place(perturb.missing, 1, g_missing);
        let (group_of, groups) = number_groups(fw, pillars, &raw_group);
        let base = Params::of(fw);
        let inner = (0..fw.nodes.len())
            .filter(|&i| matches!(fw.nodes[i].kind, Kind::Inner { .. }))
            .collect();
        Model {
            fw,
            rows: batch.len(),
            cells,
            responses,
            not_applicable: batch.iter().map(Assessment::not_applicable).collect(),
            params: base.clone(),
            base,
            dims: raw_group.len(),
            group_of,
            groups,
            weights_at,
            method_at,
            missing_at,
            inner,
            buf: Rescoring {
                values: vec![f64::NAN; batch.len() * n],
                ..Rescoring::default()
            },
            resample: Vec::new(),
            scratch,
        }
    }

    /// Every assessment's indicator cells, and the respondents' scores the bootstrapped ones
    /// draw from: a single assessor's score varies (`assessors`), several respondents are
    /// resampled (`respondents`), the rest is fixed. Each varying cell's coordinates are pushed
    /// to `raw_group` as the pillar it falls under.
    fn cells(
        fw: &Framework,
        batch: &[Assessment],
        perturb: &Perturb,
        pillar_of: &[usize],
        raw_group: &mut Vec<usize>,
        scratch: &mut Vec<f64>,
    ) -> (Vec<Cell>, Vec<f64>) {
        let ranges = ranges(fw, batch);
        let mut cells = Vec::with_capacity(batch.len() * fw.indicators.len());
        let mut responses = Vec::new();
        for a in batch {
            for (i, &(lo, hi)) in ranges.iter().enumerate() {
                let scores = a.scores(i);
                let group = pillar_of[fw.indicators[i]];
                let cell = match scores.len() {
                    0 => Cell::Fixed(f64::NAN),
                    1 if perturb.assessors => {
                        raw_group.push(group);
                        Cell::Assessor {
                            value: scores[0],
                            half: a.confidence(i).half_width_on(lo, hi),
                            lo,
                            hi,
                            at: raw_group.len() - 1,
                        }
                    }
                    len if len > 1 && perturb.respondents => {
                        let at = raw_group.len();
                        raw_group.extend(std::iter::repeat_n(group, len));
                        responses.extend_from_slice(scores);
                        Cell::Bootstrap {
                            start: responses.len() - len,
                            len,
                            at,
                        }
                    }
                    _ => Cell::Fixed(
                        respondents::combine(scores, fw.respondent_aggregation, scratch)
                            .value
                            .unwrap_or(f64::NAN),
                    ),
                };
                cells.push(cell);
            }
        }
        (cells, responses)
    }

    /// Scores the batch at coordinates `u` (length `dims`), handing each assessment's node
    /// scores to `record(row, nodes)`.
    pub fn eval(&mut self, u: &[f64], mut record: impl FnMut(usize, &[NodeScore])) {
        debug_assert_eq!(u.len(), self.dims);
        let fw = self.fw;
        if let Some(at) = self.weights_at {
            for c in 1..fw.nodes.len() {
                self.params.weights[c] = self.base.weights[c] * (0.5 + u[at + c - 1]);
            }
        }
        if let Some(at) = self.method_at {
            let pick = |x: f64| Aggregation::MeanMin {
                alpha: x / 2.0,
                beta: 0.0,
            };
            let (top, below) = (pick(u[at]), pick(u[at + 1]));
            for &i in &self.inner {
                self.params.aggregation[i] = if i == 0 { top } else { below };
            }
        }
        if let Some(at) = self.missing_at {
            self.params.impute_lowest = u[at] >= 0.5;
        }
        let (responses, resample, scratch) =
            (&self.responses, &mut self.resample, &mut self.scratch);
        for (v, cell) in self.buf.values.iter_mut().zip(&self.cells) {
            *v = match *cell {
                Cell::Fixed(x) => x,
                Cell::Assessor {
                    value,
                    half,
                    lo,
                    hi,
                    at,
                } => (value + (2.0 * u[at] - 1.0) * half).clamp(lo, hi),
                Cell::Bootstrap { start, len, at } => {
                    resample.clear();
                    for &x in &u[at..at + len] {
                        let k = ((x * len as f64) as usize).min(len - 1);
                        resample.push(responses[start + k]);
                    }
                    respondents::combine(resample, fw.respondent_aggregation, scratch)
                        .value
                        .unwrap_or(f64::NAN)
                }
            };
        }
        self.buf.normalise(fw, self.rows);
        let n = fw.indicators.len();
        for r in 0..self.rows {
            self.buf
                .aggregate(fw, &self.params, r * n, &self.not_applicable[r]);
            record(r, &self.buf.nodes);
        }
    }
}

/// The nodes whose distribution is reported: the root, then every group below it.
fn tracked(fw: &Framework) -> Vec<usize> {
    (0..fw.nodes.len())
        .filter(|&i| matches!(fw.nodes[i].kind, Kind::Inner { .. }))
        .collect()
}

/// How many numbers `run` keeps for this batch and these options.
pub fn kept_numbers(fw: &Framework, batch: &[Assessment], options: &Options) -> usize {
    let rows = batch.len();
    let mut per_draw = tracked(fw).len() + usize::from(rows > 1);
    if options.sensitivity {
        // f(A), f(B) and one mix per group (at most the pillars, weights, method, missing).
        per_draw += 2 + fw.pillars().len() + 3;
    }
    options.draws.saturating_mul(rows).saturating_mul(per_draw)
}

/// Ranks of `overall` (1 = highest; ties share the best rank; NaN unranked) into `ranks`.
fn rank_into(overall: &[f64], order: &mut Vec<usize>, ranks: &mut [f64]) {
    order.clear();
    order.extend((0..overall.len()).filter(|&r| !overall[r].is_nan()));
    order.sort_unstable_by(|&x, &y| overall[y].total_cmp(&overall[x]).then(x.cmp(&y)));
    ranks.iter_mut().for_each(|x| *x = f64::NAN);
    let mut rank = 0;
    for (q, &r) in order.iter().enumerate() {
        if q == 0 || overall[r] != overall[order[q - 1]] {
            rank = q + 1;
        }
        ranks[r] = rank as f64;
    }
}

/// The uncertainty (and, if asked, sensitivity) analysis of every assessment of `batch`,
/// with `leverage` left empty. Draw `j` uses the `j`-th block of `dims` numbers of stream A,
/// so turning sensitivity on or off leaves the uncertainty figures unchanged.
pub fn run(fw: &Framework, batch: &[Assessment], options: &Options) -> Vec<AssessmentAnalysis> {
    let mut model = Model::new(fw, batch, &options.perturb);
    let tracked = tracked(fw);
    let (mut rng_a, mut rng_b, mut rng_boot) = streams(options.seed);
    let mut drawn = draw(
        &mut model,
        &tracked,
        batch.len(),
        options,
        &mut rng_a,
        &mut rng_b,
    );
    (0..batch.len())
        .map(|r| {
            summary(
                fw,
                r,
                &mut drawn,
                &tracked,
                &model.groups,
                options,
                &mut rng_boot,
            )
        })
        .collect()
}

/// What the draws gave: the tracked nodes' scores (by assessment, then node, then draw, so
/// each series is one contiguous slice), the ranks in the batch (by assessment, then draw;
/// none for one assessment) and the Sobol runs (with `sensitivity`).
struct Drawn {
    kept: Vec<f64>,
    ranks: Vec<f64>,
    runs: Vec<Runs>,
}

/// `options.draws` evaluations of the model at uniform coordinates from `rng_a`; with
/// `sensitivity`, each also at `rng_b`'s and at the mixes of both that Sobol's estimators
/// need, group by group.
fn draw(
    model: &mut Model,
    tracked: &[usize],
    rows: usize,
    options: &Options,
    rng_a: &mut Xoshiro256PlusPlus,
    rng_b: &mut Xoshiro256PlusPlus,
) -> Drawn {
    let draws = options.draws;
    let t = tracked.len();
    let k = model.groups.len();
    let sens = options.sensitivity;
    let ranked = rows > 1;
    let mut kept = vec![f64::NAN; rows * t * draws];
    let mut rank_draws = vec![f64::NAN; if ranked { rows * draws } else { 0 }];
    let mut runs: Vec<Runs> = if sens {
        (0..rows).map(|_| Runs::new(k, draws)).collect()
    } else {
        Vec::new()
    };
    let d = model.dims;
    let (mut ua, mut ub, mut um) = (vec![0.0; d], vec![0.0; d], vec![0.0; d]);
    let mut overall = vec![f64::NAN; rows];
    let (mut order, mut ranks) = (Vec::with_capacity(rows), vec![f64::NAN; rows]);
    for j in 0..draws {
        uniforms(rng_a, &mut ua);
        model.eval(&ua, |r, nodes| {
            for (q, &n) in tracked.iter().enumerate() {
                kept[(r * t + q) * draws + j] = nodes[n].score;
            }
            overall[r] = nodes[0].score;
        });
        if ranked {
            rank_into(&overall, &mut order, &mut ranks);
            for r in 0..rows {
                rank_draws[r * draws + j] = ranks[r];
            }
        }
        if sens {
            for (run, &y) in runs.iter_mut().zip(&overall) {
                run.a.push(y);
            }
            uniforms(rng_b, &mut ub);
            model.eval(&ub, |r, nodes| runs[r].b.push(nodes[0].score));
            for g in 0..k {
                mix(&ua, &ub, &model.group_of, g, &mut um);
                model.eval(&um, |r, nodes| runs[r].ab.push(nodes[0].score));
            }
        }
    }
    Drawn {
        kept,
        ranks: rank_draws,
        runs,
    }
}

/// Assessment `r`'s analysis from the draws: each tracked node's summary, its rank in the
/// batch, and its Sobol indices (bootstrapped from `rng_boot`).
fn summary(
    fw: &Framework,
    r: usize,
    drawn: &mut Drawn,
    tracked: &[usize],
    groups: &[String],
    options: &Options,
    rng_boot: &mut Xoshiro256PlusPlus,
) -> AssessmentAnalysis {
    let draws = options.draws;
    let t = tracked.len();
    let mut series = drawn.kept[r * t * draws..(r + 1) * t * draws].chunks_exact_mut(draws);
    let overall = summarise(fw, series.next().expect("the root is tracked"));
    let nodes = tracked[1..]
        .iter()
        .zip(series)
        .map(|(&n, s)| (fw.nodes[n].id.clone(), summarise(fw, s)))
        .collect();
    let rank = (!drawn.ranks.is_empty()).then(|| {
        let s = &mut drawn.ranks[r * draws..(r + 1) * draws];
        let scored = scored_first(s);
        let ranks = &mut s[..scored];
        RankSummary {
            median: percentile(ranks, 0.5),
            p05: percentile(ranks, 0.05),
            p95: percentile(ranks, 0.95),
        }
    });
    let sensitivity = options.sensitivity.then(|| {
        sensitivity::estimate(&drawn.runs[r], options.bootstrap, rng_boot)
            .into_iter()
            .zip(groups)
            .map(|(e, name)| SensitivityIndex {
                input: name.clone(),
                first_order: e.first_order,
                total: e.total,
                ci: e
                    .ci
                    .map(|(first_order, total)| Interval { first_order, total }),
            })
            .collect()
    });
    AssessmentAnalysis {
        uncertainty: Uncertainty {
            draws,
            seed: options.seed,
            overall,
            nodes: Keyed(nodes),
            rank,
        },
        sensitivity,
        leverage: Vec::new(),
        score_first: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{analyse, Options, Perturb};
    use super::*;
    use resilience::api;
    use resilience::assessment::{Confidence, Evidence};

    /// Indicator `i` scored `(i % 5)`, every fourth by three respondents, one left out.
    fn assessment(fw: &Framework, id: &str, shift: f64) -> Assessment {
        let mut a = Assessment::new(id.into(), fw.indicators.len());
        for i in 0..fw.indicators.len() {
            let v = ((i % 5) as f64 + shift).clamp(0.0, 4.0);
            let scores = match i {
                5 => vec![],
                _ if i % 4 == 0 => vec![v, (v + 1.0).min(4.0), (v - 1.0).max(0.0)],
                _ => vec![v],
            };
            a.push_scores(i, scores);
        }
        a
    }

    fn run_on(batch: &[Assessment], options: &Options) -> Vec<AssessmentAnalysis> {
        let fw = api::default_framework();
        let scored = api::score(&fw, batch);
        analyse(&fw, batch, &scored, options).unwrap()
    }

    #[test]
    fn a_seed_gives_the_same_numbers_and_another_seed_others() {
        let fw = api::default_framework();
        let batch = [assessment(&fw, "a", 0.0)];
        let o = Options {
            draws: 500,
            ..Options::default()
        };
        let first = run_on(&batch, &o);
        assert_eq!(first, run_on(&batch, &o));
        let json = |x: &Vec<AssessmentAnalysis>| serde_json::to_string(x).unwrap();
        assert_eq!(json(&first), json(&run_on(&batch, &o)));
        let other = run_on(
            &batch,
            &Options {
                seed: 2,
                ..o.clone()
            },
        );
        assert_ne!(first[0].uncertainty.overall, other[0].uncertainty.overall);
        // Sensitivity draws from its own stream: the uncertainty figures do not move.
        let without = run_on(
            &batch,
            &Options {
                sensitivity: false,
                ..o
            },
        );
        assert_eq!(first[0].uncertainty, without[0].uncertainty);
        assert!(without[0].sensitivity.is_none());
    }

    #[test]
    fn nothing_perturbed_is_the_plain_score() {
        let fw = api::default_framework();
        let batch = [assessment(&fw, "a", 0.0)];
        let base = api::score(&fw, &batch)[0].nodes[0].score;
        let o = Options {
            draws: 50,
            perturb: Perturb::NONE,
            ..Options::default()
        };
        let u = &run_on(&batch, &o)[0];
        let s = &u.uncertainty.overall;
        assert_eq!(
            (s.median, s.p05, s.p95),
            (Some(base), Some(base), Some(base))
        );
        let band = fw.band(base).unwrap();
        for (id, p) in &s.bands.0 {
            assert_eq!(*p, if id == band { 1.0 } else { 0.0 });
        }
        // No uncertain input: no groups, so no indices.
        assert_eq!(u.sensitivity, Some(vec![]));
    }

    #[test]
    fn intervals_hold_the_median_and_bands_add_up() {
        let fw = api::default_framework();
        let batch = [assessment(&fw, "a", 0.0)];
        let u = &run_on(&batch, &Options::default())[0];
        let all = std::iter::once(&u.uncertainty.overall)
            .chain(u.uncertainty.nodes.0.iter().map(|(_, s)| s));
        for s in all {
            let (lo, mid, hi) = (s.p05.unwrap(), s.median.unwrap(), s.p95.unwrap());
            assert!(lo < mid && mid < hi, "{s:?}");
            let total: f64 = s.bands.0.iter().map(|(_, p)| p).sum::<f64>() + s.unscored;
            assert!((total - 1.0).abs() < 1e-12, "{s:?}");
        }
        let ids: Vec<&str> = u
            .uncertainty
            .nodes
            .0
            .iter()
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(ids, ["citizenship", "security", "justice", "civil_society"]);
        let inputs: Vec<&str> = u
            .sensitivity
            .as_ref()
            .unwrap()
            .iter()
            .map(|s| s.input.as_str())
            .collect();
        assert_eq!(
            inputs,
            [
                "scores:citizenship",
                "scores:security",
                "scores:justice",
                "scores:civil_society",
                "weights",
                "method",
                "missing"
            ]
        );
    }

    #[test]
    fn only_weights_drive_a_weights_only_analysis() {
        let fw = api::default_framework();
        let batch = [assessment(&fw, "a", 0.0)];
        let o = Options {
            draws: 4000,
            perturb: Perturb {
                weights: true,
                ..Perturb::NONE
            },
            ..Options::default()
        };
        let s = run_on(&batch, &o)[0].sensitivity.clone().unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].input, "weights");
        assert!((s[0].total.unwrap() - 1.0).abs() < 0.05, "{s:?}");
        assert!((s[0].first_order.unwrap() - 1.0).abs() < 0.05, "{s:?}");
    }

    /// `a` with every single-assessor indicator's evidence at `confidence`.
    fn sure(mut a: Assessment, confidence: Option<Confidence>) -> Assessment {
        a.evidence = (0..a.spans.len())
            .filter(|&i| a.scores(i).len() == 1)
            .map(|i| Evidence {
                confidence,
                ..Evidence::new(i)
            })
            .collect();
        a
    }

    #[test]
    fn confidence_widens_or_narrows_the_interval() {
        let fw = api::default_framework();
        // What the app's "How sure is this score?" varies: the data, not the method.
        let o = Options {
            draws: 1000,
            sensitivity: false,
            perturb: Perturb {
                weights: false,
                method: false,
                ..Perturb::ALL
            },
            ..Options::default()
        };
        let width = |c: Option<Confidence>| {
            let batch = [sure(assessment(&fw, "a", 0.0), c)];
            let s = run_on(&batch, &o)[0].uncertainty.overall.clone();
            s.p95.unwrap() - s.p05.unwrap()
        };
        let (low, medium, high) = (
            width(Some(Confidence::Low)),
            width(Some(Confidence::Medium)),
            width(Some(Confidence::High)),
        );
        assert!(low > medium && medium > high, "{low} {medium} {high}");
        // Medium is the default: stating it changes no bit.
        let plain = run_on(&[assessment(&fw, "a", 0.0)], &o);
        let stated = run_on(
            &[sure(assessment(&fw, "a", 0.0), Some(Confidence::Medium))],
            &o,
        );
        assert_eq!(plain[0].uncertainty, stated[0].uncertainty);
        // Only the assessors' draws use it: with them off, confidence changes nothing.
        let fixed = Options {
            perturb: Perturb {
                assessors: false,
                ..Perturb::ALL
            },
            ..o
        };
        let lo = run_on(
            &[sure(assessment(&fw, "a", 0.0), Some(Confidence::Low))],
            &fixed,
        );
        let hi = run_on(
            &[sure(assessment(&fw, "a", 0.0), Some(Confidence::High))],
            &fixed,
        );
        assert_eq!(lo[0].uncertainty, hi[0].uncertainty);
    }

    #[test]
    fn batch_ranks() {
        let fw = api::default_framework();
        let batch = [
            assessment(&fw, "low", -1.0),
            assessment(&fw, "high", 1.0),
            assessment(&fw, "mid", 0.0),
        ];
        let o = Options {
            draws: 300,
            sensitivity: false,
            ..Options::default()
        };
        let out = run_on(&batch, &o);
        let median = |r: usize| out[r].uncertainty.rank.unwrap().median.unwrap();
        assert_eq!((median(0), median(1), median(2)), (3.0, 1.0, 2.0));
        let one = run_on(&batch[..1], &o);
        assert!(one[0].uncertainty.rank.is_none());
    }

    #[test]
    fn ranks_share_ties() {
        let (mut order, mut ranks) = (Vec::new(), vec![0.0; 5]);
        rank_into(&[50.0, 70.0, f64::NAN, 50.0, 20.0], &mut order, &mut ranks);
        assert_eq!(ranks[..2], [2.0, 1.0]);
        assert!(ranks[2].is_nan());
        assert_eq!(ranks[3..], [2.0, 4.0]);
    }

    #[test]
    fn too_much_to_keep_is_refused() {
        let fw = api::default_framework();
        let batch: Vec<Assessment> = (0..200)
            .map(|i| assessment(&fw, &format!("a{i}"), 0.0))
            .collect();
        let scored = api::score(&fw, &batch);
        let o = Options {
            draws: 100_000,
            ..Options::default()
        };
        let e = analyse(&fw, &batch, &scored, &o).unwrap_err();
        assert_eq!(
            (e.code, e.issues[0].path.as_str()),
            ("invalid_argument", "$.draws")
        );
    }
}
