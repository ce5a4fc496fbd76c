//! Scores by group: each group's pillar scores and the gaps between groups equal an independent
//! computation (weighted means of the anchors on 0–100, from the framework file itself), and a
//! gap of two anchor steps or more on a critical indicator is an alarm.

use resilience::assessment::read_assessments;
use resilience::framework::{Framework, DEFAULT_FRAMEWORK_JSON};
use resilience::pipeline::score_batch;
use resilience::result::Results;
use serde_json::{json, Value as Json};

fn fw_json() -> Json {
    serde_json::from_str(DEFAULT_FRAMEWORK_JSON).unwrap()
}

/// Scores an assessment given as JSON text (its groups in the order written).
fn score(input: &str) -> Json {
    let fw = Framework::from_value(&serde_json::from_str(DEFAULT_FRAMEWORK_JSON).unwrap()).unwrap();
    let v: resilience::Value = serde_json::from_str(input).unwrap();
    let batch = read_assessments(&v, &fw).expect("valid");
    let scored = score_batch(&fw, &batch);
    let out = serde_json::to_value(Results {
        fw: &fw,
        batch: &batch,
        scored: &scored,
    })
    .unwrap();
    out["results"][0].clone()
}

/// The pillar's score computed from the framework file: Σ w·(100·v/4) / Σ w over the scored
/// indicators (every default pillar is an arithmetic mean on the 0–4 scale).
fn by_hand(pillar: &str, scores: &Json) -> f64 {
    let fw = fw_json();
    let p = fw["root"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == pillar)
        .unwrap()
        .clone();
    let (mut sum, mut weights) = (0.0, 0.0);
    for ind in p["children"].as_array().unwrap() {
        if let Some(v) = scores[ind["id"].as_str().unwrap()].as_f64() {
            let w = ind["weight"].as_f64().unwrap();
            sum += w * 100.0 * v / 4.0;
            weights += w;
        }
    }
    sum / weights
}

fn citizenship(values: [u8; 7]) -> Json {
    let fw = fw_json();
    let ids: Vec<String> = fw["root"]["children"][0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fw["root"]["children"][0]["id"], "citizenship");
    let mut m = serde_json::Map::new();
    for (id, v) in ids.iter().zip(values) {
        m.insert(id.clone(), json!(v));
    }
    Json::Object(m)
}

#[test]
fn group_scores_and_gaps_equal_a_computation_by_hand() {
    let women = citizenship([2, 1, 2, 1, 2, 3, 2]);
    let men = citizenship([3, 4, 3, 3, 2, 3, 3]);
    let displaced = citizenship([1, 0, 1, 2, 1, 1, 1]);
    let r = score(&format!(
        r#"{{"id": "g", "unit": "Region", "scores": {men},
        "groups": {{"Women": {{"scores": {women}}}, "Men": {{"scores": {men}}}, "Displaced people": {{"scores": {displaced}}}}}}}"#
    ));
    let groups = r["groups"].as_array().unwrap();
    assert_eq!(
        groups
            .iter()
            .map(|g| g["name"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["Women", "Men", "Displaced people"]
    );
    for (g, scores) in groups.iter().zip([&women, &men, &displaced]) {
        let got = g["pillars"]["citizenship"]["score"].as_f64().unwrap();
        assert!(
            (got - by_hand("citizenship", scores)).abs() < 1e-9,
            "{}: {got}",
            g["name"]
        );
    }
    let gap = &r["group_gaps"].as_array().unwrap()[0];
    assert_eq!(
        (
            gap["pillar"].as_str(),
            gap["best"].as_str(),
            gap["worst"].as_str()
        ),
        (Some("citizenship"), Some("Men"), Some("Displaced people"))
    );
    let want = by_hand("citizenship", &men) - by_hand("citizenship", &displaced);
    assert!((gap["gap"].as_f64().unwrap() - want).abs() < 1e-9);
    // Other pillars: nobody scored them, so no gap.
    assert_eq!(r["group_gaps"].as_array().unwrap().len(), 1);
}

#[test]
fn a_gap_of_two_steps_on_a_critical_indicator_is_an_alarm() {
    // citizenship.legal_identity (critical): men 4, displaced 0 → a gap of 4 steps, while the
    // whole population's answer (3) sounds no alarm of its own.
    let fw = fw_json();
    let critical: Vec<&str> = fw["root"]["children"][0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["critical"] == true)
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert!(critical.contains(&"citizenship.legal_identity"));
    let r = score(
        r#"{"id": "g", "scores": {"citizenship.legal_identity": 3},
        "groups": {"Men": {"scores": {"citizenship.legal_identity": 4}}, "Displaced people": {"scores": {"citizenship.legal_identity": 0}}}}"#,
    );
    let alarms = r["alarms"].as_array().unwrap();
    let gap = alarms
        .iter()
        .find(|a| a["kind"] == "group_gap")
        .expect("a group-gap alarm");
    assert_eq!(gap["indicator"], "citizenship.legal_identity");
    assert_eq!(
        (gap["worst_group"].as_str(), gap["best_group"].as_str()),
        (Some("Displaced people"), Some("Men"))
    );
    // The group at the bottom has its own alarm in its own results.
    let displaced = &r["groups"][1];
    assert_eq!(displaced["alarms"][0]["kind"], "at_bottom");

    // One step apart is not a gap; nor is a gap on an indicator that is not critical.
    let r = score(
        r#"{"id": "g", "scores": {},
        "groups": {"A": {"scores": {"citizenship.legal_identity": 2}}, "B": {"scores": {"citizenship.legal_identity": 3}}}}"#,
    );
    assert!(r["alarms"].as_array().unwrap().is_empty());
    let not_critical = fw["root"]["children"][0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["critical"] != true)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = score(&format!(
        r#"{{"id": "g", "scores": {{}}, "groups": {{"A": {{"scores": {{"{not_critical}": 0}}}}, "B": {{"scores": {{"{not_critical}": 4}}}}}}}}"#
    ));
    assert!(r["alarms"].as_array().unwrap().is_empty());
}

