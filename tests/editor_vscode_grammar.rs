//! Runs the VS Code extension's own tests (`npm test` in editors/vscode: the
//! TextMate grammar's scopes and token snapshots, and folding by agenda
//! item) as part of `cargo test`.
//!
//! Needs `npm ci` to have run there (.ci/editors.sh does it). Without
//! node_modules the test is skipped, unless CI=true, where it fails.

mod editor_common;

use editor_common::*;
use std::process::Command;
use std::time::Duration;

#[test]
fn vscode_grammar_tests_pass() {
    let package = editors_dir().join("vscode");
    if !package.join("node_modules/vscode-textmate").is_dir() {
        assert!(
            !in_ci(),
            "editors/vscode/node_modules is missing and CI=true: run .ci/editors.sh (npm ci in editors/vscode) first"
        );
        eprintln!("skipping: run `npm ci` in editors/vscode to test the grammar");
        return;
    }
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
