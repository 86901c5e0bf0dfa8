//! `riskbook import`: a risk document written by hand (Markdown in
//! `markdown.rs`; CSV and spreadsheets here, through `sheet.rs` and
//! `rows.rs`) to a register YAML, finished by `finish.rs`. What has no
//! field of its own is kept as a register or risk section or under
//! `extra`, so nothing is lost; what could not be mapped is reported.

mod blocks;
mod card;
mod cell;
mod encoding;
mod fields;
mod finish;
mod index;
mod markdown;
mod matrix;
mod methods;
mod money;
mod ratings;
mod risk_headings;
mod risk_tables;
mod rows;
mod scales;
mod scores;
mod sheet;
mod table;
mod units;
mod unread;
mod value_scales;
mod vocabulary;

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::{Map, Value};
use table::Table;

pub use markdown::import;

#[derive(Serialize, Default)]
struct OutRegister {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quadrants: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    labels: Map<String, Value>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    scales: Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scoring: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    levels: Option<Vec<Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grid: Option<Vec<Vec<Value>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    statuses: Vec<Value>,
    /// `cvss` or `owasp` when every risk is rated so, or the mapping of
    /// the register's own `factors` (DREAD).
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<Value>,
    risks: Vec<OutRisk>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sections: Vec<OutSection>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actions: Vec<OutAction>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    revisions: Vec<Map<String, Value>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    issues: Vec<String>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    extra: Map<String, Value>,
    #[serde(skip)]
    hints: rows::Hints,
    /// Whether `levels` were spread by this import over scores (no
    /// document gave them): the declared levels and exposures may replace
    /// them.
    #[serde(skip)]
    levels_spread: bool,
    /// Whether the rows come from riskbook's own workbook (it has `Scales`
    /// sheets), whose probability and impact columns a method computed for
    /// a risk it rates (not words a document wrote).
    #[serde(skip)]
    own_workbook: bool,
}

#[derive(Serialize, Default, Clone)]
struct OutRisk {
    /// The source line (or spreadsheet row) the risk starts at.
    #[serde(skip)]
    line: usize,
    id: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    /// Empty (and not written) under `method: cvss` or `owasp`.
    #[serde(skip_serializing_if = "String::is_empty")]
    probability: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    impact: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    cvss: Option<String>,
    /// Loss events a year and one event's loss, from ARO and SLE columns.
    #[serde(skip_serializing_if = "Option::is_none")]
    frequency: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    loss: Option<Value>,
    /// A declared ALE, compared with ARO x SLE by `finish`.
    #[serde(skip)]
    declared_ale: Option<f64>,
    /// The currency its amounts were written in (`$`, a `(kEUR)` header).
    #[serde(skip)]
    currency: Option<&'static str>,
    /// `{likelihood: {skill: 6, ...}, impact: {...}}` under `method: owasp`.
    #[serde(skip_serializing_if = "Option::is_none")]
    owasp: Option<Value>,
    /// Whether riskbook's workbook wrote this risk as rated by a method
    /// (a `cvss` vector or a `factors` column).
    #[serde(skip)]
    rated_by_method: bool,
    /// Each factor by id under `method: { factors: ... }` (DREAD).
    #[serde(skip_serializing_if = "Option::is_none")]
    factors: Option<Value>,
    /// After the risk controls: `{probability, impact}`, made by `finish`
    /// from `residual_written` once the scales are known.
    #[serde(skip_serializing_if = "Option::is_none")]
    residual: Option<Value>,
    #[serde(skip)]
    residual_written: (String, String),
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mitigation: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contingency: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trigger: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    signals: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    playbooks: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    issues: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    watchlist: Option<bool>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    acceptance: Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed: Option<String>,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    sections: IndexMap<String, String>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    extra: Map<String, Value>,
}

#[derive(Serialize)]
struct OutSection {
    title: String,
    body: String,
}

#[derive(Serialize)]
struct OutAction {
    text: String,
    done: bool,
}

/// The YAML of the register, and what the reader should know (for stderr).
pub struct Imported {
    pub yaml: String,
    /// The scales, scoring, levels and statuses alone, as a `site.yaml`
    /// (`import --site`); `None` when the document defines none.
    pub site: Option<String>,
    pub notes: Vec<String>,
}

