//! `unrated`: a risk identified but not analysed yet. No score, no level,
//! listed everywhere, never placed in a matrix; a warning while active.

mod common;
use common::*;

const REG: &str = "title: Ops\nrisks:\n  - {id: R-1, title: Rated, probability: high, impact: high, owner: ops, playbooks: [docs/run.md]}\n  - id: R-2\n    title: Just spotted\n    probability: unrated\n    impact: Unrated\n    owner: ops\n  - {id: R-3, title: Closed before rating, probability: unrated, impact: unrated, status: closed}\n";

fn site() -> Fixture {
    Fixture::new(&[
        ("content/registers/ops.yaml", REG),
        ("content/docs/run.md", "# Runbook\n"),
    ])
}

#[test]
fn an_active_unrated_risk_warns_at_its_id() {
    let run = site().check_json();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got: Vec<(String, String, usize, usize)> = diags(&run)
        .into_iter()
        .map(|d| (d.code, d.message, d.line.unwrap(), d.column.unwrap()))
        .collect();
    assert_eq!(
        got,
        [(
            "unrated".to_string(),
            "R-2: active risk is not rated yet".to_string(),
            4,
            9
        )]
    );
}

#[test]
fn rated_on_one_axis_only_is_an_error() {
    let site = Fixture::new(&[(
        "content/registers/ops.yaml",
        "title: Ops\nrisks:\n  - id: R-1\n    title: Half\n    probability: unrated\n    impact: high\n    owner: ops\n",
    )]);
    let run = site.check_json();
    assert_eq!(run.code, 1);
    let d = diags(&run);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        (
            d[0].code.as_str(),
            d[0].message.as_str(),
            d[0].line,
            d[0].column
        ),
        (
            "unknown-value",
            "impact is rated but the other axis is `unrated`",
            Some(6),
            Some(13)
        )
    );
    assert_eq!(
        d[0].help.as_deref(),
        Some("write `impact: unrated` too, or rate both")
    );
}

#[test]
fn unrated_risks_are_listed_everywhere_but_never_placed_in_a_matrix() {
    let site = site();
    let run = site.run(&["build", "--no-git", "--today", "2026-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let register = site.read_out("registers/ops.html");
    assert_contains(
        &register,
        "Not in the matrix: 2 risks not rated yet: <a href=\"../registers/ops/R-2.html\" title=\"Just spotted\">R-2</a>, <a href=\"../registers/ops/R-3.html\" title=\"Closed before rating\">R-3</a>.",
    );
    let svg = site.read_out("registers/ops.svg");
    assert!(svg.contains("R-1") && !svg.contains("R-2") && !svg.contains("R-3"));
    let risk = site.read_out("registers/ops/R-2.html");
    assert!(risk.contains(">Unrated</span>"), "the badge");
    assert_contains(&risk, "<dt>Score</dt><dd>– (not rated yet)</dd>");
    assert!(
        !risk.contains("this risk</span>"),
        "no cell marked in the mini matrix"
    );
    let all = site.read_out("risks.html");
    assert!(all.contains("Just spotted") && all.contains("Closed before rating"));
    let dashboard = site.read_out("index.html");
    assert_contains(&dashboard, "Not in the matrix: 2 risks not rated yet");
    let review = site.read_out("review.html");
    assert_contains(
        &review,
        "<th scope=\"row\">Active risks not rated yet</th><td class=\"num\">1</td>",
    );
    assert_contains(&review, "active, not rated yet");

    let json: serde_json::Value = serde_json::from_str(&site.read_out("risks.json")).unwrap();
    let r2 = &json["risks"][1];
    assert_eq!(r2["id"], "R-2");
    assert_eq!(r2["level"], "unrated");
    assert_eq!(r2["score"], serde_json::Value::Null);
    assert_eq!(r2["probability"]["text"], "unrated");
    assert_eq!(r2["probability"]["value"], serde_json::Value::Null);
    assert_eq!(json["risks"][0]["probability"]["value"], 3.0);
    let csv = site.read_out("risks.csv");
    let row = csv.lines().find(|l| l.starts_with("ops,R-2,")).unwrap();
    assert_contains(row, ",unrated,unrated,,unrated,");
}
