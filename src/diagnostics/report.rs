//! Writing diagnostics for people (compiler style, with the source line and a
//! caret), for tools (JSON Lines) and for GitHub Actions (annotations).

use super::window::Window;
use super::{Diagnostic, Severity, SourceMap};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files;
use codespan_reporting::term;
use std::ops::Range;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

pub struct Reporter<'a> {
    sources: &'a SourceMap,
    format: Format,
}

fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

impl<'a> Reporter<'a> {
    pub fn new(sources: &'a SourceMap, format: Format) -> Self {
        Reporter { sources, format }
    }

    /// Renders all diagnostics in the chosen format.
    pub fn render(&self, diagnostics: &[Diagnostic]) -> String {
        match self.format {
            Format::Human => self.human(diagnostics),
            Format::Json => diagnostics.iter().map(|d| json_line(d) + "\n").collect(),
            Format::Github => diagnostics.iter().map(|d| github_line(d) + "\n").collect(),
        }
    }

    /// What `build` prints: errors in full, then warnings and notes one line
    /// each (`file:line:col  code  message`), or one line per code with a
    /// count when there are more than fit on a screen.
    pub fn condensed(&self, diagnostics: &[Diagnostic]) -> String {
        const ONE_LINE_EACH: usize = 15;
        let (errors, rest): (Vec<&Diagnostic>, Vec<&Diagnostic>) = diagnostics
            .iter()
            .partition(|d| d.severity() == Severity::Error);
        let errors: Vec<Diagnostic> = errors.into_iter().cloned().collect();
        let mut out = self.human(&errors);
        if rest.is_empty() {
            return out;
        }
        let place = |d: &Diagnostic| match d.location.span {
            Some(s) => format!("{}:{}:{}", display_path(&d.location.file), s.line, s.column),
            None => display_path(&d.location.file),
        };
        let kind = |d: &Diagnostic| match d.severity() {
            Severity::Note => "note",
            _ => "warning",
        };
        if rest.len() <= ONE_LINE_EACH {
            for d in &rest {
                out.push_str(&format!(
                    "{}  {}  {}\n",
                    place(d),
                    d.code.as_str(),
                    d.message
                ));
            }
        } else {
            let mut by_code: Vec<(super::Code, Vec<&Diagnostic>)> = Vec::new();
            for d in &rest {
                match by_code.iter_mut().find(|(c, _)| *c == d.code) {
                    Some((_, v)) => v.push(d),
                    None => by_code.push((d.code, vec![d])),
                }
            }
            by_code.sort_by_key(|(c, v)| (std::cmp::Reverse(v.len()), c.as_str()));
            for (code, list) in by_code {
                let more = match list.len() {
                    1 => String::new(),
                    n => format!(" and {} more", n - 1),
                };
                out.push_str(&format!(
                    "{} {}[{}]: {}{more}\n",
                    list.len(),
                    kind(list[0]),
                    code.as_str(),
                    place(list[0]),
                ));
            }
        }
        out.push_str("run `riskbook check` for every warning in full\n");
        out
    }

    /// Each diagnostic in full, rendered in parallel (`check` on a large
    /// site prints thousands) and printed in order.
    fn human(&self, diagnostics: &[Diagnostic]) -> String {
        use rayon::prelude::*;
        let config = term::Config::default();
        diagnostics
            .par_iter()
            .map(|d| Files::for_diagnostic(self.sources, d).emit(&config, d))
            .collect::<Vec<String>>()
            .concat()
    }
}

/// The run's sources as codespan's file database for one diagnostic: no
/// copy of their text, and their own line index; a file with a very long
/// line the diagnostic points into is shown cut (`window`).
struct Files<'a> {
    sources: &'a SourceMap,
    windows: Vec<(&'a Path, Window)>,
}

impl<'a> Files<'a> {
    fn for_diagnostic(sources: &'a SourceMap, d: &'a Diagnostic) -> Files<'a> {
        let mut windows: Vec<(&'a Path, Window)> = Vec::new();
        let places = std::iter::once(&d.location).chain(d.related.iter().map(|(l, _)| l));
        for loc in places {
            let (Some(span), Some(file)) = (loc.span, sources.get(&loc.file)) else {
                continue;
            };
            if file.longest_line <= super::window::LONG
                || windows.iter().any(|(p, _)| *p == loc.file.as_path())
            {
                continue;
            }
            if let Some(w) = Window::new(&file.text, &[span.start]) {
                windows.push((loc.file.as_path(), w));
            }
        }
        Files { sources, windows }
    }

