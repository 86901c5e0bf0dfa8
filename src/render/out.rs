//! `Out`: where a render task puts the files it makes, on their way to the
//! sink (a build's staging folder, or `serve`'s memory).

use super::Sink;
use crate::diagnostics::Diagnostic;

/// Where a task puts the files it makes. A large file goes on to the sink
/// (a build's staging folder writes it) at once, so a task does not hold
/// all of its pages: the taxonomy pages of the benchmark corpus are 29 MB,
/// its exports 25 MB. Small files are handed on together when the task
/// is done (`finish`), which keeps rendering and writing apart.
pub struct Out<'a> {
    sink: &'a dyn Sink,
    held: std::sync::Mutex<Vec<(String, Vec<u8>)>>,
}

/// Files at least this large go to the sink at once.
pub(super) const LARGE: usize = 256 * 1024;

impl<'a> Out<'a> {
    pub fn new(sink: &'a dyn Sink) -> Self {
        Out {
            sink,
            held: Default::default(),
        }
    }

    pub fn file(&self, path: String, bytes: Vec<u8>) {
        if bytes.len() >= LARGE {
            self.sink.put(vec![(path, bytes)]);
        } else {
            self.held
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((path, bytes));
        }
    }

    /// A file written by `write` straight to its place (`Sink::put_written`).
    pub fn write(&self, path: String, write: &mut super::Writer) {
        self.sink.put_written(path, write);
    }

    /// Hands the small files on.
    pub fn finish(self) {
        let held = self.held.into_inner().unwrap_or_else(|p| p.into_inner());
        if !held.is_empty() {
            self.sink.put(held);
        }
    }
}

/// Hands a rendered page on to `out`, or its error to `diags`.
pub fn push(
    out: &Out,
    diags: &mut Vec<Diagnostic>,
    path: String,
    result: Result<String, Diagnostic>,
) {
    match result {
        Ok(html) => out.file(path, html.into_bytes()),
        Err(d) => diags.push(d),
    }
}
