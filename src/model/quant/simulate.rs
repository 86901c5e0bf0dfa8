//! The Monte Carlo simulation: one trial is one year. Each risk draws from
//! its own random stream, seeded by the site's seed, its register and its
//! id, so its numbers never depend on thread scheduling or on the other
//! risks.

use super::{Exposure, Figures};
use rand::SeedableRng;
use rand_distr::{Distribution, Poisson};
use rand_pcg::Pcg64Mcg;

/// The stream of one risk: FNV-1a over the seed and the names, a stable
/// hash (std's `DefaultHasher` may change between Rust versions).
pub fn stream(seed: u64, register: &str, risk: &str, part: &str) -> Pcg64Mcg {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in seed
        .to_le_bytes()
        .iter()
        .chain([0xff].iter())
        .chain(register.as_bytes())
        .chain([0xff].iter())
        .chain(risk.as_bytes())
        .chain([0xff].iter())
        .chain(part.as_bytes())
    {
        h ^= u64::from(*byte);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    Pcg64Mcg::seed_from_u64(h)
}

/// `trials` simulated years of `e`: the loss of each year, in trial order.
pub fn years(e: &Exposure, trials: usize, rng: &mut Pcg64Mcg) -> Vec<f64> {
    let (Some(rate), Some(loss)) = (e.frequency.sampler(), e.loss.sampler()) else {
        return vec![0.0; trials];
    };
    // A fixed rate: one Poisson for every year.
    let fixed = match rate {
        super::Sampler::Fixed(r) if r > 0.0 => Poisson::new(r).ok(),
        _ => None,
    };
    let mut out = Vec::with_capacity(trials);
    for _ in 0..trials {
        let events = match &fixed {
            Some(p) => p.sample(rng),
            None => {
                let r = rate.draw(rng);
                if r > 0.0 {
                    Poisson::new(r).map_or(0.0, |p| p.sample(rng))
                } else {
                    0.0
                }
            }
        };
        let mut year = 0.0;
        for _ in 0..events as u64 {
            year += loss.draw(rng);
        }
        out.push(year);
    }
    out
}

/// The value at quantile `q` of sorted losses (nearest rank).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// P(annual loss >= x) of sorted losses.
pub fn exceedance(sorted: &[f64], x: f64) -> f64 {
    let below = sorted.partition_point(|v| *v < x);
    (sorted.len() - below) as f64 / sorted.len().max(1) as f64
}

/// The figures of a set of simulated years (sorted here).
pub fn figures(mut years: Vec<f64>) -> Figures {
    years.sort_by(f64::total_cmp);
    let n = years.len().max(1) as f64;
    let mean = years.iter().sum::<f64>() / n;
    let p_any = years.iter().filter(|y| **y > 0.0).count() as f64 / n;
    // The curve: 60 points on a log grid from the smallest loss to the largest.
    let first = years.iter().copied().find(|y| *y > 0.0);
    let last = years.last().copied().unwrap_or(0.0);
    let curve = match first {
        Some(lo) if last > lo => {
            let (a, b) = (lo.ln(), last.ln());
            (0..=60)
                .map(|k| {
                    let x = (a + (b - a) * k as f64 / 60.0).exp();
                    (x, exceedance(&years, x))
                })
                .collect()
        }
        Some(lo) => vec![(lo, exceedance(&years, lo))],
        None => Vec::new(),
    };
    Figures {
        mean,
        median: quantile(&years, 0.5),
        p_any,
        p90: quantile(&years, 0.9),
        p95: quantile(&years, 0.95),
        p99: quantile(&years, 0.99),
        curve,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_nearest_rank() {
        let xs: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(quantile(&xs, 0.5), 5.0);
        assert_eq!(quantile(&xs, 0.9), 9.0);
        assert_eq!(quantile(&xs, 0.95), 10.0);
        assert_eq!(exceedance(&xs, 9.5), 0.1);
        assert_eq!(exceedance(&xs, 1.0), 1.0);
    }

    #[test]
    fn a_stream_depends_on_the_names_only() {
        use rand::Rng;
        let a: u64 = stream(1, "ops", "R-1", "inherent").random();
        let b: u64 = stream(1, "ops", "R-1", "inherent").random();
        let c: u64 = stream(1, "ops", "R-2", "inherent").random();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
