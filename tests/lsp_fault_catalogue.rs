//! The fault catalogue of the language server: malformed frames, malformed
//! messages, hostile positions and requests out of order, sent to one real
//! `clerk lsp` process. After every entry the server must answer as the
//! protocol says (or stay silent where it says to), and then answer a probe
//! request exactly as it did at the start: alive, and in step. A burst of
//! 10,000 edits must leave the server with the text a fresh server is given.

mod lsp_support;

use lsp_support::edits::{random_change, strip_versions, Rng};
use lsp_support::stdio::Process;
use serde_json::{json, Value};
use std::time::Instant;

/// The fixture every probe asks about.
const PROBE_URI: &str = "file:///catalogue/probe.txt";
/// The document the entries edit and ask about.
const SCRATCH_URI: &str = "file:///catalogue/scratch.txt";

fn fixture() -> String {
    std::fs::read_to_string("tests/fixtures/lsp/meeting.txt").unwrap()
}

/// What an entry must draw from the server.
#[derive(Debug)]
enum Expect {
    /// A successful answer to the entry's request; the check sees its result.
    Answer(fn(&Value) -> bool),
    /// An error answer with this code, to the entry's id (or to null, for a
    /// frame whose id cannot be read).
    Error(i64),
    /// An error answer with this code to no id: the frame itself was unreadable.
    TransportError(i64),
    /// No answer at all: a notification, or a response the server did not ask for.
    Nothing,
    /// For two requests with one id: the first answered; the second refused
    /// as an invalid request if the first was still in flight (ids must be
    /// unique), else answered too.
    AnsweredOnce,
}

struct Entry {
    name: &'static str,
    bytes: Vec<u8>,
    expect: Expect,
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn json_frame(value: Value) -> Vec<u8> {
    frame(value.to_string().as_bytes())
}

/// Entry ids start here, clear of the probe's.
const FIRST_ID: i64 = 10_000;

fn request(id: i64, method: &str, params: Value) -> Vec<u8> {
    json_frame(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
}

fn notification(method: &str, params: Value) -> Vec<u8> {
    json_frame(json!({"jsonrpc": "2.0", "method": method, "params": params}))
}

fn at(uri: &str, line: u64, character: u64) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

fn change(version: i64, range: Option<[u64; 4]>, text: &str) -> Vec<u8> {
    let mut change = json!({"text": text});
    if let Some([l1, c1, l2, c2]) = range {
        change["range"] =
            json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}});
    }
    notification(
        "textDocument/didChange",
        json!({"textDocument": {"uri": SCRATCH_URI, "version": version}, "contentChanges": [change]}),
    )
}

fn is_null(value: &Value) -> bool {
    value.is_null()
}

fn is_list(value: &Value) -> bool {
    value.is_array()
}

fn is_list_or_null(value: &Value) -> bool {
    value.is_array() || value.is_null()
}

/// An entry's bytes, given the id its request is sent with.
type MakeBytes = Box<dyn Fn(i64) -> Vec<u8>>;

