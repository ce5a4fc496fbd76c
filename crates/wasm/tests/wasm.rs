//! The JavaScript API in real headless Chromium (`./build.sh test` runs it with
//! wasm-bindgen-test-runner): the same results as the native engine, bit for bit, and bad
//! input thrown as an `Error` with `.code` and `.issues`, never a trap.
#![cfg(target_arch = "wasm32")]

use resilience::value::Value;
use resilience_wasm as wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

/// A result as the page has it, read back natively (results hold no NaN, which JSON would lose).
fn from_js(v: &JsValue) -> Value {
    let text = js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Equal with every float compared by its bits.
fn same_bits(a: &Value, b: &Value, path: &str) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            assert_eq!(x.to_bits(), y.to_bits(), "{path}: {x} vs {y}")
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{path}");
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                same_bits(p, q, &format!("{path}[{i}]"));
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            let keys =
                |o: &Vec<(String, Value)>| o.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
            assert_eq!(keys(x), keys(y), "{path}");
            for ((k, p), (_, q)) in x.iter().zip(y) {
                same_bits(p, q, &format!("{path}.{k}"));
            }
        }
        _ => assert_eq!(a, b, "{path}"),
    }
}

/// The default framework as the page fetches it: JSON text (no module has one built in).
fn fw() -> Option<JsValue> {
    Some(JsValue::from_str(include_str!(
        "../../../src/framework/default.json"
    )))
}

fn golden(input: &str, framework: Option<&str>, expected: &str) {
    let fw = framework.map(js).or_else(fw);
    let out = wasm::score_batch(js(input), fw).unwrap();
    let expected: Value = serde_json::from_str(expected).unwrap();
    same_bits(&from_js(&out), &expected, "$");
}

#[wasm_bindgen_test]
fn default_batch_matches_native_bit_for_bit() {
    golden(
        include_str!("../../../tests/fixtures/golden/default-batch.json"),
        None, // the default framework
        include_str!("../../../tests/fixtures/golden/default-batch.out.json"),
    );
}

#[wasm_bindgen_test]
fn custom_framework_matches_native_bit_for_bit() {
    golden(
        include_str!("../../../tests/fixtures/golden/custom-batch.json"),
        Some(include_str!(
            "../../../tests/fixtures/golden/custom-framework.json"
        )),
        include_str!("../../../tests/fixtures/golden/custom-batch.out.json"),
    );
}

#[wasm_bindgen_test]
fn csv_text_scores_like_json() {
    let csv = "id,unit,date,citizenship.legal_equality,security.lawful_force\nk,Unit,2026-01-02,3,2\nk,Unit,,,4\n";
    let out = from_js(&wasm::score_batch(JsValue::from_str(csv), fw()).unwrap());
    let json = r#"{"id":"k","unit":"Unit","date":"2026-01-02","scores":{"citizenship.legal_equality":3,"security.lawful_force":[2,4]}}"#;
    let single = from_js(&wasm::score(js(json), fw()).unwrap());
    let Value::Object(doc) = out else { panic!() };
    let Value::Array(results) = &doc[1].1 else {
        panic!()
    };
    same_bits(&results[0], &single, "$");
}

/// Calls `f`, expects a thrown Error, returns (code, issues as "path: message").
fn thrown(r: Result<JsValue, wasm::Error>) -> (String, Vec<String>) {
    let err: JsValue = r.expect_err("expected an Error").into();
    assert!(
        err.is_instance_of::<js_sys::Error>(),
        "not an Error: {err:?}"
    );
    let get = |k: &str| js_sys::Reflect::get(&err, &k.into()).unwrap();
    let code = get("code").as_string().unwrap();
    let issues = js_sys::Array::from(&get("issues"))
        .iter()
        .map(|i| {
            let f = |k: &str| {
                js_sys::Reflect::get(&i, &k.into())
                    .unwrap()
                    .as_string()
                    .unwrap()
            };
            format!("{}: {}", f("path"), f("message"))
        })
        .collect();
    (code, issues)
}

