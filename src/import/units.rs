//! Amounts and probabilities as registers write them: `$250,000`,
//! `EUR 40 000`, `1.2M`, `250k`, a header's unit (`Cost (kEUR)`), `30%`.

use serde_json::{Value, json};

/// Currency symbols and the ISO 4217 codes registers most often write.
const CURRENCIES: &[(&str, &str)] = &[
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("usd", "USD"),
    ("eur", "EUR"),
    ("gbp", "GBP"),
    ("chf", "CHF"),
    ("jpy", "JPY"),
    ("cad", "CAD"),
    ("aud", "AUD"),
    ("sek", "SEK"),
    ("nok", "NOK"),
    ("dkk", "DKK"),
];

/// What a header says of its column's amounts: `Impact cost (kEUR)` is in
/// thousands of euros, `EMV ($M)` in millions of dollars.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    pub factor: f64,
    pub currency: &'static str,
}

/// The unit a header names; `None` when it names no currency (`Impact`,
/// `Impact (1-5)`).
pub fn unit(header: &str) -> Option<Unit> {
    let lower = header.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || "$€£¥'".contains(c)))
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = None;
    let mut factor = 1.0;
    for w in &words {
        // `keur`, `k$`, `$k`, `musd`, `$m`, `€`, `usd`.
        let (scale, core) = match w
            .strip_prefix(['k', 'm'])
            .filter(|c| currency_word(c).is_some())
        {
            Some(core) => (if w.starts_with('k') { 1e3 } else { 1e6 }, core),
            None => match w
                .strip_suffix(['k', 'm'])
                .filter(|c| currency_word(c).is_some())
            {
                Some(core) => (if w.ends_with('k') { 1e3 } else { 1e6 }, core),
                None => (1.0, *w),
            },
        };
        if let Some(code) = currency_word(core) {
            found = Some(code);
            if scale != 1.0 {
                factor = scale;
            }
        } else if matches!(*w, "thousands" | "000s" | "'000" | "000" | "k") {
            factor = 1e3;
        } else if matches!(*w, "millions" | "mn" | "m") {
            factor = 1e6;
        }
    }
    found.map(|currency| Unit { factor, currency })
}

fn currency_word(w: &str) -> Option<&'static str> {
    CURRENCIES
        .iter()
        .find(|(k, _)| *k == w)
        .map(|(_, code)| *code)
}

/// The currency a cell is written in (`$2M`, `EUR 40 000`), if any.
pub fn cell_currency(cell: &str) -> Option<&'static str> {
    let lower = cell.to_lowercase();
    CURRENCIES.iter().find_map(|(k, code)| {
        let symbol = !k.chars().all(|c| c.is_ascii_alphabetic());
        let hit = if symbol {
            lower.contains(k)
        } else {
            lower.trim().starts_with(k) || lower.trim().ends_with(k)
        };
        hit.then_some(*code)
    })
}

/// A probability as a fraction: `30%`, `0.3`; `None` for a rating
/// (`High`, `4`).
pub fn fraction(cell: &str) -> Option<f64> {
    let t = cell.trim();
    let x = match t.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().ok()? / 100.0,
        None => t.parse::<f64>().ok().filter(|x| *x < 1.0)?,
    };
    (x > 0.0 && x <= 1.0).then_some(x)
}

/// Whether a header's last word only names its unit (`EMV kEUR`), for
/// the vocabulary to match the rest.
pub fn is_unit_word(w: &str) -> bool {
    unit(w).is_some() || matches!(w, "k" | "thousands" | "millions")
}

/// A number as JSON: whole numbers without a decimal point.
pub fn number(n: f64) -> Value {
    if n.fract() == 0.0 {
        json!(n as i64)
    } else {
        json!(n)
    }
}

/// The number an amount cell holds: currency symbols and codes, spaces and
/// thousands separators dropped, `k`/`m`/`bn` multiplied out. `None` for
/// anything else (a range, a word).
pub fn amount(cell: &str) -> Option<f64> {
    let mut s: String = cell
        .trim()
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '$' | '€' | '£' | '¥' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '_'
            )
        })
        .collect();
    // A leading or trailing ISO code (EUR 40000, 40000 USD).
    for code in [
        "USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "SEK", "NOK", "DKK",
    ] {
        if let Some(rest) = s.strip_prefix(code).or_else(|| s.strip_suffix(code)) {
            s = rest.to_string();
            break;
        }
    }
    let lower = s.to_lowercase();
    let (digits, factor) = [("bn", 1e9), ("b", 1e9), ("m", 1e6), ("k", 1e3)]
        .iter()
        .find_map(|(suffix, f)| lower.strip_suffix(suffix).map(|d| (d.to_string(), *f)))
        .unwrap_or((lower, 1.0));
    let x: f64 = digits.parse().ok()?;
    (x.is_finite() && x >= 0.0).then_some(x * factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_tables_write_them() {
        assert_eq!(amount("$250,000"), Some(250_000.0));
        assert_eq!(amount("EUR 40 000"), Some(40_000.0));
        assert_eq!(amount("1.2M"), Some(1_200_000.0));
        assert_eq!(amount("250k"), Some(250_000.0));
        assert_eq!(amount("0.5"), Some(0.5));
        assert_eq!(amount("40000 USD"), Some(40_000.0));
        assert_eq!(amount("high"), None);
        assert_eq!(amount("-5"), None);
        assert_eq!(amount("10-20k"), None);
    }

    #[test]
    fn headers_name_their_unit() {
        let u = |h| unit(h).map(|u| (u.factor, u.currency));
        assert_eq!(u("Impact cost (kEUR)"), Some((1e3, "EUR")));
        assert_eq!(u("ImpactCost_kEUR"), Some((1e3, "EUR")));
        assert_eq!(u("EMV ($M)"), Some((1e6, "USD")));
        assert_eq!(u("Cost impact (£)"), Some((1.0, "GBP")));
        assert_eq!(u("Loss (USD thousands)"), Some((1e3, "USD")));
        assert_eq!(u("Loss (thousands of EUR)"), Some((1e3, "EUR")));
        assert_eq!(u("Impact (1-5)"), None);
        assert_eq!(u("Impact"), None);
    }

    #[test]
    fn probabilities_as_fractions() {
        assert_eq!(fraction("30%"), Some(0.3));
        assert_eq!(fraction("0.05"), Some(0.05));
        assert_eq!(fraction("100 %"), Some(1.0));
        assert_eq!(fraction("4"), None);
        assert_eq!(fraction("High"), None);
        assert_eq!(fraction("0%"), None);
    }
}
