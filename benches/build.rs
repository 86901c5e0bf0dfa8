//! Build benchmark (`cargo bench --bench build`).
//!
//! Generates a site of 100 registers x 100 risks and 1,000 Markdown pages
//! (every risk references a playbook section, every page links to risks
//! and to other pages' anchors, and holds three highlighted code blocks), then times the stages of a full build,
//! and the matrix of a 1,000-risk register.
//!
//! `cargo bench --bench build -- --generate DIR` only writes the corpus, to
//! measure the binary itself (e.g. `/usr/bin/time -v riskbook build --root DIR`);
//! with `--quantified`, every risk also gives a frequency and a loss (and
//! every third a residual), simulated at the site's 10,000 trials.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

const REGISTERS: usize = 100;
const RISKS: usize = 100;
const PAGES: usize = 1000;

fn generate(root: &Path) {
    generate_corpus(root, false);
}

/// The corpus; `quantified`: every risk in money too.
fn generate_corpus(root: &Path, quantified: bool) {
    let content = root.join("content");
    std::fs::create_dir_all(content.join("registers")).unwrap();
    std::fs::create_dir_all(content.join("docs")).unwrap();
    let levels = ["low", "medium", "high"];
    let impacts = ["low", "medium", "high", "critical"];
    for r in 0..REGISTERS {
        let mut y = format!(
            "title: Register {r}\nstatus: active\nowner: team-{}\nsummary: |\n  Risks of area {r}; see [the runbook](docs/page-{r}.md#steps).\nrisks:\n",
            r % 7
        );
        for k in 0..RISKS {
            let page = (r * RISKS + k) % PAGES;
            let _ = write!(
                y,
                "  - id: R-{k:03}\n    title: Risk {k} of register {r} about subsystem {}\n    status: {}\n    category: Cat {}\n    probability: {}\n    impact: {}\n    owner: [owner-{}, owner-{}]\n    tags: [t{}]\n    description: |\n      What could go wrong in subsystem {k}, with a link to [the section](docs/page-{page}.md#rollback-{}).\n    mitigation:\n      - first step for {k}\n      - {{ action: second step, done: {} }}\n    trigger: error rate > {}% for 10 min\n    playbooks: [docs/page-{page}.md#rollback-{}]\n    related: [R-{:03}]\n    reviewed: 2026-02-{:02}\n",
                k % 13,
                if k % 5 == 0 { "mitigated" } else { "open" },
                k % 9,
                levels[k % 3],
                impacts[(k / 3) % 4],
                k % 20,
                (k + 7) % 20,
                k % 11,
                k % 3,
                k % 2 == 0,
                k % 5,
                k % 3,
                (k + 1) % RISKS,
                1 + k % 27,
            );
            if quantified {
                let _ = write!(
                    y,
                    "    frequency: {{ low: 0.0{}, high: {} }}\n    loss: {{ low: {}000, high: {}00000 }}\n{}",
                    1 + k % 9,
                    1 + k % 3,
                    5 + k % 40,
                    2 + k % 30,
                    if k % 3 == 0 {
                        "    mitigation_cost: 20000\n"
                    } else {
                        ""
                    }
                );
            }
        }
        std::fs::write(content.join(format!("registers/reg-{r:03}.yaml")), y).unwrap();
    }
    for p in 0..PAGES {
        let mut md = format!(
            "---\ntitle: Page {p}\n---\n# Page {p}\n\nIntro linking [risk](reg-{:03}/R-{:03}) and [the next page](page-{}.md#steps).\n\n## Steps\n\n",
            p % REGISTERS,
            p % RISKS,
            (p + 1) % PAGES
        );
        for s in 0..3 {
            let _ = write!(
                md,
                "## Rollback {s}\n\n1. Stop the rollout.\n2. Flip the flag back.\n3. Verify with `curl -f https://example/health`.\n\n| Step | Owner |\n| --- | --- |\n| one | ops |\n\n"
            );
            // Runbooks hold commands: one highlighted block per section.
            let _ = match s {
                0 => write!(
                    md,
                    "```bash\n# roll back page {p}\nkubectl -n svc-{p} rollout undo deploy/api --to-revision={s}\nkubectl -n svc-{p} rollout status deploy/api --timeout=120s\n```\n\n"
                ),
                1 => write!(
                    md,
                    "```sql\n-- rows written since the switch\nSELECT id, status FROM orders WHERE shard = {p} AND created_at > now() - interval '1 hour';\n```\n\n"
                ),
                _ => write!(
                    md,
                    "```yaml\nservice: svc-{p}\nreplicas: 3\nfeature_flags:\n  new_path: false\n```\n\n"
                ),
            };
        }
        std::fs::write(content.join(format!("docs/page-{p}.md")), md).unwrap();
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--history") {
        history_bench(riskbook::model::Date::parse("2026-03-01").unwrap());
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--phases") {
        phases(Path::new(&args[i + 1]));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--generate") {
        let dir = Path::new(&args[i + 1]);
        generate_corpus(dir, args.iter().any(|a| a == "--quantified"));
        println!(
            "wrote {REGISTERS} registers x {RISKS} risks and {PAGES} pages to {}",
            dir.display()
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let ((), generated) = time(|| generate(root));
    println!(
        "corpus: {REGISTERS} registers x {RISKS} risks, {PAGES} pages (generated in {:.0} ms)",
        ms(generated)
    );
    let today = riskbook::model::Date::parse("2026-03-01").unwrap();
    let opts = riskbook::Options {
        root: root.to_path_buf(),
        today,
        base_url: None,
        git: false,
    };
    let out = root.join("public");
    let mut full = Vec::new();
    let mut checks = Vec::new();
    for _ in 0..5 {
        let (checked, d) = time(|| riskbook::check(&opts).unwrap());
        checks.push(ms(d));
        assert_eq!(checked.errors(), 0, "the corpus is valid");
        let ((_, summary), d) = time(|| riskbook::build(&opts, &out, false).unwrap());
        full.push(ms(d));
        assert!(summary.is_some());
    }
    full.sort_by(f64::total_cmp);
    checks.sort_by(f64::total_cmp);
    let files = walk_size(&out);
    println!(
        "check (validate, every link; no pages): min {:.0} ms, median {:.0} ms",
        checks[0], checks[2]
    );
    println!(
        "full build incl. write:                 min {:.0} ms, median {:.0} ms ({} files, {:.1} MB)",
        full[0],
        full[2],
        files.0,
        files.1 as f64 / 1e6
    );
    let index = std::fs::metadata(out.join("search-index.json"))
        .unwrap()
        .len();
    println!(
        "search-index.json: {:.2} MB for {} risks + {} pages",
        index as f64 / 1e6,
        REGISTERS * RISKS,
        PAGES
    );

    // The matrix of one register with 1,000 risks.
    let big = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(big.path().join("content/registers")).unwrap();
    let mut y = String::from("title: Big\nrisks:\n");
    for k in 0..1000 {
        let _ = writeln!(
            y,
            "  - {{id: R-{k:04}, title: risk {k}, probability: {}, impact: {}}}",
            ["low", "medium", "high"][k % 3],
            ["low", "medium", "high", "critical"][(k / 3) % 4]
        );
    }
    std::fs::write(big.path().join("content/registers/big.yaml"), y).unwrap();
    let opts = riskbook::Options {
        root: big.path().to_path_buf(),
        today,
        base_url: None,
        git: false,
    };
    let checked = riskbook::check(&opts).unwrap();
    let fw = checked.site.registers[0].framework.clone();
    let placed: Vec<riskbook::render::charts::heatmap::Placed> = checked.site.registers[0]
        .risks
        .iter()
        .filter_map(|r| {
            let rated = r.rated.as_ref()?;
            Some(riskbook::render::charts::heatmap::Placed {
                label: r.id.clone(),
                url: format!("big/{}.html", r.id),
                title: r.title.clone(),
                cell: (rated.probability.high, rated.impact.high),
                residual: None,
            })
        })
        .collect();
    let mut times = Vec::new();
    for _ in 0..20 {
        let (svg, d) = time(|| {
            riskbook::render::charts::heatmap::svg(
                &fw,
                &placed,
                "m",
                "Big",
                riskbook::render::charts::Use::Inline,
            )
        });
        assert!(svg.len() > 1000);
        times.push(ms(d));
    }
    times.sort_by(f64::total_cmp);
    println!(
        "matrix SVG of a 1,000-risk register:    min {:.2} ms, median {:.2} ms",
        times[0], times[10]
    );
    history_bench(today);
}

/// 500 commits of a 1,000-risk register and 20 runbooks it references:
/// what history, and suspect detection within it, add to a check.
/// (`cargo bench --bench build -- --history` runs only this.)
fn history_bench(today: riskbook::model::Date) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content/registers")).unwrap();
    std::fs::create_dir_all(root.join("content/docs")).unwrap();
    // Commit c rewrites one section of one runbook; the text stays.
    let mut revisions = [[0usize; 10]; 20];
    let runbook = |n: usize, revisions: &[[usize; 10]; 20]| -> String {
        let mut md = format!("# Runbook {n}\n\n");
        for (s, rev) in revisions[n].iter().enumerate() {
            let _ = write!(
                md,
                "## Step {s}\n\nDo step {s} of runbook {n} (revision {rev}).\n\n"
            );
        }
        md
    };
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args(args)
            .current_dir(root)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "bench")
            .env("GIT_AUTHOR_EMAIL", "b@x")
            .env("GIT_COMMITTER_NAME", "bench")
            .env("GIT_COMMITTER_EMAIL", "b@x")
            .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q", "-b", "main"]);
    let levels = ["low", "medium", "high"];
    let t = Instant::now();
    for c in 0..500 {
        let mut y = String::from("title: Big\nrisks:\n");
        for k in 0..1000 {
            // Each commit moves a few risks.
            let p = levels[(k + if k % 100 == c % 100 { c } else { 0 }) % 3];
            let _ = writeln!(
                y,
                "  - {{id: R-{k:04}, title: risk {k}, probability: {p}, impact: high, owner: o, reviewed: 2025-12-31, playbooks: [docs/p-{}.md#step-{}]}}",
                k % 20,
                (k / 20) % 10
            );
        }
        std::fs::write(root.join("content/registers/big.yaml"), y).unwrap();
        if c > 0 {
            revisions[c % 20][(c / 20) % 10] = c;
        }
        for n in 0..20 {
            std::fs::write(
                root.join(format!("content/docs/p-{n}.md")),
                runbook(n, &revisions),
            )
            .unwrap();
        }
        git(&["add", "-A"]);
        git(&["commit", "-q", "-m", &format!("change {c}")]);
    }
    println!(
        "history corpus: 500 commits of a 1,000-risk register and 20 runbooks (made in {:.1} s)",
        t.elapsed().as_secs_f64()
    );
    let run = |git: bool| {
        let opts = riskbook::Options {
            root: root.to_path_buf(),
            today,
            base_url: None,
            git,
        };
        let mut v: Vec<f64> = (0..3)
            .map(|_| {
                let (c, d) = time(|| riskbook::check(&opts).unwrap());
                assert_eq!(c.errors(), 0);
                if git {
                    assert_eq!(c.site.history.registers[0].len(), 500);
                }
                ms(d)
            })
            .collect();
        v.sort_by(f64::total_cmp);
        v[1]
    };
    let (with, without) = (run(true), run(false));
    let suspects = riskbook::check(&riskbook::Options {
        root: root.to_path_buf(),
        today,
        base_url: None,
        git: true,
    })
    .unwrap()
    .site
    .history
    .suspects
    .len();
    println!(
        "check with history: median {with:.0} ms ({suspects} suspect references); with --no-git: {without:.0} ms; history adds {:.0} ms",
        with - without
    );
    // What a `serve` rebuild costs after a save to the big register: its
    // caches hold the run before, history included (same commit checked out).
    let big = root.join("content/registers/big.yaml");
    let text = std::fs::read_to_string(&big).unwrap();
    let opts = riskbook::Options {
        root: root.to_path_buf(),
        today,
        base_url: None,
        git: true,
    };
    let caches = riskbook::Caches::default();
    riskbook::check_cached(&opts, Some(&caches)).unwrap();
    let mut rebuilds: Vec<f64> = (0..5)
        .map(|k| {
            std::fs::write(
                &big,
                text.replacen("title: risk 7,", &format!("title: risk 7 ({k}),"), 1),
            )
            .unwrap();
            let (c, d) = time(|| riskbook::check_cached(&opts, Some(&caches)).unwrap());
            assert!(c.site.history.work_tree.is_some(), "the edit is a version");
            ms(d)
        })
        .collect();
    rebuilds.sort_by(f64::total_cmp);
    println!(
        "serve rebuild after a save (cached check with history): median {:.0} ms",
        rebuilds[2]
    );
    std::fs::write(&big, &text).unwrap();
    // The same history with no playbook references in the work tree: no
    // page version is read, so the difference is suspect detection.
    let stripped: String = text
        .lines()
        .map(|l| match l.find(", playbooks:") {
            Some(i) => format!("{}}}\n", &l[..i]),
            None => format!("{l}\n"),
        })
        .collect();
    std::fs::write(&big, stripped).unwrap();
    let no_refs = run(true);
    println!(
        "check with history but no playbook references: median {no_refs:.0} ms; suspect detection adds {:.0} ms",
        with - no_refs
    );
}

