//! The line index: converts between byte offsets and (line, column) pairs.
//!
//! Columns can be counted in characters (what the command line shows), in
//! UTF-8 bytes or in UTF-16 code units (what LSP clients ask for). Lines end
//! at `\n`, `\r\n` or a lone `\r`, as the LSP specification says.

use serde::Serialize;

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Unicode scalar values: what a person counts, used by `clerk check`.
    Chars,
    /// UTF-8 bytes.
    Utf8,
    /// UTF-16 code units: the LSP default.
    Utf16,
}

/// A zero-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Where each line starts, and which lines hold characters wider than a byte.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset of the start of every line; the first is always 0.
    line_starts: Vec<usize>,
    /// Byte offset just past each line's content, before its line ending.
    line_ends: Vec<usize>,
    /// Whether each line is pure ASCII, so most conversions skip the scan.
    ascii: Vec<bool>,
    /// For each long line that is not ASCII, in line order: places along it
    /// whose columns are known, so that a conversion counts from the nearest
    /// one before it rather than from the line's start. Without them, every
    /// finding on a one-line file of 5 MB would count across megabytes.
    checkpoints: Vec<(usize, Vec<Checkpoint>)>,
    len: usize,
}

/// A character boundary on a long line and its columns there.
#[derive(Clone, Copy, Debug)]
struct Checkpoint {
    byte: usize,
    chars: usize,
    utf16: usize,
}

impl Checkpoint {
    fn units(&self, encoding: Encoding) -> usize {
        match encoding {
            Encoding::Chars => self.chars,
            Encoding::Utf16 => self.utf16,
            Encoding::Utf8 => self.byte,
        }
    }
}

/// Bytes between checkpoints: a conversion counts at most this far.
const CHECKPOINT_STRIDE: usize = 4096;

