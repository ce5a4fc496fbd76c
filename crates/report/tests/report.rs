//! The report: self-contained, in both languages, and user text stays text.

use base64ct::{Base64, Encoding};
use resilience::framework::{Framework, DEFAULT_FRAMEWORK_JSON};
use resilience::value::Value;
use resilience_report::{write, Report, STYLE, STYLE_HASH};
use sha2::{Digest, Sha256};

fn v(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn the_style_is_allowed_by_its_hash() {
    let hash = format!(
        "sha256-{}",
        Base64::encode_string(&Sha256::digest(STYLE.as_bytes()))
    );
    assert_eq!(
        STYLE_HASH, hash,
        "update STYLE_HASH after editing report.css"
    );
}

fn report(lang: &str, input: &Value, result: &Value) -> String {
    let fw_json = v(DEFAULT_FRAMEWORK_JSON);
    let fw = Framework::from_value(&fw_json).unwrap();
    let options = v(r#"{"draws": 1000, "seed": 7}"#);
    write(
        &Report {
            fw: &fw,
            input,
            result,
            options: &options,
            made: "2026-11-30",
        },
        lang,
    )
}

#[test]
fn no_request_no_script_and_user_text_stays_text() {
    let input = v(
        r#"{"id": "x", "unit": "<script>alert(1)</script>", "scores": {"security.lawful_force": 0},
        "notes": {"security.lawful_force": "<img src=x onerror=alert(2)>"}}"#,
    );
    let result = v(
        r#"{"overall": {"score": null, "band": null, "coverage": 0.1},
        "alarms": [{"indicator": "security.lawful_force", "kind": "at_bottom", "respondents_at_bottom": 1, "respondents": 1}],
        "nodes": {"security.lawful_force": {"value": 0, "score": 0, "respondents": 1, "spread": 0}}}"#,
    );
    for lang in ["en", "fr"] {
        let html = report(lang, &input, &result);
        assert!(!html.contains("<script"), "{lang}");
        assert!(!html.contains("<img"), "{lang}");
        assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
        for attr in ["src=\"", "href=\"", "url(", "@import"] {
            assert!(!html.contains(attr), "{lang}: {attr}");
        }
        assert!(html.contains("default-src 'none'"));
    }
}

#[test]
fn english_and_french() {
    let input = v(
        r#"{"id": "x", "unit": "Nakuru", "date": "2026-03-14", "scores": {"citizenship.legal_equality": [2, 3]}}"#,
    );
    let result = v(
        r#"{"overall": {"score": 56.04166, "band": "moderate", "coverage": 1},
        "alarms": [], "nodes": {"citizenship": {"score": 62.5, "band": "strong", "coverage": 1},
        "citizenship.legal_equality": {"value": 2.5, "score": 62.5, "respondents": 2, "spread": 1}},
        "uncertainty": {"overall": {"p05": 48.25, "p95": 61.0}, "nodes": {"citizenship": {"p05": 50, "p95": 70.04}}}}"#,
    );
    let en = report("en", &input, &result);
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("56.0 of 100, Moderate"), "{en}");
    // The overall range in words; a pillar's in its table cell.
    assert!(en.contains("between 48.3 and 61.0") || en.contains("between 48.2 and 61.0"));
    assert!(en.contains("50.0–70.0"));
    assert!(en.contains("2.50, between anchors 2 and 3"));
    let fr = report("fr", &input, &result);
    assert!(fr.contains("<html lang=\"fr\">"));
    assert!(fr.contains("56,0 sur 100, Modérée"), "{fr}");
    assert!(fr.contains("Confidentiel"));
    assert!(fr.contains("50,0–70,0"));
}

/// The engine's own result for `input` (score only; the CLI adds the analysis).
fn scored(input: &Value) -> Value {
    let fw = Framework::from_value(&v(DEFAULT_FRAMEWORK_JSON)).unwrap();
    let batch = resilience::assessment::read_assessments(input, &fw).unwrap();
    let scored = resilience::pipeline::score_batch(&fw, &batch);
    let doc = resilience::result::Results {
        fw: &fw,
        batch: &batch,
        scored: &scored,
    };
    let out: Value = serde_json::from_str(&serde_json::to_string(&doc).unwrap()).unwrap();
    match out.get("results") {
        Some(Value::Array(l)) => l[0].clone(),
        _ => unreachable!(),
    }
}

