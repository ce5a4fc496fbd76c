//! `resilience score`: JSON results (or one CSV row per assessment).

use crate::io::{read_input, to_json, write_out, Failure, Format, FrameworkArg, InputArgs};
use resilience::api;
use resilience::csv::Style;
use resilience::csv_output::write_results_csv;
use resilience::result::Results;

/// Score assessments: JSON results (or one CSV row per assessment).
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    fw: FrameworkArg,
    /// json (the result contract) or csv (one row per assessment).
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    #[command(flatten)]
    io: InputArgs,
}

pub fn run(a: Args) -> Result<(), Failure> {
    let fw = a.fw.load()?;
    let batch = read_input(&a.io.input, &fw)?;
    let scored = api::score(&fw, &batch);
    let results = Results {
        fw: &fw,
        batch: &batch,
        scored: &scored,
    };
    if a.format == Format::Csv {
        write_out(&write_results_csv(&results, &Style::default()))
    } else {
        write_out(&to_json(&results, a.io.compact))
    }
}
