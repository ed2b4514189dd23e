//! clerk: a style checker and language server for meeting minutes.
//!
//! Dependencies run one way: `text`, then `syntax`, then `registry` (every
//! check's code, name and documentation), then `config` and `rules`, then
//! `folder` and `analysis`, then the two shells, `cli` and `lsp`, which
//! never know each other.

pub mod allocator;
pub mod analysis;
pub mod cli;
pub mod config;
pub mod folder;
pub mod lsp;
pub mod registry;
pub mod rules;
pub mod syntax;
pub mod text;
