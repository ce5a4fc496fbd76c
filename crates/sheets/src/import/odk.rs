//! CSV exports of the framework's XLSForm (`xlsform`) from KoboToolbox and ODK Central, as they
//! come: group prefixes (`citizenship/legal_equality` from Kobo, `citizenship-legal_equality`
//! from Central, or none), metadata columns (`_uuid`, `_submission_time`, `_index`,
//! `meta/instanceID`, `KEY`, `SubmissionDate` …, all ignored), "XML values" (`0`…`4`, `dk`) or
//! "labels" (the choices' texts in any language of the framework, headers too), `,` or `;`
//! separators, decimal commas with `;`, UTF-8 with or without a BOM.
//!
//! Each row is one respondent; the chosen column(s) group rows into assessments.

use super::{
    date_of, left_out, next_row, parse_decimal, separator_name, Import, ImportReport, Issues,
    Mapped,
};
use crate::xlsform::{
    choice_label, date_label, languages, layout, missing_label, unit_label, value_name, Entry,
    DATE, UNIT,
};
use resilience::assessment::{check_score, Assessment, Missing, MAX_RESPONDENTS};
use resilience::csv::{place, Reader};
use resilience::framework::{Framework, Text};
use resilience::issue::Issue;
use resilience::value::quote;
use std::collections::hash_map::Entry as MapEntry;
use std::collections::HashMap;

/// How to read an export.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OdkOptions {
    /// Columns whose values together name an assessment: header names as in the file, or
    /// `unit` / `date` for the columns of those questions. Empty: the unit and the date.
    pub group: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Indicator(usize),
    Unit,
    Date,
    /// A bare name or label that more than one question has.
    Ambiguous,
}

impl Target {
    // Stored as `usize` in the maps below: one map type for the whole crate keeps the wasm
    // small (every key/value type pair is compiled anew).
    fn code(self) -> usize {
        match self {
            Target::Indicator(i) => i,
            Target::Unit => usize::MAX - 2,
            Target::Date => usize::MAX - 1,
            Target::Ambiguous => usize::MAX,
        }
    }

    fn of_code(code: usize) -> Target {
        match code {
            c if c == usize::MAX - 2 => Target::Unit,
            c if c == usize::MAX - 1 => Target::Date,
            usize::MAX => Target::Ambiguous,
            i => Target::Indicator(i),
        }
    }
}

/// Header names → what they are (`Target::code`), built from the form's layout.
struct Names {
    /// Full names: group paths, indicator ids, labels with their groups' labels.
    exact: HashMap<String, usize>,
    /// Bare question names and labels, for exports made without group names in headers.
    loose: HashMap<String, usize>,
}

impl Names {
    fn of(fw: &Framework) -> Names {
        let mut names = Names {
            exact: HashMap::new(),
            loose: HashMap::new(),
        };
        let langs = languages(fw);
        let mut path: Vec<(String, &Text)> = Vec::new();
        for e in layout(fw) {
            match e {
                Entry::Unit | Entry::Date => {
                    let (t, name) = if e == Entry::Unit {
                        (Target::Unit, UNIT)
                    } else {
                        (Target::Date, DATE)
                    };
                    add(&mut names.exact, name.to_string(), t);
                    for l in ["en", "fr"]
                        .iter()
                        .copied()
                        .chain(langs.iter().map(String::as_str))
                    {
                        let label = if t == Target::Unit {
                            unit_label(l)
                        } else {
                            date_label(l)
                        };
                        add(&mut names.exact, label.to_string(), t);
                    }
                }
                Entry::Begin { name, node } => path.push((name, &fw.nodes[node].title)),
                Entry::End => {
                    path.pop();
                }
                Entry::Note { .. } => {}
                Entry::Question { name, index } => {
                    let t = Target::Indicator(index);
                    let node = fw.indicator(index).0;
                    add(&mut names.exact, node.id.clone(), t);
                    for sep in ["/", "-", ":", "."] {
                        let mut key = String::new();
                        for (g, _) in &path {
                            key.push_str(g);
                            key.push_str(sep);
                        }
                        key.push_str(&name);
                        add(&mut names.exact, key, t);
                    }
                    add(&mut names.loose, name.clone(), t);
                    for l in &langs {
                        let label = node.title.get(l);
                        let mut key = String::new();
                        for (_, title) in &path {
                            key.push_str(title.get(l));
                            key.push('/');
                        }
                        key.push_str(label);
                        add(&mut names.exact, key, t);
                        add(&mut names.loose, label.to_string(), t);
                    }
                }
            }
        }
        names
    }

