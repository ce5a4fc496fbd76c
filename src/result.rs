//! The result contract shared by the CLI, the wasm API and the web app: scored assessments as
//! JSON (written to a `json_text::Out`: text in the browser, serde natively through a `Tape`, the
//! same shape) and as CSV.

use crate::assessment::{Assessment, Missing, Status};
use crate::digits::{num, Num};
use crate::framework::{Framework, Kind};
use crate::json_text::{Out, Tape};
use crate::pipeline::findings::AlarmKind;
use crate::pipeline::findings::{self, AlertReason};
use crate::pipeline::Scored;
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

// Both are written once, to a `json_text::Out` (one copy of this code in the browser's core,
// where serde's copy per field and type was 13 KB); serde gets the same through a `Tape`.
impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Tape::of(|o| self.write(o)).serialize(s)
    }
}

impl Serialize for AssessmentResult<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Tape::of(|o| self.write(o)).serialize(s)
    }
}

impl Results<'_> {
    /// `{"framework": {"id", "version"}, "results": [...]}`.
    pub fn write(&self, o: &mut dyn Out) {
        o.open(false);
        o.key("framework");
        o.open(false);
        o.str_field("id", &self.fw.id);
        o.str_field("version", &self.fw.version);
        o.close();
        o.key("results");
        o.open(true);
        for (a, scored) in self.batch.iter().zip(self.scored) {
            AssessmentResult {
                fw: self.fw,
                assessment: a,
                scored,
            }
            .write(o);
        }
        o.close();
        o.close();
    }
}

impl AssessmentResult<'_> {
    pub fn write(&self, o: &mut dyn Out) {
        let (fw, a, sc) = (self.fw, self.assessment, self.scored);
        let ids = |nodes: &[usize]| -> Vec<&str> {
            nodes.iter().map(|&n| fw.nodes[n].id.as_str()).collect()
        };
        o.open(false);
        o.str_field("id", &a.id);
        o.opt_str_field("unit", a.unit.as_deref());
        o.opt_str_field("date", a.date.as_deref());
        // The alert heads the results: before the score it qualifies.
        o.key("early_warning");
        early_warning(o, fw, sc);
        o.key("overall");
        node_result(o, fw, sc, a, 0);
        o.key("alarms");
        alarms(o, fw, sc, a);
        o.key("context");
        context(o, fw, a);
        o.key("nodes");
        // Framework order, below the root (which is "overall").
        o.open(false);
        for (n, node) in fw.nodes.iter().enumerate().skip(1) {
            o.key(&node.id);
            node_result(o, fw, sc, a, n);
        }
        o.close();
        o.strs_field("red_flags", ids(&sc.red_flags));
        o.strs_field("weakest", ids(&sc.weakest));
        o.key("warnings");
        o.open(true);
        for w in &sc.warnings {
            o.open(false);
            o.str_field("code", w.code());
            o.str_field("node", &fw.nodes[w.node].id);
            o.str_field("message", &w.message(fw));
            o.close();
        }
        o.close();
        // The low-confidence scores that drive a pillar.
        o.key("low_confidence");
        o.open(true);
        for d in &sc.low_confidence {
            o.open(false);
            o.str_field("indicator", &fw.nodes[d.node].id);
            o.str_field("pillar", &fw.nodes[d.pillar].id);
            o.key("score");
            o.num(sc.nodes[d.node].score);
            o.close();
        }
        o.close();
        o.key("foa_coverage");
        foa_coverage(o, fw, sc);
        if !sc.groups.is_empty() {
            o.key("groups");
            groups(o, fw, sc, a);
            o.key("group_gaps");
            group_gaps(o, fw, sc, a);
        }
        o.close();
    }
}

