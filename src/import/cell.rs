//! What a cell or a key says, as plain text and as an id: the words every
//! reader of the import shares (tables, cards, scales, matrices).

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
