//! Scores that cannot hide an atrocity signal (issue #12), through the CLI's result contract:
//! critical indicators and their alarms, band caps, bands centred on the anchors, the weakest
//! pillars, missing answers with a reason, and the analysis's method, missing-data and leverage
//! rules. Each example an analyst tried is a test here.
#![cfg(not(target_arch = "wasm32"))]

use resilience::api;
use resilience::api::default_framework as fw;
use resilience::result::Results;
use resilience::Framework;
use resilience_analysis::{self as analysis, Options, Perturb};
use serde_json::{json, Value};

fn ids(fw: &Framework) -> Vec<String> {
    fw.indicators
        .iter()
        .map(|&n| fw.nodes[n].id.clone())
        .collect()
}

/// Every indicator at `all`, then the `set` ones as given (a number, a list, an object).
fn input(fw: &Framework, all: Value, set: &[(&str, Value)]) -> Value {
    let mut scores = serde_json::Map::new();
    for id in ids(fw) {
        scores.insert(id, all.clone());
    }
    for (id, v) in set {
        assert!(scores.contains_key(*id), "{id} is not an indicator");
        scores.insert(id.to_string(), v.clone());
    }
    json!({"id": "a", "unit": "Invented district", "date": "2026-01-01", "scores": scores})
}

/// The result of one assessment, as the CLI and the wasm API give it.
fn result(fw: &Framework, input: &Value) -> Value {
    let v = api::parse_json(&input.to_string()).unwrap();
    let batch = api::assessments_from_json(&v, fw).unwrap();
    let scored = api::score(fw, &batch);
    let doc = serde_json::to_value(Results {
        fw,
        batch: &batch,
        scored: &scored,
    })
    .unwrap();
    doc["results"][0].clone()
}

fn close(x: &Value, y: f64) -> bool {
    (x.as_f64().unwrap() - y).abs() < 1e-9
}

#[test]
fn the_default_framework_marks_critical_indicators_with_their_reason() {
    let fw = api::parse_json(resilience::framework::DEFAULT_FRAMEWORK_JSON).unwrap();
    let fw: Value = serde_json::to_value(&fw).unwrap();
    let mut critical = Vec::new();
    for pillar in fw["root"]["children"].as_array().unwrap() {
        assert!(
            pillar["cap_on_alarm"] == "weak",
            "{} caps at weak",
            pillar["id"]
        );
        for ind in pillar["children"].as_array().unwrap() {
            if ind["critical"] == true {
                critical.push(ind["id"].as_str().unwrap().to_string());
                let reason = ind["sources"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|s| s.as_str().unwrap().starts_with("Critical: "));
                assert!(reason, "{} gives no reason for being critical", ind["id"]);
            }
        }
    }
    assert_eq!(fw["root"]["cap_on_alarm"], "moderate");
    for id in [
        "security.lawful_force",
        "security.monopoly_of_force",
        "citizenship.elite_rhetoric",
        "civil_society.freedom_from_repression",
    ] {
        assert!(
            critical.iter().any(|c| c == id),
            "{id} is not critical: {critical:?}"
        );
    }
}

#[test]
fn state_killings_among_good_scores_cap_the_band_and_raise_an_alarm() {
    let fw = fw();
    let r = result(
        &fw,
        &input(&fw, json!(3), &[("security.lawful_force", json!(0))]),
    );
    // The score stays what the average says...
    assert!(close(
        &r["overall"]["score"],
        (75.0 * 3.0 + 75.0 * 6.0 / 7.0) / 4.0
    ));
    assert_eq!(
        format!("{:.1}", r["overall"]["score"].as_f64().unwrap()),
        "72.3"
    );
    // ...but the band cannot read "strong".
    assert_eq!(r["overall"]["band"], "moderate");
    assert_eq!(r["overall"]["band_uncapped"], "strong");
    assert_eq!(r["overall"]["capped_by"], json!(["security.lawful_force"]));
    assert_eq!(r["nodes"]["security"]["band"], "weak");
    assert_eq!(r["nodes"]["security"]["band_uncapped"], "strong");
    // Other pillars are not capped by another pillar's alarm.
    assert_eq!(r["nodes"]["justice"]["band"], "strong");
    assert!(r["nodes"]["justice"].get("capped_by").is_none());
    assert_eq!(
        r["alarms"],
        json!([{"indicator": "security.lawful_force", "kind": "at_bottom", "respondents_at_bottom": 1, "respondents": 1}])
    );
}

