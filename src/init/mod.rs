//! `riskbook init`: a new site with an example register, playbook and
//! config, and optionally the built-in templates to customise.

use crate::UsageError;
use crate::render::templates::BUILTIN;
use std::path::Path;

const FILES: &[(&str, &str)] = &[
    ("content/site.yaml", include_str!("site.yaml")),
    (
        "content/registers/example.yaml",
        include_str!("example.yaml"),
    ),
    ("content/docs/playbook.md", include_str!("playbook.md")),
    (".gitignore", "public/\n"),
];

/// Writes a new site into `dir`; refuses to touch an existing `content/`.
/// Returns the files written, relative to `dir`.
pub fn init(dir: &Path, templates: bool) -> Result<Vec<String>, UsageError> {
    if dir.join("content").exists() {
        return Err(UsageError(format!(
            "{} already has a content/ folder; choose an empty folder",
            dir.display()
        )));
    }
    let mut files: Vec<(String, &str)> = FILES.iter().map(|(p, t)| (p.to_string(), *t)).collect();
    if templates {
        if dir.join("templates").exists() {
            return Err(UsageError(format!(
                "{} already has a templates/ folder",
                dir.display()
            )));
        }
        files.extend(BUILTIN.iter().map(|(n, t)| (format!("templates/{n}"), *t)));
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(&rel);
        if rel == ".gitignore" && path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| UsageError(format!("cannot create {}: {e}", parent.display())))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| UsageError(format!("cannot write {}: {e}", path.display())))?;
        written.push(rel);
    }
    Ok(written)
}
