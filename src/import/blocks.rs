//! Risks written as headings and bullets: `## R1 — Title`, `### RSK-001:
//! Title`, `### 1. Title` or `**Risk**: Title`, each followed by
//! `**Key**: value` lines and lists.

use super::risk_headings::{
    bold_id_line, field_sub_heading, heading, id_sub_heading, id_title, is_id, numbered,
    strip_class,
};
use super::vocabulary;
use std::ops::Range;

/// One `**Key**: value` of a block, with the list or text that follows it.
#[derive(Debug, Clone, Default)]
pub struct Field {
    pub key: String,
    pub value: String,
    /// List items under the key (markers removed).
    pub items: Vec<String>,
    /// The lines under the key as written (lists, code, text).
    pub raw: Vec<String>,
}

impl Field {
    /// The value, or when the key stands alone (`**Likelihood:**` then
    /// `High` on the next line) the first line under it.
    pub fn value_or_next(&self) -> String {
        if !self.value.is_empty() {
            return self.value.clone();
        }
        self.raw
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .unwrap_or("")
            .to_string()
    }

    /// Whether the lines under the key are one flat list and nothing else.
    /// A paragraph beside the list, or items nested under items, would be
    /// lost (or flattened) by reading the items alone.
    pub fn is_plain_list(&self) -> bool {
        let lines = || self.raw.iter().filter(|l| !l.trim().is_empty());
        let indent = |l: &String| l.len() - l.trim_start().len();
        let outer = lines().map(indent).min().unwrap_or(0);
        lines().all(|l| indent(l) == outer && list_item(l).is_some())
    }

