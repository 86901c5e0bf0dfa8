//! What every import ends with, whatever its source: risks without a
//! rating become `unrated`, the values the risks use get the scales and
//! statuses that make them valid, and a file with nothing to import is an
//! error that says what was looked for.

use super::cell::slug;
use super::ratings::{self, Rating};
use super::scores;
use super::{Imported, OutRegister};
use serde_json::{Value, json};

const DEFAULT_STATUSES: [&str; 5] = ["open", "triggered", "mitigated", "accepted", "closed"];

/// Words that say a risk no longer needs attention.
const INACTIVE: [&str; 14] = [
    "closed",
    "done",
    "resolved",
    "retired",
    "transferred",
    "avoided",
    "complete",
    "completed",
    "cancelled",
    "canceled",
    "eliminated",
    "archived",
    "obsolete",
    "mitigated",
];

impl OutRegister {
    /// The register's scale for `axis`, or the default one.
    pub(super) fn scale(&self, axis: &str) -> Vec<Value> {
        self.scales
            .get(axis)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_else(|| default_scale(axis))
    }
}

fn default_scale(axis: &str) -> Vec<Value> {
    let ids: &[&str] = if axis == "impact" {
        &["low", "medium", "high", "critical"]
    } else {
        &["low", "medium", "high"]
    };
    ids.iter()
        .enumerate()
        .map(|(i, id)| json!({ "id": id, "value": i + 1 }))
        .collect()
}

/// Risks with no rating on an axis are `unrated` on both (one rated axis
/// alone is not a rating); what was written is kept under `extra`.
fn unrated(reg: &mut OutRegister, notes: &mut Vec<String>) {
    for r in &mut reg.risks {
        let p = ratings::parse(&r.probability) == Rating::Missing;
        let i = ratings::parse(&r.impact) == Rating::Missing;
        // Risks in money were made `unrated` with a note of their own.
        if (!p && !i)
            || (r.probability == "unrated" && r.extra.contains_key("probability_as_written"))
        {
            continue;
        }
        for (axis, missing, value) in [("probability", p, &r.probability), ("impact", i, &r.impact)]
        {
            if !missing {
                r.extra
                    .insert(format!("{axis}_as_written"), Value::String(value.clone()));
            }
        }
        notes.push(format!(
            "line {}: risk `{}` has no {}: imported as `unrated`; rate it when it is analysed",
            r.line,
            r.id,
            match (p, i) {
                (true, true) => "rating",
                (true, false) => "probability",
                _ => "impact",
            }
        ));
        r.probability = "unrated".into();
        r.impact = "unrated".into();
    }
}

/// Scales for the values the risks use, where the document gave none.
fn scales(reg: &mut OutRegister, notes: &mut Vec<String>) {
    let mut made = false;
    for axis in ["probability", "impact"] {
        if reg.scales.contains_key(axis) {
            continue;
        }
        // The ratings and the residual ratings are on the same scale.
        let written: Vec<&str> = reg
            .risks
            .iter()
            .flat_map(|r| {
                if axis == "impact" {
                    [&r.impact, &r.residual_written.1]
                } else {
                    [&r.probability, &r.residual_written.0]
                }
            })
            .map(String::as_str)
            .filter(|v| *v != "unrated" && !v.is_empty())
            .collect();
        let hint = if axis == "impact" {
            reg.hints.impact
        } else {
            reg.hints.probability
        };
        match super::value_scales::scale(axis, &written, hint) {
            Ok(Some(entries)) => {
                notes.push(format!(
                    "the {axis} values became a {}-step `{axis}` scale; check its labels",
                    entries.len()
                ));
                reg.scales.insert(axis.into(), Value::Array(entries));
                made = true;
            }
            Ok(None) => {}
            Err(e) => notes.push(e),
        }
    }
    // Fractions (`0.7`) are written as the percentage the scale names.
    let p = reg
        .scales
        .get("probability")
        .and_then(Value::as_array)
        .cloned();
    let i = reg.scales.get("impact").and_then(Value::as_array).cloned();
    let mut halves = 0;
    for r in &mut reg.risks {
        r.probability = ratings::as_written_on_scale(&r.probability, p.as_deref());
        r.impact = ratings::as_written_on_scale(&r.impact, i.as_deref());
        if residual(r, p.as_deref(), i.as_deref()) {
            halves += 1;
        }
    }
    if halves > 0 {
        notes.push(format!(
            "{halves} risks give one half of a residual rating (a probability after controls, say): the other half is the one before controls; check them"
        ));
    }
    if made && reg.levels.is_none() && reg.grid.is_none() {
        let p = p.unwrap_or_else(|| default_scale("probability"));
        let i = i.unwrap_or_else(|| default_scale("impact"));
        reg.levels = Some(super::value_scales::levels(&p, &i));
        reg.levels_spread = true;
        notes.push(
            "levels were spread over the new scales' scores (low, medium, high, critical); check their `min`"
                .into(),
        );
    }
}

