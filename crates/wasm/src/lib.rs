//! Resilience's WebAssembly bindings: the one cdylib, bindings only. Each browser module is this
//! crate with some features on (`./build.sh build`):
//!
//! | module | features | what it adds |
//! | --- | --- | --- |
//! | `www/pkg/` | `engine` | the engine ([`engine`]); the page passes the framework |
//! | `www/pkg-analysis/` | `analysis` | the CSV writers and reader ([`csv`]); [`analysis`]: uncertainty, sensitivity, leverage; [`report`]: the printable report; [`team`]: team files merged, agreement |
//! | `www/pkg-sheets/` | `sheets` | [`csv`]; [`sheets`]: XLSForm, imports, the results workbook |
//! | `www/pkg-crypto/` | `crypto` | [`crypto`] only: the passphrase vault and age |
//!
//! Every function throws an [`Error`]: a JS `Error` with `.code` (and `.issues` for the engine's
//! problems), never a trap.

#[cfg(feature = "analysis")]
pub mod analysis;
#[cfg(feature = "crypto")]
pub mod crypto;
#[cfg(feature = "csv-write")]
pub mod csv;
#[cfg(feature = "engine")]
pub mod engine;
mod js;
#[cfg(feature = "csv-read")]
mod json_out;
#[cfg(feature = "analysis")]
pub mod report;
#[cfg(feature = "sheets")]
pub mod sheets;
#[cfg(feature = "analysis")]
pub mod team;

#[cfg(feature = "analysis")]
pub use analysis::*;
#[cfg(feature = "crypto")]
pub use crypto::*;
#[cfg(feature = "csv-write")]
pub use csv::*;
#[cfg(feature = "engine")]
pub use engine::*;
#[cfg(feature = "analysis")]
pub use report::*;
#[cfg(feature = "sheets")]
pub use sheets::*;
#[cfg(feature = "analysis")]
pub use team::*;

use wasm_bindgen::JsValue;

// The core modules (pkg/, pkg-csv/) and the analysis module allocate with talc instead of std's
// dlmalloc, which was 5.4 KB of the core's code: the core 1.7 KB gzipped smaller (63,498 ->
// 61,775 bytes) with score() as fast, the analysis module's draws as fast (A/B in one page:
// 10,000 draws 11.2 / 11.1 ms, 2,000 x 100 assessments 195-197 ms either way), the same bits.
// The spreadsheets and crypto modules keep dlmalloc until their imports and Argon2's 64 MiB are
// compared too. Single-threaded wasm only, as talc requires.
#[cfg(all(
    target_arch = "wasm32",
    not(target_feature = "atomics"),
    not(any(feature = "sheets", feature = "crypto"))
))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// What the functions throw: a JS `Error` whose `.code` says what went wrong in a word
/// (`invalid_input`, `wrong-passphrase` …) and whose message says it in a sentence. The engine's
/// errors also carry `.issues` (`[{path, message}]`): see `From<ApiError>` in [`engine`].
#[derive(Debug)]
pub struct Error(JsValue);

impl Error {
    pub(crate) fn new(code: &str, message: &str) -> Error {
        let err = Error(js::JsError::new(message).into());
        err.with("code", &code.into())
    }

    /// The error with one more property.
    pub(crate) fn with(self, key: &str, value: &JsValue) -> Error {
        let _ = js::set(&self.0, &key.into(), value);
        self
    }
}

impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        e.0
    }
}
