//! The report's words: the app's own translation files (`www/i18n/*.json`), so the app and the
//! report say the same thing in the same words. `{name}` placeholders are filled in; an entry
//! `{"one": …, "other": …}` is chosen by the count `n`.

use resilience::json;
use resilience::value::Value;

// The keys the report uses, minified by build.rs.
const EN: &str = include_str!(concat!(env!("OUT_DIR"), "/en.json"));
const FR: &str = include_str!(concat!(env!("OUT_DIR"), "/fr.json"));

/// The languages the report is written in.
pub const LANGUAGES: [&str; 2] = ["en", "fr"];

pub struct Words {
    pub lang: &'static str,
    table: Value,
    fallback: Value,
}

impl Words {
    /// The words of `lang` (English for a language the app does not have).
    pub fn new(lang: &str) -> Words {
        let en = json::parse(EN).unwrap_or(Value::Null);
        match lang {
            "fr" => Words {
                lang: "fr",
                table: json::parse(FR).unwrap_or(Value::Null),
                fallback: en,
            },
            _ => Words {
                lang: "en",
                table: en,
                fallback: Value::Null,
            },
        }
    }

    fn entry(&self, key: &str) -> Option<&Value> {
        self.table.get(key).or_else(|| self.fallback.get(key))
    }

    /// The text of `key` with `{name}` filled from `args`; the key itself when it has none.
    pub fn t(&self, key: &str, args: &[(&str, &str)]) -> String {
        let n = args
            .iter()
            .find(|(k, _)| *k == "n")
            .and_then(|(_, v)| v.parse::<f64>().ok());
        let text = match self.entry(key) {
            Some(Value::String(s)) => s.as_str(),
            Some(v @ Value::Object(_)) => {
                // French puts 0 and 1 in "one"; English only 1.
                let one = n.is_some_and(|n| n == 1.0 || (self.lang == "fr" && n == 0.0));
                v.get(if one { "one" } else { "other" })
                    .and_then(Value::as_str)
                    .unwrap_or(key)
            }
            _ => key,
        };
        let mut out = text.to_string();
        for (k, v) in args {
            out = out.replace(&format!("{{{k}}}"), v);
        }
        out
    }

    /// A number as people of this language write it, to `digits` decimals, rounded as the app's
    /// screen rounds it (`push_fixed`: 56.25 is 56.3 on paper too).
    pub fn num(&self, x: f64, digits: usize) -> String {
        let mut s = String::new();
        resilience::digits::push_fixed(&mut s, x, digits as u32);
        if self.lang == "fr" {
            s.replace('.', ",")
        } else {
            s
        }
    }
}
