//! The `riskbook` command line.

mod allocator;

use clap::{Parser, Subcommand};
use riskbook::diagnostics::{Format, Reporter};
use riskbook::model::Date;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
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
    /// Check the sources, then render the site.
    Build {
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
    },
    /// Summarize in Markdown what a change does to the risks (for a PR comment).
    Diff {
        /// The git revision to compare with (e.g. origin/main).
        base: String,
        /// The revision to compare [default: the work tree].
        head: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
    /// Serve the site on loopback, rebuilding and reloading on every change.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
    /// Convert a risk document into a register YAML: Markdown (tables,
    /// heading-and-bullet lists, scoring guides), CSV or a spreadsheet.
    Import {
        /// The file: .md, .csv, .xlsx or .ods.
        file: PathBuf,
        /// Write the YAML here instead of stdout.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// The sheet of a workbook to read (default: the first holding a risk table).
        #[arg(long)]
        sheet: Option<String>,
        /// Write the scales, levels and statuses found as a site.yaml instead.
        #[arg(long)]
        site: bool,
    },
    /// Create a new site with an example register, playbook and config.
    Init {
        /// Folder of the new site.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Also write the built-in templates, CSS and JS into templates/ to customise.
        #[arg(long)]
        templates: bool,
    },
    /// Print the full risk export (risks.json or risks.csv) to stdout.
    Export {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
    /// Print the JSON Schema of a source format (register or site), for editors.
    Schema {
        #[arg(value_enum, default_value = "register")]
        kind: riskbook::schema::SchemaKind,
    },
    /// Check everything build checks, writing nothing.
    Check {
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
    },
    /// Stamp `reviewed:` on risks after re-reading them (a minimal YAML edit).
    Review {
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
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    Json,
    Csv,
}

/// Options for `check` and `export`: history produces no diagnostics and is
/// not exported, so git is not read.
fn without_history(root: PathBuf, today: Option<Date>) -> riskbook::Options {
    riskbook::Options {
        root,
        today: today.unwrap_or_else(Date::today),
        base_url: None,
        git: false,
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
}

fn default_format() -> Format {
    if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
        Format::Github
    } else {
        Format::Human
    }
}

/// Writes a command's output to stdout through `write`. A closed pipe
/// (`riskbook schema | head`) is the reader's choice, not an error; any
/// other failure (a full disk) is reported, and fails the command as an
/// output that cannot be written does: exit 2.
fn to_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> ExitCode {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write to stdout: {e}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// `to_stdout` of a whole text.
fn stdout(text: &str) -> ExitCode {
    to_stdout(|out| out.write_all(text.as_bytes()))
}

fn main() -> ExitCode {
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
        Command::Build {
            root,
            out,
            base_url,
            strict,
            no_git,
            today,
            compare,
        } => {
            let opts = riskbook::Options {
                root: root.clone(),
                today: today.unwrap_or_else(Date::today),
                base_url,
                git: !no_git,
            };
            let out = out.unwrap_or_else(|| root.join("public"));
            match riskbook::build_compared(&opts, &out, strict, compare.as_deref()) {
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
                Ok((checked, summary)) => {
                    let checked = leave_to_exit(checked);
                    let text = Reporter::new(&checked.sources, Format::Human)
                        .condensed(&checked.diagnostics);
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
                                if strict { " (--strict)" } else { "" },
                                out.display()
                            );
                            ExitCode::from(1)
                        }
                    }
                }
            }
        }
        Command::Diff {
            base,
            head,
            root,
            today,
        } => {
            let today = today.unwrap_or_else(Date::today);
            let sides = riskbook::compare::revision(&root, &base, today).and_then(|b| {
                let h = match &head {
                    Some(rev) => riskbook::compare::revision(&root, rev, today)?,
                    None => riskbook::compare::work_tree(&root, today)?,
                };
                Ok((b, h))
            });
            match sides {
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
                Ok((b, h)) => {
                    let c = riskbook::compare::compare(
                        &b.label,
                        &b.checked,
                        &h.label,
                        &h.checked.site,
                        &h.checked.diagnostics,
                    );
                    stdout(&riskbook::compare::markdown(&c))
                }
            }
        }
        Command::Serve {
            root,
            bind,
            port,
            today,
        } => match riskbook::serve::serve(root, &bind, port, today.unwrap_or_else(Date::today)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Command::Import {
            file,
            output,
            sheet,
            site,
        } => {
            if !file.is_file() {
                eprintln!("error: cannot read {}: no such file", file.display());
                return ExitCode::from(2);
            }
            let imported = if riskbook::import::is_table_file(&file) {
                riskbook::import::import_table_file(&file, sheet.as_deref())
            } else {
                let text = match std::fs::read(&file).map(String::from_utf8) {
                    Ok(Ok(t)) => t,
                    Ok(Err(_)) => {
                        eprintln!("error: {} is not UTF-8 text", file.display());
                        return ExitCode::from(1);
                    }
                    Err(e) => {
                        eprintln!("error: cannot read {}: {e}", file.display());
                        return ExitCode::from(2);
                    }
                };
                let name = file
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                riskbook::import::import(&text, &name)
            };
            let mut imported = match imported {
                Ok(i) => i,
                Err(e) => {
                    eprintln!("error: {}: {e}", file.display());
                    return ExitCode::from(1);
                }
            };
            if site {
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
            match output {
                Some(path) => {
                    if let Err(e) = std::fs::write(&path, &imported.yaml) {
                        eprintln!("error: cannot write {}: {e}", path.display());
                        return ExitCode::from(2);
                    }
                    eprintln!("wrote {}", path.display());
                }
                None => return stdout(&imported.yaml),
            }
            ExitCode::SUCCESS
        }
        Command::Init { dir, templates } => match riskbook::init::init(&dir, templates) {
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
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
        },
        Command::Schema { kind } => {
            let text =
                serde_json::to_string_pretty(&riskbook::schema::schema(kind)).unwrap_or_default();
            stdout(&format!("{text}\n"))
        }
        Command::Review {
            risks,
            root,
            date,
            all_suspect,
        } => {
            let date = date.unwrap_or_else(Date::today);
            let mut opts = without_history(root, Some(date));
            opts.git = true;
            match riskbook::review::run(&opts, &risks, all_suspect, date) {
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
                Ok(lines) => {
                    for l in lines {
                        eprintln!("{l}");
                    }
                    ExitCode::SUCCESS
                }
            }
        }
        Command::Export {
            root,
            format,
            today,
        } => {
            let opts = without_history(root, today);
            match riskbook::load_and_validate(&opts) {
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
                Ok((_, sources, diags)) if diags.has_errors() => {
                    let all = diags.into_sorted();
                    let _ = std::io::stderr().write_all(
                        Reporter::new(&sources, Format::Human)
                            .render(&all)
                            .as_bytes(),
                    );
                    eprintln!("export failed: the content has errors");
                    ExitCode::from(1)
                }
                Ok((site, _, _)) => {
                    use riskbook::render::exports;
                    to_stdout(|out| match format {
                        ExportFormat::Json => exports::write_risks_json(&site, out),
                        ExportFormat::Csv => exports::write_risks_csv(&site, out),
                    })
                }
            }
        }
        Command::Check {
            root,
            strict,
            format,
            today,
            no_git,
        } => {
            let mut opts = without_history(root, today);
            // Suspect risks come from git.
            opts.git = !no_git;
            match riskbook::check(&opts) {
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
                Ok(checked) => {
                    let checked = leave_to_exit(checked);
                    let format = format.unwrap_or_else(default_format);
                    if let Err(code) = report(&checked, format) {
                        return code;
                    }
                    if format == Format::Human {
                        eprintln!(
                            "checked: {} errors, {} warnings",
                            checked.errors(),
                            checked.warnings()
                        );
                    }
                    if checked.failed(strict) {
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
            }
        }
    }
}

/// Prints the diagnostics of `check`; `Err` with the exit code when the
/// machine formats cannot be written (`to_stdout`).
fn report(checked: &riskbook::Checked, format: Format) -> Result<(), ExitCode> {
    let text = Reporter::new(&checked.sources, format).render(&checked.diagnostics);
    match format {
        // Machine formats go to stdout, for piping.
        Format::Json | Format::Github => {
            let code = stdout(&text);
            if code != ExitCode::SUCCESS {
                return Err(code);
            }
        }
        Format::Human => {
            let _ = std::io::stderr().is_terminal();
            let _ = std::io::stderr().write_all(text.as_bytes());
        }
    }
    Ok(())
}

/// The checked site, never freed: the process ends right after it is
/// reported, and freeing a 10,000-risk model node by node took 2% of `check`.
fn leave_to_exit<T>(value: T) -> std::mem::ManuallyDrop<T> {
    std::mem::ManuallyDrop::new(value)
}
