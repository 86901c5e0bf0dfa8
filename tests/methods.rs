//! Rating methods besides the matrix: `method: owasp` (the OWASP Risk
//! Rating Methodology, cases worked out by hand from its text) and
//! `method: cvss` (scores checked against an independent implementation,
//! Python's `cvss` package). Every method ends in a level, so the pages,
//! the dashboard and the exports work for each.

mod common;
use common::*;
use std::io::Write;
use std::process::{Command, Stdio};

fn risks_json(site: &Fixture) -> Vec<serde_json::Value> {
    let json: serde_json::Value = serde_json::from_str(&site.read_out("risks.json")).unwrap();
    json["risks"].as_array().unwrap().clone()
}

fn owasp_risk(id: &str, likelihood: [u8; 8], impact: &[u8]) -> String {
    let l = [
        "skill",
        "motive",
        "opportunity",
        "size",
        "discovery",
        "exploit",
        "awareness",
        "detection",
    ];
    let i = [
        "confidentiality",
        "integrity",
        "availability",
        "accountability",
        "financial",
        "reputation",
        "compliance",
        "privacy",
    ];
    let pairs = |names: &[&str], values: &[u8]| {
        names
            .iter()
            .zip(values)
            .map(|(n, v)| format!("{n}: {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "  - id: {id}\n    title: Risk {id}\n    owner: appsec\n    owasp:\n      likelihood: {{ {} }}\n      impact: {{ {} }}\n",
        pairs(&l, &likelihood),
        pairs(&i, impact)
    )
}

#[test]
fn owasp_factors_give_the_methodologys_levels() {
    // Worked by hand from the methodology:
    // A: its own example. Likelihood (6+4+7+4+7+5+6+8)/8 = 5.875, Medium;
    //    technical (7+5+1+7)/4 = 5, business (3+5+2+5)/4 = 3.75, Medium:
    //    the business impact counts. Medium x Medium = Medium.
    // B: everything 9: High x High = Critical.
    // C: likelihood all 1 (Low), technical 7 each (High), no business:
    //    Low x High = Medium.
    // D: likelihood 2.875 (2,3,3,3,3,3,3,3 -> 23/8, Low), technical 2.75 (Low):
    //    Low x Low = Note.
    // E: likelihood 6 exactly (High), technical 3 exactly (Medium): High.
    let reg = format!(
        "title: App security\nmethod: owasp\nrisks:\n{}{}{}{}{}",
        owasp_risk("A", [6, 4, 7, 4, 7, 5, 6, 8], &[7, 5, 1, 7, 3, 5, 2, 5]),
        owasp_risk("B", [9; 8], &[9; 8]),
        owasp_risk("C", [1; 8], &[7, 7, 7, 7]),
        owasp_risk("D", [2, 3, 3, 3, 3, 3, 3, 3], &[2, 3, 3, 3]),
        owasp_risk("E", [6; 8], &[3, 3, 3, 3]),
    );
    let site = Fixture::new(&[("content/registers/appsec.yaml", &reg)]);
    site.build_ok();
    let risks = risks_json(&site);
    let got: Vec<(&str, &str, &str, &str)> = risks
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["probability"]["id"].as_str().unwrap(),
                r["impact"]["id"].as_str().unwrap(),
                r["level"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("A", "medium", "medium", "medium"),
            ("B", "high", "high", "critical"),
            ("C", "low", "high", "medium"),
            ("D", "low", "low", "note"),
            ("E", "high", "medium", "high"),
        ]
    );
    assert_eq!(risks[0]["owasp"]["likelihood_mean"], 5.875);
    assert_eq!(risks[0]["owasp"]["impact_mean"], 3.75);
    // Note counts as the lowest site severity.
    assert_eq!(risks[3]["severity"], "low");

    // The risk page shows every factor, both means and the table's cell.
    let a = site.read_out("registers/appsec/A.html");
    assert_contains(
        &a,
        "Likelihood 5.875 (Medium) and business impact 3.75 (Medium) give <strong>Medium</strong>",
    );
    assert_contains(
        &a,
        "<tr><th scope=\"row\">Intrusion detection</th><td class=\"num\">8</td></tr>",
    );
    assert_contains(&a, "Technical impact: mean 5 (the business impact is used)");
    assert_contains(
        &a,
        "<tr><th scope=\"row\">Privacy violation</th><td class=\"num\">5</td></tr>",
    );
    // The register's matrix is the methodology's 3 x 3 table.
    let page = site.read_out("registers/appsec.html");
    assert_contains(&page, "Likelihood \\ Impact");
}

#[test]
fn bad_owasp_factors_are_errors_where_they_are_written() {
    let reg = "title: App security
method: owasp
risks:
  - id: A
    title: Too high
    owasp:
      likelihood: { skill: 10, motive: 4, opportunity: 7, size: 4, discovery: 7, exploit: 5, awareness: 6, detection: 8 }
      impact: { confidentiality: 7, integrity: 5, availability: 1, accountability: 7 }
  - id: B
    title: One missing
    owasp:
      likelihood: { skill: 1, opportunity: 7, size: 4, discovery: 7, exploit: 5, awareness: 6, detection: 8 }
      impact: { confidentiality: 7, integrity: 5, availability: 1, accountability: 7, financial: 2 }
  - id: C
    title: No factors
";
    let site = Fixture::new(&[("content/registers/appsec.yaml", reg)]);
    let run = site.check_json();
    assert_eq!(run.code, 1);
    let d = located(&run, false);
    assert_eq!(
        d,
        [
            "content/registers/appsec.yaml:7:28 invalid-factor: Skill level (`skill`) is 10, outside 0 to 9",
            "content/registers/appsec.yaml:12:21 missing-key: the likelihood needs all eight factors: missing `motive`",
            "content/registers/appsec.yaml:13:17 missing-key: the business impact needs all four factors or none: missing `reputation`, `compliance`, `privacy`",
            "content/registers/appsec.yaml:14:5 missing-key: missing required key `owasp` in `risks[2]`",
        ]
    );
}

#[test]
fn keys_of_another_method_are_errors() {
    let reg = "title: App security
method: owasp
scales: { probability: [{ id: rare }] }
risks:
  - id: A
    title: Rated twice
    probability: high
    impact: high
    owasp:
      likelihood: { skill: 1, motive: 1, opportunity: 1, size: 1, discovery: 1, exploit: 1, awareness: 1, detection: 1 }
      impact: { confidentiality: 1, integrity: 1, availability: 1, accountability: 1 }
";
    let site = Fixture::new(&[
        ("content/registers/appsec.yaml", reg),
        (
            "content/registers/ops.yaml",
            &register("    cvss: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n"),
        ),
    ]);
    let run = site.check_json();
    assert_eq!(run.code, 1);
    assert_eq!(
        located(&run, true),
        [
            "content/registers/appsec.yaml:3:1 wrong-method: `scales` does not apply to `method: owasp`",
            "content/registers/appsec.yaml:7:5 wrong-method: `probability` does not rate a risk of a register with `method: owasp`",
            "content/registers/appsec.yaml:8:5 wrong-method: `impact` does not rate a risk of a register with `method: owasp`",
            "content/registers/ops.yaml:8:5 wrong-method: `cvss` does not rate a risk of a register with `method: matrix`",
        ]
    );
}

/// Vectors across the three versions: edge cases first, then a
/// deterministic spread over every base metric's values.
fn vectors() -> Vec<String> {
    let mut out: Vec<String> = [
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
        "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N",
        "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N",
        "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N",
        "CVSS:3.0/AV:A/AC:H/PR:L/UI:R/S:C/C:H/I:L/A:L",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N",
        // Threat, environmental and supplemental metrics present: not in
        // the base score.
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N/E:P",
        "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/CR:H/IR:L/AR:M/MAV:N/S:P/AU:Y/R:A/V:C/RE:H/U:Red",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:R/CR:L/MAV:P",
    ]
    .map(String::from)
    .into();
    // A small linear congruential generator: the same vectors every run.
    let mut seed: u64 = 20_261_203;
    let mut pick = |values: &[&'static str]| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        values[((seed >> 33) % values.len() as u64) as usize]
    };
    for k in 0..30 {
        let version = if k % 3 == 0 { "3.0" } else { "3.1" };
        out.push(format!(
            "CVSS:{version}/AV:{}/AC:{}/PR:{}/UI:{}/S:{}/C:{}/I:{}/A:{}",
            pick(&["N", "A", "L", "P"]),
            pick(&["L", "H"]),
            pick(&["N", "L", "H"]),
            pick(&["N", "R"]),
            pick(&["U", "C"]),
            pick(&["N", "L", "H"]),
            pick(&["N", "L", "H"]),
            pick(&["N", "L", "H"]),
        ));
    }
    for _ in 0..25 {
        out.push(format!(
            "CVSS:4.0/AV:{}/AC:{}/AT:{}/PR:{}/UI:{}/VC:{}/VI:{}/VA:{}/SC:{}/SI:{}/SA:{}",
            pick(&["N", "A", "L", "P"]),
            pick(&["L", "H"]),
            pick(&["N", "P"]),
            pick(&["N", "L", "H"]),
            pick(&["N", "P", "A"]),
            pick(&["H", "L", "N"]),
            pick(&["H", "L", "N"]),
            pick(&["H", "L", "N"]),
            pick(&["H", "L", "N"]),
            pick(&["H", "L", "N"]),
            pick(&["H", "L", "N"]),
        ));
    }
    out
}

#[test]
fn cvss_scores_agree_with_an_independent_implementation() {
    let oracle =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cvss_oracle/scores.py");
    let available = Command::new("python3")
        .args(["-c", "import cvss"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !tool_ready(
        available,
        "RISKBOOK_CVSS_ORACLE",
        "pip install -r tests/cvss_oracle/requirements.txt",
    ) {
        return;
    }
    let vectors = vectors();
    assert!(vectors.len() >= 50);
    let mut reg = String::from("title: Vulnerabilities\nmethod: cvss\nrisks:\n");
    for (k, v) in vectors.iter().enumerate() {
        reg.push_str(&format!(
            "  - {{ id: V-{k}, title: Vector {k}, owner: sec, cvss: \"{v}\" }}\n"
        ));
    }
    let site = Fixture::new(&[("content/registers/vulns.yaml", &reg)]);
    site.build_ok();
    let ours: Vec<f64> = risks_json(&site)
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect();

    let mut child = Command::new("python3")
        .arg(&oracle)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(vectors.join("\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let theirs: Vec<f64> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.trim().parse().unwrap())
        .collect();
    assert_eq!(theirs.len(), vectors.len());
    let differ: Vec<String> = vectors
        .iter()
        .zip(ours.iter().zip(&theirs))
        .filter(|(_, (a, b))| a != b)
        .map(|(v, (a, b))| format!("{v}: riskbook {a}, python cvss {b}"))
        .collect();
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    // The edge cases: all impacts none is 0.0, level `none`.
    let risks = risks_json(&site);
    assert_eq!(risks[7]["score"], 0.0);
    assert_eq!(risks[7]["level"], "none");
    assert_eq!(risks[0]["level"], "critical");
}

#[test]
fn a_cvss_risk_page_lists_every_metric_with_its_meaning() {
    let reg = "title: Vulnerabilities
method: cvss
risks:
  - id: VULN-8
    title: Stored XSS in comments
    cvss: CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N/E:P
";
    let site = Fixture::new(&[("content/registers/vulns.yaml", reg)]);
    assert_eq!(site.build().code, 0);
    let page = site.read_out("registers/vulns/VULN-8.html");
    assert_contains(
        &page,
        "<tr><th scope=\"row\">Attack Vector (AV)</th><td>Network <code>N</code></td><td>base</td></tr>",
    );
    assert_contains(
        &page,
        "<tr><th scope=\"row\">Exploit Maturity (E)</th><td>Proof of concept <code>P</code></td><td>not in the base score</td></tr>",
    );
    assert_contains(&page, "Base score <strong>5.1</strong>");
    // The register's matrix: versions by rating band.
    let register = site.read_out("registers/vulns.html");
    assert_contains(&register, "CVSS version \\ Rating");
}

#[test]
fn a_malformed_vector_is_an_error_at_the_bad_metric() {
    let reg = "title: Vulnerabilities
method: cvss
risks:
  - id: V-1
    title: Bad value
    cvss: \"CVSS:3.1/AV:N/AC:Q/PR:N/UI:N/S:U/C:H/I:H/A:H\"
  - id: V-2
    title: Missing metric
    cvss: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H
  - id: V-3
    title: Unknown version
    cvss: CVSS:5.0/AV:N
";
    let site = Fixture::new(&[("content/registers/vulns.yaml", reg)]);
    let run = site.check_json();
    assert_eq!(run.code, 1);
    let d = located(&run, false);
    // `    cvss: "` is 11 columns; `AC:Q` starts 14 bytes in.
    assert_eq!(
        d,
        [
            "content/registers/vulns.yaml:6:26 invalid-vector: invalid CVSS vector: invalid CVSSv3 AC (Attack Complexity) metric: `Q`",
            "content/registers/vulns.yaml:9:51 invalid-vector: invalid CVSS vector: missing base metric A (Availability Impact)",
            "content/registers/vulns.yaml:12:11 invalid-vector: invalid CVSS vector: unsupported CVSS version: 5.0",
        ]
    );
}

#[test]
fn every_method_counts_on_the_dashboard_by_severity() {
    let appsec = format!(
        "title: App security\nmethod: owasp\nrisks:\n{}",
        owasp_risk("A", [9; 8], &[9; 8])
    );
    let vulns = "title: Vulnerabilities\nmethod: cvss\nrisks:\n  - { id: V-1, title: RCE, owner: sec, cvss: \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\" }\n";
    let site = Fixture::new(&[
        ("content/registers/appsec.yaml", &appsec),
        ("content/registers/vulns.yaml", vulns),
        ("content/registers/ops.yaml", &register("")),
    ]);
    site.build_ok();
    let index = site.read_out("index.html");
    // OWASP's Critical and CVSS's Critical are one count; R-1 (medium x high = 6) is High.
    assert_contains(
        &index,
        "<span class=\"stat-n\">2</span> <span class=\"badge\" style=\"background:#cf222e;color:#ffffff\">Critical</span>",
    );
    assert_contains(
        &index,
        "<span class=\"stat-n\">1</span> <span class=\"badge\" style=\"background:#e16f24;color:#000000\">High</span>",
    );
}

#[test]
fn the_factors_column_carries_the_factors_and_imports_rated_again() {
    // risks.csv's last column writes each risk's factors as `id=value`, in
    // the methodology's order; a CSV with that column imports rated by
    // OWASP again, each factor where it was.
    let reg = format!(
        "title: App security\nmethod: owasp\nrisks:\n{}{}",
        owasp_risk("A", [6, 4, 7, 4, 7, 5, 6, 8], &[7, 5, 1, 7, 3, 5, 2, 5]),
        owasp_risk("B", [9; 8], &[2, 3, 4, 5])
    );
    let site = Fixture::new(&[("content/registers/appsec.yaml", &reg)]);
    site.build_ok();
    let csv = site.read_out("risks.csv");
    assert!(csv.lines().next().unwrap().ends_with(",factors"), "{csv}");
    assert_contains(
        &csv,
        ",skill=6; motive=4; opportunity=7; size=4; discovery=7; exploit=5; awareness=6; detection=8; confidentiality=7; integrity=5; availability=1; accountability=7; financial=3; reputation=5; compliance=2; privacy=5\r\n",
    );
    assert_contains(
        &csv,
        ",skill=9; motive=9; opportunity=9; size=9; discovery=9; exploit=9; awareness=9; detection=9; confidentiality=2; integrity=3; availability=4; accountability=5\r\n",
    );
    site.write("risks.csv", csv.as_bytes());
    let (from, to) = (
        site.root().join("risks.csv"),
        site.root().join("again.yaml"),
    );
    let run = riskbook(&["import", from.to_str().unwrap(), "-o", to.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let again: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(to).unwrap()).unwrap();
    assert_eq!(again["method"], "owasp");
    let a = &again["risks"][0]["owasp"];
    assert_eq!(
        (&a["likelihood"]["skill"], &a["impact"]["privacy"]),
        (&6.into(), &5.into())
    );
    let b = &again["risks"][1]["owasp"];
    assert_eq!(b["impact"].as_mapping().unwrap().len(), 4, "{b:?}");
    assert_eq!(b["impact"]["accountability"], 5);
}
