//! The engine's JavaScript API (every module has it): reads JS values into the engine's types
//! and writes results back. Objects go in and out in the CLI's JSON shapes; problems are thrown
//! as `Error`s with `.code` and `.issues` (`[{path, message}]`), never a trap.

#[cfg(feature = "csv-read")]
use crate::json_out;
use crate::Error;
use resilience::api::{self, ApiError};
use resilience::framework::Framework;
use resilience::issue::Issue;
use resilience::json;
use resilience::json_text::{self, Out};
use resilience::result::{AssessmentResult, Results};
use resilience::value::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// The engine's problems, thrown: an `Error` (its message, e.g. `invalid_input: $.id: …`) with
/// `.code` and `.issues`.
impl From<ApiError> for Error {
    fn from(e: ApiError) -> Error {
        let issues = parsed(|o| write_issues(o, &e.issues)).unwrap_or(JsValue::NULL);
        Error::new(e.code, &e.summary()).with("issues", &issues)
    }
}

/// What `write` writes, as a JS value: JSON text read by `JSON.parse` (one crossing). The
/// core's results, reports and problems are written so (`resilience::json_text`), without
/// serde's code.
fn parsed(write: impl FnOnce(&mut dyn Out)) -> Option<JsValue> {
    crate::js::json_parse(&json_text::to_text(write)).ok()
}

/// [`parsed`], or the `internal` error where `JSON.parse` refused it.
fn written(write: impl FnOnce(&mut dyn Out)) -> Result<JsValue, Error> {
    parsed(write).ok_or_else(|| internal().into())
}

fn internal() -> ApiError {
    ApiError::one("internal", "$", "a result could not be written")
}

/// `[{path, message}]`.
fn write_issues(o: &mut dyn Out, issues: &[Issue]) {
    o.open(true);
    for i in issues {
        o.open(false);
        o.str_field("path", &i.path);
        o.str_field("message", &i.message);
        o.close();
    }
    o.close();
}

/// Any serde value as a JS value, through JSON text (json_out.rs): the other modules' outputs.
#[cfg(feature = "csv-read")]
pub(crate) fn to_js<T: serde::Serialize + ?Sized>(v: &T) -> Result<JsValue, Error> {
    json_out::to_string(v)
        .and_then(|text| crate::js::json_parse(&text).ok())
        .ok_or_else(|| internal().into())
}

#[wasm_bindgen(module = "/js/json-of.js")]
extern "C" {
    /// A JS value as JSON text (with `NaN`, `Infinity` and `-Infinity` where it has them), or
    /// `[path, message]` where it holds what JSON data cannot: a function, a symbol, a BigInt, a
    /// Map key that is not text, a cycle or nesting past [`resilience::value::MAX_DEPTH`]. In
    /// JavaScript (`crates/wasm/js/json-of.js`, written into `resilience.js` by `./build.sh`): the
    /// walk through the value was 1.9 KB gzipped of the core's wasm.
    #[wasm_bindgen(js_name = resilienceJsonOf)]
    fn json_of(js: &JsValue) -> JsValue;
}

/// Reads any JS value as JSON-like data; what cannot be (a function, a symbol, a cycle or
/// nesting past the limit) is a `code` problem at its path. NaN and infinities are kept (the
/// engine names them), `undefined` is null (as a missing member), a Map's entries and any other
/// iterable's items are read.
pub(crate) fn read_value(js: &JsValue, code: &'static str) -> Result<Value, ApiError> {
    let read = json_of(js);
    if let Some(text) = read.as_string() {
        return json::parse_js(&text, &parse_float)
            .ok_or_else(|| ApiError::one(code, "$", "expected JSON data"));
    }
    let problem: &crate::js::Indexed = read.unchecked_ref();
    let text = |i| problem.get(i).as_string().unwrap_or_default();
    Err(ApiError::one(code, &text(0), text(1)))
}

/// JavaScript's `parseFloat` of a number in JSON's syntax: correctly rounded like Rust's, whose
/// tables would add 17 KB to the module (json.rs).
fn parse_float(t: &str) -> Option<f64> {
    Some(crate::js::parse_float(t)).filter(|v| !v.is_nan())
}

