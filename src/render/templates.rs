//! Templates, CSS and JS: built into the binary, each replaceable by a
//! file of the same name in the site's `templates/` folder.

use crate::diagnostics::{Code, Diagnostic, Location};
use std::path::Path;
use tera::Tera;

/// Every built-in file, by name. `riskbook init` can write them out.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("builtin/base.html")),
    ("components.html", include_str!("builtin/components.html")),
    ("index.html", include_str!("builtin/index.html")),
    ("register.html", include_str!("builtin/register.html")),
    (
        "register_head.html",
        include_str!("builtin/register_head.html"),
    ),
    (
        "register_body.html",
        include_str!("builtin/register_body.html"),
    ),
    ("print.html", include_str!("builtin/print.html")),
    ("risk.html", include_str!("builtin/risk.html")),
    ("risks.html", include_str!("builtin/risks.html")),
    ("page.html", include_str!("builtin/page.html")),
    ("taxonomy.html", include_str!("builtin/taxonomy.html")),
    ("404.html", include_str!("builtin/404.html")),
    ("history.html", include_str!("builtin/history.html")),
    ("review.html", include_str!("builtin/review.html")),
    ("changes.html", include_str!("builtin/changes.html")),
    ("style.css", include_str!("builtin/style.css")),
    ("app.js", include_str!("builtin/app.js")),
];

#[derive(Clone)]
pub struct Templates {
    pub tera: Tera,
    pub css: String,
    pub js: String,
    /// The names of the built-ins the site's `templates/` replaces.
    pub replaced: Vec<String>,
    /// Whether the site's `templates/` has a `risk_body.html`, which then
    /// renders each risk's body instead of riskbook.
    pub own_risk_body: bool,
}

impl Templates {
    /// Whether `name` is the built-in template, not the site's own.
    pub fn is_builtin(&self, name: &str) -> bool {
        !self.replaced.iter().any(|n| n == name)
    }

    /// Whether every one of `names` is the built-in template.
    pub fn are_builtin(&self, names: &[&str]) -> bool {
        names.iter().all(|n| self.is_builtin(n))
    }
}

/// The built-ins alone, compiled once per process (most sites have no
/// `templates/`; `serve` and the fuzzers render many times).
static BUILTIN_ONLY: std::sync::LazyLock<Result<Templates, Vec<Diagnostic>>> =
    std::sync::LazyLock::new(|| compile(None));

/// Loads the built-ins, then the user's `templates/*` over them.
pub fn load(root: &Path) -> Result<Templates, Vec<Diagnostic>> {
    let user_dir = root.join("templates");
    if user_dir.is_dir() {
        compile(Some(&user_dir))
    } else {
        BUILTIN_ONLY.clone()
    }
}

/// The built-ins with the files of `user_dir` over them.
fn compile(user_dir: Option<&Path>) -> Result<Templates, Vec<Diagnostic>> {
    let mut files: Vec<(String, String, Option<std::path::PathBuf>)> = BUILTIN
        .iter()
        .map(|(n, c)| (n.to_string(), c.to_string(), None))
        .collect();
    let mut diags = Vec::new();
    if let Some(user_dir) = user_dir {
        let mut entries: Vec<_> = std::fs::read_dir(user_dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for path in entries.into_iter().filter(|p| p.is_file()) {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let rel = Path::new("templates").join(&name);
            match std::fs::read_to_string(&path) {
                Ok(text) => match files.iter_mut().find(|(n, ..)| *n == name) {
                    Some(slot) => *slot = (name, text, Some(rel)),
                    None => files.push((name, text, Some(rel))),
                },
                Err(e) => diags.push(Diagnostic::new(
                    Code::Io,
                    Location::new(rel, None),
                    format!("cannot read template: {e}"),
                )),
            }
        }
    }
    let take = |files: &[(String, String, Option<std::path::PathBuf>)], name: &str| {
        files
            .iter()
            .find(|(n, ..)| n == name)
            .map(|(_, c, _)| c.clone())
            .unwrap_or_default()
    };
    let css = take(&files, "style.css");
    let js = take(&files, "app.js");
    let mut tera = Tera::new();
    tera.set_escape_fn(super::escape::escape_html);
    super::components::register(&mut tera);
    let html: Vec<(String, String)> = files
        .iter()
        .filter(|(n, ..)| n.ends_with(".html"))
        .map(|(n, c, _)| (n.clone(), c.clone()))
        .collect();
    if let Err(e) = tera.add_raw_templates(html.iter().map(|(n, c)| (n.as_str(), c.as_str()))) {
        // Tera names the template at fault as `--> name:line:col`.
        let text = e.to_string();
        let named = text
            .split("--> ")
            .nth(1)
            .and_then(|rest| rest.split(':').next())
            .map(str::trim);
        let culprit = files
            .iter()
            .find(|(n, ..)| Some(n.as_str()) == named)
            .map(|(n, _, p)| {
                p.clone()
                    .unwrap_or_else(|| format!("built-in template {n}").into())
            })
            .unwrap_or_else(|| "templates".into());
        diags.push(Diagnostic::new(
            Code::Template,
            Location::new(culprit, None),
            format!("template error: {e}"),
        ));
    }
    let replaced = files
        .iter()
        .filter(|(n, _, p)| p.is_some() && BUILTIN.iter().any(|(b, _)| b == n))
        .map(|(n, ..)| n.clone())
        .collect();
    let own_risk_body = files
        .iter()
        .any(|(n, _, p)| n == "risk_body.html" && p.is_some());
    if diags.is_empty() {
        Ok(Templates {
            tera,
            css,
            js,
            replaced,
            own_risk_body,
        })
    } else {
        Err(diags)
    }
}
