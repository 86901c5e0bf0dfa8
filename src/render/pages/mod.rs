//! One builder per kind of output page.

mod assets;
mod dashboard;
mod document;
pub mod history;
mod loss;
mod matrix;
mod register;
mod review;
mod risk;
mod simple;

pub use super::out::{Out, push};
use super::{Env, Sink};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// One unit of parallel work: an aggregate page, or a register with its
/// risks' pages and its printed document, or a Markdown page. `serve`
/// renders them one at a time, on demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// search-index.json, risks.json, risks.csv, risks.xlsx, sitemap.xml.
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
        // The aggregates are the longest single tasks: they go first, in
        // the order of their time on the benchmark corpus (10,000 risks:
        // 60 to 220 ms each, against 4 ms for a register's).
        let mut tasks = vec![
            Task::Taxonomies,
            Task::Review,
            Task::Exports,
            Task::Risks,
            Task::Dashboard,
            Task::History,
            Task::Assets,
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
            "search-index.json" | "risks.json" | "risks.csv" | "risks.xlsx" | "sitemap.xml" => {
                Task::Exports
            }
            "assets/style.css"
            | "assets/app.js"
            | "assets/mermaid.min.js"
            | "assets/mermaid.LICENSE" => Task::Assets,
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

    /// This task's files, held in memory (`serve`); its diagnostics are
    /// dropped, as the check before reported them.
    pub fn files(&self, env: &Env) -> Vec<(String, Vec<u8>)> {
        let collect = super::Collect::default();
        let out = Out::new(&collect);
        self.run(env, &out, &mut Vec::new());
        out.finish();
        collect.into_files()
    }

    /// Renders this task's files into `out`.
    pub fn run(&self, env: &Env, out: &Out, errs: &mut Vec<Diagnostic>) {
        match *self {
            Task::Exports => super::exports::all(env, out),
            Task::Assets => assets::render(env, out),
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

/// Renders every page, in parallel; each file goes to `sink` as soon as
/// it is made, so a build holds a few pages at a time. Every thread of the
/// pool takes the next task of `Task::all` in turn, so the longest start
/// first and the last ones to end are short: splitting the list (a
/// parallel iterator) started them in another order, and one aggregate
/// page was often left to run alone at the end.
pub fn all(env: &Env, diags: &mut Diagnostics, sink: &dyn Sink) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let tasks = Task::all(env);
    let next = AtomicUsize::new(0);
    let found = std::sync::Mutex::new(Vec::new());
    rayon::broadcast(|_| {
        while let Some(task) = tasks.get(next.fetch_add(1, Ordering::Relaxed)) {
            let mut errs = Vec::new();
            let out = Out::new(sink);
            task.run(env, &out, &mut errs);
            out.finish();
            if !errs.is_empty() {
                found.lock().unwrap_or_else(|p| p.into_inner()).push(errs);
            }
        }
    });
    let found = found.into_inner().unwrap_or_else(|p| p.into_inner());
    diags.extend(found.into_iter().flatten());
    diags.extend(env.take_row_error());
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
pub fn changes(env: &Env, c: &crate::compare::Comparison, out: &Out, diags: &mut Diagnostics) {
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

#[cfg(test)]
mod tests {
    use super::Out;
    use crate::render::Collect;
    use crate::render::out::LARGE;

    fn paths(c: &Collect) -> Vec<String> {
        c.0.lock().unwrap().iter().map(|(p, _)| p.clone()).collect()
    }

    #[test]
    fn a_large_file_goes_on_at_once_and_small_ones_when_the_task_is_done() {
        let sink = Collect::default();
        let out = Out::new(&sink);
        out.file("small.html".into(), vec![b'x'; 10]);
        out.file("large.html".into(), vec![b'x'; LARGE]);
        assert_eq!(paths(&sink), ["large.html"]);
        out.finish();
        assert_eq!(paths(&sink), ["large.html", "small.html"]);
    }
}
