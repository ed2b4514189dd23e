//! Places in a file as people and programs outside clerk count them: lines
//! and columns from 1, columns in characters, offsets in bytes from 0.
//!
//! The conversion itself is `LineIndex`'s; this only adds one and gives the
//! result the shape of the JSON contract.

use crate::text::{Encoding, LineIndex, TextRange};
use serde::Serialize;

/// One place: 1-based line and character column, and the byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Position {
    pub line: u32,
    pub column: u32,
    pub offset: usize,
}

/// A span of text between two places.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Span {
    pub start: Position,
    pub end: Position,
}

/// A file's text with its line index, for converting many ranges.
pub(crate) struct Located<'t> {
    pub text: &'t str,
    pub index: LineIndex,
}

impl<'t> Located<'t> {
    pub fn new(text: &'t str) -> Self {
        Located {
            text,
            index: LineIndex::new(text),
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        // Clamped onto a character boundary inside the text, so a stray
        // range from a check can never make the report panic.
        let offset = crate::text::floor_char_boundary(self.text, offset);
        let line_col = self.index.line_col(self.text, offset, Encoding::Chars);
        Position {
            line: line_col.line + 1,
            column: line_col.col + 1,
            offset,
        }
    }

    pub fn span(&self, range: TextRange) -> Span {
        Span {
            start: self.position(range.start),
            end: self.position(range.end.max(range.start)),
        }
    }
}
