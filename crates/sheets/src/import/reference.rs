//! Published reference figures onto the framework's scale, so that a desk assessment can start
//! from them and be adjusted by the team. The publishers' own files are read as they publish
//! them, recognised by their headers (CSV in any encoding `text::decode` reads, or .xlsx):
//!
//! | file | recognised by | country | year |
//! | --- | --- | --- | --- |
//! | Fragile States Index yearly file (`fsi-2024.xlsx`) | `Country`, `Year`, `C1: Security Apparatus` … `X1: External Intervention` | `Country` | `Year` |
//! | WJP Rule of Law Index data file (historical data) | `Country`, `Country Code`, `Year`, `Factor N: …`, sub-factors `1.2 Limits by judiciary` … | `Country Code`, else `Country` | `Year` (`2012-2013`: the later) |
//! | V-Dem country-year file (`V-Dem-CY-Full+Others`) | `country_name`, `country_text_id`, `year`, variables `v2…` | `country_text_id`, else `country_name` | `year` |
//! | CIVICUS Monitor ratings | `Country`, `Rating` (open … closed) | `Country` (or a code column) | `Year` column, else `--year`, else a year in the file name |
//! | Positive Peace Index (IEP) | `Country`, a pillar column `Free Flow of Information` | `iso3c` / `ISO3`, else `Country` | `Year` |
//! | long format | `unit`, `date` (optional), `indicator`, `source`, `value`, `reference` (optional) | `unit` | `date` |
//!
//! Which framework indicator each published column feeds is the table [`FEEDS`], from the
//! framework specification's "drawn from" column (`shared/framework-spec.md`). Columns it does
//! not name are left aside and listed.
//!
//! Conversions onto 0–4 (higher = more resilient), as the specification gives them:
//!
//! | source           | figure                           | onto 0–4                      |
//! | ---------------- | -------------------------------- | ----------------------------- |
//! | `fsi`            | Fragile States Index, 0–10, higher = worse | 4 × (10 − x) / 10   |
//! | `wjp`            | WJP index, 0–1, higher = better  | 4 × x                         |
//! | `vdem`           | V-Dem index, 0–1, higher = better | 4 × x                        |
//! | `vdem_inverted`  | V-Dem index, 0–1, higher = worse (exclusion, corruption) | 4 × (1 − x) |
//! | V-Dem `_osp`/`_ord` | a raw indicator on its codebook's original scale 0–k, higher = better | 4 × x / k |
//! | `positive_peace` | Positive Peace, 1–5, lower = better | 5 − x                      |
//! | `civicus`        | CIVICUS Monitor rating           | closed 0, repressed 1, obstructed 2, narrowed 3, open 4 |
//! | `score`          | already on the indicator's own scale | as is                     |
//!
//! V-Dem's raw indicators are never read as indices: a variable is recognised by its name. The
//! `v2x…` indices (0–1) are converted by their rule; a raw indicator is read only on its
//! original scale (`v2clkill_osp`, or `_ord`) when [`VDEM_SCALES`] has its codebook scale; the
//! bare name (`v2clkill`, the measurement model's estimate, with no fixed range) and the raw
//! indicators without a scale here are refused by name.
//!
//! The 0–4 result is then placed on the indicator's own scale (the identity for 0–4 scales;
//! reversed for risk-framed indicators, where higher = worse).
//!
//! Countries are matched by ISO 3166-1 alpha-3 (`countries`): from the file's code column when
//! it has one, else by name. One country's figures of one year, from every file given, form one
//! assessment; several figures for one indicator become its respondents (combined like any
//! others, median by default), each recorded in the indicator's note. Names that match no
//! country are imported under their own name and listed in the report.

use super::countries::{self, Country};
use super::sheet;
use super::{date_of, parse_decimal, separator_name, Import, ImportReport, Issues, Mapped};
use resilience::assessment::{check_score, Assessment, Evidence, Source as EvidenceSource};
use resilience::csv::{place, unguard, Reader, Row};
use resilience::framework::{name_of, Direction, Framework};
use resilience::issue::Issue;
use resilience::value::quote;
use std::collections::HashMap;

/// A source of reference figures, with its conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Fsi,
    Wjp,
    VDem,
    VDemInverted,
    /// A V-Dem raw indicator on its original scale, 0 to this, higher = better.
    VDemOrdinal(u8),
    PositivePeace,
    Civicus,
    /// Already on the indicator's own scale.
    Score,
}

pub const SOURCES: &[(&str, Source)] = &[
    ("fsi", Source::Fsi),
    ("wjp", Source::Wjp),
    ("vdem", Source::VDem),
    ("vdem_inverted", Source::VDemInverted),
    ("positive_peace", Source::PositivePeace),
    ("civicus", Source::Civicus),
    ("score", Source::Score),
];

/// CIVICUS Monitor ratings, in English and French.
const CIVICUS: &[(&str, f64)] = &[
    ("closed", 0.0),
    ("repressed", 1.0),
    ("obstructed", 2.0),
    ("narrowed", 3.0),
    ("open", 4.0),
    ("fermé", 0.0),
    ("réprimé", 1.0),
    ("entravé", 2.0),
    ("rétréci", 3.0),
    ("ouvert", 4.0),
];

impl Source {
    /// Reads a source name: case, spaces and dashes do not matter (`V-Dem`, `Positive Peace`).
    pub fn parse(name: &str) -> Option<Source> {
        let key: String = name
            .trim()
            .chars()
            .filter(|c| *c != '-')
            .map(|c| {
                if c == ' ' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        let key = match key.as_str() {
            "vdem_exclusion" | "vdem_exclusion_index" | "vdeminverted" => "vdem_inverted",
            "positivepeace" | "ppi" | "positive_peace_index" => "positive_peace",
            "fragile_states_index" => "fsi",
            "civicus_monitor" => "civicus",
            "scale" | "own" => "score",
            k => k,
        };
        SOURCES.iter().find(|(n, _)| *n == key).map(|(_, s)| *s)
    }

    pub fn name(self) -> &'static str {
        match self {
            Source::VDemOrdinal(_) => "vdem",
            s => name_of(SOURCES, s),
        }
    }

    /// The publisher, as reports name it.
    pub fn publisher(self) -> &'static str {
        match self {
            Source::Fsi => "FSI",
            Source::Wjp => "WJP",
            Source::VDem | Source::VDemInverted | Source::VDemOrdinal(_) => "V-Dem",
            Source::PositivePeace => "Positive Peace",
            Source::Civicus => "CIVICUS",
            Source::Score => "own scale",
        }
    }

