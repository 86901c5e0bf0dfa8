//! Custom factors: the register's `method: { factors: ..., scale: ... }`
//! checked into a `FactorSet`, and each risk's `factors:` against it.

use super::super::entries::Ids;
use super::super::locator::Locator;
use super::{MethodRating, RiskSource};
use crate::diagnostics::{Code, Diagnostic, suggest};
use crate::load::spans::YamlPath;
use crate::model::method::factors::{Factor, FactorSet, FactorValues};
use crate::model::{Assessment, Factors, Framework, Method, Rated};
use crate::source::method::{RawFactor, RawFactorMethod};

/// The range when `scale:` is missing or unusable (after its error).
const FALLBACK: (f64, f64) = (0.0, 9.0);

/// The factor definition at `path` (a `method:` mapping).
pub(super) fn set(
    raw: &RawFactorMethod,
    path: &YamlPath,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> FactorSet {
    let (low, high) = range(raw, path, loc, diags);
    let mut ids = Ids::new("factor");
    let groups = path.key("factors");
    let mut group = |factors: &[RawFactor], name: &str, diags: &mut Vec<Diagnostic>| {
        let at = groups.key(name);
        if factors.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::InvalidConfig,
                    loc.at(&at),
                    format!("the {name} needs at least one factor"),
                )
                .with_help("list factors as `{ id: exposure, weight: 2 }`"),
            );
        }
        let mut out = Vec::new();
        for (i, f) in factors.iter().enumerate() {
            let at = at.index(i);
            // Likelihood and impact factors share one list of ids.
            let (id, first) = ids.read(&f.id, &at, loc, diags);
            if !first {
                continue;
            }
            let weight = f.weight.unwrap_or(1.0);
            if !(weight.is_finite() && weight > 0.0) {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidConfig,
                        loc.at(&at.key("weight")),
                        format!("the weight of `{id}` is {weight}"),
                    )
                    .with_label("not greater than 0")
                    .with_help("a weight is a number greater than 0 (default 1)"),
                );
                continue;
            }
            out.push(Factor {
                label: f
                    .label
                    .as_ref()
                    .filter(|l| !l.is_blank())
                    .map_or_else(|| id.clone(), |l| l.0.trim().to_string()),
                id,
                weight,
                description: f.description.as_ref().map(|d| d.0.clone()),
            });
        }
        out
    };
    let likelihood = group(&raw.factors.likelihood, "likelihood", diags);
    let impact = group(&raw.factors.impact, "impact", diags);
    FactorSet {
        likelihood,
        impact,
        low,
        high,
    }
}

fn range(
    raw: &RawFactorMethod,
    path: &YamlPath,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> (f64, f64) {
    let Some(scale) = &raw.scale else {
        diags.push(
            crate::load::yaml::missing_key(loc.at(path), path, "scale")
                .with_help("give each factor's range, lowest and highest: `scale: [0, 9]`"),
        );
        return FALLBACK;
    };
    match scale[..] {
        [low, high] if low.is_finite() && high.is_finite() && low < high => (low, high),
        _ => {
            diags.push(
                Diagnostic::new(
                    Code::InvalidConfig,
                    loc.at(&path.key("scale")),
                    "`scale` is the lowest and the highest value of a factor",
                )
                .with_label("not two numbers, lowest first")
                .with_help("write e.g. `scale: [0, 9]`"),
            );
            FALLBACK
        }
    }
}

/// The `factors:` of a risk: every factor of the register, each within
/// its range, none it does not define.
pub(in crate::validate) fn factors(src: RiskSource, diags: &mut Vec<Diagnostic>) -> MethodRating {
    let Method::Factors(set) = &src.fw.method else {
        return None;
    };
    let written = src.required(&src.raw.factors, "factors", diags)?;
    let (loc, fw, risk) = (src.loc, src.fw, src.at);
    let at = risk.key("factors");
    let all: Vec<&Factor> = set.likelihood.iter().chain(&set.impact).collect();
    let mut values: Vec<Option<f64>> = vec![None; all.len()];
    let mut ok = true;
    for (key, value) in written {
        let id = key.0.trim();
        let Some(k) = all.iter().position(|f| f.id.eq_ignore_ascii_case(id)) else {
            ok = false;
            let known = all
                .iter()
                .map(|f| format!("`{}`", f.id))
                .collect::<Vec<_>>();
            diags.push(
                Diagnostic::new(
                    Code::InvalidFactor,
                    loc.key(&at.key(&key.0)),
                    format!("unknown factor `{id}`"),
                )
                .with_label("not a factor of this register")
                .with_help(
                    match suggest::nearest(id, all.iter().map(|f| f.id.as_str())) {
                        Some(n) => {
                            format!("did you mean `{n}`? the factors are {}", known.join(", "))
                        }
                        None => format!("the factors are {}", known.join(", ")),
                    },
                ),
            );
            continue;
        };
        if !(value.is_finite() && (set.low..=set.high).contains(value)) {
            ok = false;
            diags.push(
                Diagnostic::new(
                    Code::InvalidFactor,
                    loc.at(&at.key(&key.0)),
                    format!(
                        "{} (`{}`) is {value}, outside {} to {}",
                        all[k].label,
                        all[k].id,
                        crate::model::num(set.low),
                        crate::model::num(set.high)
                    ),
                )
                .with_label("outside the scale")
                .with_help(
                    "the register's `method: { scale: [lowest, highest] }` bounds every factor",
                ),
            );
        }
        values[k] = Some(*value);
    }
    let missing: Vec<String> = all
        .iter()
        .zip(&values)
        .filter(|(_, v)| v.is_none())
        .map(|(f, _)| format!("`{}`", f.id))
        .collect();
    // An unknown key may be a misspelt missing one: said once, there.
    if !missing.is_empty() && ok {
        diags.push(super::missing_factors(
            loc.at(&at),
            format!("missing {}", missing.join(", ")),
            format!(
                "every risk of this register rates each of its factors from {} to {}",
                crate::model::num(set.low),
                crate::model::num(set.high)
            ),
        ));
    }
    if !ok || !missing.is_empty() {
        return None;
    }
    let values: Vec<f64> = values.into_iter().flatten().collect();
    let n = set.likelihood.len();
    let f = FactorValues {
        set: set.clone(),
        likelihood: values[..n].to_vec(),
        impact: values[n..].to_vec(),
    };
    let (probability, impact) = rating(&f, fw);
    let score = f.score(matches!(fw.scoring, crate::model::Scoring::Sum));
    let rated = Rated {
        assessment: Assessment {
            score: Some(score),
            level: fw.level_for_score(score),
        },
        probability,
        impact,
    };
    Some((rated, Factors::Custom(f)))
}

/// Its row and column in the register's matrix (the steps nearest to the
/// means), each with its mean as the text.
fn rating(f: &FactorValues, fw: &Framework) -> (crate::model::Rating, crate::model::Rating) {
    let at = |scale: &crate::model::Scale, x: f64| {
        let k = nearest(scale, x);
        crate::model::Rating {
            text: crate::model::num(x),
            low: k,
            high: k,
            note: None,
        }
    };
    (
        at(&fw.probability, f.likelihood()),
        at(&fw.impact, f.impact()),
    )
}

fn nearest(scale: &crate::model::Scale, x: f64) -> usize {
    let mut best = 0;
    for (k, e) in scale.entries.iter().enumerate() {
        if (e.value - x).abs() < (scale.entries[best].value - x).abs() {
            best = k;
        }
    }
    best
}
