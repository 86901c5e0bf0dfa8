//! A raw register to a validated `Register`: ratings matched to scales,
//! statuses resolved, ids checked, score and level computed.

use super::framework;
use super::locator::Locator;
use crate::diagnostics::suggest;
use crate::diagnostics::{Code, Diagnostic, Location, SourceFile};
use crate::load::LoadedRegister;
use crate::load::spans::YamlPath;
use crate::model::register::{Acceptance, RiskOrigins};
use crate::model::{
    Action, ActionItem, Actions, Framework, Markdown, Method, Rated, Rating, Register, Revision,
    Risk, Scale, Trigger,
};
use crate::source::config::framework_of;
use crate::source::register::{RawAction, RawActionItem, RawActions, RawRisk, RawTrigger};
use crate::source::text::{OneOrMany, Text};
use std::collections::HashMap;
use std::sync::Arc;

struct Ctx<'a> {
    loc: Locator<'a>,
    fw: &'a Framework,
    /// A cell, so the field conversions below can all take `&self`.
    diags: std::cell::RefCell<Vec<Diagnostic>>,
}

impl Ctx<'_> {
    fn md(&self, text: &Text, path: &YamlPath) -> Markdown {
        Markdown {
            text: text.0.clone(),
            origin: self.loc.at(path),
        }
    }

    /// Markdown from the scalar arm of an either-form, as written.
    fn md_scalar(&self, s: &crate::source::text::Scalar, path: &YamlPath) -> Markdown {
        Markdown {
            text: self.loc.written(s, path),
            origin: self.loc.at(path),
        }
    }

    fn owners(&self, raw: &Option<OneOrMany>, path: &YamlPath) -> Vec<String> {
        match raw {
            None => Vec::new(),
            Some(OneOrMany::One(s)) => vec![self.loc.written(s, path).trim().to_string()],
            Some(OneOrMany::Many(v)) => v.iter().map(|t| t.0.trim().to_string()).collect(),
        }
        .into_iter()
        .filter(|o| !o.is_empty())
        .collect()
    }

    /// A key the risk must have: its value (checked not blank), or a
    /// `missing-key` error at the risk and an empty text.
    fn required_key(&self, t: &Option<Text>, risk: &YamlPath, key: &str) -> String {
        match t {
            Some(t) => self.required(t, &risk.key(key), key),
            None => {
                self.diags.borrow_mut().push(crate::load::yaml::missing_key(
                    self.loc.at(risk),
                    risk,
                    key,
                ));
                String::new()
            }
        }
    }

    fn required(&self, t: &Text, path: &YamlPath, what: &str) -> String {
        self.loc
            .required(t, path, what, &mut self.diags.borrow_mut())
    }

    /// Markdown that must not be blank (the text of an action, a revision).
    fn md_required(&self, t: &Text, path: &YamlPath, what: &str) -> Markdown {
        self.required(t, path, what);
        self.md(t, path)
    }

    fn rating(
        &mut self,
        scale: &Scale,
        written: &str,
        what: &str,
        path: &YamlPath,
    ) -> Option<Rating> {
        if written.trim().is_empty() {
            return None; // reported as an empty required value
        }
        match scale.rate(written) {
            Ok(r) => Some(r),
            Err(e) => {
                let known = scale.ids().collect::<Vec<_>>().join(", ");
                self.diags.borrow_mut().push(
                    Diagnostic::new(
                        Code::UnknownValue,
                        self.loc.at(path),
                        format!("unknown {what} `{}`", e.part),
                    )
                    .with_label(format!("not on the {what} scale"))
                    .with_help(match e.suggestion {
                        Some(s) => format!("did you mean `{s}`? ({what} is one of: {known})"),
                        None => format!("{what} is one of: {known}"),
                    }),
                );
                None
            }
        }
    }

    fn actions(&self, raw: &RawActions, path: &YamlPath) -> Actions {
        match raw {
            RawActions::Text(t) => Actions::Text(self.md_scalar(t, path)),
            RawActions::List(items) => Actions::List(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let p = path.index(i);
                        match item {
                            RawActionItem::Text(t) => ActionItem {
                                text: self.md_scalar(t, &p),
                                done: None,
                                due: None,
                                issue: None,
                                owner: None,
                            },
                            RawActionItem::Item(a) => ActionItem {
                                text: self.md_required(&a.action, &p.key("action"), "the action"),
                                done: Some(a.done),
                                due: a.due,
                                issue: a.issue.as_ref().map(|t| t.0.clone()),
                                owner: a.owner.as_ref().map(|t| t.0.clone()),
                            },
                        }
                    })
                    .collect(),
            ),
        }
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Validates one register. `site_fw` is the site's framework, used where
/// the register does not override it.
pub fn validate(
    loaded: &LoadedRegister,
    source: Option<&SourceFile>,
    site_fw: &Arc<Framework>,
) -> (Register, Vec<Diagnostic>) {
    let raw = &loaded.raw;
    let loc = Locator {
        file: &loaded.file,
        spans: &loaded.spans,
        source,
    };
    let mut diags = Vec::new();
    let (fw, shares) = register_framework(raw, site_fw, loc, &mut diags);
    let mut ctx = Ctx {
        loc,
        fw: &fw,
        diags: diags.into(),
    };
    let root = YamlPath::root();

    let mut risks = Vec::new();
    let mut seen: HashMap<String, (String, Location)> = HashMap::new();
    for (i, raw_risk) in raw.risks.iter().enumerate() {
        let path = root.key("risks").index(i);
        let id = ctx
            .required(&raw_risk.id, &path.key("id"), "the risk's id")
            .trim()
            .to_string();
        let id_loc = ctx.loc.at(&path.key("id"));
        if !id.is_empty() && !valid_id(&id) {
            ctx.diags.borrow_mut().push(
                Diagnostic::new(
                    Code::InvalidId,
                    id_loc.clone(),
                    format!("invalid risk id `{id}`"),
                )
                .with_label("ids are used in file names and links")
                .with_help("use only letters, digits, `.`, `_` and `-`, e.g. `R-001`"),
            );
        } else if id.eq_ignore_ascii_case("print") {
            // `registers/<reg>/print.html` is the register's printed document.
            ctx.diags.borrow_mut().push(
                Diagnostic::new(
                    Code::ReservedPath,
                    id_loc.clone(),
                    format!("risk id `{id}` is reserved"),
                )
                .with_label("its page would replace the register's printable document, print.html")
                .with_help("choose another id, e.g. `R-print`"),
            );
        }
        match seen.get(&id.to_lowercase()) {
            Some((first, first_loc)) => {
                let msg = if *first == id {
                    format!("duplicate risk id `{id}`")
                } else {
                    format!("risk ids `{first}` and `{id}` differ only in letter case")
                };
                ctx.diags.borrow_mut().push(
                    Diagnostic::new(Code::DuplicateRisk, id_loc.clone(), msg)
                        .with_label("second use")
                        .with_related(first_loc.clone(), "first used here")
                        .with_help("risk ids must be unique in a register (ignoring case: each risk gets its own page)"),
                );
                continue;
            }
            None => {
                seen.insert(id.to_lowercase(), (id.clone(), id_loc.clone()));
            }
        }
        if let Some(risk) = risk(&mut ctx, raw_risk, &path, id, id_loc) {
            risks.push(risk);
        }
    }

    let sections = raw
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                ctx.required(
                    &s.title,
                    &root.key("sections").index(i).key("title"),
                    "the section title",
                ),
                ctx.md(&s.body, &root.key("sections").index(i).key("body")),
            )
        })
        .collect();
    let actions = raw
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let p = root.key("actions").index(i);
            match a {
                RawAction::Text(t) => Action {
                    text: ctx.md_scalar(t, &p),
                    done: false,
                    owner: None,
                    due: None,
                },
                RawAction::Item(e) => Action {
                    text: ctx.md_required(&e.text, &p.key("text"), "the action"),
                    done: e.done,
                    owner: e.owner.as_ref().map(|t| t.0.clone()),
                    due: e.due,
                },
            }
        })
        .collect();
    let revisions = raw
        .revisions
        .iter()
        .enumerate()
        .map(|(i, r)| Revision {
            version: r.version.as_ref().map(|t| t.0.clone()),
            date: r.date,
            author: r.author.as_ref().map(|t| t.0.clone()),
            changes: ctx.md_required(
                &r.changes,
                &root.key("revisions").index(i).key("changes"),
                "the revision's changes",
            ),
        })
        .collect();
    if let Some(q) = &raw.quadrants
        && q.len() != 4
    {
        ctx.diags.borrow_mut().push(
            Diagnostic::new(
                Code::WrongType,
                ctx.loc.at(&root.key("quadrants")),
                format!("`quadrants` names 4 quadrants, not {}", q.len()),
            )
            .with_help("list them as Mermaid does: top right, top left, bottom left, bottom right"),
        );
    }
    let title = ctx.required(&raw.title, &root.key("title"), "the register's title");
    let summary = raw
        .summary
        .as_ref()
        .map(|s| ctx.md(s, &root.key("summary")));
    let owners = ctx.owners(&raw.owner, &root.key("owner"));
    let extra = raw
        .extra
        .as_ref()
        .map(|e| ctx.loc.extra(e, &root.key("extra")));
    let Ctx { diags, .. } = ctx;
    // Each quantified risk's years, in parallel: each draws from its own
    // stream, so the numbers do not depend on the threads.
    // Their total is summed as they go: one vector of years per thread,
    // never every risk's years at once.
    let loss = {
        use rayon::prelude::*;
        let years = risks
            .par_iter_mut()
            .fold(
                || (Vec::new(), Vec::new()),
                |(mut total, mut years): (Vec<f64>, Vec<f64>), r: &mut Risk| {
                    if let Some(q) = &mut r.quant {
                        q.simulate(&fw.quant, &loaded.id, &r.id, &mut years);
                        crate::model::quant::Total::add(&mut total, &years);
                    }
                    (total, years)
                },
            )
            .map(|(total, _)| total)
            .reduce(Vec::new, |mut a, b| {
                crate::model::quant::Total::add(&mut a, &b);
                a
            });
        (!years.is_empty()).then(|| {
            let mut total = crate::model::quant::Total::of(years);
            total.shares_of(
                &super::quant::biggest(risks.iter().map(|r| (loaded.id.as_str(), r))),
                &fw.quant,
            );
            total
        })
    };
    let register = Register {
        id: loaded.id.clone(),
        file: loaded.file.clone(),
        title,
        status: raw.status,
        version: raw.version.as_ref().map(|t| t.0.clone()),
        owners,
        scope: raw.scope.as_ref().map(|t| t.0.clone()),
        updated: raw.updated,
        summary,
        risks,
        sections,
        actions,
        revisions,
        issues: raw.issues.iter().map(|t| t.0.clone()).collect(),
        quadrants: raw
            .quadrants
            .as_ref()
            .filter(|q| q.len() == 4)
            .map(|q| q.iter().map(|t| t.0.clone()).collect()),
        extra,
        framework: fw.clone(),
        shares_site_matrix: shares,
        loss,
    };
    (register, diags.into_inner())
}

