//! Every error class of the format reference's diagnostics table: the exit
//! status and the exact diagnostic (code, message, line, column, help).

mod common;
use common::*;

/// (code, message, line, column, help) of each diagnostic, in output order.
type Expect<'a> = (&'a str, &'a str, usize, usize, Option<&'a str>);

fn assert_diags(site: &Fixture, expected: &[Expect]) {
    let run = site.check_json();
    let got = diags(&run);
    let got: Vec<(String, String, usize, usize, Option<String>)> = got
        .into_iter()
        .map(|d| {
            (
                d.code,
                d.message,
                d.line.unwrap_or(0),
                d.column.unwrap_or(0),
                d.help,
            )
        })
        .collect();
    let want: Vec<(String, String, usize, usize, Option<String>)> = expected
        .iter()
        .map(|(c, m, l, col, h)| {
            (
                c.to_string(),
                m.to_string(),
                *l,
                *col,
                h.map(str::to_string),
            )
        })
        .collect();
    assert_eq!(got, want, "stderr: {}", run.stderr);
    let errors = expected.iter().any(|e| {
        !matches!(
            e.0,
            "score-mismatch"
                | "review-overdue"
                | "acceptance-expired"
                | "no-owner"
                | "no-playbook"
                | "no-alt"
                | "not-checked"
        )
    });
    assert_eq!(run.code, if errors { 1 } else { 0 });
}

fn reg(text: &str) -> Fixture {
    Fixture::new(&[("content/registers/r.yaml", text)])
}

#[test]
fn yaml_syntax_error() {
    let site = reg("title: T\nrisks:\n  - id: R-1\n    title: x: y\n");
    let d = diags(&site.check_json());
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "yaml-syntax");
    assert!(
        d[0].message
            .starts_with("YAML syntax error: mapping values are not allowed"),
        "{}",
        d[0].message
    );
    assert_eq!((d[0].line, d[0].column), (Some(4), Some(13)));
}

#[test]
fn missing_required_key() {
    assert_diags(
        &reg("title: T\nrisks:\n  - id: R-1\n    probability: low\n    impact: low\n"),
        &[(
            "missing-key",
            "missing required key `title` in `risks[0]`",
            3,
            5,
            None,
        )],
    );
}

#[test]
fn unknown_key_names_the_nearest_known_key() {
    assert_diags(
        &reg("title: T\nrisks:\n  - id: R-1\n    title: x\n    probabilty: low\n    impact: low\n"),
        &[(
            "unknown-key",
            "unknown key `probabilty`",
            5,
            5,
            Some("did you mean `probability`? (custom data goes under `extra`)"),
        )],
    );
}

#[test]
fn unknown_key_inside_a_list_item_is_reported_at_its_line() {
    // An unquoted comma in a flow mapping splits the text into a new key.
    assert_diags(
        &reg(
            "title: T\nrisks:\n  - id: R-1\n    title: x\n    probability: low\n    impact: low\n    mitigation:\n      - { action: a (b, c d), done: true }\n",
        ),
        &[(
            "unknown-key",
            "unknown key `c d)`",
            8,
            25,
            Some("known keys: action, done, due, issue, owner; custom data goes under `extra`"),
        )],
    );
}

#[test]
fn wrong_type() {
    assert_diags(
        &reg(
            "title: T\nrisks:\n  - id: R-1\n    title: x\n    probability: low\n    impact: low\n    watchlist: maybe\n",
        ),
        &[(
            "wrong-type",
            "invalid type: string \"maybe\", expected a boolean at `risks[0].watchlist`",
            7,
            16,
            None,
        )],
    );
}

