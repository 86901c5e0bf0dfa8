//! The sanitizer may be skipped only where it would change nothing: this
//! renders Markdown both ways on a small site, for the unit test below and
//! the `markdown` fuzzer.

use crate::diagnostics::SourceFile;
use crate::links::{LinkSource, Resolver, Target};
use crate::markdown::html::{Origin, RenderCtx, render_events, render_to};
use crate::markdown::sanitize::{Sanitize, plain_paragraph};
use crate::markdown::slug::Slugger;
use std::sync::LazyLock;

/// Whether Markdown skipped by the sanitizer renders as it would through
/// it, and a plain line written without a parse as pulldown-cmark writes
/// it: `md` as a page of a small site, rendered each way. For the unit
/// test and the `markdown` fuzzer; `None` when `md` needs the sanitizer.
#[doc(hidden)]
pub fn sanitizer_agrees(md: &str) -> Option<bool> {
    static SITE: LazyLock<crate::model::Site> = LazyLock::new(|| {
        let files = [
            (
                "registers/ops.yaml",
                "title: Ops\nrisks:\n  - {id: R-1, title: T, probability: low, impact: low}\n",
            ),
            ("docs/a.md", "# A\n\n## Steps\n"),
        ]
        .map(|(p, t)| (std::path::PathBuf::from(p), t.to_string()));
        let mut diags = crate::diagnostics::Diagnostics::default();
        let loaded = crate::load::load_from_memory(&files, &mut diags);
        let today = crate::model::Date::parse("2026-03-01").expect("a date");
        crate::validate::validate(loaded, today, &mut diags)
    });
    let resolver = Resolver::new(&SITE);
    let file = SourceFile::new("docs/fuzz.md", md);
    let url_of = |t: &Target| format!("{t:?}.html");
    let none = |_: &str| None;
    let ids = std::cell::RefCell::new(Slugger::default());
    let ctx = RenderCtx {
        resolver: &resolver,
        from: LinkSource::Page(0),
        url_of: &url_of,
        to_root: "../",
        origin: Origin::Body {
            file: &file,
            offset: 0,
        },
        headings: None,
        after_heading: &none,
        page_ids: Some(&ids),
        want_html: true,
        heading_base: None,
    };
    let (fast, _, sanitized) = render_to(md, &ctx, Sanitize::WhenNeeded);
    // A plain line, written without a parse, is what pulldown-cmark writes.
    if let Some(plain) = plain_paragraph(md) {
        *ids.borrow_mut() = Slugger::default();
        if plain != render_events(md, &ctx, Sanitize::WhenNeeded).0 {
            return Some(false);
        }
    }
    if sanitized {
        return None;
    }
    *ids.borrow_mut() = Slugger::default();
    let (slow, ..) = render_to(md, &ctx, Sanitize::Always);
    Some(fast == slow)
}

#[cfg(test)]
mod tests {
    use super::sanitizer_agrees;
    use crate::markdown::sanitize::plain_paragraph;

    /// Markdown of many shapes: the example site, the fixtures, the fuzz
    /// seeds (whole, by block and by line), and pairs of constructs that the
    /// sanitizer writes differently from pulldown-cmark or removes.
    fn texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for dir in ["content", "tests/fixtures", "fuzz/seeds"] {
            for e in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    texts.extend(t.split("\n\n").map(String::from));
                    texts.extend(t.lines().map(String::from));
                    texts.push(t);
                }
            }
        }
        let parts = [
            "# H",
            "## Head {#own-id}",
            "## Odd {#a&b}",
            "text",
            "*em* and **strong**",
            "~~gone~~",
            "`code`",
            "a  \nb",
            "a\\\nb",
            "---",
            "***",
            "| a | b | c |\n|:--|--:|:-:|\n| 1 | 2 | 3 |",
            "- [ ] open\n- [x] done",
            "1. one\n2. two",
            "3. three",
            "> quote\n> more",
            "```rust\nlet x = 1;\n```",
            "```a\"b\nx\n```",
            "    indented code",
            "[page](a.md#steps)",
            "[missing](nope.md)",
            "[ext](https://example.com/a?b=1&c=2)",
            "[js](javascript:alert(1))",
            "[data](data:text/html,x)",
            "[titled](https://e.com \"title\")",
            "[t](https://e.com \"a > b\")",
            "![alt](x.png)",
            "note[^1]\n\n[^1]: the note",
            "&nbsp;",
            "&lt;b&gt;",
            "&amp; &quot;q&quot; &#39;",
            "&#1; &#0;",
            "it's \"quoted\"",
            "x > y & z",
            "\u{a0}",
            "é ü 🔴 ðŸ”´",
            "[a](<a b>)",
            "[q](a'b.md)",
            "http://bare.example",
            "\\*escaped\\*",
            "line\r\nwindows",
            "\ttab",
            "<b>raw</b>",
            "[mail](mailto:a@b.c)",
            "[e](#steps)",
            "[x](//host/p)",
        ];
        // Short lines of the characters a plain line may hold, and of some
        // it may not, as a fixed pseudo-random sequence.
        let alphabet: Vec<char> = "aZé🔴1 ,.;:()%/+=?>-#*_[]<&\"'\t\\!|~`".chars().collect();
        let mut seed: u64 = 0x5eed;
        for _ in 0..4000 {
            let mut t = String::new();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            for _ in 0..(seed >> 60) + 1 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                // Mostly letters and spaces, as words are.
                let k = (seed >> 33) as usize % (alphabet.len() * 2);
                t.push(alphabet[if k < alphabet.len() { k } else { k % 6 }]);
            }
            texts.push(t);
        }
        for a in parts {
            texts.push(a.to_string());
            for b in parts {
                for sep in ["\n\n", " ", "\n"] {
                    texts.push(format!("{a}{sep}{b}"));
                }
            }
        }
        texts
    }

    #[test]
    fn the_sanitizer_would_change_nothing_where_it_is_skipped() {
        let (mut skipped, mut needed, mut plain) = (0, 0, 0);
        for t in texts() {
            match sanitizer_agrees(&t) {
                Some(true) => skipped += 1,
                Some(false) => panic!("the sanitizer, or a parse, would change {t:?}"),
                None => needed += 1,
            }
            plain += usize::from(plain_paragraph(&t).is_some());
        }
        // Every path is taken, many times each.
        assert!(skipped > 5_000 && needed > 1_000, "{skipped} {needed}");
        assert!(plain > 400, "{plain} plain lines");
    }
}
