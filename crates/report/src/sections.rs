//! The report's sections, in their order.

use crate::html::Html;
use crate::words::Words;
use crate::Report;
use resilience::framework::{Framework, Kind};
use resilience::value::Value;

fn num(v: Option<&Value>) -> Option<f64> {
    match v {
        Some(Value::Number(x)) => Some(*x),
        _ => None,
    }
}

fn title<'a>(fw: &'a Framework, id: &str, lang: &str) -> &'a str {
    fw.node(id).map_or("", |n| fw.nodes[n].title.get(lang))
}

fn band_title(fw: &Framework, band: Option<&str>, w: &Words) -> String {
    match band.and_then(|b| fw.bands.iter().find(|x| x.id == b)) {
        Some(b) => b
            .title
            .as_ref()
            .map_or(b.id.clone(), |t| t.get(w.lang).to_string()),
        None => w.t("band.none", &[]),
    }
}

/// "56.0" (a score on 0–100, to 0.1 as the app shows it), or "–".
fn score(w: &Words, x: Option<f64>) -> String {
    x.map_or("–".into(), |x| w.num(x, 1))
}

/// The 90% interval of a node's simulated scores, "48.2–61.0", or "–".
fn interval(w: &Words, summary: Option<&Value>) -> String {
    match bounds(w, summary) {
        Some((lo, hi)) => format!("{lo}–{hi}"),
        None => "–".into(),
    }
}

/// The 5th and 95th percentiles of an uncertainty summary, as the report writes numbers.
fn bounds(w: &Words, summary: Option<&Value>) -> Option<(String, String)> {
    let s = summary?;
    let lo = num(s.get("p05"))?;
    let hi = num(s.get("p95"))?;
    Some((w.num(lo, 1), w.num(hi, 1)))
}

/// A warning sign's or trigger's title.
fn sign_title<'a>(fw: &'a Framework, id: &str, lang: &str) -> &'a str {
    fw.context
        .iter()
        .find(|c| c.id == id)
        .map_or("", |c| c.title.get(lang))
}

/// The early-warning alert, when the result has one: signs present while an alarm sounds or a
/// pillar is weak, critical or unscored.
fn alert(h: &mut Html, r: &Report, w: &Words) {
    let Some(ew @ Value::Object(_)) = r.result.get("early_warning") else {
        return;
    };
    h.open("div", "alert");
    h.el("strong", "", &w.t("report.alert", &[]));
    let signs: Vec<&str> = match ew.get("signs") {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .map(|id| sign_title(r.fw, id, w.lang))
            .collect(),
        _ => Vec::new(),
    };
    h.el(
        "p",
        "",
        &w.t("report.alert.signs", &[("signs", &signs.join("; "))]),
    );
    if let Some(Value::Array(reasons)) = ew.get("reasons") {
        h.open("ul", "");
        for x in reasons {
            let node = x.get("node").and_then(Value::as_str).unwrap_or("");
            let band = x.get("band").and_then(Value::as_str);
            let code = x.get("code").and_then(Value::as_str).unwrap_or("");
            h.el(
                "li",
                "",
                &w.t(
                    &format!("report.alert.{code}"),
                    &[
                        ("name", title(r.fw, node, w.lang)),
                        ("band", &band_title(r.fw, band, w)),
                    ],
                ),
            );
        }
        h.close("ul");
    }
    h.close("div");
}

/// The warning signs and triggers present, with their dates and notes; then how many were
/// absent, unknown or not assessed.
fn signs(h: &mut Html, r: &Report, w: &Words) {
    let Some(ctx) = r.result.get("context") else {
        return;
    };
    if r.fw.context.is_empty() {
        return;
    }
    h.el("h3", "", &w.t("report.signs", &[]));
    let count = |k: &str| match ctx.get(k) {
        Some(Value::Array(l)) => l.len(),
        _ => 0,
    };
    match ctx.get("present") {
        Some(Value::Array(list)) if !list.is_empty() => {
            h.open("ul", "signs");
            for x in list {
                let id = x.get("id").and_then(Value::as_str).unwrap_or("");
                let kind = x.get("kind").and_then(Value::as_str).unwrap_or("sign");
                h.open("li", "");
                h.el("strong", "", sign_title(r.fw, id, w.lang));
                h.text(&format!(" ({})", w.t(&format!("report.kind.{kind}"), &[])));
                if let Some(d) = x.get("date").and_then(Value::as_str) {
                    h.text(&format!(", {d}"));
                }
                if let Some(n) = x.get("note").and_then(Value::as_str) {
                    h.text(": ").text(n);
                }
                h.close("li");
            }
            h.close("ul");
        }
        _ => {
            h.el("p", "", &w.t("report.signs.none", &[]));
        }
    }
    h.el(
        "p",
        "note",
        &w.t(
            "report.signs.rest",
            &[
                ("absent", &count("absent").to_string()),
                ("unknown", &count("unknown").to_string()),
                ("open", &count("not_assessed").to_string()),
            ],
        ),
    );
}

