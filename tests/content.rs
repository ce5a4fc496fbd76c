//! The default framework's content: the rules its questions give where an item asks two
//! things, the scope of re-scoped items, five anchors in every language, titles that do not
//! collide, the French of the field (francophone West and Central Africa), and the previous
//! version shipped for the assessments made under it.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;

const DEFAULT: &str = include_str!("../src/framework/default.json");
const PREVIOUS: &str = include_str!("../www/frameworks/resilience-default-1.1.0.json");
const EN: &str = include_str!("../www/i18n/en.json");
const FR: &str = include_str!("../www/i18n/fr.json");
const LANGS: [&str; 2] = ["en", "fr"];

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn pillars(fw: &Value) -> &Vec<Value> {
    fw["root"]["children"].as_array().unwrap()
}

fn indicators(fw: &Value) -> Vec<&Value> {
    pillars(fw)
        .iter()
        .flat_map(|p| p["children"].as_array().unwrap())
        .collect()
}

fn node<'a>(fw: &'a Value, id: &str) -> &'a Value {
    let all = pillars(fw).iter().chain(indicators(fw));
    all.into_iter().find(|n| n["id"] == id).unwrap()
}

/// `text[lang]`, which must be a non-empty string.
fn text<'a>(v: &'a Value, lang: &str) -> &'a str {
    let s = v[lang]
        .as_str()
        .unwrap_or_else(|| panic!("no {lang} text in {v}"));
    assert!(!s.trim().is_empty(), "empty {lang} text in {v}");
    s
}

fn anchor<'a>(fw: &'a Value, id: &str, k: usize, lang: &str) -> &'a str {
    text(&node(fw, id)["scale"]["anchors"][k]["label"], lang)
}

/// Asserts that `field` of `id` contains each of `en` in English and each of `fr` in French.
fn says(fw: &Value, id: &str, field: &str, en: &[&str], fr: &[&str]) {
    for (lang, parts) in [("en", en), ("fr", fr)] {
        let t = text(&node(fw, id)[field], lang);
        for part in parts {
            assert!(
                t.contains(part),
                "{id} {field} ({lang}) should say {part:?}: {t}"
            );
        }
    }
}

/// Every string value in a JSON tree, with its path.
fn strings<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((path, s)),
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                strings(x, format!("{path}[{i}]"), out);
            }
        }
        Value::Object(fields) => {
            for (k, x) in fields {
                strings(x, format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

fn all_strings(v: &Value) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    strings(v, "$".into(), &mut out);
    out
}

/// The French strings of a framework (the `fr` member of every text object).
fn french(fw: &Value) -> Vec<(String, &str)> {
    all_strings(fw)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".fr"))
        .collect()
}

#[test]
fn version_two_and_the_same_structure_as_the_previous_one() {
    let fw = parse(DEFAULT);
    let old = parse(PREVIOUS);
    assert_eq!(fw["id"], "resilience-default");
    // 2.0.0 changed anchor meanings (a major version); 2.1.0 added optional content that
    // scores nothing (the Framework of Analysis mapping, warning signs, measures).
    assert_eq!(fw["version"], "2.1.0");
    assert_eq!(old["id"], fw["id"]);
    assert_eq!(old["version"], "1.1.0");
    // Same pillars, the same 28 indicators under them, the same weights, scales and flags:
    // results under either version have the same shape.
    let shape = |fw: &Value| -> Vec<String> {
        pillars(fw)
            .iter()
            .chain(indicators(fw))
            .map(|n| {
                format!(
                    "{} {} {} {} {}",
                    n["id"], n["weight"], n["scale"]["min"], n["scale"]["max"], n["critical"]
                )
            })
            .collect()
    };
    assert_eq!(shape(&fw), shape(&old));
    assert_eq!(indicators(&fw).len(), 28);
    // The previous version is valid and is the one the engine shipped before.
    let read = resilience::api::framework(&resilience::api::parse_json(PREVIOUS).unwrap());
    assert!(read.is_ok(), "{:?}", read.err().map(|e| e.report()));
    assert!(!PREVIOUS.contains("Sanction des abus commis"));
    assert!(PREVIOUS.contains("Confiance dans la justice et la police"));
}

