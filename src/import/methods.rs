//! Registers rated by a method other than the matrix: a findings table
//! whose every row has a CVSS vector, or every risk a full set of OWASP
//! Risk Rating factors.

use super::vocabulary::{Field, field, normalize};
use super::{OutRegister, OutRisk};
use crate::model::method::owasp::{BUSINESS, LIKELIHOOD, TECHNICAL};
use serde_json::{Map, Value, json};

/// Every risk with a CVSS vector: the register rates them by their
/// vectors (`method: cvss`), and the matrix's scales, levels and each
/// risk's probability and impact are not written. Some risks only: the
/// vectors are kept under `extra`, said in a note.
pub fn cvss(reg: &mut OutRegister, notes: &mut Vec<String>) -> bool {
    let with = reg.risks.iter().filter(|r| r.cvss.is_some()).count();
    if with == 0 {
        return false;
    }
    if with < reg.risks.len() {
        for r in &mut reg.risks {
            if let Some(v) = r.cvss.take() {
                r.extra.insert("cvss_vector".into(), Value::String(v));
                r.rated_by_method = true;
            }
        }
        notes.push(format!(
            "{with} of {} risks have a CVSS vector: kept as `extra.cvss_vector`; give every risk one to rate the register with `method: cvss`",
            reg.risks.len()
        ));
        return false;
    }
    rated_by(reg, "cvss".into());
    notes.push(
        "every risk has a CVSS vector: the register is rated with `method: cvss`, its score the vector's base score"
            .into(),
    );
    true
}

/// Risks of riskbook's own workbook that a method rated (by a CVSS vector,
/// OWASP's or a register's own factors), imported among risks the matrix
/// rates: their probability and impact columns are what the method
/// computed (a CVSS version, a band of a mean), no matrix's ratings, so
/// they come in unrated, their vectors and factors kept under `extra`
/// and the method's score as `extra.method_score`.
pub fn unrate_method_rows(reg: &mut OutRegister, notes: &mut Vec<String>) {
    if !reg.own_workbook {
        return;
    }
    let mut n = 0;
    for r in reg.risks.iter_mut().filter(|r| r.rated_by_method) {
        r.probability = "unrated".into();
        r.impact = "unrated".into();
        if let Some(score) = r.score.take() {
            r.extra
                .insert("method_score".into(), super::units::number(score));
        }
        n += 1;
    }
    if n > 0 {
        notes.push(format!(
            "{n} risks were rated by CVSS, OWASP or their register's own factors: rated by the matrix here they are unrated, their vectors and factors kept under `extra`; `--register ID` brings each such register back rated"
        ));
    }
}

/// The register rated by `method`: no scales, levels or grid of its own;
/// what the document's probability and impact columns (often a Severity)
/// said stays beside the rating under `extra`, by the document's word
/// (unless riskbook's workbook computed them).
fn rated_by(reg: &mut OutRegister, method: Value) {
    reg.method = Some(method);
    reg.scales.clear();
    reg.scoring = None;
    reg.levels = None;
    reg.grid = None;
    reg.labels.clear();
    let words = reg.hints.words.clone();
    for r in &mut reg.risks {
        for (axis, word, value) in [
            ("probability", &words[0], std::mem::take(&mut r.probability)),
            ("impact", &words[1], std::mem::take(&mut r.impact)),
        ] {
            // riskbook's own workbook writes what the method computed.
            if !value.trim().is_empty() && !reg.own_workbook {
                let key = word.as_deref().map_or(axis.to_string(), normalize);
                r.extra.insert(key.replace(' ', "_"), Value::String(value));
            }
        }
        // A declared score stays: `check` compares it with the method's.
        r.residual = None;
    }
}

