//! How sure is a score, what drives it, and where reform would help most.
//!
//! - `uncertainty`: seeded Monte Carlo over the uncertain parts of an assessment (assessors'
//!   scores, respondents, weights, aggregation method, missing-data rule), summarised by
//!   percentiles, band probabilities and, in a batch, ranks.
//! - `sensitivity`: first-order and total Sobol indices of the overall score by group of inputs.
//! - `leverage`: how much the overall score rises when one indicator improves.
//!
//! Every random number comes from xoshiro256++ seeded by the options' seed, and all arithmetic
//! is plain IEEE (exp/ln through `libm`), so a seed gives the same bits natively and in wasm.
//! The model itself is the scoring pipeline (`pipeline::{respondents, normalise, aggregate}`).

pub mod leverage;
pub mod quantiles;
pub mod sensitivity;
pub mod uncertainty;

use rand_core::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use resilience::api::ApiError;
use resilience::assessment::Assessment;
use resilience::framework::Framework;
use resilience::issue::{Fields, Issue};
use resilience::pipeline::aggregate::{aggregate, NodeScore, Params};
use resilience::pipeline::normalise::normalise_into;
use resilience::pipeline::Scored;
use resilience::result::AssessmentResult;
use resilience::value::{path_index, quote, Value};
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

/// Most draws one analysis may ask for.
pub const MAX_DRAWS: usize = 100_000;
/// Most numbers one analysis may keep (draws × assessments × what is kept of each draw),
/// about 128 MB: beyond it, lower the draws, turn sensitivity off or split the batch.
pub const MAX_KEPT: usize = 16_000_000;
/// Largest seed: JSON numbers are exact integers up to 2⁵³ − 1.
pub const MAX_SEED: u64 = (1 << 53) - 1;
pub const MAX_BOOTSTRAP: usize = 10_000;

/// What the uncertainty analysis perturbs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Perturb {
    /// Single-assessor scores move uniformly within ± half a step of the scale (±0.5 on 0–4),
    /// a whole step with low confidence, a quarter with high.
    pub assessors: bool,
    /// Multi-respondent indicators: a bootstrap resample of their respondents.
    pub respondents: bool,
    /// Each weight times a uniform factor in [0.5, 1.5].
    pub weights: bool,
    /// The overall and the pillar-level aggregation each a mean-min function with α drawn
    /// uniformly in [0, 0.5] (β = 0): from the arithmetic mean halfway to the minimum.
    pub method: bool,
    /// Missing values left out (reweighting) or imputed at the lowest score among their scored
    /// siblings, each half the time.
    pub missing: bool,
}

pub const PERTURBATIONS: &[&str] = &["assessors", "respondents", "weights", "method", "missing"];

impl Perturb {
    pub const ALL: Perturb = Perturb {
        assessors: true,
        respondents: true,
        weights: true,
        method: true,
        missing: true,
    };
    /// What the answers could have been, with the framework's weights and method as set: the
    /// app's "How sure is this score?" and the report's ranges, whose texts say so.
    pub const DATA: Perturb = Perturb {
        assessors: true,
        respondents: true,
        weights: false,
        method: false,
        missing: true,
    };
    pub const NONE: Perturb = Perturb {
        assessors: false,
        respondents: false,
        weights: false,
        method: false,
        missing: false,
    };

    fn flags(&self) -> [bool; 5] {
        [
            self.assessors,
            self.respondents,
            self.weights,
            self.method,
            self.missing,
        ]
    }

    fn flag(&mut self, name: &str) -> Option<&mut bool> {
        Some(match name {
            "assessors" => &mut self.assessors,
            "respondents" => &mut self.respondents,
            "weights" => &mut self.weights,
            "method" => &mut self.method,
            "missing" => &mut self.missing,
            _ => return None,
        })
    }

    /// The names of what is on, in `PERTURBATIONS` order.
    pub fn names(&self) -> Vec<&'static str> {
        PERTURBATIONS
            .iter()
            .zip(self.flags())
            .filter(|(_, on)| *on)
            .map(|(n, _)| *n)
            .collect()
    }
}

/// Options of an analysis, as read from JSON:
/// `{"draws": 2000, "seed": 1, "perturb": ["assessors", …], "sensitivity": true, "bootstrap": 200}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Monte Carlo draws, 1..=`MAX_DRAWS`; also the base sample of the Sobol design.
    pub draws: usize,
    pub seed: u64,
    pub perturb: Perturb,
    /// Compute Sobol indices (costs `groups + 1` more evaluations per draw).
    pub sensitivity: bool,
    /// Bootstrap replicates for the Sobol confidence intervals (0: none).
    pub bootstrap: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            draws: 2000,
            seed: 1,
            perturb: Perturb::ALL,
            sensitivity: true,
            bootstrap: 200,
        }
    }
}

