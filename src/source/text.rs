//! The value shapes shared by the source formats: text written as any YAML
//! scalar, the either-forms (`owner: a` or `owner: [a, b]`), and `extra:`.
//!
//! Wherever text is expected, a user may write any scalar: `version: 1.10`,
//! `threshold: 0.50`, `owner: 42`. Where a field is plain text, serde_yaml
//! hands over the scalar exactly as written. Where a field is an
//! either-form (a string *or* a mapping or list), serde must ask for "any"
//! value, and then serde_yaml resolves `0.50` to the float 0.5: the
//! spelling is lost. Such values are a [`Scalar`] that remembers it was
//! resolved, and validation takes its text back from the source by its
//! path (`Locator::written`), so `0.50` is shown as `0.50`.

use indexmap::IndexMap;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A plain text field: any scalar, kept exactly as written
/// (`version: 1.0` stays `1.0`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // serde_yaml gives a plain scalar's source text to `deserialize_str`;
        // the typed visits below only happen on other deserializers.
        d.deserialize_str(ScalarVisitor("text (a string, number, boolean or date)"))
            .map(|s| Text(s.text))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(s)
    }
}

impl Text {
    /// True for empty or whitespace-only text (an error where text is required).
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

/// What YAML type a scalar resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ScalarKind {
    Str,
    Int,
    Float,
    Bool,
    Null,
}

/// A scalar read where any value may stand (an either-form or `extra:`).
/// Unless `kind` is `Str`, `text` is serde's rendering of the resolved
/// value and the source may spell it differently (`0.50`, `1e3`, `0x1F`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    pub text: String,
    pub kind: ScalarKind,
}

impl Scalar {
    pub fn string(s: impl Into<String>) -> Self {
        Scalar {
            text: s.into(),
            kind: ScalarKind::Str,
        }
    }
}

/// Reads any scalar into a [`Scalar`]; `text_or!` calls it on its scalar arm.
pub struct ScalarVisitor(&'static str);

impl ScalarVisitor {
    pub const ANY: ScalarVisitor = ScalarVisitor("a scalar");
}

impl Visitor<'_> for ScalarVisitor {
    type Value = Scalar;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::string(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(typed(v, ScalarKind::Int))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(typed(v, ScalarKind::Int))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Scalar, E> {
        Ok(typed(v, ScalarKind::Int))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Scalar, E> {
        Ok(typed(v, ScalarKind::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(typed(v, ScalarKind::Float))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(typed(v, ScalarKind::Bool))
    }
}

fn typed(v: impl ToString, kind: ScalarKind) -> Scalar {
    Scalar {
        text: v.to_string(),
        kind,
    }
}

/// The visitor methods for scalars of `text_or!` and of `RawExtra`: each
/// reads the value as a [`Scalar`] and wraps it in `$ty::$text`.
macro_rules! forward_scalars {
    ($ty:ident, $text:ident; $($visit:ident($arg:ty)),*) => {
        $(fn $visit<E: serde::de::Error>(self, v: $arg) -> Result<$ty, E> {
            serde::de::Visitor::$visit($crate::source::text::ScalarVisitor::ANY, v).map($ty::$text)
        })*
    };
}
pub(crate) use forward_scalars;

/// Implements `Deserialize` for an enum written either as a scalar (a
/// [`Scalar`]) or as a mapping or a sequence. Unlike `serde(untagged)`, an
/// error inside the mapping or sequence keeps its own message and path, so
/// it is reported at the right line, and values inside the mapping are read
/// as written.
macro_rules! text_or {
    ($ty:ident, $expecting:literal, $text:ident $(, map => $map:ident($mty:ty))? $(, seq => $seq:ident($sty:ty))?) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    $crate::source::text::forward_scalars!(
                        $ty, $text;
                        visit_str(&str), visit_i64(i64), visit_u64(u64), visit_i128(i128),
                        visit_u128(u128), visit_f64(f64), visit_bool(bool)
                    );
                    $(fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        <$mty as serde::Deserialize>::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map($ty::$map)
                    })?
                    $(fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<$ty, A::Error> {
                        <$sty as serde::Deserialize>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map($ty::$seq)
                    })?
                }
                d.deserialize_any(V)
            }
        }
    };
}
pub(crate) use text_or;

