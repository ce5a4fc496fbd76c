//! `resilience report`: the report's figures are `analyse`'s, in English and French; user text
//! stays text; which assessment, and the exit codes.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_resilience");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

/// (exit code, stdout, stderr).
fn cli(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        let _ = child.stdin.take().unwrap().write_all(text.as_bytes());
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn ok(args: &[&str]) -> String {
    let (code, out, err) = cli(args, None);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// A file in a fresh temporary folder.
fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("resilience-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// What `analyse` gives with the report's perturbations (the answers, not the method).
fn analysed(input: &str, draws: &str, seed: &str) -> Value {
    let options = temp(
        "options.json",
        r#"{"perturb": ["assessors", "respondents", "missing"], "sensitivity": false}"#,
    );
    let out = ok(&[
        "analyse",
        "--options",
        &options,
        "--draws",
        draws,
        "--seed",
        seed,
        input,
    ]);
    serde_json::from_str(&out).unwrap()
}

/// The text of each cell of the pillar table's body rows.
fn pillar_rows(html: &str) -> Vec<Vec<String>> {
    let start = html
        .find("<section class=\"pillars\">")
        .expect("a pillar table");
    let table = &html[start..start + html[start..].find("</section>").unwrap()];
    table
        .split("<tr>")
        .skip(2)
        .map(|row| {
            row.split("<td>")
                .skip(1)
                .map(|c| c[..c.find("</td>").unwrap()].to_string())
                .collect()
        })
        .collect()
}

fn to_tenth(x: &Value, lang: &str) -> String {
    let s = format!("{:.1}", x.as_f64().unwrap());
    if lang == "fr" {
        s.replace('.', ",")
    } else {
        s
    }
}

#[test]
fn the_figures_are_analyses_in_english_and_french() {
    let input = format!("{FIXTURES}/report/team.json");
    let doc = analysed(&input, "500", "3");
    assert_eq!(doc["options"]["perturb"][2], "missing");
    let r = &doc["results"][0];
    let pillars = ["citizenship", "security", "justice", "civil_society"];
    for (lang, of) in [("en", "of 100"), ("fr", "sur 100")] {
        let html = ok(&[
            "report",
            "--lang",
            lang,
            "--draws",
            "500",
            "--seed",
            "3",
            "--made",
            "2026-03-20",
            &input,
        ]);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\""), "{lang}");
        assert!(html.contains(&format!("<html lang=\"{lang}\">")));
        let overall = format!("{} {of}", to_tenth(&r["overall"]["score"], lang));
        assert!(html.contains(&overall), "{lang}: {overall}");
        let u = &r["uncertainty"]["overall"];
        // In words in the summary ("between 44.8 and 48.4"), not with a dash that reads as a
        // minus.
        let and = if lang == "fr" { "et" } else { "and" };
        let range = format!(
            "{} {and} {}",
            to_tenth(&u["p05"], lang),
            to_tenth(&u["p95"], lang)
        );
        assert!(html.contains(&range), "{lang}: {range}");
        let rows = pillar_rows(&html);
        assert_eq!(rows.len(), pillars.len());
        for (row, id) in rows.iter().zip(pillars) {
            assert_eq!(
                row[1],
                to_tenth(&r["nodes"][id]["score"], lang),
                "{lang} {id}"
            );
            let u = &r["uncertainty"]["nodes"][id];
            let range = format!(
                "{}–{}",
                to_tenth(&u["p05"], lang),
                to_tenth(&u["p95"], lang)
            );
            assert_eq!(row[3], range, "{lang} {id}");
        }
        if lang == "fr" {
            assert!(rows[0][1].contains(','), "decimal commas: {:?}", rows[0]);
        }
        // The draws and the seed are said, and the report is made on the day given.
        assert!(html.contains("500"), "{lang}");
        assert!(html.contains("2026-03-20"), "{lang}");
    }
    // The seed is the analysis's: another gives other ranges.
    let html = ok(&["report", "--draws", "500", "--seed", "4", &input]);
    let other = analysed(&input, "500", "4");
    let u = &other["results"][0]["uncertainty"]["overall"];
    assert!(html.contains(&format!(
        "{} and {}",
        to_tenth(&u["p05"], "en"),
        to_tenth(&u["p95"], "en")
    )));
}

#[test]
fn one_of_a_batch_by_id_with_the_batchs_figures() {
    let input = format!("{FIXTURES}/analysis/batch.json");
    let (code, out, err) = cli(&["report", &input], None);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("--id: INPUT has 3 assessments: pick one with --id; its ids: \"nakuru-2026-03\", \"kisumu-2026-03\", \"garissa-2026-03\""),
        "{err}"
    );
    let (code, _, err) = cli(&["report", "--id", "mombasa", &input], None);
    assert_eq!(code, 2);
    assert!(
        err.contains("--id: no assessment \"mombasa\" in INPUT; its ids: \"nakuru-2026-03\""),
        "{err}"
    );
    let html = ok(&["report", "--id", "kisumu-2026-03", "--draws", "300", &input]);
    assert!(html.contains("Kisumu County"));
    let doc = analysed(&input, "300", "1");
    let r = &doc["results"][1];
    assert_eq!(r["id"], "kisumu-2026-03");
    let rows = pillar_rows(&html);
    let u = &r["uncertainty"]["nodes"]["justice"];
    assert_eq!(
        rows[2][3],
        format!(
            "{}–{}",
            to_tenth(&u["p05"], "en"),
            to_tenth(&u["p95"], "en")
        )
    );
    // CSV input: the engine's reading of it, with its note.
    let csv = "id,unit,date,justice.access,security.lawful_force\nc1,Lamu,2026-04,3,0\nc1,Lamu,2026-04,2,1\n";
    let (code, html, err) = cli(&["report", "--made", "2026-05-01", "-"], Some(csv));
    assert_eq!(code, 0, "{err}");
    assert!(html.contains("Lamu"));
    assert!(html.contains("2 respondents"));
}

