//! How `--fix` writes a file back: whole or not at all, even when killed
//! part-way; with its owner and permissions kept; and never splitting a
//! file's hard links.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Minutes with a slip A001 mends (with --unsafe-fixes): "the DfE" is never
/// spelled out.
const COMMITTEE: &str = include_str!("fixtures/cli/committee.txt");

fn clerk_fix(dir: &Path, file: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["check", "--unsafe-fixes", "--select", "A001", file])
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn a_file_with_other_hard_links_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("committee.txt");
    std::fs::write(&path, COMMITTEE).unwrap();
    std::fs::hard_link(&path, dir.path().join("copy-for-the-chair.txt")).unwrap();
    let run = clerk_fix(dir.path(), "committee.txt");
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(
            "committee.txt: the file has other hard links; clerk will not split them, \
             so the fixes were not written — fix it by hand or copy it first"
        ),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), COMMITTEE);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("copy-for-the-chair.txt")).unwrap(),
        COMMITTEE
    );
    assert_eq!(
        names_in(dir.path()),
        ["committee.txt", "copy-for-the-chair.txt"]
    );
}

#[cfg(unix)]
#[test]
fn the_mended_file_keeps_its_owner_and_mode() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("committee.txt");
    std::fs::write(&path, COMMITTEE).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).unwrap();
    // Only root can give a file to someone else; anyone else owns theirs.
    let running_as_root = unsafe { libc::geteuid() } == 0;
    if running_as_root {
        std::os::unix::fs::chown(&path, Some(4321), Some(4322)).unwrap();
    }
    let before = std::fs::metadata(&path).unwrap();
    let run = clerk_fix(dir.path(), "committee.txt");
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    assert_ne!(std::fs::read_to_string(&path).unwrap(), COMMITTEE);
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!(after.permissions().mode() & 0o7777, 0o604);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if running_as_root {
        assert_eq!((after.uid(), after.gid()), (4321, 4322));
    }
    assert_eq!(names_in(dir.path()), ["committee.txt"]);
}

#[test]
fn a_stale_temporary_file_is_cleared_and_a_fresh_one_kept() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("committee.txt"), COMMITTEE).unwrap();
    let stale = dir.path().join(".clerk-a1B2c3.tmp");
    let fresh = dir.path().join(".clerk-d4E5f6.tmp");
    let not_ours = dir.path().join(".clerk-notes.tmp");
    // Named by the process that wrote it: one that has ended, and this one.
    let mut ended = Command::new("true").spawn().unwrap();
    ended.wait().unwrap();
    let writer_ended = dir.path().join(format!(".clerk-{}-g7H8i9.tmp", ended.id()));
    let writer_running = dir
        .path()
        .join(format!(".clerk-{}-j1K2l3.tmp", std::process::id()));
    for path in [&stale, &fresh, &not_ours, &writer_ended, &writer_running] {
        std::fs::write(path, "half a file").unwrap();
    }
    let two_minutes_ago = std::time::SystemTime::now() - Duration::from_secs(120);
    for path in [&stale, &not_ours] {
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(two_minutes_ago)
            .unwrap();
    }
    let run = clerk_fix(dir.path(), "committee.txt");
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let running_name = format!(".clerk-{}-j1K2l3.tmp", std::process::id());
    assert_eq!(
        names_in(dir.path()),
        [
            running_name.as_str(),
            ".clerk-d4E5f6.tmp",
            ".clerk-notes.tmp",
            "committee.txt"
        ],
        "only clerk's own stale files go (a minute old, or their writer ended); \
         one a running clerk may be writing stays"
    );
}

/// A small xorshift generator, seeded from the clock: each run of the test
/// kills at other moments.
struct Numbers(u64);

impl Numbers {
    fn below(&mut self, limit: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % limit.max(1)
    }
}

#[test]
fn a_kill_at_any_moment_leaves_the_old_text_or_the_new_and_no_temporary_file() {
    // Large enough that writing takes a while, small enough for 100 runs.
    let old_text = COMMITTEE.repeat(400);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("committee.txt");

    // One run to the end gives the new text and how long a run takes.
    std::fs::write(&path, &old_text).unwrap();
    let started = Instant::now();
    let run = clerk_fix(dir.path(), "committee.txt");
    let whole_run = started.elapsed();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let new_text = std::fs::read_to_string(&path).unwrap();
    assert_ne!(new_text, old_text);

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut numbers = Numbers(seed | 1);
    let (mut old_left, mut new_left, mut cleared) = (0, 0, 0);
    for attempt in 0..100 {
        std::fs::write(&path, &old_text).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_clerk"))
            .args([
                "check",
                "--unsafe-fixes",
                "--select",
                "A001",
                "committee.txt",
            ])
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let delay = numbers.below(whole_run.as_micros() as u64 * 11 / 10);
        std::thread::sleep(Duration::from_micros(delay));
        // Half the kills are the request to stop that Ctrl-C or a cancelled
        // CI job sends; half are SIGKILL, which no program can wait out.
        let terminate = attempt % 2 == 0;
        if terminate {
            // SAFETY: signals a child this test started and has not waited for.
            unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
        } else {
            let _ = child.kill();
        }
        child.wait().unwrap();
        let how = if terminate { "SIGTERM" } else { "SIGKILL" };
        let on_disk = std::fs::read_to_string(&path).unwrap();
        if on_disk == old_text {
            old_left += 1;
        } else if on_disk == new_text {
            new_left += 1;
        } else {
            panic!(
                "attempt {attempt} (seed {seed}, {how} after {delay} µs) left a half-written file"
            );
        }
        let left: Vec<String> = names_in(dir.path())
            .into_iter()
            .filter(|name| name != "committee.txt")
            .collect();
        if terminate {
            assert_eq!(
                left,
                Vec::<String>::new(),
                "attempt {attempt} (seed {seed}, SIGTERM after {delay} µs) left files behind"
            );
            continue;
        }
        // SIGKILL between the two system calls that name the finished
        // temporary file and rename it over the minutes can leave that file:
        // it must be whole, and the next --fix clears it at once, since the
        // process its name gives has ended.
        for name in &left {
            let whole = name.starts_with(".clerk-")
                && name.ends_with(".tmp")
                && std::fs::read_to_string(dir.path().join(name)).is_ok_and(|t| t == new_text);
            assert!(
                whole,
                "attempt {attempt} (seed {seed}, SIGKILL after {delay} µs) left {name}, not a whole copy of the new text"
            );
        }
        if !left.is_empty() {
            let run = clerk_fix(dir.path(), "committee.txt");
            assert!(run.status.code().is_some(), "{run:?}");
            assert_eq!(
                names_in(dir.path()),
                ["committee.txt"],
                "the next --fix clears what a killed run left"
            );
            cleared += 1;
        }
    }
    eprintln!(
        "a whole run took {whole_run:?}; {old_left} kills left the old text, {new_left} the new; \
         {cleared} SIGKILLs left a whole copy that the next run cleared"
    );
}
