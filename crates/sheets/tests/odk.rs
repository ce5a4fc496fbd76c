//! Imports of field-tool exports and reference figures, and the .xlsx outputs. The fixtures
//! under `tests/fixtures/odk/` are written in the shape KoboToolbox and ODK Central give: the
//! same five submissions (two assessments) exported three ways, which must all read as the same
//! assessments as entering them by hand (`expected.json`).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use resilience::api;
use resilience::result::Results;
use resilience::Framework;
use resilience_sheets::import::odk::{read_export, OdkOptions};
use resilience_sheets::import::reference::read_reference;
use resilience_sheets::import::Import;
use resilience_sheets::xlsx::deflate;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/odk");

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{name}")).unwrap()
}

fn group(cols: &[&str]) -> OdkOptions {
    OdkOptions {
        group: cols.iter().map(|c| c.to_string()).collect(),
    }
}

fn results_json(fw: &Framework, batch: &[resilience::Assessment]) -> String {
    let scored = api::score(fw, batch);
    serde_json::to_string(&Results {
        fw,
        batch,
        scored: &scored,
    })
    .unwrap()
}

/// The import equals the hand-entered assessments, and so do their scores.
fn same_as_by_hand(fw: &Framework, import: &Import) {
    let expected = api::read_input(&read("expected.json"), fw).unwrap();
    assert_eq!(import.assessments, expected);
    assert_eq!(
        results_json(fw, &import.assessments),
        results_json(fw, &expected)
    );
}

fn paths(import: &Import) -> Vec<String> {
    import
        .report
        .issues
        .iter()
        .map(|i| i.path.clone())
        .collect()
}

#[test]
fn kobo_xml_values_semicolons_bom_decimal_commas() {
    let fw = api::default_framework();
    let text = read("kobo_xml_values.csv");
    assert!(text.starts_with('\u{feff}'));
    let import = read_export(&text, &fw, &OdkOptions::default()).unwrap();
    let r = &import.report;
    assert_eq!(r.separator, ";");
    assert!(r.decimal_comma);
    assert_eq!(r.mapped.len(), 28);
    assert_eq!(r.mapped[0].column, "citizenship/legal_equality");
    assert_eq!(r.mapped[0].indicator, "citizenship.legal_equality");
    assert_eq!(r.unit_column.as_deref(), Some("unit"));
    assert_eq!(r.date_column.as_deref(), Some("date"));
    assert_eq!(r.group_columns, vec!["unit", "date"]);
    assert_eq!(
        r.ignored,
        vec![
            "start",
            "end",
            "meta/instanceID",
            "_id",
            "_uuid",
            "_submission_time",
            "_validation_status",
            "_notes",
            "_status",
            "_submitted_by",
            "__version__",
            "_tags",
            "_index"
        ]
    );
    assert_eq!((r.rows, r.groups, r.dont_know), (5, 2, 1));
    assert_eq!(paths(&import), vec!["row 4, column \"justice/access\""]);
    assert!(r.issues[0].message.contains("7 lies outside the scale 0–4"));
    same_as_by_hand(&fw, &import);
}

#[test]
fn kobo_labels_in_french() {
    let fw = api::default_framework();
    let text = read("kobo_labels_fr.csv");
    // By the columns' own (French) names, and by the logical names.
    for g in [
        group(&[
            "Unité évaluée (pays, région, comté…)",
            "Date de l’évaluation",
        ]),
        group(&["unit", "date"]),
    ] {
        let import = read_export(&text, &fw, &g).unwrap();
        let r = &import.report;
        assert_eq!(r.mapped.len(), 28, "{:?}", r.ignored);
        assert_eq!(
            r.mapped[0].column,
            "Citoyenneté inclusive/Égalité en droit et en pratique"
        );
        assert_eq!(
            r.unit_column.as_deref(),
            Some("Unité évaluée (pays, région, comté…)")
        );
        assert_eq!(r.dont_know, 1);
        assert_eq!(r.ignored.len(), 12, "{:?}", r.ignored);
        assert_eq!(paths(&import).len(), 1);
        assert!(paths(&import)[0].starts_with("row 4, column \"Confiance dans la justice/"));
        same_as_by_hand(&fw, &import);
    }
}