const OPTION_FIELDS: &[&str] = &["draws", "seed", "perturb", "sensitivity", "bootstrap"];

impl Options {
    /// Reads options; null or absent fields take the defaults. Every problem is reported.
    pub fn from_value(value: &Value) -> Result<Options, Vec<Issue>> {
        let mut o = Options::default();
        if matches!(value, Value::Null) {
            return Ok(o);
        }
        let mut issues = Vec::new();
        let Some(f) = Fields::open(value, "$", OPTION_FIELDS, &mut issues) else {
            return Err(issues);
        };
        let mut whole = |key: &str, default: u64, min: u64, max: u64| {
            let x = f.number(key, Some(default as f64), &mut issues)?;
            if x.fract() != 0.0 || x < min as f64 || x > max as f64 {
                issues.push(Issue::new(
                    f.at(key),
                    format!("must be a whole number from {min} to {max}, found {x}"),
                ));
                return None;
            }
            Some(x as u64)
        };
        if let Some(d) = whole("draws", 2000, 1, MAX_DRAWS as u64) {
            o.draws = d as usize;
        }
        if let Some(s) = whole("seed", 1, 0, MAX_SEED) {
            o.seed = s;
        }
        if let Some(b) = whole("bootstrap", 200, 0, MAX_BOOTSTRAP as u64) {
            o.bootstrap = b as usize;
        }
        match f.get("perturb") {
            None => {}
            Some(Value::Array(items)) => {
                o.perturb = Perturb::NONE;
                for (i, item) in items.iter().enumerate() {
                    let flag = item.as_str().and_then(|s| o.perturb.flag(s));
                    match flag {
                        Some(on) => *on = true,
                        None => issues.push(Issue::new(
                            path_index(&f.at("perturb"), i),
                            match item.as_str() {
                                Some(s) => format!(
                                    "unknown perturbation {}; expected one of: {}",
                                    quote(s),
                                    PERTURBATIONS.join(", ")
                                ),
                                None => format!("expected a string, found {}", item.kind()),
                            },
                        )),
                    }
                }
            }
            Some(other) => issues.push(Issue::new(
                f.at("perturb"),
                format!(
                    "expected a list such as [\"assessors\", \"weights\"], found {}",
                    other.kind()
                ),
            )),
        }
        match f.get("sensitivity") {
            None => {}
            Some(Value::Bool(b)) => o.sensitivity = *b,
            Some(other) => issues.push(Issue::new(
                f.at("sensitivity"),
                format!("expected true or false, found {}", other.kind()),
            )),
        }
        if issues.is_empty() {
            Ok(o)
        } else {
            Err(issues)
        }
    }
}

impl Serialize for Options {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Options", 5)?;
        o.serialize_field("draws", &self.draws)?;
        o.serialize_field("seed", &self.seed)?;
        o.serialize_field("perturb", &self.perturb.names())?;
        o.serialize_field("sensitivity", &self.sensitivity)?;
        o.serialize_field("bootstrap", &self.bootstrap)?;
        o.end()
    }
}

/// Entries that serialise as a JSON object, in this order (ids in framework order).
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<T>(pub Vec<(String, T)>);

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// The simulated distribution of one node's score. `None` when no draw scored it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub median: Option<f64>,
    pub p05: Option<f64>,
    pub p95: Option<f64>,
    /// Band id → share of draws in it, in framework order.
    pub bands: Keyed<f64>,
    /// Share of draws without a score (too little coverage); with `bands`, adds up to 1.
    pub unscored: f64,
}

/// An assessment's rank in its batch over the draws (1 = highest overall score; tied
/// scores share the best rank), among the assessments scored in each draw.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RankSummary {
    pub median: Option<f64>,
    pub p05: Option<f64>,
    pub p95: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Uncertainty {
    pub draws: usize,
    pub seed: u64,
    pub overall: Summary,
    /// Every group below the root (the pillars, in the default framework), by id.
    pub nodes: Keyed<Summary>,
    /// Only for batches of two or more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<RankSummary>,
}

/// Sobol indices of the overall score for one group of inputs: `scores:PILLAR` (assessors'
/// and respondents' uncertainty in that pillar's indicators), `weights`, `method`, `missing`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityIndex {
    pub input: String,
    pub first_order: Option<f64>,
    pub total: Option<f64>,
    /// 95% bootstrap intervals; null with no bootstrap or undefined indices.
    pub ci: Option<Interval>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub first_order: [f64; 2],
    pub total: [f64; 2],
}

/// What improving one indicator does to the overall score, in score points (0–100).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leverage {
    pub indicator: String,
    /// The indicator's (combined) value now, on its own scale.
    pub value: f64,
    /// The value one anchor step better.
    pub next: f64,
    pub gain_one_step: f64,
    pub gain_to_top: f64,
    /// A critical indicator (its bottom anchor describes atrocity-related conduct).
    pub critical: bool,
}

