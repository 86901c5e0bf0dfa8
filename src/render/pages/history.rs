//! `history.html` (site-wide change log, newest first) and the history
//! views shown on register and risk pages.

use super::{Out, push};
use crate::diagnostics::Diagnostic;
use crate::model::history::{ChangeKind, Version};
use crate::render::Env;
use crate::render::charts::trend;
use crate::render::urls;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize)]
pub struct ChangeView {
    pub risk: String,
    /// Root-relative URL of the risk when it still exists.
    pub url: Option<String>,
    pub text: String,
}

#[derive(Serialize)]
pub struct VersionView {
    pub date: String,
    pub short: String,
    pub hash: String,
    pub author: String,
    pub subject: String,
    pub created: bool,
    pub risks: usize,
    pub unreadable: Option<String>,
    pub changes: Vec<ChangeView>,
}

/// Risk id -> root-relative URL, for the risks of a register that still exist.
fn risk_urls<'a>(env: &'a Env, ri: usize) -> HashMap<&'a str, String> {
    let reg = &env.site.registers[ri];
    reg.risks
        .iter()
        .map(|r| (r.id.as_str(), urls::risk(reg, r)))
        .collect()
}

fn change_views(urls_by_id: &HashMap<&str, String>, v: &Version) -> Vec<ChangeView> {
    v.changes
        .iter()
        .map(|c| {
            let text = match &c.kind {
                ChangeKind::Added => format!("{} added: {}", c.risk, c.title),
                ChangeKind::Removed => format!("{} removed: {}", c.risk, c.title),
                ChangeKind::Changed { field, from, to } => {
                    format!("{} {field} {from} → {to}", c.risk)
                }
            };
            ChangeView {
                url: urls_by_id.get(c.risk.as_str()).cloned(),
                risk: c.risk.clone(),
                text,
            }
        })
        .collect()
}

#[derive(Serialize)]
pub struct RiskChange {
    pub date: String,
    pub short: String,
    pub author: String,
    pub subject: String,
    pub text: String,
}

/// The history of register `ri` for its pages, computed once: its versions
/// newest first, and each risk's own changes newest first.
pub struct RegisterHistory {
    pub versions: Vec<VersionView>,
    pub by_risk: HashMap<String, Vec<RiskChange>>,
}

impl RegisterHistory {
    /// The changes of the risk `id`, newest first.
    pub fn of_risk(&self, id: &str) -> &[RiskChange] {
        self.by_risk.get(id).map(Vec::as_slice).unwrap_or(&[])
    }
}

pub fn register_history(env: &Env, ri: usize) -> RegisterHistory {
    let h = &env.site.history;
    let urls_by_id = risk_urls(env, ri);
    let mut versions = Vec::new();
    let mut by_risk: HashMap<String, Vec<RiskChange>> = HashMap::new();
    for v in h.registers.get(ri).map(Vec::as_slice).unwrap_or(&[]) {
        let c = &h.commits[v.commit];
        let changes = change_views(&urls_by_id, v);
        for ch in &changes {
            by_risk
                .entry(ch.risk.clone())
                .or_default()
                .push(RiskChange {
                    date: c.date.to_string(),
                    short: c.short.clone(),
                    author: c.author.clone(),
                    subject: c.subject.clone(),
                    text: ch.text.clone(),
                });
        }
        versions.push(VersionView {
            date: c.date.to_string(),
            short: c.short.clone(),
            hash: c.hash.clone(),
            author: c.author.clone(),
            subject: c.subject.clone(),
            created: v.created,
            risks: v.risks,
            unreadable: v.unreadable.clone(),
            changes,
        });
    }
    RegisterHistory { versions, by_risk }
}

/// The trend chart of register `ri`, when it has at least one readable version.
pub fn register_trend(env: &Env, ri: usize) -> Option<String> {
    let h = &env.site.history;
    let reg = &env.site.registers[ri];
    let points: Vec<_> = h
        .registers
        .get(ri)?
        .iter()
        .rev()
        .filter(|v| v.unreadable.is_none())
        .map(|v| (h.commits[v.commit].date, v.active_by_level.clone()))
        .collect();
    (!points.is_empty()).then(|| {
        trend::svg(
            &reg.framework.levels,
            &points,
            "trend",
            &format!("Active risks by level over time: {}", reg.title),
        )
    })
}

#[derive(Serialize)]
struct RegisterChange {
    title: String,
    url: String,
    created: bool,
    risks: usize,
    unreadable: Option<String>,
    changes: Vec<ChangeView>,
}

#[derive(Serialize)]
struct CommitView {
    date: String,
    short: String,
    author: String,
    subject: String,
    registers: Vec<RegisterChange>,
}

pub fn render(env: &Env, out: &Out, errs: &mut Vec<Diagnostic>) {
    let h = &env.site.history;
    let mut commits: Vec<CommitView> = h
        .commits
        .iter()
        .map(|c| CommitView {
            date: c.date.to_string(),
            short: c.short.clone(),
            author: c.author.clone(),
            subject: c.subject.clone(),
            registers: Vec::new(),
        })
        .collect();
    for (ri, versions) in h.registers.iter().enumerate() {
        let reg = &env.site.registers[ri];
        let urls_by_id = risk_urls(env, ri);
        for v in versions {
            commits[v.commit].registers.push(RegisterChange {
                title: reg.title.clone(),
                url: urls::register(reg),
                created: v.created,
                risks: v.risks,
                unreadable: v.unreadable.clone(),
                changes: change_views(&urls_by_id, v),
            });
        }
    }
    // Uncommitted edits come before every commit.
    if let Some(wt) = h.work_tree {
        let entry = commits.remove(wt);
        commits.insert(0, entry);
    }
    let path = "history.html";
    let mut ctx = tera::Context::new();
    ctx.insert("commits", &commits);
    ctx.insert("note", &h.note);
    push(
        out,
        errs,
        path.into(),
        env.page("history.html", path, "History", ctx),
    );
}
