//! Risks from the rows of a table: a Markdown pipe table, a CSV file or a
//! spreadsheet's sheet. Columns are matched by `vocabulary`; a column with
//! no field of its own is kept under each risk's `extra`, and said once.

use super::OutRisk;
use super::cell::{is_placeholder, link_text, plain};
use super::risk_tables::is_blank;
use super::table::Table;
use super::vocabulary::Field;
use serde_json::Value;

/// `✅ Mitigated` -> `mitigated`.
pub fn status_word(s: &str) -> String {
    plain(s)
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim()
        .to_lowercase()
}

/// The actions or signals of a cell: a list as [`split_list`] reads it,
/// except that a sentence (`Serve it once, at creation, and rotate it.`)
/// is one action, not the pieces between its commas.
pub fn split_actions(s: &str) -> Vec<String> {
    let t = s.trim();
    let sentence = !t.contains("; ")
        && !t.contains("<br>")
        && (t.ends_with(['.', '!'])
            || [", and ", ", or ", ", but ", ", then ", ", so "]
                .iter()
                .any(|w| t.contains(w)));
    if sentence {
        return vec![t.to_string()];
    }
    split_list(s)
}

pub fn split_list(s: &str) -> Vec<String> {
    let sep = if s.contains("; ") {
        "; "
    } else if s.contains("<br>") {
        "<br>"
    } else {
        ", "
    };
    s.split(sep)
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

pub fn owner_value(s: &str) -> Option<Value> {
    let parts = split_list(&plain(s));
    match parts.len() {
        0 => None,
        1 => Some(Value::String(parts[0].clone())),
        _ => Some(Value::Array(parts.into_iter().map(Value::String).collect())),
    }
}

/// The options of risk treatment (ISO 31000, ISO 27005, the PMBOK's
/// responses), as a `Treatment` column names them.
const TREATMENT_OPTIONS: &[&str] = &[
    "reduce",
    "mitigate",
    "modify",
    "accept",
    "retain",
    "tolerate",
    "avoid",
    "terminate",
    "transfer",
    "share",
    "treat",
    "exploit",
    "enhance",
];

/// The fields of a table's columns, corrected by what the columns hold:
/// a `Treatment` column of `Reduce` / `Accept` names the option taken,
/// not what is done (kept under `extra`); a `Priority` column of numbers
/// only is the score (`45`), when no column is one.
fn by_values(t: &Table, mut fields: Vec<Option<Field>>) -> Vec<Option<Field>> {
    // A column's written values; `None` when it has none.
    let all = |c: usize, test: &dyn Fn(&str) -> bool| {
        let mut written = t
            .rows
            .iter()
            .filter_map(|r| r.get(c))
            .map(|v| plain(v).to_lowercase())
            .filter(|v| !v.is_empty())
            .peekable();
        written.peek().is_some() && written.all(|v| test(&v))
    };
    let scored = fields.contains(&Some(Field::Score));
    let mut score_found = false;
    for (c, f) in fields.iter_mut().enumerate() {
        match f {
            Some(Field::Mitigation) if all(c, &|v| TREATMENT_OPTIONS.contains(&v)) => *f = None,
            // `| Impact | Team ships conflicting configs |`: sentences that
            // describe the consequence rate nothing; kept under `extra`.
            Some(Field::Probability | Field::Impact)
                if all(c, &|v| !super::ratings::is_rating(v)) =>
            {
                *f = None
            }
            Some(Field::Level)
                if !scored && !score_found && all(c, &|v| v.parse::<f64>().is_ok()) =>
            {
                *f = Some(Field::Score);
                score_found = true;
            }
            _ => {}
        }
    }
    fields
}

/// A declared level as written: `High`, or a score and its level,
/// `16 (Critical)` (the score kept as the risk's declared score).
pub fn declare_level(risk: &mut OutRisk, written: &str) {
    // A number alone is a score (`**Priority level:** 12`), not a level's name.
    if let Ok(n) = plain(written).parse::<f64>()
        && n.is_finite()
    {
        risk.score.get_or_insert(n);
        return;
    }
    let level = match super::ratings::number_note(written) {
        Some((score, level)) => {
            risk.score.get_or_insert(score);
            level
        }
        None => written.to_string(),
    };
    risk.extra
        .entry("declared_level")
        .or_insert_with(|| Value::String(level));
}

/// A declared score under `header`: a number (`12`), the result of a
/// worked formula (`3 × 4 = 12`), or a number with its level (`12 (High)`,
/// which declares the level too). Anything else stays under `extra` as
/// written. The first score a risk declares is its score.
pub fn declare_score(risk: &mut OutRisk, header: &str, written: &str) {
    if risk.score.is_some() {
        return;
    }
    let text = plain(written);
    let result = text.rsplit('=').next().unwrap_or_default().trim();
    match result.parse::<f64>() {
        Ok(n) if n.is_finite() => risk.score = Some(n),
        _ if super::ratings::number_note(result).is_some() => declare_level(risk, result),
        _ => {
            risk.extra
                .insert(key(header), Value::String(written.into()));
        }
    }
}

/// Fills `risk` from one row: the columns the vocabulary maps, the rest
/// under `extra`. Cells already filled (an earlier table about the same
/// risk) are kept.
fn fill(risk: &mut OutRisk, t: &Table, fields: &[Option<Field>], row: &[String]) {
    for (c, cell) in row.iter().enumerate() {
        let v = cell.trim();
        // `[Your Name]`, `<date>`: a template's placeholder says nothing.
        if is_placeholder(v) {
            continue;
        }
        let header = t.header.get(c).map(|h| plain(h)).unwrap_or_default();
        let set = |slot: &mut Option<String>, v: String| {
            if slot.is_none() {
                *slot = Some(v);
            }
        };
        match fields.get(c).copied().flatten() {
            Some(Field::Id) => {}
            Some(Field::Title) => {
                if risk.title.is_empty() {
                    // A title is plain text: only Markdown marks it up.
                    risk.title = if t.markdown { plain(v) } else { v.to_string() };
                }
            }
            Some(Field::Description) => set(&mut risk.description, v.to_string()),
            Some(Field::Probability) => {
                if risk.probability.is_empty() {
                    risk.probability = plain(v);
                }
            }
            Some(Field::Impact) if super::money::read_cell(risk, Field::Impact, &header, v) => {}
            Some(Field::Impact) => {
                if risk.impact.is_empty() {
                    risk.impact = plain(v);
                }
            }
            Some(Field::Score) if super::money::read_cell(risk, Field::Score, &header, v) => {}
            Some(Field::Score) => declare_score(risk, &header, v),
            Some(Field::Level) => declare_level(risk, &plain(v)),
            Some(Field::Owner) => {
                if risk.owner.is_none() {
                    risk.owner = owner_value(v);
                }
            }
            Some(Field::Status) => set(&mut risk.status, status_word(v)),
            Some(Field::Category) => set(&mut risk.category, plain(v)),
            Some(Field::Mitigation) => {
                if risk.mitigation.is_none() {
                    risk.mitigation = Some(Value::from(split_actions(v)));
                }
            }
            Some(Field::Contingency) => {
                if risk.contingency.is_none() {
                    risk.contingency = Some(Value::from(split_actions(v)));
                }
            }
            Some(Field::Trigger) => set(&mut risk.trigger, v.to_string()),
            Some(Field::Residual) => {
                risk.extra
                    .entry("residual_risk")
                    .or_insert_with(|| Value::String(plain(v)));
            }
            Some(Field::ResidualProbability) if risk.residual_written.0.is_empty() => {
                risk.residual_written.0 = plain(v);
            }
            Some(Field::ResidualImpact) if risk.residual_written.1.is_empty() => {
                risk.residual_written.1 = plain(v);
            }
            Some(Field::Reviewed) => {
                if crate::model::Date::parse(v).is_ok() {
                    set(&mut risk.reviewed, v.to_string());
                } else {
                    risk.extra.insert(key(&header), Value::String(v.into()));
                }
            }
            Some(Field::Playbooks) => {
                if risk.playbooks.is_empty() {
                    risk.playbooks = split_list(&plain(v));
                }
            }
            Some(Field::Signals) if risk.signals.is_empty() => risk.signals = split_actions(v),
            Some(Field::Related) if risk.related.is_empty() => risk.related = split_list(&plain(v)),
            Some(Field::Issues) if risk.issues.is_empty() => risk.issues = split_list(&plain(v)),
            Some(Field::Tags) if risk.tags.is_empty() => risk.tags = split_list(&plain(v)),
            Some(Field::Watchlist) => match yes_no(v) {
                Some(b) => risk.watchlist = risk.watchlist.or(Some(b)),
                None => {
                    risk.extra.insert(key(&header), Value::String(v.into()));
                }
            },
            Some(Field::Factors) => match factor_pairs(v) {
                Some(pairs) => {
                    risk.rated_by_method |= !pairs.is_empty();
                    for (id, x) in pairs {
                        risk.extra
                            .entry(key(id))
                            .or_insert_with(|| Value::String(x.into()));
                    }
                }
                None => {
                    risk.extra.insert(key(&header), Value::String(v.into()));
                }
            },
            Some(Field::Cvss) if v.trim().starts_with("CVSS:") => {
                set(&mut risk.cvss, v.trim().to_string());
            }
            Some(field @ (Field::Aro | Field::Sle | Field::Ale)) => {
                if !super::money::read_cell(risk, field, &header, v) {
                    risk.extra.insert(key(&header), Value::String(v.into()));
                }
            }
            Some(Field::AcceptedBy) => {
                risk.acceptance
                    .entry("by")
                    .or_insert_with(|| Value::String(plain(v)));
            }
            Some(Field::AcceptanceExpires) if crate::model::Date::parse(v).is_ok() => {
                risk.acceptance
                    .entry("expires")
                    .or_insert_with(|| Value::String(v.to_string()));
            }
            Some(
                Field::ResidualProbability
                | Field::ResidualImpact
                | Field::Signals
                | Field::Related
                | Field::Issues
                | Field::Tags
                | Field::AcceptanceExpires
                | Field::Cvss
                // Kept by their header; `finish` reads them as factors
                // when every risk has a full set.
                | Field::Owasp(_),
            ) => {
                risk.extra
                    .entry(key(&header))
                    .or_insert_with(|| Value::String(v.into()));
            }
            None => {
                risk.extra
                    .entry(key(&header))
                    .or_insert_with(|| Value::String(v.into()));
            }
        }
    }
}

/// `skill=6; motive=4`: each factor's id and value, or none when any part
/// is not `id=value`.
fn factor_pairs(v: &str) -> Option<Vec<(&str, &str)>> {
    v.split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (id, x) = p.split_once('=')?;
            let (id, x) = (id.trim(), x.trim());
            (!id.is_empty() && !x.is_empty()).then_some((id, x))
        })
        .collect()
}

