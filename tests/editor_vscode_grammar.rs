//! Runs the VS Code extension's own tests (`npm test` in editors/vscode: the
//! TextMate grammar's scopes and token snapshots, and folding by agenda
//! item) as part of `cargo test`.
//!
//! Needs `npm ci` to have run there (.ci/editors.sh does it). Without
//! node_modules the test is ignored, saying so, unless CI=true, where it
//! fails (tests/trials).

mod editor_common;
#[macro_use]
mod trials;

use editor_common::*;
use std::process::Command;
use std::time::Duration;
use trials::{Need, Trials};

fn main() {
    let node_modules = Need::path(
        "editors/vscode/node_modules",
        editors_dir().join("vscode/node_modules/vscode-textmate"),
        "run `npm ci` in editors/vscode, or .ci/editors.sh",
    );
    let mut trials = Trials::from_command_line();
    add_tests!(trials, [&node_modules], vscode_grammar_tests_pass);
    trials.run()
}

fn vscode_grammar_tests_pass() {
    let package = editors_dir().join("vscode");
    let scratch = tempfile::tempdir().unwrap();
    let finished = run_with_limit(
        Command::new("npm")
            .args(["test", "--silent"])
            .current_dir(&package),
        Duration::from_secs(120),
        scratch.path(),
    );
    assert!(
        finished.status.success(),
        "npm test in editors/vscode failed:\n{}\n{}",
        finished.stdout,
        finished.stderr
    );
}
