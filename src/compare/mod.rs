//! Comparing two states of a site (two git revisions, or a revision and the
//! work tree): risks added and removed, level, score, status and owner
//! changes, and new and fixed diagnostics. Used by `riskbook diff` (a
//! Markdown summary for a pull request comment) and `build --compare`
//! (`changes.html` and marks on changed risks).

mod sections;
mod summary;

pub use sections::SectionChange;
pub use summary::markdown;

use crate::diagnostics::{Diagnostic, Severity};
use crate::history::diff::{self, Snapshot};
use crate::history::git::Repo;
use crate::model::history::ChangeKind;
use crate::model::{Date, Site};
use crate::{Checked, Options, UsageError};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One side of a comparison: a checked site and what to call it.
pub struct Side {
    pub label: String,
    pub checked: Checked,
    /// Keeps a revision's files alive while the side is in use.
    _files: Option<tempfile::TempDir>,
}

/// Checks the site as it is on disk.
pub fn work_tree(root: &Path, today: Date) -> Result<Side, UsageError> {
    let opts = Options {
        root: root.to_path_buf(),
        today,
        base_url: None,
        git: false,
    };
    Ok(Side {
        label: "the work tree".into(),
        checked: crate::check(&opts)?,
        _files: None,
    })
}

/// Checks the site's `content/` as it was at git revision `rev`.
pub fn revision(root: &Path, rev: &str, today: Date) -> Result<Side, UsageError> {
    let repo = Repo::open(root).map_err(|_| {
        UsageError(format!(
            "cannot compare with `{rev}`: {} is not in a git work tree",
            root.display()
        ))
    })?;
    let commit = repo.resolve(rev).ok_or_else(|| {
        UsageError(format!(
            "unknown git revision `{rev}` (try a branch, tag or commit, e.g. origin/main)"
        ))
    })?;
    let files = repo
        .content_files(&commit)
        .map_err(|e| UsageError(format!("cannot list the files of `{rev}`: {e}")))?;
    let wanted: Vec<(String, String)> = files.iter().map(|f| (commit.clone(), f.clone())).collect();
    let blobs = repo
        .read_blobs(&wanted)
        .map_err(|e| UsageError(format!("cannot read the files of `{rev}`: {e}")))?;
    let tmp = tempfile::Builder::new()
        .prefix("riskbook-rev-")
        .tempdir()
        .map_err(|e| UsageError(format!("cannot create a temporary folder: {e}")))?;
    std::fs::create_dir_all(tmp.path().join("content")).map_err(|e| UsageError(e.to_string()))?;
    for (path, blob) in files.iter().zip(blobs) {
        let Some(bytes) = blob else { continue };
        let dest = tmp.path().join(path);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| UsageError(e.to_string()))?;
        }
        std::fs::write(&dest, bytes).map_err(|e| UsageError(e.to_string()))?;
    }
    let opts = Options {
        root: tmp.path().to_path_buf(),
        today,
        base_url: None,
        git: false,
    };
    let short: String = commit.chars().take(7).collect();
    Ok(Side {
        label: format!("`{rev}` ({short})"),
        checked: crate::check(&opts)?,
        _files: Some(tmp),
    })
}

/// What happened to one risk between the two sides.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RiskDelta {
    pub register: String,
    pub risk: String,
    pub title: String,
    /// "added", "removed" or "changed".
    pub kind: &'static str,
    /// `level high → critical` and the like, for "changed".
    pub changes: Vec<String>,
}

/// A diagnostic as compared: positions move with every edit, so they are left out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Problem {
    pub severity: &'static str,
    pub code: &'static str,
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Comparison {
    pub base: String,
    pub head: String,
    pub risks: Vec<RiskDelta>,
    pub new_problems: Vec<Problem>,
    pub fixed_problems: Vec<Problem>,
    pub overdue_before: usize,
    pub overdue_after: usize,
    /// Runbook sections rewritten by the change, with the risks that rely on them.
    pub sections: Vec<SectionChange>,
    /// The site's expected annual loss on each side, when either has risks in money.
    pub expected_loss: Option<(Option<f64>, Option<f64>)>,
    /// The currency of the head's amounts.
    pub currency: String,
}

/// A change of an amount as a reader scans it: `+EUR 120,000`.
pub fn signed_money(currency: &str, delta: f64) -> String {
    let sign = if delta < 0.0 { "-" } else { "+" };
    format!(
        "{sign}{}",
        crate::model::quant::money(currency, delta.abs())
    )
}

/// `expected annual loss EUR 91,086 → EUR 211,086 (+EUR 120,000)`, when
/// the two differ by a whole unit or more.
fn loss_change(currency: &str, before: Option<f64>, after: Option<f64>) -> Option<String> {
    let (b, a) = (before.unwrap_or(0.0), after.unwrap_or(0.0));
    if (a - b).abs() < 1.0 {
        return None;
    }
    let shown = |x: Option<f64>| {
        x.map_or("(none)".to_string(), |x| {
            crate::model::quant::money(currency, x)
        })
    };
    Some(format!(
        "expected annual loss {} → {} ({})",
        shown(before),
        shown(after),
        signed_money(currency, a - b)
    ))
}

