//! Optional YAML front matter at the top of a Markdown page.

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<crate::source::text::Text>,
    pub description: Option<crate::source::text::Text>,
}

/// Splits `---\n<yaml>\n---\n<body>` into the YAML, and the body with its byte offset.
pub fn split(text: &str) -> Option<(&str, usize)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let head_start = text.len() - rest.len();
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_offset = head_start + offset + line.len();
            return Some((&rest[..offset], body_offset));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let t = "---\ntitle: X\n---\n# Body\n";
        let (yaml, off) = split(t).unwrap();
        assert_eq!(yaml, "title: X\n");
        assert_eq!(&t[off..], "# Body\n");
        assert!(split("# no front matter\n").is_none());
        assert!(split("---\nunterminated\n").is_none());
    }
}
