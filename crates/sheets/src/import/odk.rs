//! CSV exports of the framework's XLSForm (`xlsform`) from KoboToolbox and ODK Central, as they
//! come: group prefixes (`citizenship/legal_equality` from Kobo, `citizenship-legal_equality`
//! from Central, or none), metadata columns (`_uuid`, `_submission_time`, `_index`,
//! `meta/instanceID`, `KEY`, `SubmissionDate` …, all ignored), "XML values" (`0`…`4`, `dk`) or
//! "labels" (the choices' texts in any language of the framework, headers too), `,` or `;`
//! separators, decimal commas with `;`, UTF-8 with or without a BOM.
//!
//! Each row is one respondent; the chosen column(s) group rows into assessments.

use super::prevention::{Part, RowAnswers, Words};
use super::{
    date_of, left_out, next_row, parse_decimal, separator_name, Import, ImportReport, Issues,
    Mapped,
};
use crate::xlsform::{
    choice_label, choice_word, date_label, evidence_word, languages, layout, missing_label,
    part_label, sign_word, signs_label, unit_label, value_name, Entry, EvidencePart, DATE, UNIT,
};
use resilience::assessment::Source;
use resilience::assessment::{check_score, Assessment, Missing, MAX_RESPONDENTS};
use resilience::csv::{place, Reader};
use resilience::framework::Framework;
use resilience::issue::Issue;
use resilience::value::quote;
use std::borrow::Cow;
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
    /// Evidence or a warning sign, beside the scores.
    Beside(Part),
    /// A bare name or label that more than one question has.
    Ambiguous,
}

impl Target {
    // Stored as `usize` in the maps below: one map type for the whole crate keeps the wasm
    // small (every key/value type pair is compiled anew).
    fn code(self) -> usize {
        match self {
            Target::Indicator(i) => i,
            Target::Beside(p) => p.code(),
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
            c => Part::of_code(c).map_or(Target::Indicator(c), Target::Beside),
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
        // The groups a question is in: their names, and their labels in `langs` order.
        let mut path: Vec<(String, Vec<String>)> = Vec::new();
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
                Entry::Begin { name, node } => {
                    let title = &fw.nodes[node].title;
                    path.push((name, langs.iter().map(|l| title.get(l).into()).collect()));
                }
                Entry::BeginSigns { name } => {
                    path.push((name, langs.iter().map(|l| signs_label(l).into()).collect()))
                }
                Entry::End => {
                    path.pop();
                }
                Entry::Note { .. } | Entry::SignsNote { .. } => {}
                Entry::Question { name, index } => {
                    let node = fw.indicator(index).0;
                    add(&mut names.exact, node.id.clone(), Target::Indicator(index));
                    let labels = langs.iter().map(|l| node.title.get(l).to_string());
                    names.question(&path, &name, labels, Target::Indicator(index));
                }
                Entry::Evidence { name, index, part } => {
                    let title = &fw.indicator(index).0.title;
                    let labels = langs
                        .iter()
                        .map(|l| part_label(title.get(l), evidence_word(part), l));
                    let t = Target::Beside(Part::Evidence(index, part));
                    names.question(&path, &name, labels.clone(), t);
                    if part == EvidencePart::Sources {
                        // A multiple choice split into a column per choice: `…/sources/interview`.
                        for (s, option) in Source::ALL {
                            let t = Target::Beside(Part::SourceFlag(index, s));
                            names.question(
                                &path,
                                &format!("{name}/{option}"),
                                std::iter::empty(),
                                t,
                            );
                            let split = labels
                                .clone()
                                .zip(&langs)
                                .map(|(label, l)| format!("{label}/{}", choice_word(option, l)));
                            names.question(&path, "", split, t);
                        }
                    }
                }
                Entry::Sign { name, item, part } => {
                    let title = &fw.context[item].title;
                    let labels = langs.iter().map(|l| match sign_word(part) {
                        None => title.get(l).to_string(),
                        Some(w) => part_label(title.get(l), w, l),
                    });
                    names.question(&path, &name, labels, Target::Beside(Part::Sign(item, part)));
                }
            }
        }
        names
    }

    /// A question's headers: its name under its groups' names (joined by any of the separators
    /// tools use), its bare name, its label under its groups' labels, and its bare label.
    fn question(
        &mut self,
        path: &[(String, Vec<String>)],
        name: &str,
        labels: impl Iterator<Item = String>,
        t: Target,
    ) {
        if !name.is_empty() {
            for sep in ["/", "-", ":", "."] {
                let mut key = String::new();
                for (g, _) in path {
                    key.push_str(g);
                    key.push_str(sep);
                }
                key.push_str(&name.replace('/', sep));
                add(&mut self.exact, key, t);
            }
            add(&mut self.loose, name.to_string(), t);
        }
        for (k, label) in labels.enumerate() {
            let mut key = String::new();
            for (_, titles) in path {
                key.push_str(&titles[k]);
                key.push('/');
            }
            key.push_str(&label);
            add(&mut self.exact, key, t);
            add(&mut self.loose, label, t);
        }
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
pub(crate) fn fold(s: &str) -> std::borrow::Cow<'_, str> {
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
    Beside(Part),
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
    let mut issues = Issues::default();
    let mut report = ImportReport {
        kind: "odk".into(),
        format: format!("CSV, separator {}", separator_name(sep)),
        columns: header.clone(),
        separator: separator_name(sep),
        decimal_comma: sep == b';',
        ..ImportReport::default()
    };
    let columns = map_columns(fw, &header, &mut report, &mut issues)?;
    let group = group_columns(&header, &columns, options, &mut report)?;
    let rows = Rows {
        fw,
        header: &header,
        columns: &columns,
        group: &group,
        choices: Choices::of(fw),
        words: Words::of(fw),
        bounds: (0..fw.indicators.len())
            .map(|i| match &fw.indicator(i).1.scale {
                Some(s) => (s.min, s.max),
                None => (f64::MIN, f64::MAX),
            })
            .collect(),
        decimal_comma: sep == b';',
    };
    let read = rows.read_all(&mut reader, &mut report, &mut issues)?;
    let batch = read.into_batch(fw.indicators.len(), &report, &mut issues);
    report.groups = batch.len();
    report.issues = issues.finish();
    Ok(Import {
        assessments: batch,
        report,
    })
}

