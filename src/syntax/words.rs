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
        self.at = word_end(bytes, start);
        Some((start, &self.slice[start..self.at]))
    }
}

/// Where the word that goes on at byte `at` ends: at the next white space.
#[inline]
pub fn word_end(bytes: &[u8], mut at: usize) -> usize {
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
    at
}

/// The words of `slice`, as [`words_with_offsets`] splits them, whose first
/// letter or digit is a capital or a character beyond ASCII: "Chris",
/// "(PW)", "“Émile”", but not "the", "(see" or "2021". Names and initials
/// are found only among these, and most words of minutes are not among
/// them, so the bytes between are passed over without splitting them.
pub fn capitalised_words(slice: &str) -> CapitalisedWords<'_> {
    CapitalisedWords { slice, at: 0 }
}

/// The iterator of [`capitalised_words`].
pub struct CapitalisedWords<'a> {
    slice: &'a str,
    at: usize,
}

impl<'a> Iterator for CapitalisedWords<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.slice.as_bytes();
        let mut at = self.at;
        loop {
            // The next capital or character beyond ASCII. `at` is always on
            // a character boundary, so a byte beyond ASCII found here leads
            // a character.
            let Some(found) = next_capital_or_beyond_ascii(bytes, at) else {
                self.at = bytes.len();
                return None;
            };
            at = found;
            let space = whitespace_len(bytes, found);
            if space > 0 {
                at += space;
                continue;
            }
            // It opens a word if only ASCII marks stand between it and the
            // white space before: "(PW)", "'Chris".
            let mut start = found;
            while start > 0 && is_ascii_mark(bytes[start - 1]) {
                start -= 1;
            }
            if start > 0 && !ends_in_whitespace(bytes, start) {
                // Within a word that opened with something else: "eDM",
                // "McElligott", "Council’s".
                at = found + utf8_width(bytes[found]);
                continue;
            }
            self.at = word_end(bytes, found);
            return Some((start, &self.slice[start..self.at]));
        }
    }
}

/// Where the first byte at or after `at` is an ASCII capital or beyond
/// ASCII. Eight bytes are read at a time: in most runs of eight bytes of
/// minutes there is neither.
#[inline]
pub fn next_capital_or_beyond_ascii(bytes: &[u8], mut at: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let chunk = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // Each byte's low seven bits plus an offset sets its high bit when
        // they reach 'A', and again when they pass 'Z'; no sum carries into
        // the next byte.
        let low = chunk & !HIGH;
        let from_a = low + 0x3F3F_3F3F_3F3F_3F3F;
        let past_z = low + 0x2525_2525_2525_2525;
        let found = ((from_a & !past_z) | chunk) & HIGH;
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    (at..bytes.len()).find(|&i| bytes[i].is_ascii_uppercase() || bytes[i] >= 0x80)
}

/// Whether `bytes` hold an ASCII digit, read eight bytes at a time: most
/// lines of minutes hold none, and a sum or a time of day holds one.
#[inline]
pub fn holds_digit(bytes: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let chunk = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // As in `next_capital_or_beyond_ascii`: a byte's low seven bits
        // plus an offset set its high bit from '0' on, and again past '9';
        // a byte beyond ASCII is no digit.
        let low = chunk & !HIGH;
        let from_0 = low + 0x5050_5050_5050_5050;
        let past_9 = low + 0x4646_4646_4646_4646;
        if from_0 & !past_9 & !chunk & HIGH != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(u8::is_ascii_digit)
}

/// ASCII that is neither a letter, a digit nor white space.
#[inline]
fn is_ascii_mark(byte: u8) -> bool {
    byte.is_ascii() && !byte.is_ascii_alphanumeric() && whitespace_len(&[byte], 0) == 0
}

/// Whether the character that ends just before byte `at` is white space.
#[inline]
pub fn ends_in_whitespace(bytes: &[u8], at: usize) -> bool {
    if bytes[at - 1].is_ascii() {
        return whitespace_len(bytes, at - 1) == 1;
    }
    // Back over continuation bytes to the character's lead byte.
    let mut lead = at - 1;
    while lead > 0 && bytes[lead] & 0xC0 == 0x80 {
        lead -= 1;
    }
    whitespace_len(bytes, lead) == at - lead
}

/// The length of the character that `lead` opens.
#[inline]
fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
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

/// How many letters must be changed, added or left out to turn one word
/// into the other (Levenshtein's distance): how near a slip is.
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, y) in b.iter().enumerate() {
            let changed = previous[j] + usize::from(x != y);
            current.push(changed.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    #[test]
    fn holds_digit_finds_a_digit_anywhere_and_nothing_else() {
        assert!(!super::holds_digit(b""));
        for byte in 0..=255u8 {
            for at in 0..20 {
                let mut bytes = vec![b'a'; 20];
                bytes[at] = byte;
                assert_eq!(
                    super::holds_digit(&bytes),
                    byte.is_ascii_digit(),
                    "byte {byte:#x} at {at}"
                );
            }
        }
        assert!(!super::holds_digit("£ – ’ ° ½ ٣".as_bytes()));
    }

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

    /// Every string of up to five characters drawn from capitals, small
    /// letters, digits, marks and white space in and beyond ASCII: the
    /// capitalised words are the words that pass the filter they stand for.
    #[test]
    fn capitalised_words_are_the_words_that_open_with_a_capital() {
        let alphabet = [
            'A', 'a', '7', '(', '-', ' ', '\u{a0}', 'É', 'é', '“', '’', '\u{2009}', '\u{85}',
        ];
        let opens_with_capital = |word: &str| {
            word.bytes()
                .find(|b| b.is_ascii_alphanumeric() || *b >= 0x80)
                .is_some_and(|b| b.is_ascii_uppercase() || b >= 0x80)
        };
        let mut strings = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = strings
                .iter()
                .filter(|s| s.chars().count() == strings.last().unwrap().chars().count())
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        assert!(strings.len() > 200_000);
        for slice in &strings {
            let expected: Vec<_> = words_with_offsets(slice)
                .filter(|(_, word)| opens_with_capital(word))
                .collect();
            assert_eq!(
                capitalised_words(slice).collect::<Vec<_>>(),
                expected,
                "{slice:?}"
            );
        }
    }

    /// The eight-at-a-time search against a byte-by-byte one, from every
    /// start in strings that hold every byte at every place in a run of eight.
    #[test]
    fn finds_the_next_capital_as_a_byte_loop_does() {
        for byte in 0..=255u8 {
            for place in 0..20 {
                let mut bytes = vec![b'a'; 20];
                bytes[place] = byte;
                for start in 0..=bytes.len() {
                    let expected = (start..bytes.len())
                        .find(|&i| bytes[i].is_ascii_uppercase() || bytes[i] >= 0x80);
                    assert_eq!(
                        next_capital_or_beyond_ascii(&bytes, start),
                        expected,
                        "{byte:#x} at {place} from {start}"
                    );
                }
            }
        }
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
