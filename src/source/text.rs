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