#[test]
fn odk_central_dashes_and_metadata() {
    let fw = api::default_framework();
    let import = read_export(&read("central.csv"), &fw, &OdkOptions::default()).unwrap();
    let r = &import.report;
    assert_eq!(r.separator, ",");
    assert!(!r.decimal_comma);
    assert_eq!(r.mapped.len(), 28);
    assert_eq!(r.mapped[27].column, "civil_society-early_warning");
    for meta in [
        "SubmissionDate",
        "meta-instanceID",
        "KEY",
        "ReviewState",
        "FormVersion",
    ] {
        assert!(
            r.ignored.iter().any(|c| c == meta),
            "{meta}: {:?}",
            r.ignored
        );
    }
    assert_eq!(paths(&import), vec!["row 4, column \"justice-access\""]);
    same_as_by_hand(&fw, &import);

    // Grouped by unit only: same respondents, ids without the date.
    let by_unit = read_export(&read("central.csv"), &fw, &group(&["unit"])).unwrap();
    assert_eq!(by_unit.assessments[0].id, "Nakuru County");
    assert_eq!(by_unit.assessments[1].id, "Kisumu County, Nyanza");
    assert_eq!(by_unit.assessments[1].date.as_deref(), Some("2026-03-15"));
    // By a metadata column: every submission its own assessment.
    let by_key = read_export(&read("central.csv"), &fw, &group(&["KEY"])).unwrap();
    assert_eq!(by_key.assessments.len(), 5);
    assert!(by_key.report.ignored.iter().all(|c| c != "KEY"));
}

#[test]
fn bad_rows_and_cells_are_named_and_left_out() {
    let fw = api::default_framework();
    let text = "unit,date,justice/access,justice/independence,_index\n\
                A,2026-03-14,3,oops,1\n\
                ,2026-03-14,3,3,2\n\
                A,14/03/2026,2,2,3\n\
                A,2026-03-14,2\n\
                B,2026-03-14,-1,4,5\n";
    let import = read_export(text, &fw, &group(&["unit"])).unwrap();
    let issues: Vec<String> = import.report.issues.iter().map(|i| i.to_string()).collect();
    let expected = [
        "row 2, column \"justice/independence\": \"oops\" is neither",
        "row 3, column \"unit\": is empty",
        "row 4, column \"date\": \"14/03/2026\" is not a date",
        "row 5: 3 cells, but the header has 5 columns",
        "row 6, column \"justice/access\": -1 lies outside the scale",
    ];
    assert_eq!(issues.len(), expected.len(), "{issues:#?}");
    for (got, want) in issues.iter().zip(expected) {
        assert!(got.starts_with(want), "{got}\nexpected {want}");
    }
    assert_eq!(import.report.rows, 5);
    assert_eq!(import.assessments.len(), 2);
    let access = fw.indicator_index("justice.access").unwrap();
    assert_eq!(import.assessments[0].scores(access), &[3.0, 2.0]);
}

#[test]
fn french_spreadsheet_resave_and_rejected_submissions() {
    let fw = api::default_framework();
    // A Kobo export opened and saved again by a French-locale spreadsheet: `;`, no quotes, dates
    // day first, a decimal comma; commas inside a quoted header do not fool the separator.
    let text = "\u{feff}unit;date;\"Citoyenneté inclusive/Égalité en droit et en pratique\";\"note, with, commas\";_validation_status\r\n\
                Nakuru;14/03/2026;2,5;;validation_status_approved\r\n\
                Nakuru;14/03/2026;4;;validation_status_not_approved\r\n\
                Nakuru;15/03/2026;3;;\r\n";
    let import = read_export(text, &fw, &group(&["unit"])).unwrap();
    let r = &import.report;
    assert_eq!(r.separator, ";");
    assert_eq!(r.mapped.len(), 1);
    assert_eq!(r.rejected, 1);
    assert_eq!(paths(&import), vec!["row 3, column \"_validation_status\""]);
    let a = &import.assessments[0];
    assert_eq!(
        a.date.as_deref(),
        Some("2026-03-15"),
        "the last day a respondent was seen"
    );
    let eq = fw.indicator_index("citizenship.legal_equality").unwrap();
    assert_eq!(a.scores(eq), &[2.5, 3.0]);

    // ODK Central's review state.
    let text = "SubmissionDate,unit,date,justice-access,ReviewState\n\
                2026-03-14T06:00:00.000Z,A,2026-03-14,1,approved\n\
                2026-03-14T06:10:00.000Z,A,2026-03-14,4,rejected\n";
    let import = read_export(text, &fw, &OdkOptions::default()).unwrap();
    assert_eq!(import.report.rejected, 1);
    let access = fw.indicator_index("justice.access").unwrap();
    assert_eq!(import.assessments[0].scores(access), &[1.0]);
}

