//! The request handlers. Each reads like a sentence: convert the request's
//! positions, ask the analysis, convert the answer back.

use super::state::{panic_message, Job, Settings, Snapshot, SnapshotError, State};
use super::to_proto;
use super::workspace::{is_minutes, shown_name, Workspace};
use crate::analysis;
use crate::config::{add_glossary_entry, add_registered_person, discover, CONFIG_FILE_NAME};
use crate::folder::FolderDocument;
use crate::text::{Encoding, LineIndex};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use tower_lsp::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};

/// The command that answers the index of abbreviations of the workspace's
/// minutes, in Markdown, as `clerk index` prints it.
pub const SHOW_INDEX_COMMAND: &str = "clerk.showIndex";

/// The code action kind that applies every safe fix.
pub const FIX_ALL_KIND: &str = "source.fixAll.clerk";

/// How often the server looks at the clerk.toml files it has read or
/// offered to edit. Editors report a save only if they watch files for the
/// server (Neovim 0.7 does not; 0.10 does not on Linux) or have the file
/// open with it; looking itself is what makes "Add to glossary" take effect
/// once clerk.toml is saved, in every editor. A look is a few `stat` calls.
const SETTINGS_LOOK_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

pub struct Server {
    client: Client,
    state: Arc<State>,
    /// What the client said it can do, from `initialize`.
    capabilities: Mutex<ClientCapabilities>,
}

impl Server {
    pub(crate) fn new(client: Client, state: Arc<State>) -> Server {
        tokio::spawn(look_for_saved_settings(Arc::downgrade(&state)));
        Server {
            client,
            state,
            capabilities: Mutex::new(ClientCapabilities::default()),
        }
    }

    async fn snapshot(&self, uri: &Url) -> Result<Arc<Snapshot>> {
        self.state
            .snapshot_in_turn(uri)
            .await
            .map_err(|error| snapshot_error(uri, error))
    }

    /// Reads the client's workspace capabilities; a poisoned lock still holds them.
    fn workspace_capability(
        &self,
        read: impl FnOnce(&WorkspaceClientCapabilities) -> Option<bool>,
    ) -> bool {
        let capabilities = self
            .capabilities
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        capabilities
            .workspace
            .as_ref()
            .and_then(read)
            .unwrap_or(false)
    }

    fn client_supports_configuration(&self) -> bool {
        self.workspace_capability(|workspace| workspace.configuration)
    }

    fn client_registers_watchers(&self) -> bool {
        self.workspace_capability(|workspace| {
            workspace
                .did_change_watched_files
                .and_then(|watch| watch.dynamic_registration)
        })
    }