/// `null`, or `{"signs": [ids], "reasons": [{"code", "node", "kind" | "band"}]}`.
fn early_warning(o: &mut dyn Out, fw: &Framework, sc: &Scored) {
    let Some(ew) = &sc.early_warning else {
        return o.null();
    };
    o.open(false);
    o.strs_field("signs", ew.signs.iter().map(|&k| fw.context[k].id.as_str()));
    o.key("reasons");
    o.open(true);
    for r in &ew.reasons {
        o.open(false);
        // `alarm`, `band` or `unscored`, and the critical indicator (alarm) or the pillar.
        o.str_field("code", r.code());
        o.str_field("node", &fw.nodes[r.node()].id);
        match r {
            AlertReason::Alarm { kind, .. } => o.str_field("kind", kind.code()),
            AlertReason::Band { band, .. } => o.str_field("band", &fw.bands[*band].id),
            _ => {}
        }
        o.close();
    }
    o.close();
    o.close();
}

/// `null` when the framework has no warning signs; else every sign or trigger by its answer:
/// `{"present": [{"id", "kind", "date"?, "note"?}], "absent": [ids], "unknown": [ids],
/// "not_assessed": [ids]}`, each in framework order.
fn context(o: &mut dyn Out, fw: &Framework, a: &Assessment) {
    if fw.context.is_empty() {
        return o.null();
    }
    let (mut absent, mut unknown, mut not_assessed) = (Vec::new(), Vec::new(), Vec::new());
    o.open(false);
    o.key("present");
    o.open(true);
    for (k, item) in fw.context.iter().enumerate() {
        match a.context_of(k) {
            Some(c) if c.status == Status::Present => {
                o.open(false);
                o.str_field("id", &item.id);
                // `sign` or `trigger`.
                o.str_field("kind", item.kind.name());
                if let Some(date) = &c.date {
                    o.str_field("date", date);
                }
                if let Some(note) = &c.note {
                    o.str_field("note", note);
                }
                o.close();
            }
            Some(c) if c.status == Status::Absent => absent.push(item.id.as_str()),
            Some(_) => unknown.push(item.id.as_str()),
            None => not_assessed.push(item.id.as_str()),
        }
    }
    o.close();
    o.strs_field("absent", absent);
    o.strs_field("unknown", unknown);
    o.strs_field("not_assessed", not_assessed);
    o.close();
}

/// `null` when the framework lists no risk factors; else `{"informed": [{"risk_factor", "foa",
/// "indicators"}], "not_informed": [ids]}`.
fn foa_coverage(o: &mut dyn Out, fw: &Framework, sc: &Scored) {
    if fw.risk_factors.is_empty() {
        return o.null();
    }
    let informed = findings::foa_coverage(fw, &sc.values);
    o.open(false);
    o.key("informed");
    o.open(true);
    for e in &informed {
        o.open(false);
        o.str_field("risk_factor", &fw.risk_factors[e.factor].id);
        let labels: Vec<String> = e.refs.iter().map(|r| r.label(&fw.risk_factors)).collect();
        o.strs_field("foa", labels.iter().map(String::as_str));
        o.strs_field(
            "indicators",
            e.indicators.iter().map(|&n| fw.nodes[n].id.as_str()),
        );
        o.close();
    }
    o.close();
    o.strs_field(
        "not_informed",
        fw.risk_factors
            .iter()
            .enumerate()
            .filter(|(k, _)| !informed.iter().any(|e| e.factor == *k))
            .map(|(_, r)| r.id.as_str()),
    );
    o.close();
}

/// `[{"indicator", "kind", "respondents_at_bottom", "respondents", "worst_group"?, "best_group"?}]`.
fn alarms(o: &mut dyn Out, fw: &Framework, sc: &Scored, a: &Assessment) {
    o.open(true);
    for alarm in &sc.alarms {
        o.open(false);
        o.str_field("indicator", &fw.nodes[alarm.node].id);
        o.str_field("kind", alarm.kind.code());
        o.key("respondents_at_bottom");
        o.uint(alarm.respondents_at_bottom.into());
        o.key("respondents");
        o.uint(alarm.respondents.into());
        // A group gap's worst- and best-off groups (by name).
        if let AlarmKind::GroupGap { worst, best } = alarm.kind {
            o.str_field("worst_group", &a.groups[worst as usize].id);
            o.str_field("best_group", &a.groups[best as usize].id);
        }
        o.close();
    }
    o.close();
}

