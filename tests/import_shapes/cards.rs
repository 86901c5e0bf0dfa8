//! Registers written as a heading a risk, its fields below it in the shapes public documents use.

use super::*;

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
    assert_contains(&notes, "the document is one risk");
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
fn a_two_column_table_of_fields_under_a_risk_heading_is_read_as_its_fields() {
    let (y, notes) = round_trip("key-value-cards.md", &[]);
    let rs = risks(&y);
    assert_eq!(
        summary(&y, &["probability", "impact", "owner", "status"]),
        [
            "RISK-07 | Medium | High | Integrations team | open",
            "RISK-08 | Low | Critical | Security | mitigated",
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
    assert_eq!(
        summary(&y, &["probability", "impact", "owner"]),
        [
            "R-3 | Medium | High | DBA team",
            "R-4 | Low | Critical | Security",
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
    assert_eq!(
        summary(&y, &["probability", "impact", "owner"]),
        [
            "RL-12 | High | Medium | Checkout squad",
            "RL-13 | Low | High | Search team",
        ]
    );
    assert_eq!(
        risks(&y)[0]["mitigation"].as_str(),
        Some("Burst quota agreed with the provider in advance")
    );
    assert_lacks(&notes, "has no rating");
}

#[test]
fn a_template_in_a_comment_is_no_risk_and_cards_under_their_headings_merge_with_the_table() {
    // A risk template kept in `<!-- -->`, cards titled by their `###`
    // heading with a `- **Risk:**` sentence, and an overview table that
    // repeats them by title: two risks, not five.
    let (y, notes) = round_trip("commented-template.md", &[]);
    assert_eq!(
        summary(&y, &["title", "probability", "impact", "owner", "status"]),
        [
            "R-1 | Card tokens cached too long | M | H | Ana | watching",
            "R-2 | Refund queue stalls at month end | L | M | Ben | watching",
        ]
    );
    let r1 = &risks(&y)[0];
    assert_eq!(
        r1["description"],
        "The new cache keeps card tokens after a customer deletes a card. A support export could then show tokens that should be gone."
    );
    assert_eq!(
        r1["trigger"],
        "A deleted card's token is still readable after an hour."
    );
    assert_eq!(r1["extra"]["declared_level"], "H");
    assert!(r1.get("sections").is_none(), "{r1:?}");
    // A placeholder left in a card (`**Trigger:** [What would show it
    // happening]`) is no value, as in a table's cells.
    assert!(risks(&y)[1].get("trigger").is_none(), "{y:?}");
    // Nothing of the template's placeholders is left.
    assert!(!notes.contains('['), "{notes}");
    assert!(!serde_yaml::to_string(&y).unwrap().contains("[Risk title]"));
}

#[test]
fn a_heading_over_sub_headings_that_give_its_id_and_ratings_is_a_card() {
    // `#### Title`, then `##### Risk ID: 7`, `##### Likelihood: 3`,
    // `##### Description` with the text below: one card per heading.
    let (y, _) = round_trip("card-sub-headings.md", &[]);
    assert_eq!(
        summary(&y, &["title", "probability", "impact", "mitigation"]),
        [
            "7 | The shed key is lost | 3 | 2 | Cut a third key and keep it at the café next door.",
            "8 | Drip lines freeze in March | 2 | 4 | Drain the lines after the last watering of the season.",
        ]
    );
    assert_eq!(
        risks(&y)[0]["description"],
        "Only two volunteers hold a key. If both are away, nobody can reach the\ntools on a work day."
    );
}

#[test]
fn a_cards_list_keeps_the_paragraph_after_it_and_task_list_states() {
    let (y, notes) = round_trip("mitigation-prose.md", &[]);
    // Keys that name a field but stayed sections are said as such.
    assert_contains(
        &notes,
        "kept as sections of their risks (another key filled their field, or the field could not hold them whole): \"Early warning indicators\" (1), \"Current controls\" (1)",
    );
    assert_lacks(&notes, "no field of their own");
    assert_risk(&y, "R-7", "Card tokens fail to migrate", "Medium", "High");
    let r7 = &risks(&y)[0];
    // A list with a paragraph after it is kept whole, as Markdown.
    let mitigation = r7["mitigation"].as_str().expect("Markdown text");
    assert!(
        mitigation.starts_with("- Dry-run the token export"),
        "{mitigation}"
    );
    assert!(
        mitigation.ends_with(
            "\n\nIf the counts differ by more than 0.1%, the cut-over waits for the next window."
        ),
        "{mitigation}"
    );
    assert_eq!(r7["contingency"][0], "Point checkout back at the old vault");
    // Signals are items: with a paragraph beside them the whole field is a
    // section of the risk, so the paragraph is not lost.
    assert!(r7["signals"].is_null(), "{:?}", r7["signals"]);
    assert_eq!(
        r7["sections"]["Early warning indicators"],
        "- Token export job exceeds its 40-minute budget\n\
         - Decline rate on stored cards rises above 1.5%\n\n\
         Either one alone is noise; both together mean the cut-over is rolled back."
    );
    // A list alone is a checklist: `[ ]`, `[x]` and ✅ say what is done.
    let r8 = &risks(&y)[1];
    let done: Vec<(&str, bool)> = r8["mitigation"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|a| (a["action"].as_str().unwrap(), a["done"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        done,
        [
            ("Alert when the file is 30 minutes late", false),
            ("Runbook for a manual upload", true),
            ("Second bank contact on call", true),
        ]
    );
    // A list alone is the signals.
    assert_eq!(
        r8["signals"][0],
        "Bank portal shows the file as pending after 06:30"
    );
    // Items nested under items stay Markdown (not flattened), and the
    // planned strategy wins over the controls in place, kept as a section.
    let r9 = &risks(&y)[2];
    let strategy = r9["mitigation"].as_str().expect("Markdown text");
    assert!(
        strategy.starts_with("1. **Scale the workers**:\n   - Add workers"),
        "{strategy}"
    );
    assert_eq!(
        r9["sections"]["Current controls"],
        "- A dashboard of the queue's depth"
    );
}

#[test]
fn heading_cards_with_bold_ratings_join_their_summary_rows_by_title() {
    let (y, notes) = round_trip("heading-cards.md", &[]);
    // Two cards complete the summary table's rows (matched by title, the
    // table has no ids); the third is a risk of its own. The scoring guide
    // under `## Scoring` rates nothing: it is kept as a section.
    assert_eq!(risks(&y).len(), 3, "{notes}");
    assert_risk(
        &y,
        "R-1",
        "Risk 1 about the conveyor firmware",
        "Medium",
        "High",
    );
    assert_risk(&y, "R-2", "Forklift batteries arrive late", "Low", "Medium");
    assert_risk(
        &y,
        "R-3",
        "Dock doors fail the fire inspection",
        "Low",
        "High",
    );
    let r = risks(&y);
    assert_eq!(r[0]["owner"], "Automation");
    assert_eq!(
        r[0]["mitigation"],
        "Flash the new firmware on the spare conveyor first."
    );
    assert_eq!(r[1]["contingency"], "Rent chargers for two weeks.");
    assert_eq!(r[2]["owner"], "Site safety");
    let sections: Vec<&str> = y["sections"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert!(sections.contains(&"Scoring"), "{sections:?}");
    // Its `Low (1-3), Medium (4-6), High (7-9)` bands the likelihood, not
    // the score: no levels are made of it.
    assert_lacks(&notes, "the bands");
    assert!(y["levels"].is_null(), "{:?}", y["levels"]);
}

#[test]
fn a_one_risk_document_reads_keys_with_the_colon_inside_the_bold() {
    let (y, _) = round_trip("bold-colon-card.md", &[]);
    let r = &risks(&y)[0];
    assert_eq!(r["probability"], "High");
    assert_eq!(r["mitigation"], "Dry-run the export twice.");
}

#[test]
fn bold_title_cards_keep_their_own_category_mitigation_and_worked_score() {
    let (y, _) = round_trip("bold-title-cards.md", &[]);
    assert_risk(
        &y,
        "RISK-001",
        "Ledger export misses late entries",
        "Medium (3)",
        "Critical (4)",
    );
    let r1 = &risks(&y)[0];
    // `3 × 4 = 12` declares 12, not its first number.
    assert_eq!(r1["score"].as_f64(), Some(12.0));
    // The card's own `Category:` wins over the heading above the cards.
    assert_eq!(r1["category"], "Operational");
    // `Mitigation:` wins over `Current Controls:` written before it, which
    // stays a section.
    assert_eq!(
        r1["mitigation"],
        "Cut the export at 02:00 and reconcile counts"
    );
    assert_eq!(
        r1["sections"]["Current Controls"],
        "A manual count every Monday"
    );
    assert_eq!(risks(&y)[1]["score"].as_f64(), Some(6.0));
    assert_eq!(risks(&y)[1]["category"], "Technical");
}

#[test]
fn an_id_heading_over_field_headings_is_a_card_on_the_legends_scale() {
    let (y, notes) = round_trip("id-heading-fields.md", &[]);
    // `## VLT-001` over `### Impact level`, `4`: a card, merged into the
    // summary row of the same id (its `[VLT-001](#VLT-001)` link).
    assert_eq!(
        summary(&y, &["probability", "impact", "score", "owner"]),
        [
            "VLT-001 | 3 | 4 | 12.0 | Platform security",
            "VLT-002 | 2 | 2 | 4.0 | Platform security",
        ]
    );
    let vlt1 = &risks(&y)[0];
    assert_eq!(
        vlt1["mitigation"],
        "Split the keys over five holders with a threshold of three."
    );
    assert_eq!(
        vlt1["sections"]["Impact description"],
        "If both are unreachable, secrets cannot be read after a restart."
    );
    // The description stands in for the missing title, and says so.
    assert_eq!(vlt1["title"], vlt1["description"]);
    assert_contains(&notes, "risk `VLT-001` has no title");
    // The legend's `Rate 1 LOW to 5 HIGH` gives both scales five steps,
    // though the risks use no rating above 4.
    for axis in ["probability", "impact"] {
        let steps = y["scales"][axis].as_sequence().unwrap();
        assert_eq!(steps.len(), 5, "{axis}: {steps:?}");
    }
    // A table defining likelihood words (one axis, a description, no id)
    // lists no risks: it stays a section.
    assert_contains(
        &notes,
        "kept as register sections (no field of their own): \"Introduction\", \"How to describe likelihood in reviews\"",
    );
}

#[test]
fn a_templates_blank_cards_are_left_out_and_a_cards_own_id_wins() {
    let (y, notes) = round_trip("template-cards.md", &[]);
    // `### Risk #1: Title` over `- **ID**: RISK-001`: the card's id, not
    // the heading's number.
    assert_eq!(
        summary(&y, &["title", "probability", "impact", "owner"]),
        ["RISK-001 | Payment webhook retries pile up | Medium | High | Billing squad"]
    );
    assert_lacks(&serde_yaml::to_string(&y["risks"]).unwrap(), "ID: RISK-001");
    // `### Risk #2: [Risk Title]` with nothing but placeholders is a
    // template's blank card.
    assert_contains(
        &notes,
        "line 30: only placeholders (a template's blank card): left out",
    );
}

#[test]
fn an_unfilled_template_is_nothing_to_import_and_says_why() {
    // A risk table with its header and no rows, or blank cards alone.
    let run = riskbook(&["import", &fixture("empty-template.md")]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(
        &run.stderr,
        "nothing to import: the document is a template not filled in yet (line 11: a risk table with a header and no rows)",
    );
    let tmp = tempfile::tempdir().unwrap();
    let blank_only = tmp.path().join("blank-cards.md");
    let text = std::fs::read_to_string(fixture("template-cards.md")).unwrap();
    let start = text.find("### Risk #1").unwrap();
    let end = text.find("### Risk #2").unwrap();
    std::fs::write(&blank_only, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let run = riskbook(&["import", blank_only.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(
        &run.stderr,
        "nothing to import: the document is a template not filled in yet (line 15: only placeholders (a template's blank card))",
    );
}

#[test]
fn an_isms_card_of_field_tables_keeps_its_version_and_inherent_score() {
    // `**Version:** 2.1` above the entries is the register's version; a
    // card's `Inherent Risk Score` is its declared score, which `check`
    // compares with the computed one.
    let (y, notes) = round_trip("isms-field-tables.md", &[]);
    assert_eq!(y["version"], "2.1");
    assert_eq!(y["extra"]["document_id"], "ISMS-REG-04");
    assert_eq!(
        summary(&y, &["probability", "impact", "score", "owner"]),
        [
            "RISK-014 | 2 | 5 | 10.0 | IT operations",
            "RISK-015 | 3 | 4 | 12.0 | Network team",
        ]
    );
    assert_lacks(&notes, "\"Inherent Risk Score\"");
}