#[test]
fn every_indicator_has_five_anchors_in_every_language() {
    for fw in [parse(DEFAULT), parse(PREVIOUS)] {
        for i in indicators(&fw) {
            let anchors = i["scale"]["anchors"].as_array().unwrap();
            assert_eq!(anchors.len(), 5, "{}", i["id"]);
            for (k, a) in anchors.iter().enumerate() {
                assert_eq!(a["value"], k as u64, "{}", i["id"]);
                for lang in LANGS {
                    text(&a["label"], lang);
                }
            }
            for lang in LANGS {
                for field in ["title", "definition", "guidance"] {
                    text(&i[field], lang);
                }
            }
            // Neighbouring anchors never say the same thing.
            for lang in LANGS {
                for k in 1..5 {
                    assert_ne!(
                        text(&anchors[k - 1]["label"], lang),
                        text(&anchors[k]["label"], lang)
                    );
                }
            }
        }
    }
}

#[test]
fn titles_are_unique_per_language() {
    let fw = parse(DEFAULT);
    for lang in LANGS {
        let mut seen = std::collections::BTreeSet::new();
        let titles = std::iter::once(&fw["root"])
            .chain(pillars(&fw))
            .chain(indicators(&fw))
            .map(|n| text(&n["title"], lang).to_lowercase());
        for t in titles {
            assert!(
                seen.insert(t.clone()),
                "the title {t:?} ({lang}) is used twice"
            );
        }
    }
    // The justice pillar and its trust indicator no longer read alike in French.
    let pillar = text(&node(&fw, "justice")["title"], "fr");
    let trust = text(&node(&fw, "justice.public_trust")["title"], "fr");
    assert!(!trust.starts_with(pillar), "{trust:?} repeats {pillar:?}");
}

/// Words of a text, lower case (letters and digits; apostrophes and hyphens split words).
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn no_forbidden_words() {
    let fw = parse(DEFAULT);
    let en = parse(EN);
    let fr = parse(FR);
    // No file numbers of the reference documents, in any text users see.
    for (name, v) in [("framework", &fw), ("en.json", &en), ("fr.json", &fr)] {
        for (path, s) in all_strings(v) {
            assert!(!s.to_lowercase().contains("seed"), "{name} {path}: {s}");
        }
    }
    // French as it is spoken in the field: the UN's term, Ivorian, Senegalese, Malian… law's
    // "assistance judiciaire", one word for a step of the scale and one for a band.
    let mut fr_texts = french(&fw);
    fr_texts.extend(all_strings(&fr));
    for (path, s) in &fr_texts {
        let l = s.to_lowercase().replace('\'', "’");
        for bad in [
            "crimes d’atrocité",
            "aide juridictionnelle",
            "demi-cran",
            "indemnisé",
        ] {
            assert!(!l.contains(bad), "{path} says {bad:?}: {s}");
        }
        assert!(!words(s).iter().any(|w| w == "cran"), "{path}: {s}");
    }
    for (path, s) in all_strings(&fr) {
        let w = words(s);
        assert!(
            !w.iter().any(|w| w == "bande" || w == "bandes"),
            "fr.json {path}: a band is a « niveau »: {s}"
        );
        assert!(
            !s.contains("Resilience"),
            "fr.json {path}: « Résilience »: {s}"
        );
    }
    assert!(text(&fw["description"], "fr").contains("atrocités criminelles"));
    assert_eq!(fr["app.name"], "Résilience");
    assert_eq!(fr["analysis.likely"], "le plus probablement {band} ({pct})");
}