fn walk_size(dir: &Path) -> (usize, u64) {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .fold((0, 0), |(n, b), e| {
            (n + 1, b + e.metadata().map(|m| m.len()).unwrap_or(0))
        })
}

/// `--phases DIR`: each stage of a build of the site at DIR on its own,
/// median of 5, to show where the time of a build (and of `serve`) goes.
fn phases(root: &Path) {
    let today = riskbook::model::Date::parse("2026-03-01").unwrap();
    let mut rows: Vec<(&str, Vec<f64>)> = [
        "load",
        "validate",
        "links (check)",
        "render (all pages)",
        "shared rows (Env)",
        "one register's pages",
        "serve: load, 1 changed",
        "serve: validate",
        "serve: check_cached",
    ]
    .into_iter()
    .map(|n| (n, Vec::new()))
    .collect();
    for _ in 0..5 {
        let mut diags = riskbook::diagnostics::Diagnostics::default();
        let (loaded, d) = time(|| riskbook::load::load(root, &mut diags).unwrap());
        rows[0].1.push(ms(d));
        let sources = loaded.sources.clone();
        let (site, d) = time(|| riskbook::validate::validate(loaded, today, &mut diags));
        rows[1].1.push(ms(d));
        let ((), d) =
            time(|| riskbook::validate::markdown::check(&site, &sources, &mut diags, None));
        rows[2].1.push(ms(d));
        let (r, d) = time(|| riskbook::render::render(&site, &sources, root, &mut diags));
        rows[3].1.push(ms(d));
        assert!(!r.files.is_empty());
        let tpl = riskbook::render::templates::load(root).unwrap();
        let (env, d) = time(|| riskbook::render::Env::new(&site, &sources, &tpl, None));
        rows[4].1.push(ms(d));
        let ((), d) = time(|| {
            riskbook::render::Task::Register(42).files(&env);
        });
        rows[5].1.push(ms(d));
    }
    // What a `serve` rebuild does after one register changed: the caches
    // hold the run before.
    let reg = root.join("content/registers/reg-042.yaml");
    let original = std::fs::read_to_string(&reg).unwrap();
    let caches = riskbook::Caches::default();
    let opts = riskbook::Options {
        root: root.to_path_buf(),
        today,
        base_url: None,
        git: false,
    };
    riskbook::check_cached(&opts, Some(&caches)).unwrap();
    for k in 0..5 {
        std::fs::write(
            &reg,
            original.replace("Risk 7 of", &format!("Risk 7 ({k}) of")),
        )
        .unwrap();
        let mut diags = riskbook::diagnostics::Diagnostics::default();
        let (loaded, d) =
            time(|| riskbook::load::load_cached(root, &mut diags, Some(&caches.load)).unwrap());
        rows[6].1.push(ms(d));
        let (_, d) = time(|| {
            riskbook::validate::validate_cached(loaded, today, &mut diags, Some(&caches.validate))
        });
        rows[7].1.push(ms(d));
        std::fs::write(
            &reg,
            original.replace("Risk 7 of", &format!("Risk 7 ({k}b) of")),
        )
        .unwrap();
        let (_, d) = time(|| riskbook::check_cached(&opts, Some(&caches)).unwrap());
        rows[8].1.push(ms(d));
    }
    std::fs::write(&reg, original).unwrap();
    for (name, mut t) in rows {
        t.sort_by(f64::total_cmp);
        println!("{name:<24} min {:7.1} ms  median {:7.1} ms", t[0], t[2]);
    }
    tasks_by_kind(root, today);
}

