//! The Monte Carlo simulation: one trial is one year. Each risk draws from
//! its own random stream, seeded by the site's seed, its register and its
//! id, so its numbers never depend on thread scheduling or on the other
//! risks.

use super::rates::Counts;
use super::{Exposure, Figures};
use rand::SeedableRng;
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

/// `trials` simulated years of `e` into `out` (emptied first): the loss of
/// each year, in trial order. The caller keeps `out` from risk to risk, so
/// a thread simulating thousands of risks allocates it once.
pub fn years(e: &Exposure, trials: usize, rng: &mut Pcg64Mcg, out: &mut Vec<f64>) {
    out.clear();
    let Some(loss) = e.loss.sampler() else {
        out.resize(trials, 0.0);
        return;
    };
    let counts = Counts::new(&e.frequency);
    out.reserve(trials);
    for _ in 0..trials {
        let mut year = 0.0;
        for _ in 0..counts.draw(rng) {
            year += loss.draw(rng);
        }
        out.push(year);
    }
}

/// Simulated years in ascending order, kept as the count of loss-free
/// years and the sorted losses: most years of most risks lose nothing,
/// and only the others need sorting.
pub struct Sorted {
    zeros: usize,
    losses: Vec<f64>,
}

impl Sorted {
    pub fn new(years: &[f64]) -> Sorted {
        let total = years.len();
        let mut losses: Vec<f64> = years.iter().copied().filter(|y| *y > 0.0).collect();
        losses.sort_unstable_by(f64::total_cmp);
        Sorted {
            zeros: total - losses.len(),
            losses,
        }
    }

    pub fn len(&self) -> usize {
        self.zeros + self.losses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value at quantile `q` (nearest rank).
    pub fn quantile(&self, q: f64) -> f64 {
        if self.is_empty() {
            return 0.0;
        }
        let rank = ((q * self.len() as f64).ceil() as usize).clamp(1, self.len());
        match rank.checked_sub(self.zeros + 1) {
            Some(i) => self.losses[i],
            None => 0.0,
        }
    }

    /// P(annual loss >= x).
    pub fn exceedance(&self, x: f64) -> f64 {
        let reaching = if x <= 0.0 {
            self.len()
        } else {
            self.losses.len() - self.losses.partition_point(|v| *v < x)
        };
        reaching as f64 / self.len().max(1) as f64
    }
}

/// The figures of a set of simulated years.
pub fn figures(years: &[f64]) -> Figures {
    let n = years.len().max(1) as f64;
    let mean = years.iter().sum::<f64>() / n;
    let sorted = Sorted::new(years);
    let p_any = sorted.losses.len() as f64 / n;
    // The curve: 60 points on a log grid from the smallest loss to the largest.
    let curve = match (sorted.losses.first(), sorted.losses.last()) {
        (Some(&lo), Some(&hi)) if hi > lo => {
            let (a, b) = (lo.ln(), hi.ln());
            (0..=60)
                .map(|k| {
                    let x = (a + (b - a) * k as f64 / 60.0).exp();
                    (x, sorted.exceedance(x))
                })
                .collect()
        }
        (Some(&lo), _) => vec![(lo, sorted.exceedance(lo))],
        _ => Vec::new(),
    };
    Figures {
        mean,
        median: sorted.quantile(0.5),
        p_any,
        p90: sorted.quantile(0.9),
        p95: sorted.quantile(0.95),
        p99: sorted.quantile(0.99),
        curve,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_nearest_rank_over_the_loss_free_years_too() {
        let xs = Sorted::new(&(1..=10).rev().map(f64::from).collect::<Vec<_>>());
        assert_eq!(xs.quantile(0.5), 5.0);
        assert_eq!(xs.quantile(0.9), 9.0);
        assert_eq!(xs.quantile(0.95), 10.0);
        assert_eq!(xs.exceedance(9.5), 0.1);
        assert_eq!(xs.exceedance(1.0), 1.0);
        // Six loss-free years and four losses.
        let ys = Sorted::new(&[0.0, 7.0, 0.0, 0.0, 3.0, 0.0, 0.0, 9.0, 0.0, 1.0]);
        assert_eq!(
            [0.5, 0.6, 0.7, 0.8, 0.9, 1.0].map(|q| ys.quantile(q)),
            [0.0, 0.0, 1.0, 3.0, 7.0, 9.0]
        );
        assert_eq!((ys.exceedance(0.0), ys.exceedance(2.0)), (1.0, 0.3));
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
