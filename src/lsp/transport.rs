//! Guards the byte stream between the editor and tower-lsp. tower-lsp's
//! reader ends the session at the first malformed message (tokio-util's
//! `FramedRead` stops after a decoding error), so every frame is checked
//! here first: a malformed one is answered with a JSON-RPC error, logged to
//! standard error, and dropped, and the session goes on. Nothing the editor
//! claims decides how much is held in memory: a message has a largest size
//! and a header line a longest length, and after a frame whose end cannot be
//! known the reader skips to the next `Content-Length` header.

use serde_json::json;
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
    DuplexStream,
};
use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};
use tokio::task::JoinHandle;
use tower_lsp::jsonrpc::{Request, Response};

/// Buffer between the guards and tower-lsp.
const PIPE: usize = 1 << 16;

/// The largest message clerk reads from the editor, 64 MiB: far beyond any
/// minutes a person writes, small enough to hold. A frame that claims more
/// is refused before any of its body is read, so a wrong or hostile
/// Content-Length cannot make clerk allocate what it claims.
const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// The longest header line clerk reads, 8 KiB. Real headers are a few dozen
/// bytes; a line that runs on without ending is malformed, not buffered.
const MAX_HEADER_LINE_BYTES: usize = 8 << 10;

/// How a frame starts: what the reader looks for after a frame it could not read.
const FRAME_START: &[u8] = b"Content-Length:";

/// The method of the stand-in frame that takes a parked notification's
/// place in the stream to tower-lsp. `$/` marks it as one a server may
/// ignore, should it ever reach tower-lsp.
pub(crate) const PARKED_METHOD: &str = "$/clerk/parked";

/// Document-sync notifications the guard has already read, waiting for
/// their turn. A `didOpen` carries the whole document: reading it once
/// here and again in tower-lsp, and copying it through the pipe between
/// them, took a third of the time to a 50 MB document's first
/// diagnostics. So the guard keeps what it read and passes on a stand-in
/// of a few bytes, numbered; the service takes the notification back when
/// the stand-in reaches it, in the stream's order.
///
/// A stand-in carries a token drawn for the session, so one the editor
/// writes itself takes nothing out of turn; and what waits is bounded
/// (`MAX_PARKED_BYTES`), beyond which a message goes through the pipe
/// whole as before, so a burst the server is slow to take cannot make it
/// hold more than the pipe would.
pub(crate) struct Parked {
    waiting: std::sync::Mutex<Waiting>,
    token: u64,
}

/// The notifications parked, with the number of each and the size of its
/// message, and the sizes' sum.
#[derive(Default)]
struct Waiting {
    queue: std::collections::VecDeque<(u64, Request, usize)>,
    bytes: usize,
}

/// The most bytes of messages that wait parked at once: two of the largest
/// messages clerk reads.
const MAX_PARKED_BYTES: usize = 2 * MAX_MESSAGE_BYTES;

impl Default for Parked {
    fn default() -> Self {
        use std::hash::{BuildHasher, Hasher};
        // A number no editor can know: the standard library draws the keys
        // of a `RandomState` afresh for each process.
        let token = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        Parked {
            waiting: std::sync::Mutex::default(),
            token,
        }
    }
}

impl Parked {
    fn waiting(&self) -> std::sync::MutexGuard<'_, Waiting> {
        self.waiting
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The notification parked under `number`, if the stand-in carries
    /// this session's token and it is the next one waiting: one already
    /// taken, or a stand-in the editor wrote itself, takes nothing.
    pub(crate) fn take(&self, token: u64, number: u64) -> Option<Request> {
        if token != self.token {
            return None;
        }
        let mut waiting = self.waiting();
        if waiting
            .queue
            .front()
            .is_none_or(|(first, _, _)| *first != number)
        {
            return None;
        }
        let (_, request, size) = waiting.queue.pop_front()?;
        waiting.bytes -= size;
        Some(request)
    }

    /// Parks `request` (a message of `size` bytes) under `number`, unless
    /// that would hold more than `MAX_PARKED_BYTES`: then it is given back.
    fn park(&self, number: u64, request: Request, size: usize) -> Result<(), Request> {
        let mut waiting = self.waiting();
        if waiting.bytes + size > MAX_PARKED_BYTES {
            return Err(request);
        }
        waiting.bytes += size;
        waiting.queue.push_back((number, request, size));
        Ok(())
    }

    /// The stand-in for the notification parked under `number`.
    fn stand_in(&self, number: u64) -> Vec<u8> {
        let token = self.token;
        format!(
            r#"{{"jsonrpc":"2.0","method":"{PARKED_METHOD}","params":{{"token":{token},"number":{number}}}}}"#
        )
        .into_bytes()
    }
}

