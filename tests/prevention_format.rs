//! The framework format's prevention fields (issue #16): the Framework of Analysis risk
//! factors (`risk_factors`) and references (`foa`), prevention measures (`measures`), the
//! warning-signs instrument (`context`) and `alert_bands`. Every problem is reported at once
//! with its JSON path; frameworks without these fields read as before.
#![cfg(not(target_arch = "wasm32"))]

use resilience::framework::{ContextKind, FoaRef, Framework, Kind};
use resilience::{Issue, Value};

fn value(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn read(text: &str) -> Result<Framework, Vec<Issue>> {
    Framework::from_value(&value(text))
}

/// A small valid framework with every new field; `edit` changes its text first.
fn framework(edit: impl Fn(String) -> String) -> String {
    edit(
        r#"{"id": "t", "version": "1", "title": {"en": "T", "fr": "T"}, "languages": ["en", "fr"],
            "bands": [{"id": "critical", "min": 0}, {"id": "weak", "min": 25}, {"id": "fine", "min": 50}],
            "alert_bands": ["critical", "weak"],
            "risk_factors": [
              {"id": "1", "title": {"en": "One", "fr": "Un"}},
              {"id": "7", "title": {"en": "Seven", "fr": "Sept"}},
              {"id": "8", "title": {"en": "Eight", "fr": "Huit"}}],
            "context": [
              {"id": "militias", "kind": "sign", "foa": ["7.5"], "title": {"en": "Militias", "fr": "Milices"},
               "guidance": {"en": "Present if…", "fr": "Présent si…"}},
              {"id": "elections", "kind": "trigger", "foa": ["8.8"], "title": {"en": "Elections", "fr": "Élections"}}],
            "root": {"id": "r", "title": {"en": "R", "fr": "R"}, "children": [
              {"id": "p", "title": {"en": "P", "fr": "P"}, "children": [
                {"id": "p.x", "title": {"en": "X", "fr": "X"}, "scale": {"min": 0, "max": 4},
                 "foa": ["1", "7.10"],
                 "measures": [{"title": {"en": "Do this", "fr": "Faire ceci"}, "source": "Body (2014), Title"}]},
                {"id": "p.y", "title": {"en": "Y", "fr": "Y"}, "scale": {"min": 0, "max": 4}}]}]}}"#
            .to_string(),
    )
}

