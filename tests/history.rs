//! Revision history from git: scripted repositories with fixed authors and
//! dates, and the pages built from them.

mod common;
use common::*;
use std::path::Path;

fn git(dir: &Path, args: &[&str], date: &str) {
    git_at(dir, args, date);
}

const V1: &str = "title: Ops\nrisks:\n  - {id: R-1, title: Disk fills up, probability: medium, impact: high, owner: ops}\n  - {id: R-2, title: Cert expires, probability: low, impact: high, owner: ops}\n";
const V2: &str = "title: Ops\nrisks:\n  - {id: R-1, title: Disk fills up, probability: high, impact: high, owner: ops}\n  - {id: R-2, title: Cert expires, probability: low, impact: high, owner: sec, status: mitigated}\n  - {id: R-3, title: Backup gap, probability: low, impact: low, owner: ops}\n";

/// A repository with five commits: create, change, break, fix, move.
fn scripted() -> Fixture {
    let site = git_site(
        &[
            ("content/registers/ops.yaml", V1),
            ("content/docs/run.md", "# Runbook\n"),
        ],
        "Create ops register",
        "2026-01-05T10:00:00Z",
    );
    site.write("content/registers/ops.yaml", V2.as_bytes());
    commit(
        &site,
        "Raise R-1, mitigate R-2, add R-3",
        "2026-01-12T10:00:00Z",
    );
    site.write(
        "content/registers/ops.yaml",
        b"title: Ops\nrisks: [unclosed\n",
    );
    commit(&site, "Oops", "2026-01-13T10:00:00Z");
    site.write(
        "content/registers/ops.yaml",
        V2.replace("Backup gap", "Backup gaps").as_bytes(),
    );
    commit(&site, "Fix the register", "2026-01-14T10:00:00Z");
    std::fs::create_dir_all(site.root().join("content/registers/team")).unwrap();
    git(
        site.root(),
        &[
            "mv",
            "content/registers/ops.yaml",
            "content/registers/team/ops.yaml",
        ],
        "2026-01-20T10:00:00Z",
    );
    commit(&site, "Move into team folder", "2026-01-20T10:00:00Z");
    site
}

