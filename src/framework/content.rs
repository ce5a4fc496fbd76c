//! What a framework says beyond scoring, none of which changes a score: the risk factors of the
//! UN Framework of Analysis for Atrocity Crimes (2014) that its indicators cite (`foa`), the
//! prevention measures each indicator suggests (`measures`), and a second instrument, the
//! warning signs and triggers (`context`), answered present, absent or unknown and kept out of
//! the resilience score. Every field is optional: frameworks without them read as before.
//!
//! Texts in these fields must be given in every language of the framework (its `languages`, or
//! else those of its `title`), so that no reader meets a warning sign in the wrong language.

use super::{read_text, valid_id, Band, Text};
use crate::digits::Whole;
use crate::issue::{optional_list, Fields, Issue};
use crate::value::{blank, path_index, quote, Value};

/// A risk factor of the Framework of Analysis: `"1"` to `"14"` in the 2014 text.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskFactor {
    /// A positive whole number without leading zeros, as the Framework of Analysis numbers it.
    pub id: String,
    pub title: Text,
}

/// A reference to the Framework of Analysis: a risk factor (`"9"`), or one of its indicators
/// (`"9.1"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FoaRef {
    /// Index into `Framework::risk_factors`.
    pub factor: usize,
    /// The indicator's number within the risk factor; `None` for the risk factor as a whole.
    pub indicator: Option<u32>,
}

impl FoaRef {
    /// As the Framework of Analysis writes it: `"9.1"`, or `"7"`.
    pub fn label(&self, factors: &[RiskFactor]) -> String {
        let id = &factors[self.factor].id;
        match self.indicator {
            Some(k) => {
                let mut label = String::with_capacity(id.len() + 4);
                label.push_str(id);
                label.push('.');
                crate::digits::push_uint(&mut label, k.into());
                label
            }
            None => id.clone(),
        }
    }
}

/// A prevention measure an indicator suggests, with the document it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub title: Text,
    /// The document: author or body, year, title.
    pub source: String,
}

/// At most this many measures per indicator: a short list is read, a long one is not.
pub const MAX_MEASURES: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextKind {
    /// An enabling circumstance or preparatory action (risk factor 7 in the default).
    Sign,
    /// An event that can set violence off (risk factor 8 in the default).
    Trigger,
}

pub const CONTEXT_KINDS: &[(&str, ContextKind)] = &[
    ("sign", ContextKind::Sign),
    ("trigger", ContextKind::Trigger),
];

impl ContextKind {
    pub fn name(self) -> &'static str {
        super::name_of(CONTEXT_KINDS, self)
    }
}

/// One item of the warning-signs instrument.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextItem {
    /// Letters, digits, `_` and `-` (no `.`: it is part of CSV column names such as
    /// `context.<id>.date`).
    pub id: String,
    pub kind: ContextKind,
    pub foa: Vec<FoaRef>,
    pub title: Text,
    pub guidance: Option<Text>,
}

/// The languages every text of these fields must have: the framework's `languages`, else
/// those of its title.
pub(super) fn required_languages(languages: &[String], title: Option<&Text>) -> Vec<String> {
    if !languages.is_empty() {
        return languages.to_vec();
    }
    title
        .map(|t| t.0.iter().map(|(l, _)| l.clone()).collect())
        .unwrap_or_default()
}

/// A text in every required language; an issue for each one missing.
fn read_full_text(
    value: Option<&Value>,
    path: &str,
    required: bool,
    languages: &[String],
    issues: &mut Vec<Issue>,
) -> Option<Text> {
    let text = read_text(value, path, required, issues)?;
    for lang in languages {
        if !text.0.iter().any(|(l, t)| l == lang && !blank(t)) {
            issues.push(Issue::new(
                path,
                cat!(
                    "has no ",
                    quote(lang),
                    " text; the framework's languages are ",
                    crate::cat::list(&languages.iter().map(String::as_str).collect::<Vec<_>>())
                ),
            ));
        }
    }
    Some(text)
}

/// `"risk_factors": [{"id": "1", "title": {…}}, …]`.
pub(super) fn read_risk_factors(
    value: Option<&Value>,
    path: &str,
    languages: &[String],
    issues: &mut Vec<Issue>,
) -> Vec<RiskFactor> {
    let items = optional_list(
        value,
        path,
        "a list of risk factors such as [{\"id\": \"1\", \"title\": {…}}]",
        issues,
    );
    let mut out: Vec<RiskFactor> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path_index(path, i);
        let Some(f) = Fields::open(item, &p, &["id", "title"], issues) else {
            continue;
        };
        let mut id = f.string("id", true, issues);
        if let Some(bad) = &id {
            let problem = if parse_number(bad).is_none() {
                cat!(quote(bad), " is not a risk factor number: expected a whole number from 1, as the Framework of Analysis numbers them (\"1\" to \"14\")")
            } else if out.iter().any(|r| &r.id == bad) {
                cat!("duplicate risk factor ", quote(bad))
            } else {
                String::new()
            };
            if !problem.is_empty() {
                issues.push(Issue::new(f.at("id"), problem));
                // Left out, so that the references name only the risk factors listed right.
                id = None;
            }
        }
        let title = read_full_text(f.get("title"), &f.at("title"), true, languages, issues);
        if let (Some(id), Some(title)) = (id, title) {
            out.push(RiskFactor { id, title });
        }
    }
    out
}