fn risk(
    ctx: &mut Ctx,
    raw: &RawRisk,
    path: &YamlPath,
    id: String,
    origin: Location,
) -> Option<Risk> {
    let fw = ctx.fw;
    let title = ctx.required(&raw.title, &path.key("title"), "the risk's title");
    let status = match &raw.status {
        None => fw.default_status(),
        Some(s) => match fw.status_index(&s.0) {
            Some(i) => i,
            None => {
                let known = fw
                    .statuses
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                ctx.diags.borrow_mut().push(
                    Diagnostic::new(
                        Code::UnknownValue,
                        ctx.loc.at(&path.key("status")),
                        format!("unknown status `{}`", s.0),
                    )
                    .with_help(
                        match suggest::nearest(&s.0, fw.statuses.iter().map(|s| s.id.as_str())) {
                            Some(n) => format!("did you mean `{n}`? (status is one of: {known})"),
                            None => format!("status is one of: {known}"),
                        },
                    ),
                );
                fw.default_status()
            }
        },
    };
    super::method::other_methods_keys(ctx.loc, ctx.fw, raw, path, &mut ctx.diags.borrow_mut());
    let rate = match ctx.fw.method {
        Method::Matrix => None,
        Method::Owasp => Some(super::method::owasp as super::method::Rate),
        Method::Cvss => Some(super::method::cvss as super::method::Rate),
        Method::Factors(_) => Some(super::method::factors as super::method::Rate),
    };
    let rating = match rate {
        None => matrix_rating(ctx, raw, path).map(|r| (r, None)),
        Some(rate) => rate(ctx.loc, ctx.fw, raw, path, &mut ctx.diags.borrow_mut())
            .map(|(r, f)| (Some(r), Some(f))),
    };
    let residual = match &raw.residual {
        Some(r) => {
            let rp = ctx.rating(
                &fw.probability,
                &ctx.required(
                    &r.probability,
                    &path.key("residual").key("probability"),
                    "residual probability",
                ),
                "probability",
                &path.key("residual").key("probability"),
            );
            let ri = ctx.rating(
                &fw.impact,
                &ctx.required(
                    &r.impact,
                    &path.key("residual").key("impact"),
                    "residual impact",
                ),
                "impact",
                &path.key("residual").key("impact"),
            );
            match (rp, ri) {
                (Some(rp), Some(ri)) => {
                    let a = fw.assess(&rp, &ri);
                    Some((rp, ri, a))
                }
                _ => None,
            }
        }
        None => None,
    };
    if let Some(pos) = &raw.position {
        for (v, key) in [(pos.probability, "probability"), (pos.impact, "impact")] {
            if !(0.0..=1.0).contains(&v) {
                ctx.diags.borrow_mut().push(
                    Diagnostic::new(Code::WrongType, ctx.loc.at(&path.key("position").key(key)), format!("position {key} {v} is outside 0..1"))
                        .with_help("positions place the risk on the quadrant chart: 0 is the low end, 1 the high end"),
                );
            }
        }
    }
    let owners = ctx.owners(&raw.owner, &path.key("owner"));
    let refs = |list: &[Text], key: &str| -> Vec<(String, Location)> {
        list.iter()
            .enumerate()
            .map(|(k, s)| (s.0.trim().to_string(), ctx.loc.at(&path.key(key).index(k))))
            .collect()
    };
    let playbooks = refs(&raw.playbooks, "playbooks");
    let related = refs(&raw.related, "related");
    let trigger = match &raw.trigger {
        None => None,
        Some(RawTrigger::Text(s)) => Some(Trigger::Text(ctx.md_scalar(s, &path.key("trigger")))),
        Some(RawTrigger::Threshold(th)) => {
            let at = path.key("trigger");
            let metric = ctx.required(&th.metric, &at.key("metric"), "the trigger's metric");
            let text = |t: &Option<Text>| t.as_ref().map(|t| t.0.clone());
            Some(Trigger::Threshold {
                metric,
                op: text(&th.op),
                threshold: text(&th.threshold),
                window: text(&th.window),
            })
        }
    };
    let mitigation = raw
        .mitigation
        .as_ref()
        .map(|m| ctx.actions(m, &path.key("mitigation")));
    let contingency = raw
        .contingency
        .as_ref()
        .map(|m| ctx.actions(m, &path.key("contingency")));
    let quant = super::quant::risk(raw, path, ctx.loc, &mut ctx.diags.borrow_mut());
    // Every field above is checked even when a rating is wrong, so one run
    // reports all of a risk's errors.
    let (rated, factors) = rating?;
    Some(Risk {
        id,
        title,
        status,
        category: raw
            .category
            .as_ref()
            .map(|t| t.0.trim().to_string())
            .filter(|c| !c.is_empty()),
        rated,
        factors,
        quant,
        declared_score: raw.score,
        owners,
        description: raw
            .description
            .as_ref()
            .map(|d| ctx.md(d, &path.key("description"))),
        mitigation,
        contingency,
        trigger,
        signals: raw
            .signals
            .iter()
            .enumerate()
            .map(|(k, s)| ctx.md(s, &path.key("signals").index(k)))
            .collect(),
        playbooks,
        related,
        issues: raw.issues.iter().map(|t| t.0.clone()).collect(),
        tags: raw.tags.iter().map(|t| t.0.clone()).collect(),
        watchlist: raw.watchlist,
        position: raw.position.map(|p| (p.probability, p.impact)),
        residual,
        acceptance: raw.acceptance.as_ref().map(|a| Acceptance {
            by: a.by.as_ref().map(|t| t.0.clone()),
            date: a.date,
            expires: a.expires,
            rationale: a
                .rationale
                .as_ref()
                .map(|r| ctx.md(r, &path.key("acceptance").key("rationale"))),
        }),
        reviewed: raw.reviewed,
        sections: raw
            .sections
            .iter()
            .map(|(k, v)| (k.clone(), ctx.md(v, &path.key("sections").key(k))))
            .collect(),
        extra: raw
            .extra
            .as_ref()
            .map(|e| ctx.loc.extra(e, &path.key("extra"))),
        origins: RiskOrigins {
            score: ctx.loc.at(&path.key("score")),
            reviewed: ctx.loc.at(&path.key("reviewed")),
            expires: ctx.loc.at(&path.key("acceptance").key("expires")),
            id: origin,
        },
    })
}

