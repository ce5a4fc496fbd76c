//! A small RFC 4180 CSV reader and writer: quoted fields with `""` escapes and line breaks,
//! CRLF or LF, a leading UTF-8 BOM, any one-byte separator. Records are read into one reused
//! buffer, so a 100,000-row file costs no allocation per cell. Written in a [`Style`] (the
//! separator, decimal mark, rounding and band names people read it with) by a [`Writer`].

use crate::issue::{Fields, Issue};
use crate::value::{path_key, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// 1-based record number (the header is row 1), as a spreadsheet numbers rows when no
    /// cell holds a line break.
    pub row: usize,
    pub message: String,
}

pub struct Reader<'a> {
    input: &'a [u8],
    pos: usize,
    pub separator: u8,
    /// The number of the record read last.
    pub row: usize,
    buf: Vec<u8>,
    ends: Vec<usize>,
}

impl<'a> Reader<'a> {
    pub fn new(input: &'a str, separator: u8) -> Reader<'a> {
        let input = input.strip_prefix('\u{feff}').unwrap_or(input).as_bytes();
        Reader {
            input,
            pos: 0,
            separator,
            row: 0,
            buf: Vec::new(),
            ends: Vec::new(),
        }
    }

    /// Reads the next record; `Ok(false)` at the end of input.
    pub fn next_record(&mut self) -> Result<bool, CsvError> {
        self.buf.clear();
        self.ends.clear();
        if self.pos >= self.input.len() {
            return Ok(false);
        }
        self.row += 1;
        let input = self.input;
        loop {
            // One field.
            if input.get(self.pos) == Some(&b'"') {
                let opened = self.row;
                self.pos += 1;
                loop {
                    match memchr_quote(&input[self.pos..]) {
                        None => {
                            return Err(CsvError {
                                row: opened,
                                message: "a quoted cell is never closed (missing \")".into(),
                            })
                        }
                        Some(k) => {
                            self.buf.extend_from_slice(&input[self.pos..self.pos + k]);
                            self.pos += k + 1;
                            if input.get(self.pos) == Some(&b'"') {
                                self.buf.push(b'"');
                                self.pos += 1;
                            } else {
                                break;
                            }
                        }
                    }
                }
                // Text between the closing quote and the separator is kept, as spreadsheets do.
                let rest = self.field_end();
                self.buf.extend_from_slice(&input[self.pos..rest]);
                self.pos = rest;
            } else {
                let end = self.field_end();
                self.buf.extend_from_slice(&input[self.pos..end]);
                self.pos = end;
            }
            self.ends.push(self.buf.len());
            match input.get(self.pos) {
                Some(&b) if b == self.separator => self.pos += 1,
                Some(b'\r') => {
                    self.pos += 1;
                    if input.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    return Ok(true);
                }
                Some(b'\n') => {
                    self.pos += 1;
                    return Ok(true);
                }
                _ => return Ok(true),
            }
        }
    }

    fn field_end(&self) -> usize {
        let sep = self.separator;
        self.input[self.pos..]
            .iter()
            .position(|&b| b == sep || b == b'\n' || b == b'\r')
            .map_or(self.input.len(), |k| self.pos + k)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i` of the current record. Fields are cut at ASCII bytes of valid UTF-8 text,
    /// so they are valid UTF-8 themselves.
    pub fn field(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        std::str::from_utf8(&self.buf[start..self.ends[i]]).unwrap_or("")
    }

    /// True when every field of the current record is empty (a blank line).
    pub fn is_blank(&self) -> bool {
        self.buf.iter().all(|b| b.is_ascii_whitespace())
    }

    /// All fields of the current record.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.field(i))
    }
}

/// What `Reader::next_row` found.
pub enum Row {
    /// A record with the expected number of cells, at this row.
    Data(usize),
    /// A record with another number of cells.
    WrongWidth {
        row: usize,
        cells: usize,
    },
    /// The input cannot be read past this point.
    Broken(CsvError),
    End,
}

impl<'a> Reader<'a> {
    /// Opens CSV text with its separator guessed from the header, and reads the header
    /// (names trimmed).
    pub fn open(text: &'a str) -> Result<(Reader<'a>, Vec<String>), Issue> {
        let mut reader = Reader::new(text, sniff_separator(text));
        match reader.next_record() {
            Ok(true) => {}
            Ok(false) => {
                return Err(Issue::new(
                    "row 1",
                    "the file is empty; expected a header row",
                ))
            }
            Err(e) => return Err(Issue::new(format!("row {}", e.row), e.message)),
        }
        let header = reader.fields().map(|h| h.trim().to_string()).collect();
        Ok((reader, header))
    }

    /// The next record that is not blank, checked against the header's `width`.
    pub fn next_row(&mut self, width: usize) -> Row {
        loop {
            match self.next_record() {
                Ok(false) => return Row::End,
                Err(e) => return Row::Broken(e),
                Ok(true) if self.is_blank() => continue,
                Ok(true) if self.len() != width => {
                    return Row::WrongWidth {
                        row: self.row,
                        cells: self.len(),
                    }
                }
                Ok(true) => return Row::Data(self.row),
            }
        }
    }
}

fn memchr_quote(s: &[u8]) -> Option<usize> {
    s.iter().position(|&b| b == b'"')
}

/// The separator of a CSV file: the most frequent of `,` `;` tab outside quotes in its header
/// (labels exports put commas inside quoted headers of `;`-separated files).
pub fn sniff_separator(text: &str) -> u8 {
    let (mut comma, mut semi, mut tab) = (0, 0, 0);
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => comma += 1,
            b';' if !quoted => semi += 1,
            b'\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    if semi > comma && semi >= tab {
        b';'
    } else if tab > comma {
        b'\t'
    } else {
        b','
    }
}

/// Where a cell is, for problems: `row 4, column "justice.access"`.
pub fn place(row: usize, column: &str) -> String {
    format!("row {row}, column {}", crate::value::quote(column))
}

/// Appends one cell of text, quoted where needed. Text that a spreadsheet would run as a
/// formula (starting with = + - @ or a tab) gets a leading `'`, which `unguard` removes on read.
pub fn push_text(out: &mut String, text: &str) {
    let risky = matches!(
        text.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    let needs_quotes = risky
        || text.contains([',', ';', '"', '\n', '\r'])
        || text.starts_with(' ')
        || text.ends_with(' ');
    if needs_quotes {
        out.push('"');
        if risky {
            out.push('\'');
        }
        for c in text.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// Undoes the formula guard of `push_text`.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if matches!(
                rest.as_bytes().first(),
                Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
            ) =>
        {
            rest
        }
        _ => cell,
    }
}

/// Appends a number in the shortest form that reads back to the same bits.
pub fn push_number(out: &mut String, x: f64) {
    use std::fmt::Write;
    if x.is_finite() {
        let _ = write!(out, "{x}");
    }
}

/// How CSV is written for people: the separator, the decimal mark, how many decimals, band names
/// in their language. The default is the CLI's: `,`, every digit, band ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// `,` or `;`.
    pub separator: u8,
    /// `56,5` rather than `56.5`.
    pub decimal_comma: bool,
    /// Numbers rounded to this many decimals; `None`: every digit (the shortest text that reads
    /// back as the same number).
    pub digits: Option<usize>,
    /// Band names by band id, for the results' band column; a band not listed keeps its id.
    pub band_labels: Vec<(String, String)>,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            separator: b',',
            decimal_comma: false,
            digits: None,
            band_labels: Vec::new(),
        }
    }
}

