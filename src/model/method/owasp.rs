//! The OWASP Risk Rating Methodology: eight likelihood factors, four
//! technical and four business impact factors, 0..9 each; likelihood and
//! impact are means, each banded Low (< 3), Medium (< 6) or High, and the
//! severity is the methodology's 3 x 3 table.

use crate::model::scale::{Scale, ScaleEntry};
use crate::model::scoring::{Framework, Labels, Scoring};

/// The likelihood factors, in the methodology's order: threat agent, then
/// vulnerability.
pub const LIKELIHOOD: [(&str, &str); 8] = [
    ("skill", "Skill level"),
    ("motive", "Motive"),
    ("opportunity", "Opportunity"),
    ("size", "Size"),
    ("discovery", "Ease of discovery"),
    ("exploit", "Ease of exploit"),
    ("awareness", "Awareness"),
    ("detection", "Intrusion detection"),
];

/// Technical impact factors.
pub const TECHNICAL: [(&str, &str); 4] = [
    ("confidentiality", "Loss of confidentiality"),
    ("integrity", "Loss of integrity"),
    ("availability", "Loss of availability"),
    ("accountability", "Loss of accountability"),
];

/// Business impact factors.
pub const BUSINESS: [(&str, &str); 4] = [
    ("financial", "Financial damage"),
    ("reputation", "Reputation damage"),
    ("compliance", "Non-compliance"),
    ("privacy", "Privacy violation"),
];

/// The highest a factor may be.
pub const MAX: f64 = 9.0;

/// A risk's factors, validated (each 0..9).
#[derive(Debug, Clone, PartialEq)]
pub struct Owasp {
    pub likelihood: [f64; 8],
    pub technical: [f64; 4],
    /// All four, or none.
    pub business: Option<[f64; 4]>,
}

/// Low, Medium or High: the index into the OWASP scales.
pub fn band(mean: f64) -> usize {
    if mean < 3.0 {
        0
    } else if mean < 6.0 {
        1
    } else {
        2
    }
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

impl Owasp {
    /// The mean of the eight likelihood factors.
    pub fn likelihood(&self) -> f64 {
        mean(&self.likelihood)
    }

    /// The mean of the business factors where all four are given, else of
    /// the technical ones.
    pub fn impact(&self) -> f64 {
        match &self.business {
            Some(b) => mean(b),
            None => mean(&self.technical),
        }
    }

    /// Whether the impact is the business factors' mean.
    pub fn impact_is_business(&self) -> bool {
        self.business.is_some()
    }
}

/// The framework of `method: owasp`: likelihood and impact banded Low,
/// Medium, High; levels Note, Low, Medium, High, Critical from the
/// methodology's table. Statuses, review cadence and severities are the
/// base's; the levels' severities are set by validation (by name, Note
/// counting as the lowest).
pub fn framework(base: &Framework) -> Framework {
    let entry = |id: &str, label: &str, value: f64, d: &str| ScaleEntry {
        id: id.into(),
        label: label.into(),
        value,
        description: Some(d.into()),
    };
    let bands = |what: &str| Scale {
        entries: vec![
            entry("low", "Low", 1.0, &format!("{what} 0 to < 3")),
            entry("medium", "Medium", 2.0, &format!("{what} 3 to < 6")),
            entry("high", "High", 3.0, &format!("{what} 6 to 9")),
        ],
    };
    let levels = super::levels(&[
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
        method: super::Method::Owasp,
        ..base.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_follow_the_methodology() {
        assert_eq!(
            [
                band(0.0),
                band(2.99),
                band(3.0),
                band(5.99),
                band(6.0),
                band(9.0)
            ],
            [0, 0, 1, 1, 2, 2]
        );
    }

    #[test]
    fn business_impact_wins_when_all_four_are_given() {
        let o = Owasp {
            likelihood: [1.0; 8],
            technical: [8.0, 8.0, 8.0, 8.0],
            business: Some([1.0, 2.0, 3.0, 2.0]),
        };
        assert_eq!(o.impact(), 2.0);
        assert_eq!(
            Owasp {
                business: None,
                ..o
            }
            .impact(),
            8.0
        );
    }
}
