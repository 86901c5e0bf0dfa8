//! Machine-readable outputs: `risks.json` (every field of every risk plus
//! computed score, level and URLs), the table of risks as `risks.csv` and
//! `risks.xlsx` (`table.rs`, `xlsx.rs`), `search-index.json`, and
//! `sitemap.xml` when a base URL is known.

mod table;
mod xlsx;
pub use table::write_risks_csv;
pub use xlsx::write_risks_xlsx;

use super::out::Out;
use super::{Env, urls};
use crate::model::register::Acceptance;
use crate::model::{Actions, Factors, Markdown, RiskRef, Site, Trigger};
use serde::Serialize;
use std::io::{self, Write};

/// Version of the `risks.json` format.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct ExportRating<'a> {
    /// As written, without the note: `Low/Medium`.
    text: &'a str,
    /// Scale id the score uses (upper end of a range).
    id: &'a str,
    low: &'a str,
    /// `null` for an unrated risk.
    value: Option<f64>,
    note: Option<&'a str>,
}

impl<'a> ExportRating<'a> {
    fn of(scale: &'a crate::model::Scale, r: &'a crate::model::Rating) -> Self {
        ExportRating {
            text: &r.text,
            id: &scale.entries[r.high].id,
            low: &scale.entries[r.low].id,
            value: Some(scale.entries[r.high].value),
            note: r.note.as_deref(),
        }
    }

    /// An `unrated` risk: identified, not analysed yet.
    fn unrated() -> Self {
        ExportRating {
            text: "unrated",
            id: "unrated",
            low: "unrated",
            value: None,
            note: None,
        }
    }
}

#[derive(Serialize)]
pub(super) struct ExportAction<'a> {
    text: &'a str,
    done: Option<bool>,
    due: Option<String>,
    issue: Option<&'a str>,
    owner: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct ExportRisk<'a> {
    register: &'a str,
    register_title: &'a str,
    id: &'a str,
    title: &'a str,
    status: &'a str,
    active: bool,
    category: Option<&'a str>,
    probability: ExportRating<'a>,
    impact: ExportRating<'a>,
    /// Computed; `null` under grid scoring.
    score: Option<f64>,
    declared_score: Option<f64>,
    level: &'a str,
    level_label: &'a str,
    /// The site-wide severity the level counts as; `unrated` when unrated.
    severity: &'a str,
    severity_label: &'a str,
    /// `method: owasp`: the factors as written and their means.
    #[serde(skip_serializing_if = "Option::is_none")]
    owasp: Option<serde_json::Value>,
    /// `method: cvss`: the vector, its version and base score.
    #[serde(skip_serializing_if = "Option::is_none")]
    cvss: Option<serde_json::Value>,
    /// What the risk costs in money: inputs and every figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    quant: Option<serde_json::Value>,
    /// Custom factors: the values by factor id and the weighted means.
    #[serde(skip_serializing_if = "Option::is_none")]
    factors: Option<serde_json::Value>,
    owners: &'a [String],
    description: Option<&'a str>,
    mitigation: Option<Vec<ExportAction<'a>>>,
    contingency: Option<Vec<ExportAction<'a>>>,
    trigger: Option<serde_json::Value>,
    signals: Vec<&'a str>,
    playbooks: Vec<&'a str>,
    related: Vec<&'a str>,
    issues: &'a [String],
    tags: &'a [String],
    watchlist: bool,
    position: Option<serde_json::Value>,
    residual: Option<serde_json::Value>,
    acceptance: Option<serde_json::Value>,
    reviewed: Option<String>,
    review_due: Option<String>,
    review_overdue: bool,
    sections: serde_json::Map<String, serde_json::Value>,
    extra: Option<serde_json::Value>,
    url: String,
    register_url: String,
    source: String,
    line: Option<usize>,
}

#[derive(Serialize)]
struct Export<'a> {
    schema: u32,
    site: &'a str,
    date: String,
    /// The site's words for the axes and the score (`labels:`); the keys
    /// of every risk stay `probability`, `impact` and `score` for scripts.
    labels: &'a crate::model::scoring::Labels,
    risks: Risks<'a>,
}

