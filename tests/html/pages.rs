//! The register, risk, review and dashboard pages: matrices, fields, colours, the seeds' charts.

use super::*;

#[test]
fn register_page_shows_matrix_with_clickable_ids_and_a_table_form() {
    let site = site_with("    residual: { probability: low, impact: medium }\n", &[]);
    let html = site.read_out("registers/ops.html");
    // No role="img": the ids are links, and an image hides its links.
    assert_contains(&html, "<svg aria-labelledby=\"matrix-title matrix-desc\"");
    assert_contains(
        &html,
        "<title id=\"matrix-title\">Risk matrix: Test register</title>",
    );
    assert!(
        html.contains("<a href=\"../registers/ops/R-1.html\"><title>R-1 First risk</title><text"),
        "matrix id is a link"
    );
    assert!(html.contains("<polygon"), "residual arrow drawn");
    assert_contains(
        &html,
        "<caption>Risks by probability (rows) and impact (columns)</caption>",
    );
    let svg = site.read_out("registers/ops.svg");
    assert!(
        svg.starts_with("<svg width=") && !svg.contains("aria-"),
        "plain SVG 1.1 on its own"
    );
    assert_contains(
        &svg,
        "<title id=\"matrix-title\">Risk matrix: Test register</title>",
    );
    assert_contains(&svg, "xmlns=\"http://www.w3.org/2000/svg\"");
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
    assert_contains(&html, "background:#ffff99;color:#000000");
    assert_contains(&html, "background:#101040;color:#ffffff");
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
    assert_contains(
        &review,
        "Runbook changes since a risk&#39;s review are not tracked here",
    );
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
    assert_contains(
        overdue,
        "And 5 more; <a href=\"review.html\">the weekly review</a> lists them all.",
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
