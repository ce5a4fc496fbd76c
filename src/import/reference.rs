//! Published reference figures onto the framework's scale, so that a desk assessment can start
//! from them and be adjusted by the team. The conversions are those of the framework
//! specification (onto 0–4, higher = more resilient):
//!
//! | source           | figure                           | onto 0–4                      |
//! | ---------------- | -------------------------------- | ----------------------------- |
//! | `fsi`            | Fragile States Index, 0–10, higher = worse | 4 × (10 − x) / 10   |
//! | `wjp`            | WJP index, 0–1, higher = better  | 4 × x                         |
//! | `vdem`           | V-Dem index, 0–1, higher = better | 4 × x                        |
//! | `vdem_inverted`  | V-Dem exclusion index, 0–1, higher = worse | 4 × (1 − x)         |
//! | `positive_peace` | Positive Peace, 1–5, lower = better | 5 − x                      |
//! | `civicus`        | CIVICUS Monitor rating           | closed 0, repressed 1, obstructed 2, narrowed 3, open 4 |
//! | `score`          | already on the indicator's own scale | as is                     |
//!
//! The 0–4 result is then placed on the indicator's own scale (the identity for 0–4 scales;
//! reversed for risk-framed indicators, where higher = worse).
//!
//! The CSV: one figure a row, with the columns `unit`, `date` (optional), `indicator` (an
//! indicator id), `source` (a name above), `value`, and `reference` (optional free text, e.g.
//! `FSI 2024 C3`). Rows of the same unit and date make one assessment; several figures for one
//! indicator become its respondents (combined like any others, median by default), and each
//! figure is recorded in the indicator's note.

use super::{
    date_of, next_row, parse_decimal, separator_name, Import, ImportReport, Issues, Mapped,
};
use crate::assessment::{check_score, Assessment};
use crate::csv::{place, unguard, Reader};
use crate::framework::{Direction, Framework};
use crate::issue::Issue;
use crate::value::quote;
use std::collections::HashMap;

/// A source of reference figures, with its conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Fsi,
    Wjp,
    VDem,
    VDemInverted,
    PositivePeace,
    Civicus,
    /// Already on the indicator's own scale.
    Score,
}

pub const SOURCES: &[(&str, Source)] = &[
    ("fsi", Source::Fsi),
    ("wjp", Source::Wjp),
    ("vdem", Source::VDem),
    ("vdem_inverted", Source::VDemInverted),
    ("positive_peace", Source::PositivePeace),
    ("civicus", Source::Civicus),
    ("score", Source::Score),
];

/// CIVICUS Monitor ratings, in English and French.
const CIVICUS: &[(&str, f64)] = &[
    ("closed", 0.0),
    ("repressed", 1.0),
    ("obstructed", 2.0),
    ("narrowed", 3.0),
    ("open", 4.0),
    ("fermé", 0.0),
    ("réprimé", 1.0),
    ("entravé", 2.0),
    ("rétréci", 3.0),
    ("ouvert", 4.0),
];

