//! The built-in `rb.risk_row` component (`builtin/components.html`) and
//! the small components it uses, written directly: a site lists each of its risks in four tables (its
//! register's page, its printed document, the taxonomy pages, the related
//! tables of risk pages), and through Tera each row cost about 15 µs. The
//! rows of the table of all risks (`risks.html`) too, while that page is
//! the built-in one.
//!
//! Used only while the site has no `components.html` of its own. The
//! template stays the reference: a change to the component is made here
//! too, and `tests/row_html.rs` fails until the two agree byte for byte on
//! every row of the example site, the unseen fixture and a site of awkward
//! rows.

use super::templates::push_escaped;
use super::views::{LevelView, RatingView, RiskRow, StatusView};

/// Row `r` as `rb.risk_row` renders it at `root`, with the register
/// column when `register`.
pub fn risk_row(r: &RiskRow, root: &str, register: bool) -> String {
    let mut s = String::with_capacity(1024);
    let e = push_escaped;
    s.push_str("<tr>\n  <td class=\"id\">");
    link(&mut s, root, &r.url, &r.id);
    if r.watchlist {
        s.push_str(WATCHLIST_FLAG);
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
    s.push_str("\">");
    level_badge(&mut s, &r.level);
    s.push_str("</td>\n  <td class=\"num\">");
    match r.score.as_deref().filter(|x| !x.is_empty()) {
        Some(score) => e(&mut s, score),
        None => s.push('–'),
    }
    for r in [&r.probability, &r.impact] {
        s.push_str("</td>\n  <td>");
        rating(&mut s, r);
    }
    s.push_str("</td>\n  <td>");
    status_link(&mut s, &r.status, root);
    s.push_str("</td>\n  <td>");
    owner_links(&mut s, r, root);
    s.push_str("</td>\n</tr>");
    s
}

/// Row `r` of the table of all risks (`risks.html`) at `root`, with the
/// newlines around it that the template's loop writes.
pub fn all_risks_row(s: &mut String, r: &RiskRow, root: &str) {
    let e = push_escaped;
    s.push_str("\n<tr data-register=\"");
    e(s, &r.register.url);
    s.push_str("\" data-level=\"");
    e(s, &r.level.id);
    s.push_str("\" data-status=\"");
    e(s, &r.status.id);
    s.push_str("\" data-owner=\"");
    for o in &r.owners {
        e(s, &o.text);
        s.push('|');
    }
    s.push_str("\" data-watchlist=\"");
    s.push(if r.watchlist { '1' } else { '0' });
    s.push_str("\">\n  <td class=\"id\">");
    link(s, root, &r.url, &r.id);
    if r.watchlist {
        s.push_str(WATCHLIST_FLAG);
    }
    s.push_str("</td>\n  <td>");
    e(s, &r.title);
    s.push_str("</td>\n  <td>");
    link(s, root, &r.register.url, &r.register.text);
    s.push_str("</td>\n  <td data-sort=\"");
    s.push_str(&r.level.rank.to_string());
    s.push_str("\">");
    level_badge(s, &r.level);
    let score = r.score.as_deref().filter(|x| !x.is_empty());
    s.push_str("</td>\n  <td class=\"num\" data-sort=\"");
    match score {
        Some(score) => e(s, score),
        None => s.push_str("-1"),
    }
    s.push_str("\">");
    match score {
        Some(score) => e(s, score),
        None => s.push('–'),
    }
    for r in [&r.probability, &r.impact] {
        s.push_str("</td>\n  <td>");
        rating(s, r);
    }
    s.push_str("</td>\n  <td>");
    status_link(s, &r.status, root);
    s.push_str("</td>\n  <td>");
    owner_links(s, r, root);
    s.push_str("</td>\n  <td>");
    if let Some(due) = r.review_due.as_deref().filter(|d| !d.is_empty()) {
        e(s, due);
        if r.overdue {
            s.push_str(" <span class=\"warn\">overdue</span>");
        }
    }
    s.push_str("</td>\n</tr>\n");
}

/// The flag of a risk on the watchlist, after its id.
const WATCHLIST_FLAG: &str = " <span class=\"flag\" title=\"On the watchlist\">★<span class=\"visually-hidden\"> watchlist</span></span>";

/// The owners of `r`, each linked to its page, comma-separated.
fn owner_links(s: &mut String, r: &RiskRow, root: &str) {
    for (k, o) in r.owners.iter().enumerate() {
        if k > 0 {
            s.push_str(", ");
        }
        link(s, root, &o.url, &o.text);
    }
}

/// `<a href="{{ root }}{{ url }}">{{ text }}</a>`.
pub(crate) fn link(s: &mut String, root: &str, url: &str, text: &str) {
    s.push_str("<a href=\"");
    push_escaped(s, root);
    push_escaped(s, url);
    s.push_str("\">");
    push_escaped(s, text);
    s.push_str("</a>");
}

/// The `rb.level` component: a level's badge.
pub(crate) fn level_badge(s: &mut String, level: &LevelView) {
    s.push_str("<span class=\"badge\" style=\"background:");
    push_escaped(s, &level.color);
    s.push_str(";color:");
    push_escaped(s, &level.text_color);
    s.push_str("\">");
    push_escaped(s, &level.label);
    s.push_str("</span>");
}

/// The `rb.status` component: a status, linked to its page.
pub(crate) fn status_link(s: &mut String, status: &StatusView, root: &str) {
    s.push_str("<a class=\"status status-");
    s.push_str(if status.active { "active" } else { "inactive" });
    s.push_str("\" href=\"");
    push_escaped(s, root);
    push_escaped(s, &status.url);
    s.push_str("\">");
    push_escaped(s, &status.label);
    s.push_str("</a>");
}

/// The `rb.rating` component: a probability or impact, with its note.
pub(crate) fn rating(s: &mut String, r: &RatingView) {
    push_escaped(s, &r.text);
    if let Some(note) = r.note.as_deref().filter(|n| !n.is_empty()) {
        s.push_str(" <span class=\"note\">(");
        push_escaped(s, note);
        s.push_str(")</span>");
    }
}