/// Each risk's expected annual loss, by register and risk id.
fn expected_losses(site: &Site) -> BTreeMap<(String, String), (String, f64)> {
    site.all_risks()
        .filter_map(|rr| {
            let reg = &site.registers[rr.register];
            let r = &reg.risks[rr.risk];
            let mean = r.quant.as_ref()?.figures.as_ref()?.mean;
            Some(((reg.id.clone(), r.id.clone()), (r.title.clone(), mean)))
        })
        .collect()
}

/// Risk changes between two sites, by register id and risk id.
pub fn risk_deltas(base: &Site, head: &Site) -> Vec<RiskDelta> {
    let snaps = |site: &Site| -> BTreeMap<String, (Snapshot, BTreeMap<String, String>)> {
        site.registers
            .iter()
            .map(|r| {
                let titles = r
                    .risks
                    .iter()
                    .map(|x| (x.id.clone(), x.title.clone()))
                    .collect();
                (r.id.clone(), (Snapshot::of(r, &r.framework), titles))
            })
            .collect()
    };
    let (b, h) = (snaps(base), snaps(head));
    let empty = (Snapshot::default(), BTreeMap::new());
    let ids: BTreeSet<&String> = b.keys().chain(h.keys()).collect();
    let mut out = Vec::new();
    for reg in ids {
        let (old, _) = b.get(reg).unwrap_or(&empty);
        let (new, _) = h.get(reg).unwrap_or(&empty);
        let mut by_risk: BTreeMap<String, RiskDelta> = BTreeMap::new();
        for c in diff::changes(old, new) {
            let entry = by_risk.entry(c.risk.clone()).or_insert_with(|| RiskDelta {
                register: reg.clone(),
                risk: c.risk.clone(),
                title: c.title.clone(),
                kind: "changed",
                changes: Vec::new(),
            });
            match c.kind {
                ChangeKind::Added => entry.kind = "added",
                ChangeKind::Removed => entry.kind = "removed",
                ChangeKind::Changed { field, from, to } => {
                    entry.changes.push(format!("{field} {from} → {to}"))
                }
            }
        }
        out.extend(by_risk.into_values());
    }
    // Changes of expected annual loss: the same inputs, seed and trials
    // give the same numbers, so only a real change shows.
    let currency = &head.framework.quant.currency;
    let (lb, lh) = (expected_losses(base), expected_losses(head));
    let keys: BTreeSet<&(String, String)> = lb.keys().chain(lh.keys()).collect();
    for key in keys {
        let (before, after) = (lb.get(key), lh.get(key));
        let Some(line) = loss_change(currency, before.map(|x| x.1), after.map(|x| x.1)) else {
            continue;
        };
        match out
            .iter_mut()
            .find(|d| (&d.register, &d.risk) == (&key.0, &key.1))
        {
            Some(d) if d.kind == "changed" => d.changes.push(line),
            Some(_) => {}
            None => out.push(RiskDelta {
                register: key.0.clone(),
                risk: key.1.clone(),
                title: after.or(before).map(|x| x.0.clone()).unwrap_or_default(),
                kind: "changed",
                changes: vec![line],
            }),
        }
    }
    out.sort_by(|a, b| (&a.register, &a.risk).cmp(&(&b.register, &b.risk)));
    out
}

fn problems(diags: &[Diagnostic]) -> BTreeSet<Problem> {
    diags
        .iter()
        // Suspect warnings come from git history, which only one side may
        // have read; `sections` says what the change itself rewrites.
        .filter(|d| d.code != crate::diagnostics::Code::Suspect)
        .map(|d| Problem {
            severity: match d.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            },
            code: d.code.as_str(),
            file: d.location.file.to_string_lossy().replace('\\', "/"),
            line: d.location.span.map(|s| s.line),
            message: d.message.clone(),
        })
        .collect()
}

fn overdue(site: &Site) -> usize {
    site.all_risks()
        .filter(|rr| {
            let reg = &site.registers[rr.register];
            let r = site.risk(*rr);
            r.is_active(&reg.framework)
                && r.review_due(reg.framework.review_every_days)
                    .is_some_and(|d| d < site.today)
        })
        .count()
}

/// Compares two sites and their diagnostics.
pub fn compare(
    base_label: &str,
    base: &Checked,
    head_label: &str,
    head_site: &Site,
    head_diags: &[Diagnostic],
) -> Comparison {
    let key = |p: &Problem| (p.severity, p.code, p.file.clone(), p.message.clone());
    let (b, h) = (problems(&base.diagnostics), problems(head_diags));
    let bk: BTreeSet<_> = b.iter().map(key).collect();
    let hk: BTreeSet<_> = h.iter().map(key).collect();
    Comparison {
        base: base_label.to_string(),
        head: head_label.to_string(),
        risks: risk_deltas(&base.site, head_site),
        new_problems: h
            .iter()
            .filter(|p| !bk.contains(&key(p)))
            .cloned()
            .collect(),
        fixed_problems: b
            .iter()
            .filter(|p| !hk.contains(&key(p)))
            .cloned()
            .collect(),
        overdue_before: overdue(&base.site),
        overdue_after: overdue(head_site),
        sections: sections::changed(&base.site, head_site),
        expected_loss: (base.site.loss.is_some() || head_site.loss.is_some()).then(|| {
            (
                base.site.loss.as_ref().map(|t| t.figures.mean),
                head_site.loss.as_ref().map(|t| t.figures.mean),
            )
        }),
        currency: head_site.framework.quant.currency.clone(),
    }
}
