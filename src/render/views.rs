//! Serializable views of the model that templates read. URLs in views are
//! root-relative; templates prefix them with `root`.

use super::urls::{self, Taxonomy};
use crate::model::{Framework, Rating, RiskRef, Site};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct LevelView {
    pub id: String,
    pub label: String,
    pub color: String,
    pub text_color: String,
    /// Sort key: by the site-wide severity, then by the register's own
    /// level; 0 for an unrated risk, below every level.
    pub rank: usize,
    /// The site-wide severity the level counts as (its id), `unrated` for
    /// an unrated risk.
    pub severity: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub id: String,
    pub label: String,
    pub active: bool,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub text: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RatingView {
    pub text: String,
    pub label: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskRow {
    pub id: String,
    pub title: String,
    pub url: String,
    pub register: Link,
    pub level: LevelView,
    pub score: Option<String>,
    pub probability: RatingView,
    pub impact: RatingView,
    pub status: StatusView,
    pub owners: Vec<Link>,
    pub category: Option<Link>,
    pub tags: Vec<Link>,
    pub watchlist: bool,
    pub review_due: Option<String>,
    pub overdue: bool,
    pub acceptance_expired: bool,
    pub trigger: Option<String>,
}

pub use crate::model::num;

pub fn level(fw: &Framework, i: usize) -> LevelView {
    let l = &fw.levels[i];
    LevelView {
        id: l.id.clone(),
        label: l.label.clone(),
        color: l.color.clone(),
        text_color: l.text_color.clone(),
        rank: (l.severity + 1) * 1000 + i + 1,
        severity: fw.severities[l.severity].id.clone(),
    }
}

pub fn status(fw: &Framework, i: usize) -> StatusView {
    let s = &fw.statuses[i];
    StatusView {
        id: s.id.clone(),
        label: s.label.clone(),
        active: s.active,
        url: Taxonomy::Status.url(&s.id),
    }
}

/// How many of some risks count as one site-wide severity.
#[derive(Debug, Clone, Serialize)]
pub struct SeverityCount {
    pub id: String,
    pub label: String,
    pub color: String,
    pub text_color: String,
    pub n: usize,
}

/// How many of `refs` count as each site-wide severity, highest first,
/// only those met, unrated risks last: registers with their own "High"
/// are one row, not two.
pub fn severity_counts(site: &Site, refs: impl Iterator<Item = RiskRef>) -> Vec<SeverityCount> {
    let severities = &site.framework.severities;
    let mut n = vec![0usize; severities.len()];
    let mut unrated = 0;
    for rr in refs {
        let fw = &site.registers[rr.register].framework;
        match site.risk(rr).level() {
            Some(l) => n[fw.levels[l].severity] += 1,
            None => unrated += 1,
        }
    }
    let mut out: Vec<SeverityCount> = severities
        .iter()
        .zip(n)
        .rev()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| SeverityCount {
            id: s.id.clone(),
            label: s.label.clone(),
            color: s.color.clone(),
            text_color: s.text_color.clone(),
            n,
        })
        .collect();
    if unrated > 0 {
        let u = unrated_level();
        out.push(SeverityCount {
            id: u.id,
            label: u.label,
            color: u.color,
            text_color: u.text_color,
            n: unrated,
        });
    }
    out
}

/// The badge of an `unrated` risk: no level yet.
pub fn unrated_level() -> LevelView {
    LevelView {
        id: "unrated".into(),
        label: "Unrated".into(),
        color: "#57606a".into(),
        text_color: "#ffffff".into(),
        rank: 0,
        severity: "unrated".into(),
    }
}

/// The probability or impact of an `unrated` risk.
pub fn unrated_rating() -> RatingView {
    RatingView {
        text: "unrated".into(),
        label: "Unrated".into(),
        note: None,
    }
}

pub fn rating(scale: &crate::model::Scale, r: &Rating) -> RatingView {
    let label = if r.low == r.high {
        scale.entries[r.high].label.clone()
    } else {
        format!(
            "{}–{}",
            scale.entries[r.low].label, scale.entries[r.high].label
        )
    };
    RatingView {
        text: r.text.clone(),
        label,
        note: r.note.clone(),
    }
}

pub fn taxonomy_links(kind: Taxonomy, names: &[String]) -> Vec<Link> {
    names
        .iter()
        .map(|n| Link {
            text: n.clone(),
            url: kind.url(n),
        })
        .collect()
}

pub fn risk_row(site: &Site, rr: RiskRef) -> RiskRow {
    let reg = &site.registers[rr.register];
    let fw = &reg.framework;
    let r = site.risk(rr);
    let due = r.review_due(fw.review_every_days);
    let active = r.is_active(fw);
    RiskRow {
        id: r.id.clone(),
        title: r.title.clone(),
        url: urls::risk(reg, r),
        register: Link {
            text: reg.title.clone(),
            url: urls::register(reg),
        },
        level: r.level().map_or_else(unrated_level, |l| level(fw, l)),
        score: r.rated.as_ref().and_then(|x| x.assessment.score).map(num),
        probability: r
            .rated
            .as_ref()
            .map_or_else(unrated_rating, |x| rating(&fw.probability, &x.probability)),
        impact: r
            .rated
            .as_ref()
            .map_or_else(unrated_rating, |x| rating(&fw.impact, &x.impact)),
        status: status(fw, r.status),
        owners: taxonomy_links(Taxonomy::Owner, &r.owners),
        category: r.category.as_ref().map(|c| Link {
            text: c.clone(),
            url: Taxonomy::Category.url(c),
        }),
        tags: taxonomy_links(Taxonomy::Tag, &r.tags),
        watchlist: r.watchlist,
        review_due: due.map(|d| d.to_string()),
        overdue: active && due.is_some_and(|d| d < site.today),
        acceptance_expired: r.acceptance_expired(site.today).is_some(),
        trigger: r
            .trigger
            .as_ref()
            .map(|t| crate::markdown::plain_text(&t.summary())),
    }
}

/// The commit that last changed a page's source.
#[derive(Debug, Clone, Serialize)]
pub struct Updated {
    pub date: String,
    pub short: String,
    pub subject: String,
    pub author: String,
}
