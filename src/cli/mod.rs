//! The command line: `clerk check`, `clerk outline`, `clerk rules`, `clerk lsp`.

use std::process::ExitCode;

pub fn main() -> ExitCode {
    // TODO(cli helper): clap subcommands.
    ExitCode::SUCCESS
}
