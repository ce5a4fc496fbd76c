//! The JavaScript API: a thin layer that converts JS values to the engine's types and back.
//! Objects go in and out through serde-wasm-bindgen in the CLI's JSON shapes; problems are
//! thrown as `Error`s with `.code` and `.issues` (`[{path, message}]`), never a trap.

use resilience::api::{self, ApiError};
use resilience::framework::Framework;
#[cfg(feature = "embedded-framework")]
use resilience::framework::DEFAULT_FRAMEWORK_JSON;
use resilience::issue::Issue;
use resilience::json;
use resilience::result::{AssessmentResult, Results};
use resilience::value::Value;
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

thread_local! {
    static DEFAULT: RefCell<Option<Rc<Framework>>> = const { RefCell::new(None) };
    /// The last custom framework object and its reading, so a page that passes the same
    /// object on every keystroke does not pay for reading it each time.
    static LAST: RefCell<Option<(JsValue, Rc<Framework>)>> = const { RefCell::new(None) };
}

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(&ApiError::one("internal", "$", e.to_string())))
}

fn js_error(e: &ApiError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let issues = e
        .issues
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL);
    let _ = js_sys::Reflect::set(&err, &"code".into(), &e.code.into());
    let _ = js_sys::Reflect::set(&err, &"issues".into(), &issues);
    err.into()
}

