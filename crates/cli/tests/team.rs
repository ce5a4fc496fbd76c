//! Team assessments on the command line: `merge` of assessors' files (a conflict kept, every
//! problem of every file named), and `analyse`'s agreement for team assessments.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_resilience");

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("resilience-team-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(d: &std::path::Path, name: &str, v: &Value) -> String {
    let p = d.join(name);
    std::fs::write(&p, v.to_string()).unwrap();
    p.to_str().unwrap().to_string()
}

const FORCE: &str = "security.lawful_force";
const EQ: &str = "citizenship.legal_equality";
const ACCESS: &str = "justice.access";

/// One assessor's export of assessment `id`.
fn export(id: &str, assessor: &str, at: &str, scores: Value, notes: Value) -> Value {
    let edited: serde_json::Map<String, Value> = scores
        .as_object()
        .unwrap()
        .keys()
        .map(|k| (k.clone(), json!(at)))
        .collect();
    json!({"assessments": [{
        "id": id, "unit": "Nakuru County", "date": "2026-03-14", "assessor": assessor,
        "scores": scores, "notes": notes, "_edited": edited, "_updated": at
    }]})
}

#[test]
fn two_assessors_and_a_conflict_merge_in_any_order() {
    let d = dir("merge");
    let amina = write(
        &d,
        "amina.json",
        &export(
            "a-7k2m9x",
            "amina",
            "2026-03-14T10:00:00.000Z",
            json!({FORCE: 1, EQ: 2, ACCESS: 3}),
            json!({FORCE: "two cases in March"}),
        ),
    );
    let jb = write(
        &d,
        "jb.json",
        &export(
            "a-7k2m9x",
            "jb",
            "2026-03-14T11:00:00.000Z",
            json!({FORCE: 3, EQ: 2}),
            json!({}),
        ),
    );
    // Amina's tablet, changed later: her force score differs (a conflict), the rest agrees.
    let tablet = write(
        &d,
        "amina-tablet.json",
        &export(
            "a-7k2m9x",
            "amina",
            "2026-03-15T08:00:00.000Z",
            json!({FORCE: 0, EQ: 2}),
            json!({FORCE: "two cases in March"}),
        ),
    );
    let (code, out, err) = cli(&["merge", &amina, &jb, &tablet]);
    assert_eq!(code, 0, "{err}");
    let merged: Value = serde_json::from_str(&out).unwrap();
    let a = &merged["assessments"][0];
    assert_eq!(merged["assessments"].as_array().unwrap().len(), 1);
    assert_eq!(a["id"], "a-7k2m9x");
    let conflict = a["assessors"]["amina"]["conflicts"][FORCE]
        .as_array()
        .unwrap();
    let scores: Vec<&Value> = conflict.iter().map(|v| &v["score"]).collect();
    assert_eq!(scores, [&json!(1), &json!(0)], "both kept, the latest last");
    assert!(a["assessors"]["jb"].get("conflicts").is_none());
    // The latest edit is the current one, pooled with jb's.
    assert_eq!(a["assessors"]["amina"]["scores"][FORCE], 0);
    assert_eq!(a["scores"][FORCE], json!([0, 3]));
    assert_eq!(a["scores"][ACCESS], json!([3]));
    assert_eq!(
        a["assessors"]["amina"]["notes"][FORCE],
        "two cases in March"
    );
    // Order-independent, and idempotent with its own output.
    let (_, again, _) = cli(&["merge", &tablet, &jb, &amina]);
    assert_eq!(out, again);
    let team = write(&d, "team.json", &merged);
    let (_, twice, _) = cli(&["merge", &team, &jb]);
    assert_eq!(out, twice);
    // The merged file scores and analyses as any input.
    let (code, _, err) = cli(&["score", &team]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn every_problem_of_every_file_with_its_name() {
    let d = dir("bad");
    let no_code = write(
        &d,
        "no-code.json",
        &json!({"id": "x", "scores": {FORCE: 1}}),
    );
    let bad_assessors = write(
        &d,
        "team.json",
        &json!({"assessments": [{"id": "x", "assessors": {"amina": 3}}, {"unit": "U", "assessor": "jb"}]}),
    );
    let broken = d.join("broken.json");
    std::fs::write(&broken, "{\"id\": \"x\",\n \"scores\": }").unwrap();
    let broken = broken.to_str().unwrap();
    let (code, out, err) = cli(&["merge", &no_code, broken, &bad_assessors]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    for line in [
        format!("{no_code}: $.assessor: is required to merge"),
        format!("{broken}: line 2, column "),
        format!("{bad_assessors}: $.assessments[0].assessors.amina: expected an assessor's answers, found a number"),
        format!("{bad_assessors}: $.assessments[1].id: is required"),
    ] {
        assert!(err.contains(&line), "missing {line:?} in\n{err}");
    }
    assert!(err.contains("4 problem(s) found"), "{err}");
    let (code, _, _) = cli(&["merge", &d.join("missing.json").to_string_lossy()]);
    assert_eq!(code, 1);
    let (code, _, err) = cli(&["merge"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = cli(&["merge", "-", "-"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("standard input (-) can be read only once"),
        "{err}"
    );
}

/// A merged team assessment `id` of three assessors.
fn team(id: &str, rows: [(&str, i32, i32); 3]) -> Value {
    let assessors: serde_json::Map<String, Value> = rows
        .iter()
        .map(|(code, force, eq)| (code.to_string(), json!({"scores": {FORCE: force, EQ: eq}})))
        .collect();
    let pool =
        |f: fn(&(&str, i32, i32)) -> i32| Value::from(rows.iter().map(f).collect::<Vec<_>>());
    json!({"id": id, "basis": "individual",
           "scores": {FORCE: pool(|r| r.1), EQ: pool(|r| r.2)}, "assessors": assessors})
}

#[test]
fn analyse_gives_a_teams_agreement() {
    let d = dir("agree");
    let batch = json!({"assessments": [
        team("t1", [("a", 0, 2), ("b", 3, 2), ("c", 1, 2)]),
        team("t2", [("a", 2, 3), ("b", 2, 3), ("c", 2, 4)]),
        {"id": "solo", "scores": {FORCE: 2}}
    ]});
    let path = write(&d, "batch.json", &batch);
    let (code, out, err) = cli(&["analyse", "--draws", "50", "--compact", &path]);
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let t1 = &doc["results"][0]["agreement"];
    assert_eq!(t1["assessors"], json!(["a", "b", "c"]));
    let force = t1["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == FORCE)
        .unwrap();
    // 0, 3, 1: no pair agrees, one pair (0, 1) within a step; spread 3.
    assert_eq!(force["exact"], 0.0);
    assert!((force["within_one"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(force["spread"], 3.0);
    assert_eq!(t1["by_disagreement"][0], FORCE, "the most disputed first");
    assert!(doc["results"][2].get("agreement").is_none(), "not a team");
    let by = doc["agreement_by_indicator"].as_object().unwrap();
    assert_eq!(by.len(), 28);
    assert!(by[FORCE].is_number(), "{by:?}");
    // The agreement follows the analysis in each result, and closes the document.
    assert!(out.find("\"leverage\"").unwrap() < out.find("\"agreement\"").unwrap());
    assert!(out.rfind("\"agreement_by_indicator\"").unwrap() > out.rfind("\"results\"").unwrap());
    // One team assessment: its agreement, no alpha across assessments.
    let one = write(&d, "one.json", &batch["assessments"][0]);
    let (_, out, _) = cli(&["analyse", "--draws", "50", &one]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert!(doc["results"][0]["agreement"].is_object());
    assert!(doc.get("agreement_by_indicator").is_none());
}
