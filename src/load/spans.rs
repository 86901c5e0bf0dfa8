//! Where every key and value of a YAML document is written.
//!
//! serde_yaml gives typed values but no positions for them, so the document
//! is also read once as events (yaml-rust2), recording the line and column of
//! each node in a tree that a path (`risks[3].probability`) walks down.
//! Diagnostics about a value, found by serde or later by validation, look
//! their place up here.

use crate::diagnostics::{SourceFile, Span};
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

/// One node of the document: where its key (inside a mapping) and its
/// value are written, and its children.
#[derive(Debug)]
struct Node {
    key: Option<Span>,
    value: Span,
    children: Children,
}

#[derive(Debug, Default)]
enum Children {
    #[default]
    Scalar,
    /// Keys in document order (a repeated key is kept twice: the first one
    /// wins a lookup), and for a large mapping their positions sorted by
    /// key, so a lookup is a binary search rather than a scan.
    Map {
        keys: Vec<(String, u32)>,
        sorted: Vec<u32>,
    },
    Seq(Vec<u32>),
}

/// Mappings with more keys than this are searched through `sorted`.
const SCAN: usize = 8;

impl Children {
    /// The children whose key is exactly `key`, in document order.
    fn named<'a>(&'a self, key: &'a str) -> impl Iterator<Item = u32> + 'a {
        let (keys, sorted) = match self {
            Children::Map { keys, sorted } => (keys.as_slice(), sorted.as_slice()),
            _ => (&[][..], &[][..]),
        };
        let from_sorted = (!sorted.is_empty()).then(|| {
            let first = sorted.partition_point(|&i| keys[i as usize].0.as_str() < key);
            sorted[first..]
                .iter()
                .map(|&i| &keys[i as usize])
                .take_while(move |(k, _)| k == key)
                .map(|(_, id)| *id)
        });
        let scanned = sorted.is_empty().then(|| {
            keys.iter()
                .filter(move |(k, _)| k == key)
                .map(|(_, id)| *id)
        });
        from_sorted
            .into_iter()
            .flatten()
            .chain(scanned.into_iter().flatten())
    }
}

/// Positions of every node of one document, as a tree walked by path. No
/// node stores its whole path: building the index allocates once per
/// collection, not once per node.
#[derive(Debug, Default)]
pub struct SpanIndex {
    /// `nodes[0]` is the document's root, when it has one.
    nodes: Vec<Node>,
}

/// What a lookup found: the node at the path, else the deepest node on
/// the way to it. Where two nodes fit (a key `v1.2` and a key `2` under
/// `v1`), the first in the document wins, as it does for a repeated key.
#[derive(Default)]
struct Found {
    exact: Option<u32>,
    /// Length of the path matched, and the node.
    nearest: (usize, u32),
}

impl SpanIndex {
    /// Walks `path` (`risks[3].probability`) from the root. A key may
    /// itself hold `.` or `[`, so every way of cutting the rest of the path
    /// at one is tried.
    fn find(&self, path: &YamlPath) -> Option<Found> {
        if self.nodes.is_empty() {
            return None;
        }
        let mut found = Found::default();
        let path = path.as_str();
        self.walk(0, path, path.len(), true, &mut found);
        Some(found)
    }

    fn walk(&self, node: u32, rest: &str, total: usize, top: bool, found: &mut Found) {
        let depth = total - rest.len();
        let (d, n) = found.nearest;
        if depth > d || (depth == d && node < n) {
            found.nearest = (depth, node);
        }
        if rest.is_empty() {
            found.exact = Some(found.exact.map_or(node, |e| e.min(node)));
            return;
        }
        match &self.nodes[node as usize].children {
            Children::Scalar => {}
            Children::Seq(items) => {
                let Some(r) = rest.strip_prefix('[') else {
                    return;
                };
                let Some(close) = r.find(']') else {
                    return;
                };
                if let Some(&item) = r[..close].parse::<usize>().ok().and_then(|i| items.get(i)) {
                    self.walk(item, &r[close + 1..], total, false, found);
                }
            }
            children @ Children::Map { .. } => {
                let r = if top {
                    Some(rest)
                } else {
                    rest.strip_prefix('.')
                };
                let Some(r) = r else {
                    return;
                };
                // Each place the key may end: before a `.` or `[`, or at the end.
                let ends = r
                    .match_indices(['.', '['])
                    .map(|(i, _)| i)
                    .chain(std::iter::once(r.len()));
                for end in ends {
                    for child in children.named(&r[..end]) {
                        self.walk(child, &r[end..], total, false, found);
                    }
                }
            }
        }
    }

