//! Suspect risks: a playbook section a risk references changed (as rendered
//! text) after the risk was last reviewed. Every old version of every
//! referenced page comes from one `git cat-file --batch`; each version's
//! sections are extracted once, in parallel.

use super::git::{RawCommit, Repo, Unavailable};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::history::{Commit, DiffLine, Since, Suspect, Version};
use crate::model::{RiskRef, Site};
use rayon::prelude::*;
use std::collections::HashMap;

/// Section texts of one version of a page: heading id -> lines.
type Sections = HashMap<String, Vec<String>>;

pub struct Input<'a> {
    pub repo: &'a Repo<'a>,
    pub raw: &'a [RawCommit],
    pub commits: &'a [Commit],
    pub work_tree: Option<usize>,
    /// Current path -> (commit index, path then), newest first.
    pub histories: &'a HashMap<String, Vec<(usize, String)>>,
    /// Per register, newest first.
    pub registers: &'a [Vec<Version>],
}

pub fn detect(site: &Site, input: &Input) -> Result<Vec<Suspect>, Unavailable> {
    // Pages with a referenced section, and their versions oldest first.
    let mut pages: Vec<usize> = site
        .playbook_links
        .values()
        .chain(site.field_section_links.values())
        .flatten()
        .filter(|l| l.anchor.is_some())
        .map(|l| l.page)
        .collect();
    pages.sort_unstable();
    pages.dedup();
    let mut wanted = Vec::new();
    let mut owners = Vec::new();
    for &pi in &pages {
        let path = site.pages[pi].file.to_string_lossy().replace('\\', "/");
        for (ci, old) in input.histories.get(&path).into_iter().flatten().rev() {
            wanted.push((input.raw[*ci].hash.clone(), old.clone()));
            owners.push((pi, *ci));
        }
    }
    let blobs = input.repo.read_blobs(&wanted)?;
    let parsed: Vec<Sections> = blobs
        .par_iter()
        .map(|b| {
            let text = b
                .as_deref()
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or("");
            crate::markdown::sections::texts(body_of(text))
        })
        .collect();
    let mut versions: HashMap<usize, Vec<(usize, Sections)>> = HashMap::new();
    for ((pi, ci), sections) in owners.into_iter().zip(parsed) {
        versions.entry(pi).or_default().push((ci, sections));
    }
    let current: HashMap<usize, Sections> = pages
        .par_iter()
        .map(|&pi| (pi, crate::markdown::sections::texts(&site.pages[pi].body)))
        .collect();

    let mut out = Vec::new();
    for (rr, links) in &site.playbook_links {
        let Some(since) = since(site, input, *rr) else {
            continue;
        };
        // `playbooks:` first, then links in its fields; one warning per section.
        let in_fields = site.field_section_links.get(rr).into_iter().flatten();
        let mut seen = std::collections::HashSet::new();
        for link in links.iter().chain(in_fields) {
            if !seen.insert((link.page, link.anchor.clone())) {
                continue;
            }
            let Some(anchor) = &link.anchor else { continue };
            let history = versions.get(&link.page).map(Vec::as_slice).unwrap_or(&[]);
            let now = current.get(&link.page).and_then(|s| s.get(anchor));
            if let Some((commit, reviewed)) = changed(history, anchor, since, input.commits)
                && let Some(now) = now
                && now != reviewed
            {
                out.push(Suspect {
                    risk: *rr,
                    page: link.page,
                    anchor: anchor.clone(),
                    at: link.at.clone(),
                    since,
                    commit,
                    diff: line_diff(reviewed, now),
                });
            }
        }
    }
    Ok(out)
}

/// A page file's Markdown body, after any front matter.
fn body_of(text: &str) -> &str {
    match crate::load::frontmatter::split(text) {
        Some((_, offset)) => &text[offset..],
        None => text,
    }
}

/// What the risk's last review is: its `reviewed:` date, else the last
/// commit that added or changed it. `None` when it was changed in the work
/// tree (a person is editing it now) or git never saw it.
fn since(site: &Site, input: &Input, rr: RiskRef) -> Option<Since> {
    let risk = site.risk(rr);
    if let Some(d) = risk.reviewed {
        return Some(Since::Reviewed(d));
    }
    let versions = input.registers.get(rr.register)?;
    let touched = versions.iter().find(|v| {
        v.changes.iter().any(|c| c.risk == risk.id)
            || (v.created && v.unreadable.is_none() && v.risks > 0)
    })?;
    if Some(touched.commit) == input.work_tree {
        return None;
    }
    Some(Since::Changed(touched.commit))
}

/// The section as it was reviewed, and the first commit after the review
/// that changed it (`None`: no committed change; an edit in the work tree
/// may still differ). `history` is oldest first. A section that did not
/// exist yet at the review is taken as reviewed when it first appears.
fn changed<'a>(
    history: &'a [(usize, Sections)],
    anchor: &str,
    since: Since,
    commits: &[Commit],
) -> Option<(Option<usize>, &'a Vec<String>)> {
    let at_review = |ci: usize| match since {
        // A commit on the review day came before the review.
        Since::Reviewed(d) => commits[ci].date <= d,
        // Commits are indexed newest first.
        Since::Changed(c) => ci >= c,
    };
    let reviewed_at = history
        .iter()
        .rposition(|(ci, s)| at_review(*ci) && s.contains_key(anchor))
        .or_else(|| history.iter().position(|(_, s)| s.contains_key(anchor)))?;
    let reviewed = &history[reviewed_at].1[anchor];
    let commit = history[reviewed_at + 1..]
        .iter()
        .find(|(_, s)| s.get(anchor) != Some(reviewed))
        .map(|(ci, _)| *ci);
    Some((commit, reviewed))
}

/// A line diff of the section, reviewed -> now.
fn line_diff(old: &[String], new: &[String]) -> Vec<DiffLine> {
    use similar::{Algorithm, ChangeTag, utils::diff_slices};
    let mut out = Vec::new();
    for (tag, lines) in diff_slices(Algorithm::Myers, old, new) {
        let kind = match tag {
            ChangeTag::Equal => "same",
            ChangeTag::Delete => "removed",
            ChangeTag::Insert => "added",
        };
        out.extend(lines.iter().map(|l| DiffLine {
            kind,
            text: l.clone(),
        }));
    }
    out
}

/// The `suspect` warning of each suspect risk, at its playbook reference.
pub fn diagnostics(site: &Site) -> Vec<Diagnostic> {
    let h = &site.history;
    h.suspects
        .iter()
        .map(|s| {
            let reg = &site.registers[s.risk.register];
            let risk = site.risk(s.risk);
            let page = &site.pages[s.page];
            let heading = page.heading_text(&s.anchor);
            let since = match s.since {
                Since::Reviewed(d) => format!("its review on {d}"),
                Since::Changed(ci) => format!(
                    "its last change ({} {})",
                    h.commits[ci].short, h.commits[ci].date
                ),
            };
            let by = match s.commit.map(|ci| &h.commits[ci]) {
                Some(c) => format!("{} {} {}: \"{}\"", c.short, c.date, c.author, c.subject),
                None => format!("uncommitted edit, {}", site.today),
            };
            Diagnostic::new(
                Code::Suspect,
                s.at.clone(),
                format!(
                    "{}: runbook section \"{heading}\" ({}#{}) changed after {since}: {by}",
                    risk.id,
                    page.path.to_string_lossy().replace('\\', "/"),
                    s.anchor
                ),
            )
            .with_label("this section changed")
            .with_help(format!(
                "read the section again, then stamp the review: `riskbook review {}/{}`",
                reg.id, risk.id
            ))
        })
        .collect()
}