impl Source {
    /// Reads a source name: case, spaces and dashes do not matter (`V-Dem`, `Positive Peace`).
    pub fn parse(name: &str) -> Option<Source> {
        let key: String = name
            .trim()
            .chars()
            .filter(|c| *c != '-')
            .map(|c| {
                if c == ' ' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        let key = match key.as_str() {
            "vdem_exclusion" | "vdem_exclusion_index" | "vdeminverted" => "vdem_inverted",
            "positivepeace" | "ppi" | "positive_peace_index" => "positive_peace",
            "fragile_states_index" => "fsi",
            "civicus_monitor" => "civicus",
            "scale" | "own" => "score",
            k => k,
        };
        SOURCES.iter().find(|(n, _)| *n == key).map(|(_, s)| *s)
    }

    pub fn name(self) -> &'static str {
        SOURCES
            .iter()
            .find(|(_, s)| *s == self)
            .map(|(n, _)| *n)
            .unwrap_or("")
    }

    /// The figure `raw` on 0–4 (for `Score`: unchanged, on the indicator's scale).
    pub fn convert(self, raw: &str, decimal_comma: bool) -> Result<f64, String> {
        let raw = raw.trim();
        if self == Source::Civicus {
            return CIVICUS
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(raw))
                .map(|(_, v)| *v)
                .ok_or_else(|| {
                    format!(
                        "{} is not a CIVICUS Monitor rating (closed, repressed, obstructed, \
                         narrowed, open)",
                        quote(raw)
                    )
                });
        }
        let x = parse_decimal(raw, decimal_comma)
            .ok_or_else(|| format!("{} is not a number", quote(raw)))?;
        let (lo, hi, what) = match self {
            Source::Fsi => (
                0.0,
                10.0,
                "a Fragile States Index indicator runs from 0 to 10",
            ),
            Source::Wjp => (0.0, 1.0, "a WJP index runs from 0 to 1"),
            Source::VDem | Source::VDemInverted => (
                0.0,
                1.0,
                "a V-Dem index runs from 0 to 1 (V-Dem's raw indicators are not accepted)",
            ),
            Source::PositivePeace => (1.0, 5.0, "a Positive Peace score runs from 1 to 5"),
            Source::Civicus | Source::Score => (f64::MIN, f64::MAX, ""),
        };
        if x < lo || x > hi {
            return Err(format!("{x} is out of range: {what}"));
        }
        let y = match self {
            Source::Fsi => 4.0 * (10.0 - x) / 10.0,
            Source::Wjp | Source::VDem => 4.0 * x,
            Source::VDemInverted => 4.0 * (1.0 - x),
            Source::PositivePeace => 5.0 - x,
            Source::Civicus | Source::Score => x,
        };
        // Clean off floating-point noise: 4 × (10 − 7.2) / 10 is 1.12, not 1.1199999999999999.
        Ok((y * 1e9).round() / 1e9)
    }
}

/// A 0–4 figure placed on indicator `i`'s scale; risk-framed indicators are reversed.
pub fn onto_indicator(fw: &Framework, i: usize, r: f64) -> f64 {
    let ind = fw.indicator(i).1;
    let Some(s) = &ind.scale else {
        return r;
    };
    let share = r / 4.0;
    let v = match ind.direction {
        Direction::HigherIsBetter => s.min + share * (s.max - s.min),
        Direction::HigherIsWorse => s.max - share * (s.max - s.min),
    };
    (v * 1e9).round() / 1e9
}

enum Column {
    Unit,
    Date,
    Indicator,
    Source,
    Value,
    Reference,
    Ignored,
}

