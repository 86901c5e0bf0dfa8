//! The command line: each command in a module of its own, with its options
//! (a clap `Args` struct) and its `run`. `main` parses and dispatches.

mod build;
mod check;
mod diff;
mod export;
mod import;
mod init;
mod output;
mod review;
mod schema;
mod serve;

use clap::{Parser, Subcommand};
use riskbook::model::Date;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "riskbook",
    version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("RISKBOOK_COMMIT"), ")"),
    about = "Risk registers and playbooks to a cross-linked static site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build(build::Args),
    Diff(diff::Args),
    Serve(serve::Args),
    Import(import::Args),
    Init(init::Args),
    Export(export::Args),
    Schema(schema::Args),
    Check(check::Args),
    Review(review::Args),
}

/// Parses the command line and runs the command. A usage error exits 2;
/// `--help` and `--version` exit 0.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Import(args) => import::run(args),
        Command::Init(args) => init::run(args),
        Command::Export(args) => export::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Check(args) => check::run(args),
        Command::Review(args) => review::run(args),
    }
}

/// `--today` and `--date`: a calendar date, YYYY-MM-DD.
fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
}

/// Options for `check`, `export` and `review`: history produces no
/// diagnostics and is not exported, so git is not read unless asked.
fn without_history(root: std::path::PathBuf, today: Option<Date>) -> riskbook::Options {
    riskbook::Options {
        root,
        today: today.unwrap_or_else(Date::today),
        base_url: None,
        git: false,
    }
}

/// A usage problem or an unusable folder: reported, exit 2.
fn usage_error(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(2)
}

/// The checked site, never freed: the process ends right after it is
/// reported, and freeing a 10,000-risk model node by node took 2% of `check`.
fn leave_to_exit<T>(value: T) -> std::mem::ManuallyDrop<T> {
    std::mem::ManuallyDrop::new(value)
}
