//! `resilience`: the scoring engine on the command line, for analysts who score many
//! assessments at once. A thin layer over `resilience::api`; arguments by `clap`.

use clap::{Args as ClapArgs, CommandFactory, Parser, Subcommand, ValueEnum};
use resilience::api::{self, ApiError};
use resilience::csv_input::write_csv;
use resilience::result::{write_results_csv, Results};
use resilience::Framework;
use resilience_analysis::{self as analysis, AnalysisDoc, Options};
use resilience_sheets::import::odk::OdkOptions;
use resilience_sheets::import::reference::{RefFile, ReferenceOptions};
use resilience_sheets::import::ImportReport;
use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::Instant;

const AFTER_HELP: &str = "\
INPUT is a JSON file (one assessment or {\"assessments\": [...]}) or a CSV file (one row per
respondent: id, unit, date, then indicator ids); - reads standard input. Text files may be UTF-8
(with or without BOM), UTF-16 with BOM, or Windows-1252. Dates are YYYY-MM-DD, YYYY-MM or YYYY.
`resilience COMMAND --help` tells more about each command.
Exit status: 0 success, 2 invalid arguments or input (every problem on stderr as `where: message`),
1 a file that cannot be read or written.";

#[derive(Parser)]
#[command(
    name = "resilience",
    version,
    about = "resilience: structural-resilience scoring for atrocity prevention",
    after_help = AFTER_HELP,
    disable_help_subcommand = false,
    subcommand_required = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Csv,
}

