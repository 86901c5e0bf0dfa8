//! Suspect risks: a runbook section that changed after a risk's review.
//! Scripted git repositories with fixed authors and dates.

mod common;
use common::*;

const REGISTER: &str = "title: Ops\nrisks:\n  - id: R-1\n    title: Bad deploy\n    probability: medium\n    impact: high\n    owner: ops\n    reviewed: 2026-02-01 # weekly review\n    playbooks: [docs/run.md#rollback]\n\n  - id: R-2\n    title: Flag left on\n    probability: low\n    impact: high\n    owner: ops\n    playbooks:\n      - docs/run.md#rollback\n  - {id: R-3, title: Lead unreachable, probability: low, impact: low, owner: ops, playbooks: [\"docs/run.md#escalation\"]}\n  - {id: R-4, title: Linked in text, probability: low, impact: low, owner: ops, reviewed: 2026-02-01, description: \"Undo with [the rollback](docs/run.md#rollback).\"}\n";

const RUNBOOK: &str = "# Runbook\n\n## Rollback {#rollback}\n\n1. Turn the flag off.\n2. Page the owner.\n\n## Escalation\n\nCall the lead.\n";

fn short_head(site: &Fixture) -> String {
    let out = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(site.root())
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Created, rewrapped (no change), then the rollback section rewritten
/// under a renamed heading that keeps its `{#rollback}`.
fn scripted() -> (Fixture, String, String) {
    let site = git_site(
        &[
            ("content/registers/ops.yaml", REGISTER),
            ("content/docs/run.md", RUNBOOK),
        ],
        "Create",
        "2026-01-20T10:00:00Z",
    );
    let first = short_head(&site);
    site.write(
        "content/docs/run.md",
        RUNBOOK
            .replace("1. Turn the flag off.", "1. Turn   the\n   flag off.")
            .as_bytes(),
    );
    commit(&site, "Rewrap", "2026-02-05T10:00:00Z");
    site.write(
        "content/docs/run.md",
        RUNBOOK
            .replace("## Rollback {#rollback}", "## Rolling back {#rollback}")
            .replace("Page the owner.", "Page the owner within 5 minutes.")
            .as_bytes(),
    );
    commit(&site, "Tighten rollback", "2026-03-01T10:00:00Z");
    let hash = short_head(&site);
    (site, first, hash)
}

fn suspects(site: &Fixture) -> Vec<Diag> {
    let run = site.run(&["check", "--format", "json", "--today", "2026-03-03"]);
    assert_eq!(run.code, 0, "warnings only: {}", run.stderr);
    diags(&run)
        .into_iter()
        .filter(|d| d.code == "suspect")
        .collect()
}

#[test]
fn a_section_changed_after_the_review_makes_its_risks_suspect() {
    let (site, first, hash) = scripted();
    let found = suspects(&site);
    let got: Vec<(String, usize, usize)> = found
        .iter()
        .map(|d| (d.message.clone(), d.line.unwrap(), d.column.unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            (
                format!(
                    "R-1: runbook section \"Rolling back\" (docs/run.md#rollback) changed after its review on 2026-02-01: {hash} 2026-03-01 Ana Risk: \"Tighten rollback\""
                ),
                9,
                17
            ),
            (
                format!(
                    "R-2: runbook section \"Rolling back\" (docs/run.md#rollback) changed after its last change ({first} 2026-01-20): {hash} 2026-03-01 Ana Risk: \"Tighten rollback\""
                ),
                17,
                9
            ),
            (
                format!(
                    "R-4: runbook section \"Rolling back\" (docs/run.md#rollback) changed after its review on 2026-02-01: {hash} 2026-03-01 Ana Risk: \"Tighten rollback\""
                ),
                19,
                142
            ),
        ],
        "R-4 links the section in its description (reported at the link); \
         R-3's section did not change; the rewrap of 2026-02-05 is no change"
    );
    assert_eq!(
        found[0].help.as_deref(),
        Some("read the section again, then stamp the review: `riskbook review ops/R-1`")
    );

    // The pages say it, and show what changed.
    let run = site.run(&["build", "--today", "2026-03-03"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let risk = site.read_out("registers/ops/R-1.html");
    assert_contains(&risk, "Runbook changed since last review.");
    assert_contains(
        &risk,
        &format!("<code>{hash}</code> 2026-03-01, Ana Risk, “Tighten rollback”"),
    );
    assert_contains(
        &risk,
        "<del><span class=\"visually-hidden\">removed: </span>− Page the owner.</del>",
    );
    assert_contains(&risk, "+ Page the owner within 5 minutes.</ins>");
    assert!(
        !site
            .read_out("registers/ops/R-3.html")
            .contains("Runbook changed")
    );
    let runbook = site.read_out("docs/run.html");
    assert_eq!(
        runbook
            .matches("not reviewed since this section changed")
            .count(),
        2,
        "R-1 and R-2 under Rolling back, not R-3 under Escalation"
    );
}

#[test]
fn review_stamps_the_date_as_a_minimal_edit_and_clears_the_warning() {
    let (site, ..) = scripted();
    let run = site.run(&[
        "review",
        "ops/R-1",
        "ops/R-2",
        "ops/R-4",
        "--date",
        "2026-03-02",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(site.root().join("content/registers/ops.yaml")).unwrap();
    // R-1's value changes in place (its comment stays); R-2 gains one line.
    let want = REGISTER
        .replace(
            "reviewed: 2026-02-01 # weekly review",
            "reviewed: 2026-03-02 # weekly review",
        )
        .replace("  - id: R-2\n", "  - id: R-2\n    reviewed: 2026-03-02\n")
        .replace(
            "owner: ops, reviewed: 2026-02-01, description",
            "owner: ops, reviewed: 2026-03-02, description",
        );
    assert_eq!(after, want);
    assert_eq!(suspects(&site), Vec::<Diag>::new());
}

#[test]
fn all_suspect_stamps_every_suspect_risk_and_only_those() {
    let (site, ..) = scripted();
    let run = site.run(&["review", "--all-suspect", "--date", "2026-03-02"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stderr, "ops/R-1: reviewed 2026-03-02");
    assert_contains(&run.stderr, "ops/R-2: reviewed 2026-03-02");
    assert_contains(&run.stderr, "ops/R-4: reviewed 2026-03-02");
    assert_lacks(&run.stderr, "R-3");
    assert_eq!(suspects(&site), Vec::<Diag>::new());
    // Nothing left to stamp.
    let again = site.run(&["review", "--all-suspect"]);
    assert_eq!(again.code, 2);
    assert_contains(&again.stderr, "no risk is suspect");
}

#[test]
fn an_uncommitted_edit_counts_as_a_change_made_today() {
    let (site, ..) = scripted();
    site.write(
        "content/docs/run.md",
        std::fs::read_to_string(site.root().join("content/docs/run.md"))
            .unwrap()
            .replace("Call the lead.", "Call the lead, then the director.")
            .as_bytes(),
    );
    let found = suspects(&site);
    let r3: Vec<_> = found
        .iter()
        .filter(|d| d.message.starts_with("R-3"))
        .collect();
    assert_eq!(r3.len(), 1, "{found:?}");
    assert!(
        r3[0].message.ends_with("uncommitted edit, 2026-03-03"),
        "{}",
        r3[0].message
    );
}

#[test]
fn review_names_unknown_risks_and_without_git_detection_is_off() {
    let (site, ..) = scripted();
    let run = site.run(&["review", "ops/R-10"]);
    assert_eq!(run.code, 2);
    assert_contains(
        &run.stderr,
        "register `ops` has no risk `R-10` (did you mean `R-1`?)",
    );
    let run = site.run(&["check", "--no-git", "--format", "json"]);
    assert!(diags(&run).iter().all(|d| d.code != "suspect"));
    let run = site.run(&["build", "--no-git"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let risk = site.read_out("registers/ops/R-1.html");
    assert_contains(
        &risk,
        "Runbook changes since a risk&#39;s review are not tracked here: Revision history from git is turned off (--no-git)",
    );
}

#[test]
fn the_weekly_review_lists_suspect_and_overdue_risks_by_owner() {
    let (site, _, hash) = scripted();
    let run = site.run(&["build", "--today", "2026-03-03"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let review = site.read_out("review.html");
    assert_contains(&review, "3 risks need attention on 2026-03-03.");
    assert_contains(
        &review,
        "<th scope=\"row\">Runbook changed since review</th><td class=\"num\">3</td>",
    );
    assert_contains(
        &review,
        "<th scope=\"row\">Reviews overdue</th><td class=\"num\">2</td>",
    );
    assert_contains(&review, "review overdue since 2026-02-08 (23 days)");
    assert_contains(
        &review,
        &format!(
            "<a href=\"docs/run.html#rollback\">runbook section “Runbook › Rolling back” changed 2026-03-01 ({hash}, Ana Risk), after its review on 2026-02-01</a>"
        ),
    );
    assert!(!review.contains("R-3"), "R-3's section did not change");
}

#[test]
fn diff_and_build_compare_name_the_risks_a_rewritten_section_affects() {
    let (site, ..) = scripted();
    let run = site.run(&["diff", "HEAD~1", "HEAD", "--today", "2026-03-03"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "1 runbook section rewritten under 3 risks");
    assert_contains(
        &run.stdout,
        "- `docs/run.md#rollback` (Rolling back), used by ops/R-1, ops/R-2, ops/R-4\n",
    );
    assert!(
        !run.stdout.contains("`suspect`"),
        "not repeated as new problems"
    );
    // The rewrap commit changed no section text.
    let run = site.run(&["diff", "HEAD~2", "HEAD~1", "--today", "2026-03-03"]);
    assert_lacks(&run.stdout, "rewritten");
    let run = site.run(&["build", "--compare", "HEAD~1", "--today", "2026-03-03"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let changes = site.read_out("changes.html");
    assert_contains(
        &changes,
        "<a href=\"docs/run.html#rollback\">Rolling back</a> (<code>docs/run.md</code>), used by ops/R-1, ops/R-2, ops/R-4",
    );
}

#[test]
fn on_a_shallow_clone_detection_is_off_and_the_pages_say_so() {
    let (site, ..) = scripted();
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", site.root().display());
    git_at(
        clone.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
        "2026-03-03T10:00:00Z",
    );
    let root = clone.path().join("shallow");
    let run = riskbook(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        "2026-03-03",
    ]);
    assert!(
        diags(&run).iter().all(|d| d.code != "suspect"),
        "{}",
        run.stdout
    );
    let run = riskbook(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--today",
        "2026-03-03",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let risk = std::fs::read_to_string(root.join("public/registers/ops/R-1.html")).unwrap();
    assert_contains(
        &risk,
        "Suspect detection is off: this build ran on a shallow clone.",
    );
}