/// The render tasks of one build run one after another on one thread,
/// summed by kind: where the CPU time of rendering goes.
fn tasks_by_kind(root: &Path, today: riskbook::model::Date) {
    let mut diags = riskbook::diagnostics::Diagnostics::default();
    let loaded = riskbook::load::load(root, &mut diags).unwrap();
    let sources = loaded.sources.clone();
    let site = riskbook::validate::validate(loaded, today, &mut diags);
    let tpl = riskbook::render::templates::load(root).unwrap();
    let env = riskbook::render::Env::new(&site, &sources, &tpl, None);
    let mut kinds: Vec<(String, f64, usize)> = Vec::new();
    for task in riskbook::render::Task::all(&env) {
        let kind = format!("{task:?}");
        let kind = kind.split('(').next().unwrap_or_default().to_string();
        let ((), d) = time(|| {
            task.files(&env);
        });
        match kinds.iter_mut().find(|(k, ..)| *k == kind) {
            Some((_, t, n)) => {
                *t += ms(d);
                *n += 1;
            }
            None => kinds.push((kind, ms(d), 1)),
        }
    }
    // One register's task against its risk pages alone: the rest is its
    // page and its printed document.
    let reg = &env.site.registers[42];
    let ((), pages) = time(|| {
        for k in 0..reg.risks.len() {
            let rr = riskbook::model::RiskRef {
                register: 42,
                risk: k,
            };
            riskbook::render::Task::Risk(rr).files(&env);
        }
    });
    let ((), whole) = time(|| {
        riskbook::render::Task::Register(42).files(&env);
    });
    println!(
        "register 42: whole task {:.1} ms, its {} risk pages alone {:.1} ms",
        ms(whole),
        reg.risks.len(),
        ms(pages)
    );
    kinds.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!("render tasks on one thread, by kind:");
    for (kind, t, n) in kinds {
        println!("  {kind:<12} {n:>5} tasks  {t:8.1} ms");
    }
}
