//! `registers/<reg>.html` and `registers/<reg>.svg`.

use super::document::with_document;
use super::{Out, issue_links, matrix, push};
use crate::diagnostics::Diagnostic;
use crate::model::RiskRef;
use crate::render::Env;
use crate::render::charts::quadrant;
use crate::render::markdown::Fields;
use crate::render::urls::{self, Taxonomy};
use crate::render::views::{self, num, taxonomy_links};
use serde::Serialize;

#[derive(Serialize)]
struct Section {
    id: String,
    title: String,
    html: String,
}

#[derive(Serialize)]
struct ActionView {
    html: String,
    done: bool,
    owner: Option<String>,
    due: Option<String>,
}

#[derive(Serialize)]
struct RevisionView {
    version: Option<String>,
    date: Option<String>,
    author: Option<String>,
    html: String,
}

#[derive(Serialize)]
struct ScaleRow {
    label: String,
    value: String,
    description: Option<String>,
}

/// Ids the register templates write themselves.
const PAGE_IDS: &[&str] = &[
    "matrix",
    "matrix-title",
    "matrix-desc",
    "matrix-table",
    "quadrant",
    "quadrant-title",
    "quadrant-desc",
    "trend-title",
    "trend-desc",
    "risks",
    "scoring",
    "actions",
    "revisions",
    "changes",
    "extra-data",
    "risk-details",
];

/// `registers/<reg>.html` and its stand-alone SVG.
pub fn render(
    env: &Env,
    ri: usize,
    history: &[super::history::VersionView],
    out: &Out,
    errs: &mut Vec<Diagnostic>,
) {
    let reg = &env.site.registers[ri];
    let path = urls::register(reg);
    let fields = Fields::new(env, ri, &path);
    let (ctx, m) = context(env, ri, history, &path, &fields);
    errs.extend(fields.into_diagnostics());
    // The stand-alone SVG sits beside the page, so the same relative links work.
    let standalone = crate::render::charts::heatmap::svg(
        &reg.framework,
        &m.placed,
        "matrix",
        &format!("Risk matrix: {}", reg.title),
        crate::render::charts::Use::StandAlone,
    );
    out.file(urls::register_svg(reg), standalone.into_bytes());
    let page = env.page_context(&path, &reg.title, with_document(ctx, reg), Some(&reg.file));
    let html = env.render_template("register.html", &path, &page);
    push(out, errs, path.clone(), html);
}

/// `registers/<reg>/print.html`: the register page and then every risk in
/// full, one document to print. Its fields render as on the pages, so their
/// broken links were reported there already.
pub fn print(
    env: &Env,
    ri: usize,
    history: &super::history::RegisterHistory,
    bodies: Vec<Option<super::risk::PageBody>>,
    out: &Out,
    errs: &mut Vec<Diagnostic>,
) {
    let reg = &env.site.registers[ri];
    let path = urls::register_print(reg);
    let fields = Fields::new(env, ri, &path);
    let (mut ctx, _) = context(env, ri, &history.versions, &path, &fields);
    let mut risks = Vec::new();
    // Each risk is an h3 here, its sections h4.
    fields.set_section_level(4);
    for ((k, r), body) in reg.risks.iter().enumerate().zip(bodies) {
        let ids = super::risk::Ids::take(&fields, r);
        if let Some(html) = body.and_then(|b| b.reuse(r, &ids, &path)) {
            risks.push(html);
            continue;
        }
        let rr = RiskRef {
            register: ri,
            risk: k,
        };
        let body = super::risk::view::Body::new(env, rr, history.of_risk(&r.id), &fields, &ids, 3);
        match super::risk::fragment(env, &body, &path) {
            Ok(html) => risks.push(html),
            Err(d) => errs.push(d),
        }
    }
    ctx.insert("print", &true);
    ctx.insert("risk_bodies", &risks);
    let title = format!("{} (printable)", reg.title);
    let page = env.page_context(&path, &title, with_document(ctx, reg), Some(&reg.file));
    let html = env.render_template("print.html", &path, &page);
    push(out, errs, path, html);
}

