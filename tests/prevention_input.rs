//! The answers to the warning-signs instrument (`context`) and the evidence behind the scores
//! (`evidence`) in assessments: read from JSON with every problem at its path, from CSV with
//! every problem at its row and column, and written back to both.
#![cfg(not(target_arch = "wasm32"))]

use resilience::assessment::{read_assessments, Confidence, Source, Status};
use resilience::csv_input::read_csv;
use resilience::csv_output::write_assessments_csv;
use resilience::framework::{Framework, DEFAULT_FRAMEWORK_JSON};
use resilience::{Assessment, Issue, Value};

fn fw() -> Framework {
    Framework::from_value(&serde_json::from_str(DEFAULT_FRAMEWORK_JSON).unwrap()).unwrap()
}

fn json(fw: &Framework, text: &str) -> Result<Vec<Assessment>, Vec<String>> {
    let v: Value = serde_json::from_str(text).unwrap();
    read_assessments(&v, fw).map_err(|e| strings(&e))
}

fn csv(fw: &Framework, text: &str) -> Result<Vec<Assessment>, Vec<String>> {
    read_csv(text, fw).map_err(|e| strings(&e))
}

fn strings(issues: &[Issue]) -> Vec<String> {
    issues.iter().map(|i| i.to_string()).collect()
}

const EXAMPLE: &str = r#"{"assessments": [
  {"id": "north-2026-03", "unit": "North", "date": "2026-03-14",
   "scores": {"security.lawful_force": [1, 2], "justice.access": 3},
   "context": {
     "elections_census": {"status": "present", "date": "2026-08", "note": "Presidential election; \"tense\", contested"},
     "hate_speech": {"status": "unknown"},
     "militia_mobilisation": {"status": "absent", "date": "2026-03-01"}},
   "evidence": {
     "security.lawful_force": {"source": ["interview", "media"], "date": "2026-02", "confidence": "low"},
     "justice.access": {"source": "official_statistics", "confidence": "high"},
     "justice.independence": {"date": "2025"}}},
  {"id": "south-2026-03", "scores": {"justice.access": 2}}]}"#;

