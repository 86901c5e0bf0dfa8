//! `index.html`: registers, counts by severity and status, the combined
//! matrix, watchlist, overdue reviews and expired acceptances.

use super::{Out, matrix, push};
use crate::diagnostics::Diagnostic;
use crate::model::RiskRef;
use crate::render::Env;
use crate::render::urls::{self, Taxonomy};
use crate::render::views::{LevelView, Link, RiskRow};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Count {
    label: String,
    n: usize,
    url: String,
}

#[derive(Serialize)]
struct RegisterCard {
    id: String,
    title: String,
    url: String,
    status: Option<String>,
    version: Option<String>,
    risks: usize,
    active: usize,
    levels: Vec<(LevelView, usize)>,
}

#[derive(Serialize)]
struct OwnMatrix {
    title: String,
    url: String,
    matrix: matrix::Matrix,
    /// The register's words for the axes.
    labels: crate::model::scoring::Labels,
}

/// How many risks each list of the dashboard shows.
const DASHBOARD_LIST: usize = 25;

pub fn render(env: &Env, out: &Out, errs: &mut Vec<Diagnostic>) {
    let site = env.site;
    let path = "index.html";
    let mut cards = Vec::new();
    let mut by_status: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let mut combined: Vec<RiskRef> = Vec::new();
    let mut own = Vec::new();
    for (ri, reg) in site.registers.iter().enumerate() {
        let fw = &reg.framework;
        let mut levels = vec![0usize; fw.levels.len()];
        let mut active = 0;
        for (k, r) in reg.risks.iter().enumerate() {
            if let Some(level) = r.level() {
                levels[level] += 1;
            }
            let s = &fw.statuses[r.status];
            by_status
                .entry(s.label.clone())
                .or_insert((0, s.id.clone()))
                .0 += 1;
            if r.is_active(fw) {
                active += 1;
            }
            if reg.shares_site_matrix {
                combined.push(RiskRef {
                    register: ri,
                    risk: k,
                });
            }
        }
        if !reg.shares_site_matrix && !reg.risks.is_empty() {
            let refs: Vec<RiskRef> = (0..reg.risks.len())
                .map(|k| RiskRef {
                    register: ri,
                    risk: k,
                })
                .collect();
            own.push(OwnMatrix {
                title: reg.title.clone(),
                url: urls::register(reg),
                matrix: matrix::build(
                    env,
                    fw,
                    &refs,
                    path,
                    &format!("matrix-{}", reg.id),
                    &format!("Risk matrix: {}", reg.title),
                    false,
                ),
                labels: fw.labels.clone(),
            });
        }
        cards.push(RegisterCard {
            id: reg.id.clone(),
            title: reg.title.clone(),
            url: urls::register(reg),
            status: reg.status.map(|s| format!("{s:?}").to_lowercase()),
            version: reg.version.clone(),
            risks: reg.risks.len(),
            active,
            levels: levels
                .iter()
                .enumerate()
                .rev()
                .map(|(i, n)| (crate::render::views::level(fw, i), *n))
                .collect(),
        });
    }
    // Counts across the site by severity: each register's levels count as
    // the site-wide severity they map to.
    let severity_counts = crate::render::views::severity_counts(site, site.all_risks());
    let status_counts: Vec<Count> = by_status
        .into_iter()
        .map(|(label, (n, id))| Count {
            label,
            n,
            url: Taxonomy::Status.url(&id),
        })
        .collect();
    // Qualify ids in the combined matrix only when two registers share one.
    let mut seen = std::collections::HashSet::new();
    let qualify = combined
        .iter()
        .any(|rr| !seen.insert(site.risk(*rr).id.as_str()));
    let combined_matrix = (!combined.is_empty()).then(|| {
        matrix::build(
            env,
            &site.framework,
            &combined,
            path,
            "matrix-site",
            "Risk matrix: all registers on the site scales",
            qualify,
        )
    });
    // Rows by index into `Env::rows`, highest levels first.
    let pick = |f: &dyn Fn(&RiskRow) -> bool| -> Vec<usize> {
        let mut v: Vec<usize> = (0..env.all_rows().len())
            .filter(|i| f(env.row_at(*i)))
            .collect();
        v.sort_by(|a, b| {
            let (a, b) = (env.row_at(*a), env.row_at(*b));
            b.level
                .rank
                .cmp(&a.level.rank)
                .then(a.register.url.cmp(&b.register.url))
                .then(a.id.cmp(&b.id))
        });
        v
    };
    // The dashboard shows the first of each list, highest levels first;
    // the weekly review and the risks table hold them all.
    let cut = |mut v: Vec<usize>| -> (tera::Value, usize) {
        let more = v.len().saturating_sub(DASHBOARD_LIST);
        v.truncate(DASHBOARD_LIST);
        (env.table_rows_value(v, "", true), more)
    };
    let (watchlist, watchlist_more) = cut(pick(&|r| r.watchlist && r.status.active));
    let (overdue, overdue_more) = cut(pick(&|r| r.overdue));
    let (expired, expired_more) = cut(pick(&|r| r.acceptance_expired));
    let mut owners: BTreeMap<String, Link> = BTreeMap::new();
    let mut categories: BTreeMap<String, Link> = BTreeMap::new();
    for row in env.all_rows() {
        for o in &row.owners {
            owners.entry(o.url.clone()).or_insert_with(|| o.clone());
        }
        if let Some(c) = &row.category {
            categories.entry(c.url.clone()).or_insert_with(|| c.clone());
        }
    }
    let pages: Vec<Link> = site
        .pages
        .iter()
        .map(|p| Link {
            text: p.title.clone(),
            url: urls::page(p),
        })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert("registers", &cards);
    ctx.insert("severity_counts", &severity_counts);
    // The name templates written before severities use.
    ctx.insert("level_counts", &severity_counts);
    ctx.insert("status_counts", &status_counts);
    ctx.insert("total", &env.all_rows().len());
    ctx.insert("combined", &combined_matrix);
    ctx.insert("own_matrices", &own);
    ctx.insert_value("watchlist", watchlist);
    ctx.insert_value("overdue", overdue);
    ctx.insert_value("expired", expired);
    ctx.insert("watchlist_more", &watchlist_more);
    ctx.insert("overdue_more", &overdue_more);
    ctx.insert("expired_more", &expired_more);
    ctx.insert("owners", &owners.into_values().collect::<Vec<_>>());
    ctx.insert("categories", &categories.into_values().collect::<Vec<_>>());
    ctx.insert("pages", &pages);
    ctx.insert("description", &site.info.description);
    ctx.insert(
        "loss_html",
        &site.loss.as_ref().map(|total| {
            let q = &site.framework.quant;
            super::loss::total_html(
                total,
                &super::loss::contributors(site, site.all_risks(), ""),
                &q.currency,
                &q.appetite,
                "site",
            )
        }),
    );
    push(
        out,
        errs,
        path.into(),
        env.page("index.html", path, &site.info.title, ctx),
    );
}
