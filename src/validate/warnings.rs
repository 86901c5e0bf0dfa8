//! Warnings: what is valid but probably wrong or out of date.

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{RiskRef, Site};
use rayon::prelude::*;

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Every risk's warnings, in parallel (a 10,000-risk site has thousands),
/// in the order of its risks.
pub fn check(site: &Site, diags: &mut Diagnostics) {
    let risks: Vec<RiskRef> = site.all_risks().collect();
    let found: Vec<Vec<Diagnostic>> = risks.par_iter().map(|rr| of_risk(site, *rr)).collect();
    diags.extend(found.into_iter().flatten());
}

/// The warnings of one risk.
fn of_risk(site: &Site, rr: RiskRef) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let reg = &site.registers[rr.register];
    let fw = &reg.framework;
    let risk = site.risk(rr);
    if let Some(rated) = &risk.rated
        && let (Some(declared), Some(computed)) = (risk.declared_score, rated.assessment.score)
        && (declared - computed).abs() > f64::EPSILON
    {
        use crate::model::{Factors, Scoring};
        let rule = match (&risk.factors, &fw.scoring) {
            (Some(Factors::Cvss(_)), _) => "the vector's base score is".to_string(),
            (Some(Factors::Custom(f)), scoring) => format!(
                "the weighted means {} {} {} give",
                num(f.likelihood()),
                if matches!(scoring, Scoring::Sum) {
                    "+"
                } else {
                    "x"
                },
                num(f.impact())
            ),
            (_, Scoring::Sum) => {
                format!("{} + {} gives", rated.probability.text, rated.impact.text)
            }
            (_, Scoring::ScoreGrid(_)) => format!(
                "the scoring grid gives {} x {}",
                rated.probability.text, rated.impact.text
            ),
            _ => format!("{} x {} gives", rated.probability.text, rated.impact.text),
        };
        diags.push(
            Diagnostic::new(
                Code::ScoreMismatch,
                risk.origins.score.clone(),
                format!(
                    "{}: declared score {} but {rule} {}",
                    risk.id,
                    num(declared),
                    num(computed)
                ),
            )
            .with_label(format!("the scoring gives {}", num(computed)))
            .with_help("remove `score:` to use the computed one, or fix probability/impact"),
        );
    }
    // A review cannot have happened yet: often the next review's date
    // (which riskbook computes), or a typo; either way the risk would not
    // come due for review when it should.
    if let Some(reviewed) = risk.reviewed.filter(|r| *r > site.today) {
        diags.push(
            Diagnostic::new(
                Code::ReviewInFuture,
                risk.origins.reviewed.clone(),
                format!(
                    "{}: reviewed on {reviewed}, which is after today ({})",
                    risk.id, site.today
                ),
            )
            .with_label("a date to come")
            .with_help(
                "`reviewed:` is the date of the last review; riskbook computes the next one from `review_every_days`",
            ),
        );
    }
    if let Some(expires) = risk.acceptance_expired(site.today) {
        diags.push(
            Diagnostic::new(
                Code::AcceptanceExpired,
                risk.origins.expires.clone(),
                format!("{}: risk acceptance expired on {expires}", risk.id),
            )
            .with_help("renew the acceptance (a new `expires:`) or reopen the risk"),
        );
    }
    if !risk.is_active(fw) {
        return diags;
    }
    if let Some(due) = risk.review_due(fw.review_every_days)
        && due < site.today
    {
        diags.push(
            Diagnostic::new(
                Code::ReviewOverdue,
                risk.origins.reviewed.clone(),
                format!(
                    "{}: review overdue since {due} ({} days; reviewed every {} days)",
                    risk.id,
                    due.days_until(site.today),
                    fw.review_every_days
                ),
            )
            .with_help("review the risk and update `reviewed:`"),
        );
    }
    let Some(level) = risk.level() else {
        diags.push(
            Diagnostic::new(
                Code::Unrated,
                risk.origins.id.clone(),
                format!("{}: active risk is not rated yet", risk.id),
            )
            .with_help("rate its `probability:` and `impact:` on the register's scales"),
        );
        return diags;
    };
    let level = &fw.levels[level];
    if fw.is_top_two(risk.level().unwrap_or_default()) {
        let lacks = |code, what: &str, help: &str| {
            Diagnostic::new(
                code,
                risk.origins.id.clone(),
                format!("{}: active {} risk has no {what}", risk.id, level.label),
            )
            .with_help(help)
        };
        if risk.owners.is_empty() {
            diags.push(lacks(Code::NoOwner, "owner", "add `owner:`"));
        }
        if risk.playbooks.is_empty() {
            diags.push(lacks(
                Code::NoPlaybook,
                "playbook",
                "add `playbooks:` with the runbook section that handles it",
            ));
        }
    }
    diags
}
