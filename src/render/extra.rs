//! `extra:` data as HTML: a definition list, nested values indented.

use super::markdown::esc;
use crate::model::Extra;

/// A mapping becomes `<dl>`, a list `<ul>`, a scalar its text as written.
pub fn html(e: &Extra) -> String {
    let mut out = String::new();
    write(e, &mut out);
    out
}

fn write(e: &Extra, out: &mut String) {
    match e {
        Extra::Scalar { text, .. } => out.push_str(&esc(text)),
        Extra::List(items) => {
            out.push_str("<ul class=\"extra\">");
            for i in items {
                out.push_str("<li>");
                write(i, out);
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        }
        Extra::Map(entries) => {
            out.push_str("<dl class=\"facts extra\">");
            for (k, v) in entries {
                out.push_str("<dt>");
                out.push_str(&esc(k));
                out.push_str("</dt><dd>");
                write(v, out);
                out.push_str("</dd>");
            }
            out.push_str("</dl>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::text::ScalarKind;

    #[test]
    fn nested_values_as_definition_lists() {
        let s = |t: &str| Extra::Scalar {
            text: t.into(),
            kind: ScalarKind::Str,
        };
        let e = Extra::Map(vec![
            ("cost".into(), s("1.50")),
            (
                "who".into(),
                Extra::List(vec![s("a<b"), Extra::Map(vec![("k".into(), s("v"))])]),
            ),
        ]);
        assert_eq!(
            html(&e),
            "<dl class=\"facts extra\"><dt>cost</dt><dd>1.50</dd><dt>who</dt><dd><ul class=\"extra\"><li>a&lt;b</li><li><dl class=\"facts extra\"><dt>k</dt><dd>v</dd></dl></li></ul></dd></dl>"
        );
    }
}
