//! The built-in risk body is written without Tera while the site keeps the
//! built-in `risk_body.html` and `components.html`. It must be, byte for
//! byte, what the template renders: for every risk of the example site, of
//! the unseen fixture and of a site of awkward risks, on its page (heading
//! level 1) and in its register's printed document (level 3); with
//! playbook sections changed since a review (git history); and in a
//! compared build (`build --compare`).

mod common;
use common::*;
use riskbook::render::{Env, risk_body_both_ways, templates};
use std::path::Path;

/// Compares every risk's body both ways in `env`; returns how many.
fn assert_bodies_equal(env: &Env) -> usize {
    let mut compared = 0;
    for rr in env.site.all_risks() {
        for h in [1, 3] {
            let (by_tera, written) = risk_body_both_ways(env, rr, h);
            let by_tera = by_tera.unwrap();
            let id = &env.site.risk(rr).id;
            if written != by_tera {
                let at = written
                    .bytes()
                    .zip(by_tera.bytes())
                    .position(|(a, b)| a != b)
                    .unwrap_or(written.len().min(by_tera.len()));
                let from = at.saturating_sub(200);
                panic!(
                    "risk {id} at h{h} differs at byte {at}:\nwritten: {:?}\nby Tera: {:?}",
                    written.get(from..(at + 120).min(written.len())),
                    by_tera.get(from..(at + 120).min(by_tera.len()))
                );
            }
            compared += 1;
        }
    }
    compared
}

/// Checks the site at `root` and compares its bodies, against `base`.
fn compare_site(root: &Path, git: bool, base: Option<&riskbook::compare::Side>) -> usize {
    let checked = riskbook::check(&options(root, git)).unwrap();
    assert_eq!(checked.errors(), 0, "{} is a valid site", root.display());
    let tpl = templates::load(root).unwrap();
    let env = Env::new(&checked.site, &checked.sources, &tpl, base);
    assert_bodies_equal(&env)
}

#[test]
fn the_example_sites_bodies_are_the_template() {
    let n = compare_site(Path::new(env!("CARGO_MANIFEST_DIR")), false, None);
    assert!(n > 40, "{n} bodies compared");
}

#[test]
fn the_unseen_sites_bodies_are_the_template() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unseen");
    let n = compare_site(&root, false, None);
    assert!(n > 10, "{n} bodies compared");
}

