//! What every command shares: how it fails (and so its exit status), files in and out, the
//! `--framework` option.

use clap::{Args, ValueEnum};
use resilience::api::{self, ApiError};
use resilience::text::Encoding;
use resilience::{Assessment, Framework, Value};
use std::io::{Read, Write};

/// Why a command failed: exit status 2 for the first two, 1 for the last.
pub enum Failure {
    /// An argument that clap cannot check (its message).
    Usage(String),
    /// Input that is not valid: every problem, located.
    Invalid(ApiError),
    /// A file that cannot be read or written.
    Io(String),
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Failure::Invalid(e)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Csv,
}

/// The assessments a scoring command reads, and how it writes JSON.
#[derive(Args)]
pub struct InputArgs {
    /// JSON on one line.
    #[arg(long)]
    pub compact: bool,
    /// The assessments (JSON or CSV), or - for standard input.
    #[arg(value_name = "INPUT")]
    pub input: String,
}

#[derive(Args, Clone, Default)]
pub struct FrameworkArg {
    /// A framework JSON file instead of the default one.
    #[arg(long, value_name = "FILE")]
    pub framework: Option<String>,
}

impl FrameworkArg {
    /// The framework: the default one, or the file's, problems prefixed with its name.
    pub fn load(&self) -> Result<Framework, Failure> {
        match &self.framework {
            None => Ok(api::default_framework()),
            Some(path) => {
                let text = read_text(path)?;
                let value = api::parse_json(&text).map_err(|e| in_file(path, e))?;
                Ok(api::framework(&value).map_err(|e| in_file(path, e))?)
            }
        }
    }

    /// The framework's warnings (valid, but likely not meant) on stderr, one a line as
    /// `warning: FILE: path: message`.
    pub fn warn(&self, fw: &Framework) {
        let file = self
            .framework
            .as_deref()
            .map(|f| format!("{f}: "))
            .unwrap_or_default();
        for w in fw.warnings() {
            eprintln!("warning: {file}{w}");
        }
    }
}

/// `e` with every problem's place prefixed by the file it is in.
pub fn in_file(path: &str, mut e: ApiError) -> ApiError {
    for i in &mut e.issues {
        i.path = format!("{path}: {}", i.path);
    }
    e
}

pub fn read_bytes(path: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let res = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    res.map_err(|e| Failure::Io(format!("{path}: {e}")))?;
    Ok(bytes)
}

/// A text file (`text::decode`): invalid bytes are problems located by byte and line, prefixed
/// with the file's name; a Windows-1252 or UTF-16 file is said on stderr.
pub fn read_text(path: &str) -> Result<String, Failure> {
    let bytes = read_bytes(path)?;
    let (text, enc) = api::decode_text(&bytes).map_err(|e| in_file(path, e))?;
    if !matches!(enc, Encoding::Utf8 | Encoding::Utf8Bom) {
        eprintln!("note: {path}: read as {}", enc.name());
    }
    Ok(text.into_owned())
}

/// Reads INPUT (JSON or CSV), prefixing problems of a bad encoding with its name.
pub fn read_input(path: &str, fw: &Framework) -> Result<Vec<Assessment>, Failure> {
    Ok(api::read_input(&read_text(path)?, fw)?)
}

/// Assessments as read, and each as entered: its JSON object (with what the engine does not
/// keep, such as a team file's assessors), or for CSV the engine's reading of it.
pub struct Entered {
    pub batch: Vec<Assessment>,
    pub items: Vec<Value>,
}

/// Reads INPUT (JSON or CSV) as `read_input` does, keeping each assessment as entered.
pub fn read_entered(path: &str, fw: &Framework) -> Result<Entered, Failure> {
    let text = read_text(path)?;
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if !body.starts_with('{') && !body.starts_with('[') {
        let batch = api::assessments_from_csv(&text, fw)?;
        let items = batch.iter().map(|a| a.to_value(fw)).collect();
        return Ok(Entered { batch, items });
    }
    let value = api::parse_json(&text)?;
    // On success the engine has read every item, in order.
    let batch = api::assessments_from_json(&value, fw)?;
    let items = match value {
        Value::Object(mut fields) => match fields.iter().position(|(k, _)| k == "assessments") {
            Some(i) => match fields.swap_remove(i).1 {
                Value::Array(list) => list,
                _ => unreachable!("the engine read a list"),
            },
            None => vec![Value::Object(fields)],
        },
        other => vec![other],
    };
    Ok(Entered { batch, items })
}

pub fn write_out(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| Failure::Io(format!("standard output: {e}")))
}

pub fn write_file(path: &str, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| Failure::Io(format!("{path}: {e}")))
}

pub fn to_json<T: serde::Serialize>(v: &T, compact: bool) -> String {
    let mut s = if compact {
        serde_json::to_string(v)
    } else {
        serde_json::to_string_pretty(v)
    }
    .expect("results serialize");
    s.push('\n');
    s
}