/// What each column is: an indicator's question (the first column of each; the report lists
/// them), the unit, the date, or nothing the framework asks. No indicator at all is an error.
fn map_columns(
    fw: &Framework,
    header: &[String],
    report: &mut ImportReport,
    issues: &mut Issues,
) -> Result<Vec<Column>, Vec<Issue>> {
    let names = Names::of(fw);
    let mut columns: Vec<Column> = Vec::with_capacity(header.len());
    let mut owner_of: Vec<Option<usize>> = vec![None; fw.indicators.len()];
    let mut beside: Vec<(Part, usize)> = Vec::new();
    for (c, name) in header.iter().enumerate() {
        let col = match names.get(name) {
            Some(Target::Beside(p)) => match beside.iter().find(|(q, _)| *q == p) {
                Some(&(_, first)) => {
                    issues.push(
                        place(1, name),
                        format!(
                            "is the same question as column {}; this column is ignored",
                            quote(&header[first])
                        ),
                    );
                    Column::Ignored
                }
                None => {
                    beside.push((p, c));
                    match p {
                        Part::Sign(..) => report.sign_columns.push(name.clone()),
                        _ => report.evidence_columns.push(name.clone()),
                    }
                    Column::Beside(p)
                }
            },
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
    Ok(columns)
}

/// The columns whose values make one assessment (`options.group`, default unit and date); the
/// report lists them and the columns left aside. A column asked for and missing is an error
/// that lists the columns there are.
fn group_columns(
    header: &[String],
    columns: &[Column],
    options: &OdkOptions,
    report: &mut ImportReport,
) -> Result<Vec<usize>, Vec<Issue>> {
    let wanted: Vec<String> = if options.group.is_empty() {
        ["unit", "date"]
            .into_iter()
            .filter(|g| *g == "unit" || report.date_column.is_some())
            .map(String::from)
            .collect()
    } else {
        options.group.clone()
    };
    let mut group: Vec<usize> = Vec::with_capacity(wanted.len());
    let mut missing = Vec::new();
    for g in &wanted {
        let g = g.trim();
        let found = header.iter().position(|h| h == g).or_else(|| match g {
            "unit" => columns.iter().position(|c| matches!(c, Column::Unit)),
            "date" => columns.iter().position(|c| matches!(c, Column::Date)),
            _ => None,
        });
        match found {
            Some(c) if !group.contains(&c) => group.push(c),
            Some(_) => {}
            None => missing.push(quote(g)),
        }
    }
    if !missing.is_empty() || group.is_empty() {
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
    report.group_columns = group.iter().map(|&c| header[c].clone()).collect();
    for (c, col) in columns.iter().enumerate() {
        if matches!(col, Column::Ignored) && !group.contains(&c) {
            report.ignored.push(header[c].clone());
        }
    }
    Ok(group)
}

/// The review-status column, if any, and the statuses of submissions rejected in review.
fn review_column(header: &[String]) -> Option<(usize, &'static [&'static str])> {
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
        })
}

