//! `resilience`: the scoring engine on the command line, for analysts who score many
//! assessments at once. A thin layer over `resilience::api`.

use resilience::analysis::{self, AnalysisDoc, Options};
use resilience::api::{self, ApiError};
use resilience::csv_input::write_csv;
use resilience::import::odk::OdkOptions;
use resilience::import::ImportReport;
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
  resilience framework [--framework FILE]
  resilience bench [--assessments N] [--respondents R]
  resilience analyse [--draws N] [--seed S] [--options FILE] [--framework FILE] [--compact] INPUT|-
  resilience bench-analysis
  resilience xlsform [--framework FILE] OUT.xlsx
  resilience import-odk [--framework FILE] [--group COLUMN[,COLUMN]] [--format json|csv]
                        [--report FILE] EXPORT.csv|-
  resilience import-reference [--framework FILE] [--format json|csv] [--report FILE] FIGURES.csv|-
  resilience export-xlsx [--framework FILE] [--lang CODE] INPUT|- OUT.xlsx
  resilience bench-import [--rows N]
  resilience --version

INPUT is a JSON file (one assessment or {\"assessments\": [...]}) or a CSV file (one row per
respondent: id, unit, date, then indicator ids); - reads standard input.
xlsform writes the framework's XLSForm (for KoboToolbox, ODK): one select_one per indicator with
its anchors as choices and \"don't know\" (dk, not scored), a group and a note per pillar, unit
and date questions, labels in every language of the framework.
import-odk reads a KoboToolbox or ODK Central CSV export of that form (XML values or labels, group
prefixes `a/b` or `a-b`, metadata columns ignored, `,` or `;`, decimal commas with `;`). Each row
is a respondent; --group names the column(s) whose values make one assessment (header names, or
unit / date for those questions; default unit,date). Prints the assessments as JSON input for
`score` (or CSV with --format csv); the report (columns mapped and ignored, every bad cell, left
unscored) goes to stderr, and as JSON to --report FILE.
import-reference reads published figures, one a row, columns: unit, date (optional), indicator
(an indicator id), source, value, reference (optional text). Sources and their conversion to 0-4:
fsi (0-10, higher = worse): 4 x (10 - x) / 10; wjp, vdem (0-1): 4 x; vdem_inverted (V-Dem
exclusion indices, 0-1): 4 x (1 - x); positive_peace (1-5, lower = better): 5 - x; civicus:
closed 0, repressed 1, obstructed 2, narrowed 3, open 4; score: already on the indicator's scale.
Figures for one unit and date make one assessment; several for one indicator are its respondents,
each recorded in the indicator's note.
export-xlsx scores INPUT and writes a workbook: scores per assessment, indicator values, and the
framework and method.
analyse scores INPUT and adds to each result how sure the score is (\"uncertainty\": median, 5th
and 95th percentiles and band probabilities over N Monte Carlo draws, default 2000, seeded by S,
default 1; ranks in a batch), what drives it (\"sensitivity\": Sobol indices) and where reform would
help most (\"leverage\"). --options FILE is a JSON object: {\"draws\", \"seed\", \"perturb\": [\"assessors\",
\"respondents\", \"weights\", \"method\", \"missing\"], \"sensitivity\": true|false, \"bootstrap\"};
--draws and --seed override it.
validate and framework also print the framework's warnings on stderr, as `warning: where: message`:
what is valid but likely not meant, such as a geometric mean over parts that can score 0.
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
    draws: Option<String>,
    seed: Option<String>,
    options: Option<String>,
    output: Option<String>,
    group: Vec<String>,
    lang: Option<String>,
    report: Option<String>,
    rows: usize,
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
        draws: None,
        seed: None,
        options: None,
        output: None,
        group: Vec::new(),
        lang: None,
        report: None,
        rows: 100_000,
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
            "--group" => {
                args.group = value("--group")?
                    .split(',')
                    .map(|g| g.trim().to_string())
                    .filter(|g| !g.is_empty())
                    .collect()
            }
            "--lang" => args.lang = Some(value("--lang")?),
            "--report" => args.report = Some(value("--report")?),
            "--rows" => {
                let v = value("--rows")?;
                args.rows = v.parse().map_err(|_| {
                    Failure::Usage(format!("--rows takes a whole number, not {v:?}"))
                })?;
            }
            "--draws" => args.draws = Some(value("--draws")?),
            "--seed" => args.seed = Some(value("--seed")?),
            "--options" => args.options = Some(value("--options")?),
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
            _ if args.input.is_some()
                && (args.output.is_some() || args.command != "export-xlsx") =>
            {
                return Err(Failure::Usage(format!("unexpected argument {a:?}")))
            }
            _ if args.input.is_some() => args.output = Some(a),
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

/// The framework's warnings (valid, but likely not meant) on stderr, one a line as
/// `warning: FILE: path: message`.
fn warn_framework(args: &Args, fw: &Framework) {
    let file = args
        .framework
        .as_deref()
        .map(|f| format!("{f}: "))
        .unwrap_or_default();
    for w in fw.warnings() {
        eprintln!("warning: {file}{w}");
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
            warn_framework(&args, &fw);
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
            warn_framework(&args, &fw);
            write_out(&to_json(&fw.to_value(), false))
        }
        "bench" => bench(args.assessments, args.respondents),
        "analyse" | "analyze" => analyse(&args),
        "bench-analysis" => bench_analysis(),
        "xlsform" => {
            let fw = load_framework(&args)?;
            let out = args
                .input
                .as_deref()
                .ok_or_else(|| Failure::Usage("xlsform needs the OUT.xlsx file to write".into()))?;
            write_file(out, &api::xlsform(&fw))
        }
        "import-odk" | "import-reference" => {
            let fw = load_framework(&args)?;
            let text = read_text(input_path(&args)?)?;
            let import = if args.command == "import-odk" {
                let options = OdkOptions {
                    group: args.group.clone(),
                };
                api::import_odk(&text, &fw, &options)?
            } else {
                api::import_reference(&text, &fw)?
            };
            eprint!("{}", import_summary(&import.report));
            if let Some(path) = &args.report {
                write_file(path, to_json(&import.report, false).as_bytes())?;
            }
            if args.format == "csv" {
                write_out(&write_csv(&import.assessments, &fw))
            } else {
                write_out(&to_json(&import.assessments_value(&fw), args.compact))
            }
        }
        "export-xlsx" => {
            let fw = load_framework(&args)?;
            let batch = api::read_input(&read_text(input_path(&args)?)?, &fw)?;
            let out = args.output.as_deref().ok_or_else(|| {
                Failure::Usage("export-xlsx needs INPUT and the OUT.xlsx file to write".into())
            })?;
            let lang = args
                .lang
                .clone()
                .or_else(|| fw.languages.first().cloned())
                .unwrap_or_else(|| "en".into());
            write_file(out, &api::results_xlsx(&fw, &batch, &lang)?)
        }
        "bench-import" => bench_import(args.rows),
        other => Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
}

fn write_file(path: &str, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| Failure::Io(format!("{path}: {e}")))
}

/// The import report for people: what was read as what, and every problem.
fn import_summary(r: &ImportReport) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let mapped: Vec<String> = r
        .mapped
        .iter()
        .map(|m| {
            if m.column == m.indicator {
                m.column.clone()
            } else {
                format!("{} → {}", m.column, m.indicator)
            }
        })
        .collect();
    let _ = writeln!(
        s,
        "mapped {} column(s): {}",
        mapped.len(),
        mapped.join(", ")
    );
    if let Some(u) = &r.unit_column {
        let _ = writeln!(s, "unit: {u}");
    }
    if let Some(d) = &r.date_column {
        let _ = writeln!(s, "date: {d}");
    }
    let _ = writeln!(s, "grouped by: {}", r.group_columns.join(", "));
    if r.ignored.is_empty() {
        let _ = writeln!(s, "ignored no column");
    } else {
        let _ = writeln!(
            s,
            "ignored {} column(s): {}",
            r.ignored.len(),
            r.ignored.join(", ")
        );
    }
    let _ = writeln!(
        s,
        "read {} row(s) into {} assessment(s); left unscored: {} \"don't know\", {} \"unsafe to \
         ask\", {} \"not applicable\" (out of coverage)",
        r.rows, r.groups, r.dont_know, r.unsafe_to_ask, r.not_applicable
    );
    if !r.issues.is_empty() {
        let _ = writeln!(
            s,
            "{} problem(s); those cells are left unscored:",
            r.issues.len()
        );
        for i in &r.issues {
            let _ = writeln!(s, "{i}");
        }
    }
    s
}

/// A KoboToolbox-style export of `rows` respondents (`;`, quoted, BOM, group prefixes,
/// metadata columns, about one "don't know" in twenty) → import → score, timed.
fn bench_import(rows: usize) -> Result<(), Failure> {
    use resilience::xlsform::{layout, Entry};
    let fw = api::default_framework();
    let mut header: Vec<String> = ["start", "end", "today"].map(String::from).to_vec();
    let mut path: Vec<String> = Vec::new();
    for e in layout(&fw) {
        match e {
            Entry::Unit => header.push("unit".into()),
            Entry::Date => header.push("date".into()),
            Entry::Begin { name, .. } => path.push(name),
            Entry::End => {
                path.pop();
            }
            Entry::Note { .. } => {}
            Entry::Question { name, .. } => header.push(format!("{}/{name}", path.join("/"))),
        }
    }
    header.extend(
        [
            "_id",
            "_uuid",
            "_submission_time",
            "_validation_status",
            "_notes",
            "_status",
            "_submitted_by",
            "__version__",
            "_tags",
            "_index",
        ]
        .map(String::from),
    );
    let mut csv = String::from("\u{feff}");
    let quoted: Vec<String> = header.iter().map(|h| format!("\"{h}\"")).collect();
    csv.push_str(&quoted.join(";"));
    csv.push_str("\r\n");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    // 20 respondents an assessment.
    for r in 0..rows {
        let unit = r / 20;
        csv.push_str(&format!(
            "\"2026-03-14T09:{m:02}:00.000+03:00\";\"2026-03-14T09:{m2:02}:00.000+03:00\";\"2026-03-14\";\"Unit {unit}\";\"2026-03-14\"",
            m = r % 50,
            m2 = r % 50 + 5
        ));
        for _ in &fw.indicators {
            let x = next();
            if x % 20 == 0 {
                csv.push_str(";\"dk\"");
            } else {
                csv.push_str(";\"");
                csv.push((b'0' + (x >> 8) as u8 % 5) as char);
                csv.push('"');
            }
        }
        csv.push_str(&format!(
            ";\"{id}\";\"{:016x}-4a1b-9c2d-{:012x}\";\"2026-03-14T10:00:00\";\"\";\"[]\";\"submitted_via_web\";\"enumerator\";\"vAbC123\";\"[]\";\"{idx}\"\r\n",
            next(),
            next() & 0xFFFF_FFFF_FFFF,
            id = 100_000 + r,
            idx = r + 1
        ));
    }
    let options = OdkOptions {
        group: vec!["unit".into(), "date".into()],
    };
    let t0 = Instant::now();
    let import = api::import_odk(&csv, &fw, &options)?;
    let t1 = Instant::now();
    let scored = api::score(&fw, &import.assessments);
    let t2 = Instant::now();
    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
    println!("metric\tvalue");
    println!(
        "input\t{} rows × {} indicators, {} columns ({:.1} MB Kobo CSV)",
        import.report.rows,
        fw.indicators.len(),
        header.len(),
        csv.len() as f64 / 1e6
    );
    println!("assessments\t{}", scored.len());
    println!("problems\t{}", import.report.issues.len());
    println!("import export (ms)\t{:.1}", ms(t0, t1));
    println!("score (ms)\t{:.1}", ms(t1, t2));
    println!("total import + score (ms)\t{:.1}", ms(t0, t2));
    Ok(())
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

/// `analyse`: the options from --options FILE, with --draws and --seed over them.
fn analyse(args: &Args) -> Result<(), Failure> {
    let fw = load_framework(args)?;
    let mut value = match &args.options {
        None => resilience::Value::Object(Vec::new()),
        Some(path) => api::parse_json(&read_text(path)?).map_err(|mut e| {
            e.issues
                .iter_mut()
                .for_each(|i| i.path = format!("{path}: {}", i.path));
            e
        })?,
    };
    for (flag, key, given) in [
        ("--draws", "draws", &args.draws),
        ("--seed", "seed", &args.seed),
    ] {
        let (Some(v), resilience::Value::Object(fields)) = (given, &mut value) else {
            continue;
        };
        let n: u64 = v
            .parse()
            .map_err(|_| Failure::Usage(format!("{flag} takes a whole number, not {v:?}")))?;
        fields.retain(|(k, _)| k != key);
        fields.push((key.into(), resilience::Value::Number(n as f64)));
    }
    let options = Options::from_value(&value).map_err(|mut issues| {
        for i in &mut issues {
            match i.path.as_str() {
                "$.draws" if args.draws.is_some() => i.path = "--draws".into(),
                "$.seed" if args.seed.is_some() => i.path = "--seed".into(),
                _ => {}
            }
        }
        ApiError::new("invalid_argument", issues)
    })?;
    let batch = api::read_input(&read_text(input_path(args)?)?, &fw)?;
    let scored = api::score(&fw, &batch);
    let analyses = analysis::analyse(&fw, &batch, &scored, &options)?;
    let doc = AnalysisDoc {
        fw: &fw,
        batch: &batch,
        scored: &scored,
        options: &options,
        analyses: &analyses,
    };
    write_out(&to_json(&doc, args.compact))
}

/// The analysis timed on generated assessments of the default framework (seeded, so every run
/// times the same work): the best of three runs of each.
fn bench_analysis() -> Result<(), Failure> {
    let fw = api::default_framework();
    let n = fw.indicators.len();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 8) % 5
    };
    // Every indicator scored 0-4 by one assessor, every seventh by three respondents.
    let batch: Vec<resilience::Assessment> = (0..100)
        .map(|k| {
            let mut a = resilience::Assessment::new(format!("a{k}"), n);
            for i in 0..n {
                let m = if i % 7 == 3 { 3 } else { 1 };
                let scores: Vec<f64> = (0..m).map(|_| next() as f64).collect();
                a.push_scores(i, scores);
            }
            a
        })
        .collect();
    let time = |batch: &[resilience::Assessment], draws: usize, sensitivity: bool| {
        let scored = api::score(&fw, batch);
        let options = Options {
            draws,
            sensitivity,
            ..Options::default()
        };
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let t = Instant::now();
            analysis::analyse(&fw, batch, &scored, &options)?;
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        }
        Ok::<f64, Failure>(best)
    };
    println!("metric\tvalue");
    println!(
        "input\tdefault framework, {n} indicators (every seventh by 3 respondents), all perturbations"
    );
    println!(
        "uncertainty 10000 draws x 1 assessment (ms)\t{:.2}",
        time(&batch[..1], 10_000, false)?
    );
    println!(
        "uncertainty 2000 draws x 100 assessments (ms)\t{:.1}",
        time(&batch, 2_000, false)?
    );
    println!(
        "uncertainty + Sobol N=10000 x 1 assessment (ms)\t{:.1}",
        time(&batch[..1], 10_000, true)?
    );
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
