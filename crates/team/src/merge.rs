//! Assessors' files into one team file, with no server.
//!
//! Each assessor scores the same assessment (the same `id`) on their own device and marks it with
//! their code (`"assessor"`). Merging groups the assessments of all files by id and keeps, for
//! every assessor, every distinct answer that has not been settled: one answer is the assessor's
//! answer; two or more are a conflict, shown to the user with the latest edit proposed, until a
//! decision (`resolved`) settles it. An assessor answers three kinds of question, each kept by
//! id and merged alike (`Sheet`):
//!
//! - the indicators: score, note and evidence together (`scores`, `notes`, `evidence`, `edited`,
//!   `conflicts`, `resolved`);
//! - the warning signs and triggers: each sign's `{status, date, note}` (`context`,
//!   `context_edited`, `context_conflicts`, `context_resolved`);
//! - the indicators scored "as experienced by" a named group: by group name, then by indicator,
//!   the score (`groups: {name: {scores, edited, conflicts, resolved}}`).
//!
//! The merge is a join: every answer is a version `(content, edited)`, a file's state is a set of
//! versions plus the time of the last decision, and merging takes the union of the sets and the
//! latest decision, then drops what that decision settled and, of equal contents, all but the
//! latest edit. So merging is order-independent (A then B equals B then A), idempotent (importing
//! a file twice changes nothing) and loses no answer that no decision has settled.
//!
//! What the engine reads of the team is derived from the assessors' current answers, never
//! edited: `scores` (every assessor's score pooled as respondents, or the agreed score), `context`
//! (a sign is present when any assessor saw it; else unknown when any could not say; else absent;
//! with the latest date and every note of the assessors who gave that status, each after their
//! code) and `groups` (each group's scores pooled as `scores` are). A team file's top-level
//! `context` and `groups` are read back only to check that what they say comes from its
//! assessors' answers, and its top-level `notes` and `evidence` must be empty: an answer outside
//! `assessors` belongs to no one, and is refused with its path rather than lost.

use crate::canonical::{canonical, cmp};
use crate::map::Map;
use resilience::value::{path_index, path_key, Value};
use resilience::Issue;
use std::cmp::Ordering;

