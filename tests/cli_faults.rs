//! `clerk check` given things that are not files of minutes: named pipes,
//! devices, files too large to be minutes, and links that lead nowhere or
//! round in a circle. Each must be refused in plain words, with exit 2,
//! while every other file is still checked and reported.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

mod cli_support;
use cli_support::{clerk_patiently, Run};

/// Runs clerk in `dir`, failing the test (not hanging it) if clerk does not
/// finish within [`PATIENCE`].
fn clerk(dir: &Path, args: &[&str]) -> Run {
    let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
    clerk_patiently(dir, &args, &[("NO_COLOR", "1")], PATIENCE)
}

/// The committee minutes of tests/cli.rs: four findings.
const COMMITTEE: &str = include_str!("fixtures/cli/committee.txt");

/// The findings of the committee minutes, as (code, line, column).
const COMMITTEE_FINDINGS: &[(&str, u64, u64)] = &[
    ("P001", 10, 1),
    ("A001", 10, 51),
    ("R001", 11, 1),
    ("R003", 11, 3),
];

/// Longer than any honest run takes; a run past it is hanging.
const PATIENCE: Duration = Duration::from_secs(30);

fn expected(path: &str) -> Vec<(String, String, u64, u64)> {
    COMMITTEE_FINDINGS
        .iter()
        .map(|(code, line, column)| (path.to_owned(), code.to_string(), *line, *column))
        .collect()
}

/// A temporary folder holding the committee minutes as committee.txt.
fn folder_with_minutes() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("committee.txt"), COMMITTEE).unwrap();
    dir
}

/// Makes a named pipe with `mkfifo`; false when there is no mkfifo to run,
/// which only a machine outside CI may get away with.
#[cfg(unix)]
fn make_fifo(path: &Path) -> bool {
    match Command::new("mkfifo").arg(path).status() {
        Ok(status) => {
            assert!(status.success(), "mkfifo {} failed", path.display());
            true
        }
        Err(error) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "mkfifo could not be run under CI: {error}"
            );
            eprintln!("skipped: mkfifo could not be run ({error})");
            false
        }
    }
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_without_waiting_and_the_next_file_is_checked() {
    let dir = folder_with_minutes();
    if !make_fifo(&dir.path().join("p.txt")) {
        return;
    }
    let run = clerk(
        dir.path(),
        &["check", "--format", "json", "p.txt", "committee.txt"],
    );
    assert_eq!(
        run.stderr,
        "clerk: p.txt: is a named pipe, not a regular file; clerk reads only files of minutes\n"
    );
    assert_eq!(run.code, 2);
    assert_eq!(run.findings(), expected("committee.txt"));
}

#[cfg(unix)]
#[test]
fn a_device_is_refused_without_reading_it() {
    let dir = folder_with_minutes();
    let run = clerk(
        dir.path(),
        &["check", "--format", "json", "/dev/zero", "committee.txt"],
    );
    assert_eq!(
        run.stderr,
        "clerk: /dev/zero: is a device, not a regular file; clerk reads only files of minutes\n"
    );
    assert_eq!(run.code, 2);
    assert_eq!(run.findings(), expected("committee.txt"));
}

#[test]
fn a_file_larger_than_any_minutes_is_refused_and_the_limit_named() {
    let dir = folder_with_minutes();
    // Sparse: one byte past the limit on record, with no disk spent on it.
    let big = std::fs::File::create(dir.path().join("archive.txt")).unwrap();
    big.set_len(256 * 1024 * 1024 + 1).unwrap();
    drop(big);
    let run = clerk(
        dir.path(),
        &["check", "--format", "json", "archive.txt", "committee.txt"],
    );
    assert_eq!(
        run.stderr,
        "clerk: archive.txt: is larger than 256 MiB, the most clerk reads as one file of minutes; \
         split it into smaller files and check those\n"
    );
    assert_eq!(run.code, 2);
    assert_eq!(run.findings(), expected("committee.txt"));
}

#[cfg(unix)]
#[test]
fn a_device_given_as_the_settings_file_is_refused_and_the_defaults_used() {
    let dir = folder_with_minutes();
    let run = clerk(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--config",
            "/dev/zero",
            "committee.txt",
        ],
    );
    assert_eq!(
        run.stderr,
        "clerk: /dev/zero: the settings file is a device, not a regular file; \
         its files are checked with the default settings\n"
    );
    assert_eq!(run.code, 2);
    assert_eq!(run.findings(), expected("committee.txt"));
}

#[test]
fn a_settings_file_larger_than_any_clerk_toml_is_refused_and_the_limit_named() {
    let dir = folder_with_minutes();
    // Comments only, so that a clerk that read it all would find it correct.
    let line = "# a clerk.toml padded out with comments\n";
    let comments = line.repeat(1024 * 1024 / line.len() + 1);
    std::fs::write(dir.path().join("clerk.toml"), comments).unwrap();
    let run = clerk(dir.path(), &["check", "--format", "json", "committee.txt"]);
    assert_eq!(
        run.stderr,
        "clerk: clerk.toml: the settings file is larger than 1 MiB, the most clerk reads as a \
         clerk.toml; its files are checked with the default settings\n"
    );
    assert_eq!(run.code, 2);
    assert_eq!(run.findings(), expected("committee.txt"));
}

#[cfg(unix)]
#[test]
fn a_link_to_minutes_in_a_checked_folder_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("archive")).unwrap();
    std::fs::create_dir_all(dir.path().join("minutes")).unwrap();
    std::fs::write(dir.path().join("archive/committee.txt"), COMMITTEE).unwrap();
    std::os::unix::fs::symlink(
        "../archive/committee.txt",
        dir.path().join("minutes/committee.txt"),
    )
    .unwrap();
    let run = clerk(dir.path(), &["check", "--format", "json", "minutes"]);
    assert_eq!(run.stderr, "");
    assert_eq!(run.code, 1);
    assert_eq!(run.findings(), expected("minutes/committee.txt"));
}

#[cfg(unix)]
#[test]
fn a_link_to_nothing_cannot_be_read_and_the_other_files_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("minutes")).unwrap();
    std::fs::write(dir.path().join("minutes/committee.txt"), COMMITTEE).unwrap();
    std::os::unix::fs::symlink("2019.txt", dir.path().join("minutes/gone.txt")).unwrap();
    let message = "could not be read: it is a link to 2019.txt, which does not exist\n";
    let run = clerk(dir.path(), &["check", "--format", "json", "minutes"]);
    assert_eq!(run.stderr, format!("clerk: minutes/gone.txt: {message}"));
    assert_eq!(run.code, 2);
    assert_eq!(run.findings(), expected("minutes/committee.txt"));

    // Named on the command line, it says the same.
    let run = clerk(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "minutes/gone.txt",
            "minutes/committee.txt",
        ],
    );
    assert_eq!(run.stderr, format!("clerk: minutes/gone.txt: {message}"));
    assert_eq!(run.code, 2);
    assert_eq!(run.findings(), expected("minutes/committee.txt"));
}

#[cfg(unix)]
#[test]
fn a_link_back_to_a_folder_above_is_noted_and_not_followed_round() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("minutes")).unwrap();
    std::fs::write(dir.path().join("minutes/committee.txt"), COMMITTEE).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("minutes/again")).unwrap();
    let run = clerk(dir.path(), &["check", "--format", "json", "minutes"]);
    // Nothing goes unchecked: the folder it leads to is checked already.
    assert_eq!(
        run.stderr,
        "clerk: minutes/again: leads back to minutes, a folder it is in, so it was not followed again\n"
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.findings(), expected("minutes/committee.txt"));
}
