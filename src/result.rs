//! The result contract shared by the CLI, the wasm API and the web app: scored assessments as
//! JSON (through serde: serde_json natively, the wasm crate's json_out.rs in the browser, the same shape) and as CSV.

use crate::assessment::{Assessment, Missing, Status};
use crate::digits::{num, Num};
use crate::framework::{Framework, Kind};
use crate::pipeline::findings::AlarmKind;
use crate::pipeline::findings::{self, AlertReason};
use crate::pipeline::Scored;
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

/// A batch's results: `{"framework": {"id", "version"}, "results": [...]}`.
pub struct Results<'a> {
    pub fw: &'a Framework,
    pub batch: &'a [Assessment],
    pub scored: &'a [Scored],
}

/// One assessment's result.
pub struct AssessmentResult<'a> {
    pub fw: &'a Framework,
    pub assessment: &'a Assessment,
    pub scored: &'a Scored,
}

fn finite(x: f64) -> Option<f64> {
    (!x.is_nan()).then_some(x)
}

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut doc = s.serialize_struct("Results", 2)?;
        doc.serialize_field("framework", &FrameworkRef(self.fw))?;
        doc.serialize_field("results", &ResultList(self))?;
        doc.end()
    }
}

struct FrameworkRef<'a>(&'a Framework);

impl Serialize for FrameworkRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut f = s.serialize_struct("Framework", 2)?;
        f.serialize_field("id", &self.0.id)?;
        f.serialize_field("version", &self.0.version)?;
        f.end()
    }
}

struct ResultList<'a>(&'a Results<'a>);

impl Serialize for ResultList<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut seq = s.serialize_seq(Some(r.batch.len()))?;
        for (a, scored) in r.batch.iter().zip(r.scored) {
            seq.serialize_element(&AssessmentResult {
                fw: r.fw,
                assessment: a,
                scored,
            })?;
        }
        seq.end()
    }
}

impl Serialize for AssessmentResult<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (fw, a, sc) = (self.fw, self.assessment, self.scored);
        let mut r = s.serialize_struct("AssessmentResult", 15)?;
        r.serialize_field("id", &a.id)?;
        r.serialize_field("unit", &a.unit)?;
        r.serialize_field("date", &a.date)?;
        // The alert heads the results: before the score it qualifies.
        r.serialize_field("early_warning", &EarlyWarningOut { fw, sc })?;
        r.serialize_field("overall", &NodeResult { fw, sc, a, node: 0 })?;
        r.serialize_field("alarms", &Alarms { fw, sc, a })?;
        r.serialize_field("context", &ContextOut { fw, a })?;
        r.serialize_field("nodes", &NodeMap { fw, sc, a })?;
        let flags: Vec<&str> = sc
            .red_flags
            .iter()
            .map(|&n| fw.nodes[n].id.as_str())
            .collect();
        r.serialize_field("red_flags", &flags)?;
        let weakest: Vec<&str> = sc
            .weakest
            .iter()
            .map(|&n| fw.nodes[n].id.as_str())
            .collect();
        r.serialize_field("weakest", &weakest)?;
        r.serialize_field("warnings", &Warnings { fw, sc })?;
        r.serialize_field("low_confidence", &LowConfidence { fw, sc })?;
        r.serialize_field("foa_coverage", &FoaCoverage { fw, sc })?;
        if sc.groups.is_empty() {
            r.skip_field("groups")?;
            r.skip_field("group_gaps")?;
        } else {
            r.serialize_field("groups", &Groups { fw, sc, a })?;
            r.serialize_field("group_gaps", &GroupGaps { fw, sc, a })?;
        }
        r.end()
    }
}

/// `null`, or `{"signs": [ids], "reasons": [{"code", "node", "kind" | "band"}]}`.
struct EarlyWarningOut<'a> {
    fw: &'a Framework,
    sc: &'a Scored,
}

