//! `riskbook serve`: pages from memory, rebuild on change, build errors in
//! the page, the server keeps running.

mod common;
use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Sends `request` on a new connection and reads until the server closes
/// it: the head (status line and headers) and the body. `None` when there
/// is no server yet or it does not close the connection within 5 s.
fn send(port: u16, request: &str) -> Option<(String, Vec<u8>)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    s.write_all(request.as_bytes()).ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let at = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&buf[..at]).to_string();
    Some((head, buf[at + 4..].to_vec()))
}

fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let (status, body) = get_bytes(port, path)?;
    Some((status, String::from_utf8_lossy(&body).to_string()))
}

/// Opens the reload stream and reads its response head.
fn events(port: u16) -> TcpStream {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "GET /__riskbook/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let head = read_until(&mut s, "\r\n\r\n");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert_contains(&head, "Content-Type: text/event-stream");
    s
}

/// The next Server-Sent Event that is not a keep-alive comment; fails
/// when none comes within 20 s (keep-alives alone would wait forever).
fn next_event(s: &mut TcpStream) -> String {
    let start = Instant::now();
    loop {
        let e = read_until(s, "\n\n");
        if !e.starts_with(':') {
            return e;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no new version pushed within 20 s"
        );
    }
}

fn read_until(s: &mut TcpStream, end: &str) -> String {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(end.as_bytes()) {
        let n = s.read(&mut byte).expect("the stream stays open");
        assert_eq!(n, 1, "the stream ended");
        buf.push(byte[0]);
    }
    String::from_utf8(buf).unwrap()
}

/// Every file `build` writes for the site is served with the same bytes.
fn assert_served_as_built(site: &Fixture, port: u16) {
    let out = tempfile::tempdir().unwrap();
    let run = site.build_into(out.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut n = 0;
    for e in walkdir::WalkDir::new(out.path()) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(out.path())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let built = std::fs::read(e.path()).unwrap();
        let (status, served) = get_bytes(port, &format!("/{rel}")).unwrap();
        assert_eq!(status, 200, "{rel}");
        assert!(served == built, "{rel} is served as built");
        n += 1;
    }
    assert!(n > 10, "{n} files compared");
}

fn get_bytes(port: u16, path: &str) -> Option<(u16, Vec<u8>)> {
    let (head, body) = send(
        port,
        &format!("GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n"),
    )?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    Some((status, body))
}

