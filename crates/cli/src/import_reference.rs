//! `resilience import-reference`: published figures in, as a desk assessment.

use crate::import::{finish_import, ImportOutput};
use crate::io::{read_bytes, Failure, FrameworkArg};
use resilience_sheets::import::reference::{RefFile, ReferenceOptions};

/// Read published figures (FSI, WJP, V-Dem, CIVICUS, Positive Peace) as a desk assessment.
#[derive(clap::Args)]
#[command(
    long_about = "Read published figures onto the framework's 0-4 scales, from the \
                  publishers' own files as they publish them (CSV or .xlsx), recognised by \
                  their headers: the Fragile States Index yearly file (Country, Year, C1: \
                  Security Apparatus ...), the WJP Rule of Law Index data file (Country, \
                  Country Code, Year, sub-factors 1.1 ...), a V-Dem country-year file \
                  (country_name, country_text_id, year, variables: v2x... indices, raw \
                  indicators on their original scale as v2clkill_osp), CIVICUS Monitor \
                  ratings (Country, Rating), the Positive Peace Index (Country, Free Flow of \
                  Information ...); or figures one a row: unit, date (optional), indicator (an \
                  indicator id), source (fsi, wjp, vdem, vdem_inverted, positive_peace, \
                  civicus, score), value, reference (optional text).\n\n\
                  Conversions to 0-4: FSI (0-10, higher = worse) 4 x (10 - x) / 10; WJP and \
                  V-Dem indices (0-1) 4 x, V-Dem exclusion and corruption indices 4 x (1 - x), \
                  V-Dem raw indicators on their original scale 0-k 4 x / k; Positive Peace \
                  (1-5, lower = better) 5 - x; CIVICUS: closed 0, repressed 1, obstructed 2, \
                  narrowed 3, open 4. Which indicator each column feeds is the framework \
                  specification's mapping.\n\n\
                  Countries are matched by ISO 3166-1 alpha-3 (the file's code column, else \
                  the name in English or French, accents and punctuation aside): one country's \
                  figures of one year, from every FILE given, make one assessment; several \
                  figures for one indicator are its respondents, each recorded in the \
                  indicator's note. The report (files, sources, indicators, countries, names \
                  matched to no country, rows left out and why) goes to stderr, and as JSON to \
                  --report FILE."
)]
pub struct Args {
    #[command(flatten)]
    fw: FrameworkArg,
    /// The year of figures in a file without a year column (CIVICUS Monitor ratings);
    /// otherwise a year in the file's name is used.
    #[arg(long, value_name = "YYYY")]
    year: Option<String>,
    #[command(flatten)]
    out: ImportOutput,
    /// The files (CSV or .xlsx), or - for standard input.
    #[arg(value_name = "FILE", required = true)]
    inputs: Vec<String>,
}

pub fn run(a: Args) -> Result<(), Failure> {
    let fw = a.fw.load()?;
    if let Some(y) = &a.year {
        if !(y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())) {
            return Err(Failure::Usage(format!(
                "--year takes a year (YYYY), not {y:?}"
            )));
        }
    }
    let mut contents = Vec::with_capacity(a.inputs.len());
    for path in &a.inputs {
        contents.push(read_bytes(path)?);
    }
    let files: Vec<RefFile> = a
        .inputs
        .iter()
        .zip(&contents)
        .map(|(name, bytes)| RefFile {
            name: name.rsplit('/').next().unwrap_or(name),
            bytes,
        })
        .collect();
    let options = ReferenceOptions { year: a.year };
    let import = resilience_sheets::import_reference_files(&files, &fw, &options)?;
    finish_import(&import, &fw, &a.out)
}
