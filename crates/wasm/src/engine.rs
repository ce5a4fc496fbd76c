//! The engine's JavaScript API (every module has it): reads JS values into the engine's types
//! and writes results back. Objects go in and out in the CLI's JSON shapes; problems are thrown
//! as `Error`s with `.code` and `.issues` (`[{path, message}]`), never a trap.

use crate::Error;
use resilience::api::{self, ApiError};
use resilience::framework::Framework;
use resilience::issue::Issue;
use resilience::json;
use resilience::result::{AssessmentResult, Results};
use resilience::value::Value;
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The last custom framework object and its reading, so a page that passes the same
    /// object on every keystroke does not pay for reading it each time.
    static LAST: RefCell<Option<(JsValue, Rc<Framework>)>> = const { RefCell::new(None) };
}

/// The engine's problems, thrown: an `Error` (its message, e.g. `invalid_input: $.id: …`) with
/// `.code` and `.issues`.
impl From<ApiError> for Error {
    fn from(e: ApiError) -> Error {
        let issues = e
            .issues
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .unwrap_or(JsValue::NULL);
        Error::new(e.code, &e.to_string()).with("issues", &issues)
    }
}

pub(crate) fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, Error> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| ApiError::one("internal", "$", e.to_string()).into())
}

/// Reads any JS value as JSON-like data; what cannot be (a function, a symbol, a cycle or
/// nesting past the limit) is an `invalid_input` problem at `$`.
pub(crate) fn read_value(js: &JsValue, code: &'static str) -> Result<Value, ApiError> {
    if let Some(v) = read_plain(js) {
        return Ok(v);
    }
    serde_wasm_bindgen::from_value::<Value>(js.clone())
        .map_err(|e| ApiError::one(code, "$", e.to_string()))
}

/// Plain data, the fast way: `JSON.stringify`, one string into wasm, [`json::parse`]. What JSON
/// would change is caught here and left to serde-wasm-bindgen, which keeps it and so names the
/// problem: NaN and infinities (written as null), members that are functions or undefined
/// (dropped), cycles and BigInts (which throw), Maps, Sets and typed arrays (written as {}).
fn read_plain(js: &JsValue) -> Option<Value> {
    let text = js_sys::JSON::stringify(js).ok()?.as_string()?;
    let v = json::parse(&text)?;
    same_shape(&v, js).then_some(v)
}

/// Whether `v`, read from `JSON.stringify(js)`, is what `js` holds: every null was null or
/// undefined, and every object kept all its members.
fn same_shape(v: &Value, js: &JsValue) -> bool {
    let plain = |v: &Value| matches!(v, Value::Bool(_) | Value::Number(_) | Value::String(_));
    match v {
        Value::Null => js.is_null() || js.is_undefined(),
        Value::Array(items) => items.iter().enumerate().all(|(i, item)| {
            plain(item)
                || same_shape(
                    item,
                    &js_sys::Reflect::get_u32(js, i as u32).unwrap_or(JsValue::NULL),
                )
        }),
        Value::Object(fields) => {
            let Some(obj) = js.dyn_ref::<js_sys::Object>() else {
                return false;
            };
            !js.is_instance_of::<js_sys::Map>()
                && !js.is_instance_of::<js_sys::Set>()
                && !js_sys::ArrayBuffer::is_view(js)
                && js_sys::Object::keys(obj).length() as usize == fields.len()
                && fields.iter().all(|(k, item)| {
                    plain(item)
                        || js_sys::Reflect::get(js, &JsValue::from_str(k))
                            .is_ok_and(|inner| same_shape(item, &inner))
                })
        }
        _ => true,
    }
}

/// The default framework, read once from the text inside the module.
#[cfg(feature = "embedded-framework")]
fn default_framework_rc() -> Result<Rc<Framework>, ApiError> {
    thread_local! {
        static DEFAULT: RefCell<Option<Rc<Framework>>> = const { RefCell::new(None) };
    }
    Ok(DEFAULT.with(|d| {
        d.borrow_mut()
            .get_or_insert_with(|| Rc::new(api::default_framework()))
            .clone()
    }))
}

/// The lazily loaded modules leave the default framework out (82 KB): their caller passes it.
#[cfg(not(feature = "embedded-framework"))]
fn default_framework_rc() -> Result<Rc<Framework>, ApiError> {
    Err(ApiError::one(
        "invalid_argument",
        "fw",
        "this module has no built-in framework: pass the framework (e.g. defaultFramework() of the core module)",
    ))
}

