//! `resilience export-xlsx`: the results workbook.

use crate::io::{read_input, write_file, Failure, FrameworkArg};

/// Score INPUT and write a results workbook (.xlsx).
#[derive(clap::Args)]
#[command(
    long_about = "Score INPUT and write a workbook: scores per assessment, indicator values, \
                  and the framework and method."
)]
pub struct Args {
    #[command(flatten)]
    fw: FrameworkArg,
    /// The language of titles (default: the framework's first).
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    #[arg(value_name = "INPUT")]
    input: String,
    #[arg(value_name = "OUT.xlsx")]
    out: String,
}

pub fn run(a: Args) -> Result<(), Failure> {
    let fw = a.fw.load()?;
    let batch = read_input(&a.input, &fw)?;
    let lang = a
        .lang
        .or_else(|| fw.languages.first().cloned())
        .unwrap_or_else(|| "en".into());
    write_file(
        &a.out,
        &resilience_sheets::results_xlsx(&fw, &batch, &lang)?,
    )
}
