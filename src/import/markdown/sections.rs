//! The last pass: what no other pass read is kept, section by section
//! (`##` headings), as the register's sections.

use super::Doc;
use crate::import::cell::plain;
use crate::import::{OutRegister, OutSection};

pub(super) fn keep(doc: &Doc, consumed: &[bool], reg: &mut OutRegister, notes: &mut Vec<String>) {
    let mut title = String::from("Introduction");
    let mut body: Vec<&str> = Vec::new();
    let flush = |title: &str, body: &mut Vec<&str>, reg: &mut OutRegister| {
        let text = body.join("\n").trim_matches('\n').to_string();
        // Headings and rules alone (what is left around consumed risks) carry nothing.
        let meaningful = text.lines().any(|l| {
            let t = l.trim();
            !t.is_empty() && t != "---" && !t.starts_with('#')
        });
        if meaningful {
            reg.sections.push(OutSection {
                title: title.to_string(),
                body: text + "\n",
            });
        }
        body.clear();
    };
    for (i, line) in doc.lines.iter().enumerate() {
        if line.starts_with("# ") && !doc.fenced[i] {
            continue;
        }
        if let Some(h) = line.strip_prefix("## ").filter(|_| !doc.fenced[i]) {
            flush(&title, &mut body, reg);
            title = plain(h);
            continue;
        }
        if !consumed[i] {
            body.push(line);
        }
    }
    flush(&title, &mut body, reg);
    if !reg.sections.is_empty() {
        notes.push(format!(
            "kept as register sections (no field of their own): {}",
            reg.sections
                .iter()
                .map(|s| format!("\"{}\"", s.title))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}