#[test]
fn register_page_shows_commits_and_risk_changes() {
    let site = scripted();
    site.build_ok();
    let page = site.read_out("registers/ops.html");
    let h = &page[page.find("<h2 id=\"changes\">").unwrap()..];
    for needle in [
        "R-1 probability medium → high",
        "R-1 score 6 → 9",
        "R-1 level high → critical",
        "R-2 status open → mitigated",
        "R-2 owner ops → sec",
        "R-3 added: Backup gap",
        "R-3 title Backup gap → Backup gaps",
        "this version does not parse",
        "created with 2 risks",
        "Move into team folder",
        "Ana Risk",
        "2026-01-12",
    ] {
        assert!(h.contains(needle), "register history lacks {needle:?}");
    }
    // Newest first, and the move is followed back to the first commit.
    let order: Vec<usize> = [
        "Move into team folder",
        "Fix the register",
        "Oops",
        "Raise R-1",
        "Create ops register",
    ]
    .iter()
    .map(|s| h.find(s).unwrap_or_else(|| panic!("{s}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert_contains(
        h,
        "<title id=\"trend-title\">Active risks by level over time: Ops</title>",
    );
    assert_contains(&page, "Last updated 2026-01-20 by Ana Risk");
}

#[test]
fn risk_page_shows_only_its_own_changes() {
    let site = scripted();
    assert_eq!(site.build().code, 0);
    let r1 = site.read_out("registers/ops/R-1.html");
    let h = &r1[r1.find("<h2>History</h2>").unwrap()..];
    assert_contains(h, "R-1 probability medium → high");
    assert!(
        !h.contains("R-2 status") && !h.contains("R-2 owner"),
        "R-2's changes are not on R-1's page"
    );
    assert_eq!(
        h.matches("<tr><td>2026-").count(),
        3,
        "probability, score and level changed once each"
    );
    let r3 = site.read_out("registers/ops/R-3.html");
    assert_contains(&r3, "R-3 added: Backup gap");
}

#[test]
fn history_page_is_newest_first_and_pages_get_last_updated() {
    let site = scripted();
    assert_eq!(site.build().code, 0);
    let h = site.read_out("history.html");
    let a = h.find("Move into team folder").unwrap();
    let b = h.find("Create ops register").unwrap();
    assert!(a < b);
    assert_contains(&h, "R-2 status open → mitigated");
    assert!(
        site.read_out("docs/run.html")
            .contains("Last updated 2026-01-05 by Ana Risk")
    );
}

#[test]
fn no_repository_no_git_and_shallow_clones_still_build() {
    let plain = Fixture::new(&[("content/registers/ops.yaml", V1)]);
    assert_eq!(plain.build().code, 0);
    assert!(
        plain
            .read_out("history.html")
            .contains("the sources are not in a git work tree")
    );
    assert!(
        plain
            .read_out("registers/ops.html")
            .contains("not in a git work tree")
    );

    let site = scripted();
    assert_eq!(
        site.run(&["build", "--no-git", "--today", "2026-03-01"])
            .code,
        0
    );
    assert!(
        site.read_out("registers/ops.html")
            .contains("turned off (--no-git)")
    );

    let tmp = tempfile::tempdir().unwrap();
    let clone = tmp.path().join("clone");
    let url = format!("file://{}", site.root().display());
    git(
        tmp.path(),
        &["clone", "-q", "--depth", "1", &url, clone.to_str().unwrap()],
        "2026-01-21T00:00:00Z",
    );
    let run = riskbook(&[
        "build",
        "--root",
        clone.to_str().unwrap(),
        "--today",
        "2026-03-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(clone.join("public/registers/ops.html")).unwrap();
    assert!(
        page.contains("shallow clone"),
        "the page says what it could not show"
    );
    assert!(page.contains("fetch-depth: 0"), "and how to get it");
}

#[test]
fn history_output_is_deterministic() {
    let site = scripted();
    let a = site.out().join("a");
    let b = site.out().join("b");
    // Outputs inside the work tree are not committed; history is unchanged.
    assert_eq!(site.build_into(&a, &[]).code, 0);
    assert_eq!(site.build_into(&b, &[]).code, 0);
    for f in [
        "history.html",
        "registers/ops.html",
        "registers/ops/R-1.html",
    ] {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn layout_changes_alone_show_no_risk_changes() {
    // Block layout (parsed piece by piece) then flow layout (parsed whole):
    // the same risks, so the diff between them is empty.
    let site = git_site(
        &[("content/registers/ops.yaml", V1)],
        "Block layout",
        "2026-01-05T10:00:00Z",
    );
    let flow = "title: Ops\nrisks: [{id: R-1, title: Disk fills up, probability: medium, impact: high, owner: ops}, {id: R-2, title: Cert expires, probability: low, impact: high, owner: ops}]\n";
    site.write("content/registers/ops.yaml", flow.as_bytes());
    commit(&site, "Flow layout", "2026-01-06T10:00:00Z");
    site.write(
        "content/registers/ops.yaml",
        flow.replace("probability: low", "probability: high")
            .as_bytes(),
    );
    commit(&site, "Raise R-2", "2026-01-07T10:00:00Z");
    assert_eq!(site.build().code, 0);
    let page = site.read_out("registers/ops.html");
    let h = &page[page.find("<h2 id=\"changes\">").unwrap()..];
    let flow_row = &h[h.find("Flow layout").unwrap()..];
    let flow_row = &flow_row[..flow_row.find("</tr>").unwrap()];
    assert_contains(flow_row, "no change to risk fields");
    assert_contains(h, "R-2 probability low → high");
}

#[test]
fn uncommitted_edits_show_as_their_own_version_first() {
    let site = scripted();
    site.write(
        "content/registers/team/ops.yaml",
        V2.replace("Backup gap", "Backup gaps")
            .replace(
                "title: Backup gaps, probability: low",
                "title: Backup gaps, probability: high",
            )
            .as_bytes(),
    );
    assert_eq!(site.build().code, 0);
    let page = site.read_out("registers/ops.html");
    let h = &page[page.find("<h2 id=\"changes\">").unwrap()..];
    let wt = h.find("Uncommitted changes").expect("a work-tree version");
    assert!(
        wt < h.find("Move into team folder").unwrap(),
        "listed before every commit"
    );
    assert_contains(h, "R-3 probability low → high");
    let log = site.read_out("history.html");
    assert!(log.find("Uncommitted changes").unwrap() < log.find("Move into team folder").unwrap());
    assert!(
        site.read_out("registers/ops/R-3.html")
            .contains("R-3 probability low → high")
    );
    // Committed, the stand-in disappears.
    git(
        site.root(),
        &["commit", "-q", "-am", "Raise R-3"],
        "2026-01-22T10:00:00Z",
    );
    assert_eq!(site.build().code, 0);
    assert!(
        !site
            .read_out("registers/ops.html")
            .contains("Uncommitted changes")
    );
}

/// The history as text to compare: its maps in sorted order.
fn history_text(h: &riskbook::model::history::History) -> String {
    let updated: std::collections::BTreeMap<_, _> = h.last_updated.iter().collect();
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        h.commits, h.registers, h.work_tree, updated, h.note, h.suspects, h.suspects_off
    )
}

/// `serve` keeps what it read from the commits between rebuilds
/// (`riskbook::Caches::history`). After each kind of change (an uncommitted
/// edit, a commit, a new register, other levels in site.yaml) the history
/// it gives equals a fresh read.
#[test]
fn history_kept_between_serve_rebuilds_equals_a_fresh_read() {
    let site = scripted();
    let opts = options(site.root(), true);
    let caches = riskbook::Caches::default();
    let same = |step: &str| {
        let (cached, ..) = riskbook::load_and_validate_cached(&opts, Some(&caches)).unwrap();
        let (fresh, ..) = riskbook::load_and_validate(&opts).unwrap();
        assert!(
            !fresh.history.commits.is_empty(),
            "{step}: history was read"
        );
        assert_eq!(
            history_text(&cached.history),
            history_text(&fresh.history),
            "{step}"
        );
        fresh
    };
    same("first read");
    same("nothing changed");
    site.write(
        "content/registers/team/ops.yaml",
        V2.replace("Backup gap", "Backup gaps")
            .replace(
                "probability: low, impact: low",
                "probability: high, impact: low",
            )
            .as_bytes(),
    );
    let edited = same("an uncommitted edit");
    assert!(
        edited.history.work_tree.is_some(),
        "the edit shows as the work tree"
    );
    commit(&site, "Raise R-3", "2026-01-22T10:00:00Z");
    let committed = same("the edit committed");
    assert!(committed.history.work_tree.is_none());
    assert_eq!(committed.history.commits[0].subject, "Raise R-3");
    site.write("content/registers/new.yaml", V1.as_bytes());
    same("a new register, not committed");
    site.write(
        "content/site.yaml",
        b"levels:\n  - { id: low, min: 0, color: \"#2da44e\" }\n  - { id: high, min: 6, color: \"#cf222e\" }\n",
    );
    same("other levels in site.yaml");
}
