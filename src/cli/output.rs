//! Writing a command's output: stdout for what is piped, stderr for people.

use riskbook::diagnostics::{Format, Reporter};
use std::io::Write;
use std::process::ExitCode;

/// Writes a command's output to stdout through `write`. A closed pipe
/// (`riskbook schema | head`) is the reader's choice, not an error; any
/// other failure (a full disk) is reported, and fails the command as an
/// output that cannot be written does: exit 2.
pub fn to_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> ExitCode {
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
pub fn stdout(text: &str) -> ExitCode {
    to_stdout(|out| out.write_all(text.as_bytes()))
}

/// Prints diagnostics: the machine formats to stdout, for piping (`Err`
/// with the exit code when that cannot be written), people's to stderr.
pub fn report(
    sources: &riskbook::diagnostics::SourceMap,
    diagnostics: &[riskbook::diagnostics::Diagnostic],
    format: Format,
) -> Result<(), ExitCode> {
    let text = Reporter::new(sources, format).render(diagnostics);
    match format {
        Format::Json | Format::Github => {
            let code = stdout(&text);
            if code != ExitCode::SUCCESS {
                return Err(code);
            }
        }
        Format::Human => {
            let _ = std::io::stderr().write_all(text.as_bytes());
        }
    }
    Ok(())
}
