//! CVSS vectors (3.0, 3.1, 4.0): parsed and scored by the `cvss` crate
//! (RustSec); riskbook writes none of the formulas. A risk's level is its
//! base score's rating band; the register's matrix is versions x bands, a
//! distribution of the scores.

use std::str::FromStr;

/// The versions riskbook scores, the rows of the matrix (lowest first).
pub const VERSIONS: [&str; 3] = ["3.0", "3.1", "4.0"];

/// Base metrics, which every vector of the version must hold.
const BASE_V3: [&str; 8] = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"];
const BASE_V4: [&str; 11] = [
    "AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA",
];

/// A vector, validated and scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Cvss {
    /// As written (trimmed).
    pub vector: String,
    /// `3.0`, `3.1` or `4.0`.
    pub version: &'static str,
    /// The base score, 0.0..10.0: for 4.0, CVSS-B (threat, environmental
    /// and supplemental metrics in the vector do not change it).
    pub score: f64,
    /// Every metric in the order written.
    pub metrics: Vec<Metric>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    /// `AV`.
    pub code: String,
    /// `Attack Vector`.
    pub name: &'static str,
    /// `N`.
    pub value: String,
    /// `Network`.
    pub meaning: String,
    /// A base metric (the others do not change the base score).
    pub base: bool,
}

/// Why a vector is malformed, and where in it (byte offset and length).
#[derive(Debug, Clone, PartialEq)]
pub struct VectorError {
    pub offset: usize,
    pub len: usize,
    pub message: String,
}

impl Cvss {
    /// The index of its version among `VERSIONS`.
    pub fn version_index(&self) -> usize {
        VERSIONS
            .iter()
            .position(|v| *v == self.version)
            .unwrap_or(0)
    }
}

/// Each `K:V` component after the `CVSS:x.y/` prefix: offset and text.
fn components(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let start = text.find('/').map_or(text.len(), |i| i + 1);
    text[start..].split('/').scan(start, |at, c| {
        let here = *at;
        *at += c.len() + 1;
        Some((here, c))
    })
}

/// Where the component naming metric `name` is (the first, or the
/// `nth` one), else the end of the text.
fn find_metric(text: &str, name: &str, nth: usize) -> (usize, usize) {
    components(text)
        .filter(|(_, c)| c.split(':').next() == Some(name))
        .nth(nth)
        .map_or((text.len(), 0), |(at, c)| (at, c.len()))
}

fn error(text: &str, e: &cvss::Error) -> VectorError {
    use cvss::Error as E;
    let (offset, len) = match e {
        E::InvalidMetricV3 { metric_type, .. } => find_metric(text, metric_type.name(), 0),
        E::InvalidMetricV4 { metric_type, .. } => find_metric(text, metric_type.name(), 0),
        E::DuplicateMetricV3 { metric_type } => find_metric(text, metric_type.name(), 1),
        E::DuplicateMetricV4 { metric_type } => find_metric(text, metric_type.name(), 1),
        E::UnknownMetric { name } => find_metric(text, name, 0),
        E::InvalidComponent { component } => match text.find(component.as_str()) {
            Some(at) if !component.is_empty() => (at, component.len()),
            _ => (0, text.len()),
        },
        _ => (0, text.find('/').unwrap_or(text.len())),
    };
    VectorError {
        offset,
        len,
        message: e.to_string(),
    }
}

/// Parses and scores a vector.
pub fn parse(written: &str) -> Result<Cvss, VectorError> {
    let text = written.trim();
    let lead = written.len() - written.trim_start().len();
    let moved = |mut e: VectorError| {
        e.offset += lead;
        e
    };
    let parsed = cvss::Cvss::from_str(text).map_err(|e| moved(error(text, &e)))?;
    let (version, base): (&'static str, &[&str]) = match &parsed {
        cvss::Cvss::CvssV30(_) => ("3.0", &BASE_V3),
        cvss::Cvss::CvssV31(_) => ("3.1", &BASE_V3),
        cvss::Cvss::CvssV40(_) => ("4.0", &BASE_V4),
        _ => {
            return Err(moved(VectorError {
                offset: 0,
                len: text.find('/').unwrap_or(text.len()),
                message: "only CVSS 3.0, 3.1 and 4.0 vectors are scored".into(),
            }));
        }
    };
    // The crate takes a 3.x vector without every base metric; its score
    // would then be made up.
    let written_codes: Vec<&str> = components(text)
        .filter_map(|(_, c)| c.split(':').next())
        .collect();
    if let Some(missing) = base.iter().find(|m| !written_codes.contains(m)) {
        let name = match version {
            "4.0" => cvss::v4::MetricType::from_str(missing)
                .ok()
                .map(|m| m.description()),
            _ => cvss::v3::MetricType::from_str(missing)
                .ok()
                .map(|m| m.description()),
        };
        return Err(moved(VectorError {
            offset: text.len(),
            len: 0,
            message: match name {
                Some(n) => format!("missing base metric {missing} ({n})"),
                None => format!("missing base metric {missing}"),
            },
        }));
    }
    let score = match version {
        // Only the base metrics: threat and environmental metrics change
        // the crate's score of the whole vector (CVSS-BTE), not CVSS-B.
        "4.0" => {
            let base_only: Vec<&str> = components(text)
                .map(|(_, c)| c)
                .filter(|c| c.split(':').next().is_some_and(|m| BASE_V4.contains(&m)))
                .collect();
            cvss::Cvss::from_str(&format!("CVSS:4.0/{}", base_only.join("/")))
                .map_err(|e| moved(error(text, &e)))?
                .score()
        }
        _ => parsed.score(),
    };
    let known: Vec<(&'static str, &'static str, String)> = parsed
        .metrics()
        .map(|(m, v)| (m.name(), m.description(), format!("{v:?}")))
        .collect();
    let metrics = components(text)
        .filter_map(|(_, c)| c.split_once(':'))
        .map(|(code, value)| {
            let k = known.iter().find(|(n, _, _)| *n == code);
            Metric {
                code: code.into(),
                name: k.map_or("", |k| k.1),
                value: value.into(),
                meaning: k.map_or_else(|| value.to_string(), |k| spaced(&k.2)),
                base: base.contains(&code),
            }
        })
        .collect();
    Ok(Cvss {
        vector: text.into(),
        version,
        score,
        metrics,
    })
}

/// `NotDefined` as `Not defined`: the crate's value names, in words.
fn spaced(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_metric_is_found_at_its_component() {
        let v = "CVSS:3.1/AV:N/AC:Q/PR:N/UI:N/S:U/C:H/I:H/A:H";
        let e = parse(v).unwrap_err();
        assert_eq!(&v[e.offset..e.offset + e.len], "AC:Q");
        let e = parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H").unwrap_err();
        assert_eq!(e.message, "missing base metric A (Availability Impact)");
        let e = parse("  CVSS:9.9/AV:N").unwrap_err();
        assert_eq!(e.offset, 2);
    }

    #[test]
    fn metrics_are_listed_as_written_with_their_meaning() {
        let c = parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N").unwrap();
        assert_eq!(c.metrics[0].name, "Attack Vector");
        assert_eq!(c.metrics[0].meaning, "Network");
        assert_eq!(c.metrics.len(), 8);
    }
}
