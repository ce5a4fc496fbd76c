//! `resilience report`: one assessment as a self-contained HTML report, with the numbers
//! `analyse` gives it.

use crate::analyse::read_options;
use crate::io::{read_entered, write_out, Entered, Failure, FrameworkArg};
use clap::ValueEnum;
use resilience::api::ApiError;
use resilience::assessment::check_date;
use resilience::{Assessment, Value};
use resilience_analysis::{self as analysis, Perturb};
use resilience_report::Report;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    En,
    Fr,
}

/// Write one assessment as a printable HTML report.
#[derive(clap::Args)]
#[command(
    long_about = "Score and analyse INPUT as `analyse` does, varying what the answers could \
                  have been (perturb assessors, respondents, missing: the weights and method \
                  as set), and write one assessment as a self-contained HTML report on \
                  standard output: alarms and warning signs first, pillars with their 90% \
                  ranges, every indicator with its note and evidence, the Framework of \
                  Analysis coverage, prevention measures, the team and the method. It makes no \
                  request and runs no script; print it to PDF from a browser. INPUT with \
                  several assessments needs --id. The report is confidential: it holds the \
                  assessment's notes."
)]
pub struct Args {
    /// The report's language.
    #[arg(long, value_enum, default_value = "en")]
    lang: Lang,
    #[command(flatten)]
    fw: FrameworkArg,
    /// Monte Carlo draws for the ranges (default 2000, as analyse).
    #[arg(long, value_name = "N")]
    draws: Option<String>,
    /// The seed (default 1): the same seed gives the same figures.
    #[arg(long, value_name = "S")]
    seed: Option<String>,
    /// The date the report is made, YYYY-MM-DD (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    made: Option<String>,
    /// Which assessment of INPUT, by id (needed when it has several).
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// The assessments (JSON or CSV), or - for standard input.
    #[arg(value_name = "INPUT")]
    input: String,
}

pub fn run(a: Args) -> Result<(), Failure> {
    let fw = a.fw.load()?;
    let made = match a.made {
        Some(d) => {
            if d.len() != 10 || check_date(&d).is_err() {
                return Err(ApiError::one(
                    "invalid_argument",
                    "--made",
                    format!("{d:?} is not a day as YYYY-MM-DD"),
                )
                .into());
            }
            d
        }
        None => today(),
    };
    let mut options = read_options(
        Value::Object(Vec::new()),
        a.draws.as_deref(),
        a.seed.as_deref(),
    )?;
    // The ranges vary what the answers could have been, as the report's words say (and the
    // app's "How sure is this score?"); no Sobol index is shown, and the ranges do not depend
    // on them (their own stream).
    options.perturb = Perturb::DATA;
    options.sensitivity = false;
    let Entered { batch, items } = read_entered(&a.input, &fw)?;
    let k = pick(&batch, a.id.as_deref())?;
    // The whole batch, as `analyse INPUT` runs it: the numbers are the same as analyse's.
    let analysed = analysis::score_and_analyse(&fw, &batch, &options)?;
    let doc = analysed.doc(&fw, &batch, &options);
    let doc: Value = serde_json::from_str(&serde_json::to_string(&doc).expect("serializes"))
        .expect("the analysis reads back");
    let result = match doc.get("results") {
        Some(Value::Array(list)) => &list[k],
        _ => unreachable!("an analysis has results"),
    };
    let report = Report {
        fw: &fw,
        input: &items[k],
        result,
        options: doc.get("options").unwrap_or(&Value::Null),
        made: &made,
    };
    let lang = match a.lang {
        Lang::En => "en",
        Lang::Fr => "fr",
    };
    write_out(&resilience_report::write(&report, lang))
}

/// The assessment to report: the one with `id`, or the only one; else every id, as a problem.
fn pick(batch: &[Assessment], id: Option<&str>) -> Result<usize, ApiError> {
    let ids = || {
        batch
            .iter()
            .map(|a| resilience::value::quote(&a.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match id {
        Some(id) => batch.iter().position(|a| a.id == id).ok_or_else(|| {
            ApiError::one(
                "invalid_argument",
                "--id",
                format!(
                    "no assessment {} in INPUT; its ids: {}",
                    resilience::value::quote(id),
                    ids()
                ),
            )
        }),
        None if batch.len() == 1 => Ok(0),
        None => Err(ApiError::one(
            "invalid_argument",
            "--id",
            format!(
                "INPUT has {} assessments: pick one with --id; its ids: {}",
                batch.len(),
                ids()
            ),
        )),
    }
}

/// Today's date in UTC, YYYY-MM-DD (days to a civil date: Howard Hinnant's algorithm).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil((secs / 86_400) as i64)
}

/// The date `days` after 1970-01-01.
fn civil(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::civil;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), "1970-01-01");
        assert_eq!(civil(59), "1970-03-01");
        assert_eq!(civil(11_016), "2000-02-29");
        assert_eq!(civil(20_528), "2026-03-16");
        assert_eq!(civil(-1), "1969-12-31");
    }
}