/// A risk's rating on the matrix: `Some` rated, `None` unrated; `None`
/// outright when the rating is wrong (its errors are in `ctx`).
fn matrix_rating(ctx: &mut Ctx, raw: &RawRisk, path: &YamlPath) -> Option<Option<Rated>> {
    let p_written = ctx.required_key(&raw.probability, path, "probability");
    let i_written = ctx.required_key(&raw.impact, path, "impact");
    let fw = ctx.fw;
    // `unrated` (unless a scale defines that word): identified, not analysed.
    let unrated = |w: &str, scale: &crate::model::Scale| {
        w.trim().eq_ignore_ascii_case("unrated") && scale.rate(w).is_err()
    };
    let (p_unrated, i_unrated) = (
        unrated(&p_written, &fw.probability),
        unrated(&i_written, &fw.impact),
    );
    if p_unrated != i_unrated {
        let key = if p_unrated { "impact" } else { "probability" };
        ctx.diags.borrow_mut().push(
            Diagnostic::new(
                Code::UnknownValue,
                ctx.loc.at(&path.key(key)),
                format!("{key} is rated but the other axis is `unrated`"),
            )
            .with_label("a risk is rated on both axes or on neither")
            .with_help(format!("write `{key}: unrated` too, or rate both")),
        );
    }
    let p = if p_unrated {
        None
    } else {
        ctx.rating(
            &fw.probability,
            &p_written,
            "probability",
            &path.key("probability"),
        )
    };
    let i = if i_unrated {
        None
    } else {
        ctx.rating(&fw.impact, &i_written, "impact", &path.key("impact"))
    };
    if p_unrated && i_unrated {
        return Some(None);
    }
    let (p, i) = (p?, i?);
    let assessment = fw.assess(&p, &i);
    Some(Some(Rated {
        probability: p,
        impact: i,
        assessment,
    }))
}

