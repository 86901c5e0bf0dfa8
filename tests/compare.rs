//! `riskbook diff` and `build --compare`: what a change does to the risks,
//! and the commands the CI preview workflow runs.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    git_at(dir, args, "2026-01-05T10:00:00Z");
}

const BASE: &str = "title: Ops\nrisks:\n  - {id: R-7, title: Disk fills up, probability: medium, impact: high, owner: ops, playbooks: [docs/p.md]}\n  - {id: R-8, title: Cert expires, probability: low, impact: high, owner: ops}\n  - {id: R-9, title: Old thing, probability: low, impact: low, owner: ops, reviewed: 2026-02-26}\n";
const HEAD: &str = "title: Ops\nrisks:\n  - {id: R-7, title: Disk fills up, probability: high, impact: critical, owner: sre, playbooks: [docs/p.md]}\n  - {id: R-8, title: Cert expires, probability: low, impact: high, owner: ops, status: mitigated}\n  - {id: R-12, title: New risk, probability: low, impact: low, owner: ops, reviewed: 2026-01-01}\n";

/// A repository whose main has BASE; the work tree has HEAD.
fn repo() -> Fixture {
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", BASE),
        ("content/docs/p.md", "# P\n"),
    ]);
    git(site.root(), &["init", "-q", "-b", "main"]);
    git(site.root(), &["add", "-A"]);
    git(site.root(), &["commit", "-q", "-m", "base"]);
    site.write("content/registers/ops.yaml", HEAD.as_bytes());
    site
}

