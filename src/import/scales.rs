//! Scoring guides written as tables (seed 001): a probability or impact
//! scale (`| Probability | Score | Description |`) and levels by score range
//! (`| Risk Score | Formula | Action |` with rows like `7-9`).

use super::plain;
use super::table::Table;
use serde_json::{Value, json};

fn col(t: &Table, names: &[&str]) -> Option<usize> {
    t.header
        .iter()
        .position(|h| names.contains(&plain(h).to_lowercase().as_str()))
}

/// `probability` or `impact` and its entries, lowest first.
pub fn scale(t: &Table) -> Option<(&'static str, Vec<Value>)> {
    let first = plain(t.header.first()?).to_lowercase();
    let which = match first.as_str() {
        "probability" | "likelihood" => "probability",
        "impact" => "impact",
        _ => return None,
    };
    let score = col(t, &["score", "value"])?;
    let desc = col(t, &["description", "meaning"]);
    let mut entries: Vec<(f64, Value)> = Vec::new();
    for row in &t.rows {
        let label = plain(row.first()?);
        let value: f64 = plain(row.get(score)?).parse().ok()?;
        let mut e =
            json!({ "id": label.to_lowercase().replace(' ', "-"), "label": label, "value": value });
        if let Some(d) = desc.and_then(|d| row.get(d)).filter(|d| !d.is_empty()) {
            e["description"] = Value::String(d.clone());
        }
        entries.push((value, e));
    }
    if entries.len() < 2 {
        return None;
    }
    entries.sort_by(|a, b| a.0.total_cmp(&b.0));
    Some((which, entries.into_iter().map(|(_, e)| e).collect()))
}

/// Levels from rows like `| 7-9 | formula | action |`, lowest first.
pub fn levels(t: &Table) -> Option<Vec<Value>> {
    let range = col(t, &["risk score", "score", "score range"])?;
    let action = col(t, &["action", "response"]);
    let formula = col(t, &["formula", "rule"]);
    let mut rows: Vec<(f64, String)> = Vec::new();
    for row in &t.rows {
        let cell = plain(row.get(range)?);
        let min: f64 = cell.split(['-', '–']).next()?.trim().parse().ok()?;
        let mut text = action.and_then(|a| row.get(a)).cloned().unwrap_or_default();
        if let Some(f) = formula.and_then(|f| row.get(f)).filter(|f| !f.is_empty()) {
            text = format!("{text} (score {cell}: {f})");
        }
        rows.push((min, text));
    }
    if rows.len() < 2 {
        return None;
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let names: &[&str] = match rows.len() {
        2 => &["low", "high"],
        3 => &["low", "medium", "high"],
        4 => &["low", "medium", "high", "critical"],
        _ => &[],
    };
    Some(
        rows.into_iter()
            .enumerate()
            .map(|(i, (min, text))| {
                let id = names
                    .get(i)
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| format!("level-{}", i + 1));
                let mut label = id.clone();
                label[..1].make_ascii_uppercase();
                json!({ "id": id, "label": label, "min": min, "description": text.trim() })
            })
            .collect(),
    )
}
