//! What the server holds between messages: open documents in ropes, the
//! negotiated position encoding, settings and the clerk.toml files in use.
//!
//! Everything here sits behind short-lived `std` locks: no lock is held
//! across an `.await`, and analysis runs outside them.

use super::workspace::{FolderJob, Reader, Workspace};
use crate::analysis::{analyze_after, Analysis};
use crate::config::{discover, load_file_keeping, Config, ConfigError};
use crate::text::{has_rope_only_breaks, rope_offset, Encoding, LineCol, LineIndex, TextRange};
use ropey::Rope;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp::lsp_types::{MessageType, Position, TextDocumentContentChangeEvent, Url};
use tower_lsp::Client;

/// An open document.
pub(crate) struct Doc {
    rope: Rope,
    version: i32,
    /// Whether the rope may hold a line break ropey counts and LSP does not.
    rope_only_breaks: bool,
    /// The analysis of the current version, once someone has asked for it.
    snapshot: Option<Arc<Snapshot>>,
    /// The text and lines of the version analysed before the last edit,
    /// with what its parse kept: the next parse takes up what it found on
    /// the lines the edit left alone (`syntax::parse_after`).
    earlier: Option<EarlierParse>,
    /// The text as the editor sent it whole, until its first analysis takes
    /// it, rather than copying it out of the rope again (50 MB, for the
    /// longest volumes of minutes).
    sent_text: Option<String>,
}

/// What the parse of a version needs of the one before: its text, and a
/// model holding only its lines and what its parse kept. The rest of the
/// analysis is let go at the edit, as before, so that a long document's
/// next analysis is not made beside the whole of the last.
struct EarlierParse {
    text: String,
    doc: crate::syntax::Document,
}

impl EarlierParse {
    /// The parts of `snapshot` the next parse takes up, when nothing else
    /// holds it (a request being answered may): only a document long
    /// enough to be kept has anything to take up.
    fn of(snapshot: Arc<Snapshot>) -> Option<EarlierParse> {
        let snapshot = Arc::into_inner(snapshot)?;
        let doc = snapshot.analysis.doc;
        (doc.kept_lines.parts() > 0).then(|| EarlierParse {
            text: snapshot.text,
            doc: crate::syntax::Document {
                lines: doc.lines,
                kept_lines: doc.kept_lines,
                ..Default::default()
            },
        })
    }
}

/// One version of a document, analysed: what every request answers from.
pub(crate) struct Snapshot {
    pub uri: Url,
    pub version: i32,
    pub text: String,
    pub index: LineIndex,
    pub encoding: Encoding,
    pub analysis: Analysis,
    pub config: Arc<Config>,
    /// The folder model it was checked with; none before the folder is read.
    pub folder: Option<Arc<Workspace>>,
}

/// Client settings: `{"select": [...], "extendSelect": [...], "ignore":
/// [...]}` under `clerk` (`extend-select` is read as well, as clerk.toml
/// spells it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Settings {
    pub select: Option<Vec<String>>,
    /// Checks to run as well, such as those that ship off.
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
}

/// The keys of the client's settings that name checks.
const KEYS: [&str; 4] = ["select", "extendSelect", "extend-select", "ignore"];

impl Settings {
    /// Reads settings from `initializationOptions` or a `workspace/configuration`
    /// answer, with or without a `clerk` wrapper.
    pub fn from_json(value: &serde_json::Value) -> Option<Settings> {
        let value = value.get("clerk").unwrap_or(value);
        let object = value.as_object()?;
        // An answer that names neither leaves the settings as they were
        // (from initializationOptions, say), rather than clearing them.
        if !KEYS.iter().any(|key| object.contains_key(*key)) {
            return None;
        }
        let strings = |key: &str| {
            object
                .get(key)
                .and_then(|list| list.as_array())
                .map(|list| {
                    list.iter()
                        .filter_map(|entry| entry.as_str().map(str::to_owned))
                        .collect::<Vec<_>>()
                })
        };
        Some(Settings {
            select: strings("select"),
            extend_select: strings("extendSelect")
                .or_else(|| strings("extend-select"))
                .unwrap_or_default(),
            ignore: strings("ignore").unwrap_or_default(),
        })
    }
}