#[test]
fn items_that_asked_two_things_give_a_rule() {
    let fw = parse(DEFAULT);
    let lower = (
        "Rule: score the lower of the two parts",
        "Règle : retenir la plus basse des deux notes",
    );
    // Militias and the army in policing: the worse of the two, and only militias reach 0
    // (its bottom anchor is the alarm's reason, FoA risk indicator 7.5).
    says(
        &fw,
        "security.monopoly_of_force",
        "guidance",
        &[
            lower.0,
            "armed auxiliaries and the army’s role in policing",
            "only state-backed militias or paramilitaries put it at 0",
        ],
        &[
            lower.1,
            "supplétifs armés et rôle de l’armée dans le maintien de l’ordre",
            "seuls des milices ou des paramilitaires soutenus par l’État justifient la note 0",
        ],
    );
    // Pay and conduct: the worse of the two; pay alone never reaches 0.
    says(
        &fw,
        "security.pay_integrity",
        "guidance",
        &[
            lower.0,
            "pay (regular and sufficient) and conduct towards civilians",
            "pay problems alone can bring it down to 1, never to 0",
        ],
        &[
            lower.1,
            "solde (régulière et suffisante) et conduite envers les civils",
            "des problèmes de solde peuvent à eux seuls faire descendre la note à 1, jamais à 0",
        ],
    );
    // Merit and representativeness: the worse of the two.
    says(
        &fw,
        "security.merit_representation",
        "guidance",
        &[lower.0, "merit", "representativeness"],
        &[lower.1, "mérite", "représentativité"],
    );
    // Trust in courts only, scored for the group that trusts them least; the police are
    // read in the security pillar.
    says(
        &fw,
        "justice.public_trust",
        "guidance",
        &[
            "Rule: score the group that trusts the courts least, not the national average.",
            "The police and gendarmerie are not scored here but under “Accountability for abuses”",
        ],
        &[
            "Règle : noter le groupe qui fait le moins confiance aux tribunaux, et non la moyenne nationale.",
            "La police et la gendarmerie ne sont pas notées ici mais sous « Sanction des abus commis par les forces »",
        ],
    );
    says(
        &fw,
        "justice.public_trust",
        "definition",
        &["Trust in the police and gendarmerie is scored in the security pillar."],
        &["La confiance dans la police et la gendarmerie est notée dans le pilier sécurité."],
    );
    for lang in LANGS {
        let t = text(&node(&fw, "justice.public_trust")["title"], lang).to_lowercase();
        assert!(!t.contains("police"), "{t}");
        for k in 0..5 {
            let a = anchor(&fw, "justice.public_trust", k, lang).to_lowercase();
            assert!(!a.contains("police"), "anchor {k}: {a}");
        }
    }
    says(
        &fw,
        "security.accountability",
        "guidance",
        &["Trust in the police and gendarmerie is scored here, not in the justice pillar."],
        &["La confiance dans la police et la gendarmerie est notée ici, et non dans le pilier justice."],
    );
    says(
        &fw,
        "security",
        "description",
        &["trusted by people of every group"],
        &["ont la confiance des populations de tous les groupes"],
    );
    assert_eq!(
        text(&node(&fw, "security.accountability")["title"], "fr"),
        "Sanction des abus commis par les forces"
    );
}

#[test]
fn a_missing_mechanism_is_not_one_used_to_inflame() {
    let fw = parse(DEFAULT);
    let id = "citizenship.tension_mechanisms";
    says(
        &fw,
        id,
        "guidance",
        &["Rule: 0 is only for mechanisms that the authorities have captured or use to favour one side or inflame tensions; where no mechanism exists, score 1."],
        &["Règle : la note 0 est réservée aux mécanismes que les autorités ont accaparés ou utilisent pour favoriser un camp ou attiser les tensions ; en l’absence de tout mécanisme, noter 1."],
    );
    assert!(!anchor(&fw, id, 0, "en").contains("No such mechanism exists"));
    assert!(!anchor(&fw, id, 0, "fr").contains("Aucun mécanisme n’existe"));
    assert!(anchor(&fw, id, 0, "en").contains("inflame tensions"));
    assert!(anchor(&fw, id, 1, "en").starts_with("No such mechanism exists"));
    assert!(anchor(&fw, id, 1, "fr").starts_with("Aucun mécanisme n’existe"));
}

#[test]
fn civic_space_measures_assembly_only() {
    let fw = parse(DEFAULT);
    let id = "civil_society.civic_space";
    says(
        &fw,
        id,
        "guidance",
        &[
            "Scope: peaceful assembly only.",
            "The CIVICUS Monitor rating also weighs association and expression",
        ],
        &[
            "Champ : la seule réunion pacifique.",
            "La notation du CIVICUS Monitor tient aussi compte de l’association et de l’expression",
        ],
    );
    says(
        &fw,
        id,
        "definition",
        &["Organisations are scored under “Freedom from repression”, expression and the press under “Free and diverse media”."],
        &["Les organisations sont notées sous « Absence de répression des organisations », l’expression et la presse sous « Médias libres et pluralistes »."],
    );
    assert_eq!(
        text(&node(&fw, id)["title"], "en"),
        "Freedom of peaceful assembly"
    );
    assert_eq!(
        text(&node(&fw, id)["title"], "fr"),
        "Liberté de réunion pacifique"
    );
    // The indicators it points to measure what it leaves out.
    assert_eq!(
        text(
            &node(&fw, "civil_society.freedom_from_repression")["title"],
            "fr"
        ),
        "Absence de répression des organisations"
    );
    assert_eq!(
        text(&node(&fw, "civil_society.media")["title"], "en"),
        "Free and diverse media"
    );
}

