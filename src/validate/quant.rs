//! The quantitative keys checked where they are written: `quantitative:`
//! of `site.yaml`, and a risk's `frequency`, `loss` and `mitigation_cost`
//! (and their residual ones).

use super::locator::Locator;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::spans::YamlPath;
use crate::model::quant::{
    Appetite, Estimate, Exposure, MAX_AMOUNT, MAX_FREQUENCY, Quant, QuantConfig,
};
use crate::source::quant::{RawEstimate, RawQuantConfig};
use crate::source::register::RawRisk;

/// Active ISO 4217 currency codes.
const CURRENCIES: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG";

fn error(loc: Locator, at: &YamlPath, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(Code::InvalidQuantity, loc.at(at), message).with_help(help.to_string())
}

/// `quantitative:` of `site.yaml`; what is wrong is reported and the
/// default kept.
pub fn config(raw: &RawQuantConfig, loc: Locator, diags: &mut Vec<Diagnostic>) -> QuantConfig {
    let at = YamlPath::root().key("quantitative");
    let mut out = QuantConfig::default();
    if let Some(c) = &raw.currency {
        let code = c.0.trim();
        if code.len() == 3 && CURRENCIES.split(' ').any(|k| k == code) {
            out.currency = code.to_string();
        } else {
            diags.push(error(
                loc,
                &at.key("currency"),
                format!("`{code}` is not an ISO 4217 currency code"),
                "write the three capital letters of ISO 4217: EUR, USD, GBP, CHF, JPY, ...",
            ));
        }
    }
    if let Some(t) = raw.trials {
        if (1_000..=1_000_000).contains(&t) {
            out.trials = t as usize;
        } else {
            diags.push(error(
                loc,
                &at.key("trials"),
                format!("{t} trials is outside 1,000 to 1,000,000"),
                "10,000 simulated years (the default) give percentiles to about 1%",
            ));
        }
    }
    if let Some(s) = raw.seed {
        out.seed = s;
    }
    for (i, a) in raw.appetite.iter().flatten().enumerate() {
        let p = at.key("appetite").index(i);
        let mut ok = true;
        if !(a.loss.is_finite() && a.loss > 0.0) {
            ok = false;
            diags.push(error(
                loc,
                &p.key("loss"),
                format!("an appetite's loss is {}", a.loss),
                "an appetite point is an amount above 0 and the probability of reaching it in a year",
            ));
        }
        if !(a.probability > 0.0 && a.probability < 1.0) {
            ok = false;
            diags.push(error(
                loc,
                &p.key("probability"),
                format!("an appetite's probability is {}", a.probability),
                "a probability between 0 and 1, e.g. 0.05 for one year in twenty",
            ));
        }
        if ok {
            out.appetite.push(Appetite {
                loss: a.loss,
                probability: a.probability,
            });
        }
    }
    out
}

