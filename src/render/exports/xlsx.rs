//! `risks.xlsx`: the table of risks (`table.rs`) as a workbook for the
//! people who ask for a spreadsheet: a sheet of risks with a frozen bold
//! header, numbers as numbers, dates as dates and each level in its
//! colour, then a sheet per register with its scales, scoring and levels.
//! `riskbook import` reads the first sheet back into a register.

use super::table::{COLUMNS, Cell, rows};
use crate::model::{Date, Method, Site};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError,
};
use std::io::{self, Write};

/// `risks.xlsx` of `site`, written to `w`. Its bytes depend on the sources
/// and the build date only (the workbook's creation date is the build's).
pub fn write_risks_xlsx(site: &Site, w: &mut dyn Write) -> io::Result<()> {
    let bytes = workbook(site).map_err(io::Error::other)?;
    w.write_all(&bytes)
}

fn workbook(site: &Site) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_title(cut(&site.info.title))
        .set_creation_datetime(&date(site.today).or_else(|_| ExcelDateTime::from_ymd(1980, 1, 1))?);
    wb.set_properties(&props);
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let mut names = vec!["Risks".to_string()];
    // Rows go to a temporary file as they are written (rust_xlsxwriter's
    // constant memory mode): held in memory, the sheet of a 10,000-risk
    // site took 80 MB at the build's peak.
    let ws = wb.add_worksheet_with_constant_memory()?.set_name("Risks")?;
    header(ws, &COLUMNS, &bold)?;
    ws.set_freeze_panes(1, 0)?;
    for (c, name) in COLUMNS.iter().enumerate() {
        ws.set_column_width(c as u16, width(name))?;
    }
    for (r, row) in rows(site).enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(t) if t.is_empty() => {}
                Cell::Text(t) => {
                    ws.write_string(r, c, cut(t))?;
                }
                Cell::Number(Some(n)) => {
                    ws.write_number(r, c, *n)?;
                }
                Cell::Number(None) | Cell::Date(None) => {}
                Cell::Bool(b) => {
                    ws.write_boolean(r, c, *b)?;
                }
                // Excel's dates run from 1900 to 9999; any other is text.
                Cell::Date(Some(d)) => match date(*d) {
                    Ok(x) => {
                        ws.write_datetime_with_format(r, c, x, &day)?;
                    }
                    Err(_) => {
                        ws.write_string(r, c, d.to_string())?;
                    }
                },
                Cell::Badge(id, colour) => match colour {
                    Some((background, text)) => {
                        ws.write_string_with_format(r, c, cut(id), &colours(background, text))?;
                    }
                    None => {
                        ws.write_string(r, c, cut(id))?;
                    }
                },
            }
        }
    }
    for reg in &site.registers {
        let name = sheet_name(&format!("Scales {}", reg.id), &mut names);
        let ws = wb.add_worksheet().set_name(name)?;
        scales(ws, reg, &bold)?;
    }
    wb.save_to_buffer()
}

/// A register's scales, scoring (and its grid) and levels, one table
/// under the other.
fn scales(
    ws: &mut Worksheet,
    reg: &crate::model::Register,
    bold: &Format,
) -> Result<(), XlsxError> {
    let fw = &reg.framework;
    header(ws, &["scale", "id", "label", "value", "description"], bold)?;
    let mut r = 1;
    for (name, scale) in [("probability", &fw.probability), ("impact", &fw.impact)] {
        for e in &scale.entries {
            ws.write_string(r, 0, name)?;
            ws.write_string(r, 1, cut(&e.id))?;
            ws.write_string(r, 2, cut(&e.label))?;
            ws.write_number(r, 3, e.value)?;
            if let Some(d) = &e.description {
                ws.write_string(r, 4, cut(d))?;
            }
            r += 1;
        }
    }
    let scoring = match fw.scoring {
        crate::model::Scoring::Product => "product",
        crate::model::Scoring::Sum => "sum",
        crate::model::Scoring::Grid(_) => "grid",
        crate::model::Scoring::ScoreGrid(_) => "grid (scores)",
    };
    r += 1;
    ws.write_string_with_format(r, 0, "scoring", bold)?;
    ws.write_string(r, 1, scoring)?;
    r += 2;
    // A grid: a row per probability, highest first, a column per impact;
    // each cell a level's id, or a score.
    enum Cell<'a> {
        Level(&'a str),
        Score(f64),
    }
    let cells: Option<Vec<Vec<Cell>>> = match &fw.scoring {
        crate::model::Scoring::Grid(g) => Some(
            g.iter()
                .map(|row| row.iter().map(|l| Cell::Level(&fw.levels[*l].id)).collect())
                .collect(),
        ),
        crate::model::Scoring::ScoreGrid(g) => Some(
            g.iter()
                .map(|row| row.iter().map(|n| Cell::Score(*n)).collect())
                .collect(),
        ),
        _ => None,
    };
    if let Some(cells) = cells {
        ws.write_string_with_format(r, 0, "grid", bold)?;
        for (c, e) in fw.impact.entries.iter().enumerate() {
            ws.write_string_with_format(r, c as u16 + 1, cut(&e.id), bold)?;
        }
        for (row, p) in cells.iter().zip(fw.probability.entries.iter().rev()) {
            r += 1;
            ws.write_string(r, 0, cut(&p.id))?;
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Level(id) => ws.write_string(r, c as u16 + 1, cut(id))?,
                    Cell::Score(n) => ws.write_number(r, c as u16 + 1, *n)?,
                };
            }
        }
        r += 2;
    }
    r = method(ws, &fw.method, r, bold)?;
    for (c, h) in ["level", "label", "min", "color", "description"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *h, bold)?;
    }
    for l in &fw.levels {
        r += 1;
        ws.write_string_with_format(r, 0, cut(&l.id), &colours(&l.color, &l.text_color))?;
        ws.write_string(r, 1, cut(&l.label))?;
        if !matches!(fw.scoring, crate::model::Scoring::Grid(_)) {
            ws.write_number(r, 2, l.min)?;
        }
        ws.write_string(r, 3, cut(&l.color))?;
        if let Some(d) = &l.description {
            ws.write_string(r, 4, cut(d))?;
        }
    }
    // The register's whole id: the sheet's name holds 31 characters at
    // most, and a second id that differs only in case gets ` (2)`.
    r += 2;
    ws.write_string_with_format(r, 0, "register", bold)?;
    ws.write_string(r, 1, cut(&reg.id))?;
    for (c, w) in [12.0, 14.0, 24.0, 10.0, 60.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    Ok(())
}