/// The catalogue, in the order it is sent. Ids are given by position.
fn catalogue() -> Vec<Entry> {
    let mut entries: Vec<(&'static str, MakeBytes, Expect)> = vec![
        // Frames.
        (
            "a frame claiming more than the largest message",
            Box::new(|_| b"Content-Length: 99999999999999999\r\n\r\n".to_vec()),
            Expect::TransportError(-32600),
        ),
        (
            "a length too big for any number",
            Box::new(|_| {
                b"Content-Length: 340282366920938463463374607431768211456\r\n\r\n".to_vec()
            }),
            Expect::TransportError(-32600),
        ),
        (
            "a length that is not a number",
            Box::new(|_| b"Content-Length: twelve\r\n\r\n{}".to_vec()),
            Expect::TransportError(-32700),
        ),
        (
            "a negative length",
            Box::new(|_| b"Content-Length: -5\r\n\r\n".to_vec()),
            Expect::TransportError(-32700),
        ),
        (
            "an empty length",
            Box::new(|_| b"Content-Length:\r\n\r\n{}".to_vec()),
            Expect::TransportError(-32700),
        ),
        (
            "a frame with no Content-Length",
            Box::new(|_| {
                b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}".to_vec()
            }),
            Expect::TransportError(-32700),
        ),
        (
            "a header line without end",
            Box::new(|_| {
                let mut b = b"X-Padding: ".to_vec();
                b.extend(std::iter::repeat_n(b'a', 20_000));
                b
            }),
            Expect::TransportError(-32700),
        ),
        (
            // Dropped as not part of the frame that follows: no request to answer.
            "stray bytes glued before a frame",
            Box::new(|_| b"\x00\x01\x02 hello \xff\xfe".to_vec()),
            Expect::Nothing,
        ),
        (
            "blank lines before a frame",
            Box::new(|_| b"\r\n\r\n\n".to_vec()),
            Expect::Nothing,
        ),
        (
            "a lower-case header name, a Content-Type and leading zeros",
            Box::new(|id| {
                let body = json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/foldingRange", "params": {"textDocument": {"uri": PROBE_URI}}}).to_string();
                format!("content-type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 000{}\r\n\r\n{body}", body.len()).into_bytes()
            }),
            Expect::Answer(is_list),
        ),
        (
            "headers ended by bare LF",
            Box::new(|id| {
                let body = json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/foldingRange", "params": {"textDocument": {"uri": PROBE_URI}}}).to_string();
                format!("Content-Length: {}\n\n{body}", body.len()).into_bytes()
            }),
            Expect::Answer(is_list),
        ),
        // Bodies.
        (
            "an empty body",
            Box::new(|_| frame(b"")),
            Expect::TransportError(-32700),
        ),
        (
            "a body that is not JSON",
            Box::new(|_| frame(b"{\"jsonrpc\": \"2.0\", ")),
            Expect::TransportError(-32700),
        ),
        (
            "a body of invalid UTF-8",
            Box::new(|_| frame(b"{\"jsonrpc\": \"2.0\", \"method\": \"\xff\xfe\"}")),
            Expect::TransportError(-32700),
        ),
        (
            "a JSON number",
            Box::new(|_| frame(b"42")),
            Expect::TransportError(-32600),
        ),
        (
            "a JSON string",
            Box::new(|_| frame(b"\"initialize\"")),
            Expect::TransportError(-32600),
        ),
        (
            "an empty batch",
            Box::new(|_| frame(b"[]")),
            Expect::TransportError(-32600),
        ),
        (
            "a batch of one request",
            Box::new(|id| {
                frame(
                    format!("[{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"shutdown\"}}]")
                        .as_bytes(),
                )
            }),
            Expect::TransportError(-32600),
        ),
        (
            "JSON nested ten thousand deep",
            Box::new(|_| {
                let mut b = vec![b'['; 10_000];
                b.extend(vec![b']'; 10_000]);
                frame(&b)
            }),
            Expect::TransportError(-32700),
        ),
        (
            "a request without jsonrpc",
            Box::new(|id| {
                frame(format!("{{\"id\":{id},\"method\":\"textDocument/hover\"}}").as_bytes())
            }),
            Expect::Error(-32600),
        ),
        (
            "a request of JSON-RPC 1.0",
            Box::new(|id| {
                frame(
                    format!(
                        "{{\"jsonrpc\":\"1.0\",\"id\":{id},\"method\":\"textDocument/hover\"}}"
                    )
                    .as_bytes(),
                )
            }),
            Expect::Error(-32600),
        ),
        (
            "a method that is a number",
            Box::new(|id| {
                frame(format!("{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":7}}").as_bytes())
            }),
            Expect::Error(-32600),
        ),
        (
            "an id that is an object",
            Box::new(|_| {
                frame(b"{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"textDocument/hover\"}")
            }),
            Expect::TransportError(-32600),
        ),
        (
            "an unknown request",
            Box::new(|id| request(id, "clerk/makeTea", json!({}))),
            Expect::Error(-32601),
        ),
        (
            "an unknown notification",
            Box::new(|_| notification("clerk/makeTea", json!({}))),
            Expect::Nothing,
        ),
        (
            "a $/ request",
            Box::new(|id| request(id, "$/clerk/unknown", json!({}))),
            Expect::Error(-32601),
        ),
        (
            "a $/ notification",
            Box::new(|_| notification("$/clerk/unknown", json!({}))),
            Expect::Nothing,
        ),
        (
            "cancelling a request that was never sent",
            Box::new(|_| notification("$/cancelRequest", json!({"id": 424242}))),
            Expect::Nothing,
        ),
        (
            "a response the server never asked for",
            Box::new(|_| json_frame(json!({"jsonrpc": "2.0", "id": 31337, "result": {"x": 1}}))),
            Expect::Nothing,
        ),
        (
            "an error response the server never asked for",
            Box::new(|_| {
                json_frame(
                    json!({"jsonrpc": "2.0", "id": 31338, "error": {"code": -1, "message": "no"}}),
                )
            }),
            Expect::Nothing,
        ),
        // Parameters.
        (
            "hover with params of the wrong type",
            Box::new(|id| request(id, "textDocument/hover", json!("here"))),
            Expect::Error(-32602),
        ),
        (
            "hover with no position",
            Box::new(|id| {
                request(
                    id,
                    "textDocument/hover",
                    json!({"textDocument": {"uri": PROBE_URI}}),
                )
            }),
            Expect::Error(-32602),
        ),
        (
            "hover with a negative line",
            Box::new(|id| {
                request(id, "textDocument/hover", at(PROBE_URI, 0, 0).as_object().map(|_| json!({"textDocument": {"uri": PROBE_URI}, "position": {"line": -1, "character": 0}})).unwrap())
            }),
            Expect::Error(-32602),
        ),
        (
            "hover with a uri that is not a uri",
            Box::new(|id| {
                request(
                    id,
                    "textDocument/hover",
                    json!({"textDocument": {"uri": "not a uri"}, "position": {"line": 0, "character": 0}}),
                )
            }),
            Expect::Error(-32602),
        ),
        (
            "hover on a document never opened",
            Box::new(|id| {
                request(
                    id,
                    "textDocument/hover",
                    at("file:///catalogue/never.txt", 0, 0),
                )
            }),
            Expect::Error(-32602),
        ),
        (
            "a didOpen with no text",
            Box::new(|_| {
                notification(
                    "textDocument/didOpen",
                    json!({"textDocument": {"uri": "file:///catalogue/x.txt", "languageId": "minutes", "version": 1}}),
                )
            }),
            Expect::Nothing,
        ),
        (
            "a didChange with null params",
            Box::new(|_| notification("textDocument/didChange", Value::Null)),
            Expect::Nothing,
        ),
        // Hostile positions, on the probe document itself: answered, never clamped into a crash.
        (
            "hover on the last line there could be",
            Box::new(|id| {
                request(
                    id,
                    "textDocument/hover",
                    at(PROBE_URI, u64::from(u32::MAX), u64::from(u32::MAX)),
                )
            }),
            Expect::Answer(is_null),
        ),
        (
            "completion far past the end of a line",
            Box::new(|id| request(id, "textDocument/completion", at(PROBE_URI, 13, 1_000_000))),
            Expect::Answer(is_list_or_null),
        ),
        (
            "completion inside the emoji's surrogate pair",
            Box::new(|id| request(id, "textDocument/completion", at(PROBE_URI, 20, 1))),
            Expect::Answer(is_list_or_null),
        ),
        (
            "definition past the end of the document",
            Box::new(|id| request(id, "textDocument/definition", at(PROBE_URI, 9_999, 0))),
            Expect::Answer(is_null),
        ),
        (
            "references past the end of the document",
            Box::new(|id| {
                let mut p = at(PROBE_URI, 9_999, 3);
                p["context"] = json!({"includeDeclaration": true});
                request(id, "textDocument/references", p)
            }),
            Expect::Answer(is_list_or_null),
        ),
        (
            "rename past the end of the document",
            Box::new(|id| {
                let mut p = at(PROBE_URI, 9_999, 3);
                p["newName"] = json!("Shah");
                request(id, "textDocument/rename", p)
            }),
            Expect::Error(-32602),
        ),
        (
            "prepareRename past the end",
            Box::new(|id| request(id, "textDocument/prepareRename", at(PROBE_URI, 9_999, 3))),
            Expect::Answer(is_null),
        ),
        (
            "a code action range that ends before it starts",
            Box::new(|id| {
                request(
                    id,
                    "textDocument/codeAction",
                    json!({"textDocument": {"uri": PROBE_URI}, "range": {"start": {"line": 13, "character": 40}, "end": {"line": 2, "character": 0}}, "context": {"diagnostics": []}}),
                )
            }),
            Expect::Answer(is_list),
        ),
        (
            "a code action range past the end",
            Box::new(|id| {
                request(
                    id,
                    "textDocument/codeAction",
                    json!({"textDocument": {"uri": PROBE_URI}, "range": {"start": {"line": 500, "character": 0}, "end": {"line": 900, "character": 9}}, "context": {"diagnostics": []}}),
                )
            }),
            Expect::Answer(is_list),
        ),
        (
            "a workspace symbol query of a megabyte",
            Box::new(|id| {
                request(
                    id,
                    "workspace/symbol",
                    json!({"query": "x".repeat(1 << 20)}),
                )
            }),
            Expect::Answer(is_list_or_null),
        ),
        (
            "an unknown command",
            Box::new(|id| {
                request(
                    id,
                    "workspace/executeCommand",
                    json!({"command": "clerk.formatDisk", "arguments": []}),
                )
            }),
            Expect::Error(-32601),
        ),
        // Out of order.
        (
            "initialize a second time",
            Box::new(|id| {
                request(
                    id,
                    "initialize",
                    json!({"processId": null, "rootUri": null, "capabilities": {}}),
                )
            }),
            Expect::Error(-32600),
        ),
        (
            "initialized a second time",
            Box::new(|_| notification("initialized", json!({}))),
            Expect::Nothing,
        ),
        (
            "a change to a document never opened",
            Box::new(|_| {
                notification(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": "file:///catalogue/never.txt", "version": 2}, "contentChanges": [{"text": "x"}]}),
                )
            }),
            Expect::Nothing,
        ),
        (
            "closing a document never opened",
            Box::new(|_| {
                notification(
                    "textDocument/didClose",
                    json!({"textDocument": {"uri": "file:///catalogue/never.txt"}}),
                )
            }),
            Expect::Nothing,
        ),
        (
            "the same id twice at once",
            Box::new(|id| {
                let mut b = request(
                    id,
                    "textDocument/foldingRange",
                    json!({"textDocument": {"uri": PROBE_URI}}),
                );
                b.extend(request(
                    id,
                    "textDocument/foldingRange",
                    json!({"textDocument": {"uri": PROBE_URI}}),
                ));
                b
            }),
            Expect::AnsweredOnce,
        ),
    ];
    // Edits to the scratch document: out-of-range and reversed ranges are
    // clamped, never applied half. The expected text is checked afterwards.
    entries.extend(
        scratch_edits()
            .into_iter()
            .map(|(name, version, range, text)| {
                (
                    name,
                    Box::new(move |_| change(version, range, text)) as MakeBytes,
                    Expect::Nothing,
                )
            }),
    );
    entries
        .into_iter()
        .enumerate()
        .map(|(index, (name, bytes, expect))| Entry {
            name,
            bytes: bytes(FIRST_ID + index as i64),
            expect,
        })
        .collect()
}

