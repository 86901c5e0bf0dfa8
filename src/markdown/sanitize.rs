//! When Markdown's HTML goes through the sanitizer (ammonia), and the
//! sanitizer itself. A text with nothing the sanitizer would change (no raw
//! HTML, no image, no unsafe scheme: `plain_event`) skips it, byte for byte
//! the same; `validate::sanitizer_agrees` holds the two ways equal.

use super::emoji;
use crate::links::{LinkKind, kind};
use pulldown_cmark::{Event, Tag};
use std::collections::HashSet;
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // Internal pages, no `target`: `rel="noopener"` would only add noise.
    b.link_rel(None)
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_generic_attributes(["id", "class", "aria-label"])
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("input", "type") if value != "checkbox" => None,
            _ => Some(value.into()),
        });
    b
});

/// Sanitizes HTML from any source.
pub fn sanitize(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// Whether pulldown-cmark's HTML goes through the sanitizer (ammonia).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sanitize {
    /// Every text: what the skipping is compared with.
    Always,
    /// Only a text with something the sanitizer would change. For the rest
    /// (every event one that `plain_event` accepts) it would return the
    /// HTML byte for byte, and it is most of the cost of a short field.
    WhenNeeded,
}

/// Whether the HTML that pulldown-cmark writes for `md` may need the
/// sanitizer, before looking at its events: raw HTML, or characters that
/// the sanitizer writes differently (control characters, a no-break space).
pub(crate) fn needs_sanitizer(md: &str) -> bool {
    md.contains('<')
        || md
            .chars()
            .any(|c| c == '\u{a0}' || (c.is_control() && c != '\n' && c != '\t'))
}

/// Whether the sanitizer returns pulldown-cmark's HTML for this event
/// unchanged (after the rewrites in `render_to`): no image, footnote or
/// unsafe scheme, and attributes of plain characters.
pub(crate) fn plain_event(ev: &Event) -> bool {
    let plain_attr = |s: &str| !s.contains(['<', '>', '\'', '"', '&']);
    match ev {
        Event::Start(Tag::Link {
            dest_url, title, ..
        }) => {
            plain_attr(title)
                && plain_attr(dest_url)
                && !matches!(kind(dest_url), LinkKind::Forbidden)
        }
        // An entity may make either (`&nbsp;`, `&#1;`).
        Event::Text(t) | Event::Code(t) => !needs_sanitizer(t),
        Event::Start(Tag::Image { .. } | Tag::FootnoteDefinition(_))
        | Event::FootnoteReference(_) => false,
        Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(info))) => {
            plain_attr(info)
        }
        Event::Start(Tag::Heading { id, .. }) => id.as_deref().is_none_or(plain_attr),
        _ => true,
    }
}

/// The HTML of `md` when it is one line of plain words, as most short
/// fields are ("Flip the flag back", "error rate > 2% for 10 min"): one
/// paragraph of the text, escaped, with no parse. `None` for anything
/// Markdown could read otherwise: a line starting with other than a
/// letter (a list, heading, quote or code), markup, links, HTML, entities,
/// quotes, line breaks and the edges of a line.
pub(crate) fn plain_paragraph(md: &str) -> Option<String> {
    let first = md.chars().next()?;
    let plain = first.is_alphabetic()
        && !md.ends_with(char::is_whitespace)
        && md
            .chars()
            .all(|c| c.is_alphanumeric() || " ,.;:()%/+=?>-".contains(c))
        && !emoji::has_shortcode(md);
    if !plain {
        return None;
    }
    let mut html = String::with_capacity(md.len() + 12);
    html.push_str("<p>");
    for (k, part) in md.split('>').enumerate() {
        if k > 0 {
            html.push_str("&gt;");
        }
        html.push_str(part);
    }
    html.push_str("</p>\n");
    Some(html)
}
