//! Finding the files to check and reading them as text, refusing what is
//! not UTF-8 text with a message that says how to put it right.

use super::settings::SettingsCache;
use crate::text::file::{self, ReadFailure};
use crate::text::LineIndex;
use std::path::{Component, Path, PathBuf};

/// One thing to check: a file, or standard input.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    /// The name shown to the user: as they typed it, or as found in a folder.
    pub shown: PathBuf,
    /// Where the file is, made absolute (for standard input, where its
    /// --stdin-filename would be): used to find its settings.
    pub absolute: PathBuf,
    pub from_stdin: bool,
    /// Named on the command line (or standard input), rather than found
    /// in a folder: always read as minutes.
    pub named: bool,
}

/// Something that could not be checked, and why, in a clerk's words.
#[derive(Clone, Debug)]
pub(crate) struct Unchecked {
    pub path: String,
    /// One-based line and column, when the trouble has a place.
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
}

impl Unchecked {
    /// Trouble with a whole file, at no place in it: unreadable, not text.
    pub fn whole_file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Unchecked {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Unchecked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// The name standard input goes by when no --stdin-filename is given.
pub(crate) const STDIN_NAME: &str = "-";

/// The files a command that reads minutes without checking them (`clerk
/// outline`, the index, the registers) takes from `paths`, found as `clerk
/// check` finds them. What could not be read is told on standard error,
/// and whether there was any is given back; the mistakes of a clerk.toml
/// are `clerk check`'s to tell, so they are dropped here.
pub(crate) fn collect_to_read(
    paths: &[PathBuf],
    settings: &mut SettingsCache,
) -> (Vec<Target>, bool) {
    let mut unchecked = Vec::new();
    let mut notes = Vec::new();
    let targets = collect(paths, None, settings, &mut unchecked, &mut notes);
    drop(settings.take_errors());
    for trouble in &unchecked {
        anstream::eprintln!("{}", super::output::trouble_line(trouble));
    }
    for note in &notes {
        anstream::eprintln!("clerk: {}", super::output::untrusted(&note.to_string()));
    }
    (targets, !unchecked.is_empty())
}

/// Expands the paths named on the command line into files to check, in a
/// stable order. Folders are searched with the include and exclude patterns
/// of each file's settings; a file named outright is always checked.
/// Links are followed; what was passed over without loss goes in `notes`.
/// A pipe, a socket or a device found in a folder with a minutes file's
/// name is reported as not read; with any other name it passes in silence.
pub(crate) fn collect(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    settings: &mut SettingsCache,
    unchecked: &mut Vec<Unchecked>,
    notes: &mut Vec<Unchecked>,
) -> Vec<Target> {
    let mut targets = Vec::new();
    for path in paths {
        if path.as_os_str() == STDIN_NAME {
            let shown = stdin_filename
                .map(Path::to_owned)
                .unwrap_or_else(|| PathBuf::from(STDIN_NAME));
            // Without a name, standard input takes its settings from the current folder.
            let absolute = settings.absolute(stdin_filename.unwrap_or(Path::new(STDIN_NAME)));
            targets.push(Target {
                shown,
                absolute,
                from_stdin: true,
                named: true,
            });
            continue;
        }
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => {
                let (found, troubles) = (targets.len(), unchecked.len());
                walk(path, settings, &mut targets, unchecked, notes);
                // A folder named like a file of minutes (march.txt/) that
                // holds none would otherwise pass without a word, as if
                // it had been checked and found clean.
                let absolute = settings.absolute(path);
                let named_like_minutes = settings.for_file(&absolute).wants(&absolute);
                if named_like_minutes && targets.len() == found && unchecked.len() == troubles {
                    notes.push(Unchecked::whole_file(
                        path.display().to_string(),
                        "is a folder, not a file of minutes, and holds no minutes files, \
                         so nothing in it was checked",
                    ));
                }
            }
            Ok(_) => targets.push(Target {
                shown: path.clone(),
                absolute: settings.absolute(path),
                from_stdin: false,
                named: true,
            }),
            Err(error) => unchecked.push(Unchecked {
                path: path.display().to_string(),
                line: None,
                column: None,
                message: match error.kind() {
                    std::io::ErrorKind::NotFound => {
                        broken_link(path).unwrap_or_else(|| "no such file or folder".to_owned())
                    }
                    _ if is_link_loop(path) => LINK_LOOP.to_owned(),
                    _ => format!("could not be opened: {}", plain_io_error(&error)),
                },
            }),
        }
    }
    // A file named twice, or named and found in a folder too, is checked
    // and reported once, where it first came; named anywhere, it is
    // read as minutes whatever it says.
    let named: std::collections::HashSet<PathBuf> = targets
        .iter()
        .filter(|target| target.named && !target.from_stdin)
        .map(|target| target.absolute.clone())
        .collect();
    let mut seen = std::collections::HashSet::new();
    targets.retain(|target| target.from_stdin || seen.insert(target.absolute.clone()));
    for target in &mut targets {
        target.named |= named.contains(&target.absolute);
    }
    targets
}

fn walk(
    folder: &Path,
    settings: &mut SettingsCache,
    targets: &mut Vec<Target>,
    unchecked: &mut Vec<Unchecked>,
    notes: &mut Vec<Unchecked>,
) {
    // The walker reads the lists of files to pass over in the folder and
    // the folders above it; one of those that is a pipe would make it wait
    // for ever, so such a folder is not searched, and the clerk is told.
    let above = settings.absolute(folder);
    if let Some(list) = above.ancestors().find_map(unreadable_skip_list) {
        let shown = match list.path.strip_prefix(settings.absolute(Path::new("."))) {
            Ok(inside) => tidy(inside),
            Err(_) => list.path.clone(),
        };
        unchecked.push(list.trouble(&shown));
        return;
    }
    let passed_over = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = passed_over.clone();
    // A link to minutes kept elsewhere is checked as if they were here. The
    // walker knows the folders it is inside, and stops at a link back to one
    // rather than going round for ever.
    let walker = ignore::WalkBuilder::new(folder)
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| {
            // Looked at before the walker goes in and reads the folder's lists.
            if !entry.file_type().is_some_and(|kind| kind.is_dir()) {
                return true;
            }
            match unreadable_skip_list(entry.path()) {
                None => true,
                Some(list) => {
                    if let Ok(mut seen) = seen.lock() {
                        seen.push(list);
                    }
                    false
                }
            }
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                walk_trouble(folder, &error, settings, unchecked, notes);
                continue;
            }
        };
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            continue;
        }
        let shown = tidy(entry.path());
        let absolute = settings.absolute(entry.path());
        if !settings.for_file(&absolute).wants(&absolute) {
            continue;
        }
        match file::not_regular(kind) {
            None => targets.push(Target {
                shown,
                absolute,
                from_stdin: false,
                named: false,
            }),
            // Named like minutes but a pipe, a socket or a device: the clerk
            // is told, and it is never opened (opening a pipe waits for a
            // writer). Such things named otherwise are the folder's own
            // business, and pass in silence.
            Some(kind) => unchecked.push(Unchecked::whole_file(
                shown.display().to_string(),
                not_regular_message(kind),
            )),
        }
    }
    let passed_over = passed_over
        .lock()
        .map(|lists| lists.clone())
        .unwrap_or_default();
    for list in passed_over {
        unchecked.push(list.trouble(&tidy(&list.path)));
    }
}