/// Every risk of a site, each made as it is written: the export of a
/// 10,000-risk site is not held whole.
struct Risks<'a>(&'a Site);

impl Serialize for Risks<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.all_risks().map(|rr| export_risk(self.0, rr)))
    }
}

fn actions(a: &Option<Actions>) -> Option<Vec<ExportAction<'_>>> {
    a.as_ref().map(|a| match a {
        Actions::Text(m) => vec![ExportAction {
            text: &m.text,
            done: None,
            due: None,
            issue: None,
            owner: None,
        }],
        Actions::List(items) => items
            .iter()
            .map(|i| ExportAction {
                text: &i.text.text,
                done: i.done,
                due: i.due.map(|d| d.to_string()),
                issue: i.issue.as_deref(),
                owner: i.owner.as_deref(),
            })
            .collect(),
    })
}

fn acceptance(a: &Acceptance) -> serde_json::Value {
    serde_json::json!({
        "by": a.by, "date": a.date, "expires": a.expires,
        "rationale": a.rationale.as_ref().map(|m: &Markdown| &m.text),
    })
}

/// The OWASP factors by their keys, and the means they give.
fn owasp_json(o: &crate::model::method::owasp::Owasp) -> serde_json::Value {
    use crate::model::method::owasp::{BUSINESS, LIKELIHOOD, TECHNICAL};
    let group = |names: &[(&str, &str)], values: &[f64]| {
        names
            .iter()
            .zip(values)
            .map(|((id, _), v)| ((*id).to_string(), serde_json::Value::from(*v)))
            .collect::<serde_json::Map<_, _>>()
    };
    let mut impact = group(&TECHNICAL, &o.technical);
    if let Some(b) = &o.business {
        impact.extend(group(&BUSINESS, b));
    }
    serde_json::json!({
        "likelihood": group(&LIKELIHOOD, &o.likelihood),
        "impact": impact,
        "likelihood_mean": o.likelihood(),
        "impact_mean": o.impact(),
    })
}

fn estimate_json(e: &crate::model::quant::Estimate) -> serde_json::Value {
    use crate::model::quant::Estimate;
    match *e {
        Estimate::Fixed(x) => serde_json::json!(x),
        Estimate::Range { low, high } => serde_json::json!({ "low": low, "high": high }),
        Estimate::Pert { min, likely, max } => {
            serde_json::json!({ "min": min, "likely": likely, "max": max })
        }
    }
}

fn figures_json(f: &crate::model::quant::Figures) -> serde_json::Value {
    serde_json::json!({
        "expected_annual_loss": f.mean,
        "median": f.median,
        "probability_of_loss": f.p_any,
        "p90": f.p90,
        "p95": f.p95,
        "p99": f.p99,
    })
}

/// The inputs as written and every figure; amounts are numbers.
fn quant_json(q: &crate::model::quant::Quant, currency: &str) -> serde_json::Value {
    let exposure = |e: &crate::model::quant::Exposure, f: Option<&crate::model::quant::Figures>| {
        let mut v = serde_json::json!({
            "frequency": estimate_json(&e.frequency),
            "loss": estimate_json(&e.loss),
        });
        if let (Some(f), Some(map)) = (f, v.as_object_mut()) {
            map.extend(figures_json(f).as_object().cloned().unwrap_or_default());
        }
        v
    };
    serde_json::json!({
        "currency": currency,
        "inherent": exposure(&q.inherent, q.figures.as_ref()),
        "residual": q.residual.as_ref().map(|r| exposure(r, q.residual_figures.as_ref())),
        "mitigation_cost": q.mitigation_cost,
        "return_on_mitigation": q.return_on_mitigation(),
    })
}

