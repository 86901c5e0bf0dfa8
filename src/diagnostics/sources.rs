//! The text of every source file read in a run, so diagnostics can show the
//! offending line, and helpers to turn byte offsets into line and column.

use super::Span;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: Arc<str>,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// The span of the byte range `range`, with its 1-based line and column
    /// (the column counts characters, as editors do).
    pub fn span(&self, range: Range<usize>) -> Span {
        let start = range.start.min(self.text.len());
        let end = range.end.clamp(start, self.text.len());
        let line_idx = match self.line_starts.binary_search(&start) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_idx];
        let column = self.text[line_start..start].chars().count() + 1;
        Span {
            start,
            end,
            line: line_idx + 1,
            column,
        }
    }

    /// The byte offset of a 1-based line and character column.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&line_start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[line_start..];
        rest.char_indices()
            .nth(column.saturating_sub(1))
            .map(|(i, _)| line_start + i)
            .unwrap_or(self.text.len())
    }

    /// A span covering `len` bytes from a 1-based line and column, cut at the end of the line.
    pub fn span_at(&self, line: usize, column: usize, len: usize) -> Span {
        let start = self.offset(line, column);
        let line_end = self.text[start..]
            .find('\n')
            .map(|i| start + i)
            .unwrap_or(self.text.len());
        self.span(start..(start + len).min(line_end).max(start))
    }
}

/// All source files of a run, by path relative to the site root. Hashed:
/// every risk's references look their file up, and ordering paths
/// component by component cost more than the rest of resolving them.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: HashMap<PathBuf, SourceFile>,
}

impl SourceMap {
    pub fn insert(&mut self, file: SourceFile) {
        self.files.insert(file.path.clone(), file);
    }

    pub fn get(&self, path: &Path) -> Option<&SourceFile> {
        self.files.get(path)
    }
}