    /// The figure `raw` on 0–4 (for `Score`: unchanged, on the indicator's scale).
    pub fn convert(self, raw: &str, decimal_comma: bool) -> Result<f64, String> {
        let raw = raw.trim();
        if self == Source::Civicus {
            return CIVICUS
                .iter()
                .find(|(n, _)| n.to_lowercase() == raw.to_lowercase())
                .map(|(_, v)| *v)
                .ok_or_else(|| {
                    format!(
                        "{} is not a CIVICUS Monitor rating (closed, repressed, obstructed, \
                         narrowed, open)",
                        quote(raw)
                    )
                });
        }
        let x = parse_decimal(raw, decimal_comma)
            .ok_or_else(|| format!("{} is not a number", quote(raw)))?;
        let (lo, hi, what) = match self {
            Source::Fsi => (
                0.0,
                10.0,
                "a Fragile States Index indicator runs from 0 to 10".to_string(),
            ),
            Source::Wjp => (0.0, 1.0, "a WJP score runs from 0 to 1".into()),
            Source::VDem | Source::VDemInverted => (
                0.0,
                1.0,
                "a V-Dem index runs from 0 to 1 (V-Dem's raw indicators are read on their \
                 original scale, as v2…_osp)"
                    .into(),
            ),
            Source::VDemOrdinal(k) => (
                0.0,
                k as f64,
                format!("this V-Dem indicator's original scale runs from 0 to {k}"),
            ),
            Source::PositivePeace => (1.0, 5.0, "a Positive Peace score runs from 1 to 5".into()),
            Source::Civicus | Source::Score => (f64::MIN, f64::MAX, String::new()),
        };
        if x < lo || x > hi {
            return Err(format!("{x} is out of range: {what}"));
        }
        let y = match self {
            Source::Fsi => 4.0 * (10.0 - x) / 10.0,
            Source::Wjp | Source::VDem => 4.0 * x,
            Source::VDemInverted => 4.0 * (1.0 - x),
            Source::VDemOrdinal(k) => 4.0 * x / k as f64,
            Source::PositivePeace => 5.0 - x,
            Source::Civicus | Source::Score => x,
        };
        // Clean off floating-point noise: 4 × (10 − 7.2) / 10 is 1.12, not 1.1199999999999999.
        Ok((y * 1e9).round() / 1e9)
    }
}

/// A 0–4 figure placed on indicator `i`'s scale; risk-framed indicators are reversed.
pub fn onto_indicator(fw: &Framework, i: usize, r: f64) -> f64 {
    let ind = fw.indicator(i).1;
    let Some(s) = &ind.scale else {
        return r;
    };
    let share = r / 4.0;
    let v = match ind.direction {
        Direction::HigherIsBetter => s.min + share * (s.max - s.min),
        Direction::HigherIsWorse => s.max - share * (s.max - s.min),
    };
    (v * 1e9).round() / 1e9
}

/// The publishers' files this module reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Fsi,
    Wjp,
    VDem,
    Civicus,
    PositivePeace,
    Long,
}

impl Layout {
    /// The publisher, as notes name it.
    pub fn publisher(self) -> &'static str {
        match self {
            Layout::Fsi => "FSI",
            Layout::Wjp => "WJP",
            Layout::VDem => "V-Dem",
            Layout::Civicus => "CIVICUS Monitor",
            Layout::PositivePeace => "Positive Peace",
            Layout::Long => "",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Layout::Fsi => "Fragile States Index yearly file",
            Layout::Wjp => "WJP Rule of Law Index data file",
            Layout::VDem => "V-Dem country-year file",
            Layout::Civicus => "CIVICUS Monitor ratings",
            Layout::PositivePeace => "Positive Peace Index file",
            Layout::Long => "reference figures, one a row",
        }
    }
}

/// One published column feeding one indicator of the default framework: the framework
/// specification's "drawn from" mapping. `key` is how the column is found: the FSI
/// indicator's code (`C1`), the WJP sub-factor's number (`1.2`), the V-Dem variable (its
/// `_osp`/`_ord` forms too for raw indicators), the Positive Peace pillar, the CIVICUS rating.
pub struct Feed {
    pub layout: Layout,
    pub key: &'static str,
    pub indicator: &'static str,
}