#[test]
fn user_text_stays_text() {
    let input = r#"{"id": "x", "unit": "<script>alert(1)</script>", "date": "2026-03",
        "scores": {"security.lawful_force": 0, "justice.access": 2},
        "notes": {"justice.access": "<img src=x onerror=alert(2)> & \"quoted\""},
        "context": {"hate_speech": {"status": "present", "note": "</li><script>alert(3)</script>"}}}"#;
    for lang in ["en", "fr"] {
        let (code, html, err) = cli(
            &[
                "report",
                "--lang",
                lang,
                "--draws",
                "50",
                "--made",
                "2026-04-01",
                "-",
            ],
            Some(input),
        );
        assert_eq!(code, 0, "{err}");
        assert!(!html.contains("<script"), "{lang}");
        assert!(!html.contains("<img"), "{lang}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{lang}"
        );
        assert!(html.contains("&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quoted&quot;"));
        assert!(html.contains("&lt;/li&gt;&lt;script&gt;alert(3)"), "{lang}");
    }
}

#[test]
fn bad_arguments_and_input_exit_2_a_missing_file_1() {
    let one = format!("{FIXTURES}/analysis/one.json");
    for (args, says) in [
        (
            vec!["--made", "20 March"],
            "--made: \"20 March\" is not a day as YYYY-MM-DD",
        ),
        (
            vec!["--made", "2026-02-30"],
            "--made: \"2026-02-30\" is not a day",
        ),
        (
            vec!["--made", "2026-03"],
            "--made: \"2026-03\" is not a day",
        ),
        (vec!["--lang", "de"], "--lang"),
        (
            vec!["--draws", "0"],
            "--draws: must be a whole number from 1 to 100000",
        ),
        (vec!["--seed", "x"], "--seed takes a whole number"),
    ] {
        let mut all = vec!["report"];
        all.extend(&args);
        all.push(&one);
        let (code, out, err) = cli(&all, None);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let (code, _, err) = cli(
        &["report", "-"],
        Some(r#"{"id": "a", "scores": {"justice.access": 9}}"#),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("$.scores[\"justice.access\"]: 9 lies outside the scale 0–4"),
        "{err}"
    );
    let (code, _, err) = cli(&["report", "/nonexistent/a.json"], None);
    assert_eq!(code, 1, "{err}");
    // Without --made: today's date, as YYYY-MM-DD.
    let html = ok(&["report", "--draws", "20", &one]);
    let made = html.find("Report made on ").expect("the date made") + "Report made on ".len();
    let day = &html[made..made + 10];
    assert!(
        day.len() == 10 && day.as_bytes()[4] == b'-' && day[..4].parse::<u32>().unwrap() >= 2026,
        "{day}"
    );
}

/// The report of a fixed assessment, options and day, pinned byte for byte: the browser's
/// `report()` is compared with the same file (crates/wasm/tests/wasm.rs).
/// `UPDATE_GOLDEN=1 cargo test -p resilience-cli --test report` rewrites it after an intended change.
#[test]
fn golden_report() {
    let html = ok(&[
        "report",
        "--lang",
        "fr",
        "--draws",
        "300",
        "--seed",
        "5",
        "--made",
        "2026-03-20",
        &format!("{FIXTURES}/report/team.json"),
    ]);
    let path = format!("{FIXTURES}/report/team-fr.html");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &html).unwrap();
    }
    let golden = std::fs::read_to_string(&path).unwrap();
    assert!(
        html == golden,
        "report output differs from {path}; UPDATE_GOLDEN=1 if intended"
    );
}