/// The framework a register rates its risks on: its method's (its own
/// `method:`, else the site's default), with its overrides over the
/// site's; and whether its risks share the site's matrix.
fn register_framework(
    raw: &crate::source::RawRegister,
    site_fw: &Arc<Framework>,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> (Arc<Framework>, bool) {
    let overrides = framework_of!(raw);
    let method = match &raw.method {
        Some(m) => super::method::resolve(m, &YamlPath::root().key("method"), loc, diags),
        None => site_fw.method.clone(),
    };
    if method != Method::Matrix {
        let fw = super::method::for_method(&method, &overrides, site_fw, loc, diags);
        return (Arc::new(fw), false);
    }
    if overrides.is_empty() && site_fw.method == Method::Matrix {
        return (site_fw.clone(), true);
    }
    let mut fw = framework::build(&overrides, site_fw, loc, diags);
    fw.method = Method::Matrix;
    let shares = fw.same_matrix(site_fw);
    (Arc::new(fw), shares)
}

/// The framework a register declares over the site's, without positions
/// (for old versions in the history).
pub fn framework_alone(
    raw: &crate::source::RawRegister,
    site_fw: &Arc<Framework>,
) -> Arc<Framework> {
    let spans = crate::load::spans::SpanIndex::default();
    let loc = Locator {
        file: std::path::Path::new(""),
        spans: &spans,
        source: None,
    };
    register_framework(raw, site_fw, loc, &mut Vec::new()).0
}

/// Validates one risk against `fw`, without positions (for old versions in
/// the history): the same rules as a current register's risks.
pub fn risk_alone(raw: &RawRisk, fw: &Framework) -> Option<Risk> {
    let spans = crate::load::spans::SpanIndex::default();
    let file = std::path::Path::new("");
    let mut ctx = Ctx {
        loc: Locator {
            file,
            spans: &spans,
            source: None,
        },
        fw,
        diags: Default::default(),
    };
    let id = raw.id.0.trim().to_string();
    risk(
        &mut ctx,
        raw,
        &YamlPath::root(),
        id,
        Location::new(file, None),
    )
}