impl Serialize for EarlyWarningOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let fw = self.fw;
        let Some(ew) = &self.sc.early_warning else {
            return s.serialize_none();
        };
        let signs: Vec<&str> = ew
            .signs
            .iter()
            .map(|&k| fw.context[k].id.as_str())
            .collect();
        let reasons: Vec<ReasonOut> = ew
            .reasons
            .iter()
            .map(|r| ReasonOut {
                code: r.code(),
                node: &fw.nodes[r.node()].id,
                kind: match r {
                    AlertReason::Alarm { kind, .. } => Some(kind.code()),
                    _ => None,
                },
                band: match r {
                    AlertReason::Band { band, .. } => Some(&fw.bands[*band].id),
                    _ => None,
                },
            })
            .collect();
        let mut m = s.serialize_struct("EarlyWarning", 2)?;
        m.serialize_field("signs", &signs)?;
        m.serialize_field("reasons", &reasons)?;
        m.end()
    }
}

#[derive(Serialize)]
struct ReasonOut<'a> {
    /// `alarm`, `band` or `unscored`.
    code: &'a str,
    /// The critical indicator (alarm) or the pillar (band, unscored).
    node: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    band: Option<&'a str>,
}

/// `null` when the framework has no warning signs; else every sign or trigger by its answer:
/// `{"present": [{"id", "kind", "date"?, "note"?}], "absent": [ids], "unknown": [ids],
/// "not_assessed": [ids]}`, each in framework order.
struct ContextOut<'a> {
    fw: &'a Framework,
    a: &'a Assessment,
}

impl Serialize for ContextOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (fw, a) = (self.fw, self.a);
        if fw.context.is_empty() {
            return s.serialize_none();
        }
        let mut present = Vec::new();
        let (mut absent, mut unknown, mut not_assessed) = (Vec::new(), Vec::new(), Vec::new());
        for (k, item) in fw.context.iter().enumerate() {
            match a.context_of(k) {
                Some(c) if c.status == Status::Present => present.push(SignOut {
                    id: &item.id,
                    kind: item.kind.name(),
                    date: c.date.as_deref(),
                    note: c.note.as_deref(),
                }),
                Some(c) if c.status == Status::Absent => absent.push(item.id.as_str()),
                Some(_) => unknown.push(item.id.as_str()),
                None => not_assessed.push(item.id.as_str()),
            }
        }
        let mut m = s.serialize_struct("Context", 4)?;
        m.serialize_field("present", &present)?;
        m.serialize_field("absent", &absent)?;
        m.serialize_field("unknown", &unknown)?;
        m.serialize_field("not_assessed", &not_assessed)?;
        m.end()
    }
}

#[derive(Serialize)]
struct SignOut<'a> {
    id: &'a str,
    /// `sign` or `trigger`.
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

/// `[{"indicator", "pillar", "score"}]`: the low-confidence scores that drive a pillar.
struct LowConfidence<'a> {
    fw: &'a Framework,
    sc: &'a Scored,
}

impl Serialize for LowConfidence<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.sc.low_confidence.len()))?;
        for d in &self.sc.low_confidence {
            seq.serialize_element(&DriverOut {
                indicator: &self.fw.nodes[d.node].id,
                pillar: &self.fw.nodes[d.pillar].id,
                score: self.sc.nodes[d.node].score,
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct DriverOut<'a> {
    indicator: &'a str,
    pillar: &'a str,
    score: f64,
}

/// `null` when the framework lists no risk factors; else `{"informed": [{"risk_factor", "foa",
/// "indicators"}], "not_informed": [ids]}`.
struct FoaCoverage<'a> {
    fw: &'a Framework,
    sc: &'a Scored,
}

impl Serialize for FoaCoverage<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let fw = self.fw;
        if fw.risk_factors.is_empty() {
            return s.serialize_none();
        }
        let informed = findings::foa_coverage(fw, &self.sc.values);
        let out: Vec<InformedOut> = informed
            .iter()
            .map(|e| InformedOut {
                risk_factor: &fw.risk_factors[e.factor].id,
                foa: e.refs.iter().map(|r| r.label(&fw.risk_factors)).collect(),
                indicators: e
                    .indicators
                    .iter()
                    .map(|&n| fw.nodes[n].id.as_str())
                    .collect(),
            })
            .collect();
        let not_informed: Vec<&str> = fw
            .risk_factors
            .iter()
            .enumerate()
            .filter(|(k, _)| !informed.iter().any(|e| e.factor == *k))
            .map(|(_, r)| r.id.as_str())
            .collect();
        let mut m = s.serialize_struct("FoaCoverage", 2)?;
        m.serialize_field("informed", &out)?;
        m.serialize_field("not_informed", &not_informed)?;
        m.end()
    }
}

