//! The commit riskbook is built from, for `riskbook --version`: the
//! `RISKBOOK_COMMIT` variable when set (release and container builds set
//! it), else `git rev-parse` of the checkout, else "unknown" (a build from
//! a crate archive).

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}

fn main() {
    println!("cargo:rerun-if-env-changed=RISKBOOK_COMMIT");
    let given = std::env::var("RISKBOOK_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty());
    let commit = given.or_else(|| {
        // Only a checkout of riskbook itself: not a parent repository that
        // holds an unpacked crate.
        let top = git(&["rev-parse", "--show-toplevel"])?;
        let here = std::env::var("CARGO_MANIFEST_DIR").ok()?;
        if std::fs::canonicalize(top).ok()? != std::fs::canonicalize(here).ok()? {
            return None;
        }
        // Built again when HEAD moves: a commit, a checkout.
        // Only files that exist: cargo reruns for a missing one every time.
        if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
            let head = git(&["symbolic-ref", "-q", "HEAD"]);
            for file in ["HEAD", "packed-refs"].into_iter().chain(head.as_deref()) {
                let path = std::path::Path::new(&dir).join(file);
                if path.exists() {
                    println!("cargo:rerun-if-changed={}", path.display());
                }
            }
        }
        git(&["rev-parse", "--short=12", "HEAD"])
    });
    let commit = commit.unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=RISKBOOK_COMMIT={commit}");
}
