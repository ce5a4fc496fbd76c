//! Countries by ISO 3166-1 alpha-3 code, so that one country's figures from several publishers
//! (who spell it "Côte d'Ivoire", "Cote d Ivoire", "Ivory Coast"…) meet in one assessment.
//!
//! `countries.txt` (written by `tools/countries/make_table.py` from Debian's iso-codes: ISO
//! 3166-1's English names and their French translation, plus the spellings publishers use) has
//! one country a line: `CODE|name|name…`, the first name the one shown. Names are compared
//! folded: lower case, accents and punctuation removed, spaces collapsed, a leading "the" dropped.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("countries.txt");

struct Table {
    /// Folded name → index of its line; `usize::MAX` for a name two countries share.
    names: HashMap<String, usize>,
    /// Per line: (code, shown name).
    lines: Vec<(&'static str, &'static str)>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut names = HashMap::new();
        let mut lines = Vec::new();
        for (k, line) in TABLE.lines().enumerate() {
            let mut parts = line.split('|');
            let code = parts.next().unwrap_or("");
            let mut shown = "";
            for name in parts {
                if shown.is_empty() {
                    shown = name;
                }
                let key = fold(name);
                match names.get(&key) {
                    Some(&other) if other != k => {
                        names.insert(key, usize::MAX);
                    }
                    Some(_) => {}
                    None => {
                        names.insert(key, k);
                    }
                }
            }
            lines.push((code, shown));
        }
        Table { names, lines }
    })
}

/// A country found: its code and the name the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
}

/// The country of an ISO 3166-1 alpha-3 code (any case), if the table has it.
pub fn by_code(code: &str) -> Option<Country> {
    let code = code.trim();
    if code.len() != 3 {
        return None;
    }
    table()
        .lines
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|&(code, name)| Country { code, name })
}

/// The country a name means, in English or French, accents and punctuation aside.
pub fn by_name(name: &str) -> Option<Country> {
    let t = table();
    match t.names.get(&fold(name)) {
        Some(&k) if k != usize::MAX => {
            let (code, name) = t.lines[k];
            Some(Country { code, name })
        }
        _ => None,
    }
}

/// A name folded for comparison: `Côte d'Ivoire` and `Cote d Ivoire` are `cote d ivoire`.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = true;
    for c in name.chars() {
        let base = base_letter(c);
        for b in base.chars() {
            if b.is_alphanumeric() {
                out.extend(b.to_lowercase());
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

/// A letter without its accent (Latin-1 and Latin Extended-A, the letters country names use),
/// `&` as "and"; anything else as it is.
fn base_letter(c: char) -> std::borrow::Cow<'static, str> {
    use std::borrow::Cow;
    let s = match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => "c",
        'Ď' | 'ď' | 'Đ' | 'đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => "e",
        'Ğ' | 'ğ' => "g",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'İ' | 'ı' => "i",
        'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ş' | 'ş' | 'Š' | 'š' | 'Ș' | 'ș' => "s",
        'ß' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ț' | 'ț' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => "u",
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        'Þ' | 'þ' => "th",
        '&' => " and ",
        c => return Cow::Owned(c.to_string()),
    };
    Cow::Borrowed(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_meet() {
        for n in [
            "Côte d'Ivoire",
            "Cote d Ivoire",
            "COTE D’IVOIRE",
            "Ivory Coast",
            "Côte-d'Ivoire",
        ] {
            assert_eq!(by_name(n).map(|c| c.code), Some("CIV"), "{n}");
        }
        for n in ["Burma/Myanmar", "Myanmar", "Birmanie"] {
            assert_eq!(by_name(n).map(|c| c.code), Some("MMR"), "{n}");
        }
        assert_eq!(by_name("Congo Democratic Republic").unwrap().code, "COD");
        assert_eq!(by_name("Congo Republic").unwrap().code, "COG");
        assert_eq!(by_name("The Gambia").unwrap().code, "GMB");
        assert_eq!(by_name("Kenya").unwrap().name, "Kenya");
        assert_eq!(by_name("Turquie").unwrap().code, "TUR");
        assert_eq!(by_name("Atlantis"), None);
        assert_eq!(by_code("ken").unwrap().name, "Kenya");
        assert_eq!(by_code("ZZB"), None);
    }

    #[test]
    fn every_name_says_one_country() {
        // A name two countries share would be unmatched: none in the table.
        let t = table();
        let shared: Vec<&String> = t
            .names
            .iter()
            .filter(|(_, &k)| k == usize::MAX)
            .map(|(n, _)| n)
            .collect();
        assert!(shared.is_empty(), "{shared:?}");
        assert!(t.lines.len() > 240);
    }
}
