//! The minutes in the workspace folders that are not open: read once, when
//! completion, hover or a workspace symbol search first needs them, and
//! read again after a file watcher reports a change.

use crate::analysis::{document_people, symbols, KnownPerson, PersonSource, Symbol};
use crate::folder::{Folder, FolderDocument};
use crate::text::file::read_regular_file;
use crate::text::LineIndex;
use std::path::{Path, PathBuf};

/// Files larger than this are not minutes a clerk typed; they are skipped.
const LARGEST_FILE: u64 = 4 << 20;
/// A workspace with more files than this is searched only in part.
const MOST_FILES: usize = 2000;

pub(crate) struct WorkspaceFile {
    pub path: PathBuf,
    pub text: String,
    pub index: LineIndex,
    pub symbols: Vec<Symbol>,
}

#[derive(Default)]
pub(crate) struct Workspace {
    pub files: Vec<WorkspaceFile>,
    pub people: Vec<(PathBuf, KnownPerson)>,
    /// What the folder's minutes spell out, for hover.
    pub words: crate::rules::FolderWords,
}

/// Whether a path names minutes clerk reads: `.txt`, `.md` or `.minutes`.
pub(crate) fn is_minutes(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|extension| extension.to_str()),
        Some("txt" | "md" | "minutes")
    )
}

impl Workspace {
    pub fn read(roots: &[PathBuf]) -> Workspace {
        let mut workspace = Workspace::default();
        // What each file spells out, gathered as it is read, for hover.
        let mut documents = Vec::new();
        'roots: for root in roots {
            let walker = ignore::WalkBuilder::new(root).max_depth(Some(6)).build();
            for entry in walker.flatten() {
                if workspace.files.len() >= MOST_FILES {
                    break 'roots;
                }
                let path = entry.path();
                if !is_minutes(path) {
                    continue;
                }
                // A named pipe, a device or a file past the limit is passed
                // over: nothing the editor waits on reads without end.
                let Ok(bytes) = read_regular_file(path, LARGEST_FILE) else {
                    continue;
                };
                let Ok(text) = String::from_utf8(bytes) else {
                    continue;
                };
                let Ok(doc) = std::panic::catch_unwind(|| crate::syntax::parse(&text)) else {
                    continue;
                };
                for person in document_people(&doc) {
                    workspace.people.push((
                        path.to_owned(),
                        KnownPerson {
                            source: PersonSource::Workspace,
                            ..person
                        },
                    ));
                }
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                documents.push(FolderDocument::read_for_checks(&name, &text, &doc));
                workspace.files.push(WorkspaceFile {
                    path: path.to_owned(),
                    symbols: symbols(&text, &doc),
                    index: LineIndex::new(&text),
                    text,
                });
            }
        }
        workspace.words = Folder { documents }.words();
        workspace
    }

    /// People named in minutes other than `except`.
    pub fn people_except(&self, except: Option<&Path>) -> Vec<KnownPerson> {
        self.people
            .iter()
            .filter(|(path, _)| Some(path.as_path()) != except)
            .map(|(_, person)| person.clone())
            .collect()
    }
}