    fn file(&self, path: &'a Path) -> Result<&'a super::SourceFile, files::Error> {
        self.sources.get(path).ok_or(files::Error::FileMissing)
    }

    fn window(&self, path: &Path) -> Option<&Window> {
        self.windows
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, w)| w)
    }

    /// A byte range of `path` as the text shown has it.
    fn shown(&self, path: &Path, range: Range<usize>) -> Range<usize> {
        match self.window(path) {
            Some(w) => w.to_window(range.start)..w.to_window(range.end),
            None => range,
        }
    }

    /// One diagnostic in full: the source line with its labels, then notes.
    fn emit(&self, config: &term::Config, d: &'a Diagnostic) -> String {
        let severity = match d.severity() {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Note => CsSeverity::Note,
        };
        let mut labels = Vec::new();
        let mut notes = Vec::new();
        let known = |path: &Path| self.sources.get(path).is_some();
        match d.location.span {
            Some(span) if known(&d.location.file) => labels.push(
                Label::primary(
                    d.location.file.as_path(),
                    self.shown(&d.location.file, span.start..span.end),
                )
                .with_message(d.label.clone().unwrap_or_default()),
            ),
            _ => notes.push(format!("in {}", display_path(&d.location.file))),
        }
        for (loc, label) in &d.related {
            match loc.span {
                Some(span) if known(&loc.file) => labels.push(
                    Label::secondary(
                        loc.file.as_path(),
                        self.shown(&loc.file, span.start..span.end),
                    )
                    .with_message(label),
                ),
                _ => notes.push(format!("{label}: {}", display_path(&loc.file))),
            }
        }
        if let Some(help) = &d.help {
            notes.push(format!("help: {help}"));
        }
        let cs = CsDiagnostic::new(severity)
            .with_code(d.code.as_str())
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        term::emit_into_string(config, self, &cs)
            .unwrap_or_else(|_| format!("{}: {}\n", display_path(&d.location.file), d.message))
    }
}

impl<'a> files::Files<'a> for Files<'a> {
    type FileId = &'a Path;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: &'a Path) -> Result<String, files::Error> {
        Ok(display_path(id))
    }

    fn source(&'a self, id: &'a Path) -> Result<&'a str, files::Error> {
        match self.window(id) {
            Some(w) => Ok(&w.text),
            None => Ok(&self.file(id)?.text),
        }
    }

    fn line_index(&'a self, id: &'a Path, byte_index: usize) -> Result<usize, files::Error> {
        let starts = match self.window(id) {
            Some(w) => &w.line_starts[..],
            None => self.file(id)?.line_starts(),
        };
        Ok(starts
            .binary_search(&byte_index)
            .unwrap_or_else(|next| next - 1))
    }

    /// The column in the file, where the text shown is cut.
    fn column_number(
        &'a self,
        id: &'a Path,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        match self.window(id) {
            Some(w) => {
                let at = w.to_file(byte_index);
                Ok(self.file(id)?.span(at..at).column)
            }
            None => {
                let range = self.line_range(id, line_index)?;
                Ok(files::column_index(self.source(id)?, range, byte_index) + 1)
            }
        }
    }

    fn line_range(&'a self, id: &'a Path, line_index: usize) -> Result<Range<usize>, files::Error> {
        let (starts, len) = match self.window(id) {
            Some(w) => (&w.line_starts[..], w.text.len()),
            None => {
                let file = self.file(id)?;
                (file.line_starts(), file.text.len())
            }
        };
        let start = |i: usize| match i.cmp(&starts.len()) {
            std::cmp::Ordering::Less => Ok(starts[i]),
            std::cmp::Ordering::Equal => Ok(len),
            std::cmp::Ordering::Greater => Err(files::Error::LineTooLarge {
                given: i,
                max: starts.len() - 1,
            }),
        };
        Ok(start(line_index)?..start(line_index + 1)?)
    }
}

fn json_line(d: &Diagnostic) -> String {
    let value = serde_json::json!({
        "severity": d.severity(),
        "code": d.code.as_str(),
        "message": d.message,
        "file": display_path(&d.location.file),
        "line": d.location.span.map(|s| s.line),
        "column": d.location.span.map(|s| s.column),
        "help": d.help,
    });
    value.to_string()
}

/// Escapes a value for a GitHub Actions workflow command.
fn github_escape(text: &str, property: bool) -> String {
    let mut s = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        s = s.replace(':', "%3A").replace(',', "%2C");
    }
    s
}

fn github_line(d: &Diagnostic) -> String {
    let kind = match d.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut props = vec![format!(
        "file={}",
        github_escape(&display_path(&d.location.file), true)
    )];
    if let Some(span) = d.location.span {
        props.push(format!("line={}", span.line));
        props.push(format!("col={}", span.column));
    }
    props.push(format!("title={}", github_escape(d.code.as_str(), true)));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    format!(
        "::{kind} {}::{}",
        props.join(","),
        github_escape(&message, false)
    )
}
