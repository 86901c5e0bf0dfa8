//! `riskbook schema`: JSON Schemas of the register and site formats, for
//! editor completion and validation (yaml-language-server).

use crate::source::{RawRegister, RawSiteConfig};

/// Which source format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    Register,
    Site,
}

pub fn schema(kind: SchemaKind) -> serde_json::Value {
    let (mut schema, title, id) = match kind {
        SchemaKind::Register => (
            schemars::schema_for!(RawRegister),
            "riskbook register (content/registers/<id>.yaml)",
            "riskbook-register",
        ),
        SchemaKind::Site => (
            schemars::schema_for!(RawSiteConfig),
            "riskbook site config (content/site.yaml)",
            "riskbook-site",
        ),
    };
    schema.insert("title".into(), title.into());
    schema.insert(
        "$id".into(),
        format!("https://riskbook.invalid/{id}.schema.json").into(),
    );
    schema.to_value()
}
