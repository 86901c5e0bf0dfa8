//! Links and images inside every Markdown text, checked without rendering
//! a page: what `check` runs instead of the templates. It is the same pass
//! (`markdown::html::render`) that pages use, once per text, so `check`
//! and `build` report the same diagnostics.

use super::kept::{PerRegister, Slot};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceMap};
use crate::links::{LinkSource, Resolver, Target, fingerprint};
use crate::markdown::html::{self, Origin, RenderCtx};
use crate::model::Site;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// What `serve` keeps of the last check: the diagnostics of each register
/// and of each page (kept while its file reads the same).
pub type Cache = Slot<Kept>;

type Found = Arc<Vec<Diagnostic>>;

pub struct Kept {
    registers: PerRegister<Found>,
    pages: HashMap<PathBuf, (Arc<str>, Found)>,
}

/// Checks the links of every page body and every register text, again
/// only for what changed since the run `cache` holds.
pub fn check(site: &Site, sources: &SourceMap, diags: &mut Diagnostics, cache: Option<&Cache>) {
    let print = cache.map(|_| fingerprint(site));
    let kept = cache.and_then(|c| c.take_if(|k| Some(k.registers.fingerprint()) == print));
    let resolver = Resolver::new(site);
    // URLs are not written anywhere: only the diagnostics matter.
    let url_of = |_: &Target| String::new();
    let none = |_: &str| None;
    let registers = site.registers.par_iter().enumerate().map(|(ri, reg)| {
        if let Some(found) = kept.as_ref().and_then(|k| k.registers.get(reg)) {
            return found.clone();
        }
        let mut found = Vec::new();
        for md in reg.markdown_texts() {
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
                heading_base: None,
            };
            found.extend(html::render(&md.text, &ctx).1);
        }
        Arc::new(found)
    });
    let pages = site.pages.par_iter().enumerate().map(|(pi, page)| {
        let Some(file) = sources.get(&page.file) else {
            return Arc::new(Vec::new());
        };
        if let Some((_, found)) = kept
            .as_ref()
            .and_then(|k| k.pages.get(&page.file))
            .filter(|(text, _)| Arc::ptr_eq(text, &file.text) || **text == *file.text)
        {
            return found.clone();
        }
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
            heading_base: None,
        };
        Arc::new(html::render(&page.body, &ctx).1)
    });
    let found: Vec<Found> = registers.chain(pages).collect();
    if let (Some(cache), Some(fingerprint)) = (cache, print) {
        let (regs, pages) = found.split_at(site.registers.len());
        cache.put(Kept {
            registers: PerRegister::new(site, fingerprint, regs),
            pages: site
                .pages
                .iter()
                .zip(pages)
                .filter_map(|(p, f)| {
                    let text = sources.get(&p.file)?.text.clone();
                    Some((p.file.clone(), (text, f.clone())))
                })
                .collect(),
        });
    }
    // Moved out when nothing else holds them (no cache), copied otherwise.
    diags.extend(
        found
            .into_iter()
            .flat_map(|f| Arc::try_unwrap(f).unwrap_or_else(|kept| kept.as_ref().clone())),
    );
}
