//! What the results say beside the score (issue #16): the early-warning alert, the warning
//! signs by answer, the low-confidence scores that drive a pillar, and which risk factors of
//! the UN Framework of Analysis the scored indicators inform.
#![cfg(not(target_arch = "wasm32"))]

use resilience::assessment::read_assessments;
use resilience::csv_input::read_csv;
use resilience::framework::{Framework, DEFAULT_FRAMEWORK_JSON};
use resilience::pipeline::score_batch;
use resilience::result::Results;
use resilience::{Assessment, Value};
use serde_json::json;

fn fw() -> Framework {
    Framework::from_value(&serde_json::from_str(DEFAULT_FRAMEWORK_JSON).unwrap()).unwrap()
}

/// The results of `batch` as serde_json values, one per assessment.
fn results(fw: &Framework, batch: &[Assessment]) -> Vec<serde_json::Value> {
    let scored = score_batch(fw, batch);
    let out = serde_json::to_value(Results {
        fw,
        batch,
        scored: &scored,
    })
    .unwrap();
    out["results"].as_array().unwrap().clone()
}

/// One assessment: every indicator at `all`, except those in `scores`; with `context` and
/// `evidence` as given.
fn one(
    fw: &Framework,
    all: u32,
    scores: serde_json::Value,
    context: serde_json::Value,
    evidence: serde_json::Value,
) -> serde_json::Value {
    let mut s = serde_json::Map::new();
    for &n in &fw.indicators {
        s.insert(fw.nodes[n].id.clone(), json!(all));
    }
    for (k, v) in scores.as_object().unwrap() {
        s.insert(k.clone(), v.clone());
    }
    let a = json!({"id": "a", "scores": s, "context": context, "evidence": evidence});
    let v: Value = serde_json::from_value(a).unwrap();
    let batch = read_assessments(&v, fw).unwrap();
    results(fw, &batch).remove(0)
}

fn justice_at_1() -> serde_json::Value {
    json!({"justice.independence": 1, "justice.impartiality": 1, "justice.access": 1,
           "justice.effectiveness": 1, "justice.past_abuses": 1, "justice.compliance": 1,
           "justice.public_trust": 1})
}

#[test]
fn a_trigger_and_an_alarm_raise_the_alert() {
    let fw = fw();
    // One respondent of three puts the use of force at the bottom: an alarm, no cap; every
    // pillar strong.
    let r = one(
        &fw,
        3,
        json!({"security.lawful_force": [0, 3, 3]}),
        json!({"elections_census": {"status": "present", "date": "2026-08"}}),
        json!({}),
    );
    assert_eq!(r["overall"]["band"], "strong");
    assert_eq!(
        r["early_warning"],
        json!({"signs": ["elections_census"],
               "reasons": [{"code": "alarm", "node": "security.lawful_force", "kind": "respondent_at_bottom"}]})
    );
    // It heads the result, before the score it qualifies.
    let v: Value = serde_json::from_str(EXAMPLE_INPUT).unwrap();
    let batch = read_assessments(&v, &fw).unwrap();
    let scored = score_batch(&fw, &batch);
    let text = serde_json::to_string(&Results {
        fw: &fw,
        batch: &batch,
        scored: &scored,
    })
    .unwrap();
    assert!(
        text.starts_with(r#"{"framework":{"id":"resilience-default","version":"2.1.0"},"results":[{"id":"b","unit":null,"date":null,"early_warning":{"signs":["hate_speech"],"reasons":[{"code":"alarm","node":"citizenship.elite_rhetoric","kind":"at_bottom"}"#),
        "{text}"
    );
}

const EXAMPLE_INPUT: &str = r#"{"id": "b", "scores": {"citizenship.elite_rhetoric": 0},
    "context": {"hate_speech": {"status": "present"}}}"#;