/// A list of files to pass over (a `.ignore`, a `.gitignore` or a
/// `.git/info/exclude`) that is not a regular file.
#[derive(Clone)]
struct UnreadableSkipList {
    path: PathBuf,
    kind: &'static str,
}

impl UnreadableSkipList {
    fn trouble(&self, shown: &Path) -> Unchecked {
        Unchecked::whole_file(
            shown.display().to_string(),
            format!(
                "is {}, not a regular file; clerk reads from it which files to pass over, \
                 so the folder it applies to was not searched",
                self.kind
            ),
        )
    }
}

/// The list of files to pass over in `folder` that the walker would open
/// but must not: a named pipe (opening one waits for a writer), a device
/// (/dev/zero never ends) or a socket.
fn unreadable_skip_list(folder: &Path) -> Option<UnreadableSkipList> {
    // The walker opens a .gitignore even outside a git repository, and
    // only then sees that its patterns do not apply.
    [".ignore", ".gitignore", ".git/info/exclude"]
        .into_iter()
        .find_map(|name| {
            let path = folder.join(name);
            let kind = std::fs::metadata(&path).ok()?.file_type();
            if kind.is_dir() {
                return None;
            }
            file::not_regular(kind).map(|kind| UnreadableSkipList { path, kind })
        })
}