/// Polls until `f` holds, for at most 10 s.
fn wait_for(mut f: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// A change to one file: its new text from the old, or `None` to delete it.
type Edit = Box<dyn Fn(String) -> Option<String>>;

fn start(site: &Fixture) -> (Server, u16) {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_riskbook"))
        .args([
            "serve",
            "--port",
            &port.to_string(),
            "--today",
            "2026-03-01",
            "--root",
        ])
        .arg(site.root())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server(child);
    assert!(wait_for(|| get(port, "/").is_some()), "the server answers");
    (server, port)
}

/// The example site (registers, playbooks, taxonomies, exports) after a
/// sequence of edits: pages are rendered on demand, and every one is what
/// `build` writes for the same sources.
#[test]
fn pages_rendered_on_demand_are_the_bytes_build_writes_after_each_edit() {
    let site = example_copy();
    let (_server, port) = start(&site);
    let mut stream = events(port);
    let mut version = next_event(&mut stream);
    // A page asked for first, before anything else is rendered.
    let (status, page) = get(port, "/registers/blottr-platform-risks/P1-AUTH-BREAK.html").unwrap();
    assert_eq!(status, 200);
    assert_contains(&page, "Existing user authentication breaks");
    assert_served_as_built(&site, port);

    let reg = "content/registers/blottr-platform-risks.yaml";
    let doc = "content/docs/blottr-rollback-procedures.md";
    let edits: Vec<(&str, Edit)> = vec![
        // A risk's title: its pages, the aggregates, the exports.
        (
            reg,
            Box::new(|t| Some(t.replace("Existing user authentication breaks", "Sign-in breaks"))),
        ),
        // A new section in a playbook: the page, its anchors.
        (
            doc,
            Box::new(|t| Some(format!("{t}\n## Added after review\n\nOne more step.\n"))),
        ),
        // A new page, then the same page gone.
        (
            "content/docs/new-page.md",
            Box::new(|_| {
                Some("# New page\n\nSee [the rollback](blottr-rollback-procedures.md#added-after-review).\n".into())
            }),
        ),
        ("content/docs/new-page.md", Box::new(|_| None)),
    ];
    for (path, edit) in edits {
        let full = site.root().join(path);
        let before = std::fs::read_to_string(&full).unwrap_or_default();
        match edit(before) {
            Some(text) => site.write(path, text.as_bytes()),
            None => std::fs::remove_file(&full).unwrap(),
        }
        let pushed = next_event(&mut stream);
        assert_ne!(pushed, version, "{path}: a new version is pushed");
        version = pushed;
        assert_served_as_built(&site, port);
    }
    let (_, page) = get(port, "/registers/blottr-platform-risks/P1-AUTH-BREAK.html").unwrap();
    assert_contains(&page, "Sign-in breaks");
    assert_eq!(get(port, "/docs/new-page.html").unwrap().0, 404);
}

#[test]
fn serves_rebuilds_and_shows_errors_in_the_page() {
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", &register("")),
        ("content/docs/img.png", "PNG"),
    ]);
    let (_server, port) = start(&site);
    let (status, index) = get(port, "/").unwrap();
    assert_eq!(status, 200);
    assert_contains(&index, "Test register");
    let mut stream = events(port);
    let first = next_event(&mut stream);
    assert!(first.starts_with("event: version\ndata: "), "{first}");
    assert_served_as_built(&site, port);
    assert_eq!(
        get(port, "/docs/img.png").unwrap(),
        (200, "PNG".to_string())
    );
    assert_eq!(get(port, "/registers/ops/R-1.html").unwrap().0, 200);
    assert_eq!(get(port, "/nope.html").unwrap().0, 404);
    assert_eq!(get(port, "/../../etc/passwd").unwrap().0, 404);
    assert!(!site.root().join("public").exists(), "serve writes nothing");

    // A change is rebuilt.
    // A change is rebuilt and pushed: the stream names a new version.
    let edited = Instant::now();
    site.write(
        "content/registers/ops.yaml",
        register("")
            .replace("Test register", "Renamed register")
            .as_bytes(),
    );
    let pushed = next_event(&mut stream);
    assert!(pushed.starts_with("event: version\ndata: "), "{pushed}");
    assert_ne!(pushed, first);
    eprintln!("edit to push: {} ms", edited.elapsed().as_millis());
    assert!(get(port, "/").is_some_and(|(_, b)| b.contains("Renamed register")));
    assert_served_as_built(&site, port);

    // A broken source shows in the page; the server keeps running.
    site.write(
        "content/registers/ops.yaml",
        register("    status: opn\n").as_bytes(),
    );
    assert!(
        wait_for(
            || get(port, "/").is_some_and(|(s, b)| s == 500 && b.contains("unknown status `opn`"))
        ),
        "the error is in the page"
    );
    site.write("content/registers/ops.yaml", register("").as_bytes());
    assert!(
        wait_for(|| get(port, "/").is_some_and(|(s, b)| s == 200 && b.contains("Test register"))),
        "fixed sources are served again"
    );
    assert_served_as_built(&site, port);
}

