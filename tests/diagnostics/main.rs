//! Every error class of the format reference's diagnostics table: the exit
//! status and the exact diagnostic (code, message, line, column, help).

#[path = "../common/mod.rs"]
mod common;
use common::*;

/// (code, message, line, column, help) of each diagnostic, in output order.
type Expect<'a> = (&'a str, &'a str, usize, usize, Option<&'a str>);

fn assert_diags(site: &Fixture, expected: &[Expect]) {
    let run = site.check_json();
    let got = diags(&run);
    let got: Vec<Expect> = got
        .iter()
        .map(|d| {
            let (line, column) = (d.line.unwrap_or(0), d.column.unwrap_or(0));
            (
                d.code.as_str(),
                d.message.as_str(),
                line,
                column,
                d.help.as_deref(),
            )
        })
        .collect();
    assert_eq!(got, expected, "stderr: {}", run.stderr);
    let errors = expected.iter().any(|e| {
        !matches!(
            e.0,
            "score-mismatch"
                | "review-overdue"
                | "acceptance-expired"
                | "no-owner"
                | "no-playbook"
                | "no-alt"
                | "not-checked"
        )
    });
    assert_eq!(run.code, if errors { 1 } else { 0 });
}

fn reg(text: &str) -> Fixture {
    Fixture::new(&[("content/registers/r.yaml", text)])
}

mod references;
mod registers;
mod reporting;
