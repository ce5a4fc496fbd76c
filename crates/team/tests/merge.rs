//! Properties of the team merge, for random teams of 2–6 assessors whose files overlap: each
//! assessor exports their answers once or several times while editing, and some files are
//! already merges of others.

use proptest::prelude::*;
use resilience::value::Value;
use resilience_team::merge;

const INDICATORS: [&str; 5] = [
    "citizenship.legal_equality",
    "security.lawful_force",
    "justice.independence",
    "civil_society.civic_space",
    "security.accountability",
];

/// One edit: (indicator, score, note?, minute).
type Edit = (usize, u8, Option<u8>, u8);

fn time(minute: u8) -> String {
    format!(
        "2026-11-{:02}T{:02}:{:02}:00.000Z",
        1 + minute / 100,
        (minute / 60) % 24,
        minute % 60
    )
}

fn s(x: &str) -> Value {
    Value::String(x.to_string())
}

/// An assessor's file after the first `upto` edits (later edits of an indicator replace earlier
/// ones on the device, as the form does).
fn solo_file(code: &str, edits: &[Edit], upto: usize, id: &str) -> Value {
    let mut scores: Vec<(String, Value)> = Vec::new();
    let mut notes: Vec<(String, Value)> = Vec::new();
    let mut edited: Vec<(String, Value)> = Vec::new();
    let mut updated = time(0);
    for &(i, score, note, minute) in &edits[..upto] {
        let key = INDICATORS[i].to_string();
        let set = |list: &mut Vec<(String, Value)>, v: Option<Value>| {
            list.retain(|(k, _)| *k != key);
            if let Some(v) = v {
                list.push((key.clone(), v));
            }
        };
        set(&mut scores, Some(Value::Number(f64::from(score))));
        set(&mut notes, note.map(|n| s(&format!("note {n}"))));
        set(&mut edited, Some(s(&time(minute))));
        updated = updated.max(time(minute));
    }
    Value::Object(vec![(
        "assessments".into(),
        Value::Array(vec![Value::Object(vec![
            ("id".into(), s(id)),
            ("unit".into(), s("Region A")),
            ("assessor".into(), s(code)),
            ("scores".into(), Value::Object(scores)),
            ("notes".into(), Value::Object(notes)),
            ("_edited".into(), Value::Object(edited)),
            ("_updated".into(), s(&updated)),
        ])]),
    )])
}

/// A team: per assessor, their edits in order and the points at which they exported.
fn team() -> impl Strategy<Value = Vec<(Vec<Edit>, Vec<usize>)>> {
    let edit = (
        0..INDICATORS.len(),
        0u8..=4,
        proptest::option::of(0u8..3),
        0u8..200,
    );
    let assessor = proptest::collection::vec(edit, 1..8).prop_flat_map(|mut edits| {
        // An assessor's own edits happen in time order.
        let mut minutes: Vec<u8> = edits.iter().map(|e| e.3).collect();
        minutes.sort();
        for (e, m) in edits.iter_mut().zip(minutes) {
            e.3 = m;
        }
        let n = edits.len();
        (Just(edits), proptest::collection::vec(1..=n, 1..3))
    });
    proptest::collection::vec(assessor, 2..=6)
}

fn files_of(team: &[(Vec<Edit>, Vec<usize>)]) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for (k, (edits, exports)) in team.iter().enumerate() {
        for (e, &upto) in exports.iter().enumerate() {
            out.push((
                format!("A{k}-{e}.json"),
                solo_file(&format!("A{k}"), edits, upto, "t-1"),
            ));
        }
    }
    out
}

fn merged(files: &[(String, Value)]) -> Value {
    merge(files).expect("valid files merge")
}

