//! Any framework as an XLSForm (the form format of KoboToolbox, ODK and their kin): a `survey`
//! sheet with the unit and date questions, then one group per pillar (a note with its
//! description, one `select_one` per indicator with the anchor texts as choices, and "don't
//! know", "not applicable" and "unsafe to ask", each followed by its optional evidence: the
//! kinds of source, their date and the assessor's confidence, asked once it has a score), a
//! group of the warning signs and triggers (each present, absent or unknown, with a date and a
//! note when present), a `choices` sheet and a `settings` sheet, labelled in every language of
//! the framework.
//!
//! The form's layout (`layout`) is also what `import::odk` reads exports back with: the
//! question names here are the column names there.

use crate::xlsx::{Cell, Sheet, Workbook};
use resilience::assessment::{Confidence, Missing, Source, Status};
use resilience::framework::{ContextKind, Framework, Kind};

/// The names of the unit and date questions (also the engine's own CSV columns).
pub const UNIT: &str = "unit";
pub const DATE: &str = "date";

/// One row of the form, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Unit,
    Date,
    /// A group for inner node `node`.
    Begin {
        name: String,
        node: usize,
    },
    End,
    /// The description of group `node`, shown on its first page.
    Note {
        name: String,
        node: usize,
    },
    /// The question for indicator `index`.
    Question {
        name: String,
        index: usize,
    },
    /// The evidence behind indicator `index`'s score, one question of it.
    Evidence {
        name: String,
        index: usize,
        part: EvidencePart,
    },
    /// The group of the warning signs and triggers (closed by `End`).
    BeginSigns {
        name: String,
    },
    /// What the assessor is told about the signs, first in their group.
    SignsNote {
        name: String,
    },
    /// One question of warning sign or trigger `item` (an index into the framework's
    /// `context`).
    Sign {
        name: String,
        item: usize,
        part: SignPart,
    },
}

/// The questions of an indicator's evidence, asked once it has a score, none required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidencePart {
    /// The kinds of source (a `select_multiple`).
    Sources,
    /// When the evidence was gathered or published.
    Date,
    /// How confident the assessor is of the score (a `select_one`).
    Confidence,
}

/// The questions of a warning sign or trigger: its status, then (when present) its date and a
/// note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignPart {
    Status,
    Date,
    Note,
}

/// The choice lists of the evidence and the signs, and the name of the signs' group.
pub const SOURCES: &str = "source";
pub const CONFIDENCE: &str = "confidence";
pub const STATUS: &str = "status";
const SIGNS: &str = "warning_signs";

