//! How a risk is scored and levelled: the framework (scales, scoring rule,
//! levels, statuses) a register uses, and `Framework::assess`, where a
//! risk's score and level are computed.

use super::scale::{Rating, Scale};
use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, Clone, Serialize)]
pub struct Level {
    pub id: String,
    pub label: String,
    pub min: f64,
    /// Background colour, `#rrggbb`.
    pub color: String,
    /// `#000000` or `#ffffff`, whichever contrasts more with `color`.
    pub text_color: String,
    pub description: Option<String>,
    /// Index into the framework's `severities`: what the level counts as
    /// across the site.
    #[serde(skip)]
    pub severity: usize,
}

/// One step of the site-wide severity scale (`severities:` in `site.yaml`):
/// registers keep their own levels, and dashboards count by these.
#[derive(Debug, Clone, Serialize)]
pub struct Severity {
    pub id: String,
    pub label: String,
    /// Background colour, `#rrggbb`.
    pub color: String,
    /// `#000000` or `#ffffff`, whichever contrasts more with `color`.
    pub text_color: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub id: String,
    pub label: String,
    pub active: bool,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scoring {
    Product,
    Sum,
    /// Level index per cell; rows are probability from highest to lowest,
    /// columns impact from lowest to highest.
    Grid(Vec<Vec<usize>>),
    /// A score per cell, in the same layout (a scoring table that follows no
    /// formula); levels then come from their `min`.
    ScoreGrid(Vec<Vec<f64>>),
}

#[derive(Debug, Clone, Serialize)]
pub struct Framework {
    /// The words for the axes and the score.
    pub labels: Labels,
    pub probability: Scale,
    pub impact: Scale,
    pub scoring: Scoring,
    /// Ordered from lowest to highest.
    pub levels: Vec<Level>,
    pub statuses: Vec<Status>,
    pub review_every_days: u32,
    /// The site's severity scale, lowest first; the same for every
    /// register of a site.
    #[serde(skip)]
    pub severities: Arc<Vec<Severity>>,
    /// How risks are rated; on the site's framework, the default of its
    /// registers.
    pub method: super::method::Method,
    /// How losses in money are simulated and shown; the same for every
    /// register of a site.
    #[serde(skip)]
    pub quant: Arc<super::quant::QuantConfig>,
}

/// The organisation's words for the axes and the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Labels {
    pub probability: String,
    pub impact: String,
    pub score: String,
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            probability: "Probability".into(),
            impact: "Impact".into(),
            score: "Score".into(),
        }
    }
}

/// The computed rating of a risk.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Assessment {
    /// `None` under grid scoring.
    pub score: Option<f64>,
    pub level: usize,
}

impl Framework {
    /// The score of a probability and impact (scored by the upper end of a range).
    pub fn score(&self, p: &Rating, i: &Rating) -> Option<f64> {
        self.score_cell(p.high, i.high)
    }

    fn score_cell(&self, p: usize, i: usize) -> Option<f64> {
        let pv = self.probability.entries[p].value;
        let iv = self.impact.entries[i].value;
        match &self.scoring {
            Scoring::Product => Some(pv * iv),
            Scoring::Sum => Some(pv + iv),
            Scoring::Grid(_) => None,
            Scoring::ScoreGrid(grid) => Some(grid[self.probability.len() - 1 - p][i]),
        }
    }

    /// The level of a matrix cell given by probability and impact indexes.
    pub fn cell_level(&self, p: usize, i: usize) -> usize {
        match (&self.scoring, self.score_cell(p, i)) {
            (Scoring::Grid(grid), _) => {
                let row = self.probability.len() - 1 - p;
                grid[row][i]
            }
            (_, Some(score)) => self.level_for_score(score),
            (_, None) => 0,
        }
    }

    /// The highest level whose `min` the score reaches; below every `min`, the lowest.
    pub fn level_for_score(&self, score: f64) -> usize {
        self.levels
            .iter()
            .rposition(|l| score >= l.min)
            .unwrap_or(0)
    }

