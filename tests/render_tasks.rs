//! `serve` renders a page by asking which task writes it
//! (`Task::of_path`). The guess must name the task that really writes
//! every file of a site, or `serve` renders everything to find it.

use riskbook::render::{Env, Task, templates};
use std::path::Path;

fn assert_every_output_maps_to_its_task(root: &Path) {
    let opts = riskbook::Options {
        root: root.to_path_buf(),
        today: riskbook::model::Date::parse("2026-02-20").unwrap(),
        base_url: Some("https://docs.example.internal/risks/".into()),
        git: false,
    };
    let checked = riskbook::check(&opts).unwrap();
    assert_eq!(checked.errors(), 0, "{} is a valid site", root.display());
    let tpl = templates::load(root).unwrap();
    let env = Env::new(&checked.site, &checked.sources, &tpl, None);
    let mut files = 0;
    let tasks = Task::all(&env);
    for task in &tasks {
        let out = task.files(&env);
        for (path, _) in out {
            assert_eq!(Task::of_path(&env, &path), Some(*task), "{path}");
            files += 1;
        }
    }
    assert!(files > 20, "{files} files");
    // A risk's page rendered alone is the page its register's task writes.
    for (ri, reg) in checked.site.registers.iter().enumerate() {
        let whole = Task::Register(ri).files(&env);
        for r in &reg.risks {
            let path = format!("registers/{}/{}.html", reg.id, r.id);
            let task = Task::smallest_of_path(&env, &path).unwrap();
            assert!(matches!(task, Task::Risk(_)), "{path}: {task:?}");
            let alone = task.files(&env);
            assert_eq!(alone.len(), 1, "{path}");
            let from_register = whole.iter().find(|(p, _)| *p == path).unwrap();
            assert!(alone[0] == *from_register, "{path} rendered alone differs");
        }
    }
    // Paths no task writes are not guessed to be any task's.
    for path in [
        "favicon.ico",
        "registers/nope.html",
        "docs/nope.html",
        "tags/x/y",
    ] {
        let guess = Task::of_path(&env, path);
        if let Some(task) = guess {
            let out = task.files(&env);
            assert!(
                out.iter().all(|(p, _)| p != path),
                "{path} is guessed to be written by {task:?}"
            );
        }
    }
    assert_eq!(Task::of_path(&env, "favicon.ico"), None);
    assert_eq!(Task::of_path(&env, "registers/nope.html"), None);
}

#[test]
fn every_file_of_the_example_site_maps_to_the_task_that_writes_it() {
    assert_every_output_maps_to_its_task(Path::new(env!("CARGO_MANIFEST_DIR")));
}

#[test]
fn every_file_of_the_unseen_site_maps_to_the_task_that_writes_it() {
    assert_every_output_maps_to_its_task(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unseen"),
    );
}
