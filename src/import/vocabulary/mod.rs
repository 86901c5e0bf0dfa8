//! The words registers use for a risk's fields, in tables, spreadsheets
//! and `**Key**: value` lists: ISO 31000/27005, ISO 14971, FMEA and
//! everyday project registers. A header is matched ignoring case, markup,
//! punctuation and parenthesised notes: `**Risk ID**`, `Owner (role)`,
//! `Prob (1-5)`, `Risk_Name` and `P/S after controls` all match.

mod phrases;
use phrases::WORDS;

/// A field of a risk that a column or key can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Title,
    Description,
    Probability,
    Impact,
    Score,
    Level,
    Owner,
    Status,
    Category,
    Mitigation,
    Contingency,
    Trigger,
    Residual,
    /// The probability and impact after the risk controls.
    ResidualProbability,
    ResidualImpact,
    Reviewed,
    Playbooks,
    Signals,
    Related,
    Issues,
    Tags,
    Watchlist,
    AcceptedBy,
    AcceptanceExpires,
    /// A CVSS vector (`CVSS:3.1/AV:N/...`); a column of scores stays as written.
    Cvss,
    /// ARO: loss events a year (`frequency`).
    Aro,
    /// SLE: one event's loss (`loss`).
    Sle,
    /// ALE: a declared expected annual loss, checked against ARO x SLE.
    Ale,
    /// Factor values as riskbook's table writes them (`skill=6; motive=4`):
    /// each becomes a column of its own.
    Factors,
    /// An OWASP Risk Rating factor: its index in the methodology's order
    /// (eight likelihood, four technical, four business impact factors).
    Owasp(u8),
}

/// `**Owner (role)**:` -> `owner`; `Risk_Name` -> `risk name`; `#` -> `#`.
pub fn normalize(header: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            '#' => out.push('#'),
            _ => out.push(' '),
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    words.join(" ")
}

/// The field a header or key names, if any.
pub fn field(header: &str) -> Option<Field> {
    let named = named_field(header)?;
    // `P2 (Post-control)`, `Severity (after mitigation)`: the residual.
    let note = header
        .split_once('(')
        .map(|(_, n)| n.to_lowercase())
        .unwrap_or_default();
    let after = ["post", "after", "residual"]
        .iter()
        .any(|w| note.contains(w));
    Some(match named {
        Field::Probability if after => Field::ResidualProbability,
        Field::Impact if after => Field::ResidualImpact,
        other => other,
    })
}

fn named_field(header: &str) -> Option<Field> {
    let n = normalize(header);
    // ISO 14971 software: `P2 (Pre-control)`, the probability that a
    // defect leads to harm (`P2: Remote` alone is a scale's step).
    if n == "p2" && header.contains('(') {
        return Some(Field::Probability);
    }
    let lookup = |n: &str| {
        WORDS
            .iter()
            .find(|(_, words)| words.contains(&n))
            .map(|(f, _)| *f)
    };
    // `EMV_kEUR`, `Cost impact USD`: the last word is the unit.
    lookup(&n)
        .or_else(|| {
            let (rest, last) = n.rsplit_once(' ')?;
            super::units::is_unit_word(last).then(|| lookup(rest))?
        })
        .or_else(|| lookup(without_range(&n)?))
}

/// A header without the scale it names at its end: `L_1to5` -> `l`,
/// `Impact 1-5` -> `impact`; `None` when it names none.
fn without_range(n: &str) -> Option<&str> {
    let is_range = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || w.split_once("to").is_some_and(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && (a.chars().chain(b.chars())).all(|c| c.is_ascii_digit())
            })
    };
    let mut rest = n;
    while let Some((head, last)) = rest.rsplit_once(' ') {
        if !is_range(last) {
            break;
        }
        rest = head;
    }
    (rest != n).then_some(rest)
}

/// Which column of a table fills which field, resolving the words that
/// change meaning with their neighbours: a `Risk Description` column is
/// the title when no column is one; `Severity` beside `Impact` is a level.
pub fn columns(header: &[String]) -> Vec<Option<Field>> {
    once(header, named(header))
}

