//! `resilience analyse` end to end: the JSON shape, determinism, option errors, and a golden
//! file (`tests/fixtures/analysis/golden-analyse.json`) that pins the output of a fixed input
//! and seed byte for byte. The wasm build is compared against the same file.
//! `UPDATE_GOLDEN=1 cargo test -p resilience-cli --test analysis` rewrites it after an intended change.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::process::Command;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/analysis");
const BATCH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/analysis/batch.json"
);
const ONE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/analysis/one.json"
);

/// Runs the CLI: (exit code, stdout, stderr).
fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_resilience"))
        .args(args)
        .output()
        .expect("the CLI runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn analyse(args: &[&str]) -> String {
    let mut all = vec!["analyse"];
    all.extend_from_slice(args);
    let (code, out, err) = cli(&all);
    assert_eq!(code, 0, "{err}");
    out
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// The keys appear in `text` in this order.
fn in_order(text: &str, keys: &[&str]) {
    let at: Vec<usize> = keys
        .iter()
        .map(|k| {
            text.find(&format!("\"{k}\":"))
                .unwrap_or_else(|| panic!("{k} missing"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{keys:?} out of order");
}

#[test]
fn golden_output() {
    let out = analyse(&["--draws", "500", "--seed", "42", BATCH]);
    let path = format!("{DIR}/golden-analyse.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &out).unwrap();
    }
    let golden = std::fs::read_to_string(&path).unwrap();
    assert!(
        out == golden,
        "analyse output differs from {path}; UPDATE_GOLDEN=1 if intended"
    );
}

#[test]
fn shape_of_a_batch_analysis() {
    let out = analyse(&["--draws", "300", "--seed", "7", BATCH]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["framework"]["id"], "resilience-default");
    assert_eq!(doc["options"]["draws"], 300);
    assert_eq!(doc["options"]["seed"], 7);
    assert_eq!(doc["options"]["sensitivity"], true);
    let results = doc["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    let bands = ["critical", "weak", "moderate", "strong", "very_strong"];
    let pillars = ["citizenship", "security", "justice", "civil_society"];
    for r in results {
        // The result contract is all there...
        for key in ["id", "overall", "nodes", "red_flags", "weakest", "warnings"] {
            assert!(r.get(key).is_some(), "{key} missing");
        }
        // ...with the analysis after it.
        let u = &r["uncertainty"];
        assert_eq!(
            (u["draws"].as_u64(), u["seed"].as_u64()),
            (Some(300), Some(7))
        );
        let nodes = u["nodes"].as_object().unwrap();
        assert_eq!(nodes.len(), pillars.len());
        for s in std::iter::once(&u["overall"]).chain(nodes.values()) {
            let (lo, mid, hi) = (num(&s["p05"]), num(&s["median"]), num(&s["p95"]));
            assert!(lo <= mid && mid <= hi, "{s}");
            let b = s["bands"].as_object().unwrap();
            assert_eq!(b.len(), bands.len());
            let total: f64 = b.values().map(num).sum::<f64>() + num(&s["unscored"]);
            assert!((total - 1.0).abs() < 1e-9, "{s}");
        }
        let rank = &u["rank"];
        assert!(
            num(&rank["p05"]) <= num(&rank["median"]) && num(&rank["median"]) <= num(&rank["p95"])
        );

        let sens = r["sensitivity"].as_array().unwrap();
        let inputs: Vec<&str> = sens.iter().map(|s| s["input"].as_str().unwrap()).collect();
        assert_eq!(
            inputs,
            [
                "scores:citizenship",
                "scores:security",
                "scores:justice",
                "scores:civil_society",
                "weights",
                "method",
                "missing"
            ]
        );
        for s in sens {
            let ci = &s["ci"];
            assert_eq!(ci["first_order"].as_array().unwrap().len(), 2);
            assert!(
                num(&ci["total"][0]) <= num(&s["total"])
                    && num(&s["total"]) <= num(&ci["total"][1])
            );
        }

        let lev = r["leverage"].as_array().unwrap();
        assert!(!lev.is_empty());
        // Ranked by gain; gains within a billionth of a point are ties (broken by other rules).
        for w in lev.windows(2) {
            assert!(num(&w[0]["gain_one_step"]) >= num(&w[1]["gain_one_step"]) - 1e-9);
        }
        for l in lev {
            for key in ["indicator", "value", "next", "gain_one_step", "gain_to_top"] {
                assert!(l.get(key).is_some(), "{key} missing in {l}");
            }
            assert!(
                num(&l["gain_to_top"]) >= num(&l["gain_one_step"])
                    && num(&l["gain_one_step"]) >= 0.0
            );
        }
    }
    // Objects keep framework order (serde_json's map here sorts keys, so read the text).
    let analysis = &out[out.find("\"uncertainty\"").unwrap()..];
    in_order(analysis, &bands);
    in_order(&analysis[analysis.find("\"nodes\"").unwrap()..], &pillars);
    // The Kisumu assessment scores highest: ranked first in most draws.
    assert_eq!(results[1]["id"], "kisumu-2026-03");
    assert_eq!(results[1]["uncertainty"]["rank"]["median"], 1.0);
}

#[test]
fn a_seed_gives_the_same_output_and_another_seed_another() {
    let a = analyse(&["--draws", "200", "--seed", "3", "--compact", ONE]);
    let b = analyse(&["--draws", "200", "--seed", "3", "--compact", ONE]);
    assert_eq!(a, b);
    let c = analyse(&["--draws", "200", "--seed", "4", "--compact", ONE]);
    assert_ne!(a, c);
    let doc: Value = serde_json::from_str(&a).unwrap();
    let r = &doc["results"][0];
    // One assessment: no rank.
    assert!(r["uncertainty"].get("rank").is_none());
    assert_eq!(r["id"], "nakuru-2026-03");
}

#[test]
fn options_file_and_flags() {
    let dir = std::env::temp_dir().join(format!("resilience-analysis-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let opts = dir.join("options.json");
    std::fs::write(
        &opts,
        r#"{"draws": 50, "seed": 9, "perturb": ["weights"], "sensitivity": false}"#,
    )
    .unwrap();
    let opts = opts.to_str().unwrap();
    let out = analyse(&["--options", opts, "--draws", "60", ONE]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["options"]["draws"], 60);
    assert_eq!(doc["options"]["seed"], 9);
    assert_eq!(doc["options"]["perturb"], serde_json::json!(["weights"]));
    assert_eq!(doc["results"][0]["sensitivity"], Value::Null);

    std::fs::write(
        dir.join("bad.json"),
        r#"{"perturb": ["noise"], "bootstrap": -2}"#,
    )
    .unwrap();
    let bad = dir.join("bad.json");
    let (code, _, err) = cli(&["analyse", "--options", bad.to_str().unwrap(), ONE]);
    assert_eq!(code, 2);
    assert!(
        err.contains("$.perturb[0]: unknown perturbation \"noise\""),
        "{err}"
    );
    assert!(err.contains("$.bootstrap: must be a whole number"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn draws_out_of_range_are_refused() {
    for n in ["0", "100001"] {
        let (code, out, err) = cli(&["analyse", "--draws", n, ONE]);
        assert_eq!(code, 2, "{err}");
        assert!(out.is_empty());
        assert!(
            err.contains("--draws: must be a whole number from 1 to 100000"),
            "{err}"
        );
        assert!(err.contains("invalid_argument"), "{err}");
    }
    let (code, _, err) = cli(&["analyse", "--seed", "x", ONE]);
    assert_eq!(code, 2);
    assert!(err.contains("--seed takes a whole number"), "{err}");
}
