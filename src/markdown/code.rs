//! Fenced and indented code blocks: highlighted at build time as GitHub
//! does (classes, no script), a shell session's prompts kept apart from
//! its commands, and ` ```mermaid ` left as a diagram for the browser.
//! The HTML is made here from the block's text, every character escaped,
//! so it is put into the page after the sanitizer (it holds nothing a
//! source wrote as HTML).

use super::escape as xml_escape;
use std::sync::LazyLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The class prefix of highlighted tokens (`hl-comment`, `hl-string`):
/// the built-in stylesheet colours them for light and dark.
const CLASSES: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// syntect's grammars and two-face's extended set (TOML, Dockerfile,
/// Terraform, TypeScript, ...), loaded on the first highlighted block.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// What a fenced block's info string asks for, as GitHub reads it: the
/// first word, lowercased (`bash title=x` is `bash`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lang {
    /// No info string, an indented block, or a language riskbook does not
    /// know: shown as plain text.
    Plain(Option<String>),
    /// A shell session (`console`, `shell-session`): prompts, commands, output.
    Console,
    /// A diagram drawn in the browser by the bundled mermaid.
    Mermaid,
    /// A language with a grammar.
    Code(String),
}

impl Lang {
    /// The block's language from a fenced block's info string.
    pub fn of_info(info: &str) -> Lang {
        let word = info
            .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
            .next()
            .unwrap_or("")
            .to_lowercase();
        match word.as_str() {
            "" => Lang::Plain(None),
            "mermaid" => Lang::Mermaid,
            "console" | "shell-session" | "sh-session" | "shellsession" => Lang::Console,
            _ if syntax(&word).is_some() => Lang::Code(word),
            _ => Lang::Plain(Some(word)),
        }
    }

    /// The `language-*` class and `data-lang` value, as GitHub writes it.
    fn name(&self) -> Option<&str> {
        match self {
            Lang::Plain(name) => name.as_deref(),
            Lang::Console => Some("console"),
            Lang::Mermaid => Some("mermaid"),
            Lang::Code(name) => Some(name),
        }
    }
}

/// The names GitHub accepts that the grammars do not list as their own.
fn alias(word: &str) -> &str {
    match word {
        "shell" | "zsh" | "ksh" | "bash-session" => "bash",
        "docker" | "containerfile" => "dockerfile",
        "jsonc" | "json5" | "geojson" => "json",
        "hcl2" | "tfvars" => "terraform",
        "postgres" | "postgresql" | "psql" | "mysql" | "plpgsql" => "sql",
        "yml" => "yaml",
        "golang" => "go",
        "py3" | "python3" => "python",
        "mjs" | "cjs" | "node" => "js",
        "udiff" => "diff",
        other => other,
    }
}

fn syntax(word: &str) -> Option<&'static SyntaxReference> {
    SYNTAXES.find_syntax_by_token(alias(word))
}

/// Whether Markdown holds a ` ```mermaid ` block: the site then carries
/// the diagram script. A cheap search first; the parse decides.
pub fn has_diagram(md: &str) -> bool {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
    if memchr::memmem::find(md.as_bytes(), b"mermaid").is_none() {
        return false;
    }
    Parser::new_ext(md, super::options()).any(|ev| {
        matches!(ev, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
            if Lang::of_info(&info) == Lang::Mermaid)
    })
}

/// The HTML of one code block with its text `code`.
pub fn block(lang: &Lang, code: &str) -> String {
    let mut out = String::with_capacity(code.len() * 2 + 96);
    if *lang == Lang::Mermaid {
        // mermaid reads the text of the element; without script it shows.
        out.push_str("<pre class=\"mermaid\">");
        out.push_str(&xml_escape(code));
        out.push_str("</pre>\n");
        return out;
    }
    out.push_str("<div class=\"code-block\">");
    // A long line scrolls the block sideways: `tabindex` lets a keyboard
    // reach and scroll it (WCAG 2.1.1; axe's scrollable-region-focusable),
    // as GitHub's rendered Markdown does.
    match lang.name() {
        Some(name) => {
            let name = xml_escape(name);
            out.push_str(&format!(
                "<pre data-lang=\"{name}\" tabindex=\"0\"><code class=\"language-{name}\">"
            ));
        }
        None => out.push_str("<pre tabindex=\"0\"><code>"),
    }
    match lang {
        Lang::Code(word) => match syntax(word).and_then(|s| highlight(s, code)) {
            Some(html) => out.push_str(&html),
            None => out.push_str(&xml_escape(code)),
        },
        Lang::Console => console(code, &mut out),
        Lang::Plain(_) | Lang::Mermaid => out.push_str(&xml_escape(code)),
    }
    out.push_str("</code></pre></div>\n");
    out
}

