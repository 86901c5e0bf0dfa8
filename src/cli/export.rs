//! `riskbook export`: risks.json, risks.csv or risks.xlsx to stdout.

use super::output::{report, to_stdout};
use super::{parse_date, usage_error, without_history};
use riskbook::diagnostics::Format;
use riskbook::model::Date;
use riskbook::render::exports;
use std::path::PathBuf;
use std::process::ExitCode;

/// Print the full risk export (risks.json, risks.csv or risks.xlsx) to stdout.
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long, value_enum)]
    format: ExportFormat,
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    Json,
    Csv,
    /// A workbook: the risks, then each register's scales and levels.
    Xlsx,
}

pub fn run(args: Args) -> ExitCode {
    let opts = without_history(args.root, args.today);
    match riskbook::load_and_validate(&opts) {
        Err(e) => usage_error(e),
        Ok((_, sources, diags)) if diags.has_errors() => {
            let _ = report(&sources, &diags.into_sorted(), Format::Human);
            eprintln!("export failed: the content has errors");
            ExitCode::from(1)
        }
        Ok((site, _, _)) => to_stdout(|out| match args.format {
            ExportFormat::Json => exports::write_risks_json(&site, out),
            ExportFormat::Csv => exports::write_risks_csv(&site, out),
            ExportFormat::Xlsx => exports::write_risks_xlsx(&site, out),
        }),
    }
}