pub fn summary(h: &mut Html, r: &Report, w: &Words) {
    let overall = r.result.get("overall");
    h.open("section", "summary")
        .el("h2", "", &w.t("report.summary", &[]));
    alert(h, r, w);
    let s = num(overall.and_then(|o| o.get("score")));
    let band = overall.and_then(|o| o.get("band")).and_then(Value::as_str);
    h.open("p", "overall");
    h.el("strong", "", &w.t("result.overall", &[]));
    h.text(": ");
    match s {
        Some(x) => h.text(&w.t(
            "report.overall",
            &[
                ("score", &score(w, Some(x))),
                ("band", &band_title(r.fw, band, w)),
            ],
        )),
        None => h.text(&w.t("report.noscore", &[])),
    };
    h.close("p");
    let u = r.result.get("uncertainty").and_then(|u| u.get("overall"));
    if let (Some(_), Some((lo, hi))) = (s, bounds(w, u)) {
        // In words ("between 44.8 and 48.4"): a dash between two numbers reads as a minus.
        h.el(
            "p",
            "",
            &w.t("report.interval", &[("lo", &lo), ("hi", &hi)]),
        );
    }
    if let Some(Value::String(from)) = overall.and_then(|o| o.get("band_uncapped")) {
        h.el(
            "p",
            "",
            &w.t(
                "report.capped",
                &[("band", &band_title(r.fw, Some(from), w))],
            ),
        );
    }
    h.el("h3", "", &w.t("report.alarms", &[]));
    match r.result.get("alarms") {
        Some(Value::Array(alarms)) if !alarms.is_empty() => {
            h.open("ul", "alarms");
            for a in alarms {
                let id = a.get("indicator").and_then(Value::as_str).unwrap_or("");
                let kind = a.get("kind").and_then(Value::as_str).unwrap_or("at_bottom");
                let k = num(a.get("respondents_at_bottom"))
                    .unwrap_or(0.0)
                    .to_string();
                let n = num(a.get("respondents")).unwrap_or(0.0).to_string();
                h.el(
                    "li",
                    "",
                    &w.t(
                        &format!("alarm.{kind}"),
                        &[("name", title(r.fw, id, w.lang)), ("k", &k), ("n", &n)],
                    ),
                );
            }
            h.close("ul");
            h.el("p", "note", &w.t("alarm.why", &[]));
        }
        _ => {
            h.el("p", "", &w.t("report.noalarms", &[]));
        }
    }
    signs(h, r, w);
    h.el("p", "note", &w.t("result.notrisk", &[]));
    h.close("section");
}

pub fn pillars(h: &mut Html, r: &Report, w: &Words) {
    h.open("section", "pillars")
        .el("h2", "", &w.t("report.pillars", &[]));
    h.open("table", "");
    h.row(
        &[
            &w.t("result.pillar", &[]),
            &w.t("result.score", &[]),
            &w.t("result.band", &[]),
            &w.t("report.range", &[]),
            &w.t("report.coverage", &[]),
        ],
        true,
    );
    let nodes = r.result.get("nodes");
    let unc = r.result.get("uncertainty").and_then(|u| u.get("nodes"));
    for &p in r.fw.pillars() {
        let id = &r.fw.nodes[p].id;
        let res = nodes.and_then(|n| n.get(id));
        let band = res.and_then(|x| x.get("band")).and_then(Value::as_str);
        let cov = num(res.and_then(|x| x.get("coverage")))
            .map_or("–".into(), |c| format!("{} %", w.num(c * 100.0, 0)));
        h.row(
            &[
                r.fw.nodes[p].title.get(w.lang),
                &score(w, num(res.and_then(|x| x.get("score")))),
                &band_title(r.fw, band, w),
                &interval(w, unc.and_then(|u| u.get(id))),
                &cov,
            ],
            false,
        );
    }
    h.close("table").close("section");
}

