//! The result contract shared by the CLI, the wasm API and the web app: scored assessments as
//! JSON (through serde, so serde_json and serde-wasm-bindgen give the same shape) and as CSV.

use crate::assessment::{Assessment, Missing};
use crate::framework::{Framework, Kind};
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
        let mut r = s.serialize_struct("AssessmentResult", 9)?;
        r.serialize_field("id", &a.id)?;
        r.serialize_field("unit", &a.unit)?;
        r.serialize_field("date", &a.date)?;
        r.serialize_field("overall", &NodeResult { fw, sc, a, node: 0 })?;
        r.serialize_field("alarms", &Alarms { fw, sc })?;
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
        r.end()
    }
}

struct Alarms<'a> {
    fw: &'a Framework,
    sc: &'a Scored,
}

impl Serialize for Alarms<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.sc.alarms.len()))?;
        for a in &self.sc.alarms {
            seq.serialize_element(&AlarmOut {
                indicator: &self.fw.nodes[a.node].id,
                kind: a.kind.code(),
                respondents_at_bottom: a.respondents_at_bottom,
                respondents: a.respondents,
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
                            sc.nodes[part].score,
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
                            "coverage {:.2} is below the minimum {:.2}",
                            ns.coverage, min_coverage
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
