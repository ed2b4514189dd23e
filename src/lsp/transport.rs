//! Guards the byte stream between the editor and tower-lsp. tower-lsp's
//! reader ends the session at the first malformed message (tokio-util's
//! `FramedRead` stops after a decoding error), so every frame is checked
//! here first: a malformed one is answered with a JSON-RPC error, logged to
//! standard error, and dropped, and the session goes on.

use serde_json::json;
use tokio::io::{
    AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, DuplexStream,
};
use tokio::sync::mpsc::unbounded_channel;
use tokio::task::JoinHandle;
use tower_lsp::jsonrpc::{Request, Response};

/// Buffer between the guards and tower-lsp.
const PIPE: usize = 1 << 16;

/// Connects `input` and `output` to a pair of streams for tower-lsp's
/// `Server`, checking frames on the way in. The handle finishes once
/// everything the server wrote has reached `output`.
pub(crate) fn guard<I, O>(input: I, output: O) -> (DuplexStream, DuplexStream, JoinHandle<()>)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (server_input, mut to_server) = tokio::io::duplex(PIPE);
    let (from_server, server_output) = tokio::io::duplex(PIPE);
    let (frames, mut outgoing) = unbounded_channel::<Vec<u8>>();

    let answers = frames.clone();
    tokio::spawn(async move {
        let mut input = BufReader::new(input);
        while let Some(frame) = read_frame(&mut input).await {
            let verdict = match &frame {
                Ok(body) => check(body),
                Err(problem) => Err((-32700, problem.clone())),
            };
            match (frame, verdict) {
                (Ok(body), Ok(())) => {
                    let header = format!("Content-Length: {}\r\n\r\n", body.len());
                    if to_server.write_all(header.as_bytes()).await.is_err()
                        || to_server.write_all(&body).await.is_err()
                    {
                        return;
                    }
                }
                (_, Err((code, message))) => {
                    eprintln!("clerk: ignored a malformed message from the editor: {message}");
                    let answer = json!({"jsonrpc": "2.0", "id": null, "error": {"code": code, "message": message}});
                    let _ = answers.send(frame_bytes(
                        &serde_json::to_vec(&answer).unwrap_or_default(),
                    ));
                }
                (Err(_), Ok(())) => {
                    unreachable!("a frame that could not be read is never accepted")
                }
            }
        }
        // End of input: closing the pipe ends tower-lsp's session.
        let _ = to_server.shutdown().await;
    });

    tokio::spawn(async move {
        let mut from_server = BufReader::new(from_server);
        while let Some(Ok(body)) = read_frame(&mut from_server).await {
            if frames.send(frame_bytes(&body)).is_err() {
                return;
            }
        }
        // The server has finished: an empty frame tells the writer to stop,
        // even though the input side (blocked on the editor) still holds a sender.
        let _ = frames.send(Vec::new());
    });

    let writer = tokio::spawn(async move {
        let mut output = output;
        while let Some(frame) = outgoing.recv().await {
            if frame.is_empty()
                || output.write_all(&frame).await.is_err()
                || output.flush().await.is_err()
            {
                return;
            }
        }
    });
    (server_input, server_output, writer)
}

fn frame_bytes(body: &[u8]) -> Vec<u8> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    frame
}

/// Whether a body is a JSON-RPC message tower-lsp can take: the error to
/// answer with when it is not.
fn check(body: &[u8]) -> Result<(), (i64, String)> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|error| (-32700, format!("Parse error: {error}")))?;
    let is_request = serde_json::from_value::<Request>(value.clone()).is_ok();
    let is_response = !is_request && serde_json::from_value::<Response>(value).is_ok();
    if is_request || is_response {
        Ok(())
    } else {
        Err((
            -32600,
            "Invalid request: not a JSON-RPC 2.0 message".to_owned(),
        ))
    }
}

/// Reads one frame: headers up to a blank line, then `Content-Length` bytes.
/// `None` at the end of input; `Err` for a frame whose headers are unusable
/// (its bytes are skipped up to the blank line).
async fn read_frame<R: AsyncBufReadExt + Unpin>(input: &mut R) -> Option<Result<Vec<u8>, String>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let mut line = String::new();
        match input.read_line(&mut line).await {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        if line == "\r\n" || line == "\n" {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        let (name, value) = line.split_once(':').unwrap_or((line.as_str(), ""));
        if name.trim().eq_ignore_ascii_case("content-length") {
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("Content-Length is not a number: {:?}", value.trim())),
            );
        }
    }
    match length {
        Some(Ok(length)) => {
            let mut body = vec![0; length];
            input.read_exact(&mut body).await.ok()?;
            Some(Ok(body))
        }
        Some(Err(problem)) => Some(Err(problem)),
        None => Some(Err("a message without Content-Length".to_owned())),
    }
}