/// `[{"name", "overall": {...}, "pillars": {id: {...}}, "alarms"}]`: each group's scores, as
/// the assessment's own are written.
fn groups(o: &mut dyn Out, fw: &Framework, sc: &Scored, a: &Assessment) {
    o.open(true);
    for (g, sc) in a.groups.iter().zip(&sc.groups) {
        o.open(false);
        o.str_field("name", &g.id);
        o.key("overall");
        node_result(o, fw, sc, g, 0);
        o.key("pillars");
        o.open(false);
        for &p in fw.pillars() {
            o.key(&fw.nodes[p].id);
            node_result(o, fw, sc, g, p);
        }
        o.close();
        o.key("alarms");
        alarms(o, fw, sc, g);
        o.close();
    }
    o.close();
}

/// `[{"pillar", "best", "worst", "gap"}]`: per pillar, the best- and worst-off groups.
fn group_gaps(o: &mut dyn Out, fw: &Framework, sc: &Scored, a: &Assessment) {
    o.open(true);
    for g in &sc.gaps {
        o.open(false);
        o.str_field("pillar", &fw.nodes[g.node].id);
        o.str_field("best", &a.groups[g.best].id);
        o.str_field("worst", &a.groups[g.worst].id);
        o.key("gap");
        o.num(g.gap);
        o.close();
    }
    o.close();
}

/// One node's result: an indicator's `{"value", "score", "respondents", "spread", "missing"?,
/// "reason"?}` or a group's `{"score", "band", "coverage", "band_uncapped"?, "capped_by"?,
/// "reason"?}`.
fn node_result(o: &mut dyn Out, fw: &Framework, sc: &Scored, a: &Assessment, n: usize) {
    let ns = sc.nodes[n];
    let score = finite(ns.score);
    o.open(false);
    match &fw.nodes[n].kind {
        Kind::Indicator(ind) => {
            let v = &sc.values[ind.index];
            let missing = a.missing_reason(ind.index);
            o.num_field("value", v.value);
            o.num_field("score", score);
            o.key("respondents");
            o.uint(v.respondents.into());
            o.num_field("spread", v.spread);
            if let Some(m) = missing {
                o.str_field("missing", m.name());
            }
            let reason = match (score, missing) {
                (Some(_), _) => None,
                (None, Some(Missing::NotApplicable)) => Some("not applicable"),
                (None, Some(Missing::DontKnow)) => Some("not scored: don't know"),
                (None, Some(Missing::UnsafeToAsk)) => Some("not scored: unsafe to ask"),
                (None, None) => Some("not scored"),
            };
            if let Some(reason) = reason {
                o.str_field("reason", reason);
            }
        }
        Kind::Inner {
            min_coverage,
            aggregation,
            ..
        } => {
            let capped = sc.capped.iter().find(|c| c.node == n);
            let band = sc.band(fw, n).map(|b| fw.bands[b].id.as_str());
            o.num_field("score", score);
            o.opt_str_field("band", band);
            o.key("coverage");
            o.num(ns.coverage);
            if let Some(c) = capped {
                o.str_field("band_uncapped", &fw.bands[c.uncapped].id);
                o.strs_field("capped_by", c.by.iter().map(|&i| fw.nodes[i].id.as_str()));
            }
            if score.is_none() {
                let reason = if !ns.applicable {
                    "not applicable: none of its parts applies".to_string()
                } else if let Some(part) = ns.refused {
                    cat!(
                        fw.nodes[part].id,
                        " scores ",
                        num(sc.nodes[part].score),
                        ", and a ",
                        aggregation.describe(),
                        " needs every part ",
                        if aggregation.takes(0.0) {
                            "at 0 or more"
                        } else {
                            "above 0"
                        }
                    )
                } else if ns.coverage == 0.0 {
                    "none of its parts has a score".to_string()
                } else {
                    cat!(
                        "coverage ",
                        Num(ns.coverage, Some(2)),
                        " is below the minimum ",
                        Num(*min_coverage, Some(2))
                    )
                };
                o.str_field("reason", &reason);
            }
        }
    }
    o.close();
}