#[test]
fn diff_summarises_risk_changes_in_markdown() {
    let site = repo();
    let run = site.run(&["diff", "main", "--today", "2026-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let head = run.stdout.lines().next().unwrap();
    assert!(
        head.starts_with("## Risk changes: `main` (") && head.ends_with(") → the work tree"),
        "{head}"
    );
    for line in [
        "**1 risk added; 1 removed; 2 changed; 1 problem new, 0 problems fixed; 1 risk past review (was 0).**",
        "| ops | R-7 Disk fills up | probability medium → high; impact high → critical; score 6 → 12; level high → critical; owner ops → sre |",
        "| ops | R-8 Cert expires | status open → mitigated |",
        "| ops | R-9 Old thing | removed |",
        "| ops | R-12 New risk | added |",
    ] {
        assert!(
            run.stdout.contains(line),
            "missing {line:?} in:\n{}",
            run.stdout
        );
    }
}

#[test]
fn diff_between_two_revisions_and_new_and_fixed_problems() {
    let site = repo();
    git(site.root(), &["add", "-A"]);
    git(site.root(), &["commit", "-q", "-m", "head"]);
    site.write(
        "content/registers/ops.yaml",
        HEAD.replace(
            "probability: low, impact: high, owner: ops, status",
            "probability: lo, impact: high, owner: ops, status",
        )
        .as_bytes(),
    );
    let run = site.run(&["diff", "main~1", "main", "--today", "2026-03-01"]);
    assert_eq!(run.code, 0);
    assert_contains(&run.stdout, "→ `main` (");
    assert!(
        !run.stdout.contains("unknown probability"),
        "the work tree is not compared"
    );
    let run = site.run(&["diff", "main", "--today", "2026-03-01"]);
    assert_contains(
        &run.stdout,
        "### New problems\n\n- **error** `unknown-value` content/registers/ops.yaml:4: unknown probability `lo`",
    );
}

#[test]
fn diff_bad_inputs_give_clear_messages() {
    let site = repo();
    let run = site.run(&["diff", "no-such-branch"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: unknown git revision `no-such-branch` (try a branch, tag or commit, e.g. origin/main)\n"
    );
    let run = site.run(&["diff", "--upload-pack=evil"]);
    assert_eq!(run.code, 2, "options are not revisions");
    // Not a repository.
    let plain = Fixture::new(&[("content/registers/ops.yaml", BASE)]);
    let run = plain.run(&["diff", "main"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "is not in a git work tree");
}

#[test]
fn diff_against_a_base_that_does_not_parse_or_holds_binary() {
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", "title: [broken\n"),
        ("content/docs/p.md", "# P\n"),
    ]);
    site.write("content/registers/blob.yaml", &[0u8, 159, 146, 150, 0xff]);
    git(site.root(), &["init", "-q", "-b", "main"]);
    git(site.root(), &["add", "-A"]);
    git(site.root(), &["commit", "-q", "-m", "broken base"]);
    site.write("content/registers/ops.yaml", HEAD.as_bytes());
    std::fs::remove_file(site.root().join("content/registers/blob.yaml")).unwrap();
    let run = site.run(&["diff", "main", "--today", "2026-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_lacks(&run.stderr, "panicked");
    assert_contains(&run.stdout, "| ops | R-7 Disk fills up | added |");
    assert_contains(&run.stdout, "### Fixed problems");
    assert_contains(&run.stdout, "`yaml-syntax` content/registers/ops.yaml");
    assert_contains(&run.stdout, "`not-utf8` content/registers/blob.yaml");
}

#[test]
fn build_compare_adds_changes_page_and_marks_changed_risks() {
    let site = repo();
    let run = site.run(&["build", "--compare", "main", "--today", "2026-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let changes = site.read_out("changes.html");
    assert_contains(
        &changes,
        "<a href=\"registers/ops/R-7.html\">R-7</a> Disk fills up</td><td>probability medium → high; impact high → critical; score 6 → 12; level high → critical; owner ops → sre</td>",
    );
    assert_contains(&changes, "<td>R-9 Old thing</td><td>removed</td>");
    let r7 = site.read_out("registers/ops/R-7.html");
    assert_contains(
        &r7,
        "Changed in this preview (changed): probability medium → high",
    );
    assert!(
        !site.read_out("registers/ops/R-8.html").contains("level"),
        "R-8 is marked with its own change only"
    );
    assert!(
        site.read_out("registers/ops/R-8.html")
            .contains("Changed in this preview (changed): status open → mitigated")
    );
    assert_links_resolve(&site.out());
    let run = site.run(&["build", "--compare", "nope"]);
    assert_eq!(run.code, 2);
}

#[test]
fn the_ci_preview_workflow_commands_work() {
    // The commands of .github/workflows/risks.yml, in order, on a PR checkout.
    let site = repo();
    let check = Command::new(env!("CARGO_BIN_EXE_riskbook"))
        .args(["check", "--today", "2026-03-01"])
        .current_dir(site.root())
        .env("GITHUB_ACTIONS", "true")
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0));
    let annotations = String::from_utf8_lossy(&check.stdout);
    assert!(annotations.starts_with("::warning file=content/registers/ops.yaml,line=5,col=86,title=review-overdue::R-12: review overdue"), "GitHub annotations by default under Actions: {annotations}");
    let build = site.run(&[
        "build",
        "--compare",
        "main",
        "--base-url",
        "https://previews.example/pr-1/",
        "--out",
        site.root().join("preview").to_str().unwrap(),
        "--today",
        "2026-03-01",
    ]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(site.root().join("preview/changes.html").is_file());
    assert!(site.root().join("preview/sitemap.xml").is_file());
    let diff = site.run(&["diff", "main", "--today", "2026-03-01"]);
    assert!(diff.stdout.starts_with("## Risk changes"));
    let workflow = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/risks.yml"),
    )
    .unwrap();
    for cmd in [
        "riskbook check",
        "riskbook build --compare",
        "riskbook diff",
        "fetch-depth: 0",
    ] {
        assert!(workflow.contains(cmd), "the workflow runs {cmd}");
    }
}

#[test]
fn diff_reports_changes_of_expected_annual_loss_and_nothing_for_unchanged_risks() {
    let base = "title: Money\nrisks:\n  - {id: M-1, title: Outage, probability: low, impact: high, owner: ops, frequency: 0.5, loss: 10000}\n  - {id: M-2, title: Steady, probability: low, impact: high, owner: ops, frequency: 0.3, loss: { low: 1000, high: 9000 }}\n";
    let site = Fixture::new(&[
        ("content/site.yaml", "quantitative: { currency: EUR }\n"),
        ("content/registers/money.yaml", base),
    ]);
    git(site.root(), &["init", "-q", "-b", "main"]);
    git(site.root(), &["add", "-A"]);
    git(site.root(), &["commit", "-q", "-m", "base"]);
    // M-1's loss per event doubles; with the same seed, register and id the
    // same years are drawn, so its expected loss exactly doubles. M-2 is
    // as it was: the same numbers, no line.
    site.write(
        "content/registers/money.yaml",
        base.replace("loss: 10000", "loss: 20000").as_bytes(),
    );
    let run = site.run(&["diff", "main", "--today", "2026-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let row = run
        .stdout
        .lines()
        .find(|l| l.starts_with("| money | M-1 Outage |"))
        .unwrap_or_else(|| panic!("no M-1 row in:\n{}", run.stdout));
    let amounts: Vec<f64> = row
        .split("EUR ")
        .skip(1)
        .map(|s| {
            s.chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',')
                .collect::<String>()
                .replace(',', "")
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(amounts.len(), 3, "{row}");
    assert!(
        row.contains("expected annual loss EUR ") && row.contains(" (+EUR "),
        "{row}"
    );
    assert!((amounts[1] - 2.0 * amounts[0]).abs() <= 1.0, "{row}");
    assert!((amounts[2] - amounts[0]).abs() <= 1.0, "{row}");
    assert_lacks(&run.stdout, "M-2");
    assert_contains(&run.stdout, " expected annual loss (now EUR ");
}