/// Why something that is not a regular file was not read.
fn not_regular_message(kind: &str) -> String {
    format!("is {kind}, not a regular file; clerk reads only files of minutes")
}

/// Sorts what the walker met in a folder: a link back round is noted, a
/// link to nothing is a file that could not be read (when it is named like
/// minutes), and anything else means the folder could not be searched.
fn walk_trouble(
    folder: &Path,
    error: &ignore::Error,
    settings: &mut SettingsCache,
    unchecked: &mut Vec<Unchecked>,
    notes: &mut Vec<Unchecked>,
) {
    // The walker wraps its errors in where and how deep; the path is kept.
    let mut path = None;
    let mut error = error;
    loop {
        match error {
            ignore::Error::WithPath { path: at, err } => {
                path = Some(at.as_path());
                error = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                error = err;
            }
            _ => break,
        }
    }
    match (error, path) {
        (ignore::Error::Loop { ancestor, child }, _) => notes.push(Unchecked::whole_file(
            tidy(child).display().to_string(),
            format!(
                "leads back to {}, a folder it is in, so it was not followed again",
                tidy(ancestor).display()
            ),
        )),
        (ignore::Error::Io(io), Some(path)) if io.kind() == std::io::ErrorKind::NotFound => {
            let absolute = settings.absolute(path);
            if let Some(message) = broken_link(path) {
                if settings.for_file(&absolute).wants(&absolute) {
                    unchecked.push(Unchecked::whole_file(
                        tidy(path).display().to_string(),
                        message,
                    ));
                }
            }
        }
        (ignore::Error::Io(_), Some(path)) if is_link_loop(path) => {
            let absolute = settings.absolute(path);
            if settings.for_file(&absolute).wants(&absolute) {
                unchecked.push(Unchecked::whole_file(
                    tidy(path).display().to_string(),
                    LINK_LOOP,
                ));
            }
        }
        (ignore::Error::Io(io), Some(path)) => unchecked.push(Unchecked::whole_file(
            tidy(path).display().to_string(),
            format!("could not be searched: {}", plain_io_error(io)),
        )),
        _ => unchecked.push(Unchecked::whole_file(
            folder.display().to_string(),
            format!("could not be searched: {error}"),
        )),
    }
}

/// When `path` is a link whose file is missing, says so and where it leads.
fn broken_link(path: &Path) -> Option<String> {
    let target = std::fs::read_link(path).ok()?;
    Some(format!(
        "could not be read: it is a link to {}, which does not exist",
        target.display()
    ))
}

/// Why a link in a circle of links (a.txt to b.txt, b.txt back to a.txt)
/// could not be read.
const LINK_LOOP: &str =
    "could not be read: it is a link in a circle of links that never reaches a file";

