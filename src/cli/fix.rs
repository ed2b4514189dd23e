//! `--fix`: applying the checks' fixes, and writing the mended file back
//! without ever leaving a half-written file behind.

use crate::analysis::{analyze_in_folder, Analysis};
use crate::config::Config;
use crate::rules::{apply_edits, compatible_fixes, Applicability, Edit, Finding, FolderWords};
use std::io::{Read, Write};
use std::path::Path;

/// How many rounds of fixing are tried: one fix can make room for another,
/// but a fix that keeps reappearing must not loop for ever.
const MAX_ROUNDS: usize = 10;

/// The text after fixing, how many fixes went in, and what is left.
pub(crate) struct Fixed {
    pub text: String,
    pub applied: usize,
    pub analysis: Analysis,
}

/// Applies every fix the flags allow, round after round, until none is left
/// or the rounds run out; then checks the result once more.
pub(crate) fn fix_all(
    text: &str,
    config: &Config,
    include_unsafe: bool,
    folder: Option<&FolderWords>,
) -> Fixed {
    let mut current = text.to_owned();
    let mut applied = 0;
    let mut analysis = analyze_in_folder(&current, config, folder);
    for _ in 0..MAX_ROUNDS {
        let (edits, count) = compatible_edits(&current, &analysis.findings, include_unsafe);
        if count == 0 {
            break;
        }
        let next = apply_edits(&current, &edits);
        if next == current {
            break;
        }
        current = next;
        applied += count;
        analysis = analyze_in_folder(&current, config, folder);
    }
    Fixed {
        text: current,
        applied,
        analysis,
    }
}

/// Whether `--fix` (or `--unsafe-fixes`) would apply this finding's fix:
/// never one offered among alternatives, which a person must choose.
pub(crate) fn is_applicable(finding: &Finding, include_unsafe: bool) -> bool {
    finding.alternatives.is_empty()
        && finding
            .fix
            .as_ref()
            .is_some_and(|fix| include_unsafe || fix.applicability == Applicability::Safe)
}

/// The edits of every fix that can go in together: whole fixes only, none
/// touching another's text, and none with a range outside the text. A fix
/// left out waits for the next round, against the mended text.
fn compatible_edits(text: &str, findings: &[Finding], include_unsafe: bool) -> (Vec<Edit>, usize) {
    let candidates = findings
        .iter()
        .filter(|finding| is_applicable(finding, include_unsafe))
        .filter_map(|finding| finding.fix.as_ref())
        .filter(|fix| !fix.edits.is_empty() && fix.edits.iter().all(|edit| fits(text, edit)));
    let chosen = compatible_fixes(candidates);
    let edits = chosen
        .iter()
        .flat_map(|fix| fix.edits.iter().cloned())
        .collect();
    (edits, chosen.len())
}

fn fits(text: &str, edit: &Edit) -> bool {
    edit.range.start <= edit.range.end
        && edit.range.end <= text.len()
        && text.is_char_boundary(edit.range.start)
        && text.is_char_boundary(edit.range.end)
}