/// Token spans for `code` in `syntax`; `None` if the grammar fails on it.
fn highlight(syntax: &SyntaxReference, code: &str) -> Option<String> {
    let mut html = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASSES);
    for line in LinesWithEndings::from(code) {
        html.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(html.finalize())
}

/// A shell session: a line that starts with a prompt (`$ `, `# `, `% `,
/// `> `) is a command, highlighted as bash, its prompt apart so neither
/// selecting nor the copy button takes it; other lines are output.
fn console(code: &str, out: &mut String) {
    let bash = syntax("bash");
    for line in LinesWithEndings::from(code) {
        let body = line.trim_end_matches(['\n', '\r']);
        let end = &line[body.len()..];
        let prompt = ["$ ", "# ", "% ", "> "]
            .into_iter()
            .find(|p| body.starts_with(p) || body == p.trim_end());
        match prompt {
            Some(p) => {
                let command = body.get(p.len()..).unwrap_or("");
                out.push_str("<span class=\"hl-prompt\">");
                out.push_str(&xml_escape(p.trim_end()));
                out.push_str(" </span><span class=\"cmd\">");
                match bash.and_then(|s| highlight(s, command)) {
                    Some(html) => out.push_str(&html),
                    None => out.push_str(&xml_escape(command)),
                }
                out.push_str("</span>");
            }
            None => {
                out.push_str("<span class=\"hl-output\">");
                out.push_str(&xml_escape(body));
                out.push_str("</span>");
            }
        }
        out.push_str(end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_strings_as_github_reads_them() {
        assert_eq!(
            Lang::of_info("bash title=deploy.sh"),
            Lang::Code("bash".into())
        );
        assert_eq!(Lang::of_info("YAML"), Lang::Code("yaml".into()));
        assert_eq!(Lang::of_info("shell"), Lang::Code("shell".into()));
        assert_eq!(Lang::of_info("tf"), Lang::Code("tf".into()));
        assert_eq!(Lang::of_info("console"), Lang::Console);
        assert_eq!(Lang::of_info("mermaid"), Lang::Mermaid);
        assert_eq!(
            Lang::of_info("no-such-lang"),
            Lang::Plain(Some("no-such-lang".into()))
        );
        assert_eq!(Lang::of_info(""), Lang::Plain(None));
    }

    #[test]
    fn every_runbook_language_has_a_grammar() {
        for word in [
            "bash",
            "sh",
            "shell",
            "zsh",
            "sql",
            "yaml",
            "yml",
            "json",
            "toml",
            "python",
            "py",
            "go",
            "rust",
            "rs",
            "typescript",
            "ts",
            "javascript",
            "js",
            "dockerfile",
            "docker",
            "hcl",
            "terraform",
            "tf",
            "diff",
            "patch",
            "postgresql",
        ] {
            assert!(syntax(word).is_some(), "no grammar for {word}");
        }
    }

    #[test]
    fn a_highlighted_block_is_escaped_token_spans() {
        let html = block(&Lang::of_info("bash"), "echo \"<b>\" # note\n");
        assert!(html.contains("<span class=\"hl-comment"), "{html}");
        assert!(
            html.contains("&lt;b&gt;") && !html.contains("<b>"),
            "{html}"
        );
        assert!(
            html.starts_with("<div class=\"code-block\"><pre data-lang=\"bash\" tabindex=\"0\">")
        );
    }

    #[test]
    fn a_session_keeps_prompts_apart_from_commands() {
        let html = block(&Lang::Console, "$ kubectl get pods\nNAME READY\n");
        assert!(html.contains("<span class=\"hl-prompt\">$ </span><span class=\"cmd\">"));
        assert!(html.contains("<span class=\"hl-output\">NAME READY</span>"));
    }

    #[test]
    fn diagrams_are_found_by_their_fence_only() {
        assert!(has_diagram("# A\n\n```mermaid\ngraph TD\n```\n"));
        assert!(!has_diagram(
            "mermaid in a sentence\n\n```text\nmermaid\n```\n"
        ));
    }
}
