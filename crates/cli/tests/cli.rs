//! The `resilience` command as analysts use it: exit codes, every problem on stderr as
//! `where: message`, JSON and CSV output, standard input.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_resilience");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        // The command may exit before reading all of it (e.g. on a bad framework): a broken
        // pipe here is not the test's concern.
        let _ = child.stdin.take().unwrap().write_all(text.as_bytes());
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn scores_a_json_file_to_the_result_contract() {
    let out = run(&["score", &format!("{FIXTURES}/nakuru.json")], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &v["results"][0];
    assert_eq!(v["framework"]["id"], "resilience-default");
    assert_eq!(r["unit"], "Nakuru County");
    assert_eq!(r["nodes"]["citizenship.legal_equality"]["score"], 75.0);
    assert_eq!(r["nodes"]["security.lawful_force"]["value"], 2.0);
    assert_eq!(r["nodes"]["security.lawful_force"]["spread"], 2.0);
    assert_eq!(r["nodes"]["security.lawful_force"]["respondents"], 3);
    // Too little scored: no overall score, and the reason says why.
    assert!(r["overall"]["score"].is_null());
    assert!(r["nodes"]["citizenship"]["reason"]
        .as_str()
        .unwrap()
        .contains("below the minimum"));
}

#[test]
fn invalid_input_exits_2_with_every_problem_located() {
    let input = r#"{"assessments": [{"id": "a", "scores": {"justice.access": 9, "nope": 1}},
                                    {"id": "a", "date": "yesterday"}]}"#;
    let out = run(&["score", "-"], Some(input));
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    for line in [
        "$.assessments[0].scores[\"justice.access\"]: 9 lies outside the scale 0–4",
        "$.assessments[0].scores.nope: unknown indicator id",
        "$.assessments[1].date: \"yesterday\" is not a date as YYYY-MM-DD",
    ] {
        assert!(err.contains(line), "missing {line:?} in\n{err}");
    }
    assert!(out.stdout.is_empty());
}

#[test]
fn csv_problems_are_named_by_row_and_column() {
    let csv = "id,unit,date,justice.access,justice.bogus\nx,U,2026-01-01,2,\n";
    let out = run(&["validate", "-"], Some(csv));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("row 1, column \"justice.bogus\": unknown indicator id"));

    let csv = "id,unit,date,justice.access\nx,U,2026-01-01,2\nx,V,,abc\n,U,,1\n";
    let err = text(&run(&["score", "-"], Some(csv)).stderr);
    assert!(
        err.contains("row 3, column \"unit\": \"V\" differs from \"U\" in row 2"),
        "{err}"
    );
    assert!(
        err.contains("row 3, column \"justice.access\": \"abc\" is not a number"),
        "{err}"
    );
    assert!(err.contains("row 4, column \"id\": is empty"), "{err}");
}

