//! The analysis module's report (`www/pkg-analysis/`): one assessment as the printable HTML
//! report, with the figures `analyse` gives it.

use crate::engine::{framework_of, read_value, to_js};
use crate::Error;
use resilience::api::{self, ApiError};
use resilience::assessment::check_date;
use resilience::value::Value;
use resilience_analysis::{Options, Perturb};
use resilience_report::{Report, LANGUAGES};
use wasm_bindgen::prelude::*;

/// Options of the report's analysis: `analyse`'s, but varying what the answers could have been
/// unless `perturb` says otherwise (the report's words describe that), and no Sobol indices
/// (the report shows none; the ranges do not depend on them).
fn report_options(js: &JsValue) -> Result<Options, ApiError> {
    let mut value = if js.is_null() || js.is_undefined() {
        Value::Object(Vec::new())
    } else {
        read_value(js, "invalid_argument")?
    };
    if let Value::Object(fields) = &mut value {
        if !fields.iter().any(|(k, _)| k == "perturb") {
            let data = Perturb::DATA.names();
            let list = data.iter().map(|n| Value::String(n.to_string())).collect();
            fields.push(("perturb".into(), Value::Array(list)));
        }
    }
    let mut options =
        Options::from_value(&value).map_err(|i| ApiError::new("invalid_argument", i))?;
    options.sensitivity = false;
    Ok(options)
}

/// A string argument, or `invalid_argument` at its name.
fn text_arg(js: &JsValue, name: &str, what: &str) -> Result<String, ApiError> {
    js.as_string()
        .ok_or_else(|| ApiError::one("invalid_argument", name, format!("expected {what}")))
}

/// One assessment (a team assessment too) as a self-contained HTML report, as the CLI's
/// `resilience report` writes it: the same figures as `analyse` with the same options.
/// `options`: `analyse`'s (`{draws, seed, perturb}`; null for 2000 draws, seed 1) with
/// `perturb` by default `["assessors", "respondents", "missing"]`, what the report's words
/// describe; `lang`: "en" or "fr"; `made`: the day the report is made, YYYY-MM-DD. Bad input
/// or options throw `invalid_input` / `invalid_argument` with every problem. Open the text
/// as a `text/html` Blob in a new window to print it.
#[wasm_bindgen(js_name = report)]
pub fn report(
    #[wasm_bindgen(unchecked_param_type = "TeamAssessment")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportOptions | null | undefined")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "\"en\" | \"fr\"")] lang: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] made: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Framework | null")] fw: Option<JsValue>,
) -> Result<String, Error> {
    let fw = framework_of(&fw)?;
    let mut issues = Vec::new();
    let lang = text_arg(&lang, "lang", "\"en\" or \"fr\"").map_err(|e| issues.extend(e.issues));
    if let Ok(l) = &lang {
        if !LANGUAGES.contains(&l.as_str()) {
            issues.push(resilience::Issue::new(
                "lang",
                format!("expected \"en\" or \"fr\", found {:?}", l),
            ));
        }
    }
    let made = text_arg(&made, "made", "the day the report is made, as YYYY-MM-DD")
        .map_err(|e| issues.extend(e.issues));
    if let Ok(d) = &made {
        if d.len() != 10 || check_date(d).is_err() {
            issues.push(resilience::Issue::new(
                "made",
                format!("{d:?} is not a day as YYYY-MM-DD"),
            ));
        }
    }
    let options = report_options(&options).map_err(|e| issues.extend(e.issues));
    if !issues.is_empty() {
        return Err(ApiError::new("invalid_argument", issues).into());
    }
    let (Ok(lang), Ok(made), Ok(options)) = (lang, made, options) else {
        unreachable!("every problem was recorded")
    };
    let item = read_value(&input, "invalid_input")?;
    if item.get("assessments").is_some() {
        return Err(ApiError::one(
            "invalid_input",
            "$.assessments",
            "report() takes one assessment",
        )
        .into());
    }
    let batch = api::assessments_from_json(&item, &fw)?;
    let analysed = resilience_analysis::score_and_analyse(&fw, &batch, &options)?;
    let doc = analysed.doc(&fw, &batch, &options);
    // The report reads the result as the CLI's JSON: the same object the page would get.
    let result = read_value(&to_js(&doc.result(0))?, "internal")?;
    let options = read_value(&to_js(&options)?, "internal")?;
    let report = Report {
        fw: &fw,
        input: &item,
        result: &result,
        options: &options,
        made: &made,
    };
    Ok(resilience_report::write(&report, &lang))
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** What the report's analysis varies and how often: `analyse`'s options. */
export interface ReportOptions {
  draws?: number;
  seed?: number;
  /** Default: what the answers could have been, ["assessors", "respondents", "missing"]. */
  perturb?: ("assessors" | "respondents" | "weights" | "method" | "missing")[];
}
"#;