    /// Asks the client for the `clerk` section of its settings.
    async fn pull_settings(&self) {
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("clerk".to_owned()),
        };
        match self.client.configuration(vec![item]).await {
            Ok(values) => {
                if let Some(settings) = values.first().and_then(Settings::from_json) {
                    self.apply_settings(settings);
                }
            }
            Err(error) => self.state.log(
                MessageType::WARNING,
                format!("could not read the editor's clerk settings: {error}"),
            ),
        }
    }

    fn apply_settings(&self, settings: Settings) {
        if self.state.set_settings(settings) {
            self.state.forget_snapshots();
            let _ = self.state.jobs.send(Job::CheckAll);
        }
    }

    /// The minutes in the workspace folders, waiting for them to be read
    /// if they have not been (a large folder takes a while to read).
    async fn workspace(&self) -> Arc<Workspace> {
        self.state.folder_ready().await
    }

    /// The clerk.toml an "Add to clerk.toml" action may edit for a document:
    /// the one its settings come from, or where a new one goes (the workspace
    /// folder that holds the document, else the document's folder). `Err`
    /// says, in a clerk's words, why no edit is offered. Only a file inside
    /// that folder is edited, and never through a link: an action must not
    /// change settings that other folders share, or a file elsewhere on disk.
    fn editable_config(&self, uri: &Url) -> std::result::Result<PathBuf, String> {
        let path = uri
            .to_file_path()
            .map_err(|()| "the document is not a file on disk".to_owned())?;
        let roots = self
            .state
            .roots
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone();
        let folder = roots
            .into_iter()
            .find(|root| path.starts_with(root))
            .or_else(|| path.parent().map(PathBuf::from))
            .ok_or_else(|| "the document has no folder".to_owned())?;
        let Some(found) = discover(&path) else {
            return Ok(folder.join(CONFIG_FILE_NAME));
        };
        if !found.starts_with(&folder) {
            return Err(format!(
                "the clerk.toml in use, {}, lies outside this workspace folder: edit it by hand",
                found.display()
            ));
        }
        let is_link = std::fs::symlink_metadata(&found)
            .map(|meta| meta.file_type().is_symlink())
            .unwrap_or(false);
        let inside = match (found.canonicalize(), folder.canonicalize()) {
            (Ok(file), Ok(folder)) => file.starts_with(folder),
            _ => false,
        };
        if is_link || !inside {
            return Err(format!(
                "{} is a link to a file elsewhere: edit that file by hand",
                found.display()
            ));
        }
        Ok(found)
    }

    /// A workspace edit that changes clerk.toml by `edit`, creating it when
    /// it is not there; `Err` says why none is offered.
    fn config_edit(
        &self,
        uri: &Url,
        edit: impl Fn(&str) -> Option<String>,
    ) -> std::result::Result<WorkspaceEdit, String> {
        let path = self.editable_config(uri)?;
        self.state.watch_settings_file(&path);
        let config_uri = Url::from_file_path(&path)
            .map_err(|()| format!("{} cannot be named to the editor", path.display()))?;
        // Anything already called clerk.toml is read (and refused, if it is
        // not a file): never created over.
        let exists = std::fs::symlink_metadata(&path).is_ok();
        let open = self.state.text(&config_uri);
        let version = open.as_ref().map(|(version, _)| *version);
        let old = if let Some((_, text)) = open {
            text
        } else if exists {
            crate::config::read_settings_text(&path)
                .map_err(|error| format!("{}: {}", path.display(), error.message))?
        } else {
            String::new()
        };
        let Some(new) = edit(&old) else {
            return Err(format!(
                "{} cannot be edited until its mistakes are mended",
                path.display()
            ));
        };
        let encoding = self.state.encoding();
        let index = LineIndex::new(&old);
        let end = index.line_col(&old, old.len(), encoding);
        let text_edit = TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: config_uri.clone(),
                version,
            },
            edits: vec![OneOf::Left(TextEdit::new(
                Range::new(Position::new(0, 0), Position::new(end.line, end.col)),
                new,
            ))],
        };
        let changes = if exists {
            DocumentChanges::Edits(vec![text_edit])
        } else {
            DocumentChanges::Operations(vec![
                DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                    uri: config_uri,
                    options: Some(CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                })),
                DocumentChangeOperation::Edit(text_edit),
            ])
        };
        Ok(WorkspaceEdit {
            changes: None,
            document_changes: Some(changes),
            change_annotations: None,
        })
    }

    /// The mark-up to write hovers in: the first of the client's preferred
    /// formats that clerk writes, and plain text when it names none, as the
    /// protocol leaves Markdown to the clients that ask for it.
    fn hover_markup(&self) -> MarkupKind {
        self.capabilities
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .text_document
            .as_ref()
            .and_then(|document| document.hover.as_ref())
            .and_then(|hover| hover.content_format.as_ref())
            .and_then(|formats| {
                formats
                    .iter()
                    .find(|format| matches!(format, MarkupKind::Markdown | MarkupKind::PlainText))
            })
            .cloned()
            .unwrap_or(MarkupKind::PlainText)
    }

    fn client_shows_disabled_actions(&self) -> bool {
        self.capabilities
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .text_document
            .as_ref()
            .and_then(|document| document.code_action.as_ref())
            .and_then(|action| action.disabled_support)
            .unwrap_or(false)
    }
}

