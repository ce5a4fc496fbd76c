//! Assessments as CSV, the form analysts keep in spreadsheets: one row per respondent, columns
//! `id`, `unit`, `date`, then indicator ids; rows sharing an `id` are one assessment's
//! respondents; an empty cell is not scored. Problems are named by row and column.
//!
//! The warning signs and the evidence have columns of their own, any of them optional:
//! `context.<id>` (`present`, `absent` or `unknown`), `context.<id>.date`, `context.<id>.note`,
//! and `evidence.<indicator id>.source` (kinds separated by spaces), `.date` and `.confidence`.
//! They belong to the assessment, not to a respondent: any of its rows may carry them, and
//! rows that both do must agree, as for `unit` and `date`.
//!
//! An optional `group` column scores the assessment by group ("as experienced by"): a row with
//! a group name is a respondent of that group, a row without one a respondent of the whole.

use crate::assessment::{
    check_date, check_score, check_unique_ids, known_indicator, known_item, Assessment, Confidence,
    ContextAnswer, Evidence, Missing, Sources, Status,
};
use crate::csv::{place, unguard, Reader, Row};
use crate::framework::Framework;
use crate::issue::Issue;
use crate::value::quote;
use std::collections::HashMap;

/// Stop collecting after this many problems: a wrong file would otherwise list millions.
pub const MAX_ISSUES: usize = 1000;