/// A register whose own factors riskbook's workbook declares (its sheet
/// `Scales <register>`): each risk's values, which the `factors` column
/// put under `extra` by id, become its `factors:`. The sheet's levels,
/// and its scoring when it sums, stay.
pub fn own_factors(reg: &mut OutRegister, notes: &mut Vec<String>) -> bool {
    let Some(method) = reg.method.clone().filter(Value::is_object) else {
        return false;
    };
    let ids: Vec<String> = ["likelihood", "impact"]
        .iter()
        .filter_map(|g| method["factors"][g].as_array())
        .flatten()
        .filter_map(|f| f["id"].as_str().map(str::to_string))
        .collect();
    let (levels, scoring) = (reg.levels.take(), reg.scoring.take());
    rated_by(reg, method);
    reg.levels = levels;
    reg.scoring = scoring.filter(|s| s == "sum");
    for r in &mut reg.risks {
        let mut by_id = Map::new();
        for id in &ids {
            if let Some(v) = r.extra.shift_remove(&super::rows::key(id)) {
                let x = v.as_str().and_then(|t| t.trim().parse::<f64>().ok());
                by_id.insert(id.clone(), x.map_or(v, super::units::number));
            }
        }
        if !by_id.is_empty() {
            r.factors = Some(Value::Object(by_id));
        }
    }
    notes.push(format!(
        "the `factors` column rates each risk by the register's own {} factors, as its sheet defines them",
        ids.len()
    ));
    true
}

/// The OWASP factor an `extra` key (a header kept as written) names.
fn owasp_factor(key: &str) -> Option<usize> {
    match field(key) {
        Some(Field::Owasp(i)) => Some(i as usize),
        _ => None,
    }
}

/// Takes factor `id`'s value, kept under `extra` at `key`, out of the
/// risk; what was written after the number (`8 (all accounts)`) stays as
/// `extra.<id>_note`.
fn take_factor(r: &mut OutRisk, key: &str, id: &str) {
    let Some(Value::String(text)) = r.extra.shift_remove(key) else {
        return;
    };
    let rest = text
        .trim()
        .split_once(char::is_whitespace)
        .map(|(_, rest)| {
            rest.trim()
                .trim_start_matches(['(', '-', '–', '—'])
                .trim_end_matches(')')
                .trim()
        });
    if let Some(note) = rest.filter(|n| !n.is_empty()) {
        r.extra
            .insert(format!("{id}_note"), Value::String(note.to_string()));
    }
}

