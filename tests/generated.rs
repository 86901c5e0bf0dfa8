//! The schema-driven differential test (tests/generated/differential.py):
//! registers and site configs generated from `riskbook schema` by
//! hypothesis-jsonschema build and export every value as written; each one
//! mutated into an invalid register fails with a located diagnostic.
//! Needs `pip install -r tests/generated/requirements.txt`; `.ci/run`
//! installs it and sets `RISKBOOK_GENERATED=require`.
//! `RISKBOOK_GENERATED_REGISTERS` changes the number of registers (1000).

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

#[test]
fn generated_registers_and_configs_build_and_mutations_fail_located() {
    let available = Command::new("python3")
        .args(["-c", "import hypothesis_jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !tool_ready(
        available,
        "RISKBOOK_GENERATED",
        "pip install -r tests/generated/requirements.txt",
    ) {
        return;
    }
    let registers = std::env::var("RISKBOOK_GENERATED_REGISTERS").unwrap_or_else(|_| "1000".into());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/generated/differential.py");
    let run = Command::new("python3")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_riskbook"))
        .args(["--registers", &registers, "--configs", "300"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{out}\n{err}");
    assert!(
        out.starts_with(&format!(
            "generated: {registers} registers, 300 site configs valid"
        )),
        "{out}"
    );
    eprintln!("{out}");
}
