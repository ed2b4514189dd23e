//! The packaged VS Code extension in real VS Code: runs
//! editors/vscode/test/e2e/run.mjs, which installs clerk-minutes.vsix into
//! code-server, opens committee.minutes in Chromium and checks the Problems
//! panel and the Outline view, the Clerk output, and that turning on
//! clerk.attachToMarkdownAndText checks a .md file; or, given a server path
//! that does not exist, that the user is told how to install clerk. With
//! the real server it goes on as a clerk would: the completion list after
//! "Ms " and the first mention it writes, the hover on DfE, and the
//! quick-fix menu with "Add DfE to the glossary" and its result. The
//! platform .vsix, built here around this clerk, is tried on a machine with
//! no clerk installed. Each leaves screenshots in target/ (the step's name
//! after the test's: vscode-e2e-clerk-hover.png and so on).
//!
//! Needs the .vsix (`npm run package` in editors/vscode) and code-server with
//! playwright-core (shared/tools/install-code-server.sh); .ci/editors.sh
//! provides both. Without them the tests are ignored, saying what they
//! need, unless CI=true, where they fail (tests/trials). Each takes 10 to
//! 25 seconds.

mod editor_common;
#[macro_use]
mod trials;

use editor_common::*;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;
use trials::{Need, Trials};

/// Where code-server is installed: CLERK_CODE_SERVER_DIR, or the same
/// default the script uses.
fn code_server_dir() -> PathBuf {
    std::env::var_os("CLERK_CODE_SERVER_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("clerk-code-server"))
}

fn main() {
    let vsix = Need::path(
        "editors/vscode/clerk-minutes.vsix",
        editors_dir().join("vscode/clerk-minutes.vsix"),
        "npm run package in editors/vscode",
    );
    let code_server = Need::path(
        "code-server",
        code_server_dir().join("node_modules/.bin/code-server"),
        "shared/tools/install-code-server.sh puts it in CLERK_CODE_SERVER_DIR or /tmp/clerk-code-server",
    );
    let chromium = Need::new("chromium", "apt-get install chromium", || {
        Command::new("sh")
            .args(["-c", "command -v chromium"])
            .output()
            .is_ok_and(|out| out.status.success())
    });
    let python = Need::program(
        "python3",
        &["--version"],
        "the stand-in server needs python3",
    );
    let vsce = Need::path(
        "vsce",
        editors_dir().join("vscode/node_modules/.bin/vsce"),
        "npm ci in editors/vscode",
    );
    let mut trials = Trials::from_command_line();
    add_tests!(
        trials,
        [&vsix, &code_server, &chromium, &python],
        vscode_shows_stand_in_findings_in_problems_and_items_in_outline,
    );
    add_tests!(
        trials,
        [&vsix, &code_server, &chromium],
        vscode_explains_a_missing_clerk_program,
        vscode_shows_clerk_findings_in_problems_and_items_in_outline,
    );
    add_tests!(
        trials,
        [&vsix, &code_server, &chromium, &vsce],
        vscode_runs_the_clerk_its_platform_vsix_carries_where_none_is_installed,
    );
    trials.run()
}

/// One VS Code at a time: three code-servers and Chromiums at once on a
/// two-core machine, beside the rest of `cargo test`, would race their own
/// time limits.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn run_end_to_end(server: &str, screenshot: &str) {
    run_end_to_end_with(server, screenshot, &[]);
}

fn run_end_to_end_with(server: &str, screenshot: &str, more: &[&std::ffi::OsStr]) {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let target = repo_dir().join("target");
    std::fs::create_dir_all(&target).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let finished = run_with_limit(
        Command::new("node")
            .arg("test/e2e/run.mjs")
            .args(["--server", server, "--screenshot"])
            .arg(target.join(screenshot))
            .args(more)
            .current_dir(editors_dir().join("vscode"))
            .env("CLERK_CODE_SERVER_DIR", code_server_dir()),
        Duration::from_secs(300),
        scratch.path(),
    );
    assert!(
        finished.status.success(),
        "the VS Code end-to-end test failed:\n{}\n{}",
        finished.stdout,
        finished.stderr
    );
}

fn vscode_shows_stand_in_findings_in_problems_and_items_in_outline() {
    run_end_to_end("stand-in", "vscode-e2e-stand-in.png");
}

fn vscode_explains_a_missing_clerk_program() {
    run_end_to_end("/nonexistent/clerk-test/clerk", "vscode-e2e-missing.png");
}

fn vscode_shows_clerk_findings_in_problems_and_items_in_outline() {
    run_end_to_end(env!("CARGO_BIN_EXE_clerk"), "vscode-e2e-clerk.png");
}

fn vscode_runs_the_clerk_its_platform_vsix_carries_where_none_is_installed() {
    // The Linux x64 package, around the clerk this test run built.
    let scratch = tempfile::tempdir().unwrap();
    let vsix = scratch.path().join("clerk-minutes-linux-x64.vsix");
    let packed = run_with_limit(
        Command::new("node")
            .args(["scripts/package-platform.mjs", "linux-x64", "--out"])
            .arg(&vsix)
            .current_dir(editors_dir().join("vscode"))
            .env("CLERK_BINARY", env!("CARGO_BIN_EXE_clerk")),
        Duration::from_secs(300),
        scratch.path(),
    );
    assert!(
        packed.status.success(),
        "npm run package:linux-x64 failed:\n{}\n{}",
        packed.stdout,
        packed.stderr
    );
    run_end_to_end_with(
        "bundled",
        "vscode-e2e-bundled.png",
        &["--vsix".as_ref(), vsix.as_os_str()],
    );
}
