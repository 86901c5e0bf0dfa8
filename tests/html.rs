//! What a reader sees: the pages, their links, and that no source can put
//! a script into the site.

mod common;
use common::*;

fn site_with(risk_extra: &str, pages: &[(&str, &str)]) -> Fixture {
    let reg = register(risk_extra);
    let mut files: Vec<(&str, &str)> = vec![("content/registers/ops.yaml", &reg)];
    files.extend_from_slice(pages);
    let site = Fixture::new(&files);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

#[test]
fn markdown_and_yaml_text_cannot_inject_script() {
    let site = site_with(
        "    description: |\n      <script>alert(1)</script>\n\n      [x](javascript:alert(2)) <img src=https://example.com/x.png onerror=alert(3)>\n    category: \"<b onmouseover=alert(4)>cat</b>\"\n",
        &[(
            "content/docs/p.md",
            "# P <script>alert(5)</script>\n\n<iframe src=\"https://evil\"></iframe>\n[d](data:text/html,hi)\n<a href=\"JaVaScRiPt:alert(6)\">y</a>\n",
        )],
    );
    for page in [
        "registers/ops/R-1.html",
        "docs/p.html",
        "registers/ops.html",
        "risks.html",
        "categories/b-onmouseover-alert-4-cat-b.html",
    ] {
        let html = site.read_out(page);
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script>alert"), "{page}: script survived");
        assert!(
            !lower.contains("=\"javascript:"),
            "{page}: javascript: link survived"
        );
        assert!(!lower.contains("onerror"), "{page}: event handler survived");
        assert!(
            !lower.contains("<b onmouseover"),
            "{page}: raw tag from YAML survived"
        );
        assert!(!lower.contains("<iframe"), "{page}: iframe survived");
        assert!(!lower.contains("=\"data:"), "{page}: data: link survived");
    }
    let risk = site.read_out("registers/ops/R-1.html");
    assert!(
        risk.contains("&lt;b onmouseover=alert(4)&gt;cat&lt;/b&gt;"),
        "plain-text fields are escaped and shown"
    );
}

#[test]
fn headings_get_github_ids_and_self_links() {
    let site = site_with(
        "",
        &[(
            "content/docs/p.md",
            "# Playbook\n\n## 7) Rollout protocol (feature flags)\n\n## Steps\n\n## Steps\n\n## Custom {#mine}\n",
        )],
    );
    let html = site.read_out("docs/p.html");
    for id in [
        "playbook",
        "7-rollout-protocol-feature-flags",
        "steps",
        "steps-1",
        "mine",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "missing id {id}");
        assert!(
            html.contains(&format!("href=\"#{id}\"")),
            "missing self-link to {id}"
        );
    }
    assert!(!html.contains("{#mine}"));
}

#[test]
fn links_are_rewritten_relative_to_the_page() {
    let site = site_with(
        "    playbooks: [docs/sub/p.md#steps]\n",
        &[
            (
                "content/docs/sub/p.md",
                "# P\n\n## Steps\n\nSee [R-1](R-1), [ops/R-1](ops/R-1), [other](../q.md#top) and [pdf](files/a.pdf).\n",
            ),
            ("content/docs/q.md", "# Top\n"),
            ("content/docs/sub/files/a.pdf", "%PDF"),
        ],
    );
    let html = site.read_out("docs/sub/p.html");
    assert!(html.contains("href=\"../../registers/ops/R-1.html\">R-1</a>"));
    assert!(html.contains("href=\"../../registers/ops/R-1.html\">ops/R-1</a>"));
    assert!(html.contains("href=\"../../docs/q.html#top\""));
    assert!(html.contains("href=\"../../docs/sub/files/a.pdf\""));
    assert_links_resolve(&site.out());
}