const STYLE_FIELDS: &[&str] = &["separator", "decimalComma", "digits", "bandLabels"];
/// The most decimals `digits` may ask for.
pub const MAX_DIGITS: usize = 15;

impl Style {
    /// Reads `{separator: "," | ";", decimalComma: bool, digits: 0-15, bandLabels: {id: name}}`,
    /// every member optional (null: the default style).
    pub fn from_value(value: &Value) -> Result<Style, Vec<Issue>> {
        let mut style = Style::default();
        if matches!(value, Value::Null) {
            return Ok(style);
        }
        let mut issues = Vec::new();
        let Some(f) = Fields::open(value, "$", STYLE_FIELDS, &mut issues) else {
            return Err(issues);
        };
        let separators = [(",", b','), (";", b';')];
        if let Some(sep) = f.choice("separator", &separators, Some(b','), &mut issues) {
            style.separator = sep;
        }
        match f.get("decimalComma") {
            None => {}
            Some(Value::Bool(b)) => style.decimal_comma = *b,
            Some(other) => issues.push(Issue::new(
                f.at("decimalComma"),
                format!("expected true or false, found {}", other.kind()),
            )),
        }
        if f.get("digits").is_some() {
            match f.number("digits", None, &mut issues) {
                Some(d) if d.fract() == 0.0 && (0.0..=MAX_DIGITS as f64).contains(&d) => {
                    style.digits = Some(d as usize)
                }
                Some(d) => issues.push(Issue::new(
                    f.at("digits"),
                    format!("must be a whole number from 0 to {MAX_DIGITS}, found {d}"),
                )),
                None => {}
            }
        }
        match f.get("bandLabels") {
            None => {}
            Some(Value::Object(labels)) => {
                for (id, label) in labels {
                    match label {
                        Value::String(name) => style.band_labels.push((id.clone(), name.clone())),
                        other => issues.push(Issue::new(
                            path_key(&f.at("bandLabels"), id),
                            format!("expected a band name, found {}", other.kind()),
                        )),
                    }
                }
            }
            Some(other) => issues.push(Issue::new(
                f.at("bandLabels"),
                format!("expected an object of band names, found {}", other.kind()),
            )),
        }
        if issues.is_empty() {
            Ok(style)
        } else {
            Err(issues)
        }
    }