/// Whether a message is one the service applies in order itself, so that
/// it can wait parked.
fn parks(request: &Request) -> bool {
    request.id().is_none()
        && matches!(
            request.method(),
            "textDocument/didOpen" | "textDocument/didChange" | "textDocument/didClose"
        )
}

/// What the writer puts out, in the order it is sent.
pub(crate) enum Outgoing {
    /// A whole frame, header and body. An empty one tells the writer to stop.
    Frame(Vec<u8>),
    /// A frame whose body comes in parts as it is written, so that an answer
    /// of a hundred megabytes is never held whole: the writer writes the
    /// header for `length`, then every part until the sender is dropped.
    /// Should the parts come to less than `length` (their writer stopped half
    /// way), the rest is spaces, and any more is cut off: either way the
    /// frames after stay readable.
    Parts {
        length: usize,
        parts: tokio::sync::mpsc::Receiver<Vec<u8>>,
    },
}

/// The streams and handles `guard` gives: tower-lsp's input and output,
/// the writer's task, and a sender of whole frames that the writer puts
/// out beside tower-lsp's.
pub(crate) struct Guarded {
    pub input: DuplexStream,
    pub output: DuplexStream,
    pub writer: JoinHandle<()>,
    pub direct: UnboundedSender<Outgoing>,
}

/// Connects `input` and `output` to a pair of streams for tower-lsp's
/// `Server`, checking frames on the way in. The writer finishes once
/// everything the server wrote has reached `output`.
pub(crate) fn guard<I, O>(input: I, output: O, parked: std::sync::Arc<Parked>) -> Guarded
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (server_input, mut to_server) = tokio::io::duplex(PIPE);
    let (from_server, server_output) = tokio::io::duplex(PIPE);
    let (frames, mut outgoing) = unbounded_channel::<Outgoing>();

    let answers = frames.clone();
    let direct = frames.clone();
    tokio::spawn(async move {
        let mut input = FrameReader::new(BufReader::new(input), MAX_MESSAGE_BYTES);
        let mut numbers = 0u64..;
        while let Some(frame) = input.next().await {
            let verdict = match &frame {
                Ok(body) => check(body),
                Err(problem) => Err(problem.clone()),
            };
            match (frame, verdict) {
                (Ok(body), Ok(Some(request))) if parks(&request) => {
                    let number = numbers.next().unwrap_or_default();
                    let body = match parked.park(number, request, body.len()) {
                        Ok(()) => parked.stand_in(number),
                        // Too much waits already: this one goes whole.
                        Err(_) => body,
                    };
                    let header = format!("Content-Length: {}\r\n\r\n", body.len());
                    if to_server.write_all(header.as_bytes()).await.is_err()
                        || to_server.write_all(&body).await.is_err()
                    {
                        return;
                    }
                }
                (Ok(body), Ok(_)) => {
                    let header = format!("Content-Length: {}\r\n\r\n", body.len());
                    if to_server.write_all(header.as_bytes()).await.is_err()
                        || to_server.write_all(&body).await.is_err()
                    {
                        return;
                    }
                }
                (frame, Err((code, message))) => {
                    eprintln!("clerk: ignored a malformed message from the editor: {message}");
                    // The protocol answers a request it cannot read to its
                    // id, where one can be read, so the editor stops waiting.
                    let id = frame
                        .ok()
                        .map_or(serde_json::Value::Null, |body| request_id(&body));
                    let answer = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
                    let _ = answers.send(Outgoing::Frame(frame_bytes(
                        &serde_json::to_vec(&answer).unwrap_or_default(),
                    )));
                }
                (Err(_), Ok(_)) => {
                    unreachable!("a frame that could not be read is never accepted")
                }
            }
        }
        // End of input: closing the pipe ends tower-lsp's session.
        let _ = to_server.shutdown().await;
    });

    tokio::spawn(async move {
        // The server's own messages are trusted and may be of any size.
        let mut from_server = FrameReader::new(BufReader::new(from_server), usize::MAX);
        while let Some(Ok(body)) = from_server.next().await {
            if frames.send(Outgoing::Frame(frame_bytes(&body))).is_err() {
                return;
            }
        }
        // The server has finished: an empty frame tells the writer to stop,
        // even though the input side (blocked on the editor) still holds a sender.
        let _ = frames.send(Outgoing::Frame(Vec::new()));
    });

    let writer = tokio::spawn(async move {
        let mut output = output;
        while let Some(frame) = outgoing.recv().await {
            let written = match frame {
                Outgoing::Frame(frame) if frame.is_empty() => return,
                Outgoing::Frame(frame) => output.write_all(&frame).await,
                Outgoing::Parts { length, parts } => write_parts(&mut output, length, parts).await,
            };
            if written.is_err() || output.flush().await.is_err() {
                return;
            }
        }
    });
    Guarded {
        input: server_input,
        output: server_output,
        writer,
        direct,
    }
}

