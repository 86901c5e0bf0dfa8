//! Registers written as tables: one row a risk, in the columns and words public registers use.

use super::*;

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
    assert_contains(&notes, "line 11: risk `5` has no rating");
    // `Severity` beside `Impact` is the declared level; `Owner (role)` the owner.
    let r1 = &risks(&y)[0];
    assert_eq!(r1["extra"]["declared_level"], "High");
    // A declared level that differs from the computed one is said.
    assert_contains(
        &notes,
        "line 9: risk `3` declares the level \"Medium\"; its rating gives `high`",
    );
    assert_lacks(&notes, "risk `1` declares");
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
    assert_contains(&notes, "Done (not active)");
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
    // The planned mitigation fills the field; what exists today yields
    // to it and is kept as written.
    assert_eq!(r["mitigation"][0], "Bind links to the tenant id");
    assert_eq!(r["extra"]["existing_mitigation"], "Signed links");
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
    assert_contains(&notes, "Process step, Effect, Detection");
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
    assert_contains(&run.stderr, "sheet `Summary`");
    let run = riskbook(&["import", &path, "--sheet", "Nope"]);
    assert_eq!(run.code, 1);
    assert_contains(
        &run.stderr,
        "no sheet `Nope`; the workbook has: Summary, Risks",
    );
}

