//! The built-in components, written in Rust and nowhere else: a risk's
//! level badge, status and rating, one row of a risk table, one row of
//! the table of all risks. Pages get them as ready HTML (a row's `html`,
//! `rows_html`); templates call the small ones as Tera functions
//! (`level_badge`, `status_link`, `rating`, registered by `register`),
//! which `components.html`'s `rb.level`, `rb.status` and `rb.rating` wrap.
//! A site lists each risk in several tables and 10,000 rows through Tera
//! cost about 15 µs each; here, about 1.
//!
//! The risk body (`pages/risk/html.rs`) and the weekly review's rows
//! (`pages/review.rs`) are written from these pieces.

use super::escape::{Esc, push_escaped, w};
use super::views::{LevelView, RatingView, RiskRow, StatusView};

/// One row of a risk table (`rb.risk_table`) for risk `r` on a page at
/// `root`, with the register column when `register`.
pub fn risk_row(r: &RiskRow, root: &str, register: bool) -> String {
    let mut s = String::with_capacity(1024);
    let s = &mut s;
    s.push_str("<tr>\n  ");
    id_cell(s, r, root);
    w!(s, "\n  <td>{}", Esc(&r.title));
    if r.overdue {
        s.push_str(" <span class=\"warn\">review overdue</span>");
    }
    s.push_str("</td>\n  ");
    if register {
        register_cell(s, r, root);
    }
    s.push_str("\n  ");
    level_cell(s, r);
    w!(s, "\n  <td class=\"num\">{}</td>", Esc(score_or_dash(r)));
    rest_cells(s, r, root);
    s.push_str("\n</tr>");
    std::mem::take(s)
}

/// Row `r` of the table of all risks (`risks.html`) at `root`, with a
/// newline before and after: data for the filters, and the next review.
pub fn all_risks_row(s: &mut String, r: &RiskRow, root: &str) {
    let (register, level, status) = (Esc(&r.register.url), Esc(&r.level.id), Esc(&r.status.id));
    let severity = Esc(&r.level.severity);
    w!(
        s,
        "\n<tr data-register=\"{register}\" data-level=\"{level}\" data-severity=\"{severity}\" data-status=\"{status}\" data-owner=\""
    );
    for o in &r.owners {
        w!(s, "{}|", Esc(&o.text));
    }
    let watchlist = if r.watchlist { '1' } else { '0' };
    w!(s, "\" data-watchlist=\"{watchlist}\">\n  ");
    id_cell(s, r, root);
    w!(s, "\n  <td>{}</td>\n  ", Esc(&r.title));
    register_cell(s, r, root);
    s.push_str("\n  ");
    level_cell(s, r);
    let sort = present(&r.score).unwrap_or("-1");
    w!(
        s,
        "\n  <td class=\"num\" data-sort=\"{}\">{}</td>",
        Esc(sort),
        Esc(score_or_dash(r))
    );
    rest_cells(s, r, root);
    s.push_str("\n  <td>");
    if let Some(due) = present(&r.review_due) {
        w!(s, "{}", Esc(due));
        if r.overdue {
            s.push_str(" <span class=\"warn\">overdue</span>");
        }
    }
    s.push_str("</td>\n</tr>\n");
}

/// An optional text, when not empty (what Tera's `{% if x %}` lets
/// through).
pub(crate) fn present(x: &Option<String>) -> Option<&str> {
    x.as_deref().filter(|x| !x.is_empty())
}

/// A row's score, or a dash when it has none.
fn score_or_dash(r: &RiskRow) -> &str {
    present(&r.score).unwrap_or("–")
}

/// The risk's id, linked to its page, and its watchlist flag.
fn id_cell(s: &mut String, r: &RiskRow, root: &str) {
    s.push_str("<td class=\"id\">");
    link(s, root, &r.url, &r.id);
    if r.watchlist {
        s.push_str(" <span class=\"flag\" title=\"On the watchlist\">★<span class=\"visually-hidden\"> watchlist</span></span>");
    }
    s.push_str("</td>");
}

/// The risk's register, linked.
fn register_cell(s: &mut String, r: &RiskRow, root: &str) {
    s.push_str("<td>");
    link(s, root, &r.register.url, &r.register.text);
    s.push_str("</td>");
}

/// The risk's level badge, sorted by rank.
fn level_cell(s: &mut String, r: &RiskRow) {
    w!(s, "<td data-sort=\"{}\">", r.level.rank);
    level_badge(s, &r.level);
    s.push_str("</td>");
}

/// Probability, impact, status and owners: each a cell.
fn rest_cells(s: &mut String, r: &RiskRow, root: &str) {
    for rated in [&r.probability, &r.impact] {
        s.push_str("\n  <td>");
        rating(s, rated);
        s.push_str("</td>");
    }
    s.push_str("\n  <td>");
    status_link(s, &r.status, root);
    s.push_str("</td>\n  <td>");
    links(s, &r.owners, root);
    s.push_str("</td>");
}

/// `links` (owners, tags) at `root`, comma-separated.
pub(crate) fn links(s: &mut String, links: &[super::views::Link], root: &str) {
    for (k, l) in links.iter().enumerate() {
        s.push_str(if k > 0 { ", " } else { "" });
        link(s, root, &l.url, &l.text);
    }
}

