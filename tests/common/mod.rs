//! Shared helpers: fixture sites in temporary folders and the real binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Fixture {
    /// A site with the given files (paths relative to the site root).
    pub fn new(files: &[(&str, &str)]) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        let f = Fixture { dir };
        for (path, text) in files {
            f.write(path, text.as_bytes());
        }
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, path: &str, bytes: &[u8]) {
        let p = self.dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn read_out(&self, path: &str) -> String {
        std::fs::read_to_string(self.out().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Runs `riskbook <args> --root <fixture>` with a fixed build date.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        let root = self.root().to_str().unwrap().to_string();
        all.push("--root");
        all.push(&root);
        riskbook(&all)
    }

    /// `build` with a fixed date into `out`, plus `extra` arguments.
    pub fn build_into(&self, out: &Path, extra: &[&str]) -> Run {
        let mut args = vec![
            "build",
            "--today",
            "2026-03-01",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    pub fn check_json(&self) -> Run {
        self.run(&["check", "--format", "json", "--today", "2026-03-01"])
    }

    pub fn build(&self) -> Run {
        self.run(&["build", "--today", "2026-03-01"])
    }

    /// `build`, which must succeed: a failure shows what it printed.
    pub fn build_ok(&self) -> Run {
        let run = self.build();
        assert_eq!(run.code, 0, "{}", run.stderr);
        run
    }
}

pub fn riskbook(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_riskbook"))
        .args(args)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run riskbook");
    Run::from(out)
}

impl From<std::process::Output> for Run {
    /// A finished process: its exit code (-1 when killed) and its output as text.
    fn from(out: std::process::Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Builds the example site of this repository (content/) into `out`.
pub fn build_example(out: &Path) -> Run {
    riskbook(&[
        "build",
        "--root",
        env!("CARGO_MANIFEST_DIR"),
        "--out",
        out.to_str().unwrap(),
        "--today",
        "2026-02-20",
    ])
}

/// Builds the fixture site `tests/fixtures/<name>` into `out`.
pub fn build_fixture(name: &str, out: &Path) -> Run {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    riskbook(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        "2026-02-20",
        "--no-git",
    ])
}

/// The sites every outside checker runs on: the example, and a site in
/// shapes nobody on the project wrote for the example.
pub fn build_checked_sites(dir: &Path) -> Vec<PathBuf> {
    let example = dir.join("example");
    let run = build_example(&example);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let unseen = dir.join("unseen");
    let run = build_fixture("unseen", &unseen);
    assert_eq!(run.code, 0, "{}", run.stderr);
    vec![example, unseen]
}

/// Whether a test that needs an outside tool may run. Without the tool it is
/// skipped with a message, unless `require_var` is set to `require` (CI).
pub fn tool_ready(available: bool, require_var: &str, install: &str) -> bool {
    if !available {
        assert!(
            std::env::var(require_var).as_deref() != Ok("require"),
            "{install}: required ({require_var}=require) but not installed"
        );
        eprintln!("skipped: {install}");
    }
    available
}

/// One diagnostic of `check --format json`.
#[derive(Debug, serde::Deserialize, PartialEq)]
pub struct Diag {
    pub severity: String,
    pub code: String,
    pub message: String,
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub help: Option<String>,
}

pub fn diags(run: &Run) -> Vec<Diag> {
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect()
}

impl std::fmt::Display for Diag {
    /// `file:line:column code: message`: where a user would jump, and what
    /// they would read there.
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        write!(f, " {}: {}", self.code, self.message)
    }
}

/// Each diagnostic of `check --format json` as one line (`Diag`'s
/// Display), in output order; `errors_only` leaves out the warnings.
pub fn located(run: &Run, errors_only: bool) -> Vec<String> {
    diags(run)
        .into_iter()
        .filter(|d| !errors_only || d.severity == "error")
        .map(|d| d.to_string())
        .collect()
}

/// The risk `id` of a register's YAML (an import's output).
pub fn risk_of<'a>(reg: &'a serde_yaml::Value, id: &str) -> &'a serde_yaml::Value {
    reg["risks"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no risk {id}"))
}

/// A minimal valid register with one risk; `extra` is appended to the risk.
pub fn register(risk_extra: &str) -> String {
    format!(
        "title: Test register\nrisks:\n  - id: R-1\n    title: First risk\n    probability: medium\n    impact: high\n    owner: ops\n{risk_extra}"
    )
}

/// Every internal link (`href`/`src`) of an HTML page, resolved against its path.
pub fn internal_links(page_path: &str, html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            let url = &rest[..end];
            if url.is_empty()
                || url.starts_with("http:")
                || url.starts_with("https:")
                || url.starts_with("mailto:")
            {
                continue;
            }
            out.push(resolve(page_path, url));
        }
    }
    out
}

