//! The default framework's prevention content (version 2.1.0, issue #16): its mapping to the UN
//! Framework of Analysis for Atrocity Crimes (2014), the fourteen risk factors, the
//! warning-signs instrument, the prevention measures and their sources; and its scores, the
//! same bits as version 2.0.0's for the same input.
#![cfg(not(target_arch = "wasm32"))]

use resilience::assessment::read_assessments;
use resilience::framework::{ContextKind, Framework, Kind, DEFAULT_FRAMEWORK_JSON};
use resilience::pipeline::score_batch;
use serde_json::Value;

const DEFAULT: &str = include_str!("../src/framework/default.json");
const V2_0_0: &str = include_str!("fixtures/frameworks/resilience-default-2.0.0.json");
const LANGS: [&str; 2] = ["en", "fr"];

/// How many risk indicators each common risk factor (1 to 9) has in the 2014 text: a reference
/// beyond them does not exist.
const FOA_INDICATORS: [(u32, u32); 9] = [
    (1, 11),
    (2, 8),
    (3, 10),
    (4, 9),
    (5, 8),
    (6, 11),
    (7, 14),
    (8, 12),
    (9, 6),
];

fn json() -> Value {
    serde_json::from_str(DEFAULT).unwrap()
}

fn framework(text: &str) -> Framework {
    Framework::from_value(&serde_json::from_str(text).unwrap()).unwrap()
}

fn indicators(fw: &Value) -> Vec<&Value> {
    fw["root"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["children"].as_array().unwrap())
        .collect()
}

/// `text[lang]`, which must be a non-empty string.
fn text<'a>(v: &'a Value, lang: &str) -> &'a str {
    let s = v[lang]
        .as_str()
        .unwrap_or_else(|| panic!("no {lang} text in {v}"));
    assert!(!s.trim().is_empty(), "empty {lang} text in {v}");
    s
}

/// Every string in a JSON tree.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|x| strings(x, out)),
        Value::Object(fields) => fields.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn version_2_1_0_validates_and_is_the_embedded_one() {
    let fw = framework(DEFAULT);
    assert_eq!(fw.id, "resilience-default");
    assert_eq!(
        fw.version, "2.1.0",
        "new optional content only: a minor version"
    );
    assert_eq!(fw, framework(DEFAULT_FRAMEWORK_JSON));
    assert_eq!(fw.warnings(), []);
    let ids: Vec<&str> = fw
        .alert_bands
        .as_ref()
        .unwrap()
        .iter()
        .map(|&b| fw.bands[b].id.as_str())
        .collect();
    assert_eq!(ids, ["critical", "weak"]);
    // The previous version is the same tree without the new fields.
    let old = framework(V2_0_0);
    assert_eq!(old.version, "2.0.0");
    assert_eq!(old.nodes.len(), fw.nodes.len());
    assert!(old.risk_factors.is_empty() && old.context.is_empty());
}

#[test]
fn fourteen_risk_factors_titled_in_every_language() {
    let fw = json();
    let rf = fw["risk_factors"].as_array().unwrap();
    let ids: Vec<&str> = rf.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let want: Vec<String> = (1..=14).map(|k| k.to_string()).collect();
    assert_eq!(ids, want);
    for lang in LANGS {
        let mut seen = std::collections::BTreeSet::new();
        for r in rf {
            assert!(seen.insert(text(&r["title"], lang).to_lowercase()), "{r}");
        }
    }
    // The factor specific to each crime says which one.
    for (id, en, fr) in [
        (9, "", ""),
        (10, "genocide", "génocide"),
        (11, "crimes against humanity", "crimes contre l’humanité"),
        (12, "crimes against humanity", "crimes contre l’humanité"),
        (13, "war crimes", "crimes de guerre"),
        (14, "war crimes", "crimes de guerre"),
    ] {
        assert!(text(&rf[id - 1]["title"], "en").contains(en));
        assert!(text(&rf[id - 1]["title"], "fr").contains(fr));
    }
}

