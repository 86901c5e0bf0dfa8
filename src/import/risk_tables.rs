//! Which tables list risks: a risk table (names and ratings or facts),
//! a later table that says more about risks already found, and the rows
//! of a template that are no risks (blank rows, format rows).

use super::cell::{is_placeholder, link_text, plain};
use super::table::Table;
use super::vocabulary::{Field, columns};

/// A template's row, no risk: nothing written but, at most, its id and
/// placeholders (`| 3 | | | |`, `| RISK-001 | [Risk Title] | [Owner] |`),
/// or a format row (below). `fields` are the table's columns.
pub(super) fn is_blank(row: &[String], fields: &[Option<Field>]) -> bool {
    let id_col = fields.iter().position(|f| *f == Some(Field::Id));
    let empty = row
        .iter()
        .enumerate()
        .all(|(i, c)| Some(i) == id_col || is_placeholder(c));
    empty || is_format_row(row, fields)
}

/// A template's format row, which says what each column holds:
/// `| 1 | Description | ... | Critical/High/Medium/Low |`: its title is a
/// field's name (or a placeholder) and a rating, level, status or category
/// cell lists the choices.
fn is_format_row(row: &[String], fields: &[Option<Field>]) -> bool {
    let cell = |f: Field| {
        fields
            .iter()
            .position(|x| *x == Some(f))
            .and_then(|c| row.get(c))
            .map(|v| plain(v))
    };
    let choices = |v: &str| v.split('/').filter(|o| !o.trim().is_empty()).count() >= 3;
    // The choices first: a filled row has none, and is passed at once.
    [
        Field::Probability,
        Field::Impact,
        Field::Level,
        Field::Status,
        Field::Category,
    ]
    .into_iter()
    .any(|f| cell(f).is_some_and(|v| choices(&v)))
        && cell(Field::Title)
            .is_some_and(|t| is_placeholder(&t) || super::vocabulary::field(&t).is_some())
}

/// Whether a table says more about risks already found: it has an id
/// column and every row that is not a template's names one of them (a
/// register split into identification, assessment and monitoring tables,
/// each keyed by the risk's id).
pub fn continues_risks(t: &Table, index: &super::index::RiskIndex) -> bool {
    let fields = columns(&t.header);
    let Some(id_col) = fields.iter().position(|f| *f == Some(Field::Id)) else {
        return false;
    };
    let mut rows = t.rows.iter().filter(|r| !is_blank(r, &fields)).peekable();
    rows.peek().is_some()
        && rows.all(|r| {
            r.get(id_col)
                .is_some_and(|c| index.id(&plain(&link_text(c))).is_some())
        })
}

/// Whether any row of a risk table says more than its id.
pub fn has_filled_rows(t: &Table) -> bool {
    let fields = columns(&t.header);
    t.rows.iter().any(|r| !is_blank(r, &fields))
}

/// A column that names what a RAID log lists beside risks: assumptions,
/// issues, dependencies, decisions, actions.
fn names_other_item(header: &str) -> bool {
    let n = super::vocabulary::normalize(header);
    let first = n.split(' ').next().unwrap_or("");
    [
        "assumption",
        "assumptions",
        "issue",
        "issues",
        "dependency",
        "dependencies",
        "decision",
        "decisions",
        "action",
        "actions",
    ]
    .contains(&first)
        && super::vocabulary::field(header).is_none_or(|f| f != Field::Mitigation)
}

/// Whether a table lists risks: it names them (an id or a title column)
/// and says something about them (a rating, or two of owner, status,
/// mitigation, level, category).
pub fn is_risk_table(t: &Table) -> bool {
    let f = columns(&t.header);
    let has = |x: Field| f.contains(&Some(x));
    let names = has(Field::Id) || has(Field::Title);
    let rated = has(Field::Probability) || has(Field::Impact);
    // A RAID log's other tables (`| ID | Assumption | Owner | Status |`,
    // an issue log with its impact) list other things than risks.
    let says_risk = t.header.iter().any(|h| h.to_lowercase().contains("risk"));
    if !has(Field::Probability) && !says_risk && t.header.iter().any(|h| names_other_item(h)) {
        return false;
    }
    let facts = [
        Field::Owner,
        Field::Status,
        Field::Mitigation,
        Field::Level,
        Field::Category,
        Field::Score,
    ]
    .iter()
    .filter(|x| has(**x))
    .count();
    // One rating axis beside a `Description` (no column names the risk)
    // and nothing else is a scale's definition (`| Likelihood level |
    // Description | Example indicators |`), not a list of risks.
    let named = t
        .header
        .iter()
        .any(|h| matches!(super::vocabulary::field(h), Some(Field::Title | Field::Id)));
    let one_axis = has(Field::Probability) != has(Field::Impact);
    if one_axis && !named && facts == 0 {
        return false;
    }
    names && (rated || facts >= 2 || (has(Field::Id) && has(Field::Title)))
}
