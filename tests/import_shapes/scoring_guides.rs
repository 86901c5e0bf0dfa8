//! Documents that define scales, bands and matrices: read as a scoring guide, never as a risk.

use super::*;

#[test]
fn a_scoring_guide_alone_is_a_register_of_scales() {
    let (y, notes) = round_trip("scales-only.md", &[]);
    assert!(risks(&y).is_empty());
    assert_eq!(y["scales"]["probability"][2]["label"], "Likely");
    assert_contains(&notes, "no risks found");
}

#[test]
fn a_document_with_nothing_to_import_is_an_error() {
    let run = riskbook(&["import", &fixture("nothing.md")]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.is_empty());
    assert_contains(
        &run.stderr,
        "nothing to import: no risk table, risk list or scoring guide found",
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
    assert_contains(&run.stdout, "scoring: grid");
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
fn numbered_scale_tables_under_axis_headings_beat_a_list_of_codes() {
    // `## 1. Severity` then `| Score | Level | Definition |`; a list of
    // `**P1**`/`**P2**` terms and a second probability table under a
    // sub-heading; a matrix of `Medium (4)` cells that are products whose
    // words are bands.
    let (y, notes) = round_trip("numbered-scales.md", &[]);
    assert!(risks(&y).is_empty(), "{y:?}");
    assert_eq!(
        steps(&y, "impact"),
        ["1 Negligible", "2 Minor", "3 Serious", "4 Critical"]
    );
    // The first probability table is the scale; the P1/P2 terms are not.
    assert_eq!(
        steps(&y, "probability"),
        ["1 Improbable", "2 Remote", "3 Occasional", "4 Frequent"]
    );
    assert_eq!(
        y["scales"]["impact"][3]["description"],
        "A result is reported for the wrong patient"
    );
    assert_eq!(y["scoring"], "product", "{notes}");
    assert!(y.get("grid").is_none(), "{y:?}");
    assert_eq!(level_mins(&y), [1, 4, 8]);
    assert_contains(&notes, "its words the levels");
}

#[test]
fn a_guide_that_explains_the_fields_is_not_a_risk() {
    // `**Likelihood**: how likely the team thinks ...` explains a column;
    // it rates nothing, so the guide is not one risk.
    let run = riskbook(&["import", &fixture("field-guide.md")]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(&run.stderr, "nothing to import");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn hazard_cards_with_element_tables_and_a_post_control_row() {
    // ISO 14971 software hazard cards: `| Element | Description |` rows
    // with `Severity: 4 (Critical)` and `P2 (Pre-control)`, a table of
    // controls, a one-row `| P2 (Post-control) | Residual Risk |` table,
    // and a summary table whose `Initial Risk` is `12 (High)`.
    let (y, notes, levels) = round_trip_levels("hazard-cards.md", &[]);
    assert_eq!(
        summary(&y, &["probability", "impact", "residual", "score"]),
        [
            "HZ-01 | 3 (Possible — switching is frequent) | 4 (Critical) | probability: 1 (Rare)\nimpact: 4 (Critical) | 12.0",
            "HZ-02 | 2 (Unlikely) | 3 (Serious — wrong tumour size) | probability: 1 (Rare)\nimpact: 3 (Serious — wrong tumour size) | 6.0",
        ]
    );
    // The controls table is the mitigation, not two more risks.
    assert_contains(
        risks(&y)[1]["mitigation"].as_str().unwrap(),
        "| RC-02-A | Ruler hidden when calibration is missing | Inherent safety |",
    );
    // The post-control probability alone: the severity stays as it was.
    assert_contains(&notes, "2 risks give one half of a residual rating");
    // `12 (High)`: the declared score and level; the levels follow them.
    assert_eq!(risks(&y)[0]["extra"]["declared_level"], "High");
    assert_eq!(
        levels,
        [
            ("HZ-01".to_string(), "high".to_string()),
            ("HZ-02".into(), "medium".into())
        ]
    );
}

#[test]
fn a_guides_axis_bands_give_the_range_of_a_numbered_scale() {
    // `**Likelihood**: Low (1-3), Medium (4-6), High (7-9)`: the ratings
    // run 1 to 9, though the table's highest are 5 and 8 (which alone
    // would make 1-5 and 1-10).
    let (y, notes) = round_trip("banded-guide.md", &[]);
    for axis in ["probability", "impact"] {
        let ids: Vec<&str> = y["scales"][axis]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "7", "8", "9"], "{axis}");
    }
    assert_lacks(&notes, "the bands");
    assert_risk(
        &y,
        "BIL-1",
        "Invoice totals drift during dual running",
        "5",
        "8",
    );
}

#[test]
fn a_sentence_that_rates_the_axes_gives_their_range() {
    // `Likelihood and impact are rated 1 (lowest) to 5 (highest)`: no
    // rating reaches 5, but the scales are 1..5 and the levels spread
    // over 25, so each risk's declared High is what riskbook computes.
    let (y, notes, levels) = round_trip_levels("isms-field-tables.md", &[]);
    assert_eq!(
        steps(&y, "probability"),
        ["1 1", "2 2", "3 3", "4 4", "5 5"]
    );
    assert_eq!(steps(&y, "impact"), ["1 1", "2 2", "3 3", "4 4", "5 5"]);
    assert_eq!(
        levels,
        [("RISK-014", "high"), ("RISK-015", "high")]
            .map(|(i, l)| (i.to_string(), l.to_string()))
            .to_vec()
    );
    assert_lacks(&notes, "declares the level");
    // Split over two lines and naming each axis's scale: `a probability
    // scale of 1 (improbable) to 5 (frequent) and a severity scale of`.
    let (y, _) = round_trip("residual.md", &[]);
    assert_eq!(
        steps(&y, "probability"),
        ["1 1", "2 2", "3 3", "4 4", "5 5"]
    );
}
