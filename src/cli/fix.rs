//! `--fix`: applying the checks' fixes, and writing the mended file back
//! without ever leaving a half-written file behind.

use crate::analysis::{analyze, Analysis};
use crate::config::Config;
use crate::rules::{apply_edits, compatible_fixes, Applicability, Edit, Finding};
use std::io::Write;
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
pub(crate) fn fix_all(text: &str, config: &Config, include_unsafe: bool) -> Fixed {
    let mut current = text.to_owned();
    let mut applied = 0;
    let mut analysis = analyze(&current, config);
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
        analysis = analyze(&current, config);
    }
    Fixed {
        text: current,
        applied,
        analysis,
    }
}

/// Whether `--fix` (or `--unsafe-fixes`) would apply this finding's fix.
pub(crate) fn is_applicable(finding: &Finding, include_unsafe: bool) -> bool {
    finding
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

/// Replaces the file at `path` with `new_text` in one step: the text goes
/// to a temporary file in the same folder, which then takes the file's place,
/// so a crash or a full disk leaves the old file whole. The file's
/// permissions are kept. If the file changed since it was read (`original`),
/// it is left alone rather than overwriting someone's edit.
pub(crate) fn write_atomically(
    path: &Path,
    original: &[u8],
    new_text: &str,
) -> std::io::Result<()> {
    // Follow a symbolic link, so that the link stays a link and its target
    // is what changes.
    let target = std::fs::canonicalize(path)?;
    if std::fs::read(&target)? != original {
        return Err(std::io::Error::other(
            "the file changed while it was being checked, so the fixes were not written",
        ));
    }
    let permissions = std::fs::metadata(&target)?.permissions();
    // Renaming over a read-only file would get round its protection.
    if permissions.readonly() {
        return Err(std::io::Error::other(
            "the file is read-only, so the fixes were not written",
        ));
    }
    let folder = target.parent().unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".clerk-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temporary.write_all(new_text.as_bytes())?;
    temporary.as_file().sync_all()?;
    std::fs::set_permissions(temporary.path(), permissions)?;
    temporary.persist(&target).map_err(|error| error.error)?;
    Ok(())
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
        write_atomically(&path, b"old", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert!(write_atomically(&path, b"old", "newer").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }
}
