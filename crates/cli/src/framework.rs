//! `resilience framework`: the framework as JSON.

use crate::io::{to_json, write_out, Failure, FrameworkArg};

/// Print the framework (the default, to adapt) as JSON, with its warnings on stderr.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    fw: FrameworkArg,
    /// Accepted and not read (as before clap), so a script may pass the same arguments
    /// as to `validate`.
    #[arg(hide = true)]
    _input: Option<String>,
}

pub fn run(a: Args) -> Result<(), Failure> {
    let fw = a.fw.load()?;
    a.fw.warn(&fw);
    write_out(&to_json(&fw.to_value(), false))
}
