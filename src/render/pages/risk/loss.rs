//! A quantified risk's losses in money, as its page shows them: the
//! inputs, a table of the figures (inherent and residual) and the loss
//! exceedance curve.

use crate::model::quant::{Estimate, Figures, Quant, money};
use crate::render::charts::loss::{Curve, svg};
use crate::render::escape::{Esc, w};
use plotters::style::RGBColor;

fn estimate(e: &Estimate, currency: Option<&str>) -> String {
    let amount = |x: f64| match currency {
        Some(c) => money(c, x),
        None => crate::model::num(x),
    };
    match *e {
        Estimate::Fixed(x) => amount(x),
        Estimate::Range { low, high } => {
            format!("{} to {} (90% range)", amount(low), amount(high))
        }
        Estimate::Pert { min, likely, max } => format!(
            "{} to {}, most likely {} (PERT)",
            amount(min),
            amount(max),
            amount(likely)
        ),
    }
}

/// A figure's name, how to read it, and whether it is an amount (else a
/// probability).
type Row = (&'static str, fn(&Figures) -> f64, bool);

fn percent(p: f64) -> String {
    let s = format!("{:.1}", p * 100.0);
    format!("{}%", s.trim_end_matches(".0"))
}

/// The section, its heading at level `h`; `anchor` makes the chart's ids
/// unique on a page of many risks.
pub fn html(q: &Quant, currency: &str, anchor: &str, h: u8) -> String {
    let mut s = String::with_capacity(16 * 1024);
    w!(s, "<section class=\"loss\"><h{h}>Loss in money</h{h}>");
    w!(
        s,
        "\n<p>{} loss events a year; one event costs {}.",
        Esc(&estimate(&q.inherent.frequency, None)),
        Esc(&estimate(&q.inherent.loss, Some(currency)))
    );
    if let Some(r) = &q.residual {
        w!(
            s,
            " After the mitigations: {} a year, {} each.",
            Esc(&estimate(&r.frequency, None)),
            Esc(&estimate(&r.loss, Some(currency)))
        );
    }
    s.push_str("</p>");
    let Some(before) = &q.figures else {
        s.push_str("\n</section>");
        return s;
    };
    let after = q.residual_figures.as_ref();
    s.push_str("\n<div class=\"table-wrap\"><table class=\"figures\"><caption>Annual loss, simulated</caption><thead><tr><th scope=\"col\">Figure</th><th scope=\"col\" class=\"num\">Inherent</th>");
    if after.is_some() {
        s.push_str("<th scope=\"col\" class=\"num\">Residual</th>");
    }
    s.push_str("</tr></thead><tbody>");
    let rows: [Row; 6] = [
        ("Expected annual loss", |f| f.mean, true),
        ("Median year", |f| f.median, true),
        ("Probability of any loss in a year", |f| f.p_any, false),
        (
            "1 year in 10 loses at least (90th percentile)",
            |f| f.p90,
            true,
        ),
        ("1 year in 20 (95th percentile)", |f| f.p95, true),
        ("1 year in 100 (99th percentile)", |f| f.p99, true),
    ];
    for (name, get, is_money) in rows {
        let cell = |f: &Figures| {
            if is_money {
                money(currency, get(f))
            } else {
                percent(get(f))
            }
        };
        w!(
            s,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td>",
            name,
            Esc(&cell(before))
        );
        if let Some(a) = after {
            w!(s, "<td class=\"num\">{}</td>", Esc(&cell(a)));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");
    if let Some(cost) = q.mitigation_cost {
        w!(
            s,
            "\n<p>Mitigation cost: {} a year",
            Esc(&money(currency, cost))
        );
        if let Some(rom) = q.return_on_mitigation() {
            w!(
                s,
                "; return on mitigation {} (expected loss avoided, less the cost, per unit of cost)",
                Esc(&format!("{rom:.1}"))
            );
        }
        s.push_str(".</p>");
    }
    let mut curves = vec![Curve {
        name: "Inherent",
        points: &before.curve,
        color: RGBColor(207, 34, 46),
        marked: false,
    }];
    if let Some(a) = after {
        curves.push(Curve {
            name: "Residual",
            points: &a.curve,
            color: RGBColor(9, 105, 218),
            marked: true,
        });
    }
    s.push_str("\n<div class=\"chart-wrap\">");
    s.push_str(&svg(
        &curves,
        &[],
        currency,
        &format!("loss-{anchor}"),
        "Loss exceedance curve",
    ));
    s.push_str("</div>\n</section>");
    s
}
