//! `riskbook import` on documents in the shapes public registers take
//! (tests/fixtures/import/, written for these tests): every risk a reader
//! counts comes out with its id, title, probability and impact as written,
//! and the register, placed in a fresh `riskbook init` site, checks with
//! no errors.

mod common;
use common::*;

fn fixture(name: &str) -> String {
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

#[test]
fn number_only_ids_numeric_ratings_and_a_header_range() {
    let (y, notes) = round_trip("numbered-table.md", &[]);
    assert_eq!(risks(&y).len(), 5);
    assert_risk(
        &y,
        "1",
        "Card network certificate expires unnoticed",
        "2",
        "5",
    );
    assert_risk(
        &y,
        "4",
        "Sandbox keys leak into a public repository",
        "1",
        "2",
    );
    // `Likelihood (1-5)`: the scale runs to 5 although no risk is a 5.
    assert_eq!(y["scales"]["probability"].as_sequence().unwrap().len(), 5);
    // `TBD` is a risk not analysed yet, never dropped.
    assert_risk(
        &y,
        "5",
        "Ledger export misses a timezone boundary",
        "unrated",
        "unrated",
    );
    assert!(notes.contains("line 11: risk `5` has no rating"), "{notes}");
    // `Severity` beside `Impact` is the declared level; `Owner (role)` the owner.
    let r1 = &risks(&y)[0];
    assert_eq!(r1["extra"]["declared_level"], "High");
    // A declared level that differs from the computed one is said.
    assert_contains(
        &notes,
        "line 9: risk `3` declares the level \"Medium\"; its rating gives `high`",
    );
    assert!(!notes.contains("risk `1` declares"), "{notes}");
    assert_eq!(r1["owner"], "Platform on-call");
    assert_eq!(r1["reviewed"], "2026-10-02");
}

#[test]
fn one_risk_split_across_tables_is_merged_by_id() {
    let (y, notes) = round_trip("split-tables.md", &[]);
    assert_eq!(risks(&y).len(), 3);
    assert_risk(
        &y,
        "MOV-01",
        "Network cabling is not certified before the move weekend",
        "Medium",
        "High",
    );
    let r = &risks(&y)[0];
    assert_eq!(r["owner"], "IT facilities");
    assert_eq!(r["category"], "Facilities");
    assert_eq!(r["score"].as_f64(), Some(6.0));
    // Statuses the defaults lack, active or not by their words.
    let statuses = y["statuses"].as_sequence().unwrap();
    let find = |id: &str| statuses.iter().find(|s| s["id"] == id).unwrap()["active"].clone();
    assert_eq!(find("monitoring"), true);
    assert_eq!(find("done"), false);
    assert!(notes.contains("Done (not active)"), "{notes}");
    assert_contains(
        &notes,
        "line 5: columns kept under each risk's `extra`: Date Identified",
    );
}

#[test]
fn active_and_closed_tables_percentages_and_letters() {
    let (y, _) = round_trip("active-closed.md", &[]);
    assert_eq!(risks(&y).len(), 5);
    assert_risk(
        &y,
        "APP-12",
        "Crash rate rises on older Android versions",
        "70%",
        "M",
    );
    assert_risk(
        &y,
        "APP-2",
        "Analytics SDK blocks the main thread",
        "30%",
        "L",
    );
    let status = |id: &str| {
        risks(&y).iter().find(|r| r["id"] == id).unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // The section a table sits in gives its rows their status.
    assert_eq!(status("APP-2"), "closed");
    assert_eq!(status("APP-7"), "active");
}

#[test]
fn hazard_tables_with_iso_14971_words_and_unrated_hazards() {
    let (y, _) = round_trip("hazards.md", &[]);
    assert_eq!(risks(&y).len(), 3);
    assert_risk(
        &y,
        "HZ-001",
        "Flow rate computed from a stale sensor value",
        "Remote",
        "Catastrophic",
    );
    assert_risk(
        &y,
        "HZ-003",
        "Battery gauge reads high when cold",
        "unrated",
        "unrated",
    );
    let labels: Vec<&str> = y["scales"]["impact"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|e| e["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["Negligible", "Minor", "Serious", "Critical", "Catastrophic"]
    );
    assert_eq!(risks(&y)[0]["extra"]["harm"], "Overdose");
}

#[test]
fn heading_per_risk_cards_with_labelled_numbers() {
    let (y, _) = round_trip("cards.md", &[]);
    assert_eq!(risks(&y).len(), 3);
    assert_risk(
        &y,
        "RISK-102",
        "Dashboards time out on the new cluster",
        "Likely (4)",
        "Moderate (2)",
    );
    let values: Vec<i64> = y["scales"]["probability"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|e| e["value"].as_i64().unwrap())
        .collect();
    assert_eq!(values, [1, 3, 4]);
    let r = &risks(&y)[0];
    assert_eq!(r["mitigation"], "Row-count comparison job with an alert");
    assert_eq!(r["contingency"], "Re-run the copy for the affected day");
    assert_eq!(r["category"], "Data quality");
}

#[test]
fn a_threat_table_without_ratings_is_imported_unrated() {
    let (y, _) = round_trip("stride.md", &[]);
    assert_eq!(risks(&y).len(), 3);
    assert_risk(
        &y,
        "1",
        "A forged share link grants access to another tenant's file",
        "unrated",
        "unrated",
    );
    let r = &risks(&y)[0];
    assert_eq!(r["category"], "Spoofing");
    assert_eq!(r["extra"]["declared_level"], "High");
    assert_eq!(
        r["extra"]["proposed_mitigation"],
        "Bind links to the tenant id"
    );
}

#[test]
fn a_semicolon_csv_fmea_worksheet() {
    let (y, notes) = round_trip("fmea.csv", &[]);
    assert_eq!(risks(&y).len(), 3);
    assert_risk(&y, "R-2", "Wrong bin scanned", "3", "5");
    assert_eq!(y["scales"]["impact"].as_sequence().unwrap().len(), 10);
    assert_eq!(risks(&y)[1]["extra"]["detection"], "6");
    assert_eq!(y["labels"]["probability"], "Occurrence");
    assert_eq!(y["labels"]["impact"], "Severity");
    assert!(notes.contains("Process step, Effect, Detection"), "{notes}");
    // The RPN also weighs detection: each differs from severity x occurrence.
    assert_contains(
        &notes,
        "line 3: risk `R-2` declares the score 90; its rating gives 15",
    );
}

#[test]
fn spreadsheets_xlsx_and_ods_and_the_sheet_to_read() {
    let (y, notes) = round_trip("vendors.xlsx", &[]);
    assert_eq!(risks(&y).len(), 3);
    assert_risk(
        &y,
        "2",
        "Email provider deprecates the API we use",
        "High",
        "Medium",
    );
    assert_eq!(risks(&y)[0]["reviewed"], "2026-09-30");
    assert_contains(&notes, "read vendors (Risks) (the header is row 2)");
    let (y, _) = round_trip("vendors.xlsx", &["--sheet", "Risks"]);
    assert_eq!(risks(&y).len(), 3);
    let (y, _) = round_trip("ops.ods", &[]);
    assert_risk(
        &y,
        "OPS-1",
        "Backup restore was never rehearsed",
        "Possible",
        "Major",
    );

    let path = fixture("vendors.xlsx");
    let run = riskbook(&["import", &path, "--sheet", "Summary"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("sheet `Summary`"), "{}", run.stderr);
    let run = riskbook(&["import", &path, "--sheet", "Nope"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("no sheet `Nope`; the workbook has: Summary, Risks"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_scoring_guide_alone_is_a_register_of_scales() {
    let (y, notes) = round_trip("scales-only.md", &[]);
    assert!(risks(&y).is_empty());
    assert_eq!(y["scales"]["probability"][2]["label"], "Likely");
    assert!(notes.contains("no risks found"), "{notes}");
}

#[test]
fn a_document_with_nothing_to_import_is_an_error() {
    let run = riskbook(&["import", &fixture("nothing.md")]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("nothing to import: no risk table, risk list or scoring guide found"),
        "{}",
        run.stderr
    );
    let csv = tempfile::NamedTempFile::with_suffix(".csv").unwrap();
    std::fs::write(csv.path(), "Day,Topic\nMonday,Roadmap\n").unwrap();
    let run = riskbook(&["import", csv.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_contains(&run.stderr, "no header row names a risk's fields");
}

#[test]
fn site_writes_the_scales_found_as_a_site_config_that_checks() {
    let run = riskbook(&["import", &fixture("scales-only.md"), "--site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let config: serde_yaml::Value = serde_yaml::from_str(&run.stdout).unwrap();
    assert!(config.get("risks").is_none(), "{}", run.stdout);
    assert_eq!(config["scales"]["impact"][2]["label"], "Severe");
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    assert_eq!(riskbook(&["init", site.to_str().unwrap()]).code, 0);
    std::fs::write(site.join("content/site.yaml"), &run.stdout).unwrap();
    // The example register of `init` uses its own words: give it the site's.
    let reg = site.join("content/registers");
    for e in std::fs::read_dir(&reg).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    std::fs::write(
        reg.join("ops.yaml"),
        "title: Ops\nrisks:\n  - { id: R-1, title: Disk fills up, probability: Likely, impact: Minor, owner: sre }\n",
    )
    .unwrap();
    let check = riskbook(&["check", "--no-git", "--root", site.to_str().unwrap()]);
    assert_eq!(check.code, 0, "{}", check.stderr);

    let run = riskbook(&["import", &fixture("split-tables.md"), "--site"]);
    assert_eq!(
        run.code, 0,
        "statuses alone make a site config: {}",
        run.stderr
    );
    let run = riskbook(&["import", &fixture("numbered-table.md"), "--site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_score_matrix_with_a_band_list_scores_the_risks() {
    let (y, notes, levels) = round_trip_levels("matrix-scores.md", &[]);
    // Every cell is likelihood x consequence: the matrix is `product`.
    assert_eq!(y["scoring"], "product", "{notes}");
    assert!(y.get("grid").is_none(), "{y:?}");
    assert_eq!(y["scales"]["probability"][4]["label"], "Almost certain");
    assert_eq!(level_mins(&y), [1, 5, 10, 15]);
    assert_risk(
        &y,
        "SUP-1",
        "Supplier fails the security questionnaire late",
        "Possible",
        "Major",
    );
    // Possible (3) x Major (4) is 12 in the matrix: high.
    assert!(
        levels.contains(&("SUP-1".into(), "high".into())),
        "{levels:?}"
    );
    assert_contains(
        &notes,
        "the 5x5 matrix is probability x impact: `scoring: product`",
    );
}

#[test]
fn a_level_matrix_with_impact_rows_names_each_cell() {
    let (y, _, levels) = round_trip_levels("matrix-levels.md", &[]);
    assert_eq!(y["grid"][0][2], "high", "high likelihood, severe impact");
    assert_eq!(y["grid"][2][0], "low");
    assert!(
        levels.contains(&("NET-1".into(), "high".into())),
        "{levels:?}"
    );
    assert!(
        levels.contains(&("NET-2".into(), "low".into())),
        "{levels:?}"
    );
}

#[test]
fn an_acceptance_matrix_alone_becomes_levels_and_a_grid() {
    let (y, _) = round_trip("acceptance.md", &[]);
    assert!(risks(&y).is_empty());
    let ids: Vec<&str> = y["levels"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["acceptable", "alarp", "not-acceptable"]);
    assert_eq!(y["grid"][0][3], "not-acceptable", "frequent x critical");
    let run = riskbook(&["import", &fixture("acceptance.md"), "--site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("scoring: grid"), "{}", run.stdout);
}

#[test]
fn a_document_that_is_one_risk_with_a_section_per_field() {
    let (y, notes) = round_trip("issue-template.md", &[]);
    assert_eq!(risks(&y).len(), 1);
    assert_risk(
        &y,
        "R-1",
        "Search index rebuild overruns the maintenance window",
        "High",
        "Medium",
    );
    let r = &risks(&y)[0];
    assert_eq!(r["owner"], "Search team");
    assert!(
        r["mitigation"]
            .as_str()
            .unwrap()
            .starts_with("Rebuild incrementally")
    );
    assert!(notes.contains("the document is one risk"), "{notes}");
}

#[test]
fn a_risk_card_with_plain_key_value_bullets() {
    let (y, _) = round_trip("risk-card.md", &[]);
    assert_risk(
        &y,
        "RSK-42",
        "Risk card: expiring partner API contract",
        "M",
        "H",
    );
    let r = &risks(&y)[0];
    assert_eq!(r["status"], "in review");
    // Sections with no field of their own stay with the risk.
    assert!(
        r["sections"]["Mitigation / Contingency"]
            .as_str()
            .unwrap()
            .contains("second address provider")
    );
    assert!(
        r["sections"]["Metadata"]
            .as_str()
            .unwrap()
            .contains("raised 2026-06-01")
    );
}

#[test]
fn risk_id_headings_values_on_the_next_line_and_bold_card_lines() {
    let (y, _) = round_trip("prefixed-headings.md", &[]);
    assert_eq!(risks(&y).len(), 3);
    assert_risk(
        &y,
        "001",
        "Robots stall on the wet floor near the loading dock",
        "Possible",
        "Moderate",
    );
    assert_risk(
        &y,
        "RISK-003",
        "Staff route around robots through the fire exit",
        "Likely",
        "Major",
    );
    // The owner in RISK-003's card is its own, not the document's or 002's.
    assert!(y.get("owner").is_none(), "{y:?}");
    assert_eq!(risks(&y)[2]["owner"], "Health and safety");
    assert!(risks(&y)[2].get("category").is_none());
}

#[test]
fn ratings_after_the_risk_controls_become_the_residual() {
    // ISO 14971's second P/S pair after the control measures, and
    // `Residual Likelihood`/`Residual Severity` columns.
    let (y, _) = round_trip("residual.md", &[]);
    assert_eq!(risks(&y).len(), 4);
    assert_risk(&y, "VA-1", "Alarm not raised on disconnection", "3", "5");
    let residual = |k: usize| {
        let r = &risks(&y)[k]["residual"];
        (
            r["probability"].as_str().unwrap().to_string(),
            r["impact"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(residual(0), ("1".into(), "5".into()));
    assert_eq!(residual(1), ("2".into(), "3".into()));
    assert_eq!(residual(3), ("2".into(), "4".into()));
    // The measures are the mitigation; the two risk levels stay as written.
    assert_eq!(risks(&y)[0]["mitigation"][0], "Pressure-drop detection");
    assert_eq!(risks(&y)[0]["extra"]["residual_risk"], "Medium");
}

#[test]
fn coded_ratings_become_scales_of_their_codes() {
    // `P4`, `S2`, `P4: Probable`, `s1 – Negligible`: the code is the id,
    // its number the value, the words the label.
    let (y, _) = round_trip("coded.md", &[]);
    assert_eq!(risks(&y).len(), 4);
    assert_risk(&y, "HL-01", "Reading shown in the wrong unit", "P4", "S2");
    assert_risk(&y, "HL-04", "Result not stored after a crash", "P2", "S1");
    let scale = |axis: &str| -> Vec<(String, String, i64)> {
        y["scales"][axis]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["id"].as_str().unwrap().to_string(),
                    e["label"].as_str().unwrap().to_string(),
                    e["value"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let p = scale("probability");
    assert_eq!(p.len(), 4);
    assert_eq!(p[1], ("P2".into(), "Remote".into(), 2));
    assert_eq!(p[3], ("P4".into(), "Probable".into(), 4));
    let s = scale("impact");
    assert_eq!(s[0], ("S1".into(), "Negligible".into(), 1));
    assert_eq!(s[1], ("S2".into(), "S2".into(), 2));
    assert_eq!(s[3], ("S4".into(), "Critical".into(), 4));
}

#[test]
fn an_acceptance_matrix_document_is_a_scoring_guide_not_a_risk() {
    // ISO 14971 templates: `## Severity` and `## Probability` definition
    // tables of codes (one with an extra event-count column), quotations,
    // and the acceptance matrix. No risk is invented from them.
    let (y, notes) = round_trip("acceptance-matrix.md", &[]);
    assert!(risks(&y).is_empty(), "{y:?}");
    assert_contains(&notes, "scoring guide");
    assert_contains(&notes, "riskbook import --site");
    let entry = |axis: &str, k: usize| {
        let e = &y["scales"][axis][k];
        (
            e["id"].as_str().unwrap().to_string(),
            e["label"].as_str().unwrap().to_string(),
            e["value"].as_i64().unwrap(),
        )
    };
    assert_eq!(entry("impact", 0), ("S1".into(), "Negligible".into(), 1));
    assert_eq!(entry("impact", 3), ("S4".into(), "Catastrophic".into(), 4));
    assert_eq!(entry("probability", 4), ("P5".into(), "Certain".into(), 5));
    assert_eq!(y["scoring"], "grid");
    // The matrix's top row is the most probable: P5 x S4 is not acceptable.
    let grid = y["grid"].as_sequence().unwrap();
    assert_eq!(grid.len(), 5);
    assert_eq!(grid[0][3], "not-acceptable");
    assert_eq!(grid[4][0], "acceptable");
}

#[test]
fn a_matrix_of_products_is_product_scoring_and_bands_take_any_dash() {
    // A 4x4 matrix whose cells are likelihood x impact, and bands written
    // `Low: 1–3` (an en dash) up to a single `Critical: 16`.
    let (y, notes, levels) = round_trip_levels("product-matrix.md", &[]);
    assert_eq!(y["scoring"], "product", "{notes}");
    assert!(y.get("grid").is_none(), "{y:?}");
    assert_eq!(level_mins(&y), [1, 4, 8, 16]);
    let level = |id: &str| levels.iter().find(|(i, _)| i == id).unwrap().1.clone();
    assert_eq!(level("DP-1"), "high");
    assert_eq!(level("DP-2"), "medium");
    assert_eq!(level("DP-3"), "critical");
}

#[test]
fn a_percent_times_impact_exposure_is_read_as_such() {
    // `70% x 9 = 6.3`: no score mismatch; the probability scale holds the
    // fractions, so riskbook computes the declared exposures.
    let (y, notes, levels) = round_trip_levels("exposure.md", &[]);
    assert_lacks(&notes, "declares the score");
    assert_contains(&notes, "probability as a fraction times the impact");
    let p = y["scales"]["probability"].as_sequence().unwrap();
    let values: Vec<f64> = p.iter().map(|e| e["value"].as_f64().unwrap()).collect();
    assert_eq!(values, [0.1, 0.2, 0.4, 0.7]);
    let level = |id: &str| levels.iter().find(|(i, _)| i == id).unwrap().1.clone();
    assert_eq!(level("L-1"), "critical");
    assert_eq!(
        level("L-4"),
        "low",
        "an exposure below every level's minimum"
    );
    assert_risk(
        &y,
        "L-1",
        "Payment provider outage on launch day",
        "70%",
        "9",
    );
}

#[test]
fn a_risk_management_plan_with_coded_scale_lists_is_a_scoring_guide() {
    // Scales as lists (`- S1: Negligible`), an acceptance matrix with an
    // extra event-count column and an empty corner: scales and a grid,
    // no risk invented.
    let (y, notes) = round_trip("risk-management-plan.md", &[]);
    assert!(risks(&y).is_empty(), "{y:?}");
    assert_contains(&notes, "riskbook import --site");
    assert_eq!(y["scales"]["impact"][0]["id"], "S1");
    assert_eq!(y["scales"]["impact"][3]["label"], "Catastrophic");
    assert_eq!(y["scales"]["probability"][4]["label"], "Certain");
    let grid = y["grid"].as_sequence().unwrap();
    assert_eq!((grid.len(), grid[0].as_sequence().unwrap().len()), (5, 4));
    assert_eq!(grid[0][1], "unacceptable", "P5 x S2");
    assert_eq!(grid[4][3], "acceptable", "P1 x S4");
    let run = riskbook(&["import", &fixture("risk-management-plan.md"), "--site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "scoring: grid");
}

#[test]
fn ids_linked_to_their_cards_are_their_text() {
    // `1 [](#RC1)` (an empty anchor link) and `[2](#RC2)`.
    let (y, _) = round_trip("linked-ids.md", &[]);
    assert_risk(&y, "1", "Volunteer who holds the keys moves away", "1", "4");
    assert_risk(&y, "2", "Roof leaks onto the seed store", "3", "3");
}

#[test]
fn a_findings_table_with_cvss_vectors_is_rated_by_its_vectors() {
    let (y, notes, levels) = round_trip_levels("vulnerabilities.md", &[]);
    assert_eq!(y["method"].as_str(), Some("cvss"));
    assert_eq!(risks(&y).len(), 4);
    let pen4 = &risks(&y)[3];
    assert_eq!(
        pen4["cvss"].as_str(),
        Some("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:L/SA:N")
    );
    assert!(pen4.get("probability").is_none() && y.get("scales").is_none());
    assert_contains(&notes, "every risk has a CVSS vector");
    // The levels the site computes from the vectors agree with the
    // document's Severity column.
    let want = [
        ("PEN-01", "high"),
        ("PEN-02", "low"),
        ("PEN-03", "high"),
        ("PEN-04", "high"),
    ];
    assert_eq!(
        levels,
        want.map(|(i, l)| (i.to_string(), l.to_string())).to_vec()
    );
}

#[test]
fn a_findings_table_with_owasp_factor_columns_is_rated_by_the_methodology() {
    let (y, notes, levels) = round_trip_levels("appsec-owasp.md", &[]);
    assert_eq!(y["method"].as_str(), Some("owasp"));
    let app1 = &risks(&y)[0];
    assert_eq!(app1["owasp"]["likelihood"]["skill"].as_i64(), Some(6));
    assert_eq!(app1["owasp"]["likelihood"]["detection"].as_i64(), Some(8));
    assert_eq!(app1["owasp"]["impact"]["accountability"].as_i64(), Some(7));
    // The factor columns are the rating now, not extra data; the
    // document's own means stay beside it.
    assert!(app1["extra"].get("skill_level").is_none(), "{app1:?}");
    assert_eq!(app1["extra"]["likelihood"].as_str(), Some("5.875 (Medium)"));
    assert!(app1.get("probability").is_none() && y.get("scales").is_none());
    assert_contains(&notes, "rated with `method: owasp`");
    // Worked by hand: APP-01 5.875 (Medium) x 5 (Medium) = Medium;
    // APP-02 9 (High) x 7.5 (High) = Critical; APP-03 1.125 (Low) x 1 (Low)
    // = Note; APP-04 5.5 (Medium) x 7 (High) = High.
    let want = [
        ("APP-01", "medium"),
        ("APP-02", "critical"),
        ("APP-03", "note"),
        ("APP-04", "high"),
    ];
    assert_eq!(
        levels,
        want.map(|(i, l)| (i.to_string(), l.to_string())).to_vec()
    );
}

#[test]
fn confidentiality_integrity_availability_columns_alone_stay_as_written() {
    // An ISMS register's C/I/A columns share OWASP's impact words but are
    // not its factors: the register stays a matrix, the columns extra.
    let doc =
        "| ID | Risk | Confidentiality | Integrity | Availability | Likelihood | Impact | Owner |
|----|------|-----------------|-----------|--------------|------------|--------|-------|
| ISR-1 | Laptop theft | High | Low | Low | Possible | Major | it-ops |
| ISR-2 | Backup tapes unencrypted | High | Medium | Low | Unlikely | Major | it-ops |
";
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("isms.md");
    std::fs::write(&src, doc).unwrap();
    let out = riskbook(&["import", src.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let y: serde_yaml::Value = serde_yaml::from_str(&out.stdout).unwrap();
    assert!(y.get("method").is_none(), "{}", out.stdout);
    let isr1 = &y["risks"][0];
    assert_eq!(isr1["extra"]["confidentiality"].as_str(), Some("High"));
    assert_eq!(isr1["probability"].as_str(), Some("Possible"));
}

#[test]
fn risk_cards_with_owasp_factor_lines_are_rated_by_the_methodology() {
    let doc = "# Findings\n\n### APP-7: Open redirect on the login page\n\n- **Skill level**: 5\n- **Motive**: 4\n- **Opportunity**: 7\n- **Size**: 6\n- **Ease of discovery**: 7\n- **Ease of exploit**: 5\n- **Awareness**: 6\n- **Intrusion detection**: 8\n- **Loss of confidentiality**: 2\n- **Loss of integrity**: 3\n- **Loss of availability**: 1\n- **Loss of accountability**: 7\n- **Owner**: identity\n";
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("cards.md");
    std::fs::write(&src, doc).unwrap();
    let out = riskbook(&["import", src.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let y: serde_yaml::Value = serde_yaml::from_str(&out.stdout).unwrap();
    assert_eq!(y["method"].as_str(), Some("owasp"));
    let app7 = &y["risks"][0];
    assert_eq!(app7["owasp"]["likelihood"]["size"].as_i64(), Some(6));
    assert_eq!(app7["owasp"]["impact"]["integrity"].as_i64(), Some(3));
    assert!(app7.get("sections").is_none(), "{}", out.stdout);
}

#[test]
fn aro_sle_ale_columns_become_frequency_and_loss_and_a_wrong_ale_is_noted() {
    let (y, notes) = round_trip("quantitative.md", &[]);
    let qr1 = &risks(&y)[0];
    assert_eq!(qr1["frequency"].as_f64(), Some(0.1));
    assert_eq!(qr1["loss"].as_i64(), Some(800_000));
    // A Safeguard column is the mitigation, its list split as written.
    assert_eq!(
        (qr1["mitigation"][0].as_str(), qr1["mitigation"][1].as_str()),
        (Some("Immutable backups"), Some("EDR"))
    );
    // QR-1 and QR-2 declare ALE = ARO x SLE; QR-3 (0.5 x 150,000 = 75,000)
    // and QR-4 (2 x 50,000 = 100,000) do not.
    assert_contains(
        &notes,
        "line 10: risk `QR-3` declares an expected annual loss (ALE) of 60000; its frequency x loss (ARO x SLE) is 75000",
    );
    assert_contains(
        &notes,
        "line 11: risk `QR-4` declares an expected annual loss (ALE) of 10000; its frequency x loss (ARO x SLE) is 100000",
    );
    assert!(!notes.contains("`QR-1` declares"), "{notes}");
    assert_contains(
        &notes,
        "the amounts are in USD: say so in site.yaml, `quantitative: { currency: USD }`",
    );
}

#[test]
fn a_percent_probability_beside_a_cost_impact_is_a_risk_in_money() {
    // The project register's shape: Probability 30%, Cost impact $120,000,
    // EMV their product.
    let (y, notes) = round_trip("emv.md", &[]);
    let rs = risks(&y);
    let got: Vec<(Option<f64>, Option<f64>, Option<&str>)> = rs
        .iter()
        .map(|r| {
            (
                r["frequency"].as_f64(),
                r["loss"].as_f64(),
                r["probability"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some(0.3), Some(120_000.0), Some("unrated")),
            (Some(0.1), Some(400_000.0), Some("unrated")),
            (Some(0.25), Some(80_000.0), Some("unrated")),
            (Some(0.05), Some(1_500_000.0), Some("unrated")),
        ]
    );
    assert_eq!(
        rs[0]["extra"]["probability_as_written"].as_str(),
        Some("30%")
    );
    assert_contains(
        &notes,
        "the probability is a percentage and the impact an amount: `R1`, `R2`, `R3` and `R4` became `frequency`",
    );
    // One note for the register, not one per risk.
    assert_lacks(&notes, "has no rating");
    // R4's EMV is 5% of $1.5M = $75,000; the document says $60,000.
    assert_contains(
        &notes,
        "line 12: risk `R4` declares an expected annual loss (ALE) of 60000; its frequency x loss (ARO x SLE) is 75000",
    );
    assert_lacks(&notes, "`R1` declares");
}

#[test]
fn a_cost_column_in_thousands_and_an_emv_give_loss_and_frequency_beside_the_ratings() {
    // Ratings 1..5 stay; `ImpactCost_kEUR` is the loss in thousands of
    // euros, `EMV_kEUR` / cost the probability the document used.
    let (y, notes) = round_trip("emv-keur.md", &[]);
    let rs = risks(&y);
    let got: Vec<String> = rs
        .iter()
        .map(|r| {
            format!(
                "{} impact {:?} frequency {:?} loss {:?}",
                r["id"].as_str().unwrap(),
                r["impact"].as_str(),
                r["frequency"].as_f64(),
                r["loss"].as_f64(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "RIG-01 impact Some(\"4\") frequency Some(0.3) loss Some(250000.0)",
            "RIG-02 impact Some(\"3\") frequency Some(0.15) loss Some(40000.0)",
            "RIG-03 impact Some(\"5\") frequency Some(0.55) loss Some(900000.0)",
        ]
    );
    assert_contains(
        &notes,
        "`RIG-01`, `RIG-02` and `RIG-03`: `frequency` is the expected loss over the loss",
    );
    assert_contains(&notes, "the amounts are in EUR");
    assert_lacks(&notes, "declares an expected annual loss");
}

#[test]
fn aro_and_sle_as_card_lines_become_frequency_and_loss() {
    let (y, notes) = round_trip("threat-cards.md", &[]);
    let rs = risks(&y);
    assert_eq!(
        (rs[0]["frequency"].as_f64(), rs[0]["loss"].as_f64()),
        (Some(0.2), Some(450_000.0))
    );
    // `ARO: 5%` is 0.05 a year; `SLE: $2M` is 2,000,000.
    assert_eq!(
        (rs[1]["frequency"].as_f64(), rs[1]["loss"].as_f64()),
        (Some(0.05), Some(2_000_000.0))
    );
    // Neither is left as a section of its risk.
    assert!(rs[0].get("sections").is_none(), "{y:?}");
    assert_contains(
        &notes,
        "line 14: risk `T-2` declares an expected annual loss (ALE) of 150000; its frequency x loss (ARO x SLE) is 100000",
    );
    assert_lacks(&notes, "`T-1` declares");
}

#[test]
fn a_two_column_table_of_fields_under_a_risk_heading_is_read_as_its_fields() {
    let (y, notes) = round_trip("key-value-cards.md", &[]);
    let rs = risks(&y);
    let got: Vec<String> = rs
        .iter()
        .map(|r| {
            format!(
                "{} {} x {} by {} ({})",
                r["id"].as_str().unwrap(),
                r["probability"].as_str().unwrap(),
                r["impact"].as_str().unwrap(),
                r["owner"].as_str().unwrap(),
                r["status"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "RISK-07 Medium x High by Integrations team (open)",
            "RISK-08 Low x Critical by Security (mitigated)",
        ]
    );
    assert_eq!(
        rs[1]["mitigation"].as_str(),
        Some("Rotate the secret; accept signatures made with the new key only")
    );
    // A two-column table of steps is not a table of fields: it stays text.
    let text = serde_yaml::to_string(&rs[1]).unwrap();
    assert_contains(&text, "| Re-enable the old key for 24 hours | On-call |");
    assert_lacks(&text, "| Likelihood |");
    assert_lacks(&notes, "has no rating");
}

#[test]
fn sub_headings_that_name_fields_under_a_risk_heading_are_its_fields() {
    let (y, notes) = round_trip("heading-fields.md", &[]);
    let rs = risks(&y);
    let got: Vec<String> = rs
        .iter()
        .map(|r| {
            format!(
                "{} {} x {} by {}",
                r["id"].as_str().unwrap(),
                r["probability"].as_str().unwrap(),
                r["impact"].as_str().unwrap(),
                r["owner"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "R-3 Medium x High by DBA team",
            "R-4 Low x Critical by Security",
        ]
    );
    assert_eq!(
        rs[0]["mitigation"][1].as_str(),
        Some("Page on replication lag over 30 s")
    );
    // A sub-heading that names no field stays, with its text.
    let text = serde_yaml::to_string(&rs[0]).unwrap();
    assert_contains(&text, "The promotion took eleven minutes");
    assert_lacks(&notes, "has no rating");
}

#[test]
fn sub_headings_written_as_key_and_value_are_fields() {
    let (y, notes) = round_trip("heading-key-values.md", &[]);
    let got: Vec<String> = risks(&y)
        .iter()
        .map(|r| {
            format!(
                "{} {} x {} by {}",
                r["id"].as_str().unwrap(),
                r["probability"].as_str().unwrap(),
                r["impact"].as_str().unwrap(),
                r["owner"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "RL-12 High x Medium by Checkout squad",
            "RL-13 Low x High by Search team",
        ]
    );
    assert_eq!(
        risks(&y)[0]["mitigation"].as_str(),
        Some("Burst quota agreed with the provider in advance")
    );
    assert_lacks(&notes, "has no rating");
}