#[test]
fn register_page_shows_matrix_with_clickable_ids_and_a_table_form() {
    let site = site_with("    residual: { probability: low, impact: medium }\n", &[]);
    let html = site.read_out("registers/ops.html");
    // No role="img": the ids are links, and an image hides its links.
    assert!(html.contains("<svg aria-labelledby=\"matrix-title matrix-desc\""));
    assert!(html.contains("<title id=\"matrix-title\">Risk matrix: Test register</title>"));
    assert!(
        html.contains("<a href=\"../registers/ops/R-1.html\"><title>R-1 First risk</title><text"),
        "matrix id is a link"
    );
    assert!(html.contains("<polygon"), "residual arrow drawn");
    assert!(html.contains("<caption>Risks by probability (rows) and impact (columns)</caption>"));
    let svg = site.read_out("registers/ops.svg");
    assert!(
        svg.starts_with("<svg width=") && !svg.contains("aria-"),
        "plain SVG 1.1 on its own"
    );
    assert!(svg.contains("<title id=\"matrix-title\">Risk matrix: Test register</title>"));
    assert!(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(
        svg.contains("href=\"../registers/ops/R-1.html\""),
        "stand-alone SVG links work from registers/"
    );
}

#[test]
fn risk_page_shows_every_field() {
    let site = site_with(
        "    status: triggered\n    category: Auth/session\n    tags: [security]\n    watchlist: true\n    description: Login *breaks*.\n    mitigation:\n      - keep flag\n      - { action: soak, done: true, due: 2026-03-10, issue: \"#12\" }\n    contingency: Roll **back**.\n    trigger: { metric: login_failure_rate, op: \">\", threshold: 2%, window: 10 min }\n    signals: [errors up]\n    issues: [\"#32\"]\n    reviewed: 2026-02-27\n    acceptance: { by: cto, date: 2026-02-01, expires: 2026-05-01, rationale: Cheap to undo. }\n    sections:\n      Root causes: |\n        - manual scoping\n    extra: { jira: OPS-1 }\n",
        &[],
    );
    let html = site.read_out("registers/ops/R-1.html");
    for needle in [
        "<em>breaks</em>",
        "keep flag",
        "soak",
        "due 2026-03-10",
        "#12",
        "Roll <strong>back</strong>",
        "<code>login_failure_rate</code> &gt; 2% for 10 min",
        "errors up",
        "#32",
        "2026-02-27, next due 2026-03-06",
        "cto",
        "2026-05-01",
        "Cheap to undo.",
        "Root causes",
        "manual scoping",
        "OPS-1",
        "href=\"../../categories/auth-session.html\"",
        "href=\"../../tags/security.html\"",
        "href=\"../../statuses/triggered.html\"",
        "href=\"../../owners/ops.html\"",
        "Watchlist",
    ] {
        assert!(html.contains(needle), "risk page lacks {needle:?}");
    }
    for page in [
        "categories/auth-session.html",
        "tags/security.html",
        "statuses/triggered.html",
        "owners/ops.html",
    ] {
        assert!(site.read_out(page).contains("R-1"), "{page} lists the risk");
    }
}

#[test]
fn level_text_colour_is_readable_on_user_colours() {
    let reg = "title: T\nlevels:\n  - { id: pale, min: 0, color: \"#ffff99\", severity: low }\n  - { id: dark, min: 5, color: \"#101040\", severity: high }\nrisks:\n  - {id: A, title: a, probability: low, impact: low, owner: x}\n  - {id: B, title: b, probability: high, impact: critical, owner: x, playbooks: [docs/p.md]}\n";
    let site = Fixture::new(&[
        ("content/registers/r.yaml", reg),
        ("content/docs/p.md", "# P\n"),
    ]);
    assert_eq!(site.build().code, 0);
    let html = site.read_out("registers/r.html");
    assert!(html.contains("background:#ffff99;color:#000000"));
    assert!(html.contains("background:#101040;color:#ffffff"));
}

#[test]
fn grid_scoring_reproduces_seed_002_cell_by_cell() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("s");
    let run = build_example(&out);
    assert_eq!(run.code, 0);
    let html = std::fs::read_to_string(out.join("registers/blottr-platform-risks.html")).unwrap();
    // The table form of the matrix: rows high -> low, columns low -> critical.
    let table = &html[html.find("id=\"matrix-table\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let mut cells = Vec::new();
    for row in table.split("<tr><th scope=\"row\">").skip(1) {
        let levels: Vec<&str> = row
            .split("<span class=\"badge\"")
            .skip(1)
            .map(|c| c.split('>').nth(1).unwrap().split('<').next().unwrap())
            .collect();
        cells.push(levels);
    }
    let g = "🟢 Low";
    let o = "🟠 Medium";
    let y = "🟡 High";
    let r = "🔴 Critical";
    assert_eq!(
        cells,
        vec![vec![g, o, y, r], vec![g, g, o, y], vec![g, g, g, o]]
    );
}

#[test]
fn task_lists_are_disabled_checkboxes_and_actions_are_counted() {
    let reg = "title: T\nactions:\n  - { text: done thing, done: true }\n  - open thing\n  - { text: other, done: false }\n";
    let site = Fixture::new(&[
        ("content/registers/r.yaml", reg),
        (
            "content/docs/p.md",
            "# P\n\n- [x] backup taken\n- [ ] restore tested\n",
        ),
    ]);
    assert_eq!(site.build().code, 0);
    let page = site.read_out("docs/p.html");
    // Each checkbox has a name for screen readers.
    assert!(
        page.contains(
            "<li><input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"Done\"> backup taken</li>"
        ),
        "{page}"
    );
    assert!(page.contains(
        "<li><input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\"> restore tested</li>"
    ));
    let reg = site.read_out("registers/r.html");
    assert!(reg.contains("Actions <span class=\"meta\">1 done, 2 open</span>"));
}

#[test]
fn seed_001_quadrant_chart_reproduces_its_points() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("s");
    assert_eq!(build_example(&out).code, 0);
    let html = std::fs::read_to_string(out.join("registers/product-risk-register.html")).unwrap();
    let q = &html[html
        .find("aria-labelledby=\"quadrant-title")
        .expect("quadrant chart")..];
    let q = &q[..q.find("</svg>").unwrap()];
    for name in [
        "Mitigate Urgently",
        "Monitor Closely",
        "Accept / Monitor",
        "Mitigate Proactively",
    ] {
        assert!(q.contains(name), "quadrant {name}");
    }
    // Mermaid's RSK-001: [0.70, 0.85] in a 480px square with 56px padding:
    // x = 56 + 0.70 * 480 = 392, y = 56 + 480 - 0.85 * 480 = 128.
    assert!(
        q.contains("<circle cx=\"392\" cy=\"128\""),
        "RSK-001 placed at its position"
    );
    assert_eq!(
        q.matches("<circle").count(),
        26,
        "13 points, each filled and outlined"
    );
    for n in 1..=13 {
        assert!(
            q.contains(&format!(
                "<a href=\"../registers/product-risk-register/RSK-{n:03}.html\""
            )),
            "RSK-{n:03} is a link"
        );
    }
}

#[test]
fn any_scalar_where_text_is_expected_is_shown_as_written() {
    let reg = "title: 2026\nversion: 1.10\nrisks:\n  - id: 007\n    title: 1.0\n    probability: medium\n    impact: high\n    playbooks: [docs/p.md]\n    owner: 1.50\n    category: 2026\n    mitigation: 0.50\n    contingency:\n      - 1.10\n      - { action: 2.0, done: true, issue: 7, owner: 0x1F }\n    trigger: { metric: 5xx_rate, op: \">\", threshold: 0.50, window: 10 }\n    signals: [1e3, true, 2026-01-01]\n    tags: [007, 1.0]\n    acceptance: { by: 12, rationale: 3.0 }\n    sections: { 2026: 4.50 }\n    extra: { a: 1.50, b: [0x1F, ~, true], c: { d: 2026-01-01 } }\n";
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", reg),
        ("content/docs/p.md", "---\ntitle: 42\n---\nx\n"),
    ]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.read_out("docs/p.html").contains("<title>42"));
    assert!(site.read_out("registers/ops.html").contains("1.10"));
    let page = site.read_out("registers/ops/007.html");
    for written in [
        "1.50",
        "2026",
        "0.50",
        "1.10",
        "2.0",
        "0x1F",
        "&gt; 0.50 for 10",
        "1e3",
        "007",
        "4.50",
    ] {
        assert!(page.contains(written), "risk page lacks `{written}`");
    }
    let json: serde_json::Value = serde_json::from_str(&site.read_out("risks.json")).unwrap();
    let r = &json["risks"][0];
    assert_eq!((&r["id"], &r["title"]), (&"007".into(), &"1.0".into()));
    assert_eq!(r["owners"], serde_json::json!(["1.50"]));
    assert_eq!(r["category"], "2026");
    assert_eq!(r["mitigation"][0]["text"], "0.50");
    assert_eq!(r["contingency"][0]["text"], "1.10");
    assert_eq!(r["contingency"][1]["text"], "2.0");
    assert_eq!(r["contingency"][1]["owner"], "0x1F");
    assert_eq!(r["trigger"]["threshold"], "0.50");
    assert_eq!(r["trigger"]["window"], "10");
    assert_eq!(
        r["signals"],
        serde_json::json!(["1e3", "true", "2026-01-01"])
    );
    assert_eq!(r["tags"], serde_json::json!(["007", "1.0"]));
    assert_eq!(r["sections"]["2026"], "4.50");
    // `extra` keeps YAML's types in the export.
    assert_eq!(
        r["extra"],
        serde_json::json!({ "a": 1.5, "b": [31, null, true], "c": { "d": "2026-01-01" } })
    );
}

