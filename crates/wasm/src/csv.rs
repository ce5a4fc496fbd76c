//! CSV in the user's style, through the engine (every CSV the app writes or reads): the
//! responses (the CLI's input) and the results. Not in the core module (feature `csv-write`,
//! in the analysis and spreadsheets modules): the writers and the fixed-decimal float
//! formatting that only they use were 6 KB gzipped of the first load, and an export is not
//! the first screen (the app asks the spreadsheets worker, precached by then). The reader
//! (`assessmentsFromCsv`, feature `csv-read`) is 17 KB gzipped more, for an import.

#[cfg(feature = "csv-read")]
use crate::engine::to_js;
use crate::engine::{framework_of, read_batch, read_value};
use crate::Error;
use resilience::api::{self, ApiError};
use resilience::csv::Style;
use resilience::csv_output::{write_assessments_csv, write_results_csv};
use resilience::result::Results;
use resilience::{Assessment, Framework};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** How CSV is written (resultsCsv, assessmentsToCsv); every member optional, the default is the
 * CLI's: `,`, every digit, band ids. */
export interface CsvStyle {
  separator?: "," | ";";
  /** `56,5` rather than `56.5` (a cell holding a comma is quoted under the `,` separator). */
  decimalComma?: boolean;
  /** Round numbers to this many decimals, 0–15; undefined: every digit. */
  digits?: number;
  /** Band names by band id, e.g. in the user's language; a band not listed keeps its id. */
  bandLabels?: { [bandId: string]: string };
}
"#;

/// What the CSV writers are given, read: the framework, the style (`CsvStyle`; null or
/// undefined: the CLI's) and the batch.
fn csv_args(
    input: &JsValue,
    fw: &Option<JsValue>,
    style: &Option<JsValue>,
) -> Result<(Rc<Framework>, Style, Vec<Assessment>), ApiError> {
    let fw = framework_of(fw)?;
    let style = match style {
        Some(js) if !(js.is_null() || js.is_undefined()) => {
            Style::from_value(&read_value(js, "invalid_argument")?)
                .map_err(|i| ApiError::new("invalid_argument", i))?
        }
        _ => Style::default(),
    };
    let batch = read_batch(input, &fw)?;
    Ok((fw, style, batch))
}

/// Scores a batch (as `scoreBatch` takes it) and returns the results as CSV text, one row per
/// assessment: id, unit, date, overall, band, alarms, then each group's score (the CLI's
/// `score --format csv` in the default style).
#[wasm_bindgen(js_name = resultsCsv)]
pub fn results_csv(
    #[wasm_bindgen(unchecked_param_type = "BatchInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Framework | string")] fw: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "CsvStyle | null")] style: Option<JsValue>,
) -> Result<String, Error> {
    let (fw, style, batch) = csv_args(&input, &fw, &style)?;
    let scored = api::score(&fw, &batch);
    let results = Results {
        fw: &fw,
        batch: &batch,
        scored: &scored,
    };
    Ok(write_results_csv(&results, &style))
}

/// The responses as CSV (the CLI's input): one row per respondent, id, unit, date, then every
/// indicator; a reason given instead of a score as `dk`, `na` or `unsafe`. `input` as
/// `scoreBatch` takes it.
#[wasm_bindgen(js_name = assessmentsToCsv)]
pub fn assessments_to_csv(
    #[wasm_bindgen(unchecked_param_type = "BatchInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Framework | string")] fw: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "CsvStyle | null")] style: Option<JsValue>,
) -> Result<String, Error> {
    let (fw, style, batch) = csv_args(&input, &fw, &style)?;
    Ok(write_assessments_csv(&batch, &fw, &style))
}

/// Assessments from responses CSV (`,`, `;` or tab; rows sharing an id are one assessment's
/// respondents) as the engine's JSON input, `{assessments: [...]}`. Throws `invalid_input`
/// with every problem by row and column.
#[cfg(feature = "csv-read")]
#[wasm_bindgen(js_name = assessmentsFromCsv, unchecked_return_type = "AssessmentBatch")]
pub fn assessments_from_csv(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "Framework | string")] fw: Option<JsValue>,
) -> Result<JsValue, Error> {
    let fw = framework_of(&fw)?;
    let batch = api::assessments_from_csv(text, &fw)?;
    to_js(&api::assessments_value(&batch, &fw))
}
