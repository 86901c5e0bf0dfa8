//! Where each field of a card goes on its risk (`**Likelihood**: High`,
//! `### Mitigation` and its list, a `| Severity | 4 (Critical) |` row):
//! the keys matched by `vocabulary`, the rest kept as the risk's sections.

use super::OutRisk;
use super::blocks::Field;
use super::cell::plain;
use super::rows::{owner_value, status_word};
use super::vocabulary;
use serde_json::Value;

/// Applies the fields of a detailed block to a risk; keys are matched by
/// `vocabulary`, what matches no field is kept as a section of the risk.
pub fn apply(risk: &mut OutRisk, fields: &[Field]) {
    use vocabulary::Field as F;
    // Of two keys for one field, the one that names it better fills it
    // (the rule of table columns, `vocabulary::preference`):
    // `**Mitigation:**` under `**Current controls:**` is the mitigation,
    // and the controls stay a section.
    let kinds: Vec<Option<F>> = fields.iter().map(|f| vocabulary::field(&f.key)).collect();
    let rank = |i: usize| kinds[i].map_or(u8::MAX, |k| vocabulary::preference(k, &fields[i].key));
    let yields =
        |i: usize| (0..fields.len()).any(|j| j != i && kinds[j] == kinds[i] && rank(j) < rank(i));
    for (i, f) in fields.iter().enumerate() {
        // `**Owner:** [Your Name]`: a template's placeholder says nothing
        // (as in a table's cells).
        let text = f.text();
        if f.items.is_empty() && !text.trim().is_empty() && super::cell::is_placeholder(&text) {
            continue;
        }
        if kinds[i] == Some(F::Signals)
            && (!f.items.is_empty() || !f.value.is_empty())
            // Signals are items: a list with a paragraph or nested items
            // beside it stays whole, as a section of the risk (below).
            && f.is_plain_list()
        {
            risk.signals = if f.items.is_empty() {
                vec![f.value.clone()]
            } else {
                f.items.clone()
            };
            continue;
        }
        let field = if yields(i) { None } else { kinds[i] };
        if let Some(money @ (F::Aro | F::Sle | F::Ale | F::Impact | F::Score)) = field
            && f.items.is_empty()
            && super::money::read_cell(risk, money, &f.key, &plain(&f.value_or_next()))
        {
            continue;
        }
        match field {
            Some(F::Description) => risk.description = Some(f.text()),
            Some(F::Title) if risk.title.is_empty() => risk.title = plain(&f.value_or_next()),
            Some(F::Probability) => {
                let v = plain(&f.value_or_next());
                // A longer text with the same value adds its note: `Low (managed ...)`.
                if risk.probability.is_empty()
                    || v.to_lowercase()
                        .starts_with(&risk.probability.to_lowercase())
                {
                    risk.probability = v;
                }
            }
            Some(F::Impact) => {
                let v = plain(&f.value_or_next());
                if risk.impact.is_empty()
                    || v.to_lowercase().starts_with(&risk.impact.to_lowercase())
                {
                    risk.impact = v;
                }
            }
            // A flat list alone is a checklist; with a paragraph beside it
            // or items nested under items, the whole field is Markdown text
            // (below), so nothing is lost or flattened.
            Some(F::Mitigation)
                if !f.items.is_empty() && f.is_plain_list() && risk.mitigation.is_none() =>
            {
                risk.mitigation = Some(actions(&f.items))
            }
            Some(F::Contingency)
                if !f.items.is_empty() && f.is_plain_list() && risk.contingency.is_none() =>
            {
                risk.contingency = Some(actions(&f.items))
            }
            // A one-line mitigation or contingency is Markdown text.
            Some(F::Mitigation) if risk.mitigation.is_none() => {
                risk.mitigation = Some(Value::String(f.text()))
            }
            Some(F::Contingency) if risk.contingency.is_none() => {
                risk.contingency = Some(Value::String(f.text()))
            }
            Some(F::Score) => super::rows::declare_score(risk, &f.key, &f.value_or_next()),
            Some(F::Owner) if !f.value_or_next().is_empty() => {
                risk.owner = owner_value(&f.value_or_next())
            }
            Some(F::Status) if !f.value_or_next().is_empty() && risk.status.is_none() => {
                risk.status = Some(status_word(&f.value_or_next()))
            }
            // The same status again (a card repeating its table's row).
            Some(F::Status) if risk.status == Some(status_word(&f.value_or_next())) => {}
            // A declared level (`**Priority:** H`), as a table's column is.
            Some(F::Level) if f.items.is_empty() && !f.value_or_next().is_empty() => {
                super::rows::declare_level(risk, &plain(&f.value_or_next()))
            }
            Some(F::Residual) if f.items.is_empty() && !f.value_or_next().is_empty() => {
                risk.extra
                    .entry("residual_risk")
                    .or_insert_with(|| Value::String(plain(&f.value_or_next())));
            }
            Some(F::ResidualProbability) if risk.residual_written.0.is_empty() => {
                risk.residual_written.0 = plain(&f.value_or_next())
            }
            Some(F::ResidualImpact) if risk.residual_written.1.is_empty() => {
                risk.residual_written.1 = plain(&f.value_or_next())
            }
            Some(F::Trigger) if !f.value_or_next().is_empty() && risk.trigger.is_none() => {
                risk.trigger = Some(f.text())
            }
            Some(F::Category) if !f.value_or_next().is_empty() && risk.category.is_none() => {
                risk.category = Some(plain(&f.value_or_next()))
            }
            Some(F::Reviewed) if crate::model::Date::parse(f.value.trim()).is_ok() => {
                risk.reviewed = Some(f.value.trim().to_string())
            }
            Some(F::Id) if plain(&f.value) == risk.id => {}
            // An OWASP factor's number, by its key: `finish` rates the
            // register by them when every risk has a full set.
            Some(F::Owasp(_)) if f.items.is_empty() && !f.value.trim().is_empty() => {
                risk.extra
                    .insert(super::rows::key(&f.key), Value::String(plain(&f.value)));
            }
            // A DREAD factor's number (`- **Damage potential**: 8 (all
            // accounts)`), likewise; a DREAD guide's prose stays a section.
            None if f.items.is_empty()
                && plain(&f.value).starts_with(|c: char| c.is_ascii_digit())
                && super::methods::names_dread_factor(&super::rows::key(&f.key)) =>
            {
                risk.extra
                    .insert(super::rows::key(&f.key), Value::String(plain(&f.value)));
            }
            _ => {
                // Everything else stays, in order, as a section of the risk.
                let text = f.text();
                if !text.trim().is_empty() {
                    risk.sections.insert(f.key.clone(), text);
                }
            }
        }
    }
}

/// A card's list of actions: `- [x] Done`, `- ✅ Done` and `- [ ] Open`
/// keep whether they are done; any other item is the action's text.
fn actions(items: &[String]) -> Value {
    let item = |i: &String| {
        let done = |rest: &str, done| serde_json::json!({ "action": rest.trim(), "done": done });
        if let Some(rest) = i.strip_prefix("✅") {
            return done(rest, true);
        }
        match i.get(..3) {
            Some("[x]" | "[X]") => done(&i[3..], true),
            Some("[ ]") => done(&i[3..], false),
            _ => Value::String(i.clone()),
        }
    };
    Value::Array(items.iter().map(item).collect())
}
