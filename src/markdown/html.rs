//! Markdown to safe HTML: heading ids and self-links, internal links
//! resolved and rewritten to relative `.html` URLs (broken ones reported),
//! and the result sanitized so no source can put a script into the site.
//! A text with nothing the sanitizer would change (no raw HTML, no image,
//! no unsafe scheme: `plain_event`) skips it, byte for byte the same.

use super::code::{self, Lang};
use super::headings::{Trailing, trailing};
use super::slug::Slugger;
use super::{alerts, emoji, raw_html};
use crate::diagnostics::{Code, Diagnostic, Location, SourceFile};
use crate::model::Heading;
use crate::validate::links::{LinkError, LinkKind, LinkSource, Resolver, Target, kind};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

/// Where the Markdown text sits in its source file, to report links at their line.
pub enum Origin<'a> {
    /// A page body starting at `offset` in `file`.
    Body { file: &'a SourceFile, offset: usize },
    /// A register field; links are found by searching from the field's start.
    Field {
        file: Option<&'a SourceFile>,
        at: &'a Location,
    },
}

pub struct RenderCtx<'a> {
    pub resolver: &'a Resolver<'a>,
    pub from: LinkSource,
    /// Site-root-relative URL of a resolved target (no leading `/`).
    pub url_of: &'a dyn Fn(&Target) -> String,
    /// Prefix from the output page to the site root (`../` per folder).
    pub to_root: &'a str,
    pub origin: Origin<'a>,
    /// Heading ids precomputed for a page body; `None` to slug as we go.
    pub headings: Option<&'a [Heading]>,
    /// Back-link HTML for a heading id, inserted after sanitizing (trusted).
    pub after_heading: &'a dyn Fn(&str) -> Option<String>,
    /// The ids already used on the output page, when several Markdown
    /// fields share one page; `None` for a text that is a page of its own.
    pub page_ids: Option<&'a std::cell::RefCell<Slugger>>,
    /// False when only the diagnostics matter (`check`): a text without
    /// raw HTML is then not turned into HTML at all.
    pub want_html: bool,
    /// For a field shown under a section heading: the level its top
    /// heading takes (`shift_headings`). `None` keeps the levels written.
    pub heading_base: Option<u8>,
}

/// Marks where HTML made here goes (`free_mark`): a private-use character.
const MARK: char = '\u{E000}';
/// Prefix of URLs already rewritten from Markdown links, so the pass over
/// raw HTML (`raw_html`) tells them from links written as HTML.
const URL_MARK: char = '\u{E001}';
const URL_MARK_ENCODED: &str = "%EE%80%81";

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

fn locate(ctx: &RenderCtx, range: &Range<usize>, dest: &str) -> Location {
    match &ctx.origin {
        Origin::Body { file, offset } => {
            let start = offset + range.start;
            let end = (offset + range.end).min(file.text.len());
            let hay = file.text.get(start..end).unwrap_or("");
            let s = hay.find(dest).map(|i| start + i).unwrap_or(start);
            let e = if hay.contains(dest) {
                s + dest.len()
            } else {
                end
            };
            Location::new(&file.path, Some(file.span(s..e)))
        }
        Origin::Field { file, at } => {
            let found = file.zip(at.span).and_then(|(f, sp)| {
                f.text[sp.start..]
                    .find(dest)
                    .map(|i| f.span(sp.start + i..sp.start + i + dest.len()))
            });
            Location::new(&at.file, found.or(at.span))
        }
    }
}

fn link_diag(ctx: &RenderCtx, range: &Range<usize>, dest: &str, e: LinkError) -> Diagnostic {
    Diagnostic::new(
        e.code,
        locate(ctx, range, dest),
        format!("broken link `{dest}`: {}", e.message),
    )
    .with_help_opt(e.help)
}

/// Renders Markdown to sanitized HTML; broken links become diagnostics.
pub fn render(md: &str, ctx: &RenderCtx) -> (String, Vec<Diagnostic>) {
    let (html, diags, _) = render_to(md, ctx, Sanitize::WhenNeeded);
    (html, diags)
}