/// Replaces the file at `path` with `new_text` (in the file's own
/// encoding) in one step: the text goes
/// to a new file in the same folder, which then takes the file's place, so a
/// crash, a kill or a full disk leaves the old file whole. The file's owner,
/// permissions and extended attributes are kept. If the file changed since
/// it was read (`original`), it is left alone rather than overwriting
/// someone's edit.
pub(crate) fn write_atomically(
    path: &Path,
    original: &[u8],
    new_text: &[u8],
) -> std::io::Result<()> {
    // Follow a symbolic link, so that the link stays a link and its target
    // is what changes.
    let target = std::fs::canonicalize(path)?;
    let mut old_file = std::fs::File::open(&target)?;
    let mut on_disk = Vec::with_capacity(original.len());
    old_file.read_to_end(&mut on_disk)?;
    if on_disk != original {
        return Err(std::io::Error::other(
            "the file changed while it was being checked, so the fixes were not written",
        ));
    }
    let metadata = old_file.metadata()?;
    // Renaming over a read-only file would get round its protection.
    if metadata.permissions().readonly() {
        return Err(std::io::Error::other(
            "the file is read-only, so the fixes were not written",
        ));
    }
    // A new file in its place would leave the other names with the old text.
    #[cfg(unix)]
    if std::os::unix::fs::MetadataExt::nlink(&metadata) > 1 {
        return Err(std::io::Error::other(
            "the file has other hard links; clerk will not split them, so the fixes \
             were not written — fix it by hand or copy it first",
        ));
    }
    let folder = target.parent().unwrap_or(Path::new("."));
    let prefix = temporary_prefix();
    let temporary = temporary_names(&prefix);
    // Where the system allows, the new text is written to a file with no
    // name at all, and named only once it is whole: a kill while writing
    // then leaves nothing behind.
    #[cfg(target_os = "linux")]
    if let Ok(mut unnamed) = unnamed_file_in(folder) {
        unnamed.write_all(new_text)?;
        keep_owner_and_attributes(&old_file, &unnamed, &metadata)?;
        unnamed.sync_all()?;
        // Between naming the file and renaming it over the minutes, an
        // interrupt (Ctrl-C, a CI job cancelled) waits until both are done.
        let _deferred = DeferredInterrupts::start();
        // Without /proc the file cannot be named; a named one is written instead.
        if let Ok(named) = temporary.make_in(folder, |name| give_name(&unnamed, name)) {
            named.persist(&target).map_err(|error| error.error)?;
            sync_folder(folder);
            return Ok(());
        }
    }
    // Elsewhere a named temporary file is removed on any failure, and an
    // interrupt waits until the file is written and renamed; only a kill
    // that cannot be waited for can leave one, which the next `--fix` clears.
    let _deferred = DeferredInterrupts::start();
    let mut named = temporary.tempfile_in(folder)?;
    named.write_all(new_text)?;
    keep_owner_and_attributes(&old_file, named.as_file(), &metadata)?;
    named.as_file().sync_all()?;
    named.persist(&target).map_err(|error| error.error)?;
    sync_folder(folder);
    Ok(())
}

/// While alive, the signals that ask clerk to stop (interrupt, terminate,
/// hang-up, quit) wait; they take effect when it is dropped. A signal sent
/// to the process may reach any of its threads (the pool that checks the
/// files among them), so it is caught, not blocked on the writing thread
/// alone: a handler notes it, and it is raised again, to do what it would
/// have done, once the file is whole. SIGKILL cannot be held: what it
/// leaves, the next run clears.
struct DeferredInterrupts {
    #[cfg(unix)]
    previous: [libc::sigaction; STOP_SIGNALS.len()],
    /// One file is written at a time, so that each restores what was
    /// there before any.
    _alone: std::sync::MutexGuard<'static, ()>,
}

/// The signals that ask clerk to stop.
#[cfg(unix)]
const STOP_SIGNALS: [libc::c_int; 4] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGQUIT];

/// The signal that came while a file was written, or 0.
#[cfg(unix)]
static DEFERRED_SIGNAL: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

/// Notes the signal for `DeferredInterrupts` to raise (an atomic store is
/// all a signal handler may safely do here).
#[cfg(unix)]
extern "C" fn note_signal(signal: libc::c_int) {
    DEFERRED_SIGNAL.store(signal, std::sync::atomic::Ordering::SeqCst);
}

static ONE_WRITE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl DeferredInterrupts {
    fn start() -> DeferredInterrupts {
        let alone = ONE_WRITE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        #[cfg(unix)]
        {
            // SAFETY: the action is zeroed then filled (an empty mask, a
            // handler that only stores to an atomic) before sigaction reads
            // it; sigaction writes each previous action into its slot.
            unsafe {
                let mut catch: libc::sigaction = std::mem::zeroed();
                catch.sa_sigaction =
                    note_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
                libc::sigemptyset(&mut catch.sa_mask);
                catch.sa_flags = libc::SA_RESTART;
                let mut previous: [libc::sigaction; STOP_SIGNALS.len()] = std::mem::zeroed();
                for (signal, previous) in STOP_SIGNALS.iter().zip(previous.iter_mut()) {
                    libc::sigaction(*signal, &catch, previous);
                }
                DeferredInterrupts {
                    previous,
                    _alone: alone,
                }
            }
        }
        #[cfg(not(unix))]
        DeferredInterrupts { _alone: alone }
    }
}

