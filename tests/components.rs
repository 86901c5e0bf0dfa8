//! The built-in components (risk rows, risk bodies, the rows of the table
//! of all risks and of the weekly review) are written in Rust, once. What
//! a user sees of them: every text escaped wherever it shows, and the
//! built-in templates written out as a site's own (`init --templates`)
//! building the same site, byte for byte.

mod common;
use common::*;
use std::path::Path;

/// The awkward fixture's first risk title, as HTML must show it.
const TITLE_ESCAPED: &str =
    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;more&#39;";

#[test]
fn awkward_texts_are_escaped_on_every_page_that_shows_them() {
    let (_tmp, out, _) = built("awkward");
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    // Every page that lists or shows risk A-1, in each of its tables.
    for page in [
        "index.html",
        "risks.html",
        "review.html",
        "registers/awkward.html",
        "registers/awkward/print.html",
        "registers/awkward/A-1.html",
        "registers/awkward/A_2.html",
        "owners/r-d-platform.html",
        "statuses/open.html",
        "tags/a-b.html",
        "categories/data-privacy.html",
    ] {
        let html = read(page);
        assert!(html.contains(TITLE_ESCAPED), "{page} shows A-1's title");
    }
    // The risk's own texts in its row and body.
    let a1 = read("registers/awkward/A-1.html");
    for text in [
        "High <span class=\"note\">(seen &lt;twice&gt; &amp; &quot;more&quot;)</span>",
        "<a href=\"../../owners/r-d-platform.html\">R&amp;D &lt;platform&gt;</a>",
        "O&#39;Brien &quot;ops&quot;",
        "<code>err&lt;rate&gt;</code> &gt; 2% for 10m",
        ">Why &lt;now&gt;</h2>",
        "<a href=\"https://issues.example/4\">#4</a>",
        "OPS-9 &lt;x&gt;",
        "<title>A-1 &lt;script&gt;",
    ] {
        assert!(a1.contains(text), "A-1's page shows {text}");
    }
    let all = read("risks.html");
    assert!(
        all.contains("data-owner=\"R&amp;D &lt;platform&gt;|O&#39;Brien &quot;ops&quot;|\""),
        "the table of all risks filters on the escaped owners"
    );
    // No text comes out as markup in any page or drawing (the exports
    // hold the texts as written).
    for file in walkdir::WalkDir::new(&out) {
        let path = file.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "html" || e == "svg") {
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            assert!(!text.contains("<script>alert"), "{}", path.display());
            assert!(!text.contains("<privacy>"), "{}", path.display());
        }
    }
}

#[test]
fn a_risk_titled_as_the_site_keeps_its_page_title() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_eq!(build_fixture("awkward", &out).code, 0);
    let page = std::fs::read_to_string(out.join("registers/awkward/Site.html")).unwrap();
    assert_contains(
        &page,
        "<title>Site Awkward &lt;site&gt; &amp; co · Awkward &lt;site&gt; &amp; co</title>",
    );
}

/// With every built-in template copied into `templates/` (as `init
/// --templates` writes them), the site comes out byte for byte as it does
/// from the built-ins themselves: the templates hold no second copy of a
/// component that could drift.
#[test]
fn the_built_ins_as_templates_of_your_own_build_the_same_site() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (site, base_url) in [
        ("content", None),
        ("tests/fixtures/unseen/content", None),
        (
            "tests/fixtures/awkward/content",
            Some("https://risks.example/a&b"),
        ),
    ] {
        let n = assert_built_ins_as_own_build_the_same(&root.join(site), base_url);
        assert!(n > 20, "{site}: {n} files");
    }
}

const RUNBOOK: &str =
    "# Runbook\n\n## Roll back\n\nFlip the flag.\n\n## Escalation\n\nCall the lead.\n";

/// A runbook section rewritten after a risk's review, in git: the risk's
/// body shows the notice and the diff, the weekly review the reason, and
/// the built-ins as the site's own build the same.
#[test]
fn changed_playbook_sections_show_in_bodies_and_the_review() {
    let register = "title: Ops\nrisks:\n  - id: R-1\n    title: Bad deploy\n    probability: medium\n    impact: high\n    owner: ops\n    reviewed: 2026-02-01\n    playbooks: [docs/run.md#roll-back, docs/run.md#escalation]\n  - {id: R-2, title: Flag left on, probability: low, impact: high, owner: ops, playbooks: [docs/run.md#roll-back]}\n";
    let site = git_site(
        &[
            ("content/registers/ops.yaml", register),
            ("content/docs/run.md", RUNBOOK),
        ],
        "Create <it> & \"all\"",
        "2026-01-20T10:00:00Z",
    );
    site.write(
        "content/docs/run.md",
        RUNBOOK
            .replace("Flip the flag.", "Flip the <flag> & wait.\n\nThen check.")
            .replace("Call the lead.", "Call the lead & the deputy.")
            .as_bytes(),
    );
    commit(&site, "Tighten rollback", "2026-03-01T10:00:00Z");
    let n = assert_built_ins_as_own_build_the_same_with_git(site.root());
    assert!(n > 10, "{n} files");
    assert_eq!(site.build().code, 0);
    let review = site.read_out("review.html");
    assert_contains(
        &review,
        "<ul class=\"reasons\"><li><a href=\"docs/run.html#roll-back\">runbook section",
    );
    let body = site.read_out("registers/ops/R-1.html");
    assert_contains(
        &body,
        "<ins><span class=\"visually-hidden\">added: </span>+ Flip the &lt;flag&gt; &amp; wait.</ins>",
    );
    assert_contains(&body, "“Tighten rollback”");
}