/// How to read the export's rows.
struct Rows<'a> {
    fw: &'a Framework,
    header: &'a [String],
    columns: &'a [Column],
    group: &'a [usize],
    choices: Choices,
    words: Words,
    /// Each indicator's scale, so that valid cells cost no formatting of a place.
    bounds: Vec<(f64, f64)>,
    decimal_comma: bool,
}

/// One row's answers (buffers reused from row to row): values by indicator (NaN = not
/// scored) and the reasons given instead of a score.
struct Answers {
    values: Vec<f64>,
    missing: Vec<(usize, Missing)>,
    beside: RowAnswers,
}

/// The rows read: the assessments (their scores not yet set), and every row's values with the
/// assessment it belongs to.
struct Read {
    batch: Vec<Assessment>,
    first_row: Vec<usize>,
    values: Vec<f64>,
    owner: Vec<u32>,
}

impl Rows<'_> {
    /// Every row: left out when ODK Central could not decrypt it, when it was rejected in
    /// review, or when a grouping column is empty; otherwise its answers, added to its
    /// assessment. Errors when the export is encrypted or gives no assessment.
    fn read_all(
        &self,
        reader: &mut Reader,
        report: &mut ImportReport,
        issues: &mut Issues,
    ) -> Result<Read, Vec<Issue>> {
        let n = self.fw.indicators.len();
        let review = review_column(self.header);
        // ODK Central's `Status` of a submission it could not decrypt (no passphrase given).
        let status = self.header.iter().position(|h| h == "Status");
        let mut encrypted = 0usize;
        let mut read = Read {
            batch: Vec::new(),
            first_row: Vec::new(),
            values: Vec::new(),
            owner: Vec::new(),
        };
        let mut index: HashMap<String, u32> = HashMap::new();
        let (mut key, mut id) = (String::new(), String::new());
        let mut answers = Answers {
            values: vec![f64::NAN; n],
            missing: Vec::new(),
            beside: RowAnswers::default(),
        };
        while let Some(row) = next_row(reader, self.columns.len(), report, issues) {
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
                    left_out(report, "rejected in review");
                    issues.push(
                        place(row, &self.header[c]),
                        format!("left out: rejected in review ({})", quote(status)),
                    );
                    continue;
                }
            }
            if let Err(c) = self.group_key(reader, &mut key, &mut id) {
                left_out(report, "no value to group it by");
                issues.push(
                    place(row, &self.header[c]),
                    "is empty, so the row belongs to no assessment; the row is left out",
                );
                continue;
            }
            let (unit, date) = self.answers(reader, row, &mut answers, report, issues);
            let k = match index.get(key.as_str()) {
                Some(&k) => k,
                None => {
                    let k = read.batch.len() as u32;
                    index.insert(key.clone(), k);
                    read.batch.push(Assessment::new(id.clone(), n));
                    read.first_row.push(row);
                    k
                }
            };
            read.add(k, row, (unit, date), &answers, report, issues);
        }
        if encrypted > 0 {
            return Err(vec![Issue::new(
                "file",
                format!(
                    "{ENCRYPTED} ({encrypted} submission(s) marked \"not decrypted\", their \
                     answers empty)"
                ),
            )]);
        }
        if read.batch.is_empty() {
            let mut all = std::mem::take(issues).finish();
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
        Ok(read)
    }

    /// The assessment a row belongs to: `key` (to find it) and `id` (its name, the grouping
    /// values joined by " / "), or the grouping column that is empty.
    fn group_key(&self, reader: &Reader, key: &mut String, id: &mut String) -> Result<(), usize> {
        key.clear();
        id.clear();
        for (k, &c) in self.group.iter().enumerate() {
            let raw = reader.field(c).trim();
            let v = if matches!(self.columns[c], Column::Date) {
                date_of(raw, self.decimal_comma).unwrap_or(Cow::Borrowed(raw))
            } else {
                Cow::Borrowed(raw)
            };
            if v.is_empty() {
                return Err(c);
            }
            if k > 0 {
                key.push('\u{1f}');
                id.push_str(" / ");
            }
            key.push_str(&v);
            id.push_str(&v);
        }
        Ok(())
    }

    /// A row's answers into `a`, and its unit and date. A cell is a value of the scale (a
    /// decimal comma under `;`), a reason given instead (`dk`, a label of one), or a choice's
    /// label in any language; anything else is left unscored and named.
    fn answers<'r>(
        &self,
        reader: &'r Reader,
        row: usize,
        a: &mut Answers,
        report: &mut ImportReport,
        issues: &mut Issues,
    ) -> (&'r str, Option<Cow<'r, str>>) {
        a.values.fill(f64::NAN);
        a.missing.clear();
        a.beside.clear();
        let (mut unit, mut date) = ("", None);
        for (c, col) in self.columns.iter().enumerate() {
            let cell = reader.field(c).trim();
            match col {
                Column::Ignored => {}
                Column::Beside(_) if cell.is_empty() => {}
                Column::Beside(p) => {
                    let read = a
                        .beside
                        .read(&self.words, *p, (cell, c), self.decimal_comma);
                    if let Err(msg) = read {
                        issues.push(place(row, &self.header[c]), format!("{msg}; left out"));
                    }
                }
                Column::Unit => unit = cell,
                Column::Date if cell.is_empty() => {}
                Column::Date => match date_of(cell, self.decimal_comma) {
                    Ok(d) => date = Some(d),
                    Err(msg) => issues.push(place(row, &self.header[c]), msg),
                },
                Column::Indicator(_) if cell.is_empty() => {}
                Column::Indicator(i) => self.answer(*i, cell, (row, c), a, report, issues),
            }
        }
        for c in a.beside.without_status() {
            issues.push(
                place(row, &self.header[c]),
                "is given, but whether the sign is present is not answered; left out",
            );
        }
        (unit, date)
    }

    /// One indicator's cell, at (row, column).
    fn answer(
        &self,
        i: usize,
        cell: &str,
        (row, c): (usize, usize),
        a: &mut Answers,
        report: &mut ImportReport,
        issues: &mut Issues,
    ) {
        let fw = self.fw;
        if let Some(x) = parse_decimal(cell, self.decimal_comma) {
            let (lo, hi) = self.bounds[i];
            if x >= lo && x <= hi {
                a.values[i] = x;
            } else if issues.full() {
                issues.count();
            } else {
                let mut found = Vec::new();
                check_score(fw, i, x, || place(row, &self.header[c]), &mut found);
                for f in found {
                    issues.push(f.path, f.message);
                }
            }
            return;
        }
        let text = fold(cell);
        let choices = &self.choices;
        if let Some(&(_, reason)) = choices.missing.iter().find(|(n, _)| *n == text) {
            a.missing.push((i, reason));
            *match reason {
                Missing::DontKnow => &mut report.dont_know,
                Missing::NotApplicable => &mut report.not_applicable,
                Missing::UnsafeToAsk => &mut report.unsafe_to_ask,
            } += 1;
        } else if let (Some(&k), Some(scale)) = (
            choices.labels[i].get(text.as_ref()),
            &fw.indicator(i).1.scale,
        ) {
            a.values[i] = scale.anchors[k].value;
        } else if issues.full() {
            issues.count();
        } else {
            issues.push(
                place(row, &self.header[c]),
                format!(
                    "{} is neither a value of the scale, dk (don't know), na (not applicable), \
                     unsafe (unsafe to ask) nor a choice's label; left unscored",
                    quote(cell)
                ),
            );
        }
    }
}

