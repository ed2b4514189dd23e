//! The service the transport drives. tower-lsp runs handlers concurrently and
//! may start them out of order (its issue #284), so the three notifications
//! that change a document's text are taken off the stream here, in `call`,
//! which the transport invokes once per message in the order received, and
//! applied to the rope before the next message is even read.

use super::state::State;
use super::transport::{Outgoing, Parked, PARKED_METHOD};
use super::Server;
use futures::future::{self, BoxFuture, FutureExt};
use serde::de::DeserializeOwned;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp::jsonrpc::{Error, ErrorCode, Id, Request, Response};
use tower_lsp::lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DocumentSymbolParams, MessageType,
};
use tower_lsp::{ExitedError, LspService};
use tower_service::Service;

/// The language server as a `tower` service: tower-lsp's, with document sync
/// applied in order in front of it.
pub struct ClerkService {
    inner: LspService<Server>,
    state: Arc<State>,
    /// Notifications the transport has read and parked for this service.
    parked: Arc<Parked>,
}

impl ClerkService {
    pub(crate) fn new(inner: LspService<Server>, state: Arc<State>) -> Self {
        ClerkService {
            inner,
            state,
            parked: Arc::default(),
        }
    }

    pub(crate) fn state(&self) -> Arc<State> {
        self.state.clone()
    }

    pub(crate) fn parked(&self) -> Arc<Parked> {
        self.parked.clone()
    }
}

/// The notification a stand-in from the transport stands for, if it is
/// one and its notification is waiting.
fn unpark(parked: &Parked, request: &Request) -> Option<Request> {
    if request.method() != PARKED_METHOD || request.id().is_some() {
        return None;
    }
    let params = request.params()?;
    parked.take(
        params.get("token")?.as_u64()?,
        params.get("number")?.as_u64()?,
    )
}

/// Applies one document-sync notification to the open documents.
fn sync(state: &State, request: Request) {
    // tower-lsp drops notifications before `initialize` and after `shutdown`;
    // so does this.
    if !state.initialized.load(Ordering::SeqCst) || state.shut_down.load(Ordering::SeqCst) {
        return;
    }
    let (method, _, params) = request.into_parts();
    let params = params.unwrap_or(serde_json::Value::Null);
    match &*method {
        "textDocument/didOpen" => {
            if let Some(params) = parse::<DidOpenTextDocumentParams>(state, &method, params) {
                let document = params.text_document;
                state.open(document.uri, document.version, document.text);
            }
        }
        "textDocument/didChange" => {
            if let Some(params) = parse::<DidChangeTextDocumentParams>(state, &method, params) {
                let document = params.text_document;
                if !state.change(&document.uri, document.version, params.content_changes) {
                    state.log(
                        MessageType::WARNING,
                        format!("ignored a change to {}, which is not open", document.uri),
                    );
                }
            }
        }
        _ => {
            if let Some(params) = parse::<DidCloseTextDocumentParams>(state, &method, params) {
                state.close(&params.text_document.uri);
            }
        }
    }
}

fn parse<P: DeserializeOwned>(state: &State, method: &str, params: serde_json::Value) -> Option<P> {
    serde_json::from_value(params)
        .map_err(|error| {
            state.log(
                MessageType::WARNING,
                format!("ignored a malformed {method} notification: {error}"),
            );
        })
        .ok()
}

/// The requests whose answers can be as large as the document (the
/// outline of a long volume of minutes is hundreds of thousands of
/// symbols). tower-lsp turns an answer into a tree of JSON values before
/// writing it, which for a 50 MB document took seconds and gigabytes; these
/// are answered here instead, written straight to JSON and handed to the
/// transport's writer as one frame. Anything else, and anything before
/// `initialize` or after `shutdown` (which tower-lsp refuses), goes on.
fn answer_directly(
    state: &Arc<State>,
    request: Request,
) -> Result<BoxFuture<'static, Result<Option<Response>, ExitedError>>, Request> {
    let ready = state.initialized.load(Ordering::SeqCst) && !state.shut_down.load(Ordering::SeqCst);
    let Some(frames) = state.direct_frames.get().cloned() else {
        return Err(request);
    };
    if !ready || request.method() != "textDocument/documentSymbol" || request.id().is_none() {
        return Err(request);
    }
    let (method, id, params) = request.into_parts();
    let id = id.expect("a request with an id");
    let state = state.clone();
    Ok(async move {
        let work_id = id.clone();
        let answers = frames.clone();
        let refusal = tokio::task::spawn_blocking(move || {
            let params = serde_json::from_value::<DocumentSymbolParams>(
                params.unwrap_or(serde_json::Value::Null),
            )
            .map_err(|error| Error {
                code: ErrorCode::InvalidParams,
                message: format!("clerk could not read this {method} request: {error}").into(),
                data: None,
            });
            match params.and_then(|params| super::server::outline_of(&state, &params)) {
                Ok((snapshot, outline)) => send_in_parts(
                    &answers,
                    &work_id,
                    super::to_proto::DocumentSymbolsJson::new(&snapshot, &outline),
                ),
                Err(error) => Some(error_frame(&work_id, error)),
            }
        })
        .await;
        let refusal = refusal.unwrap_or_else(|panic| {
            let message = format!("clerk hit an internal problem answering this: {panic}");
            Some(error_frame(
                &id,
                Error {
                    code: ErrorCode::InternalError,
                    message: message.into(),
                    data: None,
                },
            ))
        });
        if let Some(frame) = refusal {
            let _ = frames.send(Outgoing::Frame(frame));
        }
        Ok(None)
    }
    .boxed())
}