#[test]
fn a_trigger_and_a_weak_pillar_raise_the_alert() {
    let fw = fw();
    let r = one(
        &fw,
        3,
        justice_at_1(),
        json!({"commemorations": {"status": "present"}, "hate_speech": {"status": "absent"}}),
        json!({}),
    );
    assert_eq!(r["alarms"], json!([]));
    assert_eq!(r["nodes"]["justice"]["band"], "weak");
    assert_eq!(
        r["early_warning"],
        json!({"signs": ["commemorations"],
               "reasons": [{"code": "band", "node": "justice", "band": "weak"}]})
    );
    // A critical pillar too, and the band shown is the capped one: an alarm at the bottom caps
    // security at "weak" although its score is strong.
    let r = one(
        &fw,
        3,
        json!({"security.monopoly_of_force": 0}),
        json!({"militia_mobilisation": {"status": "present"}}),
        json!({}),
    );
    assert_eq!(r["nodes"]["security"]["band_uncapped"], "strong");
    assert_eq!(
        r["early_warning"]["reasons"],
        json!([{"code": "alarm", "node": "security.monopoly_of_force", "kind": "at_bottom"},
               {"code": "band", "node": "security", "band": "weak"}])
    );
    let r = one(
        &fw,
        0,
        json!({}),
        json!({"arms_buildup": {"status": "present"}}),
        json!({}),
    );
    let bands: Vec<&serde_json::Value> = r["early_warning"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["code"] == "band")
        .map(|x| &x["band"])
        .collect();
    assert_eq!(bands, [&json!("critical"); 4]);
}

#[test]
fn no_alert_with_a_trigger_but_a_sound_structure() {
    let fw = fw();
    // Every pillar moderate, no alarm.
    let r = one(
        &fw,
        2,
        json!({}),
        json!({"elections_census": {"status": "present"}, "irregular_power_change": {"status": "present"}}),
        json!({}),
    );
    assert_eq!(r["overall"]["band"], "moderate");
    assert_eq!(r["early_warning"], serde_json::Value::Null);
    // The signs present are shown beside the score all the same.
    assert_eq!(
        r["context"]["present"],
        json!([{"id": "elections_census", "kind": "trigger"}, {"id": "irregular_power_change", "kind": "trigger"}])
    );
}

#[test]
fn no_alert_with_an_alarm_but_no_sign_present() {
    let fw = fw();
    // An alarm and a weak pillar, but the signs are absent or unknown: "unknown" is not present.
    let mut ctx = serde_json::Map::new();
    for (k, item) in fw.context.iter().enumerate() {
        let status = if k % 2 == 0 { "unknown" } else { "absent" };
        ctx.insert(item.id.clone(), json!({"status": status}));
    }
    let mut scores = justice_at_1();
    scores["security.lawful_force"] = json!(0);
    let r = one(&fw, 3, scores, json!(ctx), json!({}));
    assert_eq!(r["alarms"][0]["kind"], "at_bottom");
    assert_eq!(r["nodes"]["justice"]["band"], "weak");
    assert_eq!(r["early_warning"], serde_json::Value::Null);
    assert_eq!(r["context"]["present"], json!([]));
    assert_eq!(r["context"]["unknown"].as_array().unwrap().len(), 7);
    assert_eq!(r["context"]["absent"].as_array().unwrap().len(), 7);
    assert_eq!(r["context"]["not_assessed"], json!([]));
    // Nothing answered: the same.
    let r = one(&fw, 0, json!({}), json!({}), json!({}));
    assert_eq!(r["early_warning"], serde_json::Value::Null);
    assert_eq!(r["context"]["not_assessed"].as_array().unwrap().len(), 14);
}

