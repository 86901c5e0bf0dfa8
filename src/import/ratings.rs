//! Probability and impact as registers write them, and the scales that
//! make them valid: numbers (`1`-`5`, `0`-`10`), percentages (`70%`),
//! `Possible (3)`, and words from the ladders registers use (`Very low` ..
//! `Very high`, `Rare` .. `Almost certain`, ISO 14971's `Negligible` ..
//! `Catastrophic`). A risk keeps the value as written; the register gets
//! the scale it is a value of.

use super::cell::slug;
use serde_json::{Value, json};

/// One written rating.
#[derive(Debug, Clone, PartialEq)]
pub enum Rating {
    /// Empty, or a placeholder: `TBD`, `-`, `?`, `N/A`, `[1-5]`.
    Missing,
    Number(f64),
    Percent(f64),
    /// `Possible (3)`: a label and its value.
    Labelled(String, f64),
    /// `P4`, `S1: Negligible`, `P5 - Certain`: a code (letters and a
    /// number), its number and the words after it.
    Coded {
        code: String,
        prefix: String,
        n: u32,
        label: Option<String>,
    },
    Word(String),
}

/// `P4`, `S1: Negligible`, `L3 – Possible`: up to three letters then a
/// whole number, and optionally words after a colon or a dash.
fn coded(t: &str) -> Option<Rating> {
    let letters = t.chars().take_while(char::is_ascii_alphabetic).count();
    let digits = t[letters..]
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    if !(1..=3).contains(&letters) || !(1..=2).contains(&digits) {
        return None;
    }
    let (code, rest) = t.split_at(letters + digits);
    let rest = rest.trim();
    let label = match rest.strip_prefix([':', '-', '–', '—', '=']) {
        Some(words) if !words.trim().is_empty() => Some(words.trim().to_string()),
        _ if rest.is_empty() => None,
        _ => return None,
    };
    Some(Rating::Coded {
        code: code.to_string(),
        prefix: code[..letters].to_uppercase(),
        n: code[letters..].parse().ok()?,
        label,
    })
}

pub fn parse(written: &str) -> Rating {
    let t = written.trim();
    let lower = t.to_lowercase();
    if t.is_empty()
        || [
            "tbd",
            "tbc",
            "-",
            "–",
            "—",
            "?",
            "n/a",
            "na",
            "none",
            "unknown",
            "unrated",
            "not rated",
        ]
        .contains(&lower.as_str())
        || (t.starts_with('[') && t.ends_with(']'))
        || (t.starts_with('<') && t.ends_with('>'))
    {
        return Rating::Missing;
    }
    if let Some(p) = t.strip_suffix('%')
        && let Ok(n) = p.trim().parse::<f64>()
    {
        return Rating::Percent(n);
    }
    if let Ok(n) = t.parse::<f64>() {
        return if n > 0.0 && n < 1.0 {
            Rating::Percent(n * 100.0)
        } else {
            Rating::Number(n)
        };
    }
    if let Some((label, rest)) = t.rsplit_once('(')
        && let Ok(n) = rest.trim_end_matches(')').trim().parse::<f64>()
        && !label.trim().is_empty()
    {
        return Rating::Labelled(label.trim().to_string(), n);
    }
    // `4 (Critical)`, `3 (Serious) — harm`: the number, its note aside.
    if let Some((n, _)) = number_note(t) {
        return Rating::Number(n);
    }
    coded(t).unwrap_or_else(|| Rating::Word(t.to_string()))
}

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

/// How a risk writes a value of a generated scale: a fraction (`0.7`)
/// becomes the percentage label; everything else stays as written.
/// A number with a note after it: `4 (Critical)`, `2 (Unlikely — two
/// checks)`, `3 (Serious) — Professional harm` -> the number and the
/// note's words (`Serious — Professional harm`).
pub fn number_note(t: &str) -> Option<(f64, String)> {
    let (_, n, note) = number_and_note(t)?;
    Some((n, note))
}

/// `number_note`, with the number as written (`4`, `4.0`).
fn number_and_note(t: &str) -> Option<(&str, f64, String)> {
    let end = t.find(|c: char| c.is_whitespace() || c == '(')?;
    let n: f64 = t[..end].parse().ok()?;
    let rest = t[end..].trim();
    // A dash then words is a note; a dash then a number is a range.
    let dashed = rest
        .strip_prefix(['—', '–', '-'])
        .is_some_and(|r| r.trim_start().starts_with(char::is_alphabetic));
    if !rest.starts_with('(') && !dashed {
        return None;
    }
    let note = rest.replacen('(', "", 1).replacen(')', "", 1);
    let note = note.trim_start_matches(['—', '–', '-']);
    let words: Vec<&str> = note.split_whitespace().collect();
    (!words.is_empty()).then(|| (&t[..end], n, words.join(" ")))
}

