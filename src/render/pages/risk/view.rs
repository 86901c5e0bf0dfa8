//! Everything `risk_body.html` shows of one risk, as typed values: made
//! once, then given to Tera as a context or written directly (`html.rs`).

use super::Ids;
use crate::compare::RiskDelta;
use crate::model::{Actions, RiskRef, Trigger};
use crate::render::Env;
use crate::render::markdown::Fields;
use crate::render::pages::history::RiskChange;
use crate::render::pages::issue_links;
use crate::render::urls;
use crate::render::views::{self, LevelView, Link, RatingView, num};
use serde::Serialize;

#[derive(Serialize)]
pub struct ItemView {
    pub html: String,
    pub done: Option<bool>,
    pub due: Option<String>,
    pub issue: Option<Link>,
    pub owner: Option<String>,
}

#[derive(Serialize)]
pub struct ActionsView {
    pub text: Option<String>,
    pub items: Vec<ItemView>,
}

/// A rollback trigger: Markdown text, or a metric against a threshold.
#[derive(Serialize)]
#[serde(untagged)]
pub enum TriggerView {
    Text {
        html: String,
    },
    Threshold {
        metric: String,
        op: Option<String>,
        threshold: Option<String>,
        window: Option<String>,
    },
}

#[derive(Serialize)]
pub struct AcceptanceView {
    pub by: Option<String>,
    pub date: Option<String>,
    pub expires: Option<String>,
    pub expired: bool,
    pub rationale: Option<String>,
}

#[derive(Serialize)]
pub struct CommitView {
    pub short: String,
    pub date: String,
    pub author: String,
    pub subject: String,
}

/// A playbook section changed since the risk's last review.
#[derive(Serialize)]
pub struct SuspectView<'a> {
    pub section: String,
    pub url: String,
    pub commit: Option<CommitView>,
    pub since: String,
    pub diff: &'a [crate::model::history::DiffLine],
}

#[derive(Serialize)]
pub struct ResidualView {
    pub probability: RatingView,
    pub impact: RatingView,
    pub level: LevelView,
    pub score: Option<String>,
}

#[derive(Serialize)]
pub struct PositionView {
    pub probability: f64,
    pub impact: f64,
}

#[derive(Serialize)]
pub struct MiniCell {
    pub color: String,
    pub here: bool,
    pub residual: bool,
}

/// One risk in full, its Markdown rendered for one page.
pub struct Body<'a> {
    /// The risk's heading level: 1 on its page, 3 in the printed document.
    pub h: u8,
    pub heading_id: String,
    pub extra_id: String,
    /// Its row (an index into the environment's rows).
    pub row: usize,
    pub labels: &'a crate::model::scoring::Labels,
    pub history: &'a [RiskChange],
    pub delta: Option<&'a RiskDelta>,
    pub history_note: &'a Option<String>,
    pub register_id: &'a str,
    pub description: Option<String>,
    pub sections: Vec<(String, String)>,
    pub signals: Vec<String>,
    pub mitigation: Option<ActionsView>,
    pub contingency: Option<ActionsView>,
    pub trigger: Option<TriggerView>,
    pub acceptance: Option<AcceptanceView>,
    pub playbooks: Vec<Link>,
    /// Rows (indices) of the risks it names, and of those that name it.
    pub related: Vec<usize>,
    pub related_by: Vec<usize>,
    pub issues: Vec<Link>,
    pub reviewed: Option<String>,
    pub declared_score: Option<String>,
    pub position: Option<PositionView>,
    pub residual: Option<ResidualView>,
    /// Its cell in the matrix, as a small grid (high probability at the top).
    pub mini: Vec<Vec<MiniCell>>,
    pub impact_labels: Vec<String>,
    pub probability_labels: Vec<String>,
    pub extra: &'a Option<crate::model::Extra>,
    pub extra_html: Option<String>,
    /// What a method other than the matrix rated it from, as HTML.
    pub factors_html: Option<String>,
    /// What it costs in money, as HTML.
    pub loss_html: Option<String>,
    pub register_url: String,
    pub suspects: Vec<SuspectView<'a>>,
    pub suspects_off: &'a Option<String>,
}

