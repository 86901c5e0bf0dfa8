//! One risk of a register: its fields, its rating by the register's
//! method, its score and level, its acceptance and its quantities.

use crate::diagnostics::suggest;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::load::spans::YamlPath;
use crate::model::register::{Acceptance, RiskOrigins};
use crate::model::{Framework, Method, Rated, Risk, Trigger};
use crate::source::register::{RawRisk, RawTrigger};
use crate::source::text::Text;
use crate::validate::locator::Locator;

use super::fields::Ctx;

pub(super) fn risk(
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
    let source = crate::validate::method::RiskSource {
        loc: ctx.loc,
        fw: ctx.fw,
        raw,
        at: path,
    };
    crate::validate::method::other_methods_keys(source, &mut ctx.diags.borrow_mut());
    let rate = match ctx.fw.method {
        Method::Matrix => None,
        Method::Owasp => Some(crate::validate::method::owasp as crate::validate::method::Rate),
        Method::Cvss => Some(crate::validate::method::cvss as crate::validate::method::Rate),
        Method::Factors(_) => {
            Some(crate::validate::method::factors as crate::validate::method::Rate)
        }
    };
    let rating = match rate {
        None => matrix_rating(ctx, raw, path).map(|r| (r, None)),
        Some(rate) => rate(source, &mut ctx.diags.borrow_mut()).map(|(r, f)| (Some(r), Some(f))),
    };
    let residual = match &raw.residual {
        Some(r) => {
            let mut on = |scale, written: &Text, axis: &str| {
                let at = path.key("residual").key(axis);
                let written = ctx.required(written, &at, &format!("residual {axis}"));
                ctx.rating(scale, &written, axis, &at)
            };
            let rp = on(&fw.probability, &r.probability, "probability");
            let ri = on(&fw.impact, &r.impact, "impact");
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
    let quant = crate::validate::quant::risk(raw, path, ctx.loc, &mut ctx.diags.borrow_mut());
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
