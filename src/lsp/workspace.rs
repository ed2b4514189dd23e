//! The minutes in the workspace folders: the folder model the server keeps.
//! Read once in the background after `initialized` (never on the way of a
//! keystroke: until it is ready, diagnostics are each file's alone), then
//! kept up to date one file at a time, as files are saved, closed or
//! reported changed by the editor's file watcher. The files that are
//! minutes are judged as `clerk check FOLDER` judges them, and each is read
//! into the same `FolderDocument`, so that the editor and the command line
//! find the same things in a file of a folder.

use crate::analysis::{
    decision_symbols, document_people, symbols, KnownPerson, PersonSource, Symbol,
};
use crate::config::{Config, FilePatterns};
use crate::folder::reads_as_minutes::{named_as_minutes, reads_as_minutes};
use crate::folder::{Folder, FolderDocument};
use crate::rules::FolderWords;
use crate::text::file::read_regular_file;
use crate::text::LineIndex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Files larger than this are not minutes a clerk typed; they are skipped.
const LARGEST_FILE: u64 = 4 << 20;
/// A workspace with more files than this is searched only in part.
const MOST_FILES: usize = 2000;

/// One set of minutes of the workspace, as last read.
pub(crate) struct WorkspaceFile {
    pub path: PathBuf,
    pub text: String,
    pub index: LineIndex,
    pub symbols: Vec<Symbol>,
    pub people: Vec<KnownPerson>,
    /// What it contributes to the folder, if it reads as minutes (as
    /// `clerk check` judges it); any file gives its people and symbols.
    pub document: Option<FolderDocument>,
}

/// The workspace's minutes, in the order of their paths.
#[derive(Default)]
pub(crate) struct Workspace {
    pub files: Vec<Arc<WorkspaceFile>>,
    /// What the folder's minutes spell out and how they write names, for
    /// the checks (A001, P003), hover and completion.
    pub words: FolderWords,
}

/// How the workspace reads a file: its settings, and its text where the
/// editor holds it open (the editor's text, not the disk's, is the file).
pub(crate) trait Reader: Sync {
    fn config(&self, path: &Path) -> Arc<Config>;
    fn open_text(&self, path: &Path) -> Option<String>;
}

/// Whether a path names minutes clerk reads: `.txt`, `.md` or `.minutes`.
pub(crate) fn is_minutes(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|extension| extension.to_str()),
        Some("txt" | "md" | "minutes")
    )
}

/// The threads that read the folder: a pool of their own, so that an open
/// document's parse, which takes two cores from 64 KB through rayon's
/// global pool, does not queue behind a thousand files read at startup
/// (rayon serves work sent from outside a pool after the pool's own).
static FOLDER_POOL: std::sync::LazyLock<Option<rayon::ThreadPool>> =
    std::sync::LazyLock::new(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|index| format!("clerk-folder-{index}"))
            .build()
            .ok()
    });

impl Workspace {
    /// Reads every set of minutes under `roots`, on every core.
    pub fn read(roots: &[PathBuf], reader: &dyn Reader) -> Workspace {
        use rayon::prelude::*;
        let mut paths = Vec::new();
        let mut patterns = HashMap::new();
        'roots: for root in roots {
            let walker = ignore::WalkBuilder::new(root).max_depth(Some(6)).build();
            for entry in walker.flatten() {
                if paths.len() >= MOST_FILES {
                    break 'roots;
                }
                let path = entry.path();
                if entry.file_type().is_some_and(|kind| kind.is_file())
                    && wanted(root, path, reader, &mut patterns)
                {
                    paths.push((root.clone(), path.to_owned()));
                }
            }
        }
        paths.sort();
        paths.dedup_by(|a, b| a.1 == b.1);
        let read = || {
            let files = paths
                .par_iter()
                .filter_map(|(root, path)| read_file(root, path, reader).map(Arc::new))
                .collect();
            let mut workspace = Workspace {
                files,
                words: FolderWords::default(),
            };
            workspace.words = workspace.folder().words();
            workspace
        };
        match &*FOLDER_POOL {
            Some(pool) => pool.install(read),
            None => read(),
        }
    }

    /// The workspace with one file read again (its text from the editor if
    /// open, else from disk; gone if it is gone or no longer minutes),
    /// every other file kept as it was.
    pub fn with_file_again(
        &self,
        roots: &[PathBuf],
        path: &Path,
        reader: &dyn Reader,
    ) -> Workspace {
        let mut files: Vec<Arc<WorkspaceFile>> = self
            .files
            .iter()
            .filter(|file| file.path != path)
            .cloned()
            .collect();
        let root = roots.iter().find(|root| path.starts_with(root));
        let root = root.filter(|root| wanted(root, path, reader, &mut HashMap::new()));
        if let Some(file) = root.and_then(|root| read_file(root, path, reader)) {
            let at = files.partition_point(|other| other.path.as_path() < path);
            files.insert(at, Arc::new(file));
        }
        let mut workspace = Workspace {
            files,
            words: FolderWords::default(),
        };
        workspace.words = workspace.folder().words();
        workspace
    }

    /// The folder model of the workspace's minutes.
    pub fn folder(&self) -> Folder {
        Folder {
            documents: self
                .files
                .iter()
                .filter_map(|file| file.document.clone())
                .collect(),
        }
    }

    /// People named in minutes other than `except`, from the latest
    /// meeting to the earliest (undated minutes, and files that are not
    /// minutes, last), so that where the people are merged
    /// ([`crate::analysis::all_people`]: the first role known wins) each
    /// person comes with their most recent role.
    pub fn people_except(&self, except: Option<&Path>) -> Vec<KnownPerson> {
        let mut files: Vec<&Arc<WorkspaceFile>> = self
            .files
            .iter()
            .filter(|file| Some(file.path.as_path()) != except)
            .collect();
        // A stable sort: each day's files stay in the order of their paths.
        files.sort_by_key(|file| {
            std::cmp::Reverse(file.document.as_ref().and_then(|document| document.date))
        });
        files
            .into_iter()
            .flat_map(|file| file.people.iter().cloned())
            .collect()
    }
}

