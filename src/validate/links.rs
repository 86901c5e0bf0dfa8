//! Link targets: where a reference in a page or register points, and
//! whether it exists. Every anchor is checked here.

use super::suggest;
use crate::diagnostics::Code;
use crate::model::{Page, Register, RiskRef};
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
    registers: &'a [Register],
    page_index: HashMap<String, usize>,
    files: HashSet<String>,
    register_index: HashMap<&'a str, usize>,
    /// Content-relative source path of each register.
    register_files: HashMap<String, usize>,
    /// Risk id -> every risk of the site with that id.
    risks_by_id: HashMap<&'a str, Vec<RiskRef>>,
}

impl<'a> Resolver<'a> {
    pub fn new(pages: &'a [Page], registers: &'a [Register], files: &[std::path::PathBuf]) -> Self {
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
        }
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
        let mut inside = 0;
        for base in bases {
            let Some(joined) = join_inside(base, &decoded) else {
                continue;
            };
            inside += 1;
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
        if inside == 0 {
            return Err(err(
                Code::OutsideRoot,
                "it points outside content/".to_string(),
                Some("links may only point at files inside the site's content/ folder".into()),
            ));
        }
        if anchor.is_none()
            && !decoded.ends_with(".md")
            && let Some(found) = self.risk(&decoded, from)?
        {
            return Ok(Target::Risk(found));
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
