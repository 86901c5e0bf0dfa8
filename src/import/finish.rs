//! What every import ends with, whatever its source: risks without a
//! rating become `unrated`, the values the risks use get the scales and
//! statuses that make them valid, and a file with nothing to import is an
//! error that says what was looked for.

use super::ratings::{self, Rating};
use super::rows::slug;
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
        match ratings::scale(axis, &written, hint) {
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
    for r in &mut reg.risks {
        r.probability = ratings::as_written_on_scale(&r.probability, p.as_deref());
        r.impact = ratings::as_written_on_scale(&r.impact, i.as_deref());
        residual(r, p.as_deref(), i.as_deref());
    }
    if made && reg.levels.is_none() && reg.grid.is_none() {
        let p = p.unwrap_or_else(|| default_scale("probability"));
        let i = i.unwrap_or_else(|| default_scale("impact"));
        reg.levels = Some(ratings::levels(&p, &i));
        notes.push(
            "levels were spread over the new scales' scores (low, medium, high, critical); check their `min`"
                .into(),
        );
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

/// A risk's residual rating, when both halves were written, on the
/// scales `p` and `i`; one half alone is kept under `extra`.
fn residual(r: &mut super::OutRisk, p: Option<&[Value]>, i: Option<&[Value]>) {
    let (rp, ri) = std::mem::take(&mut r.residual_written);
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

/// The index of `written` on a scale (by id or label, any case; a note
/// in parentheses ignored); `None` for ranges and unknown values.
fn index_on(scale: &[Value], written: &str) -> Option<usize> {
    let word = written.split('(').next()?.trim().to_lowercase();
    if word.contains('/') {
        return None;
    }
    scale.iter().position(|e| {
        [&e["id"], &e["label"]]
            .iter()
            .any(|v| v.as_str().is_some_and(|s| s.to_lowercase() == word))
    })
}

/// Declared scores that follow no formula but agree cell by cell (seed
/// 001: Low x High is 7 and so is High x Medium) are the register's score
/// grid, so they are kept and not flagged; scores that are all sums make
/// `scoring: sum`.
fn score_grid(reg: &mut OutRegister, notes: &mut Vec<String>) {
    if reg.grid.is_some() || reg.scoring.is_some() {
        return;
    }
    let (p, i) = (reg.scale("probability"), reg.scale("impact"));
    let value = |e: &Value| e["value"].as_f64().unwrap_or(0.0);
    let mut cells: std::collections::BTreeMap<(usize, usize), f64> = Default::default();
    let mut scored = 0;
    for r in &reg.risks {
        let (Some(score), Some(pi), Some(ii)) = (
            r.score,
            index_on(&p, &r.probability),
            index_on(&i, &r.impact),
        ) else {
            continue;
        };
        if *cells.entry((pi, ii)).or_insert(score) != score {
            return; // two scores for one cell: no grid, the warnings say where
        }
        scored += 1;
    }
    // Agreement needs a cell scored twice; one risk per cell proves nothing
    // (an FMEA's RPN also weighs detection).
    if cells.is_empty() || cells.len() == scored {
        return;
    }
    let fits = |f: &dyn Fn(f64, f64) -> f64| {
        cells
            .iter()
            .all(|((a, b), s)| (f(value(&p[*a]), value(&i[*b])) - s).abs() < 1e-9)
    };
    if fits(&|a, b| a * b) {
        return;
    }
    if fits(&|a, b| a + b) {
        reg.scoring = Some("sum".into());
        notes.push("the declared scores are sums of the values: `scoring: sum`".into());
        return;
    }
    let mut unused = 0;
    let grid: Vec<Vec<Value>> = (0..p.len())
        .rev()
        .map(|a| {
            (0..i.len())
                .map(|b| match cells.get(&(a, b)) {
                    Some(s) => json!(s),
                    None => {
                        unused += 1;
                        json!(value(&p[a]) * value(&i[b]))
                    }
                })
                .map(|v| match v.as_f64() {
                    Some(f) if f.fract() == 0.0 => json!(f as i64),
                    _ => v,
                })
                .collect()
        })
        .collect();
    reg.scoring = Some("grid".into());
    reg.grid = Some(grid);
    notes.push(format!(
        "the declared scores follow no formula but agree cell by cell: they became the score grid (`scoring: grid`){}; check it",
        if unused > 0 {
            format!("; the {unused} cells no risk uses hold the product")
        } else {
            String::new()
        }
    ));
    if reg
        .levels
        .as_ref()
        .is_none_or(|l| l.iter().any(|x| x.get("min").is_none()))
    {
        reg.levels = Some(ratings::levels(&p, &i));
    }
}

/// A score column that is a percentage probability as a fraction times
/// the impact (`70% x 9 = 6.3`, an "exposure"): the probability scale's
/// values become the fractions, so riskbook computes the same scores,
/// and levels made here are spread again over them.
fn percent_exposure(reg: &mut OutRegister, notes: &mut Vec<String>) {
    let p = reg.scale("probability");
    let percent = |e: &Value| -> Option<f64> {
        let label = e["label"].as_str()?.strip_suffix('%')?;
        e["id"]
            .as_str()?
            .starts_with('p')
            .then(|| label.trim().parse().ok())?
    };
    if p.is_empty() || !p.iter().all(|e| percent(e).is_some()) {
        return;
    }
    let i = reg.scale("impact");
    let mut agree = 0;
    for r in &reg.risks {
        let (Some(declared), Some(a), Some(b)) = (
            r.score,
            index_on(&p, &r.probability),
            index_on(&i, &r.impact),
        ) else {
            continue;
        };
        let exposure =
            percent(&p[a]).unwrap_or(0.0) / 100.0 * i[b]["value"].as_f64().unwrap_or(0.0);
        if (declared - exposure).abs() > 0.051 {
            return;
        }
        agree += 1;
    }
    if agree < 2 {
        return;
    }
    let fractions: Vec<Value> = p
        .iter()
        .map(|e| {
            let mut e = e.clone();
            e["value"] = json!(percent(&e).unwrap_or(0.0) / 100.0);
            e
        })
        .collect();
    if notes.iter().any(|n| n.starts_with("levels were spread")) {
        reg.levels = Some(ratings::levels(&fractions, &i));
    }
    reg.scales
        .insert("probability".into(), Value::Array(fractions));
    notes.push(
        "the scores are the probability as a fraction times the impact (`70% x 9 = 6.3`): the probability scale's values are those fractions"
            .into(),
    );
}

/// What riskbook will compute for a risk of `reg`: its score (`None`
/// when a grid names levels) and its level id; `None` when it cannot tell
/// here (unrated, ranges, unknown values).
fn computed(reg: &OutRegister, p: &str, i: &str) -> Option<(Option<f64>, String)> {
    let (ps, is) = (reg.scale("probability"), reg.scale("impact"));
    let (a, b) = (index_on(&ps, p)?, index_on(&is, i)?);
    let value = |e: &Value| e["value"].as_f64().unwrap_or(0.0);
    let score = match (reg.scoring.as_deref(), &reg.grid) {
        (Some("grid"), Some(grid)) => {
            let cell = &grid.get(ps.len() - 1 - a)?.get(b)?;
            match cell.as_f64() {
                Some(n) => n,
                None => return cell.as_str().map(|l| (None, l.to_string())),
            }
        }
        (Some("sum"), _) => value(&ps[a]) + value(&is[b]),
        _ => value(&ps[a]) * value(&is[b]),
    };
    let levels: Vec<(String, f64)> = match &reg.levels {
        Some(l) => l
            .iter()
            .map(|x| {
                (
                    x["id"].as_str().unwrap_or("").to_string(),
                    x["min"].as_f64().unwrap_or(f64::NEG_INFINITY),
                )
            })
            .collect(),
        None => vec![
            ("low".into(), 1.0),
            ("medium".into(), 3.0),
            ("high".into(), 6.0),
            ("critical".into(), 9.0),
        ],
    };
    levels
        .iter()
        .rev()
        .find(|(_, min)| score >= *min)
        .or(levels.first())
        .map(|(id, _)| (Some(score), id.clone()))
}

/// Declared scores and levels that differ from the computed ones, said
/// per risk (`check` then warns `score-mismatch` for the scores).
fn declared_levels(reg: &OutRegister, notes: &mut Vec<String>) {
    for r in &reg.risks {
        let Some((score, level)) = computed(reg, &r.probability, &r.impact) else {
            continue;
        };
        if let (Some(declared), Some(score)) = (r.score, score)
            && (declared - score).abs() > 1e-9
        {
            notes.push(format!(
                "line {}: risk `{}` declares the score {declared}; its rating gives {score}",
                r.line, r.id
            ));
        }
        let Some(declared) = r.extra.get("declared_level").and_then(Value::as_str) else {
            continue;
        };
        let word = declared
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if !word.starts_with(&level) && !level.starts_with(&word) {
            notes.push(format!(
                "line {}: risk `{}` declares the level \"{declared}\"; its rating gives `{level}` (kept under `extra.declared_level`)",
                r.line, r.id
            ));
        }
    }
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
    if !keys.is_empty() {
        notes.push(format!(
            "kept as sections of their risks (no field of their own): {}",
            keys.iter()
                .map(|(k, n)| format!("\"{k}\" ({n})"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}

/// Levels of the register's own count as the site's severities: a level
/// named like a step of the default scale (low, medium, high, critical)
/// maps by its name; the others get `severity:` by their place in the
/// list (lowest first), said in a note.
fn level_severities(reg: &mut OutRegister, notes: &mut Vec<String>) {
    const SCALE: [&str; 4] = ["low", "medium", "high", "critical"];
    let Some(levels) = reg.levels.as_mut() else {
        return;
    };
    let last = levels.len().saturating_sub(1);
    let mut placed = Vec::new();
    for (i, level) in levels.iter_mut().enumerate() {
        let named = ["id", "label"].iter().any(|k| {
            level[*k]
                .as_str()
                .is_some_and(|t| SCALE.iter().any(|s| s.eq_ignore_ascii_case(t.trim())))
        });
        let Some(map) = level
            .as_object_mut()
            .filter(|m| !named && !m.contains_key("severity"))
        else {
            continue;
        };
        // Spread over the scale, rounded: 3 levels are low, high, critical.
        let at = match last {
            0 => 0,
            _ => (i * (SCALE.len() - 1) + last / 2) / last,
        };
        map.insert("severity".into(), Value::String(SCALE[at].into()));
        placed.push(format!(
            "{} → {}",
            map.get("id").and_then(Value::as_str).unwrap_or_default(),
            SCALE[at]
        ));
    }
    if !placed.is_empty() {
        notes.push(format!(
            "levels count as the site's severities by their place: {}; check them",
            placed.join(", ")
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
    percent_exposure(reg, notes);
    score_grid(reg, notes);
    declared_levels(reg, notes);
    level_severities(reg, notes);
}

pub fn finish(mut reg: OutRegister, mut notes: Vec<String>) -> Result<Imported, String> {
    if reg.risks.is_empty() && reg.scales.is_empty() && reg.levels.is_none() && reg.grid.is_none() {
        return Err(
            "nothing to import: no risk table, risk list or scoring guide found. Looked for \
             tables with columns such as ID, Risk or Title, Likelihood, Impact, Owner, Status or \
             Mitigation; headings per risk (`### R-1: Title`) with `**Key**: value` lines; and \
             probability or impact scales"
                .into(),
        );
    }
    super::money::ratings_in_money(&mut reg, &mut notes);
    if !super::methods::cvss(&mut reg, &mut notes) && !super::methods::owasp(&mut reg, &mut notes) {
        matrix(&mut reg, &mut notes);
    }
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
