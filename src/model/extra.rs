//! `extra:` data, validated: free-form values handed to templates.

use crate::source::text::ScalarKind;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// Every scalar keeps the text it was written as (`1.50`, `0x1F`) and its
/// YAML type; mappings keep their key order.
#[derive(Debug, Clone, PartialEq)]
pub enum Extra {
    Scalar { text: String, kind: ScalarKind },
    List(Vec<Extra>),
    Map(Vec<(String, Extra)>),
}

/// For templates: each scalar as the text it was written as.
impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Extra::Scalar { text, .. } => s.serialize_str(text),
            Extra::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for i in items {
                    seq.serialize_element(i)?;
                }
                seq.end()
            }
            Extra::Map(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl Extra {
    /// For the JSON export: scalars as JSON values of their YAML type
    /// (a number too large for JSON, or `.nan`, stays text).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Extra::Scalar { text, kind } => match kind {
                ScalarKind::Str => Value::String(text.clone()),
                ScalarKind::Null => Value::Null,
                ScalarKind::Bool => Value::Bool(matches!(text.as_str(), "true" | "True" | "TRUE")),
                ScalarKind::Int | ScalarKind::Float => number(text, *kind)
                    .map(Value::Number)
                    .unwrap_or_else(|| Value::String(text.clone())),
            },
            Extra::List(items) => Value::Array(items.iter().map(Extra::to_json).collect()),
            Extra::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// A YAML 1.2 number as written (`1.50`, `-7`, `0x1F`, `0o17`, `+.5e3`) as JSON.
fn number(text: &str, kind: ScalarKind) -> Option<serde_json::Number> {
    let t = text.trim();
    let (neg, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if kind == ScalarKind::Int {
        let radix = |p: &str, r| digits.strip_prefix(p).map(|d| (d, r));
        let (d, r) = radix("0x", 16)
            .or_else(|| radix("0o", 8))
            .unwrap_or((digits, 10));
        let v = i128::from_str_radix(d, r).ok()?;
        let v = if neg { -v } else { v };
        return i64::try_from(v)
            .ok()
            .map(serde_json::Number::from)
            .or_else(|| u64::try_from(v).ok().map(serde_json::Number::from));
    }
    let v: f64 = digits.parse().ok()?;
    serde_json::Number::from_f64(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str, kind: ScalarKind) -> Extra {
        Extra::Scalar {
            text: text.into(),
            kind,
        }
    }

    #[test]
    fn templates_see_the_spelling_and_exports_the_type() {
        let e = Extra::Map(vec![
            ("a".into(), scalar("1.50", ScalarKind::Float)),
            ("b".into(), scalar("0x1F", ScalarKind::Int)),
            ("c".into(), scalar("true", ScalarKind::Bool)),
            ("d".into(), scalar("", ScalarKind::Null)),
            (
                "e".into(),
                scalar("99999999999999999999999", ScalarKind::Int),
            ),
        ]);
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"a":"1.50","b":"0x1F","c":"true","d":"","e":"99999999999999999999999"}"#
        );
        assert_eq!(
            e.to_json().to_string(),
            r#"{"a":1.5,"b":31,"c":true,"d":null,"e":"99999999999999999999999"}"#
        );
    }
}
