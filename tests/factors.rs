//! Custom factors (`method: { factors: ..., scale: [lo, hi] }`): weighted
//! means of a register's own likelihood and impact factors, then the
//! register's levels by `min` on their product. Every expected value is
//! worked out by hand below.

mod common;
use common::*;

fn risks_json(site: &Fixture) -> Vec<serde_json::Value> {
    let json: serde_json::Value = serde_json::from_str(&site.read_out("risks.json")).unwrap();
    json["risks"].as_array().unwrap().clone()
}

const METHOD: &str = "method:
  factors:
    likelihood:
      - { id: exposure, label: Internet exposure, weight: 2 }
      - { id: skill, label: Attacker skill needed }
    impact:
      - { id: customers, label: Customers affected, weight: 3 }
      - { id: data, label: Data sensitivity }
  scale: [0, 9]
";

const LEVELS: &str = "levels:
  - { id: low, min: 0 }
  - { id: medium, min: 20 }
  - { id: high, min: 40 }
  - { id: critical, min: 60 }
";

fn risk(id: &str, exposure: u8, skill: u8, customers: u8, data: u8) -> String {
    format!(
        "  - id: {id}\n    title: Risk {id}\n    owner: platform\n    factors: {{ exposure: {exposure}, skill: {skill}, customers: {customers}, data: {data} }}\n"
    )
}

#[test]
fn custom_factors_rate_by_weighted_means_and_the_registers_levels() {
    // Likelihood = (2 exposure + skill) / 3, impact = (3 customers + data) / 4:
    // A: (12 + 3)/3 = 5,    (24 + 4)/4 = 7,   35    -> medium (20..40)
    // B: 9, 9,              81                      -> critical
    // C: (6 + 0)/3 = 2,     (6 + 2)/4 = 2,    4     -> low
    // D: (10 + 2)/3 = 4,    (18 + 2)/4 = 5,   20    -> medium, exactly its min
    // E: (14 + 5)/3 = 6.33, (15 + 1)/4 = 4,   25.32 -> medium
    let reg = format!(
        "title: Platform\n{METHOD}{LEVELS}risks:\n{}{}{}{}{}",
        risk("A", 6, 3, 8, 4),
        risk("B", 9, 9, 9, 9),
        risk("C", 3, 0, 2, 2),
        risk("D", 5, 2, 6, 2),
        risk("E", 7, 5, 5, 1),
    );
    let site = Fixture::new(&[("content/registers/platform.yaml", &reg)]);
    site.build_ok();
    let got: Vec<(String, f64, f64, f64, String)> = risks_json(&site)
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["factors"]["likelihood_mean"].as_f64().unwrap(),
                r["factors"]["impact_mean"].as_f64().unwrap(),
                r["score"].as_f64().unwrap(),
                r["level"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("A", 5.0, 7.0, 35.0, "medium"),
        ("B", 9.0, 9.0, 81.0, "critical"),
        ("C", 2.0, 2.0, 4.0, "low"),
        ("D", 4.0, 5.0, 20.0, "medium"),
        ("E", 6.33, 4.0, 25.32, "medium"),
    ]
    .map(|(id, l, i, s, level)| (id.to_string(), l, i, s, level.to_string()));
    assert_eq!(got, want);
    // The values as written, by factor id.
    let a = &risks_json(&site)[0];
    assert_eq!(a["factors"]["likelihood"]["exposure"], 6.0);
    assert_eq!(a["factors"]["impact"]["data"], 4.0);
    assert_eq!(a["severity"], "medium");

    // The risk page shows every factor with its label, weight and value,
    // and the sum that gives the level.
    let page = site.read_out("registers/platform/A.html");
    assert_contains(
        &page,
        "<tr><th scope=\"row\">Internet exposure</th><td class=\"num\">2</td><td class=\"num\">6</td></tr>",
    );
    assert_contains(
        &page,
        "<tr><th scope=\"row\">Data sensitivity</th><td class=\"num\">1</td><td class=\"num\">4</td></tr>",
    );
    assert_contains(
        &page,
        "Likelihood 5 (weighted mean) × Impact 7 = Score <strong>35</strong>: <strong>medium</strong>.",
    );
    // The register's matrix is the range's steps: 0..9 on both axes, and
    // A sits at likelihood 5, impact 7.
    let register = site.read_out("registers/platform.html");
    assert_contains(&register, "Likelihood \\ Impact");
    // 0..9 is drawn as five bands: A (5, 7) in 3.6–5.4 x 5.4–7.2.
    let a_cell = register
        .split("<tr><th scope=\"row\">3.6–5.4</th>")
        .nth(1)
        .and_then(|row| row.split("</tr>").next())
        .unwrap();
    assert_eq!(
        a_cell.matches("registers/platform/A.html").count(),
        1,
        "{a_cell}"
    );
    // The guide lists the factors and their weights, and the rule.
    assert_contains(
        &register,
        "score = weighted mean of the likelihood factors × weighted mean of the impact factors, each factor rated 0 to 9",
    );
    assert_contains(
        &register,
        "<tr><th scope=\"row\">Customers affected</th><td class=\"num\">3</td>",
    );
}

