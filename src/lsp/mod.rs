//! The language server: the only module that speaks the Language Server Protocol.
//!
//! `ordered` applies document changes in the order they arrive, `state`
//! keeps the open documents, `diagnostics` publishes findings from one
//! worker, `server` answers requests and `to_proto` converts the answers.

mod diagnostics;
mod ordered;
mod server;
mod state;
mod to_proto;
mod transport;
mod workspace;

pub use ordered::ClerkService;
pub use server::{Server, FIX_ALL_KIND};

use state::State;
use std::sync::Arc;
use std::time::Duration;
use tower_lsp::{ClientSocket, LspService};

/// How long the server waits after the last change before checking, unless
/// `CLERK_LSP_DEBOUNCE_MS` says otherwise: not at all. Checking minutes takes
/// well under the time between two keystrokes, so a wait would be the whole
/// delay; when changes come faster than checks, only the newest version is
/// checked, and a result for a version already replaced is never published.
pub const DEFAULT_DEBOUNCE: Duration = Duration::ZERO;

/// How the server behaves; the defaults serve an editor.
#[derive(Clone, Debug)]
pub struct Options {
    /// The quiet period after a change before diagnostics are computed;
    /// none by default.
    pub debounce: Duration,
    /// For tests of the server's robustness: a text that contains this
    /// marker followed by `:analysis` makes its analysis panic, as a bug in a
    /// check would; followed by `:handler`, the folding-range handler panics
    /// outside any analysis; followed by `:slow`, its analysis takes 400 ms.
    #[doc(hidden)]
    pub fault: Option<&'static str>,
}

impl Default for Options {
    fn default() -> Self {
        let debounce = std::env::var("CLERK_LSP_DEBOUNCE_MS")
            .ok()
            .and_then(|ms| ms.trim().parse().ok())
            .map_or(DEFAULT_DEBOUNCE, Duration::from_millis);
        Options {
            debounce,
            fault: None,
        }
    }
}

/// The server as a `tower` service and the socket for its messages to the
/// client: what `run` serves over standard input and output, and what tests
/// drive in-process. Must be called inside a tokio runtime.
pub fn service(options: Options) -> (ClerkService, ClientSocket) {
    let (jobs, queue) = tokio::sync::mpsc::unbounded_channel();
    let (folder_jobs, folder_queue) = tokio::sync::mpsc::unbounded_channel();
    let state = Arc::new(State::new(
        jobs,
        folder_jobs,
        options.debounce,
        options.fault,
    ));
    tokio::spawn(workspace::keeper(Arc::downgrade(&state), folder_queue));
    let server_state = state.clone();
    let (inner, socket) = LspService::new(move |client| {
        let _ = server_state.client.set(client.clone());
        tokio::spawn(diagnostics::worker(
            server_state.clone(),
            client.clone(),
            queue,
        ));
        Server::new(client, server_state)
    });
    (ClerkService::new(inner, state), socket)
}

/// Serves LSP on `input` and `output` until the input ends or the client
/// exits; true when it exited after `shutdown`, as the protocol asks.
async fn serve<I, O>(input: I, output: O, options: Options) -> bool
where
    I: tokio::io::AsyncRead + Unpin + Send + 'static,
    O: tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (service, socket) = service(options);
    let state = service.state();
    let guarded = transport::guard(input, output, service.parked());
    let _ = state.direct_frames.set(guarded.direct);
    let writer = guarded.writer;
    let server = tower_lsp::Server::new(guarded.input, guarded.output, socket).serve(service);
    // tower-lsp notices `exit` only when the next message arrives; an editor
    // waits for the process to end instead, so end on the signal.
    tokio::select! {
        _ = server => {}
        _ = state.exit.notified() => {}
    }
    // Everything the server wrote reaches the editor before the process ends.
    let _ = tokio::time::timeout(Duration::from_secs(1), writer).await;
    // The protocol's rule: exit after shutdown is success, exit without it is not.
    state.shut_down.load(std::sync::atomic::Ordering::SeqCst)
}

/// Entry points for the fuzz targets under fuzz/, not part of clerk's interface.
#[doc(hidden)]
pub mod fuzzing {
    use super::{serve, transport, Options};
    use std::time::Duration;

    /// The frames the guard reads from `bytes`: each a body's length, or
    /// the JSON-RPC error code it was refused with.
    pub fn frames(bytes: &[u8], largest: usize) -> Vec<Result<usize, i64>> {
        futures::executor::block_on(transport::frames_of(bytes, largest))
    }

    /// A whole session over `input`, with no quiet period before checking:
    /// whether it exited after `shutdown`.
    pub async fn session(input: Vec<u8>) -> bool {
        let options = Options {
            debounce: Duration::ZERO,
            fault: None,
        };
        serve(std::io::Cursor::new(input), tokio::io::sink(), options).await
    }
}

/// Standard input as the server reads it.
type Input = Box<dyn tokio::io::AsyncRead + Unpin + Send>;
/// Standard output as the server writes it.
type Output = Box<dyn tokio::io::AsyncWrite + Unpin + Send>;

/// Standard input and output for the runtime. A pipe or a socket, as an
/// editor starts a language server with, is watched by the runtime itself;
/// tokio's own standard streams read and write each message on a thread
/// of their own, and the hops there and back cost a keystroke more than
/// checking ten kilobytes. Anything else (a file, a terminal) goes through
/// them.
fn standard_streams() -> (Input, Output) {
    let input = watched_input().unwrap_or_else(|| Box::new(tokio::io::stdin()));
    let output = watched_output().unwrap_or_else(|| Box::new(tokio::io::stdout()));
    (input, output)
}