#[test]
fn only_a_trailing_hash_id_in_braces_is_a_heading_attribute() {
    let site = site_with(
        "    playbooks: [docs/p.md#brackets-x-and-braces, docs/p.md#kept]\n",
        &[(
            "content/docs/p.md",
            "# P\n\n## Brackets [x] and {braces}\n\n## Renamed {#kept}\n\n## Class {.wide}\n",
        )],
    );
    let html = site.read_out("docs/p.html");
    assert!(html.contains("<h2 id=\"brackets-x-and-braces\">Brackets [x] and {braces} <a"));
    assert!(html.contains("<h2 id=\"kept\">Renamed <a"));
    assert_contains(&html, "<h2 id=\"class-wide\">Class {.wide} <a");
    assert!(!html.contains("class=\"wide\""));
}

#[test]
fn footnotes_beside_raw_html_are_not_broken_links() {
    let site = site_with(
        "",
        &[(
            "content/docs/p.md",
            "# P\n\nA claim[^src] and <abbr title=\"Recovery time objective\">RTO</abbr>.\n\n[^src]: Where it comes from.\n",
        )],
    );
    let html = site.read_out("docs/p.html");
    assert!(html.contains("href=\"#src\""), "{html}");
}

#[test]
fn edit_url_links_every_page_to_its_source_file() {
    let reg = register("");
    let site = Fixture::new(&[
        (
            "content/site.yaml",
            "edit_url: https://git.example/acme/risks/edit/main/{path}\n",
        ),
        ("content/registers/ops.yaml", &reg),
        ("content/docs/run book.md", "# Run book\n"),
    ]);
    assert_eq!(site.build().code, 0);
    let edit = |page: &str| {
        let html = site.read_out(page);
        html.split("<a class=\"edit\" href=\"")
            .nth(1)
            .map(|rest| rest.split('"').next().unwrap().to_string())
    };
    let reg_src =
        Some("https://git.example/acme/risks/edit/main/content/registers/ops.yaml".to_string());
    assert_eq!(edit("registers/ops.html"), reg_src);
    assert_eq!(edit("registers/ops/R-1.html"), reg_src);
    assert_eq!(
        edit("docs/run book.html").as_deref(),
        Some("https://git.example/acme/risks/edit/main/content/docs/run%20book.md")
    );
    assert_eq!(
        edit("index.html"),
        None,
        "the dashboard has no single source"
    );
}

