//! The analysis module's team assessments (`www/pkg-analysis/`): assessors' files merged, and
//! their agreement (docs/team.md).

use crate::engine::{framework_of, read_value, to_js};
use crate::Error;
use resilience::api::{self, ApiError};
use resilience::issue::Issue;
use resilience::json;
use resilience::value::{path_index, Value};
use resilience_team::panel::team_agreement;
use wasm_bindgen::prelude::*;

/// A file's text as JSON: the engine's reader, else the browser's, whose message names the
/// problem; problems at `NAME: $`.
fn parse_file(name: &str, text: &str) -> Result<Value, Vec<Issue>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(v) = json::parse(text) {
        return Ok(v);
    }
    let at = format!("{name}: $");
    match js_sys::JSON::parse(text) {
        // Valid JSON the fast reader does not take (nesting too deep …): read it the slow
        // way, which names the problem.
        Ok(js) => read_value(&js, "invalid_json").map_err(|e| {
            e.issues
                .into_iter()
                .map(|i| Issue::new(format!("{name}: {}", i.path), i.message))
                .collect()
        }),
        Err(e) => {
            let why = js_sys::Error::from(e)
                .message()
                .as_string()
                .unwrap_or_default();
            Err(vec![Issue::new(at, format!("not JSON: {why}"))])
        }
    }
}

/// `files` as (name, text): a list of `{name, text}`, every problem at `files[i].…`.
fn read_files(files: &JsValue) -> Result<Vec<(String, String)>, ApiError> {
    if !js_sys::Array::is_array(files) {
        return Err(ApiError::one(
            "invalid_argument",
            "files",
            "expected a list of files, [{name, text}]",
        ));
    }
    let mut out = Vec::new();
    let mut issues = Vec::new();
    for (i, f) in js_sys::Array::from(files).iter().enumerate() {
        let at = path_index("files", i);
        let field = |k: &str| {
            if f.is_object() {
                js_sys::Reflect::get(&f, &k.into())
                    .ok()
                    .and_then(|v| v.as_string())
            } else {
                None
            }
        };
        match (field("name"), field("text")) {
            (Some(name), Some(text)) => out.push((name, text)),
            (name, text) => {
                if name.is_none() {
                    issues.push(Issue::new(
                        format!("{at}.name"),
                        "expected the file's name (a string)",
                    ));
                }
                if text.is_none() {
                    issues.push(Issue::new(
                        format!("{at}.text"),
                        "expected the file's text (a string)",
                    ));
                }
            }
        }
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(ApiError::new("invalid_argument", issues))
    }
}

/// Merges assessors' files (`[{name, text}]`, each the app's JSON export, or a file merged
/// before) into `{_format, assessments}`: team assessments by id, every assessor's answers
/// apart, conflicts kept, `scores` derived (docs/team.md). Order-independent and idempotent.
/// Throws `invalid_json` (a file that is not JSON) or `invalid_input` (an assessment without
/// its id or its assessor's code …) with every problem of every file, each path starting with
/// the file's name (`amina.json: $.assessments[0].assessor`).
#[wasm_bindgen(js_name = mergeTeam, unchecked_return_type = "MergedTeam")]
pub fn merge_team(
    #[wasm_bindgen(unchecked_param_type = "TeamFile[]")] files: JsValue,
) -> Result<JsValue, Error> {
    let mut parsed = Vec::new();
    let mut unread = Vec::new();
    for (name, text) in read_files(&files)? {
        match parse_file(&name, &text) {
            Ok(v) => parsed.push((name, v)),
            Err(issues) => unread.extend(issues),
        }
    }
    let merged = resilience_team::merge(&parsed);
    match (unread.is_empty(), merged) {
        (true, Ok(v)) => to_js(&v),
        (true, Err(issues)) => Err(ApiError::new("invalid_input", issues).into()),
        (false, merged) => {
            unread.extend(merged.err().unwrap_or_default());
            Err(ApiError::new("invalid_json", unread).into())
        }
    }
}

/// The agreement of one team assessment (as `mergeTeam` writes it): per indicator the
/// assessors' scores, shares of pairs agreeing exactly and within one step, spread and mean
/// difference; Krippendorff's ordinal alpha over the indicators; `by_disagreement`, the
/// consensus round's order. The assessment is checked as `score` checks it; one without
/// `assessors` throws `invalid_input`.
#[wasm_bindgen(js_name = teamAgreement, unchecked_return_type = "TeamAgreement")]
pub fn team_agreement_js(
    #[wasm_bindgen(unchecked_param_type = "TeamAssessment")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Framework | null")] fw: Option<JsValue>,
) -> Result<JsValue, Error> {
    let fw = framework_of(&fw)?;
    let item = read_value(&input, "invalid_input")?;
    if item.get("assessments").is_some() {
        return Err(ApiError::one(
            "invalid_input",
            "$.assessments",
            "teamAgreement() takes one team assessment",
        )
        .into());
    }
    api::assessments_from_json(&item, &fw)?;
    if !matches!(item.get("assessors"), Some(Value::Object(_))) {
        return Err(ApiError::one(
            "invalid_input",
            "$.assessors",
            "a team assessment has its assessors' answers by code: merge their files first (mergeTeam)",
        )
        .into());
    }
    to_js(&team_agreement(&item, &fw))
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** One assessor's file for `mergeTeam`: its name (for the problems) and its text. */
export interface TeamFile { name: string; text: string }
/** One assessor's answers in a team assessment (docs/team.md). */
export interface AssessorAnswers {
  scores?: { [indicatorId: string]: Score };
  notes?: { [indicatorId: string]: string };
  evidence?: { [indicatorId: string]: unknown };
  /** When each answer was last edited (ISO 8601). */
  edited?: { [indicatorId: string]: string };
  /** Different answers of this assessor, in edit order: the last is the one proposed. */
  conflicts?: { [indicatorId: string]: { score?: Score; note?: string; evidence?: unknown; edited: string }[] };
  /** When a conflict was settled. */
  resolved?: { [indicatorId: string]: string };
}
export interface AgreedScore {
  score: Score;
  recorded: string;
  dissent?: { assessor: string; reason: string }[];
}
/** An assessment, alone or as a team's: `scores` is derived from `assessors` (and `agreed`). */
export interface TeamAssessment extends Assessment {
  assessor?: string;
  basis?: "individual" | "agreed";
  assessors?: { [code: string]: AssessorAnswers };
  agreed?: { [indicatorId: string]: AgreedScore };
  _updated?: string;
  _framework?: { id: string; version: string };
}
export interface MergedTeam { _format: "resilience-assessments"; assessments: TeamAssessment[] }
export interface IndicatorAgreement {
  id: string;
  /** [assessor code, score] for each assessor who scored it, by code. */
  scores: [string, number][];
  /** Share of assessor pairs giving the same score; null with fewer than two scores. */
  exact: number | null;
  /** Share of pairs at most one anchor step apart. */
  within_one: number | null;
  /** Highest minus lowest score, in anchor steps. */
  spread: number | null;
  /** Mean difference over pairs, in anchor steps. */
  disagreement: number | null;
}
export interface TeamAgreement {
  assessors: string[];
  /** Krippendorff's ordinal alpha over the indicators; null where it is not defined. */
  alpha: number | null;
  exact: number | null;
  within_one: number | null;
  /** Every indicator, in framework order. */
  indicators: IndicatorAgreement[];
  /** Indicators scored by two or more, the most disputed first: the consensus round's order. */
  by_disagreement: string[];
}
"#;
