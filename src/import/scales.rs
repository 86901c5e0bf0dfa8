//! Scoring guides written as tables (seed 001): a probability or impact
//! scale (`| Probability | Score | Description |`) and levels by score range
//! (`| Risk Score | Formula | Action |` with rows like `7-9`).

use super::cell::plain;
use super::table::Table;
use serde_json::{Value, json};

fn col(t: &Table, names: &[&str]) -> Option<usize> {
    t.header
        .iter()
        .position(|h| names.contains(&plain(h).to_lowercase().as_str()))
}

/// `probability` or `impact` and its entries, lowest first: a table
/// whose first column names the axis (`| Probability | Score | ... |`),
/// or a table of codes under a heading that names it (ISO 14971's
/// `## Severity` then `| Level | Name | Description |` with rows `S1`,
/// `S2`...).
pub fn scale(t: &Table, heading: &str) -> Option<(&'static str, Vec<Value>)> {
    let first = plain(t.header.first()?).to_lowercase();
    let which = match first.as_str() {
        "probability" | "likelihood" => "probability",
        "impact" => "impact",
        _ => return coded_scale(t, heading).or_else(|| numbered_scale(t, heading)),
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

/// The axis a heading names: `Severity`, `Probability of occurrence`.
fn axis_of(heading: &str) -> Option<&'static str> {
    let words = super::vocabulary::normalize(heading);
    words.split(' ').find_map(|w| match w {
        "probability" | "likelihood" | "occurrence" => Some("probability"),
        "severity" | "impact" | "consequence" | "consequences" => Some("impact"),
        _ => None,
    })
}

/// A table of coded steps under a heading that names its axis: each row's
/// first cell a code (`P5`), then a name and a description. The code is
/// the id, its number the value, the name the label; other columns (an
/// estimated event count) are left out.
fn coded_scale(t: &Table, heading: &str) -> Option<(&'static str, Vec<Value>)> {
    use super::ratings::{Rating, parse};
    let which = axis_of(heading)?;
    let name = col(t, &["name", "label", "level name", "title"]);
    let desc = col(t, &["description", "meaning", "definition"]);
    let mut entries: Vec<(u32, Value)> = Vec::new();
    for row in &t.rows {
        let Rating::Coded {
            prefix, n, label, ..
        } = parse(&plain(row.first()?))
        else {
            return None;
        };
        let code = format!("{prefix}{n}");
        let label = name
            .and_then(|c| row.get(c))
            .map(|l| plain(l))
            .filter(|l| !l.is_empty())
            .or(label)
            .unwrap_or_else(|| code.clone());
        let e = json!({ "id": code, "label": label, "value": n });
        entries.push((n, described(e, desc.and_then(|d| row.get(d)))));
    }
    in_order(which, entries)
}

/// A scale step with its description, when one is written.
fn described(mut step: Value, description: Option<&String>) -> Value {
    if let Some(d) = description.filter(|d| !d.is_empty()) {
        step["description"] = Value::String(d.clone());
    }
    step
}

/// Numbered steps (two at least) as a scale, lowest first.
fn in_order(
    which: &'static str,
    mut entries: Vec<(u32, Value)>,
) -> Option<(&'static str, Vec<Value>)> {
    if entries.len() < 2 {
        return None;
    }
    entries.sort_by_key(|e| e.0);
    Some((which, entries.into_iter().map(|(_, e)| e).collect()))
}

/// A table of numbered steps under a heading that names its axis (`##
/// Severity Scoring Criteria`, then `| Score | Level | Definition |` with
/// rows `5 | Catastrophic | ...`): the number is the value, the words of
/// a name column (else the definition) the label. Never a risk table.
fn numbered_scale(t: &Table, heading: &str) -> Option<(&'static str, Vec<Value>)> {
    if super::risk_tables::is_risk_table(t) {
        return None;
    }
    let which = axis_of(heading).or_else(|| axis_of(t.header.first()?))?;
    let number = |row: &[String]| -> Option<u32> { plain(row.first()?).parse().ok() };
    let name = col(t, &["level", "name", "label", "rating", "category", "term"]).filter(|&c| c > 0);
    let desc = col(
        t,
        &[
            "description",
            "definition",
            "meaning",
            "criteria",
            "frequency",
        ],
    )
    .filter(|&c| c > 0);
    let label_col = name.or(desc)?;
    let mut entries: Vec<(u32, Value)> = Vec::new();
    for row in &t.rows {
        let n = number(row)?;
        let label = plain(row.get(label_col)?);
        if label.is_empty() || entries.iter().any(|e| e.0 == n) {
            return None;
        }
        let e = json!({ "id": super::cell::slug(&label), "label": label, "value": n });
        // With a name column, the definition is the step's description.
        let d = desc.filter(|_| name.is_some()).and_then(|d| row.get(d));
        entries.push((n, described(e, d)));
    }
    in_order(which, entries)
}

/// A scale being read from a list: its axis, (number, entry) pairs, the
/// lines they came from and the codes' prefix.
type ListScale = (&'static str, Vec<(u32, Value)>, Vec<usize>, String);

/// Scales written as lists of codes (`- S1: Negligible`) under a heading
/// that names their axis (a risk management plan's `## Severity`): each
/// axis, its entries and the lines they came from. Two items at least,
/// all codes of one prefix with words.
pub fn list_scales(
    lines: &[&str],
    under: &[&str],
    fenced: &[bool],
) -> Vec<(&'static str, Vec<Value>, Vec<usize>)> {
    use super::ratings::{Rating, parse};
    let mut found: Vec<ListScale> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(item) = l.trim_start().strip_prefix(['-', '*', '+']) else {
            continue;
        };
        let Some(which) = axis_of(under[i]).filter(|_| !fenced[i]) else {
            continue;
        };
        let Rating::Coded {
            prefix,
            n,
            label: Some(label),
            ..
        } = parse(&plain(item))
        else {
            continue;
        };
        let entry = json!({ "id": format!("{prefix}{n}"), "label": label, "value": n });
        match found.iter_mut().find(|f| f.0 == which && f.3 == prefix) {
            Some(f) => {
                f.1.push((n, entry));
                f.2.push(i);
            }
            None => found.push((which, vec![(n, entry)], vec![i], prefix)),
        }
    }
    found
        .into_iter()
        .filter(|f| f.1.len() >= 2)
        .map(|(which, mut entries, used, _)| {
            entries.sort_by_key(|e| e.0);
            entries.dedup_by_key(|e| e.0);
            (which, entries.into_iter().map(|e| e.1).collect(), used)
        })
        .collect()
}

/// Scales written as one line of numbered steps under a key that names
/// the axis: `**Likelihood (1-5)**:` then `1 = Rare, 2 = Unlikely, 3 =
/// Possible` (on the key's line or the next). Each axis, its entries (the
/// number the value, the words the label) and the lines they came from.
/// Two steps at least, each number once.
pub fn line_scales(lines: &[&str], fenced: &[bool]) -> Vec<(&'static str, Vec<Value>, Vec<usize>)> {
    let mut found = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if fenced[i] {
            continue;
        }
        let Some((key, value)) = super::blocks::key_value(l) else {
            continue;
        };
        let Some(which) = axis_of(&key) else {
            continue;
        };
        let (at, text) = if value.trim().is_empty() {
            let Some(j) = (i + 1..lines.len()).find(|&j| !lines[j].trim().is_empty()) else {
                continue;
            };
            (j, lines[j].to_string())
        } else {
            (i, value)
        };
        if fenced[at] {
            continue;
        }
        let mut entries: Vec<(u32, Value)> = Vec::new();
        let steps: Vec<Option<(u32, String)>> = text
            .split([',', ';'])
            .filter(|s| !s.trim().is_empty())
            .map(|s| {
                let (n, words) = s.split_once('=')?;
                let n: u32 = plain(n).parse().ok()?;
                let words = plain(words);
                (!words.is_empty() && !words.starts_with(|c: char| c.is_ascii_digit()))
                    .then_some((n, words))
            })
            .collect();
        if steps.len() < 2 || steps.iter().any(Option::is_none) {
            continue;
        }
        for (n, label) in steps.into_iter().flatten() {
            if entries.iter().any(|e| e.0 == n) {
                entries.clear();
                break;
            }
            entries.push((
                n,
                json!({ "id": super::cell::slug(&label), "label": label, "value": n }),
            ));
        }
        if let Some((which, entries)) = in_order(which, entries) {
            found.push((which, entries, vec![i, at]));
        }
    }
    found
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

/// Colours for the usual traffic-light emoji.
fn emoji_color(e: char) -> Option<&'static str> {
    match e {
        '🔴' => Some("#cf222e"),
        '🟠' => Some("#e16f24"),
        '🟡' => Some("#d4a72c"),
        '🟢' => Some("#2da44e"),
        '🔵' => Some("#0969da"),
        '🟣' => Some("#8250df"),
        _ => None,
    }
}

