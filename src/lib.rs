//! Resilience: a structural-resilience calculator for atrocity prevention.
//!
//! Scoring is plain Rust, one module per step: frameworks and assessments are read and validated
//! (`framework`, `assessment`, `csv_input`), then `pipeline` combines respondents, normalises,
//! aggregates and analyses, and `result` writes the contract every front end shares.
//! `analysis` runs the pipeline many times over: how sure a score is (seeded Monte Carlo), what
//! drives it (Sobol indices) and where reform would help most (leverage). The wasm
//! bindings (`wasm`) and the CLI (`src/bin/resilience.rs`) are thin layers over `api`.

pub mod api;
pub mod assessment;
pub mod csv;
pub mod csv_input;
pub mod csv_output;
pub mod framework;
pub mod issue;
pub mod json;
pub mod pipeline;
pub mod result;
pub mod text;
pub mod value;

pub use assessment::Assessment;
pub use framework::Framework;
pub use issue::Issue;
pub use value::Value;