#[wasm_bindgen_test]
fn wrong_types_nan_infinity_and_unknown_ids_are_all_named() {
    let input = js_sys::Object::new();
    let scores = js_sys::Object::new();
    let set =
        |o: &js_sys::Object, k: &str, v: JsValue| js_sys::Reflect::set(o, &k.into(), &v).unwrap();
    set(&input, "id", JsValue::from_f64(7.0));
    set(
        &scores,
        "citizenship.legal_equality",
        JsValue::from_f64(f64::NAN),
    );
    set(&scores, "justice.access", JsValue::from_f64(f64::INFINITY));
    set(&scores, "no.such", JsValue::from_f64(1.0));
    set(&scores, "security.lawful_force", JsValue::from_str("3"));
    set(&input, "scores", scores.into());
    let (code, issues) = thrown(wasm::score(input.into(), fw()));
    assert_eq!(code, "invalid_input");
    let expected = [
        "$.id: expected a string, found a number",
        "$.scores[\"citizenship.legal_equality\"]: expected a finite number, found NaN",
        "$.scores[\"justice.access\"]: expected a finite number, found an infinite number",
        "$.scores[\"no.such\"]: unknown indicator id",
        "$.scores[\"security.lawful_force\"]: expected a number, a list of numbers",
    ];
    for e in expected {
        assert!(
            issues.iter().any(|i| i.starts_with(e)),
            "missing {e} in {issues:?}"
        );
    }
    assert_eq!(issues.len(), expected.len(), "{issues:?}");
    let (code, issues) = thrown(wasm::score(JsValue::from_f64(42.0), fw()));
    assert_eq!(
        (code.as_str(), issues[0].as_str()),
        ("invalid_input", "$: expected an object, found a number")
    );
}

/// The node result of `id` in a score() result.
fn node(result: &JsValue, id: &str) -> JsValue {
    let nodes = js_sys::Reflect::get(result, &"nodes".into()).unwrap();
    js_sys::Reflect::get(&nodes, &id.into()).unwrap()
}

#[wasm_bindgen_test]
fn what_json_cannot_carry_is_still_read_as_it_is() {
    // Input is read through JSON.stringify when that is exact; these are not, and must not
    // be lost or changed on the way: −0, members that are undefined or functions, a Map.
    let set = |o: &JsValue, k: &str, v: &JsValue| js_sys::Reflect::set(o, &k.into(), v).unwrap();
    let input = |scores: &JsValue| {
        let a: JsValue = js_sys::Object::new().into();
        set(&a, "id", &"a".into());
        set(&a, "scores", scores);
        a
    };
    let value =
        |r: &JsValue, id: &str| js_sys::Reflect::get(&node(r, id), &"value".into()).unwrap();

    let scores: JsValue = js_sys::Object::new().into();
    set(&scores, "justice.access", &JsValue::from_f64(-0.0));
    set(&scores, "justice.effectiveness", &JsValue::UNDEFINED);
    let r = wasm::score(input(&scores), fw()).unwrap();
    // −0 is read as 0, as natively; undefined is "not scored", as null.
    assert!(js_sys::Object::is(
        &value(&r, "justice.access"),
        &JsValue::from_f64(0.0)
    ));
    assert!(value(&r, "justice.effectiveness").is_null());

    let parse_int = js_sys::Reflect::get(&js_sys::global(), &"parseInt".into()).unwrap();
    set(&scores, "justice.effectiveness", &parse_int);
    let (code, issues) = thrown(wasm::score(input(&scores), fw()));
    assert_eq!(code, "invalid_input");
    assert!(!issues.is_empty(), "a function is refused, not dropped");

    let map = js_sys::Map::new();
    map.set(&"justice.access".into(), &JsValue::from_f64(4.0));
    let r = wasm::score(input(&map.into()), fw()).unwrap();
    assert_eq!(
        value(&r, "justice.access").as_f64(),
        Some(4.0),
        "a Map's entries are read"
    );
}

