//! A risk's body, as its page and its register's printed document show
//! it: heading, headline, facts, its cell in the matrix, then a section a
//! field. Written directly: through Tera the body of each risk cost about
//! 33 µs, a seventh of a 10,000-risk build. A site's own
//! `templates/risk_body.html` replaces it (`super::body_html`), with every
//! value of `view::Body` in its context.

use super::view::{ActionsView, Body, TriggerView};
use crate::render::Env;
use crate::render::components::{level_badge, link, rating, risk_table, status_link};
use crate::render::templates::push_escaped as e;
use crate::render::urls;

/// Body `b` on a page at `root`.
pub fn risk_body(env: &Env, b: &Body, root: &str) -> String {
    let row = env.row_at(b.row);
    let mut s = String::with_capacity(8 * 1024);
    let s = &mut s;
    let sub = b.h + 1;
    // A line break, then the heading (the pages were made so before the
    // body was written here; kept for byte-identical output).
    s.push_str("\n<h");
    num(s, b.h);
    s.push_str(" id=\"");
    e(s, &b.heading_id);
    s.push_str("\"><span class=\"risk-id\">");
    e(s, &row.id);
    s.push_str("</span> ");
    e(s, &row.title);
    s.push_str("</h");
    num(s, b.h);
    s.push_str(">\n");
    if let Some(d) = b.delta {
        s.push_str("<p class=\"notice changed\">Changed in this preview (");
        e(s, d.kind);
        s.push(')');
        if !d.changes.is_empty() {
            s.push_str(": ");
            e(s, &d.changes.join("; "));
        }
        s.push_str(". <a href=\"");
        e(s, root);
        s.push_str("changes.html\">All changes</a></p>");
    }
    s.push_str("\n<p class=\"headline\">");
    level_badge(s, &row.level);
    s.push(' ');
    status_link(s, &row.status, root);
    if row.watchlist {
        s.push_str(" <span class=\"tag watch\">★ Watchlist</span>");
    }
    if row.overdue {
        s.push_str(" <span class=\"warn\">Review overdue</span>");
    }
    s.push_str("</p>\n\n<div class=\"risk-grid\">\n<dl class=\"facts\">\n  <dt>");
    e(s, &b.labels.probability);
    s.push_str("</dt><dd>");
    rating(s, &row.probability);
    s.push_str("</dd>\n  <dt>");
    e(s, &b.labels.impact);
    s.push_str("</dt><dd>");
    rating(s, &row.impact);
    s.push_str("</dd>\n  <dt>");
    e(s, &b.labels.score);
    s.push_str("</dt><dd>");
    match present(&row.score) {
        Some(score) => e(s, score),
        None if row.level.id == "unrated" => s.push_str("– (not rated yet)"),
        None => s.push_str("– (level from the grid)"),
    }
    if let Some(declared) = present(&b.declared_score)
        && row.score.as_deref() != Some(declared)
    {
        s.push_str(" <span class=\"warn\">declared ");
        e(s, declared);
        s.push_str("</span>");
    }
    s.push_str("</dd>\n  <dt>Level</dt><dd>");
    level_badge(s, &row.level);
    s.push_str("</dd>\n  ");
    if let Some(res) = &b.residual {
        s.push_str("<dt>Residual</dt><dd>");
        rating(s, &res.probability);
        s.push_str(" × ");
        rating(s, &res.impact);
        s.push_str(" → ");
        level_badge(s, &res.level);
        if let Some(score) = present(&res.score) {
            s.push_str(" (");
            e(s, score);
            s.push(')');
        }
        s.push_str("</dd>");
    }
    s.push_str("\n  <dt>Status</dt><dd>");
    status_link(s, &row.status, root);
    s.push_str("</dd>\n  ");
    if let Some(c) = &row.category {
        s.push_str("<dt>Category</dt><dd>");
        link(s, root, &c.url, &c.text);
        s.push_str("</dd>");
    }
    s.push_str("\n  <dt>Owner</dt><dd>");
    for (k, o) in row.owners.iter().enumerate() {
        if k > 0 {
            s.push_str(", ");
        }
        link(s, root, &o.url, &o.text);
    }
    if row.owners.is_empty() {
        s.push_str("<span class=\"warn\">no owner</span>");
    }
    s.push_str("</dd>\n  ");
    if !row.tags.is_empty() {
        s.push_str("<dt>Tags</dt><dd>");
        for t in &row.tags {
            s.push_str("<a class=\"tag\" href=\"");
            e(s, root);
            e(s, &t.url);
            s.push_str("\">");
            e(s, &t.text);
            s.push_str("</a> ");
        }
        s.push_str("</dd>");
    }
    s.push_str("\n  ");
    if let Some(reviewed) = present(&b.reviewed) {
        s.push_str("<dt>Reviewed</dt><dd>");
        e(s, reviewed);
        if let Some(due) = present(&row.review_due) {
            s.push_str(", next due ");
            e(s, due);
        }
        s.push_str("</dd>");
    }
    s.push_str("\n  ");
    if !b.issues.is_empty() {
        s.push_str("<dt>Issues</dt><dd>");
        for (k, i) in b.issues.iter().enumerate() {
            if k > 0 {
                s.push_str(", ");
            }
            plain_or_link(s, &i.url, &i.text);
        }
        s.push_str("</dd>");
    }
    s.push_str("\n  ");
    if let Some(p) = &b.position {
        s.push_str("<dt>Chart position</dt><dd>");
        e(s, &b.labels.probability.to_lowercase());
        s.push(' ');
        e(s, &format!("{:?}", p.probability));
        s.push_str(", ");
        e(s, &b.labels.impact.to_lowercase());
        s.push(' ');
        e(s, &format!("{:?}", p.impact));
        s.push_str("</dd>");
    }
    s.push_str("\n</dl>\n<figure class=\"mini table-wrap\">\n<table class=\"mini-matrix\">\n<caption>Its cell in the matrix</caption>\n<thead><tr><td></td>");
    for l in &b.impact_labels {
        s.push_str("<th scope=\"col\">");
        e(s, l);
        s.push_str("</th>");
    }
    s.push_str("</tr></thead>\n<tbody>");
    for (cells, label) in b.mini.iter().zip(&b.probability_labels) {
        s.push_str("<tr><th scope=\"row\">");
        e(s, label);
        s.push_str("</th>");
        for c in cells {
            s.push_str("<td style=\"background:");
            e(s, &c.color);
            s.push_str("\">");
            if c.here {
                s.push_str("<span class=\"here\" title=\"This risk\">●<span class=\"visually-hidden\"> this risk</span></span>");
            }
            if c.residual {
                s.push_str("<span class=\"here\" title=\"Residual\">○<span class=\"visually-hidden\"> residual</span></span>");
            }
            s.push_str("</td>");
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody>\n</table>\n</figure>\n</div>\n\n");
    if let Some(d) = present(&b.description) {
        s.push_str("<section>");
        heading(s, sub, "Description");
        s.push_str("<div class=\"prose\">");
        s.push_str(d);
        s.push_str("</div></section>");
    }
    s.push_str("\n\n");
    if let Some(t) = &b.trigger {
        s.push_str("\n<section>");
        heading(s, sub, "Rollback trigger");
        s.push('\n');
        trigger(s, t);
        s.push_str("\n</section>\n");
    }
    s.push_str("\n\n");
    if let Some(a) = &b.mitigation {
        actions(s, "Mitigation", a, sub);
    }
    s.push('\n');
    if let Some(a) = &b.contingency {
        actions(s, "Contingency", a, sub);
    }
    s.push_str("\n\n");
    if !b.signals.is_empty() {
        s.push_str("<section>");
        heading(s, sub, "Early warning signals");
        s.push_str("<ul>");
        for signal in &b.signals {
            s.push_str("<li>");
            s.push_str(signal);
            s.push_str("</li>");
        }
        s.push_str("</ul></section>");
    }
    s.push_str("\n\n");
    for (title, html) in &b.sections {
        s.push_str("<section><h");
        num(s, sub);
        s.push('>');
        e(s, title);
        s.push_str("</h");
        num(s, sub);
        s.push_str("><div class=\"prose\">");
        s.push_str(html);
        s.push_str("</div></section>");
    }
    s.push_str("\n\n");
    if let Some(a) = &b.acceptance {
        s.push_str("\n<section>");
        heading(s, sub, "Acceptance");
        s.push_str("\n<dl class=\"facts\">");
        if let Some(by) = present(&a.by) {
            s.push_str("<dt>Accepted by</dt><dd>");
            e(s, by);
            s.push_str("</dd>");
        }
        if let Some(date) = present(&a.date) {
            s.push_str("<dt>On</dt><dd>");
            e(s, date);
            s.push_str("</dd>");
        }
        if let Some(expires) = present(&a.expires) {
            s.push_str("<dt>Expires</dt><dd>");
            e(s, expires);
            if a.expired {
                s.push_str(" <span class=\"warn\">expired</span>");
            }
            s.push_str("</dd>");
        }
        s.push_str("</dl>\n");
        if let Some(r) = present(&a.rationale) {
            s.push_str("<div class=\"prose\">");
            s.push_str(r);
            s.push_str("</div>");
        }
        s.push_str("\n</section>\n");
    }
    s.push_str("\n\n<section>");
    heading(s, sub, "Playbooks");
    s.push('\n');
    if b.playbooks.is_empty() {
        s.push_str("<p>No playbook section handles this risk yet.</p>");
    } else {
        s.push_str("<ul>");
        for p in &b.playbooks {
            s.push_str("<li>");
            link(s, root, &p.url, &p.text);
            s.push_str("</li>");
        }
        s.push_str("</ul>");
    }
    s.push('\n');
    suspects(s, b, &row.id, root);
    s.push_str("\n</section>\n\n");
    if !b.related.is_empty() || !b.related_by.is_empty() {
        s.push_str("\n<section>");
        heading(s, sub, "Related risks");
        s.push('\n');
        if !b.related.is_empty() {
            related_table(s, env, b, &b.related, "This risk names");
        }
        s.push('\n');
        if !b.related_by.is_empty() {
            related_table(s, env, b, &b.related_by, "Risks that name this one");
        }
        s.push_str("\n</section>\n");
    }
    s.push_str("\n\n<section>");
    heading(s, sub, "History");
    s.push('\n');
    if let Some(note) = present(b.history_note) {
        s.push_str("<p class=\"notice\">");
        e(s, note);
        s.push_str("</p>");
    }
    s.push('\n');
    if !b.history.is_empty() {
        s.push_str("<div class=\"table-wrap\"><table class=\"history\"><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Commit</th><th scope=\"col\">Author</th><th scope=\"col\">Change</th></tr></thead>\n<tbody>");
        for h in b.history {
            s.push_str("<tr><td>");
            e(s, &h.date);
            s.push_str("</td><td><code>");
            e(s, &h.short);
            s.push_str("</code> ");
            e(s, &h.subject);
            s.push_str("</td><td>");
            e(s, &h.author);
            s.push_str("</td><td>");
            e(s, &h.text);
            s.push_str("</td></tr>");
        }
        s.push_str("</tbody></table></div>\n");
    } else if present(b.history_note).is_none() {
        s.push_str("<p>No recorded change since the register was created.</p>");
    }
    s.push_str("\n</section>\n\n");
    if let Some(extra) = present(&b.extra_html) {
        s.push_str("<section aria-labelledby=\"");
        e(s, &b.extra_id);
        s.push(' ');
        e(s, &b.heading_id);
        s.push_str("\"><h");
        num(s, sub);
        s.push_str(" id=\"");
        e(s, &b.extra_id);
        s.push_str("\">Extra data</h");
        num(s, sub);
        s.push('>');
        s.push_str(extra);
        s.push_str("</section>");
    }
    s.push('\n');
    std::mem::take(s)
}

/// What Tera's `{% if x %}` lets through of an optional text: a value,
/// not empty.
fn present(x: &Option<String>) -> Option<&str> {
    x.as_deref().filter(|x| !x.is_empty())
}

fn num(s: &mut String, n: u8) {
    s.push_str(&n.to_string());
}

/// `<h{{ h }}>{{ text }}</h{{ h }}>` for a fixed text.
fn heading(s: &mut String, h: u8, text: &str) {
    s.push_str("<h");
    num(s, h);
    s.push('>');
    s.push_str(text);
    s.push_str("</h");
    num(s, h);
    s.push('>');
}

/// `{% if url %}<a href="{{ url }}">{{ text }}</a>{% else %}{{ text }}{% endif %}`.
fn plain_or_link(s: &mut String, url: &str, text: &str) {
    if url.is_empty() {
        e(s, text);
    } else {
        link(s, "", url, text);
    }
}

fn trigger(s: &mut String, t: &TriggerView) {
    s.push_str("<p class=\"trigger\">");
    match t {
        TriggerView::Text { html } => s.push_str(html),
        TriggerView::Threshold {
            metric,
            op,
            threshold,
            window,
        } => {
            s.push_str("<code>");
            e(s, metric);
            s.push_str("</code>");
            for (before, part) in [(" ", op), (" ", threshold), (" for ", window)] {
                if let Some(part) = present(part) {
                    s.push_str(before);
                    e(s, part);
                }
            }
        }
    }
    s.push_str("</p>");
}

/// Mitigation or contingency: a list of actions, or a text.
fn actions(s: &mut String, title: &str, a: &ActionsView, h: u8) {
    s.push_str("<section>");
    heading(s, h, title);
    s.push('\n');
    if let Some(text) = present(&a.text) {
        s.push_str("<div class=\"prose\">");
        s.push_str(text);
        s.push_str("</div>");
    } else {
        s.push_str("\n<ul class=\"actions\">");
        for it in &a.items {
            s.push_str("<li class=\"");
            if it.done.is_some() {
                s.push_str("task");
            }
            if it.done == Some(true) {
                s.push_str(" done");
            }
            s.push_str("\">");
            if let Some(done) = it.done {
                s.push_str("<input type=\"checkbox\" disabled");
                if done {
                    s.push_str(" checked");
                }
                s.push_str(" aria-label=\"");
                s.push_str(if done { "done" } else { "open" });
                s.push_str("\"> ");
            }
            s.push_str(&it.html);
            if let Some(issue) = &it.issue {
                s.push_str(" (");
                plain_or_link(s, &issue.url, &issue.text);
                s.push(')');
            }
            if let Some(owner) = present(&it.owner) {
                s.push_str(" <span class=\"meta\">");
                e(s, owner);
                s.push_str("</span>");
            }
            if let Some(due) = present(&it.due) {
                s.push_str(" <span class=\"meta\">due ");
                e(s, due);
                s.push_str("</span>");
            }
            s.push_str("</li>");
        }
        s.push_str("</ul>\n");
    }
    s.push_str("\n</section>");
}

/// The notice of playbook sections changed since the last review, or why
/// none are looked for.
fn suspects(s: &mut String, b: &Body, risk_id: &str, root: &str) {
    if b.suspects.is_empty() {
        if let Some(off) = present(b.suspects_off)
            && !b.playbooks.is_empty()
        {
            s.push_str("<p class=\"meta\">");
            e(s, off);
            s.push_str("</p>");
        }
        return;
    }
    s.push_str("<div class=\"notice suspect\">\n<p><strong>Runbook changed since last review.</strong> Read the changed ");
    s.push_str(if b.suspects.len() > 1 {
        "sections"
    } else {
        "section"
    });
    s.push_str(", then stamp the review (<code>riskbook review ");
    e(s, b.register_id);
    s.push('/');
    e(s, risk_id);
    s.push_str("</code>).</p>\n");
    for x in &b.suspects {
        s.push_str("<p>");
        link(s, root, &x.url, &x.section);
        s.push_str(" changed after ");
        e(s, &x.since);
        s.push_str(": ");
        match &x.commit {
            Some(c) => {
                s.push_str("<code>");
                e(s, &c.short);
                s.push_str("</code> ");
                e(s, &c.date);
                s.push_str(", ");
                e(s, &c.author);
                s.push_str(", “");
                e(s, &c.subject);
                s.push('”');
            }
            None => s.push_str("an edit not committed yet"),
        }
        s.push_str(".</p>\n<div class=\"diff\" role=\"group\" aria-label=\"Changes to ");
        e(s, &x.section);
        s.push_str("\">");
        for l in x.diff {
            match l.kind {
                "added" => {
                    s.push_str("<ins><span class=\"visually-hidden\">added: </span>+ ");
                    e(s, &l.text);
                    s.push_str("</ins>");
                }
                "removed" => {
                    s.push_str("<del><span class=\"visually-hidden\">removed: </span>− ");
                    e(s, &l.text);
                    s.push_str("</del>");
                }
                _ => {
                    s.push_str("<span>  ");
                    e(s, &l.text);
                    s.push_str("</span>");
                }
            }
            s.push('\n');
        }
        s.push_str("</div>\n");
    }
    s.push_str("</div>");
}

/// The related risks' table: `rb.risk_table` with the register column.
fn related_table(s: &mut String, env: &Env, b: &Body, rows: &[usize], caption: &str) {
    let html: Vec<String> = rows
        .iter()
        .map(|i| env.row_html(*i, urls::RISK_PAGE_ROOT, true))
        .collect();
    let labels = &b.labels;
    let heads = [&labels.score, &labels.probability, &labels.impact].map(String::as_str);
    risk_table(s, html.iter().map(String::as_str), heads, true, caption);
}