/// How a clerk.toml looked on disk when the server last read it (or, for
/// one it offered to create, that it was not there): enough to notice that
/// it has been saved since, with no help from the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileStamp {
    modified: Option<std::time::SystemTime>,
    len: u64,
    /// An editor that saves by writing a new file and renaming it over
    /// the old one changes this even within one tick of the clock.
    identity: u64,
}

impl FileStamp {
    /// The file's stamp now; `None` when nothing is there.
    fn of(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let identity = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let identity = 0;
        Some(FileStamp {
            modified: meta.modified().ok(),
            len: meta.len(),
            identity,
        })
    }
}

/// A clerk.toml as last read: the settings it holds that are right, and
/// every mistake in it, in the order of the file.
#[derive(Clone)]
pub(crate) struct LoadedConfig {
    pub config: Arc<Config>,
    pub mistakes: Vec<ConfigError>,
    /// Whether the file could be read as text at all. When it could not,
    /// `config` is the defaults; otherwise it keeps every part that is
    /// right, as `clerk check` does.
    pub read: bool,
}

/// Work for the diagnostics worker, in the order the server saw it.
#[derive(Debug)]
pub(crate) enum Job {
    /// The document changed or opened: check it (after the quiet period, if one is set).
    Check(Url),
    /// The document closed: clear its diagnostics.
    Close(Url),
    /// Settings or a clerk.toml changed: check every open document again.
    CheckAll,
    /// Publish (or clear) the mistakes in one clerk.toml.
    ConfigReport(PathBuf),
}

/// Documents shorter than this are analysed on the runtime's thread: from
/// here on the parse takes two cores (`syntax::worth_more_cores`), and
/// must not hold up the runtime while it waits for the second.
const ANALYSE_IN_PLACE: usize = crate::syntax::TWO_CORES_FROM;

/// Why a request about a document could not be answered.
#[derive(Debug)]
pub(crate) enum SnapshotError {
    NotOpen,
    Panicked(String),
}

pub(crate) struct State {
    docs: Mutex<HashMap<Url, Doc>>,
    encoding: Mutex<Encoding>,
    settings: Mutex<Settings>,
    configs: Mutex<HashMap<PathBuf, LoadedConfig>>,
    /// Every clerk.toml the server has read or offered to create, as it was
    /// then, for `settings_files_saved` to compare with the disk.
    settings_stamps: Mutex<HashMap<PathBuf, Option<FileStamp>>>,
    pub roots: Mutex<Vec<PathBuf>>,
    pub jobs: UnboundedSender<Job>,
    pub initialized: AtomicBool,
    pub shut_down: AtomicBool,
    pub debounce: Duration,
    pub client: OnceLock<Client>,
    /// Signalled by the `exit` notification: the process ends then, without
    /// waiting for the editor to close the stream.
    pub exit: tokio::sync::Notify,
    fault: Option<&'static str>,
    /// The settings of a document no clerk.toml governs, built once.
    default_config: Arc<Config>,
    /// Whole frames for the editor, written by the transport beside
    /// tower-lsp's own: the answers too large to pass through tower-lsp's
    /// JSON values (`ordered` says which). Unset where no transport runs.
    pub direct_frames: OnceLock<UnboundedSender<super::transport::Outgoing>>,
    /// The folder model of the workspace's minutes, once read; replaced
    /// whole, never changed in place, so that a check holds one version.
    pub folder: tokio::sync::watch::Sender<Option<Arc<Workspace>>>,
    /// Work for the task that keeps the folder model (`workspace::keeper`).
    pub folder_jobs: UnboundedSender<FolderJob>,
    /// Whether the folder has been asked to be read.
    folder_asked: AtomicBool,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not wedge the server: the data under these locks
    // is always left consistent, so a poisoned lock is still usable.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl State {
    pub fn new(
        jobs: UnboundedSender<Job>,
        folder_jobs: UnboundedSender<FolderJob>,
        debounce: Duration,
        fault: Option<&'static str>,
    ) -> State {
        State {
            docs: Mutex::new(HashMap::new()),
            encoding: Mutex::new(Encoding::Utf16),
            settings: Mutex::new(Settings::default()),
            configs: Mutex::new(HashMap::new()),
            settings_stamps: Mutex::new(HashMap::new()),
            roots: Mutex::new(Vec::new()),
            jobs,
            initialized: AtomicBool::new(false),
            shut_down: AtomicBool::new(false),
            debounce,
            client: OnceLock::new(),
            exit: tokio::sync::Notify::new(),
            fault,
            default_config: Arc::new(Config::default()),
            direct_frames: OnceLock::new(),
            folder: tokio::sync::watch::Sender::new(None),
            folder_jobs,
            folder_asked: AtomicBool::new(false),
        }
    }

