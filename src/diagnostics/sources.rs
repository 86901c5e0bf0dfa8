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
    /// Shared: `serve`'s cache hands the same file to every rebuild.
    line_starts: Arc<[usize]>,
    /// Whether each line is ASCII, where a column is a byte offset.
    ascii_lines: Arc<[bool]>,
    /// The length in bytes of the longest line.
    pub longest_line: usize,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let line_starts: Arc<[usize]> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let ends = line_starts.iter().skip(1).copied().chain([text.len()]);
        let lines = || line_starts.iter().copied().zip(ends.clone());
        let ascii_lines = lines().map(|(a, b)| text[a..b].is_ascii()).collect();
        let longest_line = lines().map(|(a, b)| b - a).max().unwrap_or(0);
        SourceFile {
            path: path.into(),
            text,
            line_starts,
            ascii_lines,
            longest_line,
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
        let Some((start, line_end)) = self.offset_in_line(line, column) else {
            // Past the end of its line or of the file: where it lands.
            let start = self.offset(line, column);
            return self.span(start..(start + len).min(self.line_end(start)).max(start));
        };
        Span {
            start,
            end: (start + len).min(line_end),
            line,
            column,
        }
    }

    /// The byte offset of a 1-based line and character column when that
    /// column is on that line (at most at its end), and where that line
    /// ends. The YAML span index asks for every node's place: on an ASCII
    /// line that takes constant time, not time in the length of the line
    /// (a generated register can be one line of 400 KB).
    fn offset_in_line(&self, line: usize, column: usize) -> Option<(usize, usize)> {
        let index = line.checked_sub(1)?;
        let line_start = *self.line_starts.get(index)?;
        let line_end = match self.line_starts.get(index + 1) {
            Some(next) => next - 1,
            None => self.text.len(),
        };
        let rest = &self.text[line_start..line_end];
        let skip = column.checked_sub(1)?;
        let offset = match self.ascii_lines[index] {
            true => (skip <= rest.len()).then_some(skip),
            false => rest
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(rest.len()))
                .nth(skip),
        };
        offset.map(|i| (line_start + i, line_end))
    }

    /// The byte offset where each line starts (the first is 0).
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// The byte offset of the end of the line holding `offset`.
    fn line_end(&self, offset: usize) -> usize {
        self.text[offset..]
            .find('\n')
            .map(|i| offset + i)
            .unwrap_or(self.text.len())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `span_at` as it was before its fast path: walk to the column, then
    /// find the span's line and column from its offset.
    fn span_at_by_offset(f: &SourceFile, line: usize, column: usize, len: usize) -> Span {
        let start = f.offset(line, column);
        f.span(start..(start + len).min(f.line_end(start)).max(start))
    }

    #[test]
    fn span_at_agrees_with_the_offset_walk_everywhere() {
        let texts = [
            "",
            "a",
            "key: value\n",
            "title: Ünïcödé → ok\n  - id: R-1\n\n    x: \"é\"",
            "a\r\nbb\r\n\r\nccc",
            "😀😀: 1\nsecond line\n",
        ];
        for text in texts {
            let f = SourceFile::new("t.yaml", text);
            let lines = text.lines().count() + 2;
            for line in 0..=lines {
                for column in 0..=25 {
                    for len in [0, 1, 3, 40] {
                        assert_eq!(
                            f.span_at(line, column, len),
                            span_at_by_offset(&f, line, column, len),
                            "{text:?} line {line} column {column} len {len}"
                        );
                    }
                }
            }
        }
    }
}