impl EvidencePart {
    const ALL: [(EvidencePart, &'static str); 3] = [
        (EvidencePart::Sources, "sources"),
        (EvidencePart::Date, "evidence_date"),
        (EvidencePart::Confidence, "confidence"),
    ];
}

/// A valid XML (and XLSForm) name from an id: characters other than letters, digits, `_`, `.`
/// and `-` become `_`, and a name must start with a letter or `_`.
pub fn xml_name(id: &str) -> String {
    let mut out: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

/// The form's rows for `fw`: groups for the inner nodes below the root, named by their id
/// without the parent's prefix (`citizenship.legal_equality` in group `citizenship` is
/// `legal_equality`), so exports name the column `citizenship/legal_equality`. Names are unique
/// among siblings (a clash gets `_2`), as XForms need.
pub fn layout(fw: &Framework) -> Vec<Entry> {
    // The unit and date questions, and the `start` and `end` metadata `survey_sheet` adds.
    let mut used: Vec<String> = [UNIT, DATE, "start", "end"]
        .into_iter()
        .map(String::from)
        .collect();
    let mut out = vec![Entry::Unit, Entry::Date];
    for &child in fw.pillars() {
        walk(fw, child, &mut used, &mut out);
    }
    if !fw.context.is_empty() {
        let mut inside = Vec::new();
        out.push(Entry::BeginSigns {
            name: unique(SIGNS.into(), &mut used),
        });
        out.push(Entry::SignsNote {
            name: unique(format!("{SIGNS}_intro"), &mut inside),
        });
        for (item, c) in fw.context.iter().enumerate() {
            let name = unique(xml_name(&c.id), &mut inside);
            for (part, suffix) in [
                (SignPart::Status, ""),
                (SignPart::Date, "_date"),
                (SignPart::Note, "_note"),
            ] {
                let name = match part {
                    SignPart::Status => name.clone(),
                    _ => unique(format!("{name}{suffix}"), &mut inside),
                };
                out.push(Entry::Sign { name, item, part });
            }
        }
        out.push(Entry::End);
    }
    out
}

/// `name`, or `name_2`, `name_3` … when a sibling has it already.
fn unique(name: String, used: &mut Vec<String>) -> String {
    let mut candidate = name.clone();
    let mut k = 2;
    while used.contains(&candidate) {
        candidate = format!("{name}_{k}");
        k += 1;
    }
    used.push(candidate.clone());
    candidate
}

fn local_name(fw: &Framework, node: usize) -> String {
    let n = &fw.nodes[node];
    let id = n.id.as_str();
    let local = match n.parent {
        Some(p) if p != 0 => id
            .strip_prefix(fw.nodes[p].id.as_str())
            .and_then(|rest| rest.strip_prefix('.'))
            .filter(|rest| !rest.is_empty())
            .unwrap_or(id),
        _ => id,
    };
    xml_name(local)
}

fn walk(fw: &Framework, node: usize, used: &mut Vec<String>, out: &mut Vec<Entry>) {
    let name = unique(local_name(fw, node), used);
    match &fw.nodes[node].kind {
        Kind::Indicator(ind) => {
            let index = ind.index;
            out.push(Entry::Question {
                name: name.clone(),
                index,
            });
            for (part, suffix) in EvidencePart::ALL {
                out.push(Entry::Evidence {
                    name: unique(format!("{name}_{suffix}"), used),
                    index,
                    part,
                });
            }
        }
        Kind::Inner { children, .. } => {
            let mut inside = Vec::new();
            let note = unique(format!("{name}_intro"), &mut inside);
            out.push(Entry::Begin { name, node });
            out.push(Entry::Note { name: note, node });
            for &c in children {
                walk(fw, c, &mut inside, out);
            }
            out.push(Entry::End);
        }
    }
}

/// The framework's languages: its `languages`, else those of its title.
pub fn languages(fw: &Framework) -> Vec<String> {
    if fw.languages.is_empty() {
        fw.title.0.iter().map(|(l, _)| l.clone()).collect()
    } else {
        fw.languages.clone()
    }
}

/// `English (en)`: the language as XLSForm columns name it.
pub fn language_name(code: &str) -> String {
    let name = match code {
        "en" => "English",
        "fr" => "Français",
        "es" => "Español",
        "pt" => "Português",
        "ar" => "العربية",
        "sw" => "Kiswahili",
        "ru" => "Русский",
        "de" => "Deutsch",
        "it" => "Italiano",
        "zh" => "中文",
        "am" => "አማርኛ",
        "ha" => "Hausa",
        "so" => "Soomaali",
        "rw" => "Kinyarwanda",
        "ln" => "Lingála",
        "uk" => "Українська",
        "tr" => "Türkçe",
        "fa" => "فارسی",
        "ur" => "اردو",
        "hi" => "हिन्दी",
        "bn" => "বাংলা",
        "id" => "Bahasa Indonesia",
        "my" => "မြန်မာ",
        other => other,
    };
    format!("{name} ({code})")
}

/// Words of the form that the framework does not provide, in English and French; other
/// languages get the English.
fn words(key: &str, lang: &str) -> &'static str {
    let fr = lang == "fr" || lang.starts_with("fr-");
    match (key, fr) {
        ("unit", false) => "Unit assessed (country, region, county…)",
        ("unit", true) => "Unité évaluée (pays, région, comté…)",
        ("date", false) => "Date of the assessment",
        ("date", true) => "Date de l’évaluation",
        ("dk", false) => "Don't know",
        ("dk", true) => "Je ne sais pas",
        ("na", false) => "Not applicable",
        ("na", true) => "Sans objet",
        ("unsafe", false) => "Unsafe to ask",
        ("unsafe", true) => "Trop risqué de poser la question",
        ("decimal_hint", false) => "Leave blank if you don't know.",
        ("decimal_hint", true) => "Laisser vide si vous ne savez pas.",
        // The evidence behind a score.
        ("sources", false) => "sources",
        ("sources", true) => "sources",
        ("sources_hint", false) => "What the score rests on (optional).",
        ("sources_hint", true) => "Sur quoi repose la note (facultatif).",
        ("evidence_date", false) => "date of the evidence",
        ("evidence_date", true) => "date des éléments",
        ("confidence", false) => "confidence",
        ("confidence", true) => "degré de confiance",
        ("confidence_hint", false) => "How sure you are of the score: low confidence widens its uncertainty range.",
        ("confidence_hint", true) => "Votre degré de certitude : une confiance faible élargit l’intervalle d’incertitude.",
        ("interview", false) => "Interview",
        ("interview", true) => "Entretien",
        ("focus_group", false) => "Focus group",
        ("focus_group", true) => "Groupe de discussion",
        ("document", _) => "Document",
        ("media", false) => "Media",
        ("media", true) => "Médias",
        ("official_statistics", false) => "Official statistics",
        ("official_statistics", true) => "Statistiques officielles",
        ("observation", _) => "Observation",
        ("reference_data", false) => "Reference data",
        ("reference_data", true) => "Données de référence",
        ("low", false) => "Low",
        ("low", true) => "Faible",
        ("medium", false) => "Medium",
        ("medium", true) => "Moyenne",
        ("high", false) => "High",
        ("high", true) => "Élevée",
        // The warning signs and triggers.
        ("signs", false) => "Warning signs and triggers",
        ("signs", true) => "Signes avant-coureurs et éléments déclencheurs",
        ("signs_intro", false) => "For each warning sign or trigger: present, absent, or unknown if nobody could say. They do not change the scores; present while an alarm sounds or a pillar is weak, they raise the early-warning alert. When one is present, give its date and what was seen.",
        ("signs_intro", true) => "Pour chaque signe avant-coureur ou élément déclencheur : présent, absent, ou inconnu si personne ne peut le dire. Ils ne modifient pas les notes ; présents alors qu’une alerte sonne ou qu’un pilier est faible, ils déclenchent l’alerte précoce. S’il est présent, indiquer sa date et ce qui a été constaté.",
        ("sign", false) => "Warning sign.",
        ("sign", true) => "Signe avant-coureur.",
        ("trigger", false) => "Trigger.",
        ("trigger", true) => "Élément déclencheur.",
        ("present", false) => "Present",
        ("present", true) => "Présent",
        ("absent", _) => "Absent",
        ("unknown", false) => "Unknown",
        ("unknown", true) => "Inconnu",
        ("sign_date", false) => "date",
        ("sign_date", true) => "date",
        ("sign_date_hint", false) => "When it was seen, or when it is expected (an election).",
        ("sign_date_hint", true) => "Quand il a été constaté, ou quand il est attendu (une élection).",
        ("sign_note", false) => "what was seen",
        ("sign_note", true) => "ce qui a été constaté",
        _ => "",
    }
}

/// `Title: part` (`Titre : partie` in French): the label of a question about another one,
/// unique with it, so that exports with labels for headers name each column apart.
pub fn part_label(title: &str, part: &str, lang: &str) -> String {
    let fr = lang == "fr" || lang.starts_with("fr-");
    format!(
        "{title}{} {}",
        if fr { " :" } else { ":" },
        words(part, lang)
    )
}

/// The label in `lang` of a kind of source, a confidence or a sign's status (its name in the
/// engine: `focus_group`, `low`, `present` …).
pub fn choice_word(name: &str, lang: &str) -> &'static str {
    words(name, lang)
}

