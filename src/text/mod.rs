//! Byte ranges and the line index: the one place where byte offsets become
//! lines and columns (in characters, UTF-8 bytes or UTF-16 code units) and back;
//! and reading a file's bytes from disk within a limit.

pub mod file;
mod line_index;
mod rope;

pub use line_index::{Encoding, LineCol, LineIndex};
pub use rope::{has_rope_only_breaks, rope_offset, rope_text};

use serde::Serialize;

/// A half-open range of bytes `start..end` into a document's text.
///
/// Every range the parser produces lies inside the text and on character
/// boundaries, so slicing with it never panics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

impl TextRange {
    pub const fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        TextRange { start, end }
    }

    pub const fn empty(at: usize) -> Self {
        TextRange { start: at, end: at }
    }

    /// The range `by` bytes later (earlier, if `by` is negative): where it
    /// stands after an edit before it. It must not move before the start.
    pub const fn moved(self, by: isize) -> Self {
        TextRange {
            start: self.start.wrapping_add_signed(by),
            end: self.end.wrapping_add_signed(by),
        }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub const fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// Whether `offset` lies inside the range or at its end, as a cursor can.
    pub const fn touches(self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }

    pub const fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub const fn shift(self, by: usize) -> TextRange {
        TextRange::new(self.start + by, self.end + by)
    }

    /// The text this range covers.
    pub fn of(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

impl From<std::ops::Range<usize>> for TextRange {
    fn from(range: std::ops::Range<usize>) -> Self {
        TextRange::new(range.start, range.end)
    }
}

/// The document's line ending as its first line break writes it: "\r\n",
/// a lone "\r" (old Mac files) or "\n"; "\n" where there is no break yet.
/// Only the first line is read, so asking once per document costs nothing.
pub fn line_ending(text: &str) -> &'static str {
    let bytes = text.as_bytes();
    match memchr::memchr2(b'\n', b'\r', bytes) {
        Some(at) if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') => "\r\n",
        Some(at) if bytes[at] == b'\r' => "\r",
        _ => "\n",
    }
}

/// Moves `offset` back to the nearest character boundary at or before it, and
/// inside the text; used wherever an offset comes from outside.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The first character boundary at or after `offset`, or the end.
pub fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// Trims `range` of leading and trailing white space, non-breaking spaces included.
pub fn trim_range(text: &str, range: TextRange) -> TextRange {
    let slice = range.of(text);
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    if start >= end {
        TextRange::empty(start.min(range.end))
    } else {
        TextRange::new(start, end)
    }
}
