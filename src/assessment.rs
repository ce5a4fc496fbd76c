//! Assessments: what was scored for one unit at one date, by one or several respondents, with
//! the evidence behind the scores (`evidence`) and the answers to the warning-signs instrument
//! (`context`), neither of which enters a score. Read from JSON (one assessment, or
//! `{"assessments": [...]}`) with every problem reported by JSON path; the CSV form is read in
//! `csv_input`.

use crate::digits::{num, Whole};
use crate::framework::Framework;
use crate::issue::{optional_object, Fields, Issue};
use crate::value::{blank, path_index, path_key, quote, Value};

mod context;
mod evidence;
pub(crate) use context::known_item;
pub use context::{ContextAnswer, Status};
pub use evidence::{Confidence, Evidence, Source, Sources};

/// Most respondents one indicator may have in one assessment.
pub const MAX_RESPONDENTS: usize = 1000;

/// Why an indicator has no score, when the assessor said so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Missing {
    /// Nobody could say: counts as missing.
    DontKnow,
    /// Asking would have put someone at risk: counts as missing.
    UnsafeToAsk,
    /// Does not apply to this unit: left out of coverage, as if the framework did not have it.
    NotApplicable,
}

impl Missing {
    /// (JSON name, CSV / XLSForm code) of each reason.
    pub const ALL: [(Missing, &'static str, &'static str); 3] = [
        (Missing::DontKnow, "dont_know", "dk"),
        (Missing::NotApplicable, "not_applicable", "na"),
        (Missing::UnsafeToAsk, "unsafe_to_ask", "unsafe"),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|m| m.0 == self).map_or("", |m| m.1)
    }

    /// The names, as a message lists them (`ALL`'s, joined by ", ": a test checks them), written
    /// out rather than joined where the browser's core makes a message.
    pub fn names() -> &'static str {
        "dont_know, not_applicable, unsafe_to_ask"
    }

    pub fn code(self) -> &'static str {
        Self::ALL.iter().find(|m| m.0 == self).map_or("", |m| m.2)
    }

    pub fn from_name(name: &str) -> Option<Missing> {
        Self::ALL.iter().find(|m| m.1 == name).map(|m| m.0)
    }

    /// A CSV cell's code (`dk`, `na`, `unsafe`, any case).
    pub fn from_code(cell: &str) -> Option<Missing> {
        Self::ALL
            .iter()
            .find(|m| m.2.eq_ignore_ascii_case(cell))
            .map(|m| m.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub id: String,
    pub unit: Option<String>,
    pub date: Option<String>,
    /// Free-text notes by indicator id.
    pub notes: Vec<(String, String)>,
    /// Every respondent's score, indicator after indicator; `spans[i]` = (start, len) of
    /// indicator i's scores in it. Length 0 = not scored.
    pub responses: Vec<f64>,
    pub spans: Vec<(u32, u32)>,
    /// Answers given as a reason instead of a score: (indicator index, reason), one per
    /// respondent who gave one, in the order read. Usually empty.
    pub missing: Vec<(usize, Missing)>,
    /// The warning signs and triggers answered, in framework order (by `item`). Outside the
    /// score.
    pub context: Vec<ContextAnswer>,
    /// The evidence given for indicators, in framework order (by `indicator`). Outside the
    /// score.
    pub evidence: Vec<Evidence>,
    /// The same indicators scored "as experienced by" named groups (identity groups, regions,
    /// women and men, displaced people), in input order: each an assessment of its own scores
    /// (its `id` is the group's name). Usually empty.
    pub groups: Vec<Assessment>,
}

impl Assessment {
    pub fn new(id: String, indicators: usize) -> Assessment {
        Assessment {
            id,
            unit: None,
            date: None,
            notes: Vec::new(),
            responses: Vec::new(),
            spans: vec![(0, 0); indicators],
            missing: Vec::new(),
            groups: Vec::new(),
            context: Vec::new(),
            evidence: Vec::new(),
        }
    }

    /// How confident the assessor is of indicator `i`'s score: as its evidence says, else
    /// `Confidence::Medium`. The uncertainty analysis draws the score within
    /// `confidence(i).half_width()` steps either way.
    pub fn confidence(&self, i: usize) -> Confidence {
        self.evidence_of(i)
            .and_then(|e| e.confidence)
            .unwrap_or(Confidence::Medium)
    }

    /// The evidence given for indicator `i`.
    pub fn evidence_of(&self, i: usize) -> Option<&Evidence> {
        self.evidence
            .binary_search_by_key(&i, |e| e.indicator)
            .ok()
            .map(|k| &self.evidence[k])
    }

    /// The answer to warning sign or trigger `k` (an index into the framework's `context`).
    pub fn context_of(&self, k: usize) -> Option<&ContextAnswer> {
        self.context
            .binary_search_by_key(&k, |c| c.item)
            .ok()
            .map(|j| &self.context[j])
    }

    /// Why indicator `i` has no score, if it has none and a reason was given. Respondents'
    /// reasons combine to "not applicable" only when all of them said so; otherwise "unsafe to
    /// ask" when any did, else "don't know".
    pub fn missing_reason(&self, i: usize) -> Option<Missing> {
        if self.spans[i].1 > 0 {
            return None;
        }
        let mut reasons = self.missing.iter().filter(|m| m.0 == i).map(|m| m.1);
        let first = reasons.next()?;
        Some(reasons.fold(first, |acc, r| match (acc, r) {
            (Missing::NotApplicable, Missing::NotApplicable) => Missing::NotApplicable,
            (Missing::UnsafeToAsk, _) | (_, Missing::UnsafeToAsk) => Missing::UnsafeToAsk,
            _ => Missing::DontKnow,
        }))
    }

    /// The indicators answered "not applicable", by index, ascending.
    pub fn not_applicable(&self) -> Vec<usize> {
        if self.missing.is_empty() {
            return Vec::new();
        }
        // In index order without a sort (a sort is kilobytes of code in the first-load wasm).
        (0..self.spans.len())
            .filter(|&i| self.missing_reason(i) == Some(Missing::NotApplicable))
            .collect()
    }

    /// The respondents' scores of indicator `i`.
    pub fn scores(&self, i: usize) -> &[f64] {
        let (start, len) = self.spans[i];
        &self.responses[start as usize..(start + len) as usize]
    }

    /// Sets indicator `i`'s scores; indicators must be set in index order.
    pub fn push_scores(&mut self, i: usize, scores: impl IntoIterator<Item = f64>) {
        let start = self.responses.len();
        self.responses.extend(scores);
        self.spans[i] = (start as u32, (self.responses.len() - start) as u32);
    }

    /// The assessment as JSON, in the shape it is read from.
    pub fn to_value(&self, fw: &Framework) -> Value {
        let mut fields = vec![("id".to_string(), Value::String(self.id.clone()))];
        if let Some(u) = &self.unit {
            fields.push(("unit".into(), Value::String(u.clone())));
        }
        if let Some(d) = &self.date {
            fields.push(("date".into(), Value::String(d.clone())));
        }
        fields.push(("scores".into(), self.scores_value(fw)));
        if !self.notes.is_empty() {
            let notes = self
                .notes
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect();
            fields.push(("notes".into(), Value::Object(notes)));
        }
        if !self.context.is_empty() {
            fields.push(("context".into(), context::value(&self.context, fw)));
        }
        if !self.evidence.is_empty() {
            fields.push(("evidence".into(), evidence::value(&self.evidence, fw)));
        }
        if !self.groups.is_empty() {
            let groups = self
                .groups
                .iter()
                .map(|g| {
                    let scores = vec![("scores".to_string(), g.scores_value(fw))];
                    (g.id.clone(), Value::Object(scores))
                })
                .collect();
            fields.push(("groups".into(), Value::Object(groups)));
        }
        Value::Object(fields)
    }

    /// `{"<indicator id>": score | [scores] | {"missing": reason}}`.
    fn scores_value(&self, fw: &Framework) -> Value {
        let scores = (0..fw.indicators.len())
            .filter_map(|i| {
                let s = self.scores(i);
                let v = match (s.len(), self.missing_reason(i)) {
                    (0, None) => return None,
                    (0, Some(m)) => missing_value(m),
                    (1, _) => Value::Number(s[0]),
                    _ => Value::Array(s.iter().map(|&x| Value::Number(x)).collect()),
                };
                Some((fw.nodes[fw.indicators[i]].id.clone(), v))
            })
            .collect();
        Value::Object(scores)
    }
}

/// `{"missing": "<reason>"}`, a score given as a reason.
fn missing_value(m: Missing) -> Value {
    Value::Object(vec![("missing".into(), Value::String(m.name().into()))])
}

/// Reads `{"missing": "dont_know" | "not_applicable" | "unsafe_to_ask"}`.
fn read_missing(v: &Value, path: &dyn Fn() -> String, issues: &mut Vec<Issue>) -> Option<Missing> {
    let p = path();
    let f = Fields::open(v, &p, &["missing"], issues)?;
    let names = Missing::names;
    match f.get("missing") {
        Some(Value::String(s)) => {
            let found = Missing::from_name(s);
            if found.is_none() {
                issues.push(Issue::new(
                    f.at("missing"),
                    cat!("unknown reason ", quote(s), "; expected one of: ", names()),
                ));
            }
            found
        }
        _ => {
            issues.push(Issue::new(
                f.at("missing"),
                cat!("is required: one of ", names()),
            ));
            None
        }
    }
}

/// Reads one assessment or `{"assessments": [...]}`, reporting every problem at once.
pub fn read_assessments(value: &Value, fw: &Framework) -> Result<Vec<Assessment>, Vec<Issue>> {
    let mut issues = Vec::new();
    let mut out = Vec::new();
    // Input position of each assessment read, for naming duplicates.
    let mut positions = Vec::new();
    match value.get("assessments") {
        Some(list) => {
            Fields::open(value, "$", &["assessments"], &mut issues);
            match list {
                Value::Array(items) => {
                    out.reserve(items.len());
                    for (i, item) in items.iter().enumerate() {
                        let path = path_index("$.assessments", i);
                        if let Some(a) = read_assessment(item, &path, fw, &mut issues) {
                            out.push(a);
                            positions.push(i);
                        }
                    }
                }
                other => issues.push(Issue::new(
                    "$.assessments",
                    cat!("expected a list of assessments, found ", other.kind()),
                )),
            }
        }
        None => {
            if let Some(a) = read_assessment(value, "$", fw, &mut issues) {
                out.push(a);
            }
        }
    }
    check_unique_ids(
        &out,
        |k| path_key(&path_index("$.assessments", positions[k]), "id"),
        &mut issues,
    );
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

/// Every assessment of a batch needs its own id: results and comparisons are keyed by it.
pub fn check_unique_ids(
    batch: &[Assessment],
    place: impl Fn(usize) -> String,
    issues: &mut Vec<Issue>,
) {
    let ids: Vec<&str> = batch.iter().map(|a| a.id.as_str()).collect();
    for (i, first) in crate::sort::repeats(&ids, &crate::sort::order(&ids)) {
        issues.push(Issue::new(
            place(i),
            cat!(
                "duplicate assessment id ",
                quote(&batch[i].id),
                " (also at ",
                place(first),
                ")"
            ),
        ));
    }
}

const ASSESSMENT_FIELDS: &[&str] = &[
    "id",
    "unit",
    "date",
    "scores",
    "notes",
    "context",
    "evidence",
    "groups",
    // A team assessment's (docs/team.md): whose answers these are, each assessor's answers,
    // the consensus round's, and which of them `scores` was derived from. The engine scores
    // `scores`; `resilience-team` reads the rest.
    "assessor",
    "assessors",
    "agreed",
    "basis",
];

/// Most groups one assessment may be scored for.
pub const MAX_GROUPS: usize = 100;

/// Every indicator's respondents' scores (`None` = not given) and the reasons given instead,
/// from `{"<indicator id>": score, …}`.
type ReadScores = (Vec<Option<Vec<f64>>>, Vec<(usize, Missing)>);

fn read_scores(
    value: Option<&Value>,
    at: &str,
    fw: &Framework,
    issues: &mut Vec<Issue>,
) -> ReadScores {
    let mut by_indicator: Vec<Option<Vec<f64>>> = vec![None; fw.indicators.len()];
    let mut missing = Vec::new();
    match value {
        None => {}
        Some(Value::Object(entries)) => {
            for (key, v) in entries {
                // Paths are written only for a problem: most input has none.
                let p = || path_key(at, key);
                let Some(i) = known_indicator(fw, key, p, issues) else {
                    continue;
                };
                let mut reasons = Vec::new();
                by_indicator[i] = read_score(v, &p, fw, i, &mut reasons, issues);
                missing.extend(reasons.into_iter().map(|r| (i, r)));
            }
        }
        Some(other) => issues.push(Issue::new(
            at,
            cat!(
                "expected an object of indicator id → score, found ",
                other.kind()
            ),
        )),
    }
    (by_indicator, missing)
}

/// `{"<group name>": {"scores": {…}}, …}`: each group an assessment of its own scores.
fn read_groups(
    value: Option<&Value>,
    at: &str,
    fw: &Framework,
    issues: &mut Vec<Issue>,
) -> Vec<Assessment> {
    let value = value.filter(|v| !matches!(v, Value::Null));
    let entries = optional_object(
        value,
        at,
        "an object of group name → {\"scores\": …}",
        issues,
    );
    if entries.len() > MAX_GROUPS {
        issues.push(Issue::new(
            at,
            cat!(Whole(entries.len()), " groups; at most ", Whole(MAX_GROUPS)),
        ));
        return Vec::new();
    }
    let mut out = Vec::with_capacity(entries.len());
    for (name, g) in entries {
        let p = path_key(at, name);
        if blank(name) {
            issues.push(Issue::new(&p, "a group needs a name"));
            continue;
        }
        let Some(f) = Fields::open(g, &p, &["scores"], issues) else {
            continue;
        };
        let (by_indicator, missing) = read_scores(f.get("scores"), &f.at("scores"), fw, issues);
        let mut a = Assessment::new(name.clone(), fw.indicators.len());
        a.missing = missing;
        for (i, scores) in by_indicator.into_iter().enumerate() {
            a.push_scores(i, scores.unwrap_or_default());
        }
        out.push(a);
    }
    out
}

/// `"notes": {"<indicator id>": "text", …}`, in input order.
fn read_notes(
    value: Option<&Value>,
    at: &str,
    fw: &Framework,
    issues: &mut Vec<Issue>,
) -> Vec<(String, String)> {
    let entries = optional_object(value, at, "an object of indicator id → text", issues);
    let mut notes = Vec::new();
    for (key, v) in entries {
        let p = || path_key(at, key);
        if known_indicator(fw, key, p, issues).is_none() {
            continue;
        }
        match v {
            Value::String(s) => notes.push((key.clone(), s.clone())),
            Value::Null => {}
            other => issues.push(Issue::new(
                p(),
                cat!("expected a string, found ", other.kind()),
            )),
        }
    }
    notes
}

fn read_assessment(
    value: &Value,
    path: &str,
    fw: &Framework,
    issues: &mut Vec<Issue>,
) -> Option<Assessment> {
    let before = issues.len();
    let f = Fields::open(value, path, ASSESSMENT_FIELDS, issues)?;
    let id = f.string("id", true, issues);
    let unit = f.string("unit", false, issues);
    let date = f.string("date", false, issues);
    if let Some(d) = &date {
        if let Err(msg) = check_date(d) {
            issues.push(Issue::new(f.at("date"), msg));
        }
    }
    let n = fw.indicators.len();
    let (by_indicator, missing) = read_scores(f.get("scores"), &f.at("scores"), fw, issues);
    let notes = read_notes(f.get("notes"), &f.at("notes"), fw, issues);
    let context = context::read(f.get("context"), &f.at("context"), fw, issues);
    let evidence = evidence::read(f.get("evidence"), &f.at("evidence"), fw, issues);
    let groups = read_groups(f.get("groups"), &f.at("groups"), fw, issues);
    if issues.len() > before {
        return None;
    }
    let mut a = Assessment::new(id?, n);
    a.unit = unit;
    a.date = date;
    a.notes = notes;
    a.missing = missing;
    a.context = context;
    a.evidence = evidence;
    a.groups = groups;
    for (i, scores) in by_indicator.into_iter().enumerate() {
        a.push_scores(i, scores.unwrap_or_default());
    }
    Some(a)
}

pub(crate) fn known_indicator(
    fw: &Framework,
    key: &str,
    path: impl FnOnce() -> String,
    issues: &mut Vec<Issue>,
) -> Option<usize> {
    let found = fw.indicator_index(key);
    if found.is_none() {
        let what = if fw.node(key).is_some() {
            "is a group, not an indicator: score its indicators instead"
        } else {
            "unknown indicator id"
        };
        issues.push(Issue::new(
            path(),
            cat!(what, " (framework ", quote(&fw.id), " ", fw.version, ")"),
        ));
    }
    found
}

fn read_score(
    v: &Value,
    path: &dyn Fn() -> String,
    fw: &Framework,
    i: usize,
    reasons: &mut Vec<Missing>,
    issues: &mut Vec<Issue>,
) -> Option<Vec<f64>> {
    match v {
        Value::Null => None,
        Value::Object(_) => {
            reasons.extend(read_missing(v, path, issues));
            None
        }
        Value::Number(x) => check_score(fw, i, *x, path, issues).map(|x| vec![x]),
        Value::Array(items) if items.len() > MAX_RESPONDENTS => {
            issues.push(Issue::new(
                path(),
                cat!(
                    Whole(items.len()),
                    " respondents; at most ",
                    Whole(MAX_RESPONDENTS),
                    " per indicator"
                ),
            ));
            None
        }
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (k, item) in items.iter().enumerate() {
                match item {
                    // A respondent who did not answer this indicator.
                    Value::Null => {}
                    Value::Object(_) => {
                        reasons.extend(read_missing(item, &|| path_index(&path(), k), issues))
                    }
                    Value::Number(x) => {
                        if let Some(x) = check_score(fw, i, *x, || path_index(&path(), k), issues) {
                            out.push(x);
                        }
                    }
                    other => issues.push(Issue::new(
                        path_index(&path(), k),
                        cat!(
                            "expected a number, {\"missing\": reason} or null, found ",
                            other.kind()
                        ),
                    )),
                }
            }
            Some(out)
        }
        other => {
            issues.push(Issue::new(
                path(),
                cat!("expected a number, a list of numbers (one per respondent), {\"missing\": reason} or null, found ", other.kind()),
            ));
            None
        }
    }
}

/// A score must be a finite number within the indicator's scale, if it has one.
pub fn check_score(
    fw: &Framework,
    i: usize,
    x: f64,
    path: impl FnOnce() -> String,
    issues: &mut Vec<Issue>,
) -> Option<f64> {
    if !x.is_finite() {
        let what = if x.is_nan() {
            "NaN"
        } else {
            "an infinite number"
        };
        issues.push(Issue::new(
            path(),
            cat!("expected a finite number, found ", what),
        ));
        return None;
    }
    if let Some(scale) = &fw.indicator(i).1.scale {
        if x < scale.min || x > scale.max {
            issues.push(Issue::new(
                path(),
                cat!(
                    num(x),
                    " lies outside the scale ",
                    num(scale.min),
                    "–",
                    num(scale.max)
                ),
            ));
            return None;
        }
    }
    // −0 is read as 0, as JSON.stringify writes it: the same bits however the input came in.
    Some(x + 0.0)
}

/// Dates are ISO 8601 calendar dates at one of three precisions: a year (`2017`, as published
/// figures are dated), a month (`2017-03`) or a day (`2017-03-14`). They sort and compare as
/// text, a year before its months and a month before its days.
pub fn check_date(d: &str) -> Result<(), String> {
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let bad = || {
        Err(cat!(
            quote(d),
            " is not a date as YYYY-MM-DD, YYYY-MM or YYYY"
        ))
    };
    let shaped = match b.len() {
        4 => digits(0..4),
        7 => b[4] == b'-' && digits(0..4) && digits(5..7),
        10 => b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10),
        _ => false,
    };
    if !shaped {
        return bad();
    }
    // (Digits, checked above: no `str::parse`, which would bring its code into the browser's core.)
    let num = |r: std::ops::Range<usize>| b[r].iter().fold(0, |n, &c| n * 10 + u32::from(c - b'0'));
    let y = num(0..4);
    if b.len() == 4 {
        return Ok(());
    }
    let m = num(5..7);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return bad(),
    };
    if b.len() == 7 {
        return Ok(());
    }
    let day = num(8..10);
    if day == 0 || day > days {
        return bad();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fw() -> Framework {
        crate::api::default_framework()
    }

    #[test]
    fn names_list_every_name_in_order() {
        let join = |names: Vec<&str>| names.join(", ");
        assert_eq!(Missing::names(), join(Missing::ALL.map(|m| m.1).to_vec()));
        assert_eq!(Status::names(), join(Status::ALL.map(|s| s.1).to_vec()));
        assert_eq!(Source::names(), join(Source::ALL.map(|s| s.1).to_vec()));
        assert_eq!(
            Confidence::names(),
            join(Confidence::ALL.map(|c| c.1).to_vec())
        );
    }

    #[test]
    fn dates() {
        assert!(check_date("2026-03-14").is_ok());
        assert!(check_date("2024-02-29").is_ok());
        assert!(check_date("2026-02-29").is_err());
        assert!(check_date("14/03/2026").is_err());
        assert!(check_date("2026-13-01").is_err());
        assert!(check_date("2017").is_ok());
        assert!(check_date("2017-03").is_ok());
        assert!(check_date("2017-13").is_err());
        assert!(check_date("2017-3").is_err());
        assert!(check_date("17").is_err());
    }

    #[test]
    fn reads_the_documented_example() {
        let v: Value = serde_json::from_str(
            r#"{"id": "nakuru-2026-03", "unit": "Nakuru County", "date": "2026-03-14",
                "scores": {"citizenship.legal_equality": 3, "security.lawful_force": [2, 3, 1], "justice.access": null},
                "notes": {"citizenship.legal_equality": "free text"}}"#,
        )
        .unwrap();
        let fw = fw();
        let a = read_assessments(&v, &fw).unwrap().remove(0);
        let lf = fw.indicator_index("security.lawful_force").unwrap();
        assert_eq!(a.scores(lf), &[2.0, 3.0, 1.0]);
        assert_eq!(
            a.scores(fw.indicator_index("justice.access").unwrap()),
            &[] as &[f64]
        );
        assert_eq!(
            a.notes,
            vec![("citizenship.legal_equality".into(), "free text".into())]
        );
        let again = read_assessments(&a.to_value(&fw), &fw).unwrap().remove(0);
        assert_eq!(again, a);
    }

    #[test]
    fn every_bad_score_is_named() {
        let v: Value = serde_json::from_str(
            r#"{"assessments": [
                {"id": "a", "date": "2026-3-1", "scores": {"citizenship.legal_equality": 7, "nope": 1,
                  "security.lawful_force": [2, "x"], "justice": 2}},
                {"id": "a", "scores": {"justice.access": true}}]}"#,
        )
        .unwrap();
        let issues = read_assessments(&v, &fw()).unwrap_err();
        let text: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
        let expected = [
            "$.assessments[0].date: \"2026-3-1\" is not a date as YYYY-MM-DD",
            "$.assessments[0].scores[\"citizenship.legal_equality\"]: 7 lies outside the scale 0–4",
            "$.assessments[0].scores.nope: unknown indicator id",
            "$.assessments[0].scores[\"security.lawful_force\"][1]: expected a number, {\"missing\": reason} or null, found a string",
            "$.assessments[0].scores.justice: is a group, not an indicator",
            "$.assessments[1].scores[\"justice.access\"]: expected a number, a list of numbers",
        ];
        for e in expected {
            assert!(
                text.iter().any(|t| t.starts_with(e)),
                "missing {e}\n{text:#?}"
            );
        }
        assert_eq!(issues.len(), expected.len(), "{text:#?}");
    }
}
