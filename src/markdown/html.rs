//! Markdown to safe HTML: heading ids and self-links, internal links
//! resolved and rewritten to relative `.html` URLs (broken ones reported),
//! and the result sanitized so no source can put a script into the site
//! (`sanitize`: when it may be skipped). Code blocks, callouts and the
//! back-links under headings are HTML made here, put in after sanitizing.

use super::code::{self, Lang};
pub use super::context::{Origin, RenderCtx};
use super::headings::{Trailing, trailing};
use super::link_rewrite::{mark, no_alt, raw_links, rewrite};
use super::sanitize::{Sanitize, needs_sanitizer, plain_event, plain_paragraph, sanitize};
use super::slug::Slugger;
use super::{alerts, emoji};
use crate::diagnostics::Diagnostic;
use crate::links::LinkSource;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// Marks where HTML made here goes (`free_mark`): a private-use character.
const MARK: char = '\u{E000}';

/// A field's headings go under the section that shows it: its top level
/// becomes `base` and the others keep their distance below it, down to h6
/// at most. `# Why` in a risk's description is an h3 under the page's h2
/// "Description", not a second h1.
fn shift_headings(events: &mut [Event], base: u8) {
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min();
    let Some(top) = top else { return };
    let shift = |level: HeadingLevel| {
        let to = (level as usize + usize::from(base))
            .saturating_sub(top)
            .clamp(1, 6);
        HeadingLevel::try_from(to).unwrap_or(HeadingLevel::H6)
    };
    for e in events {
        match e {
            Event::Start(Tag::Heading { level, .. }) | Event::End(TagEnd::Heading(level)) => {
                *level = shift(*level)
            }
            _ => {}
        }
    }
}

/// Renders Markdown to sanitized HTML; broken links become diagnostics.
pub fn render(md: &str, ctx: &RenderCtx) -> (String, Vec<Diagnostic>) {
    let (html, diags, _) = render_to(md, ctx, Sanitize::WhenNeeded);
    (html, diags)
}

/// `render`, and whether the HTML went through the sanitizer.
pub(crate) fn render_to(
    md: &str,
    ctx: &RenderCtx,
    sanitize_html: Sanitize,
) -> (String, Vec<Diagnostic>, bool) {
    if sanitize_html == Sanitize::WhenNeeded
        && let Some(html) = plain_paragraph(md)
    {
        let html = if ctx.want_html { html } else { String::new() };
        return (html, Vec::new(), false);
    }
    render_events(md, ctx, sanitize_html)
}