#[test]
fn a_pillar_without_a_score_cannot_show_the_structure_is_sound() {
    let fw = fw();
    // Asking about the security forces was unsafe: no security score; a sign is present.
    let mut scores = serde_json::Map::new();
    for &n in &fw.indicators {
        let id = &fw.nodes[n].id;
        if id.starts_with("security.") {
            scores.insert(id.clone(), json!({"missing": "unsafe_to_ask"}));
        }
    }
    let r = one(
        &fw,
        3,
        json!(scores),
        json!({"security_mobilisation": {"status": "present"}}),
        json!({}),
    );
    assert_eq!(r["nodes"]["security"]["score"], serde_json::Value::Null);
    assert_eq!(
        r["early_warning"]["reasons"],
        json!([{"code": "unscored", "node": "security"}])
    );
    // A pillar that does not apply at all is not a reason.
    for v in scores.values_mut() {
        *v = json!({"missing": "not_applicable"});
    }
    let r = one(
        &fw,
        3,
        json!(scores),
        json!({"security_mobilisation": {"status": "present"}}),
        json!({}),
    );
    assert_eq!(r["early_warning"], serde_json::Value::Null);
}

#[test]
fn the_alert_from_csv_input() {
    let fw = fw();
    let mut header = vec!["id".to_string()];
    let mut row = vec!["x".to_string()];
    for &n in &fw.indicators {
        let id = fw.nodes[n].id.clone();
        row.push(if id.starts_with("justice.") { "1" } else { "3" }.into());
        header.push(id);
    }
    header.push("context.elections_census".into());
    row.push("present".into());
    let text = format!("{}\n{}\n", header.join(","), row.join(","));
    let batch = read_csv(&text, &fw).unwrap();
    let r = results(&fw, &batch).remove(0);
    assert_eq!(r["early_warning"]["signs"], json!(["elections_census"]));
    assert_eq!(r["early_warning"]["reasons"][0]["node"], "justice");
}

#[test]
fn low_confidence_scores_that_drive_a_pillar_are_listed() {
    let fw = fw();
    let r = one(
        &fw,
        3,
        json!({"justice.access": 1, "justice.independence": 1, "citizenship.legal_equality": 4,
               "civil_society.media": 2, "civil_society.capacity": 2, "security.pay_integrity": {"missing": "not_applicable"}}),
        json!({}),
        json!({"justice.access": {"confidence": "low"},
               // Tied with justice.access, but not low: not listed.
               "justice.independence": {"confidence": "high"},
               // Low, but at the top of its pillar: it drives nothing.
               "citizenship.legal_equality": {"confidence": "low"},
               // Low and tied lowest with a medium one: listed.
               "civil_society.media": {"confidence": "low", "source": "media"},
               // Not applicable: not scored, drives nothing.
               "security.pay_integrity": {"confidence": "low"}}),
    );
    assert_eq!(
        r["low_confidence"],
        json!([{"indicator": "justice.access", "pillar": "justice", "score": 25.0},
               {"indicator": "civil_society.media", "pillar": "civil_society", "score": 50.0}])
    );
    // None without low confidence.
    let r = one(
        &fw,
        1,
        json!({}),
        json!({}),
        json!({"justice.access": {"confidence": "medium"}}),
    );
    assert_eq!(r["low_confidence"], json!([]));
    // With equal weights, the lowest score drives; the weight counts when they differ.
    let custom = Framework::from_value(
        &serde_json::from_str(
            r#"{"id": "w", "version": "1", "title": {"en": "W"}, "bands": [{"id": "all", "min": 0}],
                "root": {"id": "r", "title": {"en": "R"}, "children": [
                  {"id": "p", "title": {"en": "P"}, "children": [
                    {"id": "heavy", "title": {"en": "H"}, "weight": 3, "scale": {"min": 0, "max": 4}},
                    {"id": "light", "title": {"en": "L"}, "weight": 1, "scale": {"min": 0, "max": 4}}]}]}}"#,
        )
        .unwrap(),
    )
    .unwrap();
    let v: Value = serde_json::from_str(
        r#"{"id": "a", "scores": {"heavy": 2, "light": 0},
            "evidence": {"heavy": {"confidence": "low"}, "light": {"confidence": "low"}}}"#,
    )
    .unwrap();
    let batch = read_assessments(&v, &custom).unwrap();
    let r = results(&custom, &batch).remove(0);
    // heavy: 3/4 × 50 = 37.5 off the pillar; light: 1/4 × 100 = 25.
    assert_eq!(
        r["low_confidence"],
        json!([{"indicator": "heavy", "pillar": "p", "score": 50.0}])
    );
    assert_eq!(r["context"], serde_json::Value::Null);
    assert_eq!(r["foa_coverage"], serde_json::Value::Null);
}

