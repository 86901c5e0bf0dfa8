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
        self.heading(id).is_some()
    }

    /// The heading whose id is `id`.
    pub fn heading(&self, id: &str) -> Option<&Heading> {
        self.headings.iter().find(|h| h.id == id)
    }

    /// The text of the heading whose id is `id`; the id itself when no
    /// heading has it.
    pub fn heading_text<'a>(&'a self, id: &'a str) -> &'a str {
        self.heading(id).map_or(id, |h| h.text.as_str())
    }

    /// Output path: `docs/playbook.md` -> `docs/playbook.html`.
    pub fn output_path(&self) -> String {
        let p = self.path.with_extension("html");
        p.to_string_lossy().replace('\\', "/")
    }
}
