//! Positions in a rope: the language server keeps open documents in a rope,
//! and the edits a client sends name lines and columns. The column is still
//! counted by `LineIndex`, on the one line it falls in.

use super::{Encoding, LineCol, LineIndex};
use ropey::Rope;

/// Characters ropey takes for line breaks that the LSP specification does not.
const ROPE_ONLY_BREAKS: [char; 5] = ['\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}'];

/// Whether `text` holds a character that ropey counts as a line break and LSP
/// does not; where it does, ropey's line numbers cannot be trusted.
pub fn has_rope_only_breaks(text: &str) -> bool {
    text.contains(ROPE_ONLY_BREAKS)
}

/// The rope's text in one string, allocated once at its length: `to_string`
/// writes it through `Display`, chunk by chunk into a string that doubles
/// as it goes, copying a megabyte's text twice more on every keystroke.
pub fn rope_text(rope: &Rope) -> String {
    let mut text = String::with_capacity(rope.len_bytes());
    for chunk in rope.chunks() {
        text.push_str(chunk);
    }
    text
}

/// Converts a line and column counted in `encoding` to a byte offset in
/// `rope`, clamping exactly as [`LineIndex::offset`] does.
///
/// `rope_only_breaks` says whether the rope may hold a character that ropey
/// breaks lines at and LSP does not (see [`has_rope_only_breaks`]); then
/// ropey's line table is wrong for LSP, and the whole text is indexed instead.
pub fn rope_offset(
    rope: &Rope,
    position: LineCol,
    encoding: Encoding,
    rope_only_breaks: bool,
) -> usize {
    if rope_only_breaks {
        let text = rope_text(rope);
        return LineIndex::new(&text).offset(&text, position, encoding);
    }
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let text: String = rope.line(line).chunks().collect();
    let within = LineIndex::new(&text).offset(
        &text,
        LineCol {
            line: 0,
            col: position.col,
        },
        encoding,
    );
    start + within
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_of_a_rope_is_its_text_whole() {
        let text = "Minutes of the meeting\r\n議事録 🎉\n".repeat(5_000);
        let mut rope = Rope::from_str(&text);
        assert_eq!(rope_text(&rope), text);
        rope.insert(7, "é");
        let edited = rope_text(&rope);
        assert_eq!(edited, rope.to_string());
        assert_eq!(edited.capacity(), edited.len());
    }

    #[test]
    fn agrees_with_the_line_index_on_emoji_cjk_and_crlf() {
        let text = "Party 🎉 time\r\n議事録 の 決議\r\nlast\n\rx";
        let rope = Rope::from_str(text);
        let index = LineIndex::new(text);
        for line in 0..7 {
            for col in 0..20 {
                for encoding in [Encoding::Utf8, Encoding::Utf16] {
                    let position = LineCol { line, col };
                    assert_eq!(
                        rope_offset(&rope, position, encoding, false),
                        index.offset(text, position, encoding),
                        "{position:?} {encoding:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn falls_back_where_ropey_breaks_lines_that_lsp_does_not() {
        let text = "one\u{2028}two\nthree";
        assert!(has_rope_only_breaks(text));
        let rope = Rope::from_str(text);
        let position = LineCol { line: 1, col: 2 };
        assert_eq!(
            rope_offset(&rope, position, Encoding::Utf16, true),
            text.find("three").unwrap() + 2
        );
    }
}
