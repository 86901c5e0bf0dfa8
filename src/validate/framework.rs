//! Builds a `Framework` (scales, scoring, levels, statuses) from the site
//! config's keys, and a register's overrides on top of the site's.

use super::entries::{Ids, at_least_one, colors, label_or_id};
use super::locator::Locator;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::spans::YamlPath;
use crate::model::scoring::{Labels, parse_color, text_color_for};
use crate::model::{Framework, Level, Scale, ScaleEntry, Scoring, Severity, Status};
use crate::source::config::{
    RawFramework, RawLevel, RawScaleEntry, RawScoring, RawSiteConfig, RawStatus,
};
use std::sync::Arc;

/// The framework of a site without `site.yaml`: the defaults the format reference lists.
pub fn default_framework() -> Framework {
    let entry = |id: &str, label: &str, value: f64, d: Option<&str>| ScaleEntry {
        id: id.into(),
        label: label.into(),
        value,
        description: d.map(str::to_string),
    };
    let level = |id: &str, label: &str, min: f64, color: &str, severity| Level {
        id: id.into(),
        label: label.into(),
        min,
        color: color.into(),
        text_color: text_color_for(parse_color(color).unwrap_or((0, 0, 0))).into(),
        description: None,
        severity,
    };
    let status = |id: &str, label: &str, active| Status {
        id: id.into(),
        label: label.into(),
        active,
        description: None,
    };
    Framework {
        probability: Scale {
            entries: vec![
                entry("low", "Low", 1.0, Some("< 30% likelihood")),
                entry("medium", "Medium", 2.0, Some("30-60% likelihood")),
                entry("high", "High", 3.0, Some("> 60% likelihood")),
            ],
        },
        impact: Scale {
            entries: vec![
                entry("low", "Low", 1.0, None),
                entry("medium", "Medium", 2.0, None),
                entry("high", "High", 3.0, None),
                entry("critical", "Critical", 4.0, None),
            ],
        },
        scoring: Scoring::Product,
        levels: vec![
            level("low", "Low", 1.0, "#2da44e", 0),
            level("medium", "Medium", 3.0, "#d4a72c", 1),
            level("high", "High", 6.0, "#e16f24", 2),
            level("critical", "Critical", 9.0, "#cf222e", 3),
        ],
        statuses: vec![
            status("open", "Open", true),
            status("triggered", "Triggered", true),
            status("mitigated", "Mitigated", false),
            status("accepted", "Accepted", false),
            status("closed", "Closed", false),
        ],
        review_every_days: 7,
        labels: Labels::default(),
        severities: Arc::default(),
        method: crate::model::Method::Matrix,
        quant: Arc::default(),
    }
    .with_own_severities()
}

impl Framework {
    /// Its levels as the severity scale, each level its own severity: the
    /// site's scale when `site.yaml` declares no `severities:`.
    fn with_own_severities(mut self) -> Framework {
        self.severities = Arc::new(
            self.levels
                .iter()
                .map(|l| Severity {
                    id: l.id.clone(),
                    label: l.label.clone(),
                    color: l.color.clone(),
                    text_color: l.text_color.clone(),
                    description: l.description.clone(),
                })
                .collect(),
        );
        for (i, l) in self.levels.iter_mut().enumerate() {
            l.severity = i;
        }
        self
    }
}

/// The site's framework: `site.yaml`'s keys over the defaults, and its
/// severity scale (`severities:`, else its levels).
pub fn site(raw: &RawSiteConfig, loc: Locator, diags: &mut Vec<Diagnostic>) -> Framework {
    let mut base = default_framework();
    let path = YamlPath::root().key("severities");
    let declared = raw
        .severities
        .as_ref()
        .and_then(|s| super::severity::scale(s, &path, loc, diags));
    match &declared {
        Some(s) => base.severities = Arc::new(s.clone()),
        // The site's own levels become the scale (below): nothing to map to yet.
        None if raw.levels.is_some() => base.severities = Arc::default(),
        None => {}
    }
    let mut fw = build(&raw.framework(), &base, loc, diags);
    if fw.severities.is_empty() {
        fw = fw.with_own_severities();
        own_severities_only(raw.levels.as_deref(), loc, diags);
    } else if declared.is_some() && raw.levels.is_none() {
        // The default levels, mapped by name onto the declared scale.
        let severities = fw.severities.clone();
        super::severity::map_levels(&mut fw.levels, &severities, None, &path, loc, diags);
    }
    fw
}

/// Without `severities:` each of the site's levels is its own severity, so
/// a level's `severity:` naming anything else would be dropped unseen: an
/// `unmapped-level` error at the key.
fn own_severities_only(raw: Option<&[RawLevel]>, loc: Locator, diags: &mut Vec<Diagnostic>) {
    let path = YamlPath::root().key("levels");
    for (i, raw) in raw.unwrap_or_default().iter().enumerate() {
        let Some(written) = raw.severity.as_ref().filter(|t| !t.is_blank()) else {
            continue;
        };
        let named = written.0.trim();
        let itself = [&raw.id, raw.label.as_ref().unwrap_or(&raw.id)]
            .iter()
            .any(|t| named.eq_ignore_ascii_case(t.0.trim()));
        if itself {
            continue;
        }
        diags.push(
            Diagnostic::new(
                Code::UnmappedLevel,
                loc.at(&path.index(i).key("severity")),
                format!("`{named}` is not one of the site's severities"),
            )
            .with_help(
                "site.yaml declares no `severities:`, so each level is its own severity; \
                 declare `severities:` (lowest first) or remove this `severity:`",
            ),
        );
    }
}

