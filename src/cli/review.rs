//! `riskbook review`: stamp `reviewed:` on risks, as a minimal YAML edit.

use super::{parse_date, usage_error, without_history};
use riskbook::model::Date;
use std::path::PathBuf;
use std::process::ExitCode;

/// Stamp `reviewed:` on risks after re-reading them (a minimal YAML edit).
#[derive(clap::Args)]
pub struct Args {
    /// Risks as REGISTER/RISK-ID, e.g. ops/R-001.
    risks: Vec<String>,
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The review date [default: today].
    #[arg(long, value_parser = parse_date)]
    date: Option<Date>,
    /// Also stamp every suspect risk (after reading the changed sections).
    #[arg(long)]
    all_suspect: bool,
}

pub fn run(args: Args) -> ExitCode {
    let date = args.date.unwrap_or_else(Date::today);
    let mut opts = without_history(args.root, Some(date));
    // Suspect risks come from git.
    opts.git = true;
    match riskbook::review::run(&opts, &args.risks, args.all_suspect, date) {
        Err(e) => usage_error(e),
        Ok(lines) => {
            for l in lines {
                eprintln!("{l}");
            }
            ExitCode::SUCCESS
        }
    }
}