pub(crate) fn framework_of(fw: &Option<JsValue>) -> Result<Rc<Framework>, ApiError> {
    let js = match fw {
        None => return default_framework_rc(),
        Some(js) if js.is_null() || js.is_undefined() => return default_framework_rc(),
        Some(js) => js,
    };
    if let Some(hit) = LAST.with(|l| {
        l.borrow()
            .as_ref()
            .filter(|(k, _)| js_sys::Object::is(k, js))
            .map(|(_, f)| f.clone())
    }) {
        return Ok(hit);
    }
    let fw = Rc::new(api::framework(&read_value(js, "invalid_framework")?)?);
    LAST.with(|l| *l.borrow_mut() = Some((js.clone(), fw.clone())));
    Ok(fw)
}

pub(crate) fn read_batch(
    input: &JsValue,
    fw: &Framework,
) -> Result<Vec<resilience::Assessment>, ApiError> {
    match input.as_string() {
        Some(csv) => api::assessments_from_csv(&csv, fw),
        None => api::assessments_from_json(&read_value(input, "invalid_input")?, fw),
    }
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
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
  kind: "at_bottom" | "respondent_at_bottom";
  respondents_at_bottom: number;
  respondents: number;
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
  overall: GroupResult;
  /** Critical indicators at, or reported at, the bottom of their scale; framework order. */
  alarms: Alarm[];
  nodes: { [nodeId: string]: GroupResult | IndicatorResult };
  red_flags: string[];
  /** The pillars sharing the lowest score; empty when all scored pillars are equal. */
  weakest: string[];
  warnings: ResultWarning[];
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

/// The default framework, as JSON.
#[wasm_bindgen(js_name = defaultFramework, unchecked_return_type = "Framework")]
pub fn default_framework() -> Result<JsValue, Error> {
    to_js(&default_framework_rc()?.to_value())
}

#[derive(Serialize)]
struct Report {
    valid: bool,
    /// Assessments read (validate) or indicators defined (validateFramework).
    count: usize,
    issues: Vec<Issue>,
    /// The framework's warnings (validateFramework), when there are any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
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
}

/// Checks a framework: `{valid, count (indicators), issues: [{path, message}]}`.
#[wasm_bindgen(js_name = validateFramework, unchecked_return_type = "Report")]
pub fn validate_framework(
    #[wasm_bindgen(unchecked_param_type = "Framework")] fw: JsValue,
) -> Result<JsValue, Error> {
    let read = read_value(&fw, "invalid_framework").and_then(|v| api::framework(&v));
    to_js(&Report::of(
        read.map(|f| (f.indicators.len(), f.warnings())),
    ))
}

/// Checks input against a framework (default when omitted): `{valid, count, issues}`.
/// Throws only when the framework itself is invalid.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "BatchInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Framework | null")] fw: Option<JsValue>,
) -> Result<JsValue, Error> {
    let fw = framework_of(&fw)?;
    to_js(&Report::of(
        read_batch(&input, &fw).map(|b| (b.len(), vec![])),
    ))
}

/// Scores one assessment: the result object of the CLI's `results[0]`.
#[wasm_bindgen(unchecked_return_type = "AssessmentResult")]
pub fn score(
    #[wasm_bindgen(unchecked_param_type = "Assessment")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Framework | null")] fw: Option<JsValue>,
) -> Result<JsValue, Error> {
    let fw = framework_of(&fw)?;
    let value = read_value(&input, "invalid_input")?;
    if value.get("assessments").is_some() {
        return Err(ApiError::one(
            "invalid_input",
            "$.assessments",
            "score() takes one assessment; use scoreBatch() for several",
        )
        .into());
    }
    let batch = api::assessments_from_json(&value, &fw)?;
    let scored = api::score(&fw, &batch);
    to_js(&AssessmentResult {
        fw: &fw,
        assessment: &batch[0],
        scored: &scored[0],
    })
}

/// Scores a batch (`{assessments: [...]}`, one assessment, or CSV text): the CLI's output.
#[wasm_bindgen(js_name = scoreBatch, unchecked_return_type = "BatchResult")]
pub fn score_batch(
    #[wasm_bindgen(unchecked_param_type = "BatchInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Framework | null")] fw: Option<JsValue>,
) -> Result<JsValue, Error> {
    let fw = framework_of(&fw)?;
    let batch = read_batch(&input, &fw)?;
    let scored = api::score(&fw, &batch);
    to_js(&Results {
        fw: &fw,
        batch: &batch,
        scored: &scored,
    })
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