#[test]
fn foa_coverage_of_a_partial_assessment() {
    let fw = fw();
    let v: Value = serde_json::from_str(
        r#"{"id": "partial", "scores": {
              "citizenship.legal_equality": 2,
              "security.monopoly_of_force": [1, 3],
              "justice.compliance": 4,
              "justice.access": {"missing": "not_applicable"},
              "civil_society.media": {"missing": "dont_know"},
              "civil_society.early_warning": null}}"#,
    )
    .unwrap();
    let batch = read_assessments(&v, &fw).unwrap();
    let r = results(&fw, &batch).remove(0);
    // By hand, from the framework's mapping:
    //   citizenship.legal_equality: 9.1, 3.1, 3.6
    //   security.monopoly_of_force: 7.5, 5.5
    //   justice.compliance: 3.3, 7.2
    //   justice.access (not applicable), civil_society.media (don't know),
    //   civil_society.early_warning (not scored): nothing.
    assert_eq!(
        r["foa_coverage"],
        json!({
            "informed": [
                {"risk_factor": "3", "foa": ["3.1", "3.3", "3.6"],
                 "indicators": ["citizenship.legal_equality", "justice.compliance"]},
                {"risk_factor": "5", "foa": ["5.5"], "indicators": ["security.monopoly_of_force"]},
                {"risk_factor": "7", "foa": ["7.2", "7.5"],
                 "indicators": ["security.monopoly_of_force", "justice.compliance"]},
                {"risk_factor": "9", "foa": ["9.1"], "indicators": ["citizenship.legal_equality"]}
            ],
            "not_informed": ["1", "2", "4", "6", "8", "10", "11", "12", "13", "14"]
        })
    );
    // A full assessment informs the common risk factors the default maps, never 4 or 10 to 14:
    // those the analyst assesses directly.
    let r = one(&fw, 2, json!({}), json!({}), json!({}));
    assert_eq!(
        r["foa_coverage"]["not_informed"],
        json!(["4", "10", "11", "12", "13", "14"])
    );
}

/// The results of a batch with warning signs and evidence, pinned in a file:
/// `UPDATE_GOLDEN=1 cargo test --test prevention_results` rewrites it after an intended change.
#[test]
fn golden_results_with_signs_and_evidence() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/golden");
    let fw = fw();
    let input = std::fs::read_to_string(format!("{dir}/prevention-batch.json")).unwrap();
    let v: Value = serde_json::from_str(&input).unwrap();
    let batch = read_assessments(&v, &fw).unwrap();
    let scored = score_batch(&fw, &batch);
    let out = serde_json::to_string_pretty(&Results {
        fw: &fw,
        batch: &batch,
        scored: &scored,
    })
    .unwrap()
        + "\n";
    let path = format!("{dir}/prevention-batch.out.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &out).unwrap();
    }
    assert_eq!(
        out,
        std::fs::read_to_string(&path).unwrap(),
        "{path} differs; UPDATE_GOLDEN=1 if intended"
    );
    // What it pins: an alert on the first (signs present, an alarm, weak pillars), none on the
    // second (a trigger, but every pillar strong).
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        r["results"][0]["early_warning"]["signs"],
        json!(["hate_speech", "elections_census"])
    );
    assert_eq!(r["results"][1]["early_warning"], serde_json::Value::Null);
    assert_eq!(
        r["results"][1]["context"]["present"][0]["id"],
        "commemorations"
    );
}
