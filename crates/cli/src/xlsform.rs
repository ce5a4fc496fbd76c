//! `resilience xlsform`: the framework's XLSForm.

use crate::io::{write_file, Failure, FrameworkArg};

/// Write the framework's XLSForm (for KoboToolbox, ODK).
#[derive(clap::Args)]
#[command(
    long_about = "Write the framework's XLSForm (for KoboToolbox, ODK): one select_one per \
                  indicator with its anchors as choices and \"don't know\" (dk), \"not \
                  applicable\" (na) and \"unsafe to ask\" (unsafe), a group and a note per \
                  pillar, unit and date questions, labels in every language of the framework."
)]
pub struct Args {
    #[command(flatten)]
    fw: FrameworkArg,
    /// The .xlsx file to write.
    #[arg(value_name = "OUT.xlsx")]
    out: String,
}

pub fn run(a: Args) -> Result<(), Failure> {
    let fw = a.fw.load()?;
    write_file(&a.out, &resilience_sheets::xlsform::xlsform(&fw))
}