#[test]
fn duplicate_and_ambiguous_columns() {
    let fw = api::default_framework();
    let text = "unit,justice.access,justice/access,access\nA,1,2,3\n";
    let import = read_export(text, &fw, &OdkOptions::default()).unwrap();
    let issues: Vec<String> = import.report.issues.iter().map(|i| i.to_string()).collect();
    assert_eq!(issues.len(), 2, "{issues:#?}");
    assert!(issues[0].starts_with(
        "row 1, column \"justice/access\": is the same indicator as column \"justice.access\""
    ));
    assert!(issues[1].starts_with("row 1, column \"access\": is the same indicator"));
    let access = fw.indicator_index("justice.access").unwrap();
    assert_eq!(import.assessments[0].scores(access), &[1.0]);

    // Two pillars with an indicator named "access": the bare name says neither.
    let two = api::framework(
        &api::parse_json(
            r#"{"id": "two", "version": "1", "title": {"en": "Two"}, "bands": [{"id": "all", "min": 0}],
                "root": {"id": "root", "title": {"en": "Root"}, "children": [
                  {"id": "justice", "title": {"en": "Justice"}, "children": [
                    {"id": "justice.access", "title": {"en": "Access to courts"}, "scale": {"min": 0, "max": 4}}]},
                  {"id": "health", "title": {"en": "Health"}, "children": [
                    {"id": "health.access", "title": {"en": "Access to clinics"}, "scale": {"min": 0, "max": 4}}]}]}}"#,
        )
        .unwrap(),
    )
    .unwrap();
    let import = read_export(
        "unit,access,health/access\nA,1,2\n",
        &two,
        &OdkOptions::default(),
    )
    .unwrap();
    assert_eq!(import.report.mapped.len(), 1);
    assert!(import.report.issues[0]
        .to_string()
        .starts_with("row 1, column \"access\": names more than one question"));
}

#[test]
fn reference_figures_onto_the_scale() {
    let fw = api::default_framework();
    let text = "\u{feff}unit;date;indicator;source;value;reference\r\n\
                Kenya;2024-12-31;citizenship.equitable_services;fsi;7,2;FSI 2024 E2\r\n\
                Kenya;2024-12-31;justice.independence;wjp;0,43;WJP 2024 1.2\r\n\
                Kenya;2024-12-31;citizenship.political_inclusion;vdem_inverted;0,25;V-Dem v2xpe_exlsocgr 2023\r\n\
                Kenya;2024-12-31;civil_society.media;positive_peace;3,1;PPI 2024 free flow of information\r\n\
                Kenya;2024-12-31;civil_society.civic_space;civicus;Repressed;CIVICUS Monitor 2024\r\n";
    let import = read_reference(text, &fw).unwrap();
    assert!(
        import.report.issues.is_empty(),
        "{:?}",
        import.report.issues
    );
    let a = &import.assessments[0];
    let get = |id: &str| a.scores(fw.indicator_index(id).unwrap()).to_vec();
    assert_eq!(get("citizenship.equitable_services"), vec![1.12]);
    assert_eq!(get("justice.independence"), vec![1.72]);
    assert_eq!(get("citizenship.political_inclusion"), vec![3.0]);
    assert_eq!(get("civil_society.media"), vec![1.9]);
    assert_eq!(get("civil_society.civic_space"), vec![1.0]);
    assert_eq!(a.notes.len(), 5);
    // What it starts from is ordinary input: it scores, and reads back from its JSON.
    let again = api::assessments_from_json(&import.assessments_value(&fw), &fw).unwrap();
    assert_eq!(&again, &import.assessments);
}

