//! `docs/` (the guide, design notes, tests and performance pages that the
//! README links to) is a riskbook site of its own: it checks clean, links
//! and anchors included, and builds.

mod common;
use common::*;
use std::path::Path;

#[test]
fn the_developer_docs_check_clean_and_build() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let root = root.to_str().unwrap();
    let check = riskbook(&["check", "--root", root, "--strict", "--no-git"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let build = riskbook(&[
        "build",
        "--root",
        root,
        "--out",
        out.to_str().unwrap(),
        "--no-git",
    ]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    for page in ["guide", "design", "testing", "performance"] {
        let html = std::fs::read_to_string(out.join(format!("{page}.html"))).unwrap();
        assert!(html.contains("<h1"), "{page}");
    }
    assert_links_resolve(&out);
}

/// Every relative link of the README and of the docs' pages names a file
/// of the repository (the README is read on GitHub, not built).
#[test]
fn the_readme_links_to_files_that_exist() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(repo.join("README.md")).unwrap();
    let mut links = 0;
    for part in readme.split("](").skip(1) {
        let target = part.split(')').next().unwrap();
        if target.starts_with("http") || target.starts_with('#') {
            continue;
        }
        links += 1;
        let path = target.split('#').next().unwrap();
        assert!(
            repo.join(path).exists(),
            "README links to {target}, which is missing"
        );
    }
    assert!(links >= 5, "{links} links");
    assert!(
        readme.lines().count() <= 250,
        "the README is over 250 lines"
    );
}