/// `owner: a` or `owner: [a, b]`.
#[derive(Debug, Clone)]
pub enum OneOrMany {
    One(Scalar),
    Many(Vec<Text>),
}
text_or!(OneOrMany, "a string or a list of strings", One, seq => Many(Vec<Text>));

/// `extra:` — free-form data handed to templates. Scalars keep their YAML
/// type (for the JSON export) and their spelling (for the pages).
#[derive(Debug, Clone)]
pub enum RawExtra {
    Scalar(Scalar),
    List(Vec<RawExtra>),
    Map(IndexMap<Text, RawExtra>),
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.hash(h)
    }
}

impl<'de> Deserialize<'de> for RawExtra {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawExtra;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            forward_scalars!(
                RawExtra, Scalar;
                visit_str(&str), visit_i64(i64), visit_u64(u64), visit_i128(i128),
                visit_u128(u128), visit_f64(f64), visit_bool(bool)
            );
            fn visit_unit<E: de::Error>(self) -> Result<RawExtra, E> {
                Ok(RawExtra::Scalar(typed("", ScalarKind::Null)))
            }
            fn visit_none<E: de::Error>(self) -> Result<RawExtra, E> {
                self.visit_unit()
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawExtra, D::Error> {
                RawExtra::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawExtra, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = seq.next_element()? {
                    v.push(x);
                }
                Ok(RawExtra::List(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawExtra, A::Error> {
                let mut m = IndexMap::new();
                while let Some((k, v)) = map.next_entry::<Text, RawExtra>()? {
                    m.insert(k, v);
                }
                Ok(RawExtra::Map(m))
            }
        }
        d.deserialize_any(V)
    }
}

/// JSON Schema of the shapes above, for `riskbook schema`.
mod schema {
    use super::*;
    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
    use std::borrow::Cow;

    impl JsonSchema for Text {
        fn schema_name() -> Cow<'static, str> {
            "Text".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": ["string", "number", "boolean"],
                "description": "Text: any scalar, shown as written"
            })
        }
    }

    impl JsonSchema for OneOrMany {
        fn schema_name() -> Cow<'static, str> {
            "OneOrMany".into()
        }
        fn json_schema(g: &mut SchemaGenerator) -> Schema {
            let one = g.subschema_for::<Text>();
            json_schema!({ "anyOf": [one, { "type": "array", "items": one }] })
        }
    }

    impl JsonSchema for RawExtra {
        fn schema_name() -> Cow<'static, str> {
            "Extra".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({ "description": "Free-form data handed to templates untouched" })
        }
    }
}

/// Implements `JsonSchema` for a `text_or!` enum: text, or one of `others`.
macro_rules! text_or_schema {
    ($ty:ident, $desc:literal $(, map => $mty:ty)? $(, seq => $sty:ty)?) => {
        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($ty).into()
            }
            fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let mut any = vec![g.subschema_for::<$crate::source::text::Text>()];
                $(any.push(g.subschema_for::<$mty>());)?
                $(any.push(g.subschema_for::<$sty>());)?
                schemars::json_schema!({ "anyOf": any, "description": $desc })
            }
        }
    };
}
pub(crate) use text_or_schema;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Doc {
        plain: Text,
        either: OneOrMany,
        extra: RawExtra,
    }

    #[test]
    fn plain_text_keeps_the_spelling_and_either_forms_say_when_they_cannot() {
        let d: Doc = serde_yaml::from_str(
            "plain: 1.50\neither: 0.50\nextra: { a: 007, b: 1e3, c: true, d: ~ }\n",
        )
        .unwrap();
        assert_eq!(d.plain.0, "1.50");
        match d.either {
            OneOrMany::One(s) => assert_eq!((s.text.as_str(), s.kind), ("0.5", ScalarKind::Float)),
            _ => panic!("a scalar"),
        }
        let RawExtra::Map(m) = d.extra else {
            panic!("a map")
        };
        let kinds: Vec<_> = m
            .values()
            .map(|v| match v {
                RawExtra::Scalar(s) => (s.text.as_str(), s.kind),
                _ => panic!("scalars"),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                ("007", ScalarKind::Str),
                ("1000", ScalarKind::Float),
                ("true", ScalarKind::Bool),
                ("", ScalarKind::Null)
            ]
        );
    }
}