/// Until the server shuts down (or is gone), re-reads any clerk.toml saved
/// on disk since the last look.
async fn look_for_saved_settings(state: std::sync::Weak<State>) {
    let mut ticks = tokio::time::interval(SETTINGS_LOOK_EVERY);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let Some(state) = state.upgrade() else {
            return;
        };
        if state.shut_down.load(Ordering::SeqCst) {
            return;
        }
        let saved = state.settings_files_saved();
        if !saved.is_empty() {
            state.reread_settings(saved);
        }
    }
}

/// Runs analysis code so that a panic in it becomes an error answer instead
/// of taking the server down.
/// A document's analysed snapshot and its outline: what the outline's
/// answer is written from, by the handler and by `ordered` when it answers
/// the request itself.
pub(crate) fn outline_of(
    state: &State,
    params: &DocumentSymbolParams,
) -> Result<(Arc<Snapshot>, Vec<analysis::OutlineNode>)> {
    let uri = &params.text_document.uri;
    let snapshot = state
        .snapshot(uri)
        .map_err(|error| snapshot_error(uri, error))?;
    let outline = guard(|| analysis::outline(&snapshot.text, &snapshot.analysis.doc))?;
    Ok((snapshot, outline))
}

fn snapshot_error(uri: &Url, error: SnapshotError) -> Error {
    match error {
        SnapshotError::NotOpen => Error {
            code: ErrorCode::InvalidParams,
            message: format!("clerk has not been given {uri}: open the document first").into(),
            data: None,
        },
        SnapshotError::Panicked(message) => internal_error(message),
    }
}

fn guard<T>(work: impl FnOnce() -> T) -> Result<T> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|panic| internal_error(panic_message(panic)))
}