    /// Whether a document is a file in one of the workspace folders.
    pub fn in_workspace(&self, uri: &Url) -> bool {
        let Ok(path) = uri.to_file_path() else {
            return false;
        };
        lock(&self.roots).iter().any(|root| path.starts_with(root))
    }

    /// Asks for the workspace's minutes to be read, in the background, if
    /// nobody has yet.
    pub fn read_folder(&self) {
        if !self.folder_asked.swap(true, Ordering::SeqCst) {
            let _ = self.folder_jobs.send(FolderJob::Read);
        }
    }

    /// Asks for one file of the folder to be read again (saved, closed,
    /// changed on disk), if the folder has been asked for.
    pub fn read_folder_file(&self, path: PathBuf) {
        if self.folder_asked.load(Ordering::SeqCst) {
            let _ = self.folder_jobs.send(FolderJob::Again(path));
        }
    }

    /// The folder model, waiting for it to be read if it has not been:
    /// for hover, completion, workspace symbols and the index, never for
    /// diagnostics.
    pub async fn folder_ready(&self) -> Arc<Workspace> {
        self.read_folder();
        let mut ready = self.folder.subscribe();
        let folder = match ready.wait_for(Option::is_some).await {
            Ok(folder) => folder.clone().unwrap_or_default(),
            Err(_) => Arc::default(),
        };
        folder
    }

    /// Logs to standard error and, where there is a client, to its log:
    /// never to standard output, which carries the protocol.
    pub fn log(&self, level: MessageType, message: String) {
        eprintln!("clerk: {message}");
        if let (Some(client), Ok(runtime)) =
            (self.client.get(), tokio::runtime::Handle::try_current())
        {
            let client = client.clone();
            runtime.spawn(async move { client.log_message(level, message).await });
        }
    }

    pub fn encoding(&self) -> Encoding {
        *lock(&self.encoding)
    }

    pub fn set_encoding(&self, encoding: Encoding) {
        *lock(&self.encoding) = encoding;
    }

    pub fn set_settings(&self, settings: Settings) -> bool {
        let mut current = lock(&self.settings);
        let changed = *current != settings;
        *current = settings;
        changed
    }

    pub fn is_open(&self, uri: &Url) -> bool {
        lock(&self.docs).contains_key(uri)
    }

    pub fn open_uris(&self) -> Vec<Url> {
        lock(&self.docs).keys().cloned().collect()
    }

    /// The version and text of an open document, without analysing it.
    pub fn text(&self, uri: &Url) -> Option<(i32, String)> {
        lock(&self.docs)
            .get(uri)
            .map(|doc| (doc.version, crate::text::rope_text(&doc.rope)))
    }

    /// Whether a test planted a fault for `place` in this text: the marker
    /// given in `Options::fault`, then `:` and the place.
    pub fn planted(&self, text: &str, place: &str) -> bool {
        self.fault
            .is_some_and(|fault| text.contains(&format!("{fault}:{place}")))
    }

    /// The document's length in bytes.
    pub fn length(&self, uri: &Url) -> Option<usize> {
        lock(&self.docs).get(uri).map(|doc| doc.rope.len_bytes())
    }

    pub fn version(&self, uri: &Url) -> Option<i32> {
        lock(&self.docs).get(uri).map(|doc| doc.version)
    }

    pub fn open(&self, uri: Url, version: i32, text: String) {
        let doc = Doc {
            rope: Rope::from_str(&text),
            version,
            rope_only_breaks: has_rope_only_breaks(&text),
            snapshot: None,
            earlier: None,
            sent_text: Some(text),
        };
        lock(&self.docs).insert(uri.clone(), doc);
        let _ = self.jobs.send(Job::Check(uri));
    }