    /// The name of band `id` in this style.
    pub fn band<'a>(&'a self, id: &'a str) -> &'a str {
        self.band_labels
            .iter()
            .find(|(b, _)| b == id)
            .map_or(id, |(_, name)| name)
    }
}

/// Writes CSV cell by cell in a [`Style`]: text quoted where needed and guarded against formulas
/// ([`push_text`]), numbers as the style says, empty for none.
pub struct Writer<'a> {
    out: String,
    style: &'a Style,
    row_start: bool,
}

impl<'a> Writer<'a> {
    pub fn new(style: &'a Style, capacity: usize) -> Writer<'a> {
        Writer {
            out: String::with_capacity(capacity),
            style,
            row_start: true,
        }
    }

    fn next_cell(&mut self) {
        if !self.row_start {
            self.out.push(self.style.separator as char);
        }
        self.row_start = false;
    }

    pub fn text(&mut self, text: &str) {
        self.next_cell();
        push_text(&mut self.out, text);
    }

    /// A number; NaN (no score) is an empty cell.
    pub fn number(&mut self, x: f64) {
        self.next_cell();
        let style = self.style;
        if !x.is_finite() {
            return;
        }
        if style.digits.is_none() && !style.decimal_comma {
            push_number(&mut self.out, x);
            return;
        }
        // (Rounded as the app's screen rounds: push_fixed.)
        let mut s = String::new();
        match style.digits {
            Some(d) => crate::digits::push_fixed(&mut s, x, d as u32),
            None => crate::digits::push_f64(&mut s, x),
        }
        // Rounded to zero: no sign.
        if s.starts_with('-') && s.bytes().all(|b| matches!(b, b'-' | b'0' | b'.')) {
            s.remove(0);
        }
        if style.decimal_comma {
            s = s.replace('.', ",");
        }
        if s.contains(style.separator as char) {
            self.out.push('"');
            self.out.push_str(&s);
            self.out.push('"');
        } else {
            self.out.push_str(&s);
        }
    }

    pub fn end_row(&mut self) {
        self.out.push('\n');
        self.row_start = true;
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(text: &str, sep: u8) -> Result<Vec<Vec<String>>, CsvError> {
        let mut r = Reader::new(text, sep);
        let mut rows = Vec::new();
        while r.next_record()? {
            rows.push(r.fields().map(String::from).collect());
        }
        Ok(rows)
    }

    #[test]
    fn quoting_bom_crlf_and_separators() {
        let rows = read_all(
            "\u{feff}a,\"b,\"\"c\"\"\"\r\n\"multi\nline\",\r\nlast",
            b',',
        )
        .unwrap();
        assert_eq!(
            rows,
            vec![vec!["a", "b,\"c\""], vec!["multi\nline", ""], vec!["last"]]
        );
        let rows = read_all("x;y\n1,5;2\n", b';').unwrap();
        assert_eq!(rows, vec![vec!["x", "y"], vec!["1,5", "2"]]);
    }

    #[test]
    fn unclosed_quote_names_its_row() {
        let err = read_all("a\nb\n\"oops\n", b',').unwrap_err();
        assert_eq!(err.row, 3);
    }

    #[test]
    fn text_round_trips_and_formulas_are_disarmed() {
        for text in [
            "plain",
            "with, comma",
            "quote \" inside",
            "=HYPERLINK(\"x\")",
            "-1",
            " pad ",
        ] {
            let mut line = String::new();
            push_text(&mut line, text);
            let rows = read_all(&line, b',').unwrap();
            assert_eq!(unguard(&rows[0][0]), text);
            assert!(!rows[0][0].starts_with('='));
        }
    }

    #[test]
    fn sniffs_french_locale() {
        assert_eq!(sniff_separator("id;unit;a\n"), b';');
        assert_eq!(sniff_separator("id,unit,a\n"), b',');
        assert_eq!(sniff_separator("id\tunit\n"), b'\t');
    }
}
