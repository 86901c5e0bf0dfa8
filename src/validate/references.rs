//! Resolves every risk's `playbooks:` and `related:` references, and
//! records the back-links (which risks a page section serves).

use super::links::{LinkSource, Resolver, Target};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, SourceMap};
use crate::model::{PlaybookLink, RiskRef, Site};
use std::collections::BTreeMap;

pub fn resolve(site: &mut Site, sources: &SourceMap, diags: &mut Diagnostics) {
    let resolver = Resolver::new(site);
    let mut playbook_links = BTreeMap::new();
    let mut field_links = BTreeMap::new();
    let mut backlinks: BTreeMap<(usize, String), Vec<RiskRef>> = BTreeMap::new();
    let mut related: BTreeMap<RiskRef, Vec<RiskRef>> = BTreeMap::new();
    let mut related_by: BTreeMap<RiskRef, Vec<RiskRef>> = BTreeMap::new();
    for rr in site.all_risks() {
        let risk = site.risk(rr);
        let from = LinkSource::Register(rr.register);
        let mut links = Vec::new();
        for (text, loc) in &risk.playbooks {
            match resolver.resolve(text, from) {
                Ok(Target::Page { page, anchor }) => {
                    if let Some(a) = &anchor {
                        backlinks.entry((page, a.clone())).or_default().push(rr);
                    }
                    links.push(PlaybookLink {
                        page,
                        anchor,
                        at: loc.clone(),
                    });
                }
                Ok(_) => diags.push(
                    Diagnostic::new(
                        Code::MissingPage,
                        loc.clone(),
                        format!("playbook reference `{text}` is not a Markdown page"),
                    )
                    .with_help(
                        "write the path of a .md page under content/, with an optional #anchor",
                    ),
                ),
                Err(e) => diags.push(
                    Diagnostic::new(
                        e.code,
                        loc.clone(),
                        format!("broken playbook reference `{text}`: {}", e.message),
                    )
                    .with_help_opt(e.help),
                ),
            }
        }
        playbook_links.insert(rr, links);
        let in_fields = field_section_links(&resolver, sources, risk, from);
        if !in_fields.is_empty() {
            field_links.insert(rr, in_fields);
        }
        for (text, loc) in &risk.related {
            match resolver.resolve(text, from) {
                Ok(Target::Risk(other)) => {
                    related.entry(rr).or_default().push(other);
                    related_by.entry(other).or_default().push(rr);
                }
                Ok(_) => diags.push(Diagnostic::new(
                    Code::MissingRisk,
                    loc.clone(),
                    format!("related `{text}` is not a risk"),
                )),
                Err(e) => diags.push(
                    Diagnostic::new(
                        e.code,
                        loc.clone(),
                        format!("broken related risk `{text}`: {}", e.message),
                    )
                    .with_help_opt(e.help),
                ),
            }
        }
    }
    site.playbook_links = playbook_links;
    site.field_section_links = field_links;
    site.backlinks = backlinks;
    site.related = related;
    site.related_by = related_by;
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
    for md in risk.markdown_fields() {
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
