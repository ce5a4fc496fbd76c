//! Importing what field teams already have: CSV exports of the framework's XLSForm from
//! KoboToolbox and ODK Central (`odk`), and published reference figures (`reference`).
//!
//! An import never fails on a bad cell: it leaves the cell out (not scored) and names it in the
//! report, with what was mapped and what was ignored, so the user sees everything before
//! anything is saved. Only a file that cannot be read at all (no header, no column to group
//! by) is an error.

pub mod countries;
pub mod odk;
pub mod prevention;
pub mod reference;
pub mod sheet;

use resilience::assessment::Assessment;
pub use resilience::csv_input::parse_decimal;
use resilience::framework::Framework;
use resilience::issue::Issue;
use resilience::value::Value;
use serde::Serialize;
use std::borrow::Cow;

/// Most problems a report lists; the rest are counted in one last issue.
pub const MAX_ISSUES: usize = 1000;

/// A column read as an indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mapped {
    pub column: String,
    pub indicator: String,
}

/// Rows left out for one reason, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    pub reason: String,
    pub rows: usize,
}

/// One file of a reference import: what it was recognised as and read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileReport {
    pub name: String,
    /// The publisher's file recognised: "Fragile States Index yearly file" …
    pub layout: String,
    /// `CSV, UTF-8, separator ;` or `xlsx, sheet "Sheet1"`.
    pub format: String,
    pub rows: usize,
}

/// What an import did, for the user to check before saving.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ImportReport {
    /// `odk` (a KoboToolbox / ODK Central export) or `reference` (published figures).
    pub kind: String,
    /// How the (first) file was read: `CSV, UTF-8` or `xlsx, sheet "…"`.
    pub format: String,
    /// The text encoding of a CSV file (`UTF-8`, `UTF-8 with BOM`, `UTF-16LE`, `UTF-16BE`,
    /// `Windows-1252`); empty for a workbook.
    pub encoding: String,
    /// Reference imports: each file read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileReport>,
    /// Reference imports: the publishers whose figures were read (FSI, WJP, V-Dem …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Reference imports: the indicators fed, in the order first fed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<String>,
    /// Reference imports: the countries found, as `Kenya (KEN)`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// Reference imports: names that match no country (imported under their own name).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unmatched: Vec<String>,
    /// Rows left out, by reason (each row is also an issue).
    pub left_out: Vec<LeftOut>,
    /// Every column of the header, in order (for choosing the grouping columns).
    pub columns: Vec<String>,
    /// Columns read as indicators, in column order.
    pub mapped: Vec<Mapped>,
    /// Columns read as indicators' evidence (kinds of source, date, confidence), and as warning
    /// signs and triggers (status, date, note), in column order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence_columns: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sign_columns: Vec<String>,
    /// Columns read as the unit and the date of the assessment.
    pub unit_column: Option<String>,
    pub date_column: Option<String>,
    /// The columns that grouped rows into assessments.
    pub group_columns: Vec<String>,
    /// Columns left out: metadata (`_uuid`, `meta/instanceID`, `KEY` …) and anything else.
    pub ignored: Vec<String>,
    /// Every bad cell (left unscored) or row (left out), by row and column.
    pub issues: Vec<Issue>,
    /// Assessments built.
    pub groups: usize,
    /// Data rows read (respondents, or reference figures).
    pub rows: usize,
    /// Answers given as a reason instead of a score, left unscored: "don't know", "not
    /// applicable" (out of coverage) and "unsafe to ask".
    pub dont_know: usize,
    pub not_applicable: usize,
    pub unsafe_to_ask: usize,
    /// Submissions left out because review rejected them (ODK Central `ReviewState`
    /// "rejected", KoboToolbox `_validation_status` "not approved"); each is also an issue.
    pub rejected: usize,
    /// The separator found: `,`, `;` or a tab.
    pub separator: String,
    /// True when numbers were read with a decimal comma (`2,5`).
    pub decimal_comma: bool,
}

/// Assessments read from an import, and its report.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub assessments: Vec<Assessment>,
    pub report: ImportReport,
}

/// `{"assessments": [...], "report": {...}}`, the shape the CLI and the wasm API give.
#[derive(Serialize)]
pub struct ImportOutput<'a> {
    pub assessments: Value,
    pub report: &'a ImportReport,
}

impl Import {
    /// The assessments in the engine's input shape, `{"assessments": [...]}`.
    pub fn assessments_value(&self, fw: &Framework) -> Value {
        resilience::api::assessments_value(&self.assessments, fw)
    }

    pub fn output(&self, fw: &Framework) -> ImportOutput<'_> {
        ImportOutput {
            assessments: Value::Array(self.assessments.iter().map(|a| a.to_value(fw)).collect()),
            report: &self.report,
        }
    }
}

