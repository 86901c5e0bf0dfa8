//! `registers/<reg>/<risk-id>.html`: every field of one risk.

use super::{Out, issue_links, push};
use crate::diagnostics::Diagnostic;
use crate::model::{Actions, RiskRef, Trigger};
use crate::render::Env;
use crate::render::markdown::Fields;
use crate::render::urls;
use crate::render::views::{self, Link, num};
use serde::Serialize;

#[derive(Serialize)]
struct ItemView {
    html: String,
    done: Option<bool>,
    due: Option<String>,
    issue: Option<Link>,
    owner: Option<String>,
}

#[derive(Serialize)]
struct ActionsView {
    text: Option<String>,
    items: Vec<ItemView>,
}

#[derive(Serialize)]
struct MiniCell {
    color: String,
    here: bool,
    residual: bool,
}

/// `registers/<reg>/<risk-id>.html`. Returns the risk's context when the
/// register's printed document may reuse it (`reusable`).
pub fn render(
    env: &Env,
    rr: RiskRef,
    history: &[super::history::RiskChange],
    out: &mut Out,
    errs: &mut Vec<Diagnostic>,
) -> Option<tera::Context> {
    let reg = &env.site.registers[rr.register];
    let r = &reg.risks[rr.risk];
    let path = urls::risk(reg, r);
    let fields = Fields::new(env, rr.register, &path);
    let mut ctx = context(env, rr, history, &fields);
    errs.extend(fields.into_diagnostics());
    let reuse = reusable(r).then(|| ctx.clone());
    ctx.insert("h", &1);
    let title = format!("{} {}", r.id, r.title);
    push(
        out,
        errs,
        path.clone(),
        env.page_of(
            "risk.html",
            &path,
            &title,
            super::register::with_document(ctx, reg),
            Some(&reg.file),
        ),
    );
    reuse
}

/// Whether the risk's context reads the same on every page of its folder:
/// its Markdown makes no element id (no heading, footnote or raw HTML), so
/// only the two ids the template writes itself differ between its page and
/// the register's printed document. Conservative: a line that could start
/// a heading in any container (`- # x`, `> # x`) says no.
fn reusable(r: &crate::model::Risk) -> bool {
    let marker = |c: char| " \t>-*+.)".contains(c) || c.is_ascii_digit();
    r.markdown_fields().iter().all(|m| {
        !m.text.contains('<')
            && !m.text.contains("[^")
            && !m.text.lines().any(|l| {
                let t = l.trim();
                l.trim_start_matches(marker).starts_with('#')
                    || (!t.is_empty() && t.chars().all(|c| c == '=' || c == '-'))
            })
    })
}

/// The printed document's copy of a risk's context from its own page:
/// the template's ids taken from the document's `fields`, in the order
/// `context` takes them.
pub fn reuse_for(env: &Env, rr: RiskRef, mut ctx: tera::Context, fields: &Fields) -> tera::Context {
    let r = &env.site.registers[rr.register].risks[rr.risk];
    ctx.insert("heading_id", &fields.id(&format!("risk {}", r.id)));
    ctx.insert("extra_id", &fields.id("extra-data"));
    ctx
}