/// Whether `path` is a link that the system gave up following because the
/// links lead round in a circle (or too deep to be anything else).
fn is_link_loop(path: &Path) -> bool {
    #[cfg(unix)]
    {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        is_link
            && std::fs::metadata(path).is_err_and(|error| error.raw_os_error() == Some(libc::ELOOP))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Drops a leading `./`, so that files found under `.` read as they would
/// be typed.
fn tidy(path: &Path) -> PathBuf {
    let mut components = path.components().peekable();
    if components.peek() == Some(&Component::CurDir) {
        components.next();
    }
    let tidied: PathBuf = components.collect();
    if tidied.as_os_str().is_empty() {
        path.to_owned()
    } else {
        tidied
    }
}

/// Reads a file (or standard input) as text, and says how it was stored.
pub(crate) fn read(from_stdin: bool, path: &Path) -> Result<(String, TextEncoding), String> {
    let bytes = read_bytes(from_stdin, path)?;
    let encoding = decode(&bytes)?.1;
    let text = match encoding {
        // Checked above: the bytes are UTF-8, and become the text without a copy.
        TextEncoding::Utf8 => String::from_utf8(bytes).unwrap_or_default(),
        TextEncoding::Windows1252 => decode(&bytes)?.0.into_owned(),
    };
    Ok((text, encoding))
}

/// How a file of minutes is stored, so that `--fix` writes it back the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TextEncoding {
    Utf8,
    /// As Word saves "plain text" on Windows: one byte a character.
    Windows1252,
}

impl TextEncoding {
    /// What a clerk is told, once, about a file read as Windows-1252.
    pub const WINDOWS_1252_NOTE: &'static str =
        "is Windows-1252 text (as Word saves it), not UTF-8; it was read as such, \
         and --fix writes it back in Windows-1252";

    /// `text` in this encoding, or why it cannot be: a character that
    /// Windows-1252 has no byte for.
    pub fn encode(self, text: &str) -> Result<std::borrow::Cow<'_, [u8]>, String> {
        match self {
            TextEncoding::Utf8 => Ok(std::borrow::Cow::Borrowed(text.as_bytes())),
            TextEncoding::Windows1252 => {
                let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
                if !unmappable {
                    return Ok(bytes);
                }
                let lacking = text
                    .chars()
                    .find(|c| {
                        let mut buffer = [0; 4];
                        encoding_rs::WINDOWS_1252
                            .encode(c.encode_utf8(&mut buffer))
                            .2
                    })
                    .unwrap_or('\u{fffd}');
                Err(format!(
                    "the fixes write “{}”, which Windows-1252 cannot hold, so they were not \
                     written; save the file as UTF-8 to have them applied",
                    super::output::untrusted(&lacking.to_string())
                ))
            }
        }
    }
}

/// The largest file of minutes clerk reads. Minutes run to a few hundred
/// kilobytes, and even a council's whole archive pasted into one file stays
/// far below this; clerk holds the text, its line index and the findings in
/// memory at once, so a bound this size keeps a mistaken path (a disk image,
/// a database dump) from taking all of it.
pub(crate) const LARGEST_MINUTES: u64 = 256 * 1024 * 1024;

/// Reads a file (or standard input) as bytes, refusing what is not a
/// regular file and what is larger than [`LARGEST_MINUTES`].
pub(crate) fn read_bytes(from_stdin: bool, path: &Path) -> Result<Vec<u8>, String> {
    let result = if from_stdin {
        file::read_at_most(std::io::stdin().lock(), LARGEST_MINUTES)
    } else {
        file::read_regular_file(path, LARGEST_MINUTES)
    };
    result.map_err(|failure| match failure {
        ReadFailure::NotRegular(kind) => not_regular_message(kind),
        ReadFailure::TooLarge => format!(
            "is larger than {}, the most clerk reads as one file of minutes; \
             split it into smaller files and check those",
            file::size_in_words(LARGEST_MINUTES)
        ),
        ReadFailure::Io(error) => format!("could not be read: {}", plain_io_error(&error)),
    })
}

/// How many bytes from the start are looked at for signs of a binary file.
const BINARY_SNIFF_LENGTH: usize = 8 * 1024;

/// How the files a clerk most often mistakes for minutes begin: a PDF, a
/// Word document (.docx is a zip; .doc an older container), and images.
/// Their first bytes need hold no NUL (a PDF's second line is often a few
/// bytes that are not UTF-8), and without these they would be told to be
/// saved as UTF-8, as if they were text.
const BINARY_SIGNATURES: &[&[u8]] = &[
    b"%PDF-",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
];

/// Turns a file's bytes into text, UTF-8 or Windows-1252, or says why it
/// is not minutes clerk can read.
pub(crate) fn decode(bytes: &[u8]) -> Result<(std::borrow::Cow<'_, str>, TextEncoding), String> {
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_LENGTH)];
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return Err("is saved as UTF-16 text; save it as UTF-8 and check again".to_owned());
    }
    if head.contains(&0) || BINARY_SIGNATURES.iter().any(|sign| head.starts_with(sign)) {
        return Err(
            "looks like a binary file (a word-processor document, a PDF or an image), not text; \
                    save the minutes as plain text and check again"
                .to_owned(),
        );
    }
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((std::borrow::Cow::Borrowed(text), TextEncoding::Utf8)),
        Err(error) => error,
    };
    if reads_as_windows_1252(bytes, &error) {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        return Ok((text, TextEncoding::Windows1252));
    }
    Err({
        let valid = error.valid_up_to();
        // The valid part is text, so the one line index can say which line
        // the bad byte is on.
        let good = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let line = LineIndex::new(good).line_of(valid) + 1;
        format!(
            "is not UTF-8 text (byte 0x{:02x} at line {line}); save it as UTF-8 and check again",
            bytes[valid]
        )
    })
}