/// Markup and quotes in every text; every optional part of a body present
/// and absent: residual, thresholds with and without their parts, a
/// declared score that differs, actions of each kind, acceptance,
/// signals, sections, related risks, issues linked and not, extra data.
const AWKWARD: &str = r##"title: Bodies <with> "markup" & 'quotes'
risks:
  - id: A-1
    title: <script>alert("x")</script> & 'more'
    status: open
    category: Data & <privacy>
    probability: High (seen <twice> & "more")
    impact: Low/Medium
    score: 99
    owner: [R&D <platform>, "O'Brien \"ops\""]
    tags: [a&b, "<c>"]
    watchlist: true
    reviewed: 2025-01-01
    description: "A *described* risk with <b>tags</b> & [a link](../docs/run.md#roll-back)."
    trigger: { metric: "err<rate>", op: ">", threshold: "2%", window: 10m }
    mitigation:
      - "plain <step> & more"
      - { action: "done *step*", done: true, issue: "#12", owner: "Ana & co", due: 2026-04-01 }
      - { action: open step, done: false, issue: "JIRA-7" }
    contingency: "Roll back, then tell `#ops` & <everyone>."
    signals: ["latency <p99> up", "**errors**"]
    sections:
      Why <now>: "Because & because."
      Notes: "- one\n- two"
    related: [A_2, a.3]
    issues: ["#4", "OPS-9 <x>"]
    position: { probability: 0.5, impact: 1 }
    residual: { probability: Low (after "fix"), impact: low }
    playbooks: [docs/run.md#roll-back]
    extra: { cost: "<100>", list: [1, "two & three"] }
  - id: A_2
    title: Not rated yet
    status: open
    probability: unrated
    impact: unrated
    trigger: { metric: queue_depth }
    acceptance: { by: "CFO <finance>", date: 2025-11-01, expires: 2026-01-31, rationale: "*Cheap* & known." }
  - id: a.3
    title: Closed, no owner
    status: closed
    probability: low
    impact: high ()
    watchlist: true
    trigger: rollback when the *canary* fails
    acceptance: { by: Board }
    mitigation: "Only *text* here."
  - id: A-4
    title: "Ünïcödé 🔴 title"
    status: mitigated
    probability: Medium/High (a range, noted)
    impact: medium
    owner: Ünïcödé Team
    trigger: { metric: m, threshold: 0 }
"##;

const RUNBOOK: &str =
    "# Runbook\n\n## Roll back\n\nFlip the flag.\n\n## Escalation\n\nCall the lead.\n";

#[test]
fn awkward_bodies_are_the_template() {
    let site = Fixture::new(&[
        ("content/registers/awkward.yaml", AWKWARD),
        ("content/docs/run.md", RUNBOOK),
        (
            "content/site.yaml",
            "title: Awkward\nissue_url: https://issues.example/{n}\n",
        ),
    ]);
    let n = compare_site(site.root(), false, None);
    assert_eq!(n, 4 * 2);
}

/// The awkward site, with a canonical URL on every page and a risk whose
/// page title is the site's, built with the built-ins and with them as
/// the site's own templates: the risk pages' layout, rendered once per
/// register and filled per risk, must be what Tera renders for each.
#[test]
fn awkward_risk_pages_are_the_templates() {
    let same_title =
        "  - { id: Site, title: \"<Awkward> & co\", probability: low, impact: low, owner: ops }\n";
    let site = Fixture::new(&[
        (
            "content/registers/awkward.yaml",
            &format!("{AWKWARD}{same_title}"),
        ),
        (
            "content/registers/more.yaml",
            "title: More\nrisks:\n  - { id: M.1_x-2, title: \"Q's \\\"x\\\"\", probability: low, impact: low }\n",
        ),
        ("content/docs/run.md", RUNBOOK),
        ("content/site.yaml", "title: Site <Awkward> & co\n"),
    ]);
    let n = assert_built_ins_as_own_build_the_same(
        &site.root().join("content"),
        Some("https://risks.example/a&b"),
    );
    assert!(n > 20, "{n} files");
    assert_eq!(site.build().code, 0);
    let page = site.read_out("registers/awkward/Site.html");
    assert!(
        page.contains("<title>Site &lt;Awkward&gt; &amp; co</title>"),
        "{page}"
    );
}

/// A register's printed document is rendered with a placeholder for each
/// risk's body, filled in after Tera; so are the rows of the table of all
/// risks and of the weekly review. A text of the site's own that holds
/// the placeholder itself (or a stray private-use character) must not be
/// taken for one: the document is then rendered whole, and still equals
/// what the templates render.
#[test]
fn pages_filled_after_tera_are_the_template_even_with_placeholders_in_texts() {
    // Placeholders whole in risks' titles (one body too many, and one of
    // the risk pages' layout) and in an owner's name.
    let marks = "title: Marks\nrisks:\n  - { id: P-1, title: \"x \\uE000body\\uE000\", probability: low, impact: low, owner: ops, reviewed: 2020-01-01 }\n  - { id: P-2, title: Plain, probability: high, impact: high, owner: ops }\n  - { id: P-3, title: Owned, probability: low, impact: low, owner: \"team \\uE000body\\uE000\" }\n";
    let ids = "title: Ids\nrisks:\n  - { id: I-1, title: \"y \\uE000id\\uE000\", probability: low, impact: low, owner: ops }\n";
    // A stray private-use character in the summary.
    let stray = "title: Stray\nsummary: \"a \\uE000 b\"\nrisks:\n  - { id: S-1, title: Fine, probability: low, impact: low, owner: ops }\n";
    let site = Fixture::new(&[
        ("content/registers/marks.yaml", marks),
        ("content/registers/stray.yaml", stray),
        ("content/registers/ids.yaml", ids),
        (
            "content/registers/plain.yaml",
            "title: Plain\nrisks:\n  - { id: Q-1, title: Fine, probability: low, impact: low, owner: ops }\n",
        ),
        ("content/registers/empty.yaml", "title: Empty\nrisks: []\n"),
    ]);
    let n = assert_built_ins_as_own_build_the_same(&site.root().join("content"), None);
    assert!(n > 10, "{n} files");
    assert_eq!(site.build().code, 0);
    let print = site.read_out("registers/marks/print.html");
    assert!(print.contains("x \u{E000}body\u{E000}"), "{print}");
    assert_eq!(print.matches("<article class=\"risk-print\">").count(), 3);
    // A taxonomy page named with a placeholder.
    let owner = site.read_out("owners/team-body.html");
    assert!(owner.contains("Owned"), "{owner}");
    let ids = site.read_out("registers/ids/print.html");
    assert!(ids.contains("y \u{E000}id\u{E000}"), "{ids}");
    // The table of all risks and the weekly review hold that title too.
    for page in ["risks.html", "review.html"] {
        let html = site.read_out(page);
        assert!(html.contains("x \u{E000}body\u{E000}"), "{page}: {html}");
    }
    let stray = site.read_out("registers/stray/print.html");
    assert!(stray.contains("a \u{E000} b"), "{stray}");
    let plain = site.read_out("registers/plain/print.html");
    assert!(!plain.contains('\u{E000}'), "{plain}");
    assert!(plain.contains("Fine"), "{plain}");
    let empty = site.read_out("registers/empty/print.html");
    assert!(empty.contains("This register has no risks yet."), "{empty}");
}

/// A runbook section rewritten after a risk's review, in git: the body
/// shows the notice and the diff.
#[test]
fn bodies_with_changed_playbook_sections_are_the_template() {
    let register = "title: Ops\nrisks:\n  - id: R-1\n    title: Bad deploy\n    probability: medium\n    impact: high\n    owner: ops\n    reviewed: 2026-02-01\n    playbooks: [docs/run.md#roll-back, docs/run.md#escalation]\n  - {id: R-2, title: Flag left on, probability: low, impact: high, owner: ops, playbooks: [docs/run.md#roll-back]}\n";
    let site = Fixture::new(&[
        ("content/registers/ops.yaml", register),
        ("content/docs/run.md", RUNBOOK),
    ]);
    git_at(
        site.root(),
        &["init", "-q", "-b", "main"],
        "2026-01-20T10:00:00Z",
    );
    commit(&site, "Create <it> & \"all\"", "2026-01-20T10:00:00Z");
    site.write(
        "content/docs/run.md",
        RUNBOOK
            .replace("Flip the flag.", "Flip the <flag> & wait.\n\nThen check.")
            .replace("Call the lead.", "Call the lead & the deputy.")
            .as_bytes(),
    );
    commit(&site, "Tighten rollback", "2026-03-01T10:00:00Z");
    // An edit not committed yet.
    site.write(
        "content/docs/run.md",
        RUNBOOK.replace("Flip the flag.", "Flip it.").as_bytes(),
    );
    let checked = riskbook::check(&options(site.root(), true)).unwrap();
    assert!(
        !checked.site.history.suspects.is_empty(),
        "the history makes suspects"
    );
    assert_eq!(compare_site(site.root(), true, None), 2 * 2);
    // The weekly review lists them, each reason linked to its section;
    // its rows are written without Tera too.
    let n = assert_built_ins_as_own_build_the_same_with_git(site.root());
    assert!(n > 10, "{n} files");
    assert_eq!(site.build().code, 0);
    let review = site.read_out("review.html");
    assert!(
        review.contains(
            "<ul class=\"reasons\"><li><a href=\"docs/run.html#roll-back\">runbook section"
        ),
        "{review}"
    );
}

/// `build --compare`: a changed, an added and an unchanged risk.
#[test]
fn bodies_of_a_compared_build_are_the_template() {
    let before = "title: Ops\nrisks:\n  - {id: R-1, title: Bad deploy, probability: low, impact: high, owner: ops}\n  - {id: R-2, title: Same, probability: low, impact: low, owner: ops}\n";
    let after = "title: Ops\nrisks:\n  - {id: R-1, title: Bad <deploy>, probability: high, impact: high, owner: [ops, dev]}\n  - {id: R-2, title: Same, probability: low, impact: low, owner: ops}\n  - {id: R-3, title: New & shiny, probability: low, impact: low, owner: ops}\n";
    let base = Fixture::new(&[("content/registers/ops.yaml", before)]);
    let head = Fixture::new(&[("content/registers/ops.yaml", after)]);
    let today = riskbook::model::Date::parse("2026-03-01").unwrap();
    let side = riskbook::compare::work_tree(base.root(), today).unwrap();
    assert_eq!(compare_site(head.root(), false, Some(&side)), 3 * 2);
}
