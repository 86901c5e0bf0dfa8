//! The fixture site in shapes the example lacks (tests/fixtures/unseen):
//! it builds, every link resolves, and what the team wrote is what the
//! pages and exports show.

mod common;
use common::*;

#[test]
fn the_unseen_shapes_site_builds_and_shows_what_was_written() {
    let (_tmp, out, run) = built("unseen");
    // The lapsed acceptances warn on the transferred and the accepted risk.
    let codes: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("acceptance-expired"))
        .collect();
    assert_eq!(codes.len(), 2, "{}", run.stderr);
    assert_links_resolve(&out);

    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let risk = read("registers/ledger-cutover/101.html");
    for written in ["&gt;= 1.0 for 15", "0.50", "125000.00", "1.50 times"] {
        assert!(risk.contains(written), "risk 101 lacks `{written}`");
    }
    // `###` and `####` in the description: under its h2, and under the
    // printed document's h4.
    assert_contains(&risk, "<h3 id=\"how-it-happens\">How it happens");
    assert_contains(&risk, "<h4 id=\"seen-in-the-dry-run\">Seen in the dry run");
    let print = read("registers/ledger-cutover/print.html");
    assert_contains(&print, "<h5 id=\"how-it-happens\">How it happens");
    assert_contains(&print, "<h6 id=\"seen-in-the-dry-run\">Seen in the dry run");
    let register = read("registers/ledger-cutover.html");
    assert!(register.contains("2.10"), "the version as written");
    let kyc = read("docs/runbooks/kyc-vendor.html");
    assert_contains(
        &kyc,
        "id=\"brackets-limits-and-quota\">Brackets [limits] and quota",
    );
    let runbook = read("docs/runbooks/ledger-cutover.html");
    assert_contains(&runbook, "alt=\"Cut-over flow: freeze, switch, reconcile\"");
    assert_contains(&runbook, "<a href=\"#freeze\">Freeze</a>");
    assert_contains(&runbook, "aria-label=\"Not done\"");
    let dashboard = read("index.html");
    assert!(
        dashboard.contains("registers/ledger-cutover/104.html"),
        "the accepted risk's lapsed acceptance is on the dashboard"
    );
}