#[test]
fn one_informant_at_the_bottom_is_an_alarm_even_when_the_others_are_not() {
    let fw = fw();
    let r = result(
        &fw,
        &input(&fw, json!(3), &[("security.lawful_force", json!([0, 1]))]),
    );
    assert_eq!(
        r["alarms"],
        json!([{"indicator": "security.lawful_force", "kind": "respondent_at_bottom", "respondents_at_bottom": 1, "respondents": 2}])
    );
    // Not at the bottom once combined (0.5): no cap.
    assert!(r["nodes"]["security"].get("capped_by").is_none());
    let r = result(
        &fw,
        &input(
            &fw,
            json!(3),
            &[("security.lawful_force", json!([0, 3, 3]))],
        ),
    );
    assert_eq!(
        r["alarms"],
        json!([{"indicator": "security.lawful_force", "kind": "respondent_at_bottom", "respondents_at_bottom": 1, "respondents": 3}])
    );
    // Two of three at the bottom: the median is the bottom.
    let r = result(
        &fw,
        &input(
            &fw,
            json!(3),
            &[("security.lawful_force", json!([0, 0, 3]))],
        ),
    );
    assert_eq!(r["alarms"][0]["kind"], "at_bottom");
    assert_eq!(r["alarms"][0]["respondents_at_bottom"], 2);
    // A non-critical indicator at 0 is a red flag, not an alarm.
    let r = result(
        &fw,
        &input(&fw, json!(3), &[("justice.effectiveness", json!(0))]),
    );
    assert_eq!(r["alarms"], json!([]));
    assert_eq!(r["red_flags"], json!(["justice.effectiveness"]));
}

#[test]
fn alarms_come_in_framework_order() {
    let fw = fw();
    let set = [
        ("civil_society.freedom_from_repression", json!(0)),
        ("citizenship.elite_rhetoric", json!([4, 0])),
        ("security.monopoly_of_force", json!(0)),
    ];
    let r = result(&fw, &input(&fw, json!(2), &set));
    let order: Vec<&str> = r["alarms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["indicator"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "citizenship.elite_rhetoric",
            "security.monopoly_of_force",
            "civil_society.freedom_from_repression"
        ]
    );
    // Both at-bottom alarms name the overall cap only where they lowered it (moderate is the
    // cap; the score alone is "moderate" already at 2s, so nothing is capped there).
    assert_eq!(r["overall"]["band"], "moderate");
    assert!(r["overall"].get("capped_by").is_none());
}

#[test]
fn bands_name_the_nearest_anchor() {
    let fw = fw();
    for (all, band) in [
        (0, "critical"),
        (1, "weak"),
        (2, "moderate"),
        (3, "strong"),
        (4, "very_strong"),
    ] {
        let r = result(&fw, &input(&fw, json!(all), &[]));
        assert_eq!(r["overall"]["band"], band, "all at {all}");
    }
}

#[test]
fn equal_pillars_have_no_weakest_and_ties_name_every_lowest() {
    let fw = fw();
    for all in [0, 2, 4] {
        let r = result(&fw, &input(&fw, json!(all), &[]));
        assert_eq!(r["weakest"], json!([]), "all at {all}");
    }
    let set = [
        ("justice.access", json!(0)),
        ("security.accountability", json!(0)),
    ];
    let r = result(&fw, &input(&fw, json!(3), &set));
    assert_eq!(r["weakest"], json!(["security", "justice"]));
    let r = result(&fw, &input(&fw, json!(3), &set[..1]));
    assert_eq!(r["weakest"], json!(["justice"]));
}

