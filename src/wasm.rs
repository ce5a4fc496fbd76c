//! The JavaScript API: a thin layer that converts JS values to the engine's types and back.
//! Objects go in and out through serde-wasm-bindgen in the CLI's JSON shapes; problems are
//! thrown as `Error`s with `.code` and `.issues` (`[{path, message}]`), never a trap.

use crate::api::{self, ApiError};
use crate::framework::{Framework, DEFAULT_FRAMEWORK_JSON};
use crate::issue::Issue;
use crate::result::{AssessmentResult, Results};
use crate::value::Value;
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
    serde_wasm_bindgen::from_value::<Value>(js.clone())
        .map_err(|e| ApiError::one(code, "$", e.to_string()))
}

fn default_framework_rc() -> Rc<Framework> {
    DEFAULT.with(|d| {
        d.borrow_mut()
            .get_or_insert_with(|| {
                let js = js_sys::JSON::parse(DEFAULT_FRAMEWORK_JSON).expect("shipped JSON parses");
                let v = read_value(&js, "internal").expect("shipped framework reads");
                Rc::new(Framework::from_value(&v).expect("shipped framework is valid"))
            })
            .clone()
    })
}

fn framework_of(fw: &Option<JsValue>) -> Result<Rc<Framework>, ApiError> {
    let js = match fw {
        None => return Ok(default_framework_rc()),
        Some(js) if js.is_null() || js.is_undefined() => return Ok(default_framework_rc()),
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

fn read_batch(input: &JsValue, fw: &Framework) -> Result<Vec<crate::Assessment>, ApiError> {
    match input.as_string() {
        Some(csv) => api::assessments_from_csv(&csv, fw),
        None => api::assessments_from_json(&read_value(input, "invalid_input")?, fw),
    }
}

/// The default framework, as JSON.
#[wasm_bindgen(js_name = defaultFramework)]
pub fn default_framework() -> Result<JsValue, JsValue> {
    to_js(&default_framework_rc().to_value())
}

#[derive(Serialize)]
struct Report {
    valid: bool,
    /// Assessments read (validate) or indicators defined (validateFramework).
    count: usize,
    issues: Vec<Issue>,
}

/// Checks a framework: `{valid, count (indicators), issues: [{path, message}]}`.
#[wasm_bindgen(js_name = validateFramework)]
pub fn validate_framework(fw: JsValue) -> Result<JsValue, JsValue> {
    let report = match read_value(&fw, "invalid_framework").and_then(|v| api::framework(&v)) {
        Ok(f) => Report {
            valid: true,
            count: f.indicators.len(),
            issues: vec![],
        },
        Err(e) => Report {
            valid: false,
            count: 0,
            issues: e.issues,
        },
    };
    to_js(&report)
}

/// Checks input against a framework (default when omitted): `{valid, count, issues}`.
/// Throws only when the framework itself is invalid.
#[wasm_bindgen]
pub fn validate(input: JsValue, fw: Option<JsValue>) -> Result<JsValue, JsValue> {
    let fw = framework_of(&fw).map_err(|e| js_error(&e))?;
    let report = match read_batch(&input, &fw) {
        Ok(batch) => Report {
            valid: true,
            count: batch.len(),
            issues: vec![],
        },
        Err(e) => Report {
            valid: false,
            count: 0,
            issues: e.issues,
        },
    };
    to_js(&report)
}

/// Scores one assessment: the result object of the CLI's `results[0]`.
#[wasm_bindgen]
pub fn score(input: JsValue, fw: Option<JsValue>) -> Result<JsValue, JsValue> {
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
#[wasm_bindgen(js_name = scoreBatch)]
pub fn score_batch(input: JsValue, fw: Option<JsValue>) -> Result<JsValue, JsValue> {
    let fw = framework_of(&fw).map_err(|e| js_error(&e))?;
    let batch = read_batch(&input, &fw).map_err(|e| js_error(&e))?;
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
