//! Results as an .xlsx workbook for people who work in spreadsheets: one sheet of overall and
//! group (pillar) scores per assessment, one of indicator values, one describing the framework
//! and the method.

use crate::xlsx::{Cell, Sheet, Workbook, MAX_ROWS};
use resilience::framework::{name_of, Direction, Framework, Kind, RESPONDENT_AGGREGATIONS};
use resilience::result::Results;

/// The workbook, with titles in `lang` (the framework's first language when it lacks `lang`).
/// Errors when there are more assessments than a sheet has rows.
pub fn results_xlsx(r: &Results, lang: &str) -> Result<Vec<u8>, String> {
    if r.batch.len() >= MAX_ROWS {
        return Err(format!(
            "{} assessments do not fit in a spreadsheet ({} rows at most); export CSV instead",
            r.batch.len(),
            MAX_ROWS - 1
        ));
    }
    let mut wb = Workbook::new();
    wb.push(scores_sheet(r));
    wb.push(indicators_sheet(r));
    wb.push(framework_sheet(r.fw, lang));
    Ok(wb.to_bytes())
}

fn groups(fw: &Framework) -> Vec<usize> {
    (1..fw.nodes.len())
        .filter(|&n| matches!(fw.nodes[n].kind, Kind::Inner { .. }))
        .collect()
}

fn scores_sheet(r: &Results) -> Sheet {
    let fw = r.fw;
    let groups = groups(fw);
    let mut s = Sheet::new("Scores").with_header();
    let band_headers: Vec<String> = groups
        .iter()
        .map(|&g| format!("{} band", fw.nodes[g].id))
        .collect();
    let mut header = vec![
        Cell::Text("id"),
        Cell::Text("unit"),
        Cell::Text("date"),
        Cell::Text("overall"),
        Cell::Text("band"),
        Cell::Text("alarms"),
        Cell::Text("coverage"),
    ];
    for (k, &g) in groups.iter().enumerate() {
        header.push(Cell::Text(&fw.nodes[g].id));
        header.push(Cell::Text(&band_headers[k]));
    }
    header.extend([
        Cell::Text("red flags"),
        Cell::Text("weakest"),
        Cell::Text("warnings"),
    ]);
    s.row(&header);
    let score = |x: f64| {
        if x.is_nan() {
            Cell::Empty
        } else {
            Cell::Number(x)
        }
    };
    for (a, sc) in r.batch.iter().zip(r.scored) {
        // The band shown, capped by an alarm where one lowered it.
        let band = |n: usize| Cell::from(sc.band(fw, n).map(|b| fw.bands[b].id.as_str()));
        let alarms: Vec<String> = sc
            .alarms
            .iter()
            .map(|al| {
                format!(
                    "{} ({}, {} of {})",
                    fw.nodes[al.node].id,
                    al.kind.code(),
                    al.respondents_at_bottom,
                    al.respondents
                )
            })
            .collect();
        let alarms = alarms.join("; ");
        let weakest: Vec<&str> = sc
            .weakest
            .iter()
            .map(|&n| fw.nodes[n].id.as_str())
            .collect();
        let weakest = weakest.join(", ");
        let flags: Vec<&str> = sc
            .red_flags
            .iter()
            .map(|&n| fw.nodes[n].id.as_str())
            .collect();
        let flags = flags.join(", ");
        let warnings: Vec<String> = sc
            .warnings
            .iter()
            .map(|w| format!("{} ({})", w.code(), fw.nodes[w.node].id))
            .collect();
        let warnings = warnings.join("; ");
        let overall = sc.nodes[0].score;
        let mut cells = vec![
            Cell::Text(&a.id),
            Cell::from(a.unit.as_deref()),
            Cell::from(a.date.as_deref()),
            score(overall),
            band(0),
            Cell::Text(&alarms),
            Cell::Number(sc.nodes[0].coverage),
        ];
        for &g in &groups {
            cells.push(score(sc.nodes[g].score));
            cells.push(band(g));
        }
        cells.push(Cell::Text(&flags));
        cells.push(Cell::Text(&weakest));
        cells.push(Cell::Text(&warnings));
        s.row(&cells);
    }
    s
}

fn indicators_sheet(r: &Results) -> Sheet {
    let fw = r.fw;
    let mut s = Sheet::new("Indicator values").with_header();
    let mut header = vec![Cell::Text("id"), Cell::Text("unit"), Cell::Text("date")];
    header.extend(fw.indicators.iter().map(|&n| Cell::Text(&fw.nodes[n].id)));
    s.row(&header);
    for (a, sc) in r.batch.iter().zip(r.scored) {
        let mut cells = vec![
            Cell::Text(&a.id),
            Cell::from(a.unit.as_deref()),
            Cell::from(a.date.as_deref()),
        ];
        // A value, or the reason given instead (dk, na, unsafe).
        cells.extend(sc.values.iter().enumerate().map(|(i, v)| match v.value {
            None => Cell::from(a.missing_reason(i).map(|m| m.code())),
            some => Cell::from(some),
        }));
        s.row(&cells);
    }
    s
}

