//! `riskbook import` of Markdown: tables, heading-and-bullet blocks,
//! one-risk documents, scoring guides and matrices, front matter, actions
//! and revisions; what is left is kept as register sections.

use super::blocks;
use super::cell::plain;
use super::fields::apply as apply_fields;
use super::index::RiskIndex;
use super::rows;
use super::table::{self, Table};
use super::{
    Imported, OutRegister, OutRisk, OutSection, card, encoding, finish, matrix, risk_tables,
    scales, unread, vocabulary,
};
use serde_json::{Map, Value};

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
    let lines: Vec<&str> = owned.iter().map(String::as_str).collect();
    let mut reg = OutRegister {
        title: lines
            .iter()
            .find_map(|l| l.strip_prefix("# "))
            .map(plain)
            .unwrap_or_else(|| name.to_string()),
        ..OutRegister::default()
    };

    let fenced = unread::fenced(&lines);
    let tables = table::tables(&lines, &fenced);
    let mut consumed = vec![false; lines.len()];
    let mut risks: Vec<OutRisk> = Vec::new();
    let mut index = RiskIndex::default();
    // The heading each line sits under, for the status a section implies.
    let mut under = Vec::with_capacity(lines.len());
    let mut heading = "";
    for (i, l) in lines.iter().enumerate() {
        if !fenced[i] && l.starts_with('#') {
            heading = l.trim_start_matches('#').trim();
        }
        under.push(heading);
    }
    // The axes a scale table gave: the first table of an axis is its
    // scale (a second, such as a software-specific probability, refines
    // it), and a list of codes gives way to it.
    let mut tabled: Vec<&str> = Vec::new();
    let parsed = blocks::blocks(&lines, &fenced);
    // A table inside a risk's card (its controls) belongs to that risk,
    // unless it rates risks itself.
    let in_card = |t: &table::Table| {
        // Blocks are in document order and do not overlap.
        let at = parsed
            .blocks
            .partition_point(|b| b.lines.end <= t.lines.start);
        parsed
            .blocks
            .get(at)
            .is_some_and(|b| b.id.is_some() && b.lines.contains(&t.lines.start))
            && !vocabulary::columns(&t.header).iter().any(|f| {
                matches!(
                    f,
                    Some(vocabulary::Field::Probability | vocabulary::Field::Impact)
                )
            })
    };
    for t in &tables {
        if in_card(t) {
            continue;
        }
        if let Some((which, entries)) = scales::scale(t, under[t.lines.start]) {
            if !tabled.contains(&which) {
                tabled.push(which);
                reg.scales.insert(which.into(), Value::Array(entries));
            }
        } else if risk_tables::is_risk_table(t) || risk_tables::continues_risks(t, &index) {
            let status = section_status(under[t.lines.start]);
            rows::add_rows(
                t,
                &mut risks,
                &mut index,
                status,
                &mut reg.hints,
                &mut notes,
            );
        } else if let Some(m) = matrix::matrix(t).filter(|m| m.is_product() || reg.grid.is_none()) {
            // A matrix whose cells are likelihood x impact is `product`, its
            // words bands of the products (the levels); any other is a grid
            // of its words.
            let product = m.is_product();
            let (became, words) = if product {
                (
                    "is probability x impact: `scoring: product`",
                    ", its words the levels from the lowest score each names; check them",
                )
            } else {
                ("became `scoring: grid`", " with its words as levels")
            };
            notes.push(format!(
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
        } else if let Some(levels) = scales::levels(t) {
            reg.levels = Some(levels);
        } else if is_revision_table(t) {
            for row in &t.rows {
                let mut m = Map::new();
                for (i, h) in t.header.iter().enumerate() {
                    let key = plain(h).to_lowercase();
                    if let Some(v) = row.get(i).filter(|v| !super::cell::is_placeholder(v)) {
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

    // Scales written as lists of codes under a heading that names the
    // axis, where no table gave that axis one.
    for (which, entries, lines_used) in scales::list_scales(&lines, &under, &fenced) {
        if tabled.contains(&which) {
            continue;
        }
        reg.scales.insert(which.into(), Value::Array(entries));
        for i in lines_used {
            consumed[i] = true;
        }
    }

    // A line of numbered steps under a key that names the axis
    // (`**Likelihood (1-5)**:` then `1 = Rare, 2 = Unlikely, ...`), where
    // no table or list gave that axis one.
    for (which, entries, lines_used) in scales::line_scales(&lines, &fenced) {
        if tabled.contains(&which) || reg.scales.contains_key(which) {
            continue;
        }
        reg.scales.insert(which.into(), Value::Array(entries));
        for i in lines_used {
            consumed[i] = true;
        }
    }

    // Front matter: `**Status:** Active v1`, `> **Owner**: Product Team`.
    // It ends at the first section heading (`##` or deeper).
    let first_h2 = (0..lines.len())
        .find(|&i| {
            !fenced[i]
                && lines[i].starts_with("##")
                && lines[i].trim_start_matches('#').starts_with(' ')
        })
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
                reg.extra.insert(front_matter_key(other), Value::String(v));
            }
        }
        consumed[i] = true;
    }

    // Detailed blocks: `## R1 — Title`, `### RSK-001: Title`, `### 1. Title`, `**Risk**: Title`.
    let mut generated = 0;
    let mut blank_cards = Vec::new();
    for b in &parsed.blocks {
        for c in &mut consumed[b.lines.clone()] {
            *c = true;
        }
        // `### Risk #2: [Risk Title]` over `- **Owner**: [Name]`: a
        // template's blank card, not a risk (as a table's blank rows).
        let blank = |t: &str| super::cell::is_placeholder(t);
        if blank(&b.title)
            && b.fields.iter().all(|f| {
                vocabulary::field(&f.key) == Some(vocabulary::Field::Id) || blank(&f.text())
            })
        {
            blank_cards.push((b.lines.start + 1).to_string());
            continue;
        }
        match find_block(&index, b) {
            Some(i) => {
                apply_fields(&mut risks[i], &b.fields);
                index.add(i, &risks[i]);
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
                index.add(risks.len(), &risk);
                risks.push(risk);
            }
        }
    }
    if !blank_cards.is_empty() {
        let said = format!(
            "{} {}: only placeholders (a template's blank {})",
            if blank_cards.len() == 1 {
                "line"
            } else {
                "lines"
            },
            blank_cards.join(", "),
            if blank_cards.len() == 1 {
                "card"
            } else {
                "cards"
            },
        );
        notes.push(format!("{said}: left out"));
        reg.hints.blank_rows.get_or_insert(said);
    }
    // Nothing else found: the document may be one risk (an issue template,
    // a risk card) with a section or a `- Key: value` line per field.
    if risks.is_empty()
        && let Some(fields) = card::fields(&lines, &fenced)
    {
        let id = fields
            .iter()
            .find(|f| vocabulary::field(&f.key) == Some(vocabulary::Field::Id))
            .map(|f| plain(&f.value_or_next()))
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| "R-1".into());
        let mut risk = OutRisk {
            id,
            line: 1,
            title: reg.title.clone(),
            ..OutRisk::default()
        };
        apply_fields(&mut risk, &fields);
        // Its `**Key:** value` lines above the first section were read as
        // the register's front matter too: they are the risk's.
        for f in &fields {
            reg.extra.remove(&front_matter_key(&f.key.to_lowercase()));
        }
        notes.push(format!(
            "the document is one risk (`{}`): its sections and `Key: value` lines became its fields",
            risk.id
        ));
        risks.push(risk);
        for c in consumed.iter_mut() {
            *c = true;
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
            reg.grid = Some(
                grid.into_iter()
                    .map(|r| r.into_iter().map(Value::String).collect())
                    .collect(),
            );
        } else {
            notes.push(format!("a matrix of {} rows was found but does not fit the {rows}x{cols} scales: kept as text", grid.len()));
        }
    }
    // A guide's line that names an axis (`**Likelihood**: Low (1-3),
    // Medium (4-6), High (7-9)`) bands that axis's ratings: the lowest and
    // highest number are the range of its scale, as a header's `(1-9)` is.
    // A legend's `- **Impact level** - Rate 1 to 5` names its axis too.
    let legend = |l: &str| {
        let t = l
            .trim_start()
            .trim_start_matches(['-', '*', '+'])
            .trim_start();
        let (key, rest) = t.strip_prefix("**")?.split_once("**")?;
        let value = rest.trim_start().strip_prefix(['-', '–', '—'])?;
        Some((key.to_string(), value.trim().to_string()))
    };
    let axis_of = |l: &str| {
        blocks::key_value(l)
            .or_else(|| legend(l))
            .and_then(|(k, v)| match vocabulary::field(&k) {
                Some(f @ (vocabulary::Field::Probability | vocabulary::Field::Impact)) => {
                    Some((f, v))
                }
                _ => None,
            })
    };
    for i in (0..lines.len()).filter(|&i| !fenced[i] && !consumed[i]) {
        let Some((axis, value)) = axis_of(lines[i]) else {
            continue;
        };
        let numbers: Vec<i64> = value
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        let (Some(&lo), Some(&hi)) = (numbers.iter().min(), numbers.iter().max()) else {
            continue;
        };
        // Two bands at least, or a range in words (`Rate 1 (low) to 5
        // (high)`): one rating with a note (`Medium (5)`) is no guide.
        let range = numbers.len() == 2 && plain(&value).to_lowercase().contains(" to ");
        if (numbers.len() >= 4 || range) && lo < hi {
            let hint = match axis {
                vocabulary::Field::Probability => &mut reg.hints.probability,
                _ => &mut reg.hints.impact,
            };
            hint.get_or_insert((lo, hi));
        }
    }
    // Bands written as a list (`1-5 = Low, 6-12 = Medium`): levels by `min`,
    // except on a line that names an axis (above).
    if reg.levels.is_none() {
        let names_axis = |l: &str| axis_of(l).is_some();
        let free: Vec<&str> = (0..lines.len())
            .filter(|&i| !fenced[i] && !consumed[i] && !names_axis(lines[i]))
            .flat_map(|i| lines[i].split([',', ';']))
            .collect();
        if let Some(levels) = matrix::bands(&free) {
            notes.push(format!(
                "the bands {} became the levels (by score); check them",
                levels
                    .iter()
                    .map(|l| l["label"].as_str().unwrap_or("").to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            reg.levels = Some(levels);
        }
    }
    // A score grid takes its levels by `min`: spread them when none has one
    // (named cells need none).
    if reg
        .grid
        .as_ref()
        .is_some_and(|g| g.iter().flatten().all(Value::is_number))
        && reg
            .levels
            .as_ref()
            .is_none_or(|l| l.iter().any(|x| x.get("min").is_none()))
    {
        reg.levels = Some(super::value_scales::levels(
            &reg.scale("probability"),
            &reg.scale("impact"),
        ));
        reg.levels_spread = true;
        notes.push("levels were spread over the matrix's scores; check their `min`".into());
    }
    if reg.scoring.is_none()
        && (!reg.scales.is_empty() || (reg.levels.is_some() && reg.grid.is_none()))
    {
        notes.push("the scoring guide became the register's scales and levels (scoring: product, the default); check them".into());
    }
    if generated > 0 {
        notes.push(format!(
            "{generated} risks had no id: ids were given in document order"
        ));
    }

    super::chart_and_checklist::quadrant_chart(&lines, &index, &mut risks, &mut reg, &mut consumed);
    super::chart_and_checklist::actions(&lines, &fenced, &mut reg, &mut consumed);

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
    reg.risks = risks;
    finish::finish(reg, notes)
}

/// A detailed block's risk: by its id; without one, the table's risk of
/// that number, else of that title (a summary table above cards that
/// repeat it).
fn find_block(index: &RiskIndex, b: &blocks::Block) -> Option<usize> {
    match &b.id {
        Some(id) => index.id(id),
        None => b
            .number
            .and_then(|n| index.id(&format!("R-{n}")))
            .or_else(|| index.title(&plain(&b.title))),
    }
}

/// The `extra` key a front-matter line of no field of its own is kept
/// under: `Review board` -> `review_board` (the key already lowercased).
fn front_matter_key(lowercase: &str) -> String {
    lowercase.replace(' ', "_")
}
