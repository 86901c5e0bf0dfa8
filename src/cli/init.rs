//! `riskbook init`: a new site with an example register, runbook and config.

use super::usage_error;
use std::path::PathBuf;
use std::process::ExitCode;

/// Create a new site with an example register, playbook and config.
///
/// Writes content/site.yaml (the site's title and review cadence, with the
/// rating `method:` — matrix, owasp, cvss or your own weighted factors —
/// and the site-wide `severities:` shown as comments),
/// content/registers/example.yaml (risks on the default probability x
/// impact matrix, linked to the playbook), content/docs/playbook.md and a
/// .gitignore for public/. `riskbook schema` prints every key; the format
/// reference explains them.
#[derive(clap::Args)]
pub struct Args {
    /// Folder of the new site.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Also write the built-in templates, CSS and JS into templates/ to customise.
    #[arg(long)]
    templates: bool,
}

pub fn run(args: Args) -> ExitCode {
    let dir = &args.dir;
    match riskbook::init::init(dir, args.templates) {
        Err(e) => usage_error(e),
        Ok(files) => {
            for f in files {
                eprintln!("  created {}", dir.join(f).display());
            }
            eprintln!(
                "next: riskbook build --root {} && open {}",
                dir.display(),
                dir.join("public/index.html").display()
            );
            ExitCode::SUCCESS
        }
    }
}