/// The word of an evidence part's question label.
pub fn evidence_word(part: EvidencePart) -> &'static str {
    match part {
        EvidencePart::Sources => "sources",
        EvidencePart::Date => "evidence_date",
        EvidencePart::Confidence => "confidence",
    }
}

/// The word of a sign part's question label (none for the status: the sign's title).
pub fn sign_word(part: SignPart) -> Option<&'static str> {
    match part {
        SignPart::Status => None,
        SignPart::Date => Some("sign_date"),
        SignPart::Note => Some("sign_note"),
    }
}

/// The signs group's label in `lang`.
pub fn signs_label(lang: &str) -> &'static str {
    words("signs", lang)
}

/// The unit question's label in `lang`.
pub fn unit_label(lang: &str) -> &'static str {
    words("unit", lang)
}

/// The date question's label in `lang`.
pub fn date_label(lang: &str) -> &'static str {
    words("date", lang)
}

/// The label in `lang` of the choice that gives `reason` instead of a score.
pub fn missing_label(reason: Missing, lang: &str) -> &'static str {
    words(reason.code(), lang)
}

/// A choice name for an anchor value: `2`, `2.5`.
pub fn value_name(v: f64) -> String {
    format!("{v}")
}

/// A choice's label: the anchor's value and text, `2 – Equality is guaranteed in law…`.
pub fn choice_label(v: f64, text: &str) -> String {
    format!("{} – {text}", value_name(v))
}