    /// The span of the value at `path`, or of its nearest enclosing node.
    pub fn value(&self, path: &YamlPath) -> Option<Span> {
        self.find(path)
            .map(|f| self.nodes[f.exact.unwrap_or(f.nearest.1) as usize].value)
    }

    /// The span of the key naming `path` (falls back to the value).
    pub fn key(&self, path: &YamlPath) -> Option<Span> {
        let f = self.find(path)?;
        Some(match f.exact {
            Some(e) => {
                let node = &self.nodes[e as usize];
                node.key.unwrap_or(node.value)
            }
            None => self.nodes[f.nearest.1 as usize].value,
        })
    }

    pub fn exact(&self, path: &YamlPath) -> Option<Span> {
        let exact = self.find(path)?.exact?;
        Some(self.nodes[exact as usize].value)
    }

    /// True when the document holds no node at all (empty or comments only).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

enum Frame {
    Map {
        node: u32,
        pending_key: Option<(String, Span)>,
    },
    Seq {
        node: u32,
    },
}

/// Where a node goes: under which parent, and as which child.
enum Place {
    Root,
    Item(u32),
    Key(u32, String, Span),
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

    /// Where the next node goes. `None` when the node is itself a mapping key.
    fn place(&mut self) -> Option<Place> {
        match self.stack.last_mut() {
            None => Some(Place::Root),
            Some(Frame::Seq { node }) => Some(Place::Item(*node)),
            Some(Frame::Map {
                node, pending_key, ..
            }) => pending_key
                .take()
                .map(|(k, span)| Place::Key(*node, k, span)),
        }
    }