#[derive(ClapArgs, Clone, Default)]
struct FrameworkArg {
    /// A framework JSON file instead of the default one.
    #[arg(long, value_name = "FILE")]
    framework: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Score assessments: JSON results (or one CSV row per assessment).
    Score {
        #[command(flatten)]
        fw: FrameworkArg,
        /// json (the result contract) or csv (one row per assessment).
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// JSON on one line.
        #[arg(long)]
        compact: bool,
        /// The assessments (JSON or CSV), or - for standard input.
        #[arg(value_name = "INPUT")]
        input: String,
    },
    /// Check assessments: every problem, located; the framework's warnings.
    #[command(
        long_about = "Check assessments against the framework: every problem on stderr as \
                      `where: message` (exit 2), or `valid: N assessment(s)`. Also prints the \
                      framework's warnings, as `warning: where: message`: what is valid but likely \
                      not meant, such as a geometric mean over parts that can score 0."
    )]
    Validate {
        #[command(flatten)]
        fw: FrameworkArg,
        #[arg(value_name = "INPUT")]
        input: String,
    },
    /// Print the framework (the default, to adapt) as JSON, with its warnings on stderr.
    Framework {
        #[command(flatten)]
        fw: FrameworkArg,
        /// Accepted and not read (as before clap), so a script may pass the same arguments
        /// as to `validate`.
        #[arg(hide = true)]
        _input: Option<String>,
    },
    /// How sure the scores are, what drives them, where reform would help most.
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
    Analyse {
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
        #[arg(long)]
        compact: bool,
        #[arg(value_name = "INPUT")]
        input: String,
    },
    /// Write the framework's XLSForm (for KoboToolbox, ODK).
    #[command(
        long_about = "Write the framework's XLSForm (for KoboToolbox, ODK): one select_one per \
                      indicator with its anchors as choices and \"don't know\" (dk), \"not \
                      applicable\" (na) and \"unsafe to ask\" (unsafe), a group and a note per \
                      pillar, unit and date questions, labels in every language of the framework."
    )]
    Xlsform {
        #[command(flatten)]
        fw: FrameworkArg,
        /// The .xlsx file to write.
        #[arg(value_name = "OUT.xlsx")]
        out: String,
    },
    /// Read a KoboToolbox or ODK Central export (CSV or .xlsx) of that form.
    #[command(
        long_about = "Read a KoboToolbox or ODK Central export of the framework's form, CSV or \
                      .xlsx (XML values or labels, group prefixes `a/b` or `a-b`, metadata columns \
                      left aside, `,` or `;`, decimal commas with `;`). Each row is a respondent \
                      (a submission); --group names the column(s) whose values make one assessment \
                      (header names, or unit / date for those questions; default unit,date). \
                      Submissions rejected in review are left out. Prints the assessments as JSON \
                      input for `score` (or CSV with --format csv); the report (questions matched, \
                      columns left aside, submissions left out, every bad cell, left unscored) goes \
                      to stderr, and as JSON to --report FILE. An encrypted ODK Central form must \
                      be exported with its passphrase."
    )]
    ImportOdk {
        #[command(flatten)]
        fw: FrameworkArg,
        /// The column(s) whose values make one assessment, comma-separated.
        #[arg(long, value_name = "COLUMN[,COLUMN]", value_delimiter = ',')]
        group: Vec<String>,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// Also write the report as JSON to FILE.
        #[arg(long, value_name = "FILE")]
        report: Option<String>,
        #[arg(long)]
        compact: bool,
        /// The export (CSV or .xlsx), or - for standard input.
        #[arg(value_name = "EXPORT")]
        input: String,
    },
    /// Read published figures (FSI, WJP, V-Dem, CIVICUS, Positive Peace) as a desk assessment.
    #[command(
        long_about = "Read published figures onto the framework's 0-4 scales, from the \
                      publishers' own files as they publish them (CSV or .xlsx), recognised by \
                      their headers: the Fragile States Index yearly file (Country, Year, C1: \
                      Security Apparatus ...), the WJP Rule of Law Index data file (Country, \
                      Country Code, Year, sub-factors 1.1 ...), a V-Dem country-year file \
                      (country_name, country_text_id, year, variables: v2x... indices, raw \
                      indicators on their original scale as v2clkill_osp), CIVICUS Monitor \
                      ratings (Country, Rating), the Positive Peace Index (Country, Free Flow of \
                      Information ...); or figures one a row: unit, date (optional), indicator (an \
                      indicator id), source (fsi, wjp, vdem, vdem_inverted, positive_peace, \
                      civicus, score), value, reference (optional text).\n\n\
                      Conversions to 0-4: FSI (0-10, higher = worse) 4 x (10 - x) / 10; WJP and \
                      V-Dem indices (0-1) 4 x, V-Dem exclusion and corruption indices 4 x (1 - x), \
                      V-Dem raw indicators on their original scale 0-k 4 x / k; Positive Peace \
                      (1-5, lower = better) 5 - x; CIVICUS: closed 0, repressed 1, obstructed 2, \
                      narrowed 3, open 4. Which indicator each column feeds is the framework \
                      specification's mapping.\n\n\
                      Countries are matched by ISO 3166-1 alpha-3 (the file's code column, else \
                      the name in English or French, accents and punctuation aside): one country's \
                      figures of one year, from every FILE given, make one assessment; several \
                      figures for one indicator are its respondents, each recorded in the \
                      indicator's note. The report (files, sources, indicators, countries, names \
                      matched to no country, rows left out and why) goes to stderr, and as JSON to \
                      --report FILE."
    )]
    ImportReference {
        #[command(flatten)]
        fw: FrameworkArg,
        /// The year of figures in a file without a year column (CIVICUS Monitor ratings);
        /// otherwise a year in the file's name is used.
        #[arg(long, value_name = "YYYY")]
        year: Option<String>,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        #[arg(long, value_name = "FILE")]
        report: Option<String>,
        #[arg(long)]
        compact: bool,
        /// The files (CSV or .xlsx), or - for standard input.
        #[arg(value_name = "FILE", required = true)]
        inputs: Vec<String>,
    },
    /// Score INPUT and write a results workbook (.xlsx).
    #[command(
        long_about = "Score INPUT and write a workbook: scores per assessment, indicator values, \
                      and the framework and method."
    )]
    ExportXlsx {
        #[command(flatten)]
        fw: FrameworkArg,
        /// The language of titles (default: the framework's first).
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        #[arg(value_name = "INPUT")]
        input: String,
        #[arg(value_name = "OUT.xlsx")]
        out: String,
    },
    /// Benchmark: CSV in, scores, CSV out, on generated data.
    #[command(hide = true)]
    Bench {
        #[arg(long, default_value_t = 100_000)]
        assessments: usize,
        #[arg(long, default_value_t = 3)]
        respondents: usize,
    },
    /// Benchmark: the analysis on generated assessments.
    #[command(hide = true)]
    BenchAnalysis,
    /// Benchmark: a generated Kobo export imported and scored.
    #[command(hide = true)]
    BenchImport {
        #[arg(long, default_value_t = 100_000)]
        rows: usize,
    },
}

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

