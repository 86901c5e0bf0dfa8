//! Turns a YAML path into a diagnostic location in one file, and reads
//! values back from the source where serde lost their spelling.

use crate::diagnostics::{Code, Diagnostic, Location, SourceFile};
use crate::load::spans::{SpanIndex, YamlPath};
use crate::model::Extra;
use crate::source::text::{RawExtra, Scalar, ScalarKind, Text};
use std::path::Path;

#[derive(Clone, Copy)]
pub struct Locator<'a> {
    pub file: &'a Path,
    pub spans: &'a SpanIndex,
    /// The file's text, to read scalars as written; `None` for old versions.
    pub source: Option<&'a SourceFile>,
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

    /// The text of a scalar as the user wrote it. A number or boolean read
    /// through an either-form is taken back from the source (`0.50`, not
    /// `0.5`); a string is already as written.
    pub fn written(&self, s: &Scalar, path: &YamlPath) -> String {
        if s.kind == ScalarKind::Str {
            return s.text.clone();
        }
        let source = self
            .source
            .zip(self.spans.exact(path))
            .and_then(|(f, span)| f.text.get(span.start..span.end))
            .map(str::trim)
            .filter(|t| !t.is_empty() && !t.contains('\n'));
        match (s.kind, source) {
            (ScalarKind::Null, Some(t)) if matches!(t, "~" | "null" | "Null" | "NULL") => t.into(),
            (ScalarKind::Null, _) => String::new(),
            (_, Some(t)) => t.to_string(),
            (_, None) => s.text.clone(),
        }
    }

    /// `extra:` with every scalar as written.
    pub fn extra(&self, raw: &RawExtra, path: &YamlPath) -> Extra {
        match raw {
            RawExtra::Scalar(s) => Extra::Scalar {
                text: self.written(s, path),
                kind: s.kind,
            },
            RawExtra::List(items) => Extra::List(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.extra(v, &path.index(i)))
                    .collect(),
            ),
            RawExtra::Map(entries) => Extra::Map(
                entries
                    .iter()
                    .map(|(k, v)| (k.0.clone(), self.extra(v, &path.key(&k.0))))
                    .collect(),
            ),
        }
    }

    /// A required text, as written: an error at its place when empty or blank.
    pub fn required(
        &self,
        t: &Text,
        path: &YamlPath,
        what: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        if t.is_blank() {
            diags.push(
                Diagnostic::new(Code::EmptyValue, self.at(path), format!("{what} is empty"))
                    .with_label("write a value here")
                    .with_help(format!(
                        "`{}` is required and cannot be blank",
                        path_key(path)
                    )),
            );
        }
        t.0.clone()
    }
}

fn path_key(path: &YamlPath) -> &str {
    let p = path.as_str();
    p.rsplit(['.', ']'])
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(p)
}
