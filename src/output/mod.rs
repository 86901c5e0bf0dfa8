//! Stage 4, write: rendered files go into a temporary folder beside the
//! output as they are made, and that folder then replaces the output in
//! one rename. A failed build never leaves a half-written site.

use crate::render::Sink;
use rayon::prelude::*;
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

fn absolute(p: &Path) -> io::Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    // Canonicalize the longest existing ancestor, keep the rest as written.
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    Ok(out)
}

/// Refuses output folders that would overwrite the sources.
pub fn check_out_dir(out: &Path, root: &Path) -> io::Result<()> {
    let out = absolute(out)?;
    let root = absolute(root)?;
    if root.starts_with(&out)
        || out.starts_with(root.join("content"))
        || out.starts_with(root.join("templates"))
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the output folder would overwrite the site's sources; choose another --out",
        ));
    }
    if out.exists() && !out.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the output path exists and is not a folder",
        ));
    }
    Ok(())
}

/// A build's staging folder beside the output: rendered files are written
/// into it as they are made (`Sink`), then it replaces the output in one
/// rename (`finish`). Dropped unfinished, it is removed with its files.
pub struct Staging {
    dir: tempfile::TempDir,
    out: PathBuf,
    parent: PathBuf,
    folders: Mutex<HashSet<PathBuf>>,
    written: AtomicUsize,
    /// The first write that failed; the build then fails with it.
    failed: Mutex<Option<io::Error>>,
}

impl Staging {
    /// A staging folder for the output `out` of the site at `root`.
    pub fn new(out: &Path, root: &Path) -> io::Result<Staging> {
        check_out_dir(out, root)?;
        let out = absolute(out)?;
        let parent = out
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        std::fs::create_dir_all(&parent)?;
        let dir = tempfile::Builder::new()
            .prefix(".riskbook-new-")
            .tempdir_in(&parent)?;
        Ok(Staging {
            dir,
            out,
            parent,
            folders: Mutex::default(),
            written: AtomicUsize::new(0),
            failed: Mutex::default(),
        })
    }

    fn write(&self, rel: &Path, write: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
        let path = self.dir.path().join(rel);
        if let Some(folder) = rel.parent() {
            // The lock is held until the folder exists: a second writer to
            // it must not find it listed but not yet made.
            let mut folders = self.folders.lock().unwrap_or_else(|p| p.into_inner());
            if !folders.contains(folder) {
                std::fs::create_dir_all(self.dir.path().join(folder))?;
                folders.insert(folder.to_path_buf());
            }
        }
        write(&path)?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Keeps the first failed write: the build fails with it.
    fn failed(&self, e: io::Error) {
        self.failed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get_or_insert(e);
    }

    /// Copies the files of `content/` that are published unchanged, then
    /// replaces the output with the staged site. Returns the number of files.
    pub fn finish(self, root: &Path, copies: &[PathBuf]) -> io::Result<usize> {
        if let Some(e) = self.failed.lock().unwrap_or_else(|p| p.into_inner()).take() {
            return Err(e);
        }
        let content = root.join("content");
        copies.par_iter().try_for_each(|rel| {
            self.write(rel, |to| std::fs::copy(content.join(rel), to).map(|_| ()))
        })?;
        let written = self.written.load(Ordering::Relaxed);
        let (out, parent) = (self.out, self.parent);
        let staged = self.dir.keep();
        if out.exists() {
            let old = tempfile::Builder::new()
                .prefix(".riskbook-old-")
                .tempdir_in(&parent)?
                .keep();
            std::fs::remove_dir(&old)?;
            std::fs::rename(&out, &old)?;
            if let Err(e) = std::fs::rename(&staged, &out) {
                let _ = std::fs::rename(&old, &out);
                let _ = std::fs::remove_dir_all(&staged);
                return Err(e);
            }
            remove_tree(&old)?;
        } else {
            std::fs::rename(&staged, &out)?;
        }
        Ok(written)
    }
}

impl Sink for Staging {
    fn put(&self, files: Vec<(String, Vec<u8>)>) {
        for (rel, bytes) in files {
            if let Err(e) = self.write(Path::new(&rel), |to| std::fs::write(to, &bytes)) {
                self.failed(e);
                return;
            }
        }
    }

    fn put_written(&self, rel: String, write: &mut crate::render::Writer) {
        let written = self.write(Path::new(&rel), |to| {
            let mut file = io::BufWriter::with_capacity(1 << 16, std::fs::File::create(to)?);
            write(&mut file)?;
            file.into_inner().map_err(io::IntoInnerError::into_error)?;
            Ok(())
        });
        if let Err(e) = written {
            self.failed(e);
        }
    }
}

/// Removes a folder tree, its files in parallel (an old site has thousands).
fn remove_tree(dir: &Path) -> io::Result<()> {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect();
    files.par_iter().try_for_each(std::fs::remove_file)?;
    std::fs::remove_dir_all(dir)
}