    pub fn assess(&self, p: &Rating, i: &Rating) -> Assessment {
        Assessment {
            score: self.score(p, i),
            level: self.cell_level(p.high, i.high),
        }
    }

    /// The site-wide severity a level counts as.
    pub fn severity(&self, level: usize) -> &Severity {
        &self.severities[self.levels[level].severity]
    }

    pub fn status_index(&self, text: &str) -> Option<usize> {
        let t = text.trim();
        self.statuses
            .iter()
            .position(|s| s.id.eq_ignore_ascii_case(t) || s.label.eq_ignore_ascii_case(t))
    }

    /// The status a risk gets when it names none: the first active one.
    pub fn default_status(&self) -> usize {
        self.statuses.iter().position(|s| s.active).unwrap_or(0)
    }

    /// Whether a level is one of the two highest of this framework.
    pub fn is_top_two(&self, level: usize) -> bool {
        level + 2 >= self.levels.len()
    }

    /// Same scales and scoring: risks of both can share one matrix.
    pub fn same_matrix(&self, other: &Framework) -> bool {
        let ids = |s: &Scale| {
            s.entries
                .iter()
                .map(|e| (e.id.clone(), e.value))
                .collect::<Vec<_>>()
        };
        ids(&self.probability) == ids(&other.probability)
            && ids(&self.impact) == ids(&other.impact)
            && self.scoring == other.scoring
            && self
                .levels
                .iter()
                .map(|l| (&l.id, l.min))
                .collect::<Vec<_>>()
                == other
                    .levels
                    .iter()
                    .map(|l| (&l.id, l.min))
                    .collect::<Vec<_>>()
    }
}

/// Parses `#rgb` or `#rrggbb` into its channels.
pub fn parse_color(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.trim().strip_prefix('#')?;
    let digits: Vec<u8> = match hex.len() {
        3 => hex
            .chars()
            .map(|c| c.to_digit(16).map(|d| (d * 17) as u8))
            .collect::<Option<_>>()?,
        6 => (0..3)
            .map(|i| u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok())
            .collect::<Option<_>>()?,
        _ => return None,
    };
    Some((digits[0], digits[1], digits[2]))
}

fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG contrast ratio between two colours.
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// Black or white text, whichever reads better on `background`.
pub fn text_color_for(background: (u8, u8, u8)) -> &'static str {
    if contrast(background, (0, 0, 0)) >= contrast(background, (255, 255, 255)) {
        "#000000"
    } else {
        "#ffffff"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_colour_always_reaches_aa_for_large_text() {
        for bg in [
            "#2da44e", "#d4a72c", "#e16f24", "#cf222e", "#ffff00", "#000080", "#777777",
        ] {
            let c = parse_color(bg).unwrap();
            let t = parse_color(text_color_for(c)).unwrap();
            assert!(contrast(c, t) >= 4.5, "{bg}: {}", contrast(c, t));
        }
    }

    #[test]
    fn every_colour_gets_aa_contrast() {
        // The better of black and white always reaches 4.58:1 or more.
        let steps = (0..=255u16).step_by(15).map(|v| v as u8);
        for r in steps.clone() {
            for g in steps.clone() {
                for b in steps.clone() {
                    let t = parse_color(text_color_for((r, g, b))).unwrap();
                    assert!(contrast((r, g, b), t) >= 4.5, "#{r:02x}{g:02x}{b:02x}");
                }
            }
        }
    }

    #[test]
    fn parses_short_and_long_colours() {
        assert_eq!(parse_color("#fff"), Some((255, 255, 255)));
        assert_eq!(parse_color("#2da44e"), Some((0x2d, 0xa4, 0x4e)));
        assert_eq!(parse_color("red"), None);
        assert_eq!(parse_color("#12345"), None);
    }
}
