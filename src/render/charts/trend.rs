//! Active risks per level over the commits of a register: one line per
//! level on a dated x axis.

use super::{Frame, GRID, INK, finish_svg, text_style};
use crate::model::scoring::parse_color;
use crate::model::{Date, Level};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const FRAME: Frame = Frame {
    width: 720,
    height: 300,
    left: 48,
    right: 16,
    top: 16,
    bottom: 64,
};

/// `points`: (date, active risks per level), oldest first.
pub fn svg(levels: &[Level], points: &[(Date, Vec<usize>)], id: &str, title: &str) -> String {
    let mut buf = String::new();
    let mut links = Vec::new();
    {
        let root = SVGBackend::with_string(&mut buf, FRAME.size()).into_drawing_area();
        let _ = root.fill(&WHITE);
        let (ink, grid) = (INK, GRID);
        let (x0, x1, y0, y1) = FRAME.area();
        // x by date; when every version is of the same day, one step per version.
        let days = match (points.first(), points.last()) {
            (Some(a), Some(b)) => a.0.days_until(b.0),
            _ => 0,
        };
        let n = points.len().max(2) - 1;
        let xs: Vec<i32> = points
            .iter()
            .enumerate()
            .map(|(k, (d, _))| {
                let f = if days > 0 {
                    points[0].0.days_until(*d) as f64 / days as f64
                } else {
                    k as f64 / n as f64
                };
                x0 + (f * (x1 - x0) as f64) as i32
            })
            .collect();
        let max = points
            .iter()
            .flat_map(|(_, c)| c.iter().copied())
            .max()
            .unwrap_or(0)
            .max(1);
        let y_of = |v: usize| y1 - ((v as f64 / max as f64) * (y1 - y0) as f64) as i32;
        // Horizontal grid with counts.
        let step = (max as f64 / 4.0).ceil().max(1.0) as usize;
        // Gridlines every `step`, and one at the maximum.
        let mut values: Vec<usize> = (0..).map(|k| k * step).take_while(|v| *v < max).collect();
        values.push(max);
        for v in values {
            let y = y_of(v);
            let _ = root.draw(&PathElement::new(
                vec![(x0, y), (x1, y)],
                grid.stroke_width(1),
            ));
            let _ = root.draw(&Text::new(
                v.to_string(),
                (x0 - 6, y),
                text_style(11.0, ink, "sans-serif", false, HPos::Right, VPos::Center),
            ));
            links.push(None);
        }
        // Dates: first and last, and one in the middle when far apart.
        let ticks: Vec<usize> = match points.len() {
            0 => vec![],
            1 => vec![0],
            n => vec![0, n / 2, n - 1],
        };
        let mut last_x: Option<i32> = None;
        let last = points.len().saturating_sub(1);
        for k in ticks {
            let x = xs[k];
            let anchor = match k {
                0 => HPos::Left,
                k if k == last => HPos::Right,
                _ => HPos::Center,
            };
            if last_x.is_some_and(|l| x - l < 90) {
                continue;
            }
            last_x = Some(x);
            let _ = root.draw(&PathElement::new(
                vec![(x, y1), (x, y1 + 4)],
                ink.stroke_width(1),
            ));
            let _ = root.draw(&Text::new(
                points[k].0.to_string(),
                (x, y1 + 8),
                text_style(11.0, ink, "sans-serif", false, anchor, VPos::Top),
            ));
            links.push(None);
        }
        // One step line per level, highest level drawn last (on top).
        for (li, level) in levels.iter().enumerate() {
            let (r, g, b) = parse_color(&level.color).unwrap_or((128, 128, 128));
            let color = RGBColor(r, g, b);
            let mut path = Vec::new();
            for (k, (_, counts)) in points.iter().enumerate() {
                let y = y_of(counts.get(li).copied().unwrap_or(0));
                let x = xs[k];
                if k > 0
                    && let Some(&(_, py)) = path.last()
                {
                    path.push((x, py));
                }
                path.push((x, y));
            }
            if let Some(&(_, y)) = path.last() {
                path.push((x1, y));
            }
            let _ = root.draw(&PathElement::new(path.clone(), color.stroke_width(3)));
            for &(x, y) in path.iter().step_by(2) {
                let _ = root.draw(&Circle::new((x, y), 3, color.filled()));
            }
        }
        // Legend.
        let mut x = x0;
        let y = FRAME.height - 22;
        for level in levels {
            let (r, g, b) = parse_color(&level.color).unwrap_or((128, 128, 128));
            let _ = root.draw(&Rectangle::new(
                [(x, y), (x + 14, y + 14)],
                RGBColor(r, g, b).filled(),
            ));
            let _ = root.draw(&Text::new(
                level.label.clone(),
                (x + 19, y + 1),
                text_style(11.0, ink, "sans-serif", false, HPos::Left, VPos::Top),
            ));
            links.push(None);
            x += 19 + level.label.chars().count() as i32 * 7 + 18;
        }
        let _ = root.present();
    }
    let desc = format!(
        "Active risks per level over {} versions; the history table lists the same data.",
        points.len()
    );
    finish_svg(&buf, id, title, &desc, &links, super::Use::Inline)
}