#[test]
fn xlsform_and_results_workbooks_are_zips() {
    let fw = api::default_framework();
    let form = resilience_sheets::xlsform::xlsform(&fw);
    assert_eq!(&form[..4], b"PK\x03\x04");
    let batch = api::read_input(&read("expected.json"), &fw).unwrap();
    let book = resilience_sheets::results_xlsx(&fw, &batch, "fr").unwrap();
    assert_eq!(&book[..4], b"PK\x03\x04");
    // Each part inflates back and matches its CRC.
    for bytes in [&form, &book] {
        let parts = unzip(bytes);
        assert!(parts.iter().any(|(n, _)| n == "xl/worksheets/sheet3.xml"));
        for (name, data) in &parts {
            assert!(std::str::from_utf8(data).is_ok(), "{name}");
        }
    }
}

/// Reads the local entries of a ZIP written by `xlsx`, checking sizes and CRCs.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]) as usize;
    let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap()) as usize;
    let mut out = Vec::new();
    let mut at = 0;
    while u32_at(at) == 0x0403_4b50 {
        let method = u16_at(at + 8);
        let crc = u32_at(at + 14) as u32;
        let (csize, size) = (u32_at(at + 18), u32_at(at + 22));
        let (nlen, xlen) = (u16_at(at + 26), u16_at(at + 28));
        let name = String::from_utf8(bytes[at + 30..at + 30 + nlen].to_vec()).unwrap();
        let body = &bytes[at + 30 + nlen + xlen..at + 30 + nlen + xlen + csize];
        let data = match method {
            0 => body.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec(body).unwrap(),
            m => panic!("method {m}"),
        };
        assert_eq!(data.len(), size, "{name}");
        assert_eq!(crc32fast::hash(&data), crc, "{name}");
        out.push((name, data));
        at += 30 + nlen + xlen + csize;
    }
    out
}

fn default_fw() -> &'static Framework {
    static FW: std::sync::OnceLock<Framework> = std::sync::OnceLock::new();
    FW.get_or_init(api::default_framework)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_imports_without_panic(body in "\\PC*", sep in prop::sample::select(vec![",", ";", "\t"])) {
        let fw = default_fw();
        let header = ["unit", "date", "citizenship/legal_equality", "justice-access", "_uuid"].join(sep);
        let _ = read_export(&body, fw, &OdkOptions::default());
        let _ = read_export(&format!("{header}\n{body}"), fw, &OdkOptions::default());
        let _ = read_export(&format!("{header}\n{body}"), fw, &group(&["_uuid", "date"]));
        let _ = read_reference(&body, fw);
        let _ = read_reference(&format!("unit{sep}date{sep}indicator{sep}source{sep}value\n{body}"), fw);
    }

    #[test]
    fn any_cells_import_without_panic(cells in prop::collection::vec("[0-9a-zA-Z,;.\"\\- éT:]{0,12}", 0..40)) {
        let fw = default_fw();
        let mut text = String::from("unit;date;citizenship/legal_equality;justice/access\n");
        for row in cells.chunks(4) {
            text.push_str(&row.join(";"));
            text.push('\n');
        }
        let _ = read_export(&text, fw, &OdkOptions::default());
        let _ = read_reference(&text.replacen("citizenship/legal_equality;justice/access", "indicator;source;value", 1), fw);
    }

}

proptest! {
    // Deflate is slow in debug builds: fewer, larger cases.
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn deflate_round_trips(data in prop::collection::vec(prop::sample::select(b"ab<>/c 0123\n".to_vec()), 0..70_000)) {
        let packed = deflate(&data);
        prop_assert_eq!(miniz_oxide::inflate::decompress_to_vec(&packed).unwrap(), data);
    }

    #[test]
    fn deflate_round_trips_random_bytes(data in prop::collection::vec(any::<u8>(), 0..5_000)) {
        let packed = deflate(&data);
        prop_assert_eq!(miniz_oxide::inflate::decompress_to_vec(&packed).unwrap(), data);
    }
}

