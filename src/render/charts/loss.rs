//! The loss exceedance curve: the probability that a year's loss reaches
//! an amount, amounts on a logarithmic axis; inherent and residual (or a
//! register's total) with the appetite points drawn on it.

use super::{Frame, GRID, INK, finish_svg, text_style};
use crate::model::quant::Appetite;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const FRAME: Frame = Frame {
    width: 720,
    height: 320,
    left: 56,
    right: 20,
    top: 16,
    bottom: 72,
};

/// One curve: its name in the legend, its points, its colour and whether
/// it carries markers.
pub struct Curve<'a> {
    pub name: &'a str,
    pub points: &'a [(f64, f64)],
    pub color: RGBColor,
    pub marked: bool,
}

/// `12k`, `1.5M`: an axis label.
fn short(amount: f64) -> String {
    let (v, unit) = match amount {
        a if a >= 1e9 => (a / 1e9, "B"),
        a if a >= 1e6 => (a / 1e6, "M"),
        a if a >= 1e3 => (a / 1e3, "k"),
        a => (a, ""),
    };
    let s = if v >= 10.0 || v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    };
    format!("{s}{unit}")
}

pub fn svg(
    curves: &[Curve],
    appetite: &[Appetite],
    currency: &str,
    id: &str,
    title: &str,
) -> String {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, FRAME.size()).into_drawing_area();
        let _ = root.fill(&WHITE);
        let (ink, grid) = (INK, GRID);
        let (x0, x1, y0, y1) = FRAME.area();
        let amounts = curves
            .iter()
            .flat_map(|c| c.points.iter().map(|p| p.0))
            .chain(appetite.iter().map(|a| a.loss))
            .filter(|x| *x > 0.0);
        let (lo, hi) = amounts.fold((f64::MAX, 0.0f64), |(a, b), x| (a.min(x), b.max(x)));
        // Whole powers of ten around the data.
        let (lo, hi) = if lo <= hi {
            (
                10f64.powf(lo.log10().floor()),
                10f64.powf(hi.log10().ceil().max(lo.log10().floor() + 1.0)),
            )
        } else {
            (1.0, 10.0)
        };
        let x_of = |x: f64| {
            let f = (x.max(lo).ln() - lo.ln()) / (hi.ln() - lo.ln());
            x0 + (f * (x1 - x0) as f64).round() as i32
        };
        let y_of = |p: f64| y1 - (p.clamp(0.0, 1.0) * (y1 - y0) as f64).round() as i32;
        for p in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let y = y_of(p);
            let _ = root.draw(&PathElement::new(
                vec![(x0, y), (x1, y)],
                grid.stroke_width(1),
            ));
            let _ = root.draw(&Text::new(
                format!("{:.0}%", p * 100.0),
                (x0 - 6, y),
                text_style(11.0, ink, "sans-serif", false, HPos::Right, VPos::Center),
            ));
        }
        let mut decade = lo;
        while decade <= hi * 1.0001 {
            let x = x_of(decade);
            let _ = root.draw(&PathElement::new(
                vec![(x, y0), (x, y1)],
                grid.stroke_width(1),
            ));
            let _ = root.draw(&Text::new(
                short(decade),
                (x, y1 + 6),
                text_style(11.0, ink, "sans-serif", false, HPos::Center, VPos::Top),
            ));
            decade *= 10.0;
        }
        let _ = root.draw(&Text::new(
            format!("Annual loss ({currency}, logarithmic)"),
            ((x0 + x1) / 2, y1 + 24),
            text_style(11.0, ink, "sans-serif", true, HPos::Center, VPos::Top),
        ));
        for c in curves {
            // A step curve: P(loss >= x) holds until the next point.
            // Below its smallest loss, the curve is the chance of any loss.
            let mut path: Vec<(i32, i32)> = c
                .points
                .first()
                .map(|p| (x0, y_of(p.1)))
                .into_iter()
                .collect();
            for (x, p) in c.points.iter() {
                if let Some(&(_, py)) = path.last() {
                    path.push((x_of(*x), py));
                }
                path.push((x_of(*x), y_of(*p)));
            }
            let _ = root.draw(&PathElement::new(path.clone(), c.color.stroke_width(3)));
            // The second curve is told apart by its markers, not by its
            // colour alone.
            if c.marked {
                for &(x, y) in path.iter().step_by(12) {
                    let _ = root.draw(&Circle::new((x, y), 4, c.color.filled()));
                }
            }
        }
        let red = RGBColor(207, 34, 46);
        for a in appetite {
            let (x, y) = (x_of(a.loss), y_of(a.probability));
            let _ = root.draw(&Cross::new((x, y), 6, red.stroke_width(3)));
        }
        // Legend.
        let mut x = x0;
        let y = FRAME.height - 22;
        let mut legend: Vec<(String, RGBColor, bool)> = curves
            .iter()
            .map(|c| (c.name.to_string(), c.color, c.marked))
            .collect();
        if !appetite.is_empty() {
            legend.push(("Appetite".into(), red, false));
        }
        for (name, color, marked) in legend {
            if name == "Appetite" {
                let _ = root.draw(&Cross::new((x + 7, y + 7), 6, color.stroke_width(3)));
            } else {
                if marked {
                    let _ = root.draw(&Circle::new((x + 11, y + 7), 4, color.filled()));
                }
                let _ = root.draw(&PathElement::new(
                    vec![(x, y + 7), (x + 22, y + 7)],
                    color.stroke_width(3),
                ));
            }
            let _ = root.draw(&Text::new(
                name.clone(),
                (x + 28, y + 1),
                text_style(11.0, ink, "sans-serif", false, HPos::Left, VPos::Top),
            ));
            x += 28 + name.chars().count() as i32 * 7 + 18;
        }
        let _ = root.present();
    }
    let desc = format!(
        "Loss exceedance curve: the probability that a year's loss reaches each amount ({currency}, logarithmic axis){}. The table beside it gives the figures.",
        if appetite.is_empty() {
            ""
        } else {
            ", with the appetite points as crosses"
        }
    );
    finish_svg(&buf, id, title, &desc, &[], super::Use::Inline)
}
