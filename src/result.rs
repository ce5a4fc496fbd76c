//! The result contract shared by the CLI, the wasm API and the web app: scored assessments as
//! JSON (through serde, so serde_json and serde-wasm-bindgen give the same shape) and as CSV.

use crate::assessment::Assessment;
use crate::csv::{push_number, push_text};
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
        let mut r = s.serialize_struct("AssessmentResult", 8)?;
        r.serialize_field("id", &a.id)?;
        r.serialize_field("unit", &a.unit)?;
        r.serialize_field("date", &a.date)?;
        r.serialize_field("overall", &NodeResult { fw, sc, node: 0 })?;
        r.serialize_field("nodes", &NodeMap { fw, sc })?;
        let flags: Vec<&str> = sc
            .red_flags
            .iter()
            .map(|&n| fw.nodes[n].id.as_str())
            .collect();
        r.serialize_field("red_flags", &flags)?;
        r.serialize_field("weakest", &sc.weakest.map(|n| fw.nodes[n].id.as_str()))?;
        r.serialize_field("warnings", &Warnings { fw, sc })?;
        r.end()
    }
}

struct NodeMap<'a> {
    fw: &'a Framework,
    sc: &'a Scored,
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
    node: usize,
}

impl Serialize for NodeResult<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let node = &self.fw.nodes[self.node];
        let ns = self.sc.nodes[self.node];
        let score = finite(ns.score);
        match &node.kind {
            Kind::Indicator(ind) => {
                let v = &self.sc.values[ind.index];
                let mut r = s.serialize_struct("IndicatorResult", 5)?;
                r.serialize_field("value", &v.value)?;
                r.serialize_field("score", &score)?;
                r.serialize_field("respondents", &v.respondents)?;
                r.serialize_field("spread", &v.spread)?;
                if score.is_none() {
                    r.serialize_field("reason", "not scored")?;
                } else {
                    r.skip_field("reason")?;
                }
                r.end()
            }
            Kind::Inner { min_coverage, .. } => {
                let mut r = s.serialize_struct("GroupResult", 4)?;
                r.serialize_field("score", &score)?;
                r.serialize_field("band", &score.and_then(|x| self.fw.band(x)))?;
                r.serialize_field("coverage", &ns.coverage)?;
                if score.is_none() {
                    let reason = if ns.coverage == 0.0 {
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

/// Results as CSV, one row per assessment: id, unit, date, overall, band, then the score of
/// every group below the root (the pillars, in the default framework), in framework order.
pub fn write_results_csv(r: &Results) -> String {
    let fw = r.fw;
    let groups: Vec<usize> = (1..fw.nodes.len())
        .filter(|&n| matches!(fw.nodes[n].kind, Kind::Inner { .. }))
        .collect();
    let mut out = String::with_capacity(64 * (r.batch.len() + 1));
    out.push_str("id,unit,date,overall,band");
    for &g in &groups {
        out.push(',');
        push_text(&mut out, &fw.nodes[g].id);
    }
    out.push('\n');
    for (a, sc) in r.batch.iter().zip(r.scored) {
        push_text(&mut out, &a.id);
        out.push(',');
        push_text(&mut out, a.unit.as_deref().unwrap_or(""));
        out.push(',');
        push_text(&mut out, a.date.as_deref().unwrap_or(""));
        out.push(',');
        let overall = sc.nodes[0].score;
        push_number(&mut out, overall);
        out.push(',');
        if let Some(b) = finite(overall).and_then(|x| fw.band(x)) {
            push_text(&mut out, b);
        }
        for &g in &groups {
            out.push(',');
            push_number(&mut out, sc.nodes[g].score);
        }
        out.push('\n');
    }
    out
}
