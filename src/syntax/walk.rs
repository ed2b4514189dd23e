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

/// A line-by-line reader whose findings can be kept with a version of the
/// document and taken up by the parse of the next version, for the lines
/// the edit between them left as they were.
pub trait Resumable<'t>: LineByLine {
    /// What the reader found, owned, so that it outlives the text.
    type Found: Send + Sync + 'static;
    /// What this reader found.
    fn into_found(self) -> Self::Found;
    /// A reader of `text` holding what `parts` found, in their order, each
    /// part's places moved by the bytes given with it.
    fn from_found(text: &'t str, parts: &[(&Self::Found, isize)]) -> Self;
}

impl<'t, A: Resumable<'t>, B: Resumable<'t>> Resumable<'t> for (A, B) {
    type Found = (A::Found, B::Found);

    fn into_found(self) -> Self::Found {
        (self.0.into_found(), self.1.into_found())
    }

    fn from_found(text: &'t str, parts: &[(&Self::Found, isize)]) -> Self {
        let firsts: Vec<_> = parts.iter().map(|&(found, by)| (&found.0, by)).collect();
        let seconds: Vec<_> = parts.iter().map(|&(found, by)| (&found.1, by)).collect();
        (A::from_found(text, &firsts), B::from_found(text, &seconds))
    }
}

/// What [`walk_keeping`] kept of one version's lines: the parts it walked
/// them in, each with what its reader found there.
pub struct KeptWalk<F> {
    parts: Vec<KeptPart<F>>,
    /// How many of the parts were taken up from the version before.
    taken_up: usize,
}

impl<F> Clone for KeptWalk<F> {
    fn clone(&self) -> Self {
        KeptWalk {
            parts: self.parts.clone(),
            taken_up: self.taken_up,
        }
    }
}

impl<F> KeptWalk<F> {
    /// How many parts the lines were kept in.
    pub fn parts(&self) -> usize {
        self.parts.len()
    }

    /// How many of them were taken up from the version before, unwalked.
    pub fn taken_up(&self) -> usize {
        self.taken_up
    }
}

struct KeptPart<F> {
    /// The part's lines, by their place in the version kept.
    lines: std::ops::Range<usize>,
    /// What the part's reader found, shared by every version since.
    found: std::sync::Arc<F>,
    /// How far the places in `found` lie from where they are in the
    /// version kept: an edit before the part moves it.
    shift: isize,
}

impl<F> Clone for KeptPart<F> {
    fn clone(&self) -> Self {
        KeptPart {
            lines: self.lines.clone(),
            found: self.found.clone(),
            shift: self.shift,
        }
    }
}

/// An earlier version's text and lines, and what its walk kept.
pub struct EarlierWalk<'a, F> {
    pub text: &'a str,
    pub lines: &'a [Line],
    pub kept: &'a KeptWalk<F>,
}

/// Lines in a part that is kept: few enough that an edit walks again only
/// a few kilobytes around it, enough that a part is worth a core's while.
const KEPT_PART: usize = 256;

/// Walks the text lines as [`walk_in_parts`] does, but takes up what the
/// walk of `earlier` found in each part whose lines are the same (their
/// text, their kinds) before or after the edit, and walks only the lines
/// between; and keeps what it found, part by part, for the next version.
/// What the reader holds is what [`walk`] over every line would find.
pub fn walk_keeping<'t, R>(
    text: &'t str,
    lines: &[Line],
    earlier: Option<EarlierWalk<'_, R::Found>>,
    new: impl Fn() -> R + Sync,
) -> (R, KeptWalk<R::Found>)
where
    R: WalkReader<'t> + Resumable<'t> + Send,
{
    use rayon::prelude::*;
    use std::sync::Arc;
    let (front, middle, back) = match &earlier {
        Some(earlier) => unchanged_parts(text, lines, earlier),
        None => (Vec::new(), 0..lines.len(), Vec::new()),
    };
    let walked: Vec<KeptPart<R::Found>> = lines[middle.clone()]
        .par_chunks(KEPT_PART)
        .enumerate()
        .map(|(index, part)| {
            let mut reader = new();
            walk(text, part, &mut reader);
            let from = middle.start + index * KEPT_PART;
            KeptPart {
                lines: from..from + part.len(),
                found: Arc::new(reader.into_found()),
                shift: 0,
            }
        })
        .collect();
    let taken_up = front.len() + back.len();
    let parts: Vec<KeptPart<R::Found>> = front.into_iter().chain(walked).chain(back).collect();
    let found: Vec<(&R::Found, isize)> = parts
        .iter()
        .map(|part| (&*part.found, part.shift))
        .collect();
    let reader = R::from_found(text, &found);
    (reader, KeptWalk { parts, taken_up })
}