fn read_bytes(path: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let res = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    res.map_err(|e| Failure::Io(format!("{path}: {e}")))?;
    Ok(bytes)
}

/// A text file (`text::decode`): invalid bytes are problems located by byte and line, prefixed
/// with the file's name; a Windows-1252 or UTF-16 file is said on stderr.
fn read_text(path: &str) -> Result<String, Failure> {
    let bytes = read_bytes(path)?;
    let (text, enc) = api::decode_text(&bytes).map_err(|mut e| {
        for i in &mut e.issues {
            i.path = format!("{path}: {}", i.path);
        }
        e
    })?;
    if !matches!(
        enc,
        resilience::text::Encoding::Utf8 | resilience::text::Encoding::Utf8Bom
    ) {
        eprintln!("note: {path}: read as {}", enc.name());
    }
    Ok(text.into_owned())
}

fn load_framework(fw: &FrameworkArg) -> Result<Framework, Failure> {
    match &fw.framework {
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
fn warn_framework(arg: &FrameworkArg, fw: &Framework) {
    let file = arg
        .framework
        .as_deref()
        .map(|f| format!("{f}: "))
        .unwrap_or_default();
    for w in fw.warnings() {
        eprintln!("warning: {file}{w}");
    }
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

/// Reads INPUT (JSON or CSV), prefixing problems of a bad encoding with its name.
fn read_input(path: &str, fw: &Framework) -> Result<Vec<resilience::Assessment>, Failure> {
    Ok(api::read_input(&read_text(path)?, fw)?)
}

/// Prints an import's report and writes its assessments.
fn finish_import(
    import: &resilience_sheets::import::Import,
    fw: &Framework,
    format: Format,
    report: &Option<String>,
    compact: bool,
) -> Result<(), Failure> {
    eprint!("{}", import_summary(&import.report));
    if let Some(path) = report {
        write_file(path, to_json(&import.report, false).as_bytes())?;
    }
    if format == Format::Csv {
        write_out(&write_csv(&import.assessments, fw))
    } else {
        write_out(&to_json(&import.assessments_value(fw), compact))
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Score {
            fw: arg,
            format,
            compact,
            input,
        } => {
            let fw = load_framework(&arg)?;
            let batch = read_input(&input, &fw)?;
            let scored = api::score(&fw, &batch);
            let results = Results {
                fw: &fw,
                batch: &batch,
                scored: &scored,
            };
            if format == Format::Csv {
                write_out(&write_results_csv(&results))
            } else {
                write_out(&to_json(&results, compact))
            }
        }
        Command::Validate { fw: arg, input } => {
            let fw = load_framework(&arg)?;
            warn_framework(&arg, &fw);
            let batch = read_input(&input, &fw)?;
            eprintln!(
                "valid: {} assessment(s) for framework {} {}",
                batch.len(),
                fw.id,
                fw.version
            );
            Ok(())
        }
        Command::Framework { fw: arg, .. } => {
            let fw = load_framework(&arg)?;
            warn_framework(&arg, &fw);
            write_out(&to_json(&fw.to_value(), false))
        }
        Command::Analyse {
            draws,
            seed,
            options,
            fw,
            compact,
            input,
        } => analyse(&fw, draws, seed, options, compact, &input),
        Command::Xlsform { fw: arg, out } => {
            let fw = load_framework(&arg)?;
            write_file(&out, &resilience_sheets::xlsform::xlsform(&fw))
        }
        Command::ImportOdk {
            fw: arg,
            group,
            format,
            report,
            compact,
            input,
        } => {
            let fw = load_framework(&arg)?;
            let bytes = read_bytes(&input)?;
            let options = OdkOptions {
                group: group
                    .into_iter()
                    .map(|g| g.trim().to_string())
                    .filter(|g| !g.is_empty())
                    .collect(),
            };
            let import = resilience_sheets::import_odk_file(&bytes, &fw, &options)?;
            finish_import(&import, &fw, format, &report, compact)
        }
        Command::ImportReference {
            fw: arg,
            year,
            format,
            report,
            compact,
            inputs,
        } => {
            let fw = load_framework(&arg)?;
            if let Some(y) = &year {
                if !(y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())) {
                    return Err(Failure::Usage(format!(
                        "--year takes a year (YYYY), not {y:?}"
                    )));
                }
            }
            let mut contents = Vec::with_capacity(inputs.len());
            for path in &inputs {
                contents.push(read_bytes(path)?);
            }
            let files: Vec<RefFile> = inputs
                .iter()
                .zip(&contents)
                .map(|(name, bytes)| RefFile {
                    name: name.rsplit('/').next().unwrap_or(name),
                    bytes,
                })
                .collect();
            let import =
                resilience_sheets::import_reference_files(&files, &fw, &ReferenceOptions { year })?;
            finish_import(&import, &fw, format, &report, compact)
        }
        Command::ExportXlsx {
            fw: arg,
            lang,
            input,
            out,
        } => {
            let fw = load_framework(&arg)?;
            let batch = read_input(&input, &fw)?;
            let lang = lang
                .or_else(|| fw.languages.first().cloned())
                .unwrap_or_else(|| "en".into());
            write_file(&out, &resilience_sheets::results_xlsx(&fw, &batch, &lang)?)
        }
        Command::Bench {
            assessments,
            respondents,
        } => bench(assessments, respondents),
        Command::BenchAnalysis => bench_analysis(),
        Command::BenchImport { rows } => bench_import(rows),
    }
}

fn write_file(path: &str, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| Failure::Io(format!("{path}: {e}")))
}

/// The import report for people, in each importer's own words: what was read as what, what
/// was left out and why, and every problem.
fn import_summary(r: &ImportReport) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let list = |items: &[String]| items.join(", ");
    if r.kind == "reference" {
        for f in &r.files {
            let name = if f.name.is_empty() { "input" } else { &f.name };
            let _ = writeln!(
                s,
                "read {name}: {} ({}), {} row(s)",
                f.layout, f.format, f.rows
            );
        }
        let _ = writeln!(s, "sources: {}", list(&r.sources));
        let mut fed: Vec<String> = Vec::new();
        for id in &r.indicators {
            let from: Vec<&str> = r
                .mapped
                .iter()
                .filter(|m| &m.indicator == id)
                .map(|m| m.column.as_str())
                .collect();
            fed.push(format!("{id} ({})", from.join(", ")));
        }
        let _ = writeln!(s, "indicators fed: {}: {}", fed.len(), fed.join("; "));
        if !r.countries.is_empty() {
            let _ = writeln!(
                s,
                "countries: {}: {}",
                r.countries.len(),
                list(&r.countries)
            );
        }
        if !r.unmatched.is_empty() {
            let quoted: Vec<String> = r.unmatched.iter().map(|n| format!("{n:?}")).collect();
            let _ = writeln!(
                s,
                "names matched to no country (imported under their own name): {}",
                quoted.join(", ")
            );
        }
        if !r.ignored.is_empty() {
            let _ = writeln!(
                s,
                "columns not used by the framework: {}: {}",
                r.ignored.len(),
                list(&r.ignored)
            );
        }
        let _ = writeln!(
            s,
            "{} figure row(s) read into {} assessment(s), one per country (or unit) and year",
            r.rows, r.groups
        );
    } else {
        let _ = writeln!(s, "read: {}", r.format);
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
            "questions matched to indicators: {}: {}",
            mapped.len(),
            mapped.join(", ")
        );
        if let Some(u) = &r.unit_column {
            let _ = writeln!(s, "unit question: {u}");
        }
        if let Some(d) = &r.date_column {
            let _ = writeln!(s, "date question: {d}");
        }
        let _ = writeln!(s, "one assessment per: {}", r.group_columns.join(", "));
        if !r.ignored.is_empty() {
            let _ = writeln!(
                s,
                "metadata and other columns left aside: {}: {}",
                r.ignored.len(),
                list(&r.ignored)
            );
        }
        let _ = writeln!(
            s,
            "{} submission(s) read into {} assessment(s)",
            r.rows, r.groups
        );
        let reasons: Vec<String> = [
            (r.dont_know, "\"don't know\""),
            (r.unsafe_to_ask, "\"unsafe to ask\""),
            (r.not_applicable, "\"not applicable\" (out of coverage)"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if !reasons.is_empty() {
            let _ = writeln!(
                s,
                "answers given as a reason, left unscored: {}",
                reasons.join(", ")
            );
        }
    }
    for l in &r.left_out {
        let _ = writeln!(s, "left out: {}: {} row(s)", l.reason, l.rows);
    }
    if !r.issues.is_empty() {
        let _ = writeln!(s, "{} problem(s):", r.issues.len());
        for i in &r.issues {
            let _ = writeln!(s, "{i}");
        }
    }
    s
}

/// A KoboToolbox-style export of `rows` respondents (`;`, quoted, BOM, group prefixes,
/// metadata columns, about one "don't know" in twenty) → import → score, timed.
fn bench_import(rows: usize) -> Result<(), Failure> {
    use resilience_sheets::xlsform::{layout, Entry};
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
    let import = resilience_sheets::import_odk(&csv, &fw, &options)?;
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
fn analyse(
    arg: &FrameworkArg,
    draws: Option<String>,
    seed: Option<String>,
    options: Option<String>,
    compact: bool,
    input: &str,
) -> Result<(), Failure> {
    let fw = load_framework(arg)?;
    let mut value = match &options {
        None => resilience::Value::Object(Vec::new()),
        Some(path) => api::parse_json(&read_text(path)?).map_err(|mut e| {
            e.issues
                .iter_mut()
                .for_each(|i| i.path = format!("{path}: {}", i.path));
            e
        })?,
    };
    for (flag, key, given) in [("--draws", "draws", &draws), ("--seed", "seed", &seed)] {
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
                "$.draws" if draws.is_some() => i.path = "--draws".into(),
                "$.seed" if seed.is_some() => i.path = "--seed".into(),
                _ => {}
            }
        }
        ApiError::new("invalid_argument", issues)
    })?;
    let batch = read_input(input, &fw)?;
    let scored = api::score(&fw, &batch);
    let analyses = analysis::analyse(&fw, &batch, &scored, &options)?;
    let doc = AnalysisDoc {
        fw: &fw,
        batch: &batch,
        scored: &scored,
        options: &options,
        analyses: &analyses,
    };
    write_out(&to_json(&doc, compact))
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
    // No command: the help, as before (exit 0).
    if std::env::args_os().len() <= 1 {
        let _ = Cli::command().print_help();
        println!();
        return ExitCode::SUCCESS;
    }
    // Usage errors exit 2 and --help / --version 0, through clap.
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("resilience: {msg}");
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
