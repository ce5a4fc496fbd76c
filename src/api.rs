//! The operations every front end offers (CLI, wasm), with one error type: a machine-readable
//! code and every problem found, each with where it is.

use crate::assessment::{read_assessments, Assessment};
use crate::csv_input::read_csv;
use crate::framework::Framework;
use crate::issue::Issue;
use crate::pipeline::{score_batch, Scored};
use crate::value::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// `invalid_framework`, `invalid_input`, `invalid_json` or `invalid_argument`.
    pub code: &'static str,
    pub issues: Vec<Issue>,
}

impl ApiError {
    pub fn new(code: &'static str, issues: Vec<Issue>) -> Self {
        ApiError { code, issues }
    }

    pub fn one(code: &'static str, path: &str, message: impl Into<String>) -> Self {
        ApiError::new(code, vec![Issue::new(path, message)])
    }

    /// One line per problem, `path: message`.
    pub fn report(&self) -> String {
        self.issues.iter().map(|i| format!("{i}\n")).collect()
    }
}

impl ApiError {
    /// `code: path: message` for one problem, `code: N problems, first path: message` for more:
    /// the JS `Error`'s message, and what `Display` writes (made without `core::fmt`).
    pub fn summary(&self) -> String {
        match self.issues.as_slice() {
            [one] => cat!(self.code, ": ", one.line()),
            many => cat!(
                self.code,
                ": ",
                crate::digits::Whole(many.len()),
                " problems, first ",
                many.first().map(Issue::line).unwrap_or_default()
            ),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.summary())
    }
}

pub fn framework(value: &Value) -> Result<Framework, ApiError> {
    Framework::from_value(value).map_err(|i| ApiError::new("invalid_framework", i))
}

pub fn assessments_from_json(value: &Value, fw: &Framework) -> Result<Vec<Assessment>, ApiError> {
    read_assessments(value, fw).map_err(|i| ApiError::new("invalid_input", i))
}

pub fn assessments_from_csv(text: &str, fw: &Framework) -> Result<Vec<Assessment>, ApiError> {
    read_csv(text, fw).map_err(|i| ApiError::new("invalid_input", i))
}

/// Assessments as the engine's JSON input, `{"assessments": [...]}`.
pub fn assessments_value(batch: &[Assessment], fw: &Framework) -> Value {
    Value::Object(vec![(
        "assessments".into(),
        Value::Array(batch.iter().map(|a| a.to_value(fw)).collect()),
    )])
}

pub fn score(fw: &Framework, batch: &[Assessment]) -> Vec<Scored> {
    score_batch(fw, batch)
}

/// Decodes a file's bytes as text (`text::decode`): binary or undecodable input is
/// `invalid_input`, located by byte and line.
pub fn decode_text(
    bytes: &[u8],
) -> Result<(std::borrow::Cow<'_, str>, crate::text::Encoding), ApiError> {
    crate::text::decode(bytes).map_err(|i| ApiError::new("invalid_input", vec![i]))
}

/// The default framework (`src/framework/default.json`, built in), read straight from its text
/// by [`crate::json`]: natively and in the browser alike.
pub fn default_framework() -> Framework {
    let v = crate::json::parse(crate::framework::DEFAULT_FRAMEWORK_JSON)
        .expect("the shipped framework is valid JSON");
    Framework::from_value(&v).expect("the shipped framework is valid")
}

/// Text-based reading, for the CLI and tests (the browser hands over JS objects instead).
mod text {
    use super::*;

    /// Parses JSON text, naming the line and column of a syntax error.
    pub fn parse_json(text: &str) -> Result<Value, ApiError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        serde_json::from_str(text).map_err(|e| {
            let at = format!("line {}, column {}", e.line(), e.column());
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            ApiError::one("invalid_json", &at, msg)
        })
    }

    /// Reads JSON or CSV text: JSON when it starts with `{`.
    pub fn read_input(text: &str, fw: &Framework) -> Result<Vec<Assessment>, ApiError> {
        let body = text.trim_start_matches('\u{feff}').trim_start();
        if body.starts_with('{') || body.starts_with('[') {
            assessments_from_json(&parse_json(text)?, fw)
        } else {
            assessments_from_csv(text, fw)
        }
    }
}

pub use text::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_framework_reads_the_same_through_json_rs_and_serde_json() {
        let text = crate::framework::DEFAULT_FRAMEWORK_JSON;
        assert_eq!(crate::json::parse(text), Some(parse_json(text).unwrap()));
    }
}
