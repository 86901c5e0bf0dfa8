//! Every URL of the output site, root-relative (no leading `/`). Pages
//! prefix them with `to_root` so links work from disk and under any prefix.

use crate::model::{Page, Register, Risk};

pub fn register(reg: &Register) -> String {
    format!("registers/{}.html", reg.id)
}

/// The whole register with every risk in full, for printing.
pub fn register_print(reg: &Register) -> String {
    format!("registers/{}/print.html", reg.id)
}

pub fn register_svg(reg: &Register) -> String {
    format!("registers/{}.svg", reg.id)
}

pub fn risk(reg: &Register, risk: &Risk) -> String {
    format!("registers/{}/{}.html", reg.id, risk.id)
}

/// `to_root` of every page in a register's folder (`risk`, the printed
/// document): two folders down.
pub const RISK_PAGE_ROOT: &str = "../../";

pub fn page(p: &Page) -> String {
    encode(&p.output_path())
}

pub fn file(content_relative: &str) -> String {
    encode(content_relative)
}

/// Percent-encodes what may not stand in a URL path as written.
pub fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `../` once per folder of `out_path`.
pub fn to_root(out_path: &str) -> String {
    "../".repeat(out_path.matches('/').count())
}

/// The taxonomy kinds and their folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Taxonomy {
    Owner,
    Category,
    Status,
    Tag,
}

impl Taxonomy {
    pub const ALL: [Taxonomy; 4] = [
        Taxonomy::Owner,
        Taxonomy::Category,
        Taxonomy::Status,
        Taxonomy::Tag,
    ];

    pub fn folder(self) -> &'static str {
        match self {
            Taxonomy::Owner => "owners",
            Taxonomy::Category => "categories",
            Taxonomy::Status => "statuses",
            Taxonomy::Tag => "tags",
        }
    }

    pub fn singular(self) -> &'static str {
        match self {
            Taxonomy::Owner => "Owner",
            Taxonomy::Category => "Category",
            Taxonomy::Status => "Status",
            Taxonomy::Tag => "Tag",
        }
    }

    pub fn url(self, name: &str) -> String {
        format!("{}/{}.html", self.folder(), slug(name))
    }
}

/// Lowercase; every run of characters that are not letters or digits
/// becomes one `-`; no `-` at either end. `Auth/session` -> `auth-session`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push('_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taxonomy_slugs() {
        assert_eq!(slug("Auth/session"), "auth-session");
        assert_eq!(slug("  Data Team, Product Team "), "data-team-product-team");
        assert_eq!(slug("Équipe Données"), "équipe-données");
        assert_eq!(slug("!!!"), "_");
    }

    #[test]
    fn relative_roots() {
        assert_eq!(to_root("index.html"), "");
        assert_eq!(to_root("registers/a/R-1.html"), "../../");
        assert_eq!(encode("docs/My Page.html"), "docs/My%20Page.html");
    }
}
