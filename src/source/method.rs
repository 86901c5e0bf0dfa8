//! `method:` in `site.yaml` or a register: a method's name, or a mapping
//! of the register's own factors.

use super::text::Text;
use schemars::JsonSchema;
use serde::de::{self, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// How a register's risks are rated.
#[derive(Debug, Clone)]
pub enum RawMethod {
    Named(RawMethodName),
    Factors(RawFactorMethod),
}

/// A method riskbook knows by name.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RawMethodName {
    /// Probability x impact on the register's scales.
    Matrix,
    /// The OWASP Risk Rating Methodology: `owasp:` factors per risk.
    Owasp,
    /// A CVSS 3.0, 3.1 or 4.0 vector per risk: `cvss:`.
    Cvss,
}

/// `method: { factors: { likelihood: [...], impact: [...] }, scale: [0, 9] }`:
/// weighted means of the register's own factors, each rated on `scale`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFactorMethod {
    pub factors: RawFactorGroups,
    /// The lowest and highest value of every factor.
    #[schemars(length(equal = 2))]
    pub scale: Option<Vec<f64>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFactorGroups {
    pub likelihood: Vec<RawFactor>,
    pub impact: Vec<RawFactor>,
}

/// One factor: its id (the key risks rate it by), its weight (default 1).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFactor {
    pub id: Text,
    pub label: Option<Text>,
    pub weight: Option<f64>,
    pub description: Option<Text>,
}

impl<'de> Deserialize<'de> for RawMethod {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawMethod;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`matrix`, `owasp`, `cvss`, or a mapping with `factors:` and `scale:`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawMethod, E> {
                RawMethodName::deserialize(v.into_deserializer()).map(RawMethod::Named)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawMethod, A::Error> {
                RawFactorMethod::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawMethod::Factors)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for RawMethod {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Method".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let named = g.subschema_for::<RawMethodName>();
        let factors = g.subschema_for::<RawFactorMethod>();
        schemars::json_schema!({
            "anyOf": [named, factors],
            "description": "How the risks are rated: `matrix` (default), `owasp`, `cvss`, or the register's own factors"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_or_a_mapping_of_factors() {
        let named: RawMethod = serde_yaml::from_str("owasp").unwrap();
        assert!(matches!(named, RawMethod::Named(RawMethodName::Owasp)));
        let m: RawMethod = serde_yaml::from_str(
            "factors: { likelihood: [{ id: exposure, weight: 2 }], impact: [{ id: data }] }\nscale: [0, 9]",
        )
        .unwrap();
        let RawMethod::Factors(f) = m else {
            panic!("factors")
        };
        assert_eq!(
            (f.factors.likelihood.len(), f.scale),
            (1, Some(vec![0.0, 9.0]))
        );
        let e = serde_yaml::from_str::<RawMethod>("grid").unwrap_err();
        assert!(e.to_string().contains("unknown variant `grid`"), "{e}");
    }
}
