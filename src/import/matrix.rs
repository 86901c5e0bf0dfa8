//! Risk matrices written as tables, and band lists, as a register's
//! rating keys. A matrix is a table whose first column and header row are
//! the two scales (`High Probability (4)`, `Minor (2)`; the corner may say
//! which is which: `Likelihood \ Impact`) and whose cells are scores
//! (`12`), levels (`High`), both (`High (8)`) or acceptance words
//! (`Acceptable`, `ALARP`, `Not acceptable`). It becomes `scales`,
//! `scoring: grid`, `grid` and `levels`. A band list (`1-5 = Low`,
//! `**High**: 10–14`) becomes `levels`.

use super::cell::{plain, slug};
use super::ratings::{Rating, parse};
use super::table::Table;
use serde_json::{Value, json};

pub struct Matrix {
    pub probability: Vec<Value>,
    pub impact: Vec<Value>,
    /// Rows of cells: probability highest first, impact lowest first.
    pub grid: Vec<Vec<Value>>,
    pub levels: Vec<Value>,
    /// Whether the cells' level words are bands of their scores (every
    /// score of a word below every score of the next): the levels'
    /// `min` then say what the cells say.
    pub banded: bool,
}

impl Matrix {
    /// Whether every cell is its probability's value times its impact's,
    /// and its word (if any) the band its score falls in: the matrix only
    /// draws `scoring: product` and its levels.
    pub fn is_product(&self) -> bool {
        let n = self.probability.len();
        let value = |e: &Value| e["value"].as_f64();
        !self.grid.is_empty()
            && (self.levels.is_empty() || self.banded)
            && self.grid.iter().enumerate().all(|(r, row)| {
                row.len() == self.impact.len()
                    && row.iter().zip(&self.impact).all(|(cell, i)| {
                        match (value(&self.probability[n - 1 - r]), value(i), cell.as_f64()) {
                            (Some(p), Some(i), Some(c)) => (p * i - c).abs() < 1e-9,
                            _ => false,
                        }
                    })
            })
    }
}

/// Whether every label is a code of one prefix (`P1`..`P5`): the steps of
/// a scale, as a risk management plan numbers them.
fn coded_axis<'a>(labels: impl Iterator<Item = &'a str>) -> bool {
    use super::ratings::{Rating, parse};
    let mut prefix = None;
    let mut n = 0;
    for l in labels {
        let Rating::Coded { prefix: p, .. } = parse(&plain(l)) else {
            return false;
        };
        if prefix.get_or_insert_with(|| p.clone()) != &p {
            return false;
        }
        n += 1;
    }
    n >= 2
}

const PROBABILITY_WORDS: [&str; 4] = ["probability", "likelihood", "occurrence", "frequency"];
const IMPACT_WORDS: [&str; 4] = ["impact", "severity", "consequence", "consequences"];

fn mentions(text: &str, words: &[&str]) -> bool {
    let t = text.to_lowercase();
    words.iter().any(|w| t.contains(w))
}

/// An axis label without the axis word: `Low Impact (1)` -> (`Low`, 1).
fn axis_entry(header: &str) -> (String, Option<f64>) {
    let text = plain(header).replace('*', "");
    let (label, value) = match parse(&text) {
        Rating::Labelled(l, n) => (l, Some(n)),
        Rating::Number(n) => (text.clone(), Some(n)),
        _ => (text.clone(), None),
    };
    let words: Vec<&str> = label
        .split_whitespace()
        .filter(|w| !mentions(w, &PROBABILITY_WORDS) && !mentions(w, &IMPACT_WORDS))
        .collect();
    let label = if words.is_empty() {
        label.trim().to_string()
    } else {
        words.join(" ")
    };
    (label, value)
}

/// A matrix cell: a level word, a score, or both.
type Cell = (Option<String>, Option<f64>);

/// One cell: a score, a level word, or both.
fn cell(text: &str) -> Option<Cell> {
    let t = plain(text)
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim()
        .to_string();
    match parse(&t) {
        Rating::Number(n) => Some((None, Some(n))),
        Rating::Labelled(l, n) => Some((Some(l), Some(n))),
        Rating::Word(w) if w.split_whitespace().count() <= 3 && w.len() <= 24 => {
            Some((Some(w), None))
        }
        _ => None,
    }
}

