//! Risks in money: how often a loss event happens and what one costs,
//! simulated year by year (see `simulate`). Inputs are validated
//! estimates; the figures are what a reader sees and the exports carry.

pub mod rates;
pub mod simulate;

use rand::Rng;
use rand_distr::{Distribution, LogNormal, Pert};

/// The z-score of the 95th percentile: a 90% range's low and high are
/// mu -/+ Z95 sigma of the logarithm.
const Z95: f64 = 1.644_853_626_951_472_2;

/// A validated uncertain quantity.
#[derive(Debug, Clone, PartialEq)]
pub enum Estimate {
    Fixed(f64),
    /// A 90% range as the 5th and 95th percentile of a lognormal.
    Range {
        low: f64,
        high: f64,
    },
    /// A PERT (beta) estimate, `min <= likely <= max`, `min < max`.
    Pert {
        min: f64,
        likely: f64,
        max: f64,
    },
}

/// An estimate ready to draw from.
#[derive(Debug, Clone)]
pub enum Sampler {
    Fixed(f64),
    LogNormal(LogNormal<f64>),
    Pert(Pert<f64>),
}

impl Estimate {
    /// The lognormal's mu and sigma of a range.
    pub fn log_params(low: f64, high: f64) -> (f64, f64) {
        let (a, b) = (low.ln(), high.ln());
        ((a + b) / 2.0, (b - a) / (2.0 * Z95))
    }

    /// The distribution's mean.
    pub fn mean(&self) -> f64 {
        match *self {
            Estimate::Fixed(x) => x,
            Estimate::Range { low, high } => {
                let (mu, sigma) = Self::log_params(low, high);
                (mu + sigma * sigma / 2.0).exp()
            }
            Estimate::Pert { min, likely, max } => (min + 4.0 * likely + max) / 6.0,
        }
    }

    /// `None` only for parameters validation refuses.
    pub fn sampler(&self) -> Option<Sampler> {
        Some(match *self {
            Estimate::Fixed(x) => Sampler::Fixed(x),
            Estimate::Range { low, high } => {
                let (mu, sigma) = Self::log_params(low, high);
                Sampler::LogNormal(LogNormal::new(mu, sigma).ok()?)
            }
            Estimate::Pert { min, likely, max } => {
                Sampler::Pert(Pert::new(min, max).with_mode(likely).ok()?)
            }
        })
    }
}

impl Sampler {
    pub fn draw<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            Sampler::Fixed(x) => *x,
            Sampler::LogNormal(d) => d.sample(rng),
            Sampler::Pert(d) => d.sample(rng),
        }
    }
}

/// The most loss events a year a risk may average: the simulation draws
/// every event, so its time grows with this times the trials.
pub const MAX_FREQUENCY: f64 = 1_000.0;

/// The largest mean an amount may have (10^15 in whole currency units):
/// totals of thousands of risks stay exact to the unit in an f64, and a
/// 90% range so wide that its mean overflows is refused.
pub const MAX_AMOUNT: f64 = 1e15;

/// A risk's loss model: events per year and one event's loss.
#[derive(Debug, Clone, PartialEq)]
pub struct Exposure {
    pub frequency: Estimate,
    pub loss: Estimate,
}

/// A risk's quantitative inputs and what the simulation made of them
/// (`None` until simulated: old versions in the history are not).
#[derive(Debug, Clone)]
pub struct Quant {
    pub inherent: Exposure,
    pub residual: Option<Exposure>,
    pub mitigation_cost: Option<f64>,
    pub figures: Option<Figures>,
    pub residual_figures: Option<Figures>,
}

impl Quant {
    /// (expected loss before - after - cost) / cost, with a residual and a
    /// cost above zero.
    pub fn return_on_mitigation(&self) -> Option<f64> {
        let before = self.figures.as_ref()?;
        let after = self.residual_figures.as_ref()?;
        let cost = self.mitigation_cost.filter(|c| *c > 0.0)?;
        Some((before.mean - after.mean - cost) / cost)
    }

    /// Simulates the inherent and residual losses of risk `id` of
    /// `register`, each on a stream of its own; leaves the inherent years
    /// in `years`, in trial order, for the register's total.
    pub fn simulate(
        &mut self,
        config: &QuantConfig,
        register: &str,
        id: &str,
        years: &mut Vec<f64>,
    ) {
        let run = |e: &Exposure, part: &str, out: &mut Vec<f64>| {
            let mut rng = simulate::stream(config.seed, register, id, part);
            simulate::years(e, config.trials, &mut rng, out);
        };
        if let Some(r) = &self.residual {
            run(r, "residual", years);
            self.residual_figures = Some(simulate::figures(years));
        }
        run(&self.inherent, "inherent", years);
        self.figures = Some(simulate::figures(years));
    }
}

