//! Heading ids against the reference: npm `github-slugger` 2.0.0.
//!
//! `tests/slug_oracle/cases.json` holds the headings (one array per page).
//! When node and the package are installed (`npm ci --prefix
//! tests/slug_oracle`, as `.ci/run` does) the oracle runs live; otherwise
//! the test compares with `expected.json`, which is the oracle's output for
//! the same cases (regenerate: `node oracle.mjs < cases.json > expected.json`).
//! With `RISKBOOK_SLUG_ORACLE=require` a missing oracle is a failure.

use riskbook::markdown::slug::Slugger;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn oracle(dir: &Path, cases: &str) -> Option<Vec<Vec<String>>> {
    if !dir
        .join("node_modules/github-slugger/package.json")
        .is_file()
    {
        return None;
    }
    let mut child = Command::new("node")
        .arg("oracle.mjs")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(cases.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    assert!(out.status.success(), "the oracle failed");
    Some(serde_json::from_slice(&out.stdout).expect("oracle output"))
}

#[test]
fn heading_ids_match_github_slugger() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/slug_oracle");
    let cases_text = std::fs::read_to_string(dir.join("cases.json")).unwrap();
    let cases: Vec<Vec<String>> = serde_json::from_str(&cases_text).unwrap();
    let recorded: Vec<Vec<String>> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let expected = match oracle(&dir, &cases_text) {
        Some(live) => {
            assert_eq!(
                live, recorded,
                "expected.json is stale: regenerate it with the oracle"
            );
            live
        }
        None => {
            assert!(
                std::env::var("RISKBOOK_SLUG_ORACLE").as_deref() != Ok("require"),
                "the github-slugger oracle is required but not installed"
            );
            recorded
        }
    };
    assert_eq!(cases.len(), expected.len(), "one result per page");
    let total: usize = cases.iter().map(Vec::len).sum();
    assert!(total >= 100, "at least 100 headings ({total})");
    let mut mismatches = Vec::new();
    for (page, want) in cases.iter().zip(&expected) {
        let mut slugger = Slugger::default();
        for (heading, want) in page.iter().zip(want) {
            let got = slugger.slug(heading);
            if riskbook::markdown::slug::slug(heading).is_empty() {
                // github-slugger gives "" (an invalid HTML id); riskbook
                // gives `section`, `section-1`, ... (see the reference).
                assert!(got.starts_with("section"), "{heading:?}: {got:?}");
                continue;
            }
            if &got != want {
                mismatches.push(format!(
                    "{heading:?}: got {got:?}, github-slugger gives {want:?}"
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {total} differ:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
