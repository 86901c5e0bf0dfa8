//! The OWASP Risk Rating Methodology: eight likelihood factors, four
//! technical and four business impact factors, 0..9 each; likelihood and
//! impact are means, each banded Low (< 3), Medium (< 6) or High, and the
//! severity is the methodology's 3 x 3 table.

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
