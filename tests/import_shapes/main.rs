//! `riskbook import` on documents in the shapes public registers take
//! (tests/fixtures/import/, written for these tests): every risk a reader
//! counts comes out with its id, title, probability and impact as written,
//! and the register, placed in a fresh `riskbook init` site, checks with
//! no errors.

#[path = "../common/mod.rs"]
mod common;
use common::*;

/// A fixture's path; a path already absolute (a file a test wrote) as is.
fn fixture(name: &str) -> String {
    if std::path::Path::new(name).is_absolute() {
        return name.to_string();
    }
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Imports `name`, checks it in a new site, returns the YAML and the notes.
fn round_trip(name: &str, extra: &[&str]) -> (serde_yaml::Value, String) {
    let (yaml, notes, _) = round_trip_levels(name, extra);
    (yaml, notes)
}

/// Like `round_trip`, plus each risk's level as the built site computes it.
fn round_trip_levels(
    name: &str,
    extra: &[&str],
) -> (serde_yaml::Value, String, Vec<(String, String)>) {
    let path = fixture(name);
    let mut args = vec!["import", path.as_str()];
    args.extend(extra);
    let run = riskbook(&args);
    assert_eq!(run.code, 0, "{name}: {}", run.stderr);
    let yaml: serde_yaml::Value = serde_yaml::from_str(&run.stdout).expect("valid YAML");
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let init = riskbook(&["init", site.to_str().unwrap()]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    std::fs::write(site.join("content/registers/imported.yaml"), &run.stdout).unwrap();
    let check = riskbook(&[
        "check",
        "--no-git",
        "--today",
        "2026-11-25",
        "--format",
        "json",
        "--root",
        site.to_str().unwrap(),
    ]);
    let errors: Vec<String> = check
        .stdout
        .lines()
        .filter(|l| l.contains("\"severity\":\"error\""))
        .map(str::to_string)
        .collect();
    assert!(
        errors.is_empty(),
        "{name}:\n{}\n{}",
        errors.join("\n"),
        run.stdout
    );
    let export = riskbook(&[
        "export",
        "--format",
        "json",
        "--root",
        site.to_str().unwrap(),
    ]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    let json: serde_json::Value = serde_json::from_str(&export.stdout).unwrap();
    let levels = json["risks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["register"] == "imported")
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["level"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (yaml, run.stderr, levels)
}

/// The `min` of each of the imported register's levels, in order.
fn level_mins(y: &serde_yaml::Value) -> Vec<i64> {
    y["levels"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|l| l["min"].as_i64().unwrap())
        .collect()
}

fn risks(y: &serde_yaml::Value) -> &Vec<serde_yaml::Value> {
    y["risks"].as_sequence().expect("a risk list")
}

/// A line a risk: its id and `fields` as written, `|` between them and
/// `-` for a field it lacks, so one `assert_eq!` shows every risk.
fn summary(y: &serde_yaml::Value, fields: &[&str]) -> Vec<String> {
    let text = |v: &serde_yaml::Value| match v {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Null => "-".to_string(),
        other => serde_yaml::to_string(other).unwrap().trim().to_string(),
    };
    risks(y)
        .iter()
        .map(|r| {
            std::iter::once("id")
                .chain(fields.iter().copied())
                .map(|f| text(&r[f]))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

/// An axis's scale, a `value label` per step: `["1 Rare", "2 Unlikely"]`.
fn steps(y: &serde_yaml::Value, axis: &str) -> Vec<String> {
    y["scales"][axis]
        .as_sequence()
        .unwrap_or_else(|| panic!("no {axis} scale: {y:?}"))
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["value"].as_i64().unwrap(),
                e["label"].as_str().unwrap()
            )
        })
        .collect()
}

/// The risk `id` has the title, probability and impact written in the source.
fn assert_risk(y: &serde_yaml::Value, id: &str, title: &str, p: &str, i: &str) {
    let r = risks(y)
        .iter()
        .find(|r| r["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no risk `{id}` in {y:?}"));
    assert_eq!(r["title"].as_str(), Some(title), "{id}");
    assert_eq!(r["probability"].as_str(), Some(p), "{id}");
    assert_eq!(r["impact"].as_str(), Some(i), "{id}");
}

mod cards;
mod methods;
mod money;
mod scoring_guides;
mod tables;
