//! Probability and impact as registers write them, and the scales that
//! make them valid: numbers (`1`-`5`, `0`-`10`), percentages (`70%`),
//! `Possible (3)`, and words from the ladders registers use (`Very low` ..
//! `Very high`, `Rare` .. `Almost certain`, ISO 14971's `Negligible` ..
//! `Catastrophic`). A risk keeps the value as written; the register gets
//! the scale it is a value of.

use super::cell::slug;
use serde_json::Value;

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

/// How a risk writes a value of a scale the import made or read: a
/// fraction (`0.7`) becomes the percentage label, a number the step of
/// that value, a code the code; everything else stays as written.
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
}