#[test]
fn duplicate_risk_id_is_reported_at_both_places() {
    let site = reg(
        "title: T\nrisks:\n  - id: R-1\n    title: x\n    probability: low\n    impact: low\n  - id: R-1\n    title: y\n    probability: low\n    impact: low\n",
    );
    assert_diags(
        &site,
        &[(
            "duplicate-risk",
            "duplicate risk id `R-1`",
            7,
            9,
            Some(
                "risk ids must be unique in a register (ignoring case: each risk gets its own page)",
            ),
        )],
    );
    let run = site.run(&["check", "--today", "2026-03-01"]);
    assert_eq!(
        run.stderr,
        "error[duplicate-risk]: duplicate risk id `R-1`\n  ┌─ content/registers/r.yaml:7:9\n  │\n3 │   - id: R-1\n  │         --- first used here\n  ·\n7 │   - id: R-1\n  │         ^^^ second use\n  │\n  = help: risk ids must be unique in a register (ignoring case: each risk gets its own page)\n\nchecked: 1 errors, 0 warnings\n"
    );
}

#[test]
fn risk_ids_differing_only_in_case_collide() {
    assert_diags(
        &reg(
            "title: T\nrisks:\n  - {id: R-1, title: x, probability: low, impact: low}\n  - {id: r-1, title: y, probability: low, impact: low}\n",
        ),
        &[(
            "duplicate-risk",
            "risk ids `R-1` and `r-1` differ only in letter case",
            4,
            10,
            Some(
                "risk ids must be unique in a register (ignoring case: each risk gets its own page)",
            ),
        )],
    );
}

#[test]
fn unknown_scale_and_status_values_suggest_the_meant_one() {
    let site = reg(
        "title: T\nrisks:\n  - id: R-1\n    title: x\n    probability: mdium\n    impact: Low/hgh\n    status: opn\n",
    );
    let run = site.run(&["check", "--today", "2026-03-01"]);
    assert!(run.stderr.starts_with(
        "error[unknown-value]: unknown probability `mdium`\n  ┌─ content/registers/r.yaml:5:18\n  │\n5 │     probability: mdium\n  │                  ^^^^^ not on the probability scale\n"
    ), "{}", run.stderr);
    assert_diags(
        &site,
        &[
            (
                "unknown-value",
                "unknown probability `mdium`",
                5,
                18,
                Some("did you mean `medium`? (probability is one of: low, medium, high)"),
            ),
            (
                "unknown-value",
                "unknown impact `hgh`",
                6,
                13,
                Some("did you mean `high`? (impact is one of: low, medium, high, critical)"),
            ),
            (
                "unknown-value",
                "unknown status `opn`",
                7,
                13,
                Some(
                    "did you mean `open`? (status is one of: open, triggered, mitigated, accepted, closed)",
                ),
            ),
        ],
    );
}

#[test]
fn unknown_level_and_scoring_values() {
    assert_diags(
        &reg(
            "title: T\nscoring: grid\ngrid:\n  - [low, medium, high, critical]\n  - [low, low, meduim, high]\n  - [low, low, low, medium]\n",
        ),
        &[(
            "unknown-value",
            "unknown level `meduim` in the grid",
            5,
            16,
            Some("did you mean `medium`?"),
        )],
    );
    assert_diags(
        &reg("title: T\nscoring: prodcut\n"),
        &[(
            "unknown-value",
            "unknown value `prodcut` for `scoring`",
            2,
            10,
            Some("did you mean `product`?"),
        )],
    );
}

#[test]
fn invalid_dates() {
    assert_diags(
        &reg(
            "title: T\nupdated: 2026-02-30\nrisks:\n  - {id: R-1, title: x, probability: low, impact: low, reviewed: 17/02/2026}\n",
        ),
        &[(
            "invalid-date",
            "invalid date `2026-02-30`: no such day in the calendar",
            2,
            10,
            None,
        )],
    );
    assert_diags(
        &reg(
            "title: T\nrisks:\n  - id: R-1\n    title: x\n    probability: low\n    impact: low\n    reviewed: 17/02/2026\n",
        ),
        &[(
            "invalid-date",
            "invalid date `17/02/2026`: expected YYYY-MM-DD, e.g. 2026-02-17",
            7,
            15,
            None,
        )],
    );
}

