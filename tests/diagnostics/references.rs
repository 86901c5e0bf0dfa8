//! References between sources: playbooks, links, risk ids, register and generated paths.

use super::*;

#[test]
fn broken_references_in_registers() {
    let site = Fixture::new(&[
        (
            "content/registers/r.yaml",
            "title: T\nrisks:\n  - id: R-1\n    title: x\n    probability: low\n    impact: low\n    playbooks:\n      - docs/play.md#rollout\n      - docs/nope.md\n    related: [R-2, other/R-1]\n",
        ),
        ("content/docs/play.md", "# Play\n\n## Roll out\n"),
    ]);
    assert_diags(
        &site,
        &[
            (
                "missing-anchor",
                "broken playbook reference `docs/play.md#rollout`: no heading `#rollout` in docs/play.md",
                8,
                9,
                Some("nearest anchors: #roll-out"),
            ),
            (
                "missing-page",
                "broken playbook reference `docs/nope.md`: no such page, file or risk",
                9,
                9,
                Some("did you mean `docs/play.md`?"),
            ),
            (
                "missing-risk",
                "broken related risk `R-2`: no risk `R-2` in register `r`",
                10,
                15,
                Some("did you mean `R-1`?"),
            ),
            (
                "missing-page",
                "broken related risk `other/R-1`: no such page, file or risk",
                10,
                20,
                None,
            ),
        ],
    );
}

#[test]
fn broken_links_in_pages_and_register_text() {
    let site = Fixture::new(&[
        (
            "content/registers/r.yaml",
            "title: T\nsummary: |\n  See [the play](docs/play.md#steps) and [R-1](R-1).\nrisks:\n  - {id: R-1, title: x, probability: low, impact: low}\n",
        ),
        (
            "content/docs/play.md",
            "# Play\n\n## Step one\n\nSee [R-1](R-9), [top](#play), [gone](#nowhere)\nand [x](../../etc/passwd) and [img](missing.png).\n",
        ),
    ]);
    assert_diags(
        &site,
        &[
            (
                "missing-page",
                "broken link `R-9`: no such page, file or risk",
                5,
                11,
                Some("did you mean `R-1`?"),
            ),
            (
                "missing-anchor",
                "broken link `#nowhere`: no heading `#nowhere` in docs/play.md",
                5,
                38,
                Some("anchors on that page: #play, #step-one"),
            ),
            (
                "outside-root",
                "broken link `../../etc/passwd`: it points outside content/",
                6,
                9,
                Some("links may only point at files inside the site's content/ folder"),
            ),
            (
                "missing-page",
                "broken link `missing.png`: no such page, file or risk",
                6,
                37,
                None,
            ),
            (
                "missing-anchor",
                "broken link `docs/play.md#steps`: no heading `#steps` in docs/play.md",
                3,
                18,
                Some("nearest anchors: #step-one"),
            ),
        ],
    );
}

#[test]
fn ambiguous_bare_risk_id_in_a_page() {
    let site = Fixture::new(&[
        (
            "content/registers/a.yaml",
            "title: A\nrisks:\n  - {id: R-1, title: a, probability: low, impact: low}\n",
        ),
        (
            "content/registers/b.yaml",
            "title: B\nrisks:\n  - {id: R-1, title: b, probability: low, impact: low}\n",
        ),
        (
            "content/docs/p.md",
            "# P\n\nSee [it](R-1) and [this one](b/R-1).\n",
        ),
    ]);
    assert_diags(
        &site,
        &[(
            "ambiguous-risk",
            "broken link `R-1`: risk id `R-1` is used by 2 registers",
            3,
            10,
            Some("write one of: `a/R-1`, `b/R-1`"),
        )],
    );
}

