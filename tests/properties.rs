//! Properties users rely on, over random assessments and every method (each aggregation and
//! normalisation, normalised ranges, power means): scores stay in the normalised range (the
//! bounded methods: z-scores have no bounds); raising one indicator never lowers its pillar;
//! scaling weights, reordering assessments, JSON keys or respondents changes nothing; no input
//! bytes make the parsers panic.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use resilience::api;
use resilience::pipeline::score_batch;
use resilience::result::Results;
use resilience::{Framework, Value};

const IDS: usize = 28;

fn default_fw() -> Framework {
    api::default_framework()
}

/// How a framework scores: the groups' aggregation (power means with their `p`) and every
/// indicator's normalisation, with the range it maps onto (`None` for the default 0–100).
#[derive(Debug, Clone, Copy)]
struct Method {
    aggregation: &'static str,
    p: f64,
    normalisation: &'static str,
    range: Option<(f64, f64)>,
}

const AGGREGATIONS: &[&str] = &[
    "arithmetic",
    "geometric",
    "harmonic",
    "minimum",
    "mean_min",
    "power_mean",
];
/// Every normalisation but `zscore` is bounded by its range.
const BOUNDED: &[&str] = &[
    "scale",
    "minmax",
    "rank",
    "distance_to_best",
    "distance_to_target",
];
const BATCH_RELATIVE: &[&str] = &[
    "minmax",
    "rank",
    "zscore",
    "distance_to_best",
    "distance_to_target",
];

impl Method {
    /// Whether a part scored 0 leaves a group without a score (see `Aggregation::takes`).
    fn needs_positive(&self) -> bool {
        matches!(self.aggregation, "geometric" | "harmonic")
            || (self.aggregation == "power_mean" && self.p <= 0.0)
    }

    /// The range scores stay in: the normalised range, moved above 0 where the aggregation
    /// needs it (the remedy its framework warning suggests).
    fn bounds(&self) -> (f64, f64) {
        match self.range {
            Some((lo, hi)) if lo > 0.0 || !self.needs_positive() => (lo, hi),
            None if !self.needs_positive() => (0.0, 100.0),
            _ => (1.0, 100.0),
        }
    }
}

/// Any method: `normalisations` to draw from, ranges from 0–100, 1–100 and 0.5–4, power means
/// with p of −2, 0.5 or 3.
fn method_strategy(normalisations: &'static [&'static str]) -> impl Strategy<Value = Method> {
    (
        prop::sample::select(AGGREGATIONS),
        prop::sample::select(vec![-2.0, 0.5, 3.0]),
        prop::sample::select(normalisations),
        prop::sample::select(vec![None, Some((1.0, 100.0)), Some((0.5, 4.0))]),
    )
        .prop_map(|(aggregation, p, normalisation, range)| Method {
            aggregation,
            p,
            normalisation,
            range,
        })
}

/// A framework like the default's, with `method` for the pillars, the overall index and every
/// indicator, and `min_coverage` 0 so that any scored pillar counts. `mean_min` gets α = 0.7,
/// β = 10; `zscore` a mean of 50 and sd of 10 (above 0 for batches of up to 6: |z| ≤ (n − 1)/√n);
/// `distance_to_target` a target of 3 (on 0–4).
fn framework_with(method: &Method, weights: &[f64; 4]) -> Framework {
    let mut v = api::parse_json(resilience::framework::DEFAULT_FRAMEWORK_JSON).unwrap();
    fn walk(v: &mut Value, m: &Method, weights: &[f64; 4], depth: usize, index: usize) {
        let Value::Object(fields) = v else { return };
        let mut group = false;
        for (k, val) in fields.iter_mut() {
            match k.as_str() {
                "aggregation" => {
                    *val = Value::String(m.aggregation.into());
                    group = true;
                }
                "normalisation" => *val = Value::String(m.normalisation.into()),
                "min_coverage" => *val = Value::Number(0.0),
                "weight" if depth == 1 => *val = Value::Number(weights[index]),
                _ => {}
            }
        }
        let number = |x: f64| Value::Number(x);
        if group {
            match m.aggregation {
                "mean_min" => {
                    fields.push(("alpha".into(), number(0.7)));
                    fields.push(("beta".into(), number(10.0)));
                }
                "power_mean" => fields.push(("p".into(), number(m.p))),
                _ => {}
            }
        } else {
            match m.normalisation {
                "zscore" => fields.push((
                    "zscore".into(),
                    Value::Object(vec![
                        ("mean".into(), number(50.0)),
                        ("sd".into(), number(10.0)),
                    ]),
                )),
                "distance_to_target" => fields.push(("target".into(), number(3.0))),
                _ => {}
            }
            let (lo, hi) = m.bounds();
            if m.normalisation != "zscore" {
                fields.push((
                    "normalised_range".into(),
                    Value::Array(vec![number(lo), number(hi)]),
                ));
            }
        }
        if let Some((_, Value::Array(children))) = fields.iter_mut().find(|(k, _)| k == "children")
        {
            for (i, c) in children.iter_mut().enumerate() {
                walk(c, m, weights, depth + 1, i);
            }
        }
    }
    if let Value::Object(fields) = &mut v {
        let root = &mut fields.iter_mut().find(|(k, _)| k == "root").unwrap().1;
        walk(root, method, weights, 0, 0);
    }
    Framework::from_value(&v).unwrap()
}

