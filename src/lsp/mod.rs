//! The language server: the only module that speaks the Language Server Protocol.

/// Serves LSP over standard input and output until the client exits.
pub fn run() -> std::process::ExitCode {
    // TODO(lsp): tower-lsp server.
    std::process::ExitCode::SUCCESS
}
