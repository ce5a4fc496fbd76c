//! A small HTML writer: every text goes through `esc`, so no user text can become markup.

use resilience::markup::{push_escaped, Markup};
use std::fmt::Write;

/// Text with `& < > " '` escaped, for element content and quoted attribute values alike.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s, Markup::Html);
    out
}

/// An HTML document under construction.
#[derive(Default)]
pub struct Html(pub String);

impl Html {
    /// `<tag class="…">text</tag>` with `text` escaped; no class when `class` is empty.
    pub fn el(&mut self, tag: &str, class: &str, text: &str) -> &mut Self {
        self.open(tag, class);
        self.0.push_str(&esc(text));
        self.close(tag)
    }

    pub fn open(&mut self, tag: &str, class: &str) -> &mut Self {
        if class.is_empty() {
            let _ = write!(self.0, "<{tag}>");
        } else {
            let _ = write!(self.0, "<{tag} class=\"{}\">", esc(class));
        }
        self
    }

    pub fn close(&mut self, tag: &str) -> &mut Self {
        let _ = write!(self.0, "</{tag}>");
        self
    }

    /// Escaped text.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.0.push_str(&esc(text));
        self
    }

    /// Markup written by this crate (never user text).
    pub fn raw(&mut self, markup: &str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    /// A table row of escaped cells (`th` for the first when `head`).
    pub fn row(&mut self, cells: &[&str], head: bool) -> &mut Self {
        self.open("tr", "");
        for c in cells {
            let tag = if head { "th" } else { "td" };
            self.el(tag, "", c);
        }
        self.close("tr")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_become_markup() {
        assert_eq!(
            esc("<img src=x onerror=alert(1)> & \"q\" 'a'"),
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;a&#39;"
        );
    }
}