fn json(v: &Value) -> String {
    serde_json::to_string(v).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn order_does_not_matter(team in team(), seed in any::<u64>()) {
        let files = files_of(&team);
        let mut shuffled = files.clone();
        // A deterministic shuffle from the seed.
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(json(&merged(&files)), json(&merged(&shuffled)));
    }

    #[test]
    fn importing_twice_changes_nothing(team in team()) {
        let files = files_of(&team);
        let once = merged(&files);
        let mut twice = files.clone();
        twice.extend(files.iter().cloned());
        prop_assert_eq!(json(&once), json(&merged(&twice)));
        // A merged file merged again with any of its sources is itself.
        for f in &files {
            let again = merged(&[("team.json".into(), once.clone()), f.clone()]);
            prop_assert_eq!(json(&once), json(&again));
        }
    }

    #[test]
    fn merging_merges_is_merging_all(team in team(), split in 0usize..8) {
        let files = files_of(&team);
        let cut = split % files.len();
        let left = merged(&files[..cut.max(1)]);
        let right = merged(&files[cut.max(1)..].iter().cloned().chain(files[..1].iter().cloned()).collect::<Vec<_>>());
        let both = merged(&[("left".into(), left), ("right".into(), right)]);
        prop_assert_eq!(json(&merged(&files)), json(&both));
    }

    #[test]
    fn no_answer_is_lost_or_doubled(team in team()) {
        let files = files_of(&team);
        let out = merged(&files);
        let a = &out.get("assessments").and_then(|l| match l { Value::Array(v) => v.first(), _ => None }).cloned().unwrap();
        for (k, (edits, exports)) in team.iter().enumerate() {
            let code = format!("A{k}");
            let mine = a.get("assessors").and_then(|x| x.get(&code)).expect("every assessor is kept");
            for &upto in exports {
                // The answer each exported file had for each indicator it scored.
                let file = solo_file(&code, edits, upto, "t-1");
                let item = match file.get("assessments") { Some(Value::Array(v)) => v[0].clone(), _ => unreachable!() };
                if let Some(Value::Object(scores)) = item.get("scores") {
                    for (ind, score) in scores {
                        let current = mine.get("scores").and_then(|x| x.get(ind));
                        let in_conflict = mine.get("conflicts").and_then(|c| c.get(ind)).is_some_and(|l| match l {
                            Value::Array(vs) => vs.iter().any(|v| v.get("score") == Some(score)),
                            _ => false,
                        });
                        prop_assert!(current == Some(score) || in_conflict, "{code} {ind}: {score:?} lost");
                    }
                }
            }
            if let Some(Value::Object(conflicts)) = mine.get("conflicts") {
                for (_, list) in conflicts {
                    let Value::Array(vs) = list else { unreachable!() };
                    prop_assert!(vs.len() >= 2);
                    for (i, v) in vs.iter().enumerate() {
                        let strip = |v: &Value| match v { Value::Object(f) => f.iter().filter(|(k, _)| k != "edited").cloned().collect::<Vec<_>>(), _ => vec![] };
                        prop_assert!(vs[i + 1..].iter().all(|w| strip(w) != strip(v)), "a conflict lists one answer twice");
                    }
                    // The proposal (the current answer) is the latest edit.
                    let last = vs.last().unwrap();
                    prop_assert!(vs.iter().all(|v| v.get("edited").and_then(Value::as_str) <= last.get("edited").and_then(Value::as_str)));
                }
            }
        }
    }
}

fn file(items: Vec<Value>) -> Value {
    Value::Object(vec![("assessments".into(), Value::Array(items))])
}

