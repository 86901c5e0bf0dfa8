//! Tables and cards rated by a method of their own: CVSS vectors, OWASP and DREAD factors.

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

#[test]
fn a_dread_table_is_rated_by_its_five_factors() {
    // Damage, Reproducibility, Exploitability, Affected users and
    // Discoverability, 0..10 each: the register's own factors, DREAD's
    // likelihood and impact, on levels spread over their product.
    let (y, notes, levels) = round_trip_levels("dread-threats.md", &[]);
    let method = &y["method"];
    let ids = |group: &str| -> Vec<&str> {
        method["factors"][group]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap())
            .collect()
    };
    assert_eq!(
        ids("likelihood"),
        ["reproducibility", "exploitability", "discoverability"]
    );
    assert_eq!(ids("impact"), ["damage", "affected_users"]);
    assert_eq!(method["factors"]["impact"][1]["label"], "Affected users");
    assert_eq!(method["scale"][1].as_i64(), Some(10));
    let t1 = &risks(&y)[0];
    assert_eq!(t1["factors"]["affected_users"].as_i64(), Some(8));
    assert!(t1.get("probability").is_none(), "{t1:?}");
    // The document's own mean and rating are kept as written.
    assert_eq!(t1["extra"]["dread_score"], "7.4");
    assert_contains(&notes, "every risk has the five DREAD factors");
    // T1: likelihood (9+6+7)/3 = 7.33, impact (7+8)/2 = 7.5, product 54.98
    // (high from 40); T2: 5 x 7 = 35 (medium); T3: 9.33 x 6.5 = 60.65
    // (high): the document's own ratings.
    assert_eq!(
        levels,
        [("T1", "high"), ("T2", "medium"), ("T3", "high")]
            .map(|(i, l)| (i.to_string(), l.to_string()))
            .to_vec()
    );
    // Rated 1..3 (low, medium, high) each: a 1..3 scale, levels over 9.
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("dread-3.md");
    std::fs::write(
        &path,
        "| ID | Threat | Damage | Reproducibility | Exploitability | Affected users | Discoverability |\n\
         |---|---|---|---|---|---|---|\n\
         | T1 | Admin panel on the internet | 3 | 3 | 2 | 1 | 3 |\n\
         | T2 | Debug log holds tokens | 2 | 1 | 1 | 2 | 1 |\n",
    )
    .unwrap();
    let (y, _) = round_trip(path.to_str().unwrap(), &[]);
    assert_eq!(y["method"]["scale"][0].as_i64(), Some(1));
    assert_eq!(y["method"]["scale"][1].as_i64(), Some(3));
    assert_eq!(level_mins(&y), [1, 2, 4, 6]);
}

#[test]
fn dread_cards_are_rated_by_their_factor_lines() {
    // `- **Damage potential**: 6 (duplicate refunds)` under each threat's
    // heading: the same five factors as a DREAD table's columns; what is
    // written after a number stays as its note.
    let (y, notes, levels) = round_trip_levels("dread-cards.md", &[]);
    assert_eq!(y["method"]["scale"][1].as_i64(), Some(10));
    let th1 = &risks(&y)[0];
    assert_eq!(th1["factors"]["damage"].as_i64(), Some(6));
    assert_eq!(th1["factors"]["reproducibility"].as_i64(), Some(9));
    assert_eq!(th1["extra"]["damage_note"], "duplicate refunds");
    assert_eq!(
        th1["extra"]["affected_users_note"],
        "partners on the legacy plan"
    );
    assert!(th1["sections"].get("Damage potential").is_none(), "{th1:?}");
    assert_contains(&notes, "every risk has the five DREAD factors");
    // TH-1: (9+5+6)/3 = 6.67 x (6+4)/2 = 5 = 33.3, medium (from 20);
    // TH-2: (10+8+3)/3 = 7 x (9+10)/2 = 9.5 = 66.5, critical (from 64).
    assert_eq!(
        levels,
        [("TH-1", "medium"), ("TH-2", "critical")]
            .map(|(i, l)| (i.to_string(), l.to_string()))
            .to_vec()
    );
}
