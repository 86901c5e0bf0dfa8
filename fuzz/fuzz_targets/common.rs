//! Shared by the fuzz targets: a small site around the fuzzed file.

use riskbook::model::Date;
use std::path::PathBuf;

/// A register and a playbook for the fuzzed input to link to.
pub const REGISTER: &str = "title: Ops\nrisks:\n  - id: R-1\n    title: First\n    probability: high\n    impact: low\n    playbooks: [docs/p.md#rollback]\n";
pub const PLAYBOOK: &str = "# Playbook\n\n## Rollback\n\nSteps.\n";

fn site(extra: &[(&str, &str)]) -> Vec<(PathBuf, String)> {
    let mut files = vec![
        (PathBuf::from("registers/ops.yaml"), REGISTER.to_string()),
        (PathBuf::from("docs/p.md"), PLAYBOOK.to_string()),
    ];
    for (p, t) in extra {
        files.retain(|(q, _)| q != &PathBuf::from(p));
        files.push((PathBuf::from(p), t.to_string()));
    }
    files
}

fn today() -> Date {
    "2026-03-01".parse().expect("a date")
}

/// Checks the small site with `data` (if UTF-8) as the file at `path`.
pub fn check_with(path: &str, data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        riskbook::check_in_memory(&site(&[(path, text)]), today());
    }
}