#[test]
fn kobo_xlsx_export_reads_as_the_csv() {
    let fw = api::default_framework();
    let bytes = std::fs::read(format!("{DIR}/kobo_xml_values.xlsx")).unwrap();
    let import =
        resilience_sheets::import::odk::read_export_file(&bytes, &fw, &OdkOptions::default())
            .unwrap();
    assert_eq!(
        import.report.format,
        "xlsx, sheet \"Resilience assessment\""
    );
    assert_eq!(paths(&import), vec!["row 4, column \"justice/access\""]);
    same_as_by_hand(&fw, &import);
}

#[test]
fn encrypted_central_export_is_refused_with_the_remedy() {
    let fw = api::default_framework();
    let bytes = std::fs::read(format!("{DIR}/central_encrypted.csv")).unwrap();
    let err = resilience_sheets::import::odk::read_export_file(&bytes, &fw, &OdkOptions::default())
        .unwrap_err();
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(
        err[0].message.starts_with(
            "this export is encrypted: export it from ODK Central with the form's passphrase"
        ),
        "{err:?}"
    );
}

#[test]
fn rejected_rows_are_left_out_in_those_words() {
    let fw = api::default_framework();
    let text = "unit,date,justice/access,_validation_status\n\
                A,2026-03-14,3,validation_status_approved\n\
                A,2026-03-14,1,Not Approved\n";
    let import = read_export(text, &fw, &OdkOptions::default()).unwrap();
    assert_eq!(
        import.report.issues[0].to_string(),
        "row 3, column \"_validation_status\": left out: rejected in review (\"Not Approved\")"
    );
    assert_eq!(import.report.left_out[0].reason, "rejected in review");
    assert_eq!(import.report.left_out[0].rows, 1);
    // Nothing left to import is an error, not an empty success.
    let err = read_export("unit,date,justice/access\n", &fw, &OdkOptions::default()).unwrap_err();
    assert!(err[0].message.contains("no submission"), "{err:?}");
}

