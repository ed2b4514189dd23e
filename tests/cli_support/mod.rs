//! What a run of the `clerk` binary left behind, and the findings in its
//! JSON report, for the command-line tests.
#![allow(dead_code)]

use serde_json::Value;

/// What a run of `clerk` left behind.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("not JSON ({error}):\n{}", self.stdout))
    }

    /// (path, code, line, column) of every finding in a JSON report.
    pub fn findings(&self) -> Vec<(String, String, u64, u64)> {
        self.json()
            .as_array()
            .expect("a JSON list")
            .iter()
            .map(|finding| {
                (
                    finding["path"].as_str().unwrap().to_owned(),
                    finding["code"].as_str().unwrap().to_owned(),
                    finding["range"]["start"]["line"].as_u64().unwrap(),
                    finding["range"]["start"]["column"].as_u64().unwrap(),
                )
            })
            .collect()
    }

    /// The codes found, in order.
    pub fn codes(&self) -> Vec<String> {
        self.findings()
            .into_iter()
            .map(|(_, code, _, _)| code)
            .collect()
    }
}

/// Runs the `clerk` binary in `dir` with `args`, without colour and with
/// nothing on standard input.
pub fn clerk(dir: &std::path::Path, args: &[&str]) -> Run {
    clerk_with(dir, args, &[])
}

/// Runs the `clerk` binary in `dir` with `args` and these variables set
/// (NO_COLOR, FORCE_COLOR and CLICOLOR_FORCE are cleared first, so each
/// test says what it means).
pub fn clerk_with(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .stdin(std::process::Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("the clerk binary runs");
    Run {
        code: output
            .status
            .code()
            .expect("clerk exits with a code, not a signal"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 errors"),
    }
}

/// A copy of the fixture folder `tests/fixtures/NAME` in a fresh
/// temporary folder, so that a run may change it and no clerk.toml above
/// the project is found.
pub fn fixture_copy(name: &str) -> tempfile::TempDir {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&from, dir.path());
    dir
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A temporary folder holding the given files (folders made as needed).
pub fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, contents) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    dir
}

/// The names in `dir`, sorted.
pub fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs clerk in `dir` with `env` added, failing the test (not hanging it)
/// if clerk does not finish within `patience`. Its output goes to files, so
/// that a clerk that never ends cannot block on a full pipe.
pub fn clerk_patiently(
    dir: &std::path::Path,
    args: &[std::ffi::OsString],
    env: &[(&str, &str)],
    patience: std::time::Duration,
) -> Run {
    let output = tempfile::tempdir().unwrap();
    let stdout_path = output.path().join("stdout");
    let stderr_path = output.path().join("stderr");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).unwrap())
        .stderr(std::fs::File::create(&stderr_path).unwrap());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("the clerk binary runs");
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > patience {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "clerk {args:?} was still running after {patience:?}; it printed:\n{}",
                std::fs::read_to_string(&stderr_path).unwrap_or_default()
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    Run {
        code: status
            .code()
            .expect("clerk exits with a code, not a signal"),
        stdout: String::from_utf8(std::fs::read(&stdout_path).unwrap())
            .expect("clerk writes UTF-8"),
        stderr: String::from_utf8(std::fs::read(&stderr_path).unwrap())
            .expect("clerk writes UTF-8"),
    }
}