impl<'a> Body<'a> {
    /// Risk `rr` at heading level `h`, its Markdown rendered by `fields`
    /// (its own page, or the register's printed document).
    pub fn new(
        env: &'a Env,
        rr: RiskRef,
        history: &'a [RiskChange],
        fields: &Fields,
        ids: &Ids,
        h: u8,
    ) -> Body<'a> {
        let site = env.site;
        let reg = &site.registers[rr.register];
        let fw = &reg.framework;
        let r = &reg.risks[rr.risk];
        let md = |m: &crate::model::Markdown| fields.block(m);
        let actions = |a: &Option<Actions>| -> Option<ActionsView> {
            a.as_ref().map(|a| match a {
                Actions::Text(m) => ActionsView {
                    text: Some(fields.block(m)),
                    items: Vec::new(),
                },
                Actions::List(items) => ActionsView {
                    text: None,
                    items: items
                        .iter()
                        .map(|it| ItemView {
                            html: fields.inline(&it.text),
                            done: it.done,
                            due: it.due.map(|d| d.to_string()),
                            issue: it
                                .issue
                                .as_ref()
                                .map(|i| issue_links(env, std::slice::from_ref(i)).remove(0)),
                            owner: it.owner.clone(),
                        })
                        .collect(),
                },
            })
        };
        // Markdown in a fixed order: the ids it makes (footnotes,
        // headings) are numbered in this order.
        let description = r.description.as_ref().map(md);
        let sections = r.sections.iter().map(|(t, m)| (t.clone(), md(m))).collect();
        let signals = r.signals.iter().map(|m| fields.inline(m)).collect();
        let mitigation = actions(&r.mitigation);
        let contingency = actions(&r.contingency);
        let trigger = r.trigger.as_ref().map(|t| match t {
            Trigger::Text(m) => TriggerView::Text {
                html: fields.inline(m),
            },
            Trigger::Threshold {
                metric,
                op,
                threshold,
                window,
            } => TriggerView::Threshold {
                metric: metric.clone(),
                op: op.clone(),
                threshold: threshold.clone(),
                window: window.clone(),
            },
        });
        let acceptance = r.acceptance.as_ref().map(|a| AcceptanceView {
            by: a.by.clone(),
            date: a.date.map(|d| d.to_string()),
            expires: a.expires.map(|d| d.to_string()),
            expired: a.expires.is_some_and(|e| e < site.today),
            rationale: a.rationale.as_ref().map(md),
        });
        let to_root = urls::to_root(&urls::risk(reg, r));
        // Ids hold no `/` (a register's is its file stem), so every risk page
        // and printed document is two folders down, where related rows are made.
        debug_assert_eq!(to_root, urls::RISK_PAGE_ROOT);
        let related = |m: &std::collections::BTreeMap<RiskRef, Vec<RiskRef>>| {
            let rows = m.get(&rr).into_iter().flatten();
            rows.map(|x| env.row_index(*x)).collect()
        };
        let residual_cell = r.residual.as_ref().map(|(p, i, _)| (p.high, i.high));
        let mini = (0..fw.probability.len())
            .rev()
            .map(|p| {
                (0..fw.impact.len())
                    .map(|i| MiniCell {
                        color: fw.levels[fw.cell_level(p, i)].color.clone(),
                        here: r
                            .rated
                            .as_ref()
                            .is_some_and(|x| (p, i) == (x.probability.high, x.impact.high)),
                        residual: residual_cell == Some((p, i)),
                    })
                    .collect()
            })
            .collect();
        Body {
            h,
            heading_id: ids.heading.clone(),
            extra_id: ids.extra.clone(),
            row: env.row_index(rr),
            labels: &fw.labels,
            history,
            delta: env.deltas.get(&(reg.id.clone(), r.id.clone())),
            history_note: &site.history.note,
            register_id: &reg.id,
            description,
            sections,
            signals,
            mitigation,
            contingency,
            trigger,
            acceptance,
            playbooks: playbooks(env, rr),
            related: related(&site.related),
            related_by: related(&site.related_by),
            issues: issue_links(env, &r.issues),
            reviewed: r.reviewed.map(|d| d.to_string()),
            declared_score: r.declared_score.map(num),
            position: r.position.map(|(probability, impact)| PositionView {
                probability,
                impact,
            }),
            residual: r.residual.as_ref().map(|(p, i, a)| ResidualView {
                probability: views::rating(&fw.probability, p),
                impact: views::rating(&fw.impact, i),
                level: views::level(fw, a.level),
                score: a.score.map(num),
            }),
            mini,
            impact_labels: fw.impact.entries.iter().map(|e| e.label.clone()).collect(),
            probability_labels: fw
                .probability
                .entries
                .iter()
                .rev()
                .map(|e| e.label.clone())
                .collect(),
            extra: &r.extra,
            extra_html: r.extra.as_ref().map(crate::render::extra::html),
            factors_html: r
                .factors
                .as_ref()
                .map(|f| super::factors::html(f, fw, r.level(), h + 1)),
            loss_html: r
                .quant
                .as_ref()
                .map(|q| super::super::loss::risk_html(q, &fw.quant.currency, &r.id, h + 1)),
            register_url: format!("{to_root}{}", urls::register(reg)),
            suspects: suspects(env, rr),
            suspects_off: &site.history.suspects_off,
        }
    }

    /// The context `risk_body.html` reads (with the page's shared one).
    pub fn context(&self, env: &Env) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("h", &self.h);
        ctx.insert("labels", self.labels);
        ctx.insert_value("row", env.row_value(self.row));
        ctx.insert("history", self.history);
        ctx.insert("delta", &self.delta);
        ctx.insert("history_note", self.history_note);
        ctx.insert("register_id", self.register_id);
        ctx.insert("description", &self.description);
        ctx.insert("sections", &self.sections);
        ctx.insert("signals", &self.signals);
        ctx.insert("mitigation", &self.mitigation);
        ctx.insert("contingency", &self.contingency);
        ctx.insert("trigger", &self.trigger);
        ctx.insert("acceptance", &self.acceptance);
        ctx.insert("playbooks", &self.playbooks);
        let related = |rows: &[usize]| {
            tera::Value::from(rows.iter().map(|i| env.related_row(*i)).collect::<Vec<_>>())
        };
        ctx.insert_value("related", related(&self.related));
        ctx.insert_value("related_by", related(&self.related_by));
        ctx.insert("issues", &self.issues);
        ctx.insert("reviewed", &self.reviewed);
        ctx.insert("declared_score", &self.declared_score);
        ctx.insert("position", &self.position);
        ctx.insert("residual", &self.residual);
        ctx.insert("mini", &self.mini);
        ctx.insert("impact_labels", &self.impact_labels);
        ctx.insert("probability_labels", &self.probability_labels);
        // The data for custom templates, and the built-in rendering of it.
        ctx.insert("extra", self.extra);
        ctx.insert("extra_html", &self.extra_html);
        ctx.insert("factors_html", &self.factors_html);
        ctx.insert("loss_html", &self.loss_html);
        ctx.insert("register_url", &self.register_url);
        ctx.insert("suspects", &self.suspects);
        ctx.insert("suspects_off", self.suspects_off);
        ctx.insert("heading_id", &self.heading_id);
        ctx.insert("extra_id", &self.extra_id);
        ctx
    }
}