impl Read {
    /// Row `row`'s answers, for assessment `k`: its unit (the first kept; another is named),
    /// its date (respondents seen on different days: the last), its values and reasons.
    fn add(
        &mut self,
        k: u32,
        row: usize,
        (unit, date): (&str, Option<Cow<'_, str>>),
        answers: &Answers,
        report: &ImportReport,
        issues: &mut Issues,
    ) {
        let a = &mut self.batch[k as usize];
        a.missing.extend_from_slice(&answers.missing);
        answers.beside.add_to(a);
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
                            self.first_row[k as usize],
                            quote(&a.id)
                        ),
                    );
                }
                Some(_) => {}
            }
        }
        if let Some(d) = date {
            if a.date.as_deref().is_none_or(|prev| prev < d.as_ref()) {
                a.date = Some(d.into_owned());
            }
        }
        self.values.extend_from_slice(&answers.values);
        self.owner.push(k);
    }

    /// The assessments with their respondents' scores: each assessment's rows in file order
    /// (a counting sort by owner). More respondents than can be saved is named.
    fn into_batch(self, n: usize, report: &ImportReport, issues: &mut Issues) -> Vec<Assessment> {
        let Read {
            mut batch,
            first_row,
            values,
            owner,
        } = self;
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
                        "assessment {} has {} respondents; at most {MAX_RESPONDENTS} per \
                         indicator can be saved: group by more columns",
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
        batch
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use resilience::api::default_framework as fw;

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
