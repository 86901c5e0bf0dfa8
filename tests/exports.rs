//! risks.json, risks.csv, `riskbook export`, `riskbook schema`, sitemap.

mod common;
use common::*;

fn example_root() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

#[test]
fn risks_json_has_every_risk_versioned_with_computed_fields() {
    let run = riskbook(&[
        "export",
        "--root",
        example_root(),
        "--format",
        "json",
        "--today",
        "2026-02-20",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["schema"], 1);
    let risks = v["risks"].as_array().unwrap();
    assert_eq!(risks.len(), 67);
    let r = risks
        .iter()
        .find(|r| r["register"] == "product-risk-register" && r["id"] == "RSK-002")
        .unwrap();
    // Seed 001 scores from its grid: Medium x High is 8, level high.
    assert_eq!(r["score"], 8.0);
    assert_eq!(r["declared_score"], 8.0);
    assert_eq!(r["level"], "high");
    assert_eq!(r["probability"]["id"], "medium");
    assert_eq!(r["url"], "registers/product-risk-register/RSK-002.html");
    assert_eq!(r["signals"].as_array().unwrap().len(), 3);
    assert_eq!(r["position"]["impact"], 0.8);
    // Grid scoring has no numeric score.
    let g = risks.iter().find(|r| r["id"] == "P2-N-PLUS-1").unwrap();
    assert!(g["score"].is_null());
    assert_eq!(g["level"], "high");
    // Ranges keep what was written and score by the upper end.
    let r3 = risks
        .iter()
        .find(|r| r["register"] == "m1-migration-baseline" && r["id"] == "R3")
        .unwrap();
    assert_eq!(r3["impact"]["text"], "Medium/High");
    assert_eq!(
        (r3["impact"]["low"].as_str(), r3["impact"]["id"].as_str()),
        (Some("medium"), Some("high"))
    );
    // The built site carries the same file.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("s");
    assert_eq!(build_example(&out).code, 0);
    assert_eq!(
        std::fs::read_to_string(out.join("risks.json")).unwrap(),
        run.stdout
    );
}

#[test]
fn risks_csv_is_rfc4180_one_row_per_risk() {
    let run = riskbook(&[
        "export",
        "--root",
        example_root(),
        "--format",
        "csv",
        "--today",
        "2026-02-20",
    ]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("\r\n"), "CRLF line ends");
    let mut rdr = csv::Reader::from_reader(run.stdout.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 67);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let r13 = rows.iter().find(|r| &r[col("id")] == "RSK-013").unwrap();
    assert_eq!(&r13[col("owners")], "Data Team; Product Team");
    assert_eq!(&r13[col("score")], "7", "Low x High in seed 001's grid");
    let d2 = rows.iter().find(|r| &r[col("id")] == "D2").unwrap();
    assert!(
        d2[col("mitigation")]
            .contains("Maintenance page capability (Caddy can serve static \"under maintenance\")"),
        "quotes survive"
    );
}

#[test]
fn export_refuses_content_with_errors() {
    let site = Fixture::new(&[(
        "content/registers/r.yaml",
        "title: T\nrisks:\n  - {id: R-1, title: x, probability: nope, impact: low}\n",
    )]);
    let run = site.run(&["export", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert_contains(&run.stderr, "unknown probability `nope`");
}

#[test]
fn schema_accepts_the_example_registers_and_rejects_a_broken_one() {
    let run = riskbook(&["schema"]);
    assert_eq!(run.code, 0);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let dir = std::path::Path::new(example_root()).join("content/registers");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let yaml: serde_json::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&yaml)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        n += 1;
    }
    assert_eq!(n, 8);
    let broken: serde_json::Value = serde_yaml::from_str("title: T\nrisks:\n  - id: R-1\n    title: x\n    probability: low\n    impact: low\n    probabilty: high\n    watchlist: maybe\n").unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&broken)
        .map(|e| e.to_string())
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        !validator.is_valid(&serde_json::json!({ "risks": [] })),
        "title is required"
    );

    let site: serde_json::Value =
        serde_json::from_str(&riskbook(&["schema", "site"]).stdout).unwrap();
    let v = jsonschema::validator_for(&site).unwrap();
    let cfg: serde_json::Value = serde_yaml::from_str(
        &std::fs::read_to_string(std::path::Path::new(example_root()).join("content/site.yaml"))
            .unwrap(),
    )
    .unwrap();
    assert!(v.is_valid(&cfg));
    assert!(!v.is_valid(&serde_json::json!({ "scoring": "median" })));
}

#[test]
fn base_url_only_changes_absolute_urls() {
    let site = Fixture::new(&[("content/registers/r.yaml", &register(""))]);
    let a = site.out().join("a");
    let b = site.out().join("b");
    assert_eq!(site.build_into(&a, &[]).code, 0);
    assert_eq!(
        site.build_into(&b, &["--base-url", "https://docs.example.internal/risks/"])
            .code,
        0
    );
    let risk_b = std::fs::read_to_string(b.join("registers/r/R-1.html")).unwrap();
    assert_contains(
        &risk_b,
        "<link rel=\"canonical\" href=\"https://docs.example.internal/risks/registers/r/R-1.html\">",
    );
    let risk_a = std::fs::read_to_string(a.join("registers/r/R-1.html")).unwrap();
    assert_eq!(risk_b.replace("<link rel=\"canonical\" href=\"https://docs.example.internal/risks/registers/r/R-1.html\">\n", ""), risk_a);
    let sitemap = std::fs::read_to_string(b.join("sitemap.xml")).unwrap();
    assert_contains(
        &sitemap,
        "<loc>https://docs.example.internal/risks/registers/r/R-1.html</loc>",
    );
    assert!(!a.join("sitemap.xml").exists());
    // 404.html is served at any depth: with a base URL its links are absolute.
    let nf = std::fs::read_to_string(b.join("404.html")).unwrap();
    assert_contains(
        &nf,
        "href=\"https://docs.example.internal/risks/index.html\"",
    );
    assert!(
        std::fs::read_to_string(a.join("404.html"))
            .unwrap()
            .contains("href=\"index.html\"")
    );
}