/// The name of indicator `index`'s choice list.
fn list_name(question: &str, index: usize) -> String {
    xml_name(&format!("s{index}_{question}"))
}

/// The XLSForm of `fw` as an .xlsx file.
pub fn xlsform(fw: &Framework) -> Vec<u8> {
    let langs = languages(fw);
    let entries = layout(fw);
    let mut wb = Workbook::new();
    wb.push(survey_sheet(fw, &langs, &entries));
    wb.push(choices_sheet(fw, &langs, &entries));
    wb.push(settings_sheet(fw, &langs));
    wb.to_bytes()
}

/// Texts by language, for one column group of a survey row.
type ByLang<'a> = &'a dyn Fn(&str) -> String;

/// One row of the survey sheet: type, name, labels, hints, guidance hints (each per language;
/// none: empty), required, constraint.
#[derive(Default)]
struct SurveyRow<'a> {
    ty: &'a str,
    name: &'a str,
    label: Option<ByLang<'a>>,
    hint: Option<ByLang<'a>>,
    guide: Option<ByLang<'a>>,
    required: bool,
    constraint: String,
    /// When the question is asked (an XPath expression; empty: always).
    relevant: String,
}

impl SurveyRow<'_> {
    fn write(&self, s: &mut Sheet, langs: &[String]) {
        let mut texts: Vec<String> = Vec::with_capacity(3 * langs.len());
        for part in [self.label, self.hint, self.guide] {
            texts.extend(langs.iter().map(|l| part.map(|f| f(l)).unwrap_or_default()));
        }
        let mut cells = vec![Cell::Text(self.ty), Cell::Text(self.name)];
        cells.extend(texts.iter().map(|t| Cell::Text(t)));
        cells.push(Cell::Text(if self.required { "yes" } else { "" }));
        cells.push(Cell::Text(&self.constraint));
        cells.push(Cell::Text(&self.relevant));
        s.row(&cells);
    }
}