/// An export of the framework's own form (its names from `xlsform::layout`, as the XForm has
/// them) with evidence and warning signs answered, XML values or French labels: its header and
/// rows. Three submissions: two respondents of Nakuru, one of Kisumu.
fn export_with_evidence_and_signs(fw: &Framework, labels: bool) -> Vec<Vec<String>> {
    use resilience_sheets::xlsform::{
        choice_label, choice_word, date_label, evidence_word, layout, part_label, sign_word,
        signs_label, unit_label, Entry,
    };
    let fr = "fr";
    let pick = |label: String, name: String| if labels { label } else { name };
    // Each column's header, and the key its answers are given by below.
    let mut header = vec!["start".to_string()];
    let mut keys = vec!["start".to_string()];
    let mut path: Vec<String> = Vec::new();
    let under =
        |path: &[String], q: String| path.iter().map(|g| format!("{g}/")).collect::<String>() + &q;
    for e in layout(fw) {
        let (h, k) = match e {
            Entry::Unit => (pick(unit_label(fr).into(), "unit".into()), "unit".into()),
            Entry::Date => (pick(date_label(fr).into(), "date".into()), "date".into()),
            Entry::Begin { name, node } => {
                path.push(pick(fw.nodes[node].title.get(fr).into(), name));
                continue;
            }
            Entry::BeginSigns { name } => {
                path.push(pick(signs_label(fr).into(), name));
                continue;
            }
            Entry::End => {
                path.pop();
                continue;
            }
            Entry::Note { .. } | Entry::SignsNote { .. } => continue,
            Entry::Question { name, index } => {
                let node = fw.indicator(index).0;
                (
                    under(&path, pick(node.title.get(fr).into(), name)),
                    node.id.clone(),
                )
            }
            Entry::Evidence { name, index, part } => {
                let node = fw.indicator(index).0;
                let w = evidence_word(part);
                (
                    under(&path, pick(part_label(node.title.get(fr), w, fr), name)),
                    format!("{}#{w}", node.id),
                )
            }
            Entry::Sign { name, item, part } => {
                let c = &fw.context[item];
                let label = match sign_word(part) {
                    None => c.title.get(fr).to_string(),
                    Some(w) => part_label(c.title.get(fr), w, fr),
                };
                (
                    under(&path, pick(label, name)),
                    format!("{}#{}", c.id, sign_word(part).unwrap_or("status")),
                )
            }
        };
        header.push(h);
        keys.push(k);
    }
    header.push("_uuid".into());
    keys.push("_uuid".into());
    let anchor = |id: &str, v: f64| {
        let i = fw.indicator_index(id).unwrap();
        let scale = fw.indicator(i).1.scale.as_ref().unwrap();
        let a = scale.anchors.iter().find(|a| a.value == v).unwrap();
        pick(choice_label(v, a.label.get(fr)), format!("{v}"))
    };
    let word = |n: &str| pick(choice_word(n, fr).into(), n.into());
    let words = |ns: &[&str]| ns.iter().map(|n| word(n)).collect::<Vec<_>>().join(" ");
    let eq = "citizenship.legal_equality";
    let force = "security.lawful_force";
    let submissions: Vec<Vec<(String, String)>> = vec![
        vec![
            ("unit".into(), "Nakuru".into()),
            ("date".into(), "2026-03-14".into()),
            (eq.into(), anchor(eq, 3.0)),
            (format!("{eq}#sources"), words(&["interview", "document"])),
            (format!("{eq}#evidence_date"), "2026-03-01".into()),
            (format!("{eq}#confidence"), word("high")),
            (force.into(), anchor(force, 0.0)),
            (format!("{force}#sources"), words(&["media"])),
            (format!("{force}#confidence"), word("low")),
            ("hate_speech#status".into(), word("present")),
            ("hate_speech#sign_date".into(), "2026-02-20".into()),
            (
                "hate_speech#sign_note".into(),
                "leaflets; \"outsiders\"".into(),
            ),
            ("elections_census#status".into(), word("absent")),
        ],
        vec![
            ("unit".into(), "Nakuru".into()),
            ("date".into(), "2026-03-14".into()),
            (eq.into(), anchor(eq, 2.0)),
            (format!("{eq}#sources"), words(&["focus_group"])),
            (format!("{eq}#evidence_date"), "2026-03-05".into()),
            (format!("{eq}#confidence"), word("medium")),
            ("hate_speech#status".into(), word("unknown")),
            ("elections_census#status".into(), word("present")),
            ("elections_census#sign_date".into(), "2026-08-15".into()),
            ("elections_census#sign_note".into(), "by-election".into()),
        ],
        vec![
            ("unit".into(), "Kisumu".into()),
            ("date".into(), "2026-03-15".into()),
            (
                "justice.access".into(),
                pick("Je ne sais pas".into(), "dk".into()),
            ),
            ("arms_buildup#status".into(), word("present")),
        ],
    ];
    let mut rows = vec![header];
    for (r, answers) in submissions.iter().enumerate() {
        rows.push(
            keys.iter()
                .map(|k| match k.as_str() {
                    "start" => "2026-03-14T09:00:00.000+03:00".to_string(),
                    "_uuid" => format!("uuid-{r}"),
                    k => answers
                        .iter()
                        .find(|(q, _)| q == k)
                        .map_or(String::new(), |(_, v)| v.clone()),
                })
                .collect(),
        );
    }
    rows
}

/// The rows as CSV, `;`-separated and quoted, as KoboToolbox writes it.
fn kobo_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
            .collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// The rows as KoboToolbox's .xlsx export.
fn kobo_xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    use resilience_sheets::xlsx::{Cell, Sheet, Workbook};
    let mut sheet = Sheet::new("Resilience assessment");
    for row in rows {
        let cells: Vec<Cell> = row.iter().map(|c| Cell::Text(c)).collect();
        sheet.row(&cells);
    }
    let mut wb = Workbook::new();
    wb.push(sheet);
    wb.to_bytes()
}

