//! The real `clerk lsp` process, spoken to over its standard input and
//! output as an editor does.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

pub struct Process {
    pub child: Child,
    stdin: Option<Box<dyn Write + Send>>,
    /// Every message the server wrote, parsed, with when its last byte was
    /// read; `Err` holds bytes that were not a frame.
    messages: Receiver<(Instant, Result<Value, String>)>,
    /// When the last byte of the message `next` returned last was read,
    /// before it was parsed: the moment an editor has the answer.
    pub last_read_at: Option<Instant>,
    next_id: i64,
    /// How long `next` waits for a message before failing.
    pub patience: Duration,
}

/// What the server's standard input and output are.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Streams {
    /// Pipes, as Rust's `Command` makes them.
    Pipes,
    /// Sockets, as libuv (and so VS Code and Neovim) makes them.
    #[cfg(unix)]
    Sockets,
}

impl Process {
    pub fn start() -> Process {
        Process::start_with(Streams::Pipes)
    }

    pub fn start_with(streams: Streams) -> Process {
        let mut command = Command::new(env!("CARGO_BIN_EXE_clerk"));
        command.arg("lsp").stderr(Stdio::piped());
        let (stdin, stdout): (Box<dyn Write + Send>, Box<dyn Read + Send>);
        let child = match streams {
            Streams::Pipes => {
                let mut child = command
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .spawn()
                    .expect("clerk starts");
                stdin = Box::new(child.stdin.take().unwrap());
                stdout = Box::new(child.stdout.take().unwrap());
                child
            }
            #[cfg(unix)]
            Streams::Sockets => {
                use std::os::fd::OwnedFd;
                use std::os::unix::net::UnixStream;
                let (ours_in, theirs_in) = UnixStream::pair().unwrap();
                let (ours_out, theirs_out) = UnixStream::pair().unwrap();
                let child = command
                    .stdin(Stdio::from(OwnedFd::from(theirs_in)))
                    .stdout(Stdio::from(OwnedFd::from(theirs_out)))
                    .spawn()
                    .expect("clerk starts");
                stdin = Box::new(ours_in);
                stdout = Box::new(ours_out);
                child
            }
        };
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut header = String::new();
                    match reader.read_line(&mut header) {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    if header == "\r\n" {
                        break;
                    }
                    match header.strip_prefix("Content-Length: ") {
                        Some(value) => length = value.trim().parse::<usize>().ok(),
                        None if header.starts_with("Content-Type: ") => {}
                        None => {
                            let _ = sender.send((Instant::now(), Err(header)));
                            return;
                        }
                    }
                }
                let Some(length) = length else {
                    let _ = sender.send((
                        Instant::now(),
                        Err("a frame without Content-Length".to_owned()),
                    ));
                    return;
                };
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let read_at = Instant::now();
                let parsed = serde_json::from_slice(&body)
                    .map_err(|_| String::from_utf8_lossy(&body).into_owned());
                if sender.send((read_at, parsed)).is_err() {
                    return;
                }
            }
        });
        Process {
            stdin: Some(stdin),
            child,
            messages,
            next_id: 1,
            patience: Duration::from_secs(10),
            last_read_at: None,
        }
    }

    pub fn write_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, message: Value) {
        let body = serde_json::to_vec(&message).unwrap();
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend(body);
        self.write_raw(&frame);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(message(None, method, params));
    }

    /// Sends a request and waits for its answer, answering the server's own
    /// requests (with null) and keeping notifications for `next`.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(message(Some(id), method, params));
        loop {
            let message = self.next();
            if message["id"] == id && message.get("method").is_none() {
                return message;
            }
        }
    }

    /// The next message, answering any request from the server on the way.
    pub fn next(&mut self) -> Value {
        loop {
            let (read_at, message) = self
                .messages
                .recv_timeout(self.patience)
                .expect("the server wrote a message in time");
            self.last_read_at = Some(read_at);
            let message = message.unwrap_or_else(|bytes| {
                panic!("the server wrote something that is not a message: {bytes:?}")
            });
            if message.get("method").is_some() && message.get("id").is_some() {
                let id = message["id"].clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
                continue;
            }
            return message;
        }
    }

    /// Waits for the diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        loop {
            let message = self.next();
            let params = &message["params"];
            if message["method"] == "textDocument/publishDiagnostics"
                && params["uri"] == uri
                && params["version"] == version
            {
                return params["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }

    pub fn initialize(&mut self) -> Value {
        let answer = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        self.notify("initialized", json!({}));
        answer
    }

    /// Waits for the process to end, at most two seconds, with its input
    /// still open: an editor waits for the server to go after `exit`.
    pub fn wait(&mut self) -> ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if started.elapsed() > Duration::from_secs(2) {
                self.child.kill().unwrap();
                panic!("clerk lsp did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn stderr(&mut self) -> String {
        let mut text = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            let _ = stderr.read_to_string(&mut text);
        }
        text
    }

    /// Resident memory of the server process, in KiB.
    pub fn resident_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }
}

/// A message as an editor writes it: no `params` where there are none.
fn message(id: Option<i64>, method: &str, params: Value) -> Value {
    let mut message = json!({"jsonrpc": "2.0", "method": method});
    if let Some(id) = id {
        message["id"] = json!(id);
    }
    if !params.is_null() {
        message["params"] = params;
    }
    message
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