/// JSON text read, its rare hard numbers (more than 15 digits …) by [`parse_float`].
pub(crate) fn parse_json(text: &str) -> Option<Value> {
    json::parse_with(text, &parse_float)
}

/// How many frameworks are kept read: the app scores with the current one and with the
/// earlier versions its records were made under, alternately on the list page.
const KEEP: usize = 4;

thread_local! {
    /// The frameworks read last, by the identity of the JS value passed (an object, or JSON
    /// text), most recent first: a page that passes the same one on every keystroke reads it once.
    static READ: RefCell<Vec<(JsValue, Rc<Framework>)>> = const { RefCell::new(Vec::new()) };
}

/// The framework to work with: a framework object, or its JSON text (as fetched: read here at
/// once, without a walk through the object). No module has one built in since the default
/// framework's texts left the core (the page fetches `frameworks/default.<lang>.json`).
pub(crate) fn framework_of(fw: &Option<JsValue>) -> Result<Rc<Framework>, ApiError> {
    let Some(js) = fw
        .as_ref()
        .filter(|js| !(js.is_null() || js.is_undefined()))
    else {
        return Err(ApiError::one(
            "invalid_argument",
            "fw",
            "no framework: pass one, as an object or as JSON text",
        ));
    };
    let hit = READ.with(|r| {
        r.borrow()
            .iter()
            .find(|(k, _)| crate::js::same(k, js))
            .map(|(_, f)| f.clone())
    });
    if let Some(f) = hit {
        return Ok(f);
    }
    let f = Rc::new(read_framework(js)?);
    READ.with(|r| {
        let mut r = r.borrow_mut();
        r.insert(0, (js.clone(), f.clone()));
        r.truncate(KEEP);
    });
    Ok(f)
}

/// A framework object or its JSON text, read.
fn read_framework(js: &JsValue) -> Result<Framework, ApiError> {
    let value = match js.as_string() {
        Some(text) => parse_json(&text)
            .ok_or_else(|| ApiError::one("invalid_json", "$", "the framework text is not JSON"))?,
        None => read_value(js, "invalid_framework")?,
    };
    api::framework(&value)
}

/// Input as JSON data: a JS value, or JSON text (a string starting with `{` or `[`: read at
/// once, as the page sends it). `None` for other text (CSV).
fn json_input(input: &JsValue) -> Option<Result<Value, ApiError>> {
    let Some(text) = input.as_string() else {
        return Some(read_value(input, "invalid_input"));
    };
    // (The first character that is not whitespace, as `trim_start` finds it.)
    let first = text.chars().find(|c| !c.is_whitespace());
    matches!(first, Some('{' | '[')).then(|| {
        parse_json(&text)
            .ok_or_else(|| ApiError::one("invalid_json", "$", "the input text is not JSON"))
    })
}

/// A batch: JSON data or text (`{assessments: [...]}` or one assessment), or CSV text.
pub(crate) fn read_batch(
    input: &JsValue,
    fw: &Framework,
) -> Result<Vec<resilience::Assessment>, ApiError> {
    match json_input(input) {
        Some(value) => api::assessments_from_json(&value?, fw),
        None => read_csv(&input.as_string().unwrap_or_default(), fw),
    }
}

#[cfg(feature = "csv-read")]
fn read_csv(text: &str, fw: &Framework) -> Result<Vec<resilience::Assessment>, ApiError> {
    api::assessments_from_csv(text, fw)
}

/// The core leaves CSV reading out (17 KB gzipped of the first load): the analysis and
/// spreadsheets modules read it.
#[cfg(not(feature = "csv-read"))]
fn read_csv(_: &str, _: &Framework) -> Result<Vec<resilience::Assessment>, ApiError> {
    Err(ApiError::one(
        "invalid_input",
        "$",
        "CSV input is read by the analysis and spreadsheets modules; this one reads JSON",
    ))
}

