//! "Did you mean": the nearest known names to a misspelt one.

/// The candidate closest to `wrong` (Jaro-Winkler, case-insensitive), if close enough.
pub fn nearest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    ranked(wrong, candidates, 1).into_iter().next()
}

/// Up to `n` candidates close to `wrong`, best first (ties by name, so output is stable).
pub fn ranked<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<String> {
    let w = wrong.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&w, &c.to_lowercase()), c))
        .filter(|(s, _)| *s >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(n)
        .map(|(_, c)| c.to_string())
        .collect()
}

/// "did you mean `a` or `b`?" for the candidates near `wrong`, if any.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let near = ranked(wrong, candidates, 3);
    (!near.is_empty()).then(|| {
        let list: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
        format!("did you mean {}?", list.join(" or "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            nearest("mdium", ["low", "medium", "high"]).as_deref(),
            Some("medium")
        );
        assert_eq!(
            nearest("probabilty", ["probability", "impact"]).as_deref(),
            Some("probability")
        );
        assert_eq!(nearest("zzzz", ["low", "medium"]), None);
    }
}