/// Reads reference figures (the CSV shape in the module's documentation).
pub fn read_reference(text: &str, fw: &Framework) -> Result<Import, Vec<Issue>> {
    let (mut reader, header) = Reader::open(text).map_err(|e| vec![e])?;
    let sep = reader.separator;
    let decimal_comma = sep == b';';
    let mut report = ImportReport {
        columns: header.clone(),
        separator: separator_name(sep),
        decimal_comma,
        ..ImportReport::default()
    };
    let columns: Vec<Column> = header
        .iter()
        .map(|h| match h.to_ascii_lowercase().as_str() {
            "unit" => Column::Unit,
            "date" => Column::Date,
            "indicator" => Column::Indicator,
            "source" => Column::Source,
            "value" => Column::Value,
            "reference" => Column::Reference,
            _ => Column::Ignored,
        })
        .collect();
    let has = |f: fn(&Column) -> bool| columns.iter().any(f);
    let mut missing = Vec::new();
    if !has(|c| matches!(c, Column::Unit)) {
        missing.push("unit");
    }
    if !has(|c| matches!(c, Column::Indicator)) {
        missing.push("indicator");
    }
    if !has(|c| matches!(c, Column::Source)) {
        missing.push("source");
    }
    if !has(|c| matches!(c, Column::Value)) {
        missing.push("value");
    }
    if !missing.is_empty() {
        return Err(vec![Issue::new(
            "row 1",
            format!(
                "missing column(s) {}; expected unit, date (optional), indicator, source, value, \
                 reference (optional)",
                missing.join(", ")
            ),
        )]);
    }
    for (c, col) in columns.iter().enumerate() {
        match col {
            Column::Ignored => report.ignored.push(header[c].clone()),
            Column::Unit => report.unit_column = Some(header[c].clone()),
            Column::Date => report.date_column = Some(header[c].clone()),
            _ => {}
        }
    }
    report.group_columns = report
        .unit_column
        .iter()
        .chain(&report.date_column)
        .cloned()
        .collect();

    let n = fw.indicators.len();
    let mut issues = Issues::default();
    let mut batch: Vec<Assessment> = Vec::new();
    // By assessment: each indicator's figures, and its notes.
    let mut figures: Vec<Vec<Vec<f64>>> = Vec::new();
    let mut notes: Vec<Vec<Vec<String>>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    while let Some(row) = next_row(&mut reader, columns.len(), &mut report, &mut issues) {
        let (mut unit, mut date, mut ind, mut source, mut value, mut reference) =
            ("", "", "", "", "", "");
        for (c, col) in columns.iter().enumerate() {
            let cell = unguard(reader.field(c).trim());
            match col {
                Column::Unit => unit = cell,
                Column::Date => date = cell,
                Column::Indicator => ind = cell,
                Column::Source => source = cell,
                Column::Value => value = cell,
                Column::Reference => reference = cell,
                Column::Ignored => {}
            }
        }
        let name = |want: fn(&Column) -> bool| {
            columns
                .iter()
                .position(want)
                .map(|c| header[c].as_str())
                .unwrap_or("")
        };
        let mut bad = false;
        if unit.is_empty() {
            issues.push(place(row, name(|c| matches!(c, Column::Unit))), "is empty");
            bad = true;
        }
        let date = if date.is_empty() {
            None
        } else {
            match date_of(date, decimal_comma) {
                Ok(d) => Some(d),
                Err(msg) => {
                    issues.push(place(row, name(|c| matches!(c, Column::Date))), msg);
                    bad = true;
                    None
                }
            }
        };
        let i = match fw.indicator_index(ind) {
            Some(i) => Some(i),
            None => {
                issues.push(
                    place(row, name(|c| matches!(c, Column::Indicator))),
                    format!(
                        "{} is not an indicator id of framework {} {}",
                        quote(ind),
                        quote(&fw.id),
                        fw.version
                    ),
                );
                None
            }
        };
        let src = match Source::parse(source) {
            Some(s) => Some(s),
            None => {
                let names: Vec<&str> = SOURCES.iter().map(|(n, _)| *n).collect();
                issues.push(
                    place(row, name(|c| matches!(c, Column::Source))),
                    format!(
                        "unknown source {}; expected one of: {}",
                        quote(source),
                        names.join(", ")
                    ),
                );
                None
            }
        };
        let (Some(i), Some(src)) = (i, src) else {
            continue;
        };
        if bad {
            continue;
        }
        let value_col = name(|c| matches!(c, Column::Value));
        let converted = match src.convert(value, decimal_comma) {
            Ok(r) if src == Source::Score => r,
            Ok(r) => onto_indicator(fw, i, r),
            Err(msg) => {
                issues.push(place(row, value_col), msg);
                continue;
            }
        };
        let mut found = Vec::new();
        let Some(x) = check_score(fw, i, converted, || place(row, value_col), &mut found) else {
            for f in found {
                issues.push(f.path, f.message);
            }
            continue;
        };

        let date = date.as_deref();
        let key = format!("{unit}\u{1f}{}", date.unwrap_or(""));
        let k = match index.get(&key) {
            Some(&k) => k,
            None => {
                let k = batch.len();
                let id = match date {
                    Some(d) => format!("{unit} / {d}"),
                    None => unit.to_string(),
                };
                let mut a = Assessment::new(id, n);
                a.unit = Some(unit.to_string());
                a.date = date.map(String::from);
                batch.push(a);
                figures.push(vec![Vec::new(); n]);
                notes.push(vec![Vec::new(); n]);
                index.insert(key, k);
                k
            }
        };
        figures[k][i].push(x);
        let label = if reference.is_empty() {
            src.name()
        } else {
            reference
        };
        notes[k][i].push(format!("{label}: {value} ({}) → {x}", src.name()));
        let ind_id = &fw.indicator(i).0.id;
        if !report
            .mapped
            .iter()
            .any(|m| m.column == label && &m.indicator == ind_id)
        {
            report.mapped.push(Mapped {
                column: label.to_string(),
                indicator: ind_id.clone(),
            });
        }
    }
    for ((a, figs), texts) in batch.iter_mut().zip(figures).zip(notes) {
        for (i, f) in figs.into_iter().enumerate() {
            a.push_scores(i, f);
        }
        for (i, t) in texts.into_iter().enumerate() {
            if !t.is_empty() {
                a.notes.push((fw.indicator(i).0.id.clone(), t.join("; ")));
            }
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
        crate::api::default_framework()
    }

    #[test]
    fn conversions_of_the_specification() {
        assert_eq!(Source::Fsi.convert("7.2", false), Ok(1.12));
        assert_eq!(Source::Fsi.convert("0", false), Ok(4.0));
        assert_eq!(Source::Wjp.convert("0.61", false), Ok(2.44));
        assert_eq!(Source::VDem.convert("0,5", true), Ok(2.0));
        assert_eq!(Source::VDemInverted.convert("0.25", false), Ok(3.0));
        assert_eq!(Source::PositivePeace.convert("2.3", false), Ok(2.7));
        assert_eq!(Source::Civicus.convert("Obstructed", false), Ok(2.0));
        assert_eq!(Source::Civicus.convert("ouvert", false), Ok(4.0));
        assert!(Source::Fsi.convert("11", false).is_err());
        assert!(Source::VDem.convert("-1.3", false).is_err());
        assert!(Source::Civicus.convert("fine", false).is_err());
        assert_eq!(Source::parse("V-Dem"), Some(Source::VDem));
        assert_eq!(Source::parse("Positive Peace"), Some(Source::PositivePeace));
        assert_eq!(Source::parse("V-Dem exclusion"), Some(Source::VDemInverted));
    }

    #[test]
    fn figures_become_respondents_with_notes() {
        let fw = fw();
        let text = "unit;date;indicator;source;value;reference\n\
                    Kenya;2024-12-31;citizenship.equitable_services;FSI;6,8;FSI 2024 E2\n\
                    Kenya;2024-12-31;citizenship.equitable_services;FSI;5;FSI 2024 C3\n\
                    Kenya;2024-12-31;civil_society.civic_space;civicus;repressed;\n\
                    Kenya;2024-12-31;nope;wjp;0.5;\n\
                    Kenya;2024-12-31;justice.independence;wjp;1.5;\n";
        let imp = read_reference(text, &fw).unwrap();
        assert_eq!(imp.assessments.len(), 1);
        let a = &imp.assessments[0];
        assert_eq!(a.id, "Kenya / 2024-12-31");
        let es = fw
            .indicator_index("citizenship.equitable_services")
            .unwrap();
        assert_eq!(a.scores(es), &[1.28, 2.0]);
        let cs = fw.indicator_index("civil_society.civic_space").unwrap();
        assert_eq!(a.scores(cs), &[1.0]);
        assert_eq!(
            a.notes[0],
            (
                "citizenship.equitable_services".to_string(),
                "FSI 2024 E2: 6,8 (fsi) → 1.28; FSI 2024 C3: 5 (fsi) → 2".to_string()
            )
        );
        let paths: Vec<&str> = imp.report.issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(
            paths,
            vec!["row 5, column \"indicator\"", "row 6, column \"value\""]
        );
    }
}