fn batch_json(batch: &[Vec<Option<Vec<u8>>>], ids: &[String]) -> String {
    let items: Vec<String> = batch
        .iter()
        .enumerate()
        .map(|(i, a)| to_json(&format!("a{i}"), a, ids, false))
        .collect();
    format!(r#"{{"assessments": [{}]}}"#, items.join(","))
}

fn indicator_ids(fw: &Framework) -> Vec<String> {
    fw.indicators
        .iter()
        .map(|&n| fw.nodes[n].id.clone())
        .collect()
}

/// One indicator's scores: none, one, or several respondents.
fn score_strategy() -> impl Strategy<Value = Option<Vec<u8>>> {
    prop_oneof![
        1 => Just(None),
        3 => prop::collection::vec(0u8..=4, 1..2).prop_map(Some),
        2 => prop::collection::vec(0u8..=4, 2..6).prop_map(Some),
    ]
}

fn assessment_strategy() -> impl Strategy<Value = Vec<Option<Vec<u8>>>> {
    prop::collection::vec(score_strategy(), IDS)
}

fn to_json(id: &str, scores: &[Option<Vec<u8>>], ids: &[String], reverse_keys: bool) -> String {
    let mut entries: Vec<String> = scores
        .iter()
        .zip(ids)
        .filter_map(|(s, id)| {
            s.as_ref().map(|v| {
                let list: Vec<String> = v.iter().map(u8::to_string).collect();
                format!("\"{id}\": [{}]", list.join(","))
            })
        })
        .collect();
    if reverse_keys {
        entries.reverse();
    }
    format!(
        r#"{{"id": "{id}", "date": "2026-01-01", "scores": {{{}}}}}"#,
        entries.join(", ")
    )
}

fn score_text(fw: &Framework, batch_json: &str) -> String {
    let batch = api::read_input(batch_json, fw).unwrap();
    let scored = score_batch(fw, &batch);
    serde_json::to_string(&Results {
        fw,
        batch: &batch,
        scored: &scored,
    })
    .unwrap()
}

fn numbers(v: &serde_json::Value, out: &mut Vec<(String, f64)>, path: String) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if k == "score" {
                    if let Some(f) = x.as_f64() {
                        out.push((path.clone(), f));
                    }
                }
                numbers(x, out, format!("{path}.{k}"));
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                numbers(x, out, format!("{path}[{i}]"));
            }
        }
        _ => {}
    }
}

