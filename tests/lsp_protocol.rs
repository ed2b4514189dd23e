//! The protocol itself: negotiation, errors, robustness, shutdown and exit,
//! settings and the clerk.toml watcher. Driven in-process.

mod lsp_support;

use lsp_support::{pos, uri, utf16_capabilities, utf8_capabilities, Client};
use serde_json::json;
use std::time::Duration;
use tower::Service;
use tower_lsp::jsonrpc::{ErrorCode, Request};

#[tokio::test]
async fn offers_utf8_positions_only_to_a_client_that_asks() {
    let mut plain = Client::spawn(Duration::ZERO);
    let answer = plain
        .request("initialize", json!({"capabilities": utf16_capabilities()}))
        .await
        .unwrap();
    assert_eq!(answer["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(
        answer["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    assert_eq!(
        answer["capabilities"]["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.clerk"])
    );

    let mut modern = Client::spawn(Duration::ZERO);
    let answer = modern
        .request("initialize", json!({"capabilities": utf8_capabilities()}))
        .await
        .unwrap();
    assert_eq!(answer["capabilities"]["positionEncoding"], "utf-8");
}

#[tokio::test]
async fn registers_the_clerk_toml_watcher_and_reads_settings_when_the_client_can() {
    let client = Client::start(utf16_capabilities()).await;
    // `initialized` is handled concurrently; a request afterwards has to wait for nothing,
    // so poll until the two server requests have been made.
    for _ in 0..100 {
        if client.server_requests.lock().unwrap().len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let requests = client.server_requests.lock().unwrap().clone();
    let (method, params) = &requests[0];
    assert_eq!(method, "client/registerCapability");
    assert_eq!(
        params["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    assert_eq!(
        params["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"],
        "**/clerk.toml"
    );
    assert_eq!(requests[1].0, "workspace/configuration");
    assert_eq!(requests[1].1["items"][0]["section"], "clerk");
    drop(requests);

    let mut static_client = Client::start(json!({})).await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(
        static_client.server_requests.lock().unwrap().is_empty(),
        "no dynamic registration offered, none asked"
    );
    let _ = static_client.request("shutdown", json!(null)).await;
}

#[tokio::test]
async fn answers_errors_for_unknown_documents_and_methods() {
    let mut client = Client::start(utf16_capabilities()).await;
    let error = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri("never-opened.txt")}, "position": pos(0, 0)}),
        )
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidParams);
    assert!(
        error.message.contains("never-opened.txt"),
        "{}",
        error.message
    );

    let error = client
        .request("clerk/noSuchThing", json!({}))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::MethodNotFound);

    let error = client
        .request(
            "textDocument/hover",
            json!({"textDocument": "not an identifier"}),
        )
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidParams);
}

#[tokio::test]
async fn survives_malformed_notifications_and_changes_to_unopened_documents() {
    let mut client = Client::start(utf16_capabilities()).await;
    client
        .notify("textDocument/didOpen", json!({"textDocument": 42}))
        .await;
    client
        .notify("textDocument/didChange", json!({"nonsense": true}))
        .await;
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri("ghost.txt"), "version": 2}, "contentChanges": [{"text": "x"}]}),
        )
        .await;
    client.open(&uri("real.txt"), "1. Apologies\n").await;
    let diagnostics = client.diagnostics(&uri("real.txt"), Some(1)).await;
    assert!(diagnostics.is_empty());
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri("real.txt")}}),
        )
        .await;
    assert!(symbols.is_ok());
}

#[tokio::test]
async fn a_panic_in_analysis_is_an_error_answer_and_the_server_carries_on() {
    let mut client = Client::start(utf16_capabilities()).await;
    let broken = uri("broken.txt");
    client
        .open(&broken, "1. Apologies\nPLANTED-FAULT:analysis\n")
        .await;
    let error = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": broken}}),
        )
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InternalError);
    assert!(
        error.message.contains("clerk hit an internal problem"),
        "{}",
        error.message
    );
    // The worker met the same panic; the server still serves other documents.
    client.open(&uri("fine.txt"), "1. Apologies\n").await;
    assert!(client
        .diagnostics(&uri("fine.txt"), Some(1))
        .await
        .is_empty());
    // Mending the text mends the answers.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": broken, "version": 2}, "contentChanges": [{"text": "1. Apologies\n"}]}),
        )
        .await;
    assert!(client.diagnostics(&broken, Some(2)).await.is_empty());
    assert!(client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": broken}})
        )
        .await
        .is_ok());
}

#[tokio::test]
async fn publishes_with_the_version_and_clears_on_close() {
    let mut client = Client::start(utf16_capabilities()).await;
    let doc = uri("close.txt");
    client.open(&doc, "Minutes\n").await;
    client.diagnostics(&doc, Some(1)).await;
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": doc}}),
        )
        .await;
    let cleared = client.diagnostics(&doc, None).await;
    assert!(cleared.is_empty());
    let error = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": doc}}),
        )
        .await
        .unwrap_err();
    assert_eq!(
        error.code,
        ErrorCode::InvalidParams,
        "a closed document is unknown again"
    );
}

#[tokio::test]
async fn shuts_down_and_exits_as_the_protocol_says() {
    let mut client = Client::start(utf16_capabilities()).await;
    assert_eq!(
        client.request("shutdown", json!(null)).await.unwrap(),
        json!(null)
    );
    let error = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri("a.txt")}}),
        )
        .await
        .unwrap_err();
    assert_eq!(
        error.code,
        ErrorCode::InvalidRequest,
        "requests after shutdown are refused"
    );
    client.notify("exit", json!(null)).await;
    let after_exit = client
        .service
        .call(Request::build("shutdown").id(99).finish())
        .await;
    assert!(
        after_exit.is_err(),
        "the service reports that it has exited"
    );
}

#[tokio::test]
async fn a_panic_in_a_handler_itself_is_an_error_answer_too() {
    let mut client = Client::start(utf16_capabilities()).await;
    let doc = uri("handler.txt");
    client
        .open(&doc, "1. Apologies\nPLANTED-FAULT:handler\n")
        .await;
    let error = client
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": doc}}),
        )
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InternalError);
    assert!(
        error.message.contains("outside the analysis"),
        "{}",
        error.message
    );
    // The server still answers.
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": doc}}),
        )
        .await;
    assert!(symbols.is_ok());
}