#[test]
fn grid_of_the_wrong_shape() {
    let help = "one row per probability value, highest first (high, medium, low), each with one level id per impact value, lowest first (low, medium, high, critical)";
    assert_diags(
        &reg(
            "title: T\nscoring: grid\ngrid:\n  - [low, medium, high, critical]\n  - [low, low, medium]\n",
        ),
        &[
            (
                "grid-shape",
                "the grid has 2 rows, but the probability scale has 3 values",
                4,
                3,
                Some(help),
            ),
            (
                "grid-shape",
                "grid row 2 has 3 cells, but the impact scale has 4 values",
                5,
                5,
                Some(help),
            ),
        ],
    );
}

#[test]
fn broken_references_in_registers() {
    let site = Fixture::new(&[
        (
            "content/registers/r.yaml",
            "title: T\nrisks:\n  - id: R-1\n    title: x\n    probability: low\n    impact: low\n    playbooks:\n      - docs/play.md#rollout\n      - docs/nope.md\n    related: [R-2, other/R-1]\n",
        ),
        ("content/docs/play.md", "# Play\n\n## Roll out\n"),
    ]);
    assert_diags(
        &site,
        &[
            (
                "missing-anchor",
                "broken playbook reference `docs/play.md#rollout`: no heading `#rollout` in docs/play.md",
                8,
                9,
                Some("nearest anchors: #roll-out"),
            ),
            (
                "missing-page",
                "broken playbook reference `docs/nope.md`: no such page, file or risk",
                9,
                9,
                Some("did you mean `docs/play.md`?"),
            ),
            (
                "missing-risk",
                "broken related risk `R-2`: no risk `R-2` in register `r`",
                10,
                15,
                Some("did you mean `R-1`?"),
            ),
            (
                "missing-page",
                "broken related risk `other/R-1`: no such page, file or risk",
                10,
                20,
                None,
            ),
        ],
    );
}

#[test]
fn broken_links_in_pages_and_register_text() {
    let site = Fixture::new(&[
        (
            "content/registers/r.yaml",
            "title: T\nsummary: |\n  See [the play](docs/play.md#steps) and [R-1](R-1).\nrisks:\n  - {id: R-1, title: x, probability: low, impact: low}\n",
        ),
        (
            "content/docs/play.md",
            "# Play\n\n## Step one\n\nSee [R-1](R-9), [top](#play), [gone](#nowhere)\nand [x](../../etc/passwd) and [img](missing.png).\n",
        ),
    ]);
    assert_diags(
        &site,
        &[
            (
                "missing-page",
                "broken link `R-9`: no such page, file or risk",
                5,
                11,
                Some("did you mean `R-1`?"),
            ),
            (
                "missing-anchor",
                "broken link `#nowhere`: no heading `#nowhere` in docs/play.md",
                5,
                38,
                Some("anchors on that page: #play, #step-one"),
            ),
            (
                "outside-root",
                "broken link `../../etc/passwd`: it points outside content/",
                6,
                9,
                Some("links may only point at files inside the site's content/ folder"),
            ),
            (
                "missing-page",
                "broken link `missing.png`: no such page, file or risk",
                6,
                37,
                None,
            ),
            (
                "missing-anchor",
                "broken link `docs/play.md#steps`: no heading `#steps` in docs/play.md",
                3,
                18,
                Some("nearest anchors: #step-one"),
            ),
        ],
    );
}

#[test]
fn ambiguous_bare_risk_id_in_a_page() {
    let site = Fixture::new(&[
        (
            "content/registers/a.yaml",
            "title: A\nrisks:\n  - {id: R-1, title: a, probability: low, impact: low}\n",
        ),
        (
            "content/registers/b.yaml",
            "title: B\nrisks:\n  - {id: R-1, title: b, probability: low, impact: low}\n",
        ),
        (
            "content/docs/p.md",
            "# P\n\nSee [it](R-1) and [this one](b/R-1).\n",
        ),
    ]);
    assert_diags(
        &site,
        &[(
            "ambiguous-risk",
            "broken link `R-1`: risk id `R-1` is used by 2 registers",
            3,
            10,
            Some("write one of: `a/R-1`, `b/R-1`"),
        )],
    );
}

