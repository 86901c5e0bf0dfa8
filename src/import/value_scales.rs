//! The scale one axis needs for the values its risks write, when the
//! document gives none: numbered steps, percentages, `Possible (3)`,
//! codes, or the smallest ladder of words that holds every word used
//! (`Rare` .. `Almost certain`); and levels spread over the scales made.

use super::cell::slug;
use super::ratings::{Rating, parse};
use serde_json::{Value, json};

/// Ordered words of common scales, lowest first.
const LADDERS: &[&[&str]] = &[
    &["low", "medium", "high"],
    &["low", "medium", "high", "critical"],
    &["l", "m", "h"],
    &["very low", "low", "medium", "high", "very high"],
    &["very low", "low", "moderate", "high", "very high"],
    &["low", "moderate", "high", "critical"],
    &["low", "moderate", "high", "very high"],
    &["rare", "unlikely", "possible", "likely", "almost certain"],
    &["improbable", "remote", "occasional", "probable", "frequent"],
    &["negligible", "minor", "moderate", "major", "severe"],
    &[
        "insignificant",
        "minor",
        "moderate",
        "major",
        "catastrophic",
    ],
    &["negligible", "minor", "moderate", "major", "catastrophic"],
    &["negligible", "minor", "serious", "critical", "catastrophic"],
    &["negligible", "marginal", "critical", "catastrophic"],
    &["minor", "moderate", "major", "critical"],
];

