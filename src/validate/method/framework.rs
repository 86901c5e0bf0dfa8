//! The framework each method rates on, and `method:` as written turned
//! into a `Method`.

use super::super::framework::build;
use super::super::locator::Locator;
use super::super::severity::map_levels;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::spans::YamlPath;
use crate::model::{Framework, Method, Scoring};
use crate::source::config::{RawFramework, RawScoring};
use crate::source::method::{RawMethod, RawMethodName};

/// `method:` at `path`: a name, or the register's own factors (checked
/// here; errors go to `diags` and what could be read is kept).
pub fn resolve(
    raw: &RawMethod,
    path: &YamlPath,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> Method {
    match raw {
        RawMethod::Named(RawMethodName::Matrix) => Method::Matrix,
        RawMethod::Named(RawMethodName::Owasp) => Method::Owasp,
        RawMethod::Named(RawMethodName::Cvss) => Method::Cvss,
        RawMethod::Factors(f) => Method::Factors(std::sync::Arc::new(super::factors::set(
            f, path, loc, diags,
        ))),
    }
}

/// The framework of a register rated by `method` (not the matrix): the
/// method's scales, scoring and levels, with the labels, statuses and
/// review cadence of `raw` over `base`. Scales, scoring, levels or a grid
/// written beside such a method are `wrong-method` errors.
pub fn for_method(
    method: &Method,
    raw: &RawFramework,
    base: &Framework,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> Framework {
    let root = YamlPath::root();
    // Custom factors rate on the register's levels, by product or sum.
    let own = matches!(method, Method::Factors(_));
    for (key, written) in [
        ("scales", raw.scales.is_some()),
        (
            "scoring",
            raw.scoring.is_some() && !(own && raw.scoring != Some(RawScoring::Grid)),
        ),
        ("levels", raw.levels.is_some() && !own),
        ("grid", raw.grid.is_some()),
    ] {
        if written {
            diags.push(
                Diagnostic::new(
                    Code::WrongMethod,
                    loc.key(&root.key(key)),
                    format!("`{key}` does not apply to `method: {}`", method.as_str()),
                )
                .with_label("the method defines its own")
                .with_help(format!(
                    "remove `{key}`, or rate this register with `method: matrix`"
                )),
            );
        }
    }
    let kept = RawFramework {
        labels: raw.labels.clone(),
        statuses: raw.statuses.clone(),
        review_every_days: raw.review_every_days,
        ..RawFramework::default()
    };
    let mut fw = match method {
        Method::Owasp => super::presets::owasp(&build(&kept, base, loc, diags)),
        Method::Cvss => super::presets::cvss(&build(&kept, base, loc, diags)),
        Method::Factors(set) => {
            let kept = RawFramework {
                levels: raw.levels.clone(),
                scoring: raw.scoring.filter(|s| *s != RawScoring::Grid),
                ..kept
            };
            // A site's grid is of its scales; factors score by product
            // unless the register or site sums.
            let mut base = base.clone();
            if !matches!(base.scoring, Scoring::Sum) {
                base.scoring = Scoring::Product;
            }
            let fw = super::presets::factors(&build(&kept, &base, loc, diags), set.clone());
            if raw.labels.is_none() {
                return fw;
            }
            let labels = RawFramework {
                labels: raw.labels.clone(),
                ..RawFramework::default()
            };
            return build(&labels, &fw, loc, &mut Vec::new());
        }
        Method::Matrix => return build(&kept, base, loc, diags),
    };
    // The method's levels map by name; its lowest (Note, None) counts as
    // the lowest severity when no severity has its name.
    let severities = fw.severities.clone();
    let mut unused = Vec::new();
    map_levels(
        &mut fw.levels[..1],
        &severities,
        None,
        &root,
        loc,
        &mut unused,
    );
    if !unused.is_empty() {
        fw.levels[0].severity = 0;
    }
    map_levels(
        &mut fw.levels[1..],
        &severities,
        None,
        &root.key("method"),
        loc,
        diags,
    );
    fw.method = method.clone();
    // The method's words for the axes, unless the register wrote its own.
    if raw.labels.is_some() {
        let labels = RawFramework {
            labels: raw.labels.clone(),
            ..RawFramework::default()
        };
        fw = build(&labels, &fw, loc, &mut Vec::new());
    }
    fw
}