/// Whether Markdown skipped by the sanitizer renders as it would through
/// it, and a plain line written without a parse as pulldown-cmark writes
/// it: `md` as a page of a small site, rendered each way. For the unit
/// test and the `markdown` fuzzer; `None` when `md` needs the sanitizer.
#[doc(hidden)]
pub fn sanitizer_agrees(md: &str) -> Option<bool> {
    static SITE: LazyLock<crate::model::Site> = LazyLock::new(|| {
        let files = [
            (
                "registers/ops.yaml",
                "title: Ops\nrisks:\n  - {id: R-1, title: T, probability: low, impact: low}\n",
            ),
            ("docs/a.md", "# A\n\n## Steps\n"),
        ]
        .map(|(p, t)| (std::path::PathBuf::from(p), t.to_string()));
        let mut diags = crate::diagnostics::Diagnostics::default();
        let loaded = crate::load::load_from_memory(&files, &mut diags);
        let today = crate::model::Date::parse("2026-03-01").expect("a date");
        crate::validate::validate(loaded, today, &mut diags)
    });
    let resolver = Resolver::new(&SITE);
    let file = SourceFile::new("docs/fuzz.md", md);
    let url_of = |t: &Target| format!("{t:?}.html");
    let none = |_: &str| None;
    let ids = std::cell::RefCell::new(Slugger::default());
    let ctx = RenderCtx {
        resolver: &resolver,
        from: LinkSource::Page(0),
        url_of: &url_of,
        to_root: "../",
        origin: Origin::Body {
            file: &file,
            offset: 0,
        },
        headings: None,
        after_heading: &none,
        page_ids: Some(&ids),
        want_html: true,
        heading_base: None,
    };
    let (fast, _, sanitized) = render_to(md, &ctx, Sanitize::WhenNeeded);
    // A plain line, written without a parse, is what pulldown-cmark writes.
    if let Some(plain) = plain_paragraph(md) {
        *ids.borrow_mut() = Slugger::default();
        if plain != render_events(md, &ctx, Sanitize::WhenNeeded).0 {
            return Some(false);
        }
    }
    if sanitized {
        return None;
    }
    *ids.borrow_mut() = Slugger::default();
    let (slow, ..) = render_to(md, &ctx, Sanitize::Always);
    Some(fast == slow)
}

/// Whether pulldown-cmark's HTML goes through the sanitizer (ammonia).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sanitize {
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
fn needs_sanitizer(md: &str) -> bool {
    md.contains('<')
        || md
            .chars()
            .any(|c| c == '\u{a0}' || (c.is_control() && c != '\n' && c != '\t'))
}

/// Whether the sanitizer returns pulldown-cmark's HTML for this event
/// unchanged (after the rewrites in `render_to`): no image, footnote or
/// unsafe scheme, and attributes of plain characters.
fn plain_event(ev: &Event) -> bool {
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

/// `render`, and whether the HTML went through the sanitizer.
fn render_to(
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

/// The HTML of `md` when it is one line of plain words, as most short
/// fields are ("Flip the flag back", "error rate > 2% for 10 min"): one
/// paragraph of the text, escaped, with no parse. `None` for anything
/// Markdown could read otherwise: a line starting with other than a
/// letter (a list, heading, quote or code), markup, links, HTML, entities,
/// quotes, line breaks and the edges of a line.
fn plain_paragraph(md: &str) -> Option<String> {
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

/// `render_to` through pulldown-cmark.
fn render_events(
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
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let url = rewrite(ctx, &dest_url, &range, &page_anchor_ok, &mut diags);
                let url = mark(url, has_raw_html);
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image = Some((range.clone(), dest_url.to_string(), String::new()));
                let url = rewrite(ctx, &dest_url, &range, &page_anchor_ok, &mut diags);
                let url = mark(url, has_raw_html);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: url,
                    title,
                    id,
                }));
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

fn rewrite<'e>(
    ctx: &RenderCtx,
    dest: &CowStr<'e>,
    range: &Range<usize>,
    anchor_ok: &dyn Fn(&str) -> Result<(), LinkError>,
    diags: &mut Vec<Diagnostic>,
) -> CowStr<'e> {
    let d = dest.trim();
    match kind(d) {
        LinkKind::External => return dest.clone(),
        // The sanitizer drops the href of any other scheme.
        LinkKind::Forbidden => return dest.clone(),
        LinkKind::Internal => {}
    }
    if d.is_empty() {
        return dest.clone();
    }
    if let Some(anchor) = d.strip_prefix('#') {
        if let Err(e) = anchor_ok(anchor) {
            diags.push(link_diag(ctx, range, d, e));
        }
        return dest.clone();
    }
    match ctx.resolver.resolve(d, ctx.from) {
        Ok(target) => CowStr::from(format!("{}{}", ctx.to_root, (ctx.url_of)(&target))),
        Err(e) => {
            diags.push(link_diag(ctx, range, d, e));
            dest.clone()
        }
    }
}

/// Marks a URL rewritten from Markdown (internal ones only: a forbidden
/// scheme must reach the sanitizer as written, to be removed).
fn mark<'e>(url: CowStr<'e>, raw_html: bool) -> CowStr<'e> {
    if raw_html && matches!(kind(&url), LinkKind::Internal) {
        CowStr::from(format!("{URL_MARK}{url}"))
    } else {
        url
    }
}

fn no_alt(ctx: &RenderCtx, range: &Range<usize>, src: &str) -> Diagnostic {
    Diagnostic::new(
        Code::NoAlt,
        locate(ctx, range, src),
        format!("image `{src}` has no alt text"),
    )
    .with_help("describe the image for people who cannot see it (`![what it shows](...)`, or `alt=\"...\"`); an empty alt marks it decorative")
}

