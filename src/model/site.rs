//! The whole site, validated: what `render` reads.

use super::{Date, Framework, Page, Register};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct SiteInfo {
    pub title: String,
    pub description: Option<String>,
    pub base_url: Option<String>,
    pub issue_url: Option<String>,
    /// With `{path}`, the source file's path from the site root.
    pub edit_url: Option<String>,
}

/// Points at one risk: register index and risk index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RiskRef {
    pub register: usize,
    pub risk: usize,
}

/// One resolved `playbooks:` entry of a risk.
#[derive(Debug, Clone)]
pub struct PlaybookLink {
    /// Index into `Site::pages`.
    pub page: usize,
    /// The section's heading id; `None` for the whole page.
    pub anchor: Option<String>,
    /// Where the reference is written.
    pub at: crate::diagnostics::Location,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub info: SiteInfo,
    pub framework: Arc<Framework>,
    /// Sorted by id.
    pub registers: Vec<std::sync::Arc<Register>>,
    /// Sorted by path.
    pub pages: Vec<Page>,
    /// Other files under `content/`, copied unchanged (paths relative to `content/`).
    pub files: Vec<PathBuf>,
    /// Registers that could not be loaded (their error is reported once):
    /// id and file relative to the site root. References into them are not
    /// checked.
    pub unloaded: Vec<(String, PathBuf)>,
    /// The date "overdue" and "expired" are judged against.
    pub today: Date,
    /// Resolved playbook references of each risk, in the order written.
    pub playbook_links: BTreeMap<RiskRef, Vec<PlaybookLink>>,
    /// Links to page sections written inside each risk's Markdown fields
    /// (broken ones are reported where the field is rendered).
    pub field_section_links: BTreeMap<RiskRef, Vec<PlaybookLink>>,
    /// Risks that reference a page section: (page index, anchor) -> risks.
    pub backlinks: BTreeMap<(usize, String), Vec<RiskRef>>,
    /// Resolved `related:` of each risk, and the reverse.
    pub related: BTreeMap<RiskRef, Vec<RiskRef>>,
    pub related_by: BTreeMap<RiskRef, Vec<RiskRef>>,
    /// Revision history from git (empty, with a note, when unavailable).
    pub history: super::history::History,
    /// The summed annual loss of every quantified risk, if any.
    pub loss: Option<super::quant::Total>,
}

impl Site {
    pub fn risk(&self, r: RiskRef) -> &super::Risk {
        &self.registers[r.register].risks[r.risk]
    }

    pub fn all_risks(&self) -> impl Iterator<Item = RiskRef> + '_ {
        self.registers.iter().enumerate().flat_map(|(ri, reg)| {
            (0..reg.risks.len()).map(move |k| RiskRef {
                register: ri,
                risk: k,
            })
        })
    }
}
