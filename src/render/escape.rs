//! HTML escaping, one definition for Tera's output and for the
//! components written in Rust: the same five characters to the same
//! entities as Tera's own escaping.

/// Tera's own HTML escaping, the same five characters to the same
/// entities, written a run of plain bytes at a time: Tera's writes every
/// byte on its own through `dyn Write`, which was about 9% of build CPU.
pub(crate) fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut plain = 0;
    for (i, b) in bytes.iter().enumerate() {
        let Some(entity) = entity(*b) else { continue };
        out.write_all(&bytes[plain..i])?;
        out.write_all(entity.as_bytes())?;
        plain = i + 1;
    }
    out.write_all(&bytes[plain..])
}

/// `escape_html` onto the end of a string.
pub(crate) fn push_escaped(out: &mut String, input: &str) {
    let mut plain = 0;
    for (i, b) in input.bytes().enumerate() {
        let Some(entity) = entity(b) else { continue };
        out.push_str(&input[plain..i]);
        out.push_str(entity);
        plain = i + 1;
    }
    out.push_str(&input[plain..]);
}

/// Text escaped as `push_escaped` escapes it, for `write!`: `Esc(x)`.
pub(crate) struct Esc<'a>(pub &'a str);

impl std::fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut plain = 0;
        for (i, b) in self.0.bytes().enumerate() {
            let Some(entity) = entity(b) else { continue };
            f.write_str(&self.0[plain..i])?;
            f.write_str(entity)?;
            plain = i + 1;
        }
        f.write_str(&self.0[plain..])
    }
}

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($s:expr, $($t:tt)*) => {{
        use std::fmt::Write as _;
        let _ = write!($s, $($t)*);
    }};
}
pub(crate) use w;

/// The entity Tera writes for `b`, when it escapes it.
fn entity(b: u8) -> Option<&'static str> {
    Some(match b {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'"' => "&quot;",
        b'\'' => "&#39;",
        _ => return None,
    })
}

#[cfg(test)]
mod escape_tests {
    #[test]
    fn escapes_byte_for_byte_as_tera_does() {
        let texts = [
            "",
            "plain",
            "&",
            "<a href=\"x\">it's</a>",
            "a < b && c > d",
            "'''\"\"\"",
            "ends with &",
            "é ü 🔴 <é>",
            "no-break\u{a0}space & tab\t",
        ];
        for text in texts {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            super::escape_html(text, &mut ours).unwrap();
            tera::escape_html(text, &mut teras).unwrap();
            let teras = String::from_utf8(teras).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), teras, "{text:?}");
            let mut pushed = "kept ".to_string();
            super::push_escaped(&mut pushed, text);
            assert_eq!(pushed, format!("kept {teras}"), "{text:?}");
            assert_eq!(super::Esc(text).to_string(), teras, "{text:?}");
        }
    }
}