#[test]
fn missing_answers_keep_their_reason_and_not_applicable_leaves_coverage() {
    let fw = fw();
    let set = [
        ("justice.access", json!({"missing": "not_applicable"})),
        ("justice.compliance", json!({"missing": "dont_know"})),
        ("justice.effectiveness", json!({"missing": "unsafe_to_ask"})),
    ];
    let r = result(&fw, &input(&fw, json!(2), &set));
    let j = &r["nodes"]["justice"];
    // 7 indicators, one not applicable: 4 of the 6 that apply are scored.
    assert!(close(&j["coverage"], 4.0 / 6.0), "{j}");
    assert_eq!(r["nodes"]["justice.access"]["missing"], "not_applicable");
    assert_eq!(r["nodes"]["justice.access"]["reason"], "not applicable");
    assert_eq!(r["nodes"]["justice.compliance"]["missing"], "dont_know");
    assert_eq!(
        r["nodes"]["justice.effectiveness"]["missing"],
        "unsafe_to_ask"
    );
    assert!(r["nodes"]["justice.effectiveness"]["score"].is_null());
    // Not applicable alone: full coverage, as if the framework had 6 indicators there.
    let r = result(&fw, &input(&fw, json!(2), &set[..1]));
    assert!(close(&r["nodes"]["justice"]["coverage"], 1.0));
    assert!(!r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["node"] == "justice"));
    // A bad reason is named with its path.
    let bad = input(
        &fw,
        json!(2),
        &[("justice.access", json!({"missing": "later"}))],
    );
    let e =
        api::assessments_from_json(&api::parse_json(&bad.to_string()).unwrap(), &fw).unwrap_err();
    assert_eq!(e.issues[0].path, "$.scores[\"justice.access\"].missing");
    assert!(
        e.issues[0]
            .message
            .contains("dont_know, not_applicable, unsafe_to_ask"),
        "{e:?}"
    );
}

