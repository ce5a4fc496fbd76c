//! The answers of an export beside the scores (docs/prevention-fields.md): each indicator's
//! evidence (kinds of source, date, confidence) and the warning signs and triggers (status,
//! date, note), as the XLSForm asks them, read back by XML value or by label in any language
//! of the form.
//!
//! A row is one respondent; an assessment of several keeps, per indicator, every kind of source
//! any of them gave, the latest date and the lowest confidence (a score is only as sure as its
//! least sure respondent), and per sign the strongest status (present over absent over
//! unknown: a sign one respondent saw was seen), the latest date and every distinct note.

use super::date_of;
use crate::xlsform::{choice_word, languages, EvidencePart, SignPart};
use resilience::assessment::{Assessment, Confidence, ContextAnswer, Evidence, Source, Status};
use resilience::framework::Framework;
use resilience::value::quote;

/// What a column beside the scores holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// One question of indicator `.0`'s evidence.
    Evidence(usize, EvidencePart),
    /// One kind of source of indicator `.0`, as a column of its own (`1` or `0`): the way
    /// KoboToolbox can split a multiple choice.
    SourceFlag(usize, Source),
    /// One question of warning sign or trigger `.0`.
    Sign(usize, SignPart),
}

const SHIFT: u32 = 24;

impl Part {
    /// As one number (the import's maps hold numbers), from `1 << 24` up: indicator indices
    /// stay below.
    pub fn code(self) -> usize {
        let (kind, low) = match self {
            Part::Evidence(i, p) => (1 + p as usize, i),
            Part::Sign(k, p) => (4 + p as usize, k),
            Part::SourceFlag(i, s) => (7, i << 3 | s as usize),
        };
        kind << SHIFT | low
    }

    pub fn of_code(code: usize) -> Option<Part> {
        let (kind, low) = (code >> SHIFT, code & ((1 << SHIFT) - 1));
        let evidence = [
            EvidencePart::Sources,
            EvidencePart::Date,
            EvidencePart::Confidence,
        ];
        let sign = [SignPart::Status, SignPart::Date, SignPart::Note];
        Some(match kind {
            1..=3 => Part::Evidence(low, evidence[kind - 1]),
            4..=6 => Part::Sign(low, sign[kind - 4]),
            7 => Part::SourceFlag(low >> 3, Source::ALL.get(low & 7)?.0),
            _ => return None,
        })
    }
}

/// Choice names and labels (folded to lower case) of the kinds of source, the confidences and
/// the statuses, in every language of the form.
pub struct Words {
    sources: Vec<(String, Source)>,
    confidence: Vec<(String, Confidence)>,
    status: Vec<(String, Status)>,
}

fn key(s: &str) -> String {
    super::odk::fold(s).to_lowercase()
}

impl Words {
    pub fn of(fw: &Framework) -> Words {
        let langs: Vec<String> = ["en", "fr"]
            .iter()
            .map(|l| l.to_string())
            .chain(languages(fw))
            .collect();
        fn all<T: Copy>(names: &[(T, &'static str)], langs: &[String]) -> Vec<(String, T)> {
            let mut out: Vec<(String, T)> = Vec::new();
            for &(t, name) in names {
                let labels = langs.iter().map(|l| key(choice_word(name, l)));
                for k in std::iter::once(name.to_string()).chain(labels) {
                    if !k.is_empty() && !out.iter().any(|(o, _)| *o == k) {
                        out.push((k, t));
                    }
                }
            }
            out
        }
        Words {
            sources: all(&Source::ALL, &langs),
            confidence: all(&Confidence::ALL, &langs),
            status: all(&Status::ALL, &langs),
        }
    }
}

fn one<T: Copy>(list: &[(String, T)], cell: &str) -> Option<T> {
    let k = key(cell);
    list.iter().find(|(n, _)| *n == k).map(|(_, t)| *t)
}

fn names<T>(names: &[(T, &str)]) -> String {
    names.iter().map(|(_, n)| *n).collect::<Vec<_>>().join(", ")
}

/// Kinds of source as ODK writes a multiple choice (names separated by spaces) or as labels
/// (separated by spaces, commas or semicolons).
fn sources(words: &Words, cell: &str) -> Result<Vec<Source>, String> {
    let text = key(cell);
    let mut rest = text.as_str();
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start_matches([' ', ',', ';']);
        if rest.is_empty() {
            return Ok(out);
        }
        // The longest that fits, so that a label holding a shorter one is read whole.
        let found = words
            .sources
            .iter()
            .filter(|(k, _)| {
                rest.starts_with(k.as_str())
                    && rest[k.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| matches!(c, ' ' | ',' | ';'))
            })
            .max_by_key(|(k, _)| k.len());
        match found {
            Some((k, s)) => {
                out.push(*s);
                rest = &rest[k.len()..];
            }
            None => {
                return Err(format!(
                    "{} is not a kind of source; expected some of: {} (or their labels)",
                    quote(cell),
                    names(&Source::ALL)
                ))
            }
        }
    }
}

/// One sign's answers in one row.
#[derive(Debug, Clone, Default)]
struct SignRow {
    status: Option<Status>,
    date: Option<String>,
    note: Option<String>,
    /// The column of its date or note, to name when the status is missing.
    at: usize,
}

/// One row's answers beside the scores (reused from row to row).
#[derive(Default)]
pub struct RowAnswers {
    evidence: Vec<Evidence>,
    signs: Vec<(usize, SignRow)>,
}

impl RowAnswers {
    pub fn clear(&mut self) {
        self.evidence.clear();
        self.signs.clear();
    }

