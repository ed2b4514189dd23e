//! Reading a folder's minutes into the folder model: the files found as
//! `clerk check` finds them, each read, and kept only if it reads as
//! minutes, on every core; what could not be read is told on standard
//! error.

use super::files::{self, Target, Unchecked};
use super::output::trouble_line;
use super::settings::{Overrides, SettingsCache};
use crate::config::Config;
use crate::folder::reads_as_minutes::{named_as_minutes, reads_as_minutes};
use crate::folder::{Folder, FolderDocument};
use std::path::PathBuf;

/// A folder's minutes read, with the settings that govern the first path
/// (whose glossary the index shows) and whether anything went wrong.
pub(crate) struct ReadFolder {
    pub folder: Folder,
    pub config: Config,
    pub failed: bool,
}

/// Reads the minutes under `paths` (this folder when none): files named
/// outright always, files found in folders when they read as minutes (or
/// every one, with `all_files`).
pub(crate) fn read(paths: &[PathBuf], all_files: bool) -> ReadFolder {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut settings = SettingsCache::new(None, Overrides::default());
    let (targets, unreadable) = files::collect_to_read(&paths, &mut settings);
    // The settings of the first path: a folder's own clerk.toml, or a file's.
    let first = settings.absolute(&paths[0]);
    let probe = if first.is_dir() {
        first.join("clerk.toml")
    } else {
        first
    };
    let config = settings.for_file(&probe).config_for(&probe);
    let jobs: Vec<(&Target, Config, bool)> = targets
        .iter()
        .map(|target| {
            let judged = !all_files && !target.named && !named_as_minutes(&target.shown);
            let config = settings
                .for_file(&target.absolute)
                .config_for(&target.absolute);
            (target, config, judged)
        })
        .collect();
    let (documents, troubles) = read_documents(&jobs, true);
    for trouble in &troubles {
        anstream::eprintln!("{}", trouble_line(trouble));
    }
    ReadFolder {
        folder: Folder { documents },
        config,
        failed: !troubles.is_empty() || unreadable,
    }
}

/// Each file read and its contribution gathered (the whole of it, or only
/// what the checks hear), on every core (of the pool it is called in), in
/// the order the files were found; and what could not be read.
pub(crate) fn read_documents(
    jobs: &[(&Target, Config, bool)],
    whole: bool,
) -> (Vec<FolderDocument>, Vec<Unchecked>) {
    use rayon::prelude::*;
    let read: Vec<Result<Option<FolderDocument>, Unchecked>> = jobs
        .par_iter()
        .map(|(target, config, judged)| {
            let shown = target.shown.display().to_string();
            let (text, _) = files::read(target.from_stdin, &target.absolute)
                .map_err(|message| Unchecked::whole_file(shown.clone(), message))?;
            // A fault in the parser must cost one file, not the whole run.
            std::panic::catch_unwind(|| {
                let doc = crate::syntax::parse(&text);
                (!*judged || reads_as_minutes(&text, &doc)).then(|| {
                    if whole {
                        FolderDocument::read(&shown, &text, &doc, config)
                    } else {
                        FolderDocument::read_for_checks(&shown, &text, &doc)
                    }
                })
            })
            .map_err(|_| {
                Unchecked::whole_file(
                    shown,
                    "could not be read because of a fault in clerk; please report it",
                )
            })
        })
        .collect();
    let mut troubles = Vec::new();
    let mut documents = Vec::new();
    for result in read {
        match result {
            Ok(Some(document)) => documents.push(document),
            Ok(None) => {}
            Err(trouble) => troubles.push(trouble),
        }
    }
    (documents, troubles)
}
