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

/// Collects every heading of `body` with its unique id (GitHub's slug, or
/// an explicit `{#id}`), in document order.
pub fn collect(body: &str) -> (Vec<Heading>, Vec<DuplicateId>) {
    let mut slugger = Slugger::default();
    let mut headings = Vec::new();
    let mut dups = Vec::new();
    let mut current: Option<(u8, Option<String>, String, Range<usize>)> = None;
    for (ev, range) in Parser::new_ext(body, super::options()).into_offset_iter() {
        match ev {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((level as u8, id.map(|s| s.to_string()), String::new(), range));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text, _)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text, range)) = current.take() {
                    let id = match explicit {
                        Some(id) => {
                            if !slugger.reserve(&id) {
                                dups.push(DuplicateId {
                                    id: id.clone(),
                                    range,
                                });
                            }
                            id
                        }
                        None => slugger.slug(&text),
                    };
                    headings.push(Heading {
                        level,
                        id,
                        text: text.trim().to_string(),
                    });
                }
            }
            _ => {}
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
    fn duplicate_custom_ids_are_reported() {
        let (_, dups) = collect("# A {#x}\n# B {#x}\n");
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].id, "x");
    }
}
