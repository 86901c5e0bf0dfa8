//! The headings of a page and their ids, assigned in one pass.

use super::slug::Slugger;
use crate::model::Heading;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// A heading id given twice on one page with `{#id}`.
#[derive(Debug)]
pub struct DuplicateId {
    pub id: String,
    pub range: Range<usize>,
}

/// What a heading's trailing `{...}` is. pulldown-cmark reads any such
/// block as attributes; riskbook, like GitHub, keeps it as heading text
/// unless it is exactly `{#id}`.
#[derive(Debug, PartialEq, Eq)]
pub enum Trailing<'a> {
    /// `{#custom-id}`: the heading's id, not shown.
    Id(&'a str),
    /// Any other block (`{braces}`, `{.class}`): shown and slugged as written.
    Text(&'a str),
}

/// The block pulldown-cmark took off the end of a heading, if any: the text
/// of `md` after the heading's last inline (`inline_end`) up to the end of
/// the heading's first line.
pub fn trailing<'a>(
    md: &'a str,
    inline_end: usize,
    heading: &Range<usize>,
) -> Option<Trailing<'a>> {
    let rest = md.get(inline_end.max(heading.start)..heading.end)?;
    let rest = rest.split('\n').next().unwrap_or("").trim();
    let block = rest.strip_prefix('{')?.strip_suffix('}')?;
    match block.strip_prefix('#') {
        Some(id)
            if !id.is_empty() && !id.contains(|c: char| c.is_whitespace() || "{}#".contains(c)) =>
        {
            Some(Trailing::Id(id))
        }
        _ => Some(Trailing::Text(rest)),
    }
}

/// Collects every heading of `body` with its unique id (GitHub's slug, or
/// an explicit `{#id}`), in document order.
pub fn collect(body: &str) -> (Vec<Heading>, Vec<DuplicateId>) {
    let (located, dups) = collect_located(body);
    (located.into_iter().map(|(h, _)| h).collect(), dups)
}

/// Like `collect`, with each heading's byte range in `body`.
pub fn collect_located(body: &str) -> (Vec<(Heading, Range<usize>)>, Vec<DuplicateId>) {
    let mut slugger = Slugger::default();
    let mut headings = Vec::new();
    let mut dups = Vec::new();
    // Level, text so far, the heading's range, where its last inline ends.
    let mut current: Option<(u8, String, Range<usize>, usize)> = None;
    // The text as shown: emoji shortcodes outside code replaced.
    let mut shown = String::new();
    for (ev, range) in Parser::new_ext(body, super::options()).into_offset_iter() {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                let start = range.start;
                current = Some((level as u8, String::new(), range, start));
                shown.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, mut text, range, inline_end)) = current.take() {
                    let explicit = match trailing(body, inline_end, &range) {
                        Some(Trailing::Id(id)) => Some(id.to_string()),
                        Some(Trailing::Text(block)) => {
                            for t in [&mut text, &mut shown] {
                                t.push(' ');
                                t.push_str(block);
                            }
                            None
                        }
                        None => None,
                    };
                    let id = match explicit {
                        Some(id) => {
                            if !slugger.reserve(&id) {
                                dups.push(DuplicateId {
                                    id: id.clone(),
                                    range: range.clone(),
                                });
                            }
                            id
                        }
                        None => slugger.slug(&text),
                    };
                    headings.push((
                        Heading {
                            level,
                            id,
                            text: shown.trim().to_string(),
                        },
                        range,
                    ));
                }
            }
            ev => {
                if let Some((_, text, _, inline_end)) = current.as_mut() {
                    if let Event::Text(t) | Event::Code(t) = &ev {
                        text.push_str(t);
                        match (&ev, super::emoji::replace(t)) {
                            (Event::Text(_), Some(emoji)) => shown.push_str(&emoji),
                            _ => shown.push_str(t),
                        }
                    }
                    *inline_end = (*inline_end).max(range.end);
                }
            }
        }
    }
    (headings, dups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_rendered_text_with_repeats_and_custom_ids() {
        let (h, dups) = collect(
            "# Title\n## 7) Rollout `protocol` (*feature* flags)\n## Steps\n## Steps\n## Custom {#my-id}\n",
        );
        let ids: Vec<_> = h.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "title",
                "7-rollout-protocol-feature-flags",
                "steps",
                "steps-1",
                "my-id"
            ]
        );
        assert_eq!(h[4].text, "Custom");
        assert!(dups.is_empty());
    }

    #[test]
    fn only_a_trailing_hash_id_is_an_attribute() {
        let (h, _) = collect(
            "## Brackets [x] and {braces}\n## A {.c #d}\n## B {}\n## C { #x }\n## D {#d-id}\nE {#e}\n===\n",
        );
        let got: Vec<_> = h.iter().map(|h| (h.text.as_str(), h.id.as_str())).collect();
        assert_eq!(
            got,
            [
                ("Brackets [x] and {braces}", "brackets-x-and-braces"),
                ("A {.c #d}", "a-c-d"),
                ("B {}", "b-"),
                ("C { #x }", "c--x-"),
                ("D", "d-id"),
                ("E", "e"),
            ]
        );
    }

    #[test]
    fn duplicate_custom_ids_are_reported() {
        let (_, dups) = collect("# A {#x}\n# B {#x}\n");
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].id, "x");
    }
}
