//! Assessments and results written as CSV for people, in a [`Style`] (separator, decimal mark,
//! rounding, band names; the default is the CLI's). The responses are in the form
//! `csv_input` reads back: one row per respondent.

use crate::assessment::Assessment;
use crate::csv::{Style, Writer};
use crate::csv_input::{extra_columns, extra_name, extra_value, Column};
use crate::framework::{Framework, Kind};
use crate::result::Results;

/// Assessments as CSV, in the form `csv_input::read_csv` reads: id, unit, date (and `group`
/// when an assessment is scored by group), then every indicator; one row per respondent.
/// Respondent k of the assessment gets the k-th score of every indicator that has one; a reason
/// given instead of a score (`dk`, `na`, `unsafe`) is on the first row. The `context.…` and
/// `evidence.…` columns that some assessment of the batch uses follow the indicators, filled on
/// each assessment's first row; each group's respondents follow the assessment's own.
pub fn write_assessments_csv(batch: &[Assessment], fw: &Framework, style: &Style) -> String {
    let extra = extra_columns(batch, fw);
    let grouped = batch.iter().any(|a| !a.groups.is_empty());
    let mut w = Writer::new(style, 16 * (batch.len() + 1) * (fw.indicators.len() + 3));
    for name in ["id", "unit", "date"] {
        w.text(name);
    }
    if grouped {
        w.text("group");
    }
    for &node in &fw.indicators {
        w.text(&fw.nodes[node].id);
    }
    for col in &extra {
        w.text(&extra_name(col, fw));
    }
    w.end_row();
    for a in batch {
        let rows = Rows {
            a,
            extra: &extra,
            grouped,
            fw,
        };
        rows.write(&mut w, a, None);
        for g in &a.groups {
            rows.write(&mut w, g, Some(&g.id));
        }
    }
    w.finish()
}

/// What every row of one assessment shares.
struct Rows<'a> {
    a: &'a Assessment,
    extra: &'a [Column],
    grouped: bool,
    fw: &'a Framework,
}

impl Rows<'_> {
    /// The rows of the respondents whose scores `s` holds: the assessment's own, or those of its
    /// group `group`.
    fn write(&self, w: &mut Writer, s: &Assessment, group: Option<&str>) {
        let (a, fw) = (self.a, self.fw);
        let rows = (0..fw.indicators.len())
            .map(|i| s.spans[i].1)
            .max()
            .unwrap_or(0)
            .max(1);
        for r in 0..rows as usize {
            w.text(&a.id);
            w.text(a.unit.as_deref().unwrap_or(""));
            w.text(a.date.as_deref().unwrap_or(""));
            if self.grouped {
                w.text(group.unwrap_or(""));
            }
            for i in 0..fw.indicators.len() {
                match (s.scores(i).get(r), s.missing_reason(i)) {
                    (Some(&x), _) => w.number(x),
                    (None, Some(m)) if r == 0 => w.text(m.code()),
                    _ => w.text(""),
                }
            }
            for col in self.extra {
                let cell = (r == 0 && group.is_none())
                    .then(|| extra_value(col, a))
                    .flatten();
                w.text(cell.as_deref().unwrap_or(""));
            }
            w.end_row();
        }
    }
}

/// The results file's first columns, before one per group.
const RESULT_COLUMNS: [&str; 7] = [
    "id",
    "unit",
    "date",
    "overall",
    "band",
    "alarms",
    "early_warning",
];

