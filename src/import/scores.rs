//! What a document's declared scores and levels say about its scoring: a
//! grid of scores that follow no formula, a percentage x impact
//! exposure, scores and levels that differ from what riskbook computes,
//! and the severities of the register's own levels.

use super::OutRegister;
use serde_json::{Value, json};

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

/// Each risk that declares a score and is rated on both scales: the
/// score, and the steps' indexes on `p` and `i`.
fn declared<'a>(
    reg: &'a OutRegister,
    p: &'a [Value],
    i: &'a [Value],
) -> impl Iterator<Item = (f64, usize, usize)> + 'a {
    reg.risks.iter().filter_map(|r| {
        Some((
            r.score?,
            index_on(p, &r.probability)?,
            index_on(i, &r.impact)?,
        ))
    })
}

/// Declared scores that follow no formula but agree cell by cell (seed
/// 001: Low x High is 7 and so is High x Medium) are the register's score
/// grid, so they are kept and not flagged; scores that are all sums make
/// `scoring: sum`.
pub(super) fn score_grid(reg: &mut OutRegister, notes: &mut Vec<String>) {
    if reg.grid.is_some() || reg.scoring.is_some() {
        return;
    }
    let (p, i) = (reg.scale("probability"), reg.scale("impact"));
    let value = |e: &Value| e["value"].as_f64().unwrap_or(0.0);
    let mut cells: std::collections::BTreeMap<(usize, usize), f64> = Default::default();
    let mut scored = 0;
    for (score, pi, ii) in declared(reg, &p, &i) {
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
        reg.levels = Some(super::value_scales::levels(&p, &i));
    }
}

/// A score column that is a percentage probability as a fraction times
/// the impact (`70% x 9 = 6.3`, an "exposure"): the probability scale's
/// values become the fractions, so riskbook computes the same scores,
/// and levels made here are spread again over them.
pub(super) fn percent_exposure(reg: &mut OutRegister, notes: &mut Vec<String>) {
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
    for (declared, a, b) in declared(reg, &p, &i) {
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
    if reg.levels_spread {
        reg.levels = Some(super::value_scales::levels(&fractions, &i));
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

/// Levels the document did not give (riskbook's or ones this import
/// spread over new scales) give way to the levels the risks declare, when those follow the scores: each
/// declared level starts at the lowest score a risk declares it at, and
/// no score of one lies at or above the start of the next (a register
/// rating `High x High` (9) High and `Medium x High` (6) Medium has
/// Medium up to 8 at least). The lowest level starts at the lowest score.
pub(super) fn levels_from_declared(reg: &mut OutRegister, notes: &mut Vec<String>) {
    if reg.levels.is_some() && !reg.levels_spread {
        return;
    }
    // (word as written, lowest score, highest score), by first sight.
    let mut seen: Vec<(String, f64, f64)> = Vec::new();
    for r in &reg.risks {
        let (Some(declared), Some((Some(score), _))) = (
            r.extra.get("declared_level").and_then(Value::as_str),
            computed(reg, &r.probability, &r.impact),
        ) else {
            continue;
        };
        let word = declared
            .split('(')
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        if word.is_empty() || word.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return; // a number is a score, not a level
        }
        match seen.iter_mut().find(|s| s.0.eq_ignore_ascii_case(&word)) {
            Some(s) => {
                s.1 = s.1.min(score);
                s.2 = s.2.max(score);
            }
            None => seen.push((word, score, score)),
        }
    }
    seen.sort_by(|a, b| a.1.total_cmp(&b.1));
    let ordered = seen.windows(2).all(|w| w[0].2 < w[1].1);
    if seen.len() < 2 || seen.len() > 6 || !ordered {
        return;
    }
    let (ps, is) = (reg.scale("probability"), reg.scale("impact"));
    let lowest = ps
        .iter()
        .flat_map(|p| is.iter().map(move |i| (p, i)))
        .filter_map(|(p, i)| {
            let (p, i) = (p["id"].as_str()?, i["id"].as_str()?);
            computed(reg, p, i)?.0
        })
        .fold(seen[0].1, f64::min);
    let levels: Vec<Value> = seen
        .iter()
        .enumerate()
        .map(|(k, (word, min, _))| {
            let min = if k == 0 { lowest } else { *min };
            json!({
                "id": super::cell::slug(word),
                "label": word,
                "min": super::units::number(min),
            })
        })
        .collect();
    // The note that said they were spread no longer holds.
    notes.retain(|n| !n.starts_with("levels were spread"));
    reg.levels_spread = false;
    notes.push(format!(
        "the levels the risks declare became the register's levels, each from the lowest score a risk declares it at ({}); check their `min`",
        levels
            .iter()
            .map(|l| format!("{} from {}", l["label"].as_str().unwrap_or(""), l["min"]))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    reg.levels = Some(levels);
}

/// Declared scores and levels that differ from the computed ones, said
/// per risk (`check` then warns `score-mismatch` for the scores).
pub(super) fn declared_levels(reg: &OutRegister, notes: &mut Vec<String>) {
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

/// Levels of the register's own count as the site's severities: a level
/// named like a step of the default scale (low, medium, high, critical)
/// maps by its name; the others get `severity:` by their place in the
/// list (lowest first), said in a note.
pub(super) fn level_severities(reg: &mut OutRegister, notes: &mut Vec<String>) {
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
        // `L`, `M`, `H`, `C`: the initials of the scale's steps.
        let initial = level["id"].as_str().and_then(|id| {
            SCALE
                .iter()
                .find(|s| id.len() == 1 && s.starts_with(&id.to_lowercase()))
        });
        if let (Some(step), Some(map)) = (initial, level.as_object_mut())
            && !named
            && !map.contains_key("severity")
        {
            map.insert("severity".into(), Value::String((*step).into()));
            continue;
        }
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
