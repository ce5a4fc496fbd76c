//! `resilience analyse`: how sure the scores are, what drives them, where reform would help most.

use crate::io::{
    in_file, read_input, read_text, to_json, write_out, Failure, FrameworkArg, InputArgs,
};
use resilience::api::{self, ApiError};
use resilience::Value;
use resilience_analysis::{self as analysis, AnalysisDoc, Options};

/// How sure the scores are, what drives them, where reform would help most.
#[derive(clap::Args)]
#[command(
    visible_alias = "analyze",
    long_about = "Score INPUT and add to each result how sure the score is (\"uncertainty\": \
                  median, 5th and 95th percentiles and band probabilities over N Monte Carlo \
                  draws, default 2000, seeded by S, default 1; ranks in a batch), what drives \
                  it (\"sensitivity\": Sobol indices) and where reform would help most \
                  (\"leverage\"). --options FILE is a JSON object: {\"draws\", \"seed\", \
                  \"perturb\": [\"assessors\", \"respondents\", \"weights\", \"method\", \
                  \"missing\"], \"sensitivity\": true|false, \"bootstrap\"}; --draws and --seed \
                  override it."
)]
pub struct Args {
    /// Monte Carlo draws (default 2000).
    #[arg(long, value_name = "N")]
    draws: Option<String>,
    /// The seed (default 1): the same seed gives the same bits.
    #[arg(long, value_name = "S")]
    seed: Option<String>,
    /// A JSON file of analysis options.
    #[arg(long, value_name = "FILE")]
    options: Option<String>,
    #[command(flatten)]
    fw: FrameworkArg,
    #[command(flatten)]
    io: InputArgs,
}

/// The options from --options FILE, with --draws and --seed over them.
pub fn run(a: Args) -> Result<(), Failure> {
    let fw = a.fw.load()?;
    let file = match &a.options {
        None => Value::Object(Vec::new()),
        Some(path) => api::parse_json(&read_text(path)?).map_err(|e| in_file(path, e))?,
    };
    let options = read_options(file, a.draws.as_deref(), a.seed.as_deref())?;
    let batch = read_input(&a.io.input, &fw)?;
    let scored = api::score(&fw, &batch);
    let analyses = analysis::analyse(&fw, &batch, &scored, &options)?;
    let doc = AnalysisDoc {
        fw: &fw,
        batch: &batch,
        scored: &scored,
        options: &options,
        analyses: &analyses,
    };
    write_out(&to_json(&doc, a.io.compact))
}

/// Analysis options from `value` (a JSON object) with `--draws` and `--seed` over it; problems
/// of those two are named by their flag.
pub fn read_options(
    mut value: Value,
    draws: Option<&str>,
    seed: Option<&str>,
) -> Result<Options, Failure> {
    for (flag, key, given) in [("--draws", "draws", draws), ("--seed", "seed", seed)] {
        let (Some(v), Value::Object(fields)) = (given, &mut value) else {
            continue;
        };
        let n: u64 = v
            .parse()
            .map_err(|_| Failure::Usage(format!("{flag} takes a whole number, not {v:?}")))?;
        fields.retain(|(k, _)| k != key);
        fields.push((key.into(), Value::Number(n as f64)));
    }
    Ok(Options::from_value(&value).map_err(|mut issues| {
        for i in &mut issues {
            match i.path.as_str() {
                "$.draws" if draws.is_some() => i.path = "--draws".into(),
                "$.seed" if seed.is_some() => i.path = "--seed".into(),
                _ => {}
            }
        }
        ApiError::new("invalid_argument", issues)
    })?)
}
