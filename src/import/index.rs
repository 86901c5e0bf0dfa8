//! The risks found so far, by id and by title (the first of each): a
//! table row or a detailed block finds the risk it adds to without
//! scanning them all, so a document of many risks imports in linear time.

use super::OutRisk;
use std::collections::HashMap;

#[derive(Default)]
pub struct RiskIndex {
    by_id: HashMap<String, usize>,
    by_title: HashMap<String, usize>,
}

impl RiskIndex {
    /// Records risk `i` (again, after its fields were filled: a title may
    /// have come with them).
    pub fn add(&mut self, i: usize, risk: &OutRisk) {
        self.by_id.entry(risk.id.clone()).or_insert(i);
        if !risk.title.is_empty() {
            self.by_title
                .entry(risk.title.to_ascii_lowercase())
                .or_insert(i);
        }
    }

    pub fn id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The risk of this title, letter case aside.
    pub fn title(&self, title: &str) -> Option<usize> {
        if title.is_empty() {
            return None;
        }
        self.by_title.get(&title.to_ascii_lowercase()).copied()
    }
}
