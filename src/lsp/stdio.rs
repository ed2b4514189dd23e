//! Standard input and output as the language server reads and writes
//! them: watched by the runtime itself where they are pipes or sockets,
//! through tokio's standard streams otherwise, and given back as they came.

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
pub(super) fn standard_streams() -> (Input, Output) {
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
pub(super) fn restore_blocking() {
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
pub(super) fn restore_blocking() {}

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