#[test]
fn duplicate_register_ids_name_both_files() {
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", "title: A\n"),
        ("content/registers/team/ops.yml", "title: B\n"),
    ]);
    let run = site.check_json();
    let d = diags(&run);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "duplicate-register");
    assert_eq!(
        d[0].message,
        "two registers have the id `ops`: content/registers/ops.yaml and content/registers/team/ops.yml"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn sources_may_not_claim_generated_paths() {
    let site = Fixture::new(&[
        ("content/index.md", "# Mine\n"),
        ("content/assets/x.css", "x"),
    ]);
    let d = diags(&site.check_json());
    let msgs: Vec<_> = d
        .iter()
        .map(|d| (d.code.as_str(), d.file.as_str()))
        .collect();
    assert_eq!(
        msgs,
        [
            ("reserved-path", "content/assets/x.css"),
            ("reserved-path", "content/index.md")
        ]
    );
}

#[test]
fn a_risk_may_not_take_the_printed_documents_name() {
    let site = reg(
        "title: T\nrisks:\n  - id: Print\n    title: x\n    probability: low\n    impact: low\n    owner: ops\n",
    );
    assert_diags(
        &site,
        &[(
            "reserved-path",
            "risk id `Print` is reserved",
            3,
            9,
            Some("choose another id, e.g. `R-print`"),
        )],
    );
}

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
fn a_register_that_changes_levels_under_a_site_grid_needs_its_own_grid() {
    let site = Fixture::new(&[
        (
            "content/site.yaml",
            "scoring: grid\ngrid:\n  - [low, medium, high, critical]\n  - [low, low, medium, high]\n  - [low, low, low, medium]\n",
        ),
        (
            "content/registers/r.yaml",
            "title: T\nlevels:\n  - { id: low, min: 1 }\n  - { id: high, min: 5 }\nrisks:\n  - {id: R-1, title: x, probability: high, impact: critical, owner: o}\n",
        ),
    ]);
    let d = diags(&site.check_json());
    assert_eq!(d[0].code, "grid-shape", "{d:?}");
    assert_eq!(
        d[0].message,
        "`scoring: grid` needs a `grid:` of level ids or scores"
    );
    assert!(!site.check_json().stderr.contains("panicked"));
}

#[test]
fn an_empty_required_text_is_an_error_at_its_line() {
    let site = reg(
        "title: \"\"\nrisks:\n  - id: R-1\n    title: \"   \"\n    probability: ''\n    impact: low\n    residual: { probability: low, impact: \" \" }\n    mitigation:\n      - { action: \"\" }\n",
    );
    let help = |k: &str| format!("`{k}` is required and cannot be blank");
    let (t, p, i, a) = (
        help("title"),
        help("probability"),
        help("impact"),
        help("action"),
    );
    assert_diags(
        &site,
        &[
            (
                "empty-value",
                "the register's title is empty",
                1,
                8,
                Some(&t),
            ),
            ("empty-value", "the risk's title is empty", 4, 12, Some(&t)),
            ("empty-value", "probability is empty", 5, 18, Some(&p)),
            ("empty-value", "residual impact is empty", 7, 43, Some(&i)),
            ("empty-value", "the action is empty", 9, 19, Some(&a)),
        ],
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
fn links_and_images_in_raw_html_are_checked_and_images_need_alt_text() {
    let site = Fixture::new(&[
        (
            "content/registers/r.yaml",
            "title: T\nrisks:\n  - {id: R-1, title: x, probability: low, impact: low}\n",
        ),
        ("content/docs/img.png", "png"),
        (
            "content/docs/p.md",
            "# P\n\n<p><a href=\"nope.md\">a</a> <img src=\"img.png\"></p>\n\n![](img.png) <img alt=\"chart\" src=\"gone.png\">\n",
        ),
    ]);
    assert_diags(
        &site,
        &[
            (
                "missing-page",
                "broken link `nope.md`: no such page, file or risk",
                3,
                13,
                Some("did you mean `docs/p.md`?"),
            ),
            (
                "no-alt",
                "image `img.png` has no alt text",
                3,
                38,
                Some(
                    "describe the image for people who cannot see it (`![what it shows](...)`, or `alt=\"...\"`); an empty alt marks it decorative",
                ),
            ),
            (
                "no-alt",
                "image `img.png` has no alt text",
                5,
                5,
                Some(
                    "describe the image for people who cannot see it (`![what it shows](...)`, or `alt=\"...\"`); an empty alt marks it decorative",
                ),
            ),
            (
                "missing-page",
                "broken link `gone.png`: no such page, file or risk",
                5,
                36,
                None,
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
    assert!(
        run.stderr
            .contains("error[unknown-value]: unknown probability `mdium`")
    );
    assert!(
        run.stderr
            .contains("3 │   - {id: R-1, title: x, probability: mdium, impact: low}")
    );
}

#[test]
fn the_example_build_fits_on_a_screen() {
    let tmp = tempfile::tempdir().unwrap();
    let run = build_example(&tmp.path().join("site"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = run.stderr.lines().count();
    assert!(lines <= 40, "{lines} lines:\n{}", run.stderr);
    assert!(
        run.stderr
            .contains("run `riskbook check` for every warning in full"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_grid_of_scores_scores_each_cell_and_checks_declared_scores() {
    let grid = "title: T\nscales:\n  probability: [{id: low}, {id: high}]\n  impact: [{id: low}, {id: high}]\nscoring: grid\ngrid:\n  - [5, 9]\n  - [1, 7]\nlevels:\n  - {id: low, min: 1}\n  - {id: high, min: 7}\n";
    let site = reg(&format!(
        "{grid}risks:\n  - {{id: R-1, title: x, probability: low, impact: high, score: 7, owner: o, playbooks: [r.md]}}\n  - {{id: R-2, title: y, probability: high, impact: low, score: 4, owner: o, playbooks: [r.md]}}\n"
    ));
    site.write("content/r.md", b"# R\n");
    assert_diags(
        &site,
        &[(
            "score-mismatch",
            "R-2: declared score 4 but the scoring grid gives high x low 5",
            14,
            64,
            Some("remove `score:` to use the computed one, or fix probability/impact"),
        )],
    );
    site.build();
    let json: serde_json::Value = serde_json::from_str(&site.read_out("risks.json")).unwrap();
    let got: Vec<_> = json["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["score"].as_f64(), r["level"].as_str()))
        .collect();
    assert_eq!(got, [(Some(7.0), Some("high")), (Some(5.0), Some("low"))]);

    let mixed = reg(&grid.replace("[1, 7]", "[1, high]"));
    assert_diags(
        &mixed,
        &[(
            "grid-shape",
            "`high` in a grid of scores",
            8,
            9,
            Some("a grid holds a level id in every cell, or a score (a number) in every cell"),
        )],
    );
}

/// The resolved references and links of a site, as text to compare.
fn links_text(site: &riskbook::model::Site) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        site.playbook_links,
        site.field_section_links,
        site.backlinks,
        site.related,
        site.related_by
    )
}

/// `serve` keeps resolved references and checked links between rebuilds
/// (`riskbook::Caches`). After each kind of edit (a register's text, a
/// heading others point at, a page's front matter above a broken link, a
/// new page, a risk id others name) `check` with the caches reports what a
/// fresh `check` reports and resolves every reference the same.
#[test]
fn links_kept_between_serve_rebuilds_equal_a_fresh_check() {
    let ops = "title: Ops\nrisks:\n  - id: R-1\n    title: One\n    probability: low\n    impact: low\n    owner: ops\n    description: See [the steps](docs/run.md#rollback).\n    playbooks: [docs/run.md#rollback]\n    related: [web/W-1]\n";
    let web = "title: Web\nrisks:\n  - id: W-1\n    title: Two\n    probability: high\n    impact: low\n    owner: web\n    playbooks: [docs/run.md#rollback]\n";
    let run = "---\ntitle: Run\n---\n# Runbook\n\n## Rollback\n\nSteps; [gone](missing.md).\n";
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", ops),
        ("content/registers/web.yaml", web),
        ("content/docs/run.md", run),
    ]);
    let opts = options(site.root(), false);
    let caches = riskbook::Caches::default();
    let same = |step: &str| {
        let cached = riskbook::check_cached(&opts, Some(&caches)).unwrap();
        let fresh = riskbook::check(&opts).unwrap();
        assert_eq!(
            format!("{:#?}", cached.diagnostics),
            format!("{:#?}", fresh.diagnostics),
            "{step}"
        );
        assert_eq!(links_text(&cached.site), links_text(&fresh.site), "{step}");
        let text = format!("{:?}", fresh.diagnostics);
        (fresh.diagnostics.len(), text)
    };
    let (n0, _) = same("first check");
    assert_eq!(same("nothing changed").0, n0);
    site.write(
        "content/registers/ops.yaml",
        ops.replace("(docs/run.md#rollback).", "(docs/run.md#nope).")
            .as_bytes(),
    );
    let (n1, t1) = same("a broken link in a register's text");
    assert_eq!(n1, n0 + 1, "{t1}");
    site.write(
        "content/docs/run.md",
        run.replace("## Rollback", "## Roll back").as_bytes(),
    );
    let (n2, t2) = same("the heading both registers point at renamed");
    assert!(n2 >= n1 + 2, "{t2}");
    site.write(
        "content/docs/run.md",
        run.replace("## Rollback", "## Roll back")
            .replace("title: Run\n", "title: Run\ndescription: more\n")
            .as_bytes(),
    );
    let (n3, t3) = same("a line more above the page's broken link");
    assert_eq!(n3, n2, "{t3}");
    assert!(t3.contains("line: 9, column: 15"), "{t3}");
    site.write("content/docs/missing.md", b"# Missing no more\n");
    let (n4, t4) = same("the page a link missed, added");
    assert_eq!(n4, n3 - 1, "{t4}");
    site.write(
        "content/registers/web.yaml",
        web.replace("W-1", "W-2").as_bytes(),
    );
    let (n5, t5) = same("a risk id that another register names, changed");
    assert_eq!(n5, n4 + 1, "{t5}");
    site.write("content/registers/web.yaml", web.as_bytes());
    site.write("content/registers/ops.yaml", ops.as_bytes());
    site.write("content/docs/run.md", run.as_bytes());
    assert_eq!(same("back as it was, and the missing page").0, n0 - 1);
}

/// A register written by a tool on one line of about 400 KB: the
/// diagnostic shows about 200 characters of it around the value at fault,
/// the caret under that value, and the column in the file.
#[test]
fn a_very_long_line_is_shown_cut_around_the_column() {
    let risk = |k: usize, p: &str| {
        format!("{{id: R-{k}, title: Risk {k}, probability: {p}, impact: low, owner: ops}}")
    };
    let mut risks: Vec<String> = (0..3000).map(|k| risk(k, "low")).collect();
    risks[2000] = risk(2000, "mdium");
    let line = format!("{{title: Minified, risks: [{}]}}\n", risks.join(", "));
    assert!(line.len() > 200_000, "{}", line.len());
    let site = reg(&line);
    let column = line.find("mdium").unwrap() + 1;
    let d = diags(&site.check_json());
    assert_eq!(
        (d[0].code.as_str(), d[0].line, d[0].column),
        ("unknown-value", Some(1), Some(column))
    );

    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.len() < 2_000,
        "{} bytes:\n{}",
        run.stderr.len(),
        run.stderr
    );
    assert_contains(&run.stderr, &format!("content/registers/r.yaml:1:{column}"));
    let lines: Vec<&str> = run.stderr.lines().collect();
    let shown = lines.iter().position(|l| l.starts_with("1 │")).unwrap();
    let (source, carets) = (lines[shown], lines[shown + 1]);
    assert!(source.contains('…'), "{source}");
    assert!(source.chars().count() < 260, "{source}");
    let at = |l: &str, pat: &str| {
        l.char_indices()
            .position(|(i, _)| l[i..].starts_with(pat))
            .unwrap()
    };
    assert_eq!(
        at(source, "mdium"),
        at(carets, "^^^^^"),
        "\n{source}\n{carets}"
    );
}
