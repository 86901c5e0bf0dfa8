//! `riskbook diff`: what a change does to the risks, as Markdown.

use super::output::stdout;
use super::{parse_date, usage_error};
use riskbook::compare;
use riskbook::model::Date;
use std::path::PathBuf;
use std::process::ExitCode;

/// Summarize in Markdown what a change does to the risks (for a PR comment).
#[derive(clap::Args)]
pub struct Args {
    /// The git revision to compare with (e.g. origin/main).
    base: String,
    /// The revision to compare [default: the work tree].
    head: Option<String>,
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
}

pub fn run(args: Args) -> ExitCode {
    let today = args.today.unwrap_or_else(Date::today);
    let sides = compare::revision(&args.root, &args.base, today).and_then(|b| {
        let h = match &args.head {
            Some(rev) => compare::revision(&args.root, rev, today)?,
            None => compare::work_tree(&args.root, today)?,
        };
        Ok((b, h))
    });
    match sides {
        Err(e) => usage_error(e),
        Ok((b, h)) => {
            let c = compare::compare(
                &b.label,
                &b.checked,
                &h.label,
                &h.checked.site,
                &h.checked.diagnostics,
            );
            stdout(&compare::markdown(&c))
        }
    }
}
