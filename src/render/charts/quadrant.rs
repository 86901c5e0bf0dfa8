//! The quadrant chart (as seed 001's Mermaid `quadrantChart`): risks with
//! an exact `position`, probability on x and impact on y.

use super::finish_svg;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

pub struct Point {
    pub label: String,
    pub url: String,
    pub title: String,
    /// Probability 0..1 (x) and impact 0..1 (y).
    pub at: (f64, f64),
    pub color: String,
}

const SIZE: i32 = 480;
const PAD: i32 = 56;

/// `quadrants` in Mermaid's order: top right, top left, bottom left, bottom right.
/// `labels` names the axes (the register's words for probability and impact).
pub fn svg(
    points: &[Point],
    quadrants: &[String],
    id: &str,
    title: &str,
    labels: &crate::model::scoring::Labels,
) -> String {
    let total = SIZE + 2 * PAD;
    let mut links: Vec<Option<(String, String)>> = Vec::new();
    let mut buf = String::new();
    {
        let root =
            SVGBackend::with_string(&mut buf, (total as u32, total as u32)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let ink = super::INK;
        let style = |size: f64, h, v| super::text_style(size, ink, "sans-serif", false, h, v);
        let tints = [
            RGBColor(255, 235, 233),
            RGBColor(255, 248, 197),
            RGBColor(218, 251, 225),
            RGBColor(255, 241, 229),
        ];
        let half = SIZE / 2;
        let origins = [
            (PAD + half, PAD),
            (PAD, PAD),
            (PAD, PAD + half),
            (PAD + half, PAD + half),
        ];
        for (q, &(x, y)) in origins.iter().enumerate() {
            let _ = root.draw(&Rectangle::new(
                [(x, y), (x + half, y + half)],
                tints[q].filled(),
            ));
            if let Some(name) = quadrants.get(q) {
                let _ = root.draw(&Text::new(
                    name.clone(),
                    (x + half / 2, y + 10),
                    super::text_style(12.0, ink, "sans-serif", true, HPos::Center, VPos::Top),
                ));
                links.push(None);
            }
        }
        let _ = root.draw(&Rectangle::new(
            [(PAD, PAD), (PAD + SIZE, PAD + SIZE)],
            ink.stroke_width(1),
        ));
        let to_px = |(x, y): (f64, f64)| {
            (
                PAD + (x.clamp(0.0, 1.0) * SIZE as f64) as i32,
                PAD + SIZE - (y.clamp(0.0, 1.0) * SIZE as f64) as i32,
            )
        };
        for p in points {
            let (x, y) = to_px(p.at);
            let (r, g, b) = crate::model::scoring::parse_color(&p.color).unwrap_or((100, 100, 100));
            let _ = root.draw(&Circle::new((x, y), 6, RGBColor(r, g, b).filled()));
            let _ = root.draw(&Circle::new((x, y), 6, ink.stroke_width(1)));
            let _ = root.draw(&Text::new(
                p.label.clone(),
                (x + 9, y),
                style(11.0, HPos::Left, VPos::Center),
            ));
            links.push(Some((p.url.clone(), format!("{} {}", p.label, p.title))));
        }
        let _ = root.draw(&Text::new(
            format!("{} →", labels.probability),
            (PAD + half, PAD + SIZE + 16),
            style(12.0, HPos::Center, VPos::Top),
        ));
        links.push(None);
        let _ = root.draw(&Text::new(
            "Low".to_string(),
            (PAD, PAD + SIZE + 16),
            style(11.0, HPos::Left, VPos::Top),
        ));
        links.push(None);
        let _ = root.draw(&Text::new(
            "High".to_string(),
            (PAD + SIZE, PAD + SIZE + 16),
            style(11.0, HPos::Right, VPos::Top),
        ));
        links.push(None);
        let _ = root.draw(&Text::new(
            format!("{} ↑", labels.impact),
            (PAD - 8, PAD - 18),
            style(12.0, HPos::Left, VPos::Center),
        ));
        links.push(None);
        let _ = root.present();
    }
    let desc = format!(
        "{} risks placed by probability (x, low to high) and impact (y, low to high).",
        points.len()
    );
    finish_svg(&buf, id, title, &desc, &links, super::Use::Inline)
}
