//! Words of a line split on white space, read byte by byte: the parser's
//! passes split every line into words, so this is among its hottest loops.

/// The words of `slice` between runs of white space (as `char::is_whitespace`
/// defines it, so a non-breaking space parts words too), each with its byte
/// offset into `slice`.
pub fn words_with_offsets(slice: &str) -> WordsWithOffsets<'_> {
    WordsWithOffsets { slice, at: 0 }
}

/// The iterator of [`words_with_offsets`].
pub struct WordsWithOffsets<'a> {
    slice: &'a str,
    at: usize,
}

impl<'a> Iterator for WordsWithOffsets<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.slice.as_bytes();
        let mut at = self.at;
        loop {
            if at >= bytes.len() {
                self.at = at;
                return None;
            }
            match bytes[at] {
                b' ' => at += 1,
                0x21..=0x7F => break,
                _ => match whitespace_len(bytes, at) {
                    0 => break,
                    width => at += width,
                },
            }
        }
        let start = at;
        // Most bytes are plainly part of a word (printable ASCII, and bytes
        // that cannot open white space): one comparison settles them. A
        // continuation byte is never taken for white space, so the word ends
        // on a character boundary.
        while at < bytes.len() {
            let byte = bytes[at];
            if byte.wrapping_sub(0x21) < 0xC2 - 0x21 || byte > 0xE3 {
                at += 1;
            } else if whitespace_len(bytes, at) > 0 {
                break;
            } else {
                at += 1;
            }
        }
        self.at = at;
        Some((start, &self.slice[start..at]))
    }
}

/// The length in bytes of the white-space character at `at`, or 0 when
/// there is none. Every white-space character beyond ASCII opens with one of
/// four lead bytes, so other bytes are settled at once.
#[inline]
pub fn whitespace_len(bytes: &[u8], at: usize) -> usize {
    match bytes[at] {
        b' ' | b'\t'..=b'\r' => 1,
        0x00..=0x7F => 0,
        0xC2 => match bytes.get(at + 1) {
            Some(0x85 | 0xA0) => 2,
            _ => 0,
        },
        0xE1 => match bytes.get(at + 1..at + 3) {
            Some([0x9A, 0x80]) => 3,
            _ => 0,
        },
        0xE2 => match bytes.get(at + 1..at + 3) {
            Some([0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] | [0x81, 0x9F]) => 3,
            _ => 0,
        },
        0xE3 => match bytes.get(at + 1..at + 3) {
            Some([0x80, 0x80]) => 3,
            _ => 0,
        },
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slow, obviously right split that this one must equal.
    fn reference(slice: &str) -> Vec<(usize, &str)> {
        let mut words = Vec::new();
        let mut start = None;
        for (i, ch) in slice.char_indices() {
            match (start, ch.is_whitespace()) {
                (None, false) => start = Some(i),
                (Some(s), true) => {
                    words.push((s, &slice[s..i]));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            words.push((s, &slice[s..]));
        }
        words
    }

    #[test]
    fn splits_like_char_is_whitespace() {
        let mut every_space = String::new();
        for code in 0..=0x3000u32 {
            if let Some(ch) = char::from_u32(code).filter(|c| c.is_whitespace()) {
                every_space.push('a');
                every_space.push(ch);
            }
        }
        for slice in [
            "",
            "   ",
            "Ms Tina McElligott, Head of Service",
            "  two\u{a0}words\u{2009}and\u{3000}more ",
            "🎉 Café — naïve\u{85}end",
            "\u{2010}\u{2029}\u{202f}x\u{205f}y\u{1680}z\u{180e}w",
            every_space.as_str(),
        ] {
            assert_eq!(
                words_with_offsets(slice).collect::<Vec<_>>(),
                reference(slice),
                "{slice:?}"
            );
        }
    }
}
