//! Risks in money as registers write them: the CISSP's ARO/SLE/ALE
//! columns or card lines, an impact or exposure written as an amount, and
//! the project register's probability in percent beside a cost impact and
//! their product, the expected monetary value (EMV). What they declare is
//! checked against what riskbook will simulate. Amounts are read by
//! `units`.

use super::units::{amount, cell_currency, fraction, number, unit};
use super::vocabulary::Field;
use super::{OutRegister, OutRisk};
use crate::model::quant::{MAX_AMOUNT, MAX_FREQUENCY};
use serde_json::Value;

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
