//! What changed in risk terms between two versions of a register.

use crate::model::history::{Change, ChangeKind};
use crate::model::num;
use crate::model::{Framework, Register, Risk};
use std::collections::BTreeMap;

/// The fields compared, per risk, as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskState {
    title: String,
    status: String,
    probability: String,
    impact: String,
    score: String,
    level: String,
    /// Level index in the current framework, when the level id still exists.
    level_index: Option<usize>,
    owner: String,
    residual: String,
    active: bool,
}

/// A register at one commit: its risks by id.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    risks: BTreeMap<String, RiskState>,
}

/// What an unrated risk's probability, impact and level read as.
pub const UNRATED: &str = "unrated";

impl RiskState {
    /// `fw` is the framework of the version, `current` the register's today
    /// (for the trend chart's levels).
    pub fn of(r: &Risk, fw: &Framework, current: &Framework) -> RiskState {
        let level = r.level().map(|l| &fw.levels[l]);
        let text = |f: fn(&crate::model::Rated) -> &crate::model::Rating| {
            r.rated
                .as_ref()
                .map_or_else(|| UNRATED.to_string(), |x| f(x).text.clone())
        };
        RiskState {
            title: r.title.clone(),
            status: fw.statuses[r.status].id.clone(),
            probability: text(|x| &x.probability),
            impact: text(|x| &x.impact),
            score: r
                .rated
                .as_ref()
                .and_then(|x| x.assessment.score)
                .map(num)
                .unwrap_or_default(),
            level: level.map_or_else(|| UNRATED.to_string(), |l| l.id.clone()),
            level_index: level
                .and_then(|level| current.levels.iter().position(|l| l.id == level.id)),
            owner: r.owners.join(", "),
            residual: r
                .residual
                .as_ref()
                .map(|(p, i, _)| format!("{} x {}", p.text, i.text))
                .unwrap_or_default(),
            active: r.is_active(fw),
        }
    }
}

impl Snapshot {
    pub fn from_states(risks: BTreeMap<String, RiskState>) -> Snapshot {
        Snapshot { risks }
    }

    /// `current` is the register's framework today, for the trend chart's levels.
    pub fn of(reg: &Register, current: &Framework) -> Snapshot {
        let risks = reg
            .risks
            .iter()
            .map(|r| (r.id.clone(), RiskState::of(r, &reg.framework, current)))
            .collect();
        Snapshot { risks }
    }

    pub fn is_empty(&self) -> bool {
        self.risks.is_empty()
    }

    pub fn len(&self) -> usize {
        self.risks.len()
    }

    pub fn active_by_level(&self, levels: usize) -> Vec<usize> {
        let mut counts = vec![0; levels];
        for s in self.risks.values().filter(|s| s.active) {
            if let Some(i) = s.level_index {
                counts[i] += 1;
            }
        }
        counts
    }
}

fn blank(s: &str) -> String {
    if s.is_empty() {
        "(none)".into()
    } else {
        s.to_string()
    }
}

/// Changes from `old` to `new`, by risk id (ids in order), fields in a fixed order.
pub fn changes(old: &Snapshot, new: &Snapshot) -> Vec<Change> {
    let mut out = Vec::new();
    for (id, n) in &new.risks {
        match old.risks.get(id) {
            None => out.push(Change {
                risk: id.clone(),
                title: n.title.clone(),
                kind: ChangeKind::Added,
            }),
            Some(o) => {
                let fields: [(&'static str, &String, &String); 8] = [
                    ("title", &o.title, &n.title),
                    ("status", &o.status, &n.status),
                    ("probability", &o.probability, &n.probability),
                    ("impact", &o.impact, &n.impact),
                    ("score", &o.score, &n.score),
                    ("level", &o.level, &n.level),
                    ("owner", &o.owner, &n.owner),
                    ("residual", &o.residual, &n.residual),
                ];
                for (field, from, to) in fields {
                    if from != to {
                        out.push(Change {
                            risk: id.clone(),
                            title: n.title.clone(),
                            kind: ChangeKind::Changed {
                                field,
                                from: blank(from),
                                to: blank(to),
                            },
                        });
                    }
                }
            }
        }
    }
    for (id, o) in &old.risks {
        if !new.risks.contains_key(id) {
            out.push(Change {
                risk: id.clone(),
                title: o.title.clone(),
                kind: ChangeKind::Removed,
            });
        }
    }
    out
}