/// Custom factors by their ids, and the weighted means they give.
fn factors_json(f: &crate::model::method::factors::FactorValues) -> serde_json::Value {
    let group = |factors: &[crate::model::method::factors::Factor], values: &[f64]| {
        factors
            .iter()
            .zip(values)
            .map(|(f, v)| (f.id.clone(), serde_json::Value::from(*v)))
            .collect::<serde_json::Map<_, _>>()
    };
    serde_json::json!({
        "likelihood": group(&f.set.likelihood, &f.likelihood),
        "impact": group(&f.set.impact, &f.impact),
        "likelihood_mean": f.likelihood(),
        "impact_mean": f.impact(),
    })
}

pub(super) fn export_risk(site: &Site, rr: RiskRef) -> ExportRisk<'_> {
    let reg = &site.registers[rr.register];
    let fw = &reg.framework;
    let r = &reg.risks[rr.risk];
    let level = r.level().map(|l| &fw.levels[l]);
    let severity = r.level().map(|l| fw.severity(l));
    let due = r.review_due(fw.review_every_days);
    ExportRisk {
        register: &reg.id,
        register_title: &reg.title,
        id: &r.id,
        title: &r.title,
        status: &fw.statuses[r.status].id,
        active: r.is_active(fw),
        category: r.category.as_deref(),
        probability: r.rated.as_ref().map_or_else(ExportRating::unrated, |x| {
            ExportRating::of(&fw.probability, &x.probability)
        }),
        impact: r.rated.as_ref().map_or_else(ExportRating::unrated, |x| {
            ExportRating::of(&fw.impact, &x.impact)
        }),
        score: r.rated.as_ref().and_then(|x| x.assessment.score),
        declared_score: r.declared_score,
        level: level.map_or("unrated", |l| l.id.as_str()),
        level_label: level.map_or("Unrated", |l| l.label.as_str()),
        severity: severity.map_or("unrated", |s| s.id.as_str()),
        severity_label: severity.map_or("Unrated", |s| s.label.as_str()),
        owasp: match &r.factors {
            Some(Factors::Owasp(o)) => Some(owasp_json(o)),
            _ => None,
        },
        cvss: match &r.factors {
            Some(Factors::Cvss(c)) => Some(serde_json::json!({
                "vector": c.vector,
                "version": c.version,
                "score": c.score,
                "metrics": c.metrics.iter().map(|m| (m.code.clone(), serde_json::Value::from(m.value.clone()))).collect::<serde_json::Map<_, _>>(),
            })),
            _ => None,
        },
        quant: r.quant.as_ref().map(|q| quant_json(q, &fw.quant.currency)),
        factors: match &r.factors {
            Some(Factors::Custom(f)) => Some(factors_json(f)),
            _ => None,
        },
        owners: &r.owners,
        description: r.description.as_ref().map(|m| m.text.as_str()),
        mitigation: actions(&r.mitigation),
        contingency: actions(&r.contingency),
        trigger: r.trigger.as_ref().map(|t| match t {
            Trigger::Text(m) => serde_json::json!({ "text": m.text }),
            Trigger::Threshold { metric, op, threshold, window } => {
                serde_json::json!({ "text": t.summary(), "metric": metric, "op": op, "threshold": threshold, "window": window })
            }
        }),
        signals: r.signals.iter().map(|m| m.text.as_str()).collect(),
        playbooks: r.playbooks.iter().map(|(t, _)| t.as_str()).collect(),
        related: r.related.iter().map(|(t, _)| t.as_str()).collect(),
        issues: &r.issues,
        tags: &r.tags,
        watchlist: r.watchlist,
        position: r.position.map(|(p, i)| serde_json::json!({ "probability": p, "impact": i })),
        residual: r.residual.as_ref().map(|(p, i, a)| {
            serde_json::json!({
                "probability": fw.probability.entries[p.high].id,
                "impact": fw.impact.entries[i.high].id,
                "score": a.score,
                "level": fw.levels[a.level].id,
                "severity": fw.severity(a.level).id,
            })
        }),
        acceptance: r.acceptance.as_ref().map(acceptance),
        reviewed: r.reviewed.map(|d| d.to_string()),
        review_due: due.map(|d| d.to_string()),
        review_overdue: r.is_active(fw) && due.is_some_and(|d| d < site.today),
        sections: r
            .sections
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.text.clone())))
            .collect(),
        extra: r.extra.as_ref().map(crate::model::Extra::to_json),
        url: urls::risk(reg, r),
        register_url: urls::register(reg),
        source: reg.file.to_string_lossy().replace('\\', "/"),
        line: r.origins.id.span.map(|s| s.line),
    }
}

