//! The tables pass: each table outside a risk's card is a scale, a table
//! of risks, a matrix, a list of levels or the revision history; any
//! other is left for the register's sections.

use super::{Doc, Found};
use crate::import::cell::plain;
use crate::import::table::Table;
use crate::import::{matrix, risk_tables, rows, scales, vocabulary};
use serde_json::{Map, Value};

/// Reads the tables; returns the axes a scale table gave. The first table
/// of an axis is its scale (a second, such as a software-specific
/// probability, refines it), and a list of codes gives way to it.
pub(super) fn read(doc: &Doc, found: &mut Found) -> Vec<&'static str> {
    let mut tabled: Vec<&'static str> = Vec::new();
    for t in &doc.tables {
        if in_card(doc, t) {
            continue;
        }
        let reg = &mut found.reg;
        if let Some((which, entries)) = scales::scale(t, doc.under[t.lines.start]) {
            if !tabled.contains(&which) {
                tabled.push(which);
                reg.scales.insert(which.into(), Value::Array(entries));
            }
        } else if risk_tables::is_risk_table(t) || risk_tables::continues_risks(t, &found.index) {
            let status = section_status(doc.under[t.lines.start]);
            rows::add_rows(
                t,
                &mut found.risks,
                &mut found.index,
                status,
                &mut reg.hints,
                &mut found.notes,
            );
        } else if let Some(m) = matrix::matrix(t).filter(|m| m.is_product() || reg.grid.is_none()) {
            matrix_table(t, m, found);
        } else if let Some(levels) = scales::levels(t) {
            reg.levels = Some(levels);
        } else if is_revision_table(t) {
            for row in &t.rows {
                let mut m = Map::new();
                for (i, h) in t.header.iter().enumerate() {
                    let key = plain(h).to_lowercase();
                    if let Some(v) = row
                        .get(i)
                        .filter(|v| !crate::import::cell::is_placeholder(v))
                    {
                        m.insert(key, Value::String(v.clone()));
                    }
                }
                reg.revisions.push(m);
            }
        } else {
            continue;
        }
        found.consume(t.lines.clone());
    }
    tabled
}

/// A table inside a risk's card (its controls) belongs to that risk,
/// unless it rates risks itself.
fn in_card(doc: &Doc, t: &Table) -> bool {
    let blocks = &doc.parsed.blocks;
    // Blocks are in document order and do not overlap.
    let at = blocks.partition_point(|b| b.lines.end <= t.lines.start);
    blocks
        .get(at)
        .is_some_and(|b| b.id.is_some() && b.lines.contains(&t.lines.start))
        && !vocabulary::columns(&t.header).iter().any(|f| {
            matches!(
                f,
                Some(vocabulary::Field::Probability | vocabulary::Field::Impact)
            )
        })
}

/// A matrix whose cells are likelihood x impact is `product`, its words
/// bands of the products (the levels); any other is a grid of its words.
fn matrix_table(t: &Table, m: matrix::Matrix, found: &mut Found) {
    let reg = &mut found.reg;
    let product = m.is_product();
    let (became, words) = if product {
        (
            "is probability x impact: `scoring: product`",
            ", its words the levels from the lowest score each names; check them",
        )
    } else {
        ("became `scoring: grid`", " with its words as levels")
    };
    found.notes.push(format!(
        "line {}: the {}x{} matrix {became}{}{}",
        t.lines.start + 1,
        m.probability.len(),
        m.impact.len(),
        if m.levels.is_empty() { "" } else { words },
        if product { "" } else { "; check them" },
    ));
    reg.scales
        .entry("probability")
        .or_insert(Value::Array(m.probability));
    reg.scales.entry("impact").or_insert(Value::Array(m.impact));
    if product {
        reg.scoring.get_or_insert_with(|| "product".into());
    } else {
        reg.scoring = Some("grid".into());
        reg.grid = Some(m.grid);
    }
    if !m.levels.is_empty() {
        reg.levels = Some(m.levels);
    }
}

fn is_revision_table(t: &Table) -> bool {
    let h: Vec<String> = t.header.iter().map(|h| vocabulary::normalize(h)).collect();
    h.iter().any(|x| x == "version") && h.iter().any(|x| x == "changes")
}

/// The status a section's heading gives the risks under it.
fn section_status(heading: &str) -> Option<&'static str> {
    let h = heading.to_lowercase();
    [
        ("closed", "closed"),
        ("retired", "closed"),
        ("resolved", "closed"),
        ("accepted", "accepted"),
        ("mitigated", "mitigated"),
        ("triggered", "triggered"),
        ("occurred", "triggered"),
    ]
    .iter()
    .find(|(word, _)| h.contains(word))
    .map(|(_, s)| *s)
}