#[derive(Serialize)]
struct InformedOut<'a> {
    risk_factor: &'a str,
    foa: Vec<String>,
    indicators: Vec<&'a str>,
}

struct Alarms<'a> {
    fw: &'a Framework,
    sc: &'a Scored,
    a: &'a Assessment,
}

impl Serialize for Alarms<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.sc.alarms.len()))?;
        let name = |k: u32| self.a.groups[k as usize].id.as_str();
        for a in &self.sc.alarms {
            let (worst_group, best_group) = match a.kind {
                AlarmKind::GroupGap { worst, best } => (Some(name(worst)), Some(name(best))),
                _ => (None, None),
            };
            seq.serialize_element(&AlarmOut {
                indicator: &self.fw.nodes[a.node].id,
                kind: a.kind.code(),
                respondents_at_bottom: a.respondents_at_bottom,
                respondents: a.respondents,
                worst_group,
                best_group,
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct AlarmOut<'a> {
    indicator: &'a str,
    kind: &'a str,
    respondents_at_bottom: u32,
    respondents: u32,
    /// A group gap's worst- and best-off groups (by name).
    #[serde(skip_serializing_if = "Option::is_none")]
    worst_group: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    best_group: Option<&'a str>,
}

/// `[{"name", "overall": {...}, "pillars": {id: {...}}}]`: each group's scores, as the
/// assessment's own are written.
struct Groups<'a> {
    fw: &'a Framework,
    sc: &'a Scored,
    a: &'a Assessment,
}

impl Serialize for Groups<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.sc.groups.len()))?;
        for (g, sc) in self.a.groups.iter().zip(&self.sc.groups) {
            seq.serialize_element(&GroupOut {
                fw: self.fw,
                sc,
                a: g,
            })?;
        }
        seq.end()
    }
}

struct GroupOut<'a> {
    fw: &'a Framework,
    sc: &'a Scored,
    a: &'a Assessment,
}

impl Serialize for GroupOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (fw, sc, a) = (self.fw, self.sc, self.a);
        let mut r = s.serialize_struct("GroupResult", 4)?;
        r.serialize_field("name", &a.id)?;
        r.serialize_field("overall", &NodeResult { fw, sc, a, node: 0 })?;
        r.serialize_field("pillars", &PillarMap { fw, sc, a })?;
        r.serialize_field("alarms", &Alarms { fw, sc, a })?;
        r.end()
    }
}

struct PillarMap<'a> {
    fw: &'a Framework,
    sc: &'a Scored,
    a: &'a Assessment,
}

impl Serialize for PillarMap<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let pillars = self.fw.pillars();
        let mut m = s.serialize_map(Some(pillars.len()))?;
        for &p in pillars {
            let node = NodeResult {
                fw: self.fw,
                sc: self.sc,
                a: self.a,
                node: p,
            };
            m.serialize_entry(&self.fw.nodes[p].id, &node)?;
        }
        m.end()
    }
}

/// `[{"pillar", "best", "worst", "gap"}]`: per pillar, the best- and worst-off groups.
struct GroupGaps<'a> {
    fw: &'a Framework,
    sc: &'a Scored,
    a: &'a Assessment,
}

#[derive(Serialize)]
struct GapOut<'a> {
    pillar: &'a str,
    best: &'a str,
    worst: &'a str,
    gap: f64,
}

impl Serialize for GroupGaps<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.sc.gaps.len()))?;
        for g in &self.sc.gaps {
            seq.serialize_element(&GapOut {
                pillar: &self.fw.nodes[g.node].id,
                best: &self.a.groups[g.best].id,
                worst: &self.a.groups[g.worst].id,
                gap: g.gap,
            })?;
        }
        seq.end()
    }
}

struct NodeMap<'a> {
    fw: &'a Framework,
    sc: &'a Scored,
    a: &'a Assessment,
}