/// A method other than the matrix, from row `r`: its name, and a
/// register's own factors with their range, so that `import` rates the
/// `factors` column again. Returns the row the next table starts at.
fn method(
    ws: &mut Worksheet,
    method: &Method,
    mut r: u32,
    bold: &Format,
) -> Result<u32, XlsxError> {
    if matches!(method, Method::Matrix) {
        return Ok(r);
    }
    ws.write_string_with_format(r, 0, "method", bold)?;
    ws.write_string(r, 1, method.as_str())?;
    r += 1;
    if let Method::Factors(set) = method {
        ws.write_string(r, 0, "factor scale")?;
        ws.write_number(r, 1, set.low)?;
        ws.write_number(r, 2, set.high)?;
        r += 1;
        for (c, h) in ["factor", "label", "group", "weight", "description"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(r, c as u16, *h, bold)?;
        }
        for (group, factors) in [("likelihood", &set.likelihood), ("impact", &set.impact)] {
            for f in factors {
                r += 1;
                ws.write_string(r, 0, cut(&f.id))?;
                ws.write_string(r, 1, cut(&f.label))?;
                ws.write_string(r, 2, group)?;
                ws.write_number(r, 3, f.weight)?;
                if let Some(d) = &f.description {
                    ws.write_string(r, 4, cut(d))?;
                }
            }
        }
        r += 1;
    }
    Ok(r + 1)
}

fn header(ws: &mut Worksheet, names: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, bold)?;
    }
    Ok(())
}

/// Excel's limit on a cell's text, in characters.
const CELL_LIMIT: usize = 32_767;

/// `text` as a cell can hold it: a longer text (risks.csv and risks.json
/// hold it whole) is cut and ends with `…`.
fn cut(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(CELL_LIMIT) {
        None => text.into(),
        Some(_) => {
            let end = text
                .char_indices()
                .nth(CELL_LIMIT - 1)
                .map_or(text.len(), |(i, _)| i);
            format!("{}…", &text[..end]).into()
        }
    }
}

/// A cell filled with a level's colour, its text in the contrasting one.
fn colours(fill: &str, text: &str) -> Format {
    Format::new()
        .set_background_color(rgb(fill))
        .set_font_color(rgb(text))
}

/// `#rrggbb` as a colour (black for anything else).
fn rgb(hex: &str) -> Color {
    let n = hex
        .strip_prefix('#')
        .filter(|h| h.len() == 6)
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .unwrap_or(0);
    Color::RGB(n)
}

fn date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    let (y, m, d) = d.ymd();
    ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)
}

/// How wide a column is shown, by what it holds.
fn width(column: &str) -> f64 {
    match column {
        "title" | "description" | "mitigation" | "contingency" | "trigger" => 40.0,
        "playbooks" | "url" | "source" | "signals" => 30.0,
        "register" | "owners" | "category" | "tags" | "acceptance_by" => 16.0,
        "reviewed" | "review_due" | "acceptance_expires" => 12.0,
        _ => 10.0,
    }
}

/// A sheet name Excel accepts made from `wanted`: at most 31 characters,
/// none of `[]:*?/\`, not one of `taken` (whatever the case); added to
/// `taken`.
fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'');
    let mut k = 1;
    loop {
        let suffix = if k == 1 {
            String::new()
        } else {
            format!(" ({k})")
        };
        let room = 31 - suffix.chars().count();
        let name: String = clean.chars().take(room).collect::<String>() + &suffix;
        if !taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
            taken.push(name.clone());
            return name;
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::{CELL_LIMIT, cut, sheet_name};

    #[test]
    fn texts_longer_than_a_cell_holds_are_cut_with_an_ellipsis() {
        let long = "é".repeat(CELL_LIMIT + 10);
        let c = cut(&long);
        assert_eq!(c.chars().count(), CELL_LIMIT);
        assert!(c.ends_with("é…"));
        let exact = "a".repeat(CELL_LIMIT);
        assert_eq!(cut(&exact), exact.as_str());
    }

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let mut taken = vec!["Risks".to_string()];
        assert_eq!(sheet_name("Scales ops", &mut taken), "Scales ops");
        assert_eq!(sheet_name("Scales OPS", &mut taken), "Scales OPS (2)");
        assert_eq!(sheet_name("Scales a/b:c", &mut taken), "Scales a_b_c");
        let long = sheet_name(&format!("Scales {}", "x".repeat(40)), &mut taken);
        assert_eq!(long.chars().count(), 31);
        let again = sheet_name(&format!("Scales {}", "x".repeat(40)), &mut taken);
        assert!(
            again.ends_with(" (2)") && again.chars().count() == 31,
            "{again}"
        );
    }
}