    fn evidence(&mut self, i: usize) -> &mut Evidence {
        match self.evidence.iter().position(|e| e.indicator == i) {
            Some(k) => &mut self.evidence[k],
            None => {
                self.evidence.push(Evidence::new(i));
                self.evidence.last_mut().unwrap()
            }
        }
    }

    fn sign(&mut self, k: usize, column: usize) -> &mut SignRow {
        match self.signs.iter().position(|s| s.0 == k) {
            Some(j) => &mut self.signs[j].1,
            None => {
                self.signs.push((
                    k,
                    SignRow {
                        at: column,
                        ..SignRow::default()
                    },
                ));
                &mut self.signs.last_mut().unwrap().1
            }
        }
    }

    /// A non-empty cell of `part`, in column `column`; the message of a cell that cannot be
    /// read (left out).
    pub fn read(
        &mut self,
        words: &Words,
        part: Part,
        (cell, column): (&str, usize),
        day_first: bool,
    ) -> Result<(), String> {
        match part {
            Part::Evidence(i, EvidencePart::Sources) => {
                let found = sources(words, cell)?;
                let e = self.evidence(i);
                for s in found {
                    e.sources.insert(s);
                }
            }
            Part::SourceFlag(i, s) => match key(cell).as_str() {
                "1" | "true" => self.evidence(i).sources.insert(s),
                "0" | "false" => {}
                _ => return Err(format!("{} is neither 1 nor 0", quote(cell))),
            },
            Part::Evidence(i, EvidencePart::Date) => {
                self.evidence(i).date = Some(date_of(cell, day_first)?.into_owned());
            }
            Part::Evidence(i, EvidencePart::Confidence) => match one(&words.confidence, cell) {
                Some(c) => self.evidence(i).confidence = Some(c),
                None => {
                    return Err(format!(
                        "{} is not a confidence; expected one of: {} (or their labels)",
                        quote(cell),
                        names(&Confidence::ALL)
                    ))
                }
            },
            Part::Sign(k, SignPart::Status) => match one(&words.status, cell) {
                Some(s) => self.sign(k, column).status = Some(s),
                None => {
                    return Err(format!(
                        "{} is not a status; expected one of: {} (or their labels)",
                        quote(cell),
                        names(&Status::ALL)
                    ))
                }
            },
            Part::Sign(k, SignPart::Date) => {
                self.sign(k, column).date = Some(date_of(cell, day_first)?.into_owned());
            }
            Part::Sign(k, SignPart::Note) => self.sign(k, column).note = Some(cell.to_string()),
        }
        Ok(())
    }

    /// The columns of dates and notes given without their sign's status, for the caller to
    /// name: those answers are left out.
    pub fn without_status(&self) -> impl Iterator<Item = usize> + '_ {
        self.signs
            .iter()
            .filter(|(_, s)| s.status.is_none())
            .map(|(_, s)| s.at)
    }