#[test]
fn malformed_json_names_line_and_column() {
    let out = run(
        &["score", "-"],
        Some("{\"id\": \"a\",\n \"scores\": {\"justice.access\": }}"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("line 2, column "),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn csv_output_has_one_row_per_assessment() {
    let out = run(
        &[
            "score",
            "--format",
            "csv",
            &format!("{FIXTURES}/golden/default-batch.json"),
        ],
        None,
    );
    assert!(out.status.success());
    let t = text(&out.stdout);
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(
        lines[0],
        "id,unit,date,overall,band,alarms,early_warning,citizenship,security,justice,civil_society"
    );
    assert_eq!(lines.len(), 5);
    assert!(lines[1].starts_with("example-1,Example district 1,2026-01-15,"));
}

#[test]
fn csv_results_say_which_assessments_raise_the_early_warning_alert() {
    // A warning sign present with an alarm: the alert; the same sign in an assessment without
    // an alarm or a weak or unscored pillar, or the alarm without the sign: none.
    let fw: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{FIXTURES}/../../src/framework/default.json")).unwrap(),
    )
    .unwrap();
    let ids: Vec<String> = fw["root"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["children"].as_array().unwrap())
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    let scores = |force: u8| {
        let all: Vec<String> = ids
            .iter()
            .map(|id| {
                format!(
                    "\"{id}\": {}",
                    if id == "security.lawful_force" {
                        force
                    } else {
                        3
                    }
                )
            })
            .collect();
        format!("{{{}}}", all.join(", "))
    };
    let input = format!(
        r#"{{"assessments": [
        {{"id": "alert", "scores": {}, "context": {{"hate_speech": {{"status": "present"}}}}}},
        {{"id": "calm", "scores": {}, "context": {{"hate_speech": {{"status": "present"}}}}}},
        {{"id": "unseen", "scores": {}, "context": {{"hate_speech": {{"status": "unknown"}}}}}}]}}"#,
        scores(0),
        scores(3),
        scores(0)
    );
    let input = input.as_str();
    let out = run(&["score", "--format", "csv", "-"], Some(input));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    let rows: Vec<Vec<&str>> = t.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(&rows[0][5..7], ["alarms", "early_warning"]);
    let cell = |id: &str| rows.iter().find(|r| r[0] == id).unwrap()[6];
    assert_eq!(
        (cell("alert"), cell("calm"), cell("unseen")),
        ("yes", "", "")
    );
    // The JSON says the same.
    let out = run(&["score", "--compact", "-"], Some(input));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let alerts: Vec<bool> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["early_warning"].is_object())
        .collect();
    assert_eq!(alerts, [true, false, false]);
}

