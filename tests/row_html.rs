//! The built-in risk row is written without Tera (`render::row_html`)
//! while the site keeps the built-in `components.html`. It must be, byte
//! for byte, what the `rb.risk_row` component renders: for every row of the
//! example site, of the unseen fixture and of a site of awkward rows, at
//! each depth a page can have, with and without the register column.

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

/// Copies `from` (a folder) to `to`.
fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Every file `build` writes for the site at `root`, by path.
fn built(root: &Path, out: &Path) -> Vec<(String, Vec<u8>)> {
    let opts = riskbook::Options {
        root: root.to_path_buf(),
        today: riskbook::model::Date::parse("2026-02-20").unwrap(),
        base_url: None,
        git: false,
    };
    let (_, summary) = riskbook::build(&opts, out, false).unwrap();
    assert!(summary.is_some(), "{} builds", root.display());
    let mut files: Vec<_> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e.path().strip_prefix(out).unwrap().display().to_string();
            (path, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// With every built-in template copied into `templates/`, Tera renders
/// every row (and the printed documents render each body again): the site
/// must come out byte for byte as it does from the built-ins themselves.
#[test]
fn the_built_ins_as_templates_of_your_own_build_the_same_site() {
    for site in ["content", "tests/fixtures/unseen/content"] {
        let tmp = tempfile::tempdir().unwrap();
        let (plain, own) = (tmp.path().join("plain"), tmp.path().join("own"));
        for root in [&plain, &own] {
            copy_tree(
                &Path::new(env!("CARGO_MANIFEST_DIR")).join(site),
                &root.join("content"),
            );
        }
        std::fs::create_dir_all(own.join("templates")).unwrap();
        for (name, text) in templates::BUILTIN {
            std::fs::write(own.join("templates").join(name), text).unwrap();
        }
        let expected = built(&plain, &tmp.path().join("out-plain"));
        let got = built(&own, &tmp.path().join("out-own"));
        assert!(expected.len() > 20, "{site}: {} files", expected.len());
        let paths = |f: &[(String, Vec<u8>)]| f.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&got), paths(&expected), "{site}");
        for ((path, a), (_, b)) in got.iter().zip(&expected) {
            assert!(
                a == b,
                "{site}: {path} differs with the built-ins as the site's own"
            );
        }
    }
}
