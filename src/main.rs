//! The `clerk` binary: hands the command line to `clerk::cli` and exits with its code.

fn main() -> std::process::ExitCode {
    clerk::cli::main()
}
