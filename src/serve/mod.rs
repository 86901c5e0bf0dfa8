//! `riskbook serve`: checks the sources, serves on loopback, checks again
//! when a source changes and pushes the reload to the browser
//! (`events.rs`). Pages are rendered when they are first asked for and in
//! the background (`live.rs`), byte for byte as `build` writes them: the
//! reload hook is part of the built-in script, active only on loopback. A failed build shows its
//! diagnostics in the page; the server keeps running and serves the fixed
//! site as soon as the sources build again. Nothing is written to disk.

mod events;
mod http;
mod live;

use crate::diagnostics::{Format, Reporter};
use crate::model::Date;
use crate::{Options, UsageError};
use live::{Live, Lookup, Msg, Prepared};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// The failure page is the server's own: it carries the reload hook itself.
const RELOAD_SCRIPT: &str = r#"<script>new EventSource("/__riskbook/events").addEventListener("version",function(e){if(window.rbSeen&&window.rbSeen!==e.data){location.reload()}window.rbSeen=e.data});</script>"#;

/// Checks the sources as `check` does: a site with templates of its own
/// is rendered in full, since only rendering finds their runtime errors.
fn prepare(root: &Path, today: Date, cache: &crate::Caches) -> Prepared {
    let opts = Options {
        root: root.to_path_buf(),
        today,
        base_url: None,
        git: true,
    };
    let user_templates = root.join("templates").is_dir();
    let result = if user_templates {
        crate::render_site(&opts, None).map(|(c, r)| (c, Some(r)))
    } else {
        crate::check_cached(&opts, Some(cache)).map(|c| (c, None))
    };
    match result {
        Err(e) => Prepared::Failed(format!("error: {e}")),
        Ok((checked, rendered)) => {
            let report =
                Reporter::new(&checked.sources, Format::Human).condensed(&checked.diagnostics);
            if checked.failed(false) {
                return Prepared::Failed(report);
            }
            if !report.is_empty() {
                eprint!("{report}");
            }
            match rendered {
                Some(r) => Prepared::Rendered(r),
                None => Prepared::Model {
                    site: Box::new(checked.site),
                    sources: checked.sources,
                    root: root.to_path_buf(),
                },
            }
        }
    }
}

fn rebuild(live: &Live, root: &Path, today: Date, cache: &crate::Caches) {
    let started = std::time::Instant::now();
    live.mark_stale();
    let prepared = prepare(root, today, cache);
    match &prepared {
        Prepared::Failed(report) => eprintln!("build failed; the page shows why:\n{report}"),
        _ => eprintln!("rebuilt in {} ms", started.elapsed().as_millis()),
    }
    live.send(Msg::Site(Box::new(prepared)));
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn failure_page(report: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed · riskbook</title>\
         <style>body{{font:15px system-ui,sans-serif;margin:2rem}}pre{{background:#fff8c5;padding:1rem;overflow:auto;border-radius:6px}}</style></head>\
         <body><h1>The build failed</h1><p>Fix the sources; this page reloads when they build again.</p><pre>{}</pre>{RELOAD_SCRIPT}</body></html>",
        crate::render::charts::xml_escape(report)
    )
}

/// Reads one request from `stream` and answers it.
fn answer(
    mut stream: std::net::TcpStream,
    live: &Live,
    root: &Path,
    versions: &events::Versions,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(http::READ_TIMEOUT))?;
    let request = match http::read_request(&mut stream)? {
        Ok(Some(r)) => r,
        Ok(None) => return Ok(()),
        Err(status) => return http::respond(stream, status, "text/plain", b"", false),
    };
    if request.target.split('?').next() == Some(events::PATH) {
        versions.stream(stream);
        return Ok(());
    }
    let (status, ty, body) = respond(live, root, &request.target);
    http::respond(stream, status, ty, &body, request.head_only)
}

/// What to send for a request path: status, content type, body.
fn respond(live: &Live, root: &Path, url: &str) -> (u16, &'static str, Vec<u8>) {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let mut rel = crate::links::percent_decode(path.trim_start_matches('/'));
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str("index.html");
    }
    match live.get(&rel) {
        // Exactly the bytes `build` writes.
        Lookup::Found(bytes) => return (200, content_type(&rel), bytes),
        Lookup::Failure(report) if rel.ends_with(".html") || !rel.contains('.') => {
            return (
                500,
                "text/html; charset=utf-8",
                failure_page(&report).into_bytes(),
            );
        }
        _ => {}
    }
    if let Some(bytes) = live::read_copy(live, root, &rel) {
        return (200, content_type(&rel), bytes);
    }
    let body = match live.get("404.html") {
        Lookup::Found(bytes) => bytes,
        _ => b"not found".to_vec(),
    };
    (404, "text/html; charset=utf-8", body)
}

/// The git files whose change means another commit is checked out: `HEAD`
/// (a checkout, a commit on a detached head), the branch refs (a commit,
/// a reset) and `packed-refs`. Not the index, which `git status` rewrites.
#[derive(Clone, Default)]
struct GitWatch {
    /// The work tree's git folder and the folder all work trees share.
    dirs: Option<(PathBuf, PathBuf)>,
}

impl GitWatch {
    fn of(root: &Path) -> GitWatch {
        let dirs = crate::history::git::Repo::open(root)
            .ok()
            .and_then(|repo| repo.git_dirs());
        GitWatch { dirs }
    }