impl Drop for DeferredInterrupts {
    fn drop(&mut self) {
        // SAFETY: restores the actions saved by `start`, then raises the
        // signal that came meanwhile, which now does what it did before.
        #[cfg(unix)]
        unsafe {
            for (signal, previous) in STOP_SIGNALS.iter().zip(self.previous.iter()) {
                libc::sigaction(*signal, previous, std::ptr::null_mut());
            }
            let deferred = DEFERRED_SIGNAL.swap(0, std::sync::atomic::Ordering::SeqCst);
            if deferred != 0 {
                libc::raise(deferred);
            }
        }
    }
}

/// Temporary files are named `.clerk-PID-XXXXXX.tmp`: the process that
/// writes it, and six letters or digits.
fn temporary_names(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(prefix)
        .suffix(TEMPORARY_SUFFIX)
        .rand_bytes(TEMPORARY_RANDOM_LEN);
    builder
}

/// `.clerk-PID-`, for this process.
fn temporary_prefix() -> String {
    format!("{TEMPORARY_PREFIX}{}-", std::process::id())
}

const TEMPORARY_PREFIX: &str = ".clerk-";
const TEMPORARY_SUFFIX: &str = ".tmp";
const TEMPORARY_RANDOM_LEN: usize = 6;

/// How old a temporary file must be before it counts as left by a killed
/// run, when the run that wrote it cannot be told to be gone.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// Whether `name` is one of clerk's own temporary file names, and the
/// process that wrote it where the name says (earlier versions did not).
fn temporary_name_writer(name: &str) -> Option<Option<u32>> {
    let middle = name
        .strip_prefix(TEMPORARY_PREFIX)?
        .strip_suffix(TEMPORARY_SUFFIX)?;
    let (writer, random) = match middle.split_once('-') {
        Some((pid, random)) => (Some(pid.parse::<u32>().ok()?), random),
        None => (None, middle),
    };
    let ours = random.len() == TEMPORARY_RANDOM_LEN
        && random.bytes().all(|byte| byte.is_ascii_alphanumeric());
    ours.then_some(writer)
}

/// Whether process `pid` has ended. Unknown counts as running.
fn has_ended(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only asks whether the process exists.
        let alive = unsafe { libc::kill(pid, 0) } == 0;
        !alive && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        false
    }
}

/// Removes the temporary files an earlier, killed `--fix` left in `folder`:
/// only files named as clerk names them, and only those whose writer has
/// ended (or, where the name does not say, that are older than a minute).
pub(crate) fn remove_stale_temporaries(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let Some(writer) = entry.file_name().to_str().and_then(temporary_name_writer) else {
            continue;
        };
        // Not followed: a link named like ours is someone else's.
        let Ok(metadata) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        let old = metadata
            .modified()
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        let writer_gone = writer.is_some_and(has_ended);
        if metadata.is_file() && (writer_gone || old) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(target_os = "linux")]
fn unnamed_file_in(folder: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_TMPFILE)
        .open(folder)
}

/// Gives the unnamed file a name, through its entry in /proc.
#[cfg(target_os = "linux")]
fn give_name(unnamed: &std::fs::File, name: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::AsRawFd;
    let from = std::ffi::CString::new(format!("/proc/self/fd/{}", unnamed.as_raw_fd()))?;
    let to = std::ffi::CString::new(name.as_os_str().as_bytes())?;
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let linked = unsafe {
        libc::linkat(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::AT_SYMLINK_FOLLOW,
        )
    };
    if linked == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Gives the new file the old one's owner, permissions and extended
/// attributes. Only root may give a file away: anyone else keeps what the
/// system allows, as an editor saving the file would.
fn keep_owner_and_attributes(
    old_file: &std::fs::File,
    new_file: &std::fs::File,
    metadata: &std::fs::Metadata,
) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Owner first: changing it can clear the set-user-ID bits set below.
        match std::os::unix::fs::fchown(new_file, Some(metadata.uid()), Some(metadata.gid())) {
            Err(error) if error.raw_os_error() != Some(libc::EPERM) => return Err(error),
            _ => {}
        }
    }
    #[cfg(target_os = "linux")]
    copy_extended_attributes(old_file, new_file);
    #[cfg(not(target_os = "linux"))]
    let _ = old_file;
    new_file.set_permissions(metadata.permissions())
}

