//! Stage 1, load: find every source under `content/`, read it, and parse it
//! into the raw source types. Nothing here knows what a value means.

pub mod frontmatter;
pub mod spans;
pub mod yaml;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, SourceFile, SourceMap};
use crate::source::{RawRegister, RawSiteConfig};
use rayon::prelude::*;
use spans::SpanIndex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;

pub struct LoadedConfig {
    pub file: PathBuf,
    pub raw: RawSiteConfig,
    pub spans: SpanIndex,
}

pub struct LoadedRegister {
    pub id: String,
    /// Relative to the site root.
    pub file: PathBuf,
    pub raw: RawRegister,
    pub spans: SpanIndex,
}

pub struct LoadedPage {
    /// Relative to `content/`.
    pub path: PathBuf,
    /// Relative to the site root.
    pub file: PathBuf,
    pub front: frontmatter::FrontMatter,
    pub body: String,
    pub body_offset: usize,
}

/// Everything read from a site, parsed but not yet validated. Shared
/// with the `Cache` of the last load, when there is one.
#[derive(Default)]
pub struct Loaded {
    pub sources: SourceMap,
    pub config: Option<Arc<LoadedConfig>>,
    pub registers: Vec<Arc<LoadedRegister>>,
    pub pages: Vec<Arc<LoadedPage>>,
    /// Other files, relative to `content/`, to copy unchanged.
    pub files: Vec<PathBuf>,
    /// Registers whose file could not be read or parsed: id and file
    /// relative to the site root.
    pub unloaded: Vec<(String, PathBuf)>,
}

/// A problem with the site folder itself (exit status 2), not with its content.
#[derive(Debug)]
pub struct UnusableRoot(pub String);

/// The parsed sources of the last load, by path: a load with a cache
/// parses again only the files whose text changed (`serve`).
#[derive(Default)]
pub struct Cache {
    files: std::sync::Mutex<HashMap<PathBuf, Cached>>,
}

/// A source as read, and what parsing it gave.
type Cached = (SourceFile, Result<Parsed, Diagnostic>);

impl Cache {
    fn lookup(&self, file: &SourceFile) -> Option<Cached> {
        let files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        let (cached, parsed) = files.get(&file.path)?;
        (cached.text == file.text).then(|| (cached.clone(), parsed.clone()))
    }
}

/// The sources riskbook parses; any other file is copied as it is.
enum Kind {
    Config,
    Register,
    Page,
}

fn classify(rel: &Path) -> Option<Kind> {
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
    let is_yaml = ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml");
    if rel == Path::new("site.yaml") || rel == Path::new("site.yml") {
        Some(Kind::Config)
    } else if is_yaml && rel.starts_with("registers") {
        Some(Kind::Register)
    } else if ext.eq_ignore_ascii_case("md") {
        Some(Kind::Page)
    } else {
        None
    }
}

/// Output paths riskbook generates itself; no source may claim them.
pub fn is_reserved_output(out: &str, register_ids: &[String]) -> bool {
    const FIXED: &[&str] = &[
        "index.html",
        "risks.html",
        "history.html",
        "review.html",
        "changes.html",
        "sitemap.xml",
        "404.html",
        "risks.json",
        "risks.csv",
        "risks.xlsx",
        "search-index.json",
    ];
    if FIXED.contains(&out) || out.starts_with("assets/") {
        return true;
    }
    if let Some(rest) = out.strip_prefix("registers/") {
        let stem = rest
            .strip_suffix(".html")
            .or_else(|| rest.strip_suffix(".svg"))
            .unwrap_or(rest);
        let first = rest.split('/').next().unwrap_or("");
        return register_ids.iter().any(|id| id == stem || id == first);
    }
    ["owners/", "categories/", "statuses/", "tags/"]
        .iter()
        .any(|p| out.starts_with(p))
}

/// Reads a source file as UTF-8 text; binary or non-UTF-8 content is a content error.
fn read_text(abs: &Path, rel: &Path) -> Result<SourceFile, Diagnostic> {
    let at = Location::new(rel, None);
    let bytes = std::fs::read(abs)
        .map_err(|e| Diagnostic::new(Code::Io, at.clone(), format!("cannot read file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Diagnostic::new(
            Code::NotUtf8,
            at.clone(),
            format!(
                "not a UTF-8 text file (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .with_help("save the file as UTF-8")
    })?;
    if let Some(i) = text.find('\0') {
        let file = SourceFile::new(rel, text.clone());
        return Err(Diagnostic::new(
            Code::NotUtf8,
            Location::new(rel, Some(file.span(i..i + 1))),
            "binary data (a NUL byte) in a text source",
        ));
    }
    Ok(SourceFile::new(rel, text))
}

/// Walks `<root>/content` and parses every source. Content problems go to
/// `diags`; a missing or unreadable content folder is an `UnusableRoot`.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Result<Loaded, UnusableRoot> {
    load_cached(root, diags, None)
}

/// `load`, reusing what `cache` holds of files whose text is unchanged;
/// the cache then holds this load.
pub fn load_cached(
    root: &Path,
    diags: &mut Diagnostics,
    cache: Option<&Cache>,
) -> Result<Loaded, UnusableRoot> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(UnusableRoot(format!(
            "no content/ folder in {} (is --root right? `riskbook init` creates a site)",
            root.display()
        )));
    }
    let mut entries = Vec::new();
    for entry in WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        let entry =
            entry.map_err(|e| UnusableRoot(format!("cannot read {}: {e}", content.display())))?;
        if !entry.file_type().is_file() {
            continue; // folders, and symlinks (never followed out of the site)
        }
        let rel = entry
            .path()
            .strip_prefix(&content)
            .expect("walkdir yields paths under its root")
            .to_path_buf();
        entries.push(rel);
    }

    Ok(assemble(
        entries,
        diags,
        |rel| read_text(&content.join(rel), &Path::new("content").join(rel)),
        cache,
    ))
}