/// The analysis of one assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentAnalysis {
    pub uncertainty: Uncertainty,
    /// Null when not asked for.
    pub sensitivity: Option<Vec<SensitivityIndex>>,
    /// Ranked, largest one-step gain first: where reform would help most. Empty when the
    /// overall score is missing; unscored indicators are listed in `score_first` instead.
    pub leverage: Vec<Leverage>,
    /// Indicators without a score (not "not applicable"), in framework order: score these
    /// first, since the gains above cannot weigh them.
    pub score_first: Vec<String>,
}

/// Analyses a batch, one `AssessmentAnalysis` per assessment in order; `scored` is the batch's
/// scoring (`pipeline::score_batch`). Fails (`invalid_argument`, at `$.draws`) when the batch
/// and the options would keep more than `MAX_KEPT` numbers.
pub fn analyse(
    fw: &Framework,
    batch: &[Assessment],
    scored: &[Scored],
    options: &Options,
) -> Result<Vec<AssessmentAnalysis>, ApiError> {
    let kept = uncertainty::kept_numbers(fw, batch, options);
    if kept > MAX_KEPT {
        return Err(ApiError::one(
            "invalid_argument",
            "$.draws",
            format!(
                "{} draws of {} assessment(s) would keep {kept} numbers, more than {MAX_KEPT}: \
                 lower the draws, turn sensitivity off or split the batch",
                options.draws,
                batch.len()
            ),
        ));
    }
    let mut out = uncertainty::run(fw, batch, options);
    for (a, (l, first)) in out.iter_mut().zip(leverage::leverage(fw, batch, scored)) {
        a.leverage = l;
        a.score_first = first;
    }
    Ok(out)
}

/// The pipeline's buffers for the analyses' many re-scorings, kept from one to the next so
/// that they allocate nothing: indicator values in (`values`, row-major), their normalised
/// scores (`scores`), one row's node scores (`nodes`).
#[derive(Default)]
pub(crate) struct Rescoring {
    pub values: Vec<f64>,
    pub scores: Vec<f64>,
    pub nodes: Vec<NodeScore>,
    constant: Vec<usize>,
    sorted: Vec<f64>,
    pairs: Vec<(f64, f64)>,
}

impl Rescoring {
    /// Normalises `rows` rows of `values` into `scores`.
    pub fn normalise(&mut self, fw: &Framework, rows: usize) {
        normalise_into(
            fw,
            &self.values,
            rows,
            &mut self.scores,
            &mut self.constant,
            &mut self.sorted,
        );
    }

    /// Aggregates the row of `scores` that starts at `start` into `nodes`.
    pub fn aggregate(
        &mut self,
        fw: &Framework,
        params: &Params,
        start: usize,
        not_applicable: &[usize],
    ) {
        let n = fw.indicators.len();
        aggregate(
            fw,
            params,
            &self.scores[start..start + n],
            not_applicable,
            &mut self.nodes,
            &mut self.pairs,
        );
    }
}

/// The random streams of one analysis: `A` draws (the Monte Carlo sample), `B` draws (the
/// second Sobol sample) and the bootstrap, 2¹²⁸ steps apart in one xoshiro256++ sequence.
pub fn streams(seed: u64) -> (Xoshiro256PlusPlus, Xoshiro256PlusPlus, Xoshiro256PlusPlus) {
    let a = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut b = a.clone();
    b.jump();
    let mut boot = b.clone();
    boot.jump();
    (a, b, boot)
}

/// Fills `out` with uniform numbers in [0, 1): the top 53 bits of each 64-bit output.
pub fn uniforms(rng: &mut Xoshiro256PlusPlus, out: &mut [f64]) {
    const SCALE: f64 = 1.0 / (1u64 << 53) as f64;
    for x in out {
        *x = (rng.next_u64() >> 11) as f64 * SCALE;
    }
}

/// A batch scored and analysed, owned: what an [`AnalysisDoc`] shows.
pub struct Analysed {
    pub scored: Vec<Scored>,
    pub analyses: Vec<AssessmentAnalysis>,
}

/// Scores `batch` and analyses it with `options`: `analyse` and `report`, in the CLI and in the
/// browser, start here. The whole batch is scored, since a batch's normalisation (minmax, rank)
/// depends on all of it.
pub fn score_and_analyse(
    fw: &Framework,
    batch: &[Assessment],
    options: &Options,
) -> Result<Analysed, ApiError> {
    let scored = resilience::api::score(fw, batch);
    let analyses = analyse(fw, batch, &scored, options)?;
    Ok(Analysed { scored, analyses })
}

