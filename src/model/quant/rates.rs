//! A frequency estimate as the yearly rates a simulated year draws from.
//!
//! An uncertain rate (a 90% range or a PERT) is drawn anew each year, and
//! the year's event count from a Poisson of that rate. Drawing the rate
//! from its continuous distribution costs two `exp` a year (the lognormal
//! and the Poisson's e^-rate), most of a quantified build's time. Instead
//! the distribution is replaced once per risk by `POINTS` weighted rates,
//! each with its Poisson set up in advance: a year then draws a point (an
//! alias table) and a count (the point's Poisson), both rand_distr's.
//!
//! The points are the nodes of a quadrature rule, so the moments of the
//! rate come out as the closed forms give them: a lognormal's by the
//! trapezoid rule on the normal (the mean and variance to 1e-9, see the
//! tests), a PERT's by the midpoint rule on its beta density (the mean to
//! about 1e-5).

use super::Estimate;
use rand::Rng;
use rand_distr::weighted::WeightedAliasIndex;
use rand_distr::{Distribution, Poisson};

/// How many rates stand for an uncertain rate's distribution.
const POINTS: usize = 256;

/// How far (in standard deviations of the rate's logarithm) the points of
/// a lognormal rate reach below its median: beyond it lies 4e-11 of the
/// distribution. Above, they reach as far again beyond 2 sigma, where the
/// rate's second moment has its centre.
const REACH: f64 = 6.5;

/// Weighted rates: (rate, weight), the weights not normalised.
pub fn points(frequency: &Estimate) -> Vec<(f64, f64)> {
    match *frequency {
        Estimate::Fixed(rate) => vec![(rate, 1.0)],
        Estimate::Range { low, high } => {
            let (mu, sigma) = Estimate::log_params(low, high);
            if sigma <= 0.0 {
                return vec![(mu.exp(), 1.0)];
            }
            let step = (2.0 * REACH + 2.0 * sigma) / (POINTS - 1) as f64;
            (0..POINTS)
                .map(|i| {
                    let z = -REACH + step * i as f64;
                    ((mu + sigma * z).exp(), (-z * z / 2.0).exp())
                })
                .collect()
        }
        Estimate::Pert { min, likely, max } => {
            let range = max - min;
            if range <= 0.0 {
                return vec![(min, 1.0)];
            }
            // rand_distr's PERT: a beta(a, b) on min..max, shape 4.
            let a = 1.0 + 4.0 * (likely - min) / range;
            let b = 1.0 + 4.0 * (max - likely) / range;
            (0..POINTS)
                .map(|i| {
                    let x = (i as f64 + 0.5) / POINTS as f64;
                    let density = x.powf(a - 1.0) * (1.0 - x).powf(b - 1.0);
                    (min + range * x, density)
                })
                .collect()
        }
    }
}

/// The number of loss events in a year.
pub struct Counts {
    /// Which rate a year has; `None` for a single rate.
    pick: Option<WeightedAliasIndex<f64>>,
    /// Each rate's Poisson; `None` for a rate of zero (or one beyond what
    /// a Poisson can draw: such a point's weight is below 1e-9).
    poisson: Vec<Option<Poisson<f64>>>,
}

impl Counts {
    pub fn new(frequency: &Estimate) -> Counts {
        let points = points(frequency);
        let pick = if points.len() > 1 {
            WeightedAliasIndex::new(points.iter().map(|p| p.1).collect()).ok()
        } else {
            None
        };
        Counts {
            pick,
            poisson: points.iter().map(|p| Poisson::new(p.0).ok()).collect(),
        }
    }

    pub fn draw<R: Rng + ?Sized>(&self, rng: &mut R) -> u64 {
        let point = self.pick.as_ref().map_or(0, |p| p.sample(rng));
        match &self.poisson[point] {
            Some(p) => p.sample(rng) as u64,
            None => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mean of the weighted rates, and E[e^-rate] (P(no event)).
    fn moments(points: &[(f64, f64)]) -> (f64, f64) {
        let total: f64 = points.iter().map(|p| p.1).sum();
        let mean = points.iter().map(|(r, w)| r * w).sum::<f64>() / total;
        let none = points.iter().map(|(r, w)| (-r).exp() * w).sum::<f64>() / total;
        (mean, none)
    }

    #[test]
    fn a_ranges_points_keep_the_lognormals_mean_and_variance() {
        for (low, high) in [(0.1, 2.0), (0.01, 1.0), (0.5, 40.0), (0.001, 3.0)] {
            let (mu, s) = Estimate::log_params(low, high);
            let ps = points(&Estimate::Range { low, high });
            let (mean, _) = moments(&ps);
            let want = (mu + s * s / 2.0).exp();
            assert!(
                (mean / want - 1.0).abs() < 1e-9,
                "{low}..{high}: {mean} {want}"
            );
            // The second moment, exp(2 mu + 2 s^2).
            let total: f64 = ps.iter().map(|p| p.1).sum();
            let m2 = ps.iter().map(|(r, w)| r * r * w).sum::<f64>() / total;
            let want2 = (2.0 * mu + 2.0 * s * s).exp();
            assert!(
                (m2 / want2 - 1.0).abs() < 1e-9,
                "{low}..{high}: {m2} {want2}"
            );
        }
    }

    #[test]
    fn a_perts_points_keep_its_mean() {
        for (min, likely, max) in [(0.0, 1.0, 4.0), (0.5, 0.5, 2.0), (1.0, 3.0, 3.0)] {
            let (mean, _) = moments(&points(&Estimate::Pert { min, likely, max }));
            let want = (min + 4.0 * likely + max) / 6.0;
            assert!((mean / want - 1.0).abs() < 1e-4, "{mean} {want}");
        }
    }

    #[test]
    fn counts_follow_the_rate() {
        use rand::SeedableRng;
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(3);
        let n = 100_000;
        // A fixed rate: P(no event) = e^-0.9 and the mean 0.9, within five
        // standard errors.
        let c = Counts::new(&Estimate::Fixed(0.9));
        let draws: Vec<u64> = (0..n).map(|_| c.draw(&mut rng)).collect();
        let none = draws.iter().filter(|d| **d == 0).count() as f64 / n as f64;
        let p = (-0.9f64).exp();
        assert!((none - p).abs() < 5.0 * (p * (1.0 - p) / n as f64).sqrt());
        let mean = draws.iter().sum::<u64>() as f64 / n as f64;
        assert!((mean - 0.9).abs() < 5.0 * (0.9 / n as f64).sqrt());
        // A range: P(no event) is E[e^-rate] of its points.
        let e = Estimate::Range {
            low: 0.1,
            high: 2.0,
        };
        let (_, p) = moments(&points(&e));
        let c = Counts::new(&e);
        let none = (0..n).filter(|_| c.draw(&mut rng) == 0).count() as f64 / n as f64;
        assert!((none - p).abs() < 5.0 * (p * (1.0 - p) / n as f64).sqrt());
        // No events at a rate of zero.
        let c = Counts::new(&Estimate::Fixed(0.0));
        assert!((0..100).all(|_| c.draw(&mut rng) == 0));
    }
}