fn resolve(page_path: &str, url: &str) -> String {
    let (path, frag) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    };
    let resolved = if path.is_empty() {
        page_path.to_string()
    } else {
        let mut parts: Vec<&str> = page_path.split('/').collect();
        parts.pop();
        for seg in path.split('/') {
            match seg {
                ".." => {
                    parts.pop();
                }
                "." | "" => {}
                s => parts.push(s),
            }
        }
        parts.join("/")
    };
    match frag {
        Some(f) => format!("{resolved}#{f}"),
        None => resolved,
    }
}

/// Fails on any internal link of the site in `out` whose file or `#anchor` is missing.
pub fn assert_links_resolve(out: &Path) {
    let mut pages = Vec::new();
    for e in walkdir::WalkDir::new(out) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel.ends_with(".html") || rel.ends_with(".svg") {
                pages.push(rel);
            }
        }
    }
    assert!(!pages.is_empty(), "no pages in {}", out.display());
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in &pages {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        for link in internal_links(page, &html) {
            checked += 1;
            let (file, frag) = match link.split_once('#') {
                Some((f, a)) => (f.to_string(), Some(a.to_string())),
                None => (link.clone(), None),
            };
            let file = file.replace("%20", " ");
            let path = out.join(&file);
            if !path.is_file() {
                broken.push(format!("{page}: {link} (no file)"));
                continue;
            }
            if let Some(a) = frag.filter(|a| !a.is_empty()) {
                let target = std::fs::read_to_string(&path).unwrap_or_default();
                if !target.contains(&format!("id=\"{a}\"")) {
                    broken.push(format!("{page}: {link} (no #{a})"));
                }
            }
        }
    }
    assert!(checked > 0);
    assert!(
        broken.is_empty(),
        "broken internal links:\n{}",
        broken.join("\n")
    );
}

/// Runs git in `dir` with a fixed author, committer and date, and no user config.
pub fn git_at(dir: &Path, args: &[&str], date: &str) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ana Risk")
        .env("GIT_AUTHOR_EMAIL", "ana@example.com")
        .env("GIT_COMMITTER_NAME", "Ana Risk")
        .env("GIT_COMMITTER_EMAIL", "ana@example.com")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Commits everything in the fixture's repository as of `date`.
pub fn commit(site: &Fixture, msg: &str, date: &str) {
    git_at(site.root(), &["add", "-A"], date);
    git_at(site.root(), &["commit", "-q", "-m", msg], date);
}

/// Runs `node tests/browser/<script> ARGS…`; `None` when the
/// browser or the npm packages are missing (and not required).
pub fn node(script: &str, args: &[&std::ffi::OsStr]) -> Option<(bool, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let available = dir.join("node_modules/playwright-core").is_dir()
        && dir.join("node_modules/axe-core").is_dir()
        && Path::new(&chromium).exists();
    if !tool_ready(
        available,
        "RISKBOOK_BROWSER",
        "install chromium and run `npm ci --prefix tests/browser`",
    ) {
        return None;
    }
    let run = Command::new("node")
        .arg(script)
        .args(args)
        .current_dir(&dir)
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    Some((run.status.success(), out))
}

/// A fixture holding a copy of the example site's sources.
pub fn example_copy() -> Fixture {
    let site = Fixture::new(&[]);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for e in walkdir::WalkDir::new(&example) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(&example).unwrap();
            let to = format!("content/{}", rel.to_string_lossy());
            site.write(&to, &std::fs::read(e.path()).unwrap());
        }
    }
    site
}

/// Library options for the site at `root`, on 2026-03-01.
pub fn options(root: &Path, git: bool) -> riskbook::Options {
    riskbook::Options {
        root: root.to_path_buf(),
        today: riskbook::model::Date::parse("2026-03-01").unwrap(),
        base_url: None,
        git,
    }
}

