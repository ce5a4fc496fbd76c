//! What a score rests on: the kinds of source, the date of the evidence and how confident the
//! assessor is, optional for each indicator. Confidence never changes a score; it widens or
//! narrows what the uncertainty analysis draws around it (`Confidence::half_width`) and names
//! the low-confidence scores that drive a pillar (`pipeline::findings::low_confidence`).
//!
//! JSON: `"evidence": {"<indicator id>": {"source": "interview" | ["interview", "document"],
//! "date": "2026-03", "confidence": "low" | "medium" | "high"}}`.

use super::check_date;
use crate::framework::Framework;
use crate::issue::{optional_object, Fields, Issue};
use crate::value::{path_index, path_key, quote, Value};

/// A kind of source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Interview,
    FocusGroup,
    Document,
    Media,
    OfficialStatistics,
    Observation,
    ReferenceData,
}

impl Source {
    /// Every kind with its name, in the order they are written.
    pub const ALL: [(Source, &'static str); 7] = [
        (Source::Interview, "interview"),
        (Source::FocusGroup, "focus_group"),
        (Source::Document, "document"),
        (Source::Media, "media"),
        (Source::OfficialStatistics, "official_statistics"),
        (Source::Observation, "observation"),
        (Source::ReferenceData, "reference_data"),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL[self as usize].1
    }

    pub fn from_name(name: &str) -> Option<Source> {
        Self::ALL.iter().find(|s| s.1 == name).map(|s| s.0)
    }

    /// The names, as a message lists them (`ALL`'s, joined by ", ": a test checks them), written
    /// out rather than joined where the browser's core makes a message.
    pub fn names() -> &'static str {
        "interview, focus_group, document, media, official_statistics, observation, reference_data"
    }
}

/// A set of kinds of source (one bit each, in `Source::ALL` order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sources(u8);

impl Sources {
    pub fn insert(&mut self, s: Source) {
        self.0 |= 1 << s as u8;
    }

    pub fn contains(self, s: Source) -> bool {
        self.0 & (1 << s as u8) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The kinds in the set, in `Source::ALL` order.
    pub fn iter(self) -> impl Iterator<Item = Source> {
        Source::ALL
            .into_iter()
            .map(|(s, _)| s)
            .filter(move |&s| self.contains(s))
    }

    /// A CSV cell: kinds separated by spaces (as ODK writes a multiple choice), any case;
    /// the first unknown one is the error.
    pub fn parse(cell: &str) -> Result<Sources, String> {
        let mut out = Sources::default();
        for word in cell.split_ascii_whitespace() {
            match Source::from_name(&word.to_ascii_lowercase()) {
                Some(s) => out.insert(s),
                None => {
                    return Err(cat!(
                        "unknown source ",
                        quote(word),
                        "; expected one or more of: ",
                        Source::names(),
                        " (separated by spaces)"
                    ))
                }
            }
        }
        Ok(out)
    }

    /// As a CSV cell: the names separated by spaces.
    pub fn cell(self) -> String {
        self.iter().map(Source::name).collect::<Vec<_>>().join(" ")
    }
}

/// How sure the assessor is of a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub const ALL: [(Confidence, &'static str); 3] = [
        (Confidence::Low, "low"),
        (Confidence::Medium, "medium"),
        (Confidence::High, "high"),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL[self as usize].1
    }

    /// By name, any case.
    pub fn from_name(name: &str) -> Option<Confidence> {
        Self::ALL
            .iter()
            .find(|c| c.1.eq_ignore_ascii_case(name))
            .map(|c| c.0)
    }

    /// The names, as a message lists them (`ALL`'s, joined by ", ": a test checks them), written
    /// out rather than joined where the browser's core makes a message.
    pub fn names() -> &'static str {
        "low, medium, high"
    }

    /// How far the uncertainty analysis may move a score with this confidence, either way, in
    /// steps of an anchored 0–4 scale (a quarter of a scale's width): ±1 for low, ±0.5 for
    /// medium (the default, and the analysis's rule before confidence was recorded), ±0.25
    /// for high.
    pub fn half_width(self) -> f64 {
        match self {
            Confidence::Low => 1.0,
            Confidence::Medium => 0.5,
            Confidence::High => 0.25,
        }
    }

    /// `half_width` on a scale from `min` to `max`: its steps are a quarter of the width, so
    /// medium is (max − min)/8, as the analysis draws today.
    pub fn half_width_on(self, min: f64, max: f64) -> f64 {
        self.half_width() * (max - min) / 4.0
    }
}