/// Results as CSV, one row per assessment: id, unit, date, overall, band, alarms (indicator ids
/// separated by `;`), early_warning (`yes` when the result raises the early-warning alert, else
/// empty: a filter or a count in a spreadsheet), then the score of every group below the root
/// (the pillars, in the default framework), in framework order.
pub fn write_results_csv(r: &Results, style: &Style) -> String {
    let fw = r.fw;
    let groups: Vec<usize> = (1..fw.nodes.len())
        .filter(|&n| matches!(fw.nodes[n].kind, Kind::Inner { .. }))
        .collect();
    let mut w = Writer::new(style, 64 * (r.batch.len() + 1));
    for name in RESULT_COLUMNS {
        w.text(name);
    }
    for &g in &groups {
        w.text(&fw.nodes[g].id);
    }
    w.end_row();
    for (a, sc) in r.batch.iter().zip(r.scored) {
        w.text(&a.id);
        w.text(a.unit.as_deref().unwrap_or(""));
        w.text(a.date.as_deref().unwrap_or(""));
        w.number(sc.nodes[0].score);
        w.text(sc.band(fw, 0).map_or("", |b| style.band(&fw.bands[b].id)));
        let alarms: Vec<&str> = sc
            .alarms
            .iter()
            .map(|a| fw.nodes[a.node].id.as_str())
            .collect();
        w.text(&alarms.join(";"));
        w.text(if sc.early_warning.is_some() {
            "yes"
        } else {
            ""
        });
        for &g in &groups {
            w.number(sc.nodes[g].score);
        }
        w.end_row();
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api;

    /// The default framework and a batch: two respondents (one giving a reason), text a
    /// spreadsheet would run, a unit with the separators in it.
    fn batch() -> (Framework, Vec<Assessment>) {
        let fw = api::default_framework();
        let n = fw.indicators.len();
        let row = |head: &str, cell: &dyn Fn(usize) -> String| {
            let cells: Vec<String> = (0..n).map(cell).collect();
            format!("{head},{}\n", cells.join(","))
        };
        let ids: Vec<&str> = fw
            .indicators
            .iter()
            .map(|&i| fw.nodes[i].id.as_str())
            .collect();
        let text = [
            format!("id,unit,date,{}\n", ids.join(",")),
            row("a,Nakuru,2026-03-14", &|i| (i % 5).to_string()),
            row("a,Nakuru,", &|i| {
                if i == 0 {
                    "dk".into()
                } else {
                    ((i + 1) % 5).to_string()
                }
            }),
            row("\"b;c\",-Unit,", &|i| {
                if i == n - 1 {
                    "na".into()
                } else {
                    String::new()
                }
            }),
            row("d,\"Kisumu, West\",2025", &|_| "4".into()),
        ]
        .concat();
        let batch = api::read_input(&text, &fw).unwrap();
        (fw, batch)
    }

    fn results_csv(style: &Style) -> String {
        let (fw, batch) = batch();
        let scored = api::score(&fw, &batch);
        let results = Results {
            fw: &fw,
            batch: &batch,
            scored: &scored,
        };
        write_results_csv(&results, style)
    }

    fn header(fw: &Framework, sep: &str) -> String {
        let groups = (1..fw.nodes.len())
            .filter(|&n| matches!(fw.nodes[n].kind, Kind::Inner { .. }))
            .map(|n| fw.nodes[n].id.as_str());
        let names: Vec<&str> = RESULT_COLUMNS.into_iter().chain(groups).collect();
        names.join(sep)
    }

    #[test]
    fn the_default_style_is_the_cli_s() {
        let fw = api::default_framework();
        let out = results_csv(&Style::default());
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some(header(&fw, ",").as_str()));
        let a = lines.next().unwrap();
        assert!(a.starts_with("a,Nakuru,2026-03-14,"), "{a}");
        // Every digit: the shortest text that reads back as the same number.
        let overall = a.split(',').nth(3).unwrap();
        assert_eq!(overall.parse::<f64>().unwrap().to_string(), overall);
        assert!(lines.next().unwrap().starts_with("\"b;c\",\"'-Unit\","));
    }

    #[test]
    fn a_french_style_has_semicolons_decimal_commas_and_band_names() {
        let fw = api::default_framework();
        // The band of the first assessment, as the CLI writes it.
        let default = results_csv(&Style::default());
        let band = default.lines().nth(1).unwrap().split(',').nth(4).unwrap();
        assert!(!band.is_empty());
        let style = Style {
            separator: b';',
            decimal_comma: true,
            digits: Some(1),
            band_labels: vec![(band.to_string(), "étiquette en français".into())],
        };
        let out = results_csv(&style);
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some(header(&fw, ";").as_str()));
        let a: Vec<&str> = lines.next().unwrap().split(';').collect();
        assert_eq!(&a[..3], ["a", "Nakuru", "2026-03-14"]);
        // One decimal, a comma for the point, e.g. 56,0.
        assert_eq!(a[3].as_bytes()[a[3].len() - 2], b',', "{a:?}");
        assert!(a[3].replace(',', ".").parse::<f64>().is_ok(), "{a:?}");
        assert_eq!(a[4], "étiquette en français");
        // Text with the separator is quoted; text a spreadsheet would run is guarded.
        assert!(lines.next().unwrap().starts_with("\"b;c\";\"'-Unit\";"));
        assert!(lines
            .next()
            .unwrap()
            .starts_with("d;\"Kisumu, West\";2025;"));
    }

    #[test]
    fn numbers_in_a_style() {
        let style = |separator: u8, decimal_comma: bool, digits: Option<usize>| Style {
            separator,
            decimal_comma,
            digits,
            band_labels: vec![],
        };
        let cells = |s: &Style| {
            let mut w = Writer::new(s, 0);
            for x in [56.0, 62.5, 1.0 / 3.0, -0.04, f64::NAN] {
                w.number(x);
            }
            w.finish()
        };
        assert_eq!(
            cells(&Style::default()),
            "56,62.5,0.3333333333333333,-0.04,"
        );
        assert_eq!(cells(&style(b';', true, Some(1))), "56,0;62,5;0,3;0,0;");
        assert_eq!(
            cells(&style(b';', true, None)),
            "56;62,5;0,3333333333333333;-0,04;"
        );
        // A decimal comma under a `,` separator is quoted.
        assert_eq!(
            cells(&style(b',', true, Some(2))),
            "\"56,00\",\"62,50\",\"0,33\",\"-0,04\","
        );
        // A half rounds away from zero, as the app's screen rounds it (not to even: 62).
        assert_eq!(cells(&style(b',', false, Some(0))), "56,63,0,0,");
    }

    #[test]
    fn assessments_read_back_as_written_in_either_separator() {
        let (fw, batch) = batch();
        for separator in [b',', b';'] {
            let style = Style {
                separator,
                ..Style::default()
            };
            let written = write_assessments_csv(&batch, &fw, &style);
            let back = api::assessments_from_csv(&written, &fw).unwrap();
            assert_eq!(back.len(), batch.len());
            for (a, b) in batch.iter().zip(&back) {
                assert_eq!((&a.id, &a.unit, &a.date), (&b.id, &b.unit, &b.date));
                for i in 0..fw.indicators.len() {
                    assert_eq!(a.scores(i), b.scores(i), "{written}");
                    assert_eq!(a.missing_reason(i), b.missing_reason(i), "{written}");
                }
            }
        }
    }

    #[test]
    fn a_french_export_reads_back_with_its_decimal_commas() {
        let (fw, mut batch) = batch();
        let li = 1;
        batch[0].push_scores(li, [2.5, 3.0]);
        let fr = Style {
            separator: b';',
            decimal_comma: true,
            ..Style::default()
        };
        let written = write_assessments_csv(&batch, &fw, &fr);
        assert!(written.contains("2,5"), "{written}");
        let back = api::assessments_from_csv(&written, &fw).unwrap();
        assert_eq!(back[0].scores(li), [2.5, 3.0]);
    }

    #[test]
    fn styles_are_read_with_every_problem_named() {
        let read = |text: &str| Style::from_value(&crate::json::parse(text).unwrap());
        assert_eq!(read("null"), Ok(Style::default()));
        let fr = read(
            r#"{"separator": ";", "decimalComma": true, "digits": 1, "bandLabels": {"low": "faible"}}"#,
        )
        .unwrap();
        assert_eq!(
            (fr.separator, fr.decimal_comma, fr.digits),
            (b';', true, Some(1))
        );
        assert_eq!((fr.band("low"), fr.band("high")), ("faible", "high"));
        let bad = read(
            r#"{"separator": "|", "decimalComma": 1, "digits": 2.5, "bandLabels": {"low": 3}, "lang": "fr"}"#,
        )
        .unwrap_err();
        let paths: Vec<&str> = bad.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "$.lang",
                "$.separator",
                "$.decimalComma",
                "$.digits",
                "$.bandLabels.low"
            ],
            "{bad:?}"
        );
        assert!(read("true").is_err());
        assert!(read(r#"{"digits": 16}"#).is_err());
    }
}
