//! Assessors' files into one team file, with no server.
//!
//! Each assessor scores the same assessment (the same `id`) on their own device and marks it with
//! their code (`"assessor"`). Merging groups the assessments of all files by id and keeps, for
//! every assessor and indicator, every distinct answer (score, note, evidence) that has not been
//! settled: one answer is the assessor's answer; two or more are a conflict, shown to the user with
//! the latest edit proposed, until a decision (`resolved`) settles it.
//!
//! The merge is a join: every answer is a version `(content, edited)`, a file's state is a set of
//! versions plus the time of the last decision, and merging takes the union of the sets and the
//! latest decision, then drops what that decision settled and, of equal contents, all but the
//! latest edit. So merging is order-independent (A then B equals B then A), idempotent (importing
//! a file twice changes nothing) and loses no answer that no decision has settled.

use crate::canonical::{canonical, cmp};
use crate::map::Map;
use resilience::value::{path_index, path_key, Value};
use resilience::Issue;
use std::cmp::Ordering;

/// One answer of one assessor to one indicator, as edited at one time.
#[derive(Debug, Clone, PartialEq)]
struct Version {
    /// `{"score", "note", "evidence"}` with keys sorted and absent parts left out: compared whole.
    content: Value,
    /// When it was edited (ISO 8601 text, compared as text: the app writes UTC with `Z`).
    edited: String,
}

impl Version {
    fn order(&self, other: &Version) -> Ordering {
        self.edited
            .cmp(&other.edited)
            .then_with(|| cmp(&self.content, &other.content))
    }
}

#[derive(Debug, Default)]
struct AnswerState {
    versions: Vec<Version>,
    /// The latest decision: versions edited before it are settled.
    resolved: String,
}

impl AnswerState {
    fn add(&mut self, v: Version) {
        self.versions.push(v);
    }

    fn resolve(&mut self, at: &str) {
        if at > self.resolved.as_str() {
            self.resolved = at.to_string();
        }
    }

    /// The versions that stand: none edited before the decision; of equal contents, the latest
    /// edit; in edit order, so the last is the one proposed.
    fn standing(&self) -> Vec<Version> {
        let mut out: Vec<Version> = Vec::new();
        let mut sorted: Vec<&Version> = self
            .versions
            .iter()
            .filter(|v| v.edited >= self.resolved)
            .collect();
        crate::map::sort_by(&mut sorted, |a, b| a.order(b));
        for v in sorted.into_iter().rev() {
            if !out.iter().any(|o| o.content == v.content) {
                out.push(v.clone());
            }
        }
        out.reverse();
        out
    }
}

/// An agreed score from the consensus round: the latest recording wins.
#[derive(Debug, Clone)]
struct Agreed {
    entry: Value,
    recorded: String,
}

#[derive(Debug, Default)]
struct TeamState {
    /// The item whose unit, date and framework are kept: the latest updated.
    head: Option<(String, Value)>,
    assessors: Map<Map<AnswerState>>,
    agreed: Map<Agreed>,
    /// Which scores the results use: "individual" (default) or "agreed"; the latest updated file says.
    basis: Option<(String, String)>,
}

const PARTS: [(&str, &str); 3] = [
    ("scores", "score"),
    ("notes", "note"),
    ("evidence", "evidence"),
];

/// Merges the assessments of several files (each one assessment or `{"assessments": [...]}`,
/// as the app exports them) into one `{"assessments": [...]}`, sorted by id. Problems are
/// reported all at once, each with its file and JSON path.
pub fn merge(files: &[(String, Value)]) -> Result<Value, Vec<Issue>> {
    let mut issues = Vec::new();
    let mut teams: Map<TeamState> = Map::default();
    for (name, file) in files {
        for (path, item) in items(name, file, &mut issues) {
            let Some(id) = item.get("id").and_then(Value::as_str) else {
                issues.push(Issue::new(
                    path_key(&path, "id"),
                    "is required: the assessment's id, the same on every assessor's device",
                ));
                continue;
            };
            let team = teams.slot(id.to_string());
            read_item(&path, item, team, &mut issues);
        }
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    let list = teams
        .into_iter()
        .map(|(id, t)| write_team(&id, t))
        .collect();
    Ok(Value::Object(vec![
        (
            "_format".into(),
            Value::String("resilience-assessments".into()),
        ),
        ("assessments".into(), Value::Array(list)),
    ]))
}

/// A file's assessments with their paths (`A.json: $.assessments[2]`).
fn items<'a>(name: &str, file: &'a Value, issues: &mut Vec<Issue>) -> Vec<(String, &'a Value)> {
    let root = format!("{name}: $");
    match file.get("assessments") {
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(i, v)| (path_index(&path_key(&root, "assessments"), i), v))
            .collect(),
        Some(other) => {
            issues.push(Issue::new(
                path_key(&root, "assessments"),
                format!("expected a list of assessments, found {}", other.kind()),
            ));
            Vec::new()
        }
        None => vec![(root, file)],
    }
}

