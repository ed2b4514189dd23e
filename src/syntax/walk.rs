//! The walk over each text line's words that the recognisers of people and
//! of abbreviations share: the words that hold a capital or a character
//! beyond ASCII, found once per line and handed to every reader in turn.
//!
//! Names, initials, honorifics and abbreviations all hold a capital (or, in
//! scripts beyond ASCII, a character the byte-level tests cannot settle), and
//! most words of minutes hold neither: the bytes between are passed over
//! eight at a time (`words::next_capital_or_beyond_ascii`) and never split.
//! Nothing is stored: each word is a slice of the text, read as it is found.

use super::model::{Line, LineKind};
use super::words::{next_capital_or_beyond_ascii, whitespace_len, word_end};

/// A word of a line, as [`super::words::words_with_offsets`] splits them,
/// that holds a capital or a character beyond ASCII.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'t> {
    /// Where the word starts in the text.
    pub start: usize,
    pub text: &'t str,
}

impl Word<'_> {
    /// Where the word ends in the text.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// Whether the word's first letter or digit is a capital or a character
    /// beyond ASCII: "Chris", "(PW)", "“Émile”", but not "eDM" or "(2021".
    /// These are the words that may be names or initials.
    #[inline]
    pub fn opens_with_capital(&self) -> bool {
        self.text
            .bytes()
            .find(|b| b.is_ascii_alphanumeric() || *b >= 0x80)
            .is_some_and(|b| b.is_ascii_uppercase() || b >= 0x80)
    }
}

/// What reads the walk: told of each text line, then of each of its words
/// in order, then that the line is over.
pub trait WalkReader<'t> {
    fn line(&mut self, line: &Line);
    fn word(&mut self, word: Word<'t>);
    fn line_end(&mut self);
}

/// A reader lent to a walk reads it as itself.
impl<'t, R: WalkReader<'t>> WalkReader<'t> for &mut R {
    #[inline]
    fn line(&mut self, line: &Line) {
        (**self).line(line);
    }

    #[inline]
    fn word(&mut self, word: Word<'t>) {
        (**self).word(word);
    }

    #[inline]
    fn line_end(&mut self) {
        (**self).line_end();
    }
}

/// Two readers read the same walk, the first before the second at each step.
impl<'t, A: WalkReader<'t>, B: WalkReader<'t>> WalkReader<'t> for (A, B) {
    #[inline]
    fn line(&mut self, line: &Line) {
        self.0.line(line);
        self.1.line(line);
    }

    #[inline]
    fn word(&mut self, word: Word<'t>) {
        self.0.word(word);
        self.1.word(word);
    }

    #[inline]
    fn line_end(&mut self) {
        self.0.line_end();
        self.1.line_end();
    }
}

/// Walks every text line's content once, handing `reader` its words that
/// hold a capital or a character beyond ASCII.
pub fn walk<'t>(text: &'t str, lines: &[Line], reader: &mut impl WalkReader<'t>) {
    walk_lines_of(text, lines, LineKind::Text, reader);
}

/// A reader whose findings on a line depend on nothing but the line, so
/// that the lines can be walked in parts, each by a reader of its own, and
/// the parts' readers joined in the lines' order give what one reader
/// walking them all finds.
pub trait LineByLine: Sized {
    /// One reader holding what `parts` (at least one) found, in their order.
    fn join(parts: Vec<Self>) -> Self;
}

impl<A: LineByLine, B: LineByLine> LineByLine for (A, B) {
    fn join(parts: Vec<Self>) -> Self {
        let (a, b): (Vec<A>, Vec<B>) = parts.into_iter().unzip();
        (A::join(a), B::join(b))
    }
}

/// The parts' lists one after another, in a list allocated once: they can
/// be long, and doubling would hold half as much again.
pub fn joined<T>(parts: Vec<Vec<T>>) -> Vec<T> {
    let mut all = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        all.extend(part);
    }
    all
}