    /// Applies a `didChange` to the rope. Called once per notification, in
    /// the order the client sent them.
    pub fn change(
        &self,
        uri: &Url,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    ) -> bool {
        let encoding = self.encoding();
        let mut docs = lock(&self.docs);
        let Some(doc) = docs.get_mut(uri) else {
            return false;
        };
        for change in changes {
            match change.range {
                None => {
                    doc.rope = Rope::from_str(&change.text);
                    doc.rope_only_breaks = has_rope_only_breaks(&change.text);
                    doc.sent_text = Some(change.text);
                }
                Some(range) => {
                    let offset = |position: Position| {
                        rope_offset(
                            &doc.rope,
                            line_col(position),
                            encoding,
                            doc.rope_only_breaks,
                        )
                    };
                    let (start, end) = (offset(range.start), offset(range.end));
                    let (start, end) = (start.min(end), start.max(end));
                    let start_char = doc.rope.byte_to_char(start);
                    let end_char = doc.rope.byte_to_char(end);
                    doc.rope.remove(start_char..end_char);
                    doc.rope.insert(start_char, &change.text);
                    doc.rope_only_breaks |= has_rope_only_breaks(&change.text);
                    doc.sent_text = None;
                }
            }
        }
        doc.version = version;
        if let Some(earlier) = doc.snapshot.take().and_then(EarlierParse::of) {
            doc.earlier = Some(earlier);
        }
        drop(docs);
        let _ = self.jobs.send(Job::Check(uri.clone()));
        true
    }

    pub fn close(&self, uri: &Url) {
        lock(&self.docs).remove(uri);
        let _ = self.jobs.send(Job::Close(uri.clone()));
        // What was not saved is gone: the folder holds the file on disk again.
        if let Ok(path) = uri.to_file_path() {
            if super::workspace::is_minutes(&path) {
                self.read_folder_file(path);
            }
        }
    }

    /// `snapshot`, from async code: a document of `ANALYSE_IN_PLACE` bytes
    /// or more whose current version is not analysed yet is analysed on a
    /// blocking thread, so that the runtime's one thread goes on reading
    /// the editor's messages meanwhile; a short one is analysed in place,
    /// since the hop to another thread would cost more than the analysis.
    pub async fn snapshot_in_turn(
        self: &Arc<Self>,
        uri: &Url,
    ) -> Result<Arc<Snapshot>, SnapshotError> {
        if self.length(uri).unwrap_or(0) < ANALYSE_IN_PLACE {
            return self.snapshot(uri);
        }
        if let Some(kept) = self.kept_snapshot(uri) {
            return Ok(kept);
        }
        let state = self.clone();
        let uri = uri.clone();
        tokio::task::spawn_blocking(move || state.snapshot(&uri))
            .await
            .unwrap_or_else(|error| Err(SnapshotError::Panicked(error.to_string())))
    }

    /// The analysis of the current version kept from before, if it read the
    /// folder as it is now.
    fn kept_snapshot(&self, uri: &Url) -> Option<Arc<Snapshot>> {
        let folder = self.folder_for(uri);
        let docs = lock(&self.docs);
        let snapshot = docs.get(uri)?.snapshot.as_ref()?;
        same_folder(&snapshot.folder, &folder).then(|| snapshot.clone())
    }

    /// The folder as it is now, ready or not, for a check of `uri`: a check
    /// never waits for it. A document outside the workspace folders is
    /// checked alone, as `clerk check` checks a file named by itself.
    fn folder_for(&self, uri: &Url) -> Option<Arc<Workspace>> {
        self.folder
            .borrow()
            .clone()
            .filter(|_| self.in_workspace(uri))
    }

