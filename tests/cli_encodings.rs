//! Minutes saved from Word as Windows-1252: read as such, said so once,
//! and mended by `--fix` in the same encoding; what is neither UTF-8 nor
//! Windows-1252 is still refused, with the place of the first bad byte.

mod cli_support;
use cli_support::{clerk, Run};

/// The committee minutes (Mr Patel with no role, the DfE not spelled out,
/// two unnumbered decisions with no RESOLVED), as UTF-8.
const COMMITTEE: &str = include_str!("fixtures/cli/committee.txt");

/// `text` as Windows-1252 bytes: é is 0xe9, è 0xe8, a curly quote 0x93.
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '“' => 0x93,
            '”' => 0x94,
            '–' => 0x96,
            '€' => 0x80,
            c if (c as u32) < 0x100 => c as u32 as u8,
            c => panic!("{c} is not in this table"),
        })
        .collect()
}

/// The committee minutes with Word's curly quotes and an en dash, as
/// Word would save them in Windows-1252.
fn committee_from_word() -> String {
    COMMITTEE.replace(
        "1. Apologies for absence",
        "1. Apologies for absence – “none” (€0 spent)",
    )
}

fn folder(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    dir
}

const NOTE: &str = "clerk: word.txt: is Windows-1252 text (as Word saves it), not UTF-8; \
                    it was read as such, and --fix writes it back in Windows-1252\n";

#[test]
fn windows_1252_minutes_are_checked_with_a_note_said_once() {
    let dir = folder("word.txt", &windows_1252(&committee_from_word()));
    let run = clerk(dir.path(), &["check", "--format", "json", "word.txt"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr, NOTE);
    // Columns count characters, each of Windows-1252's one byte: the DfE
    // stands where it does in the UTF-8 minutes.
    let utf8 = folder("word.txt", committee_from_word().as_bytes());
    assert_eq!(
        run.findings(),
        clerk(utf8.path(), &["check", "--format", "json"]).findings()
    );
    let codes: Vec<String> = run.codes();
    assert_eq!(codes, ["P001", "A001", "R001", "R003"]);

    let human = clerk(dir.path(), &["check", "word.txt"]);
    assert_eq!(
        human.stderr, NOTE,
        "one note for the file, not one per finding"
    );
    assert!(
        human
            .stdout
            .contains("Mr Patel explained that the crèche grant from the DfE"),
        "the text is shown as it reads: {}",
        human.stdout
    );
}

#[test]
fn fix_writes_windows_1252_minutes_back_in_windows_1252() {
    let dir = folder("word.txt", &windows_1252(&committee_from_word()));
    let run = clerk(
        dir.path(),
        &[
            "check",
            "--unsafe-fixes",
            "--select",
            "A001,R001",
            "word.txt",
        ],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.stderr, NOTE);
    let written = std::fs::read(dir.path().join("word.txt")).unwrap();
    let expected = committee_from_word()
        .replace("the DfE", "the Department for Education (DfE)")
        .replacen("- That", "1. That", 1)
        .replacen("- That", "2. That", 1);
    assert_eq!(written, windows_1252(&expected));
    assert!(std::str::from_utf8(&written).is_err(), "still not UTF-8");
}

#[test]
fn a_fix_windows_1252_cannot_hold_is_not_written() {
    let dir = folder("word.txt", &windows_1252(&committee_from_word()));
    // The glossary spells the DfE out with a letter Windows-1252 lacks.
    std::fs::write(
        dir.path().join("clerk.toml"),
        "[abbreviations]\nDfE = \"Department for Education, Łódź office\"\n[glossary]\ndefines = false\n",
    )
    .unwrap();
    let before = std::fs::read(dir.path().join("word.txt")).unwrap();
    let run = clerk(
        dir.path(),
        &["check", "--fix", "--select", "A001", "word.txt"],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        format!(
            "{NOTE}clerk: word.txt: the fixes write “Ł”, which Windows-1252 cannot hold, so they \
             were not written; save the file as UTF-8 to have them applied\n"
        )
    );
    assert_eq!(std::fs::read(dir.path().join("word.txt")).unwrap(), before);
}

#[test]
fn standard_input_in_windows_1252_comes_back_in_windows_1252() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["check", "--fix", "--select", "R001", "-"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&windows_1252(&committee_from_word()))
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let mended = committee_from_word()
        .replacen("- That", "1. That", 1)
        .replacen("- That", "2. That", 1);
    assert_eq!(output.stdout, windows_1252(&mended));
}

fn refused(run: &Run, name: &str, byte: &str, line: u32) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!("clerk: {name}: is not UTF-8 text (byte {byte} at line {line}); save it as UTF-8 and check again\n")
    );
}

#[test]
fn what_is_neither_utf8_nor_windows_1252_is_still_refused() {
    // UTF-8 with one bad byte: the é on line 2 is UTF-8, so the file is
    // UTF-8 gone wrong, not Windows-1252.
    let dir = folder(
        "mixed.txt",
        b"Minutes\nThe caf\xc3\xa9 opened.\nThe caf\xe9 closed.\n",
    );
    refused(
        &clerk(dir.path(), &["check", "mixed.txt"]),
        "mixed.txt",
        "0xe9",
        3,
    );
    // A character cut short at the very end is UTF-8 that lost its tail.
    let dir = folder("cut.txt", b"Minutes\n\nThe caf\xc3");
    refused(
        &clerk(dir.path(), &["check", "cut.txt"]),
        "cut.txt",
        "0xc3",
        3,
    );
    // 0x81 means nothing in Windows-1252.
    let dir = folder("odd.txt", b"Minutes\nItem \x81\n");
    refused(
        &clerk(dir.path(), &["check", "odd.txt"]),
        "odd.txt",
        "0x81",
        2,
    );
}

#[test]
fn outline_reads_windows_1252_too() {
    let dir = folder("word.txt", &windows_1252(&committee_from_word()));
    let run = clerk(dir.path(), &["outline", "word.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("1. Apologies for absence – “none” (€0 spent)"),
        "{}",
        run.stdout
    );
}
