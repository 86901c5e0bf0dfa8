//! `riskbook init`, and user templates replacing the built-in ones.

mod common;
use common::*;

#[test]
fn init_makes_a_site_that_builds_cleanly_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let d = dir.to_str().unwrap();
    let run = riskbook(&["init", d]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let build = riskbook(&["build", "--root", d, "--strict", "--today", "2026-01-20"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(build.stderr.contains("0 warnings"), "{}", build.stderr);
    let page = std::fs::read_to_string(dir.join("public/docs/playbook.html")).unwrap();
    assert!(
        page.contains("Referenced by:"),
        "the example shows back-links"
    );
    let again = riskbook(&["init", d]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already has a content/ folder"));
}

#[test]
fn init_templates_writes_the_built_ins_which_then_override() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let d = dir.to_str().unwrap();
    assert_eq!(riskbook(&["init", d, "--templates"]).code, 0);
    for f in ["base.html", "risk.html", "style.css", "app.js"] {
        assert!(dir.join("templates").join(f).is_file(), "{f}");
    }
    // A change to a user template shows in the output.
    let base = std::fs::read_to_string(dir.join("templates/base.html")).unwrap();
    std::fs::write(
        dir.join("templates/base.html"),
        base.replace(
            "<main id=\"main\">",
            "<main id=\"main\"><p class=\"banner\">ACME internal</p>",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("templates/style.css"),
        "body { color: rebeccapurple }\n",
    )
    .unwrap();
    assert_eq!(
        riskbook(&["build", "--root", d, "--today", "2026-01-20"]).code,
        0
    );
    assert!(
        std::fs::read_to_string(dir.join("public/index.html"))
            .unwrap()
            .contains("ACME internal")
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("public/assets/style.css")).unwrap(),
        "body { color: rebeccapurple }\n"
    );
}

#[test]
fn a_broken_user_template_is_a_diagnostic() {
    let site = Fixture::new(&[
        ("content/registers/r.yaml", &register("")),
        (
            "templates/risk.html",
            "{% extends \"base.html\" %}{% block content %}{{ row.id }{% endblock content %}",
        ),
    ]);
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[template]"), "{}", run.stderr);
    assert!(run.stderr.contains("templates/risk.html"), "{}", run.stderr);
    assert!(!site.out().exists());
}
