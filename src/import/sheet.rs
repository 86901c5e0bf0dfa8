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

/// The sheet `name` (default: the first that holds a risk table) of an
/// `.xlsx` or `.ods` workbook. Returns the sheet's name too.
pub fn workbook(path: &std::path::Path, name: Option<&str>) -> Result<(String, Table), SheetError> {
    use calamine::{Data, Reader, open_workbook_auto};
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
        let rows: Vec<Vec<String>> = range
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
            .collect();
        match table(rows) {
            Ok(t) if super::rows::is_risk_table(&t) && super::rows::has_filled_rows(&t) => {
                return Ok((sheet.clone(), t));
            }
            Ok(t) if super::rows::is_risk_table(&t) => {
                blank.get_or_insert((sheet.clone(), t));
            }
            Ok(_) => last = SheetError(format!("sheet `{sheet}` holds no risk table")),
            Err(e) => last = SheetError(format!("sheet `{sheet}`: {}", e.0)),
        }
    }
    blank.ok_or(last)
}
