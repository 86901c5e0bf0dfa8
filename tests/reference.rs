//! The format reference (content/docs/riskbook-reference.md, a page of the
//! example site) stays complete: every key of both JSON Schemas and every
//! diagnostic code in the source appears in it, written as `code`.

mod common;
use common::*;
use std::collections::BTreeSet;

fn reference() -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/docs/riskbook-reference.md"),
    )
    .unwrap()
}

/// Every property name anywhere in a JSON Schema.
fn keys(schema: &serde_json::Value, out: &mut BTreeSet<String>) {
    match schema {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                out.extend(props.keys().cloned());
            }
            map.values().for_each(|v| keys(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn every_schema_key_is_in_the_reference() {
    let text = reference();
    let mut all = BTreeSet::new();
    for kind in ["register", "site"] {
        let run = riskbook(&["schema", kind]);
        keys(&serde_json::from_str(&run.stdout).unwrap(), &mut all);
    }
    assert!(all.len() > 40, "{all:?}");
    let missing: Vec<_> = all
        .iter()
        .filter(|k| !text.contains(&format!("`{k}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "keys missing from the reference: {missing:?}"
    );
}

#[test]
fn every_diagnostic_code_is_in_the_reference() {
    let text = reference();
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/diagnostics/mod.rs"),
    )
    .unwrap();
    // `Code::Name => "code-name",` in `Code::as_str`.
    let codes: Vec<&str> = source
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Code::"))
        .filter_map(|l| l.split_once("=> \""))
        .filter_map(|(_, rest)| rest.split('"').next())
        .collect();
    assert!(codes.len() >= 29, "{codes:?}");
    let missing: Vec<_> = codes
        .iter()
        .filter(|c| !text.contains(&format!("`{c}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes missing from the reference: {missing:?}"
    );
}