/// One answer of one assessor to one question, as edited at one time.
#[derive(Debug, Clone, PartialEq)]
struct Version {
    /// The answer with keys sorted and absent parts left out: compared whole. For an indicator
    /// `{"evidence", "note", "score"}`; for a sign `{"date", "note", "status"}`; for a group's
    /// indicator `{"score"}`.
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

/// How one kind of answer sits in a file: its members, each an object by id.
struct Sheet {
    /// `(member, field)`: the members an answer's parts are in, and each part's name in a
    /// version. A field `""`: the member's value is the answer whole (a sign's object).
    parts: &'static [(&'static str, &'static str)],
    /// When each answer was edited (in an assessor's own file, with a leading `_`).
    edited: &'static str,
    /// The undecided answers of one id, when there are several.
    conflicts: &'static str,
    /// When each id's last decision was made.
    resolved: &'static str,
}

const INDICATORS: Sheet = Sheet {
    parts: &[
        ("scores", "score"),
        ("notes", "note"),
        ("evidence", "evidence"),
    ],
    edited: "edited",
    conflicts: "conflicts",
    resolved: "resolved",
};

const SIGNS: Sheet = Sheet {
    parts: &[("context", "")],
    edited: "context_edited",
    conflicts: "context_conflicts",
    resolved: "context_resolved",
};

/// One group's entry (`groups.<name>`): its scores only, as the engine reads a group.
const GROUP: Sheet = Sheet {
    parts: &[("scores", "score")],
    edited: "edited",
    conflicts: "conflicts",
    resolved: "resolved",
};

/// One assessor's answers, by kind.
#[derive(Debug, Default)]
struct AssessorState {
    indicators: Map<AnswerState>,
    signs: Map<AnswerState>,
    groups: Map<Map<AnswerState>>,
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
    assessors: Map<AssessorState>,
    agreed: Map<Agreed>,
    /// Which scores the results use: "individual" (default) or "agreed"; the latest updated file says.
    basis: Option<(String, String)>,
}

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
            check_derived(&path, item, &mut issues);
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

/// The assessor named by a solo item (`"assessor"`), if it names one.
fn solo_code(item: &Value) -> Option<&str> {
    match item.get("assessor") {
        Some(Value::String(code)) if !code.trim().is_empty() => Some(code.trim()),
        _ => None,
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
        Some(Value::String(_)) if solo_code(item).is_some() => {
            let code = solo_code(item).unwrap_or_default().to_string();
            let a = team.assessors.slot(code);
            read_sheet(
                path,
                item,
                &updated,
                &INDICATORS,
                true,
                &mut a.indicators,
                issues,
            );
            read_sheet(path, item, &updated, &SIGNS, true, &mut a.signs, issues);
            for (name, g) in object(item, "groups", path, issues) {
                let gp = path_key(&path_key(path, "groups"), name);
                if !group_name_ok(&gp, name, g, issues) {
                    continue;
                }
                let state = a.groups.slot(name.trim().to_string());
                read_sheet(&gp, g, &updated, &GROUP, true, state, issues);
            }
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
    for (code, entry) in object(item, "assessors", path, issues) {
        let p = path_key(&path_key(path, "assessors"), code);
        if !matches!(entry, Value::Object(_)) {
            issues.push(Issue::new(
                &p,
                format!("expected an assessor's answers, found {}", entry.kind()),
            ));
            continue;
        }
        let a = team.assessors.slot(code.trim().to_string());
        read_sheet(
            &p,
            entry,
            &updated,
            &INDICATORS,
            false,
            &mut a.indicators,
            issues,
        );
        read_decisions(&p, entry, &INDICATORS, &mut a.indicators, issues);
        read_sheet(&p, entry, &updated, &SIGNS, false, &mut a.signs, issues);
        read_decisions(&p, entry, &SIGNS, &mut a.signs, issues);
        for (name, g) in object(entry, "groups", &p, issues) {
            let gp = path_key(&path_key(&p, "groups"), name);
            if !group_name_ok(&gp, name, g, issues) {
                continue;
            }
            let state = a.groups.slot(name.trim().to_string());
            read_sheet(&gp, g, &updated, &GROUP, false, state, issues);
            read_decisions(&gp, g, &GROUP, state, issues);
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

fn group_name_ok(path: &str, name: &str, g: &Value, issues: &mut Vec<Issue>) -> bool {
    if name.trim().is_empty() {
        issues.push(Issue::new(path, "a group needs a name"));
        return false;
    }
    if !matches!(g, Value::Object(_)) {
        issues.push(Issue::new(
            path,
            format!("expected a group's {{\"scores\": …}}, found {}", g.kind()),
        ));
        return false;
    }
    true
}

/// A team file (`assessors`, no `assessor`) holds no answer outside `assessors`: its `notes` and
/// `evidence` must be empty, and what its `context` and `groups` say must come from its
/// assessors' answers (as the merge, or the app, derives them): each sign's status, date and
/// notes (`code: note`, one a line), each group and each of its scores. Anything else would
/// belong to no assessor, and would be lost: refused, with its path.
fn check_derived(path: &str, item: &Value, issues: &mut Vec<Issue>) {
    if solo_code(item).is_some() || item.get("assessors").is_none() {
        return;
    }
    let empty = |v: Option<&Value>| match v {
        None | Some(Value::Null) => true,
        Some(Value::Object(f)) => f.is_empty(),
        _ => false,
    };
    for key in ["notes", "evidence"] {
        if !empty(item.get(key)) {
            issues.push(Issue::new(
                path_key(path, key),
                "belongs to no assessor: in a team file every answer is under \"assessors\" \
                 (or give the file its \"assessor\")",
            ));
        }
    }
    if empty(item.get("context")) && empty(item.get("groups")) {
        return;
    }
    let mut alone = TeamState::default();
    let mut ignored = Vec::new();
    read_item(path, item, &mut alone, &mut ignored);
    if !ignored.is_empty() {
        return; // its own problems are reported where it is read
    }
    let unbacked = |p: String| {
        Issue::new(
            p,
            "is not what the assessors' answers say: a team file's context and groups are \
             derived from \"assessors\"; give this answer under an assessor",
        )
    };
    // Every version each assessor gave of a sign, with their code.
    let signs_of = |sign: &str| -> Vec<(&str, &Value)> {
        let mut out = Vec::new();
        for (code, a) in &alone.assessors {
            if let Some(st) = a.signs.get(sign) {
                out.extend(st.versions.iter().map(|v| (code.as_str(), &v.content)));
            }
        }
        out
    };
    let cp = path_key(path, "context");
    for (sign, v) in object(item, "context", path, issues) {
        let given = signs_of(sign);
        let has = |k: &str, x: &Value| given.iter().any(|(_, a)| a.get(k) == Some(x));
        let mut ok = v.get("status").is_some_and(|s| has("status", s));
        if let Some(d) = v.get("date") {
            ok &= has("date", d);
        }
        if let Some(n) = v.get("note") {
            // Notes one a line, each an assessor's (after their code, or as they wrote it).
            let pieces: Vec<String> = given
                .iter()
                .filter_map(|(code, a)| a.get("note").and_then(Value::as_str).map(|n| (code, n)))
                .flat_map(|(code, n)| [format!("{code}: {n}"), n.to_string()])
                .collect();
            ok &= n.as_str().is_some_and(|n| made_of(n, &pieces));
        }
        if !ok {
            issues.push(unbacked(path_key(&cp, sign)));
        }
    }
    let gp = path_key(path, "groups");
    for (name, g) in object(item, "groups", path, issues) {
        let p = path_key(&gp, name);
        let states: Vec<&Map<AnswerState>> = (&alone.assessors)
            .into_iter()
            .filter_map(|(_, a)| a.groups.get(name.trim()))
            .collect();
        if states.is_empty() {
            issues.push(unbacked(p));
            continue;
        }
        for (ind, score) in object(g, "scores", &p, issues) {
            let given: Vec<Value> = states
                .iter()
                .filter_map(|st| st.get(ind))
                .flat_map(|st| st.versions.iter())
                .filter_map(|v| v.content.get("score"))
                .flat_map(respondents)
                .collect();
            if !respondents(score).iter().all(|r| given.contains(r)) {
                issues.push(unbacked(path_key(&path_key(&p, "scores"), ind)));
            }
        }
    }
}

/// Whether `text` is some of `pieces` joined by line breaks.
fn made_of(text: &str, pieces: &[String]) -> bool {
    pieces.iter().any(|p| match text.strip_prefix(p.as_str()) {
        Some("") => true,
        Some(rest) => rest.strip_prefix('\n').is_some_and(|r| made_of(r, pieces)),
        None => false,
    })
}

/// The current answers of one kind (`sheet`) of one assessor, from a solo file (`solo`: edit
/// times under `_<edited>`, else `<edited>`) or one entry of a team file's `assessors`. An
/// answer without an edit time was edited when its file was last updated.
fn read_sheet(
    path: &str,
    item: &Value,
    updated: &str,
    sheet: &Sheet,
    solo: bool,
    answers: &mut Map<AnswerState>,
    issues: &mut Vec<Issue>,
) {
    let own = format!("_{}", sheet.edited);
    let edited_key = if solo && item.get(&own).is_some() {
        own.as_str()
    } else {
        sheet.edited
    };
    let edited = object(item, edited_key, path, issues);
    let mut ids: Vec<&String> = Vec::new();
    let parts: Vec<&[(String, Value)]> = sheet
        .parts
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
    fn get<'v>(part: &'v [(String, Value)], id: &str) -> Option<&'v Value> {
        part.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }
    for id in ids {
        let found: Vec<Option<&Value>> = parts.iter().map(|p| get(p, id)).collect();
        let p = || path_key(&path_key(path, sheet.parts[0].0), id);
        let Some(content) = content_of(sheet, &found, &p, issues) else {
            continue;
        };
        let at = get(edited, id).and_then(Value::as_str).unwrap_or(updated);
        answers.slot(id.clone()).add(Version {
            content,
            edited: at.to_string(),
        });
    }
}

/// A team file's undecided answers (`conflicts`) and decisions (`resolved`) of one kind.
fn read_decisions(
    p: &str,
    entry: &Value,
    sheet: &Sheet,
    answers: &mut Map<AnswerState>,
    issues: &mut Vec<Issue>,
) {
    for (id, list) in object(entry, sheet.conflicts, p, issues) {
        let lp = path_key(&path_key(p, sheet.conflicts), id);
        let Value::Array(versions) = list else {
            issues.push(Issue::new(
                lp,
                format!("expected a list of answers, found {}", list.kind()),
            ));
            continue;
        };
        for (k, v) in versions.iter().enumerate() {
            let vp = || path_index(&lp, k);
            let Value::Object(fields) = v else {
                issues.push(Issue::new(
                    vp(),
                    format!("expected an answer, found {}", v.kind()),
                ));
                continue;
            };
            let edited = text(v.get("edited")).to_string();
            let content = if sheet.parts[0].1.is_empty() {
                let rest: Vec<(String, Value)> = fields
                    .iter()
                    .filter(|(k, _)| k != "edited")
                    .cloned()
                    .collect();
                content_of(sheet, &[Some(&Value::Object(rest))], &vp, issues)
            } else {
                let found: Vec<Option<&Value>> =
                    sheet.parts.iter().map(|(_, f)| v.get(f)).collect();
                content_of(sheet, &found, &vp, issues)
            };
            let Some(content) = content else {
                issues.push(Issue::new(vp(), "is an empty answer"));
                continue;
            };
            answers.slot(id.clone()).add(Version { content, edited });
        }
    }
    for (id, at) in object(entry, sheet.resolved, p, issues) {
        answers.slot(id.clone()).resolve(text(Some(at)));
    }
}

/// What says nothing: absent, null, an empty text or object.
fn keep(v: Option<&Value>) -> Option<Value> {
    match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::Object(f)) if f.is_empty() => None,
        Some(v) => Some(canonical(v)),
    }
}

/// An answer's content (its parts as `sheet` names them, `found` in `sheet.parts` order), or
/// `None` when it has nothing (a null score, an empty note).
fn content_of(
    sheet: &Sheet,
    found: &[Option<&Value>],
    path: &dyn Fn() -> String,
    issues: &mut Vec<Issue>,
) -> Option<Value> {
    if sheet.parts[0].1.is_empty() {
        // A sign's answer, whole: its parts that say something (keys beginning with `_` are
        // comments, as the engine reads them).
        return match found[0] {
            None | Some(Value::Null) => None,
            Some(Value::Object(fields)) => {
                let kept: Vec<(String, Value)> = fields
                    .iter()
                    .filter(|(k, _)| !k.starts_with('_'))
                    .filter_map(|(k, v)| keep(Some(v)).map(|v| (k.clone(), v)))
                    .collect();
                keep(Some(&Value::Object(kept)))
            }
            Some(other) => {
                issues.push(Issue::new(
                    path(),
                    format!(
                        "expected {{\"status\", \"date\", \"note\"}}, found {}",
                        other.kind()
                    ),
                ));
                None
            }
        };
    }
    let mut fields: Vec<(String, Value)> = sheet
        .parts
        .iter()
        .zip(found)
        .filter_map(|((_, f), v)| keep(*v).map(|v| (f.to_string(), v)))
        .collect();
    crate::map::sort_by(&mut fields, |a, b| a.0.cmp(&b.0));
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

/// Writes one kind of answers of one assessor into `out` (their members as `sheet` names
/// them); returns the current answers by id.
fn write_sheet(
    sheet: &Sheet,
    answers: Map<AnswerState>,
    out: &mut Vec<(String, Value)>,
) -> Vec<(String, Value)> {
    let mut maps: Vec<Vec<(String, Value)>> = vec![Vec::new(); sheet.parts.len()];
    let (mut edited, mut conflicts, mut resolved, mut current) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (id, state) in answers {
        let standing = state.standing();
        if let Some(now) = standing.last() {
            for (k, (_, field)) in sheet.parts.iter().enumerate() {
                let part = if field.is_empty() {
                    Some(&now.content)
                } else {
                    now.content.get(field)
                };
                if let Some(v) = part {
                    maps[k].push((id.clone(), v.clone()));
                }
            }
            edited.push((id.clone(), Value::String(now.edited.clone())));
            current.push((id.clone(), now.content.clone()));
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
            conflicts.push((id.clone(), Value::Array(list)));
        }
        if !state.resolved.is_empty() {
            resolved.push((id, Value::String(state.resolved)));
        }
    }
    for ((name, _), map) in sheet.parts.iter().zip(maps) {
        if !map.is_empty() {
            out.push((name.to_string(), Value::Object(map)));
        }
    }
    for (name, map) in [
        (sheet.edited, edited),
        (sheet.conflicts, conflicts),
        (sheet.resolved, resolved),
    ] {
        if !map.is_empty() {
            out.push((name.to_string(), Value::Object(map)));
        }
    }
    current
}

/// The status that stands for the team: present when any assessor saw the sign; else unknown
/// when any could not say; else absent.
fn sign_rank(status: &str) -> u8 {
    match status {
        "present" => 3,
        "unknown" => 2,
        "absent" => 1,
        _ => 0,
    }
}

/// A sign as the engine reads it, from every assessor's current answer (`(code, answer)`, in
/// code order): the status that stands (`sign_rank`), the latest date and every note of the
/// assessors who gave it, each as `code: note`, one a line. None when no answer has a status.
fn team_sign(answers: &[(String, Value)]) -> Option<Value> {
    let status = |a: &Value| text(a.get("status")).to_string();
    let top = answers
        .iter()
        .map(|(_, a)| status(a))
        .filter(|s| sign_rank(s) > 0)
        .max_by_key(|s| sign_rank(s))?;
    let with: Vec<&(String, Value)> = answers.iter().filter(|(_, a)| status(a) == top).collect();
    let mut out = vec![("status".to_string(), Value::String(top))];
    if let Some(d) = with
        .iter()
        .filter_map(|(_, a)| a.get("date").and_then(Value::as_str))
        .max()
    {
        out.push(("date".into(), Value::String(d.to_string())));
    }
    let notes: Vec<String> = with
        .iter()
        .filter_map(|(c, a)| {
            a.get("note")
                .and_then(Value::as_str)
                .map(|n| format!("{c}: {n}"))
        })
        .collect();
    if !notes.is_empty() {
        out.push(("note".into(), Value::String(notes.join("\n"))));
    }
    Some(Value::Object(out))
}

fn pooled_scores(pool: Map<Vec<Value>>) -> Vec<(String, Value)> {
    pool.into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, Value::Array(v)))
        .collect()
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
    // What the engine reads, derived from every assessor's current answers (in code order):
    // their scores as one or more respondents (`individual`, or the agreed score where there is
    // one with `agreed`), their signs, their groups' scores as respondents.
    let mut pooled: Map<Vec<Value>> = Map::default();
    let mut signs: Map<Vec<(String, Value)>> = Map::default();
    let mut groups: Map<Map<Vec<Value>>> = Map::default();
    let mut assessors = Vec::new();
    for (code, a) in t.assessors {
        let mut entry = Vec::new();
        for (ind, content) in write_sheet(&INDICATORS, a.indicators, &mut entry) {
            if let Some(s) = content.get("score") {
                pooled.slot(ind).extend(respondents(s));
            }
        }
        for (sign, content) in write_sheet(&SIGNS, a.signs, &mut entry) {
            signs.slot(sign).push((code.clone(), content));
        }
        let mut gs = Vec::new();
        for (name, answers) in a.groups {
            let mut g = Vec::new();
            let current = write_sheet(&GROUP, answers, &mut g);
            let pool = groups.slot(name.clone());
            for (ind, content) in current {
                if let Some(s) = content.get("score") {
                    pool.slot(ind).extend(respondents(s));
                }
            }
            // A group named and not yet scored is kept too.
            gs.push((name, Value::Object(g)));
        }
        if !gs.is_empty() {
            entry.push(("groups".into(), Value::Object(gs)));
        }
        assessors.push((code, Value::Object(entry)));
    }
    let mut scores = pooled_scores(pooled);
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
    let context: Vec<(String, Value)> = signs
        .into_iter()
        .filter_map(|(sign, answers)| team_sign(&answers).map(|s| (sign, s)))
        .collect();
    if !context.is_empty() {
        out.push(("context".into(), Value::Object(context)));
    }
    let groups: Vec<(String, Value)> = groups
        .into_iter()
        .map(|(name, pool)| {
            let scores = ("scores".to_string(), Value::Object(pooled_scores(pool)));
            (name, Value::Object(vec![scores]))
        })
        .collect();
    if !groups.is_empty() {
        out.push(("groups".into(), Value::Object(groups)));
    }
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