/// A grid whose shape is not the scales' (a matrix beside scales that a
/// table or list gave with other steps) would fail `check`: it is left
/// out, with a note, and the register scores by product.
fn grid_fits(reg: &mut OutRegister, notes: &mut Vec<String>) {
    let Some(grid) = &reg.grid else {
        return;
    };
    let (p, i) = (reg.scale("probability").len(), reg.scale("impact").len());
    if grid.len() == p && grid.iter().all(|row| row.len() == i) {
        return;
    }
    notes.push(format!(
        "the matrix ({} rows) does not fit the scales ({p} probability x {i} impact steps): left out, the register scores by product; check the scales",
        grid.len()
    ));
    reg.grid = None;
    reg.scoring = None;
    if reg
        .levels
        .as_ref()
        .is_some_and(|l| l.iter().any(|x| x.get("min").is_none()))
    {
        reg.levels = None;
    }
}

/// Related risks named `register/ID` (a riskbook export of several
/// registers) where that register's rows are imported here: now `ID`, a
/// risk of this one register.
fn related_within(reg: &mut OutRegister) {
    let here: std::collections::HashSet<(String, String)> = reg
        .risks
        .iter()
        .filter_map(|r| {
            let from = r.extra.get("register")?.as_str()?;
            Some((from.to_string(), r.id.clone()))
        })
        .collect();
    for r in &mut reg.risks {
        for rel in &mut r.related {
            if let Some((from, id)) = rel.split_once('/')
                && here.contains(&(from.to_string(), id.to_string()))
            {
                *rel = id.to_string();
            }
        }
    }
}

/// A risk's residual rating on the scales `p` and `i`. One half alone
/// keeps the other half of the rating before controls (ISO 14971: a
/// control that lowers the probability leaves the harm as it was); with
/// no rating to take it from, the half is kept under `extra`. Returns
/// whether a half was taken so.
fn residual(r: &mut super::OutRisk, p: Option<&[Value]>, i: Option<&[Value]>) -> bool {
    let (mut rp, mut ri) = std::mem::take(&mut r.residual_written);
    let rated = |v: &str| v != "unrated" && ratings::parse(v) != Rating::Missing;
    let mut took = false;
    if rp.is_empty() != ri.is_empty() && rated(&r.probability) && rated(&r.impact) {
        if rp.is_empty() {
            rp = r.probability.clone();
        } else {
            ri = r.impact.clone();
        }
        took = true;
    }
    match (rp.is_empty(), ri.is_empty()) {
        (false, false) => {
            r.residual = Some(json!({
                "probability": ratings::as_written_on_scale(&rp, p),
                "impact": ratings::as_written_on_scale(&ri, i),
            }));
        }
        (true, true) => {}
        _ => {
            for (key, v) in [("residual_probability", rp), ("residual_impact", ri)] {
                if !v.is_empty() {
                    r.extra.insert(key.into(), Value::String(v));
                }
            }
        }
    }
    took
}