/// Copies what extended attributes it can: a file system without them, or
/// one clerk may not set, keeps the text mended all the same.
#[cfg(target_os = "linux")]
fn copy_extended_attributes(old_file: &std::fs::File, new_file: &std::fs::File) {
    use std::os::unix::io::AsRawFd;
    let (from, to) = (old_file.as_raw_fd(), new_file.as_raw_fd());
    // SAFETY: every buffer passed is as long as the length passed with it.
    unsafe {
        let size = libc::flistxattr(from, std::ptr::null_mut(), 0);
        if size <= 0 {
            return;
        }
        let mut names = vec![0u8; size as usize];
        let size = libc::flistxattr(from, names.as_mut_ptr().cast(), names.len());
        if size <= 0 {
            return;
        }
        names.truncate(size as usize);
        for name in names
            .split(|&byte| byte == 0)
            .filter(|name| !name.is_empty())
        {
            let Ok(name) = std::ffi::CString::new(name) else {
                continue;
            };
            let size = libc::fgetxattr(from, name.as_ptr(), std::ptr::null_mut(), 0);
            if size < 0 {
                continue;
            }
            let mut value = vec![0u8; size as usize];
            let size = libc::fgetxattr(from, name.as_ptr(), value.as_mut_ptr().cast(), value.len());
            if size < 0 {
                continue;
            }
            libc::fsetxattr(to, name.as_ptr(), value.as_ptr().cast(), size as usize, 0);
        }
    }
}

/// Makes the new name last through a power cut; a failure here loses
/// nothing that is not already written.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(folder) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Fix;
    use crate::text::TextRange;

    fn finding(fix: Option<Fix>) -> Finding {
        Finding {
            code: "A001",
            name: "undefined-abbreviation",
            severity: crate::rules::Severity::Warning,
            message: "DfE is never spelled out".into(),
            range: TextRange::new(4, 7),
            related: Vec::new(),
            fix,
            alternatives: Vec::new(),
        }
    }

    fn fix(applicability: Applicability, edits: Vec<Edit>) -> Option<Fix> {
        Some(Fix {
            title: "Spell out DfE".into(),
            applicability,
            edits,
        })
    }

    #[test]
    fn unsafe_fixes_wait_for_the_flag() {
        let findings = [finding(fix(
            Applicability::Unsafe,
            vec![Edit::insert(0, "x")],
        ))];
        assert_eq!(compatible_edits("abc", &findings, false).1, 0);
        assert_eq!(compatible_edits("abc", &findings, true).1, 1);
    }

    #[test]
    fn clashing_fixes_wait_for_the_next_round() {
        let findings = [
            finding(fix(
                Applicability::Safe,
                vec![Edit::replace(TextRange::new(0, 3), "one")],
            )),
            finding(fix(
                Applicability::Safe,
                vec![Edit::replace(TextRange::new(2, 5), "two")],
            )),
            finding(fix(Applicability::Safe, vec![Edit::insert(5, "three")])),
        ];
        let (edits, count) = compatible_edits("abcdefgh", &findings, false);
        assert_eq!(count, 2);
        assert_eq!(apply_edits("abcdefgh", &edits), "onedethreefgh");
    }

    #[test]
    fn a_fix_outside_the_text_is_never_applied() {
        let findings = [
            finding(fix(Applicability::Safe, vec![Edit::insert(99, "x")])),
            finding(fix(Applicability::Safe, vec![Edit::insert(2, "x")])), // inside "é"
        ];
        assert_eq!(compatible_edits("aé", &findings, true).1, 0);
    }

    #[cfg(unix)]
    #[test]
    fn writing_keeps_permissions_and_refuses_a_changed_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"old", b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert!(write_atomically(&path, b"old", b"newer").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }
}