/// The engine API's TypeScript types (in `resilience.d.ts`), kept in step with what the
/// result writer writes by a test. (wasm-bindgen's attribute below reads it in a macro, which
/// rustc does not count as a use, on wasm32 or natively.)
#[allow(dead_code)]
const TYPES_TEXT: &str = r#"
/** Text by language code, e.g. {"en": "…", "fr": "…"}. */
export type Translations = { [lang: string]: string };
export interface Anchor { value: number; label: Translations }
export interface Scale { min: number; max: number; anchors?: Anchor[] }
export type Aggregation = "arithmetic" | "geometric" | "harmonic" | "minimum" | "mean_min" | "power_mean";
export type Normalisation = "scale" | "minmax" | "rank" | "zscore" | "distance_to_target" | "distance_to_best";
/** A node of the framework tree: a group (with `children`) or an indicator (without). */
export interface FrameworkNode {
  id: string;
  title: Translations;
  description?: Translations;
  /** Relative weight among its siblings, > 0; default 1. */
  weight?: number;
  aggregation?: Aggregation;
  /** `mean_min` only: 0–1, how far the mean is lowered towards the minimum. */
  alpha?: number;
  /** `mean_min` only: ≥ 0, default 0. */
  beta?: number;
  /** `power_mean` only: the power (1 arithmetic, 0 geometric, −1 harmonic). */
  p?: number;
  /** 0–1: the share of the children's weight that must be scored; default 0. */
  min_coverage?: number;
  /** A band id: the group's band is at most this one while a critical indicator below it is at the bottom. */
  cap_on_alarm?: string;
  children?: FrameworkNode[];
  definition?: Translations;
  guidance?: Translations;
  scale?: Scale;
  direction?: "higher_is_better" | "higher_is_worse";
  normalisation?: Normalisation;
  /** [lowest, highest] score of every normalisation but `zscore`; default [0, 100]. */
  normalised_range?: [number, number];
  /** `zscore` only: the mean and standard deviation the z-scores are given; default 0 and 1. */
  zscore?: { mean?: number; sd?: number };
  /** `distance_to_target` only: the value that scores the top of the range. */
  target?: number;
  /** Its bottom anchor describes atrocity-related conduct: reaching it raises an alarm. */
  critical?: boolean;
  sources?: string[];
  /** Indicators only: Framework of Analysis references, "9" (a risk factor) or "9.1". */
  foa?: string[];
  /** Indicators only: at most 3 reform measures, each with the document it comes from. */
  measures?: { title: Translations; source: string }[];
}
/** A risk factor of the UN Framework of Analysis for Atrocity Crimes (2014): id "1" to "14". */
export interface RiskFactor { id: string; title: Translations }
/** A warning sign (an enabling circumstance or preparatory action) or a trigger (an event). */
export interface ContextItem {
  id: string;
  kind: "sign" | "trigger";
  foa?: string[];
  title: Translations;
  guidance?: Translations;
}
export interface Band { id: string; min: number; title?: Translations }
export interface Framework {
  id: string;
  version: string;
  title: Translations;
  description?: Translations;
  languages?: string[];
  respondent_aggregation?: "median" | "mean";
  bands: Band[];
  /** Band ids: a pillar in one of them, with a sign or trigger present, raises the early-warning alert. */
  alert_bands?: string[];
  risk_factors?: RiskFactor[];
  context?: ContextItem[];
  root: FrameworkNode;
}
/** Why a score is missing: "not_applicable" leaves it out of coverage; the others count as missing. */
export interface MissingScore { missing: "dont_know" | "not_applicable" | "unsafe_to_ask" }
/** One score, one per respondent, a reason instead of a score, or not scored. */
export type Score = number | (number | MissingScore | null)[] | MissingScore | null;
export interface Assessment {
  id: string;
  unit?: string | null;
  /** YYYY-MM-DD, YYYY-MM or YYYY */
  date?: string | null;
  scores?: { [indicatorId: string]: Score };
  notes?: { [indicatorId: string]: string | null };
  /** Warning signs and triggers by id; one left out is "not assessed". */
  context?: { [itemId: string]: ContextAnswer };
  evidence?: { [indicatorId: string]: Evidence };
  /** The same indicators scored as each group experiences them (at most 100 groups). */
  groups?: { [groupName: string]: { scores: { [indicatorId: string]: Score } } };
}
export interface ContextAnswer {
  /** "unknown": looked, could not tell (never read as absent). */
  status: "present" | "absent" | "unknown";
  date?: string;
  note?: string;
}
export type SourceKind = "interview" | "focus_group" | "document" | "media" | "official_statistics" | "observation" | "reference_data";
export interface Evidence {
  source?: SourceKind | SourceKind[];
  date?: string;
  /** Default "medium". */
  confidence?: "low" | "medium" | "high";
}
export interface AssessmentBatch { assessments: Assessment[] }
/** A batch as JSON, or CSV text (one row per respondent: id, unit, date, indicator ids…). */
export type BatchInput = Assessment | AssessmentBatch | string;
export interface GroupResult {
  score: number | null;
  /** The band shown: the score's, or lower where an alarm capped it. */
  band: string | null;
  coverage: number;
  /** Present only when an alarm lowered the band: the score's own band, and the indicators at the bottom. */
  band_uncapped?: string;
  capped_by?: string[];
  reason?: string;
}
export interface IndicatorResult {
  value: number | null;
  score: number | null;
  respondents: number;
  spread: number | null;
  missing?: "dont_know" | "not_applicable" | "unsafe_to_ask";
  reason?: string;
}
export interface Alarm {
  indicator: string;
  kind: "at_bottom" | "respondent_at_bottom" | "group_gap";
  respondents_at_bottom: number;
  respondents: number;
  /** `group_gap` only: the worst- and best-off groups, by name. */
  worst_group?: string;
  best_group?: string;
}
/** The early-warning alert: why it is raised. */
export interface EarlyWarning {
  /** The signs and triggers answered present. */
  signs: string[];
  reasons: { code: "alarm" | "band" | "unscored"; node: string; kind?: Alarm["kind"]; band?: string }[];
}
/** Every warning sign and trigger by its answer, in framework order. */
export interface ContextResult {
  present: { id: string; kind: "sign" | "trigger"; date?: string; note?: string }[];
  absent: string[];
  unknown: string[];
  not_assessed: string[];
}
/** One group's scores, written as the assessment's own are. */
export interface GroupScores {
  name: string;
  overall: GroupResult;
  pillars: { [pillarId: string]: GroupResult };
  alarms: Alarm[];
}
export interface ResultWarning {
  code: "disagreement" | "low_coverage" | "partial_coverage" | "constant_indicator" | "zero_in_mean";
  node: string;
  message: string;
}
export interface AssessmentResult {
  id: string;
  unit: string | null;
  date: string | null;
  /** `null` unless a sign or trigger is present while an alarm is raised or a pillar is in an alert band or unscored. */
  early_warning: EarlyWarning | null;
  overall: GroupResult;
  /** Critical indicators at, or reported at, the bottom of their scale; framework order. */
  alarms: Alarm[];
  /** `null` when the framework has no warning signs. */
  context: ContextResult | null;
  nodes: { [nodeId: string]: GroupResult | IndicatorResult };
  red_flags: string[];
  /** The pillars sharing the lowest score; empty when all scored pillars are equal. */
  weakest: string[];
  warnings: ResultWarning[];
  /** Low-confidence scores that drive a pillar. */
  low_confidence: { indicator: string; pillar: string; score: number }[];
  /** `null` when the framework lists no risk factors. */
  foa_coverage: {
    informed: { risk_factor: string; foa: string[]; indicators: string[] }[];
    not_informed: string[];
  } | null;
  /** Present only when the assessment scores groups. */
  groups?: GroupScores[];
  /** Per pillar, the best- and worst-off groups and the gap between them. */
  group_gaps?: { pillar: string; best: string; worst: string; gap: number }[];
}
export interface BatchResult { framework: { id: string; version: string }; results: AssessmentResult[] }
export interface Issue { path: string; message: string }
/** `warnings` (validateFramework only, when there are any): valid, but likely not meant. */
export interface Report { valid: boolean; count: number; issues: Issue[]; warnings?: Issue[] }
/** What every function throws on bad input. */
export interface ResilienceError extends Error {
  code: "invalid_framework" | "invalid_input" | "invalid_json" | "invalid_argument" | "internal";
  issues: Issue[];
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = TYPES_TEXT;

struct Report {
    valid: bool,
    /// Assessments read (validate) or indicators defined (validateFramework).
    count: usize,
    issues: Vec<Issue>,
    /// The framework's warnings (validateFramework), when there are any.
    warnings: Vec<Issue>,
}

impl Report {
    /// The report of a reading: what was read (its count and warnings), or every problem.
    fn of(read: Result<(usize, Vec<Issue>), ApiError>) -> Report {
        match read {
            Ok((count, warnings)) => Report {
                valid: true,
                count,
                issues: vec![],
                warnings,
            },
            Err(e) => Report {
                valid: false,
                count: 0,
                issues: e.issues,
                warnings: vec![],
            },
        }
    }