/// The playbook sections that handle risk `rr`, linked.
fn playbooks(env: &Env, rr: RiskRef) -> Vec<Link> {
    let site = env.site;
    let Some(links) = site.playbook_links.get(&rr) else {
        return Vec::new();
    };
    links
        .iter()
        .map(|link| {
            let (p, anchor) = (&site.pages[link.page], &link.anchor);
            let heading = anchor
                .as_ref()
                .and_then(|a| p.heading(a))
                .map(|h| format!("{} › {}", p.title, h.text))
                .unwrap_or_else(|| p.title.clone());
            let url = match anchor {
                Some(a) => format!("{}#{a}", urls::page(p)),
                None => urls::page(p),
            };
            Link { text: heading, url }
        })
        .collect()
}

/// The sections of risk `rr`'s playbooks changed since its last review.
fn suspects<'a>(env: &'a Env, rr: RiskRef) -> Vec<SuspectView<'a>> {
    let site = env.site;
    env.suspects_of(rr)
        .map(|s| {
            let page = &site.pages[s.page];
            let section = page.heading_text(&s.anchor);
            let commit = s.commit.map(|ci| &site.history.commits[ci]);
            SuspectView {
                section: format!("{} › {section}", page.title),
                url: format!("{}#{}", urls::page(page), s.anchor),
                commit: commit.map(|c| CommitView {
                    short: c.short.clone(),
                    date: c.date.to_string(),
                    author: c.author.clone(),
                    subject: c.subject.clone(),
                }),
                since: crate::model::review::since_text(site, s.since),
                diff: &s.diff,
            }
        })
        .collect()
}