/// The scratch document's text before the edits.
const SCRATCH: &str = "Present: Cllr A Jones (Chair)\nThe DfE grant 🎉 was noted.\n";

/// Edits to the scratch document: (name, version, range, text).
type ScratchEdit = (&'static str, i64, Option<[u64; 4]>, &'static str);

fn scratch_edits() -> Vec<ScratchEdit> {
    vec![
        (
            "an insertion far past the end of the document",
            2,
            Some([900, 0, 900, 0]),
            "\nEnd.",
        ),
        (
            "an insertion past the end of a line",
            3,
            Some([0, 500, 0, 500]),
            " Mr B’s.",
        ),
        (
            "a replacement whose end comes before its start",
            4,
            Some([1, 10, 1, 4]),
            "DfE",
        ),
        (
            "an edit starting inside the emoji's surrogate pair",
            5,
            Some([1, 15, 1, 16]),
            "!",
        ),
        (
            "a version older than the last",
            1,
            Some([0, 0, 0, 0]),
            "Minutes\n",
        ),
        (
            "an edit with CR LF inserted",
            7,
            Some([2, 0, 2, 0]),
            "Apologies: none\r\n",
        ),
        (
            "an edit of a whole line on a line past the end",
            8,
            Some([4_000_000_000, 0, 4_000_000_001, 0]),
            "",
        ),
    ]
}