/// The summed losses of several risks (a register, the site): each
/// year's total in trial order, and its figures.
#[derive(Debug, Clone)]
pub struct Total {
    pub years: Vec<f64>,
    pub figures: Figures,
    /// The biggest contributors' share of the worst years (at or above the
    /// total's 95th percentile), by register and risk id.
    pub tail: Vec<((String, String), f64)>,
}

/// How many of the biggest contributors get their share of the worst
/// years: each is simulated once more.
pub const TAIL_CONTRIBUTORS: usize = 10;

impl Total {
    /// The total of years added trial by trial (risks are independent).
    pub fn of(years: Vec<f64>) -> Total {
        Total {
            figures: simulate::figures(&years),
            years,
            tail: Vec::new(),
        }
    }

    /// The part of the total's worst years (at or above its 95th
    /// percentile) that a risk's years, in trial order, make up.
    pub fn tail_share(&self, risk_years: &[f64]) -> f64 {
        let threshold = self.figures.p95;
        let (mut part, mut whole) = (0.0, 0.0);
        for (total, risk) in self.years.iter().zip(risk_years) {
            if *total >= threshold && *total > 0.0 {
                part += risk;
                whole += total;
            }
        }
        if whole > 0.0 { part / whole } else { 0.0 }
    }

    /// Gives the `TAIL_CONTRIBUTORS` biggest of `risks` (register id, risk
    /// id, quantities; biggest expected loss first) their share of the
    /// worst years, simulating each again on its own stream.
    pub fn shares_of(&mut self, risks: &[(&str, &str, &Quant)], config: &QuantConfig) {
        let mut years = Vec::new();
        self.tail = risks
            .iter()
            .take(TAIL_CONTRIBUTORS)
            .map(|(reg, id, q)| {
                let mut rng = simulate::stream(config.seed, reg, id, "inherent");
                simulate::years(&q.inherent, config.trials, &mut rng, &mut years);
                (
                    ((*reg).to_string(), (*id).to_string()),
                    self.tail_share(&years),
                )
            })
            .collect();
    }

    /// Adds `other`'s years into `into`, trial by trial.
    pub fn add(into: &mut Vec<f64>, other: &[f64]) {
        if into.is_empty() {
            into.extend_from_slice(other);
        } else {
            for (a, b) in into.iter_mut().zip(other) {
                *a += b;
            }
        }
    }

    /// The appetite points this total passes above: P(loss >= point) is
    /// at least the point's probability.
    pub fn exceeded<'a>(&self, appetite: &'a [Appetite]) -> Vec<(&'a Appetite, f64)> {
        let sorted = simulate::Sorted::new(&self.years);
        appetite
            .iter()
            .map(|a| (a, sorted.exceedance(a.loss)))
            .filter(|(a, p)| *p >= a.probability)
            .collect()
    }
}

/// The annual loss of a simulated risk (or a sum of risks).
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Expected annual loss.
    pub mean: f64,
    pub median: f64,
    /// The probability of any loss in a year.
    pub p_any: f64,
    pub p90: f64,
    pub p95: f64,
    pub p99: f64,
    /// The loss exceedance curve: (loss, P(annual loss >= loss)), losses
    /// ascending on a logarithmic grid.
    pub curve: Vec<(f64, f64)>,
}

/// `quantitative:` of `site.yaml`, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantConfig {
    /// An ISO 4217 code.
    pub currency: String,
    pub trials: usize,
    pub seed: u64,
    pub appetite: Vec<Appetite>,
}

impl Default for QuantConfig {
    fn default() -> Self {
        QuantConfig {
            currency: "USD".into(),
            trials: 10_000,
            seed: 1,
            appetite: Vec::new(),
        }
    }
}

/// The organisation accepts P(annual loss >= loss) < probability.
#[derive(Debug, Clone, PartialEq)]
pub struct Appetite {
    pub loss: f64,
    pub probability: f64,
}

/// An amount as shown: the currency code and thousands separators,
/// whole units (`EUR 1,250,000`).
pub fn money(currency: &str, amount: f64) -> String {
    let whole = amount.round() as i128;
    let digits = whole.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if whole < 0 { "-" } else { "" };
    format!("{currency} {sign}{grouped}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money("EUR", 1_250_000.4), "EUR 1,250,000");
        assert_eq!(money("USD", 999.6), "USD 1,000");
        assert_eq!(money("USD", 0.0), "USD 0");
        assert_eq!(money("GBP", -12_345.0), "GBP -12,345");
    }

    #[test]
    fn a_ranges_mean_is_the_lognormals() {
        // low = high: no spread, the mean is the value.
        let e = Estimate::Range {
            low: 100.0,
            high: 100.0,
        };
        assert!((e.mean() - 100.0).abs() < 1e-9);
        assert_eq!(
            Estimate::Pert {
                min: 0.0,
                likely: 3.0,
                max: 6.0
            }
            .mean(),
            3.0
        );
    }
}
