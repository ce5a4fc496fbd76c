//! `resilience`: the scoring engine on the command line, for analysts who score many
//! assessments at once. A thin layer over `resilience::api`.

use resilience::api::{self, ApiError};
use resilience::result::{write_results_csv, Results};
use resilience::Framework;
use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
resilience: structural-resilience scoring for atrocity prevention

USAGE:
  resilience score [--framework FILE] [--format json|csv] [--compact] INPUT|-
  resilience validate [--framework FILE] INPUT|-
  resilience framework
  resilience bench [--assessments N] [--respondents R]
  resilience --version

INPUT is a JSON file (one assessment or {\"assessments\": [...]}) or a CSV file (one row per
respondent: id, unit, date, then indicator ids); - reads standard input.
Exit status: 0 success, 2 invalid arguments or input (every problem on stderr as `where: message`),
1 a file that cannot be read or written.";

enum Failure {
    Usage(String),
    Invalid(ApiError),
    Io(String),
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Failure::Invalid(e)
    }
}

struct Args {
    command: String,
    framework: Option<String>,
    format: String,
    compact: bool,
    input: Option<String>,
    assessments: usize,
    respondents: usize,
}

fn parse_args(mut raw: impl Iterator<Item = String>) -> Result<Args, Failure> {
    let command = raw
        .next()
        .ok_or_else(|| Failure::Usage("no command given".into()))?;
    let mut args = Args {
        command,
        framework: None,
        format: "json".into(),
        compact: false,
        input: None,
        assessments: 100_000,
        respondents: 3,
    };
    while let Some(a) = raw.next() {
        let mut value = |name: &str| {
            raw.next()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match a.as_str() {
            "--framework" => args.framework = Some(value("--framework")?),
            "--format" => args.format = value("--format")?,
            "--compact" => args.compact = true,
            "--assessments" | "--respondents" => {
                let v = value(&a)?;
                let n: usize = v
                    .parse()
                    .map_err(|_| Failure::Usage(format!("{a} takes a whole number, not {v:?}")))?;
                if a == "--assessments" {
                    args.assessments = n;
                } else {
                    args.respondents = n;
                }
            }
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            _ if args.input.is_some() => {
                return Err(Failure::Usage(format!("unexpected argument {a:?}")))
            }
            _ => args.input = Some(a),
        }
    }
    if !matches!(args.format.as_str(), "json" | "csv") {
        return Err(Failure::Usage(format!(
            "--format is json or csv, not {:?}",
            args.format
        )));
    }
    Ok(args)
}

fn read_text(path: &str) -> Result<String, Failure> {
    let mut text = String::new();
    let res = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    res.map_err(|e| Failure::Io(format!("{path}: {e}")))?;
    Ok(text)
}

fn load_framework(args: &Args) -> Result<Framework, Failure> {
    match &args.framework {
        None => Ok(api::default_framework()),
        Some(path) => {
            let text = read_text(path)?;
            let prefix = |mut e: ApiError| {
                for i in &mut e.issues {
                    i.path = format!("{path}: {}", i.path);
                }
                e
            };
            let value = api::parse_json(&text).map_err(prefix)?;
            Ok(api::framework(&value).map_err(prefix)?)
        }
    }
}

fn input_path(args: &Args) -> Result<&str, Failure> {
    args.input.as_deref().ok_or_else(|| {
        Failure::Usage(format!(
            "{} needs an INPUT file (or - for standard input)",
            args.command
        ))
    })
}

fn write_out(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| Failure::Io(format!("standard output: {e}")))
}

fn to_json<T: serde::Serialize>(v: &T, compact: bool) -> String {
    let mut s = if compact {
        serde_json::to_string(v)
    } else {
        serde_json::to_string_pretty(v)
    }
    .expect("results serialize");
    s.push('\n');
    s
}

fn run(args: Args) -> Result<(), Failure> {
    match args.command.as_str() {
        "score" => {
            let fw = load_framework(&args)?;
            let batch = api::read_input(&read_text(input_path(&args)?)?, &fw)?;
            let scored = api::score(&fw, &batch);
            let results = Results {
                fw: &fw,
                batch: &batch,
                scored: &scored,
            };
            if args.format == "csv" {
                write_out(&write_results_csv(&results))
            } else {
                write_out(&to_json(&results, args.compact))
            }
        }
        "validate" => {
            let fw = load_framework(&args)?;
            let batch = api::read_input(&read_text(input_path(&args)?)?, &fw)?;
            eprintln!(
                "valid: {} assessment(s) for framework {} {}",
                batch.len(),
                fw.id,
                fw.version
            );
            Ok(())
        }
        "framework" => {
            let fw = load_framework(&args)?;
            write_out(&to_json(&fw.to_value(), false))
        }
        "bench" => bench(args.assessments, args.respondents),
        other => Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
}

/// CSV in → scores → CSV out, timed on generated data (a seeded generator, so every run
/// times the same work).
fn bench(assessments: usize, respondents: usize) -> Result<(), Failure> {
    let fw = api::default_framework();
    let mut csv = String::from("id,unit,date");
    for &n in &fw.indicators {
        csv.push(',');
        csv.push_str(&fw.nodes[n].id);
    }
    csv.push('\n');
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for a in 0..assessments {
        for _ in 0..respondents {
            csv.push_str(&format!("a{a},Unit {},2026-03-14", a % 97));
            for _ in &fw.indicators {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                csv.push(',');
                // About one cell in twenty left empty, as in real data.
                if state % 20 != 0 {
                    csv.push((b'0' + (state >> 8) as u8 % 5) as char);
                }
            }
            csv.push('\n');
        }
    }
    let t0 = Instant::now();
    let batch = api::assessments_from_csv(&csv, &fw)?;
    let t1 = Instant::now();
    let scored = api::score(&fw, &batch);
    let t2 = Instant::now();
    let out = write_results_csv(&Results {
        fw: &fw,
        batch: &batch,
        scored: &scored,
    });
    let t3 = Instant::now();
    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
    println!("metric\tvalue");
    println!(
        "input\t{} assessments × {} indicators × {respondents} respondents ({:.1} MB CSV)",
        batch.len(),
        fw.indicators.len(),
        csv.len() as f64 / 1e6
    );
    println!("read CSV (ms)\t{:.1}", ms(t0, t1));
    println!("score (ms)\t{:.1}", ms(t1, t2));
    println!("write CSV (ms)\t{:.1}", ms(t2, t3));
    println!("total CSV→CSV (ms)\t{:.1}", ms(t0, t3));
    println!("output\t{:.1} MB", out.len() as f64 / 1e6);
    Ok(())
}

fn main() -> ExitCode {
    let mut raw = std::env::args().skip(1).peekable();
    match raw.peek().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some("-V" | "--version") => {
            println!("resilience {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    match parse_args(raw).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("resilience: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Invalid(e)) => {
            eprint!("{}", e.report());
            eprintln!(
                "resilience: {} problem(s) found ({})",
                e.issues.len(),
                e.code
            );
            ExitCode::from(2)
        }
        Err(Failure::Io(msg)) => {
            eprintln!("resilience: {msg}");
            ExitCode::from(1)
        }
    }
}
