//! The scoring guide around the risks: scales written as lists or lines,
//! a matrix drawn with emoji, the ranges a guide's lines give the axes,
//! bands that are the levels, and levels spread over a score grid.

use super::{Doc, Found};
use crate::import::cell::plain;
use crate::import::rows::Hints;
use crate::import::vocabulary::{self, Field};
use crate::import::{blocks, matrix, scales, value_scales};
use serde_json::Value;

/// Scales written as lists of codes under a heading that names the axis,
/// then as a line of numbered steps under a key that names it
/// (`**Likelihood (1-5)**:` then `1 = Rare, 2 = Unlikely, ...`), where no
/// table (`tabled`) or earlier list gave that axis one.
pub(super) fn listed_scales(doc: &Doc, tabled: &[&str], found: &mut Found) {
    for (which, entries, lines_used) in scales::list_scales(&doc.lines, &doc.under, &doc.fenced) {
        if tabled.contains(&which) {
            continue;
        }
        found.reg.scales.insert(which.into(), Value::Array(entries));
        found.consume(lines_used);
    }
    for (which, entries, lines_used) in scales::line_scales(&doc.lines, &doc.fenced) {
        if tabled.contains(&which) || found.reg.scales.contains_key(which) {
            continue;
        }
        found.reg.scales.insert(which.into(), Value::Array(entries));
        found.consume(lines_used);
    }
}

/// What the guide says beside the risks, read from the lines no earlier
/// pass took.
pub(super) fn read(doc: &Doc, found: &mut Found) {
    emoji_matrix(doc, found);
    axis_ranges(doc, found);
    level_bands(doc, found);
    let reg = &mut found.reg;
    // A score grid takes its levels by `min`: spread them when none has one
    // (named cells need none).
    if reg
        .grid
        .as_ref()
        .is_some_and(|g| g.iter().flatten().all(Value::is_number))
        && reg
            .levels
            .as_ref()
            .is_none_or(|l| l.iter().any(|x| x.get("min").is_none()))
    {
        reg.levels = Some(value_scales::levels(
            &reg.scale("probability"),
            &reg.scale("impact"),
        ));
        reg.levels_spread = true;
        found
            .notes
            .push("levels were spread over the matrix's scores; check their `min`".into());
    }
    if reg.scoring.is_none()
        && (!reg.scales.is_empty() || (reg.levels.is_some() && reg.grid.is_none()))
    {
        found.notes.push("the scoring guide became the register's scales and levels (scoring: product, the default); check them".into());
    }
}

/// A matrix drawn with emoji is a grid, when its shape fits the scales.
fn emoji_matrix(doc: &Doc, found: &mut Found) {
    let reg = &mut found.reg;
    if reg.levels.is_some() {
        return;
    }
    let Some((levels, grid)) = scales::emoji_grid(&doc.lines) else {
        return;
    };
    let steps = |axis: &str, default: usize| {
        reg.scales
            .get(axis)
            .and_then(Value::as_array)
            .map_or(default, Vec::len)
    };
    let (rows, cols) = (steps("probability", 3), steps("impact", 4));
    if grid.len() == rows && grid.iter().all(|r| r.len() == cols) {
        found.notes.push(
            "the emoji matrix became `scoring: grid` with its classes as levels; check them".into(),
        );
        reg.scoring = Some("grid".into());
        reg.levels = Some(levels);
        reg.grid = Some(
            grid.into_iter()
                .map(|r| r.into_iter().map(Value::String).collect())
                .collect(),
        );
    } else {
        found.notes.push(format!(
            "a matrix of {} rows was found but does not fit the {rows}x{cols} scales: kept as text",
            grid.len()
        ));
    }
}

/// The axis a guide's line names, and what it says of it: `**Likelihood**:
/// Low (1-3), Medium (4-6), High (7-9)`, or a legend's `- **Impact level**
/// - Rate 1 to 5`.
fn axis_of(l: &str) -> Option<(Field, String)> {
    let legend = |l: &str| {
        let t = l
            .trim_start()
            .trim_start_matches(['-', '*', '+'])
            .trim_start();
        let (key, rest) = t.strip_prefix("**")?.split_once("**")?;
        let value = rest.trim_start().strip_prefix(['-', '–', '—'])?;
        Some((key.to_string(), value.trim().to_string()))
    };
    blocks::key_value(l)
        .or_else(|| legend(l))
        .and_then(|(k, v)| match vocabulary::field(&k) {
            Some(f @ (Field::Probability | Field::Impact)) => Some((f, v)),
            _ => None,
        })
}