fn obj(fields: &[(&str, Value)]) -> Value {
    Value::Object(
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

#[test]
fn a_later_edit_is_proposed_and_a_decision_settles_it() {
    let at = |score: f64, t: &str| {
        obj(&[
            ("id", s("t-1")),
            ("assessor", s("amina")),
            (
                "scores",
                obj(&[("security.lawful_force", Value::Number(score))]),
            ),
            ("_edited", obj(&[("security.lawful_force", s(t))])),
            ("_updated", s(t)),
        ])
    };
    let a = file(vec![at(2.0, "2026-11-01T10:00:00.000Z")]);
    let b = file(vec![at(3.0, "2026-11-02T10:00:00.000Z")]);
    let out = merged(&[("a".into(), a.clone()), ("b".into(), b.clone())]);
    let team = match out.get("assessments") {
        Some(Value::Array(v)) => v[0].clone(),
        _ => unreachable!(),
    };
    let amina = team.get("assessors").unwrap().get("amina").unwrap();
    assert_eq!(
        amina.get("scores").unwrap().get("security.lawful_force"),
        Some(&Value::Number(3.0))
    );
    let conflict = amina
        .get("conflicts")
        .unwrap()
        .get("security.lawful_force")
        .unwrap();
    assert_eq!(
        json(conflict),
        r#"[{"score":2,"edited":"2026-11-01T10:00:00.000Z"},{"score":3,"edited":"2026-11-02T10:00:00.000Z"}]"#
    );
    // The user keeps the earlier answer: a decision, recorded as a new edit, settles both.
    let decided = obj(&[
        ("id", s("t-1")),
        (
            "assessors",
            obj(&[(
                "amina",
                obj(&[
                    (
                        "scores",
                        obj(&[("security.lawful_force", Value::Number(2.0))]),
                    ),
                    (
                        "edited",
                        obj(&[("security.lawful_force", s("2026-11-03T09:00:00.000Z"))]),
                    ),
                    (
                        "resolved",
                        obj(&[("security.lawful_force", s("2026-11-03T09:00:00.000Z"))]),
                    ),
                ]),
            )]),
        ),
        ("_updated", s("2026-11-03T09:00:00.000Z")),
    ]);
    let settled = merged(&[
        ("team".into(), out),
        ("decision".into(), file(vec![decided])),
        ("a".into(), a),
        ("b".into(), b),
    ]);
    let team = match settled.get("assessments") {
        Some(Value::Array(v)) => v[0].clone(),
        _ => unreachable!(),
    };
    let amina = team.get("assessors").unwrap().get("amina").unwrap();
    assert_eq!(
        amina.get("scores").unwrap().get("security.lawful_force"),
        Some(&Value::Number(2.0))
    );
    assert!(amina.get("conflicts").is_none(), "settled: {}", json(amina));
}

#[test]
fn every_problem_is_named_with_its_file_and_path() {
    let bad = file(vec![
        obj(&[("unit", s("x"))]),
        obj(&[("id", s("t-1")), ("scores", obj(&[]))]),
        obj(&[("id", s("t-2")), ("assessor", Value::Number(3.0))]),
    ]);
    let issues = merge(&[("B.json".into(), bad)]).unwrap_err();
    let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "B.json: $.assessments[0].id",
            "B.json: $.assessments[1].assessor",
            "B.json: $.assessments[2].assessor",
        ]
    );
}

#[test]
fn individual_scores_pool_the_assessors_and_agreed_ones_replace_them() {
    let solo = |code: &str, v: f64| {
        obj(&[
            ("id", s("t-1")),
            ("assessor", s(code)),
            (
                "scores",
                obj(&[("security.lawful_force", Value::Number(v))]),
            ),
            ("_updated", s("2026-11-01T10:00:00.000Z")),
        ])
    };
    let out = merged(&[
        ("a".into(), file(vec![solo("a", 1.0)])),
        ("b".into(), file(vec![solo("b", 3.0)])),
    ]);
    let team = match out.get("assessments") {
        Some(Value::Array(v)) => v[0].clone(),
        _ => unreachable!(),
    };
    assert_eq!(
        json(team.get("scores").unwrap()),
        r#"{"security.lawful_force":[1,3]}"#
    );
    assert_eq!(team.get("basis"), Some(&s("individual")));
    let agreed = obj(&[
        ("id", s("t-1")),
        ("assessors", obj(&[])),
        ("basis", s("agreed")),
        (
            "agreed",
            obj(&[(
                "security.lawful_force",
                obj(&[
                    ("score", Value::Number(2.0)),
                    ("recorded", s("2026-11-04T10:00:00.000Z")),
                    (
                        "dissent",
                        Value::Array(vec![obj(&[
                            ("assessor", s("b")),
                            ("reason", s("saw abuses in the north")),
                        ])]),
                    ),
                ]),
            )]),
        ),
        ("_updated", s("2026-11-04T10:00:00.000Z")),
    ]);
    let out = merged(&[
        ("team".into(), out),
        ("workshop".into(), file(vec![agreed])),
    ]);
    let team = match out.get("assessments") {
        Some(Value::Array(v)) => v[0].clone(),
        _ => unreachable!(),
    };
    assert_eq!(
        json(team.get("scores").unwrap()),
        r#"{"security.lawful_force":2}"#
    );
    assert!(json(team.get("agreed").unwrap()).contains("saw abuses in the north"));
    assert_eq!(
        json(
            team.get("assessors")
                .unwrap()
                .get("b")
                .unwrap()
                .get("scores")
                .unwrap()
        ),
        r#"{"security.lawful_force":3}"#
    );
}
