//! `riskbook import`: a Markdown risk document written by hand (tables like
//! seeds 000, 001 and 004, or heading-and-bullet lists like seeds 002 and
//! 003) to a register YAML. What has no field of its own is kept as a
//! register or risk section, so nothing is lost; what could not be mapped
//! is reported.

mod blocks;
mod encoding;
mod scales;
mod table;

use blocks::Field;
use indexmap::IndexMap;
use serde::Serialize;
use serde_json::{Map, Value};
use table::Table;

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
    scales: Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scoring: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    levels: Option<Vec<Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grid: Option<Vec<Vec<String>>>,
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
}

#[derive(Serialize, Default, Clone)]
struct OutRisk {
    id: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    probability: String,
    impact: String,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<Value>,
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
    pub notes: Vec<String>,
}

/// Inline Markdown to plain text for ids, titles and scale values.
fn plain(s: &str) -> String {
    s.replace("**", "").replace('`', "").trim().to_string()
}

/// `✅ Mitigated` -> `mitigated`.
fn status_word(s: &str) -> String {
    plain(s)
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim()
        .to_lowercase()
}

fn split_list(s: &str) -> Vec<String> {
    let sep = if s.contains("; ") { "; " } else { ", " };
    s.split(sep)
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

fn owner_value(s: &str) -> Option<Value> {
    let parts = split_list(&plain(s));
    match parts.len() {
        0 => None,
        1 => Some(Value::String(parts[0].clone())),
        _ => Some(Value::Array(parts.into_iter().map(Value::String).collect())),
    }
}

fn column(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = plain(h).to_lowercase();
        names.iter().any(|n| h == *n)
    })
}

fn is_risk_table(t: &Table) -> bool {
    column(&t.header, &["probability", "prob", "likelihood"]).is_some()
        && column(&t.header, &["impact"]).is_some()
}

fn is_revision_table(t: &Table) -> bool {
    column(&t.header, &["version"]).is_some() && column(&t.header, &["changes"]).is_some()
}