pub(crate) enum Column {
    Id,
    Unit,
    Date,
    Group,
    Indicator(usize),
    /// A warning sign or trigger's status, date or note.
    Context(usize, ContextField),
    /// An indicator's evidence: its sources, date or confidence.
    Evidence(usize, EvidenceField),
    Ignored,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ContextField {
    Status,
    Date,
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EvidenceField {
    Source,
    Date,
    Confidence,
}

/// What a header names that is not an indicator: `context.…` or `evidence.…`, or `None`.
fn extra_column(fw: &Framework, name: &str, issues: &mut Vec<Issue>) -> Option<Column> {
    let at = || place(1, name);
    if let Some(rest) = name.strip_prefix("context.") {
        let (id, field) = match rest.rsplit_once('.') {
            Some((id, "date")) => (id, ContextField::Date),
            Some((id, "note")) => (id, ContextField::Note),
            Some(_) => {
                issues.push(Issue::new(
                    at(),
                    "expected context.<id>, context.<id>.date or context.<id>.note",
                ));
                return Some(Column::Ignored);
            }
            None => (rest, ContextField::Status),
        };
        let column = known_item(fw, id, &at(), issues).map(|k| Column::Context(k, field));
        return Some(column.unwrap_or(Column::Ignored));
    }
    if let Some(rest) = name.strip_prefix("evidence.") {
        let (id, field) = match rest.rsplit_once('.') {
            Some((id, "source")) => (id, EvidenceField::Source),
            Some((id, "date")) => (id, EvidenceField::Date),
            Some((id, "confidence")) => (id, EvidenceField::Confidence),
            _ => {
                issues.push(Issue::new(
                    at(),
                    "expected evidence.<indicator id>.source, .date or .confidence",
                ));
                return Some(Column::Ignored);
            }
        };
        let column = known_indicator(fw, id, at, issues).map(|i| Column::Evidence(i, field));
        return Some(column.unwrap_or(Column::Ignored));
    }
    None
}

/// A cell of a `context.…` or `evidence.…` column, checked and put in one form (so that
/// `Present` and `present` in two rows agree); the problem otherwise.
fn extra_cell(column: &Column, cell: &str) -> Result<String, String> {
    match column {
        Column::Context(_, ContextField::Status) => Status::from_name(cell)
            .map(|s| s.name().to_string())
            .ok_or_else(|| {
                format!(
                    "{} is not a status; expected one of: {}",
                    quote(cell),
                    Status::names()
                )
            }),
        Column::Context(_, ContextField::Date) | Column::Evidence(_, EvidenceField::Date) => {
            check_date(cell).map(|()| cell.to_string())
        }
        Column::Context(_, ContextField::Note) => Ok(unguard(cell).to_string()),
        Column::Evidence(_, EvidenceField::Source) => Sources::parse(cell).map(|s| s.cell()),
        Column::Evidence(_, EvidenceField::Confidence) => Confidence::from_name(cell)
            .map(|c| c.name().to_string())
            .ok_or_else(|| {
                format!(
                    "{} is not a confidence; expected one of: {}",
                    quote(cell),
                    Confidence::names()
                )
            }),
        _ => Ok(cell.to_string()),
    }
}

/// One assessment's `context.…` and `evidence.…` cells: (column, value, row), one per column.
type Extras = Vec<(usize, String, usize)>;

/// The warning signs and evidence of one assessment from its cells, in framework order; a
/// date or note without a status is a problem.
fn build_extras(
    a: &mut Assessment,
    extras: &Extras,
    columns: &[Column],
    header: &[String],
    fw: &Framework,
    issues: &mut Vec<Issue>,
) {
    for (c, value, _) in extras {
        match columns[*c] {
            Column::Context(k, field) => {
                let at = match a.context.iter().position(|x| x.item == k) {
                    Some(at) => at,
                    None => {
                        a.context.push(ContextAnswer {
                            item: k,
                            // Set below, or named as missing.
                            status: Status::Unknown,
                            date: None,
                            note: None,
                        });
                        a.context.len() - 1
                    }
                };
                let answer = &mut a.context[at];
                match field {
                    ContextField::Status => {
                        answer.status = Status::from_name(value).unwrap_or(Status::Unknown)
                    }
                    ContextField::Date => answer.date = Some(value.clone()),
                    ContextField::Note => answer.note = Some(value.clone()),
                }
            }
            Column::Evidence(i, field) => {
                let at = match a.evidence.iter().position(|e| e.indicator == i) {
                    Some(at) => at,
                    None => {
                        a.evidence.push(Evidence::new(i));
                        a.evidence.len() - 1
                    }
                };
                let e = &mut a.evidence[at];
                match field {
                    EvidenceField::Source => e.sources = Sources::parse(value).unwrap_or_default(),
                    EvidenceField::Date => e.date = Some(value.clone()),
                    EvidenceField::Confidence => e.confidence = Confidence::from_name(value),
                }
            }
            _ => {}
        }
    }
    // A date or note with no status: the status cannot be guessed ("unknown" says something).
    for answer in &a.context {
        let has_status = extras.iter().any(|(c, _, _)| {
            matches!(columns[*c], Column::Context(k, ContextField::Status) if k == answer.item)
        });
        if has_status {
            continue;
        }
        if let Some((c, _, row)) = extras
            .iter()
            .find(|(c, _, _)| matches!(columns[*c], Column::Context(k, _) if k == answer.item))
        {
            issues.push(Issue::new(
                place(*row, &header[*c]),
                format!(
                    "a date or note needs a status: give it in column {} ({}) of a row of assessment {}",
                    quote(&format!("context.{}", fw.context[answer.item].id)),
                    Status::names(),
                    quote(&a.id)
                ),
            ));
        }
    }
    crate::sort::by_key(&mut a.context, |x| x.item);
    a.evidence.retain(|e| !e.is_empty());
    crate::sort::by_key(&mut a.evidence, |e| e.indicator);
}

/// Reads assessments from CSV text (separator `,`, `;` or tab, guessed from the header).
pub fn read_csv(text: &str, fw: &Framework) -> Result<Vec<Assessment>, Vec<Issue>> {
    let (mut reader, header) = Reader::open(text).map_err(|e| vec![e])?;
    let columns = read_header(&header, fw)?;
    let mut cells = RowCells::new(fw, &columns, &header, reader.separator == b';');
    let mut batch = BatchBuilder::new(fw.indicators.len());
    let mut issues = Vec::new();
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
        let who = cells.read(&reader, row, &mut issues);
        if who.id.is_empty() {
            issues.push(Issue::new(
                place(row, "id"),
                "is empty; every row needs the id of its assessment",
            ));
            continue;
        }
        if !who.date.is_empty() {
            if let Err(msg) = check_date(who.date) {
                issues.push(Issue::new(place(row, "date"), msg));
            }
        }
        batch.add(row, &who, &mut cells, &header, &mut issues);
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    batch.finish(&columns, &header, fw)
}

/// The header's columns; every problem of the header at once (an empty or repeated name, an
/// unknown indicator, no `id`).
fn read_header(header: &[String], fw: &Framework) -> Result<Vec<Column>, Vec<Issue>> {
    let mut issues = Vec::new();
    let mut columns = Vec::with_capacity(header.len());
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (c, name) in header.iter().enumerate() {
        let col = match name.as_str() {
            "id" => Column::Id,
            "unit" => Column::Unit,
            "date" => Column::Date,
            "group" => Column::Group,
            "" => {
                issues.push(Issue::new(
                    format!("row 1, column {}", c + 1),
                    "empty column name",
                ));
                Column::Ignored
            }
            // An indicator first: a framework may have ids that start with "context.".
            other => match fw.indicator_index(other) {
                Some(i) => Column::Indicator(i),
                None => match extra_column(fw, other, &mut issues) {
                    Some(col) => col,
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
    if issues.is_empty() {
        Ok(columns)
    } else {
        Err(issues)
    }
}

/// Whose row it is: the text of its `id`, `unit`, `date` and `group` cells.
struct Who<'r> {
    id: &'r str,
    unit: &'r str,
    date: &'r str,
    group: &'r str,
}

/// One row's cells read into buffers kept from row to row: the scores (NaN = empty), the
/// reasons given instead of a score, the context and evidence cells.
struct RowCells<'a> {
    fw: &'a Framework,
    columns: &'a [Column],
    header: &'a [String],
    decimal_comma: bool,
    values: Vec<f64>,
    /// Cells given as a reason (`dk`, `na`, `unsafe`) instead of a score.
    missing: Vec<(usize, Missing)>,
    /// Context and evidence cells, checked: (column, value).
    extras: Vec<(usize, String)>,
}

impl<'a> RowCells<'a> {
    fn new(fw: &'a Framework, columns: &'a [Column], header: &'a [String], comma: bool) -> Self {
        RowCells {
            fw,
            columns,
            header,
            decimal_comma: comma,
            values: vec![f64::NAN; fw.indicators.len()],
            missing: Vec::new(),
            extras: Vec::new(),
        }
    }

    /// Reads row `row` of `reader`; each bad cell is a problem at its row and column.
    fn read<'r>(&mut self, reader: &'r Reader, row: usize, issues: &mut Vec<Issue>) -> Who<'r> {
        self.values.fill(f64::NAN);
        self.missing.clear();
        self.extras.clear();
        let mut who = Who {
            id: "",
            unit: "",
            date: "",
            group: "",
        };
        let place_of = |c: usize| place(row, &self.header[c]);
        for (c, col) in self.columns.iter().enumerate() {
            let cell = reader.field(c).trim();
            match col {
                Column::Id => who.id = unguard(cell),
                Column::Unit => who.unit = unguard(cell),
                Column::Date => who.date = unguard(cell),
                Column::Group => who.group = unguard(cell),
                Column::Ignored => {}
                Column::Context(..) | Column::Evidence(..) if cell.is_empty() => {}
                Column::Context(..) | Column::Evidence(..) => match extra_cell(col, cell) {
                    Ok(v) => self.extras.push((c, v)),
                    Err(msg) => issues.push(Issue::new(place_of(c), msg)),
                },
                Column::Indicator(i) if cell.is_empty() => self.values[*i] = f64::NAN,
                Column::Indicator(i) => match parse_decimal(cell, self.decimal_comma) {
                    // The location string is built only for a cell that is wrong.
                    Some(x) if in_scale(self.fw, *i, x) => self.values[*i] = x,
                    Some(x) => {
                        check_score(self.fw, *i, x, || place_of(c), issues);
                    }
                    None => match Missing::from_code(cell) {
                        Some(m) => self.missing.push((*i, m)),
                        None => issues.push(Issue::new(
                            place_of(c),
                            format!(
                                "{} is not a number, nor dk (don't know), na (not applicable) or unsafe (unsafe to ask)",
                                quote(cell)
                            ),
                        )),
                    },
                },
            }
        }
        who
    }
}

/// The assessments being read, row by row.
struct BatchBuilder {
    /// Indicators per row.
    n: usize,
    batch: Vec<Assessment>,
    /// The groups' own assessments (rows with a `group`), with the index of theirs in `batch`.
    groups: Vec<(u32, Assessment)>,
    group_index: HashMap<(u32, String), u32>,
    index: HashMap<String, u32>,
    /// Each assessment's first row, for the problems that compare with it.
    first_row: Vec<usize>,
    /// Each assessment's context and evidence cells (empty, without allocating, when the file
    /// has no such column).
    extras: Vec<Extras>,
    /// Rows of the owner being read (NaN = empty), moved into it when the owner changes:
    /// respondents' rows usually follow each other, and a batch-wide row buffer would double
    /// the memory of a large file.
    pending: Vec<f64>,
    pending_owner: Option<Owner>,
}

impl BatchBuilder {
    fn new(n: usize) -> Self {
        BatchBuilder {
            n,
            batch: Vec::new(),
            groups: Vec::new(),
            group_index: HashMap::new(),
            index: HashMap::new(),
            first_row: Vec::new(),
            extras: Vec::new(),
            pending: Vec::new(),
            pending_owner: None,
        }
    }

    /// Adds row `row` (`who`, `cells`) to its assessment, or to the group of it it names.
    fn add(
        &mut self,
        row: usize,
        who: &Who,
        cells: &mut RowCells,
        header: &[String],
        issues: &mut Vec<Issue>,
    ) {
        let k = self.assessment(who.id, row);
        self.keep_extras(k, row, who.id, &mut cells.extras, header, issues);
        let owner = Owner {
            assessment: k,
            group: (!who.group.is_empty()).then(|| self.group(k, who.group)),
        };
        owner
            .of(&mut self.batch, &mut self.groups)
            .missing
            .extend_from_slice(&cells.missing);
        let a = &mut self.batch[k as usize];
        for (field, text, name) in [
            (&mut a.unit, who.unit, "unit"),
            (&mut a.date, who.date, "date"),
        ] {
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
                        self.first_row[k as usize],
                        quote(who.id)
                    ),
                )),
                Some(_) => {}
            }
        }
        if self.pending_owner != Some(owner) {
            self.flush();
            self.pending_owner = Some(owner);
        }
        self.pending.extend_from_slice(&cells.values);
    }

    /// The index of assessment `id`, added (first seen in `row`) when new.
    fn assessment(&mut self, id: &str, row: usize) -> u32 {
        // Respondents' rows usually follow each other: the previous row's assessment is
        // checked before the index, which saves hashing most ids.
        if let Some(k) = self
            .pending_owner
            .map(|o| o.assessment)
            .filter(|&k| self.batch[k as usize].id == id)
        {
            return k;
        }
        if let Some(&k) = self.index.get(id) {
            return k;
        }
        let k = self.batch.len() as u32;
        self.index.insert(id.to_string(), k);
        self.batch.push(Assessment::new(id.to_string(), self.n));
        self.extras.push(Vec::new());
        self.first_row.push(row);
        k
    }

    /// The index of assessment `k`'s group `name`, added when new.
    fn group(&mut self, k: u32, name: &str) -> u32 {
        if let Some(&g) = self.group_index.get(&(k, name.to_string())) {
            return g;
        }
        let g = self.groups.len() as u32;
        self.group_index.insert((k, name.to_string()), g);
        self.groups
            .push((k, Assessment::new(name.to_string(), self.n)));
        g
    }

    /// Keeps this row's context and evidence cells for assessment `k`: one value a column,
    /// and a problem where two rows give different ones.
    fn keep_extras(
        &mut self,
        k: u32,
        row: usize,
        id: &str,
        cells: &mut Vec<(usize, String)>,
        header: &[String],
        issues: &mut Vec<Issue>,
    ) {
        let seen = &mut self.extras[k as usize];
        for (c, value) in cells.drain(..) {
            match seen.iter().find(|(col, _, _)| *col == c) {
                None => seen.push((c, value, row)),
                Some((_, prev, _)) if *prev == value => {}
                Some((_, prev, at)) => issues.push(Issue::new(
                    place(row, &header[c]),
                    format!(
                        "{} differs from {} in row {at} of the same assessment {}",
                        quote(&value),
                        quote(prev),
                        quote(id)
                    ),
                )),
            }
        }
    }

    /// Moves the pending rows into their owner.
    fn flush(&mut self) {
        if let Some(prev) = self.pending_owner {
            add_rows(
                prev.of(&mut self.batch, &mut self.groups),
                &self.pending,
                self.n,
            );
        }
        self.pending.clear();
    }

    /// The assessments read, with their groups, warning signs and evidence, ids checked.
    fn finish(
        mut self,
        columns: &[Column],
        header: &[String],
        fw: &Framework,
    ) -> Result<Vec<Assessment>, Vec<Issue>> {
        self.flush();
        let mut batch = self.batch;
        for (k, g) in self.groups {
            batch[k as usize].groups.push(g);
        }
        let mut issues = Vec::new();
        for (a, cells) in batch.iter_mut().zip(&self.extras) {
            if !cells.is_empty() {
                build_extras(a, cells, columns, header, fw, &mut issues);
            }
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        let first_row = self.first_row;
        check_unique_ids(&batch, |k| place(first_row[k], "id"), &mut issues);
        Ok(batch)
    }
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

/// Whose respondent a row is: an assessment's (index in the batch), or one of its groups'
/// (index in the groups read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Owner {
    assessment: u32,
    group: Option<u32>,
}