/// The scratch text as the server should hold it after the edits above: each
/// range clamped to the text (a column past a line's end to the line's end, a
/// line past the end to the text's end), a column inside a character to that
/// character's start, and a range whose end comes first read from end to start.
fn scratch_after_edits() -> String {
    let mut text = SCRATCH.to_owned();
    // Past the end: appended.
    text.push_str("\nEnd.");
    // Past the end of line 0: at the line's end.
    text.insert_str(text.find('\n').unwrap(), " Mr B’s.");
    // Line 1, columns 4..10 ("DfE gr" read backwards is the same span).
    let line1 = text.find('\n').unwrap() + 1;
    text.replace_range(line1 + 4..line1 + 10, "DfE");
    // Column 15 of line 1 is inside the emoji; 15..16 becomes the emoji's start to its start.
    let line1_text = &text[line1..];
    let emoji = line1_text.find('🎉').unwrap();
    text.insert(line1 + emoji, '!');
    // An older version is applied all the same: the client's order is the truth.
    text.insert_str(0, "Minutes\n");
    // Line 2 of the text after the insertion above.
    let line2 = text.match_indices('\n').nth(1).unwrap().0 + 1;
    text.insert_str(line2, "Apologies: none\r\n");
    text
}

fn probe(id: i64) -> Vec<u8> {
    request(
        id,
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": PROBE_URI}}),
    )
}