/// Loads a site held in memory: `(path relative to content/, text)` pairs.
/// The same parsing as `load`, without a file system (for the fuzzers and
/// for tests that generate thousands of sites).
pub fn load_from_memory(files: &[(PathBuf, String)], diags: &mut Diagnostics) -> Loaded {
    let texts: std::collections::HashMap<&Path, &str> = files
        .iter()
        .map(|(p, t)| (p.as_path(), t.as_str()))
        .collect();
    let mut entries: Vec<PathBuf> = texts.keys().map(|p| p.to_path_buf()).collect();
    entries.sort();
    assemble(
        entries,
        diags,
        |rel| Ok(SourceFile::new(Path::new("content").join(rel), texts[rel])),
        None,
    )
}

/// Classifies, reads (with `read`) and parses every entry, in parallel;
/// results keep the order of `entries`.
fn assemble(
    entries: Vec<PathBuf>,
    diags: &mut Diagnostics,
    read: impl Fn(&Path) -> Result<SourceFile, Diagnostic> + Sync,
    cache: Option<&Cache>,
) -> Loaded {
    let mut loaded = Loaded::default();
    let mut texts = Vec::new();
    for rel in entries {
        match classify(&rel) {
            None => loaded.files.push(rel),
            Some(kind) => texts.push((kind, rel)),
        }
    }
    let results: Vec<(Option<SourceFile>, Result<Parsed, Diagnostic>)> = texts
        .par_iter()
        .map(|(kind, rel)| match read(rel) {
            Err(d) => (None, Err(d)),
            Ok(file) => match cache.and_then(|c| c.lookup(&file)) {
                Some((file, parsed)) => (Some(file), parsed),
                None => {
                    let parsed = parse_one(kind, rel, &file);
                    (Some(file), parsed)
                }
            },
        })
        .collect();
    if let Some(cache) = cache {
        *cache.files.lock().unwrap_or_else(|p| p.into_inner()) = results
            .iter()
            .filter_map(|(file, parsed)| Some((file.as_ref()?.clone(), parsed.clone())))
            .map(|(file, parsed)| (file.path.clone(), (file, parsed)))
            .collect();
    }

    for ((kind, rel), (file, parsed)) in texts.iter().zip(results) {
        if let Some(f) = file {
            loaded.sources.insert(f);
        }
        match parsed {
            Ok(Parsed::Config(c)) => loaded.config = Some(c),
            Ok(Parsed::Register(r)) => loaded.registers.push(r),
            Ok(Parsed::Page(p)) => loaded.pages.push(p),
            Err(d) => {
                if matches!(kind, Kind::Register) {
                    loaded
                        .unloaded
                        .push((register_id(rel), Path::new("content").join(rel)));
                }
                diags.push(d)
            }
        }
    }
    loaded
}

#[derive(Clone)]
enum Parsed {
    Config(Arc<LoadedConfig>),
    Register(Arc<LoadedRegister>),
    Page(Arc<LoadedPage>),
}

/// A register's id is its file stem: `registers/teams/ops.2026.yml` is `ops.2026`.
fn register_id(rel: &Path) -> String {
    rel.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn parse_one(kind: &Kind, rel: &Path, file: &SourceFile) -> Result<Parsed, Diagnostic> {
    match kind {
        Kind::Config => {
            let p = yaml::parse_or_default::<RawSiteConfig>(file)?;
            Ok(Parsed::Config(Arc::new(LoadedConfig {
                file: file.path.clone(),
                raw: p.value,
                spans: p.spans,
            })))
        }
        Kind::Register => {
            let p = yaml::parse::<RawRegister>(file, "register")?;
            Ok(Parsed::Register(Arc::new(LoadedRegister {
                id: register_id(rel),
                file: file.path.clone(),
                raw: p.value,
                spans: p.spans,
            })))
        }
        Kind::Page => {
            let (front, body_offset) = match frontmatter::split(&file.text) {
                Some((yaml_text, offset)) => {
                    let head = SourceFile::new(&file.path, yaml_text.to_string());
                    let front = if yaml_text.trim().is_empty() {
                        frontmatter::FrontMatter::default()
                    } else {
                        // Positions in the front matter are one line below the `---`.
                        yaml::parse::<frontmatter::FrontMatter>(&head, "front matter")
                            .map_err(|mut d| {
                                d.location.span =
                                    d.location.span.map(|s| file.span(s.start + 4..s.end + 4));
                                d
                            })?
                            .value
                    };
                    (front, offset)
                }
                None => (frontmatter::FrontMatter::default(), 0),
            };
            Ok(Parsed::Page(Arc::new(LoadedPage {
                path: rel.to_path_buf(),
                file: file.path.clone(),
                front,
                body: file.text[body_offset..].to_string(),
                body_offset,
            })))
        }
    }
}