impl Owner {
    fn of<'a>(
        self,
        batch: &'a mut [Assessment],
        groups: &'a mut [(u32, Assessment)],
    ) -> &'a mut Assessment {
        match self.group {
            Some(g) => &mut groups[g as usize].1,
            None => &mut batch[self.assessment as usize],
        }
    }
}

/// Parses a cell as a number; the common one-digit anchor score takes a fast path.
pub fn parse_number(cell: &str) -> Option<f64> {
    match cell.as_bytes() {
        [d] if d.is_ascii_digit() => Some((d - b'0') as f64),
        _ => cell.parse::<f64>().ok().filter(|x| x.is_finite()),
    }
}

/// A number in a cell; with `decimal_comma` (files whose separator is `;`: spreadsheets in
/// locales that write `2,5`, and the app's French export), `2,5` is 2.5.
pub fn parse_decimal(cell: &str, decimal_comma: bool) -> Option<f64> {
    parse_number(cell).or_else(|| {
        if decimal_comma && !cell.contains('.') && cell.matches(',').count() == 1 {
            parse_number(&cell.replacen(',', ".", 1))
        } else {
            None
        }
    })
}

/// The `context.…` and `evidence.…` columns some assessment of `batch` has a value for, in
/// framework order.
pub(crate) fn extra_columns(batch: &[Assessment], fw: &Framework) -> Vec<Column> {
    let mut out = Vec::new();
    if batch
        .iter()
        .all(|a| a.context.is_empty() && a.evidence.is_empty())
    {
        return out;
    }
    for k in 0..fw.context.len() {
        for field in [ContextField::Status, ContextField::Date, ContextField::Note] {
            let col = Column::Context(k, field);
            if batch.iter().any(|a| extra_value(&col, a).is_some()) {
                out.push(col);
            }
        }
    }
    for i in 0..fw.indicators.len() {
        for field in [
            EvidenceField::Source,
            EvidenceField::Date,
            EvidenceField::Confidence,
        ] {
            let col = Column::Evidence(i, field);
            if batch.iter().any(|a| extra_value(&col, a).is_some()) {
                out.push(col);
            }
        }
    }
    out
}

