//! Heading ids exactly as GitHub (npm `github-slugger` 2.x) makes them, so
//! anchors written for GitHub keep working.
//!
//! github-slugger lowercases the text, removes every character outside
//! letters, marks, decimal and letter numbers, connector punctuation (`_`),
//! space and `-`, then turns each space into `-`. Repeats on one page get
//! `-1`, `-2`, ...

use std::collections::HashMap;
use unicode_properties::{
    GeneralCategory as G, GeneralCategoryGroup as Group, UnicodeGeneralCategory,
};

fn kept(c: char) -> bool {
    if c == ' ' || c == '-' {
        return true;
    }
    match c.general_category_group() {
        Group::Letter | Group::Mark => true,
        Group::Number => matches!(c.general_category(), G::DecimalNumber | G::LetterNumber),
        Group::Punctuation => c.general_category() == G::ConnectorPunctuation,
        _ => false,
    }
}

/// The slug of one heading text, without de-duplication.
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| kept(*c))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// One slugger per page: repeats get `-1`, `-2`, ... as github-slugger does.
#[derive(Debug, Default)]
pub struct Slugger {
    occurrences: HashMap<String, usize>,
}

impl Slugger {
    pub fn slug(&mut self, text: &str) -> String {
        let mut original = slug(text);
        if original.is_empty() {
            // A heading of symbols only (`## ???`): an id may not be empty.
            original = "section".to_string();
        }
        let mut result = original.clone();
        while self.occurrences.contains_key(&result) {
            let n = self.occurrences.entry(original.clone()).or_insert(0);
            *n += 1;
            result = format!("{original}-{n}");
        }
        self.occurrences.insert(result.clone(), 0);
        result
    }

    /// Records an explicit `{#id}` so later generated ids avoid it.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.occurrences.insert(id.to_string(), 0).is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_github_for_the_seed_headings() {
        assert_eq!(
            slug("7) Rollout protocol (feature flags)"),
            "7-rollout-protocol-feature-flags"
        );
        assert_eq!(
            slug("Top 5 Risks -- Detailed Analysis"),
            "top-5-risks----detailed-analysis"
        );
        assert_eq!(
            slug("Top 5 Risks — Detailed Analysis"),
            "top-5-risks--detailed-analysis"
        );
        assert_eq!(
            slug("6) Fase 2 runbook - domain API bootstrap (parallel)"),
            "6-fase-2-runbook---domain-api-bootstrap-parallel"
        );
        assert_eq!(slug("🔴 CRITICAL Risks"), "-critical-risks");
        assert_eq!(slug("Ünïcödé Straße"), "ünïcödé-straße");
        assert_eq!(slug("日本語の見出し"), "日本語の見出し");
        assert_eq!(slug("snake_case & más"), "snake_case--más");
    }

    #[test]
    fn repeats_are_numbered_like_github_slugger() {
        let mut s = Slugger::default();
        assert_eq!(s.slug("Mitigations"), "mitigations");
        assert_eq!(s.slug("Mitigations"), "mitigations-1");
        assert_eq!(s.slug("Mitigations"), "mitigations-2");
        assert_eq!(s.slug("mitigations-1"), "mitigations-1-1");
    }

    #[test]
    fn a_heading_of_symbols_only_gets_a_non_empty_id() {
        let mut s = Slugger::default();
        assert_eq!(s.slug("???"), "section");
        assert_eq!(s.slug("🔴"), "section-1");
    }
}
