//! One builder per kind of output page.

mod dashboard;
pub mod history;
mod matrix;
mod register;
mod review;
mod risk;
mod simple;

use super::{Env, Sink};
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

/// One unit of parallel work: an aggregate page, or a register with its
/// risks' pages and its printed document, or a Markdown page. `serve`
/// renders them one at a time, on demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// search-index.json, risks.json, risks.csv, sitemap.xml.
    Exports,
    /// The stylesheet and the script.
    Assets,
    Dashboard,
    Risks,
    Taxonomies,
    History,
    Review,
    NotFound,
    Register(usize),
    /// One risk's page alone: what `serve` renders first when a browser
    /// asks for it (`Register` writes it too, with the same bytes).
    Risk(crate::model::RiskRef),
    Page(usize),
}

impl Task {
    /// Every task of a site, the longest first.
    pub fn all(env: &Env) -> Vec<Task> {
        // The aggregates are the longest single tasks: they go first.
        let mut tasks = vec![
            Task::Taxonomies,
            Task::History,
            Task::Review,
            Task::Risks,
            Task::Exports,
            Task::Assets,
            Task::Dashboard,
            Task::NotFound,
        ];
        tasks.extend((0..env.site.registers.len()).map(Task::Register));
        tasks.extend((0..env.site.pages.len()).map(Task::Page));
        tasks
    }

    /// The task that writes the output file `path`, if any does. A guess
    /// from the URL scheme (`urls`): `serve` renders that task first and
    /// falls back to every task when the guess is wrong.
    pub fn of_path(env: &Env, path: &str) -> Option<Task> {
        let task = match path {
            "index.html" => Task::Dashboard,
            "risks.html" => Task::Risks,
            "history.html" => Task::History,
            "review.html" => Task::Review,
            "404.html" => Task::NotFound,
            "search-index.json" | "risks.json" | "risks.csv" | "sitemap.xml" => Task::Exports,
            "assets/style.css" | "assets/app.js" => Task::Assets,
            _ => {
                if let Some(rest) = path.strip_prefix("registers/") {
                    let id = rest
                        .strip_suffix(".html")
                        .or_else(|| rest.strip_suffix(".svg"))
                        .filter(|id| !id.contains('/'))
                        .or_else(|| rest.split_once('/').map(|(id, _)| id))?;
                    let ri = env.site.registers.iter().position(|r| r.id == id)?;
                    return Some(Task::Register(ri));
                }
                if let Some(pi) = env.site.pages.iter().position(|p| p.output_path() == path) {
                    return Some(Task::Page(pi));
                }
                let (folder, _) = path.split_once('/')?;
                super::urls::Taxonomy::ALL
                    .iter()
                    .any(|t| t.folder() == folder)
                    .then_some(Task::Taxonomies)?
            }
        };
        Some(task)
    }

    /// The smallest task that writes `path`: a risk's page alone, else
    /// the task of `of_path`. `within` names the task of `Task::all`
    /// that writes it too.
    pub fn smallest_of_path(env: &Env, path: &str) -> Option<Task> {
        let task = Task::of_path(env, path)?;
        if let Task::Register(ri) = task {
            let reg = &env.site.registers[ri];
            if let Some(k) = reg
                .risks
                .iter()
                .position(|r| super::urls::risk(reg, r) == path)
            {
                return Some(Task::Risk(crate::model::RiskRef {
                    register: ri,
                    risk: k,
                }));
            }
        }
        Some(task)
    }

    /// The task of `Task::all` that does this one's work too.
    pub fn within(self) -> Task {
        match self {
            Task::Risk(rr) => Task::Register(rr.register),
            t => t,
        }
    }

    /// Renders this task's files into `out`.
    pub fn run(&self, env: &Env, out: &mut Out, errs: &mut Vec<Diagnostic>) {
        match *self {
            Task::Exports => out.extend(super::exports::all(env)),
            Task::Assets => {
                out.push((
                    "assets/style.css".into(),
                    env.templates.css.clone().into_bytes(),
                ));
                out.push((
                    "assets/app.js".into(),
                    env.templates.js.clone().into_bytes(),
                ));
            }
            Task::Dashboard => dashboard::render(env, out, errs),
            Task::Risks => simple::risks(env, out, errs),
            Task::Taxonomies => simple::taxonomies(env, out, errs),
            Task::History => history::render(env, out, errs),
            Task::Review => review::render(env, out, errs),
            Task::NotFound => simple::not_found(env, out, errs),
            Task::Register(ri) => {
                let history = history::register_history(env, ri);
                register::render(env, ri, &history.versions, out, errs);
                let mut bodies = Vec::new();
                for (k, r) in env.site.registers[ri].risks.iter().enumerate() {
                    let changes = history.of_risk(&r.id);
                    let rr = crate::model::RiskRef {
                        register: ri,
                        risk: k,
                    };
                    bodies.push(risk::render(env, rr, changes, out, errs));
                }
                register::print(env, ri, &history, bodies, out, errs);
            }
            Task::Risk(rr) => {
                let history = history::register_history(env, rr.register);
                let changes = history.of_risk(&env.site.risk(rr).id);
                risk::render(env, rr, changes, out, errs);
            }
            Task::Page(pi) => simple::markdown_page(env, pi, out, errs),
        }
    }
}

/// Renders every page, in parallel; each task hands its files to `sink`
/// as soon as it is done, so a build holds a few pages at a time.
pub fn all(env: &Env, diags: &mut Diagnostics, sink: &dyn Sink) {
    let tasks = Task::all(env);
    let errs: Vec<Vec<Diagnostic>> = tasks
        .par_iter()
        .with_max_len(1)
        .map(|task| {
            let mut out = Out::new();
            let mut errs = Vec::new();
            task.run(env, &mut out, &mut errs);
            sink.put(out);
            errs
        })
        .collect();
    diags.extend(errs.into_iter().flatten());
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