/// A positive whole number without a sign or leading zeros.
fn parse_number(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    if b.is_empty() || b[0] == b'0' || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    // (Not `str::parse`, which brings its own code into the browser's core for this alone.)
    b.iter().try_fold(0u32, |n, &d| {
        n.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })
}

/// `"foa": ["9.1", "3.4", "7"]`: each a risk factor the framework lists, optionally with an
/// indicator number; none twice.
pub(super) fn read_foa(
    value: Option<&Value>,
    path: &str,
    factors: &[RiskFactor],
    issues: &mut Vec<Issue>,
) -> Vec<FoaRef> {
    let items = optional_list(
        value,
        path,
        "a list of Framework of Analysis references such as [\"9.1\", \"3.4\"]",
        issues,
    );
    let mut out: Vec<FoaRef> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path_index(path, i);
        let Value::String(s) = item else {
            issues.push(Issue::new(
                p,
                cat!("expected a string such as \"9.1\", found ", item.kind()),
            ));
            continue;
        };
        // (The dot found byte by byte: `split_once` brings `memchr`'s code into the browser's
        // core for this alone.)
        let (factor, indicator) = match s.bytes().position(|b| b == b'.') {
            Some(dot) => (&s[..dot], Some(&s[dot + 1..])),
            None => (s.as_str(), None),
        };
        let number = indicator.map(parse_number);
        if parse_number(factor).is_none() || number == Some(None) {
            issues.push(Issue::new(
                p,
                cat!(
                    quote(s),
                    " is not a Framework of Analysis reference: expected a risk factor number, \
                     optionally with an indicator number, e.g. \"9\" or \"9.1\""
                ),
            ));
            continue;
        }
        let Some(k) = factors.iter().position(|r| r.id == factor) else {
            let known = if factors.is_empty() {
                "the framework lists no risk_factors".to_string()
            } else {
                let ids: Vec<&str> = factors.iter().map(|r| r.id.as_str()).collect();
                cat!("the framework's risk_factors are ", crate::cat::list(&ids))
            };
            issues.push(Issue::new(
                p,
                cat!(
                    "unknown risk factor ",
                    quote(factor),
                    " in ",
                    quote(s),
                    "; ",
                    known
                ),
            ));
            continue;
        };
        let r = FoaRef {
            factor: k,
            indicator: number.flatten(),
        };
        if out.contains(&r) {
            issues.push(Issue::new(p, cat!(quote(s), " appears twice")));
            continue;
        }
        out.push(r);
    }
    out
}

/// `"measures": [{"title": {…}, "source": "…"}, …]`, at most `MAX_MEASURES`.
pub(super) fn read_measures(
    value: Option<&Value>,
    path: &str,
    languages: &[String],
    issues: &mut Vec<Issue>,
) -> Vec<Measure> {
    let items = optional_list(
        value,
        path,
        "a list of measures such as [{\"title\": {…}, \"source\": \"…\"}]",
        issues,
    );
    if items.len() > MAX_MEASURES {
        issues.push(Issue::new(
            path,
            cat!(
                "at most ",
                Whole(MAX_MEASURES),
                " measures per indicator, found ",
                Whole(items.len())
            ),
        ));
    }
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path_index(path, i);
        let Some(f) = Fields::open(item, &p, &["title", "source"], issues) else {
            continue;
        };
        let title = read_full_text(f.get("title"), &f.at("title"), true, languages, issues);
        let source = f.string("source", true, issues);
        if let (Some(title), Some(source)) = (title, source) {
            out.push(Measure { title, source });
        }
    }
    out
}

