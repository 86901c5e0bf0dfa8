//! GitHub's emoji shortcodes (`:warning:`, `:white_check_mark:`) in text,
//! from gemoji's table as the `emojis` crate carries it. Code is never
//! touched: the renderer passes only text events here.

/// `text` with every known shortcode replaced by its emoji; `None` when
/// it holds none (the common case costs one search for `:`).
pub fn replace(text: &str) -> Option<String> {
    let mut out: Option<String> = None;
    let mut done = 0;
    let mut from = 0;
    while let Some(open) = text[from..].find(':').map(|i| from + i) {
        let rest = &text[open + 1..];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || "_+-".contains(c)))
            .unwrap_or(rest.len());
        let name = &rest[..len];
        match (rest[len..].starts_with(':'), emojis::get_by_shortcode(name)) {
            (true, Some(emoji)) if !name.is_empty() => {
                let s = out.get_or_insert_with(|| String::with_capacity(text.len()));
                s.push_str(&text[done..open]);
                s.push_str(emoji.as_str());
                done = open + len + 2;
                from = done;
            }
            // The closing `:` may open the next shortcode (`:a::warning:`).
            _ => from = open + 1 + len,
        }
    }
    let mut s = out?;
    s.push_str(&text[done..]);
    Some(s)
}

/// Whether `text` holds a shortcode `replace` would change.
pub fn has_shortcode(text: &str) -> bool {
    text.contains(':') && replace(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::replace;

    #[test]
    fn known_shortcodes_become_emoji() {
        assert_eq!(
            replace(":warning: check :white_check_mark:").as_deref(),
            Some("⚠️ check ✅")
        );
        assert_eq!(replace("a:+1:b").as_deref(), Some("a👍b"));
        assert_eq!(replace("x::rocket:").as_deref(), Some("x:🚀"));
    }

    #[test]
    fn times_urls_and_unknown_names_stay() {
        for text in [
            "10:30:00",
            "at :nosuchemoji: now",
            "https://a.b:8080/x",
            ":",
            "::",
            ": :",
        ] {
            assert_eq!(replace(text), None, "{text}");
        }
    }
}