#[test]
fn printed_pages_carry_a_document_header() {
    let site = site_with("", &[]);
    for page in ["registers/ops.html", "registers/ops/R-1.html"] {
        let html = site.read_out(page);
        assert!(
            html.contains(
                "<p class=\"print-only print-header\">Risk register · Test register · built "
            ),
            "{page}: {html}"
        );
        assert!(
            html.contains("<p class=\"print-only print-footer\">riskbook "),
            "{page}"
        );
    }
    let css = site.read_out("assets/style.css");
    assert!(css.contains("main a[href^=\"http\"]::after { content: \" (\" attr(href) \")\""));
}

/// Every `id="..."` of a page, to check that none repeats.
fn repeated_ids(html: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    html.match_indices(" id=\"")
        .filter_map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .filter(|id| !seen.insert(id.clone()))
        .collect()
}

#[test]
fn headings_in_several_fields_of_one_page_get_distinct_ids() {
    let site = site_with(
        "    description: |\n      ## Notes\n      first\n    sections:\n      Background: |\n        ## Notes\n        second\n    extra:\n      note: x\n    acceptance:\n      by: cto\n      rationale: |\n        ## Extra data\n        why\n",
        &[],
    );
    let risk = site.read_out("registers/ops/R-1.html");
    assert_eq!(repeated_ids(&risk), Vec::<String>::new(), "{risk}");
    assert!(risk.contains("id=\"notes\"") && risk.contains("id=\"notes-1\""));
    // The template's own `extra-data` stays the section's; the heading gets another.
    assert!(risk.contains(
        "<section aria-labelledby=\"extra-data risk-r-1\"><h2 id=\"extra-data\">Extra data"
    ));
    assert!(risk.contains("id=\"extra-data-1\""));
}

