//! Helpers shared by the editor tests (tests/editor_*.rs): where the editor
//! packages and fixtures live and how to start an editor with a time limit.
//! What a test does where its editor is missing is tests/trials' rule.

#![allow(dead_code)]

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The repository's top folder.
pub fn repo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `editors/` with the editor packages.
pub fn editors_dir() -> PathBuf {
    repo_dir().join("editors")
}

/// `tests/fixtures/editors/`: minutes written for these tests, the stand-in
/// server and the editor drivers.
pub fn fixtures_dir() -> PathBuf {
    repo_dir().join("tests/fixtures/editors")
}

/// The stand-in language server, a Python script (see its header).
pub fn stand_in_server() -> Vec<String> {
    vec![
        "python3".to_owned(),
        fixtures_dir()
            .join("stand_in_server.py")
            .display()
            .to_string(),
    ]
}

/// The real server: the clerk binary this `cargo test` built.
pub fn clerk_server() -> Vec<String> {
    vec![env!("CARGO_BIN_EXE_clerk").to_owned(), "lsp".to_owned()]
}

/// What a finished process left behind.
pub struct Finished {
    pub status: std::process::ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `command` to the end, killing it (and failing the test) if it takes
/// longer than `limit`, so that a hung editor cannot hang the suite. Output
/// goes to files rather than pipes, so a chatty editor never blocks.
pub fn run_with_limit(command: &mut Command, limit: Duration, scratch: &Path) -> Finished {
    let stdout_path = scratch.join("stdout.txt");
    let stderr_path = scratch.join("stderr.txt");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(File::create(&stdout_path).unwrap())
        .stderr(File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot start {command:?}: {error}"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{command:?} did not finish within {limit:?}; stderr:\n{}",
                std::fs::read_to_string(&stderr_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Finished {
        status,
        stdout: std::fs::read_to_string(&stdout_path).unwrap_or_default(),
        stderr: std::fs::read_to_string(&stderr_path).unwrap_or_default(),
    }
}

/// A fresh folder holding a clerk.toml (so that it is the project root) and
/// the named fixtures, copied into `subfolder` below it.
pub fn workspace_with(fixtures: &[&str], subfolder: &str) -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(
        root.path().join("clerk.toml"),
        "# settings for the editor tests\n",
    )
    .unwrap();
    let folder = root.path().join(subfolder);
    std::fs::create_dir_all(&folder).unwrap();
    for fixture in fixtures {
        std::fs::copy(fixtures_dir().join(fixture), folder.join(fixture)).unwrap();
    }
    (root, folder)
}
