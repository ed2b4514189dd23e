//! A catalogue of what can go wrong at the command line (issue #10): bad
//! files, broken settings, things that are not files, odd names, and
//! `--fix` among them. Each row makes one bad thing in a fresh folder beside
//! the committee minutes, runs `clerk check`, and holds clerk to the right
//! exit code, its message in full, every good file still checked, and the
//! folder left exactly as it was (names, bytes and modification times), but
//! for the fixes `--fix` was asked for.
//!
//! Unix only: most rows need named pipes, sockets, links or file names that
//! are not UTF-8. Pipes are made with libc, so no row needs a tool that a
//! machine may lack.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::hash::Hasher;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

mod cli_support;
use cli_support::{clerk_patiently, Run};

/// Runs clerk in `dir` as on a terminal that obeys what it is sent (colour
/// forced on), failing the row, not hanging it, past [`PATIENCE`].
fn clerk(dir: &Path, args: &[OsString]) -> Run {
    clerk_patiently(dir, args, &[("CLICOLOR_FORCE", "1")], PATIENCE)
}

/// Minutes with four slips in them; every row has them as committee.txt.
const COMMITTEE: &str = include_str!("fixtures/cli/committee.txt");

/// The good file's name, put after the bad thing on the command line.
const GOOD: &str = "committee.txt";

/// The findings of the committee minutes, as (code, line, column).
const COMMITTEE_FINDINGS: &[(&str, u64, u64)] = &[
    ("P001", 10, 1),
    ("A001", 10, 51),
    ("R001", 11, 1),
    ("R003", 11, 3),
];

/// What is left of them after `--fix`, which numbers the two decisions.
const FIXED_FINDINGS: &[(&str, u64, u64)] = &[("P001", 10, 1), ("A001", 10, 51), ("R003", 11, 4)];

/// The committee minutes as `--fix` leaves them.
fn committee_fixed() -> String {
    COMMITTEE
        .replacen("- That", "1. That", 1)
        .replacen("- That", "2. That", 1)
}

/// Stands in an argument list for "café.txt" spelt in Latin-1, a name
/// that is not UTF-8 and so cannot be written in a `&str`.
const LATIN1_NAME: &str = "<café.txt, named in Latin-1>";

fn latin1_name() -> &'static OsStr {
    OsStr::from_bytes(b"caf\xe9.txt")
}

/// Longer than any honest run takes; a run past it is hanging.
const PATIENCE: Duration = Duration::from_secs(60);

/// One fault, what clerk is given, and what it must do.
struct Row {
    name: &'static str,
    /// Makes the bad thing in the folder (committee.txt is there already).
    make: fn(&Path),
    /// The arguments after `check`.
    args: &'static [&'static str],
    code: i32,
    /// Standard error, with its styling taken out.
    said: Said,
    report: Report,
    good: Good,
}