fn survey_sheet(fw: &Framework, langs: &[String], entries: &[Entry]) -> Sheet {
    let mut s = Sheet::new("survey")
        .with_header()
        .with_widths(&[22.0, 24.0]);
    let per_lang = |field: &'static str| {
        langs
            .iter()
            .map(move |l| format!("{field}::{}", language_name(l)))
    };
    let mut header: Vec<String> = vec!["type".into(), "name".into()];
    header.extend(per_lang("label"));
    header.extend(per_lang("hint"));
    header.extend(per_lang("guidance_hint"));
    header.extend(["required".into(), "constraint".into(), "relevant".into()]);
    let header: Vec<Cell> = header.iter().map(|h| Cell::Text(h)).collect();
    s.row(&header);

    for ty in ["start", "end"] {
        SurveyRow {
            ty,
            name: ty,
            ..SurveyRow::default()
        }
        .write(&mut s, langs);
    }
    for e in entries {
        let title_of = |n: usize| move |l: &str| fw.nodes[n].title.get(l).to_string();
        match e {
            Entry::Unit => SurveyRow {
                ty: "text",
                name: UNIT,
                label: Some(&|l| unit_label(l).into()),
                required: true,
                ..SurveyRow::default()
            }
            .write(&mut s, langs),
            Entry::Date => SurveyRow {
                ty: "date",
                name: DATE,
                label: Some(&|l| date_label(l).into()),
                required: true,
                ..SurveyRow::default()
            }
            .write(&mut s, langs),
            Entry::Begin { name, node } => SurveyRow {
                ty: "begin_group",
                name,
                label: Some(&title_of(*node)),
                ..SurveyRow::default()
            }
            .write(&mut s, langs),
            Entry::End => SurveyRow {
                ty: "end_group",
                ..SurveyRow::default()
            }
            .write(&mut s, langs),
            Entry::Note { name, node } => {
                let n = &fw.nodes[*node];
                let text = n.description.as_ref().unwrap_or(&n.title);
                SurveyRow {
                    ty: "note",
                    name,
                    label: Some(&|l| text.get(l).to_string()),
                    ..SurveyRow::default()
                }
                .write(&mut s, langs)
            }
            Entry::Question { name, index } => question_row(fw, name, *index, &mut s, langs),
            Entry::Evidence { name, index, part } => {
                evidence_row(fw, entries, name, *index, *part, &mut s, langs)
            }
            Entry::BeginSigns { name } => SurveyRow {
                ty: "begin_group",
                name,
                label: Some(&|l| signs_label(l).into()),
                ..SurveyRow::default()
            }
            .write(&mut s, langs),
            Entry::SignsNote { name } => SurveyRow {
                ty: "note",
                name,
                label: Some(&|l| words("signs_intro", l).into()),
                ..SurveyRow::default()
            }
            .write(&mut s, langs),
            Entry::Sign { name, item, part } => {
                sign_row(fw, entries, name, *item, *part, &mut s, langs)
            }
        }
    }
    s
}

/// The name of the status question of sign `item`.
fn status_name(entries: &[Entry], item: usize) -> &str {
    entries
        .iter()
        .find_map(|e| match e {
            Entry::Sign {
                name,
                item: i,
                part: SignPart::Status,
            } if *i == item => Some(name.as_str()),
            _ => None,
        })
        .unwrap_or("")
}

/// The name of indicator `index`'s question.
fn question_name(entries: &[Entry], index: usize) -> &str {
    entries
        .iter()
        .find_map(|e| match e {
            Entry::Question { name, index: i } if *i == index => Some(name.as_str()),
            _ => None,
        })
        .unwrap_or("")
}

/// One question of an indicator's evidence, asked once the indicator has a score (not a reason
/// given instead). Relevance by a sibling path (`../name`): question names are unique only
/// within their group, which `${name}` would need across the form.
fn evidence_row(
    fw: &Framework,
    entries: &[Entry],
    name: &str,
    index: usize,
    part: EvidencePart,
    s: &mut Sheet,
    langs: &[String],
) {
    let node = fw.indicator(index).0;
    let q = question_name(entries, index);
    let mut relevant = format!("../{q} != ''");
    for (_, _, code) in Missing::ALL {
        relevant.push_str(&format!(" and ../{q} != '{code}'"));
    }
    let label_of = |l: &str| part_label(node.title.get(l), evidence_word(part), l);
    let ty = match part {
        EvidencePart::Sources => format!("select_multiple {SOURCES}"),
        EvidencePart::Date => "date".into(),
        EvidencePart::Confidence => format!("select_one {CONFIDENCE}"),
    };
    let hint_of = |l: &str| match part {
        EvidencePart::Sources => words("sources_hint", l).to_string(),
        EvidencePart::Date => String::new(),
        EvidencePart::Confidence => words("confidence_hint", l).to_string(),
    };
    SurveyRow {
        ty: &ty,
        name,
        label: Some(&label_of),
        hint: Some(&hint_of),
        relevant,
        ..SurveyRow::default()
    }
    .write(s, langs);
}