fn scale(
    raw: &[RawScaleEntry],
    path: &YamlPath,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> Option<Scale> {
    let raw = at_least_one(raw, "a scale needs at least one entry", path, loc, diags)?;
    let mut ids = Ids::new("scale entry");
    let mut entries = Vec::new();
    for (i, e) in raw.iter().enumerate() {
        let (id, _) = ids.read(&e.id, &path.index(i), loc, diags);
        entries.push(ScaleEntry {
            label: label_or_id(&e.label, &id),
            value: e.value.unwrap_or((i + 1) as f64),
            description: e.description.as_ref().map(|t| t.0.clone()),
            id,
        });
    }
    Some(Scale { entries })
}

fn levels(
    raw: &[RawLevel],
    path: &YamlPath,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Level>> {
    let raw = at_least_one(raw, "`levels` needs at least one level", path, loc, diags)?;
    let mut ids = Ids::new("level");
    let mut out = Vec::new();
    for (i, l) in raw.iter().enumerate() {
        let (id, _) = ids.read(&l.id, &path.index(i), loc, diags);
        let (color, text_color) = colors(&l.color, i, &path.index(i).key("color"), loc, diags);
        out.push(Level {
            label: label_or_id(&l.label, &id),
            id,
            min: l.min.unwrap_or(0.0),
            color,
            text_color,
            description: l.description.as_ref().map(|t| t.0.clone()),
            // Set by `map_levels`.
            severity: 0,
        });
    }
    Some(out)
}

fn statuses(
    raw: &[RawStatus],
    path: &YamlPath,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Status>> {
    let raw = at_least_one(
        raw,
        "`statuses` needs at least one status",
        path,
        loc,
        diags,
    )?;
    let mut ids = Ids::new("status");
    Some(
        raw.iter()
            .enumerate()
            .map(|(i, s)| {
                let (id, _) = ids.read(&s.id, &path.index(i), loc, diags);
                Status {
                    label: label_or_id(&s.label, &id),
                    id,
                    active: s.active,
                    description: s.description.as_ref().map(|t| t.0.clone()),
                }
            })
            .collect(),
    )
}

/// Applies `raw`'s keys over `base`. Errors go to `diags`; the base value is
/// kept for any key that failed, so later checks still run.
pub fn build(
    raw: &RawFramework,
    base: &Framework,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> Framework {
    let root = YamlPath::root();
    let mut fw = base.clone();
    if let Some(s) = &raw.scales {
        let sp = root.key("scales");
        if let Some(p) = s
            .probability
            .as_ref()
            .and_then(|p| scale(p, &sp.key("probability"), loc, diags))
        {
            fw.probability = p;
        }
        if let Some(i) = s
            .impact
            .as_ref()
            .and_then(|i| scale(i, &sp.key("impact"), loc, diags))
        {
            fw.impact = i;
        }
    }
    if let Some(l) = raw
        .levels
        .as_ref()
        .and_then(|l| levels(l, &root.key("levels"), loc, diags))
    {
        fw.levels = l;
        // Empty only while the site's own levels are becoming its scale.
        if !fw.severities.is_empty() {
            let severities = fw.severities.clone();
            super::severity::map_levels(
                &mut fw.levels,
                &severities,
                raw.levels.as_deref(),
                &root.key("levels"),
                loc,
                diags,
            );
        }
    }
    if let Some(s) = raw
        .statuses
        .as_ref()
        .and_then(|s| statuses(s, &root.key("statuses"), loc, diags))
    {
        fw.statuses = s;
    }
    if let Some(days) = raw.review_every_days {
        fw.review_every_days = days;
    }
    if let Some(l) = &raw.labels {
        let word = |t: &Option<crate::source::text::Text>, into: &mut String| {
            if let Some(t) = t.as_ref().map(|t| t.0.trim()).filter(|t| !t.is_empty()) {
                *into = t.to_string();
            }
        };
        word(&l.probability, &mut fw.labels.probability);
        word(&l.impact, &mut fw.labels.impact);
        word(&l.score, &mut fw.labels.score);
    }
    let scoring = raw.scoring.or(match (&base.scoring, raw.grid.is_some()) {
        (_, true) => Some(RawScoring::Grid),
        (Scoring::Grid(_) | Scoring::ScoreGrid(_), false)
            if raw.scales.is_some() || raw.levels.is_some() =>
        {
            Some(RawScoring::Grid)
        }
        _ => None,
    });
    if let (Some(written @ (RawScoring::Product | RawScoring::Sum)), Some(_)) =
        (raw.scoring, &raw.grid)
    {
        let by = if written == RawScoring::Product {
            "product"
        } else {
            "sum"
        };
        diags.push(
            Diagnostic::new(
                Code::InvalidConfig,
                loc.key(&root.key("grid")),
                format!("a `grid:` beside `scoring: {by}` would not be used"),
            )
            .with_label("not used: scores come from the scale values")
            .with_help("write `scoring: grid` to rate by the grid, or remove `grid:`"),
        );
    }
    match scoring {
        Some(RawScoring::Product) => fw.scoring = Scoring::Product,
        Some(RawScoring::Sum) => fw.scoring = Scoring::Sum,
        Some(RawScoring::Grid) => {
            fw.scoring = match &raw.grid {
                Some(rows) => grid(rows, &fw, loc, diags).unwrap_or(Scoring::Product),
                None => match &base.scoring {
                    // The site's grid still fits: same shape, and its level
                    // indexes exist among this register's levels.
                    Scoring::Grid(g)
                        if g.len() == fw.probability.len()
                            && g.iter().all(|r| {
                                r.len() == fw.impact.len() && r.iter().all(|l| *l < fw.levels.len())
                            }) =>
                    {
                        base.scoring.clone()
                    }
                    // A score grid fits any levels: same shape is enough.
                    Scoring::ScoreGrid(g)
                        if g.len() == fw.probability.len()
                            && g.iter().all(|r| r.len() == fw.impact.len()) =>
                    {
                        base.scoring.clone()
                    }
                    _ => {
                        diags.push(
                            Diagnostic::new(
                                Code::GridShape,
                                loc.at(&root.key("scoring")),
                                "`scoring: grid` needs a `grid:` of level ids or scores",
                            )
                            .with_help(format!(
                                "write {} rows (probability, highest first) of {} level ids (impact, lowest first)",
                                fw.probability.len(),
                                fw.impact.len()
                            )),
                        );
                        Scoring::Product
                    }
                },
            }
        }
        None => {}
    }
    fw
}

fn grid(
    rows: &[Vec<crate::source::text::Text>],
    fw: &Framework,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> Option<Scoring> {
    let path = YamlPath::root().key("grid");
    let (want_rows, want_cols) = (fw.probability.len(), fw.impact.len());
    let shape_help = format!(
        "one row per probability value, highest first ({}), each with one level id per impact value, lowest first ({})",
        fw.probability
            .entries
            .iter()
            .rev()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        fw.impact.ids().collect::<Vec<_>>().join(", ")
    );
    let mut ok = true;
    if rows.len() != want_rows {
        diags.push(
            Diagnostic::new(
                Code::GridShape,
                loc.at(&path),
                format!(
                    "the grid has {} rows, but the probability scale has {want_rows} values",
                    rows.len()
                ),
            )
            .with_help(shape_help.clone()),
        );
        ok = false;
    }
    // Level ids in every cell, or a number in every cell (a score grid).
    let level_of = |cell: &crate::source::text::Text| {
        fw.levels
            .iter()
            .position(|l| l.id.eq_ignore_ascii_case(cell.0.trim()))
    };
    let number = |cell: &crate::source::text::Text| {
        cell.0.trim().parse::<f64>().ok().filter(|n| n.is_finite())
    };
    let all = rows.iter().flatten();
    let scores =
        !all.clone().all(|c| level_of(c).is_some()) && all.clone().any(|c| number(c).is_some());
    let mut levels = Vec::new();
    let mut numbers = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        if row.len() != want_cols {
            diags.push(
                Diagnostic::new(
                    Code::GridShape,
                    loc.at(&path.index(r)),
                    format!(
                        "grid row {} has {} cells, but the impact scale has {want_cols} values",
                        r + 1,
                        row.len()
                    ),
                )
                .with_help(shape_help.clone()),
            );
            ok = false;
        }
        let (mut level_row, mut number_row) = (Vec::new(), Vec::new());
        for (c, cell) in row.iter().enumerate() {
            let at = loc.at(&path.index(r).index(c));
            if scores {
                match number(cell) {
                    Some(n) => number_row.push(n),
                    None => {
                        ok = false;
                        diags.push(
                            Diagnostic::new(
                                Code::GridShape,
                                at,
                                format!("`{}` in a grid of scores", cell.0),
                            )
                            .with_label("not a number")
                            .with_help("a grid holds a level id in every cell, or a score (a number) in every cell"),
                        );
                    }
                }
                continue;
            }
            match level_of(cell) {
                Some(i) => level_row.push(i),
                None => {
                    ok = false;
                    diags.push(
                        Diagnostic::new(
                            Code::UnknownValue,
                            at,
                            format!("unknown level `{}` in the grid", cell.0),
                        )
                        .with_help_opt(
                            crate::diagnostics::suggest::nearest(
                                &cell.0,
                                fw.levels.iter().map(|l| l.id.as_str()),
                            )
                            .map(|s| format!("did you mean `{s}`?")),
                        ),
                    );
                }
            }
        }
        levels.push(level_row);
        numbers.push(number_row);
    }
    ok.then_some(if scores {
        Scoring::ScoreGrid(numbers)
    } else {
        Scoring::Grid(levels)
    })
}
