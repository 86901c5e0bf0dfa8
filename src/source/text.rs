//! Small shared value shapes of the source formats.

use serde::{Deserialize, Deserializer};

/// A scalar written as text, a number or a boolean, kept as the text the
/// user wrote (`version: 1.0` stays `1.0`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_str(V)
    }
}

/// Implements `Deserialize` for an enum that is written either as a scalar
/// (kept as text) or as a mapping or a sequence. Unlike `serde(untagged)`,
/// an error inside the mapping or sequence keeps its own message and path,
/// so it is reported at the right line.
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
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        Ok($ty::$text(v.to_string().into()))
                    }
                    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<$ty, E> {
                        Ok($ty::$text(v.to_string().into()))
                    }
                    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<$ty, E> {
                        Ok($ty::$text(v.to_string().into()))
                    }
                    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<$ty, E> {
                        Ok($ty::$text(v.to_string().into()))
                    }
                    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<$ty, E> {
                        Ok($ty::$text(v.to_string().into()))
                    }
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

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(s)
    }
}

/// `owner: a` or `owner: [a, b]`.
#[derive(Debug, Clone)]
pub enum OneOrMany {
    One(Text),
    Many(Vec<Text>),
}
text_or!(OneOrMany, "a string or a list of strings", One, seq => Many(Vec<Text>));

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(t) => vec![t.0],
            OneOrMany::Many(v) => v.into_iter().map(|t| t.0).collect(),
        }
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
            json_schema!({ "type": ["string", "number", "boolean"] })
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

    impl JsonSchema for crate::model::Date {
        fn schema_name() -> Cow<'static, str> {
            "Date".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                "description": "A calendar date, YYYY-MM-DD"
            })
        }
    }
}

/// Implements `JsonSchema` for a `text_or!` enum: a string, or one of `others`.
macro_rules! text_or_schema {
    ($ty:ident, $desc:literal $(, map => $mty:ty)? $(, seq => $sty:ty)?) => {
        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($ty).into()
            }
            fn json_schema(_g: &mut schemars::SchemaGenerator) -> schemars::Schema {
                #[allow(unused_mut)]
                let mut any = vec![schemars::json_schema!({ "type": "string" })];
                $(any.push(_g.subschema_for::<$mty>());)?
                $(any.push(_g.subschema_for::<$sty>());)?
                schemars::json_schema!({ "anyOf": any, "description": $desc })
            }
        }
    };
}
pub(crate) use text_or_schema;
