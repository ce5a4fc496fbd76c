//! Published figures as the publishers publish them (`tests/fixtures/reference/`, made by its
//! `make_fixtures.py`: the publishers' headers, sheet names, encodings and separators, invented
//! values): the Fragile States Index yearly file (CSV and .xlsx), the WJP data file saved as
//! Windows-1252 with `;`, a V-Dem country-year excerpt, CIVICUS Monitor ratings (UTF-8 and
//! UTF-16), and one assessment per country and year across them.
#![cfg(not(target_arch = "wasm32"))]

use resilience::api;
use resilience::{Assessment, Framework};
use resilience_sheets::import::reference::{read_files, RefFile, ReferenceOptions};
use resilience_sheets::import::Import;

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/reference"
);

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}/{name}")).unwrap()
}

fn import(names: &[&str]) -> Import {
    let fw = api::default_framework();
    let contents: Vec<Vec<u8>> = names.iter().map(|n| bytes(n)).collect();
    let files: Vec<RefFile> = names
        .iter()
        .zip(&contents)
        .map(|(name, bytes)| RefFile { name, bytes })
        .collect();
    read_files(&files, &fw, &ReferenceOptions::default()).unwrap()
}

fn find<'a>(imp: &'a Import, id: &str) -> &'a Assessment {
    imp.assessments
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| {
            let ids: Vec<&str> = imp.assessments.iter().map(|a| a.id.as_str()).collect();
            panic!("no assessment {id:?} in {ids:?}")
        })
}

fn scores(fw: &Framework, a: &Assessment, id: &str) -> Vec<f64> {
    a.scores(fw.indicator_index(id).unwrap()).to_vec()
}

fn note<'a>(a: &'a Assessment, id: &str) -> &'a str {
    a.notes
        .iter()
        .find(|(k, _)| k == id)
        .map(|(_, n)| n.as_str())
        .unwrap_or("")
}

#[test]
fn fsi_yearly_file_as_csv_and_xlsx() {
    let fw = api::default_framework();
    let csv = import(&["fsi-2023.csv"]);
    let xlsx = import(&["fsi-2023.xlsx"]);
    // The same figures (the notes quote each file's text: "7.0" in the CSV, 7 in the workbook).
    for (a, b) in csv.assessments.iter().zip(&xlsx.assessments) {
        assert_eq!((&a.id, &a.unit, &a.date), (&b.id, &b.unit, &b.date));
        assert_eq!(a.responses, b.responses);
    }
    assert_eq!(csv.assessments.len(), xlsx.assessments.len());
    for imp in [&csv, &xlsx] {
        let r = &imp.report;
        assert_eq!(r.kind, "reference");
        assert_eq!(r.files[0].layout, "Fragile States Index yearly file");
        assert_eq!(r.sources, vec!["FSI"]);
        assert_eq!(r.rows, 4);
        assert_eq!(r.unmatched, vec!["Atlantis"]);
        assert!(r.countries.contains(&"Kenya (KEN)".to_string()));
        assert!(r.countries.contains(&"Côte d'Ivoire (CIV)".to_string()));
        assert!(
            r.ignored.contains(&"E1: Economy".to_string()),
            "{:?}",
            r.ignored
        );
        assert!(r.ignored.contains(&"Rank".to_string()));
        assert!(r.issues.is_empty(), "{:?}", r.issues);
    }
    assert_eq!(xlsx.report.files[0].format, "xlsx, sheet \"Sheet1\"");
    assert_eq!(csv.report.files[0].format, "CSV, UTF-8, separator ,");
    let kenya = find(&csv, "Kenya / 2023");
    assert_eq!(kenya.date.as_deref(), Some("2023"));
    // C1 7.2 → 4 × (10 − 7.2) / 10; C2 8.5; C3 8.1 and E2 6.8 both feed equitable services.
    assert_eq!(scores(&fw, kenya, "security.civilian_control"), vec![1.12]);
    assert_eq!(scores(&fw, kenya, "security.lawful_force"), vec![1.12]);
    assert_eq!(scores(&fw, kenya, "citizenship.elite_rhetoric"), vec![0.6]);
    assert_eq!(
        scores(&fw, kenya, "citizenship.equitable_services"),
        vec![0.76, 1.28]
    );
    assert_eq!(
        note(kenya, "citizenship.equitable_services"),
        "FSI 2023 C3: Group Grievance: 8.1 (fsi) → 0.76; FSI 2023 E2: Economic Inequality: 6.8 (fsi) → 1.28"
    );
    // "Cote d'Ivoire" is shown as ISO 3166-1 names it.
    assert_eq!(
        find(&csv, "Côte d'Ivoire / 2023").unit.as_deref(),
        Some("Côte d'Ivoire")
    );
    // A name matching no country is still imported, under its own name.
    find(&csv, "Atlantis / 2023");
}

