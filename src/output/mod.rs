//! Stage 4, write: the rendered site goes into a temporary folder beside
//! the output, which then replaces the output in one rename. A failed
//! build never leaves a half-written site.

use crate::render::Rendered;
use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

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

/// Writes `rendered` to `out`, replacing what was there. Returns the number of files.
pub fn write_atomically(out: &Path, root: &Path, rendered: &Rendered) -> io::Result<usize> {
    check_out_dir(out, root)?;
    let out = absolute(out)?;
    let parent = out
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&parent)?;
    let staging = tempfile::Builder::new()
        .prefix(".riskbook-new-")
        .tempdir_in(&parent)?;
    let dir = staging.path();
    let content = root.join("content");
    // Each folder once, then every file in parallel.
    let folders: std::collections::BTreeSet<PathBuf> = rendered
        .files
        .iter()
        .map(|(rel, _)| Path::new(rel))
        .chain(rendered.copies.iter().map(PathBuf::as_path))
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .collect();
    for f in &folders {
        std::fs::create_dir_all(dir.join(f))?;
    }
    rendered
        .files
        .par_iter()
        .try_for_each(|(rel, bytes)| std::fs::write(dir.join(rel), bytes))?;
    rendered
        .copies
        .par_iter()
        .try_for_each(|rel| std::fs::copy(content.join(rel), dir.join(rel)).map(|_| ()))?;
    let staged = staging.keep();
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
    Ok(rendered.files.len() + rendered.copies.len())
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
