//! Markdown and YAML text on the pages: escaping, heading ids, links, task lists, footnotes, scalars as written.

use super::*;

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
    assert_lacks(&html, "{#mine}");
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
    assert_contains(&html, "href=\"../../registers/ops/R-1.html\">R-1</a>");
    assert_contains(&html, "href=\"../../registers/ops/R-1.html\">ops/R-1</a>");
    assert_contains(&html, "href=\"../../docs/q.html#top\"");
    assert_contains(&html, "href=\"../../docs/sub/files/a.pdf\"");
    assert_links_resolve(&site.out());
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
    assert_contains(
        &page,
        "<li><input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"Done\"> backup taken</li>",
    );
    assert_contains(
        &page,
        "<li><input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\"> restore tested</li>",
    );
    let reg = site.read_out("registers/r.html");
    assert_contains(&reg, "Actions <span class=\"meta\">1 done, 2 open</span>");
}

#[test]
fn any_scalar_where_text_is_expected_is_shown_as_written() {
    let reg = "title: 2026\nversion: 1.10\nrisks:\n  - id: 007\n    title: 1.0\n    probability: medium\n    impact: high\n    playbooks: [docs/p.md]\n    owner: 1.50\n    category: 2026\n    mitigation: 0.50\n    contingency:\n      - 1.10\n      - { action: 2.0, done: true, issue: 7, owner: 0x1F }\n    trigger: { metric: 5xx_rate, op: \">\", threshold: 0.50, window: 10 }\n    signals: [1e3, true, 2026-01-01]\n    tags: [007, 1.0]\n    acceptance: { by: 12, rationale: 3.0 }\n    sections: { 2026: 4.50 }\n    extra: { a: 1.50, b: [0x1F, ~, true], c: { d: 2026-01-01 } }\n";
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", reg),
        ("content/docs/p.md", "---\ntitle: 42\n---\nx\n"),
    ]);
    site.build_ok();
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
    assert_contains(
        &html,
        "<h2 id=\"brackets-x-and-braces\">Brackets [x] and {braces} <a",
    );
    assert_contains(&html, "<h2 id=\"kept\">Renamed <a");
    assert_contains(&html, "<h2 id=\"class-wide\">Class {.wide} <a");
    assert_lacks(&html, "class=\"wide\"");
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
    assert_contains(&html, "href=\"#src\"");
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
    assert_contains(
        &risk,
        "<section aria-labelledby=\"extra-data risk-r-1\"><h2 id=\"extra-data\">Extra data",
    );
    assert_contains(&risk, "id=\"extra-data-1\"");
}

#[test]
fn a_heading_of_symbols_only_gets_an_id() {
    let site = site_with("", &[("content/docs/p.md", "# P\n\n## ???\n\ntext\n")]);
    let page = site.read_out("docs/p.html");
    assert_lacks(&page, "id=\"\"");
    assert_contains(&page, "<h2 id=\"section\">");
}

#[test]
fn headings_in_fields_go_under_the_section_that_shows_them() {
    let reg = "title: Ops\nsections:\n  - title: Background\n    body: |\n      # Scope\n      text\n      ## Out of scope\n      more\nrisks:\n  - id: R-1\n    title: Deep\n    probability: low\n    impact: low\n    owner: ops\n    description: |\n      # Why\n      text\n      ## Detail\n      text\n      #### Deeper\n      text\n      ##### Deepest\n      text\n";
    let site = Fixture::new(&[("content/registers/ops.yaml", reg)]);
    site.build_ok();
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
