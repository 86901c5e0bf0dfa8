//! `labels:`: the organisation's words for the axes and the score, on
//! every page, chart and export that names them; a register's own words
//! on its own pages.

mod common;
use common::*;

const SITE: &str = "labels: { probability: Likelihood, impact: Severity, score: Risk priority }\n";
const OWN: &str = "title: Clinical\nscoring: sum\nlabels: { probability: Occurrence, impact: Harm }\nrisks:\n  - { id: C-1, title: Wrong dose, probability: high, impact: critical, owner: qa, position: { probability: 0.8, impact: 0.9 } }\n";

#[test]
fn site_and_register_words_name_the_axes_everywhere() {
    let site = Fixture::new(&[
        ("content/site.yaml", SITE),
        ("content/registers/ops.yaml", &register("")),
        ("content/registers/clinical.yaml", OWN),
    ]);
    site.build_ok();

    // The site's words on the risks table and a page of a register without its own.
    let risks = site.read_out("risks.html");
    assert!(
        risks.contains("<th scope=\"col\">Risk priority</th>"),
        "risks.html"
    );
    assert_contains(
        &risks,
        "<th scope=\"col\">Likelihood</th><th scope=\"col\">Severity</th>",
    );
    assert_lacks(&risks, ">Probability<");
    let r1 = site.read_out("registers/ops/R-1.html");
    assert!(r1.contains("<dt>Likelihood</dt>") && r1.contains("<dt>Severity</dt>"));
    assert_contains(&r1, "<dt>Risk priority</dt>");
    let ops = site.read_out("registers/ops.html");
    assert!(
        ops.contains("Likelihood \\ Severity"),
        "the matrix as a table"
    );
    assert!(
        ops.contains("<caption>Likelihood</caption>"),
        "the scoring guide"
    );
    assert!(
        ops.contains("Severity →") && ops.contains("Likelihood →"),
        "the heatmap's axes"
    );

    // A register's own words on its pages, its matrix and its quadrant chart;
    // the score keeps the site's word, which it does not override.
    let c1 = site.read_out("registers/clinical/C-1.html");
    assert!(c1.contains("<dt>Occurrence</dt>") && c1.contains("<dt>Harm</dt>"));
    assert!(
        c1.contains("<dt>Risk priority</dt>"),
        "inherited from the site"
    );
    let clinical = site.read_out("registers/clinical.html");
    assert_contains(&clinical, "Occurrence \\ Harm");
    assert!(
        clinical.contains("Harm ↑") && clinical.contains("Occurrence →"),
        "quadrant"
    );
    assert!(!clinical.contains("Probability"), "no default word left");
    let dashboard = site.read_out("index.html");
    assert!(
        dashboard.contains("Occurrence \\ Harm"),
        "its own matrix on the dashboard"
    );

    // risks.json says the site's words; the keys stay for scripts.
    let json: serde_json::Value = serde_json::from_str(&site.read_out("risks.json")).unwrap();
    assert_eq!(json["labels"]["probability"], "Likelihood");
    assert_eq!(json["labels"]["score"], "Risk priority");
    assert!(json["risks"][0].get("probability").is_some());
}

#[test]
fn labels_are_checked_like_every_other_key() {
    let site = Fixture::new(&[
        ("content/site.yaml", "labels: { probabilty: Likelihood }\n"),
        ("content/registers/ops.yaml", &register("")),
    ]);
    let d = diags(&site.check_json());
    let e = d
        .iter()
        .find(|d| d.code == "unknown-key")
        .expect("an unknown-key error");
    assert_eq!((e.line, e.column), (Some(1), Some(11)), "{e:?}");
    assert!(
        e.help.as_deref().unwrap_or("").contains("probability"),
        "{e:?}"
    );
}
