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
    let s = summary;
    match (
        num(s.and_then(|s| s.get("p05"))),
        num(s.and_then(|s| s.get("p95"))),
    ) {
        (Some(lo), Some(hi)) => format!("{}–{}", w.num(lo, 1), w.num(hi, 1)),
        _ => "–".into(),
    }
}

pub fn summary(h: &mut Html, r: &Report, w: &Words) {
    let overall = r.result.get("overall");
    h.open("section", "summary")
        .el("h2", "", &w.t("report.summary", &[]));
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
    if s.is_some() && u.is_some() {
        h.el(
            "p",
            "",
            &w.t("report.interval", &[("range", &interval(w, u))]),
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
            if let Some(Value::String(note)) = notes.and_then(|n| n.get(id)) {
                if !note.is_empty() {
                    h.open("p", "note").el("em", "", &w.t("result.note", &[]));
                    h.text(" ").text(note).close("p");
                }
            }
            h.close("dd");
        }
        h.close("dl");
    }
    h.close("section");
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
        &w.t("report.rules", &[("draws", &draws), ("seed", &seed)]),
    );
    h.close("section");
}