/// Values for an axis: written numbers, else positions (`descending`: the
/// first entry is the highest, as matrices draw probability).
fn values(entries: &[(String, Option<f64>)], descending: bool) -> Vec<f64> {
    if entries.iter().all(|(_, v)| v.is_some()) {
        return entries.iter().map(|(_, v)| v.unwrap_or(0.0)).collect();
    }
    let n = entries.len();
    (0..n)
        .map(|i| {
            if descending {
                (n - i) as f64
            } else {
                (i + 1) as f64
            }
        })
        .collect()
}

pub fn matrix(t: &Table) -> Option<Matrix> {
    matrix_of(t).or_else(|| {
        // A column beside the matrix (`Estimated Maximum Event Count`) is
        // not a step of its scale: the matrix without it.
        let mut inner = t.clone();
        inner.header.pop();
        for r in &mut inner.rows {
            r.truncate(inner.header.len());
        }
        (t.header.len() > 3).then(|| matrix_of(&inner)).flatten()
    })
}

fn matrix_of(t: &Table) -> Option<Matrix> {
    if t.header.len() < 3 || t.rows.len() < 2 {
        return None;
    }
    let width = t.header.len();
    let corner = plain(&t.header[0]).to_lowercase();
    let cols: Vec<(String, Option<f64>)> = t.header[1..].iter().map(|h| axis_entry(h)).collect();
    let rows: Vec<(String, Option<f64>)> = t.rows.iter().map(|r| axis_entry(&r[0])).collect();
    if rows.iter().chain(&cols).any(|(l, _)| l.is_empty()) {
        return None;
    }
    let mut cells: Vec<Vec<Cell>> = Vec::new();
    for r in &t.rows {
        if r.len() < width {
            return None;
        }
        cells.push(
            r[1..width]
                .iter()
                .map(|c| cell(c))
                .collect::<Option<Vec<_>>>()?,
        );
    }
    // A matrix's cells are alike: all scored, or all named.
    let scored = cells.iter().flatten().all(|c| c.1.is_some());
    let named = cells.iter().flatten().all(|c| c.0.is_some());
    if !scored && !named {
        return None;
    }
    // Which axis the rows are: the corner says (`Likelihood \ Impact`:
    // rows first), else the words in the headers, else probability.
    let rows_are_impact = match corner.split(['\\', '/', '↓', '→']).next() {
        Some(first) if mentions(first, &IMPACT_WORDS) => true,
        Some(first) if mentions(first, &PROBABILITY_WORDS) => false,
        _ => {
            t.rows.iter().any(|r| mentions(&r[0], &IMPACT_WORDS))
                || t.header[1..]
                    .iter()
                    .any(|h| mentions(h, &PROBABILITY_WORDS))
        }
    };
    // Nothing says these are scales: not a matrix.
    let said = mentions(&corner, &PROBABILITY_WORDS)
        || mentions(&corner, &IMPACT_WORDS)
        || t.rows
            .iter()
            .any(|r| mentions(&r[0], &PROBABILITY_WORDS) || mentions(&r[0], &IMPACT_WORDS))
        || t.header
            .iter()
            .any(|h| mentions(h, &PROBABILITY_WORDS) || mentions(h, &IMPACT_WORDS))
        || (rows.iter().all(|r| r.1.is_some()) && cols.iter().all(|c| c.1.is_some()))
        || (coded_axis(t.rows.iter().map(|r| r[0].as_str()))
            && coded_axis(t.header[1..].iter().map(String::as_str)));
    if !said {
        return None;
    }
    let row_values = values(&rows, true);
    let col_values = values(&cols, false);
    let entries = |axis: &[(String, Option<f64>)], vals: &[f64]| -> Vec<Value> {
        let mut e: Vec<(f64, Value)> = axis
            .iter()
            .zip(vals)
            .map(|((label, _), v)| {
                let v = if v.fract() == 0.0 {
                    json!(*v as i64)
                } else {
                    json!(v)
                };
                (
                    v.as_f64().unwrap_or(0.0),
                    json!({ "id": slug(label), "label": label, "value": v }),
                )
            })
            .collect();
        e.sort_by(|a, b| a.0.total_cmp(&b.0));
        e.into_iter().map(|(_, v)| v).collect()
    };
    let (p_axis, p_vals, i_axis, i_vals) = if rows_are_impact {
        (&cols, &col_values, &rows, &row_values)
    } else {
        (&rows, &row_values, &cols, &col_values)
    };
    let probability = entries(p_axis, p_vals);
    let impact = entries(i_axis, i_vals);
    // The cell for probability index `p` (into the table's axis) and impact `i`.
    let at = |p: usize, i: usize| -> &Cell {
        if rows_are_impact {
            &cells[i][p]
        } else {
            &cells[p][i]
        }
    };
    let order = |vals: &[f64]| -> Vec<usize> {
        let mut idx: Vec<usize> = (0..vals.len()).collect();
        idx.sort_by(|a, b| vals[*a].total_cmp(&vals[*b]));
        idx
    };
    let p_order: Vec<usize> = order(p_vals).into_iter().rev().collect();
    let i_order = order(i_vals);
    // Level words, ranked by where they sit: further up and right is worse.
    // word, rank sum, count, lowest score, highest score
    let mut words: Vec<(String, f64, usize, f64, f64)> = Vec::new();
    for (pr, &p) in p_order.iter().enumerate() {
        for (ir, &i) in i_order.iter().enumerate() {
            if let (Some(w), score) = at(p, i) {
                let rank = (p_order.len() - pr + ir) as f64;
                match words.iter_mut().find(|x| x.0.eq_ignore_ascii_case(w)) {
                    Some(x) => {
                        x.1 += rank;
                        x.2 += 1;
                        x.3 = x.3.min(score.unwrap_or(f64::INFINITY));
                        x.4 = x.4.max(score.unwrap_or(f64::NEG_INFINITY));
                    }
                    None => words.push((
                        w.clone(),
                        rank,
                        1,
                        score.unwrap_or(f64::INFINITY),
                        score.unwrap_or(f64::NEG_INFINITY),
                    )),
                }
            }
        }
    }
    words.sort_by(|a, b| (a.1 / a.2 as f64).total_cmp(&(b.1 / b.2 as f64)));
    let banded = scored && {
        let mut by_score: Vec<(f64, f64)> = words.iter().map(|w| (w.3, w.4)).collect();
        by_score.sort_by(|a, b| a.0.total_cmp(&b.0));
        by_score.windows(2).all(|p| p[0].1 < p[1].0)
    };
    let grid: Vec<Vec<Value>> = p_order
        .iter()
        .map(|&p| {
            i_order
                .iter()
                .map(|&i| match at(p, i) {
                    (_, Some(n)) if scored => {
                        if n.fract() == 0.0 {
                            json!(*n as i64)
                        } else {
                            json!(n)
                        }
                    }
                    (Some(w), _) => json!(slug(w)),
                    _ => Value::Null,
                })
                .collect()
        })
        .collect();
    let levels: Vec<Value> = words
        .iter()
        .map(|(w, _, _, low, _)| {
            let mut e = json!({ "id": slug(w), "label": w });
            if scored && low.is_finite() {
                e["min"] = if low.fract() == 0.0 {
                    json!(*low as i64)
                } else {
                    json!(low)
                };
            }
            e
        })
        .collect();
    Some(Matrix {
        probability,
        impact,
        grid,
        levels,
        banded,
    })
}

