//! The real `clerk lsp` process: standard output carries nothing but
//! protocol messages, malformed input does not kill it, and it exits as the
//! protocol says.

mod lsp_support;

use lsp_support::stdio::{Process, Streams};
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

/// A session over `streams`: a finding with its exact place, then the
/// outline of a long document (written in parts, the runtime's writer
/// taking turns with the thread that makes it), then exit.
fn a_session_over(streams: Streams) {
    let mut server = Process::start_with(streams);
    server.initialize();
    // Watched by the runtime: its standard streams are set not to block.
    #[cfg(target_os = "linux")]
    for fd in [0, 1] {
        let info =
            std::fs::read_to_string(format!("/proc/{}/fdinfo/{fd}", server.child.id())).unwrap();
        let flags = info
            .lines()
            .find_map(|line| line.strip_prefix("flags:"))
            .and_then(|flags| u32::from_str_radix(flags.trim(), 8).ok())
            .unwrap();
        assert_ne!(flags & 0o4000, 0, "fd {fd}: {info}");
    }
    let doc = "file:///m/grants.txt";
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": doc, "languageId": "minutes", "version": 1,
               "text": "1. Grants\nMr Patel explained that the DfE grant was late.\n"}}),
    );
    let diagnostics = server.diagnostics(doc, 1);
    let dfe = diagnostics
        .iter()
        .find(|diagnostic| diagnostic["code"] == "A001")
        .unwrap_or_else(|| panic!("{diagnostics:?}"));
    assert_eq!(
        dfe["range"],
        json!({"start": {"line": 1, "character": 28}, "end": {"line": 1, "character": 31}})
    );
    let long = "file:///m/long.txt";
    let text: String = (1..=30_000)
        .map(|n| format!("{n}. Item {n}\nThe Committee noted the report.\n\n"))
        .collect();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": long, "languageId": "minutes", "version": 1, "text": text}}),
    );
    let outline = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": long}}),
    );
    assert_eq!(
        outline["result"].as_array().map(Vec::len),
        Some(30_000),
        "one item for each"
    );
    server.request("shutdown", json!(null));
    server.notify("exit", json!(null));
    assert_eq!(server.wait().code(), Some(0));
}

#[test]
fn a_session_over_pipes() {
    a_session_over(Streams::Pipes);
}

/// Editors that start servers through libuv (VS Code, Neovim) give them
/// sockets for standard input and output, which the runtime watches as
/// it watches pipes.
#[cfg(unix)]
#[test]
fn a_session_over_sockets_as_editors_give_them() {
    a_session_over(Streams::Sockets);
}

/// A frame as an editor writes it.
#[cfg(unix)]
fn frame(message: serde_json::Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Whether a descriptor is set not to block.
#[cfg(unix)]
fn does_not_block(fd: &impl std::os::fd::AsRawFd) -> bool {
    // SAFETY: reads the flags of a descriptor the caller holds open.
    let flags = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_GETFL) };
    assert!(flags >= 0);
    flags & libc::O_NONBLOCK != 0
}

/// Reads `stream` until what it has given holds `needle`.
#[cfg(unix)]
fn read_until(stream: &mut impl std::io::Read, needle: &str) {
    let mut seen = Vec::new();
    while !String::from_utf8_lossy(&seen).contains(needle) {
        let mut part = [0u8; 4096];
        let read = stream.read(&mut part).unwrap();
        assert_ne!(read, 0, "{}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&part[..read]);
    }
}

/// An `initialize` request, framed.
#[cfg(unix)]
fn initialize_frame() -> Vec<u8> {
    frame(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                 "params": {"processId": null, "rootUri": null, "capabilities": {}}}))
}