/// The checkpoints of one line, `content` starting at byte `start`.
fn checkpoints_of(content: &str, start: usize) -> Vec<Checkpoint> {
    let mut out = Vec::with_capacity(content.len() / CHECKPOINT_STRIDE + 1);
    let (mut chars, mut utf16) = (0, 0);
    let mut next = 0;
    for (at, ch) in content.char_indices() {
        if at >= next {
            out.push(Checkpoint {
                byte: start + at,
                chars,
                utf16,
            });
            next = at + CHECKPOINT_STRIDE;
        }
        chars += 1;
        utf16 += ch.len_utf16();
    }
    out
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut line_ends = Vec::new();
        let mut ascii = Vec::new();
        // Line breaks are found with memchr and each line is tested for
        // bytes beyond ASCII a word at a time, rather than with a branch on
        // every byte of the text.
        let mut start = 0;
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // The '\n' of a "\r\n" was taken with its '\r'.
            if at < start {
                continue;
            }
            line_ends.push(at);
            ascii.push(bytes[start..at].is_ascii());
            start = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            line_starts.push(start);
        }
        line_ends.push(bytes.len());
        ascii.push(bytes[start..].is_ascii());
        let checkpoints = (0..line_starts.len())
            .filter(|&line| !ascii[line] && line_ends[line] - line_starts[line] > CHECKPOINT_STRIDE)
            .map(|line| {
                let (start, end) = (line_starts[line], line_ends[line]);
                (line, checkpoints_of(&text[start..end], start))
            })
            .collect();
        LineIndex {
            line_starts,
            line_ends,
            ascii,
            checkpoints,
            len: bytes.len(),
        }
    }

    /// The last checkpoint of `line` at or before the point `reached` says,
    /// else the line's start.
    fn nearest_checkpoint(&self, line: usize, reached: impl Fn(&Checkpoint) -> bool) -> Checkpoint {
        let start = Checkpoint {
            byte: self.line_starts[line],
            chars: 0,
            utf16: 0,
        };
        let Ok(found) = self.checkpoints.binary_search_by_key(&line, |(at, _)| *at) else {
            return start;
        };
        let points = &self.checkpoints[found].1;
        match points.partition_point(|point| reached(point)) {
            0 => start,
            after => points[after - 1],
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where line `line` starts (clamped to the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line.min(self.line_starts.len() - 1)]
    }

    /// Byte offset where line `line`'s content ends, before its line ending.
    pub fn line_end(&self, line: usize) -> usize {
        self.line_ends[line.min(self.line_ends.len() - 1)]
    }

    /// The zero-based line that holds `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The line that holds `offset`, searched for outward from line
    /// `near`: a few steps when the offset is on or close to that line,
    /// however long the text. What converts many offsets in the order of
    /// the text (an outline of hundreds of thousands of symbols) pays for
    /// a search over every line only when it jumps.
    fn line_of_near(&self, offset: usize, near: usize) -> usize {
        let offset = offset.min(self.len);
        let starts = &self.line_starts;
        let near = near.min(starts.len() - 1);
        // Widen a window around `near` until it holds the offset, then
        // search only the window.
        let (mut low, mut high) = (near, near + 1);
        let mut step = 1;
        while low > 0 && starts[low] > offset {
            low = low.saturating_sub(step);
            step *= 2;
        }
        step = 1;
        while high < starts.len() && starts[high] <= offset {
            high = (high + step).min(starts.len());
            step *= 2;
        }
        low + starts[low..high].partition_point(|&start| start <= offset) - 1
    }

    /// Converts a byte offset to a line and column counted in `encoding`.
    /// An offset past the end, or inside a character, is clamped first.
    pub fn line_col(&self, text: &str, offset: usize, encoding: Encoding) -> LineCol {
        let offset = crate::text::floor_char_boundary(text, offset);
        self.line_col_on(text, offset, self.line_of(offset), encoding)
    }

    /// `line_col` for offsets that mostly move forward through the text:
    /// the search starts from `near`, the line of the offset before, and
    /// `near` becomes this offset's line.
    pub fn line_col_near(
        &self,
        text: &str,
        offset: usize,
        encoding: Encoding,
        near: &mut usize,
    ) -> LineCol {
        let offset = crate::text::floor_char_boundary(text, offset);
        let line = self.line_of_near(offset, *near);
        *near = line;
        self.line_col_on(text, offset, line, encoding)
    }

    fn line_col_on(&self, text: &str, offset: usize, line: usize, encoding: Encoding) -> LineCol {
        let start = self.line_starts[line];
        // An offset inside a CRLF pair belongs at the end of the line's content.
        let offset = offset.min(self.line_ends[line]);
        let col = if self.ascii[line] || encoding == Encoding::Utf8 {
            offset - start
        } else {
            let from = self.nearest_checkpoint(line, |point| point.byte <= offset);
            let slice = &text[from.byte..offset];
            from.units(encoding)
                + match encoding {
                    Encoding::Chars => slice.chars().count(),
                    Encoding::Utf16 => slice.chars().map(char::len_utf16).sum(),
                    Encoding::Utf8 => unreachable!(),
                }
        };
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }

    /// Converts a line and column counted in `encoding` back to a byte offset.
    ///
    /// Never fails: a line past the end gives the end of the text, a column
    /// past the end of its line gives the end of that line's content, and a
    /// column inside a character (half a surrogate pair, a byte inside a
    /// multi-byte character) gives the start of that character.
    pub fn offset(&self, text: &str, position: LineCol, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.line_starts.len() {
            return self.len;
        }
        let start = self.line_starts[line];
        let end = self.line_ends[line];
        let col = position.col as usize;
        if self.ascii[line] {
            return (start + col).min(end);
        }
        let content = &text[start..end];
        match encoding {
            Encoding::Utf8 => crate::text::floor_char_boundary(content, col) + start,
            Encoding::Chars | Encoding::Utf16 => {
                // Every character before a checkpoint at or before `col` ends
                // at or before `col`, so counting from it gives the same answer.
                let from = self.nearest_checkpoint(line, |point| point.units(encoding) <= col);
                let (start, content) = (from.byte, &text[from.byte..end]);
                let mut units = from.units(encoding);
                for (i, ch) in content.char_indices() {
                    let width = if encoding == Encoding::Utf16 {
                        ch.len_utf16()
                    } else {
                        1
                    };
                    if units + width > col {
                        return start + i;
                    }
                    units += width;
                }
                end
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str, encoding: Encoding) {
        let index = LineIndex::new(text);
        for (offset, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let lc = index.line_col(text, offset, encoding);
            let back = index.offset(text, lc, encoding);
            let line = index.line_of(offset);
            // Offsets inside a line ending map to the end of the line's content.
            let expected = offset.min(index.line_end(line));
            assert_eq!(back, expected, "offset {offset} via {lc:?} in {text:?}");
        }
    }

    /// From any line it starts near, the search gives the line and column
    /// the search over every line gives: forward, backward, past the end.
    #[test]
    fn a_conversion_near_a_line_agrees_with_one_from_the_start() {
        let text = "one\r\n\ntwo 🎉\rthree\n\n\nfour lines more\nlast";
        let index = LineIndex::new(text);
        for near in 0..index.line_count() + 2 {
            for offset in 0..=text.len() + 3 {
                let mut hint = near;
                assert_eq!(
                    index.line_col_near(text, offset, Encoding::Utf16, &mut hint),
                    index.line_col(text, offset, Encoding::Utf16),
                    "offset {offset} from line {near}"
                );
                assert_eq!(
                    hint,
                    index.line_of(offset.min(text.len())),
                    "offset {offset}"
                );
            }
        }
    }

    #[test]
    fn round_trips_emoji_cjk_crlf_and_empty_last_line() {
        let text = "Party 🎉 time\r\n議事録 の 決議\r\nlast\n";
        for encoding in [Encoding::Chars, Encoding::Utf8, Encoding::Utf16] {
            round_trip(text, encoding);
        }
    }

    #[test]
    fn counts_columns_in_each_encoding() {
        let text = "a🎉b\n議c";
        let index = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(
            index.line_col(text, b, Encoding::Chars),
            LineCol { line: 0, col: 2 }
        );
        assert_eq!(
            index.line_col(text, b, Encoding::Utf16),
            LineCol { line: 0, col: 3 }
        );
        assert_eq!(
            index.line_col(text, b, Encoding::Utf8),
            LineCol { line: 0, col: 5 }
        );
        let c = text.find('c').unwrap();
        assert_eq!(
            index.line_col(text, c, Encoding::Utf16),
            LineCol { line: 1, col: 1 }
        );
        assert_eq!(
            index.line_col(text, c, Encoding::Utf8),
            LineCol { line: 1, col: 3 }
        );
    }

    #[test]
    fn clamps_positions_past_the_end_and_inside_characters() {
        let text = "a🎉\r\nb";
        let index = LineIndex::new(text);
        assert_eq!(
            index.offset(text, LineCol { line: 9, col: 0 }, Encoding::Utf16),
            text.len()
        );
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 99 }, Encoding::Utf16),
            5
        );
        // Column 2 in UTF-16 is between the two halves of the emoji's surrogate pair.
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 2 }, Encoding::Utf16),
            1
        );
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 3 }, Encoding::Utf8),
            1
        );
        assert_eq!(
            index.line_col(text, 999, Encoding::Chars),
            LineCol { line: 1, col: 1 }
        );
    }

    #[test]
    fn long_lines_convert_the_same_from_their_checkpoints() {
        // Longer than several strides, with characters of every width
        // straddling the checkpoints.
        let line = "aé議🎉".repeat(3000);
        let text = format!("first\n{line}\r\nlast 🎉");
        let index = LineIndex::new(&text);
        assert!(!index.checkpoints.is_empty());
        for encoding in [Encoding::Chars, Encoding::Utf8, Encoding::Utf16] {
            round_trip(&text, encoding);
        }
        // Against counting from the line's start, at a few places.
        let start = text.find('\n').unwrap() + 1;
        for offset in [start + 4096, start + 9 * 1024 + 1, start + line.len()] {
            let offset = crate::text::floor_char_boundary(&text, offset);
            let chars = text[start..offset].chars().count() as u32;
            let utf16 = text[start..offset].encode_utf16().count() as u32;
            assert_eq!(index.line_col(&text, offset, Encoding::Chars).col, chars);
            assert_eq!(index.line_col(&text, offset, Encoding::Utf16).col, utf16);
            // Back from a column, against counting from the line's start; a
            // few columns on, some inside an emoji's surrogate pair.
            for more in 0..6 {
                let col = utf16 + more;
                let back = index.offset(&text, LineCol { line: 1, col }, Encoding::Utf16);
                let mut units = 0;
                let mut expected = start + line.len();
                for (at, ch) in line.char_indices() {
                    if units + ch.len_utf16() > col as usize {
                        expected = start + at;
                        break;
                    }
                    units += ch.len_utf16();
                }
                assert_eq!(back, expected, "column {col}");
            }
        }
    }

    /// The byte-at-a-time reading this one replaced, as the reference.
    fn lines_by_bytes(text: &str) -> (Vec<usize>, Vec<usize>, Vec<bool>) {
        let bytes = text.as_bytes();
        let (mut starts, mut ends, mut ascii) = (vec![0], Vec::new(), Vec::new());
        let mut line_is_ascii = true;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' | b'\r' => {
                    ends.push(i);
                    ascii.push(line_is_ascii);
                    line_is_ascii = true;
                    if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                b if b >= 0x80 => line_is_ascii = false,
                _ => {}
            }
            i += 1;
        }
        ends.push(bytes.len());
        ascii.push(line_is_ascii);
        (starts, ends, ascii)
    }

    /// Every string of up to six characters drawn from line breaks, ASCII
    /// and a character beyond it splits as the byte loop split it.
    #[test]
    fn splits_lines_as_the_byte_loop_did() {
        let alphabet = ["\n", "\r", "a", "é", " "];
        let mut strings = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..6 {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(last.iter().cloned());
        }
        for text in &strings {
            let index = LineIndex::new(text);
            let (starts, ends, ascii) = lines_by_bytes(text);
            assert_eq!(index.line_starts, starts, "{text:?}");
            assert_eq!(index.line_ends, ends, "{text:?}");
            assert_eq!(index.ascii, ascii, "{text:?}");
        }
    }

    #[test]
    fn lone_carriage_return_ends_a_line() {
        let text = "one\rtwo";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 2);
        assert_eq!(
            index.line_col(text, 4, Encoding::Chars),
            LineCol { line: 1, col: 0 }
        );
    }
}