fn internal_error(message: String) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: format!("clerk hit an internal problem answering this: {message}").into(),
        data: None,
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let utf8 = params
            .capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_ref())
            .is_some_and(|offered| offered.contains(&PositionEncodingKind::UTF8));
        let encoding = if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        self.state.set_encoding(encoding);
        if let Some(settings) = params
            .initialization_options
            .as_ref()
            .and_then(Settings::from_json)
        {
            self.state.set_settings(settings);
        }
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|folder| folder.uri.to_file_path().ok())
            .collect();
        #[allow(deprecated)]
        if roots.is_empty() {
            roots.extend(
                params
                    .root_uri
                    .as_ref()
                    .and_then(|uri| uri.to_file_path().ok()),
            );
        }
        *self
            .state
            .roots
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = roots;
        *self
            .capabilities
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = params.capabilities;
        self.state.initialized.store(true, Ordering::SeqCst);
        Ok(InitializeResult {
            capabilities: to_proto::server_capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "clerk".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if self.client_registers_watchers() {
            let watchers = ["**/clerk.toml", "**/*.txt", "**/*.md", "**/*.minutes"]
                .into_iter()
                .map(|glob| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(glob.to_owned()),
                    kind: None,
                })
                .collect();
            let registration = Registration {
                id: "clerk-watch-files".to_owned(),
                method: "workspace/didChangeWatchedFiles".to_owned(),
                register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                    watchers,
                })
                .ok(),
            };
            if let Err(error) = self.client.register_capability(vec![registration]).await {
                self.state.log(
                    MessageType::WARNING,
                    format!("the editor would not watch clerk.toml for changes: {error}"),
                );
            }
        }
        if self.client_supports_configuration() {
            self.pull_settings().await;
        }
        // The other minutes of the folder are read in the background, for
        // the checks that listen to them; until they are, each document is
        // checked alone, and once they are, checked again.
        self.state.read_folder();
        self.state
            .log(MessageType::INFO, "clerk is ready".to_owned());
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if self.client_supports_configuration() {
            self.pull_settings().await;
        } else if let Some(settings) = Settings::from_json(&params.settings) {
            self.apply_settings(settings);
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut changed_settings = Vec::new();
        for change in params.changes {
            let Ok(path) = change.uri.to_file_path() else {
                continue;
            };
            if path
                .file_name()
                .is_some_and(|name| name == CONFIG_FILE_NAME)
            {
                changed_settings.push(path);
            } else if is_minutes(&path) {
                // Only that file is read again, not the folder.
                self.state.read_folder_file(path);
            }
        }
        if !changed_settings.is_empty() {
            self.state.reread_settings(changed_settings);
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        // An editor that has clerk.toml open with the server says when it is
        // saved; saved minutes are what the folder now holds of that file.
        let Ok(path) = params.text_document.uri.to_file_path() else {
            return;
        };
        if path
            .file_name()
            .is_some_and(|name| name == CONFIG_FILE_NAME)
        {
            self.state.reread_settings(vec![path]);
        } else if is_minutes(&path) {
            self.state.read_folder_file(path);
        }
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let (snapshot, outline) = outline_of(&self.state, &params)?;
        let symbols = guard(|| to_proto::document_symbols(&snapshot, &outline))?;
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let snapshot = self.snapshot(&params.text_document.uri).await?;
        let folds = guard(|| analysis::folding_ranges(&snapshot.analysis.doc))?;
        if self.state.planted(&snapshot.text, "handler") {
            panic!("a fault planted for a test, outside the analysis");
        }
        Ok(Some(to_proto::folding_ranges(&snapshot, &folds)))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let position = params.text_document_position;
        let snapshot = self.snapshot(&position.text_document.uri).await?;
        let offset = snapshot.offset(position.position);
        let path = snapshot.uri.to_file_path().ok();
        let workspace = self.workspace().await;
        let others = workspace.people_except(path.as_deref());
        let completions = guard(|| {
            analysis::completions_in_folder(
                &snapshot.text,
                &snapshot.analysis,
                &snapshot.config,
                &others,
                Some(&workspace.words),
                offset,
            )
        })?;
        Ok(Some(CompletionResponse::Array(to_proto::completion_items(
            &snapshot,
            completions,
        ))))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        let snapshot = self.snapshot(&position.text_document.uri).await?;
        let offset = snapshot.offset(position.position);
        // The folder is read on the first hover (or completion) and kept;
        // diagnostics never wait for it.
        let workspace = self.workspace().await;
        let hover = guard(|| {
            analysis::hover_in_folder(
                &snapshot.text,
                &snapshot.index,
                &snapshot.analysis,
                &snapshot.config,
                Some(&workspace.words),
                offset,
            )
        })?;
        let markup = self.hover_markup();
        Ok(hover.map(|hover| to_proto::hover(&snapshot, hover, markup)))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let position = params.text_document_position_params;
        let snapshot = self.snapshot(&position.text_document.uri).await?;
        let offset = snapshot.offset(position.position);
        let target = guard(|| analysis::definition(&snapshot.analysis.doc, offset))?;
        Ok(
            target
                .map(|range| GotoDefinitionResponse::Scalar(to_proto::location(&snapshot, range))),
        )
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let position = params.text_document_position;
        let snapshot = self.snapshot(&position.text_document.uri).await?;
        let offset = snapshot.offset(position.position);
        let include = params.context.include_declaration;
        let ranges = guard(|| analysis::references(&snapshot.analysis.doc, offset, include))?;
        Ok(Some(
            ranges
                .into_iter()
                .map(|range| to_proto::location(&snapshot, range))
                .collect(),
        ))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let snapshot = self.snapshot(&params.text_document.uri).await?;
        let offset = snapshot.offset(params.position);
        let range =
            guard(|| analysis::prepare_rename(&snapshot.text, &snapshot.analysis.doc, offset))?;
        Ok(range.map(|range| PrepareRenameResponse::Range(snapshot.range(range))))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let position = params.text_document_position;
        let snapshot = self.snapshot(&position.text_document.uri).await?;
        let offset = snapshot.offset(position.position);
        let edits = guard(|| {
            analysis::rename(
                &snapshot.text,
                &snapshot.analysis.doc,
                offset,
                &params.new_name,
            )
        })?;
        match edits {
            Ok(edits) => Ok(Some(to_proto::workspace_edit(&snapshot, &edits))),
            Err(analysis::RenameRefusal::NotAPerson) => Err(Error {
                code: ErrorCode::InvalidParams,
                message: "only a person's name can be renamed here".into(),
                data: None,
            }),
            Err(analysis::RenameRefusal::NotAName(problem)) => Err(Error {
                code: ErrorCode::InvalidParams,
                message: format!("clerk did not rename: {problem}").into(),
                data: None,
            }),
        }
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let snapshot = self.snapshot(&uri).await?;
        let wanted = |kind: &CodeActionKind| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|asked| {
                    kind.as_str() == asked.as_str()
                        || kind.as_str().starts_with(&format!("{}.", asked.as_str()))
                })
            })
        };
        let range = snapshot.text_range(params.range);
        let mut actions: Vec<CodeActionOrCommand> = Vec::new();
        for finding in snapshot.analysis.findings.iter() {
            let touches = finding.range.start <= range.end && range.start <= finding.range.end;
            if !touches {
                continue;
            }
            let diagnostic = params
                .context
                .diagnostics
                .iter()
                .find(|diagnostic| {
                    diagnostic.code == Some(NumberOrString::String(finding.code.to_owned()))
                        && diagnostic.range == snapshot.range(finding.range)
                })
                .cloned()
                .unwrap_or_else(|| super::diagnostics::diagnostic(&snapshot, finding));
            if wanted(&CodeActionKind::QUICKFIX) {
                // Each reading a finding offers is a quick fix of its own.
                for fix in finding.fixes() {
                    actions.push(CodeActionOrCommand::CodeAction(to_proto::quick_fix(
                        &snapshot,
                        fix,
                        diagnostic.clone(),
                    )));
                }
            }
            if !wanted(&CodeActionKind::QUICKFIX) {
                continue;
            }
            let addition = guard(|| {
                analysis::config_addition(
                    &snapshot.text,
                    &snapshot.analysis.doc,
                    &snapshot.config,
                    finding,
                )
            })?;
            let (title, edit) = match addition {
                Some(analysis::ConfigAddition::Glossary {
                    abbreviation,
                    expansion,
                }) => (
                    format!("Add {abbreviation} to the glossary in clerk.toml"),
                    self.config_edit(&uri, |old| {
                        add_glossary_entry(old, &abbreviation, &expansion).ok()
                    }),
                ),
                Some(analysis::ConfigAddition::Register { name, role }) => (
                    format!("Add {name} to the register in clerk.toml"),
                    self.config_edit(&uri, |old| {
                        add_registered_person(old, &name, role.as_deref(), &[]).ok()
                    }),
                ),
                None => continue,
            };
            let (edit, disabled) = match edit {
                Ok(edit) => (Some(edit), None),
                // Shown greyed out with its reason where the editor can, so
                // that the clerk knows why; left out where it cannot.
                Err(reason) if self.client_shows_disabled_actions() => {
                    (None, Some(CodeActionDisabled { reason }))
                }
                Err(_) => continue,
            };
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic]),
                edit,
                command: None,
                is_preferred: Some(false),
                disabled,
                data: None,
            }));
        }
        let fix_all_kind = CodeActionKind::from(FIX_ALL_KIND);
        if params.context.only.is_some() && wanted(&fix_all_kind) {
            let edits = guard(|| analysis::fix_all(&snapshot.analysis.findings))?;
            if !edits.is_empty() {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: "Apply every safe clerk fix".to_owned(),
                    kind: Some(fix_all_kind),
                    diagnostics: None,
                    edit: Some(to_proto::workspace_edit(&snapshot, &edits)),
                    command: None,
                    is_preferred: None,
                    disabled: None,
                    data: None,
                }));
            }
        }
        Ok(Some(actions))
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        // An unknown command is answered as before clerk had any: as a
        // method the server does not know.
        if params.command != SHOW_INDEX_COMMAND {
            return Err(Error {
                code: ErrorCode::MethodNotFound,
                message: format!("clerk has no command {:?}", params.command).into(),
                data: None,
            });
        }
        let workspace = self.workspace().await;
        let roots = self
            .state
            .roots
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone();
        // The glossary shown is the first workspace folder's, as `clerk
        // index` shows the one of the folder it is given.
        let config = match roots.first() {
            Some(root) => {
                super::workspace::Reader::config(&*self.state, &root.join(CONFIG_FILE_NAME))
            }
            None => Arc::new(crate::config::Config::default()),
        };
        // The index reads the whole folder: work for a thread of its own,
        // not the runtime's one.
        let markdown = tokio::task::spawn_blocking(move || {
            guard(|| {
                let folder = workspace.folder();
                let index = crate::folder::registers::abbreviation_index(&folder, &config);
                // An editor's document shows the minutes' words as they are.
                crate::folder::registers::index_markdown(&index, &folder, &|text| text.to_owned())
            })
        })
        .await
        .unwrap_or_else(|error| Err(internal_error(error.to_string())))?;
        Ok(Some(serde_json::Value::String(markdown)))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<Vec<SymbolInformation>>> {
        // Every open document is analysed and read as the folder reads it:
        // work for a thread of its own, not the runtime's one.
        let workspace = self.workspace().await;
        let state = self.state.clone();
        tokio::task::spawn_blocking(move || workspace_symbols(&state, &workspace, &params.query))
            .await
            .unwrap_or_else(|error| Err(internal_error(error.to_string())))
    }
}