    fn get(&self, header: &str) -> Option<Target> {
        let header = fold(header);
        self.exact
            .get(header.as_ref())
            .or_else(|| self.loose.get(header.as_ref()))
            .map(|&c| Target::of_code(c))
    }
}

/// Text as tools may have rewritten it: pyxform turns curly quotes into straight ones, and
/// spreadsheets turn no-break spaces (French `:` `?`) into spaces or back.
fn fold(s: &str) -> std::borrow::Cow<'_, str> {
    let special = |c: char| {
        matches!(
            c,
            '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{00A0}' | '\u{202F}'
        )
    };
    let s = s.trim();
    if !s.contains(special) {
        return s.into();
    }
    s.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{00A0}' | '\u{202F}' => ' ',
            c => c,
        })
        .collect::<String>()
        .into()
}

fn add(map: &mut HashMap<String, usize>, key: String, t: Target) {
    let key = fold(&key).into_owned();
    if key.is_empty() {
        return;
    }
    match map.entry(key) {
        MapEntry::Vacant(v) => {
            v.insert(t.code());
        }
        MapEntry::Occupied(mut o) => {
            if *o.get() != t.code() {
                o.insert(Target::Ambiguous.code());
            }
        }
    }
}

/// Values of one indicator's cells: choice labels in every language, and the reasons given
/// instead of a score ("don't know", "not applicable", "unsafe to ask").
struct Choices {
    /// By indicator index: label text → the anchor's position in the indicator's scale.
    labels: Vec<HashMap<String, usize>>,
    /// Folded choice names and labels of the reasons.
    missing: Vec<(String, Missing)>,
}

impl Choices {
    fn of(fw: &Framework) -> Choices {
        let langs = languages(fw);
        let mut missing: Vec<(String, Missing)> = Vec::new();
        for (reason, _, code) in Missing::ALL {
            let names = ["en", "fr"]
                .iter()
                .copied()
                .chain(langs.iter().map(String::as_str))
                .map(|l| fold(missing_label(reason, l)).into_owned());
            for name in std::iter::once(fold(code).into_owned()).chain(names) {
                if !missing.iter().any(|(n, _)| *n == name) {
                    missing.push((name, reason));
                }
            }
        }
        let labels = (0..fw.indicators.len())
            .map(|i| {
                let mut m = HashMap::new();
                if let Some(scale) = &fw.indicator(i).1.scale {
                    for (k, a) in scale.anchors.iter().enumerate() {
                        m.insert(value_name(a.value), k);
                        for l in &langs {
                            let text = a.label.get(l);
                            m.insert(fold(&choice_label(a.value, text)).into_owned(), k);
                            m.insert(fold(text).into_owned(), k);
                        }
                    }
                }
                m
            })
            .collect();
        Choices { labels, missing }
    }
}

enum Column {
    Indicator(usize),
    Unit,
    Date,
    Ignored,
}

/// What an encrypted ODK Central form's export holds without its passphrase.
pub const ENCRYPTED: &str =
    "this export is encrypted: export it from ODK Central with the form's passphrase";

/// Reads an export file as it comes: CSV in any encoding `text::decode` reads, or the .xlsx
/// that KoboToolbox offers (its first sheet).
pub fn read_export_file(
    bytes: &[u8],
    fw: &Framework,
    options: &OdkOptions,
) -> Result<Import, Vec<Issue>> {
    let opened = super::sheet::open(bytes).map_err(|e| vec![e])?;
    let mut import = read_export(&opened.text, fw, options)?;
    let r = &mut import.report;
    match opened.encoding {
        Some(e) => {
            r.format = format!("{}, separator {}", opened.format, r.separator);
            r.encoding = e.name().to_string();
        }
        None => {
            r.format = opened.format;
            r.separator.clear();
            r.decimal_comma = false;
        }
    }
    Ok(import)
}

