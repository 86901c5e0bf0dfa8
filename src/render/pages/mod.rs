//! One builder per kind of output page.

mod dashboard;
pub mod history;
mod matrix;
mod register;
mod review;
mod risk;
mod simple;

use super::Env;
use crate::diagnostics::{Diagnostic, Diagnostics};
use rayon::prelude::*;

pub type Out = Vec<(String, Vec<u8>)>;

/// Collects a page result into `out`/`diags`.
pub fn push(
    out: &mut Out,
    diags: &mut Vec<Diagnostic>,
    path: String,
    result: Result<String, Diagnostic>,
) {
    match result {
        Ok(html) => out.push((path, html.into_bytes())),
        Err(d) => diags.push(d),
    }
}

pub fn all(env: &Env, diags: &mut Diagnostics) -> Out {
    let mut out = Out::new();
    let mut errs = Vec::new();
    dashboard::render(env, &mut out, &mut errs);
    simple::risks(env, &mut out, &mut errs);
    simple::not_found(env, &mut out, &mut errs);
    simple::taxonomies(env, &mut out, &mut errs);
    history::render(env, &mut out, &mut errs);
    review::render(env, &mut out, &mut errs);
    // Registers, risks and Markdown pages are many: render them in parallel.
    let parts: Vec<(Out, Vec<Diagnostic>)> = (0..env.site.registers.len())
        .into_par_iter()
        .map(|ri| {
            let mut o = Out::new();
            let mut e = Vec::new();
            let history = history::register_history(env, ri);
            register::render(env, ri, &history.versions, &mut o, &mut e);
            for (k, r) in env.site.registers[ri].risks.iter().enumerate() {
                let changes = history.by_risk.get(&r.id).map(Vec::as_slice).unwrap_or(&[]);
                let rr = crate::model::RiskRef {
                    register: ri,
                    risk: k,
                };
                risk::render(env, rr, changes, &mut o, &mut e);
            }
            register::print(env, ri, &history, &mut o, &mut e);
            (o, e)
        })
        .chain((0..env.site.pages.len()).into_par_iter().map(|pi| {
            let mut o = Out::new();
            let mut e = Vec::new();
            simple::markdown_page(env, pi, &mut o, &mut e);
            (o, e)
        }))
        .collect();
    for (o, e) in parts {
        out.extend(o);
        errs.extend(e);
    }
    diags.extend(errs);
    out
}

/// `#28` -> a link when the site has an `issue_url`.
pub fn issue_links(env: &Env, issues: &[String]) -> Vec<super::views::Link> {
    issues
        .iter()
        .map(|i| {
            let n = i.trim().trim_start_matches('#');
            let url = match &env.site.info.issue_url {
                Some(tpl) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
                    tpl.replace("{n}", n)
                }
                _ => String::new(),
            };
            super::views::Link {
                text: i.clone(),
                url,
            }
        })
        .collect()
}

/// `changes.html` of `build --compare`.
pub fn changes(env: &Env, c: &crate::compare::Comparison, out: &mut Out, diags: &mut Diagnostics) {
    let path = "changes.html";
    let rows: Vec<serde_json::Value> = c
        .risks
        .iter()
        .map(|d| {
            let reg = env.site.registers.iter().find(|r| r.id == d.register);
            let url = reg.and_then(|reg| {
                reg.risks
                    .iter()
                    .find(|r| r.id == d.risk)
                    .map(|r| super::urls::risk(reg, r))
            });
            serde_json::json!({ "delta": d, "url": url })
        })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert("c", c);
    ctx.insert("rows", &rows);
    ctx.insert("summary", &crate::compare::markdown(c));
    let mut errs = Vec::new();
    push(
        out,
        &mut errs,
        path.into(),
        env.page("changes.html", path, "Changes in this preview", ctx),
    );
    diags.extend(errs);
}
