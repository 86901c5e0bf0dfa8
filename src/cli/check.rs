//! `riskbook check`: everything `build` validates, writing nothing.

use super::output::report;
use super::{leave_to_exit, parse_date, usage_error, without_history};
use riskbook::diagnostics::Format;
use riskbook::model::Date;
use std::path::PathBuf;
use std::process::ExitCode;

/// Check everything build checks, writing nothing.
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long)]
    strict: bool,
    /// Diagnostics format [default: github under GitHub Actions, else human].
    #[arg(long, value_enum)]
    format: Option<Format>,
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
    /// Do not read git: no suspect-risk warnings.
    #[arg(long)]
    no_git: bool,
}

pub fn run(args: Args) -> ExitCode {
    let mut opts = without_history(args.root, args.today);
    // Suspect risks come from git.
    opts.git = !args.no_git;
    let checked = match riskbook::check(&opts) {
        Ok(checked) => leave_to_exit(checked),
        Err(e) => return usage_error(e),
    };
    let format = args.format.unwrap_or_else(default_format);
    if let Err(code) = report(&checked.sources, &checked.diagnostics, format) {
        return code;
    }
    if format == Format::Human {
        eprintln!(
            "checked: {} errors, {} warnings",
            checked.errors(),
            checked.warnings()
        );
    }
    if checked.failed(args.strict) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Annotations under GitHub Actions, else for people.
fn default_format() -> Format {
    if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
        Format::Github
    } else {
        Format::Human
    }
}
