//! Rating methods other than the matrix: what a risk's factors or vector
//! are, and the level they give. Each method ends in a level of its
//! register's framework, so matrices, dashboards, exports and diffs treat
//! every method alike.

pub mod cvss;
pub mod factors;
pub mod owasp;

use serde::Serialize;
use std::sync::Arc;

/// How a register's risks are rated.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Method {
    /// Probability x impact on the register's scales.
    #[default]
    Matrix,
    /// The OWASP Risk Rating Methodology.
    Owasp,
    /// A CVSS 3.0, 3.1 or 4.0 vector.
    Cvss,
    /// The register's own weighted likelihood and impact factors.
    Factors(Arc<factors::FactorSet>),
}

impl Method {
    pub fn as_str(&self) -> &'static str {
        match self {
            Method::Matrix => "matrix",
            Method::Owasp => "owasp",
            Method::Cvss => "cvss",
            Method::Factors(_) => "factors",
        }
    }

    /// The risk key that carries a rating under this method.
    pub fn risk_key(&self) -> &'static str {
        match self {
            Method::Matrix => "probability",
            Method::Owasp => "owasp",
            Method::Cvss => "cvss",
            Method::Factors(_) => "factors",
        }
    }

    /// The same kind of method (factor sets aside).
    pub fn same_kind(&self, other: &Method) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

impl Serialize for Method {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// What a risk rated by a method other than the matrix was rated from.
#[derive(Debug, Clone)]
pub enum Factors {
    Owasp(owasp::Owasp),
    Cvss(cvss::Cvss),
    Custom(factors::FactorValues),
}

impl Factors {
    /// Each factor's id and value as rated, likelihood factors first;
    /// none for a CVSS vector, which is its own text.
    pub fn values(&self) -> Vec<(&str, f64)> {
        let pair = |names: &'static [(&'static str, &'static str)], values: &[f64]| {
            names
                .iter()
                .zip(values.to_vec())
                .map(|((id, _), v)| (*id, v))
                .collect::<Vec<_>>()
        };
        match self {
            Factors::Owasp(o) => {
                let mut out = pair(&owasp::LIKELIHOOD, &o.likelihood);
                out.extend(pair(&owasp::TECHNICAL, &o.technical));
                if let Some(b) = &o.business {
                    out.extend(pair(&owasp::BUSINESS, b));
                }
                out
            }
            Factors::Cvss(_) => Vec::new(),
            Factors::Custom(f) => f
                .set
                .likelihood
                .iter()
                .zip(&f.likelihood)
                .chain(f.set.impact.iter().zip(&f.impact))
                .map(|(factor, v)| (factor.id.as_str(), *v))
                .collect(),
        }
    }
}