/// Converts a spreadsheet or CSV file (`.csv`, `.xlsx`, `.ods`); `sheet`
/// names the sheet of a workbook (default: the first holding a risk table);
/// `register` keeps only that register's rows of riskbook's own export.
pub fn import_table_file(
    path: &std::path::Path,
    sheet: Option<&str>,
    register: Option<&str>,
) -> Result<Imported, String> {
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "csv" || ext == "tsv" {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            format!(
                "{} is not UTF-8 text; save the CSV as UTF-8",
                path.display()
            )
        })?;
        let t = sheet::csv(&text).map_err(|e| e.0)?;
        return from_sheet(name, t, register, &[]);
    }
    let (sheet_name, t) = sheet::workbook(path, sheet).map_err(|e| e.0)?;
    let own = sheet::scales_sheets(path);
    from_sheet(format!("{name} ({sheet_name})"), t, register, &own)
}

/// Converts CSV text (`,`, `;` or tab); `name` is the register's title.
pub fn import_csv(text: &str, name: &str) -> Result<Imported, String> {
    from_sheet(
        name.to_string(),
        sheet::csv(text).map_err(|e| e.0)?,
        None,
        &[],
    )
}

/// A table of risks; `own` are the `Scales` sheets of riskbook's own
/// workbook, `register` the one register to keep.
fn from_sheet(
    title: String,
    mut t: Table,
    register: Option<&str>,
    own: &[sheet::ScalesSheet],
) -> Result<Imported, String> {
    let mut notes = vec![format!(
        "read {} (the header is row {})",
        title,
        t.lines.start + 1
    )];
    let registers = sheet::registers_of(&t);
    if let Some(id) = register {
        sheet::keep_register(&mut t, id).map_err(|e| e.0)?;
    } else if registers.len() > 1 {
        notes.push(format!(
            "the rows come from {} registers ({}): imported as one; `--register ID` imports one of them with its own scales",
            registers.len(),
            registers.join(", ")
        ));
    }
    let mut risks = Vec::new();
    let mut hints = rows::Hints::default();
    let mut index = index::RiskIndex::default();
    rows::add_rows(&t, &mut risks, &mut index, None, &mut hints, &mut notes);
    let mut reg = OutRegister {
        title: register.map_or(title, str::to_string),
        risks,
        hints,
        ..OutRegister::default()
    };
    reg.own_workbook = !own.is_empty();
    own_scales(
        &mut reg,
        own,
        register.or(match registers.as_slice() {
            [one] => Some(one.as_str()),
            _ => None,
        }),
        &mut notes,
    );
    finish::finish(reg, notes)
}

/// The scales, scoring and levels of the register's `Scales` sheet, where
/// riskbook's workbook has one for it (or one for all its registers).
fn own_scales(
    reg: &mut OutRegister,
    own: &[sheet::ScalesSheet],
    register: Option<&str>,
    notes: &mut Vec<String>,
) {
    let same = |a: &sheet::ScalesSheet, b: &sheet::ScalesSheet| {
        a.scales == b.scales
            && a.scoring == b.scoring
            && a.levels == b.levels
            && a.method == b.method
    };
    let chosen = match register {
        Some(id) => own.iter().find(|s| s.register == id),
        None => own.first().filter(|f| own.iter().all(|s| same(f, s))),
    };
    let Some(s) = chosen else {
        return;
    };
    let grid = matches!(s.scoring.as_deref(), Some(g) if g.starts_with("grid"));
    if grid && s.grid.is_none() {
        notes.push(format!(
            "sheet `Scales {}`: its grid's cells are missing; the scales are inferred from the risks",
            s.register
        ));
        return;
    }
    reg.scales = s.scales.clone();
    reg.scoring = if grid {
        Some("grid".into())
    } else {
        s.scoring.clone().filter(|x| x != "product")
    };
    reg.grid = s.grid.clone().filter(|_| grid);
    reg.levels = Some(s.levels.clone());
    // The register's own factors: `methods::own_factors` rates by them.
    reg.method = s.method.clone().filter(serde_json::Value::is_object);
    notes.push(format!(
        "the scales, scoring and levels are those of sheet `Scales {}`",
        s.register
    ));
}

/// Whether `path` is a spreadsheet or CSV file rather than Markdown.
pub fn is_table_file(path: &std::path::Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    ["csv", "tsv", "xlsx", "xlsm", "xls", "ods"].contains(&ext.as_str())
}
