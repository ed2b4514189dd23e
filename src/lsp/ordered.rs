//! The service the transport drives. tower-lsp runs handlers concurrently and
//! may start them out of order (its issue #284), so the three notifications
//! that change a document's text are taken off the stream here, in `call`,
//! which the transport invokes once per message in the order received, and
//! applied to the rope before the next message is even read.

use super::state::State;
use super::Server;
use futures::future::{self, BoxFuture, FutureExt};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::task::{Context, Poll};
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
}

impl ClerkService {
    pub(crate) fn new(inner: LspService<Server>, state: Arc<State>) -> Self {
        ClerkService { inner, state }
    }

    pub(crate) fn state(&self) -> Arc<State> {
        self.state.clone()
    }
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
                state.open(document.uri, document.version, &document.text);
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
        let body = tokio::task::spawn_blocking(move || {
            let params = serde_json::from_value::<DocumentSymbolParams>(
                params.unwrap_or(serde_json::Value::Null),
            )
            .map_err(|error| Error {
                code: ErrorCode::InvalidParams,
                message: format!("clerk could not read this {method} request: {error}").into(),
                data: None,
            });
            match params.and_then(|params| super::server::outline_of(&state, &params)) {
                Ok((snapshot, outline)) => answer_body(
                    &work_id,
                    Ok(super::to_proto::DocumentSymbolsJson::new(
                        &snapshot, &outline,
                    )),
                    // A symbol's JSON is about two hundred bytes.
                    outline.len() * 224,
                ),
                Err(error) => answer_body::<()>(&work_id, Err(error), 0),
            }
        })
        .await;
        let body = body.unwrap_or_else(|panic| {
            let message = format!("clerk hit an internal problem answering this: {panic}");
            answer_body::<()>(
                &id,
                Err(Error {
                    code: ErrorCode::InternalError,
                    message: message.into(),
                    data: None,
                }),
                0,
            )
        });
        let _ = frames.send(body);
        Ok(None)
    }
    .boxed())
}

/// A JSON-RPC answer to `id`, as a whole frame: the header, then the
/// answer. The answer is written after room left for the header, and the
/// header put at the end of that room, so that an answer of a hundred
/// megabytes is not copied into a second buffer to be framed.
fn answer_body<T: Serialize>(id: &Id, answer: Result<T, Error>, expected_size: usize) -> Vec<u8> {
    #[derive(Serialize)]
    struct Answer<'a, T> {
        jsonrpc: &'static str,
        id: &'a Id,
        result: T,
    }
    // "Content-Length: " and twenty digits and two line ends fit.
    const ROOM: usize = 48;
    // Room for what the answer is expected to take, so that a large one is
    // not copied each time its buffer doubles.
    let mut frame = Vec::with_capacity(ROOM + expected_size);
    frame.resize(ROOM, b' ');
    let written = match answer {
        Ok(result) => serde_json::to_writer(
            &mut frame,
            &Answer {
                jsonrpc: "2.0",
                id,
                result,
            },
        ),
        Err(error) => serde_json::to_writer(&mut frame, &Response::from_error(id.clone(), error)),
    };
    if let Err(error) = written {
        frame.truncate(ROOM);
        let refusal = Response::from_error(
            id.clone(),
            Error {
                code: ErrorCode::InternalError,
                message: format!("clerk could not write its answer: {error}").into(),
                data: None,
            },
        );
        let _ = serde_json::to_writer(&mut frame, &refusal);
    }
    let header = format!("Content-Length: {}\r\n\r\n", frame.len() - ROOM);
    let start = ROOM - header.len();
    frame[start..ROOM].copy_from_slice(header.as_bytes());
    frame.drain(..start);
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