/// One estimate at `at`: `what` names it in messages (`the frequency`).
fn estimate(
    raw: &RawEstimate,
    at: &YamlPath,
    what: &str,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> Option<Estimate> {
    let negative = |v: f64, key: Option<&str>, diags: &mut Vec<Diagnostic>| {
        let ok = v.is_finite() && v >= 0.0;
        if !ok {
            let p = key.map_or(at.clone(), |k| at.key(k));
            diags.push(error(
                loc,
                &p,
                format!("{what} is {v}"),
                "rates and amounts are 0 or more",
            ));
        }
        ok
    };
    match raw {
        RawEstimate::Fixed(v) => negative(*v, None, diags).then_some(Estimate::Fixed(*v)),
        RawEstimate::Shaped(s) => match (s.low, s.high, s.min, s.likely, s.max) {
            (Some(low), Some(high), None, None, None) => {
                let ok = negative(low, Some("low"), diags) & negative(high, Some("high"), diags);
                if !ok {
                    return None;
                }
                if low <= 0.0 {
                    diags.push(error(
                        loc,
                        &at.key("low"),
                        format!("{what}'s 90% range starts at {low}"),
                        "a 90% range is lognormal: its low end is above 0 (a small amount, not 0)",
                    ));
                    return None;
                }
                if low >= high {
                    diags.push(error(
                        loc,
                        &at.key("high"),
                        format!("{what}'s 90% range is {low} to {high}: low is not below high"),
                        "a 90% range is `{ low, high }` with low < high: 5th and 95th percentile",
                    ));
                    return None;
                }
                Some(Estimate::Range { low, high })
            }
            (None, None, Some(min), Some(likely), Some(max)) => {
                let ok = negative(min, Some("min"), diags)
                    & negative(likely, Some("likely"), diags)
                    & negative(max, Some("max"), diags);
                if !ok {
                    return None;
                }
                if min >= max {
                    diags.push(error(
                        loc,
                        &at.key("max"),
                        format!("{what}'s PERT estimate has min {min} and max {max}"),
                        "min is below max; for a single value write the number",
                    ));
                    return None;
                }
                if !(min..=max).contains(&likely) {
                    diags.push(error(
                        loc,
                        &at.key("likely"),
                        format!("{what}'s most likely value {likely} lies outside {min}..{max}"),
                        "a PERT estimate's likely value lies between its min and max",
                    ));
                    return None;
                }
                Some(Estimate::Pert { min, likely, max })
            }
            _ => {
                diags.push(error(
                    loc,
                    at,
                    format!("{what} is neither a 90% range nor a PERT estimate"),
                    "write a number, `{ low, high }` (a 90% range) or `{ min, likely, max }` (PERT)",
                ));
                None
            }
        },
    }
}

/// What an estimate's mean is held to.
#[derive(Clone, Copy)]
enum Bound {
    Frequency,
    Amount,
}

/// Whether `e`'s mean is within its bound; an error at `at` if not.
fn within(
    e: &Estimate,
    bound: Bound,
    at: &YamlPath,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let mean = e.mean();
    let (limit, message, help) = match bound {
        Bound::Frequency => (
            MAX_FREQUENCY,
            format!(
                "the frequency averages {} loss events a year, above riskbook's 1,000",
                large(mean)
            ),
            "a loss event is one loss (a day of outage, a breach), not every failed request or phishing mail; group small events into one with their summed loss",
        ),
        Bound::Amount => (
            MAX_AMOUNT,
            if mean.is_finite() {
                format!("the loss averages {}, above riskbook's 10^15", large(mean))
            } else {
                "the loss's mean overflows: its 90% range is too wide".to_string()
            },
            "amounts are whole currency units; a 90% range whose high is many orders of magnitude above its low has a huge mean",
        ),
    };
    let ok = mean.is_finite() && mean <= limit;
    if !ok {
        diags.push(error(loc, at, message, help));
    }
    ok
}

/// A large number as people read it: `80,000`, `2.4e18`.
fn large(x: f64) -> String {
    if x < 1e15 {
        crate::model::quant::money("", x).trim().to_string()
    } else {
        format!("{x:.1e}")
    }
}

/// `frequency` and `loss` at `at`, both or neither.
fn exposure(
    frequency: &Option<RawEstimate>,
    loss: &Option<RawEstimate>,
    at: &YamlPath,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> Option<Option<Exposure>> {
    match (frequency, loss) {
        (None, None) => Some(None),
        (Some(_), None) | (None, Some(_)) => {
            let (given, missing) = if frequency.is_some() {
                ("frequency", "loss")
            } else {
                ("loss", "frequency")
            };
            diags.push(
                Diagnostic::new(
                    Code::InvalidQuantity,
                    loc.key(&at.key(given)),
                    format!("a {given} without a {missing}"),
                )
                .with_label(format!("add `{missing}:` beside it"))
                .with_help(
                    "a risk in money needs both: how often a loss event happens a year (`frequency`) and what one costs (`loss`)",
                ),
            );
            None
        }
        (Some(f), Some(l)) => {
            let f = estimate(f, &at.key("frequency"), "the frequency", loc, diags)
                .filter(|f| within(f, Bound::Frequency, &at.key("frequency"), loc, diags));
            let l = estimate(l, &at.key("loss"), "the loss", loc, diags)
                .filter(|l| within(l, Bound::Amount, &at.key("loss"), loc, diags));
            Some(Some(Exposure {
                frequency: f?,
                loss: l?,
            }))
        }
    }
}

/// A risk's quantities, not simulated yet; `None` when it gives none or
/// after errors in `diags`.
pub fn risk(
    raw: &RawRisk,
    path: &YamlPath,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> Option<Quant> {
    let inherent = exposure(&raw.frequency, &raw.loss, path, loc, diags);
    let residual = match &raw.residual {
        Some(r) => exposure(&r.frequency, &r.loss, &path.key("residual"), loc, diags),
        None => Some(None),
    };
    if let Some(c) = raw.mitigation_cost
        && !(c.is_finite() && (0.0..=MAX_AMOUNT).contains(&c))
    {
        diags.push(error(
            loc,
            &path.key("mitigation_cost"),
            format!("the mitigation cost is {c}"),
            "a yearly amount, 0 or more (at most 10^15)",
        ));
    }
    let (inherent, residual) = (inherent??, residual?);
    Some(Quant {
        inherent,
        residual,
        mitigation_cost: raw
            .mitigation_cost
            .filter(|c| c.is_finite() && (0.0..=MAX_AMOUNT).contains(c)),
        figures: None,
        residual_figures: None,
    })
}

/// Quantified risks, biggest expected loss first (ties by register and
/// id), as `Total::shares_of` takes them.
pub fn biggest<'a>(
    risks: impl Iterator<Item = (&'a str, &'a crate::model::Risk)>,
) -> Vec<(&'a str, &'a str, &'a Quant)> {
    let mut out: Vec<(&str, &str, &Quant, f64)> = risks
        .filter_map(|(reg, r)| {
            let q = r.quant.as_ref()?;
            Some((reg, r.id.as_str(), q, q.figures.as_ref()?.mean))
        })
        .collect();
    out.sort_by(|a, b| {
        b.3.total_cmp(&a.3)
            .then_with(|| (a.0, a.1).cmp(&(b.0, b.1)))
    });
    out.into_iter()
        .map(|(reg, id, q, _)| (reg, id, q))
        .collect()
}

/// Simulates the quantified `risks` of register `id` and sums their
/// years: in parallel, each risk on its own stream (so the numbers do
/// not depend on the threads), summed as they go (one vector of years
/// per thread, never every risk's years at once); `None` when no risk
/// is in money.
pub fn register_total(
    risks: &mut [crate::model::Risk],
    id: &str,
    config: &QuantConfig,
) -> Option<crate::model::quant::Total> {
    use crate::model::quant::Total;
    use rayon::prelude::*;
    let years = risks
        .par_iter_mut()
        .fold(
            || (Vec::new(), Vec::new()),
            |(mut total, mut years): (Vec<f64>, Vec<f64>), r| {
                if let Some(q) = &mut r.quant {
                    q.simulate(config, id, &r.id, &mut years);
                    Total::add(&mut total, &years);
                }
                (total, years)
            },
        )
        .map(|(total, _)| total)
        .reduce(Vec::new, |mut a, b| {
            Total::add(&mut a, &b);
            a
        });
    (!years.is_empty()).then(|| {
        let mut total = Total::of(years);
        total.shares_of(&biggest(risks.iter().map(|r| (id, r))), config);
        total
    })
}

/// The site's total: its registers' totals added trial by trial, with the
/// biggest contributors' share of its worst years.
pub fn site_total(
    registers: &[std::sync::Arc<crate::model::Register>],
    config: &QuantConfig,
) -> Option<crate::model::quant::Total> {
    let mut years = Vec::new();
    for r in registers {
        if let Some(t) = &r.loss {
            crate::model::quant::Total::add(&mut years, &t.years);
        }
    }
    (!years.is_empty()).then(|| {
        let mut total = crate::model::quant::Total::of(years);
        let risks = registers
            .iter()
            .flat_map(|reg| reg.risks.iter().map(move |r| (reg.id.as_str(), r)));
        total.shares_of(&biggest(risks), config);
        total
    })
}

/// `appetite-exceeded`: each appetite point the site's total passes above,
/// at the point in `site.yaml`, naming the risks that cost most.
pub fn appetite(site: &crate::model::Site, loc: Locator) -> Vec<Diagnostic> {
    let Some(total) = &site.loss else {
        return Vec::new();
    };
    let config = &site.framework.quant;
    let mut top: Vec<(f64, String)> = site
        .all_risks()
        .filter_map(|rr| {
            let r = site.risk(rr);
            let f = r.quant.as_ref()?.figures.as_ref()?;
            Some((
                f.mean,
                format!("{}/{}", site.registers[rr.register].id, r.id),
            ))
        })
        .collect();
    top.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let names = top
        .iter()
        .take(3)
        .map(|(mean, id)| {
            format!(
                "{id} ({} expected a year)",
                crate::model::quant::money(&config.currency, *mean)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let at = YamlPath::root().key("quantitative").key("appetite");
    total
        .exceeded(&config.appetite)
        .into_iter()
        .map(|(a, p)| {
            let i = config.appetite.iter().position(|x| std::ptr::eq(x, a)).unwrap_or(0);
            Diagnostic::new(
                Code::AppetiteExceeded,
                loc.at(&at.index(i)),
                format!(
                    "the site's annual loss reaches {} with probability {:.1}%, above the appetite of {:.1}%",
                    crate::model::quant::money(&config.currency, a.loss),
                    p * 100.0,
                    a.probability * 100.0
                ),
            )
            .with_help(format!("the biggest contributors by expected loss: {names}"))
        })
        .collect()
}
