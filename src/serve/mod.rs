//! `riskbook serve`: builds into memory, serves on loopback, rebuilds when a
//! source changes and pushes the reload to the browser (`events.rs`). Pages
//! are served byte for byte as `build` writes them: the reload hook is part
//! of the built-in script, active only on loopback. A failed build shows its
//! diagnostics in the page; the server keeps running and serves the fixed
//! site as soon as the sources build again. Nothing is written to disk.

mod events;

use crate::diagnostics::{Format, Reporter};
use crate::model::Date;
use crate::render::Rendered;
use crate::{Options, UsageError};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// The failure page is the server's own: it carries the reload hook itself.
const RELOAD_SCRIPT: &str = r#"<script>new EventSource("/__riskbook/events").addEventListener("version",function(e){if(window.rbSeen&&window.rbSeen!==e.data){location.reload()}window.rbSeen=e.data});</script>"#;

struct State {
    rendered: Rendered,
    /// The diagnostics of the last build when it failed.
    failure: Option<String>,
}

fn build(root: &Path, today: Date) -> (Option<Rendered>, Option<String>) {
    let opts = Options {
        root: root.to_path_buf(),
        today,
        base_url: None,
        git: true,
    };
    match crate::render_site(&opts, None) {
        Err(e) => (None, Some(format!("error: {e}"))),
        Ok((checked, rendered)) => {
            let report =
                Reporter::new(&checked.sources, Format::Human).render(&checked.diagnostics);
            if checked.failed(false) {
                (None, Some(report))
            } else {
                if !report.is_empty() {
                    eprint!("{report}");
                }
                (Some(rendered), None)
            }
        }
    }
}

fn rebuild(state: &RwLock<State>, versions: &events::Versions, root: &Path, today: Date) {
    let started = std::time::Instant::now();
    let (rendered, failure) = build(root, today);
    let mut s = state.write().unwrap_or_else(|p| p.into_inner());
    match (rendered, failure) {
        (Some(r), _) => {
            s.rendered = r;
            s.failure = None;
            eprintln!("rebuilt in {} ms", started.elapsed().as_millis());
        }
        (None, failure) => {
            eprintln!(
                "build failed; the page shows why:\n{}",
                failure.as_deref().unwrap_or("")
            );
            s.failure = failure;
        }
    }
    drop(s);
    versions.bump();
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

/// What to send for a request path: status, content type, body.
fn respond(state: &State, root: &Path, url: &str) -> (u16, &'static str, Vec<u8>) {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let mut rel = crate::validate::links::percent_decode(path.trim_start_matches('/'));
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str("index.html");
    }
    if let Some(report) = &state.failure
        && (rel.ends_with(".html") || !rel.contains('.'))
    {
        return (
            500,
            "text/html; charset=utf-8",
            failure_page(report).into_bytes(),
        );
    }
    // Exactly the bytes `build` writes.
    if let Some(bytes) = state.rendered.get(&rel) {
        return (200, content_type(&rel), bytes.to_vec());
    }
    // Files copied from content/, read from disk; never outside it.
    if !rel.split('/').any(|s| s == ".." || s.is_empty())
        && state
            .rendered
            .copies
            .iter()
            .any(|c| c.to_string_lossy().replace('\\', "/") == rel)
        && let Ok(bytes) = std::fs::read(root.join("content").join(&rel))
    {
        return (200, content_type(&rel), bytes);
    }
    let body = state
        .rendered
        .get("404.html")
        .map(<[u8]>::to_vec)
        .unwrap_or_else(|| b"not found".to_vec());
    (404, "text/html; charset=utf-8", body)
}

/// Serves the site at `root` until the process is stopped.
pub fn serve(root: PathBuf, bind: &str, port: u16, today: Date) -> Result<(), UsageError> {
    if !root.join("content").is_dir() {
        return Err(UsageError(format!(
            "no content/ folder in {}",
            root.display()
        )));
    }
    let server = tiny_http::Server::http((bind, port))
        .map_err(|e| UsageError(format!("cannot listen on {bind}:{port}: {e}")))?;
    let state = Arc::new(RwLock::new(State {
        rendered: Rendered::default(),
        failure: None,
    }));
    let versions = Arc::new(events::Versions::default());
    rebuild(&state, &versions, &root, today);

    // Rebuild when content/ or templates/ change; bursts of events become one rebuild.
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        if ev.is_ok_and(|e| !matches!(e.kind, notify::EventKind::Access(_))) {
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
    {
        let state = state.clone();
        let versions = versions.clone();
        let root = root.clone();
        std::thread::spawn(move || {
            let _watcher = watcher; // lives as long as this thread
            while rx.recv().is_ok() {
                while rx.recv_timeout(Duration::from_millis(150)).is_ok() {}
                rebuild(&state, &versions, &root, today);
            }
        });
    }

    eprintln!(
        "serving {} on http://{bind}:{port}/ (Ctrl+C to stop)",
        root.display()
    );
    for request in server.incoming_requests() {
        if request.url().split('?').next() == Some(events::PATH) {
            // One thread per open stream; it ends when the browser goes away.
            let versions = versions.clone();
            std::thread::spawn(move || versions.stream(request.into_writer()));
            continue;
        }
        let (status, ty, body) = {
            let s = state.read().unwrap_or_else(|p| p.into_inner());
            respond(&s, &root, request.url())
        };
        let header = tiny_http::Header::from_bytes(&b"Content-Type"[..], ty.as_bytes())
            .expect("static header");
        let no_cache = tiny_http::Header::from_bytes(&b"Cache-Control"[..], &b"no-store"[..])
            .expect("static header");
        let response = tiny_http::Response::from_data(body)
            .with_status_code(status)
            .with_header(header)
            .with_header(no_cache);
        let _ = request.respond(response);
    }
    Ok(())
}
