//! `riskbook init`, and user templates replacing the built-in ones.

mod common;
use common::*;

#[test]
fn init_makes_a_site_that_builds_cleanly_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let d = dir.to_str().unwrap();
    let run = riskbook(&["init", d]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let build = riskbook(&["build", "--root", d, "--strict", "--today", "2026-01-20"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(build.stderr.contains("0 warnings"), "{}", build.stderr);
    let page = std::fs::read_to_string(dir.join("public/docs/playbook.html")).unwrap();
    assert!(
        page.contains("Referenced by:"),
        "the example shows back-links"
    );
    let again = riskbook(&["init", d]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already has a content/ folder"));
}

#[test]
fn init_templates_writes_the_built_ins_which_then_override() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let d = dir.to_str().unwrap();
    assert_eq!(riskbook(&["init", d, "--templates"]).code, 0);
    for f in ["base.html", "risk.html", "style.css", "app.js"] {
        assert!(dir.join("templates").join(f).is_file(), "{f}");
    }
    // A change to a user template shows in the output.
    let base = std::fs::read_to_string(dir.join("templates/base.html")).unwrap();
    std::fs::write(
        dir.join("templates/base.html"),
        base.replace(
            "<main id=\"main\">",
            "<main id=\"main\"><p class=\"banner\">ACME internal</p>",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("templates/style.css"),
        "body { color: rebeccapurple }\n",
    )
    .unwrap();
    assert_eq!(
        riskbook(&["build", "--root", d, "--today", "2026-01-20"]).code,
        0
    );
    assert!(
        std::fs::read_to_string(dir.join("public/index.html"))
            .unwrap()
            .contains("ACME internal")
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("public/assets/style.css")).unwrap(),
        "body { color: rebeccapurple }\n"
    );
}

#[test]
fn a_broken_user_template_is_a_diagnostic() {
    let site = Fixture::new(&[
        ("content/registers/r.yaml", &register("")),
        (
            "templates/risk.html",
            "{% extends \"base.html\" %}{% block content %}{{ row.id }{% endblock content %}",
        ),
    ]);
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[template]"), "{}", run.stderr);
    assert!(run.stderr.contains("templates/risk.html"), "{}", run.stderr);
    assert!(!site.out().exists());
}

/// A site made by `init --templates` with `components.html` edited by `edit`.
fn site_with_components(edit: impl Fn(&str) -> String) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    assert_eq!(
        riskbook(&["init", dir.to_str().unwrap(), "--templates"]).code,
        0
    );
    let path = dir.join("templates/components.html");
    let built_in = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(&built_in)).unwrap();
    (tmp, dir)
}

fn build_at(dir: &std::path::Path) -> Run {
    riskbook(&[
        "build",
        "--root",
        dir.to_str().unwrap(),
        "--today",
        "2026-01-20",
        "--no-git",
    ])
}

/// The rows of the first risk table on a page.
fn table_rows(html: &str) -> Vec<String> {
    let body = html
        .split("<tbody>")
        .nth(1)
        .unwrap()
        .split("</tbody>")
        .next()
        .unwrap();
    body.split("<tr")
        .skip(1)
        .map(|r| format!("<tr{}", r.trim_end()))
        .collect()
}

/// The rows of a page that shows each row both ways, as handed over
/// (`<div class="given">`) and as rendered there (`<div class="now">`):
/// each pair must be equal, a row linking to registers at `root`.
fn given_rows_equal_now(html: &str, root: &str) -> Vec<String> {
    let given: Vec<_> = html.split("<div class=\"given\">").skip(1).collect();
    let now: Vec<_> = html.split("<div class=\"now\">").skip(1).collect();
    assert_eq!(given.len(), now.len());
    let mut rows = Vec::new();
    for (g, n) in given.iter().zip(&now) {
        let g = g.split("</div>").next().unwrap();
        let n = n.split("</div>").next().unwrap();
        assert!(
            g.starts_with("<tr>") && g.contains(&format!("href=\"{root}registers/")),
            "{g}"
        );
        assert_eq!(g, n);
        rows.push(g.to_string());
    }
    rows
}