/// In Chromium, an edit under `serve` swaps the open page's body in place
/// (no navigation), the result is what a fresh load of the page shows, its
/// filters and sorting work again, and a broken build shows the failure
/// page until the sources build again (`tests/browser/serve_reload.mjs`).
#[test]
fn an_edit_swaps_the_open_page_in_place_in_a_browser() {
    let site = example_copy();
    let (_server, port) = start(&site);
    let origin = format!("http://127.0.0.1:{port}");
    let Some((ok, out)) = node(
        "serve_reload.mjs",
        &[origin.as_ref(), site.root().as_os_str()],
    ) else {
        return;
    };
    assert!(ok, "{out}");
    assert!(
        out.starts_with("ok: an edit swaps the page in place"),
        "{out}"
    );
}

/// A commit made while `serve` runs changes the history pages without
/// touching content/: it is picked up and pushed like an edit, and the
/// served site is again what `build` writes.
#[test]
fn a_commit_while_serving_rebuilds_the_history() {
    let site = Fixture::new(&[("content/registers/ops.yaml", &register(""))]);
    let root = site.root();
    git_at(root, &["init", "-q", "-b", "main"], "2026-01-05T10:00:00Z");
    git_at(root, &["add", "-A"], "2026-01-05T10:00:00Z");
    git_at(
        root,
        &["commit", "-q", "-m", "First register"],
        "2026-01-05T10:00:00Z",
    );
    let (_server, port) = start(&site);
    let mut stream = events(port);
    let first = next_event(&mut stream);
    let (_, history) = get(port, "/history.html").unwrap();
    assert_contains(&history, "First register");
    assert_lacks(&history, "Owner named");

    // An edit first (a rebuild, as before), then its commit (with git's
    // lock files and ref update, not a change under content/).
    let path = root.join("content/registers/ops.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    site.write(
        "content/registers/ops.yaml",
        text.replace("owner: ops", "owner: sre").as_bytes(),
    );
    let edited = next_event(&mut stream);
    assert_ne!(edited, first);
    git_at(
        root,
        &["commit", "-q", "-a", "-m", "Owner named"],
        "2026-01-06T10:00:00Z",
    );
    let committed = next_event(&mut stream);
    assert_ne!(committed, edited, "the commit pushes a new version");
    let (_, history) = get(port, "/history.html").unwrap();
    assert_contains(&history, "Owner named");
    assert_served_as_built(&site, port);
}

/// `send`, which must get a whole response and then the close.
fn exchange(port: u16, request: &str) -> (String, Vec<u8>) {
    send(port, request).expect("a response, then the server closes the connection")
}

/// Each response closes its connection, so no idle keep-alive connection
/// holds the server (a browser's page load once waited 30 s for a script
/// that the server had queued behind such connections). HEAD has the
/// headers only, other methods and malformed requests get an answer.
#[test]
fn every_response_closes_its_connection() {
    let site = example_copy();
    let (_server, port) = start(&site);
    // Connections that never send a request hold up nobody.
    let idle: Vec<TcpStream> = (0..8)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    let keep_alive =
        "GET /risks.html HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n";
    let (head, body) = exchange(port, keep_alive);
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert_contains(&head, "\r\nConnection: close");
    assert_contains(&head, &format!("\r\nContent-Length: {}", body.len()));
    assert!(String::from_utf8_lossy(&body).contains("</html>"));

    let (head, body) = exchange(port, "HEAD /risks.html HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(body.is_empty(), "HEAD has no body");

    let (head, _) = exchange(
        port,
        "GET /no-such-page.html HTTP/1.1\r\nHost: localhost\r\n\r\n",
    );
    assert!(head.starts_with("HTTP/1.1 404 Not Found\r\n"), "{head}");
    let (head, _) = exchange(
        port,
        "POST /risks.html HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n",
    );
    assert!(head.starts_with("HTTP/1.1 405 "), "{head}");
    assert_contains(&head, "\r\nAllow: GET, HEAD");
    let (head, _) = exchange(port, "NOT HTTP AT ALL\r\n\r\n");
    assert!(head.starts_with("HTTP/1.1 400 "), "{head}");
    drop(idle);
}
