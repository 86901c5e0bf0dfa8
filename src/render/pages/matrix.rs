//! The matrix of a set of risks: the SVG (plotters) and its table form.

use crate::model::{Framework, RiskRef};
use crate::render::charts::Use;
use crate::render::charts::heatmap::{self, Placed};
use crate::render::views::{LevelView, level};
use crate::render::{Env, urls};
use serde::Serialize;

#[derive(Serialize)]
pub struct CellRisk {
    pub id: String,
    pub title: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct Cell {
    pub level: LevelView,
    pub risks: Vec<CellRisk>,
}

#[derive(Serialize)]
pub struct Row {
    pub label: String,
    pub cells: Vec<Cell>,
}

#[derive(Serialize)]
pub struct Matrix {
    pub svg: String,
    /// The risks as placed, to draw the chart again as a file of its own.
    #[serde(skip)]
    pub placed: Vec<Placed>,
    pub impact_labels: Vec<String>,
    pub rows: Vec<Row>,
    pub levels: Vec<LevelView>,
    /// Risks not rated yet, so not in any cell.
    pub unrated: Vec<CellRisk>,
}

/// The matrix of `risks` drawn with `fw`, for a page at `out_path`.
/// `qualify` labels ids with their register (for site-wide matrices).
pub fn build(
    env: &Env,
    fw: &Framework,
    risks: &[RiskRef],
    out_path: &str,
    id: &str,
    title: &str,
    qualify: bool,
) -> Matrix {
    let to_root = urls::to_root(out_path);
    let label = |rr: RiskRef| {
        let reg = &env.site.registers[rr.register];
        let r = &reg.risks[rr.risk];
        if qualify {
            format!("{}/{}", reg.id, r.id)
        } else {
            r.id.clone()
        }
    };
    // Unrated risks have no cell: listed under the matrix instead.
    let mut unrated = Vec::new();
    let placed: Vec<Placed> = risks
        .iter()
        .filter_map(|&rr| {
            let reg = &env.site.registers[rr.register];
            let r = &reg.risks[rr.risk];
            let url = format!("{to_root}{}", urls::risk(reg, r));
            let Some(rated) = &r.rated else {
                unrated.push(CellRisk {
                    id: label(rr),
                    title: r.title.clone(),
                    url,
                });
                return None;
            };
            Some(Placed {
                label: label(rr),
                url,
                title: r.title.clone(),
                cell: (rated.probability.high, rated.impact.high),
                residual: r.residual.as_ref().map(|(p, i, _)| (p.high, i.high)),
            })
        })
        .collect();
    let svg = heatmap::svg(fw, &placed, id, title, Use::Inline);
    let rows = (0..fw.probability.len())
        .rev()
        .map(|p| Row {
            label: fw.probability.entries[p].label.clone(),
            cells: (0..fw.impact.len())
                .map(|i| Cell {
                    level: level(fw, fw.cell_level(p, i)),
                    risks: placed
                        .iter()
                        .filter(|x| x.cell == (p, i))
                        .map(|x| CellRisk {
                            id: x.label.clone(),
                            title: x.title.clone(),
                            url: x.url.clone(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    Matrix {
        svg,
        impact_labels: fw.impact.entries.iter().map(|e| e.label.clone()).collect(),
        rows,
        levels: (0..fw.levels.len()).map(|i| level(fw, i)).collect(),
        placed,
        unrated,
    }
}
