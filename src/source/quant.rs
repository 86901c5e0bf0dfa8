//! The quantitative keys as written: `quantitative:` in `site.yaml`, and a
//! risk's `frequency`, `loss` and `mitigation_cost`.

use super::text::Text;
use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// `quantitative:` in `site.yaml`: how losses are simulated and shown.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuantConfig {
    /// ISO 4217 code shown with every amount (default USD).
    pub currency: Option<Text>,
    /// Simulated years per risk, 1,000 to 1,000,000 (default 10,000).
    pub trials: Option<u64>,
    /// The random seed: the same sources and seed give the same numbers.
    pub seed: Option<u64>,
    /// The most the organisation accepts: P(annual loss >= loss) < probability.
    pub appetite: Option<Vec<RawAppetite>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAppetite {
    pub loss: f64,
    pub probability: f64,
}

/// An uncertain quantity: a number, a 90% range `{ low, high }` or a PERT
/// estimate `{ min, likely, max }`.
#[derive(Debug, Clone)]
pub enum RawEstimate {
    Fixed(f64),
    Shaped(RawShape),
}

/// The mapping form of an estimate; which keys are given decides its
/// shape (checked by validation, at their place).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawShape {
    /// 5th percentile of a 90% range.
    pub low: Option<f64>,
    /// 95th percentile of a 90% range.
    pub high: Option<f64>,
    pub min: Option<f64>,
    pub likely: Option<f64>,
    pub max: Option<f64>,
}

impl<'de> Deserialize<'de> for RawEstimate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawEstimate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, `{ low, high }` or `{ min, likely, max }`")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawEstimate, E> {
                Ok(RawEstimate::Fixed(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawEstimate, E> {
                Ok(RawEstimate::Fixed(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawEstimate, E> {
                Ok(RawEstimate::Fixed(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawEstimate, A::Error> {
                RawShape::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawEstimate::Shaped)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for RawEstimate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Estimate".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let shape = g.subschema_for::<RawShape>();
        schemars::json_schema!({
            "anyOf": [{ "type": "number", "minimum": 0 }, shape],
            "description": "A number, a 90% range `{ low, high }`, or PERT `{ min, likely, max }`"
        })
    }
}