/// Whether bytes that are not UTF-8 read as Windows-1252 text, as Word
/// saves it. Not when the file is UTF-8 with a flaw: a character cut short
/// at its end, or a UTF-8 character anywhere in it (Windows-1252 text
/// hardly ever holds the pairs of bytes that spell one). Not when it holds
/// a byte that Windows-1252 leaves unused.
fn reads_as_windows_1252(bytes: &[u8], error: &std::str::Utf8Error) -> bool {
    if error.error_len().is_none() {
        return false;
    }
    let unused = |byte: &u8| matches!(byte, 0x81 | 0x8d | 0x8f | 0x90 | 0x9d);
    !bytes.iter().any(unused) && !holds_a_utf8_character(bytes)
}

/// Whether any non-ASCII UTF-8 character stands whole in `bytes`.
fn holds_a_utf8_character(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(at, &byte)| {
        let length = match byte {
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => return false,
        };
        bytes
            .get(at..at + length)
            .is_some_and(|sequence| std::str::from_utf8(sequence).is_ok())
    })
}

/// An operating-system error without the "(os error 13)" a clerk has no use for.
pub(crate) fn plain_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "it is a folder".to_owned(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_owned(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_byte_and_line() {
        let message = decode(b"Minutes\r\nPresent: Zo\xc3\xab\nCaf\xe9 Committee\n").unwrap_err();
        assert_eq!(
            message,
            "is not UTF-8 text (byte 0xe9 at line 3); save it as UTF-8 and check again"
        );
    }

    #[test]
    fn windows_1252_is_read_and_written_back_byte_for_byte() {
        let bytes = b"Caf\xe9 \x93notes\x94 \x96 \x80 5\n";
        let (text, encoding) = decode(bytes).unwrap();
        assert_eq!(text, "Café “notes” – € 5\n");
        assert_eq!(encoding, TextEncoding::Windows1252);
        assert_eq!(&*encoding.encode(&text).unwrap(), bytes);
        assert!(encoding.encode("Łódź").unwrap_err().contains("“Ł”"));
        assert!(decode(b"x\x81y").is_err(), "0x81 is unused in Windows-1252");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(decode(b"PK\x03\x04\x00\x00")
            .unwrap_err()
            .starts_with("looks like a binary file"));
        assert!(decode(b"\xff\xfeM\x00").unwrap_err().contains("UTF-16"));
    }

    #[test]
    fn a_pdf_or_an_image_is_binary_even_without_nul_bytes() {
        for bytes in [
            &b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"[..],
            b"\x89PNG\r\n\x1a\n",
            b"\xff\xd8\xff\xe0",
            b"GIF89a",
        ] {
            assert!(
                decode(bytes)
                    .unwrap_err()
                    .starts_with("looks like a binary file"),
                "{bytes:?}"
            );
        }
        // Minutes that only mention a PDF are text.
        assert!(decode(b"The %PDF-1.7 report was noted.\n").is_ok());
    }

    #[test]
    fn text_passes_through_unchanged() {
        let text = "\u{feff}Minutes\r\n\u{a0}\r\n";
        assert_eq!(decode(text.as_bytes()).unwrap().0, text);
    }

    #[test]
    fn tidy_drops_only_a_leading_dot() {
        assert_eq!(tidy(Path::new("./a/b.txt")), PathBuf::from("a/b.txt"));
        assert_eq!(tidy(Path::new("a/./b.txt")), PathBuf::from("a/b.txt"));
        assert_eq!(tidy(Path::new("../a.txt")), PathBuf::from("../a.txt"));
    }
}
