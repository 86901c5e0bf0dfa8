//! How diagnostics are reported: warnings, every error in one run, annotations, once per register, on a screen.

use super::*;

#[test]
fn warnings_score_overdue_expired_owner_playbook() {
    let site = reg(
        "title: T\nrisks:\n  - id: R-1\n    title: x\n    probability: high\n    impact: critical\n    score: 10\n    reviewed: 2026-02-01\n    acceptance: { by: cto, expires: 2026-02-15 }\n",
    );
    assert_diags(
        &site,
        &[
            (
                "no-owner",
                "R-1: active Critical risk has no owner",
                3,
                9,
                Some("add `owner:`"),
            ),
            (
                "no-playbook",
                "R-1: active Critical risk has no playbook",
                3,
                9,
                Some("add `playbooks:` with the runbook section that handles it"),
            ),
            (
                "score-mismatch",
                "R-1: declared score 10 but high x critical gives 12",
                7,
                12,
                Some("remove `score:` to use the computed one, or fix probability/impact"),
            ),
            (
                "review-overdue",
                "R-1: review overdue since 2026-02-08 (21 days; reviewed every 7 days)",
                8,
                15,
                Some("review the risk and update `reviewed:`"),
            ),
            (
                "acceptance-expired",
                "R-1: risk acceptance expired on 2026-02-15",
                9,
                37,
                Some("renew the acceptance (a new `expires:`) or reopen the risk"),
            ),
        ],
    );
    let strict = site.run(&["check", "--strict", "--today", "2026-03-01"]);
    assert_eq!(strict.code, 1);
    let build = site.run(&["build", "--strict", "--today", "2026-03-01"]);
    assert_eq!(build.code, 1);
    assert!(!site.out().exists(), "a --strict failure writes nothing");
}

#[test]
fn all_errors_of_all_files_in_one_run() {
    let site = Fixture::new(&[
        (
            "content/registers/a.yaml",
            "title: A\nrisks:\n  - {id: R-1, title: a, probability: lo, impact: low}\n",
        ),
        ("content/registers/b.yaml", "titl: B\n"),
        ("content/docs/p.md", "[x](nope.md)\n"),
    ]);
    let d = diags(&site.check_json());
    let files: Vec<_> = d.iter().map(|d| d.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "content/docs/p.md",
            "content/registers/a.yaml",
            "content/registers/b.yaml"
        ]
    );
}

