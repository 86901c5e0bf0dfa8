//! `riskbook schema`: the JSON Schema of a source format, for editors.

use super::output::stdout;
use std::process::ExitCode;

/// Print the JSON Schema of a source format (register or site), for editors.
#[derive(clap::Args)]
pub struct Args {
    #[arg(value_enum, default_value = "register")]
    kind: riskbook::schema::SchemaKind,
}

pub fn run(args: Args) -> ExitCode {
    let text =
        serde_json::to_string_pretty(&riskbook::schema::schema(args.kind)).unwrap_or_default();
    stdout(&format!("{text}\n"))
}
