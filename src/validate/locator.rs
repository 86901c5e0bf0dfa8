//! Turns a YAML path into a diagnostic location in one file.

use crate::diagnostics::Location;
use crate::load::spans::{SpanIndex, YamlPath};
use std::path::Path;

#[derive(Clone, Copy)]
pub struct Locator<'a> {
    pub file: &'a Path,
    pub spans: &'a SpanIndex,
}

impl Locator<'_> {
    /// Where the value at `path` is written.
    pub fn at(&self, path: &YamlPath) -> Location {
        Location::new(self.file, self.spans.value(path))
    }

    /// Where the key naming `path` is written.
    pub fn key(&self, path: &YamlPath) -> Location {
        Location::new(self.file, self.spans.key(path))
    }
}
