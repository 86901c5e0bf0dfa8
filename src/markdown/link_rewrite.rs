//! Links and images in Markdown: rewritten to the output page's relative
//! URLs, checked against the site (`crate::links`), written as raw HTML
//! checked after sanitizing, and located in the source for diagnostics.

use super::context::{Origin, RenderCtx};
use super::raw_html;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::links::{LinkError, LinkKind, kind};
use pulldown_cmark::CowStr;
use std::ops::Range;

/// Prefix of URLs already rewritten from Markdown links, so the pass over
/// raw HTML (`raw_html`) tells them from links written as HTML.
const URL_MARK: char = '\u{E001}';
const URL_MARK_ENCODED: &str = "%EE%80%81";

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

pub(super) fn rewrite<'e>(
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
pub(super) fn mark<'e>(url: CowStr<'e>, raw_html: bool) -> CowStr<'e> {
    if raw_html && matches!(kind(&url), LinkKind::Internal) {
        CowStr::from(format!("{URL_MARK}{url}"))
    } else {
        url
    }
}

pub(super) fn no_alt(ctx: &RenderCtx, range: &Range<usize>, src: &str) -> Diagnostic {
    Diagnostic::new(
        Code::NoAlt,
        locate(ctx, range, src),
        format!("image `{src}` has no alt text"),
    )
    .with_help("describe the image for people who cannot see it (`![what it shows](...)`, or `alt=\"...\"`); an empty alt marks it decorative")
}

/// Checks and rewrites the links and images written as raw HTML, after
/// sanitizing; strips the marks of those rewritten from Markdown.
pub(super) fn raw_links(
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
