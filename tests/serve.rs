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

fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
    let mut buf = String::new();
    s.read_to_string(&mut buf).ok()?;
    let status = buf.split(' ').nth(1)?.parse().ok()?;
    let body = buf
        .split_once("\r\n\r\n")
        .map(|x| x.1.to_string())
        .unwrap_or_default();
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

#[test]
fn serves_rebuilds_and_shows_errors_in_the_page() {
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", &register("")),
        ("content/docs/img.png", "PNG"),
    ]);
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
    let _server = Server(child);
    assert!(wait_for(|| get(port, "/").is_some()), "the server answers");
    let (status, index) = get(port, "/").unwrap();
    assert_eq!(status, 200);
    assert!(index.contains("Test register"));
    assert!(
        index.contains("/__riskbook/version"),
        "pages reload themselves"
    );
    assert_eq!(
        get(port, "/docs/img.png").unwrap(),
        (200, "PNG".to_string())
    );
    assert_eq!(get(port, "/registers/ops/R-1.html").unwrap().0, 200);
    assert_eq!(get(port, "/nope.html").unwrap().0, 404);
    assert_eq!(get(port, "/../../etc/passwd").unwrap().0, 404);
    assert!(!site.root().join("public").exists(), "serve writes nothing");
    let v0 = get(port, "/__riskbook/version").unwrap().1;

    // A change is rebuilt.
    site.write(
        "content/registers/ops.yaml",
        register("")
            .replace("Test register", "Renamed register")
            .as_bytes(),
    );
    assert!(
        wait_for(|| get(port, "/").is_some_and(|(_, b)| b.contains("Renamed register"))),
        "rebuilt after a change"
    );
    assert_ne!(get(port, "/__riskbook/version").unwrap().1, v0);

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
}
