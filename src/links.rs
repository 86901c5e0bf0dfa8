//! Link targets: where a reference in a page or register points, and
//! whether it exists. Every anchor is checked here.

use crate::diagnostics::Code;
use crate::diagnostics::suggest;
use crate::model::{Page, Register, RiskRef, Site};
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path};

/// What a link points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Page {
        page: usize,
        anchor: Option<String>,
    },
    /// Another file under `content/`, by its content-relative path.
    File(String),
    /// A register, linked by its source file (`registers/ops.yaml`).
    Register(usize),
    Risk(RiskRef),
}

/// Where a link is written; decides the folders relative paths start from.
#[derive(Debug, Clone, Copy)]
pub enum LinkSource {
    Page(usize),
    Register(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError {
    pub code: Code,
    pub message: String,
    pub help: Option<String>,
}

fn err(code: Code, message: String, help: Option<String>) -> LinkError {
    LinkError {
        code,
        message,
        help,
    }
}

/// The kind of a link by its scheme.
pub enum LinkKind {
    /// `http:`, `https:`, `mailto:`: left alone.
    External,
    /// `javascript:`, `data:` and every other scheme: removed.
    Forbidden,
    Internal,
}

pub fn kind(target: &str) -> LinkKind {
    let t = target.trim();
    let scheme_end = t.find(':');
    let path_start = t.find(['/', '#', '?']).unwrap_or(t.len());
    match scheme_end {
        Some(i) if i < path_start && i > 0 => {
            let scheme = t[..i].to_ascii_lowercase();
            if !scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            {
                return LinkKind::Internal;
            }
            if matches!(scheme.as_str(), "http" | "https" | "mailto") {
                LinkKind::External
            } else {
                LinkKind::Forbidden
            }
        }
        _ if t.starts_with("//") => LinkKind::External,
        _ => LinkKind::Internal,
    }
}

/// Decodes `%XX` escapes; anything else is kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `notes.md`, `chart.png`: a name with a file extension, not a risk id.
fn looks_like_file(target: &str) -> bool {
    target
        .rsplit_once('.')
        .is_some_and(|(_, ext)| !ext.is_empty() && ext.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Joins `base` and `rel` lexically; `None` if the result leaves the root.
fn join_inside(base: &Path, rel: &str) -> Option<String> {
    let mut parts: Vec<String> = if rel.starts_with('/') {
        Vec::new()
    } else {
        base.components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect()
    };
    for c in Path::new(rel.trim_start_matches('/')).components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

pub struct Resolver<'a> {
    pages: &'a [Page],
    registers: &'a [std::sync::Arc<Register>],
    page_index: HashMap<String, usize>,
    files: HashSet<String>,
    register_index: HashMap<&'a str, usize>,
    /// Content-relative source path of each register.
    register_files: HashMap<String, usize>,
    /// Risk id -> every risk of the site with that id.
    risks_by_id: HashMap<&'a str, Vec<RiskRef>>,
    /// Registers that could not be loaded: id -> file (site-root relative).
    unloaded: HashMap<&'a str, &'a Path>,
    /// Their content-relative source paths.
    unloaded_files: HashSet<String>,
}

/// A fingerprint of everything a link or reference can resolve to, in
/// site order (so page and register indices are the same when it is):
/// pages and their heading ids, other files, registers with their files
/// and risk ids, registers that could not be loaded. What `serve` keeps of
/// resolved links holds while it is unchanged.
pub fn fingerprint(site: &Site) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for p in &site.pages {
        p.path.hash(&mut h);
        p.headings.len().hash(&mut h);
        for heading in &p.headings {
            heading.id.hash(&mut h);
        }
    }
    site.files.hash(&mut h);
    for reg in &site.registers {
        (&reg.id, &reg.file, reg.risks.len()).hash(&mut h);
        for r in &reg.risks {
            r.id.hash(&mut h);
        }
    }
    site.unloaded.hash(&mut h);
    h.finish()
}

impl<'a> Resolver<'a> {
    pub fn new(site: &'a Site) -> Self {
        let (pages, registers, files) = (&site.pages, &site.registers, &site.files);
        let norm = |p: &Path| p.to_string_lossy().replace('\\', "/");
        let mut risks_by_id: HashMap<&str, Vec<RiskRef>> = HashMap::new();
        for (ri, reg) in registers.iter().enumerate() {
            for (k, risk) in reg.risks.iter().enumerate() {
                risks_by_id
                    .entry(risk.id.as_str())
                    .or_default()
                    .push(RiskRef {
                        register: ri,
                        risk: k,
                    });
            }
        }
        Resolver {
            pages,
            registers,
            page_index: pages
                .iter()
                .enumerate()
                .map(|(i, p)| (norm(&p.path), i))
                .collect(),
            files: files.iter().map(|f| norm(f)).collect(),
            register_index: registers
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.as_str(), i))
                .collect(),
            register_files: registers
                .iter()
                .enumerate()
                .map(|(i, r)| (norm(r.file.strip_prefix("content").unwrap_or(&r.file)), i))
                .collect(),
            risks_by_id,
            unloaded: site
                .unloaded
                .iter()
                .map(|(id, f)| (id.as_str(), f.as_path()))
                .collect(),
            unloaded_files: site
                .unloaded
                .iter()
                .map(|(_, f)| norm(f.strip_prefix("content").unwrap_or(f)))
                .collect(),
        }
    }

    /// A target that may point into a register that could not be loaded:
    /// not checked, so that one broken file is reported once.
    fn unloaded_target(
        &self,
        target: &str,
        joined: &[String],
        from: LinkSource,
    ) -> Option<LinkError> {
        if self.unloaded.is_empty() {
            return None;
        }
        let file = if let Some((reg, _)) = target.split_once('/')
            && let Some(f) = self.unloaded.get(reg)
        {
            Some(f.to_string_lossy().into_owned())
        } else if let Some(j) = joined.iter().find(|j| self.unloaded_files.contains(*j)) {
            Some(format!("content/{j}"))
        } else if !target.contains('/')
            && matches!(from, LinkSource::Page(_))
            && !looks_like_file(target)
        {
            // A bare risk id in a page may name a risk of the unloaded register.
            let mut files: Vec<_> = self
                .unloaded
                .values()
                .map(|f| f.display().to_string())
                .collect();
            files.sort();
            Some(files.join(", "))
        } else {
            None
        };
        file.map(|f| {
            err(
                Code::NotChecked,
                format!("`{target}` may point into a register that could not be loaded"),
                Some(format!("fix the errors in {f} first")),
            )
        })
    }

    fn page_folder(&self, from: LinkSource) -> &Path {
        match from {
            LinkSource::Page(i) => self.pages[i].path.parent().unwrap_or(Path::new("")),
            LinkSource::Register(r) => {
                // registers live under content/; strip that prefix.
                let f = &self.registers[r].file;
                let f = f.strip_prefix("content").unwrap_or(f);
                f.parent().unwrap_or(Path::new(""))
            }
        }
    }

    /// Checks `#anchor` on a page.
    pub fn anchor(&self, page: usize, anchor: &str) -> Result<(), LinkError> {
        let p = &self.pages[page];
        if anchor.is_empty() || p.has_anchor(anchor) {
            return Ok(());
        }
        let near = suggest::ranked(anchor, p.headings.iter().map(|h| h.id.as_str()), 3);
        let help = if near.is_empty() {
            let all: Vec<_> = p
                .headings
                .iter()
                .take(8)
                .map(|h| format!("#{}", h.id))
                .collect();
            (!all.is_empty()).then(|| format!("anchors on that page: {}", all.join(", ")))
        } else {
            Some(format!(
                "nearest anchors: {}",
                near.iter()
                    .map(|a| format!("#{a}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        };
        Err(err(
            Code::MissingAnchor,
            format!(
                "no heading `#{anchor}` in {}",
                p.path.to_string_lossy().replace('\\', "/")
            ),
            help,
        ))
    }

    /// Resolves an internal link target (not external, not `#anchor` alone).
    pub fn resolve(&self, target: &str, from: LinkSource) -> Result<Target, LinkError> {
        let target = target.trim();
        let (path_part, anchor) = match target.split_once('#') {
            Some((p, a)) => (p, Some(percent_decode(a))),
            None => (target, None),
        };
        let path_part = path_part.split('?').next().unwrap_or("");
        let decoded = percent_decode(path_part);
        let content_root = Path::new("");
        let folder = self.page_folder(from);
        let bases: [&Path; 2] = match from {
            LinkSource::Page(_) => [folder, content_root],
            LinkSource::Register(_) => [content_root, folder],
        };
        let mut inside = Vec::new();
        for base in bases {
            let Some(joined) = join_inside(base, &decoded) else {
                continue;
            };
            inside.push(joined.clone());
            if let Some(&page) = self.page_index.get(&joined) {
                if let Some(a) = &anchor {
                    self.anchor(page, a)?;
                }
                return Ok(Target::Page {
                    page,
                    anchor: anchor.filter(|a| !a.is_empty()),
                });
            }
            if self.files.contains(&joined) {
                return Ok(Target::File(joined));
            }
            if let Some(&ri) = self.register_files.get(&joined) {
                return Ok(Target::Register(ri));
            }
        }
        if inside.is_empty() {
            return Err(err(
                Code::OutsideRoot,
                "it points outside content/".to_string(),
                Some("links may only point at files inside the site's content/ folder".into()),
            ));
        }
        if anchor.is_none() && !decoded.ends_with(".md") {
            match self.risk(&decoded, from) {
                Ok(Some(found)) => return Ok(Target::Risk(found)),
                Ok(None) => {}
                Err(e) => return Err(self.unloaded_target(&decoded, &inside, from).unwrap_or(e)),
            }
        }
        if let Some(e) = self.unloaded_target(&decoded, &inside, from) {
            return Err(e);
        }
        let candidates = self
            .page_index
            .keys()
            .map(String::as_str)
            .chain(self.risks_by_id.keys().copied());
        Err(err(
            Code::MissingPage,
            "no such page, file or risk".to_string(),
            suggest::did_you_mean(&decoded, candidates),
        ))
    }

    /// `REG/ID` or a bare `ID`; `Ok(None)` when it does not look like a risk at all.
    fn risk(&self, text: &str, from: LinkSource) -> Result<Option<RiskRef>, LinkError> {
        if let Some((reg, id)) = text.split_once('/') {
            let Some(&ri) = self.register_index.get(reg) else {
                return Ok(None);
            };
            return self.risk_in(ri, id).map(Some);
        }
        match from {
            LinkSource::Register(ri) => {
                if self.registers[ri].risks.iter().any(|r| r.id == text) {
                    return self.risk_in(ri, text).map(Some);
                }
                match self.risks_by_id.get(text).map(Vec::as_slice) {
                    Some([only]) => Ok(Some(*only)),
                    _ => self.risk_in(ri, text).map(Some),
                }
            }
            LinkSource::Page(_) => match self.risks_by_id.get(text).map(Vec::as_slice) {
                Some([only]) => Ok(Some(*only)),
                Some(many) => Err(err(
                    Code::AmbiguousRisk,
                    format!("risk id `{text}` is used by {} registers", many.len()),
                    Some(format!(
                        "write one of: {}",
                        many.iter()
                            .map(|r| format!("`{}/{}`", self.registers[r.register].id, text))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                )),
                None => Ok(None),
            },
        }
    }

    fn risk_in(&self, ri: usize, id: &str) -> Result<RiskRef, LinkError> {
        let reg = &self.registers[ri];
        match reg.risks.iter().position(|r| r.id == id) {
            Some(k) => Ok(RiskRef {
                register: ri,
                risk: k,
            }),
            None => Err(err(
                Code::MissingRisk,
                format!("no risk `{id}` in register `{}`", reg.id),
                suggest::did_you_mean(id, reg.risks.iter().map(|r| r.id.as_str())),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        assert!(matches!(kind("https://x.y"), LinkKind::External));
        assert!(matches!(kind("mailto:a@b"), LinkKind::External));
        assert!(matches!(kind("javascript:alert(1)"), LinkKind::Forbidden));
        assert!(matches!(kind(" JaVaScRiPt:alert(1)"), LinkKind::Forbidden));
        assert!(matches!(kind("data:text/html,x"), LinkKind::Forbidden));
        assert!(matches!(kind("docs/a.md#x"), LinkKind::Internal));
        assert!(matches!(kind("R-001"), LinkKind::Internal));
    }

    #[test]
    fn joins_stay_inside() {
        assert_eq!(
            join_inside(Path::new("docs"), "../x.md").as_deref(),
            Some("x.md")
        );
        assert_eq!(join_inside(Path::new("docs"), "../../x.md"), None);
        assert_eq!(
            join_inside(Path::new("docs"), "/y/z.md").as_deref(),
            Some("y/z.md")
        );
        assert_eq!(percent_decode("My%20Page.md"), "My Page.md");
    }
}