    /// `{valid, count, issues, warnings?}` as a JS value.
    fn to_js(&self) -> Result<JsValue, Error> {
        written(|o| {
            o.open(false);
            o.key("valid");
            o.bool(self.valid);
            o.key("count");
            o.uint(self.count as u64);
            o.key("issues");
            write_issues(o, &self.issues);
            if !self.warnings.is_empty() {
                o.key("warnings");
                write_issues(o, &self.warnings);
            }
            o.close();
        })
    }
}

/// Checks a framework: `{valid, count (indicators), issues: [{path, message}], warnings?}`.
/// Not in the core module (1.1 KB gzipped of the first load, with the framework's warnings):
/// the app checks a partner's framework by `validate` of no assessments, which throws its
/// problems.
#[cfg(feature = "validate-framework")]
#[wasm_bindgen(js_name = validateFramework, unchecked_return_type = "Report")]
pub fn validate_framework(
    #[wasm_bindgen(unchecked_param_type = "Framework | string")] fw: JsValue,
) -> Result<JsValue, Error> {
    let read = read_framework(&fw);
    Report::of(read.map(|f| (f.indicators.len(), f.warnings()))).to_js()
}

/// Checks input against a framework: `{valid, count, issues}`.
/// Throws only when the framework itself is invalid.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "BatchInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Framework | string")] fw: Option<JsValue>,
) -> Result<JsValue, Error> {
    call(Call::Validate, &input, &fw)
}

