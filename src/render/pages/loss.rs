//! Losses in money as pages show them: a quantified risk's inputs,
//! figures (inherent and residual) and loss exceedance curve; a register's
//! or the site's total with its appetite and biggest contributors.

use crate::model::quant::{Appetite, Estimate, Figures, Quant, Total, money};
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
pub fn risk_html(q: &Quant, currency: &str, anchor: &str, h: u8) -> String {
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
    figures_table(&mut s, currency, "Inherent", before, after);
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

/// The figures of `before` (and `after`, a second column) as a table.
fn figures_table(
    s: &mut String,
    currency: &str,
    first: &str,
    before: &Figures,
    after: Option<&Figures>,
) {
    s.push_str("\n<div class=\"table-wrap\"><table class=\"figures\"><caption>Annual loss, simulated</caption><thead><tr><th scope=\"col\">Figure</th><th scope=\"col\" class=\"num\">");
    s.push_str(first);
    s.push_str("</th>");
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
}

/// A register's or the site's total as a section of its page (`#loss`):
/// its figures, its curve with the appetite points, and the risks that
/// cost most (biggest expected loss first) with their share of the
/// expected loss and of the worst years.
pub fn total_html(
    total: &Total,
    contributors: &[Contributor],
    currency: &str,
    appetite: &[Appetite],
    anchor: &str,
) -> String {
    let mut s = String::with_capacity(16 * 1024);
    s.push_str("<section aria-labelledby=\"loss\">\n<h2 id=\"loss\">Loss in money</h2>\n");
    w!(
        s,
        "<p>{} quantified risks, summed year by year: expected annual loss <strong>{}</strong>; 1 year in 20 loses at least {}.</p>",
        contributors.len(),
        Esc(&money(currency, total.figures.mean)),
        Esc(&money(currency, total.figures.p95))
    );
    figures_table(&mut s, currency, "Total", &total.figures, None);
    if !appetite.is_empty() {
        let exceeded = total.exceeded(appetite);
        let sorted = crate::model::quant::simulate::Sorted::new(&total.years);
        s.push_str("\n<ul class=\"appetite\">");
        for a in appetite {
            let over = exceeded.iter().find(|(x, _)| std::ptr::eq(*x, a));
            let p = sorted.exceedance(a.loss);
            w!(
                s,
                "<li>Appetite: a year's loss of {} or more at most {} of years; simulated {}: <strong>{}</strong></li>",
                Esc(&money(currency, a.loss)),
                percent(a.probability),
                percent(p),
                if over.is_some() { "exceeded" } else { "within" }
            );
        }
        s.push_str("</ul>");
    }
    s.push_str("\n<div class=\"chart-wrap\">");
    s.push_str(&svg(
        &[Curve {
            name: "Total",
            points: &total.figures.curve,
            color: RGBColor(9, 105, 218),
            marked: false,
        }],
        appetite,
        currency,
        &format!("loss-{anchor}"),
        "Loss exceedance curve of the total",
    ));
    s.push_str("</div>");
    s.push_str("\n<div class=\"table-wrap\"><table class=\"figures\"><caption>The risks that cost most</caption><thead><tr><th scope=\"col\">Risk</th><th scope=\"col\" class=\"num\">Expected annual loss</th><th scope=\"col\" class=\"num\">Share of the expected loss</th><th scope=\"col\" class=\"num\">Share of the worst 5% of years</th><th scope=\"col\" class=\"num\">Its own 95th percentile</th></tr></thead><tbody>");
    for c in contributors
        .iter()
        .take(crate::model::quant::TAIL_CONTRIBUTORS)
    {
        let (url, id, title, f) = (&c.url, &c.id, &c.title, &c.figures);
        let tail = total
            .tail
            .iter()
            .find(|((reg, risk), _)| (reg, risk) == (&c.register, &c.id))
            .map_or_else(|| "–".to_string(), |(_, share)| percent(*share));
        let share = if total.figures.mean > 0.0 {
            f.mean / total.figures.mean
        } else {
            0.0
        };
        w!(
            s,
            "<tr><th scope=\"row\"><a href=\"{}\">{}</a> {}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            Esc(url),
            Esc(id),
            Esc(title),
            Esc(&money(currency, f.mean)),
            percent(share),
            tail,
            Esc(&money(currency, f.p95))
        );
    }
    s.push_str("</tbody></table></div>\n</section>");
    s
}

/// A quantified risk as a total's table lists it.
pub struct Contributor {
    pub register: String,
    pub id: String,
    pub title: String,
    /// From the page the table is on.
    pub url: String,
    pub figures: Figures,
}

/// The risks of `refs` that are quantified, biggest expected loss first
/// (ties by register and id, as the model ranks them), their URLs from
/// `to_root`.
pub fn contributors(
    site: &crate::model::Site,
    refs: impl Iterator<Item = crate::model::RiskRef>,
    to_root: &str,
) -> Vec<Contributor> {
    let mut out: Vec<Contributor> = refs
        .filter_map(|rr| {
            let reg = &site.registers[rr.register];
            let r = &reg.risks[rr.risk];
            Some(Contributor {
                figures: r.quant.as_ref()?.figures.clone()?,
                url: format!("{to_root}{}", crate::render::urls::risk(reg, r)),
                register: reg.id.clone(),
                id: r.id.clone(),
                title: r.title.clone(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.figures
            .mean
            .total_cmp(&a.figures.mean)
            .then_with(|| (&a.register, &a.id).cmp(&(&b.register, &b.id)))
    });
    out
}
