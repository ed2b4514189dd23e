//! Diagnostics: findings turned into the protocol's form, and the one
//! worker that publishes them. Publishing from a single task, one document
//! at a time and only for the version still current, is what keeps a result
//! for an older version from ever landing over a newer one.

use super::state::{Job, Snapshot, SnapshotError, State};
use crate::analysis::{config_addition, ConfigAddition};
use crate::config::{ConfigError, CONFIG_FILE_NAME};
use crate::rules::{Finding, Severity};
use crate::text::{Encoding, LineCol, LineIndex};
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::mpsc::error::TryRecvError;
use tokio::sync::mpsc::UnboundedReceiver;
use tower_lsp::lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Url,
};
use tower_lsp::Client;

/// Runs until the server's job queue closes.
pub(crate) async fn worker(state: Arc<State>, client: Client, mut jobs: UnboundedReceiver<Job>) {
    while let Some(first) = jobs.recv().await {
        let mut batch = vec![first];
        let mut closed = false;
        // The quiet period: gather everything that arrives until nothing has
        // for `debounce`, so a burst of typing is checked once.
        loop {
            if state.debounce.is_zero() {
                // No quiet period: take what is already queued and go. (A zero
                // timeout would still wait for the timer's next millisecond tick.)
                match jobs.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        closed = true;
                        break;
                    }
                }
                continue;
            }
            match tokio::time::timeout(state.debounce, jobs.recv()).await {
                Ok(Some(job)) => batch.push(job),
                Ok(None) => {
                    closed = true;
                    break;
                }
                Err(_) => break,
            }
        }
        run_batch(&state, &client, batch).await;
        if closed {
            return;
        }
    }
}

async fn run_batch(state: &Arc<State>, client: &Client, batch: Vec<Job>) {
    let mut batch = batch;
    let everything = batch.iter().any(|job| matches!(job, Job::CheckAll));
    if everything {
        batch.retain(|job| !matches!(job, Job::Check(_) | Job::CheckAll));
        batch.extend(state.open_uris().into_iter().map(Job::Check));
    }
    for (at, job) in batch.iter().enumerate() {
        match job {
            Job::Check(uri) => {
                // A later job for the same document in this batch supersedes this one.
                let superseded = batch[at + 1..].iter().any(
                    |later| matches!(later, Job::Check(other) | Job::Close(other) if other == uri),
                );
                if !superseded && !is_config_file(uri) {
                    check(state, client, uri).await;
                }
            }
            Job::Close(uri) => {
                if !state.is_open(uri) && !is_config_file(uri) {
                    client
                        .publish_diagnostics(uri.clone(), Vec::new(), None)
                        .await;
                }
            }
            Job::ConfigReport(path) => report_config(state, client, path).await,
            Job::CheckAll => {}
        }
    }
}

fn is_config_file(uri: &Url) -> bool {
    uri.path().rsplit('/').next() == Some(CONFIG_FILE_NAME)
}

async fn check(state: &Arc<State>, client: &Client, uri: &Url) {
    let snapshot = match state.snapshot_in_turn(uri).await {
        Ok(snapshot) => snapshot,
        Err(SnapshotError::NotOpen) => return,
        Err(SnapshotError::Panicked(_)) => {
            // Old findings would point at text that has changed; say plainly instead
            // that this version could not be checked.
            if let Some(version) = state.version(uri) {
                let diagnostic = Diagnostic {
                    range: Range::default(),
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("clerk".to_owned()),
                    message: "clerk could not check these minutes: it met an internal error (the log has the details)"
                        .to_owned(),
                    ..Diagnostic::default()
                };
                client
                    .publish_diagnostics(uri.clone(), vec![diagnostic], Some(version))
                    .await;
            }
            return;
        }
    };
    // Only the version the client has now may be published.
    if state.version(uri) != Some(snapshot.version) {
        return;
    }
    let diagnostics = snapshot
        .analysis
        .findings
        .iter()
        .map(|finding| diagnostic(&snapshot, finding))
        .collect();
    client
        .publish_diagnostics(uri.clone(), diagnostics, Some(snapshot.version))
        .await;
}

