//! The printed document: its header, every risk in full, headings two levels down.

use super::*;

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
    assert_contains(
        &css,
        "main a[href^=\"http\"]::after { content: \" (\" attr(href) \")\"",
    );
}

#[test]
fn print_html_holds_the_register_and_every_risk_in_full() {
    let reg = "title: Printed register\nversion: 2.10\nsections:\n  - title: Notes\n    body: |\n      ## Detail\n      register text\nrisks:\n  - id: R-1\n    title: First risk\n    probability: medium\n    impact: high\n    owner: ops\n    description: |\n      ## Detail\n      first description\n    mitigation: [roll back first]\n    playbooks: [docs/run.md#rollback]\n  - id: R-2\n    title: Second risk\n    probability: low\n    impact: low\n    owner: ops\n    description: |\n      ## Detail\n      second description\n    extra: {ticket: 7}\n";
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", reg),
        ("content/docs/run.md", "# Runbook\n\n## Rollback\n\nsteps\n"),
    ]);
    site.build_ok();
    let register = site.read_out("registers/ops.html");
    assert!(
        register.contains("<a href=\"ops/print.html\">"),
        "the register page links its printable document"
    );
    let print = site.read_out("registers/ops/print.html");
    assert_contains(&print, "<h1>Printed register</h1>");
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
    assert_contains(&print, "<h2 id=\"risk-details\">Risk details</h2>");
    assert_contains(
        &print,
        "<h3 id=\"risk-r-1\"><span class=\"risk-id\">R-1</span> First risk</h3>",
    );
    assert_contains(&print, "<h4>Mitigation</h4>");
    // Three `## Detail` headings and two "Extra data" sections on one page.
    assert_eq!(repeated_ids(&print), Vec::<String>::new());
    // Links from the printed document work from its folder.
    assert_contains(&print, "href=\"../../docs/run.html#rollback\"");
    assert_links_resolve(&site.out());
    // A risk's page is unchanged in shape: an h1 and h2 sections.
    let risk = site.read_out("registers/ops/R-1.html");
    assert_contains(&risk, "<h1 id=\"risk-r-1\">");
    assert_contains(&risk, "<h2>Mitigation</h2>");
}

/// The printed document shows a risk's page body with the template's
/// headings two levels down and the ids of the printed document: for a
/// risk whose body is taken from its page and for one rendered again
/// because the document gave its heading id to a register section.
#[test]
fn printed_risks_are_their_pages_two_heading_levels_down() {
    let reg = "title: Ops\nsections:\n  - title: Risk R-2\n    body: notes\nrisks:\n  - id: R-1\n    title: Plain\n    probability: low\n    impact: low\n    owner: ops\n    description: plain *text*\n    mitigation: [one]\n    related: [R-2]\n  - id: R-2\n    title: Taken id\n    probability: low\n    impact: low\n    owner: ops\n    extra: {ticket: 7}\n  - id: R-3\n    title: Own heading\n    probability: high\n    impact: high\n    owner: ops\n    description: |\n      ### Why\n      text\n    extra: {ticket: 8}\n";
    let site = Fixture::new(&[("content/registers/ops.yaml", reg)]);
    site.build_ok();
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
    assert_contains(own, "<h4>Description</h4>");
    assert_contains(own, "<h5 id=\"why\">Why");
    assert_contains(own, "<h4>Playbooks</h4>");
    let page = site.read_out("registers/ops/R-3.html");
    assert_contains(&page, "<h2>Description</h2>");
    assert_contains(&page, "<h3 id=\"why\">Why");
}