#[test]
fn json_is_read_and_written_back() {
    let fw = fw();
    let batch = json(&fw, EXAMPLE).unwrap();
    let a = &batch[0];
    let k = |id: &str| fw.context_index(id).unwrap();
    let i = |id: &str| fw.indicator_index(id).unwrap();
    // Framework order, whatever the input's.
    let items: Vec<usize> = a.context.iter().map(|c| c.item).collect();
    let mut sorted = items.clone();
    sorted.sort();
    assert_eq!(items, sorted);
    let elections = a.context_of(k("elections_census")).unwrap();
    assert_eq!(elections.status, Status::Present);
    assert_eq!(elections.date.as_deref(), Some("2026-08"));
    assert_eq!(
        elections.note.as_deref(),
        Some("Presidential election; \"tense\", contested")
    );
    assert_eq!(
        a.context_of(k("hate_speech")).unwrap().status,
        Status::Unknown
    );
    assert_eq!(a.context_of(k("arms_buildup")), None);
    let lf = a.evidence_of(i("security.lawful_force")).unwrap();
    assert!(lf.sources.contains(Source::Interview) && lf.sources.contains(Source::Media));
    assert_eq!(lf.sources.len(), 2);
    assert_eq!(lf.date.as_deref(), Some("2026-02"));
    // The confidence the uncertainty analysis will draw with: medium unless said.
    assert_eq!(a.confidence(i("security.lawful_force")), Confidence::Low);
    assert_eq!(a.confidence(i("justice.access")), Confidence::High);
    assert_eq!(a.confidence(i("justice.independence")), Confidence::Medium);
    assert_eq!(a.confidence(i("civil_society.media")), Confidence::Medium);
    assert_eq!(batch[1].confidence(i("justice.access")), Confidence::Medium);
    assert!(batch[1].context.is_empty() && batch[1].evidence.is_empty());
    // Written back and read again: the same assessments.
    let out = Value::Object(vec![(
        "assessments".into(),
        Value::Array(batch.iter().map(|a| a.to_value(&fw)).collect()),
    )]);
    assert_eq!(read_assessments(&out, &fw).unwrap(), batch);
    let text = serde_json::to_string(&batch[0].to_value(&fw)).unwrap();
    assert!(text.contains(r#""source":["interview","media"]"#), "{text}");
    assert!(
        text.contains(r#""justice.access":{"source":"official_statistics","confidence":"high"}"#),
        "{text}"
    );
    // An assessment without either writes neither.
    let text = serde_json::to_string(&batch[1].to_value(&fw)).unwrap();
    assert!(
        !text.contains("context") && !text.contains("evidence"),
        "{text}"
    );
}

#[test]
fn half_widths_follow_the_confidence() {
    assert_eq!(Confidence::Low.half_width(), 1.0);
    assert_eq!(Confidence::Medium.half_width(), 0.5);
    assert_eq!(Confidence::High.half_width(), 0.25);
    // A step is a quarter of the scale: medium is the ±0.5 on 0–4 the analysis draws today.
    assert_eq!(Confidence::Medium.half_width_on(0.0, 4.0), 0.5);
    assert_eq!(Confidence::Low.half_width_on(0.0, 10.0), 2.5);
}

#[test]
fn bad_json_values_are_named_by_path() {
    let fw = fw();
    let found = json(
        &fw,
        r#"{"assessments": [{"id": "a",
            "context": {"elections_census": {"status": "maybe", "date": "2026-13"},
                        "hate_speech": {"note": "no status"},
                        "coup": {"status": "present"},
                        "arms_buildup": "present",
                        "commemorations": {"status": "absent", "when": "May"}},
            "evidence": {"security.lawful_force": {"source": ["interview", "rumour", 3], "confidence": "certain"},
                         "justice": {"source": "document"},
                         "justice.access": {"date": "last year", "confidence": 2},
                         "nope": {}}},
           {"id": "b", "context": [], "evidence": "interviews"}]}"#,
    )
    .unwrap_err();
    let a = "$.assessments[0]";
    let expected = [
        format!(
            r#"{a}.context.elections_census.status: unknown status "maybe"; expected one of: present, absent, unknown"#
        ),
        format!(r#"{a}.context.elections_census.date: "2026-13" is not a date"#),
        format!(r#"{a}.context.hate_speech.status: is required: one of present, absent, unknown"#),
        format!(
            r#"{a}.context.coup: unknown warning sign or trigger id (framework "resilience-default" 2.1.0)"#
        ),
        format!(r#"{a}.context.arms_buildup: expected an object, found a string"#),
        format!(r#"{a}.context.commemorations.when: unknown field "when""#),
        format!(
            r#"{a}.evidence["security.lawful_force"].source[1]: unknown source "rumour"; expected one of: interview, focus_group, document, media, official_statistics, observation, reference_data"#
        ),
        format!(
            r#"{a}.evidence["security.lawful_force"].source[2]: expected a string, found a number"#
        ),
        format!(
            r#"{a}.evidence["security.lawful_force"].confidence: unknown confidence "certain"; expected one of: low, medium, high"#
        ),
        format!(r#"{a}.evidence.justice: is a group, not an indicator"#),
        format!(r#"{a}.evidence["justice.access"].date: "last year" is not a date"#),
        format!(r#"{a}.evidence["justice.access"].confidence: expected a string, found a number"#),
        format!(r#"{a}.evidence.nope: unknown indicator id"#),
        "$.assessments[1].context: expected an object of warning sign or trigger id".to_string(),
        "$.assessments[1].evidence: expected an object of indicator id".to_string(),
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
fn csv_round_trip() {
    let fw = fw();
    let batch = json(&fw, EXAMPLE).unwrap();
    let text = write_assessments_csv(&batch, &fw, &Default::default());
    let header = text.lines().next().unwrap();
    // Only the columns used, after the indicators, in framework order.
    assert!(
        header.ends_with(
            ",context.militia_mobilisation,context.militia_mobilisation.date,context.hate_speech,\
             context.elections_census,context.elections_census.date,context.elections_census.note,\
             evidence.security.lawful_force.source,evidence.security.lawful_force.date,\
             evidence.security.lawful_force.confidence,evidence.justice.independence.date,\
             evidence.justice.access.source,evidence.justice.access.confidence"
        ),
        "{header}"
    );
    assert!(text.contains("interview media"), "{text}");
    assert_eq!(read_csv(&text, &fw).unwrap(), batch);
    // Without context or evidence, no extra column.
    let plain = write_assessments_csv(&batch[1..], &fw, &Default::default());
    assert!(
        !plain.contains("context.") && !plain.contains("evidence."),
        "{plain}"
    );
}

#[test]
fn csv_cells_belong_to_the_assessment_on_any_of_its_rows() {
    let fw = fw();
    let text = "id,security.lawful_force,context.hate_speech,context.hate_speech.note,evidence.security.lawful_force.confidence,evidence.security.lawful_force.source\n\
                a,2,,,,\n\
                a,3,Present,\"Radio, since May\",LOW,Interview  document\n\
                a,1,present,,low,\n";
    let batch = csv(&fw, text).unwrap();
    let a = &batch[0];
    assert_eq!(
        a.scores(fw.indicator_index("security.lawful_force").unwrap()),
        [2.0, 3.0, 1.0]
    );
    let hs = a
        .context_of(fw.context_index("hate_speech").unwrap())
        .unwrap();
    assert_eq!(hs.status, Status::Present);
    assert_eq!(hs.note.as_deref(), Some("Radio, since May"));
    let e = a
        .evidence_of(fw.indicator_index("security.lawful_force").unwrap())
        .unwrap();
    assert_eq!(e.confidence, Some(Confidence::Low));
    assert!(e.sources.contains(Source::Document) && e.sources.contains(Source::Interview));
    // The same as its JSON.
    let same = json(
        &fw,
        r#"{"id": "a", "scores": {"security.lawful_force": [2, 3, 1]},
            "context": {"hate_speech": {"status": "present", "note": "Radio, since May"}},
            "evidence": {"security.lawful_force": {"source": ["document", "interview"], "confidence": "low"}}}"#,
    )
    .unwrap();
    assert_eq!(batch, same);
}

#[test]
fn bad_csv_cells_are_named_by_row_and_column() {
    let fw = fw();
    let found = csv(
        &fw,
        "id,context.hate_speech,context.hate_speech.date,context.coup,context.arms_buildup.when,\
         context.elections_census.note,evidence.justice.access.source,evidence.justice.access.confidence,\
         evidence.justice.access.date,evidence.nope.source,evidence.justice.access\n\
         a,perhaps,2026-02-30,,,,rumour,sure,2026,,\n\
         b,present,,,,,,,,,\n\
         b,absent,,,,,,,,,\n\
         c,,,,,Note without a status,,,,,\n",
    )
    .unwrap_err();
    let expected = [
        r#"row 1, column "context.coup": unknown warning sign or trigger id (framework "resilience-default" 2.1.0)"#,
        r#"row 1, column "context.arms_buildup.when": expected context.<id>, context.<id>.date or context.<id>.note"#,
        r#"row 1, column "evidence.nope.source": unknown indicator id"#,
        r#"row 1, column "evidence.justice.access": expected evidence.<indicator id>.source, .date or .confidence"#,
    ];
    for e in &expected {
        assert!(
            found.iter().any(|f| f.starts_with(e)),
            "missing {e}\n{found:#?}"
        );
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    // With the header right, the cells are checked.
    let found = csv(
        &fw,
        "id,context.hate_speech,context.hate_speech.date,context.elections_census.note,\
         evidence.justice.access.source,evidence.justice.access.confidence,evidence.justice.access.date\n\
         a,perhaps,2026-02-30,,rumour,sure,2026\n\
         b,present,,,,,\n\
         b,absent,,,,,\n\
         c,,,Note without a status,,,\n",
    )
    .unwrap_err();
    let expected = [
        r#"row 2, column "context.hate_speech": "perhaps" is not a status; expected one of: present, absent, unknown"#,
        r#"row 2, column "context.hate_speech.date": "2026-02-30" is not a date"#,
        r#"row 2, column "evidence.justice.access.source": unknown source "rumour""#,
        r#"row 2, column "evidence.justice.access.confidence": "sure" is not a confidence; expected one of: low, medium, high"#,
        r#"row 4, column "context.hate_speech": "absent" differs from "present" in row 3 of the same assessment "b""#,
    ];
    for e in &expected {
        assert!(
            found.iter().any(|f| f.starts_with(e)),
            "missing {e}\n{found:#?}"
        );
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    // A note alone is named once the cells are right.
    let found = csv(
        &fw,
        "id,context.elections_census,context.elections_census.note\n\
         c,,Note without a status\n",
    )
    .unwrap_err();
    assert_eq!(
        found,
        [
            r#"row 2, column "context.elections_census.note": a date or note needs a status: give it in column "context.elections_census" (present, absent, unknown) of a row of assessment "c""#
        ]
    );
}