    /// The folders to watch and how.
    fn folders(&self) -> Vec<(PathBuf, notify::RecursiveMode)> {
        let Some((own, common)) = &self.dirs else {
            return Vec::new();
        };
        let mut folders = vec![(own.clone(), notify::RecursiveMode::NonRecursive)];
        if common != own {
            folders.push((common.clone(), notify::RecursiveMode::NonRecursive));
        }
        let heads = common.join("refs").join("heads");
        if heads.is_dir() {
            folders.push((heads, notify::RecursiveMode::Recursive));
        }
        folders
    }

    /// Whether a change to `path` calls for a rebuild: anything outside the
    /// git folders (content/, templates/), and in them only the files above,
    /// not their `.lock` stand-ins.
    fn counts(&self, path: &Path) -> bool {
        let Some((own, common)) = &self.dirs else {
            return true;
        };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".lock") && (path.starts_with(own) || path.starts_with(common)) {
            return false;
        }
        if path.starts_with(common.join("refs").join("heads")) {
            return true;
        }
        if path.parent() == Some(own.as_path()) || path.parent() == Some(common.as_path()) {
            return name == "HEAD" || name == "packed-refs";
        }
        !(path.starts_with(own) || path.starts_with(common))
    }
}

/// Serves the site at `root` until the process is stopped.
pub fn serve(root: PathBuf, bind: &str, port: u16, today: Date) -> Result<(), UsageError> {
    if !root.join("content").is_dir() {
        return Err(UsageError(format!(
            "no content/ folder in {}",
            root.display()
        )));
    }
    let listener = std::net::TcpListener::bind((bind, port))
        .map_err(|e| UsageError(format!("cannot listen on {bind}:{port}: {e}")))?;
    let versions = Arc::new(events::Versions::default());
    let (wants, rx) = std::sync::mpsc::channel();
    let live = Arc::new(Live::new(wants));
    {
        let (live, versions) = (live.clone(), versions.clone());
        std::thread::spawn(move || live::run(&live, rx, &|| versions.bump()));
    }
    // What the last rebuild parsed and validated: a change to one file
    // parses and validates that file again.
    let cache = Arc::new(crate::Caches::default());
    rebuild(&live, &root, today, &cache);

    // Rebuild when content/ or templates/ change, or when a commit,
    // checkout or reset moves what is checked out (the history pages);
    // bursts of events become one rebuild.
    let git = GitWatch::of(&root);
    let (tx, rx) = std::sync::mpsc::channel();
    let watched_git = git.clone();
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        if let Ok(e) = ev
            && !matches!(e.kind, notify::EventKind::Access(_))
            && e.paths.iter().any(|p| watched_git.counts(p))
        {
            let _ = tx.send(());
        }
    })
    .map_err(|e| UsageError(format!("cannot watch the sources: {e}")))?;
    use notify::Watcher;
    for dir in ["content", "templates"] {
        let p = root.join(dir);
        if p.is_dir() {
            watcher
                .watch(&p, notify::RecursiveMode::Recursive)
                .map_err(|e| UsageError(format!("cannot watch {}: {e}", p.display())))?;
        }
    }
    for (dir, mode) in git.folders() {
        // Without them, edits still rebuild; only commits go unseen.
        if let Err(e) = watcher.watch(&dir, mode) {
            eprintln!(
                "warning: cannot watch {}: {e}; commits will show at the next edit",
                dir.display()
            );
        }
    }
    {
        let live = live.clone();
        let root = root.clone();
        let cache = cache.clone();
        std::thread::spawn(move || {
            let _watcher = watcher; // lives as long as this thread
            while rx.recv().is_ok() {
                // An editor's save is a burst of events (write, rename, chmod)
                // within a few milliseconds; a quiet 30 ms ends it.
                while rx.recv_timeout(Duration::from_millis(30)).is_ok() {}
                rebuild(&live, &root, today, &cache);
            }
        });
    }

    eprintln!(
        "serving {} on http://{bind}:{port}/ (Ctrl+C to stop)",
        root.display()
    );
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file descriptors, say: wait for some to close rather
            // than spin.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        // One thread per connection: a page that is still rendering holds
        // up no other, and an event stream holds only its own thread.
        let (live, root, versions) = (live.clone(), root.clone(), versions.clone());
        std::thread::spawn(move || {
            let _ = answer(stream, &live, &root, &versions);
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::GitWatch;
    use std::path::{Path, PathBuf};

    #[test]
    fn only_changes_to_what_is_checked_out_count_in_the_git_folders() {
        let linked = GitWatch {
            dirs: Some((
                PathBuf::from("/r/.git/worktrees/w"),
                PathBuf::from("/r/.git"),
            )),
        };
        for (path, counts) in [
            ("/w/content/registers/ops.yaml", true),
            ("/w/templates/base.html", true),
            ("/r/.git/worktrees/w/HEAD", true),
            ("/r/.git/HEAD", true),
            ("/r/.git/packed-refs", true),
            ("/r/.git/refs/heads/main", true),
            ("/r/.git/refs/heads/team/feature", true),
            ("/r/.git/refs/heads/main.lock", false),
            ("/r/.git/HEAD.lock", false),
            ("/r/.git/index", false),
            ("/r/.git/worktrees/w/index", false),
            ("/r/.git/COMMIT_EDITMSG", false),
            ("/r/.git/objects/ab/cdef", false),
        ] {
            assert_eq!(linked.counts(Path::new(path)), counts, "{path}");
        }
        // Outside a repository, every event counts.
        assert!(GitWatch::default().counts(Path::new("/r/.git/index")));
    }
}
