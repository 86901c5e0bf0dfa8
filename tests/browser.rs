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
    let (tmp, site, _) = built("example");
    let shots = std::env::var("RISKBOOK_SCREENSHOTS")
        .map(Into::into)
        .unwrap_or_else(|_| tmp.path().to_path_buf());
    let Some((ok, out)) = node("matrix.mjs", &[site.as_os_str(), shots.as_os_str()]) else {
        return;
    };
    assert!(ok, "browser check failed:\n{out}");
    assert!(out.starts_with("ok: 15 linked ids"), "{out}");
}

/// The runbook fixture in Chromium, light and dark: the diagram drawn as
/// SVG, a copy button on every block that copies a session's commands
/// without prompts, axe clean once drawn, readable without scripts
/// (`tests/browser/runbook.mjs`). Screenshots to RISKBOOK_SCREENSHOTS.
#[test]
fn runbooks_draw_diagrams_and_copy_commands_in_chromium() {
    let (tmp, site, _) = built("runbook");
    let shots = std::env::var("RISKBOOK_SCREENSHOTS")
        .map(Into::into)
        .unwrap_or_else(|_| tmp.path().to_path_buf());
    let page = std::ffi::OsStr::new("docs/gateway-rollback.html");
    let Some((ok, out)) = node("runbook.mjs", &[site.as_os_str(), page, shots.as_os_str()]) else {
        return;
    };
    assert!(ok, "runbook check failed:\n{out}");
    assert_contains(&out, "light: 1 diagrams drawn, 21 copy buttons, 0 axe");
    assert_contains(&out, "dark: 1 diagrams drawn, 21 copy buttons, 0 axe");
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
        assert_contains(&out, "x 2 colour schemes");
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

/// risks.html with more risks than it shows at first: the first 200 rows,
/// filters and sorting over every row, "Show all", and every row without
/// scripts (`tests/browser/large_table.mjs`).
#[test]
fn a_long_risks_table_shows_its_first_rows_and_then_all() {
    let total = 250;
    let risks: String = (0..total)
        .map(|i| {
            // A tenth titled otherwise: a filter then matches 225 rows.
            let title = if i % 10 == 0 { "Other risk" } else { "Risk number" };
            format!("  - {{ id: R-{i:03}, title: {title} {i}, probability: low, impact: high, owner: ops }}\n")
        })
        .collect();
    let site = Fixture::new(&[(
        "content/registers/long.yaml",
        &format!("title: Long register\nrisks:\n{risks}"),
    )]);
    let build = site.build();
    assert_eq!(build.code, 0, "{}", build.stderr);
    let Some((ok, out)) = node(
        "large_table.mjs",
        &[site.out().as_os_str(), "250".as_ref(), "200".as_ref()],
    ) else {
        return;
    };
    assert!(ok, "{out}");
    assert!(out.starts_with("ok: 200 of 250 rows first"), "{out}");
}