/// Walks the text lines in parts on as many cores as are free, each part
/// with a reader `new` makes, and joins the parts' readers in order.
pub fn walk_in_parts<'t, R>(text: &'t str, lines: &[Line], new: impl Fn() -> R + Sync) -> R
where
    R: WalkReader<'t> + LineByLine + Send,
{
    use rayon::prelude::*;
    /// Lines in a part: enough that a part is worth a core's while.
    const PART: usize = 4096;
    let mut parts: Vec<R> = lines
        .par_chunks(PART)
        .map(|part| {
            let mut reader = new();
            walk(text, part, &mut reader);
            reader
        })
        .collect();
    if parts.is_empty() {
        parts.push(new());
    }
    R::join(parts)
}

/// Walks the lines of one kind as [`walk`] walks the text lines: the
/// front matter's, for the readers that read it too.
pub fn walk_lines_of<'t>(
    text: &'t str,
    lines: &[Line],
    kind: LineKind,
    reader: &mut impl WalkReader<'t>,
) {
    for line in lines.iter().filter(|line| line.kind == kind) {
        reader.line(line);
        let start = line.content.start;
        for (offset, word) in words_with_capitals(line.content.of(text)) {
            reader.word(Word {
                start: start + offset,
                text: word,
            });
        }
        reader.line_end();
    }
}

/// The words of `slice` between runs of white space that hold an ASCII
/// capital or a character beyond ASCII other than white space, each with
/// its byte offset into `slice`.
pub fn words_with_capitals(slice: &str) -> WordsWithCapitals<'_> {
    WordsWithCapitals { slice, at: 0 }
}

/// The iterator of [`words_with_capitals`].
pub struct WordsWithCapitals<'a> {
    slice: &'a str,
    /// Where the search goes on: the slice's start, the end of the last
    /// word, or just past white space beyond ASCII.
    at: usize,
}

impl<'a> Iterator for WordsWithCapitals<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.slice.as_bytes();
        loop {
            let Some(found) = next_capital_or_beyond_ascii(bytes, self.at) else {
                self.at = bytes.len();
                return None;
            };
            let space = whitespace_len(bytes, found);
            if space > 0 {
                self.at = found + space;
                continue;
            }
            // Back to the white space before the word. The bytes passed over
            // since `at` are ASCII (the search stops at any other), and no
            // word goes on from before `at`: it is the slice's start, white
            // space, or just past white space.
            let mut start = found;
            while start > self.at && whitespace_len(bytes, start - 1) == 0 {
                start -= 1;
            }
            self.at = word_end(bytes, found);
            return Some((start, &self.slice[start..self.at]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::words::{capitalised_words, words_with_offsets};

    /// Every string of up to five characters drawn from capitals, small
    /// letters, digits, marks and white space in and beyond ASCII.
    fn strings() -> Vec<String> {
        let alphabet = [
            'A', 'a', '7', '(', '-', ' ', '\u{a0}', 'É', 'é', '“', '’', '\u{2009}', '\u{85}',
        ];
        let mut strings = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(last.iter().cloned());
        }
        strings
    }

    #[test]
    fn walks_the_words_that_hold_a_capital() {
        let holds_capital = |word: &str| {
            word.chars()
                .any(|c| c.is_ascii_uppercase() || !c.is_ascii())
        };
        for slice in strings() {
            let expected: Vec<_> = words_with_offsets(&slice)
                .filter(|(_, word)| holds_capital(word))
                .collect();
            assert_eq!(
                words_with_capitals(&slice).collect::<Vec<_>>(),
                expected,
                "{slice:?}"
            );
        }
    }

    /// The walk's words that open with a capital are the words people read.
    #[test]
    fn words_that_open_with_a_capital_are_the_capitalised_words() {
        for slice in strings() {
            let opening: Vec<_> = words_with_capitals(&slice)
                .filter(|&(start, text)| Word { start, text }.opens_with_capital())
                .collect();
            assert_eq!(
                opening,
                capitalised_words(&slice).collect::<Vec<_>>(),
                "{slice:?}"
            );
        }
    }
}
