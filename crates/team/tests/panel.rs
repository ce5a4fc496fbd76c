//! Agreement of a team assessment, checked against figures worked out by hand.

use resilience::framework::{Framework, DEFAULT_FRAMEWORK_JSON};
use resilience::value::Value;
use resilience_team::panel::{alpha_by_indicator, team_agreement};

fn fw() -> Framework {
    Framework::from_value(&serde_json::from_str(DEFAULT_FRAMEWORK_JSON).unwrap()).unwrap()
}

fn team(rows: &[(&str, &[(&str, f64)])]) -> Value {
    let assessors = rows
        .iter()
        .map(|(code, scores)| {
            let s = scores
                .iter()
                .map(|(k, v)| (k.to_string(), Value::Number(*v)))
                .collect();
            (
                code.to_string(),
                Value::Object(vec![("scores".into(), Value::Object(s))]),
            )
        })
        .collect();
    Value::Object(vec![
        ("id".into(), Value::String("t".into())),
        ("assessors".into(), Value::Object(assessors)),
    ])
}

const EQ: &str = "citizenship.legal_equality";
const FORCE: &str = "security.lawful_force";
const SPACE: &str = "civil_society.civic_space";

#[test]
fn three_assessors_by_hand() {
    let item = team(&[
        ("a", &[(EQ, 2.0), (FORCE, 0.0), (SPACE, 4.0)]),
        ("b", &[(EQ, 2.0), (FORCE, 3.0)]),
        ("c", &[(EQ, 3.0)]),
    ]);
    let fw = fw();
    let t = team_agreement(&item, &fw);
    assert_eq!(t.assessors, ["a", "b", "c"]);
    let eq = t.indicators.iter().find(|x| x.id == EQ).unwrap();
    assert_eq!(
        (eq.exact, eq.within_one, eq.spread),
        (Some(1.0 / 3.0), Some(1.0), Some(1.0))
    );
    assert_eq!(eq.disagreement, Some(2.0 / 3.0));
    let force = t.indicators.iter().find(|x| x.id == FORCE).unwrap();
    assert_eq!(
        (
            force.exact,
            force.within_one,
            force.spread,
            force.disagreement
        ),
        (Some(0.0), Some(0.0), Some(3.0), Some(3.0))
    );
    let space = t.indicators.iter().find(|x| x.id == SPACE).unwrap();
    assert_eq!((space.exact, space.spread), (None, None));
    // Pairs: 3 on legal equality (1 exact, 3 within one) and 1 on lawful force (neither).
    assert_eq!((t.exact, t.within_one), (Some(0.25), Some(0.75)));
    assert_eq!(t.by_disagreement, [FORCE, EQ]);
    // Ordinal alpha by hand (Krippendorff 2011's coincidence matrix): values 0, 2, 3 with
    // n = (1, 2, 2); observed Σ o·δ² = 32.5, expected Σ n·n·δ² = 90; α = 1 - 4 · 32.5 / 90.
    let alpha = t.alpha.unwrap();
    assert!((alpha - (1.0 - 4.0 * 32.5 / 90.0)).abs() < 1e-12, "{alpha}");
}

#[test]
fn several_respondents_count_as_their_assessors_combined_score() {
    let mut item = team(&[("a", &[(EQ, 1.0)])]);
    if let Value::Object(f) = &mut item {
        let Value::Object(a) = &mut f[1].1 else {
            unreachable!()
        };
        a.push((
            "b".into(),
            Value::Object(vec![(
                "scores".into(),
                Value::Object(vec![(
                    EQ.into(),
                    Value::Array(vec![
                        Value::Number(0.0),
                        Value::Number(2.0),
                        Value::Number(3.0),
                    ]),
                )]),
            )]),
        ));
    }
    let t = team_agreement(&item, &fw());
    let eq = t.indicators.iter().find(|x| x.id == EQ).unwrap();
    // b's respondents' median is 2.
    assert_eq!(eq.scores, [("a".to_string(), 1.0), ("b".to_string(), 2.0)]);
}

#[test]
fn alpha_per_indicator_across_assessments() {
    let fw = fw();
    let items = [
        team(&[("a", &[(EQ, 1.0)]), ("b", &[(EQ, 1.0)])]),
        team(&[("a", &[(EQ, 3.0)]), ("b", &[(EQ, 3.0)])]),
    ];
    let by = alpha_by_indicator(&items, &fw);
    assert_eq!(by.iter().find(|x| x.0 == EQ).unwrap().1, Some(1.0));
    assert_eq!(by.iter().find(|x| x.0 == FORCE).unwrap().1, None);
}
