//! Markdown pages (playbooks, runbooks, free pages).

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    /// The id GitHub would give it, unique on the page, or its `{#custom-id}`.
    pub id: String,
    /// The rendered text of the heading.
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to `content/`, e.g. `docs/playbook.md`.
    pub path: PathBuf,
    /// Path relative to the site root, for diagnostics.
    pub file: PathBuf,
    pub title: String,
    pub description: Option<String>,
    /// The Markdown after the front matter.
    pub body: String,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
    /// Headings in document order.
    pub headings: Vec<Heading>,
}

impl Page {
    pub fn has_anchor(&self, id: &str) -> bool {
        self.headings.iter().any(|h| h.id == id)
    }

    /// Output path: `docs/playbook.md` -> `docs/playbook.html`.
    pub fn output_path(&self) -> String {
        let p = self.path.with_extension("html");
        p.to_string_lossy().replace('\\', "/")
    }
}
