//! Risks in money as registers write them: amounts (`$250,000`,
//! `EUR 40 000`, `1.2M`, `250k`, a `Cost (kEUR)` column), the CISSP's
//! ARO/SLE/ALE, and the project register's probability in percent beside
//! a cost impact and their product, the expected monetary value (EMV).
//! What they declare is checked against what riskbook will simulate.

use super::vocabulary::Field;
use super::{OutRegister, OutRisk};
use crate::model::quant::{MAX_AMOUNT, MAX_FREQUENCY};
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

/// Reads a money cell of a risk (an ARO, SLE or ALE column, an impact or
/// an exposure written as an amount) into its quantities; `false` when
/// the cell is not one (an impact rating, a score), for the caller to
/// read as usual.
pub fn read_cell(risk: &mut OutRisk, field: Field, header: &str, cell: &str) -> bool {
    let unit = unit(header);
    let marked = cell_currency(cell).or(unit.map(|u| u.currency));
    let factor = unit.map_or(1.0, |u| u.factor);
    let scaled = || amount(cell).map(|x| x * factor);
    let found = |risk: &mut OutRisk| {
        if risk.currency.is_none() {
            risk.currency = marked;
        }
    };
    // What the register could not hold stays under `extra`, as written.
    let scaled = || scaled().filter(|x| *x <= MAX_AMOUNT);
    match field {
        Field::Aro => {
            let Some(x) = fraction(cell)
                .filter(|_| cell.contains('%'))
                .or_else(|| amount(cell))
                .filter(|x| *x <= MAX_FREQUENCY)
            else {
                return false;
            };
            risk.frequency.get_or_insert(number(x));
        }
        Field::Sle => {
            let Some(x) = scaled() else { return false };
            risk.loss.get_or_insert(number(x));
            found(risk);
        }
        Field::Ale => {
            let Some(x) = scaled() else { return false };
            risk.declared_ale.get_or_insert(x);
            found(risk);
        }
        // An impact in money: marked as such, or far above any rating.
        Field::Impact => {
            let Some(x) = scaled().filter(|x| marked.is_some() || *x >= 1000.0) else {
                return false;
            };
            risk.loss.get_or_insert(number(x));
            found(risk);
        }
        // An exposure in money is the declared expected loss.
        Field::Score if marked.is_some() => {
            let Some(x) = scaled() else { return false };
            risk.declared_ale.get_or_insert(x);
            found(risk);
        }
        _ => return false,
    }
    true
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

/// A probability in percent beside an impact in money (`30%`, `$120,000`):
/// the risk is in money, not rated. The percentage becomes the frequency
/// (0.3 loss events a year, so the expected annual loss is the EMV) and
/// the ratings `unrated`; one note for the register.
pub fn ratings_in_money(reg: &mut OutRegister, notes: &mut Vec<String>) {
    let mut moved = Vec::new();
    for r in &mut reg.risks {
        if r.loss.is_none() || r.frequency.is_some() || !r.impact.is_empty() {
            continue;
        }
        let Some(p) = fraction(&r.probability) else {
            continue;
        };
        r.frequency = Some(number(p));
        r.extra.insert(
            "probability_as_written".into(),
            Value::String(std::mem::take(&mut r.probability)),
        );
        r.probability = "unrated".into();
        r.impact = "unrated".into();
        // An exposure column of plain numbers that is p x impact is the EMV.
        let loss = r.loss.as_ref().and_then(Value::as_f64).unwrap_or(0.0);
        if let Some(s) = r.score.filter(|s| close(*s, p * loss)) {
            r.declared_ale.get_or_insert(s);
            r.score = None;
        }
        moved.push(r.id.clone());
    }
    if !moved.is_empty() {
        notes.push(format!(
            "the probability is a percentage and the impact an amount: {} became `frequency` (30% = 0.3 loss events a year, so the expected annual loss is the probability x impact) and `loss`, rated `unrated`; the percentages are kept as `extra.probability_as_written`",
            list(&moved)
        ));
    }
}

/// `R1, R2 and R3`, at most five named.
fn list(ids: &[String]) -> String {
    let named: Vec<String> = ids.iter().take(5).map(|i| format!("`{i}`")).collect();
    match ids.len() {
        1 => named[0].clone(),
        n if n <= 5 => format!("{} and {}", named[..n - 1].join(", "), named[n - 1]),
        n => format!("{} and {} more", named.join(", "), n - 5),
    }
}

/// Equal as spreadsheets round: to within 1%.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.01 * b.abs().max(1.0)
}

/// A risk in money needs a frequency and a loss. A loss with a declared
/// expected loss (a cost impact and an EMV) gives the frequency as their
/// ratio; a half alone is kept under `extra` (so the register checks
/// clean). A declared expected loss that is not frequency x loss, and the
/// currency the amounts are in, are noted.
pub fn quantities(reg: &mut OutRegister, notes: &mut Vec<String>) {
    let mut derived = Vec::new();
    for r in &mut reg.risks {
        if let (None, Some(l), Some(ale)) = (
            &r.frequency,
            r.loss.as_ref().and_then(Value::as_f64),
            r.declared_ale,
        ) && l > 0.0
        {
            let f = (ale / l * 1e6).round() / 1e6;
            if f > MAX_FREQUENCY {
                continue;
            }
            r.frequency = Some(number(f));
            derived.push(r.id.clone());
        }
    }
    if !derived.is_empty() {
        notes.push(format!(
            "{}: `frequency` is the expected loss over the loss (EMV / cost impact = the probability the document used), as loss events a year",
            list(&derived)
        ));
    }
    for r in &mut reg.risks {
        if r.frequency.is_some() != r.loss.is_some() {
            let (key, value) = match (r.frequency.take(), r.loss.take()) {
                (Some(f), _) => ("aro", f),
                (_, Some(l)) => ("sle", l),
                _ => continue,
            };
            notes.push(format!(
                "line {}: risk `{}` has {} but no {}: kept as `extra.{key}`",
                r.line,
                r.id,
                if key == "aro" {
                    "a frequency (ARO)"
                } else {
                    "a loss (SLE)"
                },
                if key == "aro" {
                    "loss (SLE)"
                } else {
                    "frequency (ARO)"
                },
            ));
            r.extra.insert(key.into(), value);
        }
    }
    for r in &reg.risks {
        let (Some(ale), Some(f), Some(l)) = (
            r.declared_ale,
            r.frequency.as_ref().and_then(|v| v.as_f64()),
            r.loss.as_ref().and_then(|v| v.as_f64()),
        ) else {
            continue;
        };
        let product = f * l;
        if !close(ale, product) {
            notes.push(format!(
                "line {}: risk `{}` declares an expected annual loss (ALE) of {}; its frequency x loss (ARO x SLE) is {}: riskbook simulates from frequency and loss",
                r.line,
                r.id,
                crate::model::num(ale),
                crate::model::num(product)
            ));
        }
    }
    let mut currencies: Vec<&str> = reg
        .risks
        .iter()
        .filter(|r| r.loss.is_some())
        .filter_map(|r| r.currency)
        .collect();
    currencies.sort_unstable();
    currencies.dedup();
    match currencies.as_slice() {
        [] => {}
        [one] => notes.push(format!(
            "the amounts are in {one}: say so in site.yaml, `quantitative: {{ currency: {one} }}`"
        )),
        many => notes.push(format!(
            "the amounts are in {}: riskbook adds them up as one currency; convert them to one first",
            many.join(" and ")
        )),
    }
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
