//! The risk matrix: probability on the vertical axis (high at the top),
//! impact on the horizontal axis, each cell coloured by its level and
//! showing its count and the ids of its risks.

use super::finish_svg;
use crate::model::Framework;
use crate::model::scoring::parse_color;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One risk placed in the matrix.
#[derive(Debug, Clone)]
pub struct Placed {
    pub label: String,
    /// URL relative to where the SVG is shown.
    pub url: String,
    pub title: String,
    /// Inherent cell (probability index, impact index).
    pub cell: (usize, usize),
    /// Residual cell, when the risk has one.
    pub residual: Option<(usize, usize)>,
}

const CELL_W: i32 = 150;
const CELL_H: i32 = 96;
const LEFT: i32 = 120;
const TOP: i32 = 16;
const BOTTOM: i32 = 96;
const RIGHT: i32 = 16;
const FONT: &str = "sans-serif";
const MONO: &str = "monospace";
/// Average advance of a 12px monospace glyph.
const CHAR_W: i32 = 7;

fn rgb(hex: &str) -> RGBColor {
    let (r, g, b) = parse_color(hex).unwrap_or((128, 128, 128));
    RGBColor(r, g, b)
}

fn text_style(
    size: i32,
    color: RGBColor,
    family: &'static str,
    h: HPos,
    v: VPos,
) -> TextStyle<'static> {
    super::text_style(size as f64, color, family, false, h, v)
}