/// Statuses the risks use that are not the defaults become the
/// register's `statuses:`, active or not by their words.
fn statuses(reg: &mut OutRegister, notes: &mut Vec<String>) {
    let mut extra: Vec<Value> = Vec::new();
    for r in &reg.risks {
        let Some(s) = r.status.as_deref() else {
            continue;
        };
        let id = slug(s);
        if id.is_empty()
            || DEFAULT_STATUSES.contains(&id.as_str())
            || extra.iter().any(|e| e["id"] == id.as_str())
        {
            continue;
        }
        let active = !s
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| INACTIVE.contains(&w));
        let mut label = s.to_string();
        if let Some(first) = label.get(..1) {
            label = first.to_uppercase() + &label[1..];
        }
        extra.push(json!({ "id": id, "label": label, "active": active }));
    }
    if extra.is_empty() {
        return;
    }
    notes.push(format!(
        "statuses added to the register: {}",
        extra
            .iter()
            .map(|e| format!(
                "{} ({})",
                e["label"].as_str().unwrap_or(""),
                if e["active"] == true {
                    "active"
                } else {
                    "not active"
                }
            ))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    reg.statuses = DEFAULT_STATUSES
        .iter()
        .map(
            |id| json!({ "id": id, "active": !matches!(*id, "mitigated" | "accepted" | "closed") }),
        )
        .chain(extra)
        .collect();
}

/// Keys of detailed blocks that have no field stay as sections: said once.
fn kept_sections(reg: &OutRegister, notes: &mut Vec<String>) {
    let mut keys: Vec<(String, usize)> = Vec::new();
    for r in &reg.risks {
        for k in r.sections.keys() {
            match keys.iter_mut().find(|(x, _)| x == k) {
                Some((_, n)) => *n += 1,
                None => keys.push((k.clone(), 1)),
            }
        }
    }
    // A key that names a field stayed a section because another key
    // filled that field (`Current controls` beside `Mitigation plan`) or
    // the field could not hold it whole (signals with a paragraph).
    let (named, own): (Vec<_>, Vec<_>) = keys
        .into_iter()
        .partition(|(k, _)| super::vocabulary::field(k).is_some());
    let list = |keys: &[(String, usize)]| {
        keys.iter()
            .map(|(k, n)| format!("\"{k}\" ({n})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !own.is_empty() {
        notes.push(format!(
            "kept as sections of their risks (no field of their own): {}",
            list(&own)
        ));
    }
    if !named.is_empty() {
        notes.push(format!(
            "kept as sections of their risks (another key filled their field, or the field could not hold them whole): {}",
            list(&named)
        ));
    }
}

/// The matrix: the document's words, scales, scores and levels.
fn matrix(reg: &mut OutRegister, notes: &mut Vec<String>) {
    for (key, word) in ["probability", "impact", "score"]
        .iter()
        .zip(reg.hints.words.clone())
    {
        if let Some(w) = word {
            reg.labels.insert((*key).into(), Value::String(w));
        }
    }
    if !reg.labels.is_empty() {
        notes.push(format!(
            "the document's words became `labels`: {}",
            reg.labels
                .iter()
                .map(|(k, v)| format!("{k}: {}", v.as_str().unwrap_or("")))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    unrated(reg, notes);
    scales(reg, notes);
    scores::percent_exposure(reg, notes);
    scores::score_grid(reg, notes);
    scores::levels_from_declared(reg, notes);
    scores::declared_levels(reg, notes);
    scores::level_severities(reg, notes);
}

pub fn finish(mut reg: OutRegister, mut notes: Vec<String>) -> Result<Imported, String> {
    let nothing =
        reg.risks.is_empty() && reg.scales.is_empty() && reg.levels.is_none() && reg.grid.is_none();
    if nothing && let Some(blank) = &reg.hints.blank_rows {
        return Err(format!(
            "nothing to import: the document is a template not filled in yet ({blank})"
        ));
    }
    if nothing {
        return Err(
            "nothing to import: no risk table, risk list or scoring guide found. Looked for \
             tables with columns such as ID, Risk or Title, Likelihood, Impact, Owner, Status or \
             Mitigation; headings per risk (`### R-1: Title`) with `**Key**: value` lines; and \
             probability or impact scales"
                .into(),
        );
    }
    super::money::ratings_in_money(&mut reg, &mut notes);
    if !super::methods::own_factors(&mut reg, &mut notes)
        && !super::methods::cvss(&mut reg, &mut notes)
        && !super::methods::owasp(&mut reg, &mut notes)
        && !super::methods::dread(&mut reg, &mut notes)
    {
        super::methods::unrate_method_rows(&mut reg, &mut notes);
        matrix(&mut reg, &mut notes);
    }
    grid_fits(&mut reg, &mut notes);
    related_within(&mut reg);
    super::money::quantities(&mut reg, &mut notes);
    kept_sections(&reg, &mut notes);
    statuses(&mut reg, &mut notes);
    for r in &mut reg.risks {
        if r.title.is_empty() {
            // The description's first line stands in, or the id.
            let first = r
                .description
                .as_deref()
                .and_then(|d| d.lines().find(|l| !l.trim().is_empty()))
                .map(|l| l.trim().chars().take(80).collect::<String>());
            r.title = first.unwrap_or_else(|| r.id.clone());
            notes.push(format!(
                "line {}: risk `{}` has no title: \"{}\" stands in",
                r.line, r.id, r.title
            ));
        }
    }
    if reg.risks.is_empty() {
        notes.push(
            "no risks found: the document is a scoring guide, and the register holds its scales only; `riskbook import --site` writes them as a site.yaml for every register"
                .into(),
        );
    }
    let yaml = serde_yaml::to_string(&reg).unwrap_or_default();
    let site = SiteOut {
        labels: &reg.labels,
        scales: &reg.scales,
        scoring: &reg.scoring,
        levels: &reg.levels,
        grid: &reg.grid,
        statuses: &reg.statuses,
    };
    let site = (!site.is_empty()).then(|| serde_yaml::to_string(&site).unwrap_or_default());
    Ok(Imported { yaml, site, notes })
}

/// The rating keys of a register, as a `site.yaml` (`import --site`).
#[derive(serde::Serialize)]
struct SiteOut<'a> {
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    labels: &'a serde_json::Map<String, Value>,
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    scales: &'a serde_json::Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scoring: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    levels: &'a Option<Vec<Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grid: &'a Option<Vec<Vec<Value>>>,
    #[serde(skip_serializing_if = "<[Value]>::is_empty")]
    statuses: &'a [Value],
}

impl SiteOut<'_> {
    fn is_empty(&self) -> bool {
        self.scales.is_empty()
            && self.labels.is_empty()
            && self.scoring.is_none()
            && self.levels.is_none()
            && self.grid.is_none()
            && self.statuses.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grid_that_does_not_fit_the_scales_is_left_out() {
        let mut reg = OutRegister {
            grid: Some(vec![vec![json!(1), json!(2)]; 5]),
            scoring: Some("grid".into()),
            ..OutRegister::default()
        };
        let mut notes = Vec::new();
        grid_fits(&mut reg, &mut notes);
        assert!(reg.grid.is_none() && reg.scoring.is_none());
        assert_eq!(
            notes,
            [
                "the matrix (5 rows) does not fit the scales (3 probability x 4 impact steps): left out, the register scores by product; check the scales"
            ]
        );
        // One that fits stays.
        let mut reg = OutRegister {
            grid: Some(vec![vec![json!(1); 4]; 3]),
            scoring: Some("grid".into()),
            ..OutRegister::default()
        };
        grid_fits(&mut reg, &mut notes);
        assert!(reg.grid.is_some());
    }
}