fn text(v: Option<&Value>) -> &str {
    v.and_then(Value::as_str).unwrap_or("")
}

fn object<'a>(
    item: &'a Value,
    key: &str,
    path: &str,
    issues: &mut Vec<Issue>,
) -> &'a [(String, Value)] {
    match item.get(key) {
        None | Some(Value::Null) => &[],
        Some(Value::Object(fields)) => fields,
        Some(other) => {
            issues.push(Issue::new(
                path_key(path, key),
                format!("expected an object, found {}", other.kind()),
            ));
            &[]
        }
    }
}

fn read_item(path: &str, item: &Value, team: &mut TeamState, issues: &mut Vec<Issue>) {
    if !matches!(item, Value::Object(_)) {
        issues.push(Issue::new(
            path,
            format!("expected an assessment, found {}", item.kind()),
        ));
        return;
    }
    let updated = text(item.get("_updated")).to_string();
    // Unit, date, framework and basis: the latest updated file's (ties broken by content, so
    // the order files come in never matters).
    let newer = |u: &str, v: &Value| updated.as_str().cmp(u).then_with(|| cmp(item, v)).is_gt();
    if team.head.as_ref().is_none_or(|(u, v)| newer(u, v)) {
        team.head = Some((updated.clone(), item.clone()));
    }
    if let Some(b) = item.get("basis").and_then(Value::as_str) {
        if team
            .basis
            .as_ref()
            .is_none_or(|(u, old)| (updated.as_str(), b) > (u.as_str(), old.as_str()))
        {
            team.basis = Some((updated.clone(), b.to_string()));
        }
    }
    let team_file = item.get("assessors").is_some();
    match item.get("assessor") {
        Some(Value::String(code)) if !code.trim().is_empty() => {
            let answers = team.assessors.slot(code.trim().to_string());
            read_answers(path, item, &updated, answers, issues);
        }
        Some(Value::String(_)) | None if !team_file => issues.push(Issue::new(
            path_key(path, "assessor"),
            "is required to merge: the code of the assessor who made this file",
        )),
        Some(Value::String(_)) | None => {}
        Some(other) => issues.push(Issue::new(
            path_key(path, "assessor"),
            format!("expected the assessor's code, found {}", other.kind()),
        )),
    }
    for (code, a) in object(item, "assessors", path, issues) {
        let p = path_key(&path_key(path, "assessors"), code);
        if !matches!(a, Value::Object(_)) {
            issues.push(Issue::new(
                &p,
                format!("expected an assessor's answers, found {}", a.kind()),
            ));
            continue;
        }
        let answers = team.assessors.slot(code.trim().to_string());
        read_answers(&p, a, &updated, answers, issues);
        for (ind, list) in object(a, "conflicts", &p, issues) {
            let lp = path_key(&path_key(&p, "conflicts"), ind);
            let Value::Array(versions) = list else {
                issues.push(Issue::new(
                    lp,
                    format!("expected a list of answers, found {}", list.kind()),
                ));
                continue;
            };
            for (k, v) in versions.iter().enumerate() {
                let edited = text(v.get("edited")).to_string();
                let content = content_of(v.get("score"), v.get("note"), v.get("evidence"));
                if content.is_none() {
                    issues.push(Issue::new(
                        path_index(&lp, k),
                        "has no score, note or evidence",
                    ));
                    continue;
                }
                answers.slot(ind.clone()).add(Version {
                    content: content.unwrap(),
                    edited,
                });
            }
        }
        for (ind, at) in object(a, "resolved", &p, issues) {
            answers.slot(ind.clone()).resolve(text(Some(at)));
        }
    }
    for (ind, entry) in object(item, "agreed", path, issues) {
        let recorded = text(entry.get("recorded")).to_string();
        let entry = canonical(entry);
        let better = team.agreed.get(ind).is_none_or(|old| {
            recorded
                .cmp(&old.recorded)
                .then_with(|| cmp(&entry, &old.entry))
                .is_gt()
        });
        if better {
            team.agreed.insert(ind.clone(), Agreed { entry, recorded });
        }
    }
}

/// The current answers of one assessor (`scores`, `notes`, `evidence`, `edited` by indicator),
/// from a solo file or one entry of a team file's `assessors`.
fn read_answers(
    path: &str,
    item: &Value,
    updated: &str,
    answers: &mut Map<AnswerState>,
    issues: &mut Vec<Issue>,
) {
    let edited_key = if item.get("_edited").is_some() {
        "_edited"
    } else {
        "edited"
    };
    let edited = object(item, edited_key, path, issues);
    let mut ids: Vec<&String> = Vec::new();
    let parts: Vec<&[(String, Value)]> = PARTS
        .iter()
        .map(|(k, _)| object(item, k, path, issues))
        .collect();
    for part in &parts {
        for (id, _) in part.iter() {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    for id in ids {
        fn get<'v>(part: &'v [(String, Value)], id: &str) -> Option<&'v Value> {
            part.iter().find(|(k, _)| k == id).map(|(_, v)| v)
        }
        let Some(content) = content_of(get(parts[0], id), get(parts[1], id), get(parts[2], id))
        else {
            continue;
        };
        let at = get(edited, id).and_then(Value::as_str).unwrap_or(updated);
        answers.slot(id.clone()).add(Version {
            content,
            edited: at.to_string(),
        });
    }
}