/// `yes`, `true`, `x`, `1` and their opposites, as spreadsheets write a
/// yes/no cell.
fn yes_no(v: &str) -> Option<bool> {
    match v.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "x" | "1" | "✓" => Some(true),
        "false" | "no" | "n" | "0" | "-" => Some(false),
        _ => None,
    }
}

/// `Date Identified` -> `date_identified`, the key of an `extra` entry.
pub(super) fn key(header: &str) -> String {
    let k = super::vocabulary::normalize(header).replace(' ', "_");
    if k.is_empty() { "column".into() } else { k }
}

/// The range a rating column's header names: `Likelihood (1-5)`,
/// `Impact [0–10]`.
fn range_note(header: &str) -> Option<(i64, i64)> {
    let inner = match header.split(['(', '[']).nth(1) {
        Some(inner) => inner.split([')', ']']).next()?,
        // `L_1to5`, `Impact 1-5`: the header's last word.
        None => header.rsplit([' ', '_']).next()?,
    };
    let (a, b) = inner
        .split_once(['-', '–', '—'])
        .or_else(|| inner.split_once("to"))?;
    let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a < b).then_some((a, b))
}

/// Ranges the headers of rating columns name, for the scales `finish` makes.
#[derive(Debug, Default, Clone)]
pub struct Hints {
    pub probability: Option<(i64, i64)>,
    pub impact: Option<(i64, i64)>,
    /// The document's words for the axes and the score (`Likelihood`,
    /// `Severity`, `RPN`), when they are not riskbook's.
    pub words: [Option<String>; 3],
    /// Where a template's blank rows or cards (or a risk table with no
    /// rows) were, said once: with no risk anywhere, the file is a
    /// template not filled in yet.
    pub blank_rows: Option<String>,
}

