//! Runbooks as GitHub renders them (alerts, highlighted code, diagrams,
//! emoji), checked in the HTML of `tests/fixtures/runbook`, a runbook in
//! the shapes public runbooks use. The browser side (the diagram drawn,
//! copy buttons, axe in light and dark) is in `tests/browser.rs`.

mod common;
use common::*;
use std::path::Path;

fn runbook_pages() -> (tempfile::TempDir, String, String) {
    let (tmp, out, _) = built("runbook");
    let page = std::fs::read_to_string(out.join("docs/gateway-rollback.html")).unwrap();
    let risk = std::fs::read_to_string(out.join("registers/payments/PAY-1.html")).unwrap();
    (tmp, page, risk)
}

/// The HTML of each `<pre data-lang="...">` block of `html`, by language.
fn blocks(html: &str) -> Vec<(String, String)> {
    html.split("<pre data-lang=\"")
        .skip(1)
        .map(|rest| {
            let (lang, body) = rest.split_once('"').unwrap();
            let body = body.split("</pre>").next().unwrap();
            (lang.to_string(), body.to_string())
        })
        .collect()
}

#[test]
fn every_alert_kind_is_a_callout_with_its_title_in_words() {
    let (_tmp, page, risk) = runbook_pages();
    for (kind, title) in [
        ("note", "Note"),
        ("tip", "Tip"),
        ("important", "Important"),
        ("warning", "Warning"),
        ("caution", "Caution"),
    ] {
        let open = format!("<div class=\"markdown-alert markdown-alert-{kind}\" role=\"note\">");
        let at = page
            .find(&open)
            .unwrap_or_else(|| panic!("no {kind} callout"));
        let after = &page[at..];
        let title_at = after.find("<p class=\"markdown-alert-title\">").unwrap();
        assert!(
            after[title_at..]
                .split("</p>")
                .next()
                .unwrap()
                .ends_with(title),
            "{kind}: {}",
            &after[..300]
        );
        assert!(
            after.contains("aria-hidden=\"true\""),
            "the icon is decoration"
        );
    }
    // The marker is gone, in pages and in register fields alike.
    assert!(!page.contains("[!"), "a raw alert marker is left");
    assert!(risk.contains("markdown-alert-caution") && !risk.contains("[!CAUTION]"));
    // The callout holds its text, and the blockquote is not left around it.
    assert_contains(&page, "Rolling back drops in-flight authorisations");
    assert_lacks(&page, "<blockquote class=\"markdown-alert");
}

#[test]
fn every_runbook_language_is_highlighted_and_unknown_ones_are_plain() {
    let (_tmp, page, _) = runbook_pages();
    let found = blocks(&page);
    let langs: Vec<&str> = found.iter().map(|(l, _)| l.as_str()).collect();
    for lang in [
        "bash",
        "sh",
        "shell",
        "console",
        "sql",
        "postgresql",
        "yaml",
        "json",
        "toml",
        "tf",
        "hcl",
        "dockerfile",
        "diff",
        "python",
        "go",
        "rust",
        "typescript",
        "javascript",
    ] {
        let (_, body) = found
            .iter()
            .find(|(l, _)| l == lang)
            .unwrap_or_else(|| panic!("no {lang} block among {langs:?}"));
        assert!(
            body.contains("<span class=\"hl-"),
            "{lang} has no token spans: {body}"
        );
        assert!(
            body.starts_with(&format!(" tabindex=\"0\"><code class=\"language-{lang}\">")),
            "{lang}: {body}"
        );
    }
    // A language riskbook has no grammar for is shown as written, never an error.
    let (_, promql) = found.iter().find(|(l, _)| l == "promql").unwrap();
    assert_lacks(promql, "<span");
    assert_contains(promql, "rate(auth_errors[5m]) &gt; 0.02");
    // A block without a language (the ASCII tree) and an indented block:
    // plain, in the same wrapper, so they get a copy button too.
    assert_contains(
        &page,
        "<div class=\"code-block\"><pre tabindex=\"0\"><code>errors &gt; 2%?\n├─ yes",
    );
    assert_contains(
        &page,
        "<div class=\"code-block\"><pre tabindex=\"0\"><code>indented block: kubectl",
    );
    // Token classes are named by scope: comments and strings are told apart.
    let (_, sql) = found.iter().find(|(l, _)| l == "sql").unwrap();
    assert_contains(sql, "<span class=\"hl-comment");
    assert_contains(sql, "<span class=\"hl-string");
}

#[test]
fn a_shell_session_keeps_prompts_and_output_apart_from_commands() {
    let (_tmp, page, risk) = runbook_pages();
    for html in [&page, &risk] {
        let (_, session) = blocks(html)
            .into_iter()
            .find(|(l, _)| l == "console")
            .expect("a console block");
        assert_contains(
            &session,
            "<span class=\"hl-prompt\">$ </span><span class=\"cmd\">",
        );
        assert_contains(&session, "<span class=\"hl-output\">");
    }
    // A `# ` prompt is a (root) command line, not output.
    assert_contains(
        &page,
        "<span class=\"hl-prompt\"># </span><span class=\"cmd\">",
    );
}