#[test]
fn group_answers_are_checked_and_written_back() {
    let fw = Framework::from_value(&serde_json::from_str(DEFAULT_FRAMEWORK_JSON).unwrap()).unwrap();
    let bad: resilience::Value = serde_json::from_str(
        r#"{"id": "g", "groups": {"": {"scores": {}}, "A": {"scores": {"nope": 1}},
        "B": {"scores": {"citizenship.legal_identity": 9}, "x": 1}, "C": 3}}"#,
    )
    .unwrap();
    let issues = read_assessments(&bad, &fw).unwrap_err();
    let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "$.groups[\"\"]",
            "$.groups.A.scores.nope",
            "$.groups.B.x",
            "$.groups.B.scores[\"citizenship.legal_identity\"]",
            "$.groups.C",
        ],
        "{issues:?}"
    );
    let good: resilience::Value = serde_json::from_value(json!({"id": "g", "scores": {},
        "groups": {"Women": {"scores": {"citizenship.legal_identity": [1, 2]}}}}))
    .unwrap();
    let a = read_assessments(&good, &fw).unwrap();
    let back = a[0].to_value(&fw);
    assert_eq!(
        serde_json::to_value(&back).unwrap()["groups"],
        json!({"Women": {"scores": {"citizenship.legal_identity": [1, 2]}}})
    );
}

#[test]
fn groups_in_csv_read_and_written() {
    let fw = Framework::from_value(&serde_json::from_str(DEFAULT_FRAMEWORK_JSON).unwrap()).unwrap();
    let text = "id,unit,date,group,citizenship.legal_identity,security.lawful_force\n\
                a,Region,2026-03,,3,2\n\
                a,Region,2026-03,Women,1,dk\n\
                a,,,Displaced people,0,\n\
                a,,,Women,2,\n\
                b,Other,,,4,4\n";
    let batch = resilience::csv_input::read_csv(text, &fw).expect("valid");
    let a = &batch[0];
    assert_eq!(
        a.groups.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
        ["Women", "Displaced people"]
    );
    let li = fw.indicator_index("citizenship.legal_identity").unwrap();
    let lf = fw.indicator_index("security.lawful_force").unwrap();
    assert_eq!(a.scores(li), [3.0]);
    assert_eq!(a.groups[0].scores(li), [1.0, 2.0]);
    assert!(a.groups[0].scores(lf).is_empty());
    assert!(a.groups[0].missing.iter().any(|m| m.0 == lf));
    assert_eq!(a.groups[1].scores(li), [0.0]);
    assert!(batch[1].groups.is_empty());
    // Written back and read again: the same assessments.
    let again = resilience::csv_input::read_csv(
        &resilience::csv_output::write_assessments_csv(&batch, &fw, &Default::default()),
        &fw,
    )
    .unwrap();
    assert_eq!(again, batch);
}