/// `risks.json`: versioned, every field of every risk; written to `w` as
/// it is made.
pub fn write_risks_json(site: &Site, w: &mut dyn Write) -> io::Result<()> {
    let export = Export {
        schema: SCHEMA_VERSION,
        site: &site.info.title,
        date: site.today.to_string(),
        labels: &site.framework.labels,
        risks: Risks(site),
    };
    serde_json::to_writer_pretty(&mut *w, &export)?;
    w.write_all(b"\n")
}

#[derive(Serialize)]
struct SearchEntry<'a> {
    /// Title shown in results.
    t: String,
    /// Root-relative URL.
    u: String,
    /// Kind: risk, register or page.
    k: &'static str,
    /// Lowercased text searched besides the title: owners, category and
    /// description of a risk, a register's id, a page's headings.
    x: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    l: Option<&'a str>,
}

/// Every export, each handed to `out` as soon as it is made.
pub fn all(env: &Env, out: &Out) {
    out.file("search-index.json".into(), search_index(env));
    out.write("risks.json".into(), &mut |w| write_risks_json(env.site, w));
    out.write("risks.csv".into(), &mut |w| write_risks_csv(env.site, w));
    out.write("risks.xlsx".into(), &mut |w| write_risks_xlsx(env.site, w));
    if let Some(base) = &env.site.info.base_url {
        out.file("sitemap.xml".into(), sitemap(env, base));
    }
}

fn sitemap(env: &Env, base: &str) -> Vec<u8> {
    let base = base.trim_end_matches('/');
    let site = env.site;
    let mut urls: Vec<String> = vec!["index.html".into(), "risks.html".into()];
    for reg in &site.registers {
        urls.push(urls::register(reg));
        urls.extend(reg.risks.iter().map(|r| urls::risk(reg, r)));
    }
    urls.extend(site.pages.iter().map(urls::page));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls {
        xml.push_str(&format!(
            "  <url><loc>{}/{}</loc></url>\n",
            super::charts::xml_escape(base),
            super::charts::xml_escape(&u)
        ));
    }
    xml.push_str("</urlset>\n");
    xml.into_bytes()
}

fn search_index(env: &Env) -> Vec<u8> {
    let site = env.site;
    let mut entries = Vec::new();
    for rr in site.all_risks() {
        let row = env.row(rr);
        let r = site.risk(rr);
        // The title (`t`) is searched too: the text holds only the rest.
        let mut text = row
            .owners
            .iter()
            .map(|o| o.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(c) = &r.category {
            text.push(' ');
            text.push_str(c);
        }
        if let Some(d) = &r.description {
            text.push(' ');
            text.push_str(&crate::markdown::plain_text(&d.text));
        }
        entries.push(SearchEntry {
            t: format!("{} {}", r.id, r.title),
            u: row.url.clone(),
            k: "risk",
            x: text.to_lowercase(),
            l: Some(&row.level.label),
        });
    }
    for reg in &site.registers {
        entries.push(SearchEntry {
            t: reg.title.clone(),
            u: urls::register(reg),
            k: "register",
            x: reg.id.to_lowercase(),
            l: None,
        });
    }
    for p in &site.pages {
        let headings: Vec<&str> = p.headings.iter().map(|h| h.text.as_str()).collect();
        entries.push(SearchEntry {
            t: p.title.clone(),
            u: urls::page(p),
            k: "page",
            x: headings.join(" ").to_lowercase(),
            l: None,
        });
    }
    serde_json::to_vec(&entries).unwrap_or_default()
}
