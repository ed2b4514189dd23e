//! Reading a file's bytes from disk without trusting what is there: only a
//! regular file is opened, and never more than a stated number of bytes is read.

use std::io::Read;
use std::path::Path;

/// Why a file's bytes could not be had.
#[derive(Debug)]
pub enum ReadFailure {
    /// The path names something other than a regular file, in plain words
    /// ("a named pipe", "a device"). Opening it could wait for ever (a named
    /// pipe with no writer) or never reach an end (/dev/zero), so it is not opened.
    NotRegular(&'static str),
    /// The file holds more than the limit; only the limit and one byte more
    /// were read, to tell.
    TooLarge,
    Io(std::io::Error),
}

/// What the thing at a path is, in plain words, when it is not a regular file.
pub fn not_regular(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a file")
}

/// Reads the whole of the regular file at `path` (a link is followed), if it
/// holds no more than `limit` bytes.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadFailure> {
    // Looked at before opening: opening a named pipe waits for a writer.
    let metadata = std::fs::metadata(path).map_err(ReadFailure::Io)?;
    if let Some(kind) = not_regular(metadata.file_type()) {
        return Err(ReadFailure::NotRegular(kind));
    }
    // The size on record refuses a large file without reading any of it.
    if metadata.len() > limit {
        return Err(ReadFailure::TooLarge);
    }
    let file = std::fs::File::open(path).map_err(ReadFailure::Io)?;
    // Room for the size on record and one byte more, so that the buffer is
    // not grown by doubling (half as much again held at the peak).
    let expected = usize::try_from(metadata.len())
        .unwrap_or(0)
        .saturating_add(1);
    read_into(file, limit, Vec::with_capacity(expected))
}

/// Reads `reader` to its end, if that comes within `limit` bytes. The limit
/// holds whatever the size on record says, for a file that grows while it
/// is read and for standard input, which has no size.
pub fn read_at_most(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadFailure> {
    read_into(reader, limit, Vec::new())
}

fn read_into(reader: impl Read, limit: u64, mut bytes: Vec<u8>) -> Result<Vec<u8>, ReadFailure> {
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadFailure::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadFailure::TooLarge);
    }
    Ok(bytes)
}

/// A limit in bytes as a person would say it: "256 MiB".
pub fn size_in_words(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    const KIB: u64 = 1024;
    if bytes >= MIB && bytes % MIB == 0 {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes % KIB == 0 {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_stops_one_byte_past_the_limit() {
        let endless = std::io::repeat(b'a');
        assert!(matches!(
            read_at_most(endless, 10),
            Err(ReadFailure::TooLarge)
        ));
        assert_eq!(read_at_most(&b"0123456789"[..], 10).unwrap().len(), 10);
    }

    #[test]
    fn limits_read_in_whole_units() {
        assert_eq!(size_in_words(256 * 1024 * 1024), "256 MiB");
        assert_eq!(size_in_words(1024 * 1024), "1 MiB");
        assert_eq!(size_in_words(4096), "4 KiB");
        assert_eq!(size_in_words(10), "10 bytes");
    }
}
