//! Method parity with COINr: on COINr's own example (ASEM: 51 countries, 49 indicators, 8
//! pillars, 2 sub-indices, 1 index), each normalisation and aggregation the framework offers
//! gives what COINr 1.1.14 itself computed (`tests/fixtures/coinr/`, made by
//! `tools/coinr/make_fixtures.R`; `runs.json` has each run's exact R calls): every aggregate
//! (51 × 11) and every normalised value (51 × 49, less the missing cells), to 1e-6.
//!
//! The frameworks are `tests/fixtures/asem/framework.json` (min-max, arithmetic) with the
//! run's options set on every indicator and group; the input is `tests/fixtures/asem/data.csv`.
//! COINr's rows are sorted by unit code, the CSV's are not: they are joined on the unit id.
#![cfg(not(target_arch = "wasm32"))]

use resilience::pipeline::{score_batch, Scored};
use resilience::{api, Framework};
use serde_json::{json, Map, Value as Json};
use std::collections::BTreeMap;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const TOLERANCE: f64 = 1e-6;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{path}")).unwrap()
}

/// The ASEM framework with `indicator` set on every indicator (plus `each(id)` on each) and
/// `group` on every group.
fn framework_with(
    indicator: Json,
    group: Json,
    each: &dyn Fn(&str) -> Map<String, Json>,
) -> Framework {
    fn walk(
        node: &mut Json,
        indicator: &Json,
        group: &Json,
        each: &dyn Fn(&str) -> Map<String, Json>,
    ) {
        let fields = node.as_object_mut().unwrap();
        let set = |fields: &mut Map<String, Json>, with: &Map<String, Json>| {
            for (k, v) in with {
                fields.insert(k.clone(), v.clone());
            }
        };
        if let Some(Json::Array(children)) = fields.get_mut("children") {
            for c in children {
                walk(c, indicator, group, each);
            }
            set(fields, group.as_object().unwrap());
        } else {
            set(fields, indicator.as_object().unwrap());
            let id = fields["id"].as_str().unwrap().to_string();
            set(fields, &each(&id));
        }
    }
    let mut fw: Json = serde_json::from_str(&read("asem/framework.json")).unwrap();
    walk(&mut fw["root"], &indicator, &group, each);
    let value = api::parse_json(&fw.to_string()).unwrap();
    api::framework(&value).unwrap_or_else(|e| panic!("{}", e.report()))
}

fn plain(indicator: Json, group: Json) -> Framework {
    framework_with(indicator, group, &|_| Map::new())
}

/// A COINr fixture: column names, and each unit's row (None where COINr wrote NA).
struct Table {
    columns: Vec<String>,
    rows: BTreeMap<String, Vec<Option<f64>>>,
}

fn table(name: &str) -> Table {
    let text = read(&format!("coinr/{name}.csv"));
    let mut lines = text.lines();
    let columns: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .skip(1)
        .map(String::from)
        .collect();
    let rows = lines
        .map(|line| {
            let mut cells = line.split(',');
            let unit = cells.next().unwrap().to_string();
            let values = cells
                .map(|c| (!c.is_empty()).then(|| c.parse().unwrap()))
                .collect();
            (unit, values)
        })
        .collect();
    Table { columns, rows }
}

/// Scores the ASEM data under `fw`, by unit id.
fn score(fw: &Framework) -> BTreeMap<String, Scored> {
    let batch = api::read_input(&read("asem/data.csv"), fw).unwrap();
    let scored = score_batch(fw, &batch);
    batch.iter().map(|a| a.id.clone()).zip(scored).collect()
}

/// The largest difference from COINr's table over the cells both have, and how many there
/// were; panics on a cell over the tolerance, or on a cell only one side has, but for
/// `coinr_na_ok`: COINr's NA where the engine has a score (COINr's `a_genmean` gives NA
/// where the engine leaves a missing part out).
fn compare(
    fw: &Framework,
    got: &BTreeMap<String, Scored>,
    file: &str,
    coinr_na_ok: bool,
) -> (f64, usize) {
    let t = table(file);
    assert_eq!(t.rows.len(), 51, "{file}");
    let (mut worst, mut cells) = (0.0f64, 0);
    for (unit, row) in &t.rows {
        let scored = &got[unit];
        for (code, want) in t.columns.iter().zip(row) {
            let node = fw
                .node(code)
                .unwrap_or_else(|| panic!("{file}: no node {code}"));
            let have = scored.nodes[node].score;
            match want {
                Some(w) => {
                    let d = (have - w).abs();
                    assert!(
                        d <= TOLERANCE,
                        "{file} {unit} {code}: engine {have}, COINr {w}"
                    );
                    worst = worst.max(d);
                    cells += 1;
                }
                None if coinr_na_ok => {
                    assert!(
                        !have.is_nan(),
                        "{file} {unit} {code}: no score in the engine"
                    )
                }
                None => assert!(
                    have.is_nan(),
                    "{file} {unit} {code}: engine {have}, COINr NA"
                ),
            }
        }
    }
    (worst, cells)
}

