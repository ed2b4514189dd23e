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
