//! Properties of the team merge, for random teams of 2–6 assessors whose files overlap: each
//! assessor exports their answers once or several times while editing, and some files are
//! already merges of others. The answers are of every kind an assessor gives: indicators (score,
//! note, evidence), warning signs (status, date, note) and scores by group.

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
const SIGNS: [&str; 3] = ["hate_speech", "elections_census", "arms_buildup"];
const STATUS: [&str; 3] = ["present", "absent", "unknown"];
const GROUPS: [&str; 2] = ["Women", "Displaced people"];
const CONFIDENCE: [&str; 3] = ["low", "medium", "high"];

/// What one edit changes.
#[derive(Debug, Clone, Copy)]
enum What {
    /// An indicator's score (0–4) and note.
    Score,
    /// An indicator's evidence: its confidence (0–2) and date.
    Evidence,
    /// A warning sign's status (0–2), note and date.
    Sign,
    /// A group's score (0–4) of an indicator (`key`: group × 5 + indicator).
    Group,
}

/// One edit: (what, key, value, note?, minute).
type Edit = (What, usize, u8, Option<u8>, u8);

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

/// A list of (key, value) that a later edit of a key replaces (as the form does).
#[derive(Default, Clone)]
struct Obj(Vec<(String, Value)>);

impl Obj {
    fn set(&mut self, key: &str, v: Option<Value>) {
        self.0.retain(|(k, _)| k != key);
        if let Some(v) = v {
            self.0.push((key.to_string(), v));
        }
    }
    fn value(&self) -> Value {
        Value::Object(self.0.clone())
    }
}

/// An assessor's file after the first `upto` edits (later edits of an answer replace earlier
/// ones on the device, as the form does).
fn solo_file(code: &str, edits: &[Edit], upto: usize, id: &str) -> Value {
    let (mut scores, mut notes, mut evidence, mut edited) = (
        Obj::default(),
        Obj::default(),
        Obj::default(),
        Obj::default(),
    );
    let (mut context, mut context_edited) = (Obj::default(), Obj::default());
    let mut groups: Vec<(String, Obj, Obj)> = Vec::new();
    let mut updated = time(0);
    for &(what, key, value, note, minute) in &edits[..upto] {
        let at = s(&time(minute));
        match what {
            What::Score => {
                let ind = INDICATORS[key % INDICATORS.len()];
                scores.set(ind, Some(Value::Number(f64::from(value % 5))));
                notes.set(ind, note.map(|n| s(&format!("note {n}"))));
                edited.set(ind, Some(at));
            }
            What::Evidence => {
                let ind = INDICATORS[key % INDICATORS.len()];
                let mut e = Obj::default();
                e.set("source", Some(s("interview")));
                e.set("confidence", Some(s(CONFIDENCE[usize::from(value % 3)])));
                e.set("date", note.map(|n| s(&format!("2026-0{}", 1 + n))));
                evidence.set(ind, Some(e.value()));
                edited.set(ind, Some(at));
            }
            What::Sign => {
                let sign = SIGNS[key % SIGNS.len()];
                let mut a = Obj::default();
                a.set("status", Some(s(STATUS[usize::from(value % 3)])));
                a.set("note", note.map(|n| s(&format!("seen\n{n}"))));
                a.set("date", note.map(|n| s(&format!("2026-1{n}"))));
                context.set(sign, Some(a.value()));
                context_edited.set(sign, Some(at));
            }
            What::Group => {
                let name = GROUPS[(key / INDICATORS.len()) % GROUPS.len()];
                let ind = INDICATORS[key % INDICATORS.len()];
                let k = match groups.iter().position(|g| g.0 == name) {
                    Some(k) => k,
                    None => {
                        groups.push((name.to_string(), Obj::default(), Obj::default()));
                        groups.len() - 1
                    }
                };
                groups[k]
                    .1
                    .set(ind, Some(Value::Number(f64::from(value % 5))));
                groups[k].2.set(ind, Some(at));
            }
        }
        updated = updated.max(time(minute));
    }
    let groups = groups
        .into_iter()
        .map(|(name, scores, edited)| {
            let g = vec![
                ("scores".to_string(), scores.value()),
                ("_edited".to_string(), edited.value()),
            ];
            (name, Value::Object(g))
        })
        .collect();
    Value::Object(vec![(
        "assessments".into(),
        Value::Array(vec![Value::Object(vec![
            ("id".into(), s(id)),
            ("unit".into(), s("Region A")),
            ("assessor".into(), s(code)),
            ("scores".into(), scores.value()),
            ("notes".into(), notes.value()),
            ("evidence".into(), evidence.value()),
            ("context".into(), context.value()),
            ("groups".into(), Value::Object(groups)),
            ("_edited".into(), edited.value()),
            ("_context_edited".into(), context_edited.value()),
            ("_updated".into(), s(&updated)),
        ])]),
    )])
}

