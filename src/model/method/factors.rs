//! Custom factors (`method: { factors: ..., scale: [lo, hi] }`): a
//! register's own likelihood and impact factors with weights. Likelihood
//! and impact are the weighted means of their factors; the score is their
//! product (or sum, with `scoring: sum`) and the level the register's by
//! `min`. The matrix places each risk in the step or band of the range
//! nearest to each mean.

use std::sync::Arc;

/// One factor of a group.
#[derive(Debug, Clone, PartialEq)]
pub struct Factor {
    pub id: String,
    pub label: String,
    /// Greater than zero.
    pub weight: f64,
    pub description: Option<String>,
}

/// A register's factor definition, validated: ids unique across both
/// groups, weights above zero, `low < high`.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorSet {
    pub likelihood: Vec<Factor>,
    pub impact: Vec<Factor>,
    pub low: f64,
    pub high: f64,
}

/// A risk's values, in the order of the set's factors; each within the
/// set's range.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorValues {
    pub set: Arc<FactorSet>,
    pub likelihood: Vec<f64>,
    pub impact: Vec<f64>,
}

/// To two decimals: the means and score a reader can check by hand from
/// what the page shows.
fn cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn weighted_mean(factors: &[Factor], values: &[f64]) -> f64 {
    let total: f64 = factors.iter().map(|f| f.weight).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let sum: f64 = factors.iter().zip(values).map(|(f, v)| f.weight * v).sum();
    cents(sum / total)
}

impl FactorValues {
    /// The weighted mean of the likelihood factors, to two decimals.
    pub fn likelihood(&self) -> f64 {
        weighted_mean(&self.set.likelihood, &self.likelihood)
    }

    /// The weighted mean of the impact factors, to two decimals.
    pub fn impact(&self) -> f64 {
        weighted_mean(&self.set.impact, &self.impact)
    }

    /// The score: the means' product, or their sum (`scoring: sum`).
    pub fn score(&self, sum: bool) -> f64 {
        if sum {
            cents(self.likelihood() + self.impact())
        } else {
            cents(self.likelihood() * self.impact())
        }
    }
}

/// The matrix's rows and columns on a range: each whole number when the
/// range spans six or fewer (`[1, 5]`: 1..5), else five equal bands
/// (`[0, 9]`: 0–1.8, ..., 7.2–9). Each as (label, value): a band's value
/// is its midpoint, which colours its cells and is nearest to every mean
/// inside it.
pub fn steps(low: f64, high: f64) -> Vec<(String, f64)> {
    let span = high - low;
    if low.fract() == 0.0 && span.fract() == 0.0 && span <= 6.0 {
        return (0..=span as usize)
            .map(|k| (crate::model::num(low + k as f64), low + k as f64))
            .collect();
    }
    let width = span / 5.0;
    (0..5)
        .map(|k| {
            let (a, b) = (low + width * k as f64, low + width * (k + 1) as f64);
            (
                format!("{}–{}", crate::model::num(a), crate::model::num(b)),
                (a + b) / 2.0,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_whole_numbers_on_a_short_range_and_five_bands_on_a_long_one() {
        let values = |low, high| {
            steps(low, high)
                .into_iter()
                .map(|s| s.1)
                .collect::<Vec<_>>()
        };
        assert_eq!(values(1.0, 5.0), [1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(values(0.0, 1.0), [0.0, 1.0]);
        assert_eq!(values(0.0, 100.0), [10.0, 30.0, 50.0, 70.0, 90.0]);
        let labels = steps(0.0, 9.0).into_iter().map(|s| s.0).collect::<Vec<_>>();
        assert_eq!(labels, ["0–1.8", "1.8–3.6", "3.6–5.4", "5.4–7.2", "7.2–9"]);
    }
}
