//! Large parts of a page put in after Tera: a table of 10,000 rows, the
//! risks' bodies of a printed document. Tera renders a placeholder for
//! each (`MARK`) and the part is written in after (`render_with_parts`),
//! so megabytes of HTML are never copied into a context, through a
//! template and out again. Used only where every template that sees the
//! parts is a built-in one; `tests/risk_body_html.rs` builds sites both
//! ways and compares them byte for byte.

use crate::diagnostics::Diagnostic;
use crate::render::Env;

/// A part's placeholder: private-use characters, which no escaping
/// changes. The risk pages' layout (`risk::Layout`) uses it for the body.
pub const MARK: &str = "\u{E000}body\u{E000}";

/// Renders `template` for the page at `path` with `ctx`, in which the
/// caller put `MARK` where each of `parts` goes, in order, and writes the
/// parts in. When one of the site's texts holds a private-use character
/// itself, `whole` puts the parts themselves in and the page renders again.
pub fn render_with_parts(
    env: &Env,
    template: &str,
    path: &str,
    mut ctx: tera::Context,
    parts: &[impl AsRef<str>],
    whole: impl FnOnce(&mut tera::Context),
) -> Result<String, Diagnostic> {
    let html = env.render_template(template, path, &ctx)?;
    if let Some(html) = fill(&html, parts) {
        return Ok(html);
    }
    whole(&mut ctx);
    env.render_template(template, path, &ctx)
}

/// `html` with its marks replaced by `parts`, in order; `None` unless it
/// holds one mark per part and no other private-use character.
pub fn fill(html: &str, parts: &[impl AsRef<str>]) -> Option<String> {
    let size = html.len() + parts.iter().map(|p| p.as_ref().len()).sum::<usize>();
    let mut s = String::with_capacity(size);
    let mut next = parts.iter();
    let mut rest = html;
    while let Some(at) = rest.find('\u{E000}') {
        s.push_str(&rest[..at]);
        rest = rest[at..].strip_prefix(MARK)?;
        s.push_str(next.next()?.as_ref());
    }
    s.push_str(rest);
    next.next().is_none().then_some(s)
}

/// The template value of a risk-table row whose HTML is put in after Tera:
/// `{html: MARK}`. The built-in tables read nothing of a row but its
/// `html`.
pub fn row_mark() -> tera::Value {
    tera::Value::from(std::collections::BTreeMap::from([(
        "html",
        tera::Value::safe_string(MARK),
    )]))
}

#[cfg(test)]
mod tests {
    use super::{MARK, fill};

    #[test]
    fn marks_are_filled_in_order_and_anything_unsure_is_refused() {
        let page = format!("<p>{MARK}</p><ul>{MARK}</ul>");
        assert_eq!(fill(&page, &["a", "<b>"]).unwrap(), "<p>a</p><ul><b></ul>");
        assert_eq!(fill("no marks", &[] as &[&str]).unwrap(), "no marks");
        assert_eq!(fill(&page, &["a"]), None, "a mark with no part");
        assert_eq!(fill(&page, &["a", "b", "c"]), None, "a part with no mark");
        let stray = format!("<p>{MARK}</p> \u{E000}");
        assert_eq!(fill(&stray, &["a"]), None, "a stray private-use character");
        let other = format!("<p>{MARK}</p>\u{E000}title\u{E000}");
        assert_eq!(fill(&other, &["a"]), None, "another placeholder");
    }
}
