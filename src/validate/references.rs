//! Resolves every risk's `playbooks:` and `related:` references, and
//! records the back-links (which risks a page section serves).

use super::kept::{PerRegister, Slot};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, SourceMap};
use crate::links::{LinkError, LinkSource, Resolver, Target};
use crate::model::{PlaybookLink, RiskRef, Site};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What `serve` keeps of the last resolution: each register's resolved risks.
pub type Cache = Slot<PerRegister<Arc<Vec<Resolved>>>>;

/// What one risk's references resolve to.
#[derive(Clone)]
pub struct Resolved {
    rr: RiskRef,
    links: Vec<PlaybookLink>,
    in_fields: Vec<PlaybookLink>,
    related: Vec<RiskRef>,
    diags: Vec<Diagnostic>,
}

pub fn resolve(
    site: &mut Site,
    sources: &SourceMap,
    diags: &mut Diagnostics,
    cache: Option<&Cache>,
) {
    let resolver = Resolver::new(site);
    let fingerprint = cache.map(|_| crate::links::fingerprint(site));
    let kept = cache.and_then(|c| c.take_if(|k| Some(k.fingerprint()) == fingerprint));
    // Each register's risks on their own, in parallel, unless kept; merged
    // in order, so the result is the same as one pass.
    let per_register: Vec<Arc<Vec<Resolved>>> = site
        .registers
        .par_iter()
        .enumerate()
        .map(|(ri, reg)| {
            if let Some(resolved) = kept.as_ref().and_then(|k| k.get(reg)) {
                return resolved.clone();
            }
            let resolved = (0..reg.risks.len())
                .into_par_iter()
                .map(|k| {
                    resolve_risk(
                        site,
                        &resolver,
                        sources,
                        RiskRef {
                            register: ri,
                            risk: k,
                        },
                    )
                })
                .collect();
            Arc::new(resolved)
        })
        .collect();
    drop(resolver);
    if let (Some(cache), Some(fingerprint)) = (cache, fingerprint) {
        cache.put(PerRegister::new(site, fingerprint, &per_register));
    }
    // Moved out when nothing else holds them (no cache), copied otherwise.
    let resolved = per_register
        .into_iter()
        .flat_map(|r| Arc::try_unwrap(r).unwrap_or_else(|kept| kept.as_ref().clone()));
    let mut playbook_links = BTreeMap::new();
    let mut field_links = BTreeMap::new();
    let mut backlinks: BTreeMap<(usize, String), Vec<RiskRef>> = BTreeMap::new();
    let mut related: BTreeMap<RiskRef, Vec<RiskRef>> = BTreeMap::new();
    let mut related_by: BTreeMap<RiskRef, Vec<RiskRef>> = BTreeMap::new();
    for r in resolved {
        for link in &r.links {
            if let Some(a) = &link.anchor {
                backlinks
                    .entry((link.page, a.clone()))
                    .or_default()
                    .push(r.rr);
            }
        }
        playbook_links.insert(r.rr, r.links);
        if !r.in_fields.is_empty() {
            field_links.insert(r.rr, r.in_fields);
        }
        for other in r.related {
            related.entry(r.rr).or_default().push(other);
            related_by.entry(other).or_default().push(r.rr);
        }
        diags.extend(r.diags);
    }
    site.playbook_links = playbook_links;
    site.field_section_links = field_links;
    site.backlinks = backlinks;
    site.related = related;
    site.related_by = related_by;
}

fn resolve_risk(site: &Site, resolver: &Resolver, sources: &SourceMap, rr: RiskRef) -> Resolved {
    let risk = site.risk(rr);
    let from = LinkSource::Register(rr.register);
    let mut diags = Vec::new();
    let mut links = Vec::new();
    for (text, loc) in &risk.playbooks {
        match resolver.resolve(text, from) {
            Ok(Target::Page { page, anchor }) => links.push(PlaybookLink {
                page,
                anchor,
                at: loc.clone(),
            }),
            Ok(_) => diags.push(
                Diagnostic::new(
                    Code::MissingPage,
                    loc.clone(),
                    format!("playbook reference `{text}` is not a Markdown page"),
                )
                .with_help("write the path of a .md page under content/, with an optional #anchor"),
            ),
            Err(e) => diags.push(broken("playbook reference", text, loc, e)),
        }
    }
    let in_fields = field_section_links(resolver, sources, risk, from);
    let mut related = Vec::new();
    for (text, loc) in &risk.related {
        match resolver.resolve(text, from) {
            Ok(Target::Risk(other)) => related.push(other),
            Ok(_) => diags.push(Diagnostic::new(
                Code::MissingRisk,
                loc.clone(),
                format!("related `{text}` is not a risk"),
            )),
            Err(e) => diags.push(broken("related risk", text, loc, e)),
        }
    }
    Resolved {
        rr,
        links,
        in_fields,
        related,
        diags,
    }
}

/// A reference that does not resolve, located where it is written.
fn broken(what: &str, text: &str, loc: &Location, e: LinkError) -> Diagnostic {
    Diagnostic::new(
        e.code,
        loc.clone(),
        format!("broken {what} `{text}`: {}", e.message),
    )
    .with_help_opt(e.help)
}

/// Links to page sections (`page.md#anchor`) inside a risk's Markdown
/// fields, for suspect detection. Each is located at its field.
fn field_section_links(
    resolver: &Resolver,
    sources: &SourceMap,
    risk: &crate::model::Risk,
    from: LinkSource,
) -> Vec<PlaybookLink> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut out = Vec::new();
    // Every link has a `[`; most texts have none.
    for md in risk
        .markdown_fields()
        .into_iter()
        .filter(|md| md.text.contains('['))
    {
        for ev in Parser::new_ext(&md.text, crate::markdown::options()) {
            if let Event::Start(Tag::Link { dest_url, .. }) = ev
                && let Ok(Target::Page {
                    page,
                    anchor: Some(anchor),
                }) = resolver.resolve(&dest_url, from)
            {
                out.push(PlaybookLink {
                    page,
                    anchor: Some(anchor),
                    at: written_at(sources, &md.origin, &dest_url),
                });
            }
        }
    }
    out
}

/// Where `dest` is written inside the field at `field`, else the field.
fn written_at(sources: &SourceMap, field: &Location, dest: &str) -> Location {
    let found = sources
        .get(&field.file)
        .zip(field.span)
        .and_then(|(f, sp)| {
            f.text
                .get(sp.start..)?
                .find(dest)
                .map(|i| f.span(sp.start + i..sp.start + i + dest.len()))
        });
    Location::new(&field.file, found.or(field.span))
}