/// One question of a warning sign or trigger: its status (required: "unknown" is an answer,
/// a blank is not), then its date and note, asked when it is present.
fn sign_row(
    fw: &Framework,
    entries: &[Entry],
    name: &str,
    item: usize,
    part: SignPart,
    s: &mut Sheet,
    langs: &[String],
) {
    let c = &fw.context[item];
    let label_of = |l: &str| match sign_word(part) {
        None => c.title.get(l).to_string(),
        Some(w) => part_label(c.title.get(l), w, l),
    };
    let kind = match c.kind {
        ContextKind::Sign => "sign",
        ContextKind::Trigger => "trigger",
    };
    let hint_of = |l: &str| match part {
        SignPart::Status => {
            let mut h = words(kind, l).to_string();
            if let Some(g) = &c.guidance {
                h.push(' ');
                h.push_str(g.get(l));
            }
            h
        }
        SignPart::Date => words("sign_date_hint", l).to_string(),
        SignPart::Note => String::new(),
    };
    let (ty, relevant) = match part {
        SignPart::Status => (format!("select_one {STATUS}"), String::new()),
        SignPart::Date => (
            "date".to_string(),
            format!("../{} = 'present'", status_name(entries, item)),
        ),
        SignPart::Note => (
            "text".to_string(),
            format!("../{} = 'present'", status_name(entries, item)),
        ),
    };
    SurveyRow {
        ty: &ty,
        name,
        label: Some(&label_of),
        hint: Some(&hint_of),
        required: part == SignPart::Status,
        relevant,
        ..SurveyRow::default()
    }
    .write(s, langs);
}

/// An indicator's question: a select_one of its anchors (required), or a decimal within its
/// scale when it has no anchors. The question the assessor answers, else the definition, is
/// the hint; the definition is guidance when both exist.
fn question_row(fw: &Framework, name: &str, index: usize, s: &mut Sheet, langs: &[String]) {
    let (node, ind) = fw.indicator(index);
    let anchored = ind.scale.as_ref().is_some_and(|s| !s.anchors.is_empty());
    let (hint, guide) = match (&ind.guidance, &ind.definition) {
        (Some(g), d) => (Some(g), d.as_ref()),
        (None, Some(d)) => (Some(d), None),
        (None, None) => (None, None),
    };
    let hint_of = |l: &str| {
        let mut h = hint.map(|t| t.get(l).to_string()).unwrap_or_default();
        if !anchored {
            if !h.is_empty() {
                h.push(' ');
            }
            h.push_str(words("decimal_hint", l));
        }
        h
    };
    let guide_of = |l: &str| guide.map(|t| t.get(l).to_string()).unwrap_or_default();
    let label_of = |l: &str| node.title.get(l).to_string();
    let ty = if anchored {
        format!("select_one {}", list_name(name, index))
    } else {
        "decimal".into()
    };
    let constraint = match &ind.scale {
        Some(sc) if !anchored => format!(". >= {} and . <= {}", sc.min, sc.max),
        _ => String::new(),
    };
    SurveyRow {
        ty: &ty,
        name,
        label: Some(&label_of),
        hint: Some(&hint_of),
        guide: Some(&guide_of),
        required: anchored,
        constraint,
        ..SurveyRow::default()
    }
    .write(s, langs);
}