/// A factor's value: a number from 0 to `max` (`6`, `6.5`, `6 (high)`).
fn factor_value(v: &Value, max: f64) -> Option<f64> {
    let text = match v {
        Value::String(s) => s.split_whitespace().next()?.to_string(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    text.parse::<f64>().ok().filter(|x| (0.0..=max).contains(x))
}

/// Every risk with all eight likelihood and four technical impact factors
/// (and the four business ones, or none), each 0..9: the register is
/// rated with `method: owasp` and the factor columns become each risk's
/// `owasp:`. Otherwise the columns stay under `extra`, as written.
pub fn owasp(reg: &mut OutRegister, notes: &mut Vec<String>) -> bool {
    let names: Vec<&str> = LIKELIHOOD
        .iter()
        .chain(&TECHNICAL)
        .chain(&BUSINESS)
        .map(|(id, _)| *id)
        .collect();
    // Per risk: the extra key and value of each factor.
    let mut found: Vec<Vec<Option<(String, f64)>>> = Vec::new();
    for r in &reg.risks {
        let mut factors = vec![None; names.len()];
        for (k, v) in &r.extra {
            if let Some(i) = owasp_factor(k) {
                match factor_value(v, crate::model::method::owasp::MAX) {
                    Some(x) if factors[i].is_none() => factors[i] = Some((k.clone(), x)),
                    _ => return false,
                }
            }
        }
        let business = factors[12..].iter().filter(|f| f.is_some()).count();
        if factors[..12].iter().any(Option::is_none) || !matches!(business, 0 | 4) {
            return false;
        }
        found.push(factors);
    }
    if found.is_empty() {
        return false;
    }
    rated_by(reg, "owasp".into());
    for (r, factors) in reg.risks.iter_mut().zip(found) {
        let mut likelihood = Map::new();
        let mut impact = Map::new();
        for (i, f) in factors.into_iter().enumerate() {
            let Some((key, x)) = f else { continue };
            take_factor(r, &key, names[i]);
            let group = if i < 8 { &mut likelihood } else { &mut impact };
            group.insert(names[i].to_string(), super::units::number(x));
        }
        let mut owasp = Map::new();
        owasp.insert("likelihood".into(), Value::Object(likelihood));
        owasp.insert("impact".into(), Value::Object(impact));
        r.owasp = Some(Value::Object(owasp));
    }
    notes.push(
        "every risk has the OWASP Risk Rating factors: their columns became each risk's `owasp:` and the register is rated with `method: owasp`, each level from the methodology's table"
            .into(),
    );
    true
}

/// DREAD's five factors: id, label, whether it rates the likelihood, and
/// the `extra` keys (headers as written) that name it.
const DREAD: [(&str, &str, bool, &[&str]); 5] = [
    (
        "reproducibility",
        "Reproducibility",
        true,
        &["reproducibility"],
    ),
    (
        "exploitability",
        "Exploitability",
        true,
        &["exploitability"],
    ),
    (
        "discoverability",
        "Discoverability",
        true,
        &["discoverability"],
    ),
    ("damage", "Damage", false, &["damage", "damage_potential"]),
    (
        "affected_users",
        "Affected users",
        false,
        &["affected_users", "affected"],
    ),
];

/// Whether a key (as `rows::key` writes a header) names a DREAD factor.
pub fn names_dread_factor(key: &str) -> bool {
    DREAD.iter().any(|(_, _, _, keys)| keys.contains(&key))
}

/// Every risk rated on all five DREAD factors (Damage, Reproducibility,
/// Exploitability, Affected users, Discoverability), each a number 0..10:
/// the register is rated by its own factors (`method: { factors: ... }`),
/// reproducibility, exploitability and discoverability the likelihood,
/// damage and affected users the impact, levels spread over their product.
/// Otherwise the columns stay under `extra`, as written.
pub fn dread(reg: &mut OutRegister, notes: &mut Vec<String>) -> bool {
    // Per risk: the extra key and value of each factor.
    let mut found: Vec<Vec<(String, f64)>> = Vec::new();
    for r in &reg.risks {
        let mut factors = Vec::new();
        for (_, _, _, keys) in DREAD {
            let Some((k, v)) = r.extra.iter().find(|(k, _)| keys.contains(&k.as_str())) else {
                return false;
            };
            let Some(x) = factor_value(v, 10.0) else {
                return false;
            };
            factors.push((k.clone(), x));
        }
        found.push(factors);
    }
    if found.is_empty() {
        return false;
    }
    // Some teams rate each factor 1..3 (low, medium, high).
    let top = if found.iter().flatten().all(|(_, x)| (1.0..=3.0).contains(x)) {
        3.0
    } else {
        10.0
    };
    let bottom = if top == 3.0 { 1.0 } else { 0.0 };
    let group = |likelihood: bool| -> Vec<Value> {
        DREAD
            .iter()
            .filter(|(_, _, l, _)| *l == likelihood)
            .map(|(id, label, _, _)| json!({ "id": id, "label": label }))
            .collect()
    };
    rated_by(
        reg,
        json!({
            "factors": { "likelihood": group(true), "impact": group(false) },
            "scale": [super::units::number(bottom), super::units::number(top)],
        }),
    );
    let step = |n: f64| json!({ "value": n });
    reg.levels = Some(super::value_scales::levels(&[step(top)], &[step(top)]));
    for (r, factors) in reg.risks.iter_mut().zip(found) {
        let mut by_id = Map::new();
        for ((id, _, _, _), (key, x)) in DREAD.iter().zip(factors) {
            take_factor(r, &key, id);
            by_id.insert(id.to_string(), super::units::number(x));
        }
        r.factors = Some(Value::Object(by_id));
    }
    notes.push(format!(
        "every risk has the five DREAD factors: the register is rated by them (`method: {{ factors: ... }}`, each {bottom}..{top}; likelihood reproducibility, exploitability and discoverability, impact damage and affected users), levels spread over their product; check their `min`"
    ));
    true
}
