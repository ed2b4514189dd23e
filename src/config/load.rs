//! Reading clerk.toml: finding it, parsing it, and reporting its mistakes
//! with line and column.

use super::Config;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE_NAME: &str = "clerk.toml";

/// A clerk.toml that could not be read, with where the mistake is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: Option<PathBuf>,
    pub message: String,
    /// One-based line and column (in characters) of the mistake, if known.
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// Byte range of the mistake in the file, if known.
    pub range: Option<crate::text::TextRange>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            if let (Some(line), Some(column)) = (self.line, self.column) {
                write!(f, ":{line}:{column}")?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Parses the text of a clerk.toml into settings resolved against the built-ins.
pub fn parse(_text: &str) -> Result<Config, ConfigError> {
    // TODO(config helper): the real parser.
    Ok(Config::default())
}

/// Reads and parses the clerk.toml at `path`.
pub fn load_file(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|error| ConfigError {
        path: Some(path.to_owned()),
        message: format!("could not read the settings file: {error}"),
        line: None,
        column: None,
        range: None,
    })?;
    parse(&text).map_err(|mut error| {
        error.path = Some(path.to_owned());
        error
    })
}

/// The clerk.toml that governs `path`: the nearest one in its folder or above.
pub fn discover(path: &Path) -> Option<PathBuf> {
    let start = if path.is_dir() {
        Some(path)
    } else {
        path.parent()
    };
    start?
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Whether a per-file pattern matches `path`.
pub(crate) fn path_matches(pattern: &str, path: &Path) -> bool {
    globset::Glob::new(pattern)
        .map(|glob| {
            let matcher = glob.compile_matcher();
            matcher.is_match(path) || path.file_name().is_some_and(|name| matcher.is_match(name))
        })
        .unwrap_or(false)
}
