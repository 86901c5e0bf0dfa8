//! A document that is one risk: an issue template or a risk card, with the
//! risk's name as its `#` title and a section per field (`## Probability`
//! then the value) or plain `- Likelihood: High` bullets.

use super::blocks::Field;
use super::vocabulary::{self, Field as F};

/// The fields of the one risk `lines` describe, or `None` when it names
/// no rating (then it is not a risk card).
pub fn fields(lines: &[&str], fenced: &[bool]) -> Option<Vec<Field>> {
    let mut fields: Vec<Field> = Vec::new();
    let mut section: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        if fenced[i] {
            if let Some(k) = section {
                fields[k].raw.push(line.to_string());
            }
            continue;
        }
        if let Some(h) = line.strip_prefix("## ") {
            // Every section is a field: one the vocabulary names, or a
            // section of the risk (`## Likelihood/Impact` keeps only what
            // its `Key: value` bullets do not say).
            fields.push(Field {
                key: h.trim().to_string(),
                ..Field::default()
            });
            section = Some(fields.len() - 1);
            continue;
        }
        // `- Likelihood: High`, `- ID: RSK-7`.
        // `**Likelihood:** High` (the colon inside the bold) too.
        let item = line.trim_start().trim_start_matches(['-', '*']).trim();
        let pair = super::blocks::key_value(line).or_else(|| {
            item.split_once(':')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        });
        if let Some((k, v)) = pair
            && k.len() <= 30
            && vocabulary::field(&k).is_some()
            && !v.trim().is_empty()
        {
            fields.push(Field {
                key: k.trim().to_string(),
                value: v.trim().to_string(),
                ..Field::default()
            });
            continue;
        }
        if let Some(k) = section {
            fields[k].raw.push(line.to_string());
        }
    }
    // A rating is a short value: a section that holds a table or a
    // quotation (a scoring guide's `## Severity` and its definitions)
    // rates nothing.
    let rated = fields.iter().any(|f| {
        matches!(vocabulary::field(&f.key), Some(F::Probability | F::Impact))
            && super::ratings::is_rating(&f.value_or_next())
    });
    rated.then_some(fields)
}