/// `"context": [{"id", "kind", "foa", "title", "guidance"}, …]`.
pub(super) fn read_context(
    value: Option<&Value>,
    path: &str,
    factors: &[RiskFactor],
    languages: &[String],
    issues: &mut Vec<Issue>,
) -> Vec<ContextItem> {
    let items = optional_list(value, path, "a list of warning signs and triggers such as [{\"id\": \"…\", \"kind\": \"sign\", \"title\": {…}}]", issues);
    let mut out: Vec<ContextItem> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path_index(path, i);
        let Some(f) = Fields::open(
            item,
            &p,
            &["id", "kind", "foa", "title", "guidance"],
            issues,
        ) else {
            continue;
        };
        let id = f.string("id", true, issues);
        if let Some(id) = &id {
            if !valid_id(id) || id.bytes().any(|b| b == b'.') {
                issues.push(Issue::new(
                    f.at("id"),
                    cat!(
                        "id ",
                        quote(id),
                        " may hold only letters, digits, '_' and '-'"
                    ),
                ));
            } else if out.iter().any(|c| &c.id == id) {
                issues.push(Issue::new(
                    f.at("id"),
                    cat!("duplicate warning sign or trigger id ", quote(id)),
                ));
            }
        }
        let kind = f.choice("kind", CONTEXT_KINDS, None, issues);
        let foa = read_foa(f.get("foa"), &f.at("foa"), factors, issues);
        let title = read_full_text(f.get("title"), &f.at("title"), true, languages, issues);
        let guidance = read_full_text(
            f.get("guidance"),
            &f.at("guidance"),
            false,
            languages,
            issues,
        );
        if let (Some(id), Some(kind), Some(title)) = (id, kind, title) {
            out.push(ContextItem {
                id,
                kind,
                foa,
                title,
                guidance,
            });
        }
    }
    out
}

/// `"alert_bands": ["critical", "weak"]`: band indices, ascending.
pub(super) fn read_alert_bands(
    value: Option<&Value>,
    path: &str,
    bands: Option<&[Band]>,
    issues: &mut Vec<Issue>,
) -> Option<Vec<usize>> {
    let items = match value? {
        Value::Array(items) => items,
        other => {
            issues.push(Issue::new(
                path,
                cat!(
                    "expected a list of band ids such as [\"critical\", \"weak\"], found ",
                    other.kind()
                ),
            ));
            return None;
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path_index(path, i);
        let Value::String(id) = item else {
            issues.push(Issue::new(
                p,
                cat!("expected a band id, found ", item.kind()),
            ));
            continue;
        };
        // Without readable bands there is nothing to check against (their issues say why).
        let Some(bands) = bands else { continue };
        match bands.iter().position(|b| &b.id == id) {
            Some(b) if out.contains(&b) => {
                issues.push(Issue::new(p, cat!(quote(id), " appears twice")))
            }
            Some(b) => out.push(b),
            None => {
                let ids: Vec<&str> = bands.iter().map(|b| b.id.as_str()).collect();
                issues.push(Issue::new(
                    p,
                    cat!(
                        "unknown band ",
                        quote(id),
                        "; expected one of: ",
                        crate::cat::list(&ids)
                    ),
                ));
            }
        }
    }
    crate::sort::by_key(&mut out, |&b| b);
    Some(out)
}

fn text_value(t: &Text) -> Value {
    super::text_value(t)
}

fn foa_value(refs: &[FoaRef], factors: &[RiskFactor]) -> Value {
    Value::Array(
        refs.iter()
            .map(|r| Value::String(r.label(factors)))
            .collect(),
    )
}

pub(super) fn risk_factors_value(factors: &[RiskFactor]) -> Value {
    Value::Array(
        factors
            .iter()
            .map(|r| {
                Value::Object(vec![
                    ("id".into(), Value::String(r.id.clone())),
                    ("title".into(), text_value(&r.title)),
                ])
            })
            .collect(),
    )
}

pub(super) fn context_value(items: &[ContextItem], factors: &[RiskFactor]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|c| {
                let mut f = vec![
                    ("id".into(), Value::String(c.id.clone())),
                    ("kind".into(), Value::String(c.kind.name().into())),
                ];
                if !c.foa.is_empty() {
                    f.push(("foa".into(), foa_value(&c.foa, factors)));
                }
                f.push(("title".into(), text_value(&c.title)));
                if let Some(g) = &c.guidance {
                    f.push(("guidance".into(), text_value(g)));
                }
                Value::Object(f)
            })
            .collect(),
    )
}

/// An indicator's `foa` and `measures` fields, as they are read.
pub(super) fn push_indicator_fields(
    f: &mut Vec<(String, Value)>,
    foa: &[FoaRef],
    measures: &[Measure],
    factors: &[RiskFactor],
) {
    if !foa.is_empty() {
        f.push(("foa".into(), foa_value(foa, factors)));
    }
    if !measures.is_empty() {
        let m = measures
            .iter()
            .map(|m| {
                Value::Object(vec![
                    ("title".into(), text_value(&m.title)),
                    ("source".into(), Value::String(m.source.clone())),
                ])
            })
            .collect();
        f.push(("measures".into(), Value::Array(m)));
    }
}
