//! The language server: the only module that speaks the Language Server Protocol.
//!
//! `ordered` applies document changes in the order they arrive, `state`
//! keeps the open documents, `diagnostics` publishes findings from one
//! worker, `server` answers requests and `to_proto` converts the answers.

mod diagnostics;
mod ordered;
mod server;
mod state;
mod stdio;
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
        let (input, output) = stdio::standard_streams();
        serve(input, output, Options::default()).await
    });
    // Do not wait for a blocked reader or a running analysis: the client has gone.
    runtime.shutdown_timeout(Duration::from_millis(100));
    stdio::restore_blocking();
    if exited_cleanly {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
