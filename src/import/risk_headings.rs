//! What a heading (or a bold line) says about a risk: its id and title
//! (`## R1 — Title`, `### Risk ID: 001`, `**RISK-001: Title**`, `### 1.
//! Title`), the class a heading above the cards names, and whether its
//! sub-headings give an id or name fields.

use super::vocabulary;

pub(super) fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|c| *c == '#').count();
    (level > 0 && line[level..].starts_with(' ')).then(|| (level, line[level..].trim()))
}

/// `Risk ID: 001`, `Risk 7: Title`, `Risk #3 — Title` -> (id, title); the
/// title may be empty (a `Title` key or the description gives it).
pub(super) fn risk_prefixed(text: &str) -> Option<(String, String)> {
    let t = super::cell::plain(text);
    let lower = t.to_lowercase();
    let (prefix, rest) = [
        "risk id:", "risk id", "risk no.", "risk #", "risk:", "risk ",
    ]
    .iter()
    .find_map(|p| lower.starts_with(p).then(|| (*p, &t[p.len()..])))?;
    let rest = rest.trim().trim_start_matches('#').trim();
    let (id, title) = match rest.split_once([' ', ':']) {
        Some((id, title)) => (id, title),
        None => (rest, ""),
    };
    // After the bare word (`Risk 7: Title`, `Risk 7 — Title`) a separator
    // must follow the number: `Risk 1 about the cache` is a title.
    let separated = id.ends_with('.')
        || rest[id.len()..]
            .trim_start()
            .starts_with([':', '—', '–', '-'])
        || title.trim().is_empty();
    if prefix == "risk " && !separated {
        return None;
    }
    let id = id.trim_end_matches([':', '.', ',']);
    let ok = !id.is_empty()
        && id.len() <= 16
        && id.chars().any(|c| c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.');
    let title = title.trim().trim_start_matches(['—', '–', '-', ':']).trim();
    ok.then(|| (id.to_string(), title.to_string()))
}

/// `RSK-001: Title`, `R1 — Title`, `D-4 - Title` -> (id, title).
pub(super) fn id_title(text: &str) -> Option<(String, String)> {
    if let Some(found) = risk_prefixed(text) {
        return Some(found);
    }
    let (id, rest) = text.split_once([' ', ':'])?;
    let id = id.trim_end_matches(':');
    let title = rest.trim().trim_start_matches(['—', '–', '-', ':']).trim();
    (is_id(id) && !title.is_empty()).then(|| (id.to_string(), super::cell::plain(title)))
}

/// `RSK-001`, `R1`, `VLT-002`: a capital letter first, a digit in it, at
/// most 16 letters, digits, `-`, `_` and `.`.
pub(super) fn is_id(id: &str) -> bool {
    id.len() <= 16
        && id.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && id.chars().any(|c| c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
}

/// Whether a sub-heading of a heading at `level` names a risk's field
/// (`### Impact level` under `## VLT-001`), within the heading's section.
pub(super) fn field_sub_heading(after: &[&str], level: usize) -> bool {
    sub_headings(after, level).any(|text| vocabulary::field(text).is_some())
}

/// The texts of the sub-headings of a heading at `level`, up to the end of
/// its section (`after` are the lines below it).
fn sub_headings<'a>(after: &'a [&'a str], level: usize) -> impl Iterator<Item = &'a str> {
    after
        .iter()
        .filter_map(|l| heading(l))
        .take_while(move |(lv, _)| *lv > level)
        .map(|(_, text)| text)
}

/// `**RISK-001: Title**` alone on its line -> (id, title).
pub(super) fn bold_id_line(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    let inner = t.strip_prefix("**")?.strip_suffix("**")?;
    if inner.contains("**") {
        return None;
    }
    id_title(inner.trim())
}

/// `1. Title` -> (1, title).
pub(super) fn numbered(text: &str) -> Option<(usize, String)> {
    let (n, rest) = text.split_once(". ")?;
    let n = n.parse().ok()?;
    Some((n, super::cell::plain(rest)))
}

pub(super) fn strip_class(h: &str) -> String {
    let t = super::cell::plain(h);
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric()).trim();
    t.trim_end_matches(" Risks")
        .trim_end_matches(" risks")
        .to_string()
}

/// The id a sub-heading of a heading at `level` gives (`##### Risk ID:
/// 1`), looking no further than the heading's own section.
pub(super) fn id_sub_heading(after: &[&str], level: usize) -> Option<String> {
    sub_headings(after, level).find_map(|text| {
        let (key, value) = text.split_once(':')?;
        let value = super::cell::plain(value);
        (vocabulary::field(key) == Some(vocabulary::Field::Id) && !value.is_empty())
            .then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_titles() {
        // Heading text -> (id, title); none where the heading names no risk.
        for (heading, want) in [
            ("R1 — Baseline mismatch", Some(("R1", "Baseline mismatch"))),
            (
                "RSK-001: Tenant Data Leakage",
                Some(("RSK-001", "Tenant Data Leakage")),
            ),
            ("Risk Matrix", None),
            ("Risk ID: 001", Some(("001", ""))),
            ("Risk 7: Vendor lock-in", Some(("7", "Vendor lock-in"))),
            ("Risk 7 — Vendor lock-in", Some(("7", "Vendor lock-in"))),
            ("Risk 7", Some(("7", ""))),
            // Without a separator the number is part of the title.
            ("Risk 1 about the cache", None),
        ] {
            let want = want.map(|(id, title)| (id.to_string(), title.to_string()));
            assert_eq!(id_title(heading), want, "{heading}");
        }
        assert_eq!(
            bold_id_line("**RISK-001: Token theft**"),
            Some(("RISK-001".into(), "Token theft".into()))
        );
        assert_eq!(bold_id_line("**Risk Matrix**"), None);
        assert_eq!(
            numbered("1. Data Loss During Migration"),
            Some((1, "Data Loss During Migration".into()))
        );
    }
}
