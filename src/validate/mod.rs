//! Stage 2, validate: raw sources to one checked in-memory `Site`.
//! Every error found here carries the file, line and column at fault.

mod entries;
pub mod framework;
mod kept;
mod locator;
pub mod markdown;
mod method;
mod quant;
mod references;
pub mod register;
pub mod sanitizer_agrees;
mod severity;
mod warnings;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::load::{Loaded, LoadedConfig, LoadedRegister, is_reserved_output};
use crate::markdown::headings;
use crate::model::{Date, Page, Site, SiteInfo};
use locator::Locator;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Validated registers of the last run, with the parsed sources they came
/// from: a register whose source and site config are the very ones of
/// the last run (the load `Cache` hands out the same `Arc`s) is not
/// validated again (`serve`).
#[derive(Default)]
pub struct Cache {
    registers: std::sync::Mutex<HashMap<std::path::PathBuf, CachedRegister>>,
    references: references::Cache,
    /// The links of Markdown texts, for `check` (`markdown::check`).
    pub(crate) links: markdown::Cache,
}

struct CachedRegister {
    loaded: Arc<LoadedRegister>,
    config: Option<Arc<LoadedConfig>>,
    register: Arc<crate::model::Register>,
    diags: Vec<Diagnostic>,
}

/// Validates everything loaded. Returns the site when it could be built at
/// all (it may still carry errors in `diags`).
pub fn validate(loaded: Loaded, today: Date, diags: &mut Diagnostics) -> Site {
    validate_cached(loaded, today, diags, None)
}