/// A finding as the client shows it, carrying what the code actions need.
pub(crate) fn diagnostic(snapshot: &Snapshot, finding: &Finding) -> Diagnostic {
    let related = finding
        .related
        .iter()
        .map(|related| DiagnosticRelatedInformation {
            location: Location::new(snapshot.uri.clone(), snapshot.range(related.range)),
            message: related.message.clone(),
        })
        .collect::<Vec<_>>();
    let addition = config_addition(
        &snapshot.text,
        &snapshot.analysis.doc,
        &snapshot.config,
        finding,
    );
    let mut data = json!({
        "code": finding.code,
        "version": snapshot.version,
        "start": finding.range.start,
        "end": finding.range.end,
        "fix": finding.fix.as_ref().map(|fix| json!({
            "title": fix.title,
            "safe": fix.applicability == crate::rules::Applicability::Safe,
        })),
    });
    match addition {
        Some(ConfigAddition::Glossary {
            abbreviation,
            expansion,
        }) => data["glossary"] = json!({"abbreviation": abbreviation, "expansion": expansion}),
        Some(ConfigAddition::Register { name, role }) => {
            data["register"] = json!({"name": name, "role": role})
        }
        None => {}
    }
    Diagnostic {
        range: snapshot.range(finding.range),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.to_owned())),
        // No page documents the checks, so no link: `clerk rules CODE`,
        // which the hover names, explains each one.
        code_description: None,
        source: Some("clerk".to_owned()),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(data),
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Shows every mistake in a clerk.toml on the file itself, or clears them.
async fn report_config(state: &Arc<State>, client: &Client, path: &PathBuf) {
    let Ok(uri) = Url::from_file_path(path) else {
        return;
    };
    let diagnostics = if path.is_file() {
        let loaded = state.loaded_config(path);
        // What the minutes are checked with meanwhile, as `clerk check` says it.
        let used = if loaded.read {
            "the rest of the settings"
        } else {
            "the default settings"
        };
        for mistake in &loaded.mistakes {
            state.log(
                tower_lsp::lsp_types::MessageType::WARNING,
                format!("{mistake}; checking with {used}"),
            );
        }
        let text = crate::config::read_settings_text(path).unwrap_or_default();
        loaded
            .mistakes
            .iter()
            .map(|mistake| config_diagnostic(&text, mistake, used, state.encoding()))
            .collect()
    } else {
        Vec::new()
    };
    client.publish_diagnostics(uri, diagnostics, None).await;
}

/// One mistake in clerk.toml (whose text is `text`) as a diagnostic on it.
fn config_diagnostic(
    text: &str,
    error: &ConfigError,
    used: &str,
    encoding: Encoding,
) -> Diagnostic {
    let index = LineIndex::new(text);
    let position = |offset: usize| {
        let at = index.line_col(text, offset, encoding);
        Position::new(at.line, at.col)
    };
    let range = match (error.range, error.line, error.column) {
        (Some(range), _, _) => Range::new(position(range.start), position(range.end)),
        (None, Some(line), column) => {
            // One-based line and column in characters: the line index finds the byte.
            let at = LineCol {
                line: line.saturating_sub(1),
                col: column.unwrap_or(1).saturating_sub(1),
            };
            let offset = index.offset(text, at, Encoding::Chars);
            let end = index.line_end(at.line as usize).max(offset);
            Range::new(position(offset), position(end))
        }
        (None, None, _) => Range::new(position(0), position(index.line_end(0))),
    };
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: None,
        code_description: None,
        source: Some("clerk".to_owned()),
        message: format!(
            "{}; clerk is checking with {used} until this is mended",
            error.message
        ),
        related_information: None,
        tags: None,
        data: None,
    }
}
