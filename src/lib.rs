//! clerk: a style checker and language server for meeting minutes.
//!
//! Dependencies run one way: `text`, then `syntax`, then `rules` (with
//! `config`), then `analysis`, then the two shells, `cli` and `lsp`, which
//! never know each other.

pub mod analysis;
pub mod cli;
pub mod config;
pub mod folder;
pub mod lsp;
pub mod rules;
pub mod syntax;
pub mod text;
