//! What every entry of a scale, a level list, a status list, the severity
//! scale and a factor list has in common: a list that is not empty, an id
//! written once, a label that falls back to its id and a colour checked as
//! written (or taken from the palette) with the text colour that reads on
//! it.

use super::locator::Locator;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::spans::YamlPath;
use crate::model::scoring::{parse_color, text_color_for};
use crate::source::text::Text;
use std::collections::HashSet;

/// `raw` when it has an entry; an empty list is an `invalid-config` error
/// at `path` that says `needs` (what the list needs at least one of).
pub fn at_least_one<'r, T>(
    raw: &'r [T],
    needs: &str,
    path: &YamlPath,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'r [T]> {
    if raw.is_empty() {
        diags.push(Diagnostic::new(Code::InvalidConfig, loc.at(path), needs));
        return None;
    }
    Some(raw)
}

/// The ids of one list's entries: each required and trimmed, and none
/// written twice. Ids match without regard to case (`High` rates as
/// `high`), so `LOW` after `low` is a repeat.
pub struct Ids {
    what: &'static str,
    seen: HashSet<String>,
}

impl Ids {
    /// `what`: one entry, as the messages name it (`level`, `scale entry`).
    pub fn new(what: &'static str) -> Ids {
        Ids {
            what,
            seen: HashSet::new(),
        }
    }

    /// The id of the entry at `entry`, and whether it is the first with
    /// that id; a repeat is an `invalid-config` error at the id.
    pub fn read(
        &mut self,
        id: &Text,
        entry: &YamlPath,
        loc: Locator,
        diags: &mut Vec<Diagnostic>,
    ) -> (String, bool) {
        let what = self.what;
        let at = entry.key("id");
        let id = loc
            .required(id, &at, &format!("a {what}'s id"), diags)
            .trim()
            .to_string();
        let first = id.is_empty() || self.seen.insert(id.to_lowercase());
        if !first {
            diags.push(
                Diagnostic::new(
                    Code::InvalidConfig,
                    loc.at(&at),
                    format!("{what} `{id}` is listed twice"),
                )
                .with_label("an earlier entry has this id")
                .with_help(format!(
                    "ids match without regard to case; give each {what} an id of its own"
                )),
            );
        }
        (id, first)
    }
}

/// A colour as written (or the palette's `i`th), and the text colour that
/// reads on it.
pub fn colors(
    raw: &Option<Text>,
    i: usize,
    path: &YamlPath,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> (String, String) {
    const PALETTE: [&str; 5] = ["#2da44e", "#d4a72c", "#e16f24", "#cf222e", "#8250df"];
    let color = raw
        .as_ref()
        .map(|c| c.0.trim().to_string())
        .unwrap_or_else(|| PALETTE[i.min(4)].to_string());
    let rgb = match parse_color(&color) {
        Some(rgb) => rgb,
        None => {
            diags.push(
                Diagnostic::new(
                    Code::InvalidConfig,
                    loc.at(path),
                    format!("`{color}` is not a colour"),
                )
                .with_help("write colours as #rrggbb or #rgb"),
            );
            (0, 0, 0)
        }
    };
    let (r, g, b) = rgb;
    (
        format!("#{r:02x}{g:02x}{b:02x}"),
        text_color_for(rgb).to_string(),
    )
}

/// A label as written, or the id when there is none (or it is blank).
pub fn label_or_id(label: &Option<Text>, id: &str) -> String {
    label
        .as_ref()
        .filter(|l| !l.is_blank())
        .map(|l| l.0.trim().to_string())
        .unwrap_or_else(|| id.to_string())
}
