//! `resilience merge`: assessors' files into one team file (docs/team.md).

use crate::io::{in_file, read_text, to_json, write_out, Failure};
use resilience::api::{self, ApiError};

/// Merge the files of a team's assessors into one.
#[derive(clap::Args)]
#[command(
    long_about = "Merge assessors' files (the app's exports, each assessment marked with its \
                  assessor's code, or files merged before) into one file of team assessments, \
                  matched by assessment id, on standard output. Every assessor's answers \
                  (scores, notes, evidence, warning signs, scores by group) are kept apart; \
                  different answers of one assessor are kept as a conflict to resolve; `scores` \
                  pools every assessor's current score (or the agreed score, once the team \
                  records one), `context` has a sign present when any assessor saw it, and \
                  `groups` pools each group's scores. Merging is order-independent and \
                  idempotent. \
                  Every problem of every file is reported, each with its file and JSON path."
)]
pub struct Args {
    /// JSON on one line.
    #[arg(long)]
    compact: bool,
    /// The files to merge (JSON), or - for standard input (once).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<String>,
}

pub fn run(a: Args) -> Result<(), Failure> {
    if a.files.iter().filter(|f| *f == "-").count() > 1 {
        return Err(Failure::Usage(
            "standard input (-) can be read only once".into(),
        ));
    }
    let mut files = Vec::with_capacity(a.files.len());
    // Every problem of every file at once: files that cannot be read as JSON are named, and
    // the others are still merged for theirs.
    let mut unread: Option<ApiError> = None;
    for path in &a.files {
        let read = read_text(path)
            .and_then(|t| api::parse_json(&t).map_err(|e| Failure::Invalid(in_file(path, e))));
        match (read, &mut unread) {
            (Ok(v), _) => files.push((path.clone(), v)),
            (Err(Failure::Invalid(e)), Some(all)) => all.issues.extend(e.issues),
            (Err(Failure::Invalid(e)), None) => unread = Some(e),
            (Err(other), _) => return Err(other),
        }
    }
    let merged = resilience_team::merge(&files);
    match (unread, merged) {
        (None, Ok(merged)) => write_out(&to_json(&merged, a.compact)),
        (None, Err(issues)) => Err(ApiError::new("invalid_input", issues).into()),
        (Some(mut e), merged) => {
            e.issues.extend(merged.err().unwrap_or_default());
            Err(e.into())
        }
    }
}