/// Writes a frame of `length` bytes whose body comes in `parts`; see
/// `Outgoing::Parts`.
async fn write_parts<O: AsyncWrite + Unpin>(
    output: &mut O,
    length: usize,
    mut parts: tokio::sync::mpsc::Receiver<Vec<u8>>,
) -> std::io::Result<()> {
    output
        .write_all(format!("Content-Length: {length}\r\n\r\n").as_bytes())
        .await?;
    let mut left = length;
    while let Some(part) = parts.recv().await {
        let part = &part[..part.len().min(left)];
        output.write_all(part).await?;
        left -= part.len();
    }
    const SPACES: [u8; 1024] = [b' '; 1024];
    while left > 0 {
        let some = left.min(SPACES.len());
        output.write_all(&SPACES[..some]).await?;
        left -= some;
    }
    Ok(())
}

/// A whole frame: the header, then `body`.
fn frame_bytes(body: &[u8]) -> Vec<u8> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    frame
}

/// Whether a body is a JSON-RPC message tower-lsp can take: the error to
/// answer with when it is not, and the request as read when it is one. A
/// request is read straight into tower-lsp's own type first, as it will be
/// read: reading every message into a tree of JSON values, and a copy of
/// it, held a document sent whole (`didOpen` of 50 MB) three times over.
/// Whatever that does not take is judged as before, so the answers to
/// malformed messages stay the same.
fn check(body: &[u8]) -> Result<Option<Request>, (i64, String)> {
    if let Ok(request) = serde_json::from_slice::<Request>(body) {
        return Ok(Some(request));
    }
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|error| (-32700, format!("Parse error: {error}")))?;
    let is_request = serde_json::from_value::<Request>(value.clone()).is_ok();
    let is_response = !is_request && serde_json::from_value::<Response>(value).is_ok();
    if is_request || is_response {
        Ok(None)
    } else {
        Err((
            -32600,
            "Invalid request: not a JSON-RPC 2.0 message".to_owned(),
        ))
    }
}

/// The id of a message that is JSON but not a request tower-lsp can take:
/// a number or a string, else null.
fn request_id(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|value| value.get("id").cloned())
        .filter(|id| id.is_number() || id.is_string())
        .unwrap_or(serde_json::Value::Null)
}

/// A frame that cannot be passed on: the JSON-RPC error code and the message
/// to answer with.
type Refusal = (i64, String);

/// Reads frames from a byte stream, within the limits.
struct FrameReader<R> {
    input: R,
    /// The largest body accepted, in bytes.
    largest: usize,
    /// Whether the last frame's end was unknown (its headers were unusable),
    /// so the next frame has to be found by looking for its start.
    lost: bool,
}

impl<R: AsyncBufRead + Unpin> FrameReader<R> {
    fn new(input: R, largest: usize) -> Self {
        FrameReader {
            input,
            largest,
            lost: false,
        }
    }

