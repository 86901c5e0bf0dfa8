//! The built-in risk row is written without Tera (`render::row_html`)
//! while the site keeps the built-in `components.html`. It must be, byte
//! for byte, what the `rb.risk_row` component renders: for every row of the
//! example site, of the unseen fixture and of a site of awkward rows, at
//! each depth a page can have, with and without the register column.

mod common;
use common::assert_built_ins_as_own_build_the_same;
use riskbook::render::{Env, row_html, templates};
use std::path::Path;

fn assert_rows_equal_the_component(root: &Path) -> usize {
    let opts = riskbook::Options {
        root: root.to_path_buf(),
        today: riskbook::model::Date::parse("2026-02-20").unwrap(),
        base_url: None,
        git: false,
    };
    let checked = riskbook::check(&opts).unwrap();
    assert_eq!(checked.errors(), 0, "{} is a valid site", root.display());
    let tpl = templates::load(root).unwrap();
    assert!(tpl.is_builtin("components.html"));
    let env = Env::new(&checked.site, &checked.sources, &tpl, None);
    let mut compared = 0;
    for (i, row) in env.all_rows().enumerate() {
        for page_root in ["", "../", "../../"] {
            for register in [false, true] {
                let mut ctx = tera::Context::new();
                ctx.insert_value("r", env.row_value(i));
                ctx.insert("root", page_root);
                ctx.insert("register", &register);
                let by_tera = tpl
                    .tera
                    .render_component("rb.risk_row", &ctx, None, true)
                    .unwrap();
                assert_eq!(
                    row_html::risk_row(row, page_root, register),
                    by_tera,
                    "row {} at {page_root:?}, register column {register}",
                    row.id
                );
                compared += 1;
            }
        }
    }
    compared
}

#[test]
fn the_example_sites_rows_are_the_components() {
    let n = assert_rows_equal_the_component(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(n > 100, "{n} rows compared");
}

#[test]
fn the_unseen_sites_rows_are_the_components() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unseen");
    let n = assert_rows_equal_the_component(&root);
    assert!(n > 10, "{n} rows compared");
}

/// Markup in every text, notes, ranges, unrated and closed risks, no
/// owner and several, the watchlist, an overdue review.
const AWKWARD: &str = r#"title: Rows <with> "markup" & 'quotes'
risks:
  - id: A-1
    title: <script>alert("x")</script> & 'more'
    status: open
    probability: High (seen <twice> & "more")
    impact: Low/Medium
    owner: [R&D <platform>, "O'Brien \"ops\""]
    watchlist: true
    reviewed: 2025-01-01
  - id: A_2
    title: Not rated yet
    status: open
    probability: unrated
    impact: unrated
  - id: a.3
    title: Closed, no owner
    status: closed
    probability: low
    impact: high ()
    watchlist: true
  - id: A-4
    title: "Ünïcödé 🔴 title"
    status: mitigated
    probability: Medium/High (a range, noted)
    impact: medium
    owner: Ünïcödé Team
    category: Data & <privacy>
    tags: [a&b, "<c>"]
"#;

#[test]
fn awkward_rows_are_the_components() {
    let tmp = tempfile::tempdir().unwrap();
    let registers = tmp.path().join("content/registers");
    std::fs::create_dir_all(&registers).unwrap();
    std::fs::write(registers.join("awkward.yaml"), AWKWARD).unwrap();
    let n = assert_rows_equal_the_component(tmp.path());
    assert_eq!(n, 4 * 3 * 2);
}

/// With every built-in template copied into `templates/`, Tera renders
/// every row (and the printed documents render each body again): the site
/// must come out byte for byte as it does from the built-ins themselves.
#[test]
fn the_built_ins_as_templates_of_your_own_build_the_same_site() {
    for site in ["content", "tests/fixtures/unseen/content"] {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join(site);
        let n = assert_built_ins_as_own_build_the_same(&content, None);
        assert!(n > 20, "{site}: {n} files");
    }
}