/// Any JSON value (finite numbers, any text), up to a few levels deep.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(|x| serde_json::json!(x)),
        any::<i64>().prop_map(|x| serde_json::json!(x)),
        ".{0,12}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::vec((".{0,8}", inner), 0..6)
                .prop_map(|kv| serde_json::Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every score stays within the normalised range (0–100 by default): the bounded methods
    /// only, since z-scores can be any number.
    #[test]
    fn scores_stay_within_the_normalised_range(
        method in method_strategy(BOUNDED),
        batch in prop::collection::vec(assessment_strategy(), 1..4),
    ) {
        let fw = framework_with(&method, &[1.0, 2.0, 0.5, 3.0]);
        let (lo, hi) = method.bounds();
        let text = score_text(&fw, &batch_json(&batch, &indicator_ids(&fw)));
        let mut found = Vec::new();
        numbers(&serde_json::from_str(&text).unwrap(), &mut found, "$".into());
        for (path, x) in found {
            prop_assert!((lo..=hi).contains(&x), "{method:?}: {path} = {x}");
        }
    }

    /// Raising one indicator of one assessment never lowers its pillar or its index (up to
    /// rounding), whatever the method, and whatever the others in its batch.
    #[test]
    fn raising_an_indicator_never_lowers_its_pillar_or_the_index(
        method in method_strategy(&["scale", "minmax", "rank", "zscore", "distance_to_best", "distance_to_target"]),
        a in prop::collection::vec(0u8..=3, IDS),
        others in prop::collection::vec(prop::collection::vec(0u8..=4, IDS), 0..5),
        which in 0..IDS,
    ) {
        let fw = framework_with(&method, &[1.0, 1.0, 1.0, 1.0]);
        let ids = indicator_ids(&fw);
        let row = |v: &[u8]| -> Vec<Option<Vec<u8>>> { v.iter().map(|&x| Some(vec![x])).collect() };
        let mut before = vec![row(&a)];
        before.extend(others.iter().map(|o| row(o)));
        let mut after = before.clone();
        after[0][which] = Some(vec![a[which] + 1]);
        let pillar = &fw.nodes[fw.nodes[fw.indicators[which]].parent.unwrap()].id;
        let get = |t: &str, node: &str| {
            let v: serde_json::Value = serde_json::from_str(t).unwrap();
            let r = &v["results"][0];
            let n = if node == "overall" { &r["overall"] } else { &r["nodes"][node] };
            n["score"].as_f64().unwrap()
        };
        let t0 = score_text(&fw, &batch_json(&before, &ids));
        let t1 = score_text(&fw, &batch_json(&after, &ids));
        for node in [pillar.as_str(), "overall"] {
            let (x0, x1) = (get(&t0, node), get(&t1, node));
            prop_assert!(x1 >= x0 - 1e-9 * x0.abs().max(1.0), "{method:?} {node}: {x0} then {x1}");
        }
    }

    #[test]
    fn scaling_every_weight_by_a_constant_changes_nothing(
        method in method_strategy(&["scale", "minmax", "rank", "zscore", "distance_to_best", "distance_to_target"]),
        batch in prop::collection::vec(assessment_strategy(), 1..4),
        c in 0.01f64..100.0,
    ) {
        let w = [1.0, 2.0, 0.5, 3.0];
        let scaled = [w[0] * c, w[1] * c, w[2] * c, w[3] * c];
        let (f1, f2) = (framework_with(&method, &w), framework_with(&method, &scaled));
        let json = batch_json(&batch, &indicator_ids(&f1));
        let (mut x, mut y) = (Vec::new(), Vec::new());
        numbers(&serde_json::from_str(&score_text(&f1, &json)).unwrap(), &mut x, "$".into());
        numbers(&serde_json::from_str(&score_text(&f2, &json)).unwrap(), &mut y, "$".into());
        prop_assert_eq!(x.len(), y.len());
        for ((p, u), (_, v)) in x.iter().zip(&y) {
            prop_assert!((u - v).abs() < 1e-9, "{method:?} {p}: {u} vs {v}");
        }
    }

    /// Bit for bit: batch-relative methods sort the batch's values before they count or sum.
    #[test]
    fn order_of_assessments_keys_and_respondents_changes_nothing(
        method in method_strategy(BATCH_RELATIVE),
        batch in prop::collection::vec(assessment_strategy(), 2..6),
        rotate in 1usize..5,
    ) {
        // Batch-relative normalisations make the order of assessments matter if anything does.
        let fw = framework_with(&method, &[1.0, 2.0, 0.5, 3.0]);
        let ids = indicator_ids(&fw);
        let doc = |items: Vec<String>| format!(r#"{{"assessments": [{}]}}"#, items.join(","));
        let plain: Vec<String> = batch.iter().enumerate().map(|(i, a)| to_json(&format!("a{i}"), a, &ids, false)).collect();
        let mut shuffled: Vec<String> = batch
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let reversed: Vec<Option<Vec<u8>>> = a.iter().map(|s| s.clone().map(|mut v| { v.reverse(); v })).collect();
                to_json(&format!("a{i}"), &reversed, &ids, true)
            })
            .collect();
        let k = rotate % shuffled.len();
        shuffled.rotate_left(k);
        let by_id = |t: String| {
            let v: serde_json::Value = serde_json::from_str(&t).unwrap();
            let mut results: Vec<serde_json::Value> = v["results"].as_array().unwrap().clone();
            results.sort_by_key(|r| r["id"].as_str().unwrap().to_string());
            serde_json::to_string(&results).unwrap()
        };
        prop_assert_eq!(by_id(score_text(&fw, &doc(plain))), by_id(score_text(&fw, &doc(shuffled))));
    }

    #[test]
    fn no_bytes_make_the_readers_panic(text in ".{0,400}") {
        let fw = default_fw();
        let _ = api::read_input(&text, &fw);
        let _ = api::assessments_from_csv(&text, &fw);
        if let Ok(v) = api::parse_json(&text) {
            let _ = api::framework(&v);
        }
    }

    #[test]
    fn the_wasm_json_reader_agrees_with_serde_json(v in json_value()) {
        // What the browser's JSON.stringify would write (serde_json writes the same grammar).
        let text = serde_json::to_string(&v).unwrap();
        let ours = resilience::json::parse(&text);
        let theirs: Value = serde_json::from_str(&text).unwrap();
        // Bit for bit: Debug shows every f64 exactly (and −0 apart from 0).
        prop_assert_eq!(format!("{:?}", ours), format!("{:?}", Some(theirs)));
    }

    #[test]
    fn the_wasm_json_reader_never_panics(text in ".{0,200}") {
        let _ = resilience::json::parse(&text);
    }

    #[test]
    fn near_valid_csv_never_panics(
        cells in prop::collection::vec(prop::sample::select(vec!["", "1", "4", "9", "-1", "x", "2.5", "\"", "\"a,b\"", "NaN", "inf", "1e400"]), 0..90),
        header in prop::sample::select(vec!["id,unit,date,justice.access,security.lawful_force,justice.effectiveness", "id,justice.access,justice.access", "unit,date", "id"]),
    ) {
        let fw = default_fw();
        let mut text = format!("{header}\n");
        for chunk in cells.chunks(6) {
            text.push_str(&chunk.join(","));
            text.push('\n');
        }
        let _ = api::assessments_from_csv(&text, &fw);
    }

    #[test]
    fn near_valid_frameworks_never_panic(
        edits in prop::collection::vec((0usize..4000, prop::sample::select(vec!["", "-1", "0", "null", "[]", "{}", "\"x\"", "1e999"])), 1..4),
    ) {
        let mut text = resilience::framework::DEFAULT_FRAMEWORK_JSON.to_string();
        for (at, what) in edits {
            // Replace one value after a colon near `at`.
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if let Some(pos) = text[at..].find(':').map(|p| p + at + 1) {
                let end = text[pos..].find([',', '}']).map_or(text.len(), |e| e + pos);
                text.replace_range(pos..end, what);
            }
        }
        if let Ok(v) = api::parse_json(&text) {
            let _ = api::framework(&v);
        }
    }
}

#[test]
fn json_and_csv_of_the_same_responses_score_the_same() {
    let fw = default_fw();
    let json = r#"{"assessments": [
        {"id": "a", "unit": "North", "date": "2026-02-01",
         "scores": {"justice.access": [1, 3], "security.lawful_force": 2}},
        {"id": "b", "scores": {"justice.access": 4}}]}"#;
    let csv = "id,unit,date,justice.access,security.lawful_force\n\
               a,North,2026-02-01,1,2\nb,,,4,\na,North,,3,\n";
    assert_eq!(score_text(&fw, json), score_text(&fw, csv));
    let batch = api::read_input(json, &fw).unwrap();
    let written = resilience::csv_output::write_assessments_csv(&batch, &fw, &Default::default());
    assert_eq!(api::read_input(&written, &fw).unwrap(), batch);
}