/// The anchor text of the value given (or "between anchors a and b" for a combined value
/// that falls between two).
fn anchor_text(fw: &Framework, n: usize, value: f64, w: &Words) -> String {
    let Kind::Indicator(ind) = &fw.nodes[n].kind else {
        return String::new();
    };
    let Some(scale) = &ind.scale else {
        return w.num(value, 2);
    };
    if let Some(a) = scale.anchors.iter().find(|a| a.value == value) {
        return w.t(
            "report.anchor",
            &[("v", &w.num(value, 0)), ("text", a.label.get(w.lang))],
        );
    }
    let below = scale.anchors.iter().rev().find(|a| a.value < value);
    let above = scale.anchors.iter().find(|a| a.value > value);
    match (below, above) {
        (Some(b), Some(a)) => w.t(
            "report.between",
            &[
                ("v", &w.num(value, 2)),
                ("a", &w.num(b.value, 0)),
                ("b", &w.num(a.value, 0)),
            ],
        ),
        _ => w.num(value, 2),
    }
}

pub fn indicators(h: &mut Html, r: &Report, w: &Words) {
    h.open("section", "indicators")
        .el("h2", "", &w.t("result.indicators", &[]));
    let nodes = r.result.get("nodes");
    let notes = r.input.get("notes");
    for &p in r.fw.pillars() {
        h.el("h3", "", r.fw.nodes[p].title.get(w.lang));
        h.open("dl", "");
        let Kind::Inner { children, .. } = &r.fw.nodes[p].kind else {
            continue;
        };
        for &c in children {
            let id = &r.fw.nodes[c].id;
            let res = nodes.and_then(|n| n.get(id));
            h.open("dt", "");
            h.text(r.fw.nodes[c].title.get(w.lang));
            if let Some(s) = num(res.and_then(|x| x.get("score"))) {
                h.raw(" <span class=\"score\">")
                    .text(&w.num(s, 1))
                    .raw("</span>");
            }
            h.close("dt");
            h.open("dd", "");
            match (
                num(res.and_then(|x| x.get("value"))),
                res.and_then(|x| x.get("missing")).and_then(Value::as_str),
            ) {
                (Some(v), _) => {
                    h.text(&anchor_text(r.fw, c, v, w));
                    let k = num(res.and_then(|x| x.get("respondents"))).unwrap_or(0.0);
                    if k > 1.0 {
                        let spread = num(res.and_then(|x| x.get("spread"))).unwrap_or(0.0);
                        h.raw(" ").el(
                            "span",
                            "resp",
                            &w.t(
                                "result.resp",
                                &[("n", &k.to_string()), ("spread", &w.num(spread, 1))],
                            ),
                        );
                    }
                }
                (None, Some(m)) => {
                    h.text(&w.t(&format!("result.missing.{m}"), &[]));
                }
                (None, None) => {
                    h.text(&w.t("report.notscored", &[]));
                }
            }
            // In a team, the assessors' own answers; the top-level ones only where no assessor
            // gave the same (an app's input has this device's answers at the top too).
            let said = |k: &str, v: &Value| {
                assessors(r)
                    .iter()
                    .any(|(_, a)| a.get(k).and_then(|x| x.get(id)) == Some(v))
            };
            if let Some(e) = r.input.get("evidence").and_then(|x| x.get(id)) {
                if !said("evidence", e) {
                    evidence(h, e, w);
                }
            }
            if let Some(note) = notes.and_then(|n| n.get(id)) {
                if let (Value::String(text), false) = (note, said("notes", note)) {
                    note_of(h, text, w);
                }
            }
            by_assessor(h, r, id, w);
            h.close("dd");
        }
        h.close("dl");
    }
    h.close("section");
}

fn note_of(h: &mut Html, note: &str, w: &Words) {
    if !note.is_empty() {
        h.open("p", "note").el("em", "", &w.t("result.note", &[]));
        h.text(" ").text(note).close("p");
    }
}

/// A team's assessors and their answers (none for an assessment of one assessor).
fn assessors<'a>(r: &Report<'a>) -> &'a [(String, Value)] {
    match r.input.get("assessors") {
        Some(Value::Object(list)) => list,
        _ => &[],
    }
}