/// Which indicator each published figure feeds (`shared/framework-spec.md`, "drawn from").
/// A table, one feed a line (rustfmt would break the longer ones over five).
#[rustfmt::skip]
pub const FEEDS: &[Feed] = &[
    // Fragile States Index: C1 Security Apparatus, C2 Factionalized Elites, C3 Group
    // Grievance, E2 Economic Inequality (0–10, higher = worse).
    feed(Layout::Fsi, "C1", "security.civilian_control"),
    feed(Layout::Fsi, "C1", "security.lawful_force"),
    feed(Layout::Fsi, "C2", "citizenship.elite_rhetoric"),
    feed(Layout::Fsi, "C2", "security.merit_representation"),
    feed(Layout::Fsi, "C3", "citizenship.equitable_services"),
    feed(Layout::Fsi, "E2", "citizenship.equitable_services"),
    // WJP Rule of Law Index sub-factors (0–1).
    feed(Layout::Wjp, "4.1", "citizenship.legal_equality"),
    feed(Layout::Wjp, "8.6", "security.accountability"),
    feed(Layout::Wjp, "1.2", "justice.independence"),
    feed(Layout::Wjp, "7.2", "justice.impartiality"),
    feed(Layout::Wjp, "8.4", "justice.impartiality"),
    feed(Layout::Wjp, "7.1", "justice.access"),
    feed(Layout::Wjp, "7.5", "justice.effectiveness"),
    feed(Layout::Wjp, "7.6", "justice.effectiveness"),
    feed(Layout::Wjp, "8.1", "justice.effectiveness"),
    feed(Layout::Wjp, "8.2", "justice.effectiveness"),
    // V-Dem: indices (0–1) and raw indicators on their original scale (VDEM_SCALES). The
    // specification also cites v2stcritapparm and v2strenarm, whose original scales are not in
    // VDEM_SCALES: a file's columns of them are refused by name, and the report says so.
    feed(Layout::VDem, "v2clsocgrp", "citizenship.legal_equality"),
    feed(Layout::VDem, "v2pepwrsoc", "citizenship.political_inclusion"),
    feed(Layout::VDem, "v2xpe_exlsocgr", "citizenship.political_inclusion"),
    feed(Layout::VDem, "v2clrgunev", "citizenship.even_rights"),
    feed(Layout::VDem, "v2stcritapparm", "security.merit_representation"),
    feed(Layout::VDem, "v2clkill", "security.lawful_force"),
    feed(Layout::VDem, "v2cltort", "security.lawful_force"),
    feed(Layout::VDem, "v2strenarm", "security.pay_integrity"),
    feed(Layout::VDem, "v2juhcind", "justice.independence"),
    feed(Layout::VDem, "v2juncind", "justice.independence"),
    feed(Layout::VDem, "v2clacjstm", "justice.access"),
    feed(Layout::VDem, "v2clacjstw", "justice.access"),
    feed(Layout::VDem, "v2xcl_acjst", "justice.access"),
    feed(Layout::VDem, "v2jucomp", "justice.compliance"),
    feed(Layout::VDem, "v2csreprss", "civil_society.freedom_from_repression"),
    feed(Layout::VDem, "v2cseeorgs", "civil_society.freedom_from_repression"),
    feed(Layout::VDem, "v2cscnsult", "civil_society.policy_influence"),
    // CIVICUS Monitor rating; Positive Peace pillar (1–5, lower = better).
    feed(Layout::Civicus, "rating", "civil_society.civic_space"),
    feed(Layout::PositivePeace, "free flow of information", "civil_society.media"),
];

const fn feed(layout: Layout, key: &'static str, indicator: &'static str) -> Feed {
    Feed {
        layout,
        key,
        indicator,
    }
}

/// V-Dem raw indicators whose original scale (`_osp`, `_ord`) the codebook gives as 0 to k,
/// higher = better; k here. Raw indicators not listed are refused.
pub const VDEM_SCALES: &[(&str, u8)] = &[
    ("v2clsocgrp", 4), // Social group equality in respect for civil liberties
    ("v2pepwrsoc", 4), // Power distributed by social group
    ("v2clrgunev", 2), // Subnational civil liberties unevenness
    ("v2clkill", 4),   // Freedom from political killings
    ("v2cltort", 4),   // Freedom from torture
    ("v2juhcind", 4),  // High court independence
    ("v2juncind", 4),  // Lower court independence
    ("v2clacjstm", 4), // Access to justice for men
    ("v2clacjstw", 4), // Access to justice for women
    ("v2jucomp", 4),   // Compliance with judiciary
    ("v2csreprss", 4), // CSO repression
    ("v2cseeorgs", 4), // CSO entry and exit
    ("v2cscnsult", 2), // CSO consultation
];

/// What a V-Dem variable's name says about its values.
#[derive(Debug, Clone, PartialEq)]
pub enum VDemVar {
    /// Read with this conversion; the variable's base name (without `_osp`/`_ord`).
    Read(Source, String),
    /// Not read, with why.
    Refused(String),
    /// Not a figure (bounds, standard deviations, counts, codes).
    NotAFigure,
}

