//! The analysis module's API (`www/pkg-analysis/`, loaded in a worker): `analyse`.

use crate::engine::{framework_of, read_batch, read_value, to_js};
use crate::Error;
use resilience::api::ApiError;
use resilience::value::Value;
use resilience_analysis::Options;
use wasm_bindgen::prelude::*;

/// Scores and analyses a batch (`{assessments: [...]}`, one assessment, or CSV text): the
/// CLI's `analyse` output, `{framework, options, results}`, each result with `uncertainty`,
/// `sensitivity` and `leverage`. `options` (null or undefined for the defaults):
/// `{draws, seed, perturb: ["assessors", "respondents", "weights", "method", "missing"],
/// sensitivity, bootstrap}`; bad options throw `invalid_argument`. Pure and synchronous, so a
/// page runs it in a Web Worker.
#[wasm_bindgen]
pub fn analyse(input: JsValue, options: JsValue, fw: Option<JsValue>) -> Result<JsValue, Error> {
    let fw = framework_of(&fw)?;
    let options = if options.is_null() || options.is_undefined() {
        Value::Null
    } else {
        read_value(&options, "invalid_argument")?
    };
    let options =
        Options::from_value(&options).map_err(|i| ApiError::new("invalid_argument", i))?;
    let batch = read_batch(&input, &fw)?;
    let analysed = resilience_analysis::score_and_analyse(&fw, &batch, &options)?;
    to_js(&analysed.doc(&fw, &batch, &options))
}