/// Everything the risk templates show of one risk, its Markdown rendered
/// by `fields` (its own page, or the register's printed document).
pub fn context(
    env: &Env,
    rr: RiskRef,
    history: &[super::history::RiskChange],
    fields: &Fields,
) -> tera::Context {
    let site = env.site;
    let reg = &site.registers[rr.register];
    let fw = &reg.framework;
    let r = &reg.risks[rr.risk];
    // The template's own ids first, so no heading inside a field takes them.
    let heading_id = fields.id(&format!("risk {}", r.id));
    let extra_id = fields.id("extra-data");
    let md = |m: &crate::model::Markdown| fields.block(m);
    let description = r.description.as_ref().map(md);
    let sections: Vec<(String, String)> =
        r.sections.iter().map(|(t, m)| (t.clone(), md(m))).collect();
    let signals: Vec<String> = r.signals.iter().map(|m| fields.inline(m)).collect();
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
    let mitigation = actions(&r.mitigation);
    let contingency = actions(&r.contingency);
    let trigger = r.trigger.as_ref().map(|t| match t {
        Trigger::Text(m) => serde_json::json!({ "html": fields.inline(m) }),
        Trigger::Threshold {
            metric,
            op,
            threshold,
            window,
        } => serde_json::json!({
            "metric": metric, "op": op, "threshold": threshold, "window": window,
        }),
    });
    let acceptance = r.acceptance.as_ref().map(|a| {
        let rationale = a.rationale.as_ref().map(md);
        serde_json::json!({
            "by": a.by, "date": a.date.map(|d| d.to_string()),
            "expires": a.expires.map(|d| d.to_string()),
            "expired": a.expires.is_some_and(|e| e < site.today),
            "rationale": rationale,
        })
    });
    let to_root = urls::to_root(&urls::risk(reg, r));
    let playbooks: Vec<Link> = site
        .playbook_links
        .get(&rr)
        .map(|links| {
            links
                .iter()
                .map(|link| {
                    let (p, anchor) = (&site.pages[link.page], &link.anchor);
                    let heading = anchor
                        .as_ref()
                        .and_then(|a| p.headings.iter().find(|h| &h.id == a))
                        .map(|h| format!("{} › {}", p.title, h.text))
                        .unwrap_or_else(|| p.title.clone());
                    let url = match anchor {
                        Some(a) => format!("{}#{a}", urls::page(p)),
                        None => urls::page(p),
                    };
                    Link { text: heading, url }
                })
                .collect()
        })
        .unwrap_or_default();
    let suspects: Vec<serde_json::Value> = env
        .suspects_of(rr)
        .map(|s| {
            let page = &site.pages[s.page];
            let section = page
                .headings
                .iter()
                .find(|h| h.id == s.anchor)
                .map_or(s.anchor.as_str(), |h| h.text.as_str());
            let commit = s.commit.map(|ci| &site.history.commits[ci]);
            serde_json::json!({
                "section": format!("{} › {section}", page.title),
                "url": format!("{}#{}", urls::page(page), s.anchor),
                "commit": commit.map(|c| serde_json::json!({
                    "short": c.short, "date": c.date.to_string(),
                    "author": c.author, "subject": c.subject,
                })),
                "since": crate::model::review::since_text(site, s.since),
                "diff": s.diff,
            })
        })
        .collect();
    let related = |m: &std::collections::BTreeMap<RiskRef, Vec<RiskRef>>| {
        env.rows_value(m.get(&rr).into_iter().flatten().map(|x| env.row_index(*x)))
    };
    // Its cell in the matrix, as a small grid (high probability at the top).
    let residual_cell = r.residual.as_ref().map(|(p, i, _)| (p.high, i.high));
    let mini: Vec<Vec<MiniCell>> = (0..fw.probability.len())
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
    let residual = r.residual.as_ref().map(|(p, i, a)| {
        serde_json::json!({
            "probability": views::rating(&fw.probability, p),
            "impact": views::rating(&fw.impact, i),
            "level": views::level(fw, a.level),
            "score": a.score.map(num),
        })
    });
    let mut ctx = tera::Context::new();
    ctx.insert("labels", &fw.labels);
    ctx.insert_value("row", env.row_value(env.row_index(rr)));
    ctx.insert("history", history);
    ctx.insert("delta", &env.deltas.get(&(reg.id.clone(), r.id.clone())));
    ctx.insert("history_note", &env.site.history.note);
    ctx.insert("register_id", &reg.id);
    ctx.insert("description", &description);
    ctx.insert("sections", &sections);
    ctx.insert("signals", &signals);
    ctx.insert("mitigation", &mitigation);
    ctx.insert("contingency", &contingency);
    ctx.insert("trigger", &trigger);
    ctx.insert("acceptance", &acceptance);
    ctx.insert("playbooks", &playbooks);
    ctx.insert_value("related", related(&site.related));
    ctx.insert_value("related_by", related(&site.related_by));
    ctx.insert("issues", &issue_links(env, &r.issues));
    ctx.insert("reviewed", &r.reviewed.map(|d| d.to_string()));
    ctx.insert("declared_score", &r.declared_score.map(num));
    ctx.insert(
        "position",
        &r.position
            .map(|(p, i)| serde_json::json!({"probability": p, "impact": i})),
    );
    ctx.insert("residual", &residual);
    ctx.insert("mini", &mini);
    ctx.insert(
        "impact_labels",
        &fw.impact
            .entries
            .iter()
            .map(|e| e.label.clone())
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "probability_labels",
        &fw.probability
            .entries
            .iter()
            .rev()
            .map(|e| e.label.clone())
            .collect::<Vec<_>>(),
    );
    // The data for custom templates, and the built-in rendering of it.
    ctx.insert("extra", &r.extra);
    ctx.insert(
        "extra_html",
        &r.extra.as_ref().map(crate::render::extra::html),
    );
    ctx.insert("register_url", &format!("{to_root}{}", urls::register(reg)));
    ctx.insert("suspects", &suspects);
    ctx.insert("suspects_off", &site.history.suspects_off);
    ctx.insert("heading_id", &heading_id);
    ctx.insert("extra_id", &extra_id);
    ctx
}
