//! Site-wide severities: registers keep their own levels on their own
//! pages, and the dashboard, the risks table, the review page and
//! `risks.json` count and sort by the one severity scale of the site.

mod common;
use common::*;
use std::path::PathBuf;

/// The site's levels are the default (low..critical) and so is its scale.
const OPS: &str = "title: Ops\nrisks:
  - { id: O-1, title: Disk fills, probability: high, impact: critical, owner: ops }
  - { id: O-2, title: Cert expires, probability: medium, impact: high, owner: ops }
  - { id: O-3, title: Slow deploys, probability: low, impact: low, owner: ops }
";

/// Its own levels, mapped by label (`🔴 Critical` is not `critical`, but
/// the id is) and by `severity:`.
const PRODUCT: &str = "title: Product
levels:
  - { id: minor, label: Minor, min: 1, severity: low }
  - { id: major, label: Major, min: 4, severity: high }
  - { id: critical, label: \"🔴 Critical\", min: 9 }
risks:
  - { id: P-1, title: Churn, probability: high, impact: high, owner: pm }
  - { id: P-2, title: Launch slips, probability: low, impact: medium, owner: pm }
  - { id: P-3, title: Data loss, probability: high, impact: critical, owner: pm }
";

/// Its own level names, matched to severities by their labels.
const SEC: &str = "title: Security
levels:
  - { id: l, label: Low, min: 1 }
  - { id: m, label: Medium, min: 3 }
  - { id: h, label: High, min: 6 }
risks:
  - { id: S-1, title: Phishing, probability: high, impact: high, owner: sec }
  - { id: S-2, title: Token leak, probability: medium, impact: medium, owner: sec }
";

fn three_registers() -> Fixture {
    Fixture::new(&[
        ("content/registers/ops.yaml", OPS),
        ("content/registers/product.yaml", PRODUCT),
        ("content/registers/sec.yaml", SEC),
    ])
}

/// The overview's count of one severity: `<n> <badge>label</badge>`.
fn stat(n: usize, color: &str, text: &str, label: &str) -> String {
    format!(
        "<div class=\"stat\" style=\"border-color:{color}\"><span class=\"stat-n\">{n}</span> <span class=\"badge\" style=\"background:{color};color:{text}\">{label}</span></div>"
    )
}

#[test]
fn the_dashboard_counts_each_severity_once_across_registers() {
    let site = three_registers();
    site.build_ok();
    let index = site.read_out("index.html");
    // Scores: O-1 3x4=12 critical, O-2 2x3=6 high, O-3 1 low; P-1 9 (>= 9:
    // "🔴 Critical" -> critical), P-2 2 minor -> low, P-3 12 critical;
    // S-1 9 h -> High, S-2 4 m -> Medium.
    let overview = &index[index.find("class=\"stats\"").unwrap()..index.find("By status").unwrap()];
    let expected = [
        stat(3, "#cf222e", "#ffffff", "Critical"),
        stat(2, "#e16f24", "#000000", "High"),
        stat(1, "#d4a72c", "#000000", "Medium"),
        stat(2, "#2da44e", "#000000", "Low"),
    ]
    .concat();
    assert_contains(overview, &expected);
    assert_eq!(overview.matches("class=\"badge\"").count(), 4, "{overview}");

    // Each register's card and pages keep its own level names.
    assert_contains(&index, ">🔴 Critical</span> 2");
    let p1 = site.read_out("registers/product/P-1.html");
    assert_contains(&p1, ">🔴 Critical<");
    let s1 = site.read_out("registers/sec/S-1.html");
    assert_contains(&s1, ">High<");
}

#[test]
fn the_risks_table_filters_and_sorts_by_severity() {
    let site = three_registers();
    assert_eq!(site.build().code, 0);
    let risks = site.read_out("risks.html");
    // One option per severity met, highest first.
    assert_contains(
        &risks,
        "<select name=\"severity\" data-filter=\"severity\"><option value=\"\">All</option><option value=\"critical\">Critical</option><option value=\"high\">High</option><option value=\"medium\">Medium</option><option value=\"low\">Low</option></select>",
    );
    // Every row says its severity; the product register's `major` is `high`.
    assert_contains(&risks, "data-level=\"critical\" data-severity=\"critical\"");
    assert_contains(&risks, "data-level=\"h\" data-severity=\"high\"");
    assert_contains(&risks, "data-level=\"minor\" data-severity=\"low\"");
    // Sorting the level column sorts by severity: P-3's critical ranks
    // above S-1's high although `h` is the third level of its register.
    // The level cell is the row's `<td data-sort="rank">`.
    let rank = |level: &str| -> usize {
        let row = &risks[risks.find(&format!("data-level=\"{level}\"")).unwrap()..];
        let cell = &row[row.find("<td data-sort=\"").unwrap() + "<td data-sort=\"".len()..];
        cell[..cell.find('"').unwrap()].parse().unwrap()
    };
    assert!(rank("critical") > rank("h"), "critical above high");
    assert!(rank("h") > rank("m") && rank("m") > rank("minor"));
}

#[test]
fn risks_json_and_csv_say_each_risks_severity() {
    let site = three_registers();
    assert_eq!(site.build().code, 0);
    let json: serde_json::Value = serde_json::from_str(&site.read_out("risks.json")).unwrap();
    let of = |id: &str| {
        let r = json["risks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone();
        (
            r["level"].as_str().unwrap().to_string(),
            r["severity"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(of("P-1"), ("critical".into(), "critical".into()));
    assert_eq!(of("P-2"), ("minor".into(), "low".into()));
    assert_eq!(of("S-1"), ("h".into(), "high".into()));
    assert_eq!(of("O-2"), ("high".into(), "high".into()));

    // risks.csv has the same column, after `level`.
    let csv = site.read_out("risks.csv");
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(col("severity"), col("level") + 1);
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let of = |id: &str| {
        let r = rows.iter().find(|r| &r[col("id")] == id).unwrap();
        (r[col("level")].to_string(), r[col("severity")].to_string())
    };
    assert_eq!(of("P-2"), ("minor".into(), "low".into()));
    assert_eq!(of("S-1"), ("h".into(), "high".into()));
}

#[test]
fn the_review_page_orders_each_owner_by_severity_and_counts_them() {
    // Two unowned risks of the sec register's top levels need attention:
    // the high one first, though it is listed second.
    let sec = "title: Security
levels:
  - { id: l, label: Low, min: 1 }
  - { id: m, label: Medium, min: 3 }
  - { id: h, label: High, min: 6 }
risks:
  - { id: S-1, title: Token leak, probability: medium, impact: medium }
  - { id: S-2, title: Phishing, probability: high, impact: high }
";
    let site = Fixture::new(&[("content/registers/sec.yaml", sec)]);
    assert_eq!(site.build().code, 0);
    let review = site.read_out("review.html");
    let (s1, s2) = (
        review.find("S-1</span>").unwrap(),
        review.find("S-2</span>").unwrap(),
    );
    assert!(s2 < s1, "the high risk first");
    assert_contains(
        &review,
        "By severity: <span class=\"badge\" style=\"background:#e16f24;color:#000000\">High</span> 1 · <span class=\"badge\" style=\"background:#d4a72c;color:#000000\">Medium</span> 1</p>",
    );
}

#[test]
fn declared_severities_are_the_scale_and_levels_map_onto_them() {
    let site = Fixture::new(&[
        (
            "content/site.yaml",
            "severities:
  - { id: s3, label: Sev 3, color: \"#0969da\" }
  - { id: s2, label: Sev 2, color: \"#bf8700\" }
  - { id: s1, label: Sev 1, color: \"#cf222e\" }
levels:
  - { id: low, min: 1, severity: s3 }
  - { id: medium, min: 3, severity: s3 }
  - { id: high, min: 6, severity: s2 }
  - { id: critical, min: 9, severity: s1 }
",
        ),
        ("content/registers/ops.yaml", OPS),
    ]);
    site.build_ok();
    let index = site.read_out("index.html");
    assert_contains(&index, &stat(1, "#cf222e", "#ffffff", "Sev 1"));
    assert_contains(&index, &stat(1, "#bf8700", "#000000", "Sev 2"));
    assert_contains(&index, &stat(1, "#0969da", "#ffffff", "Sev 3"));
    // The register's pages keep the levels.
    assert_contains(&site.read_out("registers/ops/O-2.html"), ">high<");
}

#[test]
fn a_level_that_matches_no_severity_is_an_error_at_the_level() {
    let site = Fixture::new(&[(
        "content/registers/clinical.yaml",
        "title: Clinical
levels:
  - { id: low, min: 1 }
  - { id: serious, min: 4 }
risks: []
",
    )]);
    let run = site.check_json();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let d = diags(&run);
    assert_eq!(
        located(&run, false),
        [
            "content/registers/clinical.yaml:4:11 unmapped-level: level `serious` matches none of the site's severities"
        ]
    );
    assert_eq!(
        d[0].help.as_deref(),
        Some(
            "give the level `severity:`, one of `low`, `medium`, `high`, `critical` (severities are set in site.yaml)"
        )
    );
}

#[test]
fn a_severity_that_does_not_exist_is_an_error_at_its_value() {
    let site = Fixture::new(&[(
        "content/registers/clinical.yaml",
        "title: Clinical
levels:
  - { id: low, min: 1 }
  - { id: serious, min: 4, severity: hihg }
risks: []
",
    )]);
    let run = site.check_json();
    assert_eq!(run.code, 1);
    let d = diags(&run);
    assert_eq!(
        located(&run, false),
        [
            "content/registers/clinical.yaml:4:38 unmapped-level: `hihg` is not one of the site's severities"
        ]
    );
    assert_eq!(
        d[0].help.as_deref(),
        Some("did you mean `high`? the severities are `low`, `medium`, `high`, `critical`")
    );
}

#[test]
fn a_site_levels_severity_without_declared_severities_is_an_error_not_dropped() {
    // Without `severities:` each of the site's levels is its own severity:
    // naming itself is fine, naming anything else would be lost.
    let site = Fixture::new(&[(
        "content/site.yaml",
        "levels:
  - { id: low, min: 1, severity: Low }
  - { id: high, min: 6, label: Severe, severity: severe }
  - { id: critical, min: 9, severity: sev1 }
",
    )]);
    let run = site.check_json();
    assert_eq!(run.code, 1);
    let d = diags(&run);
    assert_eq!(
        located(&run, false),
        ["content/site.yaml:4:39 unmapped-level: `sev1` is not one of the site's severities"]
    );
    assert_eq!(
        d[0].help.as_deref(),
        Some(
            "site.yaml declares no `severities:`, so each level is its own severity; \
             declare `severities:` (lowest first) or remove this `severity:`"
        )
    );
}

#[test]
fn declared_severities_must_fit_the_default_levels() {
    // No `levels:`: the default levels map by name, and `medium` finds none.
    let site = Fixture::new(&[(
        "content/site.yaml",
        "severities: [{ id: low }, { id: moderate }, { id: high }, { id: critical }]\n",
    )]);
    let run = site.check_json();
    assert_eq!(run.code, 1);
    assert_eq!(
        located(&run, false),
        [
            "content/site.yaml:1:13 unmapped-level: level `medium` matches none of the site's severities"
        ]
    );
}

#[test]
fn fewer_severities_than_levels_is_an_error_and_the_site_still_renders() {
    // `critical` finds no severity among three. The checked model must stay
    // whole: rendering it anyway (as the fuzz targets do) once indexed past
    // the scale and panicked.
    let files = [
        (
            PathBuf::from("site.yaml"),
            "severities: [{ id: low }, { id: medium }, { id: high }]\n".to_string(),
        ),
        (PathBuf::from("registers/ops.yaml"), register("")),
    ];
    let today = "2026-03-01".parse().unwrap();
    let d = riskbook::check_in_memory(&files, today);
    let errors: Vec<_> = d
        .iter()
        .filter(|d| d.severity() == riskbook::diagnostics::Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{d:?}");
    assert_eq!(errors[0].code.as_str(), "unmapped-level");
    assert_eq!(
        errors[0].message,
        "level `critical` matches none of the site's severities"
    );
    let at = errors[0].location.span.as_ref().unwrap();
    assert_eq!((at.line, at.column), (1, 13));
}

#[test]
fn an_empty_or_repeated_severity_scale_is_an_error() {
    let site = Fixture::new(&[("content/site.yaml", "severities: []\n")]);
    let d = diags(&site.check_json());
    assert_eq!(d[0].code, "invalid-config", "{d:?}");
    assert_eq!(d[0].message, "`severities` needs at least one severity");
    let site = Fixture::new(&[(
        "content/site.yaml",
        "severities: [{ id: low }, { id: LOW }]\nlevels: [{ id: low, min: 1 }]\n",
    )]);
    let d = diags(&site.check_json());
    assert_eq!(d[0].message, "severity `LOW` is listed twice", "{d:?}");
    assert_eq!((d[0].line, d[0].column), (Some(1), Some(33)));
}
