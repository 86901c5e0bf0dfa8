//! Stage 3, render: the model to every output file, in memory. Broken
//! links inside Markdown are found here, while rendering, and reported
//! with the other diagnostics.

pub mod charts;
pub mod components;
pub(crate) mod escape;
pub mod exports;
mod extra;
mod markdown;
mod out;
mod pages;
mod rows;
pub use pages::Task;
pub mod templates;
pub mod urls;
pub mod views;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, SourceMap};
use crate::links::Resolver;
use crate::model::Site;
use std::path::{Path, PathBuf};

/// The output site, in memory: generated files and files to copy.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Output path (root-relative, `/`-separated) and content, sorted by path.
    pub files: Vec<(String, Vec<u8>)>,
    /// Content-relative paths of files copied unchanged.
    pub copies: Vec<PathBuf>,
}

impl Rendered {
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .ok()
            .map(|i| self.files[i].1.as_slice())
    }
}

/// Where rendered files go as each part of the site is done: memory
/// (`Collect`, for `serve`) or the build's staging folder (`output`).
pub trait Sink: Sync {
    fn put(&self, files: Vec<(String, Vec<u8>)>);

    /// One file, written by `write` as it is made: a large export is never
    /// held whole on its way to a file. Held in memory, it is kept only
    /// when `write` succeeds.
    fn put_written(&self, path: String, write: &mut Writer) {
        let mut bytes = Vec::new();
        if write(&mut bytes).is_ok() {
            self.put(vec![(path, bytes)]);
        }
    }
}

/// What writes one file's bytes (`Sink::put_written`).
pub type Writer<'w> = dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()> + 'w;

/// Rendered files kept in memory.
#[derive(Default)]
pub struct Collect(std::sync::Mutex<Vec<(String, Vec<u8>)>>);

impl Collect {
    /// The files, in the order they came.
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        self.0.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

impl Sink for Collect {
    fn put(&self, files: Vec<(String, Vec<u8>)>) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend(files);
    }
}

/// What every page builder needs.
pub struct Env<'a> {
    pub site: &'a Site,
    pub sources: &'a SourceMap,
    pub resolver: Resolver<'a>,
    pub templates: &'a templates::Templates,
    /// Every risk's row, in register order, made when first needed (all
    /// at once, in parallel, for a build).
    rows: Vec<std::sync::OnceLock<views::RiskRow>>,
    /// The risk of each row.
    refs: Vec<crate::model::RiskRef>,
    /// Each row as a template value, made once when first needed: pages
    /// that list risks share them (a copy is a reference count), and
    /// `serve` makes only those of the pages it renders.
    row_values: Vec<std::sync::OnceLock<tera::Value>>,
    /// Each row as the related-risk tables of risk pages show it, made
    /// once when first needed (`related_row`).
    related_rows: Vec<std::sync::OnceLock<tera::Value>>,
    /// The first failure of the site's own `rb.risk_row` (`row_html`).
    row_error: std::sync::Mutex<Option<Diagnostic>>,
    /// Index of the first row of each register in `rows`.
    pub row_start: Vec<usize>,
    /// With `build --compare`: what changed per (register id, risk id).
    pub deltas: std::collections::HashMap<(String, String), crate::compare::RiskDelta>,
    /// Indices into `site.history.suspects`, per risk.
    pub suspects: std::collections::HashMap<crate::model::RiskRef, Vec<usize>>,
}

