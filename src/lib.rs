//! Resilience: a structural-resilience calculator for atrocity prevention.
//!
//! The engine: pure Rust, no Cargo features, one module per step. Frameworks and assessments
//! are read and validated (`framework`, `assessment`, `csv_input`), then `pipeline` combines
//! respondents, normalises, aggregates and finds what the result must say, `result` writes the
//! contract every front end shares and `csv_output` the CSV people open. `api` holds the
//! operations every front end offers and the one error type, `ApiError`.
//!
//! Around it (`crates/`): `resilience-analysis` runs the pipeline many times over (uncertainty,
//! sensitivity, leverage), `resilience-sheets` reads and writes spreadsheets, and the thin
//! shells `resilience-cli` and `resilience-wasm` put all of it on the command line and in the
//! browser.

// First: its `cat!` is used by the modules below.
#[macro_use]
pub mod cat;

pub mod api;
pub mod assessment;
pub mod csv;
pub mod csv_input;
pub mod csv_output;
pub mod digits;
pub mod framework;
pub mod issue;
pub mod json;
pub mod json_text;
pub mod markup;
pub mod pipeline;
pub mod result;
pub mod sort;
pub mod text;
pub mod value;

pub use assessment::Assessment;
pub use framework::Framework;
pub use issue::Issue;
pub use value::Value;