impl Serialize for NodeMap<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Framework order, below the root (which is "overall").
        let mut m = s.serialize_map(Some(self.fw.nodes.len() - 1))?;
        for (n, node) in self.fw.nodes.iter().enumerate().skip(1) {
            m.serialize_entry(
                &node.id,
                &NodeResult {
                    fw: self.fw,
                    sc: self.sc,
                    a: self.a,
                    node: n,
                },
            )?;
        }
        m.end()
    }
}

struct NodeResult<'a> {
    fw: &'a Framework,
    sc: &'a Scored,
    a: &'a Assessment,
    node: usize,
}

impl Serialize for NodeResult<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (fw, sc, n) = (self.fw, self.sc, self.node);
        let ns = sc.nodes[n];
        let score = finite(ns.score);
        match &fw.nodes[n].kind {
            Kind::Indicator(ind) => {
                let v = &sc.values[ind.index];
                let missing = self.a.missing_reason(ind.index);
                let mut r = s.serialize_struct("IndicatorResult", 6)?;
                r.serialize_field("value", &v.value)?;
                r.serialize_field("score", &score)?;
                r.serialize_field("respondents", &v.respondents)?;
                r.serialize_field("spread", &v.spread)?;
                match missing {
                    Some(m) => r.serialize_field("missing", m.name())?,
                    None => r.skip_field("missing")?,
                }
                match (score, missing) {
                    (Some(_), _) => r.skip_field("reason")?,
                    (None, Some(Missing::NotApplicable)) => {
                        r.serialize_field("reason", "not applicable")?
                    }
                    (None, Some(Missing::DontKnow)) => {
                        r.serialize_field("reason", "not scored: don't know")?
                    }
                    (None, Some(Missing::UnsafeToAsk)) => {
                        r.serialize_field("reason", "not scored: unsafe to ask")?
                    }
                    (None, None) => r.serialize_field("reason", "not scored")?,
                }
                r.end()
            }
            Kind::Inner {
                min_coverage,
                aggregation,
                ..
            } => {
                let capped = sc.capped.iter().find(|c| c.node == n);
                let band = sc.band(fw, n).map(|b| fw.bands[b].id.as_str());
                let mut r = s.serialize_struct("GroupResult", 6)?;
                r.serialize_field("score", &score)?;
                r.serialize_field("band", &band)?;
                r.serialize_field("coverage", &ns.coverage)?;
                match capped {
                    Some(c) => {
                        r.serialize_field("band_uncapped", &fw.bands[c.uncapped].id)?;
                        let by: Vec<&str> = c.by.iter().map(|&i| fw.nodes[i].id.as_str()).collect();
                        r.serialize_field("capped_by", &by)?;
                    }
                    None => {
                        r.skip_field("band_uncapped")?;
                        r.skip_field("capped_by")?;
                    }
                }
                if score.is_none() {
                    let reason = if !ns.applicable {
                        "not applicable: none of its parts applies".to_string()
                    } else if let Some(part) = ns.refused {
                        format!(
                            "{} scores {}, and a {} needs every part {}",
                            fw.nodes[part].id,
                            num(sc.nodes[part].score),
                            aggregation.describe(),
                            if aggregation.takes(0.0) {
                                "at 0 or more"
                            } else {
                                "above 0"
                            }
                        )
                    } else if ns.coverage == 0.0 {
                        "none of its parts has a score".to_string()
                    } else {
                        format!(
                            "coverage {} is below the minimum {}",
                            Num(ns.coverage, Some(2)),
                            Num(*min_coverage, Some(2))
                        )
                    };
                    r.serialize_field("reason", &reason)?;
                } else {
                    r.skip_field("reason")?;
                }
                r.end()
            }
        }
    }
}

struct Warnings<'a> {
    fw: &'a Framework,
    sc: &'a Scored,
}

impl Serialize for Warnings<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.sc.warnings.len()))?;
        for w in &self.sc.warnings {
            seq.serialize_element(&WarningOut {
                code: w.code(),
                node: &self.fw.nodes[w.node].id,
                message: &w.message(self.fw),
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct WarningOut<'a> {
    code: &'a str,
    node: &'a str,
    message: &'a str,
}