#[test]
fn framework_prints_the_default_which_validates_and_scores_the_same() {
    let out = run(&["framework"], None);
    assert!(out.status.success());
    let dir = std::env::temp_dir().join(format!("resilience-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fw = dir.join("framework.json");
    std::fs::write(&fw, &out.stdout).unwrap();
    let input = format!("{FIXTURES}/golden/default-batch.json");
    let a = run(&["score", "--compact", &input], None);
    let b = run(
        &[
            "score",
            "--compact",
            "--framework",
            fw.to_str().unwrap(),
            &input,
        ],
        None,
    );
    assert!(b.status.success(), "{}", text(&b.stderr));
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn a_broken_framework_file_is_reported_with_its_name() {
    let dir = std::env::temp_dir().join(format!("resilience-cli-fw-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fw = dir.join("bad.json");
    std::fs::write(&fw, r#"{"id":"x","version":"1","title":{"en":"X"},"bands":[],"root":{"id":"r","title":{"en":"R"},"children":[]}}"#).unwrap();
    let out = run(
        &["score", "--framework", fw.to_str().unwrap(), "-"],
        Some("{\"id\":\"a\"}"),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("bad.json: $.bands: needs at least one band"),
        "{err}"
    );
    assert!(
        err.contains("bad.json: $.root.children: must not be empty"),
        "{err}"
    );
}

#[test]
fn usage_errors_and_missing_files() {
    assert_eq!(run(&["score"], None).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(
        run(&["score", "--format", "xml", "x"], None).status.code(),
        Some(2)
    );
    let out = run(&["score", "/nonexistent/input.json"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("/nonexistent/input.json"));
}

#[test]
fn output_is_deterministic() {
    let input = format!("{FIXTURES}/golden/default-batch.json");
    let a = run(&["score", &input], None);
    let b = run(&["score", &input], None);
    assert_eq!(a.stdout, b.stdout);
}

/// ASEM: a real composite-indicator data set (51 countries, 49 raw indicators on very different
/// scales, 4 levels, missing cells, lower-is-better indicators), scored with minmax and
/// arithmetic means, against figures computed independently by tools/asem_to_framework.py.
#[test]
fn asem_scores_as_computed_independently() {
    let dir = format!("{FIXTURES}/asem");
    let out = run(
        &[
            "score",
            "--compact",
            "--framework",
            &format!("{dir}/framework.json"),
            &format!("{dir}/data.csv"),
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/expected.json")).unwrap())
            .unwrap();
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 51);
    let mut compared = 0;
    for r in results {
        let unit = r["id"].as_str().unwrap();
        for (code, want) in expected[unit].as_object().unwrap() {
            let got = if code == "Index" {
                &r["overall"]["score"]
            } else {
                &r["nodes"][code]["score"]
            };
            let (got, want) = (got.as_f64().unwrap(), want.as_f64().unwrap());
            assert!((got - want).abs() < 1e-9, "{unit} {code}: {got} vs {want}");
            compared += 1;
        }
    }
    assert_eq!(compared, 51 * 11);
}

/// A geometric mean over a part scored 0 has no value: the group gets no score, the reason,
/// and a warning that names it and the remedy; `validate` and `framework` warn beforehand.
/// With a normalised range above 0 the same answers score.
#[test]
fn a_geometric_mean_over_a_zero_gives_no_score_and_says_why() {
    let dir = std::env::temp_dir().join(format!("resilience-cli-zero-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let framework = |range: &str| {
        format!(
            r#"{{"id": "z", "version": "1", "title": {{"en": "Z"}}, "bands": [{{"id": "low", "min": 0}}],
               "root": {{"id": "index", "title": {{"en": "Index"}}, "aggregation": "geometric", "children": [
                 {{"id": "a", "title": {{"en": "A"}}, "scale": {{"min": 0, "max": 4}}{range}}},
                 {{"id": "b", "title": {{"en": "B"}}, "scale": {{"min": 0, "max": 4}}{range}}}]}}}}"#
        )
    };
    let input = r#"{"id": "x", "scores": {"a": 0, "b": 3}}"#;

    let fw = dir.join("zero.json");
    std::fs::write(&fw, framework("")).unwrap();
    let fw = fw.to_str().unwrap();
    let out = run(&["score", "--framework", fw, "-"], Some(input));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &v["results"][0];
    assert!(r["overall"]["score"].is_null());
    assert_eq!(
        r["overall"]["reason"],
        "a scores 0, and a geometric mean needs every part above 0"
    );
    assert_eq!(r["warnings"][0]["code"], "zero_in_mean");
    assert_eq!(r["warnings"][0]["node"], "index");
    let message = r["warnings"][0]["message"].as_str().unwrap();
    assert!(message.contains("normalised_range"), "{message}");
    assert_eq!(r["red_flags"][0], "a");
    for command in ["validate", "framework"] {
        let out = run(&[command, "--framework", fw, "-"], Some(input));
        assert!(out.status.success(), "{}", text(&out.stderr));
        let err = text(&out.stderr);
        assert!(
            err.contains(&format!(
                "warning: {fw}: $.root.aggregation: a geometric mean has no value where a part scores 0 or less, and a, b can"
            )),
            "{err}"
        );
    }

    let fw = dir.join("range.json");
    std::fs::write(&fw, framework(r#", "normalised_range": [1, 100]"#)).unwrap();
    let fw = fw.to_str().unwrap();
    let out = run(&["score", "--framework", fw, "-"], Some(input));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &v["results"][0];
    // √(1 · 75.25), and a is still a red flag: the bottom of its range.
    let score = r["overall"]["score"].as_f64().unwrap();
    assert!((score - 75.25f64.sqrt()).abs() < 1e-12, "{score}");
    assert_eq!(r["warnings"].as_array().unwrap().len(), 0);
    assert_eq!(r["red_flags"][0], "a");
    let out = run(&["validate", "--framework", fw, "-"], Some(input));
    assert!(
        !text(&out.stderr).contains("warning"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn every_command_has_its_help_and_refuses_flags_it_does_not_take() {
    for cmd in [
        "score",
        "validate",
        "framework",
        "analyse",
        "xlsform",
        "import-odk",
        "import-reference",
        "export-xlsx",
        "report",
        "merge",
    ] {
        let out = run(&[cmd, "--help"], None);
        assert_eq!(out.status.code(), Some(0), "{cmd}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains("Usage: resilience"), "{cmd}");
        // An unknown flag: exit 2, the flag named, before any file is looked at.
        let out = run(&[cmd, "--no-such-flag", "x.json", "y.xlsx"], None);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains("--no-such-flag"), "{cmd}");
    }
    let out = run(&["score", "--draws", "10", "x.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--draws"),
        "{}",
        text(&out.stderr)
    );
    // The benchmarks are another binary, and stay out of the main help.
    let help = text(&run(&["--help"], None).stdout);
    assert!(!help.contains("bench"), "{help}");
    assert!(help.contains("import-reference"));
    assert_eq!(run(&["bench"], None).status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_resilience-bench"))
        .args(["csv", "--assessments", "3", "--respondents", "1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn encodings_binary_and_empty_input() {
    let dir = std::env::temp_dir().join(format!("resilience-cli-enc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    // Windows-1252 (a unit "Côte d'Ivoire" saved by Excel), said on stderr; a year as the date.
    std::fs::write(
        path("w1252.csv"),
        b"id,unit,date,justice.access\na,C\xF4te d'Ivoire,2017,2\n",
    )
    .unwrap();
    let out = run(&["score", "--format", "csv", &path("w1252.csv")], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("a,Côte d'Ivoire,2017,"));
    assert!(text(&out.stderr).contains("read as Windows-1252"));
    // UTF-16 with its byte-order mark.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "id,unit,date,justice.access\nb,Kisumu,2017-03,3\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    std::fs::write(path("utf16.csv"), utf16).unwrap();
    let out = run(&["validate", &path("utf16.csv")], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Binary: exit 2, with the byte and the line.
    std::fs::write(path("binary.csv"), b"id,unit\na,b\n\x00\x01\x02").unwrap();
    for cmd in ["score", "validate", "import-odk", "import-reference"] {
        let out = run(&[cmd, &path("binary.csv")], None);
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        assert!(
            text(&out.stderr).contains("byte 12, line 3: a NUL byte"),
            "{cmd}: {}",
            text(&out.stderr)
        );
    }
    // Empty: an error, not an empty success.
    std::fs::write(path("empty.csv"), b"").unwrap();
    for cmd in ["score", "import-odk", "import-reference"] {
        let out = run(&[cmd, &path("empty.csv")], None);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {}", text(&out.stderr));
    }
    // A file that cannot be opened: 1.
    let out = run(&["import-reference", &path("missing.csv")], None);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn published_files_in_one_command_and_an_encrypted_export() {
    let dir = format!("{FIXTURES}/reference");
    let out = run(
        &[
            "import-reference",
            "--compact",
            &format!("{dir}/fsi-2023.xlsx"),
            &format!("{dir}/wjp-2023.csv"),
            &format!("{dir}/V-Dem-CY-Full+Others-v14-excerpt.csv"),
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    for line in [
        "read fsi-2023.xlsx: Fragile States Index yearly file (xlsx, sheet \"Sheet1\"), 4 row(s)",
        "read wjp-2023.csv: WJP Rule of Law Index data file (CSV, Windows-1252, separator ;), 2 row(s)",
        "sources: FSI, WJP, V-Dem",
        "names matched to no country (imported under their own name): \"Atlantis\", \"Zanzibar\"",
    ] {
        assert!(err.contains(line), "missing {line:?} in\n{err}");
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kenya: Vec<&serde_json::Value> = v["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["id"] == "Kenya / 2023")
        .collect();
    assert_eq!(kenya.len(), 1);
    // It scores as any input.
    let file = std::env::temp_dir().join(format!("resilience-ref-{}.json", std::process::id()));
    std::fs::write(&file, &out.stdout).unwrap();
    assert!(run(&["score", file.to_str().unwrap()], None)
        .status
        .success());

    let out = run(
        &[
            "import-odk",
            &format!("{FIXTURES}/odk/central_encrypted.csv"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains(
        "file: this export is encrypted: export it from ODK Central with the form's passphrase"
    ));
}