/// Classifies a V-Dem variable by its name.
pub fn vdem_variable(name: &str) -> VDemVar {
    let name = name.trim();
    for suffix in [
        "_codelow",
        "_codehigh",
        "_sd",
        "_nr",
        "_mean",
        "_3C",
        "_4C",
        "_5C",
    ] {
        if name.ends_with(suffix) {
            return VDemVar::NotAFigure;
        }
    }
    if name.starts_with("v2x") || name.starts_with("v3x") {
        // Indices, 0–1. Exclusion and corruption indices run the other way.
        let inverted = name.starts_with("v2xpe_exl")
            || matches!(
                name,
                "v2x_corr" | "v2x_pubcorr" | "v2x_execorr" | "v2xnp_client" | "v2xnp_regcorr"
            );
        let source = if inverted {
            Source::VDemInverted
        } else {
            Source::VDem
        };
        return VDemVar::Read(source, name.to_string());
    }
    let (base, original) = match name
        .strip_suffix("_osp")
        .or_else(|| name.strip_suffix("_ord"))
    {
        Some(b) => (b, true),
        None => (name, false),
    };
    let scale = VDEM_SCALES
        .iter()
        .find(|(n, _)| *n == base)
        .map(|(_, k)| *k);
    match (original, scale) {
        (true, Some(k)) => VDemVar::Read(Source::VDemOrdinal(k), base.to_string()),
        (false, Some(_)) => VDemVar::Refused(format!(
            "{} is V-Dem's measurement-model estimate, which has no fixed range, not an index; \
             it is not read: use {base}_osp (its original scale)",
            quote(name)
        )),
        _ => VDemVar::Refused(format!(
            "{} is a raw V-Dem indicator whose codebook scale this import does not have; it is \
             not read (V-Dem's v2x… indices and the raw indicators on their original scale, \
             as {}, are)",
            quote(name),
            VDEM_SCALES
                .iter()
                .map(|(n, _)| format!("{n}_osp"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// How to read reference files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReferenceOptions {
    /// The year of figures in a file without a year column (CIVICUS Monitor ratings); without
    /// it, a year in the file's name (`civicus-2024.csv`).
    pub year: Option<String>,
}

/// One file to import: its name (for the report; may be empty) and its bytes.
pub struct RefFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// Reads reference figures in one CSV text (the long format or a publisher's file).
pub fn read_reference(text: &str, fw: &Framework) -> Result<Import, Vec<Issue>> {
    read_files(
        &[RefFile {
            name: "",
            bytes: text.as_bytes(),
        }],
        fw,
        &ReferenceOptions::default(),
    )
}

/// The assessments being built, by country (or unit) and year.
struct Builder<'f> {
    fw: &'f Framework,
    batch: Vec<Assessment>,
    figures: Vec<Vec<Vec<f64>>>,
    notes: Vec<Vec<Vec<String>>>,
    index: HashMap<String, usize>,
    report: ImportReport,
    issues: Issues,
    /// Names matched to no country (listed once).
    unmatched: Vec<String>,
    /// Reasons rows were left out, with their counts.
    left_out: Vec<(String, usize)>,
}

/// A unit: a country (code and shown name) or a name matched to none.
struct Unit {
    key: String,
    name: String,
}

impl<'f> Builder<'f> {
    fn unit(&mut self, code: Option<&str>, name: &str) -> Option<Unit> {
        let country: Option<Country> = code
            .and_then(countries::by_code)
            .or_else(|| countries::by_name(name));
        match country {
            Some(c) => {
                let label = format!("{} ({})", c.name, c.code);
                if !self.report.countries.contains(&label) {
                    self.report.countries.push(label);
                }
                Some(Unit {
                    key: c.code.to_string(),
                    name: c.name.to_string(),
                })
            }
            None if name.is_empty() => None,
            None => {
                if !self.unmatched.iter().any(|n| n == name) {
                    self.unmatched.push(name.to_string());
                }
                Some(Unit {
                    key: format!("name:{}", countries::fold(name)),
                    name: name.to_string(),
                })
            }
        }
    }

    /// The next data row of `reader` (counted), its number; a row of the wrong width is counted,
    /// named and left out; `None` at the end, or where the file breaks (named).
    fn next_row(
        &mut self,
        reader: &mut Reader<'_>,
        width: usize,
        prefix: &dyn Fn(String) -> String,
    ) -> Option<usize> {
        loop {
            match reader.next_row(width) {
                Row::End => return None,
                Row::Broken(e) => {
                    self.issues.push(
                        prefix(format!("row {}", e.row)),
                        format!("{}; the rest of the file is not read", e.message),
                    );
                    return None;
                }
                Row::WrongWidth { row, cells } => {
                    self.report.rows += 1;
                    self.leave_out("a row of the wrong width");
                    self.issues.push(
                        prefix(format!("row {row}")),
                        format!(
                            "{cells} cells, but the header has {width} columns; the row is left out"
                        ),
                    );
                }
                Row::Data(row) => {
                    self.report.rows += 1;
                    return Some(row);
                }
            }
        }
    }

    fn leave_out(&mut self, reason: &str) {
        match self.left_out.iter_mut().find(|(r, _)| r == reason) {
            Some((_, n)) => *n += 1,
            None => self.left_out.push((reason.to_string(), 1)),
        }
    }

    /// Adds figure `x` (on the indicator's scale) for `unit` and `date` to indicator `i`.
    fn add(&mut self, unit: &Unit, date: Option<&str>, i: usize, x: f64, note: String) {
        let key = format!("{}\u{1f}{}", unit.key, date.unwrap_or(""));
        let n = self.fw.indicators.len();
        let k = match self.index.get(&key) {
            Some(&k) => k,
            None => {
                let k = self.batch.len();
                let id = match date {
                    Some(d) => format!("{} / {d}", unit.name),
                    None => unit.name.clone(),
                };
                let mut a = Assessment::new(id, n);
                a.unit = Some(unit.name.clone());
                a.date = date.map(String::from);
                self.batch.push(a);
                self.figures.push(vec![Vec::new(); n]);
                self.notes.push(vec![Vec::new(); n]);
                self.index.insert(key, k);
                k
            }
        };
        self.figures[k][i].push(x);
        self.notes[k][i].push(note);
    }

    fn mapped(&mut self, column: &str, i: usize) {
        let id = &self.fw.indicator(i).0.id;
        if !self
            .report
            .mapped
            .iter()
            .any(|m| m.column == column && &m.indicator == id)
        {
            self.report.mapped.push(Mapped {
                column: column.to_string(),
                indicator: id.clone(),
            });
        }
        if !self.report.indicators.contains(id) {
            self.report.indicators.push(id.clone());
        }
    }

    fn source(&mut self, s: Source) {
        let p = s.publisher().to_string();
        if !self.report.sources.contains(&p) {
            self.report.sources.push(p);
        }
    }
}

/// Reads reference files (see the module's documentation): every file's figures together, one
/// assessment per country (or unit) and year. Errors when a file cannot be read at all, is not
/// a layout this reads, or when nothing could be imported.
pub fn read_files(
    files: &[RefFile<'_>],
    fw: &Framework,
    options: &ReferenceOptions,
) -> Result<Import, Vec<Issue>> {
    let mut b = Builder {
        fw,
        batch: Vec::new(),
        figures: Vec::new(),
        notes: Vec::new(),
        index: HashMap::new(),
        report: ImportReport {
            kind: "reference".into(),
            ..ImportReport::default()
        },
        issues: Issues::default(),
        unmatched: Vec::new(),
        left_out: Vec::new(),
    };
    let mut errors = Vec::new();
    let many = files.len() > 1;
    for f in files {
        let prefix = |path: String| {
            if many && !f.name.is_empty() {
                format!("{}: {path}", f.name)
            } else {
                path
            }
        };
        if let Err(e) = read_file(&mut b, f, options, &prefix) {
            errors.extend(e.into_iter().map(|i| Issue::new(prefix(i.path), i.message)));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let Builder {
        mut batch,
        figures,
        notes,
        mut report,
        issues,
        unmatched,
        left_out,
        ..
    } = b;
    for ((a, figs), texts) in batch.iter_mut().zip(figures).zip(notes) {
        // What each score rests on: published figures, of the year they describe.
        let year = a.date.as_deref().and_then(|d| d.get(..4)).map(String::from);
        for (i, f) in figs.into_iter().enumerate() {
            if !f.is_empty() {
                let mut e = Evidence::new(i);
                e.sources.insert(EvidenceSource::ReferenceData);
                e.date = year.clone();
                a.evidence.push(e);
            }
            a.push_scores(i, f);
        }
        for (i, t) in texts.into_iter().enumerate() {
            if !t.is_empty() {
                a.notes.push((fw.indicator(i).0.id.clone(), t.join("; ")));
            }
        }
    }
    for name in &unmatched {
        report.unmatched.push(name.clone());
    }
    report.left_out = left_out
        .into_iter()
        .map(|(reason, rows)| super::LeftOut { reason, rows })
        .collect();
    if batch.is_empty() {
        let mut all = issues.finish();
        all.push(Issue::new(
            "file",
            "no figure could be imported (every problem is listed above)",
        ));
        return Err(all);
    }
    report.groups = batch.len();
    report.issues = issues.finish();
    Ok(Import {
        assessments: batch,
        report,
    })
}

fn read_file(
    b: &mut Builder<'_>,
    f: &RefFile<'_>,
    options: &ReferenceOptions,
    prefix: &dyn Fn(String) -> String,
) -> Result<(), Vec<Issue>> {
    let opened = sheet::open(f.bytes).map_err(|e| vec![e])?;
    let text = opened.text.as_ref();
    let (mut reader, header) = Reader::open(text).map_err(|e| vec![e])?;
    let sep = reader.separator;
    let xlsx = opened.encoding.is_none();
    let decimal_comma = sep == b';';
    let Some(layout) = layout_of(&header) else {
        return Err(vec![Issue::new(
            "row 1",
            format!(
                "not a file this import reads: expected the Fragile States Index yearly file \
                 (Country, Year, C1: Security Apparatus …), the WJP Rule of Law Index data file \
                 (Country, Country Code, Year, sub-factors 1.1 …), a V-Dem country-year file \
                 (country_name, country_text_id, year, variables), CIVICUS Monitor ratings \
                 (Country, Rating), the Positive Peace Index (Country, Free Flow of Information …) \
                 or figures one a row (unit, date, indicator, source, value, reference); the \
                 columns are: {}",
                header
                    .iter()
                    .map(|h| quote(h))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )]);
    };
    let format = if xlsx {
        opened.format.clone()
    } else {
        format!("{}, separator {}", opened.format, separator_name(sep))
    };
    if b.report.format.is_empty() {
        b.report.format = format.clone();
        b.report.encoding = opened
            .encoding
            .map(|e| e.name().to_string())
            .unwrap_or_default();
        b.report.separator = if xlsx {
            String::new()
        } else {
            separator_name(sep)
        };
        b.report.decimal_comma = decimal_comma;
    }
    if b.report.columns.is_empty() {
        b.report.columns = header.clone();
    }
    let rows_before = b.report.rows;
    if layout == Layout::Long {
        read_long(b, &mut reader, &header, decimal_comma, prefix)?;
    } else {
        let year = options.year.clone().or_else(|| year_in(f.name));
        read_wide(b, layout, &mut reader, &header, decimal_comma, year, prefix)?;
    }
    b.report.files.push(super::FileReport {
        name: f.name.to_string(),
        layout: layout.title().to_string(),
        format,
        rows: b.report.rows - rows_before,
    });
    Ok(())
}

/// A year in a file name: `civicus-monitor-2024.csv` → 2024.
fn year_in(name: &str) -> Option<String> {
    let b = name.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|k| {
        let w = &b[k..k + 4];
        let edge = |i: Option<&u8>| i.is_none_or(|c| !c.is_ascii_digit());
        (w.iter().all(u8::is_ascii_digit)
            && (w.starts_with(b"19") || w.starts_with(b"20"))
            && edge(k.checked_sub(1).and_then(|p| b.get(p)))
            && edge(b.get(k + 4)))
        .then(|| name[k..k + 4].to_string())
    })
}

/// A header name folded for recognising columns: lower case, trimmed, spaces collapsed.
fn norm(h: &str) -> String {
    h.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The FSI indicator code a header starts with (`C1: Security Apparatus` → `C1`).
fn fsi_code(h: &str) -> Option<&'static str> {
    const CODES: [&str; 12] = [
        "C1", "C2", "C3", "E1", "E2", "E3", "P1", "P2", "P3", "S1", "S2", "X1",
    ];
    let h = h.trim();
    CODES.into_iter().find(|c| {
        h.len() >= 2
            && h[..2].eq_ignore_ascii_case(c)
            && matches!(h.as_bytes().get(2), None | Some(b':' | b' ' | b'.' | b'-'))
    })
}

/// The WJP sub-factor a header starts with (`1.2 Limits by judiciary` → `1.2`).
fn wjp_subfactor(h: &str) -> Option<&str> {
    let h = h.trim();
    let b = h.as_bytes();
    (b.len() >= 3
        && b[0].is_ascii_digit()
        && b[1] == b'.'
        && b[2].is_ascii_digit()
        && b.get(3).is_none_or(|c| !c.is_ascii_digit()))
    .then(|| &h[..3])
}

fn layout_of(header: &[String]) -> Option<Layout> {
    let names: Vec<String> = header.iter().map(|h| norm(h)).collect();
    let has = |n: &str| names.iter().any(|h| h == n);
    if has("unit") && has("indicator") && has("source") && has("value") {
        return Some(Layout::Long);
    }
    if has("country_name") || has("country_text_id") {
        return Some(Layout::VDem);
    }
    let country = has("country") || has("country name") || has("pays");
    if !country {
        return None;
    }
    if header.iter().filter(|h| fsi_code(h).is_some()).count() >= 3 {
        return Some(Layout::Fsi);
    }
    if header.iter().any(|h| wjp_subfactor(h).is_some())
        || names.iter().any(|h| h.starts_with("factor "))
    {
        return Some(Layout::Wjp);
    }
    if names.iter().any(|h| h.contains("free flow of information")) {
        return Some(Layout::PositivePeace);
    }
    if names
        .iter()
        .any(|h| h.contains("rating") || h == "notation")
    {
        return Some(Layout::Civicus);
    }
    None
}

/// A published column read into an indicator.
struct Read {
    column: usize,
    indicator: usize,
    source: Source,
    /// The column, as the note names it after the publisher and year.
    label: String,
}

/// A publisher's file, one country a row and one column a figure.
fn read_wide(
    b: &mut Builder<'_>,
    layout: Layout,
    reader: &mut Reader<'_>,
    header: &[String],
    decimal_comma: bool,
    year: Option<String>,
    prefix: &dyn Fn(String) -> String,
) -> Result<(), Vec<Issue>> {
    let fw = b.fw;
    let (country_col, code_col, year_col) = identity_columns(layout, header);
    let Some(country_col) = country_col.or(code_col) else {
        return Err(vec![Issue::new("row 1", "no country column")]);
    };
    let mut used = vec![false; header.len()];
    for c in [Some(country_col), code_col, year_col]
        .into_iter()
        .flatten()
    {
        used[c] = true;
    }
    let reads = figure_columns(b, layout, header, &mut used, prefix);
    for (c, h) in header.iter().enumerate() {
        if !used[c] && !b.report.ignored.contains(h) {
            b.report.ignored.push(h.clone());
        }
    }
    for r in &reads {
        b.mapped(&header[r.column].clone(), r.indicator);
        b.source(r.source);
    }
    if reads.is_empty() {
        return Err(vec![Issue::new(
            "row 1",
            format!(
                "this {} has no column that feeds an indicator of framework {} {}",
                layout.title(),
                quote(&fw.id),
                fw.version
            ),
        )]);
    }
    while let Some(row) = b.next_row(reader, header.len(), prefix) {
        let name = unguard(reader.field(country_col).trim()).to_string();
        let code = code_col.map(|c| reader.field(c).trim().to_string());
        let Some(unit) = b.unit(code.as_deref(), &name) else {
            b.leave_out("no country");
            b.issues.push(
                prefix(place(row, &header[country_col])),
                "is empty; the row is left out",
            );
            continue;
        };
        let date = match year_col {
            Some(c) => match date_of(year_cell(reader.field(c).trim()), decimal_comma) {
                Ok(d) => Some(d.into_owned()),
                Err(msg) => {
                    b.leave_out("no valid year");
                    b.issues.push(
                        prefix(place(row, &header[c])),
                        format!("{msg}; the row is left out"),
                    );
                    continue;
                }
            },
            None => year.clone(),
        };
        for r in &reads {
            let raw = unguard(reader.field(r.column).trim());
            if raw.is_empty() || matches!(raw, "NA" | "N/A" | "n/a" | ".." | "-" | "—") {
                continue;
            }
            let at = || place(row, &header[r.column]);
            let Some(x) = wide_figure(b, r, raw, decimal_comma, &at, prefix) else {
                continue;
            };
            let year_text = date.as_deref().map(|d| format!(" {d}")).unwrap_or_default();
            let note = format!(
                "{}{year_text} {}: {raw} ({}) → {x}",
                layout.publisher(),
                r.label,
                r.source.name()
            );
            b.add(&unit, date.as_deref(), r.indicator, x, note);
        }
    }
    Ok(())
}

/// The columns of the country's name, its code and the year.
fn identity_columns(
    layout: Layout,
    header: &[String],
) -> (Option<usize>, Option<usize>, Option<usize>) {
    let names: Vec<String> = header.iter().map(|h| norm(h)).collect();
    let find = |cands: &[&str]| names.iter().position(|h| cands.contains(&h.as_str()));
    match layout {
        Layout::VDem => (
            find(&["country_name"]),
            find(&["country_text_id"]),
            find(&["year"]),
        ),
        _ => (
            find(&["country", "country name", "pays"]),
            find(&[
                "country code",
                "code",
                "iso3",
                "iso3c",
                "iso",
                "iso code",
                "iso_code",
                "country_code",
            ]),
            find(&["year", "année", "annee", "edition"]),
        ),
    }
}

/// A year cell as a year: WJP's early editions span two years ("2012-2013": the later), a
/// workbook may hold years as numbers ("2024.0") or as dates shown as years.
fn year_cell(cell: &str) -> &str {
    let cell = match cell.as_bytes() {
        [_, _, _, _, b'-', _, _, _, _] if cell.is_ascii() => &cell[5..],
        _ => cell,
    };
    let cell = cell.strip_suffix(".0").unwrap_or(cell);
    match cell.as_bytes() {
        [_, _, _, _, b'-', ..] if cell.len() >= 7 && cell.is_ascii() => &cell[..4],
        _ => cell,
    }
}

/// The columns not `used` yet that feed indicators (marked used): a publisher's column feeds
/// the indicators the framework specification maps it to.
fn figure_columns(
    b: &mut Builder<'_>,
    layout: Layout,
    header: &[String],
    used: &mut [bool],
    prefix: &dyn Fn(String) -> String,
) -> Vec<Read> {
    let fw = b.fw;
    let mut reads: Vec<Read> = Vec::new();
    for c in 0..header.len() {
        if used[c] {
            continue;
        }
        if layout == Layout::VDem {
            vdem_column(b, header, c, used, &mut reads, prefix);
            continue;
        }
        let Some((source, key)) = publisher_column(layout, &header[c]) else {
            continue;
        };
        for f in FEEDS.iter().filter(|f| f.layout == layout && f.key == key) {
            if let Some(i) = fw.indicator_index(f.indicator) {
                used[c] = true;
                reads.push(Read {
                    column: c,
                    indicator: i,
                    source,
                    label: header[c].trim().to_string(),
                });
            }
        }
    }
    reads
}

/// The source and the key in `FEEDS` of a publisher's column (FSI, WJP, Positive Peace,
/// CIVICUS), if it is a figure.
fn publisher_column(layout: Layout, header: &str) -> Option<(Source, &'static str)> {
    let h = header.trim();
    let name = norm(h);
    match layout {
        Layout::Fsi => fsi_code(h).map(|k| (Source::Fsi, k)),
        Layout::Wjp => wjp_subfactor(h).map(|k| {
            let key = FEEDS
                .iter()
                .find(|f| f.layout == Layout::Wjp && f.key == k)
                .map_or("", |f| f.key);
            (Source::Wjp, key)
        }),
        Layout::PositivePeace => name
            .contains("free flow of information")
            .then_some((Source::PositivePeace, "free flow of information")),
        Layout::Civicus => {
            (name.contains("rating") || name == "notation").then_some((Source::Civicus, "rating"))
        }
        Layout::VDem | Layout::Long => None,
    }
}

/// A V-Dem column: an index or a raw indicator on its original scale that feeds indicators is
/// read; one V-Dem publishes in a form that cannot be read (named); the ordinal version of a
/// variable also given on its original scale is left aside (one reading).
fn vdem_column(
    b: &mut Builder<'_>,
    header: &[String],
    c: usize,
    used: &mut [bool],
    reads: &mut Vec<Read>,
    prefix: &dyn Fn(String) -> String,
) {
    let h = header[c].trim();
    let base = h
        .strip_suffix("_osp")
        .or_else(|| h.strip_suffix("_ord"))
        .unwrap_or(h);
    let fed: Vec<&Feed> = FEEDS
        .iter()
        .filter(|f| f.layout == Layout::VDem && f.key == base)
        .collect();
    let osp = format!("{base}_osp");
    if fed.is_empty() || (h.ends_with("_ord") && header.iter().any(|x| x.trim() == osp)) {
        return;
    }
    match vdem_variable(h) {
        VDemVar::Read(source, _) => {
            for f in fed {
                if let Some(i) = b.fw.indicator_index(f.indicator) {
                    used[c] = true;
                    reads.push(Read {
                        column: c,
                        indicator: i,
                        source,
                        label: h.to_string(),
                    });
                }
            }
        }
        VDemVar::Refused(why) => {
            used[c] = true;
            b.issues.push(prefix(place(1, h)), why);
        }
        VDemVar::NotAFigure => {}
    }
}

/// A published figure `raw` onto its indicator's scale, or `None` (named) when it is not a
/// figure of its source or falls outside the scale.
fn wide_figure(
    b: &mut Builder<'_>,
    r: &Read,
    raw: &str,
    decimal_comma: bool,
    at: &dyn Fn() -> String,
    prefix: &dyn Fn(String) -> String,
) -> Option<f64> {
    let value = match r.source.convert(raw, decimal_comma) {
        Ok(v) => onto_indicator(b.fw, r.indicator, v),
        Err(msg) => {
            if !b.issues.full() {
                b.issues.push(prefix(at()), format!("{msg}; left out"));
            } else {
                b.issues.count();
            }
            return None;
        }
    };
    let mut found = Vec::new();
    let x = check_score(b.fw, r.indicator, value, at, &mut found);
    for f in found {
        b.issues.push(prefix(f.path), f.message);
    }
    x
}

enum Column {
    Unit,
    Date,
    Indicator,
    Source,
    Value,
    Reference,
    Ignored,
}

/// The long format: one figure a row.
fn read_long(
    b: &mut Builder<'_>,
    reader: &mut Reader<'_>,
    header: &[String],
    decimal_comma: bool,
    prefix: &dyn Fn(String) -> String,
) -> Result<(), Vec<Issue>> {
    let fw = b.fw;
    let columns = long_columns(b, header);
    let name = |want: fn(&Column) -> bool| {
        columns
            .iter()
            .position(want)
            .map(|c| header[c].as_str())
            .unwrap_or("")
    };
    while let Some(row) = b.next_row(reader, columns.len(), prefix) {
        let mut f = LongRow::default();
        for (c, col) in columns.iter().enumerate() {
            let cell = unguard(reader.field(c).trim());
            match col {
                Column::Unit => f.unit = cell,
                Column::Date => f.date = cell,
                Column::Indicator => f.indicator = cell,
                Column::Source => f.source = cell,
                Column::Value => f.value = cell,
                Column::Reference => f.reference = cell,
                Column::Ignored => {}
            }
        }
        let at = |want: fn(&Column) -> bool| prefix(place(row, name(want)));
        let Some((i, src, date)) = check_long_row(b, &f, decimal_comma, &at) else {
            continue;
        };
        let value_col = name(|c| matches!(c, Column::Value));
        let converted = match src.convert(f.value, decimal_comma) {
            Ok(r) if src == Source::Score => r,
            Ok(r) => onto_indicator(fw, i, r),
            Err(msg) => {
                b.leave_out("a value out of range or not a number");
                b.issues.push(
                    prefix(place(row, value_col)),
                    format!("{msg}; the row is left out"),
                );
                continue;
            }
        };
        let mut found = Vec::new();
        let Some(x) = check_score(fw, i, converted, || place(row, value_col), &mut found) else {
            b.leave_out("a value out of range or not a number");
            for f in found {
                b.issues.push(prefix(f.path), f.message);
            }
            continue;
        };
        // A country meets the publishers' files; another unit (a county, a region) keeps its
        // own name.
        let u = match countries::by_name(f.unit) {
            Some(_) => match b.unit(None, f.unit) {
                Some(u) => u,
                None => continue,
            },
            None => Unit {
                key: format!("name:{}", f.unit),
                name: f.unit.to_string(),
            },
        };
        let label = if f.reference.is_empty() {
            src.name()
        } else {
            f.reference
        };
        let note = format!("{label}: {} ({}) → {x}", f.value, src.name());
        b.source(src);
        b.mapped(label, i);
        b.add(&u, date.as_deref(), i, x, note);
    }
    Ok(())
}

/// What each column of the long format is; the report names the unit, date and ignored ones.
fn long_columns(b: &mut Builder<'_>, header: &[String]) -> Vec<Column> {
    let columns: Vec<Column> = header
        .iter()
        .map(|h| match h.to_ascii_lowercase().as_str() {
            "unit" => Column::Unit,
            "date" => Column::Date,
            "indicator" => Column::Indicator,
            "source" => Column::Source,
            "value" => Column::Value,
            "reference" => Column::Reference,
            _ => Column::Ignored,
        })
        .collect();
    for (c, col) in columns.iter().enumerate() {
        match col {
            Column::Ignored => b.report.ignored.push(header[c].clone()),
            Column::Unit => b.report.unit_column = Some(header[c].clone()),
            Column::Date => b.report.date_column = Some(header[c].clone()),
            _ => {}
        }
    }
    b.report.group_columns = b
        .report
        .unit_column
        .iter()
        .chain(&b.report.date_column)
        .cloned()
        .collect();
    columns
}

/// One row of the long format, its cells by column.
#[derive(Default)]
struct LongRow<'t> {
    unit: &'t str,
    date: &'t str,
    indicator: &'t str,
    source: &'t str,
    value: &'t str,
    reference: &'t str,
}

/// A long-format row's unit, date, indicator and source checked: the indicator's index, the
/// source and the date, or `None` when the row is left out (every reason named; `at` places a
/// problem in the row, at the column `want` picks).
fn check_long_row(
    b: &mut Builder<'_>,
    f: &LongRow<'_>,
    decimal_comma: bool,
    at: &dyn Fn(fn(&Column) -> bool) -> String,
) -> Option<(usize, Source, Option<String>)> {
    let fw = b.fw;
    let mut bad = None;
    if f.unit.is_empty() {
        b.issues.push(
            at(|c| matches!(c, Column::Unit)),
            "is empty; the row is left out",
        );
        bad = Some("no unit");
    }
    let date = if f.date.is_empty() {
        None
    } else {
        match date_of(f.date, decimal_comma) {
            Ok(d) => Some(d.into_owned()),
            Err(msg) => {
                b.issues.push(
                    at(|c| matches!(c, Column::Date)),
                    format!("{msg}; the row is left out"),
                );
                bad = bad.or(Some("no valid date"));
                None
            }
        }
    };
    let i = fw.indicator_index(f.indicator);
    if i.is_none() {
        b.issues.push(
            at(|c| matches!(c, Column::Indicator)),
            format!(
                "{} is not an indicator id of framework {} {}; the row is left out",
                quote(f.indicator),
                quote(&fw.id),
                fw.version
            ),
        );
        bad = bad.or(Some("not an indicator of the framework"));
    }
    let mut src = Source::parse(f.source);
    if src.is_none() {
        let names: Vec<&str> = SOURCES.iter().map(|(n, _)| *n).collect();
        b.issues.push(
            at(|c| matches!(c, Column::Source)),
            format!(
                "unknown source {}; expected one of: {}; the row is left out",
                quote(f.source),
                names.join(", ")
            ),
        );
        bad = bad.or(Some("an unknown source"));
    }
    // A V-Dem figure named by its variable is read by what the name says.
    if matches!(src, Some(Source::VDem | Source::VDemInverted)) {
        match vdem_reference(f.reference) {
            Ok(Some(s)) => src = Some(s),
            Ok(None) => {}
            Err((reason, message)) => {
                b.issues
                    .push(at(|c| matches!(c, Column::Reference)), message);
                bad = bad.or(Some(reason));
            }
        }
    }
    if let Some(reason) = bad {
        b.leave_out(reason);
        return None;
    }
    Some((i?, src?, date))
}

/// The V-Dem variable a reference names (`v2x_…`, `v2cl…_osp`), read by what its name says:
/// its source, nothing when it names none, or why the row is left out (the reason counted,
/// the message).
fn vdem_reference(reference: &str) -> Result<Option<Source>, (&'static str, String)> {
    let Some(var) = reference
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find(|w| w.starts_with("v2") || w.starts_with("v3"))
    else {
        return Ok(None);
    };
    match vdem_variable(var) {
        VDemVar::Read(s, _) => Ok(Some(s)),
        VDemVar::Refused(why) => Err((
            "a raw V-Dem indicator",
            format!("{why}; the row is left out"),
        )),
        VDemVar::NotAFigure => Err((
            "not a V-Dem figure",
            format!(
                "{} is not a V-Dem figure (a bound, deviation or count); the row is left out",
                quote(var)
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use resilience::api::default_framework as fw;

    #[test]
    fn conversions_of_the_specification() {
        assert_eq!(Source::Fsi.convert("7.2", false), Ok(1.12));
        assert_eq!(Source::Fsi.convert("0", false), Ok(4.0));
        assert_eq!(Source::Wjp.convert("0.61", false), Ok(2.44));
        assert_eq!(Source::VDem.convert("0,5", true), Ok(2.0));
        assert_eq!(Source::VDemInverted.convert("0.25", false), Ok(3.0));
        assert_eq!(Source::PositivePeace.convert("2.3", false), Ok(2.7));
        assert_eq!(Source::Civicus.convert("Obstructed", false), Ok(2.0));
        assert_eq!(Source::Civicus.convert("ouvert", false), Ok(4.0));
        assert!(Source::Fsi.convert("11", false).is_err());
        assert!(Source::VDem.convert("-1.3", false).is_err());
        assert!(Source::Civicus.convert("fine", false).is_err());
        assert_eq!(Source::parse("V-Dem"), Some(Source::VDem));
        assert_eq!(Source::parse("Positive Peace"), Some(Source::PositivePeace));
        assert_eq!(Source::parse("V-Dem exclusion"), Some(Source::VDemInverted));
    }

    #[test]
    fn figures_become_respondents_with_notes() {
        let fw = fw();
        let text = "unit;date;indicator;source;value;reference\n\
                    Kenya;2024-12-31;citizenship.equitable_services;FSI;6,8;FSI 2024 E2\n\
                    Kenya;2024-12-31;citizenship.equitable_services;FSI;5;FSI 2024 C3\n\
                    Kenya;2024-12-31;civil_society.civic_space;civicus;repressed;\n\
                    Kenya;2024-12-31;nope;wjp;0.5;\n\
                    Kenya;2024-12-31;justice.independence;wjp;1.5;\n";
        let imp = read_reference(text, &fw).unwrap();
        assert_eq!(imp.assessments.len(), 1);
        let a = &imp.assessments[0];
        assert_eq!(a.id, "Kenya / 2024-12-31");
        let es = fw
            .indicator_index("citizenship.equitable_services")
            .unwrap();
        assert_eq!(a.scores(es), &[1.28, 2.0]);
        let cs = fw.indicator_index("civil_society.civic_space").unwrap();
        assert_eq!(a.scores(cs), &[1.0]);
        assert_eq!(
            a.notes[0],
            (
                "citizenship.equitable_services".to_string(),
                "FSI 2024 E2: 6,8 (fsi) → 1.28; FSI 2024 C3: 5 (fsi) → 2".to_string()
            )
        );
        let paths: Vec<&str> = imp.report.issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(
            paths,
            vec!["row 5, column \"indicator\"", "row 6, column \"value\""]
        );
    }
}