enum Said {
    Exactly(&'static str),
    StartsWith(&'static str),
}

/// What standard output holds, with its styling taken out.
enum Report {
    /// A JSON list whose findings, before the good file's, are these:
    /// (path, code, line, column).
    Json(&'static [(&'static str, &'static str, u64, u64)]),
    /// Human or GitHub output holding each of these, in this order.
    Shows(&'static [&'static str]),
    /// Nothing at all.
    Nothing,
}

/// What becomes of committee.txt.
enum Good {
    /// Not named, not found: no findings of its own.
    Absent,
    /// Checked: its four findings follow the bad file's in the JSON list.
    Checked,
    /// Mended by --fix, with what is left reported.
    Fixed,
}

fn write(dir: &Path, name: impl AsRef<Path>, bytes: impl AsRef<[u8]>) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

fn fifo(dir: &Path, name: &str) {
    let path = std::ffi::CString::new(dir.join(name).as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid, NUL-terminated path.
    let made = unsafe { libc::mkfifo(path.as_ptr(), 0o644) };
    assert_eq!(
        made,
        0,
        "mkfifo {name}: {}",
        std::io::Error::last_os_error()
    );
}

fn socket(dir: &Path, name: &str) {
    // The listener goes when this returns; the socket stays in the folder.
    std::os::unix::net::UnixListener::bind(dir.join(name)).unwrap();
}

fn link(dir: &Path, target: &str, name: &str) {
    std::os::unix::fs::symlink(target, dir.join(name)).unwrap();
}

/// A file one byte larger than clerk reads, made sparse so that it costs
/// no disk.
fn sparse_over_256_mib(dir: &Path) {
    let file = std::fs::File::create(dir.join("archive.txt")).unwrap();
    file.set_len(256 * 1024 * 1024 + 1).unwrap();
}

/// "The committee noted the report. " 65,536 times (2 MiB) on one line with
/// no line end, and then "the DfE".
fn one_long_line() -> String {
    let mut text = "The committee noted the report. ".repeat(65_536);
    text.push_str("the DfE");
    text
}

/// Minutes whose flagged line holds what a terminal would obey: clear the
/// screen (ESC [ 2 J), retitle the window (ESC ] 0 ; ... BEL), a C1 CSI
/// (U+009B), a C0 control and DEL.
const CONTROLS: &[u8] =
    b"Minutes\n\nThe \x1b[2J\xc2\x9bDfE wrote \x1b]0;title\x07 to the\x01 clerk\x7f.\n";

/// A glossary whose expansion holds the same, for the messages and fixes
/// made from it.
const GLOSSARY_WITH_CONTROLS: &str = "[glossary]\ndefines = false\n\n[abbreviations]\n\
     DfE = \"Department\\u001b]0;x\\u0007 for \\u009bEducation\"\n";

fn catalogue() -> Vec<Row> {
    vec![
        // Text encodings.
        Row {
            name: "a Windows-1252 é in the middle of a line is read, and said so",
            make: |dir| write(dir, "latin1.txt", b"Parish Council\nThe caf\xe9 was closed.\n"),
            args: &["--format", "json", "latin1.txt", GOOD],
            code: 1,
            said: Said::Exactly(
                "clerk: latin1.txt: is Windows-1252 text (as Word saves it), not UTF-8; it was read as such, and --fix writes it back in Windows-1252\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a character cut short at the end of the file",
            make: |dir| write(dir, "cut.txt", b"Minutes\n\nThe caf\xc3"),
            args: &["--format", "json", "cut.txt", GOOD],
            code: 2,
            said: Said::Exactly(
                "clerk: cut.txt: is not UTF-8 text (byte 0xc3 at line 3); save it as UTF-8 and check again\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            // Never read as "/": the bytes are Windows-1252's À and ¯.
            name: "an overlong encoding of /",
            make: |dir| write(dir, "overlong.txt", b"Minutes\nItem 1\xc0\xaf2\n"),
            args: &["--format", "json", "overlong.txt", GOOD],
            code: 1,
            said: Said::Exactly(
                "clerk: overlong.txt: is Windows-1252 text (as Word saves it), not UTF-8; it was read as such, and --fix writes it back in Windows-1252\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "UTF-16 little-endian with its byte-order mark",
            make: |dir| write(dir, "utf16le.txt", utf16(COMMITTEE, false)),
            args: &["--format", "json", "utf16le.txt", GOOD],
            code: 2,
            said: Said::Exactly(
                "clerk: utf16le.txt: is saved as UTF-16 text; save it as UTF-8 and check again\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "UTF-16 big-endian with its byte-order mark",
            make: |dir| write(dir, "utf16be.txt", utf16(COMMITTEE, true)),
            args: &["--format", "json", "utf16be.txt", GOOD],
            code: 2,
            said: Said::Exactly(
                "clerk: utf16be.txt: is saved as UTF-16 text; save it as UTF-8 and check again\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "UTF-8 with a byte-order mark is checked, columns as without it",
            make: |dir| write(dir, "bom.txt", format!("\u{feff}{COMMITTEE}")),
            args: &["--format", "json", "bom.txt", GOOD],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Json(&[
                ("bom.txt", "P001", 10, 1),
                ("bom.txt", "A001", 10, 51),
                ("bom.txt", "R001", 11, 1),
                ("bom.txt", "R003", 11, 3),
            ]),
            good: Good::Checked,
        },
        Row {
            name: "NUL bytes in the text",
            make: |dir| write(dir, "nul.txt", b"Minutes\n\nThe DfE\x00 wrote.\n"),
            args: &["--format", "json", "nul.txt", GOOD],
            code: 2,
            said: Said::Exactly("clerk: nul.txt: looks like a binary file (a word-processor document, a PDF or an image), not text; save the minutes as plain text and check again\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a Word document (a zip) named .txt",
            make: |dir| write(dir, "minutes.docx.txt", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"),
            args: &["--format", "json", "minutes.docx.txt", GOOD],
            code: 2,
            said: Said::Exactly("clerk: minutes.docx.txt: looks like a binary file (a word-processor document, a PDF or an image), not text; save the minutes as plain text and check again\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a PDF whose first bytes hold no NUL",
            make: |dir| write(dir, "scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
            args: &["--format", "json", "scan.txt", GOOD],
            code: 2,
            said: Said::Exactly("clerk: scan.txt: looks like a binary file (a word-processor document, a PDF or an image), not text; save the minutes as plain text and check again\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a PNG image's signature",
            make: |dir| write(dir, "photo.txt", b"\x89PNG\r\n\x1a\n"),
            args: &["--format", "json", "photo.txt", GOOD],
            code: 2,
            said: Said::Exactly("clerk: photo.txt: looks like a binary file (a word-processor document, a PDF or an image), not text; save the minutes as plain text and check again\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        // Shapes of text.
        Row {
            name: "an empty file",
            make: |dir| write(dir, "empty.txt", b""),
            args: &["--format", "json", "empty.txt", GOOD],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "only whitespace",
            make: |dir| write(dir, "blank.txt", b"  \n\t\n \r\n\xc2\xa0\n"),
            args: &["--format", "json", "blank.txt", GOOD],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "only CR line ends, places as with LF",
            make: |dir| write(dir, "mac.txt", COMMITTEE.replace('\n', "\r")),
            args: &["--format", "json", "mac.txt", GOOD],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Json(&[
                ("mac.txt", "P001", 10, 1),
                ("mac.txt", "A001", 10, 51),
                ("mac.txt", "R001", 11, 1),
                ("mac.txt", "R003", 11, 3),
            ]),
            good: Good::Checked,
        },
        Row {
            name: "CRLF and LF mixed, places as with LF",
            make: |dir| {
                let mixed: String = COMMITTEE
                    .split_inclusive('\n')
                    .enumerate()
                    .map(|(n, line)| if n % 2 == 0 { line.replace('\n', "\r\n") } else { line.to_owned() })
                    .collect();
                write(dir, "mixed.txt", mixed)
            },
            args: &["--format", "json", "mixed.txt", GOOD],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Json(&[
                ("mixed.txt", "P001", 10, 1),
                ("mixed.txt", "A001", 10, 51),
                ("mixed.txt", "R001", 11, 1),
                ("mixed.txt", "R003", 11, 3),
            ]),
            good: Good::Checked,
        },
        Row {
            name: "one 2 MiB line with no line end",
            make: |dir| write(dir, "pasted.txt", one_long_line()),
            args: &["--format", "json", "pasted.txt", GOOD],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Json(&[("pasted.txt", "A001", 1, 2_097_157)]),
            good: Good::Checked,
        },
        Row {
            name: "200,000 short lines",
            make: |dir| write(dir, "register.txt", format!("{}The DfE wrote.\n", "Noted.\n".repeat(200_000))),
            args: &["--format", "json", "register.txt", GOOD],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Json(&[("register.txt", "A001", 200_001, 5)]),
            good: Good::Checked,
        },
        Row {
            name: "a line of 10,000 #",
            make: |dir| write(dir, "rule.txt", format!("Minutes\n{}\n", "#".repeat(10_000))),
            args: &["--format", "json", "rule.txt", GOOD],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "terminal controls in a flagged line are shown, not obeyed, carets in place",
            make: |dir| write(dir, "notice.txt", CONTROLS),
            args: &["notice.txt"],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Shows(&[
                "notice.txt:3:10: A001 [undefined-abbreviation] DfE is not spelled out in these minutes; it usually stands for “Department for Education”\n",
                "3 | The ␛[2J\\u{9b}DfE wrote ␛]0;title␇ to the␁ clerk␡.\n",
                "  |               ^^^\n",
                "3 - The ␛[2J\\u{9b}DfE wrote ␛]0;title␇ to the␁ clerk␡.\n",
                "3 + The ␛[2J\\u{9b}Department for Education (DfE) wrote ␛]0;title␇ to the␁ clerk␡.\n",
            ]),
            good: Good::Absent,
        },
        Row {
            name: "terminal controls in JSON are kept exactly, escaped by JSON",
            make: |dir| write(dir, "notice.txt", CONTROLS),
            args: &["--format", "json", "notice.txt", GOOD],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Json(&[("notice.txt", "A001", 3, 10)]),
            good: Good::Checked,
        },
        Row {
            name: "terminal controls from clerk.toml in a message and a fix",
            make: |dir| {
                write(dir, "clerk.toml", GLOSSARY_WITH_CONTROLS);
                write(dir, "letter.txt", "Minutes\n\nThe DfE wrote.\n");
            },
            args: &["letter.txt"],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Shows(&[
                "letter.txt:3:5: A001 [undefined-abbreviation] DfE is not spelled out in these minutes; the glossary gives “Department␛]0;x␇ for \\u{9b}Education”\n",
                "help: fix available: Spell out DfE as “Department␛]0;x␇ for \\u{9b}Education (DfE)” (run with --fix to apply it)\n",
                "3 + The Department␛]0;x␇ for \\u{9b}Education (DfE) wrote.\n",
            ]),
            good: Good::Absent,
        },
        Row {
            name: "terminal controls from clerk.toml in a GitHub annotation",
            make: |dir| {
                write(dir, "clerk.toml", GLOSSARY_WITH_CONTROLS);
                write(dir, "letter.txt", "Minutes\n\nThe DfE wrote.\n");
            },
            args: &["--format", "github", "letter.txt"],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Shows(&[
                "::warning file=letter.txt,line=3,col=5,endLine=3,endColumn=8,title=A001 undefined-abbreviation::DfE is not spelled out in these minutes; the glossary gives “Department␛]0;x␇ for \\u{9b}Education”\n",
            ]),
            good: Good::Absent,
        },
        // Paths.
        Row {
            name: "a file that does not exist",
            make: |_| {},
            args: &["--format", "json", "missing.txt", GOOD],
            code: 2,
            said: Said::Exactly("clerk: missing.txt: no such file or folder\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a folder named like minutes and holding none is noted",
            make: |dir| write(dir, "march.txt/agenda.docx", b"PK\x03\x04"),
            args: &["--format", "json", "march.txt", GOOD],
            code: 1,
            said: Said::Exactly("clerk: march.txt: is a folder, not a file of minutes, and holds no minutes files, so nothing in it was checked\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a folder named like minutes is searched, not read",
            make: |dir| write(dir, "april.txt/committee.txt", COMMITTEE),
            args: &["--format", "json", "april.txt", GOOD],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Json(&[
                ("april.txt/committee.txt", "P001", 10, 1),
                ("april.txt/committee.txt", "A001", 10, 51),
                ("april.txt/committee.txt", "R001", 11, 1),
                ("april.txt/committee.txt", "R003", 11, 3),
            ]),
            good: Good::Checked,
        },
        Row {
            name: "a link to nothing",
            make: |dir| link(dir, "2019.txt", "gone.txt"),
            args: &["--format", "json", "gone.txt", GOOD],
            code: 2,
            said: Said::Exactly(
                "clerk: gone.txt: could not be read: it is a link to 2019.txt, which does not exist\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a loop of links, named",
            make: |dir| {
                link(dir, "loop-b.txt", "loop-a.txt");
                link(dir, "loop-a.txt", "loop-b.txt");
            },
            args: &["--format", "json", "loop-a.txt", GOOD],
            code: 2,
            said: Said::Exactly(
                "clerk: loop-a.txt: could not be read: it is a link in a circle of links that never reaches a file\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a loop of links, found in a folder",
            make: |dir| {
                link(dir, "loop-b.txt", "loop-a.txt");
                link(dir, "loop-a.txt", "loop-b.txt");
            },
            args: &["--format", "json", "."],
            code: 2,
            said: Said::Exactly(
                "clerk: loop-a.txt: could not be read: it is a link in a circle of links that never reaches a file\n\
                 clerk: loop-b.txt: could not be read: it is a link in a circle of links that never reaches a file\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a file name that is not UTF-8, named",
            make: |dir| write(dir, latin1_name(), COMMITTEE),
            args: &["--format", "json", LATIN1_NAME, GOOD],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Json(&[
                ("caf\u{fffd}.txt", "P001", 10, 1),
                ("caf\u{fffd}.txt", "A001", 10, 51),
                ("caf\u{fffd}.txt", "R001", 11, 1),
                ("caf\u{fffd}.txt", "R003", 11, 3),
            ]),
            good: Good::Checked,
        },
        Row {
            name: "a file name that is not UTF-8, found in a folder, Windows-1252 inside",
            make: |dir| write(dir, latin1_name(), COMMITTEE.as_bytes().iter().fold(Vec::new(), |mut bytes, &byte| {
                // The committee minutes' one è, as Windows-1252 holds it.
                if bytes.last() == Some(&0xc3) && byte == 0xa8 {
                    bytes.pop();
                    bytes.push(0xe8);
                } else {
                    bytes.push(byte);
                }
                bytes
            })),
            args: &["--format", "json", "."],
            code: 1,
            said: Said::Exactly(
                "clerk: caf\u{fffd}.txt: is Windows-1252 text (as Word saves it), not UTF-8; it was read as such, and --fix writes it back in Windows-1252\n",
            ),
            report: Report::Json(&[
                ("caf\u{fffd}.txt", "P001", 10, 1),
                ("caf\u{fffd}.txt", "A001", 10, 51),
                ("caf\u{fffd}.txt", "R001", 11, 1),
                ("caf\u{fffd}.txt", "R003", 11, 3),
            ]),
            good: Good::Checked,
        },
        Row {
            name: "a file name with a line end in it, in human output",
            make: |dir| write(dir, "march\nagenda.txt", COMMITTEE),
            args: &["--select", "A001", "march\nagenda.txt"],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Shows(&["march␊agenda.txt:10:51: A001 [undefined-abbreviation] "]),
            good: Good::Absent,
        },
        Row {
            name: "a file name with terminal controls, in a message",
            make: |dir| write(dir, "draft\x1b[2J\x07.txt", b"Caf\xe9\n"),
            args: &["--format", "json", "draft\x1b[2J\x07.txt", GOOD],
            code: 1,
            said: Said::Exactly(
                "clerk: draft␛[2J␇.txt: is Windows-1252 text (as Word saves it), not UTF-8; it was read as such, and --fix writes it back in Windows-1252\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a file name with terminal controls and a line end, in GitHub annotations",
            make: |dir| write(dir, "draft\x1b[2J\n.txt", COMMITTEE),
            args: &["--format", "github", "--select", "A001", "draft\x1b[2J\n.txt"],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Shows(&["::warning file=draft␛[2J%0A.txt,line=10,col=51,"]),
            good: Good::Absent,
        },
        Row {
            name: "a named pipe found in a folder",
            make: |dir| fifo(dir, "pipe.txt"),
            args: &["--format", "json", "."],
            code: 2,
            said: Said::Exactly(
                "clerk: pipe.txt: is a named pipe, not a regular file; clerk reads only files of minutes\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a socket found in a folder",
            make: |dir| socket(dir, "sock.minutes"),
            args: &["--format", "json", "."],
            code: 2,
            said: Said::Exactly(
                "clerk: sock.minutes: is a socket, not a regular file; clerk reads only files of minutes\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a link to a device found in a folder",
            make: |dir| link(dir, "/dev/null", "null.md"),
            args: &["--format", "json", "."],
            code: 2,
            said: Said::Exactly(
                "clerk: null.md: is a device, not a regular file; clerk reads only files of minutes\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a pipe and a socket not named like minutes are none of clerk's business",
            make: |dir| {
                fifo(dir, "printer.fifo");
                socket(dir, "agent.sock");
            },
            args: &["--format", "json", "."],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a named pipe called .ignore where the search starts is not opened",
            make: |dir| fifo(dir, ".ignore"),
            args: &["--format", "json", ".", GOOD],
            code: 2,
            said: Said::Exactly(
                "clerk: .ignore: is a named pipe, not a regular file; clerk reads from it which \
                 files to pass over, so the folder it applies to was not searched\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a named pipe called .gitignore in a folder below is not opened",
            make: |dir| {
                write(dir, "drafts/committee.txt", COMMITTEE);
                fifo(dir, "drafts/.gitignore");
            },
            args: &["--format", "json", "."],
            code: 2,
            said: Said::Exactly(
                "clerk: drafts/.gitignore: is a named pipe, not a regular file; clerk reads from \
                 it which files to pass over, so the folder it applies to was not searched\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a link to an endless device called .ignore in a folder below is not read",
            make: |dir| {
                std::fs::create_dir(dir.join("drafts")).unwrap();
                link(dir, "/dev/zero", "drafts/.ignore");
            },
            args: &["--format", "json", "."],
            code: 2,
            said: Said::Exactly(
                "clerk: drafts/.ignore: is a device, not a regular file; clerk reads from it \
                 which files to pass over, so the folder it applies to was not searched\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a file named twice and found in a folder is checked once",
            make: |_| {},
            args: &["--format", "json", GOOD, "./committee.txt", "."],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "/dev/null named",
            make: |_| {},
            args: &["--format", "json", "/dev/null", GOOD],
            code: 2,
            said: Said::Exactly(
                "clerk: /dev/null: is a device, not a regular file; clerk reads only files of minutes\n",
            ),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        // Configuration.
        Row {
            name: "a clerk.toml with a syntax error",
            make: |dir| write(dir, "clerk.toml", "[checks]\nselect = [\"A001\"\n"),
            args: &["--format", "json", GOOD],
            code: 2,
            said: Said::Exactly("clerk: clerk.toml:2:17: the settings file is not valid TOML: unclosed array, expected `]`; its files are checked with the rest of its settings\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a --config with a syntax error",
            make: |dir| write(dir, "shared.toml", "[checks]\nignore = \"A001\n"),
            args: &["--format", "json", "--config", "shared.toml", GOOD],
            code: 2,
            said: Said::Exactly("clerk: shared.toml:2:15: a quotation mark is not closed on this line; its files are checked with the rest of its settings\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a number where a list of checks belongs",
            make: |dir| write(dir, "clerk.toml", "[checks]\nselect = 3\n"),
            args: &["--format", "json", GOOD],
            code: 2,
            said: Said::Exactly("clerk: clerk.toml:2:10: [checks] select should be a list of checks, like [\"A001\", \"missing-speaker-role\"], not a number; its files are checked with the rest of its settings\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "an unknown check",
            make: |dir| write(dir, "clerk.toml", "[checks]\nignore = [\"A009\"]\n"),
            args: &["--format", "json", GOOD],
            code: 2,
            said: Said::Exactly("clerk: clerk.toml:2:11: unknown check \"A009\" in [checks] ignore; the checks are R001, R002, R003, R004, R005, A001, A002, A003, A004, P001, P002, P003, D001, D002, D003, S001, S002, T001, K001, K002, M001; its files are checked with the rest of its settings\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "an unknown setting in a table",
            make: |dir| write(dir, "clerk.toml", "[checks]\ncolour = \"red\"\n"),
            args: &["--format", "json", GOOD],
            code: 2,
            said: Said::Exactly("clerk: clerk.toml:2:1: unknown setting \"colour\" in [checks]; the settings there are select, extend-select, ignore, severity; its files are checked with the rest of its settings\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a setting outside any table",
            make: |dir| write(dir, "clerk.toml", "select = [\"A001\"]\n"),
            args: &["--format", "json", GOOD],
            code: 2,
            said: Said::Exactly("clerk: clerk.toml:1:1: unknown setting \"select\" in the settings file; the tables are [abbreviations], [glossary], [known], [dictionary], [people], [checks], [files], [per-file-ignores], [body]; its files are checked with the rest of its settings\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "an unknown severity",
            make: |dir| write(dir, "clerk.toml", "[checks.severity]\nA001 = \"fatal\"\n"),
            args: &["--format", "json", GOOD],
            code: 2,
            said: Said::Exactly("clerk: clerk.toml:2:8: unknown severity \"fatal\" for A001 in [checks.severity]; use error, warning or info; its files are checked with the rest of its settings\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a clerk.toml that is not UTF-8 names the place",
            make: |dir| write(dir, "clerk.toml", b"[abbreviations]\nDfE = \"D\xe9partement\"\n"),
            args: &["--format", "json", GOOD],
            code: 2,
            said: Said::Exactly("clerk: clerk.toml:2:9: the settings file is not UTF-8 text; save it as UTF-8 and check again; its files are checked with the default settings\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a clerk.toml saved as UTF-16",
            make: |dir| write(dir, "clerk.toml", utf16("[checks]\r\nignore = [\"A001\"]\r\n", false)),
            args: &["--format", "json", GOOD],
            code: 2,
            said: Said::Exactly("clerk: clerk.toml: the settings file is saved as UTF-16 text; save it as UTF-8 and check again; its files are checked with the default settings\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a clerk.toml with a UTF-8 byte-order mark is read",
            make: |dir| write(dir, "clerk.toml", "\u{feff}[checks]\r\nignore = [\"A001\"]\r\n"),
            args: &["--format", "json", "--select", "A001,P001", GOOD],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Json(&[(GOOD, "P001", 10, 1)]),
            good: Good::Absent,
        },
        Row {
            name: "a folder named clerk.toml",
            make: |dir| std::fs::create_dir(dir.join("clerk.toml")).unwrap(),
            args: &["--format", "json", GOOD],
            code: 2,
            said: Said::Exactly("clerk: clerk.toml: the settings file is a folder, not a regular file; its files are checked with the default settings\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a named pipe named clerk.toml is not opened",
            make: |dir| fifo(dir, "clerk.toml"),
            args: &["--format", "json", GOOD],
            code: 2,
            said: Said::Exactly("clerk: clerk.toml: the settings file is a named pipe, not a regular file; its files are checked with the default settings\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a clerk.toml that is a link to nothing",
            make: |dir| link(dir, "../shared/clerk.toml", "clerk.toml"),
            args: &["--format", "json", GOOD],
            code: 2,
            said: Said::Exactly("clerk: clerk.toml: the settings file is a link to ../shared/clerk.toml, which does not exist; its files are checked with the default settings\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a clerk.toml over 1 MiB",
            make: |dir| {
                let line = "# padded out with comments\n";
                write(dir, "clerk.toml", line.repeat(1024 * 1024 / line.len() + 1))
            },
            args: &["--format", "json", GOOD],
            code: 2,
            said: Said::Exactly("clerk: clerk.toml: the settings file is larger than 1 MiB, the most clerk reads as a clerk.toml; its files are checked with the default settings\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "an empty clerk.toml is fine",
            make: |dir| write(dir, "clerk.toml", ""),
            args: &["--format", "json", GOOD],
            code: 1,
            said: Said::Exactly(""),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a --config that does not exist",
            make: |_| {},
            args: &["--format", "json", "--config", "nowhere.toml", GOOD],
            code: 2,
            said: Said::Exactly("clerk: nowhere.toml: there is no settings file here; its files are checked with the default settings\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        Row {
            name: "a --config that is a folder",
            make: |dir| std::fs::create_dir(dir.join("settings")).unwrap(),
            args: &["--format", "json", "--config", "settings", GOOD],
            code: 2,
            said: Said::Exactly("clerk: settings: the settings file is a folder, not a regular file; its files are checked with the default settings\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
        // The command line itself.
        Row {
            name: "an unknown check in --select checks nothing",
            make: |_| {},
            args: &["--format", "json", "--select", "A009", GOOD],
            code: 2,
            said: Said::Exactly("clerk: unknown check \"A009\" in --select; the checks are R001, R002, R003, R004, R005, A001, A002, A003, A004, P001, P002, P003, D001, D002, D003, S001, S002, T001, K001, K002, M001\n"),
            report: Report::Nothing,
            good: Good::Absent,
        },
        Row {
            name: "an unknown format",
            make: |_| {},
            args: &["--format", "xml", GOOD],
            code: 2,
            said: Said::StartsWith("error: invalid value 'xml' for '--format <FORMAT>'\n  [possible values: human, concise, json, json-lines, github, gitlab, junit, sarif]\n"),
            report: Report::Nothing,
            good: Good::Absent,
        },
        Row {
            name: "standard input named twice",
            make: |_| {},
            args: &["--format", "json", "-", "-"],
            code: 2,
            said: Said::Exactly("clerk: standard input (-) can be named only once\n"),
            report: Report::Nothing,
            good: Good::Absent,
        },
        // --fix: the bad file is left alone, the good one mended.
        Row {
            // A UTF-8 dash on line 1 and a Windows-1252 é on line 2: neither.
            name: "--fix with a file that is neither UTF-8 nor Windows-1252",
            make: |dir| write(dir, "latin1.txt", b"Minutes \xe2\x80\x93 draft\n- That the caf\xe9 opens.\n- That it closes.\n"),
            args: &["--fix", "--format", "json", "latin1.txt", GOOD],
            code: 2,
            said: Said::Exactly("clerk: latin1.txt: is not UTF-8 text (byte 0xe9 at line 2); save it as UTF-8 and check again\n"),
            report: Report::Json(&[]),
            good: Good::Fixed,
        },
        Row {
            name: "--fix with a UTF-16 file",
            make: |dir| write(dir, "utf16.txt", utf16(COMMITTEE, false)),
            args: &["--fix", "--format", "json", "utf16.txt", GOOD],
            code: 2,
            said: Said::Exactly("clerk: utf16.txt: is saved as UTF-16 text; save it as UTF-8 and check again\n"),
            report: Report::Json(&[]),
            good: Good::Fixed,
        },
        Row {
            name: "--fix with a binary file",
            make: |dir| write(dir, "scan.txt", b"%PDF-1.4\n\x00\x01- That\n- That\n"),
            args: &["--fix", "--format", "json", "scan.txt", GOOD],
            code: 2,
            said: Said::Exactly("clerk: scan.txt: looks like a binary file (a word-processor document, a PDF or an image), not text; save the minutes as plain text and check again\n"),
            report: Report::Json(&[]),
            good: Good::Fixed,
        },
        Row {
            name: "--fix with a named pipe, named",
            make: |dir| fifo(dir, "pipe.txt"),
            args: &["--fix", "--format", "json", "pipe.txt", GOOD],
            code: 2,
            said: Said::Exactly("clerk: pipe.txt: is a named pipe, not a regular file; clerk reads only files of minutes\n"),
            report: Report::Json(&[]),
            good: Good::Fixed,
        },
        Row {
            name: "--fix with a socket in a folder",
            make: |dir| socket(dir, "sock.txt"),
            args: &["--fix", "--format", "json", "."],
            code: 2,
            said: Said::Exactly("clerk: sock.txt: is a socket, not a regular file; clerk reads only files of minutes\n"),
            report: Report::Json(&[]),
            good: Good::Fixed,
        },
        Row {
            name: "--fix with a file over 256 MiB",
            make: sparse_over_256_mib,
            args: &["--fix", "--format", "json", "archive.txt", GOOD],
            code: 2,
            said: Said::Exactly("clerk: archive.txt: is larger than 256 MiB, the most clerk reads as one file of minutes; split it into smaller files and check those\n"),
            report: Report::Json(&[]),
            good: Good::Fixed,
        },
        Row {
            name: "--fix with a link to nothing writes nothing where it leads",
            make: |dir| link(dir, "2019.txt", "gone.txt"),
            args: &["--fix", "--format", "json", "gone.txt", GOOD],
            code: 2,
            said: Said::Exactly("clerk: gone.txt: could not be read: it is a link to 2019.txt, which does not exist\n"),
            report: Report::Json(&[]),
            good: Good::Fixed,
        },
        Row {
            name: "--fix with a missing file",
            make: |_| {},
            args: &["--fix", "--format", "json", "missing.txt", GOOD],
            code: 2,
            said: Said::Exactly("clerk: missing.txt: no such file or folder\n"),
            report: Report::Json(&[]),
            good: Good::Fixed,
        },
        Row {
            name: "--fix under a broken clerk.toml mends nothing it governs",
            // R001's safe fix would be applied under settings without a mistake.
            make: |dir| write(dir, "clerk.toml", "[checks]\nselect = 3\n"),
            args: &["--fix", "--format", "json", GOOD],
            code: 2,
            said: Said::Exactly("clerk: clerk.toml:2:10: [checks] select should be a list of checks, like [\"A001\", \"missing-speaker-role\"], not a number; its files are checked with the rest of its settings, and not fixed until it is mended\n"),
            report: Report::Json(&[]),
            good: Good::Checked,
        },
    ]
}

/// `clerk outline` prints the minutes' own headings: controls in one are
/// shown, not obeyed. (A row of its own: the catalogue runs `clerk check`.)
#[test]
fn the_outline_shows_terminal_controls_in_a_heading() {
    let dir = tempfile::tempdir().unwrap();
    let minutes = COMMITTEE.replace(
        "2. School transport",
        "2. School\u{1b}]0;title\u{7} transport\u{9b}",
    );
    write(dir.path(), GOOD, &minutes);
    let before = snapshot(dir.path());
    let run = clerk(dir.path(), &["outline".into(), GOOD.into()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = shown(&run.stdout).unwrap_or_else(|raw| panic!("{raw}"));
    assert!(
        report.contains("\n 9  2. School␛]0;title␇ transport\\u{9b}  (minute 2)\n"),
        "{report}"
    );
    assert_eq!(snapshot(dir.path()), before);
}

/// `text` as UTF-16 with its byte-order mark, as Windows Notepad saves it.
fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    std::iter::once('\u{feff}' as u16)
        .chain(text.encode_utf16())
        .flat_map(|unit| {
            if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            }
        })
        .collect()
}

#[test]
fn every_fault_in_the_catalogue_is_answered_and_nothing_else_is_touched() {
    let started = Instant::now();
    let rows = catalogue();
    assert!(rows.len() >= 32, "only {} rows", rows.len());
    let mut names: Vec<&str> = rows.iter().map(|row| row.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), rows.len(), "two rows share a name");
    let mut failed = Vec::new();
    for row in &rows {
        let row_started = Instant::now();
        if let Err(panic) = std::panic::catch_unwind(|| check_row(row)) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failed.push(format!("{}: {message}", row.name));
        }
        let took = row_started.elapsed();
        if took > Duration::from_secs(2) {
            eprintln!("{}: {took:?}", row.name);
        }
    }
    eprintln!("{} rows in {:?}", rows.len(), started.elapsed());
    assert!(
        failed.is_empty(),
        "{} of {} rows failed:\n\n{}",
        failed.len(),
        rows.len(),
        failed.join("\n\n")
    );
}

fn check_row(row: &Row) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), GOOD, COMMITTEE);
    (row.make)(dir.path());
    let before = snapshot(dir.path());
    let args: Vec<OsString> = std::iter::once(OsString::from("check"))
        .chain(row.args.iter().map(|arg| match *arg {
            LATIN1_NAME => latin1_name().to_owned(),
            other => OsString::from(other),
        }))
        .collect();
    let run = clerk(dir.path(), &args);
    let after = snapshot(dir.path());
    let context = format!(
        "exit {}\n--- stdout\n{}\n--- stderr\n{}",
        run.code,
        brief(&run.stdout),
        brief(&run.stderr)
    );

    let said = shown(&run.stderr).unwrap_or_else(|raw| panic!("stderr: {raw}\n{context}"));
    match row.said {
        Said::Exactly(expected) => assert_eq!(said, expected, "stderr\n{context}"),
        Said::StartsWith(expected) => {
            assert!(said.starts_with(expected), "stderr\n{context}")
        }
    }
    assert_eq!(run.code, row.code, "exit code\n{context}");

    let good: &[(&str, u64, u64)] = match row.good {
        Good::Absent => &[],
        Good::Checked => COMMITTEE_FINDINGS,
        Good::Fixed => FIXED_FINDINGS,
    };
    match row.report {
        Report::Json(bad) => {
            let mut expected: Vec<(String, String, u64, u64)> = bad
                .iter()
                .map(|(path, code, line, column)| {
                    (path.to_string(), code.to_string(), *line, *column)
                })
                .collect();
            expected.extend(
                good.iter().map(|(code, line, column)| {
                    (GOOD.to_owned(), code.to_string(), *line, *column)
                }),
            );
            assert_eq!(run.findings(), expected, "findings\n{context}");
        }
        Report::Shows(pieces) => {
            assert!(good.is_empty(), "a good file is checked in JSON rows only");
            let report =
                shown(&run.stdout).unwrap_or_else(|raw| panic!("stdout: {raw}\n{context}"));
            let mut rest = report.as_str();
            for piece in pieces {
                match rest.find(piece) {
                    Some(at) => rest = &rest[at + piece.len()..],
                    None => panic!("the report lacks, in its place:\n{piece}\n{context}"),
                }
            }
        }
        Report::Nothing => assert_eq!(run.stdout, "", "stdout\n{context}"),
    }

    // Nothing created, changed or removed, but the good file when mended
    // (and so its folder, which a mended file is renamed into).
    let mut expected = before.clone();
    if let Good::Fixed = row.good {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(GOOD)).unwrap(),
            committee_fixed(),
            "the good file is mended\n{context}"
        );
        for changed in [PathBuf::from(GOOD), PathBuf::new()] {
            if let Some(entry) = after.get(&changed) {
                expected.insert(changed, entry.clone());
            }
        }
    }
    assert_eq!(
        after, expected,
        "the folder was changed (left: after, right: as it should be)\n{context}"
    );
}

/// The start of a long output, enough to see what went wrong.
fn brief(text: &str) -> String {
    match text.char_indices().nth(1500) {
        Some((at, _)) => format!("{}… ({} bytes in all)", &text[..at], text.len()),
        None => text.to_owned(),
    }
}

/// What the test knows of one entry in a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Entry {
    File {
        length: u64,
        digest: u64,
        modified: SystemTime,
    },
    Folder {
        modified: SystemTime,
    },
    Link {
        target: PathBuf,
        modified: SystemTime,
    },
    /// A pipe, a socket, a device: never opened.
    Other {
        modified: SystemTime,
    },
}

/// Every entry under `dir` (the folder itself as the empty path), links
/// not followed.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Entry> {
    let mut entries = BTreeMap::new();
    let mut folders = vec![PathBuf::new()];
    while let Some(relative) = folders.pop() {
        let path = dir.join(&relative);
        let metadata = std::fs::symlink_metadata(&path).unwrap();
        entries.insert(
            relative.clone(),
            Entry::Folder {
                modified: metadata.modified().unwrap(),
            },
        );
        for child in std::fs::read_dir(&path).unwrap() {
            let child = child.unwrap();
            let relative = relative.join(child.file_name());
            let kind = child.file_type().unwrap();
            if kind.is_dir() {
                folders.push(relative);
            } else {
                entries.insert(relative, file_entry(&child.path()));
            }
        }
    }
    entries
}

fn file_entry(path: &Path) -> Entry {
    let metadata = std::fs::symlink_metadata(path).unwrap();
    let modified = metadata.modified().unwrap();
    if metadata.file_type().is_symlink() {
        Entry::Link {
            target: std::fs::read_link(path).unwrap(),
            modified,
        }
    } else if metadata.is_file() {
        Entry::File {
            length: metadata.len(),
            digest: digest(path),
            modified,
        }
    } else {
        Entry::Other { modified }
    }
}

/// A digest of a file's bytes, read in pieces: one file is 256 MiB.
fn digest(path: &Path) -> u64 {
    let mut file = std::fs::File::open(path).unwrap();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut buffer = vec![0u8; 1 << 20];
    let zeros = vec![0u8; 1 << 20];
    loop {
        let read = file.read(&mut buffer).unwrap();
        if read == 0 {
            break;
        }
        let piece = &buffer[..read];
        // A run of zeros (the sparse file) is counted, not hashed byte by
        // byte; comparing slices is a memcmp, quick even unoptimised.
        if piece == &zeros[..read] {
            hasher.write_u64(read as u64);
        } else {
            hasher.write(piece);
        }
    }
    hasher.finish()
}

/// Text as a terminal would show it, with clerk's own styling (SGR
/// sequences, `ESC [ ... m`) taken out, or what raw control character
/// reached the terminal and where.
fn shown(text: &str) -> Result<String, String> {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\u{1b}' && chars.peek().map(|&(_, next)| next) == Some('[') {
            chars.next();
            let mut styling = true;
            loop {
                match chars.next() {
                    Some((_, 'm')) => break,
                    Some((_, c)) if c.is_ascii_digit() || c == ';' => {}
                    _ => {
                        styling = false;
                        break;
                    }
                }
            }
            if styling {
                continue;
            }
            return Err(format!(
                "a raw escape sequence at byte {at}: {:?}",
                &text[at..]
            ));
        }
        let raw_control =
            (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c);
        if raw_control {
            return Err(format!(
                "a raw control character {c:?} at byte {at}: {:?}",
                &text[at.saturating_sub(40)..]
            ));
        }
        plain.push(c);
    }
    Ok(plain)
}
