//! `riskbook serve`: the site on loopback, rebuilt and reloaded on change.

use super::{parse_date, usage_error};
use riskbook::model::Date;
use std::path::PathBuf;
use std::process::ExitCode;

/// Serve the site on loopback, rebuilding and reloading on every change.
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    #[arg(long, default_value_t = 1111)]
    port: u16,
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
}

pub fn run(args: Args) -> ExitCode {
    let today = args.today.unwrap_or_else(Date::today);
    match riskbook::serve::serve(args.root, &args.bind, args.port, today) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => usage_error(e),
    }
}
