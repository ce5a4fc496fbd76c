//! Assessments as CSV, the form analysts keep in spreadsheets: one row per respondent, columns
//! `id`, `unit`, `date`, then indicator ids; rows sharing an `id` are one assessment's
//! respondents; an empty cell is not scored. Problems are named by row and column.

use crate::assessment::{check_date, check_score, check_unique_ids, Assessment, Missing};
use crate::csv::{place, push_number, push_text, unguard, Reader, Row};
use crate::framework::Framework;
use crate::issue::Issue;
use crate::value::quote;
use std::collections::HashMap;

/// Stop collecting after this many problems: a wrong file would otherwise list millions.
pub const MAX_ISSUES: usize = 1000;

enum Column {
    Id,
    Unit,
    Date,
    Indicator(usize),
    Ignored,
}

/// Reads assessments from CSV text (separator `,`, `;` or tab, guessed from the header).
pub fn read_csv(text: &str, fw: &Framework) -> Result<Vec<Assessment>, Vec<Issue>> {
    let mut issues = Vec::new();
    let (mut reader, header) = Reader::open(text).map_err(|e| vec![e])?;
    let n = fw.indicators.len();
    let mut columns = Vec::with_capacity(header.len());
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (c, name) in header.iter().enumerate() {
        let col = match name.as_str() {
            "id" => Column::Id,
            "unit" => Column::Unit,
            "date" => Column::Date,
            "" => {
                issues.push(Issue::new(
                    format!("row 1, column {}", c + 1),
                    "empty column name",
                ));
                Column::Ignored
            }
            other => match fw.indicator_index(other) {
                Some(i) => Column::Indicator(i),
                None => {
                    issues.push(Issue::new(
                        place(1, other),
                        format!(
                            "unknown indicator id (framework {} {})",
                            quote(&fw.id),
                            fw.version
                        ),
                    ));
                    Column::Ignored
                }
            },
        };
        if !name.is_empty() {
            if let Some(first) = seen.insert(name, c) {
                issues.push(Issue::new(
                    place(1, name),
                    format!("appears twice (columns {} and {})", first + 1, c + 1),
                ));
            }
        }
        columns.push(col);
    }
    if !seen.contains_key("id") {
        issues.push(Issue::new(
            "row 1",
            "needs an \"id\" column: rows sharing an id are one assessment's respondents",
        ));
    }
    if !issues.is_empty() {
        return Err(issues);
    }

    // Rows of the assessment being read (NaN = empty), moved into it when the id changes:
    // respondents' rows usually follow each other, and a batch-wide row buffer would double
    // the memory of a large file.
    let mut pending: Vec<f64> = Vec::new();
    let mut pending_owner: Option<u32> = None;
    let mut batch: Vec<Assessment> = Vec::new();
    let mut first_row: Vec<usize> = Vec::new();
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut row_values = vec![f64::NAN; n];
    // Cells of this row given as a reason (`dk`, `na`, `unsafe`) instead of a score.
    let mut row_missing: Vec<(usize, Missing)> = Vec::new();
    loop {
        let row = match reader.next_row(columns.len()) {
            Row::Data(row) => row,
            Row::End => break,
            Row::Broken(e) => {
                issues.push(Issue::new(format!("row {}", e.row), e.message));
                break;
            }
            Row::WrongWidth { row, cells } => {
                issues.push(Issue::new(
                    format!("row {row}"),
                    format!(
                        "{cells} cells, but the header has {} columns",
                        columns.len()
                    ),
                ));
                continue;
            }
        };
        if issues.len() >= MAX_ISSUES {
            issues.push(Issue::new(
                format!("row {row}"),
                "too many problems; stopped reading here",
            ));
            break;
        }
        row_values.fill(f64::NAN);
        row_missing.clear();
        let (mut id, mut unit, mut date) = ("", "", "");
        for (c, col) in columns.iter().enumerate() {
            let cell = reader.field(c).trim();
            match col {
                Column::Id => id = unguard(cell),
                Column::Unit => unit = unguard(cell),
                Column::Date => date = unguard(cell),
                Column::Ignored => {}
                Column::Indicator(i) if cell.is_empty() => row_values[*i] = f64::NAN,
                Column::Indicator(i) => match parse_number(cell) {
                    // The location string is built only for a cell that is wrong.
                    Some(x) if in_scale(fw, *i, x) => row_values[*i] = x,
                    Some(x) => {
                        check_score(fw, *i, x, || place(row, &header[c]), &mut issues);
                    }
                    None => match Missing::from_code(cell) {
                        Some(m) => row_missing.push((*i, m)),
                        None => issues.push(Issue::new(
                            place(row, &header[c]),
                            format!(
                                "{} is not a number, nor dk (don't know), na (not applicable) or unsafe (unsafe to ask)",
                                quote(cell)
                            ),
                        )),
                    },
                },
            }
        }
        if id.is_empty() {
            issues.push(Issue::new(
                place(row, "id"),
                "is empty; every row needs the id of its assessment",
            ));
            continue;
        }
        if !date.is_empty() {
            if let Err(msg) = check_date(date) {
                issues.push(Issue::new(place(row, "date"), msg));
            }
        }
        // Respondents' rows usually follow each other: the previous row's assessment is
        // checked before the index, which saves hashing most ids.
        let k = match pending_owner.filter(|&k| batch[k as usize].id == id) {
            Some(k) => k,
            None => match index.get(id) {
                Some(&k) => k,
                None => {
                    let k = batch.len() as u32;
                    index.insert(id.to_string(), k);
                    batch.push(Assessment::new(id.to_string(), n));
                    first_row.push(row);
                    k
                }
            },
        };
        let a = &mut batch[k as usize];
        a.missing.extend_from_slice(&row_missing);
        for (field, text, name) in [(&mut a.unit, unit, "unit"), (&mut a.date, date, "date")] {
            if text.is_empty() {
                continue;
            }
            match field {
                None => *field = Some(text.to_string()),
                Some(prev) if prev != text => issues.push(Issue::new(
                    place(row, name),
                    format!(
                        "{} differs from {} in row {} of the same assessment {}",
                        quote(text),
                        quote(prev),
                        first_row[k as usize],
                        quote(id)
                    ),
                )),
                Some(_) => {}
            }
        }
        if pending_owner != Some(k) {
            if let Some(prev) = pending_owner {
                add_rows(&mut batch[prev as usize], &pending, n);
            }
            pending.clear();
            pending_owner = Some(k);
        }
        pending.extend_from_slice(&row_values);
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    if let Some(prev) = pending_owner {
        add_rows(&mut batch[prev as usize], &pending, n);
    }

    check_unique_ids(&batch, |k| place(first_row[k], "id"), &mut issues);
    Ok(batch)
}

fn in_scale(fw: &Framework, i: usize, x: f64) -> bool {
    fw.indicator(i)
        .1
        .scale
        .as_ref()
        .is_none_or(|s| x >= s.min && x <= s.max)
}

/// Adds respondents' `rows` (row-major, `n` indicators, NaN = empty) to `a`, after the ones
/// it has (an id whose rows are not all together in the file).
fn add_rows(a: &mut Assessment, rows: &[f64], n: usize) {
    if a.responses.is_empty() {
        // The assessment's first rows (the usual case): no earlier scores to keep.
        a.responses.reserve(rows.len());
        for i in 0..n {
            a.push_scores(
                i,
                rows.chunks_exact(n).map(|r| r[i]).filter(|v| !v.is_nan()),
            );
        }
        return;
    }
    let old = std::mem::take(&mut a.responses);
    let old_spans = std::mem::replace(&mut a.spans, vec![(0, 0); n]);
    a.responses.reserve(old.len() + rows.len());
    for i in 0..n {
        let (start, len) = old_spans[i];
        let before = old[start as usize..(start + len) as usize].iter().copied();
        let new = rows.chunks_exact(n).map(|r| r[i]).filter(|v| !v.is_nan());
        a.push_scores(i, before.chain(new));
    }
}

/// Parses a cell as a number; the common one-digit anchor score takes a fast path.
pub fn parse_number(cell: &str) -> Option<f64> {
    match cell.as_bytes() {
        [d] if d.is_ascii_digit() => Some((d - b'0') as f64),
        _ => cell.parse::<f64>().ok().filter(|x| x.is_finite()),
    }
}

/// Writes assessments as CSV in the form `read_csv` reads: one row per respondent. Respondent k
/// of the assessment gets the k-th score of every indicator that has one.
pub fn write_csv(batch: &[Assessment], fw: &Framework) -> String {
    let mut out = String::from("id,unit,date");
    for &node in &fw.indicators {
        out.push(',');
        push_text(&mut out, &fw.nodes[node].id);
    }
    out.push('\n');
    for a in batch {
        let rows = (0..fw.indicators.len())
            .map(|i| a.spans[i].1)
            .max()
            .unwrap_or(0)
            .max(1);
        for r in 0..rows as usize {
            push_text(&mut out, &a.id);
            out.push(',');
            push_text(&mut out, a.unit.as_deref().unwrap_or(""));
            out.push(',');
            push_text(&mut out, a.date.as_deref().unwrap_or(""));
            for i in 0..fw.indicators.len() {
                out.push(',');
                if let Some(&x) = a.scores(i).get(r) {
                    push_number(&mut out, x);
                } else if let (0, Some(m)) = (r, a.missing_reason(i)) {
                    out.push_str(m.code());
                }
            }
            out.push('\n');
        }
    }
    out
}
