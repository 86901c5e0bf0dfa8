//! `registers/<reg>/<risk-id>.html`: every field of one risk.

mod factors;
mod html;
pub mod view;

use super::{Out, push};
use crate::diagnostics::Diagnostic;
use crate::model::RiskRef;
use crate::render::Env;
use crate::render::markdown::Fields;
use crate::render::urls;
use view::Body;

/// A risk's body as its own page shows it (heading level 1), for the
/// register's printed document to reuse.
pub struct PageBody {
    html: String,
    ids: Ids,
    root: String,
}

/// The ids the body writes itself: the risk's heading and the
/// "Extra data" heading. Taken from a page's `Fields` before any Markdown.
#[derive(PartialEq, Eq)]
pub struct Ids {
    heading: String,
    extra: String,
}

impl Ids {
    pub fn take(fields: &Fields, r: &crate::model::Risk) -> Ids {
        Ids {
            heading: fields.id(&format!("risk {}", r.id)),
            extra: fields.id("extra-data"),
        }
    }
}

/// `registers/<reg>/<risk-id>.html`. Returns its body when the register's
/// printed document may reuse it (`PageBody::reuse`).
pub fn render(
    env: &Env,
    rr: RiskRef,
    history: &[super::history::RiskChange],
    out: &Out,
    errs: &mut Vec<Diagnostic>,
) -> Option<PageBody> {
    let reg = &env.site.registers[rr.register];
    let r = &reg.risks[rr.risk];
    let path = urls::risk(reg, r);
    let fields = Fields::new(env, rr.register, &path);
    let ids = Ids::take(&fields, r);
    let body = Body::new(env, rr, history, &fields, &ids, 1);
    errs.extend(fields.into_diagnostics());
    let title = format!("{} {}", r.id, r.title);
    // The built-in `risk.html` reads only these of the body's values; one
    // of the site's own gets every value, as a `risk_body.html` does.
    let mut ctx =
        if env.templates.are_builtin(&["risk.html", "base.html"]) && !env.templates.own_risk_body {
            let mut ctx = tera::Context::new();
            ctx.insert_value("row", env.row_value(body.row));
            ctx.insert("register_url", &body.register_url);
            ctx
        } else {
            body.context(env)
        };
    ctx = env.page_context(
        &path,
        &title,
        super::document::with_document(ctx, reg),
        Some(&reg.file),
    );
    let html = match body_html(env, &body, &path, &ctx) {
        Ok(html) => html,
        Err(d) => {
            errs.push(d);
            return None;
        }
    };
    ctx.insert("risk_body", &html);
    let page = env.render_template("risk.html", &path, &ctx);
    push(out, errs, path, page);
    reuse(env, r, html, ids)
}

/// Body `b` on the page at `path`: through the site's own
/// `risk_body.html` with the page's context `ctx`, else written by
/// riskbook (`html.rs`).
fn body_html(env: &Env, b: &Body, path: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
    match env.templates.own_risk_body {
        true => env.render_template("risk_body.html", path, ctx),
        false => Ok(html::risk_body(env, b, &urls::to_root(path))),
    }
}

/// The body of a risk page, kept for its register's printed document when
/// that may show it as it is (`PageBody::reuse`).
fn reuse(env: &Env, r: &crate::model::Risk, html: String, ids: Ids) -> Option<PageBody> {
    (!env.templates.own_risk_body && reusable(r)).then_some(PageBody {
        html,
        ids,
        root: urls::RISK_PAGE_ROOT.to_string(),
    })
}

impl PageBody {
    /// The body as the printed document at `print_path` shows it, where
    /// the risk's heading is at level 3 and its ids are `ids`: the page's
    /// body with every heading two levels down, when nothing else differs.
    /// `None` when it must be rendered again.
    pub fn reuse(&self, r: &crate::model::Risk, ids: &Ids, print_path: &str) -> Option<String> {
        let same_ids =
            self.ids.heading == ids.heading && (r.extra.is_none() || self.ids.extra == ids.extra);
        if !same_ids || self.root != urls::to_root(print_path) {
            return None;
        }
        headings_down(&self.html, 2)
    }
}

/// `html` with every heading tag `by` levels lower (`<h1 ...>` to `<h3 ...>`
/// for 2); `None` when one would go past `<h6>`. Sound only for HTML whose
/// every `<h` and digit is a heading tag: text is escaped, and a reusable
/// risk's Markdown holds no raw HTML.
fn headings_down(html: &str, by: u8) -> Option<String> {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for at in memchr::memchr_iter(b'<', bytes) {
        let digit = match bytes.get(at + 1) {
            Some(b'h') => at + 2,
            Some(b'/') if bytes.get(at + 2) == Some(&b'h') => at + 3,
            _ => continue,
        };
        if let Some(d @ b'1'..=b'6') = bytes.get(digit) {
            let level = d - b'0' + by;
            if level > 6 {
                return None;
            }
            // ASCII on both sides: the cuts are character boundaries.
            out.push_str(&html[copied..digit]);
            out.push(char::from(b'0' + level));
            copied = digit + 1;
        }
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// Whether the risk's context reads the same on every page of its folder:
/// its Markdown makes no element id (no heading, footnote or raw HTML), so
/// only the two ids the template writes itself differ between its page and
/// the register's printed document. Conservative: a line that could start
/// a heading in any container (`- # x`, `> # x`) says no.
fn reusable(r: &crate::model::Risk) -> bool {
    let marker = |c: char| " \t>-*+.)".contains(c) || c.is_ascii_digit();
    r.markdown_fields().iter().all(|m| {
        !m.text.contains('<')
            && !m.text.contains("[^")
            && !m.text.lines().any(|l| {
                let t = l.trim();
                l.trim_start_matches(marker).starts_with('#')
                    || (!t.is_empty() && t.chars().all(|c| c == '=' || c == '-'))
            })
    })
}

/// Body `b` as a part of the page at `path` (the register's printed
/// document): through the site's own `risk_body.html`, else written.
pub fn fragment(env: &Env, b: &Body, path: &str) -> Result<String, Diagnostic> {
    match env.templates.own_risk_body {
        true => env.fragment("risk_body.html", path, b.context(env)),
        false => Ok(html::risk_body(env, b, &urls::to_root(path))),
    }
}