/// Reads any JS value as JSON-like data; what cannot be (a function, a symbol, a cycle or
/// nesting past the limit) is an `invalid_input` problem at `$`.
fn read_value(js: &JsValue, code: &'static str) -> Result<Value, ApiError> {
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

#[cfg(feature = "embedded-framework")]
fn default_framework_rc() -> Result<Rc<Framework>, ApiError> {
    Ok(DEFAULT.with(|d| {
        d.borrow_mut()
            .get_or_insert_with(|| {
                let js = js_sys::JSON::parse(DEFAULT_FRAMEWORK_JSON).expect("shipped JSON parses");
                let v = read_value(&js, "internal").expect("shipped framework reads");
                Rc::new(Framework::from_value(&v).expect("shipped framework is valid"))
            })
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

fn framework_of(fw: &Option<JsValue>) -> Result<Rc<Framework>, ApiError> {
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

fn read_batch(input: &JsValue, fw: &Framework) -> Result<Vec<resilience::Assessment>, ApiError> {
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
pub fn default_framework() -> Result<JsValue, JsValue> {
    to_js(&default_framework_rc().map_err(|e| js_error(&e))?.to_value())
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

/// Checks a framework: `{valid, count (indicators), issues: [{path, message}]}`.
#[wasm_bindgen(js_name = validateFramework, unchecked_return_type = "Report")]
pub fn validate_framework(
    #[wasm_bindgen(unchecked_param_type = "Framework")] fw: JsValue,
) -> Result<JsValue, JsValue> {
    let report = match read_value(&fw, "invalid_framework").and_then(|v| api::framework(&v)) {
        Ok(f) => Report {
            valid: true,
            count: f.indicators.len(),
            issues: vec![],
            warnings: f.warnings(),
        },
        Err(e) => Report {
            valid: false,
            count: 0,
            issues: e.issues,
            warnings: vec![],
        },
    };
    to_js(&report)
}

/// Checks input against a framework (default when omitted): `{valid, count, issues}`.
/// Throws only when the framework itself is invalid.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "BatchInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Framework | null")] fw: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let fw = framework_of(&fw).map_err(|e| js_error(&e))?;
    let report = match read_batch(&input, &fw) {
        Ok(batch) => Report {
            valid: true,
            count: batch.len(),
            issues: vec![],
            warnings: vec![],
        },
        Err(e) => Report {
            valid: false,
            count: 0,
            issues: e.issues,
            warnings: vec![],
        },
    };
    to_js(&report)
}

/// Scores one assessment: the result object of the CLI's `results[0]`.
#[wasm_bindgen(unchecked_return_type = "AssessmentResult")]
pub fn score(
    #[wasm_bindgen(unchecked_param_type = "Assessment")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Framework | null")] fw: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let fw = framework_of(&fw).map_err(|e| js_error(&e))?;
    let value = read_value(&input, "invalid_input").map_err(|e| js_error(&e))?;
    if value.get("assessments").is_some() {
        return Err(js_error(&ApiError::one(
            "invalid_input",
            "$.assessments",
            "score() takes one assessment; use scoreBatch() for several",
        )));
    }
    let batch = api::assessments_from_json(&value, &fw).map_err(|e| js_error(&e))?;
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
) -> Result<JsValue, JsValue> {
    let fw = framework_of(&fw).map_err(|e| js_error(&e))?;
    let batch = read_batch(&input, &fw).map_err(|e| js_error(&e))?;
    let scored = api::score(&fw, &batch);
    to_js(&Results {
        fw: &fw,
        batch: &batch,
        scored: &scored,
    })
}

#[cfg(feature = "analysis")]
/// Scores and analyses a batch (`{assessments: [...]}`, one assessment, or CSV text): the
/// CLI's `analyse` output, `{framework, options, results}`, each result with `uncertainty`,
/// `sensitivity` and `leverage`. `options` (null or undefined for the defaults):
/// `{draws, seed, perturb: ["assessors", "respondents", "weights", "method", "missing"],
/// sensitivity, bootstrap}`; bad options throw `invalid_argument`. Pure and synchronous, so a
/// page runs it in a Web Worker.
#[wasm_bindgen]
pub fn analyse(input: JsValue, options: JsValue, fw: Option<JsValue>) -> Result<JsValue, JsValue> {
    let fw = framework_of(&fw).map_err(|e| js_error(&e))?;
    let options = if options.is_null() || options.is_undefined() {
        Value::Null
    } else {
        read_value(&options, "invalid_argument").map_err(|e| js_error(&e))?
    };
    let options = resilience_analysis::Options::from_value(&options)
        .map_err(|i| js_error(&ApiError::new("invalid_argument", i)))?;
    let batch = read_batch(&input, &fw).map_err(|e| js_error(&e))?;
    let scored = api::score(&fw, &batch);
    let analyses =
        resilience_analysis::analyse(&fw, &batch, &scored, &options).map_err(|e| js_error(&e))?;
    to_js(&resilience_analysis::AnalysisDoc {
        fw: &fw,
        batch: &batch,
        scored: &scored,
        options: &options,
        analyses: &analyses,
    })
}

#[cfg(feature = "sheets")]
/// The framework's XLSForm (for KoboToolbox, ODK …) as the bytes of an .xlsx file, for a
/// download: `new Blob([bytes], {type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})`.
#[wasm_bindgen]
pub fn xlsform(fw: Option<JsValue>) -> Result<js_sys::Uint8Array, JsValue> {
    let fw = framework_of(&fw).map_err(|e| js_error(&e))?;
    let bytes = resilience_sheets::xlsform::xlsform(&fw);
    Ok(js_sys::Uint8Array::from(&bytes[..]))
}

#[cfg(feature = "sheets")]
/// A file's bytes: a `Uint8Array` (or `ArrayBuffer`) as it is, a string as UTF-8 text.
fn bytes_of(js: &JsValue, path: &str) -> Result<Vec<u8>, ApiError> {
    if let Some(s) = js.as_string() {
        return Ok(s.into_bytes());
    }
    if js.is_instance_of::<js_sys::Uint8Array>() || js.is_instance_of::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(js).to_vec());
    }
    Err(ApiError::one(
        "invalid_argument",
        path,
        "expected the file's bytes (a Uint8Array) or its text (a string)",
    ))
}

#[cfg(feature = "sheets")]
/// Reads a KoboToolbox or ODK Central export of the framework's form, as it comes: its bytes
/// (`Uint8Array`: CSV in UTF-8, UTF-16 or Windows-1252, or .xlsx) or its text:
/// `{assessments: [...] (the engine's input), report: {kind: "odk", format, encoding, columns,
/// mapped: [{column, indicator}], unit_column, date_column, group_columns, ignored, left_out:
/// [{reason, rows}], issues: [{path, message}], groups, rows, dont_know, not_applicable,
/// unsafe_to_ask, rejected, separator, decimal_comma}}`. `options`: `{group: ["unit", "date"]}`,
/// the columns whose values make one assessment (header names, or "unit" / "date"; a
/// comma-separated string works too; default unit and date). Bad cells are left unscored and
/// listed in `report.issues`; it throws (`invalid_input`) when the file cannot be read at all
/// (binary, empty, encrypted, a grouping column missing: the message lists the columns) or
/// gives no assessment.
#[wasm_bindgen(js_name = importOdk)]
pub fn import_odk(
    data: JsValue,
    options: JsValue,
    fw: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let fw = framework_of(&fw).map_err(|e| js_error(&e))?;
    let bytes = bytes_of(&data, "data").map_err(|e| js_error(&e))?;
    let mut opts = resilience_sheets::import::odk::OdkOptions::default();
    if !(options.is_null() || options.is_undefined()) {
        let v = read_value(&options, "invalid_argument").map_err(|e| js_error(&e))?;
        match v.get("group") {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => {
                opts.group = s
                    .split(',')
                    .map(|g| g.trim().to_string())
                    .filter(|g| !g.is_empty())
                    .collect()
            }
            Some(Value::Array(items)) => {
                for (k, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => opts.group.push(s.clone()),
                        other => {
                            return Err(js_error(&ApiError::one(
                                "invalid_argument",
                                &format!("$.group[{k}]"),
                                format!("expected a column name, found {}", other.kind()),
                            )))
                        }
                    }
                }
            }
            Some(other) => {
                return Err(js_error(&ApiError::one(
                    "invalid_argument",
                    "$.group",
                    format!("expected a list of column names, found {}", other.kind()),
                )))
            }
        }
    }
    let import =
        resilience_sheets::import_odk_file(&bytes, &fw, &opts).map_err(|e| js_error(&e))?;
    to_js(&import.output(&fw))
}

#[cfg(feature = "sheets")]
/// Reads published figures onto the framework's scales: the publishers' own files (Fragile
/// States Index, WJP Rule of Law Index, V-Dem, CIVICUS Monitor, Positive Peace Index; CSV or
/// .xlsx) or the long format (unit, date, indicator, source, value, reference). `files`: one
/// file's bytes (`Uint8Array`) or text, or several as `[{name, bytes}]`; one country's figures
/// of one year across them make one assessment. `options`: `{year: "2024"}` for a file without
/// a year column. Gives `{assessments, report}` as `importOdk` does, the report with `kind:
/// "reference"`, `files: [{name, layout, format, rows}]`, `sources`, `indicators`,
/// `countries`, `unmatched` (names matched to no country) and `left_out`.
#[wasm_bindgen(js_name = importReference)]
pub fn import_reference(
    files: JsValue,
    options: JsValue,
    fw: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let fw = framework_of(&fw).map_err(|e| js_error(&e))?;
    let mut named: Vec<(String, Vec<u8>)> = Vec::new();
    if js_sys::Array::is_array(&files) {
        for (k, item) in js_sys::Array::from(&files).iter().enumerate() {
            let name = js_sys::Reflect::get(&item, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            let bytes = js_sys::Reflect::get(&item, &"bytes".into()).unwrap_or(JsValue::NULL);
            named.push((
                name,
                bytes_of(&bytes, &format!("files[{k}].bytes")).map_err(|e| js_error(&e))?,
            ));
        }
    } else {
        named.push((
            String::new(),
            bytes_of(&files, "files").map_err(|e| js_error(&e))?,
        ));
    }
    let mut opts = resilience_sheets::import::reference::ReferenceOptions::default();
    if !(options.is_null() || options.is_undefined()) {
        let v = read_value(&options, "invalid_argument").map_err(|e| js_error(&e))?;
        match v.get("year") {
            None | Some(Value::Null) => {}
            Some(Value::String(y)) => opts.year = Some(y.clone()),
            Some(Value::Number(y)) => opts.year = Some(format!("{y}")),
            Some(other) => {
                return Err(js_error(&ApiError::one(
                    "invalid_argument",
                    "$.year",
                    format!("expected a year, found {}", other.kind()),
                )))
            }
        }
    }
    let refs: Vec<resilience_sheets::import::reference::RefFile> = named
        .iter()
        .map(|(name, bytes)| resilience_sheets::import::reference::RefFile { name, bytes })
        .collect();
    let import =
        resilience_sheets::import_reference_files(&refs, &fw, &opts).map_err(|e| js_error(&e))?;
    to_js(&import.output(&fw))
}

#[cfg(feature = "sheets")]
/// Scores a batch (as `scoreBatch` takes it) and returns the results workbook as .xlsx bytes:
/// scores per assessment, indicator values, the framework and method. Titles in `lang`
/// (default: the framework's first language).
#[wasm_bindgen(js_name = resultsXlsx)]
pub fn results_xlsx(
    input: JsValue,
    fw: Option<JsValue>,
    lang: Option<String>,
) -> Result<js_sys::Uint8Array, JsValue> {
    let fw = framework_of(&fw).map_err(|e| js_error(&e))?;
    let batch = read_batch(&input, &fw).map_err(|e| js_error(&e))?;
    let lang = lang
        .or_else(|| fw.languages.first().cloned())
        .unwrap_or_else(|| "en".into());
    let bytes = resilience_sheets::results_xlsx(&fw, &batch, &lang).map_err(|e| js_error(&e))?;
    Ok(js_sys::Uint8Array::from(&bytes[..]))
}

/// Scores a batch (as `scoreBatch` takes it) and returns the results as CSV text, one row per
/// assessment: id, unit, date, overall, band, then each group's score (the CLI's
/// `score --format csv`).
#[wasm_bindgen(js_name = resultsCsv)]
pub fn results_csv(input: JsValue, fw: Option<JsValue>) -> Result<String, JsValue> {
    let fw = framework_of(&fw).map_err(|e| js_error(&e))?;
    let batch = read_batch(&input, &fw).map_err(|e| js_error(&e))?;
    let scored = api::score(&fw, &batch);
    Ok(resilience::result::write_results_csv(&Results {
        fw: &fw,
        batch: &batch,
        scored: &scored,
    }))
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
