//! `resilience validate`: every problem, located; the framework's warnings.

use crate::io::{read_input, Failure, FrameworkArg};

/// Check assessments: every problem, located; the framework's warnings.
#[derive(clap::Args)]
#[command(
    long_about = "Check assessments against the framework: every problem on stderr as \
                  `where: message` (exit 2), or `valid: N assessment(s)`. Also prints the \
                  framework's warnings, as `warning: where: message`: what is valid but likely \
                  not meant, such as a geometric mean over parts that can score 0."
)]
pub struct Args {
    #[command(flatten)]
    fw: FrameworkArg,
    #[arg(value_name = "INPUT")]
    input: String,
}

pub fn run(a: Args) -> Result<(), Failure> {
    let fw = a.fw.load()?;
    a.fw.warn(&fw);
    let batch = read_input(&a.input, &fw)?;
    eprintln!(
        "valid: {} assessment(s) for framework {} {}",
        batch.len(),
        fw.id,
        fw.version
    );
    Ok(())
}
