//! The files an import is given, as text: CSV in any encoding `text::decode` reads, or an .xlsx
//! workbook (read by `calamine`) whose first worksheet is turned into CSV, so that one reader
//! serves both. Row numbers stay those of the worksheet.

use resilience::issue::Issue;
use resilience::text::{decode, Encoding};
use std::borrow::Cow;

/// What a file was read as, for the report: `CSV, UTF-8`, `xlsx, sheet "Data"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened<'a> {
    pub text: Cow<'a, str>,
    pub format: String,
    /// The encoding of a CSV file; `None` for a workbook.
    pub encoding: Option<Encoding>,
}

/// True for a ZIP archive, as .xlsx workbooks are.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// A file's text: a workbook's first sheet as CSV, or decoded CSV text. An empty file is an
/// error.
pub fn open(bytes: &[u8]) -> Result<Opened<'_>, Issue> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) || bytes == b"\xEF\xBB\xBF" {
        return Err(Issue::new("file", "the file is empty: nothing to import"));
    }
    if is_zip(bytes) {
        let (name, text) = first_sheet(bytes)?;
        return Ok(Opened {
            text: Cow::Owned(text),
            format: format!("xlsx, sheet {}", resilience::value::quote(&name)),
            encoding: None,
        });
    }
    let (text, enc) = decode(bytes)?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Issue::new("file", "the file is empty: nothing to import"));
    }
    Ok(Opened {
        text,
        format: format!("CSV, {}", enc.name()),
        encoding: Some(enc),
    })
}

/// The first worksheet of an .xlsx workbook as CSV (`,`, every cell quoted), from row 1.
fn first_sheet(bytes: &[u8]) -> Result<(String, String), Issue> {
    use calamine::{Reader, Xlsx};
    let bad = |e: &dyn std::fmt::Display| {
        Issue::new(
            "file",
            format!("not a readable .xlsx workbook ({e}): save it again as .xlsx or as CSV"),
        )
    };
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(Issue::new("file", "the workbook has no worksheet"));
    };
    let range = book.worksheet_range(&name).map_err(|e| bad(&e))?;
    let mut out = String::new();
    if let Some((row0, col0)) = range.start() {
        // Rows above the first cell are empty lines, so row numbers are the sheet's.
        for _ in 0..row0 {
            out.push('\n');
        }
        for row in range.rows() {
            for _ in 0..col0 {
                out.push(',');
            }
            for (k, cell) in row.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                let text = cell_text(cell);
                if !text.is_empty() {
                    out.push('"');
                    out.push_str(&text.replace('"', "\"\""));
                    out.push('"');
                }
            }
            out.push('\n');
        }
    }
    Ok((name, out))
}

/// A cell as the text a CSV export would hold: numbers in their shortest form (`2017`, not
/// `2017.0`), dates as ISO dates, and date-times as ISO date-times.
fn cell_text(cell: &calamine::Data) -> Cow<'_, str> {
    use calamine::Data;
    match cell {
        Data::Empty => Cow::Borrowed(""),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cow::Borrowed(s.trim()),
        Data::Int(i) => Cow::Owned(i.to_string()),
        Data::Float(f) => Cow::Owned(format!("{f}")),
        Data::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
        Data::Error(e) => Cow::Owned(format!("#{e:?}")),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if dt.as_f64().fract() == 0.0 {
                Cow::Owned(format!("{y:04}-{mo:02}-{d:02}"))
            } else {
                Cow::Owned(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}"))
            }
        }
        Data::DateTime(dt) => Cow::Owned(format!("{}", dt.as_f64())),
    }
}
