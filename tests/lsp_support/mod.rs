//! An in-process LSP client for the tests: drives clerk's service with
//! `tower::Service::call`, answers the server's own requests, and collects
//! its notifications.
#![allow(dead_code)]

pub mod edits;
pub mod stdio;

use clerk::lsp::{service, ClerkService, Options};
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};
use tower::{Service, ServiceExt};
use tower_lsp::jsonrpc::{Error, Request, Response};

pub struct Client {
    pub service: ClerkService,
    notifications: UnboundedReceiver<(String, Value)>,
    /// Notifications read while waiting for another, in order.
    pub seen: Vec<(String, Value)>,
    /// What the client answers to `workspace/configuration`.
    pub settings: Arc<Mutex<Value>>,
    /// The server's own requests, in order: (method, params).
    pub server_requests: Arc<Mutex<Vec<(String, Value)>>>,
    next_id: i64,
}

pub fn utf16_capabilities() -> Value {
    json!({
        "workspace": {"configuration": true, "didChangeWatchedFiles": {"dynamicRegistration": true}},
        "textDocument": {"publishDiagnostics": {"relatedInformation": true, "versionSupport": true}}
    })
}

pub fn utf8_capabilities() -> Value {
    let mut capabilities = utf16_capabilities();
    capabilities["general"] = json!({"positionEncodings": ["utf-8", "utf-16"]});
    capabilities
}

impl Client {
    /// Starts a server with no debounce and initializes it with `capabilities`.
    pub async fn start(capabilities: Value) -> Client {
        Client::start_with(capabilities, json!(null), None, Duration::ZERO).await
    }

    /// A client with UTF-16 positions whose workspace is `root`.
    pub async fn start_in(root: &std::path::Path) -> Client {
        Client::start_with(
            utf16_capabilities(),
            json!(null),
            Some(root),
            Duration::ZERO,
        )
        .await
    }

    pub async fn start_with(
        capabilities: Value,
        options: Value,
        root: Option<&std::path::Path>,
        debounce: Duration,
    ) -> Client {
        let mut client = Client::spawn(debounce);
        let root_uri = root.map(|root| {
            tower_lsp::lsp_types::Url::from_directory_path(root)
                .unwrap()
                .to_string()
        });
        let result = client
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root_uri,
                    "capabilities": capabilities,
                    "initializationOptions": options,
                }),
            )
            .await
            .expect("initialize");
        assert!(result["capabilities"].is_object());
        client.notify("initialized", json!({})).await;
        client
    }

    /// A server that has not been initialized.
    pub fn spawn(debounce: Duration) -> Client {
        let (service, socket) = service(Options {
            debounce,
            fault: Some("PLANTED-FAULT"),
        });
        let (mut requests, mut responses) = socket.split();
        let (sender, notifications) = unbounded_channel();
        let settings = Arc::new(Mutex::new(json!({})));
        let server_requests = Arc::new(Mutex::new(Vec::new()));
        let (answer_settings, record) = (settings.clone(), server_requests.clone());
        tokio::spawn(async move {
            while let Some(request) = requests.next().await {
                let (method, id, params) = request.into_parts();
                let params = params.unwrap_or(Value::Null);
                match id {
                    Some(id) => {
                        record
                            .lock()
                            .unwrap()
                            .push((method.to_string(), params.clone()));
                        let result = match &*method {
                            "workspace/configuration" => {
                                let items = params["items"].as_array().map_or(1, Vec::len);
                                Value::Array(vec![answer_settings.lock().unwrap().clone(); items])
                            }
                            _ => Value::Null,
                        };
                        if responses.send(Response::from_ok(id, result)).await.is_err() {
                            return;
                        }
                    }
                    None => {
                        let _ = sender.send((method.to_string(), params));
                    }
                }
            }
        });
        Client {
            service,
            notifications,
            seen: Vec::new(),
            settings,
            server_requests,
            next_id: 1,
        }
    }

    pub async fn request(&mut self, method: &str, params: Value) -> Result<Value, Error> {
        let id = self.next_id;
        self.next_id += 1;
        let request = build(method, params).id(id).finish();
        let response = self
            .service
            .ready()
            .await
            .expect("service ready")
            .call(request)
            .await
            .expect("server has not exited")
            .expect("a request is answered");
        response.into_parts().1
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(method, params).await;
    }

    /// Sends a notification and returns without waiting for its handler.
    pub fn send(
        &mut self,
        method: &str,
        params: Value,
    ) -> impl std::future::Future<Output = ()> + Send + 'static {
        let request = build(method, params).finish();
        let future = self.service.call(request);
        async move {
            let response = future.await.expect("server has not exited");
            assert!(response.is_none(), "a notification is never answered");
        }
    }

    pub async fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "minutes", "version": 1, "text": text}}),
        )
        .await;
    }

    /// The next notification, waiting at most five seconds.
    pub async fn next_notification(&mut self) -> (String, Value) {
        let next = tokio::time::timeout(Duration::from_secs(5), self.notifications.recv())
            .await
            .expect("the server sent a notification in time")
            .expect("the server is still running");
        self.seen.push(next.clone());
        next
    }

    /// Waits for the diagnostics published for `uri` at `version`, skipping
    /// anything else; fails if an older version's arrive after a newer one's.
    pub async fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        loop {
            let (method, params) = self.next_notification().await;
            if method != "textDocument/publishDiagnostics" || params["uri"] != uri {
                continue;
            }
            let published = params["version"].as_i64();
            if published == version {
                return params["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
            if let (Some(published), Some(wanted)) = (published, version) {
                assert!(
                    published < wanted,
                    "diagnostics for version {published} arrived after {wanted} was asked for"
                );
            }
        }
    }

    /// The diagnostics published for each of `uris`, in whatever order they come.
    pub async fn diagnostics_of_each(&mut self, uris: &[&str]) -> Vec<Vec<Value>> {
        let mut found: Vec<Option<Vec<Value>>> = vec![None; uris.len()];
        while found.iter().any(Option::is_none) {
            let (method, params) = self.next_notification().await;
            if method != "textDocument/publishDiagnostics" {
                continue;
            }
            if let Some(at) = uris.iter().position(|uri| params["uri"] == *uri) {
                found[at] = Some(
                    params["diagnostics"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default(),
                );
            }
        }
        found.into_iter().map(Option::unwrap).collect()
    }

    /// Nothing more arrives within `wait`.
    pub async fn quiet(&mut self, wait: Duration) -> Option<(String, Value)> {
        tokio::time::timeout(wait, self.notifications.recv())
            .await
            .ok()
            .flatten()
    }
}

/// A message as a client writes it: `"params": null` is the same as no params.
fn build(method: &str, params: Value) -> tower_lsp::jsonrpc::RequestBuilder {
    let builder = Request::build(method.to_owned());
    if params.is_null() {
        builder
    } else {
        builder.params(params)
    }
}

pub fn uri(name: &str) -> String {
    format!("file:///minutes/{name}")
}

/// The `file:` URI of a real file.
pub fn file_uri(path: &std::path::Path) -> String {
    tower_lsp::lsp_types::Url::from_file_path(path)
        .unwrap()
        .to_string()
}

/// A position as the protocol writes it.
pub fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

pub fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": pos(start.0, start.1), "end": pos(end.0, end.1)})
}
