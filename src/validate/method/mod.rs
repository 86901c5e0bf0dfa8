//! A risk's rating under a method other than the matrix (`owasp`,
//! `cvss`, custom factors): its factors or vector checked where they are
//! written, and the cell and level they give on the register's framework;
//! and the framework each method rates on.

mod cvss;
mod factors;
mod framework;
mod owasp;
mod presets;

pub(super) use cvss::cvss;
pub(super) use factors::factors;
pub(super) use framework::{for_method, resolve};
pub(super) use owasp::owasp;

use super::locator::Locator;
use crate::diagnostics::{Code, Diagnostic, Location, Span};
use crate::load::spans::YamlPath;
use crate::model::{Framework, Rated, Rating};
use crate::source::register::RawRisk;

/// Rating keys of another method than the register's are errors: a risk
/// rated twice would show one rating and hide the other.
pub(super) fn other_methods_keys(src: RiskSource, diags: &mut Vec<Diagnostic>) {
    let (loc, fw, raw, risk) = (src.loc, src.fw, src.raw, src.at);
    let written = [
        ("probability", "matrix", raw.probability.is_some()),
        ("impact", "matrix", raw.impact.is_some()),
        ("owasp", "owasp", raw.owasp.is_some()),
        ("cvss", "cvss", raw.cvss.is_some()),
        ("factors", "factors", raw.factors.is_some()),
    ];
    let spelled = |method: &str| match method {
        "factors" => "method: { factors: ... }".to_string(),
        m => format!("method: {m}"),
    };
    for (key, method, present) in written {
        if present && method != fw.method.as_str() {
            diags.push(
                Diagnostic::new(
                    Code::WrongMethod,
                    loc.key(&risk.key(key)),
                    format!(
                        "`{key}` does not rate a risk of a register with `{}`",
                        spelled(fw.method.as_str())
                    ),
                )
                .with_label(format!("a key of `{}`", spelled(method)))
                .with_help(format!(
                    "rate it with `{}:`, or give the register `{}`",
                    fw.method.risk_key(),
                    spelled(method)
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

/// How a method other than the matrix rates a risk: its rating and what
/// it was rated from, or `None` after errors in `diags`.
pub(super) type Rate = fn(RiskSource, &mut Vec<Diagnostic>) -> MethodRating;

/// A method's rating of a risk and what it was rated from; `None` after
/// errors.
pub(super) type MethodRating = Option<(Rated, crate::model::Factors)>;

/// One risk as a rating method reads it: where its file is, the
/// register's framework, the risk as written and where it stands.
#[derive(Clone, Copy)]
pub(super) struct RiskSource<'a> {
    pub loc: Locator<'a>,
    pub fw: &'a Framework,
    pub raw: &'a RawRisk,
    pub at: &'a YamlPath,
}

impl<'a> RiskSource<'a> {
    /// The risk's `key:` (its `value`), or a `missing-key` error at the risk.
    fn required<T>(
        &self,
        value: &'a Option<T>,
        key: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<&'a T> {
        if value.is_none() {
            diags.push(crate::load::yaml::missing_key(
                self.loc.at(self.at),
                self.at,
                key,
            ));
        }
        value.as_ref()
    }
}

/// Factors left out of a risk's rating: a `missing-key` error at their
/// group, `what` naming them, `help` saying what the group holds.
fn missing_factors(at: Location, what: String, help: String) -> Diagnostic {
    Diagnostic::new(Code::MissingKey, at, what)
        .with_label("add the missing factors here")
        .with_help(help)
}