#[test]
fn an_alert_heads_the_report_with_signs_evidence_coverage_and_measures() {
    let input = v(r#"{"id": "x", "unit": "Nakuru", "date": "2026-03-14",
        "scores": {"security.lawful_force": 0, "citizenship.legal_equality": 2, "justice.independence": 1},
        "evidence": {"security.lawful_force": {"source": ["interview", "document"], "date": "2026-03", "confidence": "low"}},
        "context": {"elections_census": {"status": "present", "date": "2026-07", "note": "disputed last time"},
                    "arms_buildup": {"status": "absent"}}}"#);
    let result = scored(&input);
    assert!(
        matches!(result.get("early_warning"), Some(Value::Object(_))),
        "the engine raises the alert"
    );
    let en = report("en", &input, &result);
    let alert = en.find("Early-warning alert").expect("an alert");
    assert!(
        alert < en.find("Overall resilience index").unwrap(),
        "the alert heads the summary"
    );
    assert!(en.contains("disputed last time"));
    assert!(en.contains("Evidence: interview, document · 2026-03 · confidence low"));
    assert!(en.contains("Absent: 1."));
    assert!(en.contains("UN Framework of Analysis for Atrocity Crimes"));
    let fw = Framework::from_value(&v(DEFAULT_FRAMEWORK_JSON)).unwrap();
    let open = &en[en
        .find("Not informed by this assessment")
        .expect("the factors left open")..];
    let rf4 = format!("4 {}", fw.risk_factors[3].title.get("en"));
    assert!(
        open[..open.find("</p>").unwrap()].contains(&rf4),
        "risk factor 4 is never informed"
    );
    assert!(en.contains("Recommended prevention measures"));
    let fr = report("fr", &input, &result);
    assert!(fr.contains("Alerte précoce"));
    assert!(fr.contains("Sources : entretien, document · 2026-03 · confiance faible"));
    assert!(!fr.contains("report."), "every key translated");
    assert!(!en.contains("report."), "every key translated");

    // No sign present: no alert, though the alarm stays.
    let calm = v(
        r#"{"id": "y", "scores": {"security.lawful_force": 0}, "context": {"elections_census": {"status": "unknown"}}}"#,
    );
    let result = scored(&calm);
    let en = report("en", &calm, &result);
    assert!(!en.contains("Early-warning alert"));
    assert!(en.contains("None of the warning signs or triggers assessed is present."));
}

#[test]
fn a_team_s_report_shows_each_assessor_s_score_evidence_and_note() {
    // As `resilience merge` writes it: the pooled scores, and every assessor's own answers.
    let input = v(
        r#"{"id": "t", "unit": "Team district", "basis": "individual",
        "scores": {"security.lawful_force": [1, 3], "justice.independence": [2]},
        "assessors": {
          "amina": {"scores": {"security.lawful_force": 1, "justice.independence": 2},
                    "notes": {"security.lawful_force": "two cases in March"},
                    "evidence": {"security.lawful_force": {"source": "interview", "confidence": "low"}}},
          "jb": {"scores": {"security.lawful_force": 3, "justice.independence": {"missing": "dont_know"}},
                 "notes": {"security.lawful_force": "<b>none</b> seen", "justice.independence": "court closed"},
                 "evidence": {"security.lawful_force": {"source": ["document", "media"], "date": "2026-03"}}}}}"#,
    );
    let result = scored(&input);
    let en = report("en", &input, &result);
    let at = en
        .find("Lawful and proportionate force")
        .expect("the indicator");
    let dd = &en[at..];
    for text in [
        "amina scored 1",
        "Evidence: interview · confidence low",
        "two cases in March",
        "jb scored 3",
        "Evidence: document, media · 2026-03",
        "&lt;b&gt;none&lt;/b&gt; seen",
    ] {
        assert!(dd.contains(text), "{text}: {en}");
    }
    assert!(
        en.contains("jb scored Don’t know"),
        "a reason given instead"
    );
    assert!(en.contains("court closed"));
    assert!(!en.contains("<b>none"), "a note stays text");
    // amina's answer comes before jb's, under the indicator they answered.
    assert!(dd.find("amina scored 1") < dd.find("jb scored 3"));
    let fr = report("fr", &input, &result);
    assert!(fr.contains("amina a noté 1"), "{fr}");
    assert!(fr.contains("jb a noté 3"));
    assert!(!fr.contains("report."), "every key translated");
    assert!(en.contains("amina scored 2"), "a score alone, named too");
    // An assessment of one assessor shows no such lines.
    let solo = v(r#"{"id": "s", "scores": {"security.lawful_force": 1},
        "notes": {"security.lawful_force": "alone"}}"#);
    let html = report("en", &solo, &scored(&solo));
    assert!(html.contains("alone") && !html.contains("scored 1"));
}

/// A half is rounded as the app's screen rounds it (away from zero, on the digits the number
/// reads as), so the printed report and the screen show the same figure: a pillar of four
/// indicators can score 56.25, which `{:.1}` wrote 56.2.
#[test]
fn numbers_are_rounded_as_on_the_screen() {
    let (en, fr) = (
        resilience_report::Words::new("en"),
        resilience_report::Words::new("fr"),
    );
    assert_eq!(en.num(56.25, 1), "56.3");
    assert_eq!(fr.num(56.25, 1), "56,3");
    assert_eq!(en.num(51.15, 1), "51.2");
    assert_eq!(en.num(62.5, 0), "63");
    assert_eq!(en.num(42.44, 1), "42.4");
}