/// A matrix drawn with coloured emoji (seed 002), and the classes that name
/// them (`- **🔴 CRITICAL**: description`): levels (lowest first) and grid
/// rows of level ids (highest probability first).
pub fn emoji_grid(lines: &[&str]) -> Option<(Vec<Value>, Vec<Vec<String>>)> {
    // Classes, in the order written (usually highest first).
    let mut classes: Vec<(char, String, String)> = Vec::new();
    for l in lines {
        let Some((key, desc)) = super::blocks::key_value(l) else {
            continue;
        };
        let mut chars = key.chars();
        let Some(e) = chars.next().filter(|c| emoji_color(*c).is_some()) else {
            continue;
        };
        let name = chars.as_str().trim().to_lowercase();
        if !name.is_empty() && !classes.iter().any(|c| c.0 == e) {
            classes.push((e, name, desc));
        }
    }
    if classes.len() < 2 {
        return None;
    }
    // Rows: `High │ 🟢 │ 🟠 │ ...` where every cell holds one class emoji.
    let mut grid: Vec<Vec<String>> = Vec::new();
    for l in lines {
        let cells: Vec<&str> = l.split(['│', '|']).map(str::trim).collect();
        if cells.len() < 3 || cells[0].is_empty() {
            continue;
        }
        let row: Option<Vec<String>> = cells[1..]
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| {
                let mut found = classes.iter().filter(|(e, ..)| c.contains(*e));
                match (found.next(), found.next()) {
                    (Some((_, name, _)), None) => Some(name.clone()),
                    _ => None,
                }
            })
            .collect();
        if let Some(row) = row.filter(|r| r.len() >= 2) {
            grid.push(row);
        }
    }
    if grid.len() < 2 || grid.iter().any(|r| r.len() != grid[0].len()) {
        return None;
    }
    let levels = classes
        .iter()
        .rev()
        .map(|(e, name, desc)| {
            let mut label = name.clone();
            label[..1].make_ascii_uppercase();
            json!({ "id": name, "label": format!("{e} {label}"), "color": emoji_color(*e), "description": desc })
        })
        .collect();
    Some((levels, grid))
}