impl<'a> Env<'a> {
    /// What every page of `site` shares: the risk rows, the suspects per
    /// risk and, with `base`, what changed per risk. Each row is made when
    /// a page first needs it, so `serve` renders the reloaded page before
    /// the rest of the site; `build` makes them all at once (`fill_rows`).
    pub fn new(
        site: &'a Site,
        sources: &'a SourceMap,
        templates: &'a templates::Templates,
        base: Option<&crate::compare::Side>,
    ) -> Env<'a> {
        let mut row_start = Vec::with_capacity(site.registers.len());
        let mut n = 0;
        for reg in &site.registers {
            row_start.push(n);
            n += reg.risks.len();
        }
        let refs: Vec<_> = site.all_risks().collect();
        let rows = refs.iter().map(|_| std::sync::OnceLock::new()).collect();
        let row_values = refs.iter().map(|_| std::sync::OnceLock::new()).collect();
        let related_rows = refs.iter().map(|_| std::sync::OnceLock::new()).collect();
        let deltas = base
            .map(|b| crate::compare::risk_deltas(&b.checked.site, site))
            .unwrap_or_default();
        Env {
            site,
            sources,
            resolver: Resolver::new(site),
            templates,
            rows,
            refs,
            row_values,
            related_rows,
            row_error: Default::default(),
            row_start,
            deltas: deltas
                .iter()
                .map(|d| ((d.register.clone(), d.risk.clone()), d.clone()))
                .collect(),
            suspects: {
                let mut m: std::collections::HashMap<_, Vec<usize>> = Default::default();
                for (k, s) in site.history.suspects.iter().enumerate() {
                    m.entry(s.risk).or_default().push(k);
                }
                m
            },
        }
    }
}

impl Env<'_> {
    /// The suspect references of one risk.
    pub fn suspects_of(
        &self,
        rr: crate::model::RiskRef,
    ) -> impl Iterator<Item = &crate::model::history::Suspect> {
        self.suspects
            .get(&rr)
            .into_iter()
            .flatten()
            .map(|k| &self.site.history.suspects[*k])
    }

    /// What this environment owns (its rows and their template values),
    /// to be freed elsewhere: on a 10,000-risk site that takes tens of
    /// milliseconds, which `serve` keeps off the way of the next version.
    pub fn into_owned(self) -> impl Send + use<> {
        (
            self.rows,
            self.refs,
            self.row_values,
            self.related_rows,
            self.deltas,
            self.suspects,
        )
    }

    /// Renders `template` with the shared context plus `extra`.
    pub fn page(
        &self,
        template: &str,
        out_path: &str,
        title: &str,
        extra: tera::Context,
    ) -> Result<String, Diagnostic> {
        self.page_of(template, out_path, title, extra, None)
    }

    /// "Last updated" from git: the newest commit that changed `source`
    /// (root-relative), or the newest commit of the site.
    fn updated(&self, source: Option<&Path>) -> Option<views::Updated> {
        let h = &self.site.history;
        let ci = match source {
            Some(p) => *h.last_updated.get(p)?,
            // The newest real commit (the work-tree stand-in comes last).
            None => (0..h.commits.len()).find(|i| Some(*i) != h.work_tree)?,
        };
        h.commits.get(ci).map(|c| views::Updated {
            date: c.date.to_string(),
            short: c.short.clone(),
            subject: c.subject.clone(),
            author: c.author.clone(),
        })
    }

    /// The "Edit source" link of a page made from `source` (root-relative).
    fn edit_url(&self, source: Option<&Path>) -> Option<String> {
        let template = self.site.info.edit_url.as_ref()?;
        let path = source?
            .to_string_lossy()
            .replace('\\', "/")
            .replace(' ', "%20");
        Some(template.replace("{path}", &path))
    }

    /// Like `page`, for a page made from the source file `source`.
    pub fn page_of(
        &self,
        template: &str,
        out_path: &str,
        title: &str,
        extra: tera::Context,
        source: Option<&Path>,
    ) -> Result<String, Diagnostic> {
        let ctx = self.page_context(out_path, title, extra, source);
        self.render_template(template, out_path, &ctx)
    }

    /// The whole context of the page at `out_path` made from `source`:
    /// the shared values, its title, then `extra`.
    pub fn page_context(
        &self,
        out_path: &str,
        title: &str,
        extra: tera::Context,
        source: Option<&Path>,
    ) -> tera::Context {
        let mut ctx = self.shared_context(out_path, source);
        ctx.insert("title", title);
        ctx.extend(extra);
        ctx
    }

    /// A part of the page at `out_path` (one risk of a register's printed
    /// document), rendered with the same shared context as a whole page.
    pub fn fragment(
        &self,
        template: &str,
        out_path: &str,
        extra: tera::Context,
    ) -> Result<String, Diagnostic> {
        let mut ctx = self.shared_context(out_path, None);
        ctx.extend(extra);
        self.render_template(template, out_path, &ctx)
    }

    /// What every template may use: site title, the way to the root, dates.
    fn shared_context(&self, out_path: &str, source: Option<&Path>) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("updated", &self.updated(source));
        // The commit the whole site was built from, for the printed footer.
        ctx.insert("site_commit", &self.updated(None));
        ctx.insert("edit_url", &self.edit_url(source));
        ctx.insert("site_title", &self.site.info.title);
        // The site's words for the axes; a register's pages use its own.
        ctx.insert("labels", &self.site.framework.labels);
        ctx.insert("root", &urls::to_root(out_path));
        ctx.insert("path", out_path);
        ctx.insert("today", &self.site.today.to_string());
        ctx.insert("generator", concat!("riskbook ", env!("CARGO_PKG_VERSION")));
        ctx.insert(
            "canonical",
            &self
                .site
                .info
                .base_url
                .as_ref()
                .map(|b| format!("{}/{}", b.trim_end_matches('/'), out_path)),
        );
        ctx
    }

    pub fn render_template(
        &self,
        template: &str,
        out_path: &str,
        ctx: &tera::Context,
    ) -> Result<String, Diagnostic> {
        self.templates
            .tera
            .render(template, ctx)
            .map_err(|e| template_error(template, out_path, &e))
    }
}

