//! The `owasp:` factors of a risk under `method: owasp`.

use super::{MethodRating, RiskSource};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::spans::YamlPath;
use crate::model::Factors;
use crate::model::method::owasp as owasp_model;

/// The `owasp:` factors of a risk: every one 0..9, all eight likelihood
/// and four technical factors, the business ones all or none.
pub(in crate::validate) fn owasp(src: RiskSource, diags: &mut Vec<Diagnostic>) -> MethodRating {
    let o = src.required(&src.raw.owasp, "owasp", diags)?;
    let (loc, fw, risk) = (src.loc, src.fw, src.at);
    let at = risk.key("owasp");
    let l = &o.likelihood;
    let likelihood = [
        l.skill,
        l.motive,
        l.opportunity,
        l.size,
        l.discovery,
        l.exploit,
        l.awareness,
        l.detection,
    ];
    let i = &o.impact;
    let technical = [
        i.confidentiality,
        i.integrity,
        i.availability,
        i.accountability,
    ];
    let business = [i.financial, i.reputation, i.compliance, i.privacy];
    let mut ok = true;
    let mut group = |values: &[Option<f64>],
                     names: &[(&str, &str)],
                     path: YamlPath,
                     what: &str,
                     diags: &mut Vec<Diagnostic>|
     -> Vec<f64> {
        let missing: Vec<String> = values
            .iter()
            .zip(names)
            .filter(|(v, _)| v.is_none())
            .map(|(_, (id, _))| format!("`{id}`"))
            .collect();
        if !missing.is_empty() {
            ok = false;
            diags.push(super::missing_factors(
                loc.at(&path),
                format!("{what}: missing {}", missing.join(", ")),
                format!(
                    "the factors are {}, each 0 to 9",
                    names
                        .iter()
                        .map(|(id, name)| format!("`{id}` ({name})"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        for (v, (id, name)) in values.iter().zip(names) {
            if let Some(v) = v
                && !(0.0..=owasp_model::MAX).contains(v)
            {
                ok = false;
                diags.push(
                    Diagnostic::new(
                        Code::InvalidFactor,
                        loc.at(&path.key(id)),
                        format!("{name} (`{id}`) is {v}, outside 0 to 9"),
                    )
                    .with_label("not 0 to 9")
                    .with_help("every OWASP factor is rated from 0 (least) to 9 (most)"),
                );
            }
        }
        values.iter().map(|v| v.unwrap_or(0.0)).collect()
    };
    let l = group(
        &likelihood,
        &owasp_model::LIKELIHOOD,
        at.key("likelihood"),
        "the likelihood needs all eight factors",
        diags,
    );
    let t = group(
        &technical,
        &owasp_model::TECHNICAL,
        at.key("impact"),
        "the technical impact needs all four factors",
        diags,
    );
    let b = match business.iter().filter(|v| v.is_some()).count() {
        0 => None,
        _ => Some(group(
            &business,
            &owasp_model::BUSINESS,
            at.key("impact"),
            "the business impact needs all four factors or none",
            diags,
        )),
    };
    if !ok {
        return None;
    }
    let factors = owasp_model::Owasp {
        likelihood: l.try_into().ok()?,
        technical: t.try_into().ok()?,
        business: b.and_then(|b| b.try_into().ok()),
    };
    let rated = super::at_band(
        fw,
        owasp_model::band(factors.likelihood()),
        owasp_model::band(factors.impact()),
    );
    Some((rated, Factors::Owasp(factors)))
}
