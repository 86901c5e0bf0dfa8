//! Registers and their risks, validated.

use super::{Assessment, Date, Framework, Markdown, Rating};
use crate::diagnostics::Location;
use crate::source::register::RegisterStatus;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Register {
    /// The file stem: `registers/teams/ops.2026.yml` is `ops.2026`.
    pub id: String,
    /// Path relative to the site root.
    pub file: PathBuf,
    pub title: String,
    pub status: Option<RegisterStatus>,
    pub version: Option<String>,
    pub owners: Vec<String>,
    pub scope: Option<String>,
    pub updated: Option<Date>,
    pub summary: Option<Markdown>,
    pub risks: Vec<Risk>,
    pub sections: Vec<(String, Markdown)>,
    pub actions: Vec<Action>,
    pub revisions: Vec<Revision>,
    pub issues: Vec<String>,
    pub quadrants: Option<Vec<String>>,
    pub extra: Option<super::Extra>,
    pub framework: Arc<Framework>,
    /// True when the register uses the site's scales and scoring, so its
    /// risks belong in the dashboard's combined matrix.
    pub shares_site_matrix: bool,
    /// The summed annual loss of its quantified risks, if any.
    pub loss: Option<super::quant::Total>,
}

impl Register {
    /// Every Markdown text of the register: its own and its risks'.
    pub fn markdown_texts(&self) -> Vec<&super::Markdown> {
        let mut out: Vec<&super::Markdown> = self.summary.iter().collect();
        out.extend(self.sections.iter().map(|(_, m)| m));
        out.extend(self.revisions.iter().map(|r| &r.changes));
        out.extend(self.actions.iter().map(|a| &a.text));
        for risk in &self.risks {
            out.extend(risk.markdown_fields());
        }
        out
    }
}

#[derive(Debug, Clone)]
pub struct Risk {
    pub id: String,
    pub title: String,
    /// Index into the register framework's statuses.
    pub status: usize,
    pub category: Option<String>,
    /// Its cell in the matrix; `None` when the risk is `unrated` (identified,
    /// not analysed yet): no score, no level, not placed in a matrix.
    pub rated: Option<Rated>,
    /// What a method other than the matrix rated it from (OWASP factors,
    /// a CVSS vector).
    pub factors: Option<super::Factors>,
    pub declared_score: Option<f64>,
    pub owners: Vec<String>,
    pub description: Option<Markdown>,
    pub mitigation: Option<Actions>,
    pub contingency: Option<Actions>,
    pub trigger: Option<Trigger>,
    pub signals: Vec<Markdown>,
    /// Raw references with their location; resolved by `validate::references`.
    pub playbooks: Vec<(String, Location)>,
    pub related: Vec<(String, Location)>,
    pub issues: Vec<String>,
    pub tags: Vec<String>,
    pub watchlist: bool,
    pub position: Option<(f64, f64)>,
    pub residual: Option<(Rating, Rating, Assessment)>,
    /// What the risk costs in money, when it gives `frequency` and `loss`.
    pub quant: Option<super::quant::Quant>,
    pub acceptance: Option<Acceptance>,
    pub reviewed: Option<Date>,
    pub sections: Vec<(String, Markdown)>,
    pub extra: Option<super::Extra>,
    /// Where the risk's fields are written, for diagnostics.
    pub origins: RiskOrigins,
}

/// A risk's probability and impact on its register's scales, and what
/// they give.
#[derive(Debug, Clone)]
pub struct Rated {
    pub probability: Rating,
    pub impact: Rating,
    pub assessment: Assessment,
}

#[derive(Debug, Clone)]
pub struct RiskOrigins {
    pub id: Location,
    pub score: Location,
    pub reviewed: Location,
    pub expires: Location,
}

#[derive(Debug, Clone)]
pub struct Acceptance {
    pub by: Option<String>,
    pub date: Option<Date>,
    pub expires: Option<Date>,
    pub rationale: Option<Markdown>,
}

#[derive(Debug, Clone)]
pub enum Actions {
    Text(Markdown),
    List(Vec<ActionItem>),
}

#[derive(Debug, Clone)]
pub struct ActionItem {
    pub text: Markdown,
    pub done: Option<bool>,
    pub due: Option<Date>,
    pub issue: Option<String>,
    pub owner: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Trigger {
    Text(Markdown),
    Threshold {
        metric: String,
        op: Option<String>,
        threshold: Option<String>,
        window: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub struct Action {
    pub text: Markdown,
    pub done: bool,
    pub owner: Option<String>,
    pub due: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct Revision {
    pub version: Option<String>,
    pub date: Option<Date>,
    pub author: Option<String>,
    pub changes: Markdown,
}

impl Risk {
    /// Its level (index into the framework's levels); `None` when unrated.
    pub fn level(&self) -> Option<usize> {
        self.rated.as_ref().map(|r| r.assessment.level)
    }

    pub fn is_active(&self, framework: &Framework) -> bool {
        framework.statuses[self.status].active
    }

    /// The date a recorded acceptance lapsed, if it has by `today`. Checked
    /// whatever the status: a lapsed acceptance matters most on an accepted
    /// (inactive) risk.
    pub fn acceptance_expired(&self, today: Date) -> Option<Date> {
        self.acceptance
            .as_ref()
            .and_then(|a| a.expires)
            .filter(|e| *e < today)
    }

    /// Every Markdown text of the risk, in the order its page shows them.
    pub fn markdown_fields(&self) -> Vec<&super::Markdown> {
        let mut out: Vec<&super::Markdown> = self.description.iter().collect();
        if let Some(Trigger::Text(m)) = &self.trigger {
            out.push(m);
        }
        for a in [&self.mitigation, &self.contingency].into_iter().flatten() {
            match a {
                Actions::Text(m) => out.push(m),
                Actions::List(items) => out.extend(items.iter().map(|i| &i.text)),
            }
        }
        out.extend(&self.signals);
        out.extend(self.sections.iter().map(|(_, m)| m));
        if let Some(m) = self.acceptance.as_ref().and_then(|a| a.rationale.as_ref()) {
            out.push(m);
        }
        out
    }

    /// Next review date: `reviewed` + the cadence; `None` when never reviewed.
    pub fn review_due(&self, every_days: u32) -> Option<Date> {
        self.reviewed.map(|d| d.add_days(every_days))
    }
}

impl Trigger {
    pub fn summary(&self) -> String {
        match self {
            Trigger::Text(md) => md.text.clone(),
            Trigger::Threshold {
                metric,
                op,
                threshold,
                window,
            } => {
                let mut s = metric.clone();
                for part in [op, threshold].into_iter().flatten() {
                    s.push(' ');
                    s.push_str(part);
                }
                if let Some(w) = window {
                    s.push_str(" for ");
                    s.push_str(w);
                }
                s
            }
        }
    }
}