#[test]
fn evidence_and_warning_signs_come_back_from_the_form() {
    let fw = api::default_framework();
    // The same answers entered by hand, respondents combined as the import documents it:
    // sources joined, the latest date, the lowest confidence; the strongest status, the
    // latest date, every note.
    let by_hand = api::read_input(
        r#"{"assessments": [
          {"id": "Nakuru / 2026-03-14", "unit": "Nakuru", "date": "2026-03-14",
           "scores": {"citizenship.legal_equality": [3, 2], "security.lawful_force": 0},
           "evidence": {
             "citizenship.legal_equality": {"source": ["interview", "focus_group", "document"], "date": "2026-03-05", "confidence": "medium"},
             "security.lawful_force": {"source": "media", "confidence": "low"}},
           "context": {
             "hate_speech": {"status": "present", "date": "2026-02-20", "note": "leaflets; \"outsiders\""},
             "elections_census": {"status": "present", "date": "2026-08-15", "note": "by-election"}}},
          {"id": "Kisumu / 2026-03-15", "unit": "Kisumu", "date": "2026-03-15",
           "scores": {"justice.access": {"missing": "dont_know"}},
           "context": {"arms_buildup": {"status": "present"}}}]}"#,
        &fw,
    )
    .unwrap();
    for labels in [false, true] {
        let rows = export_with_evidence_and_signs(&fw, labels);
        let csv = read_export(&kobo_csv(&rows), &fw, &OdkOptions::default()).unwrap();
        let xlsx = resilience_sheets::import::odk::read_export_file(
            &kobo_xlsx(&rows),
            &fw,
            &OdkOptions::default(),
        )
        .unwrap();
        for import in [&csv, &xlsx] {
            let r = &import.report;
            assert!(r.issues.is_empty(), "labels {labels}: {:?}", r.issues);
            assert_eq!(r.mapped.len(), 28);
            assert_eq!(r.evidence_columns.len(), 3 * 28, "labels {labels}");
            assert_eq!(r.sign_columns.len(), 3 * fw.context.len());
            assert_eq!(r.ignored, ["start", "_uuid"]);
            assert_eq!(import.assessments, by_hand, "labels {labels}");
        }
    }
}

#[test]
fn bad_evidence_and_sign_cells_are_named_by_row_and_column() {
    let fw = api::default_framework();
    let text = "unit,date,citizenship/legal_equality,citizenship/legal_equality_sources,\
                citizenship/legal_equality_evidence_date,citizenship/legal_equality_confidence,\
                warning_signs/hate_speech,warning_signs/hate_speech_date,warning_signs/hate_speech_note,\
                warning_signs/arms_buildup_note,\
                citizenship/legal_equality_sources/media\n\
                A,2026-03-14,3,interview rumour,last week,sure,maybe,2026-02-30,,seen,yes\n\
                A,2026-03-14,2,interview,2026-03,low,present,,a note,,1\n";
    let import = read_export(text, &fw, &OdkOptions::default()).unwrap();
    let issues: Vec<String> = import.report.issues.iter().map(|i| i.to_string()).collect();
    let expected = [
        "row 2, column \"citizenship/legal_equality_sources\": \"interview rumour\" is not a kind of source",
        "row 2, column \"citizenship/legal_equality_evidence_date\": \"last week\" is not a date",
        "row 2, column \"citizenship/legal_equality_confidence\": \"sure\" is not a confidence; expected one of: low, medium, high",
        "row 2, column \"warning_signs/hate_speech\": \"maybe\" is not a status; expected one of: present, absent, unknown",
        "row 2, column \"warning_signs/hate_speech_date\": \"2026-02-30\" is not a date",
        "row 2, column \"citizenship/legal_equality_sources/media\": \"yes\" is neither 1 nor 0; left out",
        "row 2, column \"warning_signs/arms_buildup_note\": is given, but whether the sign is present is not answered; left out",
    ];
    for e in expected {
        assert!(issues.iter().any(|i| i.starts_with(e)), "{e}\n{issues:#?}");
    }
    assert_eq!(issues.len(), expected.len(), "{issues:#?}");
    // The good cells stand: the second row's evidence and sign, and the scores of both.
    let a = &import.assessments[0];
    assert_eq!(a.scores(0), [3.0, 2.0]);
    let e = a.evidence_of(0).unwrap();
    assert_eq!(e.sources.cell(), "interview media");
    assert_eq!(
        (e.date.as_deref(), e.confidence.map(|c| c.name())),
        (Some("2026-03"), Some("low"))
    );
    assert_eq!(a.context.len(), 1);
    assert_eq!(a.context[0].note.as_deref(), Some("a note"));
}