#[test]
fn wjp_file_saved_as_windows_1252_with_semicolons() {
    let fw = api::default_framework();
    let raw = bytes("wjp-2023.csv");
    assert!(
        std::str::from_utf8(&raw).is_err(),
        "the fixture is not UTF-8"
    );
    let imp = import(&["wjp-2023.csv"]);
    let r = &imp.report;
    assert_eq!(r.files[0].layout, "WJP Rule of Law Index data file");
    assert_eq!(r.encoding, "Windows-1252");
    assert_eq!(r.files[0].format, "CSV, Windows-1252, separator ;");
    assert!(r.decimal_comma);
    assert!(r.issues.is_empty(), "{:?}", r.issues);
    let civ = find(&imp, "Côte d'Ivoire / 2023");
    // 1.2 Limits by judiciary 0,46 → 4 × 0.46.
    assert_eq!(scores(&fw, civ, "justice.independence"), vec![1.84]);
    // 7.2 and 8.4 both feed impartiality; 7.5, 7.6, 8.1, 8.2 effectiveness.
    assert_eq!(scores(&fw, civ, "justice.impartiality").len(), 2);
    assert_eq!(scores(&fw, civ, "justice.effectiveness").len(), 4);
    assert_eq!(scores(&fw, civ, "security.accountability"), vec![1.6]);
    assert!(r.ignored.iter().any(|c| c.starts_with("Factor 1")));
}

#[test]
fn vdem_variables_by_name_never_a_raw_value_as_an_index() {
    let fw = api::default_framework();
    let imp = import(&["V-Dem-CY-Full+Others-v14-excerpt.csv"]);
    let r = &imp.report;
    assert_eq!(r.files[0].layout, "V-Dem country-year file");
    let issues: Vec<String> = r.issues.iter().map(|i| i.to_string()).collect();
    // The measurement model's estimates and a raw indicator without a scale here: refused by
    // name, not read.
    assert!(
        issues.iter().any(|i| i.starts_with(
            "row 1, column \"v2clkill\": \"v2clkill\" is V-Dem's measurement-model estimate"
        )),
        "{issues:#?}"
    );
    assert!(issues
        .iter()
        .any(|i| i.starts_with("row 1, column \"v2juhcind\"")));
    assert!(issues
        .iter()
        .any(|i| i.starts_with("row 1, column \"v2strenarm\"")));
    assert_eq!(issues.len(), 3, "{issues:#?}");
    let kenya = find(&imp, "Kenya / 2023");
    // v2clkill_osp 2.5 on 0–4 (its _ord twin is not read again); v2juhcind_osp 2.8.
    assert_eq!(scores(&fw, kenya, "security.lawful_force"), vec![2.5]);
    assert_eq!(scores(&fw, kenya, "justice.independence"), vec![2.8]);
    // v2xpe_exlsocgr, an exclusion index: 4 × (1 − 0.34); v2xcl_acjst 4 × 0.61; v2cscnsult_osp
    // on 0–2: 4 × 1.4 / 2.
    assert_eq!(
        scores(&fw, kenya, "citizenship.political_inclusion"),
        vec![2.64]
    );
    assert_eq!(scores(&fw, kenya, "justice.access"), vec![2.44]);
    assert_eq!(
        scores(&fw, kenya, "civil_society.policy_influence"),
        vec![2.8]
    );
    assert!(note(kenya, "security.lawful_force").starts_with("V-Dem 2023 v2clkill_osp: 2.5 (vdem)"));
    // One assessment per country and year; "Ivory Coast" and "Burma/Myanmar" by their codes.
    find(&imp, "Kenya / 2022");
    find(&imp, "Côte d'Ivoire / 2023");
    find(&imp, "Myanmar / 2023");
    // Zanzibar: V-Dem's own code, no ISO country; listed, and all its cells are NA.
    assert_eq!(r.unmatched, vec!["Zanzibar"]);
    assert_eq!(imp.assessments.len(), 4);
}

