//! Old versions of a register mostly repeat the previous one: one commit
//! changes a few risks of hundreds. Parsing every version whole makes
//! history cost (versions x risks). Instead, a register in the usual block
//! layout is cut into its header and one piece of text per risk, each piece
//! is parsed by the same source types (`RawRisk`, `RawRegister`) and the
//! results are shared between versions that contain the identical text.
//! A file in any other layout (flow style, anchors) is parsed whole.

use crate::source::register::RawRisk;

/// A register cut into its header (with `risks: []`) and one text per risk.
pub struct Cut {
    pub header: String,
    pub risks: Vec<String>,
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.is_empty() || t.starts_with('#')
}

/// Anchors, aliases and merge keys tie pieces together: such files are parsed whole.
fn has_anchors(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim_start();
        let t = t.strip_prefix("- ").unwrap_or(t);
        let after_key = t.split_once(": ").map(|(_, v)| v).unwrap_or(t);
        ["&", "*", "<<"].iter().any(|p| {
            after_key.starts_with(p)
                && after_key[p.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ' ')
        }) || t.starts_with("<<:")
    })
}

/// Cuts `text`, or `None` when it is not in the plain block layout.
pub fn cut(text: &str) -> Option<Cut> {
    if has_anchors(text) {
        return None;
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let start = lines.iter().position(|l| {
        let t = l.trim_end();
        t == "risks:"
            || (t.starts_with("risks:") && t["risks:".len()..].trim_start().starts_with('#'))
    })?;
    // The block runs until the next line at column 0 that holds a key.
    let end = lines[start + 1..]
        .iter()
        .position(|l| !is_blank_or_comment(l) && !l.starts_with(' '))
        .map(|i| start + 1 + i)
        .unwrap_or(lines.len());
    let block = &lines[start + 1..end];
    let first = block.iter().find(|l| !is_blank_or_comment(l))?;
    let indent = first.len() - first.trim_start_matches(' ').len();
    let item = format!("{}- ", " ".repeat(indent));
    if !first.starts_with(&item) {
        return None;
    }
    let mut risks: Vec<String> = Vec::new();
    for line in block {
        if line.starts_with(&item) {
            risks.push(String::new());
        } else if !is_blank_or_comment(line) {
            let this = line.len() - line.trim_start_matches(' ').len();
            if this <= indent {
                return None; // not a plain list of mappings
            }
        }
        if let Some(cur) = risks.last_mut() {
            cur.push_str(
                line.get(indent.min(line.len() - line.trim_start_matches(' ').len())..)
                    .unwrap_or(line),
            );
        }
    }
    let mut header = String::with_capacity(text.len() / 8);
    for l in &lines[..start] {
        header.push_str(l);
    }
    header.push_str("risks: []\n");
    for l in &lines[end..] {
        header.push_str(l);
    }
    Some(Cut { header, risks })
}

/// Parses one risk's text (a one-item list) with the source types.
pub fn parse_risk(piece: &str) -> Result<RawRisk, String> {
    let mut list: Vec<RawRisk> = serde_yaml::from_str(piece).map_err(|e| e.to_string())?;
    match list.len() {
        1 => Ok(list.remove(0)),
        n => Err(format!("expected one risk, found {n}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_block_lists_and_keeps_the_rest() {
        let text = "title: T\nrisks:\n  - id: A\n    title: a\n    description: |\n      - not an item\n\n  - {id: B, title: b, probability: low, impact: low}\nactions: []\n";
        let c = cut(text).unwrap();
        assert_eq!(c.risks.len(), 2);
        assert_eq!(
            c.risks[0],
            "- id: A\n  title: a\n  description: |\n    - not an item\n\n"
        );
        assert_eq!(c.header, "title: T\nrisks: []\nactions: []\n");
    }

    #[test]
    fn falls_back_on_other_layouts() {
        assert!(cut("title: T\nrisks: [{id: A}]\n").is_none());
        assert!(cut("title: T\nrisks:\n  - &base {id: A}\n  - *base\n").is_none());
        assert!(cut("title: T\nx: 1\n").is_none());
    }
}
