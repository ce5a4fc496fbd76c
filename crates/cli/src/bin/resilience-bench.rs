//! `resilience-bench`: the engine timed on generated data (`./build.sh bench` runs every one).
//! Each prints `metric<TAB>value` lines. The data come from one seeded generator, so every run
//! times the same work (and `tests/e2e/bench-engine.mjs` makes the same assessments for the
//! browser's figures).

use clap::Parser;
use resilience::api::{self, ApiError};
use resilience::csv::Style;
use resilience::csv_output::write_results_csv;
use resilience::result::Results;
use resilience::Framework;
use resilience_analysis::{self as analysis, Options};
use resilience_sheets::import::odk::OdkOptions;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "resilience-bench",
    about = "Benchmarks of the engine on generated data"
)]
enum Bench {
    /// CSV in, scores, CSV out.
    Csv {
        #[arg(long, default_value_t = 100_000)]
        assessments: usize,
        #[arg(long, default_value_t = 3)]
        respondents: usize,
    },
    /// The analysis on generated assessments.
    Analysis,
    /// A generated Kobo export imported and scored.
    Import {
        #[arg(long, default_value_t = 100_000)]
        rows: usize,
    },
    /// One assessment (a JSON file) through the browser's `score()` steps, each timed: the
    /// native floor that `tests/e2e/bench-engine.mjs` sets the wasm figure against.
    Score { file: std::path::PathBuf },
}

/// xorshift64 (13, 7, 17) from a fixed seed: the benchmarks' data, the same on every run.
struct XorShift(u64);

