//! Charts drawn with plotters' SVG backend: the probability x impact
//! heatmap and the quadrant chart. plotters cannot emit links, so every
//! text is drawn in a known order and the links are added afterwards.

pub mod heatmap;
pub mod loss;
pub mod quadrant;
pub mod trend;

use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, RGBColor, TextStyle};

/// The charts' ink (text, axes, outlines) and grid-line colours.
pub const INK: RGBColor = RGBColor(36, 41, 47);
pub const GRID: RGBColor = RGBColor(216, 222, 228);

/// A plotted chart's size and the margins around its plotting area, in
/// CSS pixels.
pub struct Frame {
    pub width: i32,
    pub height: i32,
    pub left: i32,
    pub right: i32,
    pub top: i32,
    pub bottom: i32,
}

impl Frame {
    pub fn size(&self) -> (u32, u32) {
        (self.width as u32, self.height as u32)
    }

    /// The plotting area's edges: (x0, x1, y0, y1).
    pub fn area(&self) -> (i32, i32, i32, i32) {
        (
            self.left,
            self.width - self.right,
            self.top,
            self.height - self.bottom,
        )
    }
}

/// A text style; `size` is the CSS pixel size (plotters' SVG backend divides by 1.24).
pub fn text_style(
    size: f64,
    color: RGBColor,
    family: &'static str,
    bold: bool,
    h: HPos,
    v: VPos,
) -> TextStyle<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    TextStyle {
        font: FontDesc::new(FontFamily::Name(family), size * 1.24, style),
        color: color.to_backend_color(),
        pos: Pos::new(h, v),
    }
}

/// Escapes text for XML (and HTML): one definition, beside the Markdown
/// that needs it too.
pub use crate::markdown::escape as xml_escape;

/// Where an SVG goes: inside an HTML page, or in a file of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Inline,
    StandAlone,
}

/// Adds accessibility metadata and links to plotters' SVG output.
/// `links[n]` is the URL and tooltip of the n-th `<text>` element, if any.
/// Inline, the chart is an ARIA image named by its title; stand-alone it
/// stays plain SVG 1.1, named by its first `<title>`.
pub fn finish_svg(
    svg: &str,
    id: &str,
    title: &str,
    desc: &str,
    links: &[Option<(String, String)>],
    usage: Use,
) -> String {
    let mut out = String::with_capacity(svg.len() + links.len() * 64 + 256);
    let head_end = svg.find('>').map(|i| i + 1).unwrap_or(0);
    let head = &svg[..head_end];
    // A chart whose ids are links keeps the implicit `graphics-document`
    // role: `role="img"` would hide its links from assistive technology.
    let role = if links.iter().any(Option::is_some) {
        ""
    } else {
        "role=\"img\" "
    };
    let head = match usage {
        Use::Inline => head.replacen(
            "<svg ",
            &format!("<svg {role}aria-labelledby=\"{id}-title {id}-desc\" class=\"chart\" "),
            1,
        ),
        Use::StandAlone => head.to_string(),
    };
    out.push_str(&head);
    out.push_str(&format!(
        "\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        xml_escape(title),
        xml_escape(desc)
    ));
    let mut rest = &svg[head_end..];
    let mut n = 0;
    while let Some(i) = rest.find("<text") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail
            .find("</text>")
            .map(|j| j + "</text>".len())
            .unwrap_or(tail.len());
        match links.get(n).and_then(|l| l.as_ref()) {
            Some((url, label)) => {
                out.push_str(&format!(
                    "<a href=\"{}\"><title>{}</title>",
                    xml_escape(url),
                    xml_escape(label)
                ));
                out.push_str(&tail[..end]);
                out.push_str("</a>");
            }
            None => out.push_str(&tail[..end]),
        }
        n += 1;
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}
