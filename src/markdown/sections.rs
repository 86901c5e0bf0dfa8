//! The text of a page's sections, to tell when a section a risk relies on
//! has changed (suspect risks). A section runs from its heading to the next
//! heading of the same or a higher level; its text is what a reader sees,
//! line by line, so whitespace-only edits are no change. The heading line
//! itself is not part of it: a heading renamed with its `{#id}` kept is the
//! same section with the same text.

use super::headings::collect_located;
use pulldown_cmark::{Event, Parser, TagEnd};
use std::collections::HashMap;

/// The sections of a Markdown page body: heading id -> its text lines.
pub fn texts(body: &str) -> HashMap<String, Vec<String>> {
    let (headings, _) = collect_located(body);
    let mut out = HashMap::with_capacity(headings.len());
    for (k, (h, range)) in headings.iter().enumerate() {
        let end = headings[k + 1..]
            .iter()
            .find(|(next, _)| next.level <= h.level)
            .map_or(body.len(), |(_, r)| r.start);
        let start = range.end.min(end);
        out.entry(h.id.clone())
            .or_insert_with(|| lines(&body[start..end]));
    }
    out
}

/// What a reader sees of `md`, one line per block, spaces collapsed.
fn lines(md: &str) -> Vec<String> {
    let mut text = String::new();
    for ev in Parser::new_ext(md, super::options()) {
        match ev {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::InlineHtml(t) | Event::Html(t) => text.push_str(&t),
            Event::SoftBreak => text.push(' '),
            Event::TaskListMarker(done) => text.push_str(if done { "[x] " } else { "[ ] " }),
            Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_),
            ) => text.push('\n'),
            Event::End(TagEnd::TableCell) => text.push_str(" | "),
            _ => {}
        }
    }
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_ends_at_the_next_heading_of_its_level_or_higher() {
        let t = texts("# P\nintro\n## Rollback\nstep one\n### Detail\nmore\n## Next\nother\n");
        assert_eq!(t["rollback"], ["step one", "Detail", "more"]);
        assert_eq!(t["detail"], ["more"]);
        assert_eq!(t["next"], ["other"]);
        assert_eq!(t["p"].len(), 7, "the whole page under its title");
    }

    #[test]
    fn whitespace_and_wrapping_are_no_change() {
        let a = texts("## R\n\n- roll back   the flag\n- page the owner\n");
        let b = texts("## R\n- roll back\n  the flag\n\n- page the   owner\n\n\n");
        assert_eq!(a["r"], b["r"]);
        let c = texts("## R\n- roll back the flag\n- page the team\n");
        assert_ne!(a["r"], c["r"]);
    }

    #[test]
    fn a_renamed_heading_with_its_id_kept_is_the_same_section() {
        let a = texts("## Rollback {#rollback}\nsteps\n");
        let b = texts("## Rolling back safely {#rollback}\nsteps\n");
        assert_eq!(a["rollback"], b["rollback"]);
    }
}