#[test]
fn duplicate_register_ids_name_both_files() {
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", "title: A\n"),
        ("content/registers/team/ops.yml", "title: B\n"),
    ]);
    let run = site.check_json();
    let d = diags(&run);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "duplicate-register");
    assert_eq!(
        d[0].message,
        "two registers have the id `ops`: content/registers/ops.yaml and content/registers/team/ops.yml"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn sources_may_not_claim_generated_paths() {
    let site = Fixture::new(&[
        ("content/index.md", "# Mine\n"),
        ("content/assets/x.css", "x"),
    ]);
    let d = diags(&site.check_json());
    let msgs: Vec<_> = d
        .iter()
        .map(|d| (d.code.as_str(), d.file.as_str()))
        .collect();
    assert_eq!(
        msgs,
        [
            ("reserved-path", "content/assets/x.css"),
            ("reserved-path", "content/index.md")
        ]
    );
}

#[test]
fn a_risk_may_not_take_the_printed_documents_name() {
    let site = reg(
        "title: T\nrisks:\n  - id: Print\n    title: x\n    probability: low\n    impact: low\n    owner: ops\n",
    );
    assert_diags(
        &site,
        &[(
            "reserved-path",
            "risk id `Print` is reserved",
            3,
            9,
            Some("choose another id, e.g. `R-print`"),
        )],
    );
}

#[test]
fn links_and_images_in_raw_html_are_checked_and_images_need_alt_text() {
    let site = Fixture::new(&[
        (
            "content/registers/r.yaml",
            "title: T\nrisks:\n  - {id: R-1, title: x, probability: low, impact: low}\n",
        ),
        ("content/docs/img.png", "png"),
        (
            "content/docs/p.md",
            "# P\n\n<p><a href=\"nope.md\">a</a> <img src=\"img.png\"></p>\n\n![](img.png) <img alt=\"chart\" src=\"gone.png\">\n",
        ),
    ]);
    assert_diags(
        &site,
        &[
            (
                "missing-page",
                "broken link `nope.md`: no such page, file or risk",
                3,
                13,
                Some("did you mean `docs/p.md`?"),
            ),
            (
                "no-alt",
                "image `img.png` has no alt text",
                3,
                38,
                Some(
                    "describe the image for people who cannot see it (`![what it shows](...)`, or `alt=\"...\"`); an empty alt marks it decorative",
                ),
            ),
            (
                "no-alt",
                "image `img.png` has no alt text",
                5,
                5,
                Some(
                    "describe the image for people who cannot see it (`![what it shows](...)`, or `alt=\"...\"`); an empty alt marks it decorative",
                ),
            ),
            (
                "missing-page",
                "broken link `gone.png`: no such page, file or risk",
                5,
                36,
                None,
            ),
        ],
    );
}

/// The resolved references and links of a site, as text to compare.
fn links_text(site: &riskbook::model::Site) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        site.playbook_links,
        site.field_section_links,
        site.backlinks,
        site.related,
        site.related_by
    )
}

/// `serve` keeps resolved references and checked links between rebuilds
/// (`riskbook::Caches`). After each kind of edit (a register's text, a
/// heading others point at, a page's front matter above a broken link, a
/// new page, a risk id others name) `check` with the caches reports what a
/// fresh `check` reports and resolves every reference the same.
#[test]
fn links_kept_between_serve_rebuilds_equal_a_fresh_check() {
    let ops = "title: Ops\nrisks:\n  - id: R-1\n    title: One\n    probability: low\n    impact: low\n    owner: ops\n    description: See [the steps](docs/run.md#rollback).\n    playbooks: [docs/run.md#rollback]\n    related: [web/W-1]\n";
    let web = "title: Web\nrisks:\n  - id: W-1\n    title: Two\n    probability: high\n    impact: low\n    owner: web\n    playbooks: [docs/run.md#rollback]\n";
    let run = "---\ntitle: Run\n---\n# Runbook\n\n## Rollback\n\nSteps; [gone](missing.md).\n";
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", ops),
        ("content/registers/web.yaml", web),
        ("content/docs/run.md", run),
    ]);
    let opts = options(site.root(), false);
    let caches = riskbook::Caches::default();
    let same = |step: &str| {
        let cached = riskbook::check_cached(&opts, Some(&caches)).unwrap();
        let fresh = riskbook::check(&opts).unwrap();
        assert_eq!(
            format!("{:#?}", cached.diagnostics),
            format!("{:#?}", fresh.diagnostics),
            "{step}"
        );
        assert_eq!(links_text(&cached.site), links_text(&fresh.site), "{step}");
        let text = format!("{:?}", fresh.diagnostics);
        (fresh.diagnostics.len(), text)
    };
    let (n0, _) = same("first check");
    assert_eq!(same("nothing changed").0, n0);
    site.write(
        "content/registers/ops.yaml",
        ops.replace("(docs/run.md#rollback).", "(docs/run.md#nope).")
            .as_bytes(),
    );
    let (n1, t1) = same("a broken link in a register's text");
    assert_eq!(n1, n0 + 1, "{t1}");
    site.write(
        "content/docs/run.md",
        run.replace("## Rollback", "## Roll back").as_bytes(),
    );
    let (n2, t2) = same("the heading both registers point at renamed");
    assert!(n2 >= n1 + 2, "{t2}");
    site.write(
        "content/docs/run.md",
        run.replace("## Rollback", "## Roll back")
            .replace("title: Run\n", "title: Run\ndescription: more\n")
            .as_bytes(),
    );
    let (n3, t3) = same("a line more above the page's broken link");
    assert_eq!(n3, n2, "{t3}");
    assert_contains(&t3, "line: 9, column: 15");
    site.write("content/docs/missing.md", b"# Missing no more\n");
    let (n4, t4) = same("the page a link missed, added");
    assert_eq!(n4, n3 - 1, "{t4}");
    site.write(
        "content/registers/web.yaml",
        web.replace("W-1", "W-2").as_bytes(),
    );
    let (n5, t5) = same("a risk id that another register names, changed");
    assert_eq!(n5, n4 + 1, "{t5}");
    site.write("content/registers/web.yaml", web.as_bytes());
    site.write("content/registers/ops.yaml", ops.as_bytes());
    site.write("content/docs/run.md", run.as_bytes());
    assert_eq!(same("back as it was, and the missing page").0, n0 - 1);
}
