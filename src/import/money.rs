//! Amounts as spreadsheets and tables write them (`$250,000`, `EUR 40 000`,
//! `1.2M`, `250k`, `0.5`), and the check of a declared ALE against
//! ARO x SLE.

use super::OutRegister;
use serde_json::{Value, json};

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

/// A risk in money needs both ARO and SLE: one alone is kept under
/// `extra` (so the register checks clean), said in a note. A declared ALE
/// that is not ARO x SLE (to within 1%, as spreadsheets round) is noted.
pub fn quantities(reg: &mut OutRegister, notes: &mut Vec<String>) {
    for r in &mut reg.risks {
        if r.frequency.is_some() != r.loss.is_some() {
            let (key, value) = match (r.frequency.take(), r.loss.take()) {
                (Some(f), _) => ("aro", f),
                (_, Some(l)) => ("sle", l),
                _ => continue,
            };
            notes.push(format!(
                "line {}: risk `{}` has an {} but no {}: kept as `extra.{key}`",
                r.line,
                r.id,
                key.to_uppercase(),
                if key == "aro" { "SLE" } else { "ARO" }
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
        if (ale - product).abs() > 0.01 * product.max(1.0) {
            notes.push(format!(
                "line {}: risk `{}` declares an ALE of {}; its ARO x SLE is {}: riskbook simulates from ARO and SLE",
                r.line,
                r.id,
                crate::model::num(ale),
                crate::model::num(product)
            ));
        }
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
}
