//! What a risk rated by a method other than the matrix was rated from, as
//! its page shows it: the OWASP factors with their means and the cell of
//! the methodology's table, or each metric of a CVSS vector with its
//! meaning.

use crate::model::method::{cvss::Cvss, factors::FactorValues, owasp};
use crate::model::{Factors, Framework};
use crate::render::escape::{Esc, w};
use crate::render::views::num;

/// The section, its heading at level `h`.
pub fn html(f: &Factors, fw: &Framework, level: Option<usize>, h: u8) -> String {
    let mut s = String::with_capacity(2048);
    match f {
        Factors::Owasp(o) => owasp_html(&mut s, o, fw, level, h),
        Factors::Cvss(c) => cvss_html(&mut s, c, h),
        Factors::Custom(f) => custom_html(&mut s, f, fw, level, h),
    }
    s
}

/// A mean to three decimals at most (means of eight whole factors are
/// exact in three): 5.875 stays, 4 is 4.
fn mean(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn factor_table(s: &mut String, caption: &str, names: &[(&str, &str)], values: &[f64]) {
    w!(
        s,
        "\n<div class=\"table-wrap\"><table class=\"factors\"><caption>{}</caption><thead><tr><th scope=\"col\">Factor</th><th scope=\"col\" class=\"num\">0–9</th></tr></thead><tbody>",
        Esc(caption)
    );
    for ((_, name), v) in names.iter().zip(values) {
        w!(
            s,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td></tr>",
            Esc(name),
            num(*v)
        );
    }
    s.push_str("</tbody></table></div>");
}

fn owasp_html(s: &mut String, o: &owasp::Owasp, fw: &Framework, level: Option<usize>, h: u8) {
    let band = |x: f64| Esc(&fw.probability.entries[owasp::band(x)].label).to_string();
    let (l, i) = (o.likelihood(), o.impact());
    w!(
        s,
        "<section class=\"factors\"><h{h}>OWASP risk rating</h{h}>"
    );
    w!(
        s,
        "\n<p>Likelihood {} ({}) and {} impact {} ({})",
        mean(l),
        band(l),
        if o.impact_is_business() {
            "business"
        } else {
            "technical"
        },
        mean(i),
        band(i),
    );
    if let Some(level) = level {
        w!(
            s,
            " give <strong>{}</strong> in the methodology's severity table.",
            Esc(&fw.levels[level].label)
        );
    }
    s.push_str("</p>");
    let caption = format!("Likelihood factors: mean {}", mean(l));
    factor_table(s, &caption, &owasp::LIKELIHOOD, &o.likelihood);
    let technical = crate::model::method::owasp::Owasp {
        business: None,
        ..o.clone()
    }
    .impact();
    let caption = match o.business {
        Some(_) => format!(
            "Technical impact: mean {} (the business impact is used)",
            mean(technical)
        ),
        None => format!("Technical impact: mean {}", mean(technical)),
    };
    factor_table(s, &caption, &owasp::TECHNICAL, &o.technical);
    if let Some(b) = &o.business {
        let caption = format!("Business impact: mean {}", mean(i));
        factor_table(s, &caption, &owasp::BUSINESS, b);
    }
    s.push_str("\n</section>");
}

fn cvss_html(s: &mut String, c: &Cvss, h: u8) {
    w!(
        s,
        "<section class=\"factors\"><h{h}>CVSS {}</h{h}>",
        c.version
    );
    w!(
        s,
        "\n<p><code class=\"vector\">{}</code></p>\n<p>Base score <strong>{}</strong>",
        Esc(&c.vector),
        format_args!("{:.1}", c.score)
    );
    if c.metrics.iter().any(|m| !m.base) {
        s.push_str(" (from the base metrics; the others are listed below)");
    }
    s.push_str(".</p>");
    s.push_str("\n<div class=\"table-wrap\"><table class=\"factors\"><caption>Metrics</caption><thead><tr><th scope=\"col\">Metric</th><th scope=\"col\">Value</th><th scope=\"col\">Group</th></tr></thead><tbody>");
    for m in &c.metrics {
        w!(
            s,
            "<tr><th scope=\"row\">{} ({})</th><td>{} <code>{}</code></td><td>{}</td></tr>",
            Esc(m.name),
            Esc(&m.code),
            Esc(&m.meaning),
            Esc(&m.value),
            if m.base {
                "base"
            } else {
                "not in the base score"
            }
        );
    }
    s.push_str("</tbody></table></div>\n</section>");
}

fn custom_html(s: &mut String, f: &FactorValues, fw: &Framework, level: Option<usize>, h: u8) {
    let set = &f.set;
    let range = format!("{}–{}", num(set.low), num(set.high));
    w!(s, "<section class=\"factors\"><h{h}>Factors</h{h}>");
    w!(
        s,
        "\n<p>{} {} (weighted mean) {} {} {} = {} <strong>{}</strong>",
        Esc(&fw.labels.probability),
        num(f.likelihood()),
        if matches!(fw.scoring, crate::model::Scoring::Sum) {
            "+"
        } else {
            "×"
        },
        Esc(&fw.labels.impact),
        num(f.impact()),
        Esc(&fw.labels.score),
        num(f.score(matches!(fw.scoring, crate::model::Scoring::Sum)))
    );
    if let Some(level) = level {
        w!(s, ": <strong>{}</strong>", Esc(&fw.levels[level].label));
    }
    s.push_str(".</p>");
    for (caption, factors, values, mean) in [
        (
            &fw.labels.probability,
            &set.likelihood,
            &f.likelihood,
            f.likelihood(),
        ),
        (&fw.labels.impact, &set.impact, &f.impact, f.impact()),
    ] {
        w!(
            s,
            "\n<div class=\"table-wrap\"><table class=\"factors\"><caption>{} factors: weighted mean {}</caption><thead><tr><th scope=\"col\">Factor</th><th scope=\"col\" class=\"num\">Weight</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>",
            Esc(caption),
            num(mean),
            range
        );
        for (factor, v) in factors.iter().zip(values) {
            w!(
                s,
                "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                Esc(&factor.label),
                num(factor.weight),
                num(*v)
            );
        }
        s.push_str("</tbody></table></div>");
    }
    s.push_str("\n</section>");
}