/// The diagnostic of `template` failing on the page at `out_path`, with
/// every cause Tera gives.
fn template_error(template: &str, out_path: &str, e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(&format!(": {s}"));
        src = s.source();
    }
    Diagnostic::new(
        Code::Template,
        Location::new(Path::new("templates").join(template), None),
        format!("rendering {out_path} failed: {msg}"),
    )
}

/// Renders the whole site. Diagnostics (broken links, template errors) go to `diags`.
pub fn render(site: &Site, sources: &SourceMap, root: &Path, diags: &mut Diagnostics) -> Rendered {
    render_compared(site, sources, root, diags, None)
}

/// Renders the site in memory; with `base`, also `changes.html` against it
/// and a mark on every changed risk's page (`build --compare`).
pub fn render_compared(
    site: &Site,
    sources: &SourceMap,
    root: &Path,
    diags: &mut Diagnostics,
    base: Option<&crate::compare::Side>,
) -> Rendered {
    let collect = Collect::default();
    if !render_into(site, sources, root, diags, base, &collect) {
        return Rendered::default();
    }
    let mut files = collect.into_files();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Rendered {
        files,
        copies: site.files.clone(),
    }
}

/// Renders every generated file into `sink`; false when the templates
/// could not be loaded (nothing was rendered).
pub fn render_into(
    site: &Site,
    sources: &SourceMap,
    root: &Path,
    diags: &mut Diagnostics,
    base: Option<&crate::compare::Side>,
    sink: &dyn Sink,
) -> bool {
    let templates = match templates::load(root) {
        Ok(t) => t,
        Err(errs) => {
            diags.extend(errs);
            return false;
        }
    };
    let env = Env::new(site, sources, &templates, base);
    // Every page needs rows: make them all first, in parallel.
    env.fill_rows();
    pages::all(&env, diags, sink);
    if let Some(b) = base {
        // Diagnostics of this build are complete only now: pages are rendered.
        let head: Vec<_> = diags.iter().cloned().collect();
        let comparison = crate::compare::compare(&b.label, &b.checked, "this build", site, &head);
        let out = pages::Out::new(sink);
        pages::changes(&env, &comparison, &out, diags);
        out.finish();
    }
    crate::memory::free_elsewhere(env.into_owned());
    true
}