/// Copies `from` (a folder) to `to`.
pub fn copy_tree(from: &Path, to: &Path) {
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

/// Every file `build` writes for the site at `root` (on 2026-02-20,
/// without git), by path.
pub fn built_files(root: &Path, out: &Path, base_url: Option<&str>) -> Vec<(String, Vec<u8>)> {
    built_files_with(root, out, base_url, false)
}

/// `built_files`, with the site's git history read when `git`.
pub fn built_files_with(
    root: &Path,
    out: &Path,
    base_url: Option<&str>,
    git: bool,
) -> Vec<(String, Vec<u8>)> {
    let opts = riskbook::Options {
        root: root.to_path_buf(),
        today: riskbook::model::Date::parse("2026-02-20").unwrap(),
        base_url: base_url.map(str::to_string),
        git,
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

/// Builds the site of `content` twice: as it is, and with every built-in
/// template copied into `templates/`, as `init --templates` writes them.
/// The two must be byte for byte equal. Returns how many files were compared.
pub fn assert_built_ins_as_own_build_the_same(content: &Path, base_url: Option<&str>) -> usize {
    let tmp = tempfile::tempdir().unwrap();
    let (plain, own) = (tmp.path().join("plain"), tmp.path().join("own"));
    for root in [&plain, &own] {
        copy_tree(content, &root.join("content"));
    }
    built_ins_as_own(tmp.path(), content, base_url, false)
}

/// `assert_built_ins_as_own_build_the_same` for the whole site at `root`,
/// built with its git history (suspect runbook sections, recent changes).
pub fn assert_built_ins_as_own_build_the_same_with_git(root: &Path) -> usize {
    let tmp = tempfile::tempdir().unwrap();
    for copy in ["plain", "own"] {
        copy_tree(root, &tmp.path().join(copy));
    }
    built_ins_as_own(tmp.path(), root, None, true)
}

/// Builds `tmp/plain` as it is and `tmp/own` with the built-ins copied in
/// as its own templates, and compares every file.
fn built_ins_as_own(tmp: &Path, site: &Path, base_url: Option<&str>, git: bool) -> usize {
    let (plain, own) = (tmp.join("plain"), tmp.join("own"));
    std::fs::create_dir_all(own.join("templates")).unwrap();
    for (name, text) in riskbook::render::templates::BUILTIN {
        std::fs::write(own.join("templates").join(name), text).unwrap();
    }
    let expected = built_files_with(&plain, &tmp.join("out-plain"), base_url, git);
    let got = built_files_with(&own, &tmp.join("out-own"), base_url, git);
    let site = site.display();
    let paths = |f: &[(String, Vec<u8>)]| f.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&got), paths(&expected), "{site}");
    for ((path, a), (_, b)) in got.iter().zip(&expected) {
        assert!(
            a == b,
            "{site}: {path} differs with the built-ins as the site's own"
        );
    }
    expected.len()
}

/// Asserts that `text` holds `needle`, showing `text` when not.
#[track_caller]
pub fn assert_contains(text: &str, needle: &str) {
    assert!(text.contains(needle), "{needle:?} is not in:\n{text}");
}

/// Asserts that `text` does not hold `needle`, showing `text` when it does.
#[track_caller]
pub fn assert_lacks(text: &str, needle: &str) {
    assert!(!text.contains(needle), "{needle:?} is in:\n{text}");
}

/// The fixture site `name` (`tests/fixtures/<name>`, or `"example"` for
/// the example site) built into a new temporary folder, which lives as long
/// as the returned `TempDir`; fails the test unless the build succeeds.
/// Returns the folder, the output folder and the run.
pub fn built(name: &str) -> (tempfile::TempDir, PathBuf, Run) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let run = match name {
        "example" => build_example(&out),
        _ => build_fixture(name, &out),
    };
    assert_eq!(run.code, 0, "{}", run.stderr);
    (tmp, out, run)
}

/// A site of `files` in a new git repository (branch `main`) whose first
/// commit, `msg` as of `date`, holds them all.
pub fn git_site(files: &[(&str, &str)], msg: &str, date: &str) -> Fixture {
    let site = Fixture::new(files);
    git_at(site.root(), &["init", "-q", "-b", "main"], date);
    commit(&site, msg, date);
    site
}
