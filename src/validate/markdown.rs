//! Links and images inside every Markdown text, checked without rendering
//! a page: what `check` runs instead of the templates. It is the same pass
//! (`markdown::html::render`) that pages use, once per text, so `check`
//! and `build` report the same diagnostics.

use crate::diagnostics::{Diagnostic, Diagnostics, SourceMap};
use crate::markdown::html::{self, Origin, RenderCtx};
use crate::model::{Markdown, Register, Site};
use crate::validate::links::{LinkSource, Resolver, Target};
use rayon::prelude::*;

/// Every Markdown text of a register: its own and its risks'.
fn texts(reg: &Register) -> Vec<&Markdown> {
    let mut out: Vec<&Markdown> = reg.summary.iter().collect();
    out.extend(reg.sections.iter().map(|(_, m)| m));
    out.extend(reg.revisions.iter().map(|r| &r.changes));
    out.extend(reg.actions.iter().map(|a| &a.text));
    for risk in &reg.risks {
        out.extend(risk.markdown_fields());
    }
    out
}

/// Checks the links of every page body and every register text.
pub fn check(site: &Site, sources: &SourceMap, diags: &mut Diagnostics) {
    let resolver = Resolver::new(site);
    // URLs are not written anywhere: only the diagnostics matter.
    let url_of = |_: &Target| String::new();
    let none = |_: &str| None;
    let registers = site.registers.par_iter().enumerate().map(|(ri, reg)| {
        let mut found = Vec::new();
        for md in texts(reg) {
            let ctx = RenderCtx {
                resolver: &resolver,
                from: LinkSource::Register(ri),
                url_of: &url_of,
                to_root: "",
                origin: Origin::Field {
                    file: sources.get(&md.origin.file),
                    at: &md.origin,
                },
                headings: None,
                after_heading: &none,
                page_ids: None,
                want_html: false,
            };
            found.extend(html::render(&md.text, &ctx).1);
        }
        found
    });
    let pages = site.pages.par_iter().enumerate().map(|(pi, page)| {
        let Some(file) = sources.get(&page.file) else {
            return Vec::new();
        };
        let ctx = RenderCtx {
            resolver: &resolver,
            from: LinkSource::Page(pi),
            url_of: &url_of,
            to_root: "",
            origin: Origin::Body {
                file,
                offset: page.body_offset,
            },
            headings: Some(&page.headings),
            after_heading: &none,
            page_ids: None,
            want_html: false,
        };
        html::render(&page.body, &ctx).1
    });
    let found: Vec<Vec<Diagnostic>> = registers.chain(pages).collect();
    diags.extend(found.into_iter().flatten());
}