#[cfg(unix)]
fn watched_input() -> Option<Input> {
    watched(
        std::os::fd::AsFd::as_fd(&std::io::stdin()),
        |file| {
            tokio::net::unix::pipe::Receiver::from_file(file).map(|pipe| Box::new(pipe) as Input)
        },
        |socket| Box::new(socket) as Input,
    )
}

#[cfg(unix)]
fn watched_output() -> Option<Output> {
    watched(
        std::os::fd::AsFd::as_fd(&std::io::stdout()),
        |file| tokio::net::unix::pipe::Sender::from_file(file).map(|pipe| Box::new(pipe) as Output),
        |socket| Box::new(socket) as Output,
    )
}

/// A standard stream as the runtime watches it: as a pipe if `as_pipe`
/// takes it (it refuses anything else), or else as a socket. Watching sets
/// the stream not to block, for every process that shares it: so a stream
/// that is also standard error (where clerk's log goes, with `eprintln!`,
/// which must not meet a full pipe unready) is left as it is, and the
/// setting is taken back when the server ends (`restore_blocking`).
#[cfg(unix)]
fn watched<T>(
    stream: std::os::fd::BorrowedFd<'_>,
    as_pipe: impl FnOnce(std::fs::File) -> std::io::Result<T>,
    as_socket: impl FnOnce(tokio::net::UnixStream) -> T,
) -> Option<T> {
    use std::os::fd::AsRawFd;
    let fd = stream.try_clone_to_owned().ok()?;
    let stderr = std::os::fd::AsFd::as_fd(&std::io::stderr())
        .try_clone_to_owned()
        .ok()?;
    if same_file(&fd, &stderr)? {
        return None;
    }
    // SAFETY: fcntl reads the flags of a descriptor this function owns.
    let flags = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_GETFL) };
    if flags < 0 {
        return None;
    }
    let watched = match as_pipe(std::fs::File::from(fd.try_clone().ok()?)) {
        Ok(pipe) => Some(pipe),
        Err(_) => watched_socket(fd).map(as_socket),
    }?;
    if flags & libc::O_NONBLOCK == 0 {
        SET_NOT_TO_BLOCK
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(stream.as_raw_fd());
    }
    Some(watched)
}

/// Whether two descriptors name the same pipe, socket or file; `None` if
/// either cannot be asked.
#[cfg(unix)]
fn same_file(a: &std::os::fd::OwnedFd, b: &std::os::fd::OwnedFd) -> Option<bool> {
    use std::os::unix::fs::MetadataExt;
    let metadata = |fd: &std::os::fd::OwnedFd| {
        std::fs::File::from(fd.try_clone().ok()?)
            .metadata()
            .ok()
            .map(|metadata| (metadata.dev(), metadata.ino()))
    };
    Some(metadata(a)? == metadata(b)?)
}

/// The standard streams `watched` set not to block.
#[cfg(unix)]
static SET_NOT_TO_BLOCK: std::sync::Mutex<Vec<std::os::fd::RawFd>> =
    std::sync::Mutex::new(Vec::new());

/// Sets the standard streams `watched` set not to block back to blocking,
/// as they were given: whoever shares them after clerk has gone expects it.
#[cfg(unix)]
fn restore_blocking() {
    let fds = std::mem::take(
        &mut *SET_NOT_TO_BLOCK
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()),
    );
    for fd in fds {
        // SAFETY: fcntl on standard input or output, which stay open for
        // the life of the process; it only reads and sets their flags.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            if flags >= 0 {
                libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
            }
        }
    }
}

#[cfg(not(unix))]
fn restore_blocking() {}

/// A standard stream that is a socket (what libuv, and so VS Code and
/// Neovim, give a child's standard streams), watched by the runtime.
#[cfg(unix)]
fn watched_socket(fd: std::os::fd::OwnedFd) -> Option<tokio::net::UnixStream> {
    use std::os::unix::fs::FileTypeExt;
    let file = std::fs::File::from(fd);
    if !file.metadata().ok()?.file_type().is_socket() {
        return None;
    }
    let socket = std::os::unix::net::UnixStream::from(std::os::fd::OwnedFd::from(file));
    socket.set_nonblocking(true).ok()?;
    tokio::net::UnixStream::from_std(socket).ok()
}

#[cfg(not(unix))]
fn watched_input() -> Option<Input> {
    None
}

#[cfg(not(unix))]
fn watched_output() -> Option<Output> {
    None
}

/// Serves LSP over standard input and output until the client exits.
pub fn run() -> std::process::ExitCode {
    // One thread for the protocol: each message is read, applied, checked
    // (a short document in place) and answered without being handed to
    // another thread; a long document's analysis and the outline's answer
    // go to blocking threads.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("clerk: could not start the language server: {error}");
            return std::process::ExitCode::from(2);
        }
    };
    let exited_cleanly = runtime.block_on(async {
        let (input, output) = standard_streams();
        serve(input, output, Options::default()).await
    });
    // Do not wait for a blocked reader or a running analysis: the client has gone.
    runtime.shutdown_timeout(Duration::from_millis(100));
    restore_blocking();
    if exited_cleanly {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