fn choices_sheet(fw: &Framework, langs: &[String], entries: &[Entry]) -> Sheet {
    let mut s = Sheet::new("choices").with_header();
    let labels: Vec<String> = langs
        .iter()
        .map(|l| format!("label::{}", language_name(l)))
        .collect();
    let mut header = vec![Cell::Text("list_name"), Cell::Text("name")];
    header.extend(labels.iter().map(|h| Cell::Text(h)));
    s.row(&header);
    for e in entries {
        let Entry::Question { name, index } = e else {
            continue;
        };
        let Some(scale) = &fw.indicator(*index).1.scale else {
            continue;
        };
        if scale.anchors.is_empty() {
            continue;
        }
        let list = list_name(name, *index);
        for a in &scale.anchors {
            let value = value_name(a.value);
            let texts: Vec<String> = langs
                .iter()
                .map(|l| choice_label(a.value, a.label.get(l)))
                .collect();
            let mut cells = vec![Cell::Text(&list), Cell::Text(&value)];
            cells.extend(texts.iter().map(|t| Cell::Text(t)));
            s.row(&cells);
        }
        for (reason, _, code) in Missing::ALL {
            let mut cells = vec![Cell::Text(&list), Cell::Text(code)];
            cells.extend(langs.iter().map(|l| Cell::Text(missing_label(reason, l))));
            s.row(&cells);
        }
    }
    let sources = Source::ALL.map(|(_, n)| n);
    let confidence = Confidence::ALL.map(|(_, n)| n);
    let status = Status::ALL.map(|(_, n)| n);
    let mut lists: Vec<(&str, &[&str])> = vec![(SOURCES, &sources), (CONFIDENCE, &confidence)];
    if !fw.context.is_empty() {
        lists.push((STATUS, &status));
    }
    for (list, names) in lists {
        for name in names {
            let mut cells = vec![Cell::Text(list), Cell::Text(name)];
            cells.extend(langs.iter().map(|l| Cell::Text(choice_word(name, l))));
            s.row(&cells);
        }
    }
    s
}

fn settings_sheet(fw: &Framework, langs: &[String]) -> Sheet {
    let mut s = Sheet::new("settings").with_header();
    let first = langs.first().map(String::as_str).unwrap_or("en");
    let default_language = language_name(first);
    let form_id = xml_name(&fw.id);
    s.row(
        &[
            "form_title",
            "form_id",
            "version",
            "default_language",
            "instance_name",
        ]
        .map(Cell::Text),
    );
    s.row(&[
        Cell::Text(fw.title.get(first)),
        Cell::Text(&form_id),
        Cell::Text(&fw.version),
        Cell::Text(&default_language),
        Cell::Text("concat(${unit}, ' ', ${date})"),
    ]);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use resilience::api::default_framework as fw;

    #[test]
    fn names_are_xml_names() {
        assert_eq!(
            xml_name("citizenship.legal_equality"),
            "citizenship.legal_equality"
        );
        assert_eq!(xml_name("1st"), "_1st");
        assert_eq!(xml_name("-x"), "_-x");
        assert_eq!(xml_name("a b"), "a_b");
    }

    #[test]
    fn layout_has_a_group_per_pillar_and_a_question_per_indicator() {
        let fw = fw();
        let l = layout(&fw);
        let groups = l
            .iter()
            .filter(|e| matches!(e, Entry::Begin { .. }))
            .count();
        let questions: Vec<&str> = l
            .iter()
            .filter_map(|e| match e {
                Entry::Question { name, .. } => Some(name.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(groups, 4);
        assert_eq!(questions.len(), 28);
        assert_eq!(questions[0], "legal_equality");
        assert!(matches!(&l[2], Entry::Begin { name, .. } if name == "citizenship"));
    }

    #[test]
    fn language_columns() {
        assert_eq!(language_name("en"), "English (en)");
        assert_eq!(language_name("fr"), "Français (fr)");
        assert_eq!(language_name("xx"), "xx (xx)");
    }
}
