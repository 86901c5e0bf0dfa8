//! A risk's rating under `method: owasp` or `method: cvss`: its factors or
//! vector checked where they are written, and the cell and level they
//! give on the register's framework.

use super::locator::Locator;
use crate::diagnostics::{Code, Diagnostic, Location, Span};
use crate::load::spans::YamlPath;
use crate::model::method::{cvss as cvss_model, owasp as owasp_model};
use crate::model::{Factors, Framework, Method, Rated, Rating};
use crate::source::register::RawRisk;

/// Rating keys of another method than the register's are errors: a risk
/// rated twice would show one rating and hide the other.
pub(super) fn other_methods_keys(
    loc: Locator,
    fw: &Framework,
    raw: &RawRisk,
    risk: &YamlPath,
    diags: &mut Vec<Diagnostic>,
) {
    let written = [
        ("probability", Method::Matrix, raw.probability.is_some()),
        ("impact", Method::Matrix, raw.impact.is_some()),
        ("owasp", Method::Owasp, raw.owasp.is_some()),
        ("cvss", Method::Cvss, raw.cvss.is_some()),
    ];
    for (key, method, present) in written {
        if present && method != fw.method {
            diags.push(
                Diagnostic::new(
                    Code::WrongMethod,
                    loc.key(&risk.key(key)),
                    format!(
                        "`{key}` does not rate a risk of a register with `method: {}`",
                        fw.method.as_str()
                    ),
                )
                .with_label(format!("a key of `method: {}`", method.as_str()))
                .with_help(format!(
                    "rate it with `{}:`, or give the register `method: {}`",
                    fw.method.risk_key(),
                    method.as_str()
                )),
            );
        }
    }
}

fn at_band(fw: &Framework, p: usize, i: usize) -> Rated {
    let rating = |scale: &crate::model::Scale, k: usize| Rating {
        text: scale.entries[k].label.clone(),
        low: k,
        high: k,
        note: None,
    };
    let (p, i) = (rating(&fw.probability, p), rating(&fw.impact, i));
    Rated {
        assessment: fw.assess(&p, &i),
        probability: p,
        impact: i,
    }
}

/// The `owasp:` factors of a risk: every one 0..9, all eight likelihood
/// and four technical factors, the business ones all or none.
pub(super) fn owasp(
    loc: Locator,
    fw: &Framework,
    raw: &RawRisk,
    risk: &YamlPath,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Rated, Factors)> {
    let Some(o) = &raw.owasp else {
        diags.push(crate::load::yaml::missing_key(loc.at(risk), risk, "owasp"));
        return None;
    };
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
            diags.push(
                Diagnostic::new(
                    Code::MissingKey,
                    loc.at(&path),
                    format!("{what}: missing {}", missing.join(", ")),
                )
                .with_label("add the missing factors here")
                .with_help(format!(
                    "the factors are {}, each 0 to 9",
                    names
                        .iter()
                        .map(|(id, name)| format!("`{id}` ({name})"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
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
    let rated = at_band(
        fw,
        owasp_model::band(factors.likelihood()),
        owasp_model::band(factors.impact()),
    );
    Some((rated, Factors::Owasp(factors)))
}

/// The `cvss:` vector of a risk, scored; a malformed one is an
/// `invalid-vector` error at the column of the bad metric.
pub(super) fn cvss(
    loc: Locator,
    fw: &Framework,
    raw: &RawRisk,
    risk: &YamlPath,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Rated, Factors)> {
    let Some(text) = &raw.cvss else {
        diags.push(crate::load::yaml::missing_key(loc.at(risk), risk, "cvss"));
        return None;
    };
    let path = risk.key("cvss");
    match cvss_model::parse(&text.0) {
        Ok(c) => {
            let (p, i) = c.rating(fw);
            let rated = Rated {
                assessment: crate::model::Assessment {
                    score: Some(c.score),
                    level: fw.level_for_score(c.score),
                },
                probability: p,
                impact: i,
            };
            Some((rated, Factors::Cvss(c)))
        }
        Err(e) => {
            diags.push(
                Diagnostic::new(
                    Code::InvalidVector,
                    within(loc, &path, &text.0, e.offset, e.len),
                    format!("invalid CVSS vector: {}", e.message),
                )
                .with_label("here")
                .with_help(
                    "write a CVSS 3.0, 3.1 or 4.0 vector, e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                ),
            );
            None
        }
    }
}

/// The location of `text[offset..offset + len]` inside the value at
/// `path`, when the value is written on one line as it reads (plain or
/// quoted without escapes); else the whole value.
fn within(loc: Locator, path: &YamlPath, text: &str, offset: usize, len: usize) -> Location {
    let whole = loc.at(path);
    let Some((span, source)) = whole.span.zip(loc.source) else {
        return whole;
    };
    let written = source.text.get(span.start..span.end).unwrap_or_default();
    let Some(start) = written.find(text).filter(|_| !written.contains('\n')) else {
        return whole;
    };
    let before = &written[..start + offset.min(text.len())];
    let start = span.start + before.len();
    Location::new(
        whole.file,
        Some(Span {
            start,
            end: start + len.max(1).min(text.len().saturating_sub(offset).max(1)),
            line: span.line,
            column: span.column + before.chars().count(),
        }),
    )
}
