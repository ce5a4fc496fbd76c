//! The spreadsheets module's API (`www/pkg-sheets/`, loaded for imports and exports): the
//! XLSForm, Kobo/ODK and published-figure imports (CSV or .xlsx bytes), the results workbook,
//! and CSV in and out in the user's style (not in the core: 4 KB gzipped on the first load).

use crate::engine::{framework_of, read_batch, read_value, to_js};
use crate::Error;
use resilience::api::ApiError;
use resilience::value::Value;
use resilience_sheets::import::odk::OdkOptions;
use resilience_sheets::import::reference::{RefFile, ReferenceOptions};
use wasm_bindgen::prelude::*;

/// The framework's XLSForm (for KoboToolbox, ODK …) as the bytes of an .xlsx file, for a
/// download: `new Blob([bytes], {type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})`.
#[wasm_bindgen]
pub fn xlsform(fw: Option<JsValue>) -> Result<js_sys::Uint8Array, Error> {
    let fw = framework_of(&fw)?;
    let bytes = resilience_sheets::xlsform::xlsform(&fw);
    Ok(js_sys::Uint8Array::from(&bytes[..]))
}

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

/// Reads a KoboToolbox or ODK Central export of the framework's form, as it comes: its bytes
/// (`Uint8Array`: CSV in UTF-8, UTF-16 or Windows-1252, or .xlsx) or its text:
/// `{assessments: [...] (the engine's input), report: {kind: "odk", format, encoding, columns,
/// mapped: [{column, indicator}], evidence_columns?, sign_columns?, unit_column, date_column,
/// group_columns, ignored, left_out:
/// [{reason, rows}], issues: [{path, message}], groups, rows, dont_know, not_applicable,
/// unsafe_to_ask, rejected, separator, decimal_comma}}`. `options`: `{group: ["unit", "date"]}`,
/// the columns whose values make one assessment (header names, or "unit" / "date"; a
/// comma-separated string works too; default unit and date). Bad cells are left unscored and
/// listed in `report.issues`; it throws (`invalid_input`) when the file cannot be read at all
/// (binary, empty, encrypted, a grouping column missing: the message lists the columns) or
/// gives no assessment.
#[wasm_bindgen(js_name = importOdk)]
pub fn import_odk(data: JsValue, options: JsValue, fw: Option<JsValue>) -> Result<JsValue, Error> {
    let fw = framework_of(&fw)?;
    let bytes = bytes_of(&data, "data")?;
    let mut opts = OdkOptions::default();
    if !(options.is_null() || options.is_undefined()) {
        let v = read_value(&options, "invalid_argument")?;
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
                            return Err(ApiError::one(
                                "invalid_argument",
                                &format!("$.group[{k}]"),
                                format!("expected a column name, found {}", other.kind()),
                            )
                            .into())
                        }
                    }
                }
            }
            Some(other) => {
                return Err(ApiError::one(
                    "invalid_argument",
                    "$.group",
                    format!("expected a list of column names, found {}", other.kind()),
                )
                .into())
            }
        }
    }
    let import = resilience_sheets::import_odk_file(&bytes, &fw, &opts)?;
    to_js(&import.output(&fw))
}

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
) -> Result<JsValue, Error> {
    let fw = framework_of(&fw)?;
    let mut named: Vec<(String, Vec<u8>)> = Vec::new();
    if js_sys::Array::is_array(&files) {
        for (k, item) in js_sys::Array::from(&files).iter().enumerate() {
            let name = js_sys::Reflect::get(&item, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            let bytes = js_sys::Reflect::get(&item, &"bytes".into()).unwrap_or(JsValue::NULL);
            named.push((name, bytes_of(&bytes, &format!("files[{k}].bytes"))?));
        }
    } else {
        named.push((String::new(), bytes_of(&files, "files")?));
    }
    let mut opts = ReferenceOptions::default();
    if !(options.is_null() || options.is_undefined()) {
        let v = read_value(&options, "invalid_argument")?;
        match v.get("year") {
            None | Some(Value::Null) => {}
            Some(Value::String(y)) => opts.year = Some(y.clone()),
            Some(Value::Number(y)) => opts.year = Some(format!("{y}")),
            Some(other) => {
                return Err(ApiError::one(
                    "invalid_argument",
                    "$.year",
                    format!("expected a year, found {}", other.kind()),
                )
                .into())
            }
        }
    }
    let refs: Vec<RefFile> = named
        .iter()
        .map(|(name, bytes)| RefFile { name, bytes })
        .collect();
    let import = resilience_sheets::import_reference_files(&refs, &fw, &opts)?;
    to_js(&import.output(&fw))
}

/// Scores a batch (as `scoreBatch` takes it) and returns the results workbook as .xlsx bytes:
/// scores per assessment, indicator values, the framework and method. Titles in `lang`
/// (default: the framework's first language).
#[wasm_bindgen(js_name = resultsXlsx)]
pub fn results_xlsx(
    input: JsValue,
    fw: Option<JsValue>,
    lang: Option<String>,
) -> Result<js_sys::Uint8Array, Error> {
    let fw = framework_of(&fw)?;
    let batch = read_batch(&input, &fw)?;
    let lang = lang
        .or_else(|| fw.languages.first().cloned())
        .unwrap_or_else(|| "en".into());
    let bytes = resilience_sheets::results_xlsx(&fw, &batch, &lang)?;
    Ok(js_sys::Uint8Array::from(&bytes[..]))
}
