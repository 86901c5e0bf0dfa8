//! A register's own faults: YAML syntax, keys, types, ids, scale values, dates, grids, required text.

use super::*;

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
fn a_grid_beside_another_scoring_is_an_error_not_ignored() {
    assert_diags(
        &reg(
            "title: T\nscoring: sum\ngrid:\n  - [low, medium, high, critical]\n  - [low, low, medium, high]\n  - [low, low, low, medium]\n",
        ),
        &[(
            "invalid-config",
            "a `grid:` beside `scoring: sum` would not be used",
            3,
            1,
            Some("write `scoring: grid` to rate by the grid, or remove `grid:`"),
        )],
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
    assert_contains(source, "…");
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

#[test]
fn an_empty_list_of_the_framework_is_an_error_at_its_key() {
    for (yaml, error) in [
        (
            "levels: []\n",
            "content/site.yaml:1:9 invalid-config: `levels` needs at least one level",
        ),
        (
            "statuses: []\n",
            "content/site.yaml:1:11 invalid-config: `statuses` needs at least one status",
        ),
        (
            "scales:\n  probability: []\n",
            "content/site.yaml:2:16 invalid-config: a scale needs at least one entry",
        ),
    ] {
        let errors: Vec<String> = site_yaml_errors(yaml).iter().map(Diag::to_string).collect();
        assert_eq!(errors, [error], "{yaml}");
    }
}

#[test]
fn an_id_written_twice_in_a_framework_list_is_an_error_at_the_repeat() {
    // Ids match without regard to case, so `Low` repeats `low`.
    for (yaml, what, error) in [
        (
            "levels: [{ id: low, min: 1 }, { id: Low, min: 4 }]\n",
            "level",
            "content/site.yaml:1:37 invalid-config: level `Low` is listed twice",
        ),
        (
            "statuses: [{ id: open }, { id: OPEN, active: false }]\n",
            "status",
            "content/site.yaml:1:32 invalid-config: status `OPEN` is listed twice",
        ),
        (
            "scales:\n  impact: [{ id: low }, { id: high }, { id: High }]\n",
            "scale entry",
            "content/site.yaml:2:45 invalid-config: scale entry `High` is listed twice",
        ),
    ] {
        let errors = site_yaml_errors(yaml);
        assert_eq!(errors.len(), 1, "{yaml}: {errors:?}");
        assert_eq!(errors[0].to_string(), error);
        assert_eq!(
            errors[0].help.as_deref(),
            Some(
                format!("ids match without regard to case; give each {what} an id of its own")
                    .as_str()
            )
        );
    }
}

/// The errors of `check` on a site whose `site.yaml` is `yaml`, beside a
/// valid register; the check must fail.
fn site_yaml_errors(yaml: &str) -> Vec<Diag> {
    let site = Fixture::new(&[
        ("content/site.yaml", yaml),
        ("content/registers/r.yaml", &register("")),
    ]);
    let run = site.check_json();
    assert_eq!(run.code, 1, "{yaml}: {}", run.stdout);
    diags(&run)
        .into_iter()
        .filter(|d| d.severity == "error")
        .collect()
}