/// A table of risks (`rb.risk_table`) with rows `rows` already written,
/// the score, probability and impact headings `heads`, the register
/// column when `register`, and `caption` when not empty.
pub fn risk_table<'a>(
    s: &mut String,
    rows: impl Iterator<Item = &'a str>,
    heads: [&str; 3],
    register: bool,
    caption: &str,
) {
    s.push_str("<div class=\"table-wrap\">\n<table class=\"risks\">\n");
    if !caption.is_empty() {
        s.push_str("<caption>");
        push_escaped(s, caption);
        s.push_str("</caption>");
    }
    s.push_str("\n<thead><tr>\n  <th scope=\"col\">ID</th><th scope=\"col\">Risk</th>");
    if register {
        s.push_str("<th scope=\"col\">Register</th>");
    }
    s.push_str("\n  <th scope=\"col\">Level</th>");
    for head in heads {
        s.push_str("<th scope=\"col\">");
        push_escaped(s, head);
        s.push_str("</th>");
    }
    s.push_str(
        "\n  <th scope=\"col\">Status</th><th scope=\"col\">Owner</th>\n</tr></thead>\n<tbody>\n",
    );
    for row in rows {
        s.push('\n');
        s.push_str(row);
        s.push('\n');
    }
    s.push_str("\n</tbody>\n</table>\n</div>");
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

/// A level's badge (`rb.level`).
pub(crate) fn level_badge(s: &mut String, level: &LevelView) {
    s.push_str("<span class=\"badge\" style=\"background:");
    push_escaped(s, &level.color);
    s.push_str(";color:");
    push_escaped(s, &level.text_color);
    s.push_str("\">");
    push_escaped(s, &level.label);
    s.push_str("</span>");
}

/// A status, linked to its page (`rb.status`).
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

/// A probability or impact, with its note (`rb.rating`).
pub(crate) fn rating(s: &mut String, r: &RatingView) {
    push_escaped(s, &r.text);
    if let Some(note) = r.note.as_deref().filter(|n| !n.is_empty()) {
        s.push_str(" <span class=\"note\">(");
        push_escaped(s, note);
        s.push_str(")</span>");
    }
}

/// Registers the components as Tera functions, for every template:
/// `level_badge(level=…)`, `status_link(status=…, root=…)`, `rating(r=…)`
/// and `risk_table(rows=…, labels=…, register=…, caption=…)`, each taking
/// the same values the views give templates.
pub fn register(tera: &mut tera::Tera) {
    tera.register_function("risk_table", |kw: tera::Kwargs, _: &tera::State| {
        let rows = kw.must_get::<&[tera::Value]>("rows")?;
        let labels = kw.must_get::<&tera::Value>("labels")?;
        let register = kw.get::<bool>("register")?.unwrap_or(false);
        let caption = kw.get::<&str>("caption")?.unwrap_or_default();
        let heads = ["score", "probability", "impact"].map(|k| text(labels, k));
        let rows: Vec<&str> = rows
            .iter()
            .map(|r| {
                r.get_from_path("html")
                    .and_then(tera::Value::as_str)
                    .unwrap_or_default()
            })
            .collect();
        let mut s = String::with_capacity(rows.iter().map(|r| r.len()).sum::<usize>() + 1024);
        let heads = [&heads[0], &heads[1], &heads[2]].map(String::as_str);
        risk_table(&mut s, rows.into_iter(), heads, register, caption);
        Ok::<_, tera::Error>(tera::Value::safe_string(&s))
    });
    tera.register_function("level_badge", |kw: tera::Kwargs, _: &tera::State| {
        let v = kw.must_get::<&tera::Value>("level")?;
        let level = LevelView {
            id: String::new(),
            label: text(v, "label"),
            color: text(v, "color"),
            text_color: text(v, "text_color"),
            rank: 0,
            severity: String::new(),
        };
        let mut s = String::new();
        level_badge(&mut s, &level);
        Ok::<_, tera::Error>(tera::Value::safe_string(&s))
    });
    tera.register_function("status_link", |kw: tera::Kwargs, _: &tera::State| {
        let v = kw.must_get::<&tera::Value>("status")?;
        let root = kw.get::<&str>("root")?.unwrap_or_default();
        let status = StatusView {
            id: String::new(),
            label: text(v, "label"),
            active: v.get_from_path("active").is_some_and(|a| a.is_truthy()),
            url: text(v, "url"),
        };
        let mut s = String::new();
        status_link(&mut s, &status, root);
        Ok::<_, tera::Error>(tera::Value::safe_string(&s))
    });
    tera.register_function("rating", |kw: tera::Kwargs, _: &tera::State| {
        let v = kw.must_get::<&tera::Value>("r")?;
        let r = RatingView {
            text: text(v, "text"),
            label: String::new(),
            note: Some(text(v, "note")),
        };
        let mut s = String::new();
        rating(&mut s, &r);
        Ok::<_, tera::Error>(tera::Value::safe_string(&s))
    });
}

/// The text of `key` in map `v`, as a template would print it: a number
/// as its digits, nothing for a missing key or none.
fn text(v: &tera::Value, key: &str) -> String {
    match v.get_from_path(key) {
        Some(x) if x.is_none() || x.is_undefined() => String::new(),
        Some(x) => x.as_str().map_or_else(|| x.to_string(), str::to_string),
        None => String::new(),
    }
}
