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