fn framework_sheet(fw: &Framework, lang: &str) -> Sheet {
    let mut s = Sheet::new("Framework and method").with_widths(&[28.0, 14.0, 40.0, 16.0, 8.0]);
    for (k, v) in &about(fw, lang) {
        s.row(&[Cell::Text(k), Cell::Text(v)]);
    }
    s.row(&[Cell::Empty]);
    s.row(
        &[
            "id",
            "kind",
            "title",
            "parent",
            "weight",
            "aggregation",
            "min coverage",
            "scale",
            "direction",
            "normalisation",
            "definition",
            "sources",
        ]
        .map(Cell::Text),
    );
    for i in 0..fw.nodes.len() {
        node_row(&mut s, fw, i, lang);
    }
    s
}

/// The framework and the method, in words: the first rows of the sheet.
fn about(fw: &Framework, lang: &str) -> Vec<(&'static str, String)> {
    let text = |t: &resilience::framework::Text| t.get(lang).to_string();
    let respondents = name_of(RESPONDENT_AGGREGATIONS, fw.respondent_aggregation);
    let bands: Vec<String> = fw
        .bands
        .iter()
        .map(|b| {
            let title = b.title.as_ref().map(text).unwrap_or_else(|| b.id.clone());
            format!("{title} ≥ {}", b.min)
        })
        .collect();
    vec![
        ("Framework", text(&fw.title)),
        ("Framework id", fw.id.clone()),
        ("Version", fw.version.clone()),
        (
            "Description",
            fw.description.as_ref().map(text).unwrap_or_default(),
        ),
        ("Engine", format!("resilience {}", env!("CARGO_PKG_VERSION"))),
        (
            "Method: respondents",
            format!(
                "Several respondents' scores for one indicator are combined by their {respondents}; \
                 'spread' is the range of their scores."
            ),
        ),
        (
            "Method: indicators",
            "Each indicator value is put on 0–100 (or the indicator's normalised range): 'scale' \
             indicators by their scale's minimum and maximum, 'minmax', 'rank', \
             'distance_to_best' and 'distance_to_target' indicators across the assessments scored \
             together; 'zscore' indicators become z-scores over them with a given mean and \
             standard deviation. Risk-framed indicators (higher = worse) are inverted."
                .into(),
        ),
        (
            "Method: groups",
            "Each group (pillar) combines the scores of its scored parts with their weights \
             rescaled over them, by its aggregation; a group is not scored when the weight share \
             of its scored parts is below its minimum coverage. The overall index combines the \
             pillars in the same way."
                .into(),
        ),
        ("Bands (0–100)", bands.join(", ")),
        (
            "Red flags",
            "Any indicator scored at the bottom of its range (0 unless the framework sets a \
             normalised range), whatever its group's score."
                .into(),
        ),
    ]
}

/// Node `i` of the framework, one row: id, kind, title, parent, weight, aggregation, minimum
/// coverage, scale, direction, normalisation, definition, sources.
fn node_row(s: &mut Sheet, fw: &Framework, i: usize, lang: &str) {
    let text = |t: &resilience::framework::Text| t.get(lang).to_string();
    let node = &fw.nodes[i];
    let parent = node.parent.map(|p| fw.nodes[p].id.as_str());
    let title = text(&node.title);
    let (kind, aggregation, coverage, scale, direction, normalisation, definition, sources) =
        match &node.kind {
            Kind::Inner {
                aggregation,
                min_coverage,
                ..
            } => (
                if i == 0 {
                    "overall"
                } else if node.parent == Some(0) {
                    "pillar"
                } else {
                    "group"
                },
                aggregation.name(),
                Some(*min_coverage),
                String::new(),
                "",
                "",
                String::new(),
                String::new(),
            ),
            Kind::Indicator(ind) => (
                "indicator",
                "",
                None,
                ind.scale
                    .as_ref()
                    .map(|s| format!("{}–{}", s.min, s.max))
                    .unwrap_or_default(),
                match ind.direction {
                    Direction::HigherIsBetter => "higher is better",
                    Direction::HigherIsWorse => "higher is worse",
                },
                ind.normalisation.name(),
                ind.definition.as_ref().map(text).unwrap_or_default(),
                ind.sources.join("; "),
            ),
        };
    s.row(&[
        Cell::Text(&node.id),
        Cell::Text(kind),
        Cell::Text(&title),
        Cell::from(parent),
        if i == 0 {
            Cell::Empty
        } else {
            Cell::Number(node.weight)
        },
        Cell::Text(aggregation),
        Cell::from(coverage),
        Cell::Text(&scale),
        Cell::Text(direction),
        Cell::Text(normalisation),
        Cell::Text(&definition),
        Cell::Text(&sources),
    ]);
}
