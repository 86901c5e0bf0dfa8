//! Real-browser checks in headless Chromium driven by playwright-core
//! (scripts in tests/browser/): the matrix renders and links, filters and
//! search work, axe-core finds no serious violation on any kind of page in
//! light and dark mode, pages fit a phone, and 404.html works at a nested
//! path. Needs Debian's `chromium` and `npm ci --prefix tests/browser`;
//! `.ci/run` installs both and sets `RISKBOOK_BROWSER=require`.

mod common;
use common::*;

#[test]
fn matrix_renders_and_links_in_chromium() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let build = build_example(&site);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let shots = std::env::var("RISKBOOK_SCREENSHOTS")
        .map(Into::into)
        .unwrap_or_else(|_| tmp.path().to_path_buf());
    let Some((ok, out)) = node("matrix.mjs", &[site.as_os_str(), shots.as_os_str()]) else {
        return;
    };
    assert!(ok, "browser check failed:\n{out}");
    assert!(out.starts_with("ok: 15 linked ids"), "{out}");
}

/// axe-core over one page of every kind, light and dark, on both sites:
/// no serious or critical violation, no page wider than a phone, search
/// ranks exact ids first (`tests/browser/axe.mjs`).
#[test]
fn axe_finds_no_serious_violations_on_any_kind_of_page() {
    let tmp = tempfile::tempdir().unwrap();
    for site in build_checked_sites(tmp.path()) {
        let Some((ok, out)) = node("axe.mjs", &[site.as_os_str()]) else {
            return;
        };
        assert!(ok, "axe on {}:\n{out}", site.display());
        assert!(out.contains("x 2 colour schemes"), "{out}");
        for kind in [
            "dashboard",
            "register",
            "risk",
            "playbook",
            "owner",
            "risks table",
            "history",
            "404",
        ] {
            assert!(
                out.contains(&format!("light {kind} ")) && out.contains(&format!("dark {kind} ")),
                "axe did not visit a {kind} page of {}:\n{out}",
                site.display()
            );
        }
    }
}

/// Served by a host under a URL prefix, 404.html at a nested path still
/// finds its style sheet and links back into the site (notfound.mjs).
#[test]
fn not_found_page_works_at_a_nested_path_without_a_base_url() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    assert_eq!(build_example(&site).code, 0);
    let Some((ok, out)) = node("notfound.mjs", &[site.as_os_str()]) else {
        return;
    };
    assert!(ok, "{out}");
    assert!(out.starts_with("ok: 404 at a nested path"), "{out}");
}