/// An answer's content, or `None` when it has nothing (a null score, an empty note).
fn content_of(
    score: Option<&Value>,
    note: Option<&Value>,
    evidence: Option<&Value>,
) -> Option<Value> {
    let mut fields = Vec::new();
    let keep = |v: Option<&Value>| match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::Object(f)) if f.is_empty() => None,
        Some(v) => Some(canonical(v)),
    };
    // Sorted keys: evidence, note, score.
    if let Some(e) = keep(evidence) {
        fields.push(("evidence".to_string(), e));
    }
    if let Some(n) = keep(note) {
        fields.push(("note".to_string(), n));
    }
    if let Some(s) = keep(score) {
        fields.push(("score".to_string(), s));
    }
    (!fields.is_empty()).then_some(Value::Object(fields))
}

/// A score as the respondents it stands for (a number is one; a list, its entries).
fn respondents(score: &Value) -> Vec<Value> {
    match score {
        Value::Array(items) => items.clone(),
        Value::Null => Vec::new(),
        other => vec![other.clone()],
    }
}

fn write_team(id: &str, t: TeamState) -> Value {
    let head = t.head.map(|(_, v)| v).unwrap_or(Value::Null);
    let mut out = vec![("id".to_string(), Value::String(id.to_string()))];
    for key in ["unit", "date"] {
        if let Some(v) = head.get(key) {
            out.push((key.to_string(), v.clone()));
        }
    }
    let basis = t.basis.map_or("individual".to_string(), |(_, b)| b);
    // The scores results use, derived: every assessor's current score as one or more respondents
    // (`individual`), or the agreed score where there is one (`agreed`).
    let mut pooled: Map<Vec<Value>> = Map::default();
    let mut assessors = Vec::new();
    for (code, answers) in t.assessors {
        let mut maps: [Vec<(String, Value)>; 4] = Default::default();
        let (mut conflicts, mut resolved) = (Vec::new(), Vec::new());
        for (ind, state) in answers {
            let standing = state.standing();
            if let Some(current) = standing.last() {
                for (k, (_, field)) in PARTS.iter().enumerate() {
                    if let Some(v) = current.content.get(field) {
                        maps[k].push((ind.clone(), v.clone()));
                    }
                }
                maps[3].push((ind.clone(), Value::String(current.edited.clone())));
                if let Some(s) = current.content.get("score") {
                    pooled.slot(ind.clone()).extend(respondents(s));
                }
            }
            if standing.len() > 1 {
                let list = standing
                    .iter()
                    .map(|v| {
                        let Value::Object(mut f) = v.content.clone() else {
                            unreachable!("contents are objects")
                        };
                        f.push(("edited".into(), Value::String(v.edited.clone())));
                        Value::Object(f)
                    })
                    .collect();
                conflicts.push((ind.clone(), Value::Array(list)));
            }
            if !state.resolved.is_empty() {
                resolved.push((ind, Value::String(state.resolved)));
            }
        }
        let mut a = Vec::new();
        for (k, name) in ["scores", "notes", "evidence", "edited"].iter().enumerate() {
            if !maps[k].is_empty() {
                a.push((
                    name.to_string(),
                    Value::Object(std::mem::take(&mut maps[k])),
                ));
            }
        }
        if !conflicts.is_empty() {
            a.push(("conflicts".into(), Value::Object(conflicts)));
        }
        if !resolved.is_empty() {
            a.push(("resolved".into(), Value::Object(resolved)));
        }
        assessors.push((code, Value::Object(a)));
    }
    let mut scores: Vec<(String, Value)> = pooled
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, Value::Array(v)))
        .collect();
    if basis == "agreed" {
        for (ind, a) in &t.agreed {
            if let Some(s) = a.entry.get("score") {
                match scores.iter_mut().find(|(k, _)| k == ind) {
                    Some(slot) => slot.1 = s.clone(),
                    None => scores.push((ind.clone(), s.clone())),
                }
            }
        }
        crate::map::sort_by(&mut scores, |a, b| a.0.cmp(&b.0));
    }
    out.push(("basis".into(), Value::String(basis)));
    out.push(("scores".into(), Value::Object(scores)));
    out.push(("assessors".into(), Value::Object(assessors)));
    if !t.agreed.is_empty() {
        let agreed = t.agreed.into_iter().map(|(k, a)| (k, a.entry)).collect();
        out.push(("agreed".into(), Value::Object(agreed)));
    }
    for key in ["_updated", "_framework"] {
        if let Some(v) = head.get(key) {
            out.push((key.to_string(), v.clone()));
        }
    }
    Value::Object(out)
}