/// The bytes of a part of an answer written in parts: enough that a part
/// costs little to hand over, few enough that the parts waiting to be
/// written hold a few megabytes, not the answer.
const PART_BYTES: usize = 1 << 20;

/// Sends the outline's answer to `id` to the transport's writer in parts as
/// it is written, after writing it once only to count its bytes for the
/// header: the outline of a long volume of minutes is a hundred megabytes
/// of JSON, which written whole first doubled what the server held, and
/// which the editor now reads while the rest is written.
fn send_in_parts(
    frames: &UnboundedSender<Outgoing>,
    id: &Id,
    symbols: super::to_proto::DocumentSymbolsJson,
) -> Option<Vec<u8>> {
    let mut head = br#"{"jsonrpc":"2.0","id":"#.to_vec();
    if let Err(error) = serde_json::to_writer(&mut head, id) {
        return Some(error_frame(
            id,
            Error {
                code: ErrorCode::InternalError,
                message: format!("clerk could not write its answer: {error}").into(),
                data: None,
            },
        ));
    }
    head.extend_from_slice(br#","result":["#);
    const TAIL: &[u8] = b"]}";
    // Each top-level symbol written once into a scratch buffer, to count.
    let mut scratch = Vec::new();
    let mut length = head.len() + TAIL.len() + symbols.root_count().saturating_sub(1);
    for at in 0..symbols.root_count() {
        scratch.clear();
        symbols.write_root(at, &mut scratch);
        length += scratch.len();
    }
    // Two parts waiting at most, beside the one being written.
    let (sender, parts) = tokio::sync::mpsc::channel(2);
    if frames.send(Outgoing::Parts { length, parts }).is_err() {
        return None;
    }
    let mut part = head;
    part.reserve(PART_BYTES);
    for at in 0..symbols.root_count() {
        if at > 0 {
            part.push(b',');
        }
        symbols.write_root(at, &mut part);
        if part.len() >= PART_BYTES {
            let full = std::mem::replace(&mut part, Vec::with_capacity(PART_BYTES + (64 << 10)));
            // The writer has gone only with the editor.
            if sender.blocking_send(full).is_err() {
                return None;
            }
        }
    }
    part.extend_from_slice(TAIL);
    let _ = sender.blocking_send(part);
    None
}

/// A JSON-RPC error answer to `id`, as a whole frame.
fn error_frame(id: &Id, error: Error) -> Vec<u8> {
    let body = serde_json::to_vec(&Response::from_error(id.clone(), error)).unwrap_or_default();
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    frame
}

/// `shutdown` and `exit` take no params, and a client that writes
/// `"params": null` means none; tower-lsp refuses it as unexpected params,
/// which would leave the server not shut down and make `exit` a failure.
fn without_null_params(request: Request) -> Request {
    if !matches!(request.method(), "shutdown" | "exit")
        || !request.params().is_some_and(serde_json::Value::is_null)
    {
        return request;
    }
    let (method, id, _) = request.into_parts();
    let builder = Request::build(method);
    match id {
        Some(id) => builder.id(id).finish(),
        None => builder.finish(),
    }
}

impl Service<Request> for ClerkService {
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = BoxFuture<'static, Result<Option<Response>, ExitedError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), ExitedError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let request = unpark(&self.parked, &request).unwrap_or(request);
        let is_sync = matches!(
            request.method(),
            "textDocument/didOpen" | "textDocument/didChange" | "textDocument/didClose"
        );
        if is_sync && request.id().is_none() {
            sync(&self.state, request);
            return future::ready(Ok(None)).boxed();
        }
        let request = match answer_directly(&self.state, request) {
            Ok(answered) => return answered,
            Err(request) => request,
        };
        let request = without_null_params(request);
        if request.method() == "exit" {
            self.state.exit.notify_one();
        }
        // A panic that escapes a handler would unwind through tower-lsp's
        // transport and end the process; turn it into an error answer.
        let id = request.id().cloned();
        let method = request.method().to_owned();
        let state = self.state.clone();
        let handled = AssertUnwindSafe(self.inner.call(request)).catch_unwind();
        async move {
            match handled.await {
                // tower-lsp answers nothing to an unknown method that starts
                // with `$/`, as the protocol allows for notifications; a
                // request is always answered.
                Ok(Ok(None)) if id.is_some() && method.starts_with("$/") => Ok(id.map(|id| {
                    Response::from_error(
                        id,
                        Error {
                            code: ErrorCode::MethodNotFound,
                            message: format!("Method not found: clerk does not answer {method:?}")
                                .into(),
                            data: None,
                        },
                    )
                })),
                Ok(answer) => answer,
                Err(panic) => {
                    let message = super::state::panic_message(panic);
                    state.log(MessageType::ERROR, format!("{method} failed: {message}"));
                    Ok(id.map(|id| {
                        Response::from_error(
                            id,
                            Error {
                                code: ErrorCode::InternalError,
                                message: format!(
                                    "clerk hit an internal problem answering this: {message}"
                                )
                                .into(),
                                data: None,
                            },
                        )
                    }))
                }
            }
        }
        .boxed()
    }
}
