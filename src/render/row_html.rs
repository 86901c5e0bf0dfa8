//! The built-in `rb.risk_row` component (`builtin/components.html`),
//! written directly: a site lists each of its risks in four tables (its
//! register's page, its printed document, the taxonomy pages, the related
//! tables of risk pages), and through Tera each row cost about 15 µs.
//!
//! Used only while the site has no `components.html` of its own. The
//! template stays the reference: a change to the component is made here
//! too, and `tests/row_html.rs` fails until the two agree byte for byte on
//! every row of the example site, the unseen fixture and a site of awkward
//! rows.

use super::templates::push_escaped;
use super::views::RiskRow;

/// Row `r` as `rb.risk_row` renders it at `root`, with the register
/// column when `register`.
pub fn risk_row(r: &RiskRow, root: &str, register: bool) -> String {
    let mut s = String::with_capacity(1024);
    let e = push_escaped;
    s.push_str("<tr>\n  <td class=\"id\">");
    link(&mut s, root, &r.url, &r.id);
    if r.watchlist {
        s.push_str(" <span class=\"flag\" title=\"On the watchlist\">★<span class=\"visually-hidden\"> watchlist</span></span>");
    }
    s.push_str("</td>\n  <td>");
    e(&mut s, &r.title);
    if r.overdue {
        s.push_str(" <span class=\"warn\">review overdue</span>");
    }
    s.push_str("</td>\n  ");
    if register {
        s.push_str("<td>");
        link(&mut s, root, &r.register.url, &r.register.text);
        s.push_str("</td>");
    }
    s.push_str("\n  <td data-sort=\"");
    s.push_str(&r.level.rank.to_string());
    s.push_str("\"><span class=\"badge\" style=\"background:");
    e(&mut s, &r.level.color);
    s.push_str(";color:");
    e(&mut s, &r.level.text_color);
    s.push_str("\">");
    e(&mut s, &r.level.label);
    s.push_str("</span></td>\n  <td class=\"num\">");
    match r.score.as_deref().filter(|x| !x.is_empty()) {
        Some(score) => e(&mut s, score),
        None => s.push('–'),
    }
    for rating in [&r.probability, &r.impact] {
        s.push_str("</td>\n  <td>");
        e(&mut s, &rating.text);
        if let Some(note) = rating.note.as_deref().filter(|n| !n.is_empty()) {
            s.push_str(" <span class=\"note\">(");
            e(&mut s, note);
            s.push_str(")</span>");
        }
    }
    s.push_str("</td>\n  <td><a class=\"status status-");
    s.push_str(if r.status.active {
        "active"
    } else {
        "inactive"
    });
    s.push_str("\" href=\"");
    e(&mut s, root);
    e(&mut s, &r.status.url);
    s.push_str("\">");
    e(&mut s, &r.status.label);
    s.push_str("</a></td>\n  <td>");
    for (k, o) in r.owners.iter().enumerate() {
        if k > 0 {
            s.push_str(", ");
        }
        link(&mut s, root, &o.url, &o.text);
    }
    s.push_str("</td>\n</tr>");
    s
}

/// `<a href="{{ root }}{{ url }}">{{ text }}</a>`.
fn link(s: &mut String, root: &str, url: &str, text: &str) {
    s.push_str("<a href=\"");
    push_escaped(s, root);
    push_escaped(s, url);
    s.push_str("\">");
    push_escaped(s, text);
    s.push_str("</a>");
}
