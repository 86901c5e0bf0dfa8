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
    assert_contains(&build.stderr, "0 warnings");
    let page = std::fs::read_to_string(dir.join("public/docs/playbook.html")).unwrap();
    assert!(
        page.contains("Referenced by:"),
        "the example shows back-links"
    );
    // The example's one risk in money shows its losses.
    let risk = std::fs::read_to_string(dir.join("public/registers/example/R-001.html")).unwrap();
    assert!(
        risk.contains("<h2>Loss in money</h2>"),
        "the example shows a risk in money"
    );
    let again = riskbook(&["init", d]);
    assert_eq!(again.code, 2);
    assert_contains(&again.stderr, "already has a content/ folder");
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
    assert_contains(&run.stderr, "error[template]");
    assert_contains(&run.stderr, "templates/risk.html");
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

/// A row component of a site's own, as the format reference shows one.
const MY_ROW: &str = "\n{% component rb.risk_row(r: map, root: string, register: bool = false) -%}\n<tr class=\"mine\"><td><a href=\"{{ root }}{{ r.url }}\">{{ r.id }}</a></td>{% if register %}<td>{{ r.register.text }}</td>{% endif %}<td>{{ <rb.level level={r.level} /> }}</td></tr>\n{%- endcomponent rb.risk_row %}\n";

#[test]
fn init_templates_writes_no_row_component_and_no_risk_body() {
    let (_tmp, dir) = site_with_components(|c| c.to_string());
    let components = std::fs::read_to_string(dir.join("templates/components.html")).unwrap();
    assert_lacks(&components, "{% component rb.risk_row");
    assert!(!dir.join("templates/risk_body.html").exists());
}

#[test]
fn a_row_component_of_your_own_shows_in_every_risk_table() {
    let (_tmp, dir) = site_with_components(|c| format!("{c}{MY_ROW}"));
    let run = build_at(&dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = dir.join("public");
    let owners: Vec<_> = std::fs::read_dir(out.join("owners")).unwrap().collect();
    assert!(!owners.is_empty());
    for page in owners {
        let html = std::fs::read_to_string(page.unwrap().path()).unwrap();
        let rows = table_rows(&html);
        assert!(!rows.is_empty());
        for r in rows {
            assert!(
                r.starts_with("<tr class=\"mine\"><td><a href=\"../registers/"),
                "{r}"
            );
            assert_contains(&r, "<span class=\"badge\"");
            assert_eq!(r.matches("<td>").count(), 3, "the register column: {r}");
        }
    }
    // The register page's table, without the register column.
    let register = std::fs::read_dir(out.join("registers"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "html"))
        .unwrap();
    let html = std::fs::read_to_string(register).unwrap();
    let rows = table_rows(html.split("id=\"risks\"").nth(1).unwrap());
    assert!(!rows.is_empty());
    for r in rows {
        assert!(r.starts_with("<tr class=\"mine\">"), "{r}");
        assert_eq!(r.matches("<td>").count(), 2, "no register column: {r}");
    }
    // The related-risk tables of risk pages, on both risks.
    let related = risk_pages(&out)
        .into_iter()
        .filter(|html| html.contains("Related risks"))
        .collect::<Vec<_>>();
    assert_eq!(related.len(), 2, "the example names one risk from another");
    for html in related {
        let section = html.split("Related risks").nth(1).unwrap();
        let rows = table_rows(section);
        assert!(!rows.is_empty());
        for r in rows {
            assert!(
                r.starts_with("<tr class=\"mine\"><td><a href=\"../../registers/"),
                "{r}"
            );
        }
    }
}

#[test]
fn a_row_component_that_fails_is_a_diagnostic() {
    let broken = MY_ROW.replace("{{ r.id }}", "{{ r.id | no_such_filter }}");
    let (_tmp, dir) = site_with_components(|c| format!("{c}{broken}"));
    let run = build_at(&dir);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(&run.stderr, "error[template]");
    assert_contains(&run.stderr, "templates/components.html");
}

#[test]
fn a_risk_body_of_your_own_renders_risk_pages_and_printed_documents() {
    let (_tmp, dir) = site_with_components(|c| c.to_string());
    std::fs::write(
        dir.join("templates/risk_body.html"),
        "<h{{ h }} id=\"{{ heading_id }}\">{{ row.id }}</h{{ h }}><p class=\"mine\">{{ row.title }}: {{ related | length }} related, {{ playbooks | length }} playbooks</p>",
    )
    .unwrap();
    let run = build_at(&dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = dir.join("public");
    let pages = risk_pages(&out);
    assert!(!pages.is_empty());
    for html in &pages {
        assert_contains(html, "<h1 id=\"");
        assert_contains(html, "<p class=\"mine\">");
        assert_lacks(html, "class=\"headline\"");
    }
    for reg in std::fs::read_dir(out.join("registers")).unwrap() {
        let reg = reg.unwrap().path();
        if reg.is_dir() {
            let print = std::fs::read_to_string(reg.join("print.html")).unwrap();
            let bodies = print.matches("<p class=\"mine\">").count();
            assert!(bodies > 0, "{print}");
            assert_eq!(print.matches("<h3 id=\"").count(), bodies, "{print}");
        }
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

/// `site.yaml` with the commented block that starts at `# {key}:`
/// written out.
fn uncomment(site_yaml: &str, key: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in site_yaml.lines() {
        if line.starts_with(&format!("# {key}:")) {
            inside = true;
        } else if !line.starts_with("# ") {
            inside = false;
        }
        match line.strip_prefix("# ") {
            Some(rest) if inside => out.push_str(rest),
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_commented_examples_in_inits_site_yaml_are_valid() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let d = dir.to_str().unwrap();
    assert_eq!(riskbook(&["init", d]).code, 0);
    let site = std::fs::read_to_string(dir.join("content/site.yaml")).unwrap();

    // The severity scale: the example's levels map onto it by id.
    std::fs::write(
        dir.join("content/site.yaml"),
        uncomment(&site, "severities"),
    )
    .unwrap();
    let build = riskbook(&["build", "--root", d, "--strict", "--today", "2026-01-20"]);
    assert_eq!(build.code, 0, "{}", build.stderr);

    // The factor method: a valid config (nothing said of site.yaml), which
    // the example register, rated on the matrix, then contradicts.
    std::fs::write(dir.join("content/site.yaml"), uncomment(&site, "method")).unwrap();
    let check = riskbook(&[
        "check",
        "--root",
        d,
        "--format",
        "json",
        "--today",
        "2026-01-20",
    ]);
    assert_eq!(check.code, 1);
    let errors: Vec<(String, String)> = diags(&check)
        .into_iter()
        .filter(|d| d.severity == "error")
        .map(|d| (d.file, d.code))
        .collect();
    assert!(
        errors
            .iter()
            .all(|(file, _)| file == "content/registers/example.yaml"),
        "{errors:?}"
    );
    assert!(errors.contains(&(
        "content/registers/example.yaml".into(),
        "wrong-method".into(),
    )));
}