/// `columns` before `once`: a field may still be named by several columns.
pub fn named(header: &[String]) -> Vec<Option<Field>> {
    let mut fields: Vec<Option<Field>> = header.iter().map(|h| field(h)).collect();
    let has = |fields: &[Option<Field>], f: Field| fields.contains(&Some(f));
    if has(&fields, Field::Impact) {
        let severities: Vec<usize> = (0..header.len())
            .filter(|&i| normalize(&header[i]) == "severity")
            .collect();
        let impacts = fields.iter().filter(|f| **f == Some(Field::Impact)).count();
        if impacts > severities.len() {
            for i in severities {
                fields[i] = Some(Field::Level);
            }
        }
    }
    if !has(&fields, Field::Title)
        && let Some(i) = fields.iter().position(|f| *f == Some(Field::Description))
    {
        fields[i] = Some(Field::Title);
    }
    // A second probability and impact after the first pair (ISO 14971:
    // `P | S | Risk control measures | P | S`) rate the risk after its
    // controls: the residual.
    let at = |fields: &[Option<Field>], f: Field| -> Vec<usize> {
        (0..fields.len())
            .filter(|&i| fields[i] == Some(f))
            .collect()
    };
    let (ps, is) = (at(&fields, Field::Probability), at(&fields, Field::Impact));
    if ps.len() == 2
        && is.len() == 2
        && ps[1] > is[0]
        && is[1] > ps[0]
        && !has(&fields, Field::ResidualProbability)
        && !has(&fields, Field::ResidualImpact)
    {
        fields[ps[1]] = Some(Field::ResidualProbability);
        fields[is[1]] = Some(Field::ResidualImpact);
    }
    fields
}

/// Each field filled by one column: of several that name it, the one that
/// names it best (`preference`), else the first; the rest are kept as
/// sections of the risk (say, existing and proposed mitigation).
pub fn once(header: &[String], mut fields: Vec<Option<Field>>) -> Vec<Option<Field>> {
    let rank = |i: usize| fields[i].map_or(u8::MAX, |f| preference(f, &header[i]));
    let mut chosen: Vec<(Field, usize)> = Vec::new();
    for (i, x) in fields.iter().enumerate() {
        let Some(x) = *x else { continue };
        match chosen.iter_mut().find(|(f, _)| *f == x) {
            None => chosen.push((x, i)),
            Some(c) if rank(i) < rank(c.1) => c.1 = i,
            Some(_) => {}
        }
    }
    for (i, f) in fields.iter_mut().enumerate() {
        if f.is_some_and(|x| !chosen.contains(&(x, i))) {
            *f = None;
        }
    }
    fields
}

/// How well `header` names `field`, best first: 0 for the field's own name
/// (the first of its phrases: `Mitigation`), 2 for what is already in
/// place (`Current controls`), 1 for any other synonym (`Mitigation
/// plan`). Of two columns or keys for one field, the better fills it.
pub fn preference(field: Field, header: &str) -> u8 {
    let n = normalize(header);
    let own = WORDS
        .iter()
        .find(|(f, _)| *f == field)
        .is_some_and(|(_, words)| words.first() == Some(&n.as_str()));
    if own {
        0
    } else if phrases::IN_PLACE.contains(&n.as_str()) {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_ignoring_markup_punctuation_and_notes() {
        assert_eq!(field("**Risk ID**"), Some(Field::Id));
        assert_eq!(field("Owner (role)"), Some(Field::Owner));
        assert_eq!(field("Prob (1-5)"), Some(Field::Probability));
        assert_eq!(field("Risk_Name"), Some(Field::Title));
        assert_eq!(field("P/S after controls"), Some(Field::Residual));
        assert_eq!(field("#"), Some(Field::Id));
        assert_eq!(field("Failure Mode"), Some(Field::Title));
        assert_eq!(field("RPN"), Some(Field::Score));
        assert_eq!(field("Something else"), None);
    }

    #[test]
    fn a_second_rating_pair_after_the_controls_is_the_residual() {
        let h = |v: &[&str]| columns(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let iso = h(&["ID", "Hazard", "P", "S", "Risk control measures", "P", "S"]);
        assert_eq!(iso[5], Some(Field::ResidualProbability));
        assert_eq!(iso[6], Some(Field::ResidualImpact));
        assert_eq!(iso[2], Some(Field::Probability));
        let named = h(&[
            "Risk",
            "Likelihood",
            "Impact",
            "Residual Likelihood",
            "Residual Severity",
        ]);
        assert_eq!(named[3], Some(Field::ResidualProbability));
        assert_eq!(named[4], Some(Field::ResidualImpact));
    }

    #[test]
    fn a_description_is_the_title_when_no_column_is_one() {
        let h = |v: &[&str]| columns(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            h(&["Risk ID", "Risk Description", "Likelihood"])[1],
            Some(Field::Title)
        );
        assert_eq!(
            h(&["ID", "Title", "Description"])[2],
            Some(Field::Description)
        );
        assert_eq!(
            h(&["ID", "Impact", "Likelihood", "Severity"])[3],
            Some(Field::Level)
        );
        assert_eq!(
            h(&["ID", "Hazard", "Severity", "Probability"])[2],
            Some(Field::Impact)
        );
    }
}
