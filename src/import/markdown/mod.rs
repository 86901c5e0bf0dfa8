//! `riskbook import` of Markdown: tables, heading-and-bullet blocks,
//! one-risk documents, scoring guides and matrices, front matter, actions
//! and revisions; what is left is kept as register sections.
//!
//! The document is read once into a [`Doc`]; then passes run in order,
//! each reading what the earlier ones left (`Found::consumed`):
//! [`tables`], [`guides::listed_scales`], [`front_matter`], [`cards`],
//! [`guides`], the quadrant chart and checklist, and last [`sections`].

mod cards;
mod chart_and_checklist;
mod front_matter;
mod guides;
mod sections;
mod tables;

use super::blocks::{self, Parsed};
use super::cell::plain;
use super::index::RiskIndex;
use super::table::{self, Table};
use super::{Imported, OutRegister, OutRisk, encoding, finish, unread};

/// The document as the passes read it: its lines (repaired, comments
/// blanked), which are inside code fences, the heading each sits under,
/// its tables and its risk cards.
struct Doc<'a> {
    lines: Vec<&'a str>,
    fenced: Vec<bool>,
    /// The heading each line sits under, for the status a section implies.
    under: Vec<&'a str>,
    tables: Vec<Table>,
    parsed: Parsed,
}

impl<'a> Doc<'a> {
    fn new(lines: Vec<&'a str>) -> Doc<'a> {
        let fenced = unread::fenced(&lines);
        let tables = table::tables(&lines, &fenced);
        let mut under = Vec::with_capacity(lines.len());
        let mut heading = "";
        for (i, l) in lines.iter().enumerate() {
            if !fenced[i] && l.starts_with('#') {
                heading = l.trim_start_matches('#').trim();
            }
            under.push(heading);
        }
        let parsed = blocks::blocks(&lines, &fenced);
        Doc {
            lines,
            fenced,
            under,
            tables,
            parsed,
        }
    }
}

/// What the passes build: the register, its risks (found again by id and
/// title through `index`), the lines a pass has read and the notes.
struct Found {
    reg: OutRegister,
    risks: Vec<OutRisk>,
    index: RiskIndex,
    consumed: Vec<bool>,
    notes: Vec<String>,
}

impl Found {
    fn consume(&mut self, lines: impl IntoIterator<Item = usize>) {
        for i in lines {
            self.consumed[i] = true;
        }
    }
}

/// Converts `markdown`; `name` is the file's name, for the title fallback.
/// An error when nothing in it reads as risks or as scales.
pub fn import(markdown: &str, name: &str) -> Result<Imported, String> {
    let mut notes = Vec::new();
    let mut repaired = 0;
    let owned: Vec<String> = markdown
        .lines()
        .map(|l| match encoding::repair(l) {
            Some(fixed) => {
                repaired += 1;
                fixed
            }
            None => l.to_string(),
        })
        .collect();
    if repaired > 0 {
        notes.push(format!(
            "repaired {repaired} lines of double-encoded text (UTF-8 read as Windows-1252), e.g. emoji"
        ));
    }
    let owned = unread::without_comments(&owned);
    let doc = Doc::new(owned.iter().map(String::as_str).collect());
    let reg = OutRegister {
        title: doc
            .lines
            .iter()
            .find_map(|l| l.strip_prefix("# "))
            .map(plain)
            .unwrap_or_else(|| name.to_string()),
        ..OutRegister::default()
    };
    let mut found = Found {
        reg,
        risks: Vec::new(),
        index: RiskIndex::default(),
        consumed: vec![false; doc.lines.len()],
        notes,
    };
    let tabled = tables::read(&doc, &mut found);
    guides::listed_scales(&doc, &tabled, &mut found);
    front_matter::read(&doc, &mut found);
    let generated = cards::read(&doc, &mut found);
    cards::one_risk(&doc, &mut found);
    guides::read(&doc, &mut found);
    if generated > 0 {
        found.notes.push(format!(
            "{generated} risks had no id: ids were given in document order"
        ));
    }
    let Found {
        mut reg,
        mut risks,
        index,
        mut consumed,
        mut notes,
    } = found;
    chart_and_checklist::quadrant_chart(&doc.lines, &index, &mut risks, &mut reg, &mut consumed);
    chart_and_checklist::actions(&doc.lines, &doc.fenced, &mut reg, &mut consumed);
    sections::keep(&doc, &consumed, &mut reg, &mut notes);
    reg.risks = risks;
    finish::finish(reg, notes)
}
