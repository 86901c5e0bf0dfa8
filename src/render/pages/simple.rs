//! `risks.html`, `404.html`, taxonomy pages and Markdown pages.

use super::{Out, push};
use crate::diagnostics::Diagnostic;
use crate::render::Env;
use crate::render::markdown::page_body;
use crate::render::urls::{self, Taxonomy};
use crate::render::views::Link;
use rayon::prelude::*;
use std::collections::BTreeMap;

pub fn risks(env: &Env, out: &Out, errs: &mut Vec<Diagnostic>) {
    let path = "risks.html";
    let mut ctx = tera::Context::new();
    ctx.insert_value("rows", env.rows_value(0..env.all_rows().len()));
    let mut registers: Vec<&Link> = env.all_rows().map(|r| &r.register).collect();
    registers.dedup_by(|a, b| a.url == b.url);
    let mut statuses: BTreeMap<&str, &str> = BTreeMap::new();
    let mut owners: BTreeMap<&str, ()> = BTreeMap::new();
    for r in env.all_rows() {
        statuses.insert(&r.status.id, &r.status.label);
        for o in &r.owners {
            owners.insert(&o.text, ());
        }
    }
    ctx.insert("registers", &registers);
    // Severities present, highest first: registers' own levels count as one.
    ctx.insert(
        "severities",
        &crate::render::views::severity_counts(env.site, env.site.all_risks()),
    );
    ctx.insert("statuses", &statuses);
    ctx.insert("owners", &owners.keys().collect::<Vec<_>>());
    // The rows written at once (components.rs): through Tera, 10,000
    // took 60 ms.
    let root = urls::to_root(path);
    let mut rows = String::with_capacity(env.all_rows().len() * 1024);
    for r in env.all_rows() {
        crate::render::components::all_risks_row(&mut rows, r, &root);
    }
    ctx.insert("rows_html", &rows);
    push(
        out,
        errs,
        path.into(),
        env.page("risks.html", path, "All risks", ctx),
    );
}

/// Hosts serve `404.html` for a missing page at any depth, where relative
/// links would point nowhere: with a base URL its links are absolute;
/// without one, a script finds the site root (`find_root`).
pub fn not_found(env: &Env, out: &Out, errs: &mut Vec<Diagnostic>) {
    let path = "404.html";
    let mut ctx = tera::Context::new();
    match &env.site.info.base_url {
        Some(base) => ctx.insert("root", &format!("{}/", base.trim_end_matches('/'))),
        None => ctx.insert("find_root", &true),
    }
    push(
        out,
        errs,
        path.into(),
        env.page("404.html", path, "Page not found", ctx),
    );
}

/// One page per owner, category, status and tag in use; names with the
/// same slug share a page.
/// The names sharing a taxonomy page, its risks and (for owners) registers.
/// Rows are indices into `Env::rows`.
type Term = (Vec<String>, Vec<usize>, Vec<Link>);

pub fn taxonomies(env: &Env, out: &Out, errs: &mut Vec<Diagnostic>) {
    let mut terms: BTreeMap<(Taxonomy, String), Term> = BTreeMap::new();
    for (i, row) in env.all_rows().enumerate() {
        let mut add = |kind: Taxonomy, name: &str| {
            let e = terms.entry((kind, kind.url(name))).or_default();
            if !e.0.iter().any(|n| n == name) {
                e.0.push(name.to_string());
            }
            if e.1.last() != Some(&i) {
                e.1.push(i);
            }
        };
        for o in &row.owners {
            add(Taxonomy::Owner, &o.text);
        }
        if let Some(c) = &row.category {
            add(Taxonomy::Category, &c.text);
        }
        for t in &row.tags {
            add(Taxonomy::Tag, &t.text);
        }
        let e = terms
            .entry((Taxonomy::Status, row.status.url.clone()))
            .or_default();
        if !e.0.contains(&row.status.label) {
            e.0.push(row.status.label.clone());
        }
        e.1.push(i);
    }
    for reg in &env.site.registers {
        for owner in &reg.owners {
            let e = terms
                .entry((Taxonomy::Owner, Taxonomy::Owner.url(owner)))
                .or_default();
            if !e.0.contains(owner) {
                e.0.push(owner.clone());
            }
            e.2.push(Link {
                text: reg.title.clone(),
                url: urls::register(reg),
            });
        }
    }
    // Owner and status pages can hold thousands of rows: render them in parallel.
    let terms: Vec<_> = terms.into_iter().collect();
    // Every taxonomy page lies one folder down, so each risk's row is the
    // same on all of them: made once, not once per page it is on.
    let root = "../";
    let table_rows: Vec<tera::Value> = (0..env.all_rows().len())
        .into_par_iter()
        .map(|i| env.table_row(i, root, true))
        .collect();
    let failed: Vec<Diagnostic> = terms
        .into_par_iter()
        .map(|((kind, path), (names, rows, registers))| {
            let name = names.join(" / ");
            let mut ctx = tera::Context::new();
            ctx.insert("kind", kind.singular());
            ctx.insert("name", &name);
            ctx.insert("registers", &registers);
            let title = format!("{}: {name}", kind.singular());
            let rows = match urls::to_root(&path) == root {
                true => tera::Value::from(
                    rows.into_iter()
                        .map(|i| table_rows[i].clone())
                        .collect::<Vec<_>>(),
                ),
                false => env.table_rows_value(rows, &urls::to_root(&path), true),
            };
            ctx.insert_value("rows", rows);
            let html = env.page("taxonomy.html", &path, &title, ctx);
            let mut failed = Vec::new();
            push(out, &mut failed, path, html);
            failed
        })
        .flatten()
        .collect();
    errs.extend(failed);
}

pub fn markdown_page(env: &Env, index: usize, out: &Out, errs: &mut Vec<Diagnostic>) {
    let page = &env.site.pages[index];
    let path = page.output_path();
    let (body, diags) = page_body(env, index, &path);
    errs.extend(diags);
    let toc: Vec<_> = page
        .headings
        .iter()
        .filter(|h| h.level == 2 || h.level == 3)
        .map(|h| serde_json::json!({ "id": h.id, "text": h.text, "level": h.level }))
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert("body", &body);
    ctx.insert("toc", &toc);
    ctx.insert("description", &page.description);
    ctx.insert("source", &page.file.to_string_lossy().replace('\\', "/"));
    let _ = urls::page(page);
    push(
        out,
        errs,
        path.clone(),
        env.page_of("page.html", &path, &page.title, ctx, Some(&page.file)),
    );
}
