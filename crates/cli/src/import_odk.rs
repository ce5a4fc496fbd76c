//! `resilience import-odk`: a KoboToolbox or ODK Central export in.

use crate::import::{finish_import, ImportOutput};
use crate::io::{read_bytes, Failure, FrameworkArg};
use resilience_sheets::import::odk::OdkOptions;

/// Read a KoboToolbox or ODK Central export (CSV or .xlsx) of that form.
#[derive(clap::Args)]
#[command(
    long_about = "Read a KoboToolbox or ODK Central export of the framework's form, CSV or \
                  .xlsx (XML values or labels, group prefixes `a/b` or `a-b`, metadata columns \
                  left aside, `,` or `;`, decimal commas with `;`). Each row is a respondent \
                  (a submission); --group names the column(s) whose values make one assessment \
                  (header names, or unit / date for those questions; default unit,date). \
                  Submissions rejected in review are left out. Prints the assessments as JSON \
                  input for `score` (or CSV with --format csv); the report (questions matched, \
                  columns left aside, submissions left out, every bad cell, left unscored) goes \
                  to stderr, and as JSON to --report FILE. An encrypted ODK Central form must \
                  be exported with its passphrase."
)]
pub struct Args {
    #[command(flatten)]
    fw: FrameworkArg,
    /// The column(s) whose values make one assessment, comma-separated.
    #[arg(long, value_name = "COLUMN[,COLUMN]", value_delimiter = ',')]
    group: Vec<String>,
    #[command(flatten)]
    out: ImportOutput,
    /// The export (CSV or .xlsx), or - for standard input.
    #[arg(value_name = "EXPORT")]
    input: String,
}

pub fn run(a: Args) -> Result<(), Failure> {
    let fw = a.fw.load()?;
    let bytes = read_bytes(&a.input)?;
    let options = OdkOptions {
        group: a
            .group
            .into_iter()
            .map(|g| g.trim().to_string())
            .filter(|g| !g.is_empty())
            .collect(),
    };
    let import = resilience_sheets::import_odk_file(&bytes, &fw, &options)?;
    finish_import(&import, &fw, &a.out)
}
