//! `riskbook import` on the five seed documents (tests/fixtures/seeds/):
//! every risk found with its fields, the rest kept as sections, and the
//! result a valid register.

mod common;
use common::*;

fn import(seed: &str) -> (serde_yaml::Value, String) {
    let path = format!(
        "{}/tests/fixtures/seeds/{seed}.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = riskbook(&["import", &path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let yaml: serde_yaml::Value = serde_yaml::from_str(&run.stdout).expect("valid YAML");
    // The output is a register riskbook accepts.
    let site = Fixture::new(&[("content/registers/imported.yaml", &run.stdout)]);
    let d = diags(&site.check_json());
    let errors: Vec<_> = d
        .iter()
        .filter(|d| d.severity == "error" && !d.message.contains("11-MIGRATION-BACKEND-PLAYBOOK"))
        .collect();
    assert!(errors.is_empty(), "{seed}: {errors:?}");
    (yaml, run.stderr)
}

#[test]
fn seed_000_table_with_playbook_references() {
    let (y, notes) = import("seed-000");
    assert_eq!(y["risks"].as_sequence().unwrap().len(), 15);
    assert_eq!(y["owner"], "Christian");
    assert_eq!(y["updated"], "2026-02-17");
    assert_eq!(
        (y["status"].as_str(), y["version"].as_str()),
        (Some("active"), Some("v1"))
    );
    let r1 = risk_of(&y, "R-001");
    assert_eq!(r1["category"], "Auth/session");
    assert_eq!(r1["trigger"], "login failure rate > 2% for 10 min");
    assert_eq!(r1["mitigation"].as_sequence().unwrap().len(), 3);
    assert_eq!(
        r1["playbooks"][0],
        "docs/11-MIGRATION-BACKEND-PLAYBOOK.md#7-rollout-protocol-feature-flags"
    );
    assert_eq!(y["actions"].as_sequence().unwrap().len(), 4);
    assert_eq!(y["actions"][3]["done"], false);
    assert_contains(&notes, "\"3) Critical risk watchlist (always on)\"");
}

#[test]
fn seed_001_table_merged_with_detailed_analyses_and_chart() {
    let (y, notes) = import("seed-001");
    assert_eq!(y["risks"].as_sequence().unwrap().len(), 13);
    let r = risk_of(&y, "RSK-001");
    assert_eq!(r["score"], 9.0);
    assert_eq!(r["position"]["impact"], 0.85);
    assert!(
        r["description"]
            .as_str()
            .unwrap()
            .starts_with("With 40+ database tables")
    );
    assert_eq!(r["signals"].as_sequence().unwrap().len(), 3);
    assert!(
        r["sections"]["Root Causes"]
            .as_str()
            .unwrap()
            .contains("error-prone at scale")
    );
    assert_eq!(risk_of(&y, "RSK-013")["owner"][1], "Product Team");
    assert_eq!(y["quadrants"][0], "Mitigate Urgently");
    assert_eq!(y["revisions"][0]["author"], "Product Lane Agent");
    assert_eq!(y["issues"][0], "#28");
    // The scoring guide becomes the register's own 3x3 scales and levels.
    assert_eq!(y["scales"]["impact"].as_sequence().unwrap().len(), 3);
    assert_eq!(
        y["scales"]["probability"][2]["description"],
        "> 60% likelihood of occurring"
    );
    assert_eq!(y["levels"][2]["id"], "high");
    assert_eq!(y["levels"][2]["min"], 7.0);
    // Its hand-written scores follow no formula but agree cell by cell
    // (Low x High is 7, and so is High x Medium): they are its score grid,
    // kept as written and not flagged.
    assert_eq!(y["scoring"], "grid");
    let grid: Vec<Vec<i64>> = y["grid"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_sequence()
                .unwrap()
                .iter()
                .map(|c| c.as_i64().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(grid, [[3, 7, 9], [4, 6, 8], [1, 4, 7]]);
    assert_contains(&notes, "the 2 cells no risk uses hold the product");
    let site = Fixture::new(&[("content/registers/imported.yaml", &yaml_text("seed-001"))]);
    let d = diags(&site.check_json());
    assert!(
        !d.iter().any(|d| d.code == "score-mismatch"),
        "{:?}",
        d.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
}

fn yaml_text(seed: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/seeds/{seed}.md",
        env!("CARGO_MANIFEST_DIR")
    );
    riskbook(&["import", &path]).stdout
}

#[test]
fn seed_002_risk_lists_under_phase_headings() {
    let (y, notes) = import("seed-002");
    let risks = y["risks"].as_sequence().unwrap();
    assert_eq!(risks.len(), 11);
    assert_eq!(
        risks[0]["title"],
        "Existing user authentication breaks during migration"
    );
    assert_eq!(risks[0]["impact"], "Critical (users locked out)");
    assert_eq!(risks[0]["category"], "Phase 1: Authentication Enhancement");
    assert_eq!(risks[0]["extra"]["classified_as"], "CRITICAL");
    assert_eq!(risks[0]["mitigation"].as_sequence().unwrap().len(), 4);
    assert_contains(&notes, "11 risks had no id");
    assert!(
        notes.contains("repaired"),
        "the broken emoji encoding is repaired and said so: {notes}"
    );
    // The rollback procedures, code and all, are kept.
    let sections = y["sections"].as_sequence().unwrap();
    let rollback = sections
        .iter()
        .find(|s| s["title"] == "Comprehensive Rollback Procedures")
        .unwrap();
    assert!(
        rollback["body"]
            .as_str()
            .unwrap()
            .contains("kubectl scale deployment blottr-app --replicas=0")
    );
    assert!(
        rollback["body"].as_str().unwrap().contains("## Summary")
            || sections
                .iter()
                .any(|s| s["body"].as_str().unwrap().contains("## Summary")),
        "the fenced incident template stays whole"
    );
}

#[test]
fn seed_003_heading_blocks_with_ranges_and_notes() {
    let (y, _) = import("seed-003");
    assert_eq!(y["risks"].as_sequence().unwrap().len(), 7);
    assert_eq!(risk_of(&y, "R3")["impact"], "Medium/High");
    assert_eq!(risk_of(&y, "R5")["impact"], "High (pilot downtime)");
    assert_eq!(risk_of(&y, "R6")["probability"], "Low/Medium");
    assert!(
        risk_of(&y, "R1")["signals"][0]
            .as_str()
            .unwrap()
            .contains("alembic upgrade")
    );
}

#[test]
fn seed_004_table_without_ids_merged_with_numbered_sections() {
    let (y, notes) = import("seed-004");
    assert_eq!(y["risks"].as_sequence().unwrap().len(), 8);
    let d1 = risk_of(&y, "R-1");
    assert_eq!(d1["title"], "Data loss during migration");
    assert_eq!(d1["status"], "mitigated");
    assert_eq!(d1["probability"], "Low (managed database with backups)");
    assert_eq!(d1["mitigation"][0]["done"], true);
    assert!(
        risk_of(&y, "R-3")["sections"]["Verification"]
            .as_str()
            .unwrap()
            .contains("grep -E")
    );
    assert_contains(&notes, "no ID column");
}

#[test]
fn import_writes_a_file_with_dash_o() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r.yaml");
    let path = format!(
        "{}/tests/fixtures/seeds/seed-003.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = riskbook(&["import", &path, "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.is_empty());
    assert!(std::fs::read_to_string(out).unwrap().contains("id: R7"));
}