#[test]
fn github_annotations() {
    let site = reg("title: T\nrisks:\n  - {id: R-1, title: x, probability: mdium, impact: low}\n");
    let run = site.run(&["check", "--format", "github", "--today", "2026-03-01"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "::error file=content/registers/r.yaml,line=3,col=38,title=unknown-value::unknown probability `mdium`%0Ahelp: did you mean `medium`? (probability is one of: low, medium, high)\n"
    );
}

#[test]
fn an_expired_acceptance_warns_whatever_the_status() {
    let site = reg(
        "title: T\nrisks:\n  - id: R-1\n    title: x\n    status: accepted\n    probability: low\n    impact: low\n    acceptance: { by: cto, expires: 2026-02-15 }\n",
    );
    assert_diags(
        &site,
        &[(
            "acceptance-expired",
            "R-1: risk acceptance expired on 2026-02-15",
            8,
            37,
            Some("renew the acceptance (a new `expires:`) or reopen the risk"),
        )],
    );
    let html = {
        site.build();
        site.read_out("index.html")
    };
    assert!(
        html.contains("registers/r/R-1.html"),
        "the dashboard lists the expired acceptance of an accepted risk"
    );
}

#[test]
fn a_register_that_fails_to_load_is_reported_once() {
    let site = Fixture::new(&[
        (
            "content/registers/ops.yaml",
            "title: Ops\nrisks:\n  - {id: R-1, title: x, probability: low, impact: low, bogus: 1}\n",
        ),
        (
            "content/registers/app.yaml",
            "title: App\nrisks:\n  - {id: A-1, title: y, probability: low, impact: low, related: [ops/R-1, A-9]}\n",
        ),
        (
            "content/docs/p.md",
            "# P\n\n[one](ops/R-1), [bare](R-1), [file](../registers/ops.yaml) and [gone](gone.md).\n",
        ),
    ]);
    assert_diags(
        &site,
        &[
            (
                "not-checked",
                "4 references into a register that could not be loaded were not checked",
                3,
                7,
                Some("fix the errors in content/registers/ops.yaml first"),
            ),
            (
                "missing-page",
                "broken link `gone.md`: no such page, file or risk",
                3,
                71,
                None,
            ),
            (
                "missing-risk",
                "broken related risk `A-9`: no risk `A-9` in register `app`",
                3,
                75,
                Some("did you mean `A-1`?"),
            ),
            (
                "unknown-key",
                "unknown key `bogus`",
                3,
                56,
                Some(
                    "known keys: id, title, status, category, probability, impact, owasp, cvss, factors, frequency, loss, mitigation_cost, owner, description, mitigation, contingency, trigger, signals, playbooks, related, issues, tags, watchlist, score, position, residual, acceptance, reviewed, sections, extra; custom data goes under `extra`",
                ),
            ),
        ],
    );
}

#[test]
fn build_prints_warnings_one_line_each_and_errors_in_full() {
    let site = reg(
        "title: T\nrisks:\n  - id: R-1\n    title: x\n    probability: low\n    impact: low\n    owner: o\n    reviewed: 2026-02-01\n    acceptance: { by: cto, expires: 2026-02-15 }\n",
    );
    let run = site.run(&["build", "--today", "2026-03-01"]);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "content/registers/r.yaml:8:15  review-overdue  R-1: review overdue since 2026-02-08 (21 days; reviewed every 7 days)",
            "content/registers/r.yaml:9:37  acceptance-expired  R-1: risk acceptance expired on 2026-02-15",
            "run `riskbook check` for every warning in full",
        ]
    );
    assert!(lines[3].starts_with("built "), "{}", run.stderr);
    // An error is shown in full, with its source line and caret.
    site.write(
        "content/registers/r.yaml",
        b"title: T\nrisks:\n  - {id: R-1, title: x, probability: mdium, impact: low}\n",
    );
    let run = site.run(&["build", "--today", "2026-03-01"]);
    assert_eq!(run.code, 1);
    assert_contains(
        &run.stderr,
        "error[unknown-value]: unknown probability `mdium`",
    );
    assert_contains(
        &run.stderr,
        "3 │   - {id: R-1, title: x, probability: mdium, impact: low}",
    );
}

#[test]
fn the_example_build_fits_on_a_screen() {
    let tmp = tempfile::tempdir().unwrap();
    let run = build_example(&tmp.path().join("site"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = run.stderr.lines().count();
    assert!(lines <= 40, "{lines} lines:\n{}", run.stderr);
    assert_contains(
        &run.stderr,
        "run `riskbook check` for every warning in full",
    );
}

#[test]
fn a_review_dated_after_today_is_a_warning_at_the_date() {
    // `reviewed: 2026-09-01` checked on 2026-03-01: the next review's
    // date, most likely; the risk would not come due until September.
    let site = Fixture::new(&[(
        "content/registers/r.yaml",
        &register("    playbooks: []\n    reviewed: 2026-09-01\n"),
    )]);
    let run = site.check_json();
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        located(&run, false),
        [
            "content/registers/r.yaml:3:9 no-playbook: R-1: active High risk has no playbook",
            "content/registers/r.yaml:9:15 review-in-future: R-1: reviewed on 2026-09-01, which is after today (2026-03-01)",
        ]
    );
    let strict = site.run(&["check", "--strict", "--today", "2026-03-01"]);
    assert_eq!(strict.code, 1);
    // Reviewed today is no warning.
    let today = Fixture::new(&[(
        "content/registers/r.yaml",
        &register("    reviewed: 2026-03-01\n"),
    )]);
    assert_lacks(&today.check_json().stdout, "review-in-future");
}
