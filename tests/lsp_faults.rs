//! Hostile and careless input to the real `clerk lsp` process: frames that
//! claim too much, header lines without end, frames without a usable
//! Content-Length, `$/` requests and `null` params. Each test checks what an
//! editor sees: the error answered, and that the next request is answered.

mod lsp_support;

use lsp_support::stdio::Process;
use serde_json::{json, Value};

/// A frame as an editor writes it.
fn frame(message: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(message).unwrap();
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend(body);
    frame
}

fn initialize_request(id: i64) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "method": "initialize",
           "params": {"processId": null, "rootUri": null, "capabilities": {}}})
}

/// The next error the transport answered (it has no request id to answer to).
fn next_transport_error(server: &mut Process) -> Value {
    loop {
        let message = server.next();
        if message.get("error").is_some() && message["id"].is_null() {
            return message["error"].clone();
        }
    }
}

/// The answer to request `id`, failing on any error answered on the way.
fn answer_to(server: &mut Process, id: i64) -> Value {
    loop {
        let message = server.next();
        if message["id"] == id && message.get("method").is_none() {
            return message;
        }
        assert!(message.get("error").is_none(), "unexpected: {message}");
    }
}

/// The session goes on: `initialize` sent now is answered.
fn assert_answers_initialize(server: &mut Process, id: i64) {
    server.write_raw(&frame(&initialize_request(id)));
    let answer = answer_to(server, id);
    assert_eq!(answer["result"]["serverInfo"]["name"], "clerk", "{answer}");
    assert!(server.child.try_wait().unwrap().is_none(), "still running");
}

#[test]
fn a_frame_claiming_more_than_the_largest_message_is_refused_without_reading_it() {
    let mut server = Process::start();
    server.write_raw(b"Content-Length: 99999999999999999\r\n\r\n{\"jsonrpc\":\"2.0\"}");
    let error = next_transport_error(&mut server);
    assert_eq!(error["code"], -32600);
    assert_eq!(
        error["message"],
        "Invalid request: the message claims 99999999999999999 bytes, more than the \
         64 MiB clerk accepts; it was skipped"
    );
    // Digits beyond any machine number are a claim too large, not a non-number.
    server.write_raw(b"Content-Length: 123456789012345678901234567890\r\n\r\n");
    assert_eq!(next_transport_error(&mut server)["code"], -32600);
    // Just past the limit is refused too.
    server.write_raw(format!("Content-Length: {}\r\n\r\n", (64 << 20) + 1).as_bytes());
    assert_eq!(next_transport_error(&mut server)["code"], -32600);

    assert_answers_initialize(&mut server, 1);
    let resident = server.resident_kib().expect("the process's memory");
    assert!(resident < 64 * 1024, "{resident} KiB resident");
}

#[test]
fn a_header_line_without_end_is_malformed_and_not_kept() {
    let mut server = Process::start();
    // Sixteen MiB of one header line, never ended.
    let line = vec![b'x'; 1 << 20];
    server.write_raw(b"X-Endless: ");
    for _ in 0..16 {
        server.write_raw(&line);
    }
    let error = next_transport_error(&mut server);
    assert_eq!(error["code"], -32700);
    assert_eq!(
        error["message"],
        "Parse error: a header line runs past 8 KiB without ending; the message was skipped"
    );
    assert_answers_initialize(&mut server, 1);
    let resident = server.resident_kib().expect("the process's memory");
    assert!(resident < 64 * 1024, "{resident} KiB resident");
}

#[test]
fn a_frame_without_content_length_is_skipped_and_the_next_frame_is_read() {
    let mut server = Process::start();
    // The body ends without a line break, so the next header follows it directly.
    let mut bytes = b"Content-Type: application/vscode-jsonrpc\r\n\r\n".to_vec();
    bytes.extend(serde_json::to_vec(&initialize_request(5)).unwrap());
    bytes.extend(frame(&initialize_request(1)));
    server.write_raw(&bytes);
    let error = next_transport_error(&mut server);
    assert_eq!(error["code"], -32700);
    assert_eq!(
        error["message"],
        "Parse error: a message without Content-Length; skipped to the next Content-Length header"
    );
    let answer = answer_to(&mut server, 1);
    assert_eq!(answer["result"]["serverInfo"]["name"], "clerk", "{answer}");

    let request = json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"});
    server.write_raw(&frame(&request));
    assert!(answer_to(&mut server, 2)["result"].is_null());
}

#[test]
fn a_frame_with_a_non_numeric_content_length_is_skipped_and_the_next_frame_is_read() {
    let mut server = Process::start();
    let mut bytes = b"Content-Length: many\r\n\r\n".to_vec();
    bytes.extend(serde_json::to_vec(&initialize_request(5)).unwrap());
    bytes.extend(b"\r\n");
    server.write_raw(&bytes);
    let error = next_transport_error(&mut server);
    assert_eq!(error["code"], -32700);
    assert_eq!(
        error["message"],
        "Parse error: Content-Length is not a number: \"many\"; skipped to the next \
         Content-Length header"
    );
    assert_answers_initialize(&mut server, 1);
}

#[test]
fn a_dollar_request_is_method_not_found_and_a_dollar_notification_is_ignored() {
    let mut server = Process::start();
    server.initialize();
    server.write_raw(&frame(
        &json!({"jsonrpc": "2.0", "method": "$/ping", "params": {}}),
    ));
    server.write_raw(&frame(
        &json!({"jsonrpc": "2.0", "id": 7, "method": "$/custom", "params": {}}),
    ));
    let answer = answer_to(&mut server, 7);
    assert_eq!(answer["error"]["code"], -32601, "{answer}");
    assert_eq!(
        answer["error"]["message"],
        "Method not found: clerk does not answer \"$/custom\""
    );
    // Nothing was answered to the notification, and the server goes on.
    let request = json!({"jsonrpc": "2.0", "id": 8, "method": "shutdown"});
    server.write_raw(&frame(&request));
    assert!(answer_to(&mut server, 8)["result"].is_null());
}

#[test]
fn shutdown_and_exit_with_null_params_end_the_process_with_success() {
    let mut server = Process::start();
    server.initialize();
    server.write_raw(&frame(
        &json!({"jsonrpc": "2.0", "id": 9, "method": "shutdown", "params": null}),
    ));
    let answer = answer_to(&mut server, 9);
    assert!(
        answer.get("error").is_none() && answer["result"].is_null(),
        "{answer}"
    );
    server.write_raw(&frame(
        &json!({"jsonrpc": "2.0", "method": "exit", "params": null}),
    ));
    assert_eq!(server.wait().code(), Some(0), "exit after shutdown");
}