/// The parts `earlier` kept that are the same in `text` before the edit
/// and after it (placed where they are now), and the lines between, which
/// are walked again.
#[allow(clippy::type_complexity)]
fn unchanged_parts<F>(
    text: &str,
    lines: &[Line],
    earlier: &EarlierWalk<'_, F>,
) -> (Vec<KeptPart<F>>, std::ops::Range<usize>, Vec<KeptPart<F>>) {
    let kept = &earlier.kept.parts;
    // What was kept must be of the lines given with it.
    if kept.last().map_or(0, |part| part.lines.end) != earlier.lines.len() {
        return (Vec::new(), 0..lines.len(), Vec::new());
    }
    let (old, new) = (earlier.text.as_bytes(), text.as_bytes());
    let prefix = common_prefix(old, new);
    let most = old.len().min(new.len()) - prefix;
    let suffix = common_suffix(&old[old.len() - most..], &new[new.len() - most..]);
    let moved = new.len() as isize - old.len() as isize;
    let lines_moved = lines.len() as isize - earlier.lines.len() as isize;
    let same = |old: &Line, new: Option<&Line>, by: isize| {
        new.is_some_and(|new| {
            new.kind == old.kind
                && new.range == old.range.moved(by)
                && new.content == old.content.moved(by)
        })
    };
    let unchanged_before = |part: &KeptPart<F>| {
        earlier.lines[part.lines.clone()]
            .iter()
            .zip(part.lines.clone())
            .all(|(line, at)| line.range.end <= prefix && same(line, lines.get(at), 0))
    };
    let front_parts = kept
        .iter()
        .take_while(|part| unchanged_before(part))
        .count();
    let front: Vec<KeptPart<F>> = kept[..front_parts].to_vec();
    let front_end = front.last().map_or(0, |part| part.lines.end);
    let old_suffix_start = old.len() - suffix;
    // Where a part after the edit stands now, if it is unchanged there.
    let unchanged_after = |part: &KeptPart<F>| {
        let from = part.lines.start as isize + lines_moved;
        (from >= front_end as isize
            && earlier.lines[part.lines.clone()]
                .iter()
                .zip(from as usize..)
                .all(|(line, at)| {
                    line.range.start >= old_suffix_start && same(line, lines.get(at), moved)
                }))
        .then_some(from as usize)
    };
    let mut back = Vec::new();
    for part in kept[front_parts..].iter().rev() {
        let Some(from) = unchanged_after(part) else {
            break;
        };
        back.push(KeptPart {
            lines: from..from + part.lines.len(),
            found: part.found.clone(),
            shift: part.shift + moved,
        });
    }
    back.reverse();
    let back_start = back.first().map_or(lines.len(), |part| part.lines.start);
    (front, front_end..back_start, back)
}

/// How many bytes `a` and `b` open with alike, compared a stretch at a
/// time (a byte at a time, this was a tenth of an edit's parse on 1 MB).
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const STRETCH: usize = 256;
    let most = a.len().min(b.len());
    let mut at = 0;
    while at + STRETCH <= most && a[at..at + STRETCH] == b[at..at + STRETCH] {
        at += STRETCH;
    }
    at + a[at..most]
        .iter()
        .zip(&b[at..most])
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many bytes `a` and `b` close with alike.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const STRETCH: usize = 256;
    let most = a.len().min(b.len());
    let (a, b) = (&a[a.len() - most..], &b[b.len() - most..]);
    let mut alike = 0;
    while alike + STRETCH <= most
        && a[most - alike - STRETCH..most - alike] == b[most - alike - STRETCH..most - alike]
    {
        alike += STRETCH;
    }
    alike
        + a[..most - alike]
            .iter()
            .rev()
            .zip(b[..most - alike].iter().rev())
            .take_while(|(x, y)| x == y)
            .count()
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

    #[test]
    fn common_ends_are_counted_across_stretches() {
        let a: Vec<u8> = (0..2000u32).map(|i| (i % 251) as u8).collect();
        for at in [0, 1, 255, 256, 257, 700, 1999] {
            let mut b = a.clone();
            b[at] ^= 1;
            assert_eq!(common_prefix(&a, &b), at);
            assert_eq!(common_suffix(&a, &b), 1999 - at);
            let mut longer = a.clone();
            longer.insert(at, 7);
            assert_eq!(common_prefix(&a, &longer), at);
            assert_eq!(common_suffix(&a, &longer), 2000 - at);
        }
        assert_eq!(common_prefix(&a, &a), 2000);
        assert_eq!(common_suffix(&a[..10], &a), 0);
        assert_eq!(common_suffix(&a[1990..], &a), 10);
    }
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
