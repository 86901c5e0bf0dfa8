//! Reading history from git with a constant number of processes: one
//! `rev-parse`, one `git log --name-status` over `content/`, and one
//! `git cat-file --batch` for every old version of every register.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One commit that touched `content/`.
#[derive(Debug, Clone)]
pub struct RawCommit {
    pub hash: String,
    pub short: String,
    pub time: i64,
    pub author: String,
    pub subject: String,
    /// (status letter, old path, new path), paths relative to the site root.
    pub files: Vec<(char, String, String)>,
}

/// Why history could not be read, in words for the page.
#[derive(Debug, Clone)]
pub enum Unavailable {
    NoGit,
    NotARepository,
    Failed(String),
}

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unavailable::NoGit => f.write_str("`git` is not installed here"),
            Unavailable::NotARepository => f.write_str("the sources are not in a git work tree"),
            Unavailable::Failed(msg) => write!(f, "git failed ({msg})"),
        }
    }
}

pub struct Repo<'a> {
    root: &'a Path,
    pub shallow: bool,
}

fn git(root: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C").arg(root).args([
        "-c",
        "core.quotePath=false",
        "-c",
        "log.showSignature=false",
    ]);
    c.env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE");
    c
}

impl<'a> Repo<'a> {
    pub fn open(root: &'a Path) -> Result<Repo<'a>, Unavailable> {
        let out = git(root)
            .args([
                "rev-parse",
                "--is-inside-work-tree",
                "--is-shallow-repository",
            ])
            .stderr(Stdio::null())
            .output()
            .map_err(|_| Unavailable::NoGit)?;
        let text = String::from_utf8_lossy(&out.stdout);
        let mut lines = text.lines();
        if !out.status.success() || lines.next() != Some("true") {
            return Err(Unavailable::NotARepository);
        }
        Ok(Repo {
            root,
            shallow: lines.next() == Some("true"),
        })
    }

    /// The repository's own folders: the work tree's git folder (which
    /// holds `HEAD`) and the folder shared by all work trees (`refs/`,
    /// `packed-refs`). The same folder twice outside linked work trees.
    pub fn git_dirs(&self) -> Option<(PathBuf, PathBuf)> {
        let out = git(self.root)
            .args([
                "rev-parse",
                "--path-format=absolute",
                "--git-dir",
                "--git-common-dir",
            ])
            .stderr(Stdio::null())
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stdout);
        let mut lines = text.lines().map(PathBuf::from);
        match (out.status.success(), lines.next(), lines.next()) {
            (true, Some(own), Some(common)) => Some((own, common)),
            _ => None,
        }
    }

    /// The commit checked out, if any.
    pub fn head(&self) -> Option<String> {
        let out = git(self.root)
            .args(["rev-parse", "--verify", "--quiet", "HEAD"])
            .stderr(Stdio::null())
            .output()
            .ok()?;
        let hash = String::from_utf8_lossy(&out.stdout).trim().to_string();
        (out.status.success() && !hash.is_empty()).then_some(hash)
    }

    /// Every commit that touched `content/`, newest first, with renames.
    pub fn log(&self) -> Result<Vec<RawCommit>, Unavailable> {
        let out = git(self.root)
            .args([
                "log",
                "-M",
                "--name-status",
                "--relative",
                "--no-color",
                "--format=%x1e%H%x1f%h%x1f%at%x1f%an%x1f%s",
                "HEAD",
                "--",
                "content",
            ])
            .stderr(Stdio::piped())
            .output()
            .map_err(|e| Unavailable::Failed(e.to_string()))?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            // A repository without commits has no history yet.
            if err.contains("does not have any commits") || err.contains("unknown revision") {
                return Ok(Vec::new());
            }
            return Err(Unavailable::Failed(err.trim().to_string()));
        }
        Ok(parse_log(&String::from_utf8_lossy(&out.stdout)))
    }

    /// The content of `path` at each `commit`, read through one `cat-file --batch`.
    /// `None` where the file does not exist at that commit.
    pub fn read_blobs(
        &self,
        wanted: &[(String, String)],
    ) -> Result<Vec<Option<Vec<u8>>>, Unavailable> {
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let fail = |e: std::io::Error| Unavailable::Failed(format!("git cat-file: {e}"));
        let prefix = self.prefix()?;
        let mut child = git(self.root)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(fail)?;
        let mut stdin = child.stdin.take().expect("piped stdin");
        let input: String = wanted
            .iter()
            .map(|(commit, path)| format!("{commit}:{prefix}{path}\n"))
            .collect();
        // Write from another thread so a full pipe never blocks both sides.
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let mut reader = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut blobs = Vec::with_capacity(wanted.len());
        let mut header = String::new();
        for _ in wanted {
            header.clear();
            reader.read_line(&mut header).map_err(fail)?;
            let parts: Vec<&str> = header.trim_end().split(' ').collect();
            match parts.as_slice() {
                [_, "blob", size] => {
                    let size: usize = size.parse().unwrap_or(0);
                    let mut buf = vec![0; size + 1]; // content and its trailing newline
                    reader.read_exact(&mut buf).map_err(fail)?;
                    buf.pop();
                    blobs.push(Some(buf));
                }
                [_, _kind, size] => {
                    let size: usize = size.parse().unwrap_or(0);
                    let mut buf = vec![0; size + 1];
                    reader.read_exact(&mut buf).map_err(fail)?;
                    blobs.push(None);
                }
                _ => blobs.push(None), // "<object> missing"
            }
        }
        let _ = writer.join();
        let _ = child.wait();
        Ok(blobs)
    }

    /// Resolves a revision to its commit hash; `None` when git does not know it.
    pub fn resolve(&self, rev: &str) -> Option<String> {
        if rev.starts_with('-') {
            return None; // never let a revision be read as an option
        }
        let out = git(self.root)
            .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
            .arg(format!("{rev}^{{commit}}"))
            .output()
            .ok()?;
        let hash = String::from_utf8_lossy(&out.stdout).trim().to_string();
        (out.status.success() && !hash.is_empty()).then_some(hash)
    }

    /// The files under `content/` at `commit`, relative to the site root.
    pub fn content_files(&self, commit: &str) -> Result<Vec<String>, Unavailable> {
        let out = git(self.root)
            .args([
                "ls-tree",
                "-r",
                "-z",
                "--name-only",
                "--full-tree",
                commit,
                "--",
            ])
            .output()
            .map_err(|e| Unavailable::Failed(e.to_string()))?;
        if !out.status.success() {
            return Err(Unavailable::Failed(
                String::from_utf8_lossy(&out.stderr).trim().to_string(),
            ));
        }
        let prefix = self.prefix()?;
        let content = format!("{prefix}content/");
        Ok(out
            .stdout
            .split(|b| *b == 0)
            .filter_map(|p| std::str::from_utf8(p).ok())
            .filter_map(|p| {
                p.strip_prefix(&content)
                    .map(|rest| format!("content/{rest}"))
            })
            .collect())
    }

    /// The site root's path inside the repository (`docs/risks/`), for `commit:path`.
    fn prefix(&self) -> Result<String, Unavailable> {
        let out = git(self.root)
            .args(["rev-parse", "--show-prefix"])
            .output()
            .map_err(|e| Unavailable::Failed(e.to_string()))?;
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    }
}