/// A score as entered: a number, respondents' numbers, or the reason given instead.
fn answer_text(v: &Value, w: &Words) -> Option<String> {
    match v {
        Value::Number(x) => Some(w.num(*x, if x.fract() == 0.0 { 0 } else { 2 })),
        Value::Object(_) => v
            .get("missing")
            .and_then(Value::as_str)
            .map(|m| w.t(&format!("result.missing.{m}"), &[])),
        Value::Array(l) => {
            let each: Vec<String> = l.iter().filter_map(|x| answer_text(x, w)).collect();
            (!each.is_empty()).then(|| each.join(", "))
        }
        _ => None,
    }
}

/// In a team assessment, each assessor's own answer to indicator `id`: their score, evidence and
/// note, whatever the results use (the pooled or the agreed scores). Inline after the anchor,
/// so that a full team's report keeps to four pages.
fn by_assessor(h: &mut Html, r: &Report, id: &str, w: &Words) {
    for (code, a) in assessors(r) {
        let part = |k: &str| a.get(k).and_then(|x| x.get(id));
        let (score, evidence_given, note) = (part("scores"), part("evidence"), part("notes"));
        if score.is_none() && evidence_given.is_none() && note.is_none() {
            continue;
        }
        h.open("div", "assessor");
        let line = match score.and_then(|s| answer_text(s, w)) {
            Some(v) => w.t("report.by", &[("who", code), ("v", &v)]),
            None => w.t("report.by.none", &[("who", code)]),
        };
        h.el("p", "who", &line);
        if let Some(e) = evidence_given {
            evidence(h, e, w);
        }
        if let Some(Value::String(n)) = note {
            note_of(h, n, w);
        }
        h.close("div");
    }
}

/// Who assessed, which scores the results use, and every dissent from an agreed score.
pub fn team(h: &mut Html, r: &Report, w: &Words) {
    let Some(Value::Object(assessors)) = r.input.get("assessors") else {
        return;
    };
    h.open("section", "team")
        .el("h2", "", &w.t("report.team", &[]));
    let codes: Vec<&str> = assessors.iter().map(|(c, _)| c.as_str()).collect();
    h.el(
        "p",
        "",
        &w.t("report.assessors", &[("names", &codes.join(", "))]),
    );
    let basis = r
        .input
        .get("basis")
        .and_then(Value::as_str)
        .unwrap_or("individual");
    h.el("p", "", &w.t(&format!("report.basis.{basis}"), &[]));
    let mut dissents = Vec::new();
    if let Some(Value::Object(agreed)) = r.input.get("agreed") {
        for (id, a) in agreed {
            if let Some(Value::Array(list)) = a.get("dissent") {
                for d in list {
                    dissents.push((id.as_str(), d));
                }
            }
        }
    }
    h.el("h3", "", &w.t("report.dissents", &[]));
    if dissents.is_empty() {
        h.el("p", "", &w.t("report.nodissent", &[]));
    } else {
        h.open("ul", "");
        for (id, d) in dissents {
            let who = d.get("assessor").and_then(Value::as_str).unwrap_or("");
            let why = d.get("reason").and_then(Value::as_str).unwrap_or("");
            h.el(
                "li",
                "",
                &w.t(
                    "report.dissent",
                    &[
                        ("name", title(r.fw, id, w.lang)),
                        ("who", who),
                        ("why", why),
                    ],
                ),
            );
        }
        h.close("ul");
    }
    h.close("section");
}

pub fn method(h: &mut Html, r: &Report, w: &Words) {
    h.open("section", "method")
        .el("h2", "", &w.t("report.method", &[]));
    h.el(
        "p",
        "",
        &w.t(
            "report.framework",
            &[
                ("title", r.fw.title.get(w.lang)),
                ("id", &r.fw.id),
                ("v", &r.fw.version),
            ],
        ),
    );
    let draws = num(r.options.get("draws")).map_or("–".into(), |d| d.to_string());
    let seed = num(r.options.get("seed")).map_or("–".into(), |d| d.to_string());
    h.el(
        "p",
        "",
        &w.t("report.rules", &[("draws", &draws), ("start", &seed)]),
    );
    h.close("section");
}