#[test]
fn taxonomy_rows_rendered_once_equal_the_row_component_on_that_page() {
    // A taxonomy page that shows each row both ways: as handed over
    // (`r.html`) and rendered by the component there and then.
    let (_tmp, dir) = site_with_components(|c| c.to_string());
    std::fs::write(
        dir.join("templates/taxonomy.html"),
        "{% for r in rows %}<div class=\"given\">{{ r.html | safe }}</div>\n<div class=\"now\">{{ <rb.risk_row r={r} root={root} register={true} /> }}</div>\n{% endfor %}",
    )
    .unwrap();
    let run = build_at(&dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut seen = Vec::new();
    for folder in ["owners", "statuses", "tags", "categories"] {
        let Ok(pages) = std::fs::read_dir(dir.join("public").join(folder)) else {
            continue;
        };
        for page in pages {
            let html = std::fs::read_to_string(page.unwrap().path()).unwrap();
            seen.extend(given_rows_equal_now(&html, "../"));
        }
    }
    assert!(!seen.is_empty());
    // Every risk is on a status page, so every risk's row was compared.
    let mut risks = std::collections::BTreeSet::new();
    for reg in std::fs::read_dir(dir.join("public/registers")).unwrap() {
        let reg = reg.unwrap().path();
        if reg.is_dir() {
            for page in std::fs::read_dir(&reg).unwrap() {
                let name = page.unwrap().file_name().into_string().unwrap();
                if name != "print.html" {
                    risks.insert(name);
                }
            }
        }
    }
    assert!(!risks.is_empty());
    for risk in risks {
        assert!(
            seen.iter().any(|row| row.contains(&format!("/{risk}\""))),
            "{risk}"
        );
    }
}

#[test]
fn a_row_component_of_your_own_shows_on_taxonomy_and_risk_pages() {
    let (_tmp, dir) = site_with_components(|c| {
        let row = c.find("{% component rb.risk_row").unwrap();
        let tr = row + c[row..].find("<tr>").unwrap();
        format!("{}<tr class=\"mine\">{}", &c[..tr], &c[tr + 4..])
    });
    let run = build_at(&dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = dir.join("public");
    let owners: Vec<_> = std::fs::read_dir(out.join("owners")).unwrap().collect();
    assert!(!owners.is_empty());
    for page in owners {
        let html = std::fs::read_to_string(page.unwrap().path()).unwrap();
        let rows = table_rows(&html);
        assert!(!rows.is_empty());
        assert!(
            rows.iter().all(|r| r.starts_with("<tr class=\"mine\">")),
            "{rows:?}"
        );
    }
    // The register page's table is rendered by the same component.
    let register = std::fs::read_dir(out.join("registers"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "html"))
        .unwrap();
    let html = std::fs::read_to_string(register).unwrap();
    assert!(html.contains("<tr class=\"mine\">"), "{html}");
    // So are the related-risk tables of risk pages, on both risks.
    let related = risk_pages(&out)
        .into_iter()
        .filter(|html| html.contains("Related risks"))
        .collect::<Vec<_>>();
    assert_eq!(related.len(), 2, "the example names one risk from another");
    for html in related {
        let section = html.split("Related risks").nth(1).unwrap();
        let rows = table_rows(section);
        assert!(!rows.is_empty());
        assert!(
            rows.iter().all(|r| r.starts_with("<tr class=\"mine\">")),
            "{rows:?}"
        );
    }
}

/// Every risk page of a built site (not the printed documents).
fn risk_pages(out: &std::path::Path) -> Vec<String> {
    let mut pages = Vec::new();
    for reg in std::fs::read_dir(out.join("registers")).unwrap() {
        let reg = reg.unwrap().path();
        if !reg.is_dir() {
            continue;
        }
        for page in std::fs::read_dir(&reg).unwrap() {
            let page = page.unwrap().path();
            if page.file_name().unwrap() != "print.html" {
                pages.push(std::fs::read_to_string(page).unwrap());
            }
        }
    }
    pages
}

#[test]
fn related_rows_rendered_once_equal_the_row_component_on_that_page() {
    // A risk page that shows each related row both ways: as handed over
    // (`r.html`, rendered once for every risk page) and rendered by the
    // component there and then.
    let (_tmp, dir) = site_with_components(|c| c.to_string());
    std::fs::write(
        dir.join("templates/risk_body.html"),
        "{% for rows in [related, related_by] %}{% for r in rows %}<div class=\"given\">{{ r.html | safe }}</div>\n<div class=\"now\">{{ <rb.risk_row r={r} root={root} register={true} /> }}</div>\n{% endfor %}{% endfor %}",
    )
    .unwrap();
    let run = build_at(&dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let compared: usize = risk_pages(&dir.join("public"))
        .iter()
        .map(|html| given_rows_equal_now(html, "../../").len())
        .sum();
    assert_eq!(compared, 2, "one risk names another: a row on each page");
}

#[test]
fn components_without_the_row_component_still_render_taxonomy_pages() {
    // A components.html written before `rb.risk_row` existed: the table
    // writes its rows itself.
    let (_tmp, dir) = site_with_components(|c| {
        let start = c.find("{#- One row of a risk table").unwrap();
        let end = c.find("{% component rb.risk_table").unwrap();
        let without = format!("{}{}", &c[..start], &c[end..]);
        without.replace(
            "{% if r.html %}{{ r.html | safe }}{% else %}{{ <rb.risk_row r={r} root={root} register={register} /> }}{% endif %}",
            "<tr><td><a href=\"{{ root }}{{ r.url }}\">{{ r.id }}</a></td></tr>",
        )
    });
    assert!(
        !std::fs::read_to_string(dir.join("templates/components.html"))
            .unwrap()
            .contains("rb.risk_row")
    );
    let run = build_at(&dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let owners: Vec<_> = std::fs::read_dir(dir.join("public/owners"))
        .unwrap()
        .collect();
    assert!(!owners.is_empty());
    for page in owners {
        let html = std::fs::read_to_string(page.unwrap().path()).unwrap();
        let rows = table_rows(&html);
        assert!(!rows.is_empty());
        for r in rows {
            assert!(r.starts_with("<tr><td><a href=\"../registers/"), "{r}");
        }
    }
}
