//! The site's severity scale (`severities:`) and the mapping of each
//! register's levels onto it, so one scale counts risks across registers.

use super::entries::{Ids, at_least_one, colors, label_or_id};
use super::locator::Locator;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::spans::YamlPath;
use crate::model::{Level, Severity};
use crate::source::config::{RawLevel, RawSeverity};

/// The severity scale: one step per entry, lowest first.
pub(super) fn scale(
    raw: &[RawSeverity],
    path: &YamlPath,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Severity>> {
    let raw = at_least_one(
        raw,
        "`severities` needs at least one severity",
        path,
        loc,
        diags,
    )?;
    let mut ids = Ids::new("severity");
    let mut out = Vec::new();
    for (i, s) in raw.iter().enumerate() {
        let at = path.index(i);
        let (id, _) = ids.read(&s.id, &at, loc, diags);
        let (color, text_color) = colors(&s.color, i, &at.key("color"), loc, diags);
        out.push(Severity {
            label: label_or_id(&s.label, &id),
            id,
            color,
            text_color,
            description: s.description.as_ref().map(|t| t.0.clone()),
        });
    }
    Some(out)
}

/// Gives each level its severity: the one its `severity:` names, else the
/// one whose id or label equals the level's id or label; else an
/// `unmapped-level` error at the level (or at `fallback` for levels not
/// written in this file).
pub(super) fn map_levels(
    levels: &mut [Level],
    severities: &[Severity],
    raw: Option<&[RawLevel]>,
    fallback: &YamlPath,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let find = |names: &[&str]| {
        severities
            .iter()
            .position(|s| names.iter().any(|n| same(n, &s.id) || same(n, &s.label)))
    };
    let choices = severities
        .iter()
        .map(|s| format!("`{}`", s.id))
        .collect::<Vec<_>>()
        .join(", ");
    for (i, level) in levels.iter_mut().enumerate() {
        let written = raw
            .and_then(|r| r.get(i))
            .and_then(|r| r.severity.as_ref())
            .filter(|t| !t.is_blank());
        let (found, at, asked) = match written {
            Some(t) => (
                find(&[&t.0]),
                fallback.index(i).key("severity"),
                t.0.trim().to_string(),
            ),
            None => (
                find(&[&level.id, &level.label]),
                match raw {
                    Some(_) => fallback.index(i).key("id"),
                    None => fallback.clone(),
                },
                level.id.clone(),
            ),
        };
        match found {
            Some(s) => level.severity = s,
            // The model stays whole after an error: the level keeps a
            // severity of the scale (the highest, at most), so whatever
            // renders it after the error still finds one.
            None => {
                level.severity = level.severity.min(severities.len().saturating_sub(1));
                diags.push(
                Diagnostic::new(
                    Code::UnmappedLevel,
                    loc.at(&at),
                    match written {
                        Some(_) => format!("`{asked}` is not one of the site's severities"),
                        None => format!(
                            "level `{}` matches none of the site's severities",
                            level.id
                        ),
                    },
                )
                .with_help(match crate::diagnostics::suggest::nearest(
                    &asked,
                    severities.iter().map(|s| s.id.as_str()),
                ) {
                    Some(n) if written.is_some() => {
                        format!("did you mean `{n}`? the severities are {choices}")
                    }
                    _ if written.is_some() => format!("the severities are {choices}"),
                    _ => format!(
                        "give the level `severity:`, one of {choices} (severities are set in site.yaml)"
                    ),
                }),
                );
            }
        }
    }
}
