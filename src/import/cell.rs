//! What a cell or a key says, as plain text and as an id: the words every
//! reader of the import shares (tables, cards, scales, matrices), and the
//! text of a cell's links.

/// Inline Markdown to plain text for ids, titles and scale values.
pub fn plain(s: &str) -> String {
    s.replace("**", "").replace('`', "").trim().to_string()
}

/// An id made from a label: `Almost certain` -> `almost-certain`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().to_lowercase().chars() {
        if c.is_alphanumeric() || c == '.' || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// An empty cell, or a template's placeholder: `[Risk Title]`, `<owner>`.
pub fn is_placeholder(cell: &str) -> bool {
    let t = cell.trim();
    t.is_empty()
        || (t.starts_with('[') && t.ends_with(']') && !t.contains("]("))
        || (t.starts_with('<') && t.ends_with('>') && !t.contains("</"))
}

/// `[text](url)` as its text (an id cell linked to the risk's card:
/// `[R-4](#r-4)`, or `4 [](#RC4)` with an empty anchor link).
pub fn link_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else { break };
        let Some(end) = after[close + 2..].find(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&after[..close]);
        rest = &after[close + 2 + end + 1..];
    }
    out.push_str(rest);
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn links_in_a_cell_are_their_text() {
        assert_eq!(super::link_text("4 [](#RC4)"), "4");
        assert_eq!(super::link_text("[CWR-001](#CWR-001)"), "CWR-001");
        assert_eq!(super::link_text("R-7"), "R-7");
        assert_eq!(super::link_text("[x] done"), "[x] done");
    }
}
