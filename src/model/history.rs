//! Revision history read from git: commits, and what each changed in risk terms.

use super::Date;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Commit {
    pub hash: String,
    pub short: String,
    pub date: Date,
    pub author: String,
    pub subject: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed {
        field: &'static str,
        from: String,
        to: String,
    },
}

/// One change to one risk in one commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub risk: String,
    pub title: String,
    pub kind: ChangeKind,
}

/// A register as of one commit.
#[derive(Debug, Clone)]
pub struct Version {
    /// Index into `History::commits`.
    pub commit: usize,
    /// The register file first appears in this commit.
    pub created: bool,
    /// Changes against the previous version (empty for `created`).
    pub changes: Vec<Change>,
    /// Set when this version no longer parses; it is shown as such.
    pub unreadable: Option<String>,
    /// Active risks per level of the register's current framework.
    pub active_by_level: Vec<usize>,
    pub risks: usize,
}

#[derive(Debug, Clone, Default)]
pub struct History {
    /// Newest first.
    pub commits: Vec<Commit>,
    /// Per register (same index as `Site::registers`), newest first.
    pub registers: Vec<Vec<Version>>,
    /// Index in `commits` of the stand-in for uncommitted edits, listed first.
    pub work_tree: Option<usize>,
    /// Newest commit that changed each source file (root-relative path).
    pub last_updated: HashMap<PathBuf, usize>,
    /// What could not be shown and how to get it, when history is missing or partial.
    pub note: Option<String>,
    /// Risks whose playbook sections changed after their last review.
    pub suspects: Vec<Suspect>,
    /// Why suspect detection did not run (no git, `--no-git`, a shallow clone).
    pub suspects_off: Option<String>,
}

/// A risk whose playbook section changed after the risk was last reviewed.
#[derive(Debug, Clone)]
pub struct Suspect {
    pub risk: super::RiskRef,
    /// Index into `Site::pages`, and the section's heading id.
    pub page: usize,
    pub anchor: String,
    /// The `playbooks:` entry that names the section.
    pub at: crate::diagnostics::Location,
    /// What the review is counted from.
    pub since: Since,
    /// The first commit after that which changed the section; `None` when
    /// the change is not committed yet (counted as made today).
    pub commit: Option<usize>,
    /// The section as reviewed against the section now, line by line.
    pub diff: Vec<DiffLine>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// The risk's `reviewed:` date.
    Reviewed(Date),
    /// The last commit that changed the risk (index into `History::commits`).
    Changed(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DiffLine {
    /// `same`, `added` or `removed`.
    pub kind: &'static str,
    pub text: String,
}

impl History {
    pub fn unavailable(note: impl Into<String>, registers: usize) -> History {
        let note = note.into();
        History {
            registers: vec![Vec::new(); registers],
            suspects_off: Some(format!(
                "Runbook changes since a risk's review are not tracked here: {}",
                note.trim_end_matches('.')
            )),
            note: Some(note),
            ..History::default()
        }
    }
}