/// Everything the register templates show, and its matrix.
fn context(
    env: &Env,
    ri: usize,
    history: &[super::history::VersionView],
    path: &str,
    fields: &Fields,
) -> (tera::Context, matrix::Matrix) {
    let reg = &env.site.registers[ri];
    let fw = &reg.framework;
    let to_root = urls::to_root(path);
    fields.reserve(PAGE_IDS);
    // Section ids first, so a heading inside a field never takes one.
    let ids: Vec<String> = reg.sections.iter().map(|(t, _)| fields.id(t)).collect();
    let sections: Vec<Section> = reg
        .sections
        .iter()
        .zip(ids)
        .map(|((t, m), id)| Section {
            id,
            title: t.clone(),
            html: fields.block(m),
        })
        .collect();
    let summary = reg.summary.as_ref().map(|m| fields.block(m));
    let revisions: Vec<RevisionView> = reg
        .revisions
        .iter()
        .map(|r| RevisionView {
            version: r.version.clone(),
            date: r.date.map(|d| d.to_string()),
            author: r.author.clone(),
            html: fields.block(&r.changes),
        })
        .collect();
    let mut actions = Vec::new();
    for a in &reg.actions {
        actions.push(ActionView {
            html: fields.inline(&a.text),
            done: a.done,
            owner: a.owner.clone(),
            due: a.due.map(|d| d.to_string()),
        });
    }
    let refs: Vec<RiskRef> = (0..reg.risks.len())
        .map(|k| RiskRef {
            register: ri,
            risk: k,
        })
        .collect();
    let m = matrix::build(
        env,
        fw,
        &refs,
        path,
        "matrix",
        &format!("Risk matrix: {}", reg.title),
        false,
    );
    let points: Vec<quadrant::Point> = reg
        .risks
        .iter()
        .filter_map(|r| {
            r.position.map(|at| quadrant::Point {
                label: r.id.clone(),
                url: format!("{to_root}{}", urls::risk(reg, r)),
                title: r.title.clone(),
                at,
                color: r.level().map_or_else(
                    || views::unrated_level().color,
                    |l| fw.levels[l].color.clone(),
                ),
            })
        })
        .collect();
    let quadrants = reg.quadrants.clone().unwrap_or_else(|| {
        [
            "Mitigate urgently",
            "Monitor closely",
            "Accept / monitor",
            "Mitigate proactively",
        ]
        .map(String::from)
        .to_vec()
    });
    let quadrant_svg = (!points.is_empty()).then(|| {
        quadrant::svg(
            &points,
            &quadrants,
            "quadrant",
            &format!("Quadrant chart: {}", reg.title),
            &reg.framework.labels,
        )
    });
    let start = env.row_start[ri];
    let rows = env.table_rows_value(start..start + refs.len(), &to_root, false);
    let scale_rows = |s: &crate::model::Scale| -> Vec<ScaleRow> {
        s.entries
            .iter()
            .rev()
            .map(|e| ScaleRow {
                label: e.label.clone(),
                value: num(e.value),
                description: e.description.clone(),
            })
            .collect()
    };
    let scoring = scoring_rule(fw);
    let levels: Vec<_> = (0..fw.levels.len())
        .rev()
        .map(|i| {
            let l = &fw.levels[i];
            serde_json::json!({
                "level": views::level(fw, i),
                "min": if matches!(fw.scoring, crate::model::Scoring::Grid(_)) { None } else { Some(num(l.min)) },
                "description": l.description,
            })
        })
        .collect();
    let done = reg.actions.iter().filter(|a| a.done).count();
    let mut ctx = tera::Context::new();
    ctx.insert("labels", &fw.labels);
    ctx.insert(
        "register",
        &serde_json::json!({
            "id": reg.id,
            "title": reg.title,
            "status": reg.status,
            "version": reg.version,
            "owners": taxonomy_links(Taxonomy::Owner, &reg.owners),
            "scope": reg.scope,
            "updated": reg.updated.map(|d| d.to_string()),
            "issues": issue_links(env, &reg.issues),
            "review_every_days": fw.review_every_days,
            "extra": reg.extra,
            "source": reg.file.to_string_lossy().replace('\\', "/"),
        }),
    );
    ctx.insert("summary", &summary);
    ctx.insert(
        "extra_html",
        &reg.extra.as_ref().map(crate::render::extra::html),
    );
    ctx.insert("matrix", &m);
    ctx.insert("svg_url", &format!("{to_root}{}", urls::register_svg(reg)));
    ctx.insert("quadrant_svg", &quadrant_svg);
    ctx.insert_value("rows", rows);
    ctx.insert("sections", &sections);
    ctx.insert("actions", &actions);
    ctx.insert("actions_done", &done);
    ctx.insert("actions_open", &(actions.len() - done));
    ctx.insert("revisions", &revisions);
    match &fw.method {
        // The guide lists each group's factors and weights, not the
        // matrix's bands.
        crate::model::Method::Factors(set) => {
            let factor_rows = |factors: &[crate::model::method::factors::Factor]| -> Vec<ScaleRow> {
                factors
                    .iter()
                    .map(|f| ScaleRow {
                        label: f.label.clone(),
                        value: num(f.weight),
                        description: f.description.clone(),
                    })
                    .collect()
            };
            ctx.insert("probability_scale", &factor_rows(&set.likelihood));
            ctx.insert("impact_scale", &factor_rows(&set.impact));
            ctx.insert("row_header", "Factor");
            ctx.insert("value_header", "Weight");
        }
        _ => {
            ctx.insert("probability_scale", &scale_rows(&fw.probability));
            ctx.insert("impact_scale", &scale_rows(&fw.impact));
            ctx.insert("row_header", "Value");
            ctx.insert("value_header", &fw.labels.score);
        }
    }
    ctx.insert("levels", &levels);
    ctx.insert("scoring", &scoring);
    ctx.insert(
        "loss_html",
        &reg.loss.as_ref().map(|total| {
            let refs =
                (0..reg.risks.len()).map(|risk| crate::model::RiskRef { register: ri, risk });
            super::loss::total_html(
                total,
                &super::loss::contributors(env.site, refs, &to_root),
                &fw.quant.currency,
                &fw.quant.appetite,
                &format!("register-{}", reg.id),
            )
        }),
    );
    ctx.insert("history", history);
    ctx.insert("trend_svg", &super::history::register_trend(env, ri));
    ctx.insert("history_note", &env.site.history.note);
    ctx.insert(
        "statuses",
        &(0..fw.statuses.len())
            .map(|i| views::status(fw, i))
            .collect::<Vec<_>>(),
    );
    (ctx, m)
}