/// "Evidence: interview, document · 2026-03 · confidence: low".
fn evidence(h: &mut Html, e: &Value, w: &Words) {
    let mut parts = Vec::new();
    let sources: Vec<String> = match e.get("source") {
        Some(Value::String(s)) => vec![w.t(&format!("evidence.source.{s}"), &[])],
        Some(Value::Array(l)) => l
            .iter()
            .filter_map(Value::as_str)
            .map(|s| w.t(&format!("evidence.source.{s}"), &[]))
            .collect(),
        _ => Vec::new(),
    };
    if !sources.is_empty() {
        parts.push(sources.join(", "));
    }
    if let Some(d) = e.get("date").and_then(Value::as_str) {
        parts.push(d.to_string());
    }
    if let Some(c) = e.get("confidence").and_then(Value::as_str) {
        parts.push(w.t(
            "report.confidence",
            &[("level", &w.t(&format!("evidence.confidence.{c}"), &[]))],
        ));
    }
    if !parts.is_empty() {
        h.el(
            "p",
            "evidence",
            &w.t("report.evidence", &[("what", &parts.join(" · "))]),
        );
    }
}

/// Which risk factors of the Framework of Analysis the scored indicators inform, and which they
/// leave to be assessed directly.
pub fn coverage(h: &mut Html, r: &Report, w: &Words) {
    let Some(cov) = r.result.get("foa_coverage") else {
        return;
    };
    if r.fw.risk_factors.is_empty() {
        return;
    }
    let factor = |id: &str| {
        r.fw.risk_factors
            .iter()
            .find(|f| f.id == id)
            .map_or(String::new(), |f| {
                format!("{} {}", f.id, f.title.get(w.lang))
            })
    };
    h.open("section", "coverage")
        .el("h2", "", &w.t("report.foa", &[]));
    h.el("p", "note", &w.t("report.foa.what", &[]));
    h.open("table", "");
    h.row(
        &[&w.t("report.foa.factor", &[]), &w.t("report.foa.refs", &[])],
        true,
    );
    if let Some(Value::Array(list)) = cov.get("informed") {
        for x in list {
            let id = x.get("risk_factor").and_then(Value::as_str).unwrap_or("");
            let refs: Vec<&str> = match x.get("foa") {
                Some(Value::Array(l)) => l.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            h.row(&[&factor(id), &refs.join(", ")], false);
        }
    }
    h.close("table");
    if let Some(Value::Array(list)) = cov.get("not_informed") {
        if !list.is_empty() {
            let names: Vec<String> = list.iter().filter_map(Value::as_str).map(factor).collect();
            h.el(
                "p",
                "",
                &w.t("report.foa.open", &[("factors", &names.join("; "))]),
            );
        }
    }
    h.close("section");
}

/// The prevention measures of the indicators where action matters most: those in alarm, then
/// where reform would help most (the leverage ranking), at most five indicators.
pub fn measures(h: &mut Html, r: &Report, w: &Words) {
    let mut ids: Vec<&str> = Vec::new();
    if let Some(Value::Array(alarms)) = r.result.get("alarms") {
        ids.extend(
            alarms
                .iter()
                .filter_map(|a| a.get("indicator").and_then(Value::as_str)),
        );
    }
    if let Some(Value::Array(lev)) = r.result.get("leverage") {
        ids.extend(
            lev.iter()
                .filter_map(|l| l.get("indicator").and_then(Value::as_str)),
        );
    }
    let mut seen: Vec<&str> = Vec::new();
    for id in ids {
        if !seen.contains(&id) && seen.len() < 5 {
            seen.push(id);
        }
    }
    let with_measures: Vec<(usize, &str)> = seen
        .iter()
        .filter_map(|id| r.fw.indicator_index(id).map(|i| (i, *id)))
        .filter(|(i, _)| !r.fw.indicator(*i).1.measures.is_empty())
        .collect();
    if with_measures.is_empty() {
        return;
    }
    h.open("section", "measures")
        .el("h2", "", &w.t("report.measures", &[]));
    h.el("p", "note", &w.t("report.measures.what", &[]));
    for (i, id) in with_measures {
        let (node, ind) = r.fw.indicator(i);
        let _ = id;
        h.el("h3", "", node.title.get(w.lang));
        h.open("ul", "");
        for m in &ind.measures {
            h.open("li", "").text(m.title.get(w.lang));
            h.raw(" ").el("span", "source", &format!("({})", m.source));
            h.close("li");
        }
        h.close("ul");
    }
    h.close("section");
}
