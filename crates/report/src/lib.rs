//! One assessment as a report: a self-contained HTML file that makes no request (a content
//! security policy of `default-src 'none'`, the style inline and allowed by its hash, no script),
//! marked confidential, laid out for A4. Its numbers are the CLI's own: it is written from the
//! JSON that `resilience analyse` prints for the assessment, with the framework and the
//! assessment as entered.

mod html;
mod sections;
mod words;

pub use html::esc;
pub use words::{Words, LANGUAGES};

use html::Html;
use resilience::framework::Framework;
use resilience::value::Value;

/// The report's style sheet, inline.
pub const STYLE: &str = include_str!("report.css");
/// `sha256-…` of `STYLE`, as the content security policy names it (checked by a test).
pub const STYLE_HASH: &str = "sha256-axVe6H0R9kdUYgujYfEo1GcN5c4LF87SytpsLumf72M=";

/// What a report is written from.
pub struct Report<'a> {
    pub fw: &'a Framework,
    /// The assessment as entered.
    pub input: &'a Value,
    /// The assessment's entry in `resilience analyse`'s `results`.
    pub result: &'a Value,
    /// `resilience analyse`'s `options` (seed, draws).
    pub options: &'a Value,
    /// When the report is made (YYYY-MM-DD).
    pub made: &'a str,
}

/// The report as one HTML document, in `lang` ("en" or "fr").
pub fn write(r: &Report, lang: &str) -> String {
    let w = Words::new(lang);
    let mut h = Html::default();
    let unit = r.input.get("unit").and_then(Value::as_str).unwrap_or("");
    let title = w.t("report.title", &[("unit", unit)]);
    h.raw("<!DOCTYPE html>\n<html lang=\"")
        .raw(w.lang)
        .raw("\"><head><meta charset=\"utf-8\">")
        .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '")
        .raw(STYLE_HASH)
        .raw("'\"><meta name=\"referrer\" content=\"no-referrer\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width\">");
    h.el("title", "", &title);
    h.raw("<style>").raw(STYLE).raw("</style></head><body>");
    h.el("p", "confidential", &w.t("report.confidential", &[]));
    h.open("header", "");
    h.el("h1", "", &title);
    let date = r.input.get("date").and_then(Value::as_str).unwrap_or("–");
    h.el(
        "p",
        "meta",
        &w.t("report.dates", &[("date", date), ("made", r.made)]),
    );
    h.close("header");
    sections::summary(&mut h, r, &w);
    sections::pillars(&mut h, r, &w);
    sections::indicators(&mut h, r, &w);
    sections::coverage(&mut h, r, &w);
    sections::measures(&mut h, r, &w);
    sections::team(&mut h, r, &w);
    sections::method(&mut h, r, &w);
    h.raw("</body></html>\n");
    h.0
}
