//! Text escaped for markup, one function for the two writers that need it: the HTML report
//! (crates/report) and the xlsx files (crates/sheets). What differs is stated by [`Markup`].

/// Which markup a text is written into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// HTML element content and attribute values: `& < > " '` escaped.
    Html,
    /// XML 1.0 text: `& < > "` escaped; the characters XML cannot hold (controls other than
    /// tab and line ends, U+FFFE, U+FFFF) dropped, where a spreadsheet reader would refuse the
    /// whole file.
    Xml,
}

/// Appends `s` to `out`, escaped for `markup`.
pub fn push_escaped(out: &mut String, s: &str, markup: Markup) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' if markup == Markup::Html => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if markup == Markup::Xml
                && ((c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}')) => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str, m: Markup) -> String {
        let mut out = String::new();
        push_escaped(&mut out, s, m);
        out
    }

    #[test]
    fn html_escapes_quotes_and_keeps_the_rest() {
        assert_eq!(
            esc("<b a='1'>\"x\" & y\u{1}</b>", Markup::Html),
            "&lt;b a=&#39;1&#39;&gt;&quot;x&quot; &amp; y\u{1}&lt;/b&gt;"
        );
    }

    #[test]
    fn xml_drops_what_it_cannot_hold() {
        assert_eq!(
            esc("a<b & 'c'\u{1}\u{7}\n\u{FFFE}", Markup::Xml),
            "a&lt;b &amp; 'c'\n"
        );
    }
}