/// Compares a run's aggregates and normalised values; prints the figures
/// (`cargo test --test coinr -- --nocapture`).
fn check(run: &str, fw: &Framework) {
    let got = score(fw);
    let (agg, n_agg) = compare(fw, &got, run, false);
    let (norm, n_norm) = compare(fw, &got, &format!("{run}_normalised"), false);
    assert_eq!(n_agg, 51 * 11, "{run}");
    println!(
        "{run:34} aggregates {n_agg} max |Δ| {agg:.1e}; normalised {n_norm} max |Δ| {norm:.1e}"
    );
}

#[test]
fn minmax_onto_1_100_then_geometric() {
    let fw = plain(
        json!({"normalised_range": [1, 100]}),
        json!({"aggregation": "geometric"}),
    );
    check("minmax_1_100_geometric", &fw);
}

#[test]
fn minmax_onto_1_100_then_harmonic() {
    let fw = plain(
        json!({"normalised_range": [1, 100]}),
        json!({"aggregation": "harmonic"}),
    );
    check("minmax_1_100_harmonic", &fw);
}

#[test]
fn default_minmax_arithmetic() {
    check(
        "default_minmax_0_100_arithmetic",
        &plain(json!({}), json!({})),
    );
}

/// 100 × COINr's percentile rank: the direction applied before ranking, ties sharing the
/// lower rank, so tied lower-is-better values are no longer lifted to the top of their block.
#[test]
fn percentile_rank_with_ties() {
    let fw = plain(json!({"normalisation": "rank"}), json!({}));
    check("rank_arithmetic", &fw);
    // AUT's cost to import and export (CostImpEx, lower is better) is 0, tied best with
    // others: 33 of the 50 other units are strictly worse, so 66, not 100.
    let got = score(&fw);
    assert_eq!(got["AUT"].nodes[fw.node("CostImpEx").unwrap()].score, 66.0);
    // COINr's own scale, 0–1.
    let fw = plain(
        json!({"normalisation": "rank", "normalised_range": [0, 1]}),
        json!({}),
    );
    check("prank_0_1_arithmetic", &fw);
}

#[test]
fn z_scores() {
    let fw = plain(
        json!({"normalisation": "zscore", "zscore": {"mean": 10, "sd": 2}}),
        json!({}),
    );
    check("zscore_arithmetic", &fw);
    check(
        "zscore_default_arithmetic",
        &plain(json!({"normalisation": "zscore"}), json!({})),
    );
}

#[test]
fn power_means_dropping_missing_parts() {
    for (run, p) in [
        ("power_mean_p0.5_nadrop", 0.5),
        ("power_mean_p-2_nadrop", -2.0),
    ] {
        let fw = plain(
            json!({"normalised_range": [1, 100]}),
            json!({"aggregation": "power_mean", "p": p}),
        );
        check(run, &fw);
    }
}

/// COINr's `a_genmean` itself gives NA to a group with any missing part (and so to every group
/// above it): 95 of the 561 cells. The engine leaves the missing part out, as everywhere; on
/// every other cell the two agree.
#[test]
fn power_means_against_coinr_s_own_a_genmean() {
    for (run, p) in [("power_mean_p0.5", 0.5), ("power_mean_p-2", -2.0)] {
        let fw = plain(
            json!({"normalised_range": [1, 100]}),
            json!({"aggregation": "power_mean", "p": p}),
        );
        let got = score(&fw);
        let (worst, cells) = compare(&fw, &got, run, true);
        assert_eq!(cells, 51 * 11 - 95, "{run}");
        let na = table(run)
            .rows
            .values()
            .flatten()
            .filter(|c| c.is_none())
            .count();
        assert_eq!(na, 95);
        println!("{run:34} aggregates {cells} (COINr NA: {na}) max |Δ| {worst:.1e}");
    }
}

/// COINr's `n_dist2max` is on 0–1.
#[test]
fn distance_to_best() {
    let fw = plain(
        json!({"normalisation": "distance_to_best", "normalised_range": [0, 1]}),
        json!({}),
    );
    check("dist2max_arithmetic", &fw);
}

/// COINr's `n_dist2targ` with ASEM's own targets (iMeta's Target column) and `cap_max`, on 0–1.
/// COINr multiplies a lower-is-better indicator and its target by −1; the framework gives the
/// target as it is and its direction.
#[test]
fn distance_to_target() {
    let text = read("coinr/asem_targets.csv");
    let targets: BTreeMap<String, f64> = text
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (c[0].to_string(), c[2].parse().unwrap())
        })
        .collect();
    assert_eq!(targets.len(), 49);
    let fw = framework_with(
        json!({"normalisation": "distance_to_target", "normalised_range": [0, 1]}),
        json!({}),
        &|id| {
            let mut m = Map::new();
            m.insert("target".into(), json!(targets[id]));
            m
        },
    );
    check("dist2targ_capped_arithmetic", &fw);
}
