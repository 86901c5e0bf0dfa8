//! `registers/<reg>/<risk-id>.html`: every field of one risk.

mod html;
mod layout;
pub mod view;
pub use layout::Layout;

use super::{Out, push};
use crate::diagnostics::Diagnostic;
use crate::model::RiskRef;
use crate::render::Env;
use crate::render::markdown::Fields;
use crate::render::urls;
use view::Body;

/// A risk's body as its own page shows it (`risk_body.html` at heading
/// level 1), for the register's printed document to reuse.
pub struct PageBody {
    html: String,
    ids: Ids,
    root: String,
}

/// The ids `risk_body.html` writes itself: the risk's heading and the
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
    layout: Option<&Layout>,
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
    let page_context = |ctx| {
        let ctx = super::document::with_document(ctx, reg);
        env.page_context(&path, &title, ctx, Some(&reg.file))
    };
    // The body once, for the page (`risk_body`) and the printed document.
    let (page, body) = if written(env) {
        let html = html::risk_body(env, &body, &urls::to_root(&path));
        if let Some(page) = layout.and_then(|l| l.page(env, &title, &r.id, &html)) {
            out.file(path, page.into_bytes());
            return reuse(env, r, html, ids);
        }
        // The built-in page reads only these; one of the site's own may
        // read every value of the body.
        let mut ctx =
            if env.templates.is_builtin("risk.html") && env.templates.is_builtin("base.html") {
                let mut ctx = tera::Context::new();
                ctx.insert_value("row", env.row_value(body.row));
                ctx.insert("register_url", &body.register_url);
                ctx
            } else {
                body.context(env)
            };
        ctx.insert("risk_body", &html);
        let page = env.render_template("risk.html", &path, &page_context(ctx));
        (page, Some(html))
    } else {
        let ctx = page_context(body.context(env));
        match env.render_template("risk_body.html", &path, &ctx) {
            Ok(html) => {
                let mut ctx = ctx;
                ctx.insert("risk_body", &html);
                (env.render_template("risk.html", &path, &ctx), Some(html))
            }
            Err(d) => (Err(d), None),
        }
    };
    push(out, errs, path, page);
    body.and_then(|html| reuse(env, r, html, ids))
}

/// The body of a risk page, kept for its register's printed document when
/// that may show it as it is (`PageBody::reuse`).
fn reuse(env: &Env, r: &crate::model::Risk, html: String, ids: Ids) -> Option<PageBody> {
    (written(env) && reusable(r)).then_some(PageBody {
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

/// Whether risk bodies are written without Tera (`html.rs`): while the
/// site keeps the built-in `risk_body.html` and `components.html`.
fn written(env: &Env) -> bool {
    env.templates.is_builtin("risk_body.html") && env.templates.is_builtin("components.html")
}

/// Body `b` as a part of the page at `path` (the register's printed
/// document): written while the built-ins are the site's, else through its
/// `risk_body.html`.
pub fn fragment(env: &Env, b: &Body, path: &str) -> Result<String, Diagnostic> {
    if written(env) {
        return Ok(html::risk_body(env, b, &urls::to_root(path)));
    }
    env.fragment("risk_body.html", path, b.context(env))
}

/// Risk `rr`'s body at heading level `h` (1 on its page, 3 in its
/// register's printed document) through `risk_body.html`, and written
/// directly: the two must agree while the templates are the built-ins.
pub fn both_ways(env: &Env, rr: RiskRef, h: u8) -> (Result<String, Diagnostic>, String) {
    let reg = &env.site.registers[rr.register];
    let r = &reg.risks[rr.risk];
    let path = match h {
        1 => urls::risk(reg, r),
        _ => urls::register_print(reg),
    };
    let history = super::history::register_history(env, rr.register);
    let fields = Fields::new(env, rr.register, &path);
    if h > 1 {
        fields.set_section_level(h + 1);
    }
    let ids = Ids::take(&fields, r);
    let body = Body::new(env, rr, history.of_risk(&r.id), &fields, &ids, h);
    let by_tera = env.fragment("risk_body.html", &path, body.context(env));
    (by_tera, html::risk_body(env, &body, &urls::to_root(&path)))
}

#[cfg(test)]
mod tests {
    use super::headings_down;

    #[test]
    fn headings_go_down_and_nothing_else_changes() {
        let html = "<h1 id=\"a\">A</h1><header><hr><h2>B</h2><p>h1 &lt;h2&gt; <b>x</b></p></h2>";
        assert_eq!(
            headings_down(html, 2).unwrap(),
            "<h3 id=\"a\">A</h3><header><hr><h4>B</h4><p>h1 &lt;h2&gt; <b>x</b></p></h4>"
        );
        assert_eq!(headings_down("<h5>x</h5>", 1).unwrap(), "<h6>x</h6>");
        assert_eq!(headings_down("<h5>x</h5>", 2), None, "past h6");
        assert_eq!(headings_down("a < b <", 2).unwrap(), "a < b <");
        assert_eq!(
            headings_down("<h<h1></h</h2><h", 1).unwrap(),
            "<h<h2></h</h3><h"
        );
        assert_eq!(headings_down("é<h1>ü</h1>", 1).unwrap(), "é<h2>ü</h2>");
    }

    /// Against a plain reading of the rule, on pseudo-random strings of
    /// the characters that matter.
    #[test]
    fn headings_down_agrees_with_the_rule() {
        fn by_rule(html: &str, by: u8) -> Option<String> {
            let b = html.as_bytes();
            let mut out = b.to_vec();
            for i in 0..b.len() {
                let d = if b[i..].starts_with(b"<h") {
                    i + 2
                } else if b[i..].starts_with(b"</h") {
                    i + 3
                } else {
                    continue;
                };
                if let Some(c @ b'1'..=b'6') = b.get(d) {
                    out[d] = c + by;
                    if out[d] > b'6' {
                        return None;
                    }
                }
            }
            String::from_utf8(out).ok()
        }
        let alphabet = ['<', 'h', '/', '1', '3', '5', '6', 'x', ' ', 'é'];
        let mut seed: u64 = 7;
        for _ in 0..5_000 {
            let mut s = String::new();
            for _ in 0..(seed % 24) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            for by in [1, 2] {
                assert_eq!(headings_down(&s, by), by_rule(&s, by), "{s:?} by {by}");
            }
        }
    }
}