/// Scores one assessment: the result object of the CLI's `results[0]`.
#[wasm_bindgen(unchecked_return_type = "AssessmentResult")]
pub fn score(
    #[wasm_bindgen(unchecked_param_type = "Assessment")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Framework | string")] fw: Option<JsValue>,
) -> Result<JsValue, Error> {
    call(Call::Score, &input, &fw)
}

/// Scores a batch (`{assessments: [...]}`, one assessment, or CSV text): the CLI's output.
#[wasm_bindgen(js_name = scoreBatch, unchecked_return_type = "BatchResult")]
pub fn score_batch(
    #[wasm_bindgen(unchecked_param_type = "BatchInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Framework | string")] fw: Option<JsValue>,
) -> Result<JsValue, Error> {
    call(Call::ScoreBatch, &input, &fw)
}

#[derive(Clone, Copy)]
enum Call {
    Validate,
    Score,
    ScoreBatch,
}

/// What `validate`, `score` and `scoreBatch` do, in one function: each export doing its own
/// (the framework read, the input read, errors thrown, drops) was about 1 KB of wasm apiece.
#[inline(never)]
fn call(call: Call, input: &JsValue, fw: &Option<JsValue>) -> Result<JsValue, Error> {
    let fw = framework_of(fw)?;
    let batch = match call {
        Call::Validate => {
            return Report::of(read_batch(input, &fw).map(|b| (b.len(), vec![]))).to_js();
        }
        Call::ScoreBatch => read_batch(input, &fw)?,
        Call::Score => {
            let value = json_input(input).unwrap_or_else(|| {
                Err(ApiError::one(
                    "invalid_input",
                    "$",
                    "expected an assessment, found text that is not JSON",
                ))
            })?;
            if value.get("assessments").is_some() {
                return Err(ApiError::one(
                    "invalid_input",
                    "$.assessments",
                    "score() takes one assessment; use scoreBatch() for several",
                )
                .into());
            }
            api::assessments_from_json(&value, &fw)?
        }
    };
    let scored = api::score(&fw, &batch);
    match (call, batch.first(), scored.first()) {
        (Call::Score, Some(assessment), Some(scored)) => {
            let result = AssessmentResult {
                fw: &fw,
                assessment,
                scored,
            };
            written(|o| result.write(o))
        }
        _ => {
            let results = Results {
                fw: &fw,
                batch: &batch,
                scored: &scored,
            };
            written(|o| results.write(o))
        }
    }
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field name of a value, but not the keys of the maps by id (nodes, pillars).
    fn field_names(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    out.insert(k.clone());
                    if k == "nodes" || k == "pillars" {
                        for node in x.as_object().into_iter().flat_map(|m| m.values()) {
                            field_names(node, out);
                        }
                    } else {
                        field_names(x, out);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| field_names(x, out)),
            _ => {}
        }
    }

    /// The TypeScript types partner pages build against name every field the results have:
    /// the default framework with warning signs, evidence, groups, every kind of alarm.
    #[test]
    fn the_typescript_types_name_every_field_of_a_result() {
        let fw = api::default_framework();
        let ids: Vec<&str> = fw
            .indicators
            .iter()
            .map(|&i| fw.nodes[i].id.as_str())
            .collect();
        let critical = fw
            .indicators
            .iter()
            .map(|&i| &fw.nodes[i])
            .find(|n| matches!(&n.kind, resilience::framework::Kind::Indicator(i) if i.critical))
            .unwrap()
            .id
            .clone();
        let sign = fw.context[0].id.clone();
        let scores: Vec<String> = ids
            .iter()
            .enumerate()
            .filter(|(k, id)| *k > 0 && **id != critical)
            .map(|(k, id)| format!("\"{id}\": [{}, 2]", k % 5))
            .collect();
        let text = format!(
            r#"{{"assessments": [{{"id": "a", "unit": "North", "date": "2026-03",
              "scores": {{{scores}, "{first}": {{"missing": "dont_know"}}, "{critical}": 0}},
              "notes": {{"{first}": "n"}},
              "context": {{"{sign}": {{"status": "present", "date": "2026-02", "note": "seen"}}}},
              "evidence": {{"{first}": {{"source": ["interview", "media"], "confidence": "low"}}}},
              "groups": {{"Women": {{"scores": {{"{critical}": 0}}}}, "Men": {{"scores": {{"{critical}": 4}}}}}}}}]}}"#,
            scores = scores.join(", "),
            first = ids[0],
        );
        let batch = api::read_input(&text, &fw).unwrap();
        let scored = api::score(&fw, &batch);
        let results = Results {
            fw: &fw,
            batch: &batch,
            scored: &scored,
        };
        let written = json_text::to_text(|o| results.write(o));
        let mut names = std::collections::BTreeSet::new();
        field_names(&serde_json::from_str(&written).unwrap(), &mut names);
        for wanted in [
            "early_warning",
            "group_gaps",
            "worst_group",
            "foa_coverage",
            "band_uncapped",
        ] {
            assert!(
                names.contains(wanted),
                "{wanted} is not in this result: {written}"
            );
        }
        let undeclared: Vec<&String> = names
            .iter()
            .filter(|n| {
                !TYPES_TEXT.contains(&format!(" {n}:")) && !TYPES_TEXT.contains(&format!(" {n}?:"))
            })
            .collect();
        assert!(
            undeclared.is_empty(),
            "not in the TypeScript types: {undeclared:?}"
        );
    }
}
