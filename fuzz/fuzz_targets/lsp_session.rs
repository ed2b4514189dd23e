//! Whole language-server sessions: an editor's messages built from arbitrary
//! operations (documents opened and changed at any position, every request
//! at any position, requests out of order, raw bytes between frames). The
//! session must end when its input does, whatever came before.
#![no_main]

use libfuzzer_sys::{arbitrary, fuzz_target};
use serde_json::{json, Value};
use std::time::Duration;

#[derive(arbitrary::Arbitrary, Debug)]
enum Op {
    Open(String),
    Change {
        range: Option<(u16, u16, u16, u16)>,
        text: String,
    },
    Request {
        method: u8,
        line: u16,
        character: u16,
        word: String,
    },
    Close,
    /// Bytes sent as they are: broken frames, bad JSON, stray headers.
    Raw(Vec<u8>),
    /// A well-framed body of arbitrary text.
    Body(String),
}

const METHODS: &[&str] = &[
    "textDocument/hover",
    "textDocument/completion",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/documentSymbol",
    "textDocument/foldingRange",
    "textDocument/codeAction",
    "textDocument/prepareRename",
    "textDocument/rename",
    "workspace/symbol",
    "workspace/executeCommand",
    "shutdown",
    "initialize",
    "$/cancelRequest",
    "$/clerk/unknown",
    "clerk/unknown",
];

const URI: &str = "file:///fuzz/minutes.txt";

fn frame(out: &mut Vec<u8>, body: &[u8]) {
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body);
}

fn message(out: &mut Vec<u8>, value: Value) {
    frame(out, value.to_string().as_bytes());
}

fuzz_target!(|data: &[u8]| {
    let (text, mut steer) = clerk_fuzz::split(data);
    let mut ops: Vec<Op> = steer.arbitrary().unwrap_or_default();
    if ops.is_empty() {
        // A seed on its own: every request at a few places of the text.
        let lines = text.lines().count() as u16;
        for (method, line) in (0..METHODS.len() as u8).zip((0..lines.max(1)).cycle()) {
            ops.push(Op::Request {
                method,
                line,
                character: 4,
                word: "Okafor".to_owned(),
            });
        }
    }
    let mut input = Vec::new();
    message(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
               "params": {"processId": null, "rootUri": null, "capabilities": {}}}),
    );
    message(
        &mut input,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    message(
        &mut input,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": URI, "languageId": "minutes", "version": 0, "text": text}}}),
    );
    let mut version = 0;
    for (id, op) in ops.into_iter().take(32).enumerate() {
        let id = id + 1;
        version += 1;
        match op {
            Op::Open(text) => message(
                &mut input,
                json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                    "textDocument": {"uri": URI, "languageId": "minutes", "version": version, "text": text}}}),
            ),
            Op::Change { range, text } => {
                let mut change = json!({"text": text});
                if let Some((l1, c1, l2, c2)) = range {
                    change["range"] = json!({"start": {"line": l1, "character": c1},
                                             "end": {"line": l2, "character": c2}});
                }
                message(
                    &mut input,
                    json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                        "textDocument": {"uri": URI, "version": version},
                        "contentChanges": [change]}}),
                );
            }
            Op::Request {
                method,
                line,
                character,
                word,
            } => {
                let method = METHODS[usize::from(method) % METHODS.len()];
                let position = json!({"line": line, "character": character});
                let params = json!({
                    "textDocument": {"uri": URI},
                    "position": position,
                    "range": {"start": position, "end": position},
                    "context": {"diagnostics": [], "includeDeclaration": true},
                    "newName": word,
                    "query": word,
                    "command": word,
                    "arguments": [URI],
                    "id": id,
                    "capabilities": {},
                });
                message(
                    &mut input,
                    json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
                );
            }
            Op::Close => message(
                &mut input,
                json!({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {
                    "textDocument": {"uri": URI}}}),
            ),
            Op::Raw(bytes) => input.extend_from_slice(&bytes),
            Op::Body(text) => frame(&mut input, text.as_bytes()),
        }
    }
    // Whatever came before, a well-formed frame is found again and answered.
    input.extend_from_slice(b"\r\n\r\n");
    message(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 9999, "method": "shutdown", "params": null}),
    );
    message(
        &mut input,
        json!({"jsonrpc": "2.0", "method": "exit", "params": null}),
    );

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let ended = runtime.block_on(async {
        tokio::time::timeout(Duration::from_secs(20), clerk::lsp::fuzzing::session(input)).await
    });
    assert!(ended.is_ok(), "the session did not end when its input did");
    runtime.shutdown_timeout(Duration::from_millis(100));
});