    /// The analysed current version of a document, computed once per version.
    pub fn snapshot(&self, uri: &Url) -> Result<Arc<Snapshot>, SnapshotError> {
        let folder = self.folder_for(uri);
        let (version, text, earlier) = {
            let mut docs = lock(&self.docs);
            let doc = docs.get_mut(uri).ok_or(SnapshotError::NotOpen)?;
            if let Some(snapshot) = &doc.snapshot {
                if same_folder(&snapshot.folder, &folder) {
                    return Ok(snapshot.clone());
                }
            }
            let text = doc
                .sent_text
                .take()
                .unwrap_or_else(|| crate::text::rope_text(&doc.rope));
            // The whole text is at hand: the cheap moment to learn whether the
            // odd line breaks that forced the slow path are still there. Only
            // a document that had one is searched again: an edit that brings
            // one in sets the flag, so a document without is never read for
            // them (on 1 MB that search was a twentieth of each keystroke).
            if doc.rope_only_breaks {
                doc.rope_only_breaks = has_rope_only_breaks(&text);
            }
            (doc.version, text, doc.earlier.take())
        };
        let config = self.config_for(uri);
        let analysis = catch_unwind(AssertUnwindSafe(|| {
            if self.planted(&text, "analysis") {
                panic!("a fault planted for a test");
            }
            if self.planted(&text, "slow") {
                // A check that takes long enough for changes to arrive during it.
                std::thread::sleep(Duration::from_millis(400));
            }
            let earlier = earlier.as_ref().map(|earlier| crate::syntax::Earlier {
                text: &earlier.text,
                doc: &earlier.doc,
            });
            analyze_after(
                &text,
                &config,
                folder.as_ref().map(|folder| &folder.words),
                earlier,
            )
        }))
        .map_err(|panic| {
            let message = panic_message(panic);
            self.log(
                MessageType::ERROR,
                format!("clerk could not check {uri}: {message}"),
            );
            SnapshotError::Panicked(message)
        })?;
        let index = LineIndex::new(&text);
        let snapshot = Arc::new(Snapshot {
            uri: uri.clone(),
            version,
            index,
            text,
            encoding: self.encoding(),
            analysis,
            config,
            folder,
        });
        // Kept only while it is the current version checked with the
        // current folder, and nothing as current is kept already.
        let current = self
            .folder
            .borrow()
            .clone()
            .filter(|_| self.in_workspace(uri));
        drop(earlier);
        let mut docs = lock(&self.docs);
        if let Some(doc) = docs.get_mut(uri) {
            let replace = doc
                .snapshot
                .as_ref()
                .is_none_or(|kept| !same_folder(&kept.folder, &current));
            if doc.version == version && replace && same_folder(&snapshot.folder, &current) {
                doc.snapshot = Some(snapshot.clone());
            }
        }
        Ok(snapshot)
    }

    /// The settings that govern a document: its clerk.toml (or the defaults),
    /// then the client's select, extend-select and ignore on top.
    pub fn config_for(&self, uri: &Url) -> Arc<Config> {
        let path = uri.to_file_path().ok();
        let base = match path.as_deref().and_then(discover) {
            Some(config_path) => self.loaded_config(&config_path).config,
            None => self.default_config.clone(),
        };
        let settings = lock(&self.settings).clone();
        // Copying the settings (their word lists included) is worth avoiding
        // on every keystroke when there is nothing to add to them.
        if settings == Settings::default() && base.per_file_ignores.is_empty() {
            return base;
        }
        let mut config = match &path {
            Some(path) => base.for_path(path),
            None => (*base).clone(),
        };
        if settings.select.is_some() {
            config.select = settings.select;
        }
        config.extend_select.extend(settings.extend_select);
        config.ignore.extend(settings.ignore);
        Arc::new(config)
    }

    /// The clerk.toml at `path`, read once and kept until it changes.
    pub fn loaded_config(&self, path: &Path) -> LoadedConfig {
        if let Some(loaded) = lock(&self.configs).get(path) {
            return loaded.clone();
        }
        // Stamped before reading: a save during the read then shows as a
        // change, and the file is read again.
        let stamp = FileStamp::of(path);
        let loaded = read_config(path);
        lock(&self.settings_stamps).insert(path.to_owned(), stamp);
        lock(&self.configs).insert(path.to_owned(), loaded.clone());
        let _ = self.jobs.send(Job::ConfigReport(path.to_owned()));
        loaded
    }

    /// Forgets every clerk.toml read, so the next check reads them afresh.
    pub fn forget_configs(&self) -> Vec<PathBuf> {
        let mut configs = lock(&self.configs);
        let paths = configs.keys().cloned().collect();
        configs.clear();
        paths
    }