/// A guide's line that names an axis bands that axis's ratings: the
/// lowest and highest number are the range of its scale, as a header's
/// `(1-9)` is.
fn axis_ranges(doc: &Doc, found: &mut Found) {
    let (consumed, hints) = (&found.consumed, &mut found.reg.hints);
    for i in (0..doc.lines.len()).filter(|&i| !doc.fenced[i] && !consumed[i]) {
        let Some((axis, value)) = axis_of(doc.lines[i]) else {
            prose_range(doc.lines[i], hints);
            continue;
        };
        let numbers: Vec<i64> = value
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        let (Some(&lo), Some(&hi)) = (numbers.iter().min(), numbers.iter().max()) else {
            continue;
        };
        // Two bands at least, or a range in words (`Rate 1 (low) to 5
        // (high)`): one rating with a note (`Medium (5)`) is no guide.
        let range = numbers.len() == 2 && plain(&value).to_lowercase().contains(" to ");
        if (numbers.len() >= 4 || range) && lo < hi {
            let hint = match axis {
                Field::Probability => &mut hints.probability,
                _ => &mut hints.impact,
            };
            hint.get_or_insert((lo, hi));
        }
    }
}

/// A sentence that rates axes on a range: `Likelihood and impact are
/// rated 1 (lowest) to 5 (highest)`, `Impact is scored on a 1-5 scale`.
/// Each axis it names gets the range, unless a guide's line gave one.
fn prose_range(line: &str, hints: &mut Hints) {
    let text = plain(line).to_lowercase();
    if !["rate", "score", "scale"].iter().any(|w| text.contains(w)) {
        return;
    }
    let numbers: Vec<i64> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    let [lo, hi] = numbers[..] else {
        return;
    };
    // The two numbers make one range: `1 to 5`, `1-5`, `1–5`.
    let between = text
        .split_once(&lo.to_string())
        .and_then(|(_, rest)| rest.split_once(&hi.to_string()))
        .map_or("", |(between, _)| between);
    let joined = between.contains(" to ") || matches!(between.trim(), "-" | "–" | "—");
    if !joined || lo >= hi {
        return;
    }
    // Whole words only: a table's `P` or `S` header names an axis, but in
    // a sentence `I` and the `s` of `it's` do not.
    let words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2);
    for axis in words.filter_map(vocabulary::field) {
        let hint = match axis {
            Field::Probability => &mut hints.probability,
            Field::Impact => &mut hints.impact,
            _ => continue,
        };
        hint.get_or_insert((lo, hi));
    }
}

/// Bands written as a list (`1-5 = Low, 6-12 = Medium`): levels by `min`,
/// except on a line that names an axis.
fn level_bands(doc: &Doc, found: &mut Found) {
    if found.reg.levels.is_some() {
        return;
    }
    let free: Vec<&str> = (0..doc.lines.len())
        .filter(|&i| !doc.fenced[i] && !found.consumed[i] && axis_of(doc.lines[i]).is_none())
        .flat_map(|i| doc.lines[i].split([',', ';']))
        .collect();
    if let Some(levels) = matrix::bands(&free) {
        found.notes.push(format!(
            "the bands {} became the levels (by score); check them",
            levels
                .iter()
                .map(|l| l["label"].as_str().unwrap_or("").to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        found.reg.levels = Some(levels);
    }
}

#[cfg(test)]
mod tests {
    use super::{Hints, prose_range};

    type Range = Option<(i64, i64)>;

    /// The ranges a line gives (probability, impact).
    fn ranges(line: &str) -> (Range, Range) {
        let mut hints = Hints::default();
        prose_range(line, &mut hints);
        (hints.probability, hints.impact)
    }

    #[test]
    fn a_sentence_gives_the_range_to_the_axes_it_names() {
        assert_eq!(
            ranges("Likelihood and impact are rated 1 (lowest) to 5 (highest)."),
            (Some((1, 5)), Some((1, 5)))
        );
        assert_eq!(
            ranges("Severity is scored on a 1-4 scale"),
            (None, Some((1, 4)))
        );
        // `it's` and `I` are no axis; two numbers that are not one range,
        // or no word of rating, give nothing.
        assert_eq!(
            ranges("It's rated 1 to 3 for likelihood, I think"),
            (Some((1, 3)), None)
        );
        assert_eq!(ranges("Impact rated 3, likelihood 5"), (None, None));
        assert_eq!(ranges("Impact lasts 1 to 2 days"), (None, None));
    }
}