/// The workspace's symbols whose names hold `query` (any case): the open
/// documents' as they are now, and the folder's other files'.
fn workspace_symbols(
    state: &State,
    workspace: &Workspace,
    query: &str,
) -> Result<Option<Vec<SymbolInformation>>> {
    let query = query.to_lowercase();
    let matches = |name: &str| query.is_empty() || name.to_lowercase().contains(&query);
    let mut found = Vec::new();
    let mut open_paths = Vec::new();
    let roots = state
        .roots
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone();
    for uri in state.open_uris() {
        if uri.path().ends_with(CONFIG_FILE_NAME) {
            continue;
        }
        let Ok(snapshot) = state.snapshot(&uri) else {
            continue;
        };
        let path = uri.to_file_path().ok();
        let name = path
            .as_deref()
            .map(|path| shown_name(&roots, path))
            .unwrap_or_else(|| uri.to_string());
        open_paths.extend(path);
        // The open text's decisions, as the folder would read them.
        let symbols = guard(|| {
            let mut symbols = analysis::symbols(&snapshot.text, &snapshot.analysis.doc);
            let document = FolderDocument::read(
                &name,
                &snapshot.text,
                &snapshot.analysis.doc,
                &snapshot.config,
            );
            symbols.extend(analysis::decision_symbols(&document));
            symbols
        })?;
        for symbol in symbols.into_iter().filter(|symbol| matches(&symbol.name)) {
            found.push(to_proto::symbol_information(
                &snapshot.uri,
                &snapshot.text,
                &snapshot.index,
                snapshot.encoding,
                symbol,
            ));
        }
    }
    let encoding = state.encoding();
    for file in workspace
        .files
        .iter()
        .filter(|file| !open_paths.contains(&file.path))
    {
        let Ok(uri) = Url::from_file_path(&file.path) else {
            continue;
        };
        for symbol in file.symbols.iter().filter(|symbol| matches(&symbol.name)) {
            found.push(to_proto::symbol_information(
                &uri,
                &file.text,
                &file.index,
                encoding,
                symbol.clone(),
            ));
        }
    }
    Ok(Some(found))
}