/// Levels from a band list: `1-5 = Low`, `- **High**: 10–14`,
/// `Critical (Score 20-25)`. Lowest first; `None` with fewer than two.
pub fn bands(lines: &[&str]) -> Option<Vec<Value>> {
    // (min, name, whether written as a range)
    let mut found: Vec<(f64, String, bool)> = Vec::new();
    for l in lines {
        let t = plain(l).replace('*', "");
        let t = t.trim().trim_start_matches(['-', '+']).trim();
        // `1-5`, `1–5`, `1 — 5`, `1 to 5`; or one value (`16`, `16+`,
        // `≥ 16`), which counts only beside ranges.
        let range = |s: &str| -> Option<(f64, bool)> {
            let s = s.trim().trim_end_matches(')').trim();
            let s = s.replace(" to ", "-");
            if let Some((a, b)) = s.split_once(['-', '–', '—', '−']) {
                let a: f64 = a.trim().parse().ok()?;
                let b: f64 = b.trim().parse().ok()?;
                return (a <= b).then_some((a, true));
            }
            let one = s
                .trim_start_matches(['≥', '>', '='])
                .trim_end_matches('+')
                .trim();
            one.parse().ok().map(|n| (n, false))
        };
        // `1-5 = Low` or `Low: 1-5` or `Low (Score 1-5)`.
        let band = if let Some((r, name)) = t.split_once('=').filter(|(r, _)| !r.trim().is_empty())
        {
            range(r).map(|min| (min, name))
        } else if let Some((name, r)) = t.split_once(':') {
            range(r).map(|min| (min, name))
        } else if let Some((name, r)) = t.split_once('(') {
            range(r.trim_start_matches(|c: char| c.is_alphabetic() || c == ' '))
                .map(|min| (min, name))
        } else {
            None
        };
        if let Some(((min, is_range), name)) = band {
            let name = name
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .split([',', ';', '(', '—', '–'])
                .next()
                .unwrap_or("")
                .trim();
            if !name.is_empty() && name.split_whitespace().count() <= 3 {
                found.push((min, name.to_string(), is_range));
            }
        }
    }
    if !found.iter().any(|f| f.2) {
        return None;
    }
    let mut found: Vec<(f64, String)> = found.into_iter().map(|(m, n, _)| (m, n)).collect();
    found.sort_by(|a, b| a.0.total_cmp(&b.0));
    found.dedup_by(|a, b| a.1.eq_ignore_ascii_case(&b.1));
    if found.len() < 2 {
        return None;
    }
    Some(
        found
            .into_iter()
            .map(|(min, name)| {
                let min = if min.fract() == 0.0 {
                    json!(min as i64)
                } else {
                    json!(min)
                };
                json!({ "id": slug(&name), "label": name, "min": min })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(md: &str) -> Table {
        let lines: Vec<&str> = md.lines().collect();
        super::super::table::tables(&lines, &vec![false; lines.len()]).remove(0)
    }

    #[test]
    fn a_score_matrix_with_labelled_axes() {
        let m = matrix(&table(
            "|  | Minor (1) | Major (2) | Severe (3) |\n|---|---|---|---|\n| Likely (3) | 3 | 6 | 9 |\n| Possible (2) | 2 | 4 | 6 |\n| Rare (1) | 1 | 2 | 3 |",
        ))
        .unwrap();
        assert_eq!(m.probability[0]["label"], "Rare");
        assert_eq!(m.impact[2]["label"], "Severe");
        assert_eq!(m.grid[0], [json!(3), json!(6), json!(9)]);
        assert_eq!(m.grid[2], [json!(1), json!(2), json!(3)]);
    }

    #[test]
    fn a_level_matrix_with_impact_rows() {
        let m = matrix(&table(
            "| Impact \\ Likelihood | Low | High |\n|---|---|---|\n| High | Medium | High |\n| Low | Low | Medium |",
        ))
        .unwrap();
        // Probability high first; impact low first.
        assert_eq!(
            m.grid,
            [
                vec![json!("medium"), json!("high")],
                vec![json!("low"), json!("medium")]
            ]
        );
        let ids: Vec<&str> = m.levels.iter().map(|l| l["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["low", "medium", "high"]);
    }

    #[test]
    fn band_lists() {
        let b = bands(&[
            "- 1-5 = Low",
            "- 6-12 = Medium",
            "- **High**: 13–19",
            "Critical (Score 20-25)",
        ])
        .unwrap();
        let mins: Vec<i64> = b.iter().map(|l| l["min"].as_i64().unwrap()).collect();
        assert_eq!(mins, [1, 6, 13, 20]);
        assert_eq!(b[3]["id"], "critical");
        // Any dash, and a single value beside ranges.
        let b = bands(&[
            "- Low: 1–3",
            "- Medium: 4 — 6",
            "- High: 8 to 12",
            "- Critical: 16",
        ])
        .unwrap();
        let mins: Vec<i64> = b.iter().map(|l| l["min"].as_i64().unwrap()).collect();
        assert_eq!(mins, [1, 4, 8, 16]);
        // Single values alone are not a band list.
        assert!(bands(&["Version: 2", "Pages: 14"]).is_none());
    }
}
