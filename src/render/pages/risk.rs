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

/// A risk's body as its own page shows it (`risk_body.html` at heading
/// level 1), for the register's printed document to reuse.
pub struct PageBody {
    html: String,
    ids: Ids,
    root: String,
}

/// The ids `risk_body.html` writes itself: the risk's heading and the
/// "Extra data" heading. Taken from a page's `Fields` before any Markdown.
#[derive(PartialEq, Eq)]
pub struct Ids {
    heading: String,
    extra: String,
}

impl Ids {
    pub fn take(fields: &Fields, r: &crate::model::Risk) -> Ids {
        Ids {
            heading: fields.id(&format!("risk {}", r.id)),
            extra: fields.id("extra-data"),
        }
    }
}

/// `registers/<reg>/<risk-id>.html`. Returns its body when the register's
/// printed document may reuse it (`PageBody::reuse`).
pub fn render(
    env: &Env,
    rr: RiskRef,
    history: &[super::history::RiskChange],
    out: &Out,
    errs: &mut Vec<Diagnostic>,
) -> Option<PageBody> {
    let reg = &env.site.registers[rr.register];
    let r = &reg.risks[rr.risk];
    let path = urls::risk(reg, r);
    let fields = Fields::new(env, rr.register, &path);
    let ids = Ids::take(&fields, r);
    let mut ctx = context(env, rr, history, &fields, &ids);
    errs.extend(fields.into_diagnostics());
    ctx.insert("h", &1);
    let title = format!("{} {}", r.id, r.title);
    let ctx = env.page_context(
        &path,
        &title,
        super::register::with_document(ctx, reg),
        Some(&reg.file),
    );
    // The body once, for the page (`risk_body`) and the printed document.
    let (page, body) = match env.render_template("risk_body.html", &path, &ctx) {
        Ok(body) => {
            let mut ctx = ctx;
            ctx.insert("risk_body", &body);
            (env.render_template("risk.html", &path, &ctx), Some(body))
        }
        Err(d) => (Err(d), None),
    };
    push(out, errs, path.clone(), page);
    let reuse = env.templates.is_builtin("risk_body.html")
        && env.templates.is_builtin("components.html")
        && reusable(r);
    body.filter(|_| reuse).map(|html| PageBody {
        html,
        ids,
        root: urls::to_root(&path),
    })
}

impl PageBody {
    /// The body as the printed document at `print_path` shows it, where
    /// the risk's heading is at level 3 and its ids are `ids`: the page's
    /// body with every heading two levels down, when nothing else differs.
    /// `None` when it must be rendered again.
    pub fn reuse(&self, r: &crate::model::Risk, ids: &Ids, print_path: &str) -> Option<String> {
        let same_ids =
            self.ids.heading == ids.heading && (r.extra.is_none() || self.ids.extra == ids.extra);
        if !same_ids || self.root != urls::to_root(print_path) {
            return None;
        }
        headings_down(&self.html, 2)
    }
}

/// `html` with every heading tag `by` levels lower (`<h1 ...>` to `<h3 ...>`
/// for 2); `None` when one would go past `<h6>`. Sound only for HTML whose
/// every `<h` and digit is a heading tag: text is escaped, and a reusable
/// risk's Markdown holds no raw HTML.
fn headings_down(html: &str, by: u8) -> Option<String> {
    let bytes = html.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(k) = bytes[i..].iter().position(|&c| c == b'<') {
        let at = i + k;
        let digit = match bytes.get(at + 1) {
            Some(b'h') => at + 2,
            Some(b'/') if bytes.get(at + 2) == Some(&b'h') => at + 3,
            _ => {
                out.extend_from_slice(&bytes[i..=at]);
                i = at + 1;
                continue;
            }
        };
        match bytes.get(digit) {
            Some(d @ b'1'..=b'6') => {
                let level = d - b'0' + by;
                if level > 6 {
                    return None;
                }
                out.extend_from_slice(&bytes[i..digit]);
                out.push(b'0' + level);
                i = digit + 1;
            }
            _ => {
                out.extend_from_slice(&bytes[i..digit]);
                i = digit;
            }
        }
    }
    out.extend_from_slice(&bytes[i..]);
    String::from_utf8(out).ok()
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

/// Everything the risk templates show of one risk, its Markdown rendered
/// by `fields` (its own page, or the register's printed document).
pub fn context(
    env: &Env,
    rr: RiskRef,
    history: &[super::history::RiskChange],
    fields: &Fields,
    ids: &Ids,
) -> tera::Context {
    let site = env.site;
    let reg = &site.registers[rr.register];
    let fw = &reg.framework;
    let r = &reg.risks[rr.risk];
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
    // Ids hold no `/` (a register's is its file stem), so every risk page
    // and printed document is two folders down, where related rows are made.
    debug_assert_eq!(to_root, urls::RISK_PAGE_ROOT);
    let related = |m: &std::collections::BTreeMap<RiskRef, Vec<RiskRef>>| {
        let rows = m.get(&rr).into_iter().flatten();
        tera::Value::from(
            rows.map(|x| env.related_row(env.row_index(*x)))
                .collect::<Vec<_>>(),
        )
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
    ctx.insert("heading_id", &ids.heading);
    ctx.insert("extra_id", &ids.extra);
    ctx
}

#[cfg(test)]
mod tests {
    use super::headings_down;

    #[test]
    fn headings_go_down_and_nothing_else_changes() {
        let html = "<h1 id=\"a\">A</h1><header><hr><h2>B</h2><p>h1 &lt;h2&gt; <b>x</b></p></h2>";
        assert_eq!(
            headings_down(html, 2).unwrap(),
            "<h3 id=\"a\">A</h3><header><hr><h4>B</h4><p>h1 &lt;h2&gt; <b>x</b></p></h4>"
        );
        assert_eq!(headings_down("<h5>x</h5>", 1).unwrap(), "<h6>x</h6>");
        assert_eq!(headings_down("<h5>x</h5>", 2), None, "past h6");
        assert_eq!(headings_down("a < b <", 2).unwrap(), "a < b <");
    }
}
