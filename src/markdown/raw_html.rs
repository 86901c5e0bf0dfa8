//! Links and images written as raw HTML inside Markdown.
//!
//! They are found in the *sanitized* HTML: ammonia serializes with
//! html5ever, so every `<` of text is escaped and every attribute value is
//! double-quoted with `&` and `"` escaped. Its tags can therefore be walked
//! exactly without parsing arbitrary HTML. Each `href` of an `<a>` and `src`
//! of an `<img>` goes through `on_url`, which may replace it; an `<img>`
//! with no `alt` gets `alt=""` and is reported through `on_missing_alt`.

/// What the walk found in one tag.
pub enum Url<'a> {
    /// `<a href>`.
    Link(&'a str),
    /// `<img src>`.
    Image(&'a str),
}

/// Rewrites the URLs of `<a href>` and `<img src>` in sanitized `html`.
/// `on_url` gets each URL unescaped and returns its replacement (or `None`
/// to keep it); `on_missing_alt` gets the `src` of each image without `alt`.
pub fn rewrite(
    html: &str,
    on_url: &mut dyn FnMut(Url) -> Option<String>,
    on_missing_alt: &mut dyn FnMut(&str),
) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let end = tag_end(rest);
        let tag = &rest[..end];
        out.push_str(&rewrite_tag(tag, on_url, on_missing_alt));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Length of the tag at the start of `s` (up to and with its `>`), quotes honoured.
fn tag_end(s: &str) -> usize {
    let mut quoted = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return i + 1,
            _ => {}
        }
    }
    s.len()
}

fn rewrite_tag(
    tag: &str,
    on_url: &mut dyn FnMut(Url) -> Option<String>,
    on_missing_alt: &mut dyn FnMut(&str),
) -> String {
    let name_end = tag[1..]
        .find(|c: char| !c.is_ascii_alphanumeric())
        .map(|i| i + 1)
        .unwrap_or(tag.len());
    let name = &tag[1..name_end];
    let (is_link, is_img) = (
        name.eq_ignore_ascii_case("a"),
        name.eq_ignore_ascii_case("img"),
    );
    if !is_link && !is_img {
        return tag.to_string();
    }
    let mut out = String::with_capacity(tag.len() + 8);
    out.push_str(&tag[..name_end]);
    let mut has_alt = false;
    let mut src = String::new();
    let mut rest = &tag[name_end..];
    loop {
        let trimmed = rest.trim_start();
        out.push_str(&rest[..rest.len() - trimmed.len()]);
        rest = trimmed;
        if rest.is_empty() || rest.starts_with('>') || rest.starts_with("/>") {
            break;
        }
        let attr_end = rest.find(['=', ' ', '>']).unwrap_or(rest.len());
        let attr = &rest[..attr_end];
        out.push_str(attr);
        rest = &rest[attr_end..];
        let Some(after_eq) = rest.strip_prefix("=\"") else {
            continue;
        };
        let close = after_eq.find('"').unwrap_or(after_eq.len());
        let value = &after_eq[..close];
        rest = after_eq.get(close + 1..).unwrap_or("");
        let unescaped = unescape(value);
        let replaced = match (attr, is_link) {
            ("href", true) => on_url(Url::Link(&unescaped)),
            ("src", false) => {
                src = unescaped.clone();
                on_url(Url::Image(&unescaped))
            }
            ("alt", false) => {
                has_alt = true;
                None
            }
            _ => None,
        };
        out.push_str("=\"");
        match replaced {
            Some(new) => out.push_str(&escape(&new)),
            None => out.push_str(value),
        }
        out.push('"');
    }
    if is_img && !has_alt {
        on_missing_alt(&src);
        out.push_str(" alt=\"\"");
    }
    out.push_str(rest);
    out
}

fn unescape(v: &str) -> String {
    if !v.contains('&') {
        return v.to_string();
    }
    v.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

fn escape(v: &str) -> String {
    v.replace('&', "&amp;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_links_and_images_and_adds_missing_alt() {
        let html = r#"<p>a &lt;b&gt; <a href="x.md?a=1&amp;b=2" title="t>">x</a> <img src="i.png"> <img alt="ok" src="j.png"></p>"#;
        let mut seen = Vec::new();
        let mut missing = Vec::new();
        let out = rewrite(
            html,
            &mut |u| {
                let s = match u {
                    Url::Link(s) | Url::Image(s) => s.to_string(),
                };
                seen.push(s.clone());
                Some(format!("../{s}"))
            },
            &mut |src| missing.push(src.to_string()),
        );
        assert_eq!(seen, ["x.md?a=1&b=2", "i.png", "j.png"]);
        assert_eq!(missing, ["i.png"]);
        assert_eq!(
            out,
            r#"<p>a &lt;b&gt; <a href="../x.md?a=1&amp;b=2" title="t>">x</a> <img src="../i.png" alt=""> <img alt="ok" src="../j.png"></p>"#
        );
    }
}