/// The diagnostics published for the scratch document at `version`, without
/// their versions, so that two servers compare.
fn diagnostics_of(server: &mut Process, version: i64) -> Vec<Value> {
    strip_versions(server.diagnostics(SCRATCH_URI, version))
}

/// Reads until the answer to `probe_id`, returning every answer (a message
/// with an id or an error and no method) seen before it.
fn answers_until(server: &mut Process, probe_id: i64) -> (Vec<Value>, Value) {
    let mut answers = Vec::new();
    loop {
        let message = server.next();
        if message.get("method").is_some() {
            continue;
        }
        if message["id"] == probe_id {
            return (answers, message);
        }
        answers.push(message);
    }
}

fn open(server: &mut Process, uri: &str, text: &str) {
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "minutes", "version": 1, "text": text}}),
    );
}

#[test]
fn every_fault_is_answered_as_the_protocol_says_and_the_server_stays_in_step() {
    let started = Instant::now();
    let mut server = Process::start();
    server.initialize();
    open(&mut server, PROBE_URI, &fixture());
    open(&mut server, SCRATCH_URI, SCRATCH);
    let baseline = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": PROBE_URI}}),
    );
    assert!(
        baseline["result"]
            .as_array()
            .is_some_and(|symbols| symbols.len() >= 4),
        "{baseline}"
    );

    let entries = catalogue();
    assert!(
        entries.len() >= 40,
        "the catalogue holds {} entries",
        entries.len()
    );
    let mut failures = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let id = FIRST_ID + index as i64;
        let probe_id = 1_000_000 + index as i64;
        // Shown with a failure: the entry the server was last sent.
        eprintln!("entry {index}: {}", entry.name);
        // Wait for the answers an entry is owed before probing, since
        // requests are answered concurrently; then nothing else may come.
        let owed = match entry.expect {
            Expect::Nothing => 0,
            Expect::AnsweredOnce => 2,
            _ => 1,
        };
        server.write_raw(&entry.bytes);
        let mut answers = Vec::new();
        while answers.len() < owed {
            let message = server.next();
            if message.get("method").is_none() {
                answers.push(message);
            }
        }
        server.write_raw(&probe(probe_id));
        let (more, probe_answer) = answers_until(&mut server, probe_id);
        answers.extend(more);
        if probe_answer["result"] != baseline["result"] {
            failures.push(format!(
                "{}: the probe after it was answered {probe_answer}",
                entry.name
            ));
        }
        let verdict = match (&entry.expect, answers.as_slice()) {
            (Expect::Nothing, []) => Ok(()),
            (Expect::Answer(check), answers)
                if !answers.is_empty()
                    && answers.iter().all(|answer| {
                        answer["id"] == id
                            && answer.get("error").is_none()
                            && check(&answer["result"])
                    }) =>
            {
                Ok(())
            }
            (Expect::Error(code), [answer])
                if answer["id"] == id && answer["error"]["code"] == *code =>
            {
                Ok(())
            }
            (Expect::AnsweredOnce, [first, second])
                if first["id"] == id
                    && first["result"].is_array()
                    && second["id"] == id
                    && (second["error"]["code"] == -32600 || second["result"].is_array()) =>
            {
                Ok(())
            }
            (Expect::TransportError(code), [answer])
                if answer["id"].is_null() && answer["error"]["code"] == *code =>
            {
                Ok(())
            }
            (expect, answers) => Err(format!(
                "{}: expected {expect:?}, got {answers:?}",
                entry.name
            )),
        };
        if let Err(failure) = verdict {
            failures.push(failure);
        }
    }
    // The scratch document holds what the edits, clamped, make of it.
    let expected = scratch_after_edits();
    let reference = "file:///catalogue/reference.txt";
    open(&mut server, reference, &expected);
    for method in ["textDocument/documentSymbol", "textDocument/foldingRange"] {
        let ours = server.request(method, json!({"textDocument": {"uri": SCRATCH_URI}}));
        let theirs = server.request(method, json!({"textDocument": {"uri": reference}}));
        if ours["result"] != theirs["result"] {
            failures.push(format!("{method} of the edited scratch document: {ours} but the text it should hold gives {theirs}"));
        }
    }
    let hover = |server: &mut Process, uri: &str| {
        // Hover over each place of the text that should be "DfE" in both.
        server.request("textDocument/hover", at(uri, 2, 5))["result"].clone()
    };
    let (ours, theirs) = (
        hover(&mut server, SCRATCH_URI),
        hover(&mut server, reference),
    );
    if ours != theirs {
        failures.push(format!(
            "hover on the edited scratch document: {ours} but {theirs}"
        ));
    }
    assert!(
        failures.is_empty(),
        "{} of {} entries went wrong:\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n")
    );
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "the server is still running"
    );
    eprintln!(
        "{} catalogue entries in {:?}",
        entries.len(),
        started.elapsed()
    );
}