/// A team: per assessor, their edits in order and the points at which they exported.
fn team() -> impl Strategy<Value = Vec<(Vec<Edit>, Vec<usize>)>> {
    let what = prop_oneof![
        Just(What::Score),
        Just(What::Evidence),
        Just(What::Sign),
        Just(What::Group)
    ];
    let edit = (
        what,
        0usize..10,
        0u8..=4,
        proptest::option::of(0u8..3),
        0u8..200,
    );
    let assessor = proptest::collection::vec(edit, 1..10).prop_flat_map(|mut edits| {
        // An assessor's own edits happen in time order.
        let mut minutes: Vec<u8> = edits.iter().map(|e| e.4).collect();
        minutes.sort();
        for (e, m) in edits.iter_mut().zip(minutes) {
            e.4 = m;
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

fn first(file: &Value) -> Value {
    match file.get("assessments") {
        Some(Value::Array(v)) => v[0].clone(),
        _ => unreachable!(),
    }
}

fn entries(v: Option<&Value>) -> Vec<(String, Value)> {
    match v {
        Some(Value::Object(f)) => f.clone(),
        _ => Vec::new(),
    }
}

/// A value with every object's keys sorted, as JSON.
fn sorted(v: &Value) -> String {
    match v {
        Value::Object(f) => {
            let mut f: Vec<String> = f
                .iter()
                .map(|(k, v)| format!("{k:?}:{}", sorted(v)))
                .collect();
            f.sort();
            format!("{{{}}}", f.join(","))
        }
        Value::Array(l) => format!("[{}]", l.iter().map(sorted).collect::<Vec<_>>().join(",")),
        other => json(other),
    }
}

/// An object's members sorted by key, "edited" left out: an answer compared as content.
fn content(v: &Value) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = entries(Some(v))
        .into_iter()
        .filter(|(k, _)| k != "edited")
        .map(|(k, v)| (k, sorted(&v)))
        .collect();
    f.sort();
    f
}

/// An indicator's answer of one assessor (a solo file's item or a merged assessor's entry):
/// `{score, note, evidence}` as present.
fn indicator_answer(a: &Value, ind: &str) -> Value {
    let mut f = Vec::new();
    for (member, field) in [
        ("scores", "score"),
        ("notes", "note"),
        ("evidence", "evidence"),
    ] {
        if let Some(v) = a.get(member).and_then(|m| m.get(ind)) {
            f.push((field.to_string(), v.clone()));
        }
    }
    Value::Object(f)
}

/// Every answer of an assessor (a solo file's item or a merged assessor's entry): (where
/// conflicts are, id, answer), for each kind.
fn answers_of(a: &Value) -> Vec<(Vec<&'static str>, String, Value)> {
    let mut out = Vec::new();
    let mut inds: Vec<String> = Vec::new();
    for m in ["scores", "notes", "evidence"] {
        for (k, _) in entries(a.get(m)) {
            if !inds.contains(&k) {
                inds.push(k);
            }
        }
    }
    for ind in inds {
        out.push((vec!["conflicts"], ind.clone(), indicator_answer(a, &ind)));
    }
    for (sign, v) in entries(a.get("context")) {
        out.push((vec!["context_conflicts"], sign, v));
    }
    for (name, g) in entries(a.get("groups")) {
        for (ind, score) in entries(g.get("scores")) {
            let v = Value::Object(vec![("score".into(), score)]);
            out.push((vec!["groups", leak(&name), "conflicts"], ind, v));
        }
    }
    out
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

/// The current answer of kind `at` (as answers_of names it) to `id` in a merged assessor's
/// entry, and its conflict list.
fn merged_answer(mine: &Value, at: &[&str], id: &str) -> (Option<Value>, Vec<Value>) {
    let (current, conflicts) = match at {
        ["conflicts"] => {
            let v = indicator_answer(mine, id);
            (v, mine.get("conflicts"))
        }
        ["context_conflicts"] => (
            mine.get("context")
                .and_then(|c| c.get(id))
                .cloned()
                .unwrap_or(Value::Object(vec![])),
            mine.get("context_conflicts"),
        ),
        ["groups", name, "conflicts"] => {
            let g = mine.get("groups").and_then(|g| g.get(name));
            let score = g.and_then(|g| g.get("scores")).and_then(|x| x.get(id));
            let v = Value::Object(
                score
                    .map(|s| vec![("score".into(), s.clone())])
                    .unwrap_or_default(),
            );
            (v, g.and_then(|g| g.get("conflicts")))
        }
        _ => unreachable!(),
    };
    let list = match conflicts.and_then(|c| c.get(id)) {
        Some(Value::Array(l)) => l.clone(),
        _ => Vec::new(),
    };
    (Some(current), list)
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
        let a = first(&out);
        for (k, (edits, exports)) in team.iter().enumerate() {
            let code = format!("A{k}");
            let mine = a.get("assessors").and_then(|x| x.get(&code)).expect("every assessor is kept");
            for &upto in exports {
                // Every answer each exported file had, of every kind: current or in conflict.
                let item = first(&solo_file(&code, edits, upto, "t-1"));
                for (at, id, answer) in answers_of(&item) {
                    if content(&answer).is_empty() {
                        continue;
                    }
                    let (current, list) = merged_answer(mine, &at, &id);
                    let kept = current.as_ref().is_some_and(|c| content(c) == content(&answer))
                        || list.iter().any(|v| content(v) == content(&answer));
                    prop_assert!(kept, "{} {:?} {}: {} lost", code, at, id, json(&answer));
                }
            }
            // Every conflict: two answers or more, none twice, the latest edit proposed and
            // current.
            for (at, id, _) in answers_of(mine) {
                let (current, list) = merged_answer(mine, &at, &id);
                if list.is_empty() {
                    continue;
                }
                prop_assert!(list.len() >= 2);
                for (i, v) in list.iter().enumerate() {
                    prop_assert!(list[i + 1..].iter().all(|w| content(w) != content(v)), "a conflict lists one answer twice");
                }
                let last = list.last().unwrap();
                let t = |v: &Value| v.get("edited").and_then(Value::as_str).map(str::to_string);
                prop_assert!(list.iter().all(|v| t(v) <= t(last)));
                prop_assert_eq!(content(last), content(current.as_ref().unwrap()));
            }
        }
        // What the engine reads is derived from every assessor's current answers: a sign is
        // present when any assessor saw it, and a group's scores are every assessor's.
        let codes: Vec<Value> = entries(a.get("assessors")).into_iter().map(|(_, v)| v).collect();
        for sign in SIGNS {
            let said: Vec<String> = codes.iter().filter_map(|m| m.get("context").and_then(|c| c.get(sign)).and_then(|x| x.get("status")).and_then(Value::as_str).map(str::to_string)).collect();
            let team = a.get("context").and_then(|c| c.get(sign)).and_then(|x| x.get("status")).and_then(Value::as_str);
            let expected = ["present", "unknown", "absent"].into_iter().find(|st| said.iter().any(|x| x == st));
            prop_assert_eq!(team, expected, "{}", sign);
        }
        for name in GROUPS {
            for ind in INDICATORS {
                let mut each: Vec<String> = codes.iter().filter_map(|m| m.get("groups").and_then(|g| g.get(name)).and_then(|g| g.get("scores")).and_then(|x| x.get(ind))).map(json).collect();
                let mut pooled: Vec<String> = match a.get("groups").and_then(|g| g.get(name)).and_then(|g| g.get("scores")).and_then(|x| x.get(ind)) {
                    Some(Value::Array(l)) => l.iter().map(json).collect(),
                    _ => Vec::new(),
                };
                each.sort();
                pooled.sort();
                prop_assert_eq!(each, pooled, "{} {}", name, ind);
            }
        }
        // The merged file is an assessment the engine reads and scores.
        let fw = resilience::api::default_framework();
        let read = resilience::api::assessments_from_json(&out, &fw);
        prop_assert!(read.is_ok(), "{:?}", read.err());
        let scored = resilience::api::score(&fw, &read.unwrap());
        prop_assert_eq!(scored.len(), 1);
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

#[test]
fn signs_and_groups_are_kept_per_assessor_and_their_conflicts_shown() {
    let amina = |status: &str, t: &str| {
        obj(&[
            ("id", s("t-1")),
            ("unit", s("Region A")),
            ("assessor", s("amina")),
            (
                "context",
                obj(&[(
                    "hate_speech",
                    obj(&[("status", s(status)), ("note", s("radio, March"))]),
                )]),
            ),
            ("_updated", s(t)),
        ])
    };
    let jb = obj(&[
        ("id", s("t-1")),
        ("assessor", s("jb")),
        (
            "context",
            obj(&[("hate_speech", obj(&[("status", s("absent"))]))]),
        ),
        (
            "groups",
            obj(&[(
                "Women",
                obj(&[(
                    "scores",
                    obj(&[("justice.independence", Value::Number(1.0))]),
                )]),
            )]),
        ),
        ("_updated", s("2026-11-01T09:00:00.000Z")),
    ]);
    let a1 = file(vec![amina("present", "2026-11-01T10:00:00.000Z")]);
    let a2 = file(vec![amina("unknown", "2026-11-02T10:00:00.000Z")]);
    let out = merged(&[
        ("a1".into(), a1.clone()),
        ("jb".into(), file(vec![jb.clone()])),
        ("a2".into(), a2.clone()),
    ]);
    let team = first(&out);
    // What the engine reads: amina's latest answer (unknown) outranks jb's absent; jb's group.
    assert_eq!(
        json(team.get("context").unwrap()),
        r#"{"hate_speech":{"status":"unknown","note":"amina: radio, March"}}"#
    );
    assert_eq!(
        json(team.get("groups").unwrap()),
        r#"{"Women":{"scores":{"justice.independence":[1]}}}"#
    );
    let a = team.get("assessors").unwrap().get("amina").unwrap();
    assert_eq!(
        json(a.get("context_conflicts").unwrap()),
        r#"{"hate_speech":[{"note":"radio, March","status":"present","edited":"2026-11-01T10:00:00.000Z"},{"note":"radio, March","status":"unknown","edited":"2026-11-02T10:00:00.000Z"}]}"#
    );
    let j = team.get("assessors").unwrap().get("jb").unwrap();
    assert_eq!(
        json(j.get("groups").unwrap()),
        r#"{"Women":{"scores":{"justice.independence":1},"edited":{"justice.independence":"2026-11-01T09:00:00.000Z"}}}"#
    );
    // The engine scores it, the team's group and sign with it.
    let fw = resilience::api::default_framework();
    let read = resilience::api::assessments_from_json(&out, &fw).expect("an assessment");
    assert_eq!(read[0].groups.len(), 1);
    assert_eq!(read[0].context.len(), 1);
    // amina decides for "present": her decision settles the conflict, and the sign is present.
    let decided = obj(&[
        ("id", s("t-1")),
        (
            "assessors",
            obj(&[(
                "amina",
                obj(&[
                    (
                        "context",
                        obj(&[("hate_speech", obj(&[("status", s("present"))]))]),
                    ),
                    (
                        "context_edited",
                        obj(&[("hate_speech", s("2026-11-03T09:00:00.000Z"))]),
                    ),
                    (
                        "context_resolved",
                        obj(&[("hate_speech", s("2026-11-03T09:00:00.000Z"))]),
                    ),
                ]),
            )]),
        ),
        ("_updated", s("2026-11-03T09:00:00.000Z")),
    ]);
    let settled = first(&merged(&[
        ("team".into(), out),
        ("decision".into(), file(vec![decided])),
        ("a1".into(), a1),
        ("a2".into(), a2),
        ("jb".into(), file(vec![jb])),
    ]));
    let a = settled.get("assessors").unwrap().get("amina").unwrap();
    assert!(a.get("context_conflicts").is_none(), "{}", json(a));
    assert_eq!(
        json(settled.get("context").unwrap()),
        r#"{"hate_speech":{"status":"present"}}"#
    );
}

#[test]
fn a_team_file_s_answers_outside_its_assessors_are_refused_not_lost() {
    let team = obj(&[
        ("id", s("t-1")),
        (
            "assessors",
            obj(&[(
                "amina",
                obj(&[(
                    "context",
                    obj(&[("hate_speech", obj(&[("status", s("absent"))]))]),
                )]),
            )]),
        ),
        ("notes", obj(&[("justice.access", s("whose?"))])),
        (
            "context",
            obj(&[("hate_speech", obj(&[("status", s("present"))]))]),
        ),
        // A group as the assessors' answers give it (none): refused too.
        (
            "groups",
            obj(&[(
                "Women",
                obj(&[("scores", obj(&[("justice.access", Value::Number(2.0))]))]),
            )]),
        ),
    ]);
    let issues = merge(&[("T.json".into(), file(vec![team]))]).unwrap_err();
    let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "T.json: $.assessments[0].notes",
            "T.json: $.assessments[0].context.hate_speech",
            "T.json: $.assessments[0].groups.Women",
        ]
    );
}