#[test]
fn the_new_fields_are_read_and_written_back() {
    let fw = read(&framework(|s| s)).unwrap();
    assert_eq!(fw.risk_factors.len(), 3);
    assert_eq!(fw.risk_factors[1].id, "7");
    assert_eq!(fw.risk_factors[1].title.get("fr"), "Sept");
    let Kind::Indicator(x) = &fw.nodes[fw.node("p.x").unwrap()].kind else {
        panic!()
    };
    assert_eq!(
        x.foa,
        [
            FoaRef {
                factor: 0,
                indicator: None
            },
            FoaRef {
                factor: 1,
                indicator: Some(10)
            }
        ]
    );
    let labels: Vec<String> = x.foa.iter().map(|r| r.label(&fw.risk_factors)).collect();
    assert_eq!(labels, ["1", "7.10"]);
    assert_eq!(x.measures.len(), 1);
    assert_eq!(x.measures[0].source, "Body (2014), Title");
    assert_eq!(fw.context.len(), 2);
    assert_eq!(fw.context[1].kind, ContextKind::Trigger);
    assert_eq!(fw.context_index("elections"), Some(1));
    assert_eq!(fw.alert_bands, Some(vec![0, 1]));
    assert!(fw.is_alert_band(1) && !fw.is_alert_band(2));
    // Written back, read again: the same framework.
    let again = Framework::from_value(&fw.to_value()).unwrap();
    assert_eq!(again, fw);
    let text = serde_json::to_string(&fw.to_value()).unwrap();
    assert!(text.contains(r#""foa":["1","7.10"]"#), "{text}");
}

#[test]
fn without_alert_bands_the_lower_half_of_the_bands_alert() {
    let fw = read(&framework(|s| {
        s.replace(r#""alert_bands": ["critical", "weak"],"#, "")
    }))
    .unwrap();
    assert_eq!(fw.alert_bands, None);
    // Three bands: the lowest one.
    assert!(fw.is_alert_band(0));
    assert!(!fw.is_alert_band(1));
    assert!(fw.to_value().get("alert_bands").is_none());
}

#[test]
fn every_problem_is_reported_at_once_with_its_path() {
    let broken = framework(|s| {
        s.replace(r#"{"id": "1", "title": {"en": "One", "fr": "Un"}}"#,
                  r#"{"id": "01", "title": {"en": "One"}}"#)
            .replace(r#"{"id": "8", "title": {"en": "Eight", "fr": "Huit"}}"#,
                     r#"{"id": "7", "title": {"en": "Eight", "fr": "Huit"}}"#)
            .replace(r#""alert_bands": ["critical", "weak"]"#, r#""alert_bands": ["critical", "poor"]"#)
            .replace(r#"{"id": "elections", "kind": "trigger", "foa": ["8.8"], "title": {"en": "Elections", "fr": "Élections"}}"#,
                     r#"{"id": "militias", "kind": "signal", "foa": ["8.8"], "title": {"en": "Elections", "fr": ""}},
                        {"id": "a.b", "kind": "trigger", "title": {"fr": "B"}}"#)
            .replace(r#""foa": ["1", "7.10"]"#, r#""foa": ["9.x", "15.1", "7.0", "7.5", "7.5", 3]"#)
            .replace(r#""measures": [{"title": {"en": "Do this", "fr": "Faire ceci"}, "source": "Body (2014), Title"}]"#,
                     r#""measures": [{"title": {"en": "Do this"}, "source": "Body (2014), Title"}, {"title": {"en": "A", "fr": "A"}},
                                     {"title": {"en": "B", "fr": "B"}, "source": "S"}, {"title": {"en": "C", "fr": "C"}, "source": "S"}]"#)
            .replace(r#"{"id": "p", "title": {"en": "P", "fr": "P"}, "children""#,
                     r#"{"id": "p", "title": {"en": "P", "fr": "P"}, "foa": ["7"], "children""#)
    });
    let issues = read(&broken).unwrap_err();
    let found: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
    let x = "$.root.children[0].children[0]";
    let expected = [
        r#"$.alert_bands[1]: unknown band "poor"; expected one of: critical, weak, fine"#.to_string(),
        r#"$.risk_factors[0].id: "01" is not a risk factor number"#.into(),
        r#"$.risk_factors[0].title: has no "fr" text; the framework's languages are en, fr"#.into(),
        r#"$.risk_factors[2].id: duplicate risk factor "7""#.into(),
        // "8" was renamed "7": the trigger's "8.8" now names no risk factor.
        r#"$.context[1].id: duplicate warning sign or trigger id "militias""#.into(),
        r#"$.context[1].kind: unknown kind "signal"; expected one of: sign, trigger"#.into(),
        r#"$.context[1].foa[0]: unknown risk factor "8" in "8.8"; the framework's risk_factors are 7"#.into(),
        r#"$.context[1].title: has no "fr" text"#.into(),
        r#"$.context[2].id: id "a.b" may hold only letters, digits, '_' and '-'"#.into(),
        r#"$.context[2].title: has no "en" text"#.into(),
        r#"$.root.children[0].foa: only indicators (nodes without children) have this field"#.into(),
        format!(r#"{x}.foa[0]: "9.x" is not a Framework of Analysis reference"#),
        format!(r#"{x}.foa[1]: unknown risk factor "15" in "15.1""#),
        format!(r#"{x}.foa[2]: "7.0" is not a Framework of Analysis reference"#),
        format!(r#"{x}.foa[4]: "7.5" appears twice"#),
        format!(r#"{x}.foa[5]: expected a string such as "9.1", found a number"#),
        format!(r#"{x}.measures: at most 3 measures per indicator, found 4"#),
        format!(r#"{x}.measures[0].title: has no "fr" text"#),
        format!(r#"{x}.measures[1].source: is required"#),
    ];
    for e in &expected {
        assert!(
            found.iter().any(|f| f.starts_with(e.as_str())),
            "missing {e}\n{found:#?}"
        );
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
}

#[test]
fn references_need_the_risk_factors_listed() {
    // An indicator that cites the Framework of Analysis in a framework that lists no risk
    // factors: named, not silently dropped.
    let text = framework(|s| {
        let start = s.find(r#""risk_factors""#).unwrap();
        let end = s.find(r#""root""#).unwrap();
        format!("{}{}", &s[..start], &s[end..])
    });
    let found: Vec<String> = read(&text)
        .unwrap_err()
        .iter()
        .map(|i| i.to_string())
        .collect();
    assert_eq!(
        found,
        [
            r#"$.root.children[0].children[0].foa[0]: unknown risk factor "1" in "1"; the framework lists no risk_factors"#,
            r#"$.root.children[0].children[0].foa[1]: unknown risk factor "7" in "7.10"; the framework lists no risk_factors"#,
        ]
    );
}

#[test]
fn wrong_shapes_are_named() {
    let cases: &[(&str, &str, &str)] = &[
        (r#""risk_factors": ["#, r#""risk_factors": 3, "x": ["#, "$.risk_factors: expected a list of risk factors"),
        (r#""context": ["#, r#""context": {}, "x": ["#, "$.context: expected a list of warning signs and triggers"),
        (r#""alert_bands": ["critical", "weak"]"#, r#""alert_bands": "weak""#, "$.alert_bands: expected a list of band ids"),
        (r#""foa": ["1", "7.10"]"#, r#""foa": "7.10""#, "$.root.children[0].children[0].foa: expected a list of Framework of Analysis references"),
        (r#""measures": [{"#, r#""measures": {"x": 1}, "m": [{"#, "$.root.children[0].children[0].measures: expected a list of measures"),
        (r#""kind": "sign", "#, "", "$.context[0].kind: is required"),
        (r#""source": "Body (2014), Title""#, r#""source": """#, "$.root.children[0].children[0].measures[0].source: must not be empty"),
        (r#""guidance": {"en": "Present if…", "fr": "Présent si…"}"#, r#""guidance": {"en": "Present if…", "fr": " "}"#, "$.context[0].guidance: has no \"fr\" text"),
        (r#"{"id": "7", "title""#, r#"{"id": "7", "n": 3, "title""#, "$.risk_factors[1].n: unknown field"),
    ];
    for (from, to, want) in cases {
        let text = framework(|s| s.replacen(from, to, 1));
        let found: Vec<String> = match read(&text) {
            Ok(_) => vec![],
            Err(issues) => issues.iter().map(|i| i.to_string()).collect(),
        };
        assert!(
            found.iter().any(|f| f.starts_with(want)),
            "{to}: wanted {want:?} in {found:#?}"
        );
    }
}

#[test]
fn older_frameworks_without_the_fields_still_validate() {
    let dir = env!("CARGO_MANIFEST_DIR");
    for path in [
        "www/frameworks/resilience-default-1.1.0.json",
        "tests/fixtures/golden/custom-framework.json",
        "tests/fixtures/frameworks/resilience-default-2.0.0.json",
    ] {
        let text = std::fs::read_to_string(format!("{dir}/{path}")).unwrap();
        let fw = Framework::from_value(&value(&text)).unwrap_or_else(|e| panic!("{path}: {e:?}"));
        assert!(
            fw.risk_factors.is_empty() && fw.context.is_empty(),
            "{path}"
        );
        // Written back without the new fields.
        let out = serde_json::to_string(&fw.to_value()).unwrap();
        for key in [
            "\"risk_factors\"",
            "\"context\"",
            "\"alert_bands\"",
            "\"foa\"",
            "\"measures\"",
        ] {
            assert!(!out.contains(key), "{path} gained {key}");
        }
    }
    // Languages come from the title when the framework does not list them.
    let fw = read(&framework(|s| {
        s.replace(r#", "languages": ["en", "fr"]"#, "")
            .replace(
                r#""title": {"en": "T", "fr": "T"}"#,
                r#""title": {"en": "T"}"#,
            )
            .replace(r#""fr": "Un""#, r#""de": "Eins""#)
    }))
    .unwrap();
    assert_eq!(fw.risk_factors[0].title.get("de"), "Eins");
    // A framework may give measures and no risk factors, or none of the new fields at all.
    let bare = framework(|s| {
        let start = s.find(r#""alert_bands""#).unwrap();
        let end = s.find(r#""root""#).unwrap();
        format!("{}{}", &s[..start], &s[end..]).replace(r#""foa": ["1", "7.10"],"#, "")
    });
    let fw = read(&bare).unwrap();
    assert!(fw.context.is_empty() && fw.risk_factors.is_empty());
    assert_eq!(Framework::from_value(&fw.to_value()).unwrap(), fw);
}
