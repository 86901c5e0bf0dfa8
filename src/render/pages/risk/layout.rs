//! The layout of a register's risk pages, rendered once.
//!
//! From one risk page of a register to the next, the built-in `risk.html`
//! (in `base.html`) differs only in the page's title, the risk's id (in the
//! breadcrumb, and in the page's path and canonical URL) and its body.
//! The layout is rendered through Tera once per register with a
//! placeholder for each, then filled per risk: 10,000 layouts through Tera
//! cost about 3% of a build. Used only while `risk.html` and `base.html`
//! are the built-ins; `tests/risk_body_html.rs` and `tests/row_html.rs`
//! build sites both ways and compare them byte for byte.

use crate::model::Register;
use crate::render::Env;
use crate::render::templates::push_escaped;

/// Placeholders: private-use characters, which no escaping changes.
const TITLE: &str = "\u{E000}title\u{E000}";
const ID: &str = "\u{E000}id\u{E000}";
const BODY: &str = super::super::parts::MARK;

enum Part {
    Text(String),
    Title,
    Id,
    Body,
}

/// `risk.html` of one register, with its title, id and body left open.
pub struct Layout {
    parts: Vec<Part>,
}

impl Layout {
    /// The layout of `reg`'s risk pages; `None` when the site has its own
    /// `risk.html` or `base.html`, when the body is not written without
    /// Tera (the page then goes through Tera with it), or when the
    /// placeholders did not come out whole (the page then renders as a
    /// whole).
    pub fn new(env: &Env, reg: &Register) -> Option<Layout> {
        if !env.templates.are_builtin(&["risk.html", "base.html"]) || !super::written(env) {
            return None;
        }
        let path = format!("registers/{}/{ID}.html", reg.id);
        let mut ctx = tera::Context::new();
        ctx.insert(
            "row",
            &serde_json::json!({ "id": ID, "register": { "text": reg.title } }),
        );
        ctx.insert(
            "register_url",
            &format!(
                "{}{}",
                crate::render::urls::RISK_PAGE_ROOT,
                crate::render::urls::register(reg)
            ),
        );
        ctx.insert("risk_body", BODY);
        let ctx = env.page_context(
            &path,
            TITLE,
            super::super::document::with_document(ctx, reg),
            Some(&reg.file),
        );
        let html = env.render_template("risk.html", &path, &ctx).ok()?;
        let parts = split(&html)?;
        let bodies = parts.iter().filter(|p| matches!(p, Part::Body)).count();
        (bodies == 1).then_some(Layout { parts })
    }

    /// The page of a risk titled `title` (its id and title) with id `id`
    /// and body `body`; `None` when the title is the site's, which the
    /// layout leaves out of the page's `<title>`.
    pub fn page(&self, env: &Env, title: &str, id: &str, body: &str) -> Option<String> {
        if title == env.site.info.title {
            return None;
        }
        let mut s = String::with_capacity(body.len() + 4096);
        for part in &self.parts {
            match part {
                Part::Text(t) => s.push_str(t),
                Part::Title => push_escaped(&mut s, title),
                Part::Id => push_escaped(&mut s, id),
                Part::Body => s.push_str(body),
            }
        }
        Some(s)
    }
}

/// `html` cut at each placeholder; `None` when a stray private-use
/// character (one of the site's own texts) makes that unsure.
fn split(html: &str) -> Option<Vec<Part>> {
    let mut parts = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('\u{E000}') {
        parts.push(Part::Text(rest[..at].to_string()));
        let tail = &rest[at..];
        let (part, len) = [(TITLE, Part::Title), (ID, Part::Id), (BODY, Part::Body)]
            .into_iter()
            .find(|(mark, _)| tail.starts_with(mark))
            .map(|(mark, part)| (part, mark.len()))?;
        parts.push(part);
        rest = &tail[len..];
    }
    parts.push(Part::Text(rest.to_string()));
    Some(parts)
}
