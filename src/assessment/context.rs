//! Answers to the warning-signs instrument: each sign or trigger of the framework's `context`
//! present, absent or unknown, with an optional date and note. They never enter the score;
//! `pipeline::findings::early_warning` reads them beside it.
//!
//! JSON: `"context": {"<id>": {"status": "present" | "absent" | "unknown", "date": "…", "note": "…"}}`.

use super::check_date;
use crate::framework::Framework;
use crate::issue::{optional_object, Fields, Issue};
use crate::value::{path_key, quote, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Seen: counts towards the early-warning alert.
    Present,
    /// Looked for and not seen.
    Absent,
    /// Looked for, and nobody could say: never read as absent, never as present.
    Unknown,
}

impl Status {
    pub const ALL: [(Status, &'static str); 3] = [
        (Status::Present, "present"),
        (Status::Absent, "absent"),
        (Status::Unknown, "unknown"),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|s| s.0 == self).map_or("", |s| s.1)
    }

    /// A status by name, any case (a CSV cell; JSON takes the exact name too).
    pub fn from_name(name: &str) -> Option<Status> {
        Self::ALL
            .iter()
            .find(|s| s.1.eq_ignore_ascii_case(name))
            .map(|s| s.0)
    }

    /// The names, as a message lists them (`ALL`'s, joined by ", ": a test checks them), written
    /// out rather than joined where the browser's core makes a message.
    pub fn names() -> &'static str {
        "present, absent, unknown"
    }
}

/// One sign or trigger as answered in one assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextAnswer {
    /// Index into `Framework::context`.
    pub item: usize,
    pub status: Status,
    /// When it was seen or is expected (an election's date): YYYY-MM-DD, YYYY-MM or YYYY.
    pub date: Option<String>,
    pub note: Option<String>,
}

const ANSWER_FIELDS: &[&str] = &["status", "date", "note"];

/// Reads `"context": {…}`; the answers in framework order.
pub(super) fn read(
    value: Option<&Value>,
    path: &str,
    fw: &Framework,
    issues: &mut Vec<Issue>,
) -> Vec<ContextAnswer> {
    let entries = optional_object(
        value,
        path,
        "an object of warning sign or trigger id → {\"status\": …}",
        issues,
    );
    let mut out: Vec<ContextAnswer> = Vec::with_capacity(entries.len());
    for (key, v) in entries {
        let p = path_key(path, key);
        let Some(item) = known_item(fw, key, &p, issues) else {
            continue;
        };
        if matches!(v, Value::Null) {
            continue;
        }
        let Some(f) = Fields::open(v, &p, ANSWER_FIELDS, issues) else {
            continue;
        };
        let status = match f.get("status") {
            Some(Value::String(s)) => {
                let found = Status::ALL.iter().find(|x| x.1 == s).map(|x| x.0);
                if found.is_none() {
                    issues.push(Issue::new(
                        f.at("status"),
                        cat!(
                            "unknown status ",
                            quote(s),
                            "; expected one of: ",
                            Status::names()
                        ),
                    ));
                }
                found
            }
            Some(other) => {
                issues.push(Issue::new(
                    f.at("status"),
                    cat!("expected a string, found ", other.kind()),
                ));
                None
            }
            None => {
                issues.push(Issue::new(
                    f.at("status"),
                    cat!("is required: one of ", Status::names()),
                ));
                None
            }
        };
        let date = f.string("date", false, issues);
        if let Some(d) = &date {
            if let Err(msg) = check_date(d) {
                issues.push(Issue::new(f.at("date"), msg));
            }
        }
        let note = f.string("note", false, issues);
        if let Some(status) = status {
            out.push(ContextAnswer {
                item,
                status,
                date,
                note,
            });
        }
    }
    crate::sort::by_key(&mut out, |a| a.item);
    out
}

/// The index of sign or trigger `key`, or an issue at `path`.
pub(crate) fn known_item(
    fw: &Framework,
    key: &str,
    path: &str,
    issues: &mut Vec<Issue>,
) -> Option<usize> {
    let found = fw.context_index(key);
    if found.is_none() {
        let what = if fw.context.is_empty() {
            "this framework has no warning signs or triggers"
        } else {
            "unknown warning sign or trigger id"
        };
        issues.push(Issue::new(
            path,
            cat!(what, " (framework ", quote(&fw.id), " ", fw.version, ")"),
        ));
    }
    found
}

/// The answers as JSON, in the shape they are read from.
pub(super) fn value(answers: &[ContextAnswer], fw: &Framework) -> Value {
    Value::Object(
        answers
            .iter()
            .map(|a| {
                let mut f = vec![("status".into(), Value::String(a.status.name().into()))];
                if let Some(d) = &a.date {
                    f.push(("date".into(), Value::String(d.clone())));
                }
                if let Some(n) = &a.note {
                    f.push(("note".into(), Value::String(n.clone())));
                }
                (fw.context[a.item].id.clone(), Value::Object(f))
            })
            .collect(),
    )
}
