//! Spreadsheets and CSV files as tables: most registers live in one. CSV
//! is read with the `csv` crate (the delimiter, `,` `;` or tab, from the
//! header line: spreadsheet programs in many locales export `;`), `.xlsx`
//! and `.ods` with calamine. The header row is the first row that names
//! at least two fields (title rows above it are skipped).

use super::table::Table;
use super::vocabulary::field;

/// Why a file could not be read as a table.
pub struct SheetError(pub String);

fn delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| first.matches(*d as char).count())
        .filter(|d| first.contains(*d as char))
        .unwrap_or(b',')
}

/// The rows of a sheet as text cells, into a table from its header row.
fn table(rows: Vec<Vec<String>>) -> Result<Table, SheetError> {
    let header_at = rows
        .iter()
        .position(|r| r.iter().filter(|c| field(c).is_some()).count() >= 2)
        .ok_or_else(|| {
            SheetError(
                "no header row names a risk's fields (looked for id, title, risk, likelihood, \
                 impact, owner, status, mitigation ... in the first rows)"
                    .into(),
            )
        })?;
    let mut rows = rows.into_iter().skip(header_at);
    let header = rows.next().unwrap_or_default();
    let body: Vec<Vec<String>> = rows.collect();
    let end = header_at + 1 + body.len();
    Ok(Table {
        header,
        rows: body,
        lines: header_at..end,
        first_row: header_at + 1,
        markdown: false,
    })
}

/// A CSV file (text already decoded).
pub fn csv(text: &str) -> Result<Table, SheetError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| SheetError(format!("CSV: {e}")))?;
        rows.push(record.iter().map(|c| c.trim().to_string()).collect());
    }
    table(rows)
}

/// A spreadsheet date (days since 1899-12-30) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> String {
    let epoch = crate::model::Date::parse("1899-12-30").expect("a valid date");
    epoch.add_days(serial.floor().max(0.0) as u32).to_string()
}

/// The registers the rows of riskbook's own export come from (its
/// `register` column), in order of first sight; empty without one.
pub fn registers_of(t: &Table) -> Vec<String> {
    let Some(c) = register_column(t) else {
        return Vec::new();
    };
    let mut seen: Vec<String> = Vec::new();
    for r in &t.rows {
        if let Some(v) = r.get(c).filter(|v| !v.is_empty())
            && !seen.contains(v)
        {
            seen.push(v.clone());
        }
    }
    seen
}

fn register_column(t: &Table) -> Option<usize> {
    t.header
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case("register"))
}

/// Keeps the rows of register `id`; an error naming the registers there
/// are when none is `id`.
pub fn keep_register(t: &mut Table, id: &str) -> Result<(), SheetError> {
    let all = registers_of(t);
    let c = register_column(t)
        .ok_or_else(|| SheetError("--register: the table has no `register` column".into()))?;
    if !all.iter().any(|r| r == id) {
        return Err(SheetError(format!(
            "--register: no risk of register `{id}`; the rows come from: {}",
            all.join(", ")
        )));
    }
    t.rows.retain(|r| r.get(c).is_some_and(|v| v == id));
    Ok(())
}

/// A sheet's cells as text: whole numbers without `.0`, dates as
/// `YYYY-MM-DD`.
fn texts(range: &calamine::Range<calamine::Data>) -> Vec<Vec<String>> {
    use calamine::Data;
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                    Data::DateTime(d) if d.is_datetime() => excel_date(d.as_f64()),
                    other => other.to_string().trim().to_string(),
                })
                .collect()
        })
        .collect()
}

/// What a `Scales <register>` sheet of riskbook's own workbook says: the
/// register's id, and its `scales`, `scoring`, `levels` and `method` as a
/// register's YAML writes them.
pub struct ScalesSheet {
    pub register: String,
    /// `owasp`, `cvss`, or the mapping of the register's own factors;
    /// none for the matrix.
    pub method: Option<serde_json::Value>,
    pub scales: serde_json::Map<String, serde_json::Value>,
    pub scoring: Option<String>,
    /// A grid's rows, probability highest first.
    pub grid: Option<Vec<Vec<serde_json::Value>>>,
    pub levels: Vec<serde_json::Value>,
}

/// The `Scales ...` sheets of a workbook `riskbook export` wrote (a
/// sheet of another shape is passed over).
pub fn scales_sheets(path: &std::path::Path) -> Vec<ScalesSheet> {
    use calamine::{Reader, open_workbook_auto};
    let Ok(mut book) = open_workbook_auto(path) else {
        return Vec::new();
    };
    let names = book.sheet_names().to_vec();
    names
        .iter()
        .filter_map(|name| {
            let register = name.strip_prefix("Scales ")?.to_string();
            let range = book.worksheet_range(name).ok()?;
            scales_of(register, &texts(&range))
        })
        .collect()
}

