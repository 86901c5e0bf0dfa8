//! The reload push of `serve`: `GET /__riskbook/events` is a Server-Sent
//! Events stream that names the site's version on connect and again after
//! every rebuild; the built-in script (app.js, loopback only) reloads the
//! page when the version changes. No polling.

use std::io::Write;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

pub const PATH: &str = "/__riskbook/events";

/// The site's version, bumped by each rebuild, and who waits for it.
#[derive(Default)]
pub struct Versions {
    version: Mutex<u64>,
    changed: Condvar,
}

impl Versions {
    pub fn bump(&self) {
        let mut v = self.version.lock().unwrap_or_else(|p| p.into_inner());
        *v += 1;
        self.changed.notify_all();
    }

    /// Streams versions to one browser until it goes away (a write fails).
    pub fn stream(&self, mut out: impl Write) {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
        let mut seen = *self.version.lock().unwrap_or_else(|p| p.into_inner());
        let mut message = format!("{head}event: version\ndata: {seen}\n\n");
        loop {
            if out
                .write_all(message.as_bytes())
                .and_then(|()| out.flush())
                .is_err()
            {
                return;
            }
            let guard = self.version.lock().unwrap_or_else(|p| p.into_inner());
            let (guard, _) = self
                .changed
                .wait_timeout_while(guard, Duration::from_secs(15), |v| *v == seen)
                .unwrap_or_else(|p| p.into_inner());
            message = if *guard == seen {
                // Keeps proxies and the browser from closing an idle stream.
                ": keep-alive\n\n".to_string()
            } else {
                seen = *guard;
                format!("event: version\ndata: {seen}\n\n")
            };
        }
    }
}