/// Checks and rewrites the links and images written as raw HTML, after
/// sanitizing; strips the marks of those rewritten from Markdown.
fn raw_links(
    ctx: &RenderCtx,
    md: &str,
    raw_ranges: &[Range<usize>],
    clean: &str,
    anchor_ok: &dyn Fn(&str) -> Result<(), LinkError>,
    diags: &mut Vec<Diagnostic>,
) -> String {
    // Where a URL is written: the first raw HTML chunk that holds it.
    let place = |url: &str| -> Range<usize> {
        raw_ranges
            .iter()
            .find(|r| md.get((*r).clone()).is_some_and(|t| t.contains(url)))
            .cloned()
            .unwrap_or(0..md.len())
    };
    let mut found = Vec::new();
    let mut missing_alt = Vec::new();
    let out = raw_html::rewrite(
        clean,
        &mut |url| {
            let (raw_html::Url::Link(u) | raw_html::Url::Image(u)) = url;
            // ammonia percent-encodes the mark.
            if let Some(ours) = u
                .strip_prefix(URL_MARK)
                .or_else(|| u.strip_prefix(URL_MARK_ENCODED))
            {
                // Rewritten from Markdown already; a mark that a source wrote
                // itself must not smuggle a scheme past the sanitizer.
                return Some(match kind(ours) {
                    LinkKind::Forbidden => String::new(),
                    _ => ours.to_string(),
                });
            }
            let range = place(u);
            let new = rewrite(
                ctx,
                &CowStr::from(u.to_string()),
                &range,
                anchor_ok,
                &mut found,
            );
            (new.as_ref() != u).then(|| new.to_string())
        },
        &mut |src| missing_alt.push(no_alt(ctx, &place(src), src)),
    );
    diags.extend(found);
    diags.extend(missing_alt);
    out
}

#[cfg(test)]
mod tests {
    use super::sanitizer_agrees;

    /// Markdown of many shapes: the example site, the fixtures, the fuzz
    /// seeds (whole, by block and by line), and pairs of constructs that the
    /// sanitizer writes differently from pulldown-cmark or removes.
    fn texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for dir in ["content", "tests/fixtures", "fuzz/seeds"] {
            for e in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    texts.extend(t.split("\n\n").map(String::from));
                    texts.extend(t.lines().map(String::from));
                    texts.push(t);
                }
            }
        }
        let parts = [
            "# H",
            "## Head {#own-id}",
            "## Odd {#a&b}",
            "text",
            "*em* and **strong**",
            "~~gone~~",
            "`code`",
            "a  \nb",
            "a\\\nb",
            "---",
            "***",
            "| a | b | c |\n|:--|--:|:-:|\n| 1 | 2 | 3 |",
            "- [ ] open\n- [x] done",
            "1. one\n2. two",
            "3. three",
            "> quote\n> more",
            "```rust\nlet x = 1;\n```",
            "```a\"b\nx\n```",
            "    indented code",
            "[page](a.md#steps)",
            "[missing](nope.md)",
            "[ext](https://example.com/a?b=1&c=2)",
            "[js](javascript:alert(1))",
            "[data](data:text/html,x)",
            "[titled](https://e.com \"title\")",
            "[t](https://e.com \"a > b\")",
            "![alt](x.png)",
            "note[^1]\n\n[^1]: the note",
            "&nbsp;",
            "&lt;b&gt;",
            "&amp; &quot;q&quot; &#39;",
            "&#1; &#0;",
            "it's \"quoted\"",
            "x > y & z",
            "\u{a0}",
            "é ü 🔴 ðŸ”´",
            "[a](<a b>)",
            "[q](a'b.md)",
            "http://bare.example",
            "\\*escaped\\*",
            "line\r\nwindows",
            "\ttab",
            "<b>raw</b>",
            "[mail](mailto:a@b.c)",
            "[e](#steps)",
            "[x](//host/p)",
        ];
        // Short lines of the characters a plain line may hold, and of some
        // it may not, as a fixed pseudo-random sequence.
        let alphabet: Vec<char> = "aZé🔴1 ,.;:()%/+=?>-#*_[]<&\"'\t\\!|~`".chars().collect();
        let mut seed: u64 = 0x5eed;
        for _ in 0..4000 {
            let mut t = String::new();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            for _ in 0..(seed >> 60) + 1 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                // Mostly letters and spaces, as words are.
                let k = (seed >> 33) as usize % (alphabet.len() * 2);
                t.push(alphabet[if k < alphabet.len() { k } else { k % 6 }]);
            }
            texts.push(t);
        }
        for a in parts {
            texts.push(a.to_string());
            for b in parts {
                for sep in ["\n\n", " ", "\n"] {
                    texts.push(format!("{a}{sep}{b}"));
                }
            }
        }
        texts
    }

    #[test]
    fn the_sanitizer_would_change_nothing_where_it_is_skipped() {
        let (mut skipped, mut needed, mut plain) = (0, 0, 0);
        for t in texts() {
            match sanitizer_agrees(&t) {
                Some(true) => skipped += 1,
                Some(false) => panic!("the sanitizer, or a parse, would change {t:?}"),
                None => needed += 1,
            }
            plain += usize::from(super::plain_paragraph(&t).is_some());
        }
        // Every path is taken, many times each.
        assert!(skipped > 5_000 && needed > 1_000, "{skipped} {needed}");
        assert!(plain > 400, "{plain} plain lines");
    }
}