/// A header as the word for an axis: `Likelihood (1-5)` -> `Likelihood`;
/// abbreviations and riskbook's own words give none.
fn axis_word(header: &str, own: &str) -> Option<String> {
    let word = plain(header)
        .split(['(', '['])
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    let n = super::vocabulary::normalize(&word);
    (n.len() > 4 && n != own && !n.contains(' ')).then(|| {
        let mut c = word.chars();
        c.next()
            .map(|f| {
                f.to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Adds the rows of `t` to `risks`: a row whose id is already there
/// completes that risk (registers often split a risk across tables), any
/// other row is a new risk. `status` is the status the section the table
/// sits in implies (`## Closed risks`). Returns how many rows were new.
pub fn add_rows(
    t: &Table,
    risks: &mut Vec<OutRisk>,
    index: &mut super::index::RiskIndex,
    status: Option<&str>,
    hints: &mut Hints,
    notes: &mut Vec<String>,
) -> usize {
    // What the columns hold decides before each field picks its column:
    // a `Treatment` of `Reduce` leaves the mitigation to `Actions`.
    let fields =
        super::vocabulary::once(&t.header, by_values(t, super::vocabulary::named(&t.header)));
    for (h, f) in t.header.iter().zip(&fields) {
        match f {
            Some(Field::Probability) => {
                hints.probability = hints.probability.or(range_note(h));
                hints.words[0] = hints.words[0].take().or(axis_word(h, "probability"));
            }
            Some(Field::Impact) => {
                hints.impact = hints.impact.or(range_note(h));
                hints.words[1] = hints.words[1].take().or(axis_word(h, "impact"));
            }
            Some(Field::Score) => {
                hints.words[2] = hints.words[2].take().or(axis_word(h, "score"));
            }
            _ => {}
        }
    }
    let id_col = fields.iter().position(|f| *f == Some(Field::Id));
    let unmapped: Vec<String> = (0..t.header.len())
        .filter(|i| {
            matches!(fields[*i], None | Some(Field::Owasp(_))) && !plain(&t.header[*i]).is_empty()
        })
        .map(|i| plain(&t.header[i]))
        .collect();
    if !unmapped.is_empty() {
        notes.push(format!(
            "line {}: columns kept under each risk's `extra`: {}",
            t.lines.start + 1,
            unmapped.join(", ")
        ));
    }
    if id_col.is_none() && !t.rows.is_empty() {
        notes.push(format!(
            "line {}: the risk table has no ID column: ids R-{}.. were given in table order",
            t.lines.start + 1,
            risks.len() + 1
        ));
    }
    let blank = |r: &[String]| is_blank(r, &fields);
    let idled = t
        .rows
        .iter()
        .filter(|r| blank(r) && r.iter().any(|c| !plain(c).is_empty()))
        .count();
    if t.rows.is_empty() {
        hints.blank_rows.get_or_insert(format!(
            "line {}: a risk table with a header and no rows",
            t.lines.start + 1
        ));
    }
    if idled > 0 {
        let said = format!(
            "line {}: {} nothing but an id and placeholders (a template's blank rows)",
            t.lines.start + 1,
            if idled == 1 {
                "1 row holds".to_string()
            } else {
                format!("{idled} rows hold")
            }
        );
        notes.push(format!("{said}: left out"));
        hints.blank_rows.get_or_insert(said);
    }
    let mut added = 0;
    for (n, row) in t.rows.iter().enumerate() {
        if blank(row) {
            continue;
        }
        let written_id = id_col
            .and_then(|c| row.get(c))
            .map(|s| plain(&link_text(s)))
            .filter(|s| !s.is_empty());
        let existing = written_id.as_deref().and_then(|id| index.id(id));
        let i = match existing {
            Some(i) => i,
            None => {
                let id = written_id.unwrap_or_else(|| {
                    if id_col.is_some() {
                        notes.push(format!(
                            "line {}: a risk without an id was given R-{}",
                            t.line_of(n),
                            risks.len() + 1
                        ));
                    }
                    format!("R-{}", risks.len() + 1)
                });
                risks.push(OutRisk {
                    id,
                    line: t.line_of(n),
                    ..OutRisk::default()
                });
                added += 1;
                risks.len() - 1
            }
        };
        fill(&mut risks[i], t, &fields, row);
        index.add(i, &risks[i]);
        if risks[i].status.is_none()
            && let Some(s) = status
        {
            risks[i].status = Some(s.to_string());
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::split_actions;

    #[test]
    fn a_sentence_is_one_action_and_a_list_is_several() {
        for (cell, actions) in [
            (
                "Serve the secret once, at creation, and rotate every leaked one.",
                vec!["Serve the secret once, at creation, and rotate every leaked one."],
            ),
            (
                "Purge the CDN, then warm it",
                vec!["Purge the CDN, then warm it"],
            ),
            (
                "keep the old path; contract tests",
                vec!["keep the old path", "contract tests"],
            ),
            (
                "Backups, failover, monitoring",
                vec!["Backups", "failover", "monitoring"],
            ),
            (
                "Ask for a raised limit<br>Queue charges",
                vec!["Ask for a raised limit", "Queue charges"],
            ),
        ] {
            assert_eq!(split_actions(cell), actions, "{cell}");
        }
    }
}
