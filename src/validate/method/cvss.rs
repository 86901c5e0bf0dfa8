//! The `cvss:` vector of a risk under `method: cvss`.

use super::{MethodRating, RiskSource};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::method::cvss as cvss_model;
use crate::model::{Factors, Framework, Rated};

/// The `cvss:` vector of a risk, scored; a malformed one is an
/// `invalid-vector` error at the column of the bad metric.
pub(in crate::validate) fn cvss(src: RiskSource, diags: &mut Vec<Diagnostic>) -> MethodRating {
    let text = src.required(&src.raw.cvss, "cvss", diags)?;
    let (loc, fw, risk) = (src.loc, src.fw, src.at);
    let path = risk.key("cvss");
    match cvss_model::parse(&text.0) {
        Ok(c) => {
            let (p, i) = rating(&c, fw);
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
                    super::within(loc, &path, &text.0, e.offset, e.len),
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

/// Its row (the version) and column (the score's band) in the register's
/// matrix.
fn rating(c: &cvss_model::Cvss, fw: &Framework) -> (crate::model::Rating, crate::model::Rating) {
    let v = c.version_index();
    let band = fw.level_for_score(c.score);
    let at = |text: &str, i| crate::model::Rating {
        text: text.into(),
        low: i,
        high: i,
        note: None,
    };
    (at(c.version, v), at(&fw.impact.entries[band].label, band))
}
