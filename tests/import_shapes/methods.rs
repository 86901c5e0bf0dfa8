//! Tables and cards rated by a method of their own: CVSS vectors, OWASP factors.

use super::*;

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
