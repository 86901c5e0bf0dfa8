//! Markdown of pages and register fields, rendered in the context of the
//! output page that shows it.

use super::{Env, urls};
use crate::diagnostics::Diagnostic;
use crate::markdown::html::{self, Origin, RenderCtx};
use crate::model::Markdown;
use crate::validate::links::{LinkSource, Target};

pub fn esc(s: &str) -> String {
    crate::render::charts::xml_escape(s)
}

fn url_of(env: &Env, t: &Target) -> String {
    match t {
        Target::Page { page, anchor } => {
            let base = urls::page(&env.site.pages[*page]);
            match anchor {
                Some(a) => format!("{base}#{a}"),
                None => base,
            }
        }
        Target::File(path) => urls::file(path),
        Target::Register(ri) => urls::register(&env.site.registers[*ri]),
        Target::Risk(rr) => {
            let reg = &env.site.registers[rr.register];
            urls::risk(reg, &reg.risks[rr.risk])
        }
    }
}

/// A Markdown field of register `register`, shown on the page at `out_path`.
pub fn field(
    env: &Env,
    md: &Markdown,
    register: usize,
    out_path: &str,
) -> (String, Vec<Diagnostic>) {
    let to_root = urls::to_root(out_path);
    let url_of = |t: &Target| url_of(env, t);
    let none = |_: &str| None;
    let ctx = RenderCtx {
        resolver: &env.resolver,
        from: LinkSource::Register(register),
        url_of: &url_of,
        to_root: &to_root,
        origin: Origin::Field {
            file: env.sources.get(&md.origin.file),
            at: &md.origin,
        },
        headings: None,
        after_heading: &none,
    };
    html::render(&md.text, &ctx)
}

/// Like `field`, for short texts shown inline: a single paragraph loses its `<p>`.
pub fn inline(
    env: &Env,
    md: &Markdown,
    register: usize,
    out_path: &str,
) -> (String, Vec<Diagnostic>) {
    let (h, d) = field(env, md, register, out_path);
    let t = h.trim();
    let unwrapped = t
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .filter(|s| !s.contains("<p>"))
        .map(str::to_string)
        .unwrap_or_else(|| t.to_string());
    (unwrapped, d)
}

/// The body of page `index`, with "Referenced by" lists under the headings risks point at.
pub fn page_body(env: &Env, index: usize, out_path: &str) -> (String, Vec<Diagnostic>) {
    let page = &env.site.pages[index];
    let to_root = urls::to_root(out_path);
    let url_of = |t: &Target| url_of(env, t);
    let backlinks = |id: &str| -> Option<String> {
        let risks = env.site.backlinks.get(&(index, id.to_string()))?;
        let items: Vec<String> = risks
            .iter()
            .map(|rr| {
                let row = env.row(*rr);
                format!(
                    "<li><a href=\"{to_root}{}\"><span class=\"badge\" style=\"background:{};color:{}\">{}</span> <strong>{}</strong> {}</a></li>",
                    esc(&row.url),
                    esc(&row.level.color),
                    esc(&row.level.text_color),
                    esc(&row.level.label),
                    esc(&row.id),
                    esc(&row.title)
                )
            })
            .collect();
        // Each list is a landmark of its own: named after its section.
        let section = page
            .headings
            .iter()
            .find(|h| h.id == id)
            .map_or(id, |h| h.text.as_str());
        Some(format!(
            "<nav class=\"referenced-by\" aria-label=\"Risks that reference {}\"><span>Referenced by:</span><ul>{}</ul></nav>",
            esc(section),
            items.join("")
        ))
    };
    let file = env.sources.get(&page.file);
    let ctx = RenderCtx {
        resolver: &env.resolver,
        from: LinkSource::Page(index),
        url_of: &url_of,
        to_root: &to_root,
        origin: match file {
            Some(f) => Origin::Body {
                file: f,
                offset: page.body_offset,
            },
            None => unreachable_origin(),
        },
        headings: Some(&page.headings),
        after_heading: &backlinks,
    };
    html::render(&page.body, &ctx)
}

fn unreachable_origin() -> Origin<'static> {
    // Every page was read into the source map by `load`; this keeps
    // rendering total even if that ever changes.
    static EMPTY: std::sync::LazyLock<crate::diagnostics::SourceFile> =
        std::sync::LazyLock::new(|| crate::diagnostics::SourceFile::new("", ""));
    Origin::Body {
        file: &EMPTY,
        offset: 0,
    }
}