    /// The field as Markdown: its value, then what follows it, dedented.
    pub fn text(&self) -> String {
        let indent = self
            .raw
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0);
        let body: Vec<&str> = self
            .raw
            .iter()
            .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
            .collect();
        let body = body.join("\n").trim_matches('\n').to_string();
        match (self.value.is_empty(), body.is_empty()) {
            (true, _) => body,
            (false, true) => self.value.clone(),
            (false, false) => format!("{}\n\n{body}", self.value),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Block {
    pub id: Option<String>,
    /// `### 1. Title`: the risk's number in its table.
    pub number: Option<usize>,
    pub title: String,
    /// The heading the block sits under (`Phase 1: ...`), for `**Risk**:` lists.
    pub category: Option<String>,
    /// The class heading above it (`🔴 CRITICAL Risks`), kept under `extra`.
    pub class: Option<String>,
    pub fields: Vec<Field>,
    pub lines: Range<usize>,
}

pub struct Parsed {
    pub blocks: Vec<Block>,
}

/// `**Key:** value`, `**Key**: value`, `- **Key**: value`.
pub fn key_value(line: &str) -> Option<(String, String)> {
    let t = line.trim_start();
    let t = t.strip_prefix("- ").unwrap_or(t);
    let rest = t.strip_prefix("**")?;
    let end = rest.find("**")?;
    let key = rest[..end].trim().trim_end_matches(':').trim();
    let after = &rest[end + 2..];
    let value = if rest[..end].trim_end().ends_with(':') {
        after
    } else {
        after.strip_prefix(':')?
    };
    if key.is_empty() || key.len() > 40 {
        return None;
    }
    Some((key.to_string(), value.trim().to_string()))
}

/// A two-column table of a risk's fields at the top of `lines`
/// (`| Likelihood | Medium |`, under a header such as `Field | Value`):
/// its rows as key and value, and how many lines it spans. `None` unless
/// most of its rows name a field the vocabulary knows (a two-column table
/// of steps stays text).
fn key_value_table(lines: &[&str]) -> Option<(Vec<(String, String)>, usize)> {
    use super::table::cells;
    let any_row = |l: &str| {
        let t = l.trim();
        (t.len() > 1 && t.starts_with('|') && t.ends_with('|')).then(|| cells(t))
    };
    let header = any_row(lines.first()?)?;
    let separator = any_row(lines.get(1)?)?;
    if separator.len() != header.len()
        || !separator
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
    {
        return None;
    }
    if header.len() != 2 {
        // One row under a header of fields (`| P2 (Post-control) |
        // Residual Risk | Acceptance |`): each header the key of its cell.
        let body: Vec<Vec<String>> = lines[2..].iter().map_while(|l| any_row(l)).collect();
        let [only] = body.as_slice() else {
            return None;
        };
        let pairs: Vec<(String, String)> = header
            .iter()
            .zip(only)
            .map(|(h, v)| (super::cell::plain(h), v.clone()))
            .collect();
        // It rates (a table of controls with an ID column lists things).
        use vocabulary::Field as F;
        let fields: Vec<Option<F>> = pairs.iter().map(|(k, _)| vocabulary::field(k)).collect();
        let rates = fields.iter().any(|f| {
            matches!(
                f,
                Some(
                    F::Probability
                        | F::Impact
                        | F::ResidualProbability
                        | F::ResidualImpact
                        | F::Residual
                )
            )
        });
        let known = fields.iter().filter(|f| f.is_some()).count();
        return (rates && !fields.contains(&Some(F::Id)) && known * 2 >= pairs.len())
            .then_some((pairs, 3));
    }
    let row = |l: &str| any_row(l).filter(|c| c.len() == 2);
    let body: Vec<Vec<String>> = lines[2..].iter().map_while(|l| row(l)).collect();
    let pair = |c: &[String]| (super::cell::plain(&c[0]), c[1].clone());
    let mut pairs: Vec<(String, String)> = Vec::new();
    // A header that is itself a field (`| Likelihood | Medium |`) counts.
    if vocabulary::field(&super::cell::plain(&header[0])).is_some() {
        pairs.push(pair(&header));
    }
    pairs.extend(body.iter().map(|c| pair(c)));
    let known = pairs
        .iter()
        .filter(|(k, _)| vocabulary::field(k).is_some())
        .count();
    (known >= 2 && known * 2 >= pairs.len()).then_some((pairs, 2 + body.len()))
}

/// Whether the lines under a heading, up to the next heading, rate a
/// risk in `**Key:** value` lines: a probability and an impact (each
/// once: a scoring guide under a heading lists many).
fn rated_card(after: &[&str], fenced: &[bool]) -> bool {
    use vocabulary::Field as F;
    let (mut p, mut i) = (0, 0);
    for (l, _) in after
        .iter()
        .zip(fenced)
        .filter(|(_, f)| !**f)
        .take_while(|(l, _)| heading(l).is_none())
    {
        // `**Risk**: what could happen` or `**R-1: Title**` starts a card
        // of its own: the heading groups them.
        if bold_id_line(l).is_some() {
            return false;
        }
        match key_value(l) {
            Some((k, v)) if k.eq_ignore_ascii_case("risk") && !v.is_empty() => return false,
            Some((k, v)) if super::ratings::is_rating(&v) => match vocabulary::field(&k) {
                Some(F::Probability) => p += 1,
                Some(F::Impact) => i += 1,
                _ => {}
            },
            _ => {}
        }
    }
    p == 1 && i == 1
}

fn list_item(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if let Some(r) = ["- ", "* ", "+ "].iter().find_map(|m| t.strip_prefix(m)) {
        return Some(r.trim());
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    (digits > 0 && t[digits..].starts_with(". ")).then(|| t[digits + 2..].trim())
}

pub fn blocks(lines: &[&str], fenced: &[bool]) -> Parsed {
    let mut out = Vec::new();
    let mut h3: Option<String> = None;
    let mut h4: Option<String> = None;
    // The last heading: its line and text.
    let mut last_heading: Option<(usize, String)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if fenced[i] {
            i += 1;
            continue;
        }
        // Where does a block start, and at what heading level does it end?
        let start =
            if let Some((level, text)) = heading(line).filter(|(lv, _)| (2..=4).contains(lv)) {
                last_heading = Some((i, text.to_string()));
                // A heading that is itself a risk is no category.
                let class = id_title(text).is_none().then(|| strip_class(text));
                match level {
                    3 => h3 = class,
                    4 => h4 = class,
                    _ => {}
                }
                if level <= 2 {
                    h4 = None;
                }
                if let Some((id, title)) = id_title(text) {
                    Some((Some(id), None, title, level, false))
                } else if let Some(id) = id_sub_heading(&lines[i + 1..], level) {
                    // `#### Title` over `##### Risk ID: 1`: a card.
                    Some((Some(id), None, super::cell::plain(text), level, false))
                } else if is_id(text) && field_sub_heading(&lines[i + 1..], level) {
                    // `## VLT-001` over `### Impact level` and its value: a
                    // card; its description gives the title.
                    Some((Some(text.to_string()), None, String::new(), level, false))
                } else if let Some(numbered) = numbered(text).filter(|_| level >= 3) {
                    Some((None, Some(numbered.0), numbered.1, level, false))
                } else if rated_card(&lines[i + 1..], &fenced[i + 1..]) {
                    // `### Title` over `**Likelihood:** High` and
                    // `**Impact:** Low`: a card without an id.
                    Some((None, None, super::cell::plain(text), level, false))
                } else {
                    None
                }
            } else if let Some((id, title)) = bold_id_line(line) {
                // `**RISK-001: Title**` on a line of its own: a card.
                Some((Some(id), None, title, 7, true))
            } else {
                match key_value(line) {
                    Some((k, v)) if k.eq_ignore_ascii_case("risk") && !v.is_empty() => {
                        Some((None, None, super::cell::plain(&v), 7, true))
                    }
                    _ => None,
                }
            };
        let Some((id, number, mut title, level, listed)) = start else {
            i += 1;
            continue;
        };
        // `### Title` then at once `- **Risk:** what could happen`: the
        // heading names the risk, the sentence describes it.
        // (A heading over several such lines is a group: seed 002's phases.)
        let risk_line = |l: &&&str| {
            key_value(l).is_some_and(|(k, v)| k.eq_ignore_ascii_case("risk") && !v.is_empty())
        };
        let sentence = title.trim_end().ends_with('.') || title.split_whitespace().count() > 12;
        let headed = listed
            && id.is_none()
            && sentence
            && last_heading.as_ref().is_some_and(|(h, text)| {
                id_title(text).is_none()
                    && !text.to_lowercase().trim_end().ends_with("risks")
                    && lines[h + 1..i].iter().all(|l| l.trim().is_empty())
                    && lines[i..]
                        .iter()
                        .take_while(|l| heading(l).is_none())
                        .filter(risk_line)
                        .count()
                        == 1
            });
        let mut described = None;
        if headed && let Some((_, text)) = &last_heading {
            described = Some(std::mem::replace(&mut title, super::cell::plain(text)));
        }
        let mut j = i + 1;
        let mut fields: Vec<Field> = Vec::new();
        let mut preface: Vec<String> = Vec::new();
        let mut after_table = false;
        let mut heading_fields = false;
        while j < lines.len() {
            let l = lines[j];
            if fenced[j] {
                match fields.last_mut() {
                    Some(f) => f.raw.push(l.to_string()),
                    None => preface.push(l.to_string()),
                }
                j += 1;
                continue;
            }
            if let Some((lv, _)) = heading(l)
                && (listed || lv <= level)
            {
                break;
            }
            if bold_id_line(l).is_some()
                || (listed && key_value(l).is_some_and(|(k, _)| k.eq_ignore_ascii_case("risk")))
            {
                break;
            }
            // `##### Likelihood: High`: a field and its value.
            if let Some((_, text)) = heading(l)
                && let Some((key, value)) = text.split_once(':')
                && vocabulary::field(key).is_some()
                && !value.trim().is_empty()
            {
                after_table = false;
                fields.push(Field {
                    key: key.trim().to_string(),
                    value: value.trim().to_string(),
                    ..Field::default()
                });
                j += 1;
                continue;
            }
            // `### Likelihood` then `Medium` on the next line: a field.
            if let Some((_, text)) = heading(l)
                && vocabulary::field(text).is_some()
                && lines[j + 1..]
                    .iter()
                    .map(|n| n.trim())
                    .find(|n| !n.is_empty())
                    // A table or quotation under it defines a scale.
                    .is_some_and(|n| !n.starts_with(['|', '>', '#']))
            {
                after_table = false;
                heading_fields = true;
                fields.push(Field {
                    key: text.to_string(),
                    ..Field::default()
                });
                j += 1;
                continue;
            }
            // Among such fields, any other sub-heading starts a section of
            // the risk (not more text of the field above it).
            if heading_fields && let Some((_, text)) = heading(l) {
                fields.push(Field {
                    key: text.to_string(),
                    ..Field::default()
                });
                j += 1;
                continue;
            }
            if let Some((pairs, end)) = key_value_table(&lines[j..]) {
                fields.extend(pairs.into_iter().map(|(key, value)| Field {
                    key,
                    value,
                    ..Field::default()
                }));
                j += end;
                // Text after the table belongs to none of its rows.
                after_table = true;
                continue;
            }
            match key_value(l) {
                Some((key, value)) if !l.starts_with("    ") => {
                    after_table = false;
                    fields.push(Field {
                        key,
                        value,
                        ..Field::default()
                    })
                }
                _ if after_table => preface.push(l.to_string()),
                _ => match fields.last_mut() {
                    Some(f) => {
                        if f.value.is_empty()
                            && let Some(item) = list_item(l)
                        {
                            f.items.push(item.to_string());
                        }
                        f.raw.push(l.to_string());
                    }
                    None => preface.push(l.to_string()),
                },
            }
            j += 1;
        }
        // Trailing blank lines and rules belong to no field.
        for f in &mut fields {
            while f
                .raw
                .last()
                .is_some_and(|l| l.trim().is_empty() || l.trim() == "---")
            {
                f.raw.pop();
            }
        }
        let preface_text = preface
            .join("\n")
            .trim()
            .trim_matches('-')
            .trim()
            .to_string();
        if let Some(value) = described.or((!preface_text.is_empty()).then_some(preface_text)) {
            fields.insert(
                0,
                Field {
                    key: "Description".into(),
                    value,
                    ..Field::default()
                },
            );
        }
        // `### Risk #1: Title` over `- **ID**: RISK-001`: the card's own id
        // wins over the heading's number.
        let own_id = fields
            .iter()
            .filter(|f| vocabulary::field(&f.key) == Some(vocabulary::Field::Id))
            .map(|f| super::cell::plain(&f.value))
            .find(|v| is_id(v));
        let numbered_only = id
            .as_deref()
            .is_none_or(|id| id.chars().all(|c| c.is_ascii_digit()));
        let id = match own_id {
            Some(own) if numbered_only => Some(own),
            _ => id,
        };
        out.push(Block {
            id,
            number,
            title,
            category: if listed && !headed { h3.clone() } else { None },
            class: if listed && !headed { h4.clone() } else { None },
            fields,
            lines: i..j,
        });
        i = j;
    }
    Parsed { blocks: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_values() {
        assert_eq!(
            key_value("**Likelihood:** Medium"),
            Some(("Likelihood".into(), "Medium".into()))
        );
        assert_eq!(
            key_value("- **Impact**: Critical (users locked out)"),
            Some(("Impact".into(), "Critical (users locked out)".into()))
        );
        assert_eq!(
            key_value("**Mitigation**:"),
            Some(("Mitigation".into(), String::new()))
        );
        assert_eq!(key_value("plain text"), None);
    }
}
