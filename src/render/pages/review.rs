//! `review.html`: the weekly review, what needs a person's attention now,
//! grouped by owner (see `model::review`).

use super::{Out, push};
use crate::diagnostics::Diagnostic;
use crate::model::review::{Reason, attention};
use crate::render::Env;
use crate::render::urls;
use serde::Serialize;
use std::collections::BTreeMap;

struct Item {
    /// Index into `Env::rows`.
    row: usize,
    /// Each reason in words, with a link where one helps.
    reasons: Vec<ReasonView>,
}

#[derive(Serialize)]
struct ReasonView {
    kind: &'static str,
    text: String,
    url: Option<String>,
}

struct OwnerGroup {
    owner: String,
    url: Option<String>,
    items: Vec<Item>,
}

impl OwnerGroup {
    /// The template's view: `{owner, url, items: [{row, reasons}],
    /// items_html}`, each row the shared value of `Env::row_value`, and
    /// the rows written at `root` (`write_items`).
    fn value(&self, env: &Env, root: &str) -> tera::Value {
        let items: Vec<tera::Value> = self
            .items
            .iter()
            .map(|i| {
                tera::Value::from(BTreeMap::from([
                    ("row", env.row_value(i.row)),
                    ("reasons", tera::Value::from_serializable(&i.reasons)),
                ]))
            })
            .collect();
        let html = self.write_items(env, root);
        tera::Value::from(BTreeMap::from([
            ("owner", tera::Value::from(self.owner.as_str())),
            ("url", tera::Value::from(self.url.clone())),
            ("items", tera::Value::from(items)),
            ("items_html", tera::Value::safe_string(&html)),
        ]))
    }

    /// The group's rows on the page at `root`: risk, level, status and
    /// the reasons it needs attention. Written here: with the benchmark
    /// corpus's 13,000 rows rendered through Tera, the review took 88 ms
    /// of CPU.
    fn write_items(&self, env: &Env, root: &str) -> String {
        use crate::render::components::{level_badge, link, status_link};
        use crate::render::escape::push_escaped as e;
        let mut s = String::with_capacity(self.items.len() * 640);
        for it in &self.items {
            let row = env.row_at(it.row);
            s.push_str("<tr>\n<td><a href=\"");
            e(&mut s, root);
            e(&mut s, &row.url);
            s.push_str("\"><span class=\"risk-id\">");
            e(&mut s, &row.id);
            s.push_str("</span> ");
            e(&mut s, &row.title);
            s.push_str("</a><br><span class=\"meta\">");
            e(&mut s, &row.register.text);
            s.push_str("</span></td>\n<td>");
            level_badge(&mut s, &row.level);
            s.push_str("</td>\n<td>");
            status_link(&mut s, &row.status, root);
            s.push_str("</td>\n<td><ul class=\"reasons\">");
            for r in &it.reasons {
                s.push_str("<li>");
                match r.url.as_deref().filter(|u| !u.is_empty()) {
                    Some(url) => link(&mut s, root, url, &r.text),
                    None => e(&mut s, &r.text),
                }
                s.push_str("</li>");
            }
            s.push_str("</ul></td>\n</tr>");
        }
        s
    }
}