#[test]
fn diagrams_stay_source_text_for_the_bundled_mermaid() {
    let (tmp, page, _) = runbook_pages();
    let at = page
        .find("<pre class=\"mermaid\">flowchart TD")
        .expect("a diagram");
    let diagram = page[at..].split("</pre>").next().unwrap();
    assert_contains(diagram, "A[Authorisation errors above 2%] --&gt; B{");
    // The site carries mermaid and its licence, loaded by the script only
    // where a page has a diagram.
    let assets = tmp.path().join("site/assets");
    let script = std::fs::read(assets.join("mermaid.min.js")).unwrap();
    assert!(script.len() > 1_000_000 && script.starts_with(b"\"use strict\""));
    let licence = std::fs::read_to_string(assets.join("mermaid.LICENSE")).unwrap();
    assert_contains(&licence, "MIT License");
    let app = std::fs::read_to_string(assets.join("app.js")).unwrap();
    assert_contains(&app, "assets/mermaid.min.js");
    assert!(
        !page.contains("mermaid.min.js"),
        "no page loads it by itself"
    );
}

#[test]
fn a_site_without_diagrams_carries_no_mermaid() {
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", &register("")),
        (
            "content/docs/p.md",
            "# P\n\nmermaid, the word.\n\n```text\nmermaid\n```\n",
        ),
    ]);
    site.build_ok();
    assert!(!site.out().join("assets/mermaid.min.js").exists());
    assert!(!site.out().join("assets/mermaid.LICENSE").exists());
    // A diagram in a risk's description is enough.
    site.write(
        "content/registers/ops.yaml",
        register("    description: |\n      ```mermaid\n      graph LR\n      ```\n").as_bytes(),
    );
    site.build_ok();
    assert!(site.out().join("assets/mermaid.min.js").exists());
}

#[test]
fn emoji_shortcodes_become_emoji_in_text_and_never_in_code() {
    let (_tmp, page, risk) = runbook_pages();
    // Shown as emoji; the heading's id is GitHub's, from the text as written.
    assert!(
        page.contains("<h1 id=\"gateway-rollback-rotating_light\">Gateway rollback 🚨 "),
        "{}",
        &page[page.find("<h1").unwrap()..][..200]
    );
    assert_contains(&page, "Keep this page open during the incident. ⚠️");
    assert_contains(&page, "Done? ✅");
    assert_contains(&risk, "charges the customer twice. ❌");
    // Inline code and code blocks keep the shortcode.
    assert_contains(&page, "<code>:warning:</code>");
    assert_contains(&page, ":warning: stays as written in code");
    // The table of contents shows what the heading shows.
    assert!(page.contains("Look before you touch 🔍</a>"), "toc");
}

#[test]
fn code_and_diagrams_cannot_put_a_script_into_the_page() {
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", &register("")),
        (
            "content/docs/p.md",
            "# P\n\n```bash\necho '</code></pre><script>alert(1)</script>'\n```\n\n```mermaid\ngraph LR\n</pre><script>alert(2)</script>\n```\n\n```\"><script>alert(3)</script>\nx\n```\n\n> [!NOTE]\n> <script>alert(4)</script>\n",
        ),
    ]);
    site.build_ok();
    let page = site.read_out("docs/p.html");
    assert_lacks(&page, "<script>alert");
    assert_contains(&page, "&lt;script&gt;alert(1)");
    assert_contains(&page, "&lt;/pre&gt;&lt;script&gt;alert(2)");
}

#[test]
fn private_use_characters_in_a_source_do_not_move_blocks() {
    // The renderer marks where trusted HTML (a highlighted block, a
    // callout) goes with a private-use character; a source may hold one.
    let marks: String = ('\u{E000}'..='\u{E003}')
        .map(|c| format!("{c}0{c}1{c} "))
        .collect();
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", &register("")),
        (
            "content/docs/p.md",
            &format!("# P\n\n{marks}\n\n```bash\necho one\n```\n\n> [!TIP]\n> {marks}\n"),
        ),
    ]);
    site.build_ok();
    let page = site.read_out("docs/p.html");
    assert_eq!(
        page.matches("<div class=\"code-block\">").count(),
        1,
        "{page}"
    );
    assert_eq!(page.matches("markdown-alert-tip").count(), 1, "{page}");
    assert_eq!(
        page.matches(&marks.trim_end().to_string()).count(),
        2,
        "{page}"
    );
}

#[test]
fn the_example_runbook_shows_callouts_highlighting_and_a_diagram() {
    let (_tmp, out, _) = built("example");
    let page =
        std::fs::read_to_string(Path::new(&out).join("docs/blottr-rollback-procedures.html"))
            .unwrap();
    assert!(page.contains("markdown-alert-warning") && page.contains("markdown-alert-tip"));
    assert_contains(&page, "<pre class=\"mermaid\">flowchart TD");
    let found = blocks(&page);
    // Every fenced block of the source but the diagram has a language.
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/docs/blottr-rollback-procedures.md"),
    )
    .unwrap();
    let fences = source.lines().filter(|l| l.starts_with("```")).count();
    assert_eq!(found.len(), fences / 2 - 1);
    for (lang, body) in &found {
        assert!(body.contains("<span class=\"hl-"), "{lang}: {body}");
    }
}