#[wasm_bindgen_test]
fn huge_arrays_and_deep_nesting_are_errors_not_traps() {
    let many = format!(
        r#"{{"id":"x","scores":{{"justice.access":[{}]}}}}"#,
        vec!["2"; 200_000].join(",")
    );
    let (code, issues) = thrown(wasm::score(js(&many), fw()));
    assert_eq!(code, "invalid_input");
    assert!(
        issues[0].contains("200000 respondents; at most 1000"),
        "{issues:?}"
    );

    let deep = format!(
        r#"{{"id":"x","notes":{}{}}}"#,
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let (code, issues) = thrown(wasm::score(js(&deep), fw()));
    assert_eq!(code, "invalid_input");
    assert!(issues[0].contains("nests more than"), "{issues:?}");

    // A cycle is nesting without end.
    let cyclic = js_sys::Object::new();
    js_sys::Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    let (_, issues) = thrown(wasm::score(cyclic.into(), fw()));
    assert!(issues[0].contains("nests more than"), "{issues:?}");
}

#[wasm_bindgen_test]
fn an_invalid_framework_is_thrown_and_validate_reports_instead() {
    let bad = r#"{"id":"f","version":"1","title":{"en":"F"},"bands":[{"id":"a","min":10}],
                 "root":{"id":"r","title":{"en":"R"},"children":[{"id":"x","title":{"en":"X"},"weight":-1,"scale":{"min":1,"max":1}}]}}"#;
    let (code, issues) = thrown(wasm::score(js(r#"{"id":"a"}"#), Some(js(bad))));
    assert_eq!(code, "invalid_framework");
    assert_eq!(issues.len(), 3, "{issues:?}");
    let report = from_js(&wasm::validate_framework(js(bad)).unwrap());
    assert_eq!(report.get("valid"), Some(&Value::Bool(false)));
    let ok =
        from_js(&wasm::validate(js(r#"{"id":"a","scores":{"justice.access":2}}"#), fw()).unwrap());
    assert_eq!(ok.get("valid"), Some(&Value::Bool(true)));
    let bad =
        from_js(&wasm::validate(js(r#"{"id":"a","scores":{"justice.access":9}}"#), fw()).unwrap());
    assert_eq!(bad.get("valid"), Some(&Value::Bool(false)));
}

#[wasm_bindgen_test]
fn the_framework_is_passed_as_an_object_or_as_text_and_input_may_be_json_text() {
    let input = r#"{"id":"k","scores":{"justice.access":3,"security.lawful_force":[1,4]}}"#;
    let (code, issues) = thrown(wasm::score(js(input), None));
    assert_eq!(
        (code.as_str(), issues[0].as_str()),
        (
            "invalid_argument",
            "fw: no framework: pass one, as an object or as JSON text"
        )
    );
    let text = fw().unwrap();
    let object = js(&text.as_string().unwrap());
    let by_text = from_js(&wasm::score(js(input), Some(text.clone())).unwrap());
    let by_object = from_js(&wasm::score(js(input), Some(object)).unwrap());
    same_bits(&by_text, &by_object, "$");
    // Input as JSON text (what the page sends), read like the object.
    let from_text = from_js(&wasm::score(JsValue::from_str(input), Some(text.clone())).unwrap());
    same_bits(&from_text, &by_text, "$");
    let (code, _) = thrown(wasm::score(
        JsValue::from_str("{\"id\":"),
        Some(text.clone()),
    ));
    assert_eq!(code, "invalid_json");
    let (code, _) = thrown(wasm::score(js(input), Some(JsValue::from_str("{not json"))));
    assert_eq!(code, "invalid_json");
    // Hard numbers (past the exact fast path) are read bit for bit, through parseFloat.
    let hard = r#"{"id":"k","scores":{"justice.access":[0.14285714285714285,3.0000000000000004]}}"#;
    let r = wasm::score(JsValue::from_str(hard), Some(text)).unwrap();
    let value = js_sys::Reflect::get(&node(&r, "justice.access"), &"value".into()).unwrap();
    let want = (0.14285714285714285f64 + 3.0000000000000004) / 2.0;
    assert_eq!(value.as_f64().map(f64::to_bits), Some(want.to_bits()));
    assert!(!wasm::version().is_empty());
}

#[wasm_bindgen_test]
fn analysis_with_a_seed_matches_native_bit_for_bit() {
    // The same input, options and seed as the native golden file (crates/cli/tests/analysis.rs).
    let out = wasm::analyse(
        js(include_str!("../../../tests/fixtures/analysis/batch.json")),
        js(r#"{"draws": 500, "seed": 42}"#),
        fw(),
    )
    .unwrap();
    let expected: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/analysis/golden-analyse.json"
    ))
    .unwrap();
    same_bits(&from_js(&out), &expected, "$");
}

#[wasm_bindgen_test]
fn xlsform_bytes_match_native() {
    let bytes = wasm::xlsform(fw()).unwrap().to_vec();
    assert!(
        bytes == include_bytes!("../../../tests/fixtures/golden/default-xlsform.xlsx"),
        "the browser's XLSForm differs from the native one"
    );
}

#[wasm_bindgen_test]
fn kobo_export_imports_as_natively() {
    let out = wasm::import_odk(
        JsValue::from_str(include_str!(
            "../../../tests/fixtures/odk/kobo_xml_values.csv"
        )),
        js(r#"{"group": ["unit", "date"]}"#),
        fw(),
    )
    .unwrap();
    let got = from_js(&out);
    let expected: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/golden/kobo-import.out.json"
    ))
    .unwrap();
    same_bits(&got, &expected, "$");
}

#[wasm_bindgen_test]
fn crypto_errors_are_thrown_with_their_code() {
    let err: JsValue = wasm::age_recipient("age1notakey")
        .expect_err("expected an Error")
        .into();
    assert!(
        err.is_instance_of::<js_sys::Error>(),
        "not an Error: {err:?}"
    );
    let get = |k: &str| js_sys::Reflect::get(&err, &k.into()).unwrap().as_string();
    assert_eq!(get("code").as_deref(), Some("bad-key"));
    let message = get("message").unwrap();
    assert!(message.starts_with("invalid key: "), "{message}");
}

#[wasm_bindgen_test]
fn csv_through_the_engine_in_a_style() {
    let csv = "id,unit,date,citizenship.legal_equality,security.lawful_force\nk,Unit,2026-01-02,3,2\nk,Unit,,dk,4\n";
    // Responses CSV → JSON input → responses CSV: the same text in the default style.
    let batch = wasm::assessments_from_csv(csv, fw()).unwrap();
    let again = wasm::assessments_to_csv(batch.clone(), fw(), None).unwrap();
    let back = wasm::assessments_from_csv(&again, fw()).unwrap();
    same_bits(&from_js(&back), &from_js(&batch), "$");
    // Results in French: `;`, decimal commas, one decimal, band names given.
    let style = js(r#"{"separator": ";", "decimalComma": true, "digits": 1}"#);
    let fr = wasm::results_csv(batch.clone(), fw(), Some(style)).unwrap();
    let header = fr.lines().next().unwrap();
    assert!(
        header.starts_with("id;unit;date;overall;band;alarms;"),
        "{fr}"
    );
    let cells: Vec<&str> = fr.lines().nth(1).unwrap().split(';').collect();
    assert_eq!(&cells[..3], ["k", "Unit", "2026-01-02"]);
    let en = wasm::results_csv(batch, fw(), None).unwrap();
    assert!(en
        .lines()
        .next()
        .unwrap()
        .starts_with("id,unit,date,overall,band,alarms,"));
    // A bad style and bad CSV are thrown, located.
    let (code, issues) = thrown(
        wasm::results_csv(
            JsValue::from_str(csv),
            fw(),
            Some(js(r#"{"separator": "|"}"#)),
        )
        .map(JsValue::from),
    );
    assert_eq!(code, "invalid_argument");
    assert!(issues[0].starts_with("$.separator: "), "{issues:?}");
    let (code, issues) = thrown(wasm::assessments_from_csv(
        "id,unit,date,justice.access\na,U,2026,9\n",
        fw(),
    ));
    assert_eq!(code, "invalid_input");
    assert!(
        issues[0].starts_with("row 2, column \"justice.access\": "),
        "{issues:?}"
    );
}

/// The realistic team assessment the report tests use (its one assessment).
fn team_fixture() -> JsValue {
    let file = js(include_str!("../../../tests/fixtures/report/team.json"));
    let list = js_sys::Reflect::get(&file, &"assessments".into()).unwrap();
    js_sys::Reflect::get_u32(&list, 0).unwrap()
}

#[wasm_bindgen_test]
fn the_report_is_the_clis_byte_for_byte() {
    // The same assessment, options, language and day as the native golden file
    // (crates/cli/tests/report.rs).
    let html = wasm::report(
        team_fixture(),
        js(r#"{"draws": 300, "seed": 5}"#),
        JsValue::from_str("fr"),
        JsValue::from_str("2026-03-20"),
        fw(),
    )
    .unwrap();
    assert!(
        html == include_str!("../../../tests/fixtures/report/team-fr.html"),
        "the browser's report differs from the CLI's"
    );
    // Bad arguments: every problem at once, named.
    let (code, issues) = thrown(
        wasm::report(
            team_fixture(),
            js(r#"{"draws": 0}"#),
            JsValue::from_str("de"),
            JsValue::from_str("2026-3-1"),
            fw(),
        )
        .map(JsValue::from),
    );
    assert_eq!(code, "invalid_argument");
    assert_eq!(issues.len(), 3, "{issues:?}");
    assert!(
        issues[0].starts_with("lang: expected \"en\" or \"fr\""),
        "{issues:?}"
    );
    assert!(
        issues[1].starts_with("made: \"2026-3-1\" is not a day"),
        "{issues:?}"
    );
    assert!(issues[2].starts_with("$.draws: "), "{issues:?}");
    let (code, issues) = thrown(
        wasm::report(
            js(r#"{"id": "x", "scores": {"justice.access": 9}}"#),
            JsValue::NULL,
            JsValue::from_str("en"),
            JsValue::from_str("2026-03-20"),
            fw(),
        )
        .map(JsValue::from),
    );
    assert_eq!(code, "invalid_input");
    assert!(
        issues[0].starts_with("$.scores[\"justice.access\"]: "),
        "{issues:?}"
    );
}

/// `{name, text}` of an assessor's export of assessment "t".
fn team_file(name: &str, assessor: &str, at: &str, force: u8) -> JsValue {
    let text = format!(
        r#"{{"assessments": [{{"id": "t", "assessor": "{assessor}", "_updated": "{at}",
            "scores": {{"security.lawful_force": {force}, "justice.access": 2}},
            "_edited": {{"security.lawful_force": "{at}", "justice.access": "2026-03-01T00:00:00Z"}}}}]}}"#
    );
    let f = js_sys::Object::new();
    js_sys::Reflect::set(&f, &"name".into(), &name.into()).unwrap();
    js_sys::Reflect::set(&f, &"text".into(), &text.into()).unwrap();
    f.into()
}

#[wasm_bindgen_test]
fn team_files_merge_and_their_agreement() {
    let files = js_sys::Array::of3(
        &team_file("amina.json", "amina", "2026-03-14T10:00:00Z", 1),
        &team_file("jb.json", "jb", "2026-03-14T11:00:00Z", 3),
        &team_file("amina-tablet.json", "amina", "2026-03-15T08:00:00Z", 0),
    );
    let merged = from_js(&wasm::merge_team(files.into()).unwrap());
    let Some(Value::Array(list)) = merged.get("assessments") else {
        panic!("{merged:?}")
    };
    let t = &list[0];
    let amina = t.get("assessors").and_then(|a| a.get("amina")).unwrap();
    let conflict = amina
        .get("conflicts")
        .and_then(|c| c.get("security.lawful_force"));
    assert!(
        matches!(conflict, Some(Value::Array(v)) if v.len() == 2),
        "{amina:?}"
    );
    let pooled = t.get("scores").and_then(|s| s.get("security.lawful_force"));
    assert_eq!(
        pooled,
        Some(&Value::Array(vec![Value::Number(0.0), Value::Number(3.0)]))
    );

    // Its agreement: amina 0 and jb 3 on force, 2 and 2 on access.
    let item = js_sys::Reflect::get_u32(
        &js_sys::Reflect::get(
            &wasm::merge_team(files_again()).unwrap(),
            &"assessments".into(),
        )
        .unwrap(),
        0,
    )
    .unwrap();
    let agreement = from_js(&wasm::team_agreement_js(item, fw()).unwrap());
    assert_eq!(
        agreement.get("assessors"),
        Some(&Value::Array(vec![
            Value::String("amina".into()),
            Value::String("jb".into())
        ]))
    );
    assert_eq!(agreement.get("exact"), Some(&Value::Number(0.5)));
    assert_eq!(
        agreement.get("by_disagreement"),
        Some(&Value::Array(vec![
            Value::String("security.lawful_force".into()),
            Value::String("justice.access".into())
        ]))
    );
    let agreement = from_js(&wasm::team_agreement_js(team_fixture(), fw()).unwrap());
    assert!(matches!(agreement.get("alpha"), Some(Value::Number(_))));

    // Every problem of every file, named by the file.
    let bad = js_sys::Object::new();
    js_sys::Reflect::set(&bad, &"name".into(), &"broken.json".into()).unwrap();
    js_sys::Reflect::set(&bad, &"text".into(), &"{\"id\": ".into()).unwrap();
    let no_code = js_sys::Object::new();
    js_sys::Reflect::set(&no_code, &"name".into(), &"solo.json".into()).unwrap();
    js_sys::Reflect::set(&no_code, &"text".into(), &r#"{"id": "t"}"#.into()).unwrap();
    let (code, issues) = thrown(wasm::merge_team(js_sys::Array::of2(&bad, &no_code).into()));
    assert_eq!(code, "invalid_json");
    assert!(
        issues[0].starts_with("broken.json: $: not JSON: "),
        "{issues:?}"
    );
    assert!(
        issues[1].starts_with("solo.json: $.assessor: is required to merge"),
        "{issues:?}"
    );
    let (code, issues) = thrown(wasm::merge_team(js(r#"[{"name": "a.json"}, 3]"#)));
    assert_eq!(code, "invalid_argument");
    assert_eq!(
        issues,
        [
            "files[0].text: expected the file's text (a string)",
            "files[1].name: expected the file's name (a string)",
            "files[1].text: expected the file's text (a string)"
        ]
    );
    // Not a team assessment.
    let (code, issues) = thrown(wasm::team_agreement_js(
        js(r#"{"id": "solo", "scores": {"justice.access": 2}}"#),
        fw(),
    ));
    assert_eq!(code, "invalid_input");
    assert!(issues[0].starts_with("$.assessors: "), "{issues:?}");
}

fn files_again() -> JsValue {
    js_sys::Array::of2(
        &team_file("amina.json", "amina", "2026-03-14T10:00:00Z", 0),
        &team_file("jb.json", "jb", "2026-03-14T11:00:00Z", 3),
    )
    .into()
}
