//! Probability and impact scales, and a rating written against them
//! (`Medium`, `low/medium`, `High (pilot downtime)`).

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ScaleEntry {
    pub id: String,
    pub label: String,
    pub value: f64,
    pub description: Option<String>,
}

/// Entries ordered from lowest to highest.
#[derive(Debug, Clone, Serialize)]
pub struct Scale {
    pub entries: Vec<ScaleEntry>,
}

/// A probability or impact as written in a source, matched to the scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rating {
    /// The text as written, without the note: `Low/Medium`.
    pub text: String,
    /// Index of the lower end of a range (the value itself when not a range).
    pub low: usize,
    /// Index of the upper end: what scoring uses.
    pub high: usize,
    /// `(pilot downtime)` in `High (pilot downtime)`.
    pub note: Option<String>,
}

/// Why a rating did not match its scale; the part that failed is named.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownRating {
    pub part: String,
    pub suggestion: Option<String>,
}

impl Scale {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Finds an entry by id or label, ignoring case.
    pub fn find(&self, text: &str) -> Option<usize> {
        let t = text.trim();
        self.entries
            .iter()
            .position(|e| e.id.eq_ignore_ascii_case(t) || e.label.eq_ignore_ascii_case(t))
            .or_else(|| {
                let lower = t.to_lowercase();
                self.entries
                    .iter()
                    .position(|e| e.id.to_lowercase() == lower || e.label.to_lowercase() == lower)
            })
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.id.as_str())
    }

    /// Parses `Medium`, `Low/Medium` (a range, scored by its upper end) and
    /// `High (note)`.
    pub fn rate(&self, written: &str) -> Result<Rating, UnknownRating> {
        let (value, note) = split_note(written);
        let mut indexes = Vec::new();
        for part in value.split('/') {
            match self.find(part) {
                Some(i) => indexes.push(i),
                None => {
                    return Err(UnknownRating {
                        part: part.trim().to_string(),
                        suggestion: crate::diagnostics::suggest::nearest(part.trim(), self.ids()),
                    });
                }
            }
        }
        let low = *indexes.iter().min().unwrap_or(&0);
        let high = *indexes.iter().max().unwrap_or(&0);
        Ok(Rating {
            text: value.trim().to_string(),
            low,
            high,
            note,
        })
    }
}

/// Splits `High (pilot downtime)` into `High` and `pilot downtime`.
fn split_note(written: &str) -> (&str, Option<String>) {
    let t = written.trim();
    if let (Some(open), true) = (t.find('('), t.ends_with(')')) {
        let note = t[open + 1..t.len() - 1].trim();
        let value = t[..open].trim_end();
        if !value.is_empty() {
            return (value, (!note.is_empty()).then(|| note.to_string()));
        }
    }
    (t, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> Scale {
        let e = |id: &str, v| ScaleEntry {
            id: id.to_lowercase(),
            label: id.to_string(),
            value: v,
            description: None,
        };
        Scale {
            entries: vec![e("Low", 1.0), e("Medium", 2.0), e("High", 3.0)],
        }
    }

    #[test]
    fn rates_plain_values_by_id_or_label() {
        let r = scale().rate("MEDIUM").unwrap();
        assert_eq!((r.low, r.high, r.text.as_str()), (1, 1, "MEDIUM"));
    }

    #[test]
    fn rates_ranges_by_upper_end_and_keeps_notes() {
        let r = scale().rate("Low/Medium").unwrap();
        assert_eq!((r.low, r.high), (0, 1));
        let r = scale().rate("High (pilot downtime)").unwrap();
        assert_eq!((r.high, r.note.as_deref()), (2, Some("pilot downtime")));
        assert_eq!(r.text, "High");
    }

    #[test]
    fn unknown_values_name_the_part_and_a_suggestion() {
        let e = scale().rate("low/mdium").unwrap_err();
        assert_eq!(e.part, "mdium");
        assert_eq!(e.suggestion.as_deref(), Some("medium"));
    }
}
