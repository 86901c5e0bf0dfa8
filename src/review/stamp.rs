//! `reviewed:` stamped into a register's YAML as a minimal edit: the value
//! is replaced where it is written, or one line is added under the risk's
//! `id:`; every other byte (comments, key order, quoting, blank lines, line
//! endings) stays as it was.

use crate::diagnostics::SourceFile;
use crate::load::spans::{self, YamlPath};
use crate::model::Date;

/// Where risk `id` is written in the register `text`: its index in `risks:`.
pub fn find(text: &str, id: &str) -> Result<Option<usize>, String> {
    let file = SourceFile::new("register", text);
    let index = spans::index(&file).map_err(|e| e.message)?;
    let risks = YamlPath::root().key("risks");
    for i in 0.. {
        if index.exact(&risks.index(i)).is_none() {
            return Ok(None);
        }
        if let Some(s) = index.exact(&risks.index(i).key("id"))
            && unquote(&text[s.start..s.end]).trim() == id
        {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn unquote(v: &str) -> &str {
    let b = v.as_bytes();
    if b.len() >= 2 && (b[0] == b'"' || b[0] == b'\'') && b[b.len() - 1] == b[0] {
        &v[1..v.len() - 1]
    } else {
        v
    }
}

/// `text` with `reviewed: date` on the risk at `risks[i]`.
pub fn stamp(text: &str, i: usize, date: Date) -> Result<String, String> {
    let file = SourceFile::new("register", text);
    let index = spans::index(&file).map_err(|e| e.message)?;
    let risk = YamlPath::root().key("risks").index(i);
    let date = date.to_string();
    let mut out = String::with_capacity(text.len() + 24);
    if let Some(v) = index.exact(&risk.key("reviewed")) {
        // Replace the value where it stands, inside its quotes if quoted.
        let written = &text[v.start..v.end];
        let (start, end) = if unquote(written).len() != written.len() {
            (v.start + 1, v.end - 1)
        } else {
            (v.start, v.end)
        };
        out.push_str(&text[..start]);
        out.push_str(&date);
        out.push_str(&text[end..]);
        return Ok(out);
    }
    let key = index
        .key(&risk.key("id"))
        .filter(|_| index.exact(&risk.key("id")).is_some())
        .ok_or("the risk has no `id:` to stamp beside")?;
    let value = index.exact(&risk.key("id")).unwrap_or(key);
    let line_start = text[..key.start].rfind('\n').map_or(0, |n| n + 1);
    let before = text[line_start..key.start].trim_end_matches(' ');
    if before.ends_with('{') || before.ends_with(',') {
        // A flow mapping, `- {id: R-1, ...}`: the key goes in front of `id`.
        out.push_str(&text[..key.start]);
        out.push_str(&format!("reviewed: {date}, "));
        out.push_str(&text[key.start..]);
        return Ok(out);
    }
    // A block mapping: a line of its own under the line `id:` ends on, at
    // the column of `id` (the `- ` of a list item becomes spaces).
    let indent: String = text[line_start..key.start]
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let eol = text[value.end..]
        .find('\n')
        .map(|n| value.end + n)
        .unwrap_or(text.len());
    let newline = if text[..eol].ends_with('\r') {
        "\r\n"
    } else {
        "\n"
    };
    let at = if eol > 0 && text[..eol].ends_with('\r') {
        eol - 1
    } else {
        eol
    };
    out.push_str(&text[..at]);
    out.push_str(newline);
    out.push_str(&indent);
    out.push_str("reviewed: ");
    out.push_str(&date);
    out.push_str(&text[at..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d() -> Date {
        Date::parse("2026-03-02").unwrap()
    }

    #[test]
    fn replaces_an_existing_value_and_nothing_else() {
        let text = "title: T # keep\nrisks:\n  - id: R-1\n    reviewed: 2026-01-01   # last\n\n  - id: R-2\n    reviewed: \"2026-01-01\"\n";
        let i = find(text, "R-2").unwrap().unwrap();
        assert_eq!(i, 1);
        assert_eq!(
            stamp(text, 0, d()).unwrap(),
            text.replacen("2026-01-01 ", "2026-03-02 ", 1)
        );
        assert_eq!(
            stamp(text, 1, d()).unwrap(),
            text.replace("\"2026-01-01\"", "\"2026-03-02\"")
        );
    }

    #[test]
    fn adds_one_line_under_the_id_of_a_block_mapping() {
        let text = "risks:\n  # first\n  - id: R-1 # the id\n    title: x\n  -   title: y\n      id: 'R-2'\n";
        assert_eq!(
            stamp(text, 0, d()).unwrap(),
            "risks:\n  # first\n  - id: R-1 # the id\n    reviewed: 2026-03-02\n    title: x\n  -   title: y\n      id: 'R-2'\n"
        );
        assert_eq!(find(text, "R-2").unwrap(), Some(1));
        assert_eq!(
            stamp(text, 1, d()).unwrap(),
            "risks:\n  # first\n  - id: R-1 # the id\n    title: x\n  -   title: y\n      id: 'R-2'\n      reviewed: 2026-03-02\n"
        );
    }

    #[test]
    fn keeps_crlf_and_handles_flow_mappings() {
        let text = "risks:\r\n  - id: R-1\r\n    title: x\r\n";
        assert_eq!(
            stamp(text, 0, d()).unwrap(),
            "risks:\r\n  - id: R-1\r\n    reviewed: 2026-03-02\r\n    title: x\r\n"
        );
        let flow = "risks:\n  - {id: R-1, title: x}\n";
        assert_eq!(
            stamp(flow, 0, d()).unwrap(),
            "risks:\n  - {reviewed: 2026-03-02, id: R-1, title: x}\n"
        );
        assert_eq!(find(flow, "R-9").unwrap(), None);
    }
}