impl Analysed {
    /// The output document of this analysis of `batch` under `fw` with `options`.
    pub fn doc<'a>(
        &'a self,
        fw: &'a Framework,
        batch: &'a [Assessment],
        options: &'a Options,
    ) -> AnalysisDoc<'a> {
        AnalysisDoc {
            fw,
            batch,
            scored: &self.scored,
            options,
            analyses: &self.analyses,
        }
    }
}

/// The analysis output: the result contract of `score` with, in each result, `uncertainty`,
/// `sensitivity` and `leverage`, and the options used:
/// `{"framework": {"id", "version"}, "options": {…}, "results": [...]}`.
pub struct AnalysisDoc<'a> {
    pub fw: &'a Framework,
    pub batch: &'a [Assessment],
    pub scored: &'a [Scored],
    pub options: &'a Options,
    pub analyses: &'a [AssessmentAnalysis],
}

/// The framework an output was scored with: `{"id", "version"}`.
#[derive(Serialize)]
pub struct FrameworkRef<'a> {
    pub id: &'a str,
    pub version: &'a str,
}

impl<'a> AnalysisDoc<'a> {
    pub fn framework(&self) -> FrameworkRef<'a> {
        FrameworkRef {
            id: &self.fw.id,
            version: &self.fw.version,
        }
    }

    /// Assessment `k`'s entry of `results`.
    pub fn result(&self, k: usize) -> AnalysedResult<'a> {
        AnalysedResult {
            result: AssessmentResult {
                fw: self.fw,
                assessment: &self.batch[k],
                scored: &self.scored[k],
            },
            analysis: &self.analyses[k],
        }
    }
}

impl Serialize for AnalysisDoc<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct List<'a>(&'a AnalysisDoc<'a>);
        impl Serialize for List<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let d = self.0;
                let mut seq = s.serialize_seq(Some(d.batch.len()))?;
                for k in 0..d.batch.len() {
                    seq.serialize_element(&d.result(k))?;
                }
                seq.end()
            }
        }
        let mut doc = s.serialize_struct("Analysis", 3)?;
        doc.serialize_field("framework", &self.framework())?;
        doc.serialize_field("options", self.options)?;
        doc.serialize_field("results", &List(self))?;
        doc.end()
    }
}

/// One result of the contract followed by its analysis's fields.
#[derive(Serialize)]
pub struct AnalysedResult<'a> {
    #[serde(flatten)]
    result: AssessmentResult<'a>,
    #[serde(flatten)]
    analysis: &'a AssessmentAnalysis,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Options, Vec<Issue>> {
        Options::from_value(&serde_json::from_str(json).unwrap())
    }

    #[test]
    fn options_defaults_and_choices() {
        assert_eq!(read("{}").unwrap(), Options::default());
        assert_eq!(read("null").unwrap(), Options::default());
        let o = read(
            r#"{"draws": 500, "seed": 42, "perturb": ["weights", "method"], "sensitivity": false}"#,
        )
        .unwrap();
        assert_eq!((o.draws, o.seed, o.sensitivity), (500, 42, false));
        assert_eq!(o.perturb.names(), vec!["weights", "method"]);
        assert_eq!(read(r#"{"perturb": []}"#).unwrap().perturb, Perturb::NONE);
        assert_eq!(read(r#"{"draws": 100000}"#).unwrap().draws, 100_000);
    }

    #[test]
    fn bad_options_are_named() {
        let issues = read(
            r#"{"draws": 0, "seed": -1, "perturb": ["weights", "noise", 3], "sensitivity": "yes", "n": 1}"#,
        )
        .unwrap_err();
        let text: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
        let expected = [
            "$.n: unknown field \"n\"",
            "$.draws: must be a whole number from 1 to 100000, found 0",
            "$.seed: must be a whole number from 0 to 9007199254740991, found -1",
            "$.perturb[1]: unknown perturbation \"noise\"",
            "$.perturb[2]: expected a string, found a number",
            "$.sensitivity: expected true or false, found a string",
        ];
        for e in expected {
            assert!(text.iter().any(|t| t.starts_with(e)), "{e}\n{text:#?}");
        }
        assert_eq!(issues.len(), expected.len(), "{text:#?}");
        let issues = read(r#"{"draws": 100001}"#).unwrap_err();
        assert_eq!(issues[0].path, "$.draws");
        assert!(read(r#"{"draws": 2.5}"#).is_err());
        assert!(read("[]").is_err());
    }

    #[test]
    fn streams_are_fixed_by_the_seed() {
        let (mut a, mut b, _) = streams(1);
        let (mut x, mut y) = ([0.0; 4], [0.0; 4]);
        uniforms(&mut a, &mut x);
        uniforms(&mut b, &mut y);
        assert!(x.iter().chain(&y).all(|u| (0.0..1.0).contains(u)));
        assert_ne!(x, y);
        let (mut a2, _, _) = streams(1);
        let mut x2 = [0.0; 4];
        uniforms(&mut a2, &mut x2);
        assert_eq!(x, x2);
    }
}