/// The server's end of its standard streams, kept by the test too as a
/// process the server shares them with would: set not to block while the
/// server watches them, and given back blocking when it has gone.
#[cfg(unix)]
#[test]
fn the_standard_streams_are_given_back_as_they_came() {
    use std::io::Write;
    use std::os::fd::OwnedFd;
    use std::os::unix::net::UnixStream;
    let (mut ours_in, theirs_in) = UnixStream::pair().unwrap();
    let (mut ours_out, theirs_out) = UnixStream::pair().unwrap();
    let kept_in = theirs_in.try_clone().unwrap();
    let kept_out = theirs_out.try_clone().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .arg("lsp")
        .stdin(std::process::Stdio::from(OwnedFd::from(theirs_in)))
        .stdout(std::process::Stdio::from(OwnedFd::from(theirs_out)))
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    ours_in.write_all(&initialize_frame()).unwrap();
    read_until(&mut ours_out, r#""serverInfo":{"name":"clerk""#);
    assert!(does_not_block(&kept_in) && does_not_block(&kept_out));
    ours_in
        .write_all(&frame(
            json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        ))
        .unwrap();
    read_until(&mut ours_out, r#""id":2"#);
    ours_in
        .write_all(&frame(json!({"jsonrpc": "2.0", "method": "exit"})))
        .unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    assert!(
        !does_not_block(&kept_in),
        "standard input left not blocking"
    );
    assert!(
        !does_not_block(&kept_out),
        "standard output left not blocking"
    );
}

/// Standard output that is standard error too (`2>&1`) is not watched:
/// set not to block, the log's writes to a full stream would fail.
#[cfg(unix)]
#[test]
fn standard_output_shared_with_standard_error_is_left_blocking() {
    use std::io::Write;
    use std::os::fd::OwnedFd;
    use std::os::unix::net::UnixStream;
    let (ours_out, theirs_out) = UnixStream::pair().unwrap();
    let kept_out = theirs_out.try_clone().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .arg("lsp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::from(OwnedFd::from(
            theirs_out.try_clone().unwrap(),
        )))
        .stderr(std::process::Stdio::from(OwnedFd::from(theirs_out)))
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(&initialize_frame()).unwrap();
    // The answer comes on the shared stream, once the streams are set up.
    let mut ours_out = ours_out;
    read_until(&mut ours_out, r#""serverInfo":{"name":"clerk""#);
    assert!(!does_not_block(&kept_out));
    drop(stdin);
    child.wait().unwrap();
}

/// Standard input that is a file (neither a pipe nor a socket) is read
/// through tokio's own standard streams: its request is answered before
/// the input's end closes the session (without `exit`, a failure).
#[test]
fn a_session_read_from_a_file() {
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                      "params": {"processId": null, "rootUri": null, "capabilities": {}}})
    .to_string();
    let folder = tempfile::tempdir().unwrap();
    let input = folder.path().join("session.bin");
    std::fs::write(
        &input,
        format!("Content-Length: {}\r\n\r\n{body}", body.len()),
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .arg("lsp")
        .stdin(std::fs::File::open(&input).unwrap())
        .output()
        .unwrap();
    let written = String::from_utf8_lossy(&output.stdout);
    let (header, body) = written.split_once("\r\n\r\n").unwrap_or_default();
    assert_eq!(
        header,
        format!("Content-Length: {}", body.len()),
        "one frame"
    );
    let answer: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(answer["id"], 1);
    assert_eq!(answer["result"]["serverInfo"]["name"], "clerk", "{answer}");
    assert_eq!(output.status.code(), Some(1), "{written}");
}

#[test]
fn exit_without_shutdown_is_a_failure() {
    let mut server = Process::start();
    server.initialize();
    server.notify("exit", json!(null));
    assert_eq!(server.wait().code(), Some(1));
}

/// The outline is written by clerk itself rather than through tower-lsp
/// (`lsp::ordered` says why), in parts of a megabyte as it is written:
/// over standard output it must be exactly the answer the in-process
/// service gives, the answer after it must still be read whole, and a
/// request for a document not open must be refused as tower-lsp would
/// refuse it.
#[test]
fn the_outline_over_stdio_is_the_answer_the_service_gives() {
    let meeting = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/example/planning-committee.minutes.txt"
    ))
    .unwrap();
    // Enough meetings that the outline's JSON takes several parts.
    let text = meeting.repeat(600_000 / meeting.len() + 1);
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
    let answer_bytes = serde_json::to_vec(&over_stdio).unwrap().len();
    assert!(answer_bytes > 1 << 20, "{answer_bytes} bytes: one part");
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

/// The transport keeps each document change it has read and passes the
/// server a numbered stand-in (`lsp::transport::Parked`). Stand-ins an
/// editor writes itself, with numbers of any kind, take nothing out of
/// turn: every change is applied once, in order, and the diagnostics end
/// on the final text.
#[test]
fn stand_ins_the_editor_writes_itself_do_not_reorder_changes() {
    let doc = "file:///m/typed.txt";
    let mut server = Process::start();
    server.initialize();
    let fake = |server: &mut Process, number: i64| {
        server.notify("$/clerk/parked", json!({"number": number}));
    };
    fake(&mut server, 0);
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": doc, "languageId": "minutes", "version": 1, "text": "1. Apologies\n"}}),
    );
    fake(&mut server, 1);
    fake(&mut server, -1);
    let typed = "The PCC and the LLFA wrote.\n";
    for (at, ch) in typed.char_indices() {
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": at + 2},
                   "contentChanges": [{"range": {"start": {"line": 1, "character": at}, "end": {"line": 1, "character": at}}, "text": ch.to_string()}]}),
        );
        fake(&mut server, at as i64 + 2);
    }
    let last = typed.len() as i64 + 1;
    let diagnostics = server.diagnostics(doc, last);
    let flagged: Vec<&str> = diagnostics
        .iter()
        .map(|diagnostic| diagnostic["message"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        diagnostics
            .iter()
            .map(|diagnostic| (
                diagnostic["range"]["start"]["line"].as_u64(),
                diagnostic["range"]["start"]["character"].as_u64()
            ))
            .collect::<Vec<_>>(),
        [(Some(1), Some(4)), (Some(1), Some(16))],
        "{flagged:?}"
    );
    server.request("shutdown", json!(null));
    server.notify("exit", json!(null));
    server.wait();
}
