//! Where every key and value of a YAML document is written.
//!
//! serde_yaml gives typed values but no positions for them, so the document
//! is also read once as events (yaml-rust2), recording the line and column of
//! each node under its path (`risks[3].probability`). Diagnostics about a
//! value, found by serde or later by validation, look their place up here.

use crate::diagnostics::{SourceFile, Span};
use std::collections::HashMap;
use std::fmt::Write;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A path into a YAML document, rendered like `risks[3].probability`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct YamlPath(String);

impl YamlPath {
    pub fn root() -> Self {
        YamlPath(String::new())
    }

    pub fn key(&self, key: &str) -> Self {
        let mut s = self.0.clone();
        if !s.is_empty() {
            s.push('.');
        }
        s.push_str(key);
        YamlPath(s)
    }

    pub fn index(&self, i: usize) -> Self {
        let mut s = self.0.clone();
        let _ = write!(s, "[{i}]");
        YamlPath(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Parses the `Display` form of a `serde_path_to_error::Path`.
    pub fn from_serde(path: &serde_path_to_error::Path) -> Self {
        let mut p = YamlPath::root();
        for seg in path.iter() {
            p = match seg {
                serde_path_to_error::Segment::Seq { index } => p.index(*index),
                serde_path_to_error::Segment::Map { key } => p.key(key),
                serde_path_to_error::Segment::Enum { .. } => p,
                serde_path_to_error::Segment::Unknown => break,
            };
        }
        p
    }
}

#[derive(Debug, Clone, Copy)]
struct NodeSpans {
    key: Option<Span>,
    value: Span,
}

/// Looked up by `&str`: a path and its text hash alike.
impl std::borrow::Borrow<str> for YamlPath {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// Positions of every node of one document.
#[derive(Debug, Default)]
pub struct SpanIndex {
    nodes: HashMap<YamlPath, NodeSpans>,
}

impl SpanIndex {
    /// The span of the value at `path`, or of its nearest enclosing node.
    pub fn value(&self, path: &YamlPath) -> Option<Span> {
        let mut p = path.as_str();
        loop {
            if let Some(n) = self.nodes.get(p) {
                return Some(n.value);
            }
            if p.is_empty() {
                return None;
            }
            p = &p[..p.rfind(['.', '[']).unwrap_or(0)];
        }
    }

    /// The span of the key naming `path` (falls back to the value).
    pub fn key(&self, path: &YamlPath) -> Option<Span> {
        match self.nodes.get(path) {
            Some(NodeSpans { key: Some(k), .. }) => Some(*k),
            _ => self.value(path),
        }
    }

    pub fn exact(&self, path: &YamlPath) -> Option<Span> {
        self.nodes.get(path).map(|n| n.value)
    }

    /// True when the document holds no node at all (empty or comments only).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

enum Frame {
    Map {
        path: YamlPath,
        pending_key: Option<(String, Span)>,
        keys: usize,
    },
    Seq {
        path: YamlPath,
        next: usize,
    },
}

struct Builder<'a> {
    file: &'a SourceFile,
    stack: Vec<Frame>,
    index: SpanIndex,
    /// Depth of complex (non-scalar) keys being skipped.
    skipping: usize,
}

impl Builder<'_> {
    fn span_of_scalar(&self, mark: Marker, value: &str, quoted: bool) -> Span {
        let len = if value.contains('\n') || value.is_empty() {
            0
        } else {
            value.len() + if quoted { 2 } else { 0 }
        };
        let mut span = self.file.span_at(mark.line(), mark.col() + 1, len.max(1));
        if len == 0 {
            // Block scalars and empty values: underline the rest of the line.
            let line_end = self.file.text[span.start..]
                .find('\n')
                .map(|i| span.start + i)
                .unwrap_or(self.file.text.len());
            let trimmed = self.file.text[span.start..line_end].trim_end().len();
            // Same start, so the same line and column.
            span.end = (span.start + trimmed.max(1)).min(self.file.text.len());
        }
        span
    }

    /// Where the next node goes: its path and, inside a mapping, its key span.
    /// Returns `None` when the node is itself a mapping key.
    fn place(&mut self) -> Option<(YamlPath, Option<Span>)> {
        match self.stack.last_mut() {
            None => Some((YamlPath::root(), None)),
            Some(Frame::Seq { path, next }) => {
                let p = path.index(*next);
                *next += 1;
                Some((p, None))
            }
            Some(Frame::Map {
                path, pending_key, ..
            }) => pending_key
                .take()
                .map(|(k, span)| (path.key(&k), Some(span))),
        }
    }

    fn record(&mut self, path: YamlPath, key: Option<Span>, value: Span) {
        self.index
            .nodes
            .entry(path)
            .or_insert(NodeSpans { key, value });
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.skipping > 0 {
            match ev {
                Event::MappingStart(..) | Event::SequenceStart(..) => self.skipping += 1,
                Event::MappingEnd | Event::SequenceEnd => self.skipping -= 1,
                _ => {}
            }
            return;
        }
        match ev {
            Event::Scalar(value, style, ..) => {
                let quoted = matches!(
                    style,
                    yaml_rust2::scanner::TScalarStyle::SingleQuoted
                        | yaml_rust2::scanner::TScalarStyle::DoubleQuoted
                );
                let span = self.span_of_scalar(mark, &value, quoted);
                match self.place() {
                    Some((path, key)) => self.record(path, key, span),
                    None => {
                        if let Some(Frame::Map {
                            path,
                            pending_key,
                            keys,
                        }) = self.stack.last_mut()
                        {
                            if *keys == 0 {
                                // A block mapping's start mark is not at its
                                // first key; the first key is where it starts.
                                if let Some(n) = self.index.nodes.get_mut(path) {
                                    n.value = span;
                                }
                            }
                            *keys += 1;
                            *pending_key = Some((value, span));
                        }
                    }
                }
            }
            Event::Alias(_) => {
                let span = self.file.span_at(mark.line(), mark.col() + 1, 1);
                if let Some((path, key)) = self.place() {
                    self.record(path, key, span);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                // The rest of the line: a flow collection is underlined whole;
                // a block mapping's span is moved to its first key below.
                let span = self.span_of_scalar(mark, "", false);
                let Some((path, key)) = self.place() else {
                    self.skipping = 1; // a complex key: not addressable by path
                    return;
                };
                self.record(path.clone(), key, span);
                self.stack.push(if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map {
                        path,
                        pending_key: None,
                        keys: 0,
                    }
                } else {
                    Frame::Seq { path, next: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// A YAML syntax error with its place.
#[derive(Debug)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
}

/// Reads the positions of every node of `file`'s YAML.
pub fn index(file: &SourceFile) -> Result<SpanIndex, SyntaxError> {
    let mut builder = Builder {
        file,
        stack: Vec::new(),
        index: SpanIndex::default(),
        skipping: 0,
    };
    let mut parser = Parser::new_from_str(&file.text);
    match parser.load(&mut builder, false) {
        Ok(()) => Ok(builder.index),
        Err(e) => {
            let m = e.marker();
            Err(SyntaxError {
                message: e.info().to_string(),
                span: file.span_at(m.line(), m.col() + 1, 1),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idx(text: &str) -> (SourceFile, SpanIndex) {
        let f = SourceFile::new("t.yaml", text);
        let i = index(&f).unwrap();
        (f, i)
    }

    #[test]
    fn finds_values_and_keys_by_path() {
        let (_, i) = idx("title: T\nrisks:\n  - id: R-1\n    probability: mdium\n");
        let v = i
            .value(&YamlPath::root().key("risks").index(0).key("probability"))
            .unwrap();
        assert_eq!((v.line, v.column, v.end - v.start), (4, 18, 5));
        let k = i
            .key(&YamlPath::root().key("risks").index(0).key("probability"))
            .unwrap();
        assert_eq!((k.line, k.column), (4, 5));
    }

    #[test]
    fn falls_back_to_the_nearest_parent() {
        let (_, i) = idx("a:\n  b: 1\n");
        let v = i.value(&YamlPath::root().key("a").key("zzz")).unwrap();
        assert_eq!(
            (v.line, v.column),
            (2, 3),
            "the mapping under `a` starts at its first key"
        );
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let f = SourceFile::new("t.yaml", "a: [1, 2\nb: 3\n");
        let e = index(&f).unwrap_err();
        assert!(e.span.line >= 1);
    }

    #[test]
    fn paths_read_as_written_and_fall_back_through_indices() {
        let p = YamlPath::root().key("risks").index(2).key("id");
        assert_eq!(p.as_str(), "risks[2].id");
        let (_, i) = idx("risks:\n  - id: R-1\n");
        let risk = i.value(&YamlPath::root().key("risks").index(0)).unwrap();
        let missing_key = i.value(&YamlPath::root().key("risks").index(0).key("zzz"));
        assert_eq!(missing_key, Some(risk), "to the risk");
        let list = i.value(&YamlPath::root().key("risks")).unwrap();
        let missing_index = i.value(&YamlPath::root().key("risks").index(5).key("id"));
        assert_eq!(missing_index, Some(list), "to the list");
        assert_eq!(
            i.value(&YamlPath::root().key("nothing")),
            i.value(&YamlPath::root())
        );
    }
}