    /// Reads one frame: headers up to a blank line, then `Content-Length`
    /// bytes. `None` at the end of input; `Err` for a frame whose headers are
    /// unusable, after which the next call skips to the next frame's start.
    async fn next(&mut self) -> Option<Result<Vec<u8>, Refusal>> {
        let mut line = Vec::new();
        if self.lost {
            skip_to_frame_start(&mut self.input).await?;
            self.lost = false;
            // The rest of this line is the header's value.
            line.extend_from_slice(FRAME_START);
        }
        let mut length: Option<Result<usize, Refusal>> = None;
        let mut saw_header = false;
        loop {
            if !read_header_line(&mut self.input, &mut line).await? {
                self.lost = true;
                return Some(Err((
                    -32700,
                    format!(
                        "Parse error: a header line runs past {} KiB without ending; \
                         the message was skipped",
                        MAX_HEADER_LINE_BYTES >> 10
                    ),
                )));
            }
            // Bytes glued before a header (what is left of a body longer than
            // its Content-Length said, say) are not part of it: the frame
            // starts at its `Content-Length:`.
            if let Some(at) = find_frame_start(&line).filter(|&at| at > 0) {
                line.drain(..at);
            }
            let text = String::from_utf8_lossy(&line);
            if text == "\r\n" || text == "\n" {
                if saw_header {
                    break;
                }
                line.clear();
                continue;
            }
            saw_header = true;
            let (name, value) = text.split_once(':').unwrap_or((&text, ""));
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(self.body_length(value.trim()));
            }
            line.clear();
        }
        let length = match length {
            Some(Ok(length)) => length,
            Some(Err(refusal)) => {
                self.lost = true;
                return Some(Err(refusal));
            }
            None => {
                self.lost = true;
                return Some(Err((
                    -32700,
                    "Parse error: a message without Content-Length; \
                     skipped to the next Content-Length header"
                        .to_owned(),
                )));
            }
        };
        // Room grows as bytes arrive, so a claim within the limit that is
        // never sent costs nothing; once a first part has come, the room for
        // the rest is taken at once, so that a document of 50 MB is not
        // copied each time its buffer doubles.
        let mut body = Vec::with_capacity(length.min(PIPE));
        let first = length.min(PIPE) as u64;
        (&mut self.input)
            .take(first)
            .read_to_end(&mut body)
            .await
            .ok()?;
        if body.len() as u64 == first && length > body.len() {
            body.reserve_exact(length - body.len());
            (&mut self.input)
                .take((length - body.len()) as u64)
                .read_to_end(&mut body)
                .await
                .ok()?;
        }
        if body.len() < length {
            return None;
        }
        Some(Ok(body))
    }

    /// The body length a `Content-Length` value gives, if it is a number
    /// within the limit. Too large a claim is not skipped byte by byte: that
    /// would wait for bytes that may never come and swallow the frames after.
    fn body_length(&self, value: &str) -> Result<usize, Refusal> {
        if value.is_empty() || !value.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err((
                -32700,
                format!(
                    "Parse error: Content-Length is not a number: {value:?}; \
                     skipped to the next Content-Length header"
                ),
            ));
        }
        // All digits: a number too big for `usize` is too large a claim too.
        match value.parse::<usize>() {
            Ok(length) if length <= self.largest => Ok(length),
            _ => Err((
                -32600,
                format!(
                    "Invalid request: the message claims {value} bytes, more than the \
                     {} MiB clerk accepts; it was skipped",
                    self.largest >> 20
                ),
            )),
        }
    }
}

/// What a reader with `largest` makes of `bytes`, frame by frame: each a
/// body's length, or the error code it was refused with. For the fuzz
/// target, which checks that every body is within the limit.
pub(crate) async fn frames_of(bytes: &[u8], largest: usize) -> Vec<Result<usize, i64>> {
    let mut reader = FrameReader::new(bytes, largest);
    let mut frames = Vec::new();
    while let Some(frame) = reader.next().await {
        frames.push(frame.map(|body| body.len()).map_err(|(code, _)| code));
    }
    frames
}

/// Reads up to and including the next line break into `line`, which holds at
/// most `MAX_HEADER_LINE_BYTES`. `None` at the end of input; `Some(false)`
/// for a line that runs past the limit (what was read of it is dropped).
async fn read_header_line<R: AsyncBufRead + Unpin>(
    input: &mut R,
    line: &mut Vec<u8>,
) -> Option<bool> {
    loop {
        let available = input.fill_buf().await.ok()?;
        if available.is_empty() {
            return None;
        }
        let (taken, ended) = match available.iter().position(|&byte| byte == b'\n') {
            Some(end) => (end + 1, true),
            None => (available.len(), false),
        };
        if line.len() + taken > MAX_HEADER_LINE_BYTES {
            input.consume(taken);
            line.clear();
            return Some(false);
        }
        line.extend_from_slice(&available[..taken]);
        input.consume(taken);
        if ended {
            return Some(true);
        }
    }
}

/// Where `Content-Length:` (in any case) starts in `line`, if it is there.
fn find_frame_start(line: &[u8]) -> Option<usize> {
    line.windows(FRAME_START.len())
        .position(|window| window.eq_ignore_ascii_case(FRAME_START))
}

/// Consumes input up to and including the next `Content-Length:` (in any
/// case), keeping nothing. `None` if the input ends first. It is looked for
/// anywhere, not only at a line's start, because a body ends without a line
/// break and the next frame's header follows it directly.
async fn skip_to_frame_start<R: AsyncBufRead + Unpin>(input: &mut R) -> Option<()> {
    let mut matched = 0;
    loop {
        let available = input.fill_buf().await.ok()?;
        if available.is_empty() {
            return None;
        }
        let mut used = 0;
        let mut found = false;
        for &byte in available {
            used += 1;
            // `C` occurs only first in `Content-Length:`, so a mismatch
            // restarts the match at this byte or before it.
            matched = if byte.eq_ignore_ascii_case(&FRAME_START[matched]) {
                matched + 1
            } else {
                usize::from(byte.eq_ignore_ascii_case(&FRAME_START[0]))
            };
            if matched == FRAME_START.len() {
                found = true;
                break;
            }
        }
        input.consume(used);
        if found {
            return Some(());
        }
    }
}