/// Risks from a table; unknown columns go to `extra`.
fn risks_from_table(t: &Table, first_number: usize, notes: &mut Vec<String>) -> Vec<OutRisk> {
    let h = &t.header;
    let col = |names: &[&str]| column(h, names);
    let known = [
        (col(&["id"]), "id"),
        (col(&["risk", "title"]), "title"),
        (col(&["status", "mitigation status"]), "status"),
        (col(&["category", "flow", "area"]), "category"),
        (col(&["probability", "prob", "likelihood"]), "probability"),
        (col(&["impact"]), "impact"),
        (col(&["score", "risk score"]), "score"),
        (col(&["mitigation", "mitigations"]), "mitigation"),
        (col(&["contingency"]), "contingency"),
        (
            col(&[
                "rollback trigger (threshold)",
                "rollback trigger",
                "trigger",
            ]),
            "trigger",
        ),
        (col(&["owner", "owners"]), "owner"),
        (
            col(&["playbook ref", "playbook", "playbooks", "runbook"]),
            "playbooks",
        ),
    ];
    let used: Vec<usize> = known.iter().filter_map(|(c, _)| *c).collect();
    let others: Vec<usize> = (0..h.len()).filter(|i| !used.contains(i)).collect();
    if !others.is_empty() {
        notes.push(format!(
            "columns kept under each risk's `extra`: {}",
            others
                .iter()
                .map(|i| plain(&h[*i]))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut out = Vec::new();
    for (n, row) in t.rows.iter().enumerate() {
        let get = |name: &str| -> Option<String> {
            let c = known.iter().find(|(_, k)| *k == name)?.0?;
            row.get(c)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let id = get("id")
            .map(|s| plain(&s))
            .unwrap_or_else(|| format!("R-{}", first_number + n));
        let mut risk = OutRisk {
            id,
            title: get("title").map(|s| plain(&s)).unwrap_or_default(),
            status: get("status").map(|s| status_word(&s)),
            category: get("category"),
            probability: get("probability").map(|s| plain(&s)).unwrap_or_default(),
            impact: get("impact").map(|s| plain(&s)).unwrap_or_default(),
            owner: get("owner").and_then(|s| owner_value(&s)),
            score: get("score").and_then(|s| plain(&s).parse().ok()),
            mitigation: get("mitigation").map(|s| Value::from(split_list(&s))),
            contingency: get("contingency").map(|s| Value::from(split_list(&s))),
            trigger: get("trigger"),
            playbooks: get("playbooks")
                .map(|s| split_list(&plain(&s)))
                .unwrap_or_default(),
            ..OutRisk::default()
        };
        for i in &others {
            if let Some(v) = row.get(*i).filter(|v| !v.is_empty()) {
                risk.extra.insert(
                    plain(&h[*i]).to_lowercase().replace(' ', "_"),
                    Value::String(v.clone()),
                );
            }
        }
        out.push(risk);
    }
    if column(h, &["id"]).is_none() && !out.is_empty() {
        notes.push(format!(
            "the risk table has no ID column: ids R-{}.. were given in table order",
            first_number
        ));
    }
    out
}

/// Applies the fields of a detailed block to a risk.
fn apply_fields(risk: &mut OutRisk, fields: &[Field]) {
    for f in fields {
        let key = f.key.to_lowercase();
        let items = || Value::from(f.items.clone());
        match key.as_str() {
            "description" => risk.description = Some(f.text()),
            "probability" | "likelihood" => {
                let v = plain(&f.value);
                // A longer text with the same value adds its note: `Low (managed ...)`.
                if risk.probability.is_empty()
                    || v.to_lowercase()
                        .starts_with(&risk.probability.to_lowercase())
                {
                    risk.probability = v;
                }
            }
            "impact" => {
                let v = plain(&f.value);
                if risk.impact.is_empty()
                    || v.to_lowercase().starts_with(&risk.impact.to_lowercase())
                {
                    risk.impact = v;
                }
            }
            "mitigation" | "mitigations" if !f.items.is_empty() => {
                let done: Vec<Value> = f
                    .items
                    .iter()
                    .map(|i| match i.strip_prefix("✅") {
                        Some(rest) => serde_json::json!({ "action": rest.trim(), "done": true }),
                        None => Value::String(i.clone()),
                    })
                    .collect();
                risk.mitigation = Some(Value::Array(done));
            }
            "contingency" if !f.items.is_empty() => risk.contingency = Some(items()),
            "signals" | "early warning indicators" | "monitoring"
                if !f.items.is_empty() || !f.value.is_empty() =>
            {
                risk.signals = if f.items.is_empty() {
                    vec![f.value.clone()]
                } else {
                    f.items.clone()
                };
            }
            "risk score" | "score" => {
                if let Some(n) = f
                    .value
                    .split_whitespace()
                    .next()
                    .and_then(|n| n.parse().ok())
                {
                    risk.score = Some(n);
                }
            }
            "owner" => risk.owner = owner_value(&f.value),
            _ => {
                // Everything else stays, in order, as a section of the risk.
                risk.sections.insert(f.key.clone(), f.text());
            }
        }
    }
}

/// Converts `markdown`; `name` is the file's name, for the title fallback.
pub fn import(markdown: &str, name: &str) -> Imported {
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
    let lines: Vec<&str> = owned.iter().map(String::as_str).collect();
    let mut reg = OutRegister {
        title: lines
            .iter()
            .find_map(|l| l.strip_prefix("# "))
            .map(plain)
            .unwrap_or_else(|| name.to_string()),
        ..OutRegister::default()
    };

    let fenced = blocks::fenced(&lines);
    let tables = table::tables(&lines, &fenced);
    let mut consumed = vec![false; lines.len()];
    let mut risks: Vec<OutRisk> = Vec::new();
    for t in &tables {
        if is_risk_table(t) {
            let n = risks.len() + 1;
            risks.extend(risks_from_table(t, n, &mut notes));
        } else if let Some((which, entries)) = scales::scale(t) {
            reg.scales.insert(which.into(), Value::Array(entries));
        } else if let Some(levels) = scales::levels(t) {
            reg.levels = Some(levels);
        } else if is_revision_table(t) {
            for row in &t.rows {
                let mut m = Map::new();
                for (i, h) in t.header.iter().enumerate() {
                    let key = plain(h).to_lowercase();
                    if let Some(v) = row.get(i).filter(|v| !v.is_empty()) {
                        m.insert(key, Value::String(v.clone()));
                    }
                }
                reg.revisions.push(m);
            }
        } else {
            continue;
        }
        for c in &mut consumed[t.lines.clone()] {
            *c = true;
        }
    }

    // Front matter: `**Status:** Active v1`, `> **Owner**: Product Team`.
    let first_h2 = (0..lines.len())
        .find(|&i| !fenced[i] && lines[i].starts_with("## "))
        .unwrap_or(lines.len());
    for (i, line) in lines.iter().enumerate().take(first_h2) {
        if fenced[i] {
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
                reg.extra.insert(other.replace(' ', "_"), Value::String(v));
            }
        }
        consumed[i] = true;
    }

    // Detailed blocks: `## R1 — Title`, `### RSK-001: Title`, `### 1. Title`, `**Risk**: Title`.
    let parsed = blocks::blocks(&lines, &fenced);
    let mut generated = 0;
    for b in &parsed.blocks {
        for c in &mut consumed[b.lines.clone()] {
            *c = true;
        }
        let found = match &b.id {
            Some(id) => risks.iter().position(|r| &r.id == id),
            None => b.number.and_then(|n| {
                let id = format!("R-{n}");
                risks.iter().position(|r| r.id == id)
            }),
        };
        match found {
            Some(i) => apply_fields(&mut risks[i], &b.fields),
            None => {
                let id = b.id.clone().unwrap_or_else(|| {
                    generated += 1;
                    format!("R-{}", risks.len() + 1)
                });
                let mut risk = OutRisk {
                    id,
                    title: b.title.clone(),
                    category: b.category.clone(),
                    ..OutRisk::default()
                };
                apply_fields(&mut risk, &b.fields);
                if let Some(class) = &b.class {
                    risk.extra
                        .insert("classified_as".into(), Value::String(class.clone()));
                }
                risks.push(risk);
            }
        }
    }
    // A matrix drawn with emoji is a grid, when its shape fits the scales.
    if reg.levels.is_none()
        && let Some((levels, grid)) = scales::emoji_grid(&lines)
    {
        let rows = reg
            .scales
            .get("probability")
            .and_then(Value::as_array)
            .map_or(3, Vec::len);
        let cols = reg
            .scales
            .get("impact")
            .and_then(Value::as_array)
            .map_or(4, Vec::len);
        if grid.len() == rows && grid.iter().all(|r| r.len() == cols) {
            notes.push(
                "the emoji matrix became `scoring: grid` with its classes as levels; check them"
                    .into(),
            );
            reg.scoring = Some("grid".into());
            reg.levels = Some(levels);
            reg.grid = Some(grid);
        } else {
            notes.push(format!("a matrix of {} rows was found but does not fit the {rows}x{cols} scales: kept as text", grid.len()));
        }
    }
    if !reg.scales.is_empty() || (reg.levels.is_some() && reg.grid.is_none()) {
        notes.push("the scoring guide became the register's scales and levels (scoring: product, the default); check them".into());
    }
    if generated > 0 {
        notes.push(format!(
            "{generated} risks had no id: ids were given in document order"
        ));
    }

    // Mermaid quadrantChart: positions and quadrant names.
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("quadrant-") {
            if let Some((n, name)) = rest.split_once(' ') {
                let q = reg.quadrants.get_or_insert_with(|| vec![String::new(); 4]);
                if let Ok(n) = n.parse::<usize>().map(|n| n.saturating_sub(1))
                    && n < 4
                {
                    q[n] = name.trim().to_string();
                }
            }
        } else if let Some((id, pos)) = t.split_once(": [") {
            let nums: Vec<f64> = pos
                .trim_end_matches(']')
                .split(',')
                .filter_map(|x| x.trim().parse().ok())
                .collect();
            if let (Some(r), [p, im]) = (
                risks.iter_mut().find(|r| r.id == id.trim()),
                nums.as_slice(),
            ) {
                r.position = Some(serde_json::json!({ "probability": p, "impact": im }));
                consumed[i] = true;
            }
        }
    }

    // Checklists under an "actions" heading.
    let mut heading = String::new();
    for (i, line) in lines.iter().enumerate() {
        if fenced[i] {
            continue;
        }
        if let Some(h) = line.strip_prefix("## ") {
            heading = h.to_lowercase();
        }
        if heading.contains("action") {
            let t = line.trim_start();
            if let Some(rest) = t
                .strip_prefix("- [x] ")
                .or_else(|| t.strip_prefix("- [X] "))
            {
                reg.actions.push(OutAction {
                    text: rest.to_string(),
                    done: true,
                });
                consumed[i] = true;
            } else if let Some(rest) = t.strip_prefix("- [ ] ") {
                reg.actions.push(OutAction {
                    text: rest.to_string(),
                    done: false,
                });
                consumed[i] = true;
            }
        }
    }

    // What is left, section by section, is kept as register sections.
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
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("# ") && !fenced[i] {
            continue;
        }
        if let Some(h) = line.strip_prefix("## ").filter(|_| !fenced[i]) {
            flush(&title, &mut body, &mut reg);
            title = plain(h);
            continue;
        }
        if !consumed[i] {
            body.push(line);
        }
    }
    flush(&title, &mut body, &mut reg);
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
    for r in &risks {
        if r.probability.is_empty() || r.impact.is_empty() {
            notes.push(format!(
                "{}: no probability or impact found; fill them in",
                r.id
            ));
        }
        if r.title.is_empty() {
            notes.push(format!("{}: no title found", r.id));
        }
    }
    if risks.is_empty() {
        notes.push("no risk table or risk list found".into());
    }
    reg.risks = risks;
    let yaml = serde_yaml::to_string(&reg).unwrap_or_default();
    Imported { yaml, notes }
}
