//! Bad input of any shape gives a diagnostic and exit 1, never a panic,
//! and never a partial site.

mod common;
use common::*;

fn assert_content_error(site: &Fixture, code: &str) -> Vec<Diag> {
    let run = site.check_json();
    assert_eq!(run.code, 1, "stdout: {} stderr: {}", run.stdout, run.stderr);
    assert_lacks(&run.stderr, "panicked");
    let d = diags(&run);
    assert!(d.iter().any(|d| d.code == code), "no {code} in {d:?}");
    let build = site.build();
    assert_eq!(build.code, 1);
    assert!(!site.out().exists(), "nothing is written on failure");
    d
}

#[test]
fn empty_register_file() {
    let site = Fixture::new(&[("content/registers/r.yaml", "")]);
    let d = assert_content_error(&site, "missing-key");
    assert_eq!(d[0].message, "the register file is empty");
    assert_eq!((d[0].line, d[0].column), (Some(1), Some(1)));
}

#[test]
fn comments_only_register_file() {
    let site = Fixture::new(&[("content/registers/r.yaml", "# nothing yet\n")]);
    assert_content_error(&site, "missing-key");
}

#[test]
fn a_register_that_is_not_a_mapping() {
    let site = Fixture::new(&[("content/registers/r.yaml", "- just\n- a list\n")]);
    let d = assert_content_error(&site, "wrong-type");
    assert_eq!(
        d[0].message,
        "invalid type: sequence, expected struct RawRegister"
    );
}

#[test]
fn binary_garbage_and_non_utf8() {
    let site = Fixture::new(&[]);
    site.write(
        "content/registers/r.yaml",
        &[0xff, 0xfe, 0x00, 0x81, 0x9c, 0x00, 0x12],
    );
    let d = assert_content_error(&site, "not-utf8");
    assert_eq!(
        d[0].message,
        "not a UTF-8 text file (invalid byte at offset 0)"
    );
    let site = Fixture::new(&[]);
    site.write("content/docs/p.md", b"# Title\n\0\0\0binary");
    let d = assert_content_error(&site, "not-utf8");
    assert_eq!(d[0].message, "binary data (a NUL byte) in a text source");
}

#[test]
fn binary_assets_are_copied_unchanged() {
    let site = Fixture::new(&[("content/registers/r.yaml", &register(""))]);
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    site.write("content/docs/diagram.png", &bytes);
    assert_eq!(site.build().code, 0);
    assert_eq!(
        std::fs::read(site.out().join("docs/diagram.png")).unwrap(),
        bytes
    );
}

#[test]
fn deep_nesting_is_a_diagnostic_not_a_stack_overflow() {
    let flow = format!(
        "title: T\nextra: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let site = Fixture::new(&[("content/registers/r.yaml", &flow)]);
    assert_content_error(&site, "yaml-syntax");
    let mut block = String::from("title: T\nextra:\n");
    for i in 1..400 {
        block.push_str(&"  ".repeat(i));
        block.push_str("a:\n");
    }
    let site = Fixture::new(&[("content/registers/r.yaml", &block)]);
    let d = assert_content_error(&site, "yaml-syntax");
    assert_eq!(d[0].message, "the YAML is nested too deeply");
}

#[test]
fn huge_strings_are_fine() {
    let title = "x".repeat(2_000_000);
    let text = format!(
        "title: {title}\nrisks:\n  - {{id: R-1, title: {title}, probability: low, impact: low, owner: a}}\n"
    );
    let site = Fixture::new(&[("content/registers/r.yaml", &text)]);
    site.build_ok();
}

#[test]
fn unterminated_front_matter_is_body_text() {
    let site = Fixture::new(&[("content/docs/p.md", "---\ntitle: X\n\n# Body\n")]);
    assert_eq!(site.build().code, 0);
}

#[test]
fn bad_front_matter_is_located_in_the_page() {
    let site = Fixture::new(&[(
        "content/docs/p.md",
        "---\ntitle: X\ntitel: Y\n---\n# Body\n",
    )]);
    let d = assert_content_error(&site, "unknown-key");
    assert_eq!(
        (d[0].file.as_str(), d[0].line, d[0].column),
        ("content/docs/p.md", Some(3), Some(1))
    );
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let run = riskbook(&["build", "--root", tmp.path().to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "no content/ folder");
    assert_eq!(riskbook(&["build", "--today", "yesterday"]).code, 2);
    assert_eq!(riskbook(&["frobnicate"]).code, 2);
    // An output folder that would overwrite the sources is refused.
    let site = Fixture::new(&[("content/registers/r.yaml", &register(""))]);
    let content = site.root().join("content");
    let run = site.run(&["build", "--out", content.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(content.join("registers/r.yaml").is_file());
    let run = site.run(&["build", "--out", site.root().to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(content.join("registers/r.yaml").is_file());
}

#[test]
fn random_bytes_never_panic() {
    // A small deterministic fuzz: mutate a valid register byte by byte.
    let base = register(
        "    playbooks: [docs/p.md#a]\n    mitigation:\n      - { action: x, done: true }\n",
    );
    let mut seed = 0x2545F4914F6CDD1Du64;
    for round in 0..40 {
        let mut bytes = base.clone().into_bytes();
        for _ in 0..(1 + round % 5) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let i = (seed as usize) % bytes.len();
            bytes[i] = b"{}[]:-#&*!|>'\"%@` \n\tx0"[(seed >> 32) as usize % 22];
        }
        let site = Fixture::new(&[("content/docs/p.md", "# P\n## A\n")]);
        site.write("content/registers/r.yaml", &bytes);
        let run = site.check_json();
        assert!(
            run.code == 0 || run.code == 1,
            "round {round}: exit {} {}",
            run.code,
            run.stderr
        );
        assert!(
            !run.stderr.contains("panicked"),
            "round {round}: {}\n{}",
            String::from_utf8_lossy(&bytes),
            run.stderr
        );
    }
}

#[test]
fn a_closed_output_pipe_is_not_a_panic() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_riskbook"))
        .arg("schema")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before riskbook writes, as `riskbook schema |
    // true` does: its write fails with a broken pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_lacks(&stderr, "panicked");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

/// A full disk under stdout fails the command as an output that cannot be
/// written (exit 2, one message), for every command that writes to stdout;
/// a closed pipe does not (above).
#[test]
fn a_full_disk_under_stdout_fails_the_command() {
    use std::process::{Command, Stdio};
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    let root = env!("CARGO_MANIFEST_DIR");
    let commands: [&[&str]; 4] = [
        &["schema"],
        &["export", "--format", "json", "--root", root],
        &["export", "--format", "csv", "--root", root],
        &["check", "--no-git", "--format", "json", "--root", root],
    ];
    for args in commands {
        let out = Command::new(env!("CARGO_BIN_EXE_riskbook"))
            .args(args)
            .stdout(Stdio::from(full.try_clone().unwrap()))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(
            stderr
                .lines()
                .filter(|l| l.starts_with("error: cannot write to stdout: "))
                .count(),
            1,
            "{args:?}: {stderr}"
        );
    }
}