/// The word a rating is written with: `High (pilot downtime)` -> `high`,
/// `Low/Medium` -> `low` and `medium`.
fn words(written: &str) -> Vec<String> {
    let head = written.split('(').next().unwrap_or("");
    head.split('/')
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The scale one axis needs for `written` (the risks' values, missing
/// ones left out), or `None` when the default scale of that axis holds
/// them all. `Err` names values no scale could be made for.
/// `hint` is the range the column's header names (`Likelihood (1-5)`).
pub fn scale(
    axis: &str,
    written: &[&str],
    hint: Option<(i64, i64)>,
) -> Result<Option<Vec<Value>>, String> {
    let ratings: Vec<Rating> = written.iter().map(|w| parse(w)).collect();
    let present: Vec<&Rating> = ratings.iter().filter(|r| **r != Rating::Missing).collect();
    if present.is_empty() {
        return Ok(None);
    }
    if present.iter().all(|r| matches!(r, Rating::Number(_))) {
        let values: Vec<f64> = present
            .iter()
            .filter_map(|r| match r {
                Rating::Number(n) => Some(*n),
                _ => None,
            })
            .collect();
        return numbered(axis, &values, hint).map(Some);
    }
    if present.iter().all(|r| matches!(r, Rating::Percent(_))) {
        let mut values: Vec<f64> = present
            .iter()
            .filter_map(|r| match r {
                Rating::Percent(p) => Some(*p),
                _ => None,
            })
            .collect();
        values.sort_by(f64::total_cmp);
        values.dedup();
        // A percentage weighs as much as a step of a five-point scale.
        return Ok(Some(
            values
                .iter()
                .zip(written_percents(written, &values))
                .map(|(p, label)| {
                    json!({ "id": format!("p{}", slug(&p.to_string())), "label": label, "value": super::units::number((p / 20.0 * 100.0).round() / 100.0) })
                })
                .collect(),
        ));
    }
    if present.iter().all(|r| matches!(r, Rating::Labelled(..))) {
        // `Medium (4)` beside `Medium (5)`: the words are bands of a
        // numbered scale, and the numbers are the ratings.
        let labelled = |r: &&Rating| match r {
            Rating::Labelled(l, n) => Some((l.to_lowercase(), *n)),
            _ => None,
        };
        let pairs: Vec<(String, f64)> = present.iter().filter_map(labelled).collect();
        if pairs
            .iter()
            .any(|(l, n)| pairs.iter().any(|(m, k)| l == m && n != k))
        {
            let values: Vec<f64> = pairs.iter().map(|(_, n)| *n).collect();
            return numbered(axis, &values, hint).map(Some);
        }
        let mut entries: Vec<(f64, String)> = Vec::new();
        for r in &present {
            if let Rating::Labelled(label, n) = r
                && !entries.iter().any(|(_, l)| l.eq_ignore_ascii_case(label))
            {
                entries.push((*n, label.clone()));
            }
        }
        entries.sort_by(|a, b| a.0.total_cmp(&b.0));
        return Ok(Some(
            entries
                .into_iter()
                .map(|(n, label)| json!({ "id": slug(&label), "label": label, "value": super::units::number(n) }))
                .collect(),
        ));
    }
    if let Some(entries) = coded_scale(&present) {
        return Ok(Some(entries));
    }
    // Words: the smallest common ladder that holds every word used.
    let used: Vec<String> = written.iter().flat_map(|w| words(w)).collect();
    let default: &[&str] = if axis == "impact" {
        &["low", "medium", "high", "critical"]
    } else {
        &["low", "medium", "high"]
    };
    if used.iter().all(|w| default.contains(&w.as_str())) {
        return Ok(None);
    }
    let ladder = LADDERS
        .iter()
        .filter(|l| used.iter().all(|w| l.contains(&w.as_str())))
        .min_by_key(|l| l.len());
    match ladder {
        Some(l) => Ok(Some(
            l.iter()
                .enumerate()
                .map(|(i, w)| {
                    let label = if w.len() == 1 {
                        w.to_uppercase()
                    } else {
                        capitalise(w)
                    };
                    json!({ "id": slug(w), "label": label, "value": i + 1 })
                })
                .collect(),
        )),
        None => {
            let mut odd: Vec<String> = used
                .iter()
                .filter(|w| !LADDERS.iter().any(|l| l.contains(&w.as_str())))
                .cloned()
                .collect();
            odd.sort();
            odd.dedup();
            if odd.is_empty() {
                return Ok(Some(mixed_ladders(&used)));
            }
            Err(format!(
                "{axis}: no scale found for {}; add a `scales:` entry for each",
                odd.join(", ")
            ))
        }
    }
}

/// A numbered scale for ratings written as numbers (or as bands of
/// numbers, `Medium (5)`): whole steps from 0 or 1 up to 3, 4, 5, 10 or
/// the highest, or the range `hint` names when it holds them all.
fn numbered(axis: &str, values: &[f64], hint: Option<(i64, i64)>) -> Result<Vec<Value>, String> {
    if values
        .iter()
        .any(|v| v.fract() != 0.0 || *v < 0.0 || *v > 100.0)
    {
        return Err(format!(
            "{axis}: numbers that are not whole steps of a scale"
        ));
    }
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min) as i64;
    let hi = values.iter().copied().fold(0.0, f64::max) as i64;
    let top = match hi {
        ..=3 => 3,
        4 => 4,
        5 => 5,
        6..=10 => 10,
        n => n,
    };
    let bottom = if lo == 0 { 0 } else { 1 };
    let (bottom, top) = match hint {
        Some((a, b)) if a <= lo && b >= hi => (a, b),
        _ => (bottom, top),
    };
    Ok((bottom..=top)
        .map(|n| json!({ "id": n.to_string(), "label": n.to_string(), "value": n }))
        .collect())
}

/// Words of several ladders (`Low`, `Medium` and ISO 14971's `Remote`):
/// each placed by where it stands in the shortest ladder that has it
/// (`remote` is 2 of 5, so between `low`, 1 of 3, and `medium`, 2 of 3),
/// the steps numbered in that order.
fn mixed_ladders(used: &[String]) -> Vec<Value> {
    let mut placed: Vec<(f64, &str)> = Vec::new();
    for w in used {
        if placed.iter().any(|(_, p)| p == w) {
            continue;
        }
        let at = LADDERS
            .iter()
            .filter_map(|l| Some((l.iter().position(|x| x == w)?, l.len())))
            .min_by_key(|(_, len)| *len)
            .map_or(0.0, |(i, len)| (i + 1) as f64 / (len + 1) as f64);
        placed.push((at, w));
    }
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    placed
        .iter()
        .enumerate()
        .map(|(i, (_, w))| json!({ "id": slug(w), "label": capitalise(w), "value": i + 1 }))
        .collect()
}

/// The scale of coded values with one prefix (`P1`..`P5`): the code is
/// the id, its number the value, the words written after any code of
/// that number the label; the steps run from 1 (or 0) to the highest
/// number, as for plain numbers.
fn coded_scale(present: &[&Rating]) -> Option<Vec<Value>> {
    let mut prefix = None;
    let mut seen: Vec<(u32, Option<&str>)> = Vec::new();
    for r in present {
        let Rating::Coded {
            prefix: p,
            n,
            label,
            ..
        } = r
        else {
            return None;
        };
        if prefix.get_or_insert(p) != &p {
            return None;
        }
        seen.push((*n, label.as_deref()));
    }
    let prefix = prefix?;
    let lo = seen.iter().map(|s| s.0).min()?;
    let hi = seen.iter().map(|s| s.0).max()?;
    // From 1 (or 0) to the highest code, at least three steps.
    let (bottom, top) = (lo.min(1), hi.max(3));
    Some(
        (bottom..=top)
            .map(|n| {
                let code = format!("{prefix}{n}");
                let label = seen
                    .iter()
                    .find_map(|(m, l)| (*m == n).then_some(*l).flatten())
                    .map_or_else(|| code.clone(), str::to_string);
                json!({ "id": code, "label": label, "value": n })
            })
            .collect(),
    )
}

/// The percentages as the risks write them (`70%`, `0.7` -> `70%`).
fn written_percents(written: &[&str], values: &[f64]) -> Vec<String> {
    values
        .iter()
        .map(|v| {
            written
                .iter()
                .find(|w| w.trim().ends_with('%') && parse(w) == Rating::Percent(*v))
                .map(|w| w.trim().to_string())
                .unwrap_or_else(|| format!("{v}%"))
        })
        .collect()
}

/// Levels for generated scales: four bands over the product's range
/// (for 5 x 5: low 1, medium 5, high 10, critical 16).
pub fn levels(probability: &[Value], impact: &[Value]) -> Vec<Value> {
    let max = |s: &[Value]| {
        s.iter()
            .filter_map(|e| e["value"].as_f64())
            .fold(0.0, f64::max)
    };
    let top = max(probability) * max(impact);
    let mut mins: Vec<f64> = Vec::new();
    for f in [0.0, 0.2, 0.4, 0.64] {
        let m = ((top * f).round()).max(1.0);
        let m = match mins.last() {
            Some(prev) if m <= *prev => prev + 1.0,
            _ => m,
        };
        mins.push(m);
    }
    // The default levels' ids and labels (a badge says `High`, not `high`).
    [
        ("low", "Low"),
        ("medium", "Medium"),
        ("high", "High"),
        ("critical", "Critical"),
    ]
    .iter()
    .zip(mins)
    .map(|((id, label), min)| json!({ "id": id, "label": label, "min": super::units::number(min) }))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_fit_the_values() {
        let s = scale("probability", &["2", "4", ""], None)
            .unwrap()
            .unwrap();
        assert_eq!(s.len(), 4, "1 to 4");
        let s = scale("impact", &["7", "3"], None).unwrap().unwrap();
        assert_eq!(s.len(), 10, "1 to 10");
        assert_eq!(
            scale("impact", &["Low", "High/Critical"], None).unwrap(),
            None
        );
        let s = scale("probability", &["Rare", "Likely"], None)
            .unwrap()
            .unwrap();
        assert_eq!(s[4]["label"], "Almost certain");
        let s = scale("probability", &["Possible (3)", "Rare (1)"], None)
            .unwrap()
            .unwrap();
        assert_eq!(s[0]["id"], "rare");
        assert!(scale("impact", &["Purple"], None).is_err());
        // Words of two ladders, each placed by where it stands in its own.
        let s = scale("probability", &["Medium", "Remote", "Low"], None)
            .unwrap()
            .unwrap();
        let ids: Vec<&str> = s.iter().map(|e| e["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["low", "remote", "medium"]);
        let l = levels(
            &scale("p", &["5"], None).unwrap().unwrap(),
            &scale("i", &["5"], None).unwrap().unwrap(),
        );
        assert_eq!(l[3]["min"], 16);
    }
}
