//! The frameworks of the methods other than the matrix: each method's
//! scales, scoring and levels over a register's statuses and cadence.

use crate::model::method::factors::{self as factors_model, FactorSet};
use crate::model::method::{Method, cvss as cvss_model};
use crate::model::scale::{Scale, ScaleEntry};
use crate::model::scoring::{Framework, Labels, Scoring};
use std::sync::Arc;

/// One step of a method's scale, described.
fn entry(id: &str, label: &str, value: f64, description: &str) -> ScaleEntry {
    ScaleEntry {
        id: id.into(),
        label: label.into(),
        value,
        description: Some(description.into()),
    }
}

/// The framework of `method: owasp`: likelihood and impact banded Low,
/// Medium, High; levels Note, Low, Medium, High, Critical from the
/// methodology's table. Statuses, review cadence and severities are the
/// base's; the levels' severities are set by validation (by name, Note
/// counting as the lowest).
pub fn owasp(base: &Framework) -> Framework {
    let bands = |what: &str| Scale {
        entries: vec![
            entry("low", "Low", 1.0, &format!("{what} 0 to < 3")),
            entry("medium", "Medium", 2.0, &format!("{what} 3 to < 6")),
            entry("high", "High", 3.0, &format!("{what} 6 to 9")),
        ],
    };
    let levels = levels(&[
        ("note", "Note", 0.0, "#6e7781"),
        ("low", "Low", 0.0, "#2da44e"),
        ("medium", "Medium", 0.0, "#d4a72c"),
        ("high", "High", 0.0, "#e16f24"),
        ("critical", "Critical", 0.0, "#cf222e"),
    ]);
    Framework {
        labels: Labels {
            probability: "Likelihood".into(),
            impact: "Impact".into(),
            score: base.labels.score.clone(),
        },
        probability: bands("mean likelihood"),
        impact: bands("mean impact"),
        // Rows from the highest likelihood; columns impact Low, Medium, High.
        scoring: Scoring::Grid(vec![vec![2, 3, 4], vec![1, 2, 3], vec![0, 1, 2]]),
        levels,
        method: Method::Owasp,
        ..base.clone()
    }
}

/// The framework of `method: cvss`: rows are the versions, columns the
/// rating bands of the base score (None 0.0, Low 0.1-3.9, Medium 4.0-6.9,
/// High 7.0-8.9, Critical 9.0-10.0), and the levels those bands.
pub fn cvss(base: &Framework) -> Framework {
    Framework {
        labels: Labels {
            probability: "CVSS version".into(),
            impact: "Rating".into(),
            score: "CVSS score".into(),
        },
        probability: Scale {
            entries: cvss_model::VERSIONS
                .iter()
                .enumerate()
                .map(|(i, v)| entry(v, &format!("CVSS {v}"), (i + 1) as f64, "vector version"))
                .collect(),
        },
        impact: Scale {
            entries: vec![
                entry("none", "None", 0.0, "0.0"),
                entry("low", "Low", 1.0, "0.1 to 3.9"),
                entry("medium", "Medium", 2.0, "4.0 to 6.9"),
                entry("high", "High", 3.0, "7.0 to 8.9"),
                entry("critical", "Critical", 4.0, "9.0 to 10.0"),
            ],
        },
        scoring: Scoring::Grid(vec![vec![0, 1, 2, 3, 4]; cvss_model::VERSIONS.len()]),
        levels: levels(&[
            ("none", "None", 0.0, "#6e7781"),
            ("low", "Low", 0.1, "#2da44e"),
            ("medium", "Medium", 4.0, "#d4a72c"),
            ("high", "High", 7.0, "#e16f24"),
            ("critical", "Critical", 9.0, "#cf222e"),
        ]),
        method: Method::Cvss,
        ..base.clone()
    }
}

/// The framework of a register rated by `set`: the matrix's steps as both
/// scales, `base`'s levels and statuses, product scoring unless `base`
/// sums.
pub fn factors(base: &Framework, set: Arc<FactorSet>) -> Framework {
    let scale = || Scale {
        entries: factors_model::steps(set.low, set.high)
            .into_iter()
            .map(|(id, value)| ScaleEntry {
                label: id.clone(),
                id,
                value,
                description: None,
            })
            .collect(),
    };
    Framework {
        labels: Labels {
            probability: "Likelihood".into(),
            impact: "Impact".into(),
            score: base.labels.score.clone(),
        },
        probability: scale(),
        impact: scale(),
        scoring: match base.scoring {
            Scoring::Sum => Scoring::Sum,
            _ => Scoring::Product,
        },
        method: Method::Factors(set),
        ..base.clone()
    }
}

/// A preset's levels: id, label, `min`, colour; severities are mapped by
/// validation.
fn levels(spec: &[(&str, &str, f64, &str)]) -> Vec<crate::model::Level> {
    use crate::model::scoring::{parse_color, text_color_for};
    spec.iter()
        .map(|(id, label, min, color)| crate::model::Level {
            id: (*id).into(),
            label: (*label).into(),
            min: *min,
            color: (*color).into(),
            text_color: text_color_for(parse_color(color).unwrap_or((0, 0, 0))).into(),
            description: None,
            severity: 0,
        })
        .collect()
}
