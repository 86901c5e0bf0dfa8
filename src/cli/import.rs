//! `riskbook import`: an existing risk document to a register YAML.

use super::output::stdout;
use riskbook::import;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Convert a risk document into a register YAML: Markdown (tables,
/// heading-and-bullet lists, scoring guides), CSV or a spreadsheet.
#[derive(clap::Args)]
pub struct Args {
    /// The file: .md, .csv, .xlsx or .ods.
    file: PathBuf,
    /// Write the YAML here instead of stdout.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// The sheet of a workbook to read (default: the first holding a risk table).
    #[arg(long)]
    sheet: Option<String>,
    /// Of riskbook's own export (a `register` column): import only this
    /// register's risks, with the scales of its `Scales` sheet.
    #[arg(long, value_name = "ID")]
    register: Option<String>,
    /// Write the scales, levels and statuses found as a site.yaml instead.
    #[arg(long)]
    site: bool,
}

pub fn run(args: Args) -> ExitCode {
    let file = &args.file;
    if !file.is_file() {
        eprintln!("error: cannot read {}: no such file", file.display());
        return ExitCode::from(2);
    }
    if args.register.is_some() && !import::is_table_file(file) {
        eprintln!(
            "error: {}: --register reads riskbook's own export (CSV or a workbook), not Markdown",
            file.display()
        );
        return ExitCode::from(2);
    }
    let imported = if import::is_table_file(file) {
        import::import_table_file(file, args.sheet.as_deref(), args.register.as_deref())
    } else {
        match read_text(file) {
            Ok(text) => {
                let name = file
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                import::import(&text, &name)
            }
            Err(code) => return code,
        }
    };
    let mut imported = match imported {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {}: {e}", file.display());
            return ExitCode::from(1);
        }
    };
    if args.site {
        match imported.site.take() {
            Some(config) => imported.yaml = config,
            None => {
                eprintln!(
                    "error: {}: --site: no scales, levels or statuses found to write as a site.yaml",
                    file.display()
                );
                return ExitCode::from(1);
            }
        }
    }
    for note in &imported.notes {
        eprintln!("note: {note}");
    }
    match args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, &imported.yaml) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return ExitCode::from(2);
            }
            eprintln!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        None => stdout(&imported.yaml),
    }
}

/// The text of a Markdown document; a file that is not UTF-8 is a content
/// error (exit 1), one that cannot be read a usage error (exit 2).
fn read_text(file: &Path) -> Result<String, ExitCode> {
    match std::fs::read(file).map(String::from_utf8) {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(_)) => {
            eprintln!("error: {} is not UTF-8 text", file.display());
            Err(ExitCode::from(1))
        }
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            Err(ExitCode::from(2))
        }
    }
}