pub(crate) fn extra_name(col: &Column, fw: &Framework) -> String {
    match *col {
        Column::Context(k, field) => {
            let id = &fw.context[k].id;
            match field {
                ContextField::Status => format!("context.{id}"),
                ContextField::Date => format!("context.{id}.date"),
                ContextField::Note => format!("context.{id}.note"),
            }
        }
        Column::Evidence(i, field) => {
            let id = &fw.nodes[fw.indicators[i]].id;
            let f = match field {
                EvidenceField::Source => "source",
                EvidenceField::Date => "date",
                EvidenceField::Confidence => "confidence",
            };
            format!("evidence.{id}.{f}")
        }
        _ => String::new(),
    }
}

pub(crate) fn extra_value(col: &Column, a: &Assessment) -> Option<String> {
    match *col {
        Column::Context(k, field) => {
            let answer = a.context_of(k)?;
            match field {
                ContextField::Status => Some(answer.status.name().to_string()),
                ContextField::Date => answer.date.clone(),
                ContextField::Note => answer.note.clone(),
            }
        }
        Column::Evidence(i, field) => {
            let e = a.evidence_of(i)?;
            match field {
                EvidenceField::Source => (!e.sources.is_empty()).then(|| e.sources.cell()),
                EvidenceField::Date => e.date.clone(),
                EvidenceField::Confidence => e.confidence.map(|c| c.name().to_string()),
            }
        }
        _ => None,
    }
}
