//! riskbook: risk registers (YAML) and playbooks (Markdown) to a
//! cross-linked static site.
//!
//! The pipeline, one module per stage:
//! `load` (read and parse sources) -> `validate` (one checked model,
//! `model`) -> `render` (HTML, SVG, exports in memory) -> `output` (atomic write).

// Diagnostics are errors as values, carried on cold paths; boxing them
// everywhere would buy nothing measurable.
#![allow(clippy::result_large_err)]

pub mod compare;
pub mod diagnostics;
pub mod history;
pub mod import;
pub mod init;
pub mod links;
pub mod load;
pub mod markdown;
pub mod memory;
pub mod model;
pub mod output;
pub mod render;
pub mod review;
pub mod schema;
pub mod serve;
pub mod source;
pub mod validate;

pub use memory::free_elsewhere;

use diagnostics::{Diagnostic, Diagnostics, Severity, SourceMap};
use model::{Date, Site};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What `check` and `build` share: the site, if it could be read, and every diagnostic.
pub struct Checked {
    pub site: Site,
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Warning)
            .count()
    }

    /// Whether the content fails: errors, or any warning under `--strict`.
    pub fn failed(&self, strict: bool) -> bool {
        self.errors() > 0 || (strict && self.warnings() > 0)
    }
}

/// A problem with the command line or the folders (exit status 2).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub struct Options {
    pub root: PathBuf,
    pub today: Date,
    pub base_url: Option<String>,
    /// Read revision history from git (off with `--no-git`).
    pub git: bool,
}

/// Loads and validates: the model and the diagnostics found so far.
pub fn load_and_validate(opts: &Options) -> Result<(Site, SourceMap, Diagnostics), UsageError> {
    load_and_validate_cached(opts, None)
}

/// What one run keeps for the next (`serve`): parsed sources and
/// validated registers, reused for files that did not change.
#[derive(Default)]
pub struct Caches {
    pub load: load::Cache,
    pub validate: validate::Cache,
    pub history: history::Cache,
}

/// `load_and_validate`, parsing and validating again only what changed
/// since the run `cache` holds.
pub fn load_and_validate_cached(
    opts: &Options,
    cache: Option<&Caches>,
) -> Result<(Site, SourceMap, Diagnostics), UsageError> {
    let mut diags = Diagnostics::default();
    let loaded = load::load_cached(&opts.root, &mut diags, cache.map(|c| &c.load))
        .map_err(|e| UsageError(e.0))?;
    let sources = loaded.sources.clone();
    let mut site =
        validate::validate_cached(loaded, opts.today, &mut diags, cache.map(|c| &c.validate));
    if let Some(url) = &opts.base_url {
        site.info.base_url = Some(url.clone());
    }
    site.history = history::read_cached(&opts.root, &site, opts.git, cache.map(|c| &c.history));
    diags.extend(history::suspect::diagnostics(&site));
    Ok((site, sources, diags))
}

/// Everything `build` validates, without writing or rendering pages: the
/// links and images of every Markdown text are checked by the same pass
/// pages use. With templates of the user's own, every page is rendered too
/// (and dropped), since only rendering finds a template's runtime errors.
pub fn check(opts: &Options) -> Result<Checked, UsageError> {
    check_cached(opts, None)
}

/// `check`, parsing and validating again only what changed since the
/// run `cache` holds.
pub fn check_cached(opts: &Options, cache: Option<&Caches>) -> Result<Checked, UsageError> {
    let (site, sources, mut diags) = load_and_validate_cached(opts, cache)?;
    let user_templates = opts.root.join("templates").is_dir();
    if user_templates {
        render::render(&site, &sources, &opts.root, &mut diags);
    } else {
        if let Err(errs) = render::templates::load(&opts.root) {
            diags.extend(errs);
        }
        validate::markdown::check(
            &site,
            &sources,
            &mut diags,
            cache.map(|c| &c.validate.links),
        );
    }
    Ok(Checked {
        site,
        sources,
        diagnostics: diags.into_sorted(),
    })
}

/// Loads, validates and renders in memory: everything `build` does but
/// write. With `base`, also renders `changes.html` against it.
pub fn render_site(
    opts: &Options,
    base: Option<&compare::Side>,
) -> Result<(Checked, render::Rendered), UsageError> {
    let (site, sources, mut diags) = load_and_validate(opts)?;
    let rendered = render::render_compared(&site, &sources, &opts.root, &mut diags, base);
    let checked = Checked {
        site,
        sources,
        diagnostics: diags.into_sorted(),
    };
    Ok((checked, rendered))
}

/// Checks and renders a site held in memory (`(path under content/, text)`
/// pairs), with no git history: every diagnostic, sorted. What the fuzzers
/// drive; no input may make it panic.
pub fn check_in_memory(files: &[(PathBuf, String)], today: Date) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::default();
    let loaded = load::load_from_memory(files, &mut diags);
    let sources = loaded.sources.clone();
    let site = validate::validate(loaded, today, &mut diags);
    let root = Path::new("/nonexistent-riskbook-root");
    render::render(&site, &sources, root, &mut diags);
    diags.into_sorted()
}

/// Summary numbers of a build, for the one-line report.
pub struct Summary {
    pub registers: usize,
    pub risks: usize,
    pub pages: usize,
    pub files_written: usize,
    pub elapsed_ms: u128,
}

/// Checks, then writes the site to `out` atomically when the content passes.
pub fn build(
    opts: &Options,
    out: &Path,
    strict: bool,
) -> Result<(Checked, Option<Summary>), UsageError> {
    build_compared(opts, out, strict, None)
}

/// `build --compare BASE`: `base` is a git revision of the same site.
pub fn build_compared(
    opts: &Options,
    out: &Path,
    strict: bool,
    base: Option<&str>,
) -> Result<(Checked, Option<Summary>), UsageError> {
    let start = Instant::now();
    let base = match base {
        Some(rev) => Some(compare::revision(&opts.root, rev, opts.today)?),
        None => None,
    };
    let cannot_write =
        |e: std::io::Error| UsageError(format!("cannot write {}: {e}", out.display()));
    let (site, sources, mut diags) = load_and_validate(opts)?;
    // Files are written into the staging folder as they are rendered.
    let staging = output::Staging::new(out, &opts.root).map_err(cannot_write)?;
    render::render_into(
        &site,
        &sources,
        &opts.root,
        &mut diags,
        base.as_ref(),
        &staging,
    );
    let checked = Checked {
        site,
        sources,
        diagnostics: diags.into_sorted(),
    };
    if checked.failed(strict) {
        return Ok((checked, None));
    }
    let written = staging
        .finish(&opts.root, &checked.site.files)
        .map_err(cannot_write)?;
    let summary = Summary {
        registers: checked.site.registers.len(),
        risks: checked.site.registers.iter().map(|r| r.risks.len()).sum(),
        pages: checked.site.pages.len(),
        files_written: written,
        elapsed_ms: start.elapsed().as_millis(),
    };
    Ok((checked, Some(summary)))
}