/// How the register's score and level are found, in a sentence.
fn scoring_rule(fw: &crate::model::Framework) -> String {
    use crate::model::{Method, Scoring};
    let (p, i, score) = (&fw.labels.probability, &fw.labels.impact, &fw.labels.score);
    let op = if matches!(fw.scoring, Scoring::Sum) {
        "+"
    } else {
        "×"
    };
    match (&fw.method, &fw.scoring) {
        (Method::Factors(set), _) => format!(
            "{} = weighted mean of the {} factors {op} weighted mean of the {} factors, each factor rated {} to {}; the level is the highest whose minimum the {} reaches",
            score.to_lowercase(),
            p.to_lowercase(),
            i.to_lowercase(),
            num(set.low),
            num(set.high),
            score.to_lowercase()
        ),
        (Method::Owasp, _) => {
            "likelihood and impact are the means of their factors (0 to 9), each Low (below 3), Medium (below 6) or High; the level is read from the OWASP severity table".to_string()
        }
        (Method::Cvss, _) => {
            "the score is the vector's CVSS base score; the level is its rating band".to_string()
        }
        (_, Scoring::Product) => format!("{} = {} × {}", score.to_lowercase(), p.to_lowercase(), i.to_lowercase()),
        (_, Scoring::Sum) => format!("{} = {} + {}", score.to_lowercase(), p.to_lowercase(), i.to_lowercase()),
        (_, Scoring::Grid(_)) => "level read from the matrix grid (no numeric score)".to_string(),
        (_, Scoring::ScoreGrid(_)) => {
            "score read from the matrix grid, level from the score".to_string()
        }
    }
}
