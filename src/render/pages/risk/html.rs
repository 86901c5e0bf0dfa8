//! A risk's body, as its page and its register's printed document show
//! it: heading, headline, facts, its cell in the matrix, then a section a
//! field. Written directly: through Tera the body of each risk cost about
//! 33 µs, a seventh of a 10,000-risk build. A site's own
//! `templates/risk_body.html` replaces it (`super::body_html`), with every
//! value of `view::Body` in its context.
//!
//! `{}` of `Esc(x)` is `x` escaped; Markdown already rendered (and
//! sanitized) goes in as it is.

use super::view::{ActionsView, Body, TriggerView};
use crate::render::Env;
use crate::render::components::{
    level_badge, link, links, present, rating, risk_table, status_link,
};
use crate::render::escape::{Esc, w};
use crate::render::urls;

/// Body `b` on a page at `root`.
pub fn risk_body(env: &Env, b: &Body, root: &str) -> String {
    let row = env.row_at(b.row);
    let mut s = String::with_capacity(8 * 1024);
    let s = &mut s;
    let (h, sub) = (b.h, b.h + 1);
    let labels = b.labels;
    w!(
        s,
        "\n<h{h} id=\"{}\"><span class=\"risk-id\">{}</span> {}</h{h}>\n",
        Esc(&b.heading_id),
        Esc(&row.id),
        Esc(&row.title)
    );
    if let Some(d) = b.delta {
        w!(
            s,
            "<p class=\"notice changed\">Changed in this preview ({}",
            Esc(d.kind)
        );
        if !d.changes.is_empty() {
            w!(s, "): {}", Esc(&d.changes.join("; ")));
        } else {
            s.push(')');
        }
        w!(
            s,
            ". <a href=\"{}changes.html\">All changes</a></p>",
            Esc(root)
        );
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
    s.push_str("</p>\n\n<div class=\"risk-grid\">\n<dl class=\"facts\">\n  ");
    for (label, r) in [
        (&labels.probability, &row.probability),
        (&labels.impact, &row.impact),
    ] {
        w!(s, "<dt>{}</dt><dd>", Esc(label));
        rating(s, r);
        s.push_str("</dd>\n  ");
    }
    w!(s, "<dt>{}</dt><dd>", Esc(&labels.score));
    match present(&row.score) {
        Some(score) => w!(s, "{}", Esc(score)),
        None if row.level.id == "unrated" => s.push_str("– (not rated yet)"),
        None => s.push_str("– (level from the grid)"),
    }
    if let Some(declared) = present(&b.declared_score)
        && row.score.as_deref() != Some(declared)
    {
        w!(s, " <span class=\"warn\">declared {}</span>", Esc(declared));
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
            w!(s, " ({})", Esc(score));
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
    links(s, &row.owners, root);
    if row.owners.is_empty() {
        s.push_str("<span class=\"warn\">no owner</span>");
    }
    s.push_str("</dd>\n  ");
    if !row.tags.is_empty() {
        s.push_str("<dt>Tags</dt><dd>");
        for t in &row.tags {
            let (root, url, text) = (Esc(root), Esc(&t.url), Esc(&t.text));
            w!(s, "<a class=\"tag\" href=\"{root}{url}\">{text}</a> ");
        }
        s.push_str("</dd>");
    }
    s.push_str("\n  ");
    if let Some(reviewed) = present(&b.reviewed) {
        w!(s, "<dt>Reviewed</dt><dd>{}", Esc(reviewed));
        if let Some(due) = present(&row.review_due) {
            w!(s, ", next due {}", Esc(due));
        }
        s.push_str("</dd>");
    }
    s.push_str("\n  ");
    if !b.issues.is_empty() {
        s.push_str("<dt>Issues</dt><dd>");
        for (k, i) in b.issues.iter().enumerate() {
            s.push_str(if k > 0 { ", " } else { "" });
            plain_or_link(s, &i.url, &i.text);
        }
        s.push_str("</dd>");
    }
    s.push_str("\n  ");
    if let Some(p) = &b.position {
        let (pl, il) = (
            labels.probability.to_lowercase(),
            labels.impact.to_lowercase(),
        );
        let (pv, iv) = (format!("{:?}", p.probability), format!("{:?}", p.impact));
        w!(
            s,
            "<dt>Chart position</dt><dd>{} {}, {} {}</dd>",
            Esc(&pl),
            Esc(&pv),
            Esc(&il),
            Esc(&iv)
        );
    }
    mini_matrix(s, b);
    for f in [&b.factors_html, &b.loss_html].into_iter().flatten() {
        s.push('\n');
        s.push_str(f);
    }
    if let Some(d) = present(&b.description) {
        section_start(s, sub, "Description");
        w!(s, "<div class=\"prose\">{d}</div></section>");
    }
    s.push_str("\n\n");
    if let Some(t) = &b.trigger {
        s.push('\n');
        section_start(s, sub, "Rollback trigger");
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
        section_start(s, sub, "Early warning signals");
        s.push_str("<ul>");
        for signal in &b.signals {
            w!(s, "<li>{signal}</li>");
        }
        s.push_str("</ul></section>");
    }
    s.push_str("\n\n");
    for (title, html) in &b.sections {
        let title = Esc(title);
        w!(
            s,
            "<section><h{sub}>{title}</h{sub}><div class=\"prose\">{html}</div></section>"
        );
    }
    s.push_str("\n\n");
    acceptance(s, b, sub);
    s.push_str("\n\n");
    section_start(s, sub, "Playbooks");
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
        s.push('\n');
        section_start(s, sub, "Related risks");
        s.push('\n');
        related_table(s, env, b, &b.related, "This risk names");
        s.push('\n');
        related_table(s, env, b, &b.related_by, "Risks that name this one");
        s.push_str("\n</section>\n");
    }
    s.push_str("\n\n");
    history(s, b, sub);
    if let Some(extra) = present(&b.extra_html) {
        let (id, of) = (Esc(&b.extra_id), Esc(&b.heading_id));
        w!(
            s,
            "<section aria-labelledby=\"{id} {of}\"><h{sub} id=\"{id}\">Extra data</h{sub}>{extra}</section>"
        );
    }
    s.push('\n');
    std::mem::take(s)
}

/// `<section><h{h}>{text}</h{h}>` for a fixed text.
fn section_start(s: &mut String, h: u8, text: &str) {
    w!(s, "<section><h{h}>{text}</h{h}>");
}

/// A link when there is a URL, else the text.
fn plain_or_link(s: &mut String, url: &str, text: &str) {
    if url.is_empty() {
        w!(s, "{}", Esc(text));
    } else {
        link(s, "", url, text);
    }
}

/// The risk's cell in a small copy of its register's matrix, and the
/// residual's.
fn mini_matrix(s: &mut String, b: &Body) {
    s.push_str("\n</dl>\n<figure class=\"mini table-wrap\">\n<table class=\"mini-matrix\">\n<caption>Its cell in the matrix</caption>\n<thead><tr><td></td>");
    for l in &b.impact_labels {
        w!(s, "<th scope=\"col\">{}</th>", Esc(l));
    }
    s.push_str("</tr></thead>\n<tbody>");
    for (cells, label) in b.mini.iter().zip(&b.probability_labels) {
        w!(s, "<tr><th scope=\"row\">{}</th>", Esc(label));
        for c in cells {
            w!(s, "<td style=\"background:{}\">", Esc(&c.color));
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
            w!(s, "<code>{}</code>", Esc(metric));
            for (before, part) in [(" ", op), (" ", threshold), (" for ", window)] {
                if let Some(part) = present(part) {
                    w!(s, "{before}{}", Esc(part));
                }
            }
        }
    }
    s.push_str("</p>");
}

/// Mitigation or contingency: a list of actions, or a text.
fn actions(s: &mut String, title: &str, a: &ActionsView, h: u8) {
    section_start(s, h, title);
    s.push('\n');
    if let Some(text) = present(&a.text) {
        w!(s, "<div class=\"prose\">{text}</div>");
    } else {
        s.push_str("\n<ul class=\"actions\">");
        for it in &a.items {
            let class = match it.done {
                Some(true) => "task done",
                Some(false) => "task",
                None => "",
            };
            w!(s, "<li class=\"{class}\">");
            if let Some(done) = it.done {
                let (checked, label) = if done {
                    (" checked", "done")
                } else {
                    ("", "open")
                };
                w!(
                    s,
                    "<input type=\"checkbox\" disabled{checked} aria-label=\"{label}\"> "
                );
            }
            s.push_str(&it.html);
            if let Some(issue) = &it.issue {
                s.push_str(" (");
                plain_or_link(s, &issue.url, &issue.text);
                s.push(')');
            }
            if let Some(owner) = present(&it.owner) {
                w!(s, " <span class=\"meta\">{}</span>", Esc(owner));
            }
            if let Some(due) = present(&it.due) {
                w!(s, " <span class=\"meta\">due {}</span>", Esc(due));
            }
            s.push_str("</li>");
        }
        s.push_str("</ul>\n");
    }
    s.push_str("\n</section>");
}

/// Who accepted the risk, when, until when and why.
fn acceptance(s: &mut String, b: &Body, h: u8) {
    let Some(a) = &b.acceptance else { return };
    s.push('\n');
    section_start(s, h, "Acceptance");
    s.push_str("\n<dl class=\"facts\">");
    for (term, value) in [
        ("Accepted by", &a.by),
        ("On", &a.date),
        ("Expires", &a.expires),
    ] {
        if let Some(value) = present(value) {
            w!(s, "<dt>{term}</dt><dd>{}", Esc(value));
            if term == "Expires" && a.expired {
                s.push_str(" <span class=\"warn\">expired</span>");
            }
            s.push_str("</dd>");
        }
    }
    s.push_str("</dl>\n");
    if let Some(r) = present(&a.rationale) {
        w!(s, "<div class=\"prose\">{r}</div>");
    }
    s.push_str("\n</section>\n");
}

/// The risk's changes from git, or why there are none.
fn history(s: &mut String, b: &Body, h: u8) {
    section_start(s, h, "History");
    s.push('\n');
    let note = present(b.history_note);
    if let Some(note) = note {
        w!(s, "<p class=\"notice\">{}</p>", Esc(note));
    }
    s.push('\n');
    if !b.history.is_empty() {
        s.push_str("<div class=\"table-wrap\"><table class=\"history\"><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Commit</th><th scope=\"col\">Author</th><th scope=\"col\">Change</th></tr></thead>\n<tbody>");
        for c in b.history {
            let (date, short, subject) = (Esc(&c.date), Esc(&c.short), Esc(&c.subject));
            let (author, text) = (Esc(&c.author), Esc(&c.text));
            w!(
                s,
                "<tr><td>{date}</td><td><code>{short}</code> {subject}</td><td>{author}</td><td>{text}</td></tr>"
            );
        }
        s.push_str("</tbody></table></div>\n");
    } else if note.is_none() {
        s.push_str("<p>No recorded change since the register was created.</p>");
    }
    s.push_str("\n</section>\n\n");
}

/// The notice of playbook sections changed since the last review, or why
/// none are looked for.
fn suspects(s: &mut String, b: &Body, risk_id: &str, root: &str) {
    if b.suspects.is_empty() {
        if let Some(off) = present(b.suspects_off)
            && !b.playbooks.is_empty()
        {
            w!(s, "<p class=\"meta\">{}</p>", Esc(off));
        }
        return;
    }
    let sections = if b.suspects.len() > 1 {
        "sections"
    } else {
        "section"
    };
    w!(
        s,
        "<div class=\"notice suspect\">\n<p><strong>Runbook changed since last review.</strong> Read the changed {sections}, then stamp the review (<code>riskbook review {}/{}</code>).</p>\n",
        Esc(b.register_id),
        Esc(risk_id)
    );
    for x in &b.suspects {
        s.push_str("<p>");
        link(s, root, &x.url, &x.section);
        w!(s, " changed after {}: ", Esc(&x.since));
        match &x.commit {
            Some(c) => {
                let (short, date, author) = (Esc(&c.short), Esc(&c.date), Esc(&c.author));
                w!(
                    s,
                    "<code>{short}</code> {date}, {author}, “{}”",
                    Esc(&c.subject)
                );
            }
            None => s.push_str("an edit not committed yet"),
        }
        w!(
            s,
            ".</p>\n<div class=\"diff\" role=\"group\" aria-label=\"Changes to {}\">",
            Esc(&x.section)
        );
        for l in x.diff {
            let text = Esc(&l.text);
            match l.kind {
                "added" => {
                    w!(
                        s,
                        "<ins><span class=\"visually-hidden\">added: </span>+ {text}</ins>\n"
                    );
                }
                "removed" => {
                    w!(
                        s,
                        "<del><span class=\"visually-hidden\">removed: </span>− {text}</del>\n"
                    );
                }
                _ => w!(s, "<span>  {text}</span>\n"),
            }
        }
        s.push_str("</div>\n");
    }
    s.push_str("</div>");
}

/// The related risks' table (`rows`, when any): `rb.risk_table` with the
/// register column.
fn related_table(s: &mut String, env: &Env, b: &Body, rows: &[usize], caption: &str) {
    if rows.is_empty() {
        return;
    }
    let html: Vec<String> = rows
        .iter()
        .map(|i| env.row_html(*i, urls::RISK_PAGE_ROOT, true))
        .collect();
    let labels = &b.labels;
    let heads = [&labels.score, &labels.probability, &labels.impact].map(String::as_str);
    risk_table(s, html.iter().map(String::as_str), heads, true, caption);
}
