//! The cards pass: a risk per detailed block (`## R1 — Title`,
//! `### RSK-001: Title`, `### 1. Title`, `**Risk**: Title`), merged with
//! the table row of the same risk; and a document that is one risk.

use super::{Doc, Found, front_matter};
use crate::import::blocks::Block;
use crate::import::cell::{is_placeholder, plain};
use crate::import::fields::apply as apply_fields;
use crate::import::index::RiskIndex;
use crate::import::{OutRisk, card, vocabulary};
use serde_json::Value;

/// Reads the cards; returns how many risks had no id and were given one.
pub(super) fn read(doc: &Doc, found: &mut Found) -> usize {
    let mut generated = 0;
    let mut blank_cards = Vec::new();
    for b in &doc.parsed.blocks {
        found.consume(b.lines.clone());
        // `### Risk #2: [Risk Title]` over `- **Owner**: [Name]`: a
        // template's blank card, not a risk (as a table's blank rows).
        if is_placeholder(&b.title)
            && b.fields.iter().all(|f| {
                vocabulary::field(&f.key) == Some(vocabulary::Field::Id)
                    || is_placeholder(&f.text())
            })
        {
            blank_cards.push((b.lines.start + 1).to_string());
            continue;
        }
        let risks = &mut found.risks;
        match find_block(&found.index, b) {
            Some(i) => {
                apply_fields(&mut risks[i], &b.fields);
                found.index.add(i, &risks[i]);
            }
            None => {
                let id = b.id.clone().unwrap_or_else(|| {
                    generated += 1;
                    format!("R-{}", risks.len() + 1)
                });
                let mut risk = OutRisk {
                    id,
                    line: b.lines.start + 1,
                    title: b.title.clone(),
                    ..OutRisk::default()
                };
                apply_fields(&mut risk, &b.fields);
                // The card's own `Category:` wins over the heading it is under.
                if risk.category.is_none() {
                    risk.category = b.category.clone();
                }
                if let Some(class) = &b.class {
                    risk.extra
                        .insert("classified_as".into(), Value::String(class.clone()));
                }
                found.index.add(risks.len(), &risk);
                risks.push(risk);
            }
        }
    }
    if !blank_cards.is_empty() {
        let one = blank_cards.len() == 1;
        let said = format!(
            "{} {}: only placeholders (a template's blank {})",
            if one { "line" } else { "lines" },
            blank_cards.join(", "),
            if one { "card" } else { "cards" },
        );
        found.notes.push(format!("{said}: left out"));
        found.reg.hints.blank_rows.get_or_insert(said);
    }
    generated
}

/// Nothing else found: the document may be one risk (an issue template,
/// a risk card) with a section or a `- Key: value` line per field.
pub(super) fn one_risk(doc: &Doc, found: &mut Found) {
    if !found.risks.is_empty() {
        return;
    }
    let Some(fields) = card::fields(&doc.lines, &doc.fenced) else {
        return;
    };
    let id = fields
        .iter()
        .find(|f| vocabulary::field(&f.key) == Some(vocabulary::Field::Id))
        .map(|f| plain(&f.value_or_next()))
        .filter(|id| !id.is_empty())
        .unwrap_or_else(|| "R-1".into());
    let mut risk = OutRisk {
        id,
        line: 1,
        title: found.reg.title.clone(),
        ..OutRisk::default()
    };
    apply_fields(&mut risk, &fields);
    // Its `**Key:** value` lines above the first section were read as
    // the register's front matter too: they are the risk's.
    for f in &fields {
        found
            .reg
            .extra
            .remove(&front_matter::key_of(&f.key.to_lowercase()));
    }
    found.notes.push(format!(
        "the document is one risk (`{}`): its sections and `Key: value` lines became its fields",
        risk.id
    ));
    found.risks.push(risk);
    found.consumed.fill(true);
}

/// A detailed block's risk: by its id; without one, the table's risk of
/// that number, else of that title (a summary table above cards that
/// repeat it).
fn find_block(index: &RiskIndex, b: &Block) -> Option<usize> {
    match &b.id {
        Some(id) => index.id(id),
        None => b
            .number
            .and_then(|n| index.id(&format!("R-{n}")))
            .or_else(|| index.title(&plain(&b.title))),
    }
}