#[test]
fn a_heading_of_symbols_only_gets_an_id() {
    let site = site_with("", &[("content/docs/p.md", "# P\n\n## ???\n\ntext\n")]);
    let page = site.read_out("docs/p.html");
    assert!(!page.contains("id=\"\""), "{page}");
    assert!(page.contains("<h2 id=\"section\">"), "{page}");
}

#[test]
fn print_html_holds_the_register_and_every_risk_in_full() {
    let reg = "title: Printed register\nversion: 2.10\nsections:\n  - title: Notes\n    body: |\n      ## Detail\n      register text\nrisks:\n  - id: R-1\n    title: First risk\n    probability: medium\n    impact: high\n    owner: ops\n    description: |\n      ## Detail\n      first description\n    mitigation: [roll back first]\n    playbooks: [docs/run.md#rollback]\n  - id: R-2\n    title: Second risk\n    probability: low\n    impact: low\n    owner: ops\n    description: |\n      ## Detail\n      second description\n    extra: {ticket: 7}\n";
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", reg),
        ("content/docs/run.md", "# Runbook\n\n## Rollback\n\nsteps\n"),
    ]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let register = site.read_out("registers/ops.html");
    assert!(
        register.contains("<a href=\"ops/print.html\">"),
        "the register page links its printable document"
    );
    let print = site.read_out("registers/ops/print.html");
    assert!(print.contains("<h1>Printed register</h1>"));
    assert!(
        print.contains("Printed register, version 2.10"),
        "print header"
    );
    assert!(print.contains("id=\"matrix\""), "the register's matrix");
    for text in [
        "register text",
        "first description",
        "roll back first",
        "second description",
        "ticket",
    ] {
        assert!(print.contains(text), "{text} in print.html");
    }
    // Each risk is an article with its own heading, a level below "Risk details".
    assert_eq!(print.matches("<article class=\"risk-print\">").count(), 2);
    assert!(print.contains("<h2 id=\"risk-details\">Risk details</h2>"));
    assert!(
        print.contains("<h3 id=\"risk-r-1\"><span class=\"risk-id\">R-1</span> First risk</h3>")
    );
    assert!(print.contains("<h4>Mitigation</h4>"));
    // Three `## Detail` headings and two "Extra data" sections on one page.
    assert_eq!(repeated_ids(&print), Vec::<String>::new());
    // Links from the printed document work from its folder.
    assert_contains(&print, "href=\"../../docs/run.html#rollback\"");
    assert_links_resolve(&site.out());
    // A risk's page is unchanged in shape: an h1 and h2 sections.
    let risk = site.read_out("registers/ops/R-1.html");
    assert!(risk.contains("<h1 id=\"risk-r-1\">"));
    assert!(risk.contains("<h2>Mitigation</h2>"));
}

/// The part of `page` from `start` up to the first `end` after it.
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {page}"));
    let to = page[from..].find(end).map_or(page.len(), |k| from + k);
    &page[from..to]
}