/// The evidence behind one indicator's score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// Index of the indicator.
    pub indicator: usize,
    pub sources: Sources,
    /// When the evidence was gathered or published: YYYY-MM-DD, YYYY-MM or YYYY.
    pub date: Option<String>,
    /// `None` when not given: read as `Confidence::Medium`.
    pub confidence: Option<Confidence>,
}

impl Evidence {
    pub fn new(indicator: usize) -> Evidence {
        Evidence {
            indicator,
            sources: Sources::default(),
            date: None,
            confidence: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty() && self.date.is_none() && self.confidence.is_none()
    }
}

const EVIDENCE_FIELDS: &[&str] = &["source", "date", "confidence"];

/// Reads `"evidence": {…}`; one entry per indicator that says something, in framework order.
pub(super) fn read(
    value: Option<&Value>,
    path: &str,
    fw: &Framework,
    issues: &mut Vec<Issue>,
) -> Vec<Evidence> {
    let entries = optional_object(
        value,
        path,
        "an object of indicator id → {\"source\", \"date\", \"confidence\"}",
        issues,
    );
    let mut out: Vec<Evidence> = Vec::with_capacity(entries.len());
    for (key, v) in entries {
        let p = path_key(path, key);
        let Some(i) = super::known_indicator(fw, key, || p.clone(), issues) else {
            continue;
        };
        if matches!(v, Value::Null) {
            continue;
        }
        let Some(f) = Fields::open(v, &p, EVIDENCE_FIELDS, issues) else {
            continue;
        };
        let mut e = Evidence::new(i);
        match f.get("source") {
            None => {}
            Some(Value::String(s)) => match Source::from_name(s) {
                Some(s) => e.sources.insert(s),
                None => issues.push(unknown_source(f.at("source"), s)),
            },
            Some(Value::Array(items)) => {
                for (k, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => match Source::from_name(s) {
                            Some(s) => e.sources.insert(s),
                            None => issues.push(unknown_source(path_index(&f.at("source"), k), s)),
                        },
                        other => issues.push(Issue::new(
                            path_index(&f.at("source"), k),
                            cat!("expected a string, found ", other.kind()),
                        )),
                    }
                }
            }
            Some(other) => issues.push(Issue::new(
                f.at("source"),
                cat!(
                    "expected a kind of source or a list of them (",
                    Source::names(),
                    "), found ",
                    other.kind()
                ),
            )),
        }
        e.date = f.string("date", false, issues);
        if let Some(d) = &e.date {
            if let Err(msg) = check_date(d) {
                issues.push(Issue::new(f.at("date"), msg));
            }
        }
        match f.get("confidence") {
            None => {}
            Some(Value::String(s)) => match Confidence::ALL.iter().find(|c| c.1 == s) {
                Some(c) => e.confidence = Some(c.0),
                None => issues.push(Issue::new(
                    f.at("confidence"),
                    cat!(
                        "unknown confidence ",
                        quote(s),
                        "; expected one of: ",
                        Confidence::names()
                    ),
                )),
            },
            Some(other) => issues.push(Issue::new(
                f.at("confidence"),
                cat!("expected a string, found ", other.kind()),
            )),
        }
        if !e.is_empty() {
            out.push(e);
        }
    }
    crate::sort::by_key(&mut out, |e| e.indicator);
    out
}

fn unknown_source(path: String, s: &str) -> Issue {
    Issue::new(
        path,
        cat!(
            "unknown source ",
            quote(s),
            "; expected one of: ",
            Source::names()
        ),
    )
}

/// The evidence as JSON, in the shape it is read from: one source as a string, several as a
/// list.
pub(super) fn value(evidence: &[Evidence], fw: &Framework) -> Value {
    Value::Object(
        evidence
            .iter()
            .map(|e| {
                let mut f = Vec::new();
                match e.sources.len() {
                    0 => {}
                    1 => f.push((
                        "source".into(),
                        Value::String(e.sources.iter().next().unwrap().name().into()),
                    )),
                    _ => f.push((
                        "source".into(),
                        Value::Array(
                            e.sources
                                .iter()
                                .map(|s| Value::String(s.name().into()))
                                .collect(),
                        ),
                    )),
                }
                if let Some(d) = &e.date {
                    f.push(("date".into(), Value::String(d.clone())));
                }
                if let Some(c) = e.confidence {
                    f.push(("confidence".into(), Value::String(c.name().into())));
                }
                (
                    fw.nodes[fw.indicators[e.indicator]].id.clone(),
                    Value::Object(f),
                )
            })
            .collect(),
    )
}
