//! Markdown to safe HTML: heading ids and self-links, internal links
//! resolved and rewritten to relative `.html` URLs (broken ones reported),
//! and the result sanitized so no source can put a script into the site.

use super::slug::Slugger;
use crate::diagnostics::{Diagnostic, Location, SourceFile};
use crate::model::Heading;
use crate::validate::links::{LinkError, LinkKind, LinkSource, Resolver, Target, kind};
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};
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
}

const MARK: char = '\u{E000}';

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
    let mut diags = Vec::new();
    let mut slugger = Slugger::default();
    let mut heading_no = 0usize;
    let mut inserts: Vec<String> = Vec::new();
    let mut pending_heading: Option<String> = None;
    let mut events: Vec<Event> = Vec::new();
    let page_anchor_ok = |a: &str| match (ctx.from, ctx.headings) {
        (LinkSource::Page(p), Some(_)) => ctx.resolver.anchor(p, a),
        _ => Ok(()),
    };
    let mut heading_text = String::new();
    for (ev, range) in Parser::new_ext(md, super::options()).into_offset_iter() {
        match ev {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading_text.clear();
                let id = match ctx.headings.and_then(|h| h.get(heading_no)) {
                    Some(h) => h.id.clone(),
                    None => id.map(|s| s.to_string()).unwrap_or_default(),
                };
                heading_no += 1;
                pending_heading = Some(id.clone());
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: if id.is_empty() {
                        None
                    } else {
                        Some(CowStr::from(id))
                    },
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                let mut id = pending_heading.take().unwrap_or_default();
                if id.is_empty() {
                    // Field headings: slug now, then patch the start tag.
                    id = slugger.slug(&heading_text);
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
                    inserts.push(html);
                    events.push(Event::Html(CowStr::from(format!(
                        "{MARK}{}{MARK}",
                        inserts.len() - 1
                    ))));
                }
            }
            Event::Text(ref t) | Event::Code(ref t) if pending_heading.is_some() => {
                heading_text.push_str(t);
                events.push(ev);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let url = rewrite(ctx, &dest_url, &range, &page_anchor_ok, &mut diags);
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
                let url = rewrite(ctx, &dest_url, &range, &page_anchor_ok, &mut diags);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: url,
                    title,
                    id,
                }));
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let mut clean = sanitize(&html);
    if !inserts.is_empty() {
        let mut out = String::with_capacity(clean.len());
        let mut parts = clean.split(MARK);
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
    (clean, diags)
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