/// The printed document shows a risk's page body with the template's
/// headings two levels down and the ids of the printed document: for a
/// risk whose body is taken from its page and for one rendered again
/// because the document gave its heading id to a register section.
#[test]
fn printed_risks_are_their_pages_two_heading_levels_down() {
    let reg = "title: Ops\nsections:\n  - title: Risk R-2\n    body: notes\nrisks:\n  - id: R-1\n    title: Plain\n    probability: low\n    impact: low\n    owner: ops\n    description: plain *text*\n    mitigation: [one]\n    related: [R-2]\n  - id: R-2\n    title: Taken id\n    probability: low\n    impact: low\n    owner: ops\n    extra: {ticket: 7}\n  - id: R-3\n    title: Own heading\n    probability: high\n    impact: high\n    owner: ops\n    description: |\n      ### Why\n      text\n    extra: {ticket: 8}\n";
    let site = Fixture::new(&[("content/registers/ops.yaml", reg)]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let print = site.read_out("registers/ops/print.html");
    assert_eq!(repeated_ids(&print), Vec::<String>::new());
    let lower = |html: &str| {
        let mut s = html.to_string();
        for (from, to) in [("h4", "h6"), ("h3", "h5"), ("h2", "h4"), ("h1", "h3")] {
            s = s.replace(&format!("<{from}"), &format!("<{to}"));
            s = s.replace(&format!("</{from}>"), &format!("</{to}>"));
        }
        s
    };
    let printed = |id: &str| between(&print, &format!("<h3 id=\"{id}\">"), "</article>");
    for (k, print_id) in [(1, "risk-r-1"), (2, "risk-r-2-1")] {
        let page = site.read_out(&format!("registers/ops/R-{k}.html"));
        let body = between(&page, "<h1 id=\"risk-r-", "</main>");
        let body = body.trim_end();
        // The page's ids: its own heading, and "Extra data" where there is one.
        let expected = lower(body)
            .replace(&format!("risk-r-{k}\""), &format!("{print_id}\""))
            .replace(&format!("risk-r-{k} "), &format!("{print_id} "));
        let got = printed(print_id).trim_end();
        // "Extra data" takes the document's next free id.
        let expected = match got.split_once("<h4 id=\"extra-data") {
            Some((_, rest)) => {
                let suffix = &rest[..rest.find('"').unwrap()];
                assert!(k == 1 || !suffix.is_empty(), "R-{k}: {suffix}");
                expected.replace("\"extra-data", &format!("\"extra-data{suffix}"))
            }
            None => expected,
        };
        assert_eq!(got, expected, "R-{k}");
    }
    assert!(printed("risk-r-1").contains("<h4>Mitigation</h4>"));
    // A heading written in a risk's Markdown goes under the section that
    // holds it, in both.
    let own = printed("risk-r-3");
    assert!(own.contains("<h4>Description</h4>"), "{own}");
    assert!(own.contains("<h5 id=\"why\">Why"), "{own}");
    assert!(own.contains("<h4>Playbooks</h4>"), "{own}");
    let page = site.read_out("registers/ops/R-3.html");
    assert!(page.contains("<h2>Description</h2>"), "{page}");
    assert!(page.contains("<h3 id=\"why\">Why"), "{page}");
}

#[test]
fn headings_in_fields_go_under_the_section_that_shows_them() {
    let reg = "title: Ops\nsections:\n  - title: Background\n    body: |\n      # Scope\n      text\n      ## Out of scope\n      more\nrisks:\n  - id: R-1\n    title: Deep\n    probability: low\n    impact: low\n    owner: ops\n    description: |\n      # Why\n      text\n      ## Detail\n      text\n      #### Deeper\n      text\n      ##### Deepest\n      text\n";
    let site = Fixture::new(&[("content/registers/ops.yaml", reg)]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let levels = |html: &str| -> Vec<String> {
        let main = between(html, "<main", "</main>");
        main.match_indices("<h")
            .filter_map(|(i, _)| {
                let d = main[i + 2..].chars().next()?;
                d.is_ascii_digit().then(|| {
                    let text_at = i + main[i..].find('>').unwrap() + 1;
                    let inner = &main[text_at..text_at + main[text_at..].find("</h").unwrap()];
                    // The heading's text without its tags.
                    let text: String = inner
                        .split('<')
                        .map(|part| part.split_once('>').map_or(part, |(_, t)| t))
                        .collect();
                    // Less the self-link ("#") a field heading ends with.
                    format!("h{d} {}", text.trim().trim_end_matches('#').trim())
                })
            })
            .collect()
    };
    // Every heading in `expected`, and one h1.
    let assert_levels = |out: &str, expected: &[&str]| {
        let found = levels(&site.read_out(out));
        for h in expected {
            assert!(found.iter().any(|x| x == h), "{out}: {h}: {found:?}");
        }
        let h1 = found.iter().filter(|h| h.starts_with("h1")).count();
        assert_eq!(h1, 1, "{out}: {found:?}");
    };
    // The risk's page: the description's headings from h3 down, keeping
    // their distances (#### under ## is two levels down), h6 at most.
    assert_levels(
        "registers/ops/R-1.html",
        &[
            "h2 Description",
            "h3 Why",
            "h4 Detail",
            "h6 Deeper",
            "h6 Deepest",
        ],
    );
    // The printed document: the risk is an h3, its sections h4, so the
    // description's headings start at h5 and stop at h6.
    assert_levels(
        "registers/ops/print.html",
        &[
            "h3 R-1 Deep",
            "h4 Description",
            "h5 Why",
            "h6 Detail",
            "h6 Deeper",
        ],
    );
    // A register section is an h2: its text's headings start at h3.
    assert_levels(
        "registers/ops.html",
        &["h2 Background", "h3 Scope", "h4 Out of scope"],
    );
}

#[test]
fn the_weekly_review_groups_what_needs_attention_by_owner() {
    let reg = "title: Ops\nrisks:\n  - {id: R-1, title: Overdue, probability: low, impact: low, owner: ops, reviewed: 2026-01-01}\n  - {id: R-2, title: Expiring, probability: low, impact: low, owner: [ops, sec], status: accepted, acceptance: {by: cto, expires: 2026-03-20}}\n  - {id: R-3, title: Orphan, probability: high, impact: critical}\n  - {id: R-4, title: Fine, probability: low, impact: low, owner: ops, acceptance: {by: cto, expires: 2026-06-01}}\n";
    let site = Fixture::new(&[("content/registers/ops.yaml", reg)]);
    let run = site.run(&["build", "--today", "2026-03-01", "--no-git"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let review = site.read_out("review.html");
    assert_contains(&review, "3 risks need attention on 2026-03-01.");
    // Owners with most first: ops, then No owner and sec.
    let ops = review
        .find(">ops</a> <span class=\"meta\">2 risks</span>")
        .expect("ops group");
    let none = review
        .find("No owner <span class=\"meta\">1 risk</span>")
        .expect("no-owner group");
    let sec = review
        .find(">sec</a> <span class=\"meta\">1 risk</span>")
        .expect("sec group");
    assert!(ops < none && none < sec, "{review}");
    for text in [
        "review overdue since 2026-01-08 (52 days)",
        "acceptance expires on 2026-03-20 (in 19 days)",
        "no owner for a top-level risk",
        "no playbook for a top-level risk",
    ] {
        assert!(review.contains(text), "{text}");
    }
    assert!(
        !review.contains("R-4"),
        "an acceptance 92 days out is not listed"
    );
    assert!(review.contains("Runbook changes since a risk&#39;s review are not tracked here"));
    // Every page links it.
    for page in [
        "index.html",
        "risks.html",
        "registers/ops.html",
        "registers/ops/R-1.html",
    ] {
        assert!(
            site.read_out(page)
                .contains("review.html\">Weekly review</a>"),
            "{page}"
        );
    }
}

#[test]
fn dashboard_lists_stop_at_25_and_say_where_the_rest_are() {
    let mut reg = String::from("title: Many\nrisks:\n");
    for k in 0..30 {
        reg.push_str(&format!(
            "  - {{ id: R-{k:02}, title: risk {k}, probability: low, impact: low, owner: o, reviewed: 2025-01-01, watchlist: {} }}\n",
            k < 3
        ));
    }
    let site = Fixture::new(&[("content/registers/many.yaml", &reg)]);
    assert_eq!(site.build().code, 0);
    let html = site.read_out("index.html");
    let overdue = &html[html.find("id=\"overdue\"").unwrap()..html.find("id=\"expired\"").unwrap()];
    assert_eq!(
        overdue.matches("<tr>").count(),
        1 + 25,
        "header and 25 rows"
    );
    assert!(
        overdue
            .contains("And 5 more; <a href=\"review.html\">the weekly review</a> lists them all."),
        "{overdue}"
    );
    let watch = &html[html.find("id=\"watchlist\"").unwrap()..html.find("id=\"overdue\"").unwrap()];
    assert!(!watch.contains("more;"), "3 on the watchlist: all shown");
    // The weekly review does list all 30.
    let review = site.read_out("review.html");
    for k in 0..30 {
        assert!(
            review.contains(&format!("R-{k:02}")),
            "R-{k:02} in review.html"
        );
    }
}