/// Reads an export's text. Errors when the file cannot be read at all, is encrypted, or gives
/// no assessment; bad cells are left unscored and named in the report.
pub fn read_export(text: &str, fw: &Framework, options: &OdkOptions) -> Result<Import, Vec<Issue>> {
    let (mut reader, header) = Reader::open(text).map_err(|e| vec![e])?;
    let sep = reader.separator;
    let decimal_comma = sep == b';';
    let names = Names::of(fw);
    let choices = Choices::of(fw);
    let n = fw.indicators.len();
    let mut issues = Issues::default();
    let mut report = ImportReport {
        kind: "odk".into(),
        format: format!("CSV, separator {}", separator_name(sep)),
        columns: header.clone(),
        separator: separator_name(sep),
        decimal_comma,
        ..ImportReport::default()
    };

    // What each column is.
    let mut columns: Vec<Column> = Vec::with_capacity(header.len());
    let mut owner_of: Vec<Option<usize>> = vec![None; n];
    for (c, name) in header.iter().enumerate() {
        let col = match names.get(name) {
            Some(Target::Indicator(i)) => match owner_of[i] {
                Some(first) => {
                    issues.push(
                        place(1, name),
                        format!(
                            "is the same indicator as column {}; this column is ignored",
                            quote(&header[first])
                        ),
                    );
                    Column::Ignored
                }
                None => {
                    owner_of[i] = Some(c);
                    report.mapped.push(Mapped {
                        column: name.clone(),
                        indicator: fw.indicator(i).0.id.clone(),
                    });
                    Column::Indicator(i)
                }
            },
            Some(Target::Unit) if report.unit_column.is_none() => {
                report.unit_column = Some(name.clone());
                Column::Unit
            }
            Some(Target::Date) if report.date_column.is_none() => {
                report.date_column = Some(name.clone());
                Column::Date
            }
            Some(Target::Ambiguous) => {
                issues.push(
                    place(1, name),
                    "names more than one question; export with group names in the headers",
                );
                Column::Ignored
            }
            _ => Column::Ignored,
        };
        columns.push(col);
    }
    if report.mapped.is_empty() {
        return Err(vec![Issue::new(
            "row 1",
            format!(
                "no column is an indicator of framework {} {}: is this an export of its form?",
                quote(&fw.id),
                fw.version
            ),
        )]);
    }

    // The grouping columns.
    let wanted: Vec<String> = if options.group.is_empty() {
        ["unit", "date"]
            .into_iter()
            .filter(|g| *g == "unit" || report.date_column.is_some())
            .map(String::from)
            .collect()
    } else {
        options.group.clone()
    };
    let mut group_cols: Vec<usize> = Vec::with_capacity(wanted.len());
    let mut missing = Vec::new();
    for g in &wanted {
        let g = g.trim();
        let found = header.iter().position(|h| h == g).or_else(|| match g {
            "unit" => columns.iter().position(|c| matches!(c, Column::Unit)),
            "date" => columns.iter().position(|c| matches!(c, Column::Date)),
            _ => None,
        });
        match found {
            Some(c) if !group_cols.contains(&c) => group_cols.push(c),
            Some(_) => {}
            None => missing.push(quote(g)),
        }
    }
    if !missing.is_empty() || group_cols.is_empty() {
        let listed: Vec<String> = header.iter().map(|h| quote(h)).collect();
        return Err(vec![Issue::new(
            "row 1",
            format!(
                "no column {} to group rows into assessments; the columns are: {}",
                if missing.is_empty() {
                    "chosen".to_string()
                } else {
                    missing.join(", ")
                },
                listed.join(", ")
            ),
        )]);
    }
    report.group_columns = group_cols.iter().map(|&c| header[c].clone()).collect();
    for (c, col) in columns.iter().enumerate() {
        if matches!(col, Column::Ignored) && !group_cols.contains(&c) {
            report.ignored.push(header[c].clone());
        }
    }

    // Review status: rejected submissions are left out.
    let review: Option<(usize, &[&str])> =
        header
            .iter()
            .enumerate()
            .find_map(|(c, h)| match h.as_str() {
                "ReviewState" => Some((c, &["rejected"][..])),
                "_validation_status" => Some((
                    c,
                    &[
                        "validation_status_not_approved",
                        "Not Approved",
                        "Non approuvé",
                    ][..],
                )),
                _ => None,
            });

    // ODK Central's `Status` of a submission it could not decrypt (no passphrase given).
    let status = header.iter().position(|h| h == "Status");
    let mut encrypted = 0usize;

    // Every row's values (NaN = not scored), then grouped by assessment.
    let mut values: Vec<f64> = Vec::new();
    let mut owner: Vec<u32> = Vec::new();
    let mut batch: Vec<Assessment> = Vec::new();
    let mut first_row: Vec<usize> = Vec::new();
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut key = String::new();
    let mut id = String::new();
    let mut row_values = vec![f64::NAN; n];
    let mut row_missing: Vec<(usize, Missing)> = Vec::new();
    // Each indicator's scale, so that valid cells cost no formatting of a place.
    let bounds: Vec<(f64, f64)> = (0..n)
        .map(|i| match &fw.indicator(i).1.scale {
            Some(s) => (s.min, s.max),
            None => (f64::MIN, f64::MAX),
        })
        .collect();
    while let Some(row) = next_row(&mut reader, columns.len(), &mut report, &mut issues) {
        if let Some(c) = status {
            if reader.field(c).trim().eq_ignore_ascii_case("not decrypted") {
                encrypted += 1;
                continue;
            }
        }
        if let Some((c, rejected)) = review {
            let status = reader.field(c).trim();
            if rejected.iter().any(|r| r.eq_ignore_ascii_case(status)) {
                report.rejected += 1;
                left_out(&mut report, "rejected in review");
                issues.push(
                    place(row, &header[c]),
                    format!("left out: rejected in review ({})", quote(status)),
                );
                continue;
            }
        }
        // The assessment this row belongs to.
        key.clear();
        id.clear();
        let mut empty_group = None;
        for (k, &c) in group_cols.iter().enumerate() {
            let raw = reader.field(c).trim();
            let v = if matches!(columns[c], Column::Date) {
                date_of(raw, decimal_comma).unwrap_or(std::borrow::Cow::Borrowed(raw))
            } else {
                std::borrow::Cow::Borrowed(raw)
            };
            if v.is_empty() {
                empty_group = Some(c);
                break;
            }
            if k > 0 {
                key.push('\u{1f}');
                id.push_str(" / ");
            }
            key.push_str(&v);
            id.push_str(&v);
        }
        if let Some(c) = empty_group {
            left_out(&mut report, "no value to group it by");
            issues.push(
                place(row, &header[c]),
                "is empty, so the row belongs to no assessment; the row is left out",
            );
            continue;
        }

        row_values.fill(f64::NAN);
        row_missing.clear();
        let (mut unit, mut date) = ("", None);
        for (c, col) in columns.iter().enumerate() {
            let cell = reader.field(c).trim();
            match col {
                Column::Ignored => {}
                Column::Unit => unit = cell,
                Column::Date if cell.is_empty() => {}
                Column::Date => match date_of(cell, decimal_comma) {
                    Ok(d) => date = Some(d),
                    Err(msg) => issues.push(place(row, &header[c]), msg),
                },
                Column::Indicator(_) if cell.is_empty() => {}
                Column::Indicator(i) => {
                    let i = *i;
                    if let Some(x) = parse_decimal(cell, decimal_comma) {
                        let (lo, hi) = bounds[i];
                        if x >= lo && x <= hi {
                            row_values[i] = x;
                        } else if issues.full() {
                            issues.count();
                        } else {
                            let mut found = Vec::new();
                            check_score(fw, i, x, || place(row, &header[c]), &mut found);
                            for f in found {
                                issues.push(f.path, f.message);
                            }
                        }
                        continue;
                    }
                    let text = fold(cell);
                    if let Some(&(_, reason)) = choices.missing.iter().find(|(n, _)| *n == text) {
                        row_missing.push((i, reason));
                        *match reason {
                            Missing::DontKnow => &mut report.dont_know,
                            Missing::NotApplicable => &mut report.not_applicable,
                            Missing::UnsafeToAsk => &mut report.unsafe_to_ask,
                        } += 1;
                    } else if let (Some(&k), Some(scale)) = (
                        choices.labels[i].get(text.as_ref()),
                        &fw.indicator(i).1.scale,
                    ) {
                        row_values[i] = scale.anchors[k].value;
                    } else if issues.full() {
                        issues.count();
                    } else {
                        issues.push(
                            place(row, &header[c]),
                            format!(
                                "{} is neither a value of the scale, dk (don't know), na (not \
                                 applicable), unsafe (unsafe to ask) nor a choice's label; left \
                                 unscored",
                                quote(cell)
                            ),
                        );
                    }
                }
            }
        }

        let k = match index.get(key.as_str()) {
            Some(&k) => k,
            None => {
                let k = batch.len() as u32;
                index.insert(key.clone(), k);
                batch.push(Assessment::new(id.clone(), n));
                first_row.push(row);
                k
            }
        };
        let a = &mut batch[k as usize];
        a.missing.extend_from_slice(&row_missing);
        if !unit.is_empty() {
            match &a.unit {
                None => a.unit = Some(unit.to_string()),
                Some(prev) if prev != unit => {
                    let unit_col = report.unit_column.as_deref().unwrap_or(UNIT);
                    issues.push(
                        place(row, unit_col),
                        format!(
                            "{} differs from {} in row {} of the same assessment {}; the \
                             first is kept",
                            quote(unit),
                            quote(prev),
                            first_row[k as usize],
                            quote(&a.id)
                        ),
                    );
                }
                Some(_) => {}
            }
        }
        // Respondents seen on different days: the assessment is dated by the last.
        if let Some(d) = date {
            if a.date.as_deref().is_none_or(|prev| prev < d.as_ref()) {
                a.date = Some(d.into_owned());
            }
        }
        values.extend_from_slice(&row_values);
        owner.push(k);
    }

    if encrypted > 0 {
        return Err(vec![Issue::new(
            "file",
            format!(
                "{ENCRYPTED} ({encrypted} submission(s) marked \"not decrypted\", their answers \
                 empty)"
            ),
        )]);
    }
    if batch.is_empty() {
        let mut all = issues.finish();
        all.push(Issue::new(
            "file",
            if report.rows == 0 {
                "the export has no submission (a header only)"
            } else {
                "no submission could be imported (every problem is listed above)"
            },
        ));
        return Err(all);
    }

    // Rows of each assessment, in file order (a counting sort by owner).
    let mut starts = vec![0usize; batch.len() + 1];
    for &k in &owner {
        starts[k as usize + 1] += 1;
    }
    for k in 0..batch.len() {
        starts[k + 1] += starts[k];
    }
    let mut rows_of = vec![0usize; owner.len()];
    let mut next = starts.clone();
    for (r, &k) in owner.iter().enumerate() {
        rows_of[next[k as usize]] = r;
        next[k as usize] += 1;
    }
    for (k, a) in batch.iter_mut().enumerate() {
        let rows = &rows_of[starts[k]..starts[k + 1]];
        if rows.len() > MAX_RESPONDENTS {
            issues.push(
                place(first_row[k], &report.group_columns[0]),
                format!(
                    "assessment {} has {} respondents; at most {MAX_RESPONDENTS} per indicator \
                     can be saved: group by more columns",
                    quote(&a.id),
                    rows.len()
                ),
            );
        }
        a.responses.reserve(rows.len() * n);
        for i in 0..n {
            a.push_scores(
                i,
                rows.iter()
                    .map(|&r| values[r * n + i])
                    .filter(|v| !v.is_nan()),
            );
        }
    }
    report.groups = batch.len();
    report.issues = issues.finish();
    Ok(Import {
        assessments: batch,
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fw() -> Framework {
        resilience::api::default_framework()
    }

    fn opts(group: &[&str]) -> OdkOptions {
        OdkOptions {
            group: group.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn kobo_values_with_groups_metadata_and_decimal_commas() {
        let fw = fw();
        let text = "\u{feff}\"start\";\"unit\";\"date\";\"citizenship/legal_equality\";\"justice/access\";\"_uuid\";\"_index\"\r\n\
                    \"2026-03-14T09:00:00.000+03:00\";\"Nakuru\";\"2026-03-14\";\"3\";\"2,5\";\"a1\";\"1\"\r\n\
                    \"2026-03-14T09:30:00.000+03:00\";\"Nakuru\";\"2026-03-14\";\"dk\";\"9\";\"a2\";\"2\"\r\n";
        let imp = read_export(text, &fw, &opts(&[])).unwrap();
        let r = &imp.report;
        assert_eq!(r.separator, ";");
        assert_eq!(r.mapped.len(), 2);
        assert_eq!(r.mapped[0].indicator, "citizenship.legal_equality");
        assert_eq!(r.ignored, vec!["start", "_uuid", "_index"]);
        assert_eq!(r.group_columns, vec!["unit", "date"]);
        assert_eq!(r.dont_know, 1);
        assert_eq!(r.issues.len(), 1, "{:?}", r.issues);
        assert_eq!(r.issues[0].path, "row 3, column \"justice/access\"");
        let a = &imp.assessments[0];
        assert_eq!(a.id, "Nakuru / 2026-03-14");
        assert_eq!(
            a.scores(fw.indicator_index("citizenship.legal_equality").unwrap()),
            &[3.0]
        );
        assert_eq!(
            a.scores(fw.indicator_index("justice.access").unwrap()),
            &[2.5]
        );
    }

    #[test]
    fn missing_group_column_lists_the_columns() {
        let fw = fw();
        let err = read_export("KEY,justice-access\nk,2\n", &fw, &opts(&["team"])).unwrap_err();
        assert!(err[0].message.contains("\"team\""), "{err:?}");
        assert!(err[0].message.contains("\"KEY\""), "{err:?}");
        let err = read_export("a,b\n1,2\n", &fw, &opts(&["a"])).unwrap_err();
        assert!(
            err[0].message.contains("no column is an indicator"),
            "{err:?}"
        );
    }
}
