//! `riskbook build`: check, then render and write the site atomically.

use super::{leave_to_exit, parse_date, usage_error};
use riskbook::diagnostics::{Format, Reporter};
use riskbook::model::Date;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Check the sources, then render the site.
#[derive(clap::Args)]
pub struct Args {
    /// The site folder (holding content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output folder [default: <root>/public].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Base URL, for absolute URLs only (canonical links).
    #[arg(long)]
    base_url: Option<String>,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Do not read revision history from git.
    #[arg(long)]
    no_git: bool,
    /// The build date (YYYY-MM-DD) that overdue reviews are judged against.
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
    /// Add changes.html against this git revision and mark changed risks.
    #[arg(long, value_name = "BASE")]
    compare: Option<String>,
}

pub fn run(args: Args) -> ExitCode {
    let opts = riskbook::Options {
        root: args.root.clone(),
        today: args.today.unwrap_or_else(Date::today),
        base_url: args.base_url,
        git: !args.no_git,
    };
    let out = args.out.unwrap_or_else(|| args.root.join("public"));
    let (checked, summary) =
        match riskbook::build_compared(&opts, &out, args.strict, args.compare.as_deref()) {
            Ok(built) => built,
            Err(e) => return usage_error(e),
        };
    let checked = leave_to_exit(checked);
    let text = Reporter::new(&checked.sources, Format::Human).condensed(&checked.diagnostics);
    let _ = std::io::stderr().write_all(text.as_bytes());
    match summary {
        Some(s) => {
            eprintln!(
                "built {} in {} ms: {} registers, {} risks, {} pages, {} files, {} warnings",
                out.display(),
                s.elapsed_ms,
                s.registers,
                s.risks,
                s.pages,
                s.files_written,
                checked.warnings()
            );
            ExitCode::SUCCESS
        }
        None => {
            eprintln!(
                "build failed: {} errors, {} warnings{}; {} left untouched",
                checked.errors(),
                checked.warnings(),
                if args.strict { " (--strict)" } else { "" },
                out.display()
            );
            ExitCode::from(1)
        }
    }
}