#[test]
fn every_indicator_cites_risk_indicators_that_exist() {
    let fw = json();
    let inds = indicators(&fw);
    assert_eq!(inds.len(), 28);
    for ind in inds {
        let foa = ind["foa"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: no foa", ind["id"]));
        assert!(!foa.is_empty() && foa.len() <= 3, "{}", ind["id"]);
        for r in foa {
            let r = r.as_str().unwrap();
            // Each names one risk indicator: "9.1", not a whole risk factor.
            let (f, k) = r
                .split_once('.')
                .unwrap_or_else(|| panic!("{}: {r}", ind["id"]));
            let (f, k): (u32, u32) = (f.parse().unwrap(), k.parse().unwrap());
            let (_, count) = FOA_INDICATORS
                .iter()
                .find(|(x, _)| *x == f)
                .unwrap_or_else(|| panic!("{}: {r} is not a common risk factor", ind["id"]));
            assert!(k >= 1 && k <= *count, "{}: {r} does not exist", ind["id"]);
        }
        // A source that quotes the Framework of Analysis quotes the same numbers.
        for s in ind["sources"].as_array().unwrap() {
            let s = s.as_str().unwrap();
            let Some(at) = s.find("risk indicator") else {
                continue;
            };
            for word in s[at..].split(|c: char| !(c.is_ascii_digit() || c == '.')) {
                let word = word.trim_end_matches('.');
                if word.contains('.') && word.split('.').all(|p| !p.is_empty()) {
                    assert!(
                        foa.iter().any(|r| r == word),
                        "{}: the source cites {word}, the foa field {foa:?}",
                        ind["id"]
                    );
                }
            }
        }
    }
}

#[test]
fn the_warning_signs_come_from_risk_factors_7_and_8() {
    let fw = json();
    let items = fw["context"].as_array().unwrap();
    assert!((8..=14).contains(&items.len()), "{}", items.len());
    let mut ids = std::collections::BTreeSet::new();
    for item in items {
        let id = item["id"].as_str().unwrap();
        assert!(ids.insert(id), "{id} twice");
        assert!(
            id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{id}"
        );
        let foa: Vec<&str> = item["foa"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        let factor = match item["kind"].as_str().unwrap() {
            "sign" => "7.",
            "trigger" => "8.",
            other => panic!("{id}: kind {other}"),
        };
        assert!(foa.iter().any(|r| r.starts_with(factor)), "{id}: {foa:?}");
        for r in &foa {
            let (f, k) = r.split_once('.').unwrap();
            let count = FOA_INDICATORS
                .iter()
                .find(|(x, _)| x.to_string() == f)
                .unwrap()
                .1;
            assert!((1..=count).contains(&k.parse().unwrap()), "{id}: {r}");
        }
        for lang in LANGS {
            text(&item["title"], lang);
            text(&item["guidance"], lang);
            assert!(
                text(&item["guidance"], lang).starts_with(if lang == "en" {
                    "Present if"
                } else {
                    "Présent si"
                }),
                "{id} {lang}: the guidance says when to answer present"
            );
        }
    }
    let fw = framework(DEFAULT);
    assert!(fw.context.iter().any(|c| c.kind == ContextKind::Sign));
    assert!(fw.context.iter().any(|c| c.kind == ContextKind::Trigger));
    // The examples the issue names are there.
    for id in [
        "militia_mobilisation",
        "hate_speech",
        "arms_buildup",
        "elections_census",
        "commemorations",
        "irregular_power_change",
    ] {
        assert!(fw.context_index(id).is_some(), "{id}");
    }
}

#[test]
fn one_to_three_measures_per_indicator_each_with_its_document() {
    let fw = json();
    for ind in indicators(&fw) {
        let measures = ind["measures"].as_array().unwrap();
        assert!((1..=3).contains(&measures.len()), "{}", ind["id"]);
        for lang in LANGS {
            let mut seen = std::collections::BTreeSet::new();
            for m in measures {
                assert!(seen.insert(text(&m["title"], lang)), "{}", ind["id"]);
            }
        }
        for m in measures {
            // A document: its author or body, then its year in brackets, then its title.
            let s = m["source"].as_str().unwrap();
            let open = s.find('(').unwrap_or_else(|| panic!("{}: {s}", ind["id"]));
            let year = &s[open + 1..open + 5];
            assert!(
                open > 2 && year.bytes().all(|b| b.is_ascii_digit()),
                "{}: {s}",
                ind["id"]
            );
            assert_eq!(&s[open + 5..open + 8], "), ", "{}: {s}", ind["id"]);
            assert!(s.len() > open + 20, "{}: {s}", ind["id"]);
        }
    }
    // Read into the engine as well.
    let fw = framework(DEFAULT);
    for &n in &fw.indicators {
        let Kind::Indicator(ind) = &fw.nodes[n].kind else {
            panic!()
        };
        assert!(!ind.foa.is_empty() && !ind.measures.is_empty());
    }
}

#[test]
fn the_measures_cover_the_prevention_tools_the_issue_names() {
    let fw = json();
    let mut all = String::new();
    for ind in indicators(&fw) {
        for m in ind["measures"].as_array().unwrap() {
            all.push_str(text(&m["title"], "en"));
            all.push('\n');
        }
    }
    for tool in [
        "peace committees",
        "national human rights institution",
        "dealing with the past",
        "disarmament, demobilisation and reintegration",
        "focal point for the responsibility to protect",
        "mediat",
        "civil society",
        "early-warning and response mechanism",
        "parliament’s defence and security committee",
    ] {
        assert!(all.contains(tool), "no measure mentions {tool:?}");
    }
}

#[test]
fn no_file_numbers_and_every_source_names_its_document() {
    let fw = json();
    let mut all = Vec::new();
    strings(&fw, &mut all);
    for s in &all {
        assert!(!s.to_lowercase().contains("seed"), "{s}");
    }
    // The workshop report is named with the bodies that held it.
    for ind in indicators(&fw) {
        for s in ind["sources"].as_array().unwrap() {
            let s = s.as_str().unwrap();
            if s.contains("Ten Years of the Responsibility to Protect") {
                assert!(s.starts_with("Global Centre for the Responsibility to Protect, South Africa and Sweden (2015), "), "{s}");
            }
        }
    }
}

/// A small deterministic generator (xorshift), so that the batch is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn scores_are_the_same_bits_as_version_2_0_0() {
    let (new, old) = (framework(DEFAULT), framework(V2_0_0));
    // A batch with every kind of answer: one or several respondents, reasons, gaps, zeros.
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut assessments = Vec::new();
    for a in 0..60 {
        let mut scores = serde_json::Map::new();
        for &n in &new.indicators {
            let id = new.nodes[n].id.clone();
            let v = match rng.next() % 12 {
                0 => Value::Null,
                1 => serde_json::json!({"missing": "not_applicable"}),
                2 => serde_json::json!({"missing": "dont_know"}),
                3 | 4 => serde_json::json!([rng.next() % 5, rng.next() % 5, rng.next() % 5]),
                _ => serde_json::json!(rng.next() % 5),
            };
            scores.insert(id, v);
        }
        assessments.push(serde_json::json!({"id": format!("a{a}"), "scores": scores}));
    }
    let input: resilience::Value =
        serde_json::from_value(serde_json::json!({"assessments": assessments})).unwrap();
    let batch_new = read_assessments(&input, &new).unwrap();
    let batch_old = read_assessments(&input, &old).unwrap();
    assert_eq!(batch_new, batch_old);
    let (s_new, s_old) = (score_batch(&new, &batch_new), score_batch(&old, &batch_old));
    for (a, b) in s_new.iter().zip(&s_old) {
        let bits = |s: &resilience::pipeline::Scored| -> Vec<(u64, u64, bool)> {
            s.nodes
                .iter()
                .map(|n| (n.score.to_bits(), n.coverage.to_bits(), n.applicable))
                .collect()
        };
        assert_eq!(bits(a), bits(b));
        assert_eq!(a.values, b.values);
        assert_eq!(a.alarms, b.alarms);
        assert_eq!(a.capped, b.capped);
        assert_eq!(a.red_flags, b.red_flags);
        assert_eq!(a.weakest, b.weakest);
        assert_eq!(a.warnings, b.warnings);
        for n in 0..new.nodes.len() {
            assert_eq!(a.band(&new, n), b.band(&old, n));
        }
    }
    // Some of the batch is at the bottom, some capped: the comparison saw every finding.
    assert!(s_new.iter().any(|s| !s.alarms.is_empty()));
    assert!(s_new.iter().any(|s| !s.capped.is_empty()));
}
