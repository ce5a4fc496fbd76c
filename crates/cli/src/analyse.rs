//! `resilience analyse`: how sure the scores are, what drives them, where reform would help most.

use crate::io::{
    in_file, read_entered, read_text, to_json, write_out, Entered, Failure, FrameworkArg, InputArgs,
};
use resilience::api::{self, ApiError};
use resilience::Value;
use resilience_analysis::{
    self as analysis, AnalysedResult, AnalysisDoc, FrameworkRef, Keyed, Options,
};
use resilience_team::panel::{alpha_by_indicator, team_agreement, TeamAgreement};
use serde::Serialize;

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
                  override it. A team assessment (one with \"assessors\", as `merge` writes \
                  it) also gets its assessors' \"agreement\", and a batch of two or more \
                  \"agreement_by_indicator\" (Krippendorff's alpha across them)."
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
    let Entered { batch, items } = read_entered(&a.io.input, &fw)?;
    let analysed = analysis::score_and_analyse(&fw, &batch, &options)?;
    let doc = analysed.doc(&fw, &batch, &options);
    write_out(&to_json(&with_agreement(&doc, &items), a.io.compact))
}

/// `analyse`'s output: the analysis document with, for each team assessment (one with
/// `assessors`), its `agreement`, and for a batch of two or more, Krippendorff's alpha per
/// indicator across them (`agreement_by_indicator`).
#[derive(Serialize)]
struct Output<'a> {
    framework: FrameworkRef<'a>,
    options: &'a Options,
    results: Vec<WithAgreement<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agreement_by_indicator: Option<Keyed<Option<f64>>>,
}

#[derive(Serialize)]
struct WithAgreement<'a> {
    #[serde(flatten)]
    result: AnalysedResult<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agreement: Option<TeamAgreement>,
}

fn with_agreement<'a>(doc: &AnalysisDoc<'a>, items: &[Value]) -> Output<'a> {
    let team: Vec<bool> = items.iter().map(|v| v.get("assessors").is_some()).collect();
    let teams: Vec<Value> = items
        .iter()
        .zip(&team)
        .filter(|(_, &t)| t)
        .map(|(v, _)| v.clone())
        .collect();
    Output {
        framework: doc.framework(),
        options: doc.options,
        results: (0..doc.batch.len())
            .map(|k| WithAgreement {
                result: doc.result(k),
                agreement: team[k].then(|| team_agreement(&items[k], doc.fw)),
            })
            .collect(),
        agreement_by_indicator: (teams.len() >= 2)
            .then(|| Keyed(alpha_by_indicator(&teams, doc.fw))),
    }
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
