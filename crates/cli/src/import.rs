//! What the two imports share: their report for people, and their output.

use crate::io::{to_json, write_file, write_out, Failure, Format};
use resilience::csv::Style;
use resilience::csv_output::write_assessments_csv;
use resilience::Framework;
use resilience_sheets::import::{Import, ImportReport};
use std::fmt::Write as _;

/// How an import writes what it read.
#[derive(clap::Args)]
pub struct ImportOutput {
    /// json (the engine's input) or csv (one row per respondent).
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Also write the report as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<String>,
    /// JSON on one line.
    #[arg(long)]
    compact: bool,
}

/// Prints an import's report and writes its assessments.
pub fn finish_import(import: &Import, fw: &Framework, out: &ImportOutput) -> Result<(), Failure> {
    eprint!("{}", import_summary(&import.report));
    if let Some(path) = &out.report {
        write_file(path, to_json(&import.report, false).as_bytes())?;
    }
    if out.format == Format::Csv {
        write_out(&write_assessments_csv(
            &import.assessments,
            fw,
            &Style::default(),
        ))
    } else {
        write_out(&to_json(&import.assessments_value(fw), out.compact))
    }
}

/// The import report for people, in each importer's own words: what was read as what, what
/// was left out and why, and every problem.
fn import_summary(r: &ImportReport) -> String {
    let mut s = if r.kind == "reference" {
        reference_summary(r)
    } else {
        odk_summary(r)
    };
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

/// "`what`: N: a, b, c", when there are any.
fn count_line(s: &mut String, what: &str, items: &[String]) {
    if !items.is_empty() {
        let _ = writeln!(s, "{what}: {}: {}", items.len(), items.join(", "));
    }
}

/// Published figures: the files and their layouts, sources, indicators fed and by what,
/// countries, names matched to none.
fn reference_summary(r: &ImportReport) -> String {
    let mut s = String::new();
    for f in &r.files {
        let name = if f.name.is_empty() { "input" } else { &f.name };
        let _ = writeln!(
            s,
            "read {name}: {} ({}), {} row(s)",
            f.layout, f.format, f.rows
        );
    }
    let _ = writeln!(s, "sources: {}", r.sources.join(", "));
    let fed: Vec<String> = r
        .indicators
        .iter()
        .map(|id| {
            let from: Vec<&str> = r
                .mapped
                .iter()
                .filter(|m| &m.indicator == id)
                .map(|m| m.column.as_str())
                .collect();
            format!("{id} ({})", from.join(", "))
        })
        .collect();
    let _ = writeln!(s, "indicators fed: {}: {}", fed.len(), fed.join("; "));
    count_line(&mut s, "countries", &r.countries);
    if !r.unmatched.is_empty() {
        let quoted: Vec<String> = r.unmatched.iter().map(|n| format!("{n:?}")).collect();
        let _ = writeln!(
            s,
            "names matched to no country (imported under their own name): {}",
            quoted.join(", ")
        );
    }
    count_line(&mut s, "columns not used by the framework", &r.ignored);
    let _ = writeln!(
        s,
        "{} figure row(s) read into {} assessment(s), one per country (or unit) and year",
        r.rows, r.groups
    );
    s
}

/// A Kobo / ODK export: questions matched, the unit and date questions, the grouping, columns
/// left aside, answers given as a reason.
fn odk_summary(r: &ImportReport) -> String {
    let mut s = String::new();
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
    if !r.evidence_columns.is_empty() || !r.sign_columns.is_empty() {
        let _ = writeln!(
            s,
            "questions matched to evidence: {}; to warning signs and triggers: {}",
            r.evidence_columns.len(),
            r.sign_columns.len()
        );
    }
    if let Some(u) = &r.unit_column {
        let _ = writeln!(s, "unit question: {u}");
    }
    if let Some(d) = &r.date_column {
        let _ = writeln!(s, "date question: {d}");
    }
    let _ = writeln!(s, "one assessment per: {}", r.group_columns.join(", "));
    count_line(&mut s, "metadata and other columns left aside", &r.ignored);
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
    s
}