pub fn as_written_on_scale(written: &str, scale: Option<&[Value]>) -> String {
    // `3 (Serious) — harm` is read as `3 (Serious — harm)`: a value and
    // its note, as riskbook reads them.
    if let Some((number, _, note)) = number_and_note(written.trim()) {
        return format!("{number} ({note})");
    }
    // `3` on a scale of words numbered 1..5 (a guide's `3 = Possible`) is
    // the step valued 3, when no step is called `3`.
    if let (Rating::Number(n), Some(entries)) = (parse(written), scale) {
        let t = written.trim();
        let named = entries.iter().any(|e| {
            e["id"] == t
                || e["label"]
                    .as_str()
                    .is_some_and(|l| l.eq_ignore_ascii_case(t))
        });
        let valued: Vec<&Value> = entries
            .iter()
            .filter(|e| e["value"].as_f64() == Some(n))
            .collect();
        if let ([step], false) = (valued.as_slice(), named)
            && let Some(id) = step["id"].as_str()
        {
            return id.to_string();
        }
    }
    // `Medium (5)` on a numbered scale is its step `5`, the word a note.
    if let (Rating::Labelled(label, n), Some(entries)) = (parse(written), scale)
        && n.fract() == 0.0
        && !entries.iter().any(|e| e["id"] == slug(&label).as_str())
        && entries.iter().any(|e| e["id"] == n.to_string().as_str())
    {
        return format!("{n} ({label})");
    }
    // `P5: Certain` is the scale's `P5`.
    if let Rating::Coded { prefix, n, .. } = parse(written)
        && let Some(entries) = scale
    {
        let code = format!("{prefix}{n}");
        if entries.iter().any(|e| e["id"] == code.as_str()) {
            return code;
        }
    }
    if let (Rating::Percent(p), Some(entries)) = (parse(written), scale)
        && !written.trim().ends_with('%')
    {
        return entries
            .iter()
            .find(|e| e["id"] == format!("p{}", slug(&p.to_string())))
            .and_then(|e| e["label"].as_str())
            .unwrap_or(written)
            .to_string();
    }
    written.to_string()
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

/// Whether a field's value reads as one rating (`High`, `4 (Likely)`,
/// `30%`): not empty, short, and neither a table, a quotation, an item of a
/// scale's definition, a guide's explanation (`Low (1-3), Medium (4-6),
/// High (7-9)`) nor a template's choices (`High/Medium/Low`, `[L / M / H]`).
pub(super) fn is_rating(v: &str) -> bool {
    let choices = v.split('/').filter(|c| !c.trim().is_empty()).count();
    !v.is_empty()
        && !v.starts_with(['|', '>'])
        && !is_scale_item(v)
        && v.chars().count() <= 60
        && !is_prose(v)
        && choices < 3
        && !super::cell::is_placeholder(v)
}

/// `- S1: Negligible`: an item of a scale's definition, not a rating.
fn is_scale_item(v: &str) -> bool {
    v.strip_prefix(['-', '*', '+']).is_some_and(|item| {
        matches!(
            parse(&super::cell::plain(item)),
            Rating::Coded { label: Some(_), .. }
        )
    })
}

/// `how probable the risk is`: a guide's explanation of a field, not a
/// rating (a rating is a number, a code, a percentage or a few words).
fn is_prose(v: &str) -> bool {
    matches!(
        parse(&super::cell::plain(v)),
        Rating::Word(w) if w.split_whitespace().count() > 3
    )
}

#[cfg(test)]
mod tests {

    #[test]
    fn codes_are_letters_a_number_and_maybe_words() {
        let code = |t: &str| match parse(t) {
            Rating::Coded { code, n, label, .. } => Some((code, n, label)),
            _ => None,
        };
        assert_eq!(code("P4"), Some(("P4".into(), 4, None)));
        assert_eq!(
            code("S1: Negligible"),
            Some(("S1".into(), 1, Some("Negligible".into())))
        );
        assert_eq!(
            code("L3 – Possible"),
            Some(("L3".into(), 3, Some("Possible".into())))
        );
        assert_eq!(code("P10"), Some(("P10".into(), 10, None)));
        for not in ["P", "4", "ABCD1", "P4x", "P123", "High", "P4 maybe"] {
            assert_eq!(code(not), None, "{not}");
        }
    }

    use super::*;

    #[test]
    fn ratings_are_read_as_written() {
        assert_eq!(parse("70%"), Rating::Percent(70.0));
        assert_eq!(parse("0.3"), Rating::Percent(30.0));
        assert_eq!(parse("4"), Rating::Number(4.0));
        assert_eq!(
            parse("Possible (3)"),
            Rating::Labelled("Possible".into(), 3.0)
        );
        assert_eq!(parse("[1-5]"), Rating::Missing);
        assert_eq!(parse("TBD"), Rating::Missing);
        assert_eq!(parse("High (pilot)"), Rating::Word("High (pilot)".into()));
        assert_eq!(parse("4 (Critical)"), Rating::Number(4.0));
        assert_eq!(parse("2 (Unlikely — two checks)"), Rating::Number(2.0));
        assert_eq!(parse("3 (Serious) — harm"), Rating::Number(3.0));
        assert_eq!(parse("3 - 4"), Rating::Word("3 - 4".into()));
        assert_eq!(
            as_written_on_scale("3 (Serious) — Professional harm", None),
            "3 (Serious — Professional harm)"
        );
    }

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
