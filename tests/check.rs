//! `check` renders no page through the templates (it checks the links of
//! every Markdown text directly), yet reports exactly what `build` reports.

mod common;
use common::*;
use std::path::Path;

fn diagnostics_of_check_and_build(root: &Path) -> (Vec<String>, Vec<String>) {
    let opts = options(root, false);
    let show = |d: &Vec<riskbook::diagnostics::Diagnostic>| -> Vec<String> {
        d.iter().map(|d| format!("{d:?}")).collect()
    };
    let checked = riskbook::check(&opts).unwrap();
    let (built, _) = riskbook::render_site(&opts, None).unwrap();
    (show(&checked.diagnostics), show(&built.diagnostics))
}

const BROKEN: &str =
    "[gone](../docs/nope.md) ![](../docs/pic.png) <a href='../docs/run.md#nowhere'>x</a>";

#[test]
fn every_markdown_text_is_checked_as_build_checks_it() {
    let risk = format!(
        "    description: \"d {BROKEN}\"\n    mitigation:\n      - \"m {BROKEN}\"\n      - {{ action: \"a {BROKEN}\", done: true }}\n    contingency: \"c {BROKEN}\"\n    trigger: \"t {BROKEN}\"\n    signals: [\"s {BROKEN}\"]\n    acceptance: {{ by: cto, rationale: \"r {BROKEN}\" }}\n    sections:\n      Notes: \"n {BROKEN}\"\n"
    );
    let reg = register(&risk).replace(
        "risks:\n",
        &format!(
            "summary: \"sum {BROKEN}\"\nsections:\n  - {{ title: More, body: \"b {BROKEN}\" }}\nactions:\n  - \"act {BROKEN}\"\nrevisions:\n  - {{ version: '1', changes: \"rev {BROKEN}\" }}\nrisks:\n"
        ),
    );
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", &reg),
        ("content/docs/pic.png", "PNG"),
        (
            "content/docs/run.md",
            "# Run\n\n## Steps\n\n[a](#step) [b](other.md) ![](pic.png) <a href=\"run.md#nope\">c</a>\n",
        ),
    ]);
    let (check, build) = diagnostics_of_check_and_build(site.root());
    assert_eq!(check, build);
    // 12 texts in the register, 3 faults each; 4 in the page.
    let broken = |code: &str| check.iter().filter(|d| d.contains(code)).count();
    assert_eq!(
        broken("MissingPage") + broken("MissingAnchor"),
        12 * 2 + 3,
        "{check:#?}"
    );
    assert_eq!(broken("NoAlt"), 12 + 1, "{check:#?}");
}

#[test]
fn the_example_and_the_unseen_fixture_check_as_they_build() {
    for root in [
        Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unseen"),
    ] {
        let (check, build) = diagnostics_of_check_and_build(&root);
        assert!(!check.is_empty(), "the sites have findings to compare");
        assert_eq!(check, build, "{}", root.display());
    }
}

#[test]
fn user_templates_are_rendered_by_check_to_find_their_errors() {
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", &register("")),
        ("templates/risk.html", "{{ no_such_variable.field }}"),
    ]);
    let run = site.run(&["check", "--no-git"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(&run.stderr, "rendering registers/ops/R-1.html failed");
}