#[test]
fn requests_before_initialize_and_after_shutdown_are_refused_and_exit_still_ends_it() {
    let mut server = Process::start();
    let early = server.request("textDocument/hover", at(PROBE_URI, 0, 0));
    assert_eq!(
        early["error"]["code"], -32002,
        "not initialized yet: {early}"
    );
    server.initialize();
    let shutdown = server.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    let late = server.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": PROBE_URI}}),
    );
    assert_eq!(late["error"]["code"], -32600, "after shutdown: {late}");
    server.notify("exit", Value::Null);
    assert!(server.wait().success());
}

#[test]
fn ten_thousand_edits_in_one_burst_leave_the_text_a_fresh_server_is_given() {
    const EDITS: i64 = 10_000;
    let mut text = fixture();
    let mut server = Process::start();
    server.initialize();
    open(&mut server, SCRATCH_URI, &text);
    let mut rng = Rng(0x0c1e_4b00_5eed_0010);
    let mut burst = Vec::new();
    for version in 2..=EDITS + 1 {
        // Mostly small deletions, so the text neither vanishes nor balloons.
        let longest = if text.len() > 20_000 { 40 } else { 12 };
        let change = random_change(&mut text, &mut rng, longest);
        burst.extend(notification(
            "textDocument/didChange",
            json!({"textDocument": {"uri": SCRATCH_URI, "version": version}, "contentChanges": [change]}),
        ));
    }
    server.write_raw(&burst);
    let our_findings = diagnostics_of(&mut server, EDITS + 1);
    let asked = ["textDocument/documentSymbol", "textDocument/foldingRange"];
    let ours: Vec<Value> = asked
        .iter()
        .map(|method| {
            server.request(method, json!({"textDocument": {"uri": SCRATCH_URI}}))["result"].clone()
        })
        .collect();
    assert!(
        ours[0].as_array().is_some_and(|symbols| symbols.len() >= 3),
        "{:#}",
        ours[0]
    );

    let mut fresh = Process::start();
    fresh.initialize();
    open(&mut fresh, SCRATCH_URI, &text);
    assert_eq!(
        our_findings,
        diagnostics_of(&mut fresh, 1),
        "the burst's findings differ from a fresh server's"
    );
    let theirs: Vec<Value> = asked
        .iter()
        .map(|method| {
            fresh.request(method, json!({"textDocument": {"uri": SCRATCH_URI}}))["result"].clone()
        })
        .collect();
    assert_eq!(
        ours, theirs,
        "the burst left a different text than the client's"
    );
}
