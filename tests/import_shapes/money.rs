//! Registers in money: ARO/SLE/ALE, percent probability x cost, expected monetary value.

use super::*;

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
    assert_lacks(&notes, "`QR-1` declares");
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
    assert_eq!(
        summary(&y, &["frequency", "loss", "probability"]),
        [
            "R1 | 0.3 | 120000 | unrated",
            "R2 | 0.1 | 400000 | unrated",
            "R3 | 0.25 | 80000 | unrated",
            "R4 | 0.05 | 1500000 | unrated",
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
    assert_eq!(
        summary(&y, &["impact", "frequency", "loss"]),
        [
            "RIG-01 | 4 | 0.3 | 250000",
            "RIG-02 | 3 | 0.15 | 40000",
            "RIG-03 | 5 | 0.55 | 900000",
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
