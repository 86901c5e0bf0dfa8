//! Markdown of pages and register fields, rendered in the context of the
//! output page that shows it.

use super::{Env, urls};
use crate::diagnostics::Diagnostic;
use crate::links::{LinkSource, Target};
use crate::markdown::html::{self, Origin, RenderCtx};
use crate::markdown::slug::Slugger;
use crate::model::Markdown;
use std::cell::RefCell;

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

/// The Markdown fields of a register shown on one output page: links
/// resolved for that page, heading ids unique across the page (the page's
/// own ids reserved first), broken links collected as diagnostics.
pub struct Fields<'e> {
    env: &'e Env<'e>,
    register: usize,
    out_path: String,
    ids: RefCell<Slugger>,
    diags: RefCell<Vec<Diagnostic>>,
    /// The level of the section headings that hold the fields rendered
    /// next (h2 on a page): a field's own headings go one level below.
    section_level: std::cell::Cell<u8>,
}

impl<'e> Fields<'e> {
    pub fn new(env: &'e Env<'e>, register: usize, out_path: &str) -> Self {
        Fields {
            env,
            register,
            out_path: out_path.to_string(),
            ids: RefCell::default(),
            diags: RefCell::default(),
            section_level: std::cell::Cell::new(2),
        }
    }

    /// Ids the page's template writes itself, so no heading takes them.
    pub fn reserve(&self, ids: &[&str]) {
        let mut slugger = self.ids.borrow_mut();
        for id in ids {
            slugger.reserve(id);
        }
    }

    /// Fields rendered from now on sit under headings of `level` (h4 for
    /// a risk in the register's printed document).
    pub fn set_section_level(&self, level: u8) {
        self.section_level.set(level);
    }

    /// A fresh id on this page made from `text` (`extra-data`, a section title).
    pub fn id(&self, text: &str) -> String {
        self.ids.borrow_mut().slug(text)
    }

    /// Markdown as block HTML.
    pub fn block(&self, md: &Markdown) -> String {
        let env = self.env;
        let to_root = urls::to_root(&self.out_path);
        let url_of = |t: &Target| url_of(env, t);
        let none = |_: &str| None;
        let ctx = RenderCtx {
            resolver: &env.resolver,
            from: LinkSource::Register(self.register),
            url_of: &url_of,
            to_root: &to_root,
            origin: Origin::Field {
                file: env.sources.get(&md.origin.file),
                at: &md.origin,
            },
            headings: None,
            after_heading: &none,
            page_ids: Some(&self.ids),
            want_html: true,
            heading_base: Some(self.section_level.get() + 1),
        };
        let (html, diags) = html::render(&md.text, &ctx);
        self.diags.borrow_mut().extend(diags);
        html
    }

    /// Like `block`, for short texts shown inline: a single paragraph loses its `<p>`.
    pub fn inline(&self, md: &Markdown) -> String {
        let h = self.block(md);
        let t = h.trim();
        t.strip_prefix("<p>")
            .and_then(|s| s.strip_suffix("</p>"))
            .filter(|s| !s.contains("<p>"))
            .map(str::to_string)
            .unwrap_or_else(|| t.to_string())
    }

    /// The broken links found so far.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diags.into_inner()
    }
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
                // The risk was reviewed against an older text of this section.
                let suspect = env
                    .suspects_of(*rr)
                    .any(|s| s.page == index && s.anchor == id);
                format!(
                    "<li><a href=\"{to_root}{}\"><span class=\"badge\" style=\"background:{};color:{}\">{}</span> <strong>{}</strong> {}</a>{}</li>",
                    esc(&row.url),
                    esc(&row.level.color),
                    esc(&row.level.text_color),
                    esc(&row.level.label),
                    esc(&row.id),
                    esc(&row.title),
                    if suspect {
                        " <span class=\"warn\">not reviewed since this section changed</span>"
                    } else {
                        ""
                    }
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
        page_ids: None,
        want_html: true,
        heading_base: None,
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
