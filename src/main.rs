//! The `riskbook` command line: each command in `cli/`, with its options.

mod allocator;
mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