#[test]
fn missing_answers_in_csv_round_trip() {
    let fw = fw();
    let ids = ids(&fw);
    let mut csv = format!("id,unit,date,{}\n", ids.join(","));
    for (k, cells) in [["dk", "na", "UNSAFE"], ["2", "na", "unsafe"]]
        .iter()
        .enumerate()
    {
        let mut row = vec!["a".to_string(), "Unit".into(), "2026-01-01".into()];
        row.extend(cells.iter().map(|c| c.to_string()));
        row.extend((3..ids.len()).map(|i| ((i + k) % 5).to_string()));
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    let batch = api::assessments_from_csv(&csv, &fw).unwrap();
    let a = &batch[0];
    use resilience::assessment::Missing;
    // Respondent 2 scored the first: no reason. Both said na / unsafe.
    assert_eq!(a.missing_reason(0), None);
    assert_eq!(a.missing_reason(1), Some(Missing::NotApplicable));
    assert_eq!(a.missing_reason(2), Some(Missing::UnsafeToAsk));
    let out = resilience::csv_output::write_assessments_csv(&batch, &fw, &Default::default());
    assert_eq!(
        api::assessments_from_csv(&out, &fw).unwrap()[0].missing_reason(1),
        Some(Missing::NotApplicable)
    );
    let json = a.to_value(&fw);
    assert_eq!(
        api::assessments_from_json(&json, &fw).unwrap()[0].missing_reason(2),
        Some(Missing::UnsafeToAsk)
    );
    // A cell that is neither a number nor a reason is named by row and column.
    let bad = csv.replacen(",dk,", ",later,", 1);
    let e = api::assessments_from_csv(&bad, &fw).unwrap_err();
    assert!(e.issues[0].to_string().contains("row 2, column"), "{e:?}");
    assert!(e.issues[0].message.contains("dk (don't know)"), "{e:?}");
}

#[test]
fn mean_min_lies_between_the_minimum_and_the_mean() {
    let text = resilience::framework::DEFAULT_FRAMEWORK_JSON.replacen(
        "\"aggregation\":\"arithmetic\"",
        "\"aggregation\":\"mean_min\",\"alpha\":0.5,\"beta\":0",
        1,
    );
    assert_ne!(
        text,
        resilience::framework::DEFAULT_FRAMEWORK_JSON,
        "the root's aggregation was replaced"
    );
    let mm = api::framework(&api::parse_json(&text).unwrap()).unwrap();
    let fw = fw();
    let doc = input(&fw, json!(4), &[("justice.access", json!(0))]);
    let (plain, lowered) = (result(&fw, &doc), result(&mm, &doc));
    // Pillars 100, 100, 100·6/7, 100: mean M, minimum m; α = 0.5, β = 0 gives (M + m)/2.
    let (m, min) = ((300.0 + 600.0 / 7.0) / 4.0, 600.0 / 7.0);
    assert!(close(&plain["overall"]["score"], m));
    assert!(
        close(&lowered["overall"]["score"], (m + min) / 2.0),
        "{}",
        lowered["overall"]
    );
    // A framework that asks for mean_min without alpha, or with alpha out of range, is refused.
    let no_alpha = resilience::framework::DEFAULT_FRAMEWORK_JSON.replacen(
        "\"aggregation\":\"arithmetic\"",
        "\"aggregation\":\"mean_min\"",
        1,
    );
    let e = api::framework(&api::parse_json(&no_alpha).unwrap()).unwrap_err();
    assert_eq!(e.issues[0].to_string(), "$.root.alpha: is required");
    let big = text.replacen("\"alpha\":0.5", "\"alpha\":1.5", 1);
    let e = api::framework(&api::parse_json(&big).unwrap()).unwrap_err();
    assert_eq!(
        e.issues[0].to_string(),
        "$.root.alpha: must be between 0 and 1"
    );
}

#[test]
fn a_cap_must_name_a_band_and_a_critical_indicator_needs_a_scale() {
    let text = resilience::framework::DEFAULT_FRAMEWORK_JSON.replacen(
        "\"cap_on_alarm\":\"moderate\"",
        "\"cap_on_alarm\":\"orange\"",
        1,
    );
    let e = api::framework(&api::parse_json(&text).unwrap()).unwrap_err();
    assert_eq!(e.issues.len(), 1, "{e:?}");
    assert!(
        e.issues[0]
            .to_string()
            .starts_with("$.root.cap_on_alarm: unknown band \"orange\""),
        "{e:?}"
    );
    let custom = json!({"id": "x", "version": "1", "title": {"en": "X"}, "bands": [{"id": "low", "min": 0}],
        "root": {"id": "r", "title": {"en": "R"}, "children": [
            {"id": "i", "title": {"en": "I"}, "normalisation": "minmax", "critical": true},
            {"id": "j", "title": {"en": "J"}, "normalisation": "minmax", "critical": "yes"}]}});
    let e = api::framework(&api::parse_json(&custom.to_string()).unwrap()).unwrap_err();
    let text: Vec<String> = e.issues.iter().map(|i| i.to_string()).collect();
    assert!(
        text.iter().any(|t| t
            .starts_with("$.root.children[0].critical: a critical indicator needs a \"scale\"")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t == "$.root.children[1].critical: expected true or false, found a string"),
        "{text:?}"
    );
}

fn analyse(fw: &Framework, doc: &Value, perturb: Perturb) -> Value {
    let v = api::parse_json(&doc.to_string()).unwrap();
    let batch = api::assessments_from_json(&v, fw).unwrap();
    let scored = api::score(fw, &batch);
    let options = Options {
        draws: 1000,
        seed: 11,
        perturb,
        sensitivity: false,
        ..Options::default()
    };
    let out = analysis::analyse(fw, &batch, &scored, &options).unwrap();
    serde_json::to_value(&out[0]).unwrap()
}

#[test]
fn one_red_flag_among_threes_does_not_put_the_interval_at_zero() {
    let fw = fw();
    let doc = input(&fw, json!(3), &[("security.lawful_force", json!(0))]);
    let a = analyse(&fw, &doc, Perturb::ALL);
    let overall = &a["uncertainty"]["overall"];
    let p05 = overall["p05"].as_f64().unwrap();
    assert!(p05 > 50.0, "p05 of the overall is {p05}: {overall}");
    let security = &a["uncertainty"]["nodes"]["security"];
    assert!(security["p05"].as_f64().unwrap() > 30.0, "{security}");
}

#[test]
fn missing_answers_widen_the_interval_when_they_may_hide_a_low_score() {
    let fw = fw();
    let mut set: Vec<(&str, Value)> = [
        "justice.access",
        "justice.compliance",
        "justice.effectiveness",
    ]
    .iter()
    .map(|id| (*id, Value::Null))
    .collect();
    set.push(("justice.independence", json!(0)));
    let doc = input(&fw, json!(3), &set);
    let perturb = Perturb {
        missing: true,
        ..Perturb::NONE
    };
    let a = analyse(&fw, &doc, perturb);
    let j = &a["uncertainty"]["nodes"]["justice"];
    // Left out: (0 + 3·75)/4 = 56.25; imputed at the lowest (0): 225/7 = 32.1.
    assert!(close(&j["p95"], 56.25), "{j}");
    assert!(close(&j["p05"], 225.0 / 7.0), "{j}");
}

#[test]
fn unscored_answers_do_not_raise_an_items_leverage_and_are_listed_apart() {
    let fw = fw();
    let gaps: Vec<(&str, Value)> = [
        "citizenship.legal_identity",
        "citizenship.even_rights",
        "citizenship.tension_mechanisms",
    ]
    .iter()
    .map(|id| (*id, Value::Null))
    .collect();
    let full = analyse(&fw, &input(&fw, json!(2), &[]), Perturb::NONE);
    let with_gaps = analyse(&fw, &input(&fw, json!(2), &gaps), Perturb::NONE);
    let gain = |a: &Value, id: &str| {
        let l = a["leverage"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["indicator"] == id)
            .unwrap();
        l["gain_one_step"].as_f64().unwrap()
    };
    // One step (25 points) of 7 indicators of 4 pillars: 25/28 = 0.89, with or without gaps.
    assert!((gain(&full, "citizenship.legal_equality") - 25.0 / 28.0).abs() < 1e-9);
    assert!((gain(&with_gaps, "citizenship.legal_equality") - 25.0 / 28.0).abs() < 1e-9);
    assert_eq!(
        with_gaps["score_first"],
        json!([
            "citizenship.legal_identity",
            "citizenship.even_rights",
            "citizenship.tension_mechanisms"
        ])
    );
    assert_eq!(full["score_first"], json!([]));
    // "Not applicable" is not something to score first.
    let na = analyse(
        &fw,
        &input(
            &fw,
            json!(2),
            &[("justice.access", json!({"missing": "not_applicable"}))],
        ),
        Perturb::NONE,
    );
    assert_eq!(na["score_first"], json!([]));
}

#[test]
fn leverage_ties_put_critical_indicators_first_then_the_lowest() {
    let fw = fw();
    // Every indicator at 2 except two at 1 in justice: all one-step gains are equal.
    let doc = input(
        &fw,
        json!(2),
        &[
            ("justice.past_abuses", json!(1)),
            ("justice.public_trust", json!(1)),
        ],
    );
    let a = analyse(&fw, &doc, Perturb::NONE);
    let order: Vec<&str> = a["leverage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["indicator"].as_str().unwrap())
        .collect();
    let critical: Vec<String> = ids(&fw)
        .into_iter()
        .filter(|id| matches!(&fw.nodes[fw.node(id).unwrap()].kind, resilience::framework::Kind::Indicator(i) if i.critical))
        .collect();
    // The critical ones first, in framework order, then the two at 1, then the rest.
    assert_eq!(
        order[..critical.len()],
        critical.iter().map(String::as_str).collect::<Vec<_>>()[..]
    );
    assert_eq!(
        order[critical.len()..critical.len() + 2],
        ["justice.past_abuses", "justice.public_trust"]
    );
    assert!(a["leverage"][0]["critical"] == true);
}