pub fn render(env: &Env, out: &Out, errs: &mut Vec<Diagnostic>) {
    let path = "review.html";
    let site = env.site;
    let all = attention(site);
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut groups: BTreeMap<String, OwnerGroup> = BTreeMap::new();
    for (rr, reasons) in &all {
        let row = env.row(*rr);
        let index = env.row_index(*rr);
        for r in reasons {
            *counts.entry(r.kind()).or_default() += 1;
        }
        let views: Vec<ReasonView> = reasons.iter().map(|r| view(env, r)).collect();
        let owners: Vec<(String, Option<String>)> = if row.owners.is_empty() {
            vec![("No owner".to_string(), None)]
        } else {
            row.owners
                .iter()
                .map(|o| (o.text.clone(), Some(o.url.clone())))
                .collect()
        };
        for (owner, url) in owners {
            let g = groups
                .entry(owner.to_lowercase())
                .or_insert_with(|| OwnerGroup {
                    owner,
                    url,
                    items: Vec::new(),
                });
            g.items.push(Item {
                row: index,
                reasons: views
                    .iter()
                    .map(|v| ReasonView {
                        kind: v.kind,
                        text: v.text.clone(),
                        url: v.url.clone(),
                    })
                    .collect(),
            });
        }
    }
    let mut groups: Vec<OwnerGroup> = groups.into_values().collect();
    // In each group the most severe first (site-wide severity, then the
    // register's level); the sort is stable, so register order breaks ties.
    for g in &mut groups {
        g.items
            .sort_by_key(|i| std::cmp::Reverse(env.row_at(i.row).level.rank));
    }
    // The owner with most to look at first; names break ties.
    groups.sort_by_key(|g| std::cmp::Reverse(g.items.len()));
    let order = [
        "Reviews overdue",
        "Acceptances expired",
        "Acceptances expiring within 30 days",
        "Runbook changed since review",
        "Added or changed in the last 14 days",
        "Active risks not rated yet",
        "Top-level risks with no owner",
        "Top-level risks with no playbook",
    ];
    let summary: Vec<(&str, usize)> = order
        .iter()
        .map(|k| (*k, counts.get(k).copied().unwrap_or(0)))
        .collect();
    let root = urls::to_root(path);
    let groups: Vec<tera::Value> = groups.iter().map(|g| g.value(env, &root)).collect();
    let mut ctx = tera::Context::new();
    ctx.insert_value("groups", tera::Value::from(groups));
    ctx.insert("summary", &summary);
    ctx.insert(
        "severity_counts",
        &crate::render::views::severity_counts(site, all.keys().copied()),
    );
    ctx.insert("risks", &all.len());
    ctx.insert("suspects_off", &site.history.suspects_off);
    ctx.insert("history_note", &site.history.note);
    ctx.insert("document", "Weekly risk review");
    push(
        out,
        errs,
        path.into(),
        env.page("review.html", path, "Weekly review", ctx),
    );
}

fn view(env: &Env, r: &Reason) -> ReasonView {
    let site = env.site;
    let (text, url) = match r {
        Reason::ReviewOverdue { due } => (
            format!(
                "review overdue since {due} ({} days)",
                due.days_until(site.today)
            ),
            None,
        ),
        Reason::AcceptanceExpired { on } => (format!("acceptance expired on {on}"), None),
        Reason::AcceptanceExpiring { on } => (
            format!(
                "acceptance expires on {on} (in {} days)",
                site.today.days_until(*on)
            ),
            None,
        ),
        Reason::Suspect { suspect } => {
            let s = &site.history.suspects[*suspect];
            let page = &site.pages[s.page];
            let section = page.heading_text(&s.anchor);
            let when = match s.commit {
                Some(ci) => {
                    let c = &site.history.commits[ci];
                    format!("{} ({}, {})", c.date, c.short, c.author)
                }
                None => "in an edit not committed yet".into(),
            };
            (
                format!(
                    "runbook section “{} › {section}” changed {when}, after {}",
                    page.title,
                    crate::model::review::since_text(site, s.since)
                ),
                Some(format!("{}#{}", urls::page(page), s.anchor)),
            )
        }
        Reason::Recent { date, commit, what } => {
            let c = &site.history.commits[*commit];
            let by = if Some(*commit) == site.history.work_tree {
                "not committed yet".to_string()
            } else {
                format!("{}, {}", c.short, c.author)
            };
            (format!("{what} on {date} ({by})"), None)
        }
        Reason::Unrated => ("active, not rated yet".into(), None),
        Reason::NoOwner => ("no owner for a top-level risk".into(), None),
        Reason::NoPlaybook => ("no playbook for a top-level risk".into(), None),
    };
    ReasonView {
        kind: r.kind(),
        text,
        url,
    }
}