#[test]
fn ids_linked_to_their_cards_are_their_text() {
    // `1 [](#RC1)` (an empty anchor link) and `[2](#RC2)`.
    let (y, _) = round_trip("linked-ids.md", &[]);
    assert_risk(&y, "1", "Volunteer who holds the keys moves away", "1", "4");
    assert_risk(&y, "2", "Roof leaks onto the seed store", "3", "3");
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
fn a_security_register_with_scored_columns_and_declared_levels() {
    // `L_1to5`, `residual_I_1to5`: the axis, then the scale it runs on.
    let (y, notes, levels) = round_trip_levels("scored-security.csv", &[]);
    assert_eq!(
        summary(&y, &["probability", "impact", "residual"]),
        [
            "S01 | 3 | 4 | probability: '2'\nimpact: '4'",
            "S02 | 2 | 5 | probability: '1'\nimpact: '5'",
            "S03 | 3 | 3 | probability: '2'\nimpact: '3'",
            "S04 | 4 | 5 | probability: '2'\nimpact: '5'",
            "S05 | 2 | 2 | probability: '1'\nimpact: '2'",
        ]
    );
    // No risk is rated 5 for likelihood; the header says the scale runs to 5.
    assert_eq!(y["scales"]["probability"].as_sequence().unwrap().len(), 5);
    // The levels are the ones the rows declare, each from its lowest
    // score: Medium is 9, High 10 and 12, Critical 20.
    assert_eq!(level_mins(&y), [1, 9, 10, 20]);
    assert_contains(
        &notes,
        "the levels the risks declare became the register's levels, each from the lowest score a risk declares it at (Low from 1, Medium from 9, High from 10, Critical from 20)",
    );
    assert_lacks(&notes, "declares the level");
    // The built site computes the declared level of every risk.
    assert_eq!(
        levels,
        [
            ("S01".to_string(), "high".to_string()),
            ("S02".into(), "high".into()),
            ("S03".into(), "medium".into()),
            ("S04".into(), "critical".into()),
            ("S05".into(), "low".into()),
        ]
    );
    // `Treatment: Reduce` is the option taken, not a mitigation.
    let s01 = &risks(&y)[0];
    assert_eq!(s01["extra"]["treatment"], "Reduce");
    assert!(s01["mitigation"].is_null());
}

#[test]
fn ratings_from_two_vocabularies_share_one_scale() {
    // `Low`, `Medium` and ISO 14971's `Remote` (residual): one scale with
    // every value, each placed by where it stands in its own ladder.
    let (y, _) = round_trip("mixed-ladders.md", &[]);
    let ids: Vec<&str> = y["scales"]["probability"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["low", "remote", "medium"]);
    assert_eq!(
        summary(&y, &["probability", "impact", "mitigation"]),
        [
            "HZ-1 | Medium | Serious | - Unit printed beside every number",
            "HZ-2 | Low | Critical | - Session expires after ten minutes",
            "HZ-3 | Medium | Minor | - Warnings drawn above dialogs",
        ]
    );
    assert_eq!(risks(&y)[1]["residual"]["probability"], "Remote");
}

#[test]
fn a_templates_blank_rows_are_left_out_and_its_filled_tab_is_read() {
    // A downloaded register template: a `How to use` tab, a `Register`
    // tab whose rows hold only ids, and an `Example` tab filled in.
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("migration-template.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let header = [
        "Risk ID",
        "Risk Description",
        "Likelihood",
        "Impact",
        "In-charge",
        "Trigger / Early Signal",
        "Status",
    ];
    let how = book.add_worksheet().set_name("How to use").unwrap();
    how.write(0, 0, "Add one row per risk; review weekly.")
        .unwrap();
    let blank = book.add_worksheet().set_name("Register").unwrap();
    for (c, h) in header.iter().enumerate() {
        blank.write(0, c as u16, *h).unwrap();
    }
    for r in 1..=6u32 {
        blank.write(r, 0, format!("M-{r:02}")).unwrap();
    }
    let example = book.add_worksheet().set_name("Example").unwrap();
    let rows = [
        header.map(String::from),
        [
            "M-01",
            "Old product URLs lose their redirects at launch",
            "Medium",
            "High",
            "SEO lead",
            "404s rise on the top pages",
            "Open",
        ]
        .map(String::from),
        [
            "M-02",
            "Customer passwords cannot be carried over",
            "Low",
            "High",
            "Platform lead",
            "Test logins fail after the dry run",
            "Open",
        ]
        .map(String::from),
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            example.write(r as u32, c as u16, v.as_str()).unwrap();
        }
    }
    book.save(&path).unwrap();

    let (y, notes) = round_trip(path.to_str().unwrap(), &[]);
    assert_contains(&notes, "read migration-template (Example)");
    assert_eq!(
        summary(&y, &["title", "probability", "impact", "owner", "trigger"]),
        [
            "M-01 | Old product URLs lose their redirects at launch | Medium | High | SEO lead | 404s rise on the top pages",
            "M-02 | Customer passwords cannot be carried over | Low | High | Platform lead | Test logins fail after the dry run",
        ]
    );
    // The blank tab alone: its id-only rows are no risks, and it says so.
    let run = riskbook(&["import", path.to_str().unwrap(), "--sheet", "Register"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(
        &run.stderr,
        "nothing to import: the document is a template not filled in yet (line 1: 6 rows hold nothing but an id and placeholders (a template's blank rows))",
    );
}

#[test]
fn a_priority_column_of_numbers_is_the_score() {
    // `Priority` names a level, but a column of `45`, `24`, `12` beside
    // likelihood and impact holds their products: the declared score.
    let (y, notes) = round_trip("priority-scores.md", &[]);
    assert_eq!(
        summary(&y, &["probability", "impact", "score", "status"]),
        [
            "C-1 | 5 | 9 | 45.0 | active",
            "C-2 | 4 | 6 | 24.0 | monitoring",
            "C-3 | 3 | 4 | 12.0 | mitigated",
        ]
    );
    assert_lacks(&notes, "declares the level");
    assert_lacks(&notes, "declares the score");
}

#[test]
fn a_format_row_of_placeholders_is_no_risk() {
    // `| RISK-000 | [Risk title] | [High/Medium/Low] | <owner> |`: the
    // template's example row, not a risk, and not a status `[Open/Closed]`.
    let (y, notes) = round_trip("format-row.md", &[]);
    assert_eq!(
        summary(&y, &["title", "impact", "probability"]),
        [
            "DEL-1 | Release train misses the freeze | High | Medium",
            "DEL-2 | Feature flags left on after launch | Medium | High",
        ]
    );
    assert_contains(
        &notes,
        "line 5: 1 row holds nothing but an id and placeholders (a template's blank rows): left out",
    );
    assert_lacks(&notes, "statuses added");
    // The revision table's placeholders (`[YYYY-MM-DD]`) are left out
    // (the register checks without an invalid date); its words are kept.
    assert_eq!(y["revisions"][0]["changes"], "First draft of the register");
    assert!(y["revisions"][0].get("date").is_none(), "{y:?}");
}

#[test]
fn a_raid_logs_assumptions_issues_and_dependencies_are_not_risks() {
    // Four tables of one shape (ID, owner, status, category): only the
    // `Risks` one lists risks; the others stay the register's sections.
    let (y, notes) = round_trip("raid-log.md", &[]);
    assert_eq!(
        summary(&y, &["title", "probability", "impact"]),
        [
            "R01 | Barcode scanners drop off the new Wi-Fi | M | H",
            "R02 | Stock counts differ after the data load | H | H",
        ]
    );
    assert_contains(
        &notes,
        "kept as register sections (no field of their own): \"Assumptions\", \"Issues\", \"Dependencies\"",
    );
    let sections = serde_yaml::to_string(&y["sections"]).unwrap();
    assert_contains(&sections, "Carrier API credentials from the shipping team");
    // An issue log rates its issues' impact; still no risks. A `[Name]`
    // placeholder is no owner.
    assert_contains(&sections, "Label printer driver missing on two PCs");
    assert!(risks(&y)[1]["owner"].is_null(), "{y:?}");
}

#[test]
fn a_mitigation_column_wins_over_current_controls_and_worked_scores_give_their_result() {
    let (y, notes) = round_trip("controls-then-mitigation.md", &[]);
    assert_eq!(
        summary(&y, &["title", "probability", "impact", "score"]),
        [
            "WH-1 | Robot firmware update bricks a fleet zone | 2 | 4 | 8.0",
            "WH-2 | Floor markers wear off near the docks | 3 | 2 | 6.0",
            "WH-3 | Charging stations overheat in summer | 2 | 5 | -",
        ]
    );
    // The column named `Mitigation` is the mitigation; the synonym written
    // before it is kept as written.
    let wh1 = &risks(&y)[0];
    assert_eq!(
        wh1["mitigation"][0],
        "Keep the previous image on a second partition"
    );
    assert_eq!(
        wh1["extra"]["current_controls"],
        "Staged rollout to one aisle"
    );
    assert_contains(
        &notes,
        "columns kept under each risk's `extra`: Current controls",
    );
    // `6 (Medium)` declares a score and a level; `n/a` is kept as written.
    assert_eq!(risks(&y)[1]["extra"]["declared_level"], "Medium");
    assert_eq!(risks(&y)[2]["extra"]["risk_score"], "n/a");
    // The levels spread over the new scales carry the default levels'
    // labels, so a badge says `High`, not `high`.
    let labels: Vec<_> = y["levels"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|l| l["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Low", "Medium", "High", "Critical"]);
}

#[test]
fn an_impact_column_of_sentences_rates_nothing_and_is_kept() {
    // `| Impact |` holds what happens, not a rating: the risks keep their
    // likelihood as written and are `unrated` until someone rates them.
    let (y, notes) = round_trip("impact-prose.md", &[]);
    assert_eq!(
        summary(&y, &["probability", "impact", "owner"]),
        [
            "R-001 | unrated | unrated | Search Lead",
            "R-002 | unrated | unrated | SRE Lead",
            "R-003 | unrated | unrated | Merch Lead",
        ]
    );
    let r2 = &risks(&y)[1];
    assert_eq!(
        r2["extra"]["impact"],
        "Query latency breaches the SLO for an afternoon"
    );
    assert_eq!(r2["extra"]["probability_as_written"], "High");
    assert_contains(&notes, "columns kept under each risk's `extra`: Impact");
    assert_contains(&notes, "risk `R-002` has no impact: imported as `unrated`");
    assert_lacks(&notes, "no scale found");
}

#[test]
fn a_format_row_of_field_names_and_choices_is_no_risk() {
    // `| 1 | Description | S/T/R/I/D/E | ... | Critical/High/Medium/Low |`
    // says what each column holds: a template's row, left out.
    let (y, notes) = round_trip("format-row-choices.md", &[]);
    assert_eq!(
        summary(&y, &["title", "category"]),
        [
            "2 | Replayed capture requests settle twice | T",
            "3 | Stolen merchant key lists refunds | I",
        ]
    );
    assert_contains(
        &notes,
        "line 3: 1 row holds nothing but an id and placeholders (a template's blank rows): left out",
    );
    // With only that row, the document is a template not filled in yet.
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("catalog.md");
    let text = std::fs::read_to_string(fixture("format-row-choices.md")).unwrap();
    let only_format: Vec<&str> = text.lines().take(5).collect();
    std::fs::write(&path, only_format.join("\n")).unwrap();
    let run = riskbook(&["import", path.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(
        &run.stderr,
        "nothing to import: the document is a template not filled in yet",
    );
}

#[test]
fn band_words_with_their_numbers_rate_by_the_numbers() {
    // `Medium (4)` and `Medium (5)`: the word is a band, the number the
    // rating. Both are kept: the step is the number, the word its note.
    let (y, _, levels) = round_trip_levels("band-words.md", &[]);
    assert_eq!(
        summary(&y, &["probability", "impact"]),
        [
            "D-1 | 5 (Medium) | 8 (High)",
            "D-2 | 4 (Medium) | 6 (Medium)",
            "D-3 | 2 (Low) | 9 (High)",
            "D-4 | 3 (Low) | 8 (High)",
        ]
    );
    // The header's `(1-10)` is the range of both numbered scales.
    for axis in ["probability", "impact"] {
        let ids: Vec<_> = y["scales"][axis]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids, (1..=10).map(|n| n.to_string()).collect::<Vec<_>>());
    }
    // Scores are the numbers' products: D-1 5 x 8 = 40 is high (min 40),
    // D-2 4 x 6 = 24 medium, D-3 2 x 9 = 18 and D-4 3 x 8 = 24 as rated.
    assert_eq!(
        levels,
        [
            ("D-1".to_string(), "high".to_string()),
            ("D-2".to_string(), "medium".to_string()),
            ("D-3".to_string(), "low".to_string()),
            ("D-4".to_string(), "medium".to_string()),
        ]
    );
}

#[test]
fn a_scoring_definition_of_numbered_steps_gives_the_scales_and_the_planned_mitigation_wins() {
    // `**Likelihood (1-5)**:` over `1 = Rare, 2 = Unlikely, ...`: the
    // axis's scale (its words the labels), not levels; the band list
    // under the score gives the levels. `Current Controls` yields to the
    // `Mitigation Plan` column.
    let (y, notes) = round_trip("scoring-definitions.md", &[]);
    assert_eq!(
        steps(&y, "probability"),
        [
            "1 Rare",
            "2 Unlikely",
            "3 Possible",
            "4 Likely",
            "5 Almost certain"
        ]
    );
    assert_eq!(
        steps(&y, "impact"),
        [
            "1 Negligible",
            "2 Minor",
            "3 Moderate",
            "4 Major",
            "5 Severe"
        ]
    );
    assert_eq!(level_mins(&y), [1, 6, 13, 20]);
    assert_contains(
        &notes,
        "the bands Low, Medium, High, Critical became the levels",
    );
    let r1 = &risks(&y)[0];
    assert_eq!(r1["mitigation"][0], "Quarterly restore drill");
    assert_eq!(r1["extra"]["current_controls"], "Nightly backups");
    assert_eq!(r1["extra"]["residual_risk"], "Medium");
}

#[test]
fn a_number_on_a_guides_word_scale_is_the_step_of_that_value() {
    // The guide numbers its words (`| 3 | Likely |`); a risk that writes
    // `3` means that step, and one that writes the word keeps it.
    let (y, _) = round_trip("numbered-guide-tables.md", &[]);
    assert_eq!(
        summary(&y, &["probability", "impact"]),
        ["P-1 | likely | major", "P-2 | Possible | Severe"]
    );
}

#[test]
fn a_register_split_into_tables_by_risk_id_is_one_list_of_risks() {
    // Identification, assessment, mitigation and monitoring tables, each
    // keyed by the risk's id: every table adds to the same two risks,
    // the monitoring one too though it rates nothing.
    let (y, notes) = round_trip("four-tables-by-id.md", &[]);
    assert_eq!(
        summary(
            &y,
            &[
                "category",
                "probability",
                "impact",
                "score",
                "owner",
                "reviewed"
            ]
        ),
        [
            "CR-01 | Compliance | 3 | 4 | 12.0 | Tax team | 2026-03-20",
            "CR-02 | Technical | 2 | 3 | 6.0 | Cart team | 2026-03-20",
        ]
    );
    let cr1 = &risks(&y)[0];
    assert_eq!(
        cr1["mitigation"][0],
        "Run both engines on a sample of orders and compare totals"
    );
    assert_eq!(cr1["extra"]["notes"], "Differences found in two states");
    assert_lacks(&notes, "\"Risk Monitoring\"");
}