fn scales_of(mut register: String, rows: &[Vec<String>]) -> Option<ScalesSheet> {
    use serde_json::{Value, json};
    fn cell(r: &[String], i: usize) -> &str {
        r.get(i).map_or("", String::as_str)
    }
    let mut rows = rows.iter();
    let header = rows.next()?;
    if header
        .iter()
        .take(4)
        .map(String::as_str)
        .ne(["scale", "id", "label", "value"])
    {
        return None;
    }
    let mut scales = serde_json::Map::new();
    let (mut scoring, mut levels) = (None, Vec::new());
    let mut grid: Option<Vec<Vec<Value>>> = None;
    let (mut in_levels, mut in_grid, mut in_factors) = (false, false, false);
    let mut method: Option<Value> = None;
    let mut factors = json!({ "likelihood": [], "impact": [] });
    let mut range = None;
    for r in rows {
        match cell(r, 0) {
            "" => (in_grid, in_factors, in_levels) = (false, false, false),
            // Entry rows first: an id may be any word, `scoring` too.
            id if in_levels => {
                let mut l = json!({ "id": id, "label": cell(r, 1) });
                if let Ok(min) = cell(r, 2).parse::<f64>() {
                    l["min"] = super::units::number(min);
                }
                for (k, i) in [("color", 3), ("description", 4)] {
                    if !cell(r, i).is_empty() {
                        l[k] = json!(cell(r, i));
                    }
                }
                levels.push(l);
            }
            id if in_factors => {
                let mut f = json!({ "id": id, "label": cell(r, 1) });
                match cell(r, 3).parse::<f64>() {
                    Ok(w) if w != 1.0 => f["weight"] = super::units::number(w),
                    _ => {}
                }
                if !cell(r, 4).is_empty() {
                    f["description"] = json!(cell(r, 4));
                }
                factors.get_mut(cell(r, 2))?.as_array_mut()?.push(f);
            }
            "method" => method = Some(json!(cell(r, 1))),
            // The whole id, where the sheet's name had to cut it.
            "register" if !cell(r, 1).is_empty() => register = cell(r, 1).to_string(),
            "factor scale" => {
                let (low, high) = (
                    cell(r, 1).parse::<f64>().ok()?,
                    cell(r, 2).parse::<f64>().ok()?,
                );
                range = Some(json!([
                    super::units::number(low),
                    super::units::number(high)
                ]));
            }
            "factor" if cell(r, 1) == "label" => in_factors = true,
            "scoring" => scoring = Some(cell(r, 1).to_string()),
            "grid" => {
                in_grid = true;
                grid = Some(Vec::new());
            }
            _ if in_grid => {
                // A score grid's cells are scores; a grid's, level ids
                // (which may look like numbers).
                let scores = scoring.as_deref() == Some("grid (scores)");
                let cells = r[1..]
                    .iter()
                    .take_while(|c| !c.is_empty())
                    .map(|c| match c.parse::<f64>() {
                        Ok(n) if scores => super::units::number(n),
                        _ => json!(c),
                    })
                    .collect();
                grid.get_or_insert_with(Vec::new).push(cells);
            }
            "level" if cell(r, 2) == "min" => in_levels = true,
            axis @ ("probability" | "impact") => {
                let mut e = json!({ "id": cell(r, 1), "label": cell(r, 2) });
                e["value"] = super::units::number(cell(r, 3).parse::<f64>().ok()?);
                if !cell(r, 4).is_empty() {
                    e["description"] = json!(cell(r, 4));
                }
                if let Some(a) = scales
                    .entry(axis)
                    .or_insert_with(|| Value::Array(Vec::new()))
                    .as_array_mut()
                {
                    a.push(e);
                }
            }
            _ => return None,
        }
    }
    if method.as_ref().and_then(Value::as_str) == Some("factors") {
        method = Some(json!({ "factors": factors, "scale": range? }));
    }
    Some(ScalesSheet {
        register,
        method,
        scales,
        scoring,
        grid,
        levels,
    })
}

/// The sheet `name` (default: the first that holds a risk table) of an
/// `.xlsx` or `.ods` workbook. Returns the sheet's name too.
pub fn workbook(path: &std::path::Path, name: Option<&str>) -> Result<(String, Table), SheetError> {
    use calamine::{Reader, open_workbook_auto};
    let mut book = open_workbook_auto(path)
        .map_err(|e| SheetError(format!("cannot read the workbook: {e}")))?;
    let names = book.sheet_names().to_vec();
    if let Some(n) = name
        && !names.iter().any(|s| s == n)
    {
        return Err(SheetError(format!(
            "no sheet `{n}`; the workbook has: {}",
            names.join(", ")
        )));
    }
    let mut last = SheetError("the workbook has no sheets".into());
    // A template's blank register sheet gives way to a later filled one
    // (an `Example` tab).
    let mut blank: Option<(String, Table)> = None;
    for sheet in names
        .iter()
        .filter(|s| name.is_none_or(|n| n == s.as_str()))
    {
        let range = book
            .worksheet_range(sheet)
            .map_err(|e| SheetError(format!("cannot read sheet `{sheet}`: {e}")))?;
        match table(texts(&range)) {
            Ok(t)
                if super::risk_tables::is_risk_table(&t)
                    && super::risk_tables::has_filled_rows(&t) =>
            {
                return Ok((sheet.clone(), t));
            }
            Ok(t) if super::risk_tables::is_risk_table(&t) => {
                blank.get_or_insert((sheet.clone(), t));
            }
            Ok(_) => last = SheetError(format!("sheet `{sheet}` holds no risk table")),
            Err(e) => last = SheetError(format!("sheet `{sheet}`: {}", e.0)),
        }
    }
    blank.ok_or(last)
}