#[test]
fn a_site_wide_factor_method_rates_every_register_that_says_nothing() {
    let site_yaml = format!("{METHOD}scoring: sum\n{LEVELS}");
    // Sum: A = 5 + 7 = 12 -> low; B = 18 -> low; F: 9 + 9... no: the
    // levels are the site's, so 18 is still low (< 20).
    let reg = format!(
        "title: Platform\nrisks:\n{}{}",
        risk("A", 6, 3, 8, 4),
        risk("B", 9, 9, 9, 9)
    );
    let site = Fixture::new(&[
        ("content/site.yaml", &site_yaml),
        ("content/registers/platform.yaml", &reg),
    ]);
    site.build_ok();
    let got: Vec<(f64, String)> = risks_json(&site)
        .iter()
        .map(|r| {
            (
                r["score"].as_f64().unwrap(),
                r["level"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, [(12.0, "low".to_string()), (18.0, "low".to_string())]);
    let page = site.read_out("registers/platform/A.html");
    assert_contains(
        &page,
        "Likelihood 5 (weighted mean) + Impact 7 = Score <strong>12</strong>",
    );
}

#[test]
fn bad_factor_definitions_are_errors_where_they_are_written() {
    let reg = "title: Platform
method:
  factors:
    likelihood:
      - { id: exposure, weight: 0 }
      - { id: skill }
    impact:
      - { id: Skill }
scoring: grid
risks: []
";
    let site = Fixture::new(&[("content/registers/platform.yaml", reg)]);
    let run = site.check_json();
    assert_eq!(run.code, 1);
    let d = located(&run, true);
    assert_eq!(
        d,
        [
            "content/registers/platform.yaml:3:3 missing-key: missing required key `scale` in `method`",
            "content/registers/platform.yaml:5:33 invalid-config: the weight of `exposure` is 0",
            "content/registers/platform.yaml:8:15 invalid-config: factor `Skill` is listed twice",
            "content/registers/platform.yaml:9:1 wrong-method: `scoring` does not apply to `method: factors`",
        ]
    );
}

#[test]
fn bad_factor_values_are_errors_where_they_are_written() {
    let reg = format!(
        "title: Platform\n{METHOD}risks:
  - id: A
    title: Out of range and misspelt
    factors: {{ exposure: 10, skil: 3, customers: 8, data: 4 }}
  - id: B
    title: One missing
    factors: {{ exposure: 1, skill: 3, customers: 8 }}
  - id: C
    title: Not rated
  - id: D
    title: Rated twice
    probability: high
    factors: {{ exposure: 1, skill: 3, customers: 8, data: 1 }}
"
    );
    let site = Fixture::new(&[("content/registers/platform.yaml", &reg)]);
    let run = site.check_json();
    assert_eq!(run.code, 1);
    assert_eq!(
        located(&run, true),
        [
            "content/registers/platform.yaml:14:26 invalid-factor: Internet exposure (`exposure`) is 10, outside 0 to 9",
            "content/registers/platform.yaml:14:30 invalid-factor: unknown factor `skil`",
            "content/registers/platform.yaml:17:16 missing-key: missing `data`",
            "content/registers/platform.yaml:18:5 missing-key: missing required key `factors` in `risks[2]`",
            "content/registers/platform.yaml:22:5 wrong-method: `probability` does not rate a risk of a register with `method: { factors: ... }`",
        ]
    );
    let d = diags(&run);
    let helps: Vec<Option<&str>> = d
        .iter()
        .filter(|d| d.severity == "error")
        .map(|d| d.help.as_deref())
        .collect();
    assert_eq!(
        helps,
        [
            Some("the register's `method: { scale: [lowest, highest] }` bounds every factor"),
            Some("did you mean `skill`? the factors are `exposure`, `skill`, `customers`, `data`"),
            Some("every risk of this register rates each of its factors from 0 to 9"),
            None,
            Some("rate it with `factors:`, or give the register `method: matrix`"),
        ]
    );
}
