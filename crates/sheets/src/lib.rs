//! Resilience's spreadsheets: the framework's XLSForm and the results workbook out (a small
//! .xlsx writer), and what field tools and publishers give in: KoboToolbox / ODK Central
//! exports and published reference figures, as CSV or .xlsx (read by `calamine`). The browser
//! loads this as its own module, on the first import or export.

pub mod export;
pub mod import;
pub mod xlsform;
pub mod xlsx;

use import::odk::{self, OdkOptions};
use import::reference::{self, RefFile, ReferenceOptions};
use import::Import;
use resilience::api::{self, ApiError};
use resilience::result::Results;
use resilience::{Assessment, Framework};

/// Reads a KoboToolbox or ODK Central CSV export of the framework's form. Bad cells do not
/// fail the import: they are in the report.
pub fn import_odk(text: &str, fw: &Framework, options: &OdkOptions) -> Result<Import, ApiError> {
    odk::read_export(text, fw, options).map_err(|i| ApiError::new("invalid_input", i))
}

/// Reads a KoboToolbox or ODK Central export file as it comes: CSV in any encoding
/// `text::decode` reads, or .xlsx.
pub fn import_odk_file(
    bytes: &[u8],
    fw: &Framework,
    options: &OdkOptions,
) -> Result<Import, ApiError> {
    odk::read_export_file(bytes, fw, options).map_err(|i| ApiError::new("invalid_input", i))
}

/// Reads the publishers' files (CSV or .xlsx, several at once: one assessment per country and
/// year across them) onto the framework's scales (see `import::reference`).
pub fn import_reference_files(
    files: &[RefFile<'_>],
    fw: &Framework,
    options: &ReferenceOptions,
) -> Result<Import, ApiError> {
    reference::read_files(files, fw, options).map_err(|i| ApiError::new("invalid_input", i))
}

/// Scores a batch and writes the results workbook (scores, indicator values, framework).
pub fn results_xlsx(fw: &Framework, batch: &[Assessment], lang: &str) -> Result<Vec<u8>, ApiError> {
    let scored = api::score(fw, batch);
    let results = Results {
        fw,
        batch,
        scored: &scored,
    };
    export::results_xlsx(&results, lang).map_err(|m| ApiError::one("invalid_input", "$", m))
}
