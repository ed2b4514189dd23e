//! Which files found in a folder clerk reads: clerk.toml's `include` and
//! `exclude` patterns, matched as `clerk check` and the language server
//! both match them, relative to the folder that holds the clerk.toml.

use super::Config;
use globset::{GlobSet, GlobSetBuilder};
use std::path::Path;

/// The include and exclude patterns of one set of settings, compiled.
#[derive(Clone, Debug)]
pub struct FilePatterns {
    include: GlobSet,
    exclude: GlobSet,
}

impl FilePatterns {
    pub fn new(config: &Config) -> FilePatterns {
        FilePatterns {
            include: glob_set(&config.include),
            exclude: glob_set(&config.exclude),
        }
    }

    /// Whether a file found inside a folder is one to read, `relative` to
    /// the folder of the clerk.toml: its name matches an include pattern
    /// and no exclude pattern matches it or a folder above it.
    pub fn wants(&self, relative: &Path) -> bool {
        let included = self.include.is_match(relative)
            || relative
                .file_name()
                .is_some_and(|name| self.include.is_match(name));
        included
            && !relative
                .ancestors()
                .any(|part| !part.as_os_str().is_empty() && self.exclude.is_match(part))
    }
}

/// Patterns already checked by the loader; one that still fails is skipped
/// rather than stopping the run.
fn glob_set(patterns: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        // As the loader reads them: `*` stays within one folder, `**` crosses folders.
        let glob = globset::GlobBuilder::new(pattern)
            .literal_separator(true)
            .build();
        if let Ok(glob) = glob {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}
