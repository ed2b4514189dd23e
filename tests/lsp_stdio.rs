//! The real `clerk lsp` process: standard output carries nothing but
//! protocol messages, malformed input does not kill it, and it exits as the
//! protocol says.

mod lsp_support;

use lsp_support::stdio::Process;
use serde_json::json;

#[test]
fn malformed_messages_are_survived_and_stdout_holds_only_messages() {
    let mut server = Process::start();
    // Not JSON, then JSON that is no message, then a frame with a broken header:
    // each is answered with an error and the session goes on.
    server.write_raw(b"Content-Length: 9\r\n\r\n{not json");
    assert_eq!(
        server.next()["error"]["code"],
        -32700,
        "a parse error, answered"
    );
    server.write_raw(b"Content-Length: 2\r\n\r\n[]");
    assert_eq!(
        server.next()["error"]["code"],
        -32600,
        "an invalid request, answered"
    );
    server.write_raw(b"Content-Length: twelve\r\n\r\n");
    assert_eq!(server.next()["error"]["code"], -32700);
    let answer = server.initialize();
    assert_eq!(answer["result"]["serverInfo"]["name"], "clerk", "{answer}");

    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "file:///m/a.txt", "languageId": "minutes", "version": 1,
               "text": "1. Grants\nMr Patel explained that the DfE grant was late.\n"}}),
    );
    let published = loop {
        let message = server.next();
        if message["method"] == "textDocument/publishDiagnostics" {
            break message;
        }
    };
    assert_eq!(published["params"]["version"], 1);
    assert!(!published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .is_empty());

    let shutdown = server.request("shutdown", json!(null));
    assert!(
        shutdown.get("error").is_none() && shutdown["result"].is_null(),
        "{shutdown}"
    );
    server.notify("exit", json!(null));
    let status = server.wait();
    assert_eq!(status.code(), Some(0), "exit after shutdown is success");
    // Every byte of stdout was read as a message (Process::next panics otherwise);
    // the log went to stderr.
    let stderr = server.stderr();
    assert!(stderr.contains("clerk: clerk is ready"), "{stderr}");
    assert_eq!(
        stderr
            .matches("ignored a malformed message from the editor")
            .count(),
        3,
        "{stderr}"
    );
}

#[test]
fn exit_without_shutdown_is_a_failure() {
    let mut server = Process::start();
    server.initialize();
    server.notify("exit", json!(null));
    assert_eq!(server.wait().code(), Some(1));
}

/// The outline is written by clerk itself rather than through tower-lsp
/// (`lsp::ordered` says why): over standard output it must be exactly the
/// answer the in-process service gives, and a request for a document not
/// open must be refused as tower-lsp would refuse it.
#[test]
fn the_outline_over_stdio_is_the_answer_the_service_gives() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/example/planning-committee.minutes.txt"
    ))
    .unwrap();
    let doc = "file:///m/planning.txt";
    let params = json!({"textDocument": {"uri": doc}});

    let mut server = Process::start();
    server.initialize();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": doc, "languageId": "minutes", "version": 1, "text": text}}),
    );
    let over_stdio = server.request("textDocument/documentSymbol", params.clone());
    let not_open = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": "file:///m/never-opened.txt"}}),
    );

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let in_process = runtime.block_on(async {
        let mut client = lsp_support::Client::start(lsp_support::utf16_capabilities()).await;
        client.open(doc, &text).await;
        client
            .request("textDocument/documentSymbol", params)
            .await
            .unwrap()
    });
    let symbols = over_stdio["result"].as_array().expect("an outline");
    assert!(symbols.len() >= 4, "{over_stdio}");
    assert_eq!(over_stdio["result"], in_process);
    assert_eq!(not_open["error"]["code"], -32602, "{not_open}");
    assert_eq!(
        not_open["error"]["message"],
        "clerk has not been given file:///m/never-opened.txt: open the document first"
    );
    server.request("shutdown", json!(null));
    server.notify("exit", json!(null));
    server.wait();
}