/// `validate`, reusing what `cache` holds of registers whose parsed
/// source is unchanged; the cache then holds this run.
pub fn validate_cached(
    loaded: Loaded,
    today: Date,
    diags: &mut Diagnostics,
    cache: Option<&Cache>,
) -> Site {
    let mut info = SiteInfo {
        title: "Risk register".into(),
        description: None,
        base_url: None,
        issue_url: None,
        edit_url: None,
    };
    let mut fw = framework::default_framework();
    if let Some(cfg) = &loaded.config {
        let loc = Locator {
            file: &cfg.file,
            spans: &cfg.spans,
            source: loaded.sources.get(&cfg.file),
        };
        let mut errs = Vec::new();
        fw = framework::site(&cfg.raw, loc, &mut errs);
        if let Some(q) = &cfg.raw.quantitative {
            fw.quant = Arc::new(quant::config(q, loc, &mut errs));
        }
        if let Some(m) = &cfg.raw.method {
            fw.method = method::resolve(
                m,
                &crate::load::spans::YamlPath::root().key("method"),
                loc,
                &mut errs,
            );
        }
        diags.extend(errs);
        let text = |t: &Option<crate::source::text::Text>| {
            t.as_ref()
                .map(|t| t.0.trim().to_string())
                .filter(|t| !t.is_empty())
        };
        if let Some(t) = text(&cfg.raw.title) {
            info.title = t;
        }
        info.description = text(&cfg.raw.description);
        info.base_url = text(&cfg.raw.base_url);
        info.issue_url = text(&cfg.raw.issue_url);
        info.edit_url = text(&cfg.raw.edit_url);
    }
    let fw = Arc::new(fw);

    // Registers, in parallel; sorted by id so output never depends on the walk.
    let same = |a: &Option<Arc<LoadedConfig>>, b: &Option<Arc<LoadedConfig>>| match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    };
    let previous =
        cache.map(|c| std::mem::take(&mut *c.registers.lock().unwrap_or_else(|p| p.into_inner())));
    let mut results: Vec<(Arc<crate::model::Register>, Vec<Diagnostic>)> = loaded
        .registers
        .par_iter()
        .map(|r| {
            if let Some(c) = previous.as_ref().and_then(|p| p.get(&r.file))
                && Arc::ptr_eq(&c.loaded, r)
                && same(&c.config, &loaded.config)
            {
                return (c.register.clone(), c.diags.clone());
            }
            let (reg, errs) = register::validate(r, loaded.sources.get(&r.file), &fw);
            (Arc::new(reg), errs)
        })
        .collect();
    if let Some(cache) = cache {
        *cache.registers.lock().unwrap_or_else(|p| p.into_inner()) = loaded
            .registers
            .iter()
            .zip(&results)
            .map(|(l, (reg, errs))| {
                let cached = CachedRegister {
                    loaded: l.clone(),
                    config: loaded.config.clone(),
                    register: reg.clone(),
                    diags: errs.clone(),
                };
                (l.file.clone(), cached)
            })
            .collect();
    }
    // What was parsed is not needed any more.
    crate::memory::free_elsewhere(loaded.registers);
    results.sort_by(|a, b| (&a.0.id, &a.0.file).cmp(&(&b.0.id, &b.0.file)));
    let mut registers = Vec::new();
    for (reg, errs) in results {
        diags.extend(errs);
        registers.push(reg);
    }
    duplicate_registers(&mut registers, diags);
    let register_ids: Vec<String> = registers.iter().map(|r| r.id.clone()).collect();

    // Pages: titles and heading ids.
    let mut pages: Vec<Page> = loaded
        .pages
        .into_par_iter()
        .map(|p| {
            let (hs, dups) = headings::collect(&p.body);
            let src = loaded.sources.get(&p.file);
            let errs: Vec<Diagnostic> = dups
                .into_iter()
                .map(|d| {
                    let span = src.map(|s| {
                        s.span(p.body_offset + d.range.start..p.body_offset + d.range.end)
                    });
                    Diagnostic::new(
                        Code::DuplicateAnchor,
                        Location::new(&p.file, span),
                        format!("heading id `#{}` is used twice on this page", d.id),
                    )
                })
                .collect();
            let title = p
                .front
                .title
                .as_ref()
                .map(|t| t.0.trim().to_string())
                .filter(|t| !t.is_empty())
                .or_else(|| hs.iter().find(|h| h.level == 1).map(|h| h.text.clone()))
                .unwrap_or_else(|| {
                    p.path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default()
                });
            (
                Page {
                    path: p.path.clone(),
                    file: p.file.clone(),
                    title,
                    description: p.front.description.as_ref().map(|t| t.0.clone()),
                    body: p.body.clone(),
                    body_offset: p.body_offset,
                    headings: hs,
                },
                errs,
            )
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|(page, errs)| {
            diags.extend(errs);
            page
        })
        .collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));

    for p in &pages {
        let out = p.output_path();
        if is_reserved_output(&out, &register_ids) {
            diags.push(reserved(&p.file, &out));
        }
    }
    for f in &loaded.files {
        let out = f.to_string_lossy().replace('\\', "/");
        if is_reserved_output(&out, &register_ids) {
            diags.push(reserved(&std::path::Path::new("content").join(f), &out));
        }
    }

    let mut site = Site {
        info,
        framework: fw,
        registers,
        pages,
        files: loaded.files,
        unloaded: loaded.unloaded,
        today,
        playbook_links: BTreeMap::new(),
        field_section_links: BTreeMap::new(),
        backlinks: BTreeMap::new(),
        related: BTreeMap::new(),
        related_by: BTreeMap::new(),
        history: Default::default(),
        loss: None,
    };
    site.loss = quant::site_total(&site.registers, &site.framework.quant);
    if let Some(cfg) = &loaded.config {
        let loc = Locator {
            file: &cfg.file,
            spans: &cfg.spans,
            source: loaded.sources.get(&cfg.file),
        };
        diags.extend(quant::appetite(&site, loc));
    }
    references::resolve(
        &mut site,
        &loaded.sources,
        diags,
        cache.map(|c| &c.references),
    );
    warnings::check(&site, diags);
    site
}

fn reserved(file: &std::path::Path, out: &str) -> Diagnostic {
    Diagnostic::new(
        Code::ReservedPath,
        Location::new(file, None),
        format!("this file would be written to `{out}`, which riskbook generates itself"),
    )
    .with_help("rename or move the file")
}

/// Two registers with the same id (file stem) in different folders.
fn duplicate_registers(registers: &mut Vec<Arc<crate::model::Register>>, diags: &mut Diagnostics) {
    let mut keep: Vec<Arc<crate::model::Register>> = Vec::with_capacity(registers.len());
    for reg in registers.drain(..) {
        match keep.last() {
            Some(prev) if prev.id == reg.id => {
                diags.push(
                    Diagnostic::new(
                        Code::DuplicateRegister,
                        Location::new(&reg.file, None),
                        format!(
                            "two registers have the id `{}`: {} and {}",
                            reg.id,
                            prev.file.display(),
                            reg.file.display()
                        ),
                    )
                    .with_related(Location::new(&prev.file, None), "also has this id")
                    .with_help(
                        "a register's id is its file name without extension; rename one file",
                    ),
                );
            }
            _ => keep.push(reg),
        }
    }
    *registers = keep;
}
