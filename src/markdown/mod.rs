//! Markdown: GitHub-compatible heading ids, link rewriting and sanitized HTML.

mod alerts;
pub mod code;
mod context;
mod emoji;
pub mod headings;
pub mod html;
mod link_rewrite;
mod raw_html;
pub(crate) mod sanitize;
pub mod sections;
pub mod slug;

use pulldown_cmark::Options;

/// CommonMark plus tables, footnotes, strikethrough, task lists, `{#id}`
/// and GitHub's alerts (`> [!NOTE]`).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_GFM
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Plain text of a Markdown string (for search and summaries).
pub fn plain_text(md: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for ev in Parser::new_ext(md, options()) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) if !out.ends_with(' ') => {
                out.push(' ');
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Escapes text for XML and HTML: `<`, `>`, `&` and both quotes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}