#[test]
fn lawful_policing_by_a_gendarmerie_does_not_count_against_a_state() {
    let fw = parse(DEFAULT);
    let id = "security.monopoly_of_force";
    says(
        &fw,
        id,
        "guidance",
        &["Policing by a gendarmerie, or by another force with military status that the law charges with law enforcement, counts as policing, not as the army policing."],
        &["Le maintien de l’ordre assuré par la gendarmerie, ou par une autre force à statut militaire que la loi en charge, compte comme du maintien de l’ordre, et non comme une intervention de l’armée."],
    );
    says(
        &fw,
        id,
        "definition",
        &["such as a gendarmerie"],
        &["comme la gendarmerie"],
    );
    for k in 0..5 {
        let fr = anchor(&fw, id, k, "fr");
        assert!(
            !fr.contains("l’armée assure le maintien de l’ordre auprès de la population"),
            "{fr}"
        );
        assert!(!anchor(&fw, id, k, "en").contains("the military polices the population"));
    }
    // The bottom anchor is militias only: the alarm's reason.
    assert!(!anchor(&fw, id, 0, "en").contains("army"));
    assert!(anchor(&fw, id, 4, "en").contains("gendarmerie"));
    assert!(anchor(&fw, id, 4, "fr").contains("gendarmerie"));
    assert!(anchor(&fw, id, 1, "fr").contains("FDS"));
    says(
        &fw,
        "security",
        "description",
        &["defence and security forces", "gendarmerie"],
        &["forces de défense et de sécurité (FDS)", "gendarmerie"],
    );
}

#[test]
fn french_of_the_field() {
    let fw = parse(DEFAULT);
    assert!(anchor(&fw, "justice.past_abuses", 4, "fr").contains("ayant obtenu réparation"));
    says(
        &fw,
        "justice.access",
        "definition",
        &["legal aid"],
        &["assistance judiciaire"],
    );
    says(
        &fw,
        "justice.access",
        "guidance",
        &["legal aid"],
        &["assistance judiciaire"],
    );
    let ew = &node(&fw, "civil_society.early_warning")["title"];
    assert_eq!(text(ew, "fr"), "Réseaux d’alerte précoce et de réponse");
    assert_eq!(text(ew, "en"), "Early warning and response networks");
}

#[test]
fn top_anchors_say_what_is_enough_without_a_survey() {
    let fw = parse(DEFAULT);
    // The 4s that read as opinion (trust, acceptance, fairness as seen by all groups) say in
    // the question what evidence is enough without a survey.
    for id in [
        "citizenship.legal_equality",
        "citizenship.tension_mechanisms",
        "security.accountability",
        "justice.impartiality",
        "justice.past_abuses",
        "justice.public_trust",
    ] {
        says(
            &fw,
            id,
            "guidance",
            &["Without a survey"],
            &["Sans enquête d’opinion"],
        );
    }
    says(
        &fw,
        "citizenship.equitable_services",
        "guidance",
        &["Without such data, score 4 only if"],
        &["Sans données de ce type, ne noter 4 que si"],
    );
    says(
        &fw,
        "civil_society.early_warning",
        "guidance",
        &["Score 4 only if each alert of the past 12 months can be traced to a response."],
        &["Ne noter 4 que si chaque alerte des 12 derniers mois a reçu une réponse que l’on peut retracer."],
    );
    // No 4 rests on a word that only a survey could check.
    for i in indicators(&fw) {
        let four = text(&i["scale"]["anchors"][4]["label"], "en").to_lowercase();
        for vague in ["trusted by all", "widely trusted", "trust the process"] {
            assert!(!four.contains(vague), "{}: {four}", i["id"]);
        }
    }
}