/// `render_to` through pulldown-cmark.
pub(crate) fn render_events(
    md: &str,
    ctx: &RenderCtx,
    sanitize_html: Sanitize,
) -> (String, Vec<Diagnostic>, bool) {
    let mut diags = Vec::new();
    let mut own_ids = Slugger::default();
    let mut shared = ctx.page_ids.map(|c| c.borrow_mut());
    let slugger: &mut Slugger = match shared.as_deref_mut() {
        Some(s) => s,
        None => &mut own_ids,
    };
    let mut heading_no = 0usize;
    let mut inserts: Vec<String> = Vec::new();
    let mut pending_heading: Option<String> = None;
    let mut events: Vec<Event> = Vec::new();
    let page_anchor_ok = |a: &str| match (ctx.from, ctx.headings) {
        (LinkSource::Page(p), Some(_)) => ctx.resolver.anchor(p, a),
        _ => Ok(()),
    };
    let mut heading_text = String::new();
    // The open heading's range and where its last inline ends.
    let mut heading_at: (Range<usize>, usize) = (0..0, 0);
    // Raw HTML may hold links and images: mark the Markdown ones so the
    // pass over the sanitized HTML checks only those written as HTML.
    let has_raw_html = md.contains('<');
    let mut raw_ranges: Vec<Range<usize>> = Vec::new();
    // pulldown-cmark links footnote references to `#label` itself.
    let mut footnotes: HashSet<String> = HashSet::new();
    let mut image: Option<(Range<usize>, String, String)> = None;
    // The open code block: its language and text so far.
    let mut code: Option<(Lang, String)> = None;
    // HTML made here (trusted), put in after sanitizing at its mark.
    let insert_mark = free_mark(md);
    let put = |inserts: &mut Vec<String>, events: &mut Vec<Event>, html: String| {
        inserts.push(html);
        events.push(Event::Html(CowStr::from(format!(
            "{insert_mark}{}{insert_mark}",
            inserts.len() - 1
        ))));
    };
    for (ev, range) in Parser::new_ext(md, super::options()).into_offset_iter() {
        if let Some((lang, text)) = code.as_mut() {
            match ev {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    if ctx.want_html {
                        let html = code::block(lang, text);
                        put(&mut inserts, &mut events, html);
                    }
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        if pending_heading.is_some() && !matches!(ev, Event::End(TagEnd::Heading(_))) {
            heading_at.1 = heading_at.1.max(range.end);
        }
        if let Some((_, _, alt)) = image.as_mut()
            && let Event::Text(t) | Event::Code(t) = &ev
        {
            alt.push_str(t);
        }
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                heading_text.clear();
                let id = match ctx.headings.and_then(|h| h.get(heading_no)) {
                    Some(h) => h.id.clone(),
                    None => String::new(),
                };
                heading_no += 1;
                pending_heading = Some(id.clone());
                heading_at = (range.clone(), range.start);
                // Classes and attributes are never taken from the source:
                // only a trailing `{#id}` is an attribute (see `trailing`).
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: if id.is_empty() {
                        None
                    } else {
                        Some(CowStr::from(id))
                    },
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                let mut id = pending_heading.take().unwrap_or_default();
                let mut explicit = None;
                match trailing(md, heading_at.1, &heading_at.0) {
                    Some(Trailing::Text(block)) => {
                        let shown = format!(" {block}");
                        heading_text.push_str(&shown);
                        events.push(Event::Text(CowStr::from(shown)));
                    }
                    Some(Trailing::Id(given)) => explicit = Some(given.to_string()),
                    None => {}
                }
                if id.is_empty() {
                    // Field headings: slug now, then patch the start tag.
                    id = match explicit {
                        Some(given) if slugger.reserve(&given) => given,
                        _ => slugger.slug(&heading_text),
                    };
                    if let Some(Event::Start(Tag::Heading { id: hid, .. })) = events
                        .iter_mut()
                        .rev()
                        .find(|e| matches!(e, Event::Start(Tag::Heading { .. })))
                    {
                        *hid = Some(CowStr::from(id.clone()));
                    }
                }
                events.push(Event::Html(CowStr::from(format!(
                    " <a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a>"
                ))));
                events.push(Event::End(TagEnd::Heading(level)));
                if let Some(html) = (ctx.after_heading)(&id) {
                    put(&mut inserts, &mut events, html);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => Lang::of_info(&info),
                    CodeBlockKind::Indented => Lang::Plain(None),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                put(&mut inserts, &mut events, alerts::open(kind));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                put(&mut inserts, &mut events, alerts::CLOSE.to_string());
            }
            // The id is the slug of the text as written (`:rocket:` is
            // `rocket`, as on GitHub); the emoji is what is shown.
            Event::Text(ref t) | Event::Code(ref t) if pending_heading.is_some() => {
                heading_text.push_str(t);
                match &ev {
                    Event::Text(t) => events.push(with_emoji(t.clone())),
                    _ => events.push(ev),
                }
            }
            Event::Text(t) => events.push(with_emoji(t)),
            Event::Html(_) | Event::InlineHtml(_) => {
                raw_ranges.push(range);
                events.push(ev);
            }
            // A task-list checkbox gets a name for screen readers.
            Event::TaskListMarker(done) => events.push(Event::InlineHtml(CowStr::from(if done {
                "<input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"Done\"> "
            } else {
                "<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\"> "
            }))),
            // Wide tables scroll inside their own box on a phone. Column
            // alignment would be a `style`, which the sanitizer removes.
            Event::Start(Tag::Table(columns)) => {
                events.push(Event::Html(CowStr::from("<div class=\"table-wrap\">")));
                let none = vec![pulldown_cmark::Alignment::None; columns.len()];
                events.push(Event::Start(Tag::Table(none)));
            }
            Event::End(TagEnd::Table) => {
                events.push(ev);
                events.push(Event::Html(CowStr::from("</div>")));
            }
            Event::FootnoteReference(ref label) => {
                footnotes.insert(label.to_string());
                events.push(ev);
            }
            Event::Start(mut tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let is_image = matches!(tag, Tag::Image { .. });
                let (Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut tag else {
                    unreachable!("the arm matches links and images only")
                };
                if is_image {
                    image = Some((range.clone(), dest_url.to_string(), String::new()));
                }
                let url = rewrite(ctx, dest_url, &range, &page_anchor_ok, &mut diags);
                *dest_url = mark(url, has_raw_html);
                events.push(Event::Start(tag));
            }
            Event::End(TagEnd::Image) => {
                if let Some((range, dest, alt)) = image.take()
                    && alt.trim().is_empty()
                {
                    diags.push(no_alt(ctx, &range, &dest));
                }
                events.push(ev);
            }
            other => events.push(other),
        }
    }
    if !ctx.want_html && !has_raw_html {
        return (String::new(), diags, false);
    }
    if let Some(base) = ctx.heading_base {
        shift_headings(&mut events, base);
    }
    let plain = sanitize_html == Sanitize::WhenNeeded
        && !needs_sanitizer(md)
        && events.iter().all(plain_event);
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let mut clean = if plain && html.contains(" />") {
        // Void elements as the sanitizer writes them. With no raw HTML and
        // every text escaped, these can only be pulldown-cmark's own tags.
        html.replace("<hr />", "<hr>").replace("<br />", "<br>")
    } else if plain {
        html
    } else {
        sanitize(&html)
    };
    if has_raw_html {
        let anchor_ok = |a: &str| {
            if footnotes.contains(a) {
                Ok(())
            } else {
                page_anchor_ok(a)
            }
        };
        clean = raw_links(ctx, md, &raw_ranges, &clean, &anchor_ok, &mut diags);
    }
    if !inserts.is_empty() {
        let mut out = String::with_capacity(clean.len());
        let mut parts = clean.split(insert_mark);
        if let Some(first) = parts.next() {
            out.push_str(first);
        }
        let mut inside = true;
        for part in parts {
            if inside {
                match part.parse::<usize>().ok().and_then(|i| inserts.get(i)) {
                    Some(h) => out.push_str(h),
                    None => out.push_str(part),
                }
            } else {
                out.push_str(part);
            }
            inside = !inside;
        }
        clean = out;
    }
    (clean, diags, !plain)
}

/// A private-use character that `md` does not hold, to mark where HTML
/// made here goes: a mark the source wrote would move it.
fn free_mark(md: &str) -> char {
    if !md.contains(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)) {
        return MARK;
    }
    ('\u{E002}'..='\u{F8FF}')
        .find(|c| !md.contains(*c))
        .unwrap_or(MARK)
}

/// A text event with its emoji shortcodes replaced.
fn with_emoji(t: CowStr<'_>) -> Event<'_> {
    match emoji::replace(&t) {
        Some(shown) => Event::Text(CowStr::from(shown)),
        None => Event::Text(t),
    }
}