/// Whether a file found in a workspace folder is one clerk reads, by the
/// include and exclude patterns of its clerk.toml (matched from the folder
/// that holds it, else from the workspace folder), as `clerk check` finds
/// files in a folder.
fn wanted(
    root: &Path,
    path: &Path,
    reader: &dyn Reader,
    known: &mut HashMap<Option<PathBuf>, FilePatterns>,
) -> bool {
    let settings = crate::config::discover(path);
    let base = settings
        .as_deref()
        .and_then(Path::parent)
        .unwrap_or(root)
        .to_owned();
    let patterns = known
        .entry(settings)
        .or_insert_with(|| FilePatterns::new(&reader.config(path)));
    patterns.wants(path.strip_prefix(&base).unwrap_or(path))
}

/// A file's name as the folder shows it: within the workspace folder that
/// holds it, else as it is.
pub(crate) fn shown_name(roots: &[PathBuf], path: &Path) -> String {
    roots
        .iter()
        .find_map(|root| path.strip_prefix(root).ok())
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// One file read. It joins the folder if it is named like minutes or reads
/// as minutes, as `clerk check` judges a file it finds in a folder.
fn read_file(root: &Path, path: &Path, reader: &dyn Reader) -> Option<WorkspaceFile> {
    let text = match reader.open_text(path) {
        Some(text) => text,
        // A named pipe, a device or a file past the limit is passed over:
        // nothing the editor waits on reads without end.
        None => String::from_utf8(read_regular_file(path, LARGEST_FILE).ok()?).ok()?,
    };
    let config = reader.config(path);
    // A fault in the parser must cost one file, not the folder.
    std::panic::catch_unwind(|| {
        let doc = crate::syntax::parse(&text);
        let shown = path.strip_prefix(root).unwrap_or(path);
        let people = document_people(&doc)
            .into_iter()
            .map(|person| KnownPerson {
                source: PersonSource::Workspace,
                ..person
            })
            .collect();
        let document = (named_as_minutes(shown) || reads_as_minutes(&text, &doc))
            .then(|| FolderDocument::read(&shown.to_string_lossy(), &text, &doc, &config));
        let mut symbols = symbols(&text, &doc);
        symbols.extend(document.iter().flat_map(decision_symbols));
        Some(WorkspaceFile {
            path: path.to_owned(),
            symbols,
            index: LineIndex::new(&text),
            people,
            document,
            text,
        })
    })
    .ok()
    .flatten()
}

/// Work for the task that keeps the folder model.
#[derive(Debug)]
pub(crate) enum FolderJob {
    /// Read every file of the workspace folders.
    Read,
    /// Read one file again: saved, closed or changed on disk.
    Again(PathBuf),
}

/// Keeps the folder model until the server ends: reads it once, then one
/// file at a time, each on a blocking thread, and after each change has
/// every open document checked again with it.
pub(crate) async fn keeper(
    state: std::sync::Weak<super::state::State>,
    mut jobs: tokio::sync::mpsc::UnboundedReceiver<FolderJob>,
) {
    while let Some(first) = jobs.recv().await {
        let Some(state) = state.upgrade() else {
            return;
        };
        let mut read = matches!(first, FolderJob::Read);
        let mut again = Vec::new();
        let mut take = |job| match job {
            FolderJob::Read => read = true,
            FolderJob::Again(path) => {
                if !again.contains(&path) {
                    again.push(path);
                }
            }
        };
        take(first);
        // Files saved together are read together.
        while let Ok(job) = jobs.try_recv() {
            take(job);
        }
        let current = state.folder.borrow().clone();
        if current.is_none() && !read {
            // Not read yet: those files will be read with the rest.
            continue;
        }
        let roots = state
            .roots
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone();
        let reader = state.clone();
        let next = tokio::task::spawn_blocking(move || match current {
            Some(mut folder) if !read => {
                for path in again {
                    folder = Arc::new(folder.with_file_again(&roots, &path, &*reader));
                }
                folder
            }
            _ => Arc::new(Workspace::read(&roots, &*reader)),
        })
        .await;
        let next = match next {
            Ok(next) => next,
            Err(_) => {
                state.log(
                    tower_lsp::lsp_types::MessageType::ERROR,
                    "clerk could not read the other minutes of the folder: it met an internal error"
                        .to_owned(),
                );
                // Hover and completion must not wait for ever.
                if state.folder.borrow().is_some() {
                    continue;
                }
                Arc::default()
            }
        };
        let before = state.folder.send_replace(Some(next.clone()));
        let before = before.as_ref().map(|folder| &folder.words);
        // The open documents are checked again only if what the checks hear
        // has changed: a folder with nothing to say changes no finding.
        if before.unwrap_or(&FolderWords::default()) != &next.words {
            let _ = state.jobs.send(super::state::Job::CheckAll);
        }
    }
}