impl XorShift {
    fn new() -> XorShift {
        XorShift(0x9E37_79B9_7F4A_7C15)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn ms(a: Instant, b: Instant) -> f64 {
    (b - a).as_secs_f64() * 1000.0
}

/// A KoboToolbox-style export of `rows` respondents of the default framework's form, 20 an
/// assessment: `;`, quoted, BOM, group prefixes, metadata columns, about one "don't know" in
/// twenty. Its text and its number of columns.
fn kobo_export(fw: &Framework, rows: usize) -> (String, usize) {
    use resilience_sheets::xlsform::{layout, Entry};
    let mut header: Vec<String> = ["start", "end", "today"].map(String::from).to_vec();
    let mut path: Vec<String> = Vec::new();
    for e in layout(fw) {
        match e {
            Entry::Unit => header.push("unit".into()),
            Entry::Date => header.push("date".into()),
            Entry::Begin { name, .. } | Entry::BeginSigns { name } => path.push(name),
            Entry::End => {
                path.pop();
            }
            // The scores only, as the figures measured before the evidence and signs.
            Entry::Note { .. }
            | Entry::SignsNote { .. }
            | Entry::Evidence { .. }
            | Entry::Sign { .. } => {}
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
    let mut rng = XorShift::new();
    // 20 respondents an assessment.
    for r in 0..rows {
        let unit = r / 20;
        csv.push_str(&format!(
            "\"2026-03-14T09:{m:02}:00.000+03:00\";\"2026-03-14T09:{m2:02}:00.000+03:00\";\"2026-03-14\";\"Unit {unit}\";\"2026-03-14\"",
            m = r % 50,
            m2 = r % 50 + 5
        ));
        for _ in &fw.indicators {
            let x = rng.next();
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
            rng.next(),
            rng.next() & 0xFFFF_FFFF_FFFF,
            id = 100_000 + r,
            idx = r + 1
        ));
    }
    (csv, header.len())
}

/// A generated Kobo export (`kobo_export`) → import → score, timed.
fn bench_import(rows: usize) -> Result<(), ApiError> {
    let fw = api::default_framework();
    let (csv, columns) = kobo_export(&fw, rows);
    let options = OdkOptions {
        group: vec!["unit".into(), "date".into()],
    };
    let t0 = Instant::now();
    let import = resilience_sheets::import_odk(&csv, &fw, &options)?;
    let t1 = Instant::now();
    let scored = api::score(&fw, &import.assessments);
    let t2 = Instant::now();
    println!("metric\tvalue");
    println!(
        "input\t{} rows × {} indicators, {} columns ({:.1} MB Kobo CSV)",
        import.report.rows,
        fw.indicators.len(),
        columns,
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
fn bench(assessments: usize, respondents: usize) -> Result<(), ApiError> {
    let fw = api::default_framework();
    let mut csv = String::from("id,unit,date");
    for &n in &fw.indicators {
        csv.push(',');
        csv.push_str(&fw.nodes[n].id);
    }
    csv.push('\n');
    let mut rng = XorShift::new();
    for a in 0..assessments {
        for _ in 0..respondents {
            csv.push_str(&format!("a{a},Unit {},2026-03-14", a % 97));
            for _ in &fw.indicators {
                let x = rng.next();
                csv.push(',');
                // About one cell in twenty left empty, as in real data.
                if x % 20 != 0 {
                    csv.push((b'0' + (x >> 8) as u8 % 5) as char);
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
    let out = write_results_csv(
        &Results {
            fw: &fw,
            batch: &batch,
            scored: &scored,
        },
        &Style::default(),
    );
    let t3 = Instant::now();
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

/// The analysis timed on generated assessments of the default framework (seeded, so every run
/// times the same work): the best of three runs of each.
fn bench_analysis() -> Result<(), ApiError> {
    let fw = api::default_framework();
    let n = fw.indicators.len();
    let mut rng = XorShift::new();
    // Every indicator scored 0-4 by one assessor, every seventh by three respondents.
    let batch: Vec<resilience::Assessment> = (0..100)
        .map(|k| {
            let mut a = resilience::Assessment::new(format!("a{k}"), n);
            for i in 0..n {
                let m = if i % 7 == 3 { 3 } else { 1 };
                let scores: Vec<f64> = (0..m).map(|_| ((rng.next() >> 8) % 5) as f64).collect();
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
        Ok::<f64, ApiError>(best)
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

/// The median time of one call of `step`, in µs: 15 rounds of `n` calls, after `n` to warm up.
fn micros<T>(n: usize, mut step: impl FnMut() -> T) -> f64 {
    for _ in 0..n {
        std::hint::black_box(step());
    }
    let mut rounds: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..n {
                std::hint::black_box(step());
            }
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    rounds[rounds.len() / 2]
}

/// `score()`'s steps on one assessment's text, as the wasm runs them once the framework is read
/// (it keeps the framework between calls): parse the text, read the assessment, score it, write
/// the result as JSON text. The browser then adds the crossing and `JSON.parse` of that text.
fn bench_score(file: &std::path::Path) -> Result<(), ApiError> {
    use resilience::json_text::to_text;
    use resilience::result::AssessmentResult;
    let text = std::fs::read_to_string(file)
        .map_err(|e| ApiError::one("io", &file.display().to_string(), e.to_string()))?;
    let fw = api::default_framework();
    let parse = || resilience::json::parse(&text);
    let value = parse().ok_or_else(|| ApiError::one("invalid_json", "$", "not JSON"))?;
    let batch = api::assessments_from_json(&value, &fw)?;
    let scored = api::score(&fw, &batch);
    let write = || {
        let result = AssessmentResult {
            fw: &fw,
            assessment: &batch[0],
            scored: &scored[0],
        };
        to_text(|o| result.write(o))
    };
    let n = 20_000;
    let steps = [
        ("parse the JSON text", micros(n, parse)),
        (
            "read the assessment",
            micros(n, || api::assessments_from_json(&value, &fw)),
        ),
        ("score", micros(n, || api::score(&fw, &batch))),
        ("write the result as JSON text", micros(n, write)),
    ];
    println!("metric\tvalue");
    let mut total = 0.0;
    for (step, us) in steps {
        println!("score() one assessment, native: {step} (µs)\t{us:.1}");
        total += us;
    }
    println!("score() one assessment, native: the four steps (µs)\t{total:.1}");
    println!(
        "score() one assessment: result text (bytes)\t{}",
        write().len()
    );
    Ok(())
}

fn main() -> ExitCode {
    let run = match Bench::parse() {
        Bench::Csv {
            assessments,
            respondents,
        } => bench(assessments, respondents),
        Bench::Analysis => bench_analysis(),
        Bench::Import { rows } => bench_import(rows),
        Bench::Score { file } => bench_score(&file),
    };
    match run {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{}", e.report());
            ExitCode::from(2)
        }
    }
}