/// Collects issues up to `MAX_ISSUES`, then counts the rest.
#[derive(Default)]
pub(crate) struct Issues {
    list: Vec<Issue>,
    more: usize,
}

impl Issues {
    /// True once the list is full: callers skip formatting messages nobody will see.
    pub fn full(&self) -> bool {
        self.list.len() >= MAX_ISSUES
    }

    pub fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        if self.full() {
            self.more += 1;
        } else {
            self.list.push(Issue::new(path, message));
        }
    }

    /// Counts a problem without describing it (the list is full).
    pub fn count(&mut self) {
        self.more += 1;
    }

    pub fn finish(mut self) -> Vec<Issue> {
        if self.more > 0 {
            self.list.push(Issue::new(
                "file",
                format!("{} more problem(s) not listed", self.more),
            ));
        }
        self.list
    }
}

/// The next usable row of an export, or `None` at its end. Every non-blank row is counted;
/// a row of the wrong width is reported and left out; a broken file ends the reading.
pub(crate) fn next_row(
    reader: &mut resilience::csv::Reader,
    width: usize,
    report: &mut ImportReport,
    issues: &mut Issues,
) -> Option<usize> {
    use resilience::csv::Row;
    loop {
        match reader.next_row(width) {
            Row::Data(row) => {
                report.rows += 1;
                return Some(row);
            }
            Row::End => return None,
            Row::Broken(e) => {
                issues.push(
                    format!("row {}", e.row),
                    format!("{}; the rest of the file is not read", e.message),
                );
                return None;
            }
            Row::WrongWidth { row, cells } => {
                report.rows += 1;
                left_out(report, "a row of the wrong width");
                issues.push(
                    format!("row {row}"),
                    format!(
                        "{cells} cells, but the header has {width} columns; the row is left out"
                    ),
                );
            }
        }
    }
}

/// Counts a row left out for `reason`.
pub(crate) fn left_out(report: &mut ImportReport, reason: &str) {
    match report.left_out.iter_mut().find(|l| l.reason == reason) {
        Some(l) => l.rows += 1,
        None => report.left_out.push(LeftOut {
            reason: reason.to_string(),
            rows: 1,
        }),
    }
}

/// The separator's name for the report.
pub(crate) fn separator_name(sep: u8) -> String {
    match sep {
        b'\t' => "tab".into(),
        b => (b as char).to_string(),
    }
}

/// A date cell as YYYY-MM-DD, YYYY-MM or YYYY: ISO dates, and the date part of ISO date-times
/// (`2026-03-14T10:22:31.123+03:00`). With `day_first` (`;`-separated files, from locales that
/// write dates so), `14/03/2026` too.
pub fn date_of(cell: &str, day_first: bool) -> Result<Cow<'_, str>, String> {
    let day = match cell.get(..10) {
        Some(d) if cell.len() == 10 || matches!(cell.as_bytes()[10], b'T' | b' ') => d,
        _ => cell,
    };
    if let Err(e) = resilience::assessment::check_date(day) {
        let b = day.as_bytes();
        if day_first && b.len() == 10 && b[2] == b'/' && b[5] == b'/' && day.is_ascii() {
            let iso = format!("{}-{}-{}", &day[6..10], &day[3..5], &day[..2]);
            if resilience::assessment::check_date(&iso).is_ok() {
                return Ok(Cow::Owned(iso));
            }
        }
        return Err(e);
    }
    Ok(Cow::Borrowed(day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use resilience::csv::sniff_separator;

    #[test]
    fn decimal_commas_only_when_asked() {
        assert_eq!(parse_decimal("2,5", true), Some(2.5));
        assert_eq!(parse_decimal("2,5", false), None);
        assert_eq!(parse_decimal("2.5", true), Some(2.5));
        assert_eq!(parse_decimal("1,000.5", true), None);
        assert_eq!(parse_decimal("3", false), Some(3.0));
    }

    #[test]
    fn separators_outside_quotes() {
        assert_eq!(sniff_separator("\"a, b, c\";\"d, e\";f\n1,2,3,4,5"), b';');
        assert_eq!(sniff_separator("a,b;c,d\n"), b',');
        assert_eq!(sniff_separator("a\tb\tc\n"), b'\t');
        assert_eq!(sniff_separator(""), b',');
    }

    #[test]
    fn dates_and_date_times() {
        assert_eq!(date_of("2026-03-14", false).unwrap(), "2026-03-14");
        assert_eq!(
            date_of("2026-03-14T10:22:31.123Z", false).unwrap(),
            "2026-03-14"
        );
        assert!(date_of("14/03/2026", false).is_err());
        assert_eq!(date_of("14/03/2026", true).unwrap(), "2026-03-14");
        assert!(date_of("31/02/2026", true).is_err());
        assert!(date_of("2026-03-1é", true).is_err());
        assert!(date_of("1é/03/2026", true).is_err());
    }
}