    /// Keeps an eye on a clerk.toml the server has offered to edit or
    /// create, so that once the editor saves the edit it takes effect
    /// whether or not the editor reports the save.
    pub fn watch_settings_file(&self, path: &Path) {
        lock(&self.settings_stamps)
            .entry(path.to_owned())
            .or_insert_with(|| FileStamp::of(path));
    }

    /// The clerk.toml files that have changed on disk (saved, created or
    /// removed) since the server last looked; each is noted as seen.
    pub fn settings_files_saved(&self) -> Vec<PathBuf> {
        let mut stamps = lock(&self.settings_stamps);
        let mut saved = Vec::new();
        for (path, stamp) in stamps.iter_mut() {
            let now = FileStamp::of(path);
            if now != *stamp {
                *stamp = now;
                saved.push(path.clone());
            }
        }
        saved
    }

    /// Reads the settings afresh after `paths` (clerk.toml files) changed:
    /// reports each one's mistakes (or clears them) and checks every open
    /// document again.
    pub fn reread_settings(&self, paths: Vec<PathBuf>) {
        {
            let mut stamps = lock(&self.settings_stamps);
            for path in &paths {
                stamps.insert(path.clone(), FileStamp::of(path));
            }
        }
        // Forget first, so that the reports and checks read the files afresh.
        self.forget_configs();
        self.forget_snapshots();
        for path in paths {
            let _ = self.jobs.send(Job::ConfigReport(path));
        }
        let _ = self.jobs.send(Job::CheckAll);
    }

    /// Drops the analyses kept for open documents, after settings change.
    pub fn forget_snapshots(&self) {
        for doc in lock(&self.docs).values_mut() {
            doc.snapshot = None;
        }
    }
}

/// Whether two checks were made with the same version of the folder.
fn same_folder(a: &Option<Arc<Workspace>>, b: &Option<Arc<Workspace>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// The workspace reads each file with its own settings, and an open file
/// as the editor holds it.
impl Reader for State {
    fn config(&self, path: &Path) -> Arc<Config> {
        match Url::from_file_path(path) {
            Ok(uri) => self.config_for(&uri),
            Err(()) => self.default_config.clone(),
        }
    }

    fn open_text(&self, path: &Path) -> Option<String> {
        let uri = Url::from_file_path(path).ok()?;
        self.text(&uri).map(|(_, text)| text)
    }
}

fn read_config(path: &Path) -> LoadedConfig {
    match catch_unwind(|| load_file_keeping(path)) {
        Ok((Some(config), mistakes)) => LoadedConfig {
            config: Arc::new(config),
            mistakes,
            read: true,
        },
        Ok((None, mistakes)) => LoadedConfig {
            config: Arc::new(Config::default()),
            mistakes,
            read: false,
        },
        Err(panic) => LoadedConfig {
            config: Arc::new(Config::default()),
            mistakes: vec![ConfigError {
                path: Some(path.to_owned()),
                message: format!("clerk could not read this file: {}", panic_message(panic)),
                line: None,
                column: None,
                range: None,
            }],
            read: false,
        },
    }
}

pub(crate) fn line_col(position: Position) -> LineCol {
    LineCol {
        line: position.line,
        col: position.character,
    }
}

pub(crate) fn panic_message(panic: Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|message| (*message).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".to_owned())
}

impl Snapshot {
    pub fn position(&self, offset: usize) -> Position {
        let at = self.index.line_col(&self.text, offset, self.encoding);
        Position::new(at.line, at.col)
    }

    pub fn range(&self, range: TextRange) -> tower_lsp::lsp_types::Range {
        tower_lsp::lsp_types::Range::new(self.position(range.start), self.position(range.end))
    }

    pub fn offset(&self, position: Position) -> usize {
        self.index
            .offset(&self.text, line_col(position), self.encoding)
    }

    pub fn text_range(&self, range: tower_lsp::lsp_types::Range) -> TextRange {
        let (start, end) = (self.offset(range.start), self.offset(range.end));
        TextRange::new(start.min(end), start.max(end))
    }
}