    /// Adds this row's answers to assessment `a`'s (see the module's rules).
    pub fn add_to(&self, a: &mut Assessment) {
        for e in &self.evidence {
            if e.is_empty() {
                continue;
            }
            let at = match a
                .evidence
                .binary_search_by_key(&e.indicator, |x| x.indicator)
            {
                Ok(at) => at,
                Err(at) => {
                    a.evidence.insert(at, Evidence::new(e.indicator));
                    at
                }
            };
            let into = &mut a.evidence[at];
            for s in e.sources.iter() {
                into.sources.insert(s);
            }
            if e.date > into.date {
                into.date = e.date.clone();
            }
            into.confidence = match (into.confidence, e.confidence) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
        }
        for (k, s) in &self.signs {
            let Some(status) = s.status else {
                continue;
            };
            let at = match a.context.binary_search_by_key(k, |c| c.item) {
                Ok(at) => at,
                Err(at) => {
                    a.context.insert(
                        at,
                        ContextAnswer {
                            item: *k,
                            status,
                            date: None,
                            note: None,
                        },
                    );
                    at
                }
            };
            let into = &mut a.context[at];
            let strength = |s: Status| match s {
                Status::Present => 2,
                Status::Absent => 1,
                Status::Unknown => 0,
            };
            if strength(status) > strength(into.status) {
                into.status = status;
            }
            if s.date > into.date {
                into.date = s.date.clone();
            }
            if let Some(n) = s.note.as_deref().filter(|n| !n.is_empty()) {
                match &mut into.note {
                    None => into.note = Some(n.to_string()),
                    Some(all) if !all.split("; ").any(|x| x == n) => {
                        all.push_str("; ");
                        all.push_str(n);
                    }
                    Some(_) => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use resilience::api::default_framework as fw;

    #[test]
    fn codes_read_back() {
        for p in [
            Part::Evidence(27, EvidencePart::Confidence),
            Part::Evidence(0, EvidencePart::Sources),
            Part::Sign(13, SignPart::Note),
            Part::SourceFlag(5, Source::ReferenceData),
            Part::SourceFlag(0, Source::Interview),
        ] {
            assert!(p.code() >= 1 << SHIFT);
            assert_eq!(Part::of_code(p.code()), Some(p));
        }
        assert_eq!(Part::of_code(3), None);
    }

    #[test]
    fn sources_by_name_or_label_in_any_language() {
        let w = Words::of(&fw());
        assert_eq!(
            sources(&w, "interview focus_group").unwrap(),
            [Source::Interview, Source::FocusGroup]
        );
        assert_eq!(
            sources(&w, "Focus group Document").unwrap(),
            [Source::FocusGroup, Source::Document]
        );
        assert_eq!(
            sources(&w, "Groupe de discussion, Données de référence").unwrap(),
            [Source::FocusGroup, Source::ReferenceData]
        );
        let e = sources(&w, "interview rumour").unwrap_err();
        assert!(
            e.starts_with("\"interview rumour\" is not a kind of source"),
            "{e}"
        );
    }

    #[test]
    fn respondents_combine() {
        let w = Words::of(&fw());
        let mut a = Assessment::new("a".into(), 28);
        let mut row = RowAnswers::default();
        for (part, cell) in [
            (Part::Evidence(3, EvidencePart::Sources), "interview"),
            (Part::Evidence(3, EvidencePart::Date), "2026-03-01"),
            (Part::Evidence(3, EvidencePart::Confidence), "high"),
            (Part::Sign(2, SignPart::Status), "absent"),
            (Part::Sign(2, SignPart::Note), "nothing seen"),
        ] {
            row.read(&w, part, (cell, 0), false).unwrap();
        }
        row.add_to(&mut a);
        row.clear();
        for (part, cell) in [
            (Part::SourceFlag(3, Source::Document), "1"),
            (Part::Evidence(3, EvidencePart::Date), "2026-03-10"),
            (Part::Evidence(3, EvidencePart::Confidence), "Faible"),
            (Part::Sign(2, SignPart::Status), "Présent"),
            (Part::Sign(2, SignPart::Date), "14/03/2026"),
            (Part::Sign(2, SignPart::Note), "a convoy"),
        ] {
            row.read(&w, part, (cell, 0), true).unwrap();
        }
        row.add_to(&mut a);
        let e = &a.evidence[0];
        assert_eq!(e.sources.cell(), "interview document");
        assert_eq!(e.date.as_deref(), Some("2026-03-10"));
        assert_eq!(e.confidence, Some(Confidence::Low));
        let c = &a.context[0];
        assert_eq!(c.status, Status::Present);
        assert_eq!(c.date.as_deref(), Some("2026-03-14"));
        assert_eq!(c.note.as_deref(), Some("nothing seen; a convoy"));
        assert!(row
            .read(
                &w,
                Part::Evidence(1, EvidencePart::Confidence),
                ("sure", 0),
                false
            )
            .is_err());
        assert!(row
            .read(&w, Part::SourceFlag(1, Source::Media), ("yes", 0), false)
            .is_err());
    }
}