fn bold(size: i32, color: RGBColor, family: &'static str, h: HPos, v: VPos) -> TextStyle<'static> {
    super::text_style(size as f64, color, family, true, h, v)
}

/// Draws the heatmap. `id` must be unique on the page that shows it.
pub fn svg(fw: &Framework, risks: &[Placed], id: &str, title: &str, usage: super::Use) -> String {
    let rows = fw.probability.len() as i32;
    let cols = fw.impact.len() as i32;
    let width = LEFT + cols * CELL_W + RIGHT;
    let height = TOP + rows * CELL_H + BOTTOM;
    let mut cells: Vec<Vec<Vec<&Placed>>> = vec![vec![Vec::new(); cols as usize]; rows as usize];
    for r in risks {
        let (p, i) = r.cell;
        cells[p][i].push(r);
    }
    let mut links: Vec<Option<(String, String)>> = Vec::new();
    let mut buf = String::new();
    {
        let root =
            SVGBackend::with_string(&mut buf, (width as u32, height as u32)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let text = |s: &str,
                    style: TextStyle,
                    at: (i32, i32),
                    links: &mut Vec<_>,
                    link: Option<(String, String)>| {
            let _ = root.draw(&Text::new(s.to_string(), at, style));
            links.push(link);
        };
        // Cells: row 0 is the highest probability.
        for row in 0..rows {
            let p = (rows - 1 - row) as usize;
            for col in 0..cols {
                let i = col as usize;
                let level = &fw.levels[fw.cell_level(p, i)];
                let (x0, y0) = (LEFT + col * CELL_W, TOP + row * CELL_H);
                let fill = rgb(&level.color);
                let ink = rgb(&level.text_color);
                let _ = root.draw(&Rectangle::new(
                    [(x0, y0), (x0 + CELL_W, y0 + CELL_H)],
                    fill.filled(),
                ));
                let _ = root.draw(&Rectangle::new(
                    [(x0, y0), (x0 + CELL_W, y0 + CELL_H)],
                    WHITE.stroke_width(2),
                ));
                let here = &cells[p][i];
                text(
                    &here.len().to_string(),
                    bold(18, ink, FONT, HPos::Left, VPos::Top),
                    (x0 + 8, y0 + 6),
                    &mut links,
                    None,
                );
                text(
                    &level.label,
                    text_style(10, ink, FONT, HPos::Right, VPos::Top),
                    (x0 + CELL_W - 6, y0 + 8),
                    &mut links,
                    None,
                );
                // Ids, wrapped; a crowded cell ends with "+N more".
                let (shown, more) =
                    layout(here.iter().map(|r| r.label.chars().count() as i32 * CHAR_W));
                for (k, &(line, x)) in shown.iter().enumerate() {
                    let r = here[k];
                    text(
                        &r.label,
                        bold(12, ink, MONO, HPos::Left, VPos::Top),
                        (x0 + 8 + x, y0 + 34 + line * 18),
                        &mut links,
                        Some((r.url.clone(), format!("{} {}", r.label, r.title))),
                    );
                }
                if let Some((line, x, n)) = more {
                    text(
                        &format!("+{n} more"),
                        text_style(11, ink, FONT, HPos::Left, VPos::Top),
                        (x0 + 8 + x, y0 + 35 + line * 18),
                        &mut links,
                        None,
                    );
                }
            }
        }
        // Axes.
        let ink = super::INK;
        for row in 0..rows {
            let p = (rows - 1 - row) as usize;
            let y = TOP + row * CELL_H + CELL_H / 2;
            text(
                &fw.probability.entries[p].label,
                text_style(12, ink, FONT, HPos::Right, VPos::Center),
                (LEFT - 10, y),
                &mut links,
                None,
            );
        }
        for col in 0..cols {
            let x = LEFT + col * CELL_W + CELL_W / 2;
            text(
                &fw.impact.entries[col as usize].label,
                text_style(12, ink, FONT, HPos::Center, VPos::Top),
                (x, TOP + rows * CELL_H + 8),
                &mut links,
                None,
            );
        }
        text(
            &format!("{} →", fw.labels.impact),
            bold(12, ink, FONT, HPos::Center, VPos::Top),
            (LEFT + cols * CELL_W / 2, TOP + rows * CELL_H + 34),
            &mut links,
            None,
        );
        text(
            &format!("{} →", fw.labels.probability),
            bold(12, ink, FONT, HPos::Center, VPos::Top)
                .transform(plotters::style::FontTransform::Rotate270),
            (12, TOP + rows * CELL_H / 2),
            &mut links,
            None,
        );
        // Legend: one swatch per level, lowest first.
        let mut x = LEFT;
        let y = TOP + rows * CELL_H + 62;
        for level in &fw.levels {
            let _ = root.draw(&Rectangle::new(
                [(x, y), (x + 14, y + 14)],
                rgb(&level.color).filled(),
            ));
            text(
                &level.label,
                text_style(11, ink, FONT, HPos::Left, VPos::Top),
                (x + 19, y + 1),
                &mut links,
                None,
            );
            x += 19 + level.label.chars().count() as i32 * 7 + 18;
        }
        // Residual movement: an arrow from the inherent cell to the residual cell.
        let centre = |(p, i): (usize, usize)| {
            let row = rows - 1 - p as i32;
            (
                LEFT + i as i32 * CELL_W + CELL_W / 2,
                TOP + row * CELL_H + CELL_H - 14,
            )
        };
        let arrow = super::INK.mix(0.55);
        for r in risks {
            let Some(res) = r.residual.filter(|res| *res != r.cell) else {
                continue;
            };
            let (a, b) = (centre(r.cell), centre(res));
            let _ = root.draw(&PathElement::new(vec![a, b], arrow.stroke_width(2)));
            let (dx, dy) = ((b.0 - a.0) as f64, (b.1 - a.1) as f64);
            let len = (dx * dx + dy * dy).sqrt().max(1.0);
            let (ux, uy) = (dx / len, dy / len);
            let tip = b;
            let back = (b.0 as f64 - ux * 10.0, b.1 as f64 - uy * 10.0);
            let left = ((back.0 - uy * 5.0) as i32, (back.1 + ux * 5.0) as i32);
            let right = ((back.0 + uy * 5.0) as i32, (back.1 - ux * 5.0) as i32);
            let _ = root.draw(&Polygon::new(vec![tip, left, right], arrow.filled()));
        }
        let _ = root.present();
    }
    let total = risks.len();
    let desc = format!(
        "{total} risks by probability ({} rows, highest at the top) and impact ({} columns, lowest at the left). The table after the chart lists the same data.",
        rows, cols
    );
    finish_svg(&buf, id, title, &desc, &links, usage)
}

const MAX_LINES: i32 = 3;
const MORE_W: i32 = 8 * CHAR_W;

/// Places labels of the given widths in lines of a cell. Returns the
/// (line, x) of each label shown and, when not all fit, where "+N more"
/// goes and N.
/// The (line, x) of each label shown; where "+N more" goes (line, x) and N.
type Layout = (Vec<(i32, i32)>, Option<(i32, i32, usize)>);

fn layout(widths: impl Iterator<Item = i32>) -> Layout {
    let avail = CELL_W - 14;
    let mut all = Vec::new();
    let (mut line, mut x) = (0, 0);
    for w in widths {
        if x > 0 && x + w > avail {
            line += 1;
            x = 0;
        }
        all.push((line, x, w));
        x += w + CHAR_W;
    }
    if all.last().is_none_or(|l| l.0 < MAX_LINES) {
        return (all.iter().map(|&(l, x, _)| (l, x)).collect(), None);
    }
    let last = MAX_LINES - 1;
    let shown: Vec<(i32, i32)> = all
        .iter()
        .take_while(|&&(l, x, w)| l < last || (l == last && x + w + CHAR_W + MORE_W <= avail))
        .map(|&(l, x, _)| (l, x))
        .collect();
    let at = shown
        .last()
        .map(|&(l, x)| {
            let w = all[shown.len() - 1].2;
            if l == last {
                (l, x + w + CHAR_W)
            } else {
                (last, 0)
            }
        })
        .unwrap_or((0, 0));
    let n = all.len() - shown.len();
    (shown, Some((at.0, at.1, n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_wraps_and_summarises_crowded_cells() {
        let (shown, more) = layout([35, 35, 35].into_iter());
        assert_eq!(shown, [(0, 0), (0, 42), (0, 84)]);
        assert!(more.is_none());
        let (shown, more) = layout(std::iter::repeat_n(35, 20));
        assert!(shown.len() < 20);
        let (line, _, n) = more.unwrap();
        assert_eq!(line, MAX_LINES - 1);
        assert_eq!(shown.len() + n, 20);
    }
}
