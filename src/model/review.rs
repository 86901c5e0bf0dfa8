//! What needs a person's attention at the weekly review (`review.html`):
//! one list of reasons per risk, from the model and its git history.

use super::history::{ChangeKind, Since};
use super::{Date, RiskRef, Site};
use std::collections::BTreeMap;

/// Acceptances expiring within this many days are listed before they lapse.
pub const EXPIRING_WITHIN_DAYS: i64 = 30;
/// Changes from git within this many days are listed as recent.
pub const RECENT_DAYS: i64 = 14;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// An active risk whose next review date has passed.
    ReviewOverdue {
        due: Date,
    },
    AcceptanceExpired {
        on: Date,
    },
    AcceptanceExpiring {
        on: Date,
    },
    /// A playbook section it names changed after its review (`Suspect` index).
    Suspect {
        suspect: usize,
    },
    /// Added or changed in a recent commit (or in the work tree).
    Recent {
        date: Date,
        commit: usize,
        what: String,
    },
    /// An active risk identified but not analysed yet.
    Unrated,
    /// An active risk of the top two levels.
    NoOwner,
    NoPlaybook,
}

impl Reason {
    /// The heading of the summary count this reason is counted under.
    pub fn kind(&self) -> &'static str {
        match self {
            Reason::ReviewOverdue { .. } => "Reviews overdue",
            Reason::AcceptanceExpired { .. } => "Acceptances expired",
            Reason::AcceptanceExpiring { .. } => "Acceptances expiring within 30 days",
            Reason::Suspect { .. } => "Runbook changed since review",
            Reason::Recent { .. } => "Added or changed in the last 14 days",
            Reason::Unrated => "Active risks not rated yet",
            Reason::NoOwner => "Top-level risks with no owner",
            Reason::NoPlaybook => "Top-level risks with no playbook",
        }
    }
}

/// Every risk that needs attention, with its reasons, in site order.
pub fn attention(site: &Site) -> BTreeMap<RiskRef, Vec<Reason>> {
    let today = site.today;
    let mut out: BTreeMap<RiskRef, Vec<Reason>> = BTreeMap::new();
    for rr in site.all_risks() {
        let reg = &site.registers[rr.register];
        let fw = &reg.framework;
        let risk = site.risk(rr);
        let mut reasons = Vec::new();
        let active = risk.is_active(fw);
        if active
            && let Some(due) = risk.review_due(fw.review_every_days)
            && due < today
        {
            reasons.push(Reason::ReviewOverdue { due });
        }
        if let Some(on) = risk.acceptance.as_ref().and_then(|a| a.expires) {
            if on < today {
                reasons.push(Reason::AcceptanceExpired { on });
            } else if today.days_until(on) <= EXPIRING_WITHIN_DAYS {
                reasons.push(Reason::AcceptanceExpiring { on });
            }
        }
        if active && risk.rated.is_none() {
            reasons.push(Reason::Unrated);
        }
        if active && risk.level().is_some_and(|l| fw.is_top_two(l)) {
            if risk.owners.is_empty() {
                reasons.push(Reason::NoOwner);
            }
            if risk.playbooks.is_empty() {
                reasons.push(Reason::NoPlaybook);
            }
        }
        if !reasons.is_empty() {
            out.insert(rr, reasons);
        }
    }
    for (k, s) in site.history.suspects.iter().enumerate() {
        out.entry(s.risk)
            .or_default()
            .push(Reason::Suspect { suspect: k });
    }
    recent(site, &mut out);
    out
}

/// The newest change of each risk within `RECENT_DAYS`, from git.
fn recent(site: &Site, out: &mut BTreeMap<RiskRef, Vec<Reason>>) {
    let h = &site.history;
    for (ri, versions) in h.registers.iter().enumerate() {
        let reg = &site.registers[ri];
        let mut seen = std::collections::HashSet::new();
        // Newest first: the first change met is the newest.
        for v in versions {
            let c = &h.commits[v.commit];
            let age = c.date.days_until(site.today);
            if !(0..=RECENT_DAYS).contains(&age) {
                continue;
            }
            let mut note = |id: &str, what: String| {
                if !seen.insert(id.to_string()) {
                    return;
                }
                if let Some(k) = reg.risks.iter().position(|r| r.id == id) {
                    out.entry(RiskRef {
                        register: ri,
                        risk: k,
                    })
                    .or_default()
                    .push(Reason::Recent {
                        date: c.date,
                        commit: v.commit,
                        what,
                    });
                }
            };
            if v.created {
                for r in &reg.risks {
                    note(&r.id, "added with the register".into());
                }
            }
            for ch in &v.changes {
                match &ch.kind {
                    ChangeKind::Added => note(&ch.risk, "added".into()),
                    ChangeKind::Removed => {}
                    ChangeKind::Changed { field, from, to } => {
                        note(&ch.risk, format!("{field} {from} → {to}"))
                    }
                }
            }
        }
    }
}

/// What a suspect risk's review is counted from, for the page.
pub fn since_text(site: &Site, since: Since) -> String {
    match since {
        Since::Reviewed(d) => format!("its review on {d}"),
        Since::Changed(ci) => {
            let c = &site.history.commits[ci];
            format!("its last change on {} ({})", c.date, c.short)
        }
    }
}
