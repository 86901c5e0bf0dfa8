//! What a reader sees: the pages, their links, and that no source can put
//! a script into the site.

#[path = "../common/mod.rs"]
mod common;
use common::*;

fn site_with(risk_extra: &str, pages: &[(&str, &str)]) -> Fixture {
    let reg = register(risk_extra);
    let mut files: Vec<(&str, &str)> = vec![("content/registers/ops.yaml", &reg)];
    files.extend_from_slice(pages);
    let site = Fixture::new(&files);
    site.build_ok();
    site
}

/// Every `id="..."` of a page, to check that none repeats.
fn repeated_ids(html: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    html.match_indices(" id=\"")
        .filter_map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .filter(|id| !seen.insert(id.clone()))
        .collect()
}

/// The part of `page` from `start` up to the first `end` after it.
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {page}"));
    let to = page[from..].find(end).map_or(page.len(), |k| from + k);
    &page[from..to]
}

mod markdown;
mod pages;
mod printed;
