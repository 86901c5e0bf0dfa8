//! The front matter pass: `**Status:** Active v1`, `> **Owner**: Product
//! Team` lines above the first section heading (`##` or deeper) describe
//! the register.

use super::{Doc, Found};
use crate::import::blocks;
use serde_json::Value;

pub(super) fn read(doc: &Doc, found: &mut Found) {
    let lines = &doc.lines;
    let first_h2 = (0..lines.len())
        .find(|&i| {
            !doc.fenced[i]
                && lines[i].starts_with("##")
                && lines[i].trim_start_matches('#').starts_with(' ')
        })
        .unwrap_or(lines.len());
    let reg = &mut found.reg;
    for (i, line) in lines.iter().enumerate().take(first_h2) {
        if doc.fenced[i] {
            continue;
        }
        let Some((key, value)) = blocks::key_value(line.trim_start_matches('>').trim()) else {
            continue;
        };
        let v = value.trim().to_string();
        match key.to_lowercase().as_str() {
            "status" => {
                let mut words = v.split_whitespace();
                reg.status = words
                    .next()
                    .map(|s| s.to_lowercase())
                    .filter(|s| ["draft", "active", "archived"].contains(&s.as_str()));
                let rest: Vec<&str> = words.collect();
                if !rest.is_empty() {
                    reg.version = Some(rest.join(" "));
                }
                if reg.status.is_none() {
                    reg.extra.insert("status".into(), Value::String(v.clone()));
                }
            }
            // A version line of its own says more than `Status: Active v1`.
            "version" | "document version" => reg.version = Some(v),
            "owner" => reg.owner = Some(v),
            "scope" => reg.scope = Some(v),
            "last update" | "last updated" | "updated" => {
                if crate::model::Date::parse(&v).is_ok() {
                    reg.updated = Some(v);
                } else {
                    reg.extra.insert("last_updated".into(), Value::String(v));
                }
            }
            "related issues" | "issues" => {
                reg.issues = v
                    .split([',', ' '])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            }
            "purpose" => reg.summary = Some(v),
            other => {
                reg.extra.insert(key_of(other), Value::String(v));
            }
        }
        found.consumed[i] = true;
    }
}

/// The `extra` key a front-matter line of no field of its own is kept
/// under: `Review board` -> `review_board` (the key already lowercased).
pub(super) fn key_of(lowercase: &str) -> String {
    lowercase.replace(' ', "_")
}