    /// Adds a node at `place`; returns its id.
    fn record(&mut self, place: Place, value: Span, children: Children) -> u32 {
        let id = u32::try_from(self.index.nodes.len()).expect("fewer than 2^32 YAML nodes");
        let key = match place {
            Place::Root => None,
            Place::Item(parent) => {
                if let Children::Seq(items) = &mut self.index.nodes[parent as usize].children {
                    items.push(id);
                }
                None
            }
            Place::Key(parent, k, span) => {
                if let Children::Map { keys, .. } = &mut self.index.nodes[parent as usize].children
                {
                    keys.push((k, id));
                }
                Some(span)
            }
        };
        self.index.nodes.push(Node {
            key,
            value,
            children,
        });
        id
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
                    Some(place) => {
                        self.record(place, span, Children::Scalar);
                    }
                    None => {
                        if let Some(Frame::Map { node, pending_key }) = self.stack.last_mut() {
                            let map = &mut self.index.nodes[*node as usize];
                            if let Children::Map { keys, .. } = &map.children
                                && keys.is_empty()
                            {
                                // A block mapping's start mark is not at its
                                // first key; the first key is where it starts.
                                map.value = span;
                            }
                            *pending_key = Some((value, span));
                        }
                    }
                }
            }
            Event::Alias(_) => {
                let span = self.file.span_at(mark.line(), mark.col() + 1, 1);
                if let Some(place) = self.place() {
                    self.record(place, span, Children::Scalar);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                // The rest of the line: a flow collection is underlined whole;
                // a block mapping's span is moved to its first key below.
                let span = self.span_of_scalar(mark, "", false);
                let Some(place) = self.place() else {
                    self.skipping = 1; // a complex key: not addressable by path
                    return;
                };
                let frame = if matches!(ev, Event::MappingStart(..)) {
                    let node = self.record(
                        place,
                        span,
                        Children::Map {
                            keys: Vec::new(),
                            sorted: Vec::new(),
                        },
                    );
                    Frame::Map {
                        node,
                        pending_key: None,
                    }
                } else {
                    let node = self.record(place, span, Children::Seq(Vec::new()));
                    Frame::Seq { node }
                };
                self.stack.push(frame);
            }
            Event::MappingEnd => {
                if let Some(Frame::Map { node, .. }) = self.stack.pop()
                    && let Children::Map { keys, sorted } =
                        &mut self.index.nodes[node as usize].children
                    && keys.len() > SCAN
                {
                    // Stable: among equal keys, document order stays.
                    *sorted = (0..keys.len() as u32).collect();
                    sorted.sort_by(|&a, &b| keys[a as usize].0.cmp(&keys[b as usize].0));
                }
            }
            Event::SequenceEnd => {
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

    /// Every node's path as validation writes it, each path once (the
    /// first node that has it, as a lookup answers), with its spans.
    fn every_path(i: &SpanIndex) -> Vec<(YamlPath, Option<Span>, Span)> {
        fn visit(
            i: &SpanIndex,
            id: u32,
            path: YamlPath,
            seen: &mut std::collections::HashSet<String>,
            out: &mut Vec<(YamlPath, Option<Span>, Span)>,
        ) {
            let node = &i.nodes[id as usize];
            if seen.insert(path.as_str().to_string()) {
                out.push((path.clone(), node.key, node.value));
            }
            match &node.children {
                Children::Scalar => {}
                Children::Seq(items) => {
                    for (n, &c) in items.iter().enumerate() {
                        visit(i, c, path.index(n), seen, out);
                    }
                }
                Children::Map { keys, .. } => {
                    for (k, c) in keys {
                        visit(i, *c, path.key(k), seen, out);
                    }
                }
            }
        }
        let mut out = Vec::new();
        if !i.is_empty() {
            visit(i, 0, YamlPath::root(), &mut Default::default(), &mut out);
        }
        out
    }

    /// Keys that hold the path's own separators, repeated keys, a mapping
    /// large enough to be searched by binary search, nested sequences.
    const AWKWARD: &str = "\
title: T
v1.2: dotted
v1: {2: nested, x: y}
'a[0]': bracketed
a: [x, [y, z]]
dup: first
dup: {inner: second}
big:
  k09: 9
  k03: 3
  k01: 1
  k07: 7
  k02: 2
  k05: 5
  k.06: 6
  k04: 4
  k08: 8
  k01: again
  k10: {deep: [1, {k: v}]}
";

    #[test]
    fn every_node_is_found_by_its_own_path() {
        let (_, i) = idx(AWKWARD);
        let paths = every_path(&i);
        assert_eq!(
            paths.len(),
            27,
            "four nodes share a path with an earlier node"
        );
        for (path, key, value) in &paths {
            assert_eq!(i.exact(path), Some(*value), "{}", path.as_str());
            assert_eq!(i.value(path), Some(*value), "{}", path.as_str());
            assert_eq!(
                i.key(path),
                Some(key.unwrap_or(*value)),
                "{}",
                path.as_str()
            );
            // Below a node that has no such child: the node itself.
            for missing in [path.key("zzz"), path.index(99)] {
                assert_eq!(i.exact(&missing), None, "{}", missing.as_str());
                assert_eq!(i.value(&missing), Some(*value), "{}", missing.as_str());
            }
        }
    }

    #[test]
    fn keys_with_dots_and_repeats_resolve_as_written() {
        let (f, i) = idx(AWKWARD);
        let text = |p: &YamlPath| {
            let s = i.exact(p).unwrap();
            &f.text[s.start..s.end]
        };
        let root = YamlPath::root();
        // `v1.2` and `2` under `v1` write the same path: the first wins.
        assert_eq!(text(&root.key("v1.2")), "dotted");
        assert_eq!(text(&root.key("v1").key("2")), "dotted");
        assert_eq!(text(&root.key("v1").key("x")), "y");
        assert_eq!(text(&root.key("a[0]")), "bracketed");
        assert_eq!(text(&root.key("a").index(1).index(0)), "y");
        assert_eq!(
            text(&root.key("dup")),
            "first",
            "the first of a repeated key"
        );
        assert_eq!(text(&root.key("dup").key("inner")), "second");
        let big = root.key("big");
        assert_eq!(
            text(&big.key("k01")),
            "1",
            "the first, in a large mapping too"
        );
        assert_eq!(text(&big.key("k.06")), "6");
        assert_eq!(text(&big.key("k08")), "8");
        assert_eq!(text(&big.key("k10").key("deep").index(1).key("k")), "v");
        assert_eq!(i.exact(&big.key("k11")), None);
    }
}