pub fn parse_log(text: &str) -> Vec<RawCommit> {
    let mut commits = Vec::new();
    for record in text.split('\u{1e}').filter(|r| !r.trim().is_empty()) {
        let mut lines = record.lines();
        let head = lines.next().unwrap_or("");
        let f: Vec<&str> = head.split('\u{1f}').collect();
        if f.len() < 5 {
            continue;
        }
        let mut files = Vec::new();
        for line in lines.filter(|l| !l.is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            let status = cols[0].chars().next().unwrap_or('M');
            match (status, cols.as_slice()) {
                ('R' | 'C', [_, old, new]) => {
                    files.push((status, old.to_string(), new.to_string()))
                }
                (_, [_, path]) => files.push((status, path.to_string(), path.to_string())),
                _ => {}
            }
        }
        commits.push(RawCommit {
            hash: f[0].to_string(),
            short: f[1].to_string(),
            time: f[2].parse().unwrap_or(0),
            author: f[3].to_string(),
            subject: f[4..].join("\u{1f}"),
            files,
        });
    }
    commits
}

/// For each current path, the commits (newest first) that changed it, with
/// the path it had at each of them (following renames).
pub fn file_histories(
    commits: &[RawCommit],
    current: &[String],
) -> HashMap<String, Vec<(usize, String)>> {
    let mut out: HashMap<String, Vec<(usize, String)>> = HashMap::new();
    // path at this point in history -> current path
    let mut by_old: HashMap<String, String> =
        current.iter().map(|p| (p.clone(), p.clone())).collect();
    for (ci, c) in commits.iter().enumerate() {
        let mut renames = Vec::new();
        for (status, old, new) in &c.files {
            if let Some(cur) = by_old.get(new).cloned() {
                if *status != 'D' {
                    out.entry(cur.clone()).or_default().push((ci, new.clone()));
                }
                if *status == 'R' && old != new {
                    renames.push((new.clone(), old.clone(), cur));
                }
                if *status == 'A' {
                    // Created here: older commits with this path are another file.
                    renames.push((new.clone(), String::new(), String::new()));
                }
            }
        }
        for (new, old, cur) in renames {
            by_old.remove(&new);
            if !old.is_empty() {
                by_old.insert(old, cur);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_log_records_with_renames() {
        let text = "\u{1e}aaa\u{1f}a\u{1f}100\u{1f}Ann\u{1f}Rename\n\nR095\tcontent/registers/old.yaml\tcontent/registers/new.yaml\n\u{1e}bbb\u{1f}b\u{1f}50\u{1f}Bob\u{1f}Add\n\nA\tcontent/registers/old.yaml\nM\tcontent/docs/p.md\n";
        let c = parse_log(text);
        assert_eq!(c.len(), 2);
        assert_eq!(
            c[0].files,
            [(
                'R',
                "content/registers/old.yaml".into(),
                "content/registers/new.yaml".into()
            )]
        );
        let h = file_histories(&c, &["content/registers/new.yaml".into()]);
        assert_eq!(
            h["content/registers/new.yaml"],
            [
                (0, "content/registers/new.yaml".to_string()),
                (1, "content/registers/old.yaml".to_string())
            ]
        );
    }
}