#[test]
fn civicus_ratings_in_utf8_and_utf16() {
    let fw = api::default_framework();
    let a = import(&["civicus-monitor-2023.csv"]);
    let b = import(&["civicus-monitor-2023-utf16.txt"]);
    assert_eq!(a.assessments, b.assessments);
    assert_eq!(b.report.encoding, "UTF-16LE");
    assert_eq!(b.report.files[0].format, "CSV, UTF-16LE, separator tab");
    assert_eq!(a.report.files[0].layout, "CIVICUS Monitor ratings");
    // No year column: the year in the file's name.
    let kenya = find(&a, "Kenya / 2023");
    assert_eq!(scores(&fw, kenya, "civil_society.civic_space"), vec![1.0]);
    assert_eq!(
        scores(
            &fw,
            find(&a, "Côte d'Ivoire / 2023"),
            "civil_society.civic_space"
        ),
        vec![2.0]
    );
    assert_eq!(a.report.unmatched, vec!["Nowhere Land"]);
    // --year says it when the name does not.
    let fw = api::default_framework();
    let raw = bytes("civicus-monitor-2023.csv");
    let imp = read_files(
        &[RefFile {
            name: "ratings.csv",
            bytes: &raw,
        }],
        &fw,
        &ReferenceOptions {
            year: Some("2024".into()),
        },
    )
    .unwrap();
    find(&imp, "Kenya / 2024");
}

/// Kenya from the FSI, WJP and V-Dem files of one year: one assessment carrying all three
/// sources; Côte d'Ivoire, spelled four ways, is one country.
#[test]
fn one_country_one_year_one_assessment_across_publishers() {
    let fw = api::default_framework();
    let imp = import(&[
        "fsi-2023.xlsx",
        "wjp-2023.csv",
        "V-Dem-CY-Full+Others-v14-excerpt.csv",
        "civicus-monitor-2023.csv",
    ]);
    assert_eq!(imp.report.sources, vec!["FSI", "WJP", "V-Dem", "CIVICUS"]);
    assert_eq!(imp.report.files.len(), 4);
    let kenyas: Vec<&Assessment> = imp
        .assessments
        .iter()
        .filter(|a| a.unit.as_deref() == Some("Kenya") && a.date.as_deref() == Some("2023"))
        .collect();
    assert_eq!(kenyas.len(), 1);
    let kenya = kenyas[0];
    let notes: String = kenya.notes.iter().map(|(_, n)| n.as_str()).collect();
    for source in ["FSI 2023", "WJP 2023", "V-Dem 2023", "CIVICUS Monitor 2023"] {
        assert!(notes.contains(source), "{source} missing from {notes}");
    }
    // Independence from WJP 1.2 (0.48) and V-Dem v2juhcind_osp (2.8): two respondents.
    assert_eq!(scores(&fw, kenya, "justice.independence"), vec![1.92, 2.8]);
    // Every score rests on reference data of its year, and only the scores fed.
    let fed: Vec<usize> = (0..fw.indicators.len())
        .filter(|&i| !kenya.scores(i).is_empty())
        .collect();
    let with_evidence: Vec<usize> = kenya.evidence.iter().map(|e| e.indicator).collect();
    assert_eq!(with_evidence, fed);
    for e in &kenya.evidence {
        assert_eq!(e.sources.cell(), "reference_data");
        assert_eq!(e.date.as_deref(), Some("2023"));
        assert_eq!(e.confidence, None);
    }
    // "Cote d'Ivoire" (FSI), "Côte d'Ivoire" in Windows-1252 (WJP), "Ivory Coast" (V-Dem),
    // "Cote d Ivoire" (CIVICUS).
    let civ: Vec<&Assessment> = imp
        .assessments
        .iter()
        .filter(|a| a.unit.as_deref() == Some("Côte d'Ivoire"))
        .collect();
    assert_eq!(
        civ.len(),
        1,
        "{:?}",
        imp.assessments.iter().map(|a| &a.id).collect::<Vec<_>>()
    );
    let notes: String = civ[0].notes.iter().map(|(_, n)| n.as_str()).collect();
    for source in ["FSI", "WJP", "V-Dem", "CIVICUS"] {
        assert!(notes.contains(source), "{source} missing from {notes}");
    }
    // A file's problems name it.
    assert!(imp.report.issues[0]
        .path
        .starts_with("V-Dem-CY-Full+Others-v14-excerpt.csv: row 1"));
    // What it starts from is ordinary input: it scores, and reads back from its JSON.
    let again = api::assessments_from_json(&imp.assessments_value(&fw), &fw).unwrap();
    assert_eq!(again, imp.assessments);
}

