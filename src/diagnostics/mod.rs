//! Diagnostics: errors and warnings as values, each with the file, line and
//! column of the value at fault. Rendering them (human, JSON Lines, GitHub
//! annotations) lives in `report.rs`.

mod report;
mod sources;
pub mod suggest;
mod window;

pub use report::{Format, Reporter};
pub use sources::{SourceFile, SourceMap};

use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Information that is neither wrong nor suspicious (what was not checked).
    Note,
}

/// A byte range in a source file, with the 1-based line and column of its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

/// A place in a source file: the path relative to the site root, and a span when known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: PathBuf,
    pub span: Option<Span>,
}

impl Location {
    pub fn new(file: impl Into<PathBuf>, span: Option<Span>) -> Self {
        Location {
            file: file.into(),
            span,
        }
    }
}

/// Stable identifiers of every diagnostic riskbook emits; the `code` of JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Code {
    Io,
    NotUtf8,
    YamlSyntax,
    MissingKey,
    UnknownKey,
    WrongType,
    DuplicateRegister,
    DuplicateRisk,
    InvalidId,
    UnknownValue,
    InvalidDate,
    GridShape,
    InvalidConfig,
    ReservedPath,
    MissingPage,
    MissingAnchor,
    MissingRisk,
    AmbiguousRisk,
    OutsideRoot,
    DuplicateAnchor,
    Template,
    ScoreMismatch,
    ReviewOverdue,
    ReviewInFuture,
    AcceptanceExpired,
    NoOwner,
    NoPlaybook,
    EmptyValue,
    NoAlt,
    Suspect,
    Unrated,
    NotChecked,
    UnmappedLevel,
    WrongMethod,
    InvalidFactor,
    InvalidVector,
    InvalidQuantity,
    AppetiteExceeded,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Io => "io",
            Code::NotUtf8 => "not-utf8",
            Code::YamlSyntax => "yaml-syntax",
            Code::MissingKey => "missing-key",
            Code::UnknownKey => "unknown-key",
            Code::WrongType => "wrong-type",
            Code::DuplicateRegister => "duplicate-register",
            Code::DuplicateRisk => "duplicate-risk",
            Code::InvalidId => "invalid-id",
            Code::UnknownValue => "unknown-value",
            Code::InvalidDate => "invalid-date",
            Code::GridShape => "grid-shape",
            Code::InvalidConfig => "invalid-config",
            Code::ReservedPath => "reserved-path",
            Code::MissingPage => "missing-page",
            Code::MissingAnchor => "missing-anchor",
            Code::MissingRisk => "missing-risk",
            Code::AmbiguousRisk => "ambiguous-risk",
            Code::OutsideRoot => "outside-root",
            Code::DuplicateAnchor => "duplicate-anchor",
            Code::Template => "template",
            Code::ScoreMismatch => "score-mismatch",
            Code::ReviewOverdue => "review-overdue",
            Code::ReviewInFuture => "review-in-future",
            Code::AcceptanceExpired => "acceptance-expired",
            Code::NoOwner => "no-owner",
            Code::NoPlaybook => "no-playbook",
            Code::EmptyValue => "empty-value",
            Code::NoAlt => "no-alt",
            Code::Suspect => "suspect",
            Code::Unrated => "unrated",
            Code::NotChecked => "not-checked",
            Code::UnmappedLevel => "unmapped-level",
            Code::WrongMethod => "wrong-method",
            Code::InvalidFactor => "invalid-factor",
            Code::InvalidVector => "invalid-vector",
            Code::InvalidQuantity => "invalid-quantity",
            Code::AppetiteExceeded => "appetite-exceeded",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Code::ScoreMismatch
            | Code::ReviewOverdue
            | Code::ReviewInFuture
            | Code::AcceptanceExpired
            | Code::NoOwner
            | Code::NoPlaybook
            | Code::NoAlt
            | Code::Suspect
            | Code::Unrated
            | Code::AppetiteExceeded => Severity::Warning,
            Code::NotChecked => Severity::Note,
            _ => Severity::Error,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub message: String,
    pub location: Location,
    /// Short text shown under the caret.
    pub label: Option<String>,
    /// "did you mean", the nearest candidates, what to do.
    pub help: Option<String>,
    /// Other places that belong to the same problem (the first of two duplicates).
    pub related: Vec<(Location, String)>,
}

impl Diagnostic {
    pub fn new(code: Code, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            location,
            label: None,
            help: None,
            related: Vec::new(),
        }
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn with_related(mut self, location: Location, label: impl Into<String>) -> Self {
        self.related.push((location, label.into()));
        self
    }

    /// Order used for output: by file, position, then code, so output never
    /// depends on thread scheduling.
    fn sort_key(&self) -> (&std::path::Path, usize, usize, Code, &str) {
        let (line, col) = self
            .location
            .span
            .map(|s| (s.line, s.column))
            .unwrap_or((0, 0));
        (&self.location.file, line, col, self.code, &self.message)
    }
}

/// Every diagnostic of a run, collected from all stages.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity() == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted, de-duplicated diagnostics. References that were not checked
    /// (they point into a register that could not be loaded) become one note
    /// at the first of them, so one broken file is reported once.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        let (unchecked, mut items): (Vec<_>, Vec<_>) = self
            .items
            .into_iter()
            .partition(|d| d.code == Code::NotChecked);
        if let Some(first) = unchecked.first() {
            let mut fixes: Vec<&str> = unchecked.iter().filter_map(|d| d.help.as_deref()).collect();
            fixes.sort();
            fixes.dedup();
            let n = unchecked.len();
            let note = Diagnostic::new(
                Code::NotChecked,
                first.location.clone(),
                format!(
                    "{n} reference{} into a register that could not be loaded {} not checked",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "was" } else { "were" }
                ),
            )
            .with_help_opt(Some(fixes.join("; ")).filter(|f| !f.is_empty()));
            let at = items.partition_point(|d| d.sort_key() < note.sort_key());
            items.insert(at, note);
        }
        items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}