#[test]
fn positive_peace_and_the_long_format_with_years() {
    let fw = api::default_framework();
    let ppi =
        "Country,iso3c,Year,Overall Score,Well-Functioning Government,Free Flow of Information\n\
               Kenya,KEN,2023,3.1,3.2,2.6\n";
    let imp = read_files(
        &[RefFile {
            name: "",
            bytes: ppi.as_bytes(),
        }],
        &fw,
        &ReferenceOptions::default(),
    )
    .unwrap();
    assert_eq!(imp.report.files[0].layout, "Positive Peace Index file");
    assert_eq!(
        scores(&fw, &imp.assessments[0], "civil_society.media"),
        vec![2.4]
    );

    // A year is a date: the issue's 2017 gave 1,001 errors and no assessment.
    let long = "unit,date,indicator,source,value\nKenya,2017,justice.access,wjp,0.5\n\
                Nakuru County,2017-03,justice.access,score,3\n\
                Kenya,2017,justice.independence,vdem,0.4\n";
    let imp = resilience_sheets::import::reference::read_reference(long, &fw).unwrap();
    assert!(imp.report.issues.is_empty(), "{:?}", imp.report.issues);
    assert_eq!(imp.assessments[0].id, "Kenya / 2017");
    assert_eq!(imp.assessments[1].date.as_deref(), Some("2017-03"));
    // Its evidence is dated by the figure's year, whatever the precision of its date.
    assert_eq!(imp.assessments[1].evidence[0].date.as_deref(), Some("2017"));
    // A county is no country, and is not listed as one.
    assert!(imp.report.unmatched.is_empty());
    // V-Dem named by its variable in the reference: a raw indicator is refused.
    let raw = "unit,indicator,source,value,reference\nKenya,security.lawful_force,vdem,0.3,V-Dem v2clkill 2023\n\
               Kenya,justice.access,vdem,0.5,V-Dem v2xcl_acjst\n";
    let imp = resilience_sheets::import::reference::read_reference(raw, &fw).unwrap();
    assert_eq!(imp.report.left_out[0].reason, "a raw V-Dem indicator");
    assert!(imp.report.issues[0]
        .message
        .contains("measurement-model estimate"));
    assert_eq!(imp.assessments[0].notes.len(), 1);
}

#[test]
fn unreadable_files_are_errors() {
    let fw = api::default_framework();
    let one = |b: &[u8]| {
        read_files(
            &[RefFile {
                name: "x",
                bytes: b,
            }],
            &fw,
            &ReferenceOptions::default(),
        )
        .unwrap_err()
    };
    assert!(one(b"").iter().any(|i| i.message.contains("empty")));
    assert!(one(b"\xEF\xBB\xBF\r\n")
        .iter()
        .any(|i| i.message.contains("empty")));
    let err = one(b"Country,Year\nKenya,2023\n\x00\x00");
    assert_eq!(err[0].path, "byte 24, line 3");
    let err = one(b"Name,Value\nA,1\n");
    assert!(
        err[0].message.starts_with("not a file this import reads"),
        "{err:?}"
    );
    // Only a header: nothing to import is an error, not an empty success.
    let err = one(b"unit,date,indicator,source,value\n");
    assert!(err
        .last()
        .unwrap()
        .message
        .contains("no figure could be imported"));
}
