//! Abbreviations: every use (MASH, DfE, UASCs, NCC-HD), every definition
//! ("Multi-Agency Safeguarding Hub (MASH)", "MASH (Multi-Agency ...)",
//! "Annie Barber (AB)"), and whether a definition's letters fit its words.
//!
//! Read off the shared walk (`walk`): an abbreviation holds two capitals, so
//! only the words that hold a capital are split into tokens, and the tokens
//! around one that may be an abbreviation are read from the text when it is
//! found. No line is split into all its tokens.

use super::lexicon::{
    is_capitalised_word, is_honorific, is_organisation_noun, is_role_noun, is_roman_numeral,
    is_small_word,
};
use super::model::*;
use super::walk::{LineByLine, WalkReader, Word};
use crate::text::TextRange;

/// How many words before "(ABBR)" may spell it out.
pub const MAX_EXPANSION_WORDS: usize = 12;

/// Reads abbreviation uses and definitions off the walk, line by line.
pub struct AbbreviationReader<'t> {
    text: &'t str,
    uses: Vec<AbbreviationUse>,
    definitions: Vec<Definition>,
    /// The content of the line being read.
    content: TextRange,
    /// How many words in capitals the line has shown so far.
    caps_words: usize,
    /// Where the line's uses and definitions begin in the lists: a line
    /// found at its end to be a heading takes them back.
    first_use: usize,
    first_definition: usize,
    /// Spans of the line that hold addresses, e-mail or tags; read once a
    /// word could be an abbreviation, since most lines have none.
    masked: Option<Vec<std::ops::Range<usize>>>,
}

impl<'t> AbbreviationReader<'t> {
    pub fn new(text: &'t str) -> Self {
        AbbreviationReader {
            text,
            uses: Vec::new(),
            definitions: Vec::new(),
            content: TextRange::empty(0),
            caps_words: 0,
            first_use: 0,
            first_definition: 0,
            masked: None,
        }
    }

    /// The uses in text order, and the definitions by where their
    /// abbreviation stands, one for each; `initials` (an attendance
    /// list's) come first, as a reader walking from the top meets them.
    pub fn finish(self, mut initials: Vec<Definition>) -> (Vec<AbbreviationUse>, Vec<Definition>) {
        initials.extend(self.definitions);
        settle_definitions(&mut initials);
        (self.uses, initials)
    }

    /// Reads a token that holds two capitals: a use, perhaps inside its
    /// definition, unless what stands around it says otherwise.
    fn candidate(&mut self, token: &Token) {
        let text = self.text;
        let content = self.content;
        let Some((key, range)) = abbreviation_key(text, token) else {
            return;
        };
        let slice = content.of(text);
        let relative = range.start - content.start;
        let masked = self.masked.get_or_insert_with(|| masked_spans(slice));
        if masked.iter().any(|span| span.contains(&relative)) {
            return;
        }
        // Numbers neither make nor break a run of capitals ("WEDNESDAY 15
        // MAY 2019"): the neighbours are the nearest words with letters.
        let base = content.start;
        let previous = lettered_before(slice, base, token.run.start - base);
        let next = lettered_after(slice, base, token.run.end - base);
        // Part of a run of capitals: three or more words, or two beside an
        // ordinary word in capitals ("CHAIRMAN'S REPORT"): a heading run into the text.
        let caps = |t: &Option<Token>| t.as_ref().is_some_and(|t| t.all_caps);
        let heading_word = |t: &Option<Token>| {
            t.as_ref().is_some_and(|t| {
                t.all_caps && is_capitalised_word(strip_caps_possessive(t.core.of(text)))
            })
        };
        let in_run = token.all_caps
            && (caps(&previous)
                && (caps(&next)
                    || caps(
                        &previous.and_then(|p| lettered_before(slice, base, p.run.start - base)),
                    ))
                || caps(&next)
                    && caps(&next.and_then(|n| lettered_after(slice, base, n.run.end - base))))
            || heading_word(&previous)
            || heading_word(&next);
        if in_run {
            return;
        }
        let before = &text[content.start..token.range.start];
        let after = &text[token.range.end..content.end];
        // Part of a reference such as "20/500342/SUB" or "BTC/074/05".
        if before.ends_with('/') || after.starts_with('/') {
            return;
        }
        // A label opening the line: "LINK: https://...".
        if before.trim().is_empty()
            && (after.starts_with(':') || after.starts_with(" -") || after.starts_with(" –"))
            && key.len() >= 4
        {
            return;
        }
        // Initials after an honorific name a person: "Cllr JA".
        if previous.is_some_and(|p| is_honorific(p.core.of(text).trim_end_matches('.'))) {
            return;
        }
        let tokens_before = TokensBefore {
            slice,
            base,
            at: token.run.start - base,
        };
        let mut in_definition = false;
        if let Some(definition) = definition_at(text, content, token, tokens_before, &key, range) {
            in_definition = true;
            self.definitions.push(definition);
        }
        self.uses.push(AbbreviationUse {
            range,
            key,
            in_definition,
        });
    }

    /// Whether the line is set mostly, or wholly, in capitals: a heading or
    /// shouting, not abbreviations. Only asked of a line with a word in
    /// capitals and a use, and the count of its words stops as soon as
    /// there are too many for capitals to be most of them.
    fn is_heading(&self) -> bool {
        let caps_words = self.caps_words;
        if caps_words == 0 {
            return false;
        }
        let slice = self.content.of(self.text);
        let mut words_with_letters = 0;
        let mut lettered = 0;
        let mut first_lettered = None;
        let mut at = 0;
        while at < slice.len() {
            let (part, width) = word_char_at(slice, at);
            if !part {
                at += width;
                continue;
            }
            let (token, end) = token_at(slice, self.content.start, at);
            at = end;
            let Some(token) = token.filter(|t| t.letters > 0) else {
                continue;
            };
            lettered += 1;
            first_lettered.get_or_insert(token);
            if token.letters >= 2 {
                words_with_letters += 1;
                if words_with_letters * 6 > caps_words * 10 {
                    return false;
                }
            }
        }
        // A line that is a single abbreviation and its definition or a
        // number, such as "CCG" or "(CCG)", is kept: one short word is no heading.
        let lone = lettered == 1
            && first_lettered.is_some_and(|t| t.core.of(self.text).chars().count() <= 5);
        words_with_letters >= 3 && caps_words * 10 >= words_with_letters * 6
            || caps_words == words_with_letters && words_with_letters <= 12 && !lone
    }
}

impl LineByLine for AbbreviationReader<'_> {
    fn join(parts: Vec<Self>) -> Self {
        let mut reader = AbbreviationReader::new(parts[0].text);
        let (uses, definitions) = parts
            .into_iter()
            .map(|part| (part.uses, part.definitions))
            .unzip();
        reader.uses = super::walk::joined(uses);
        reader.definitions = super::walk::joined(definitions);
        reader
    }
}

impl<'t> super::walk::Resumable<'t> for AbbreviationReader<'t> {
    type Found = (Vec<AbbreviationUse>, Vec<Definition>);

    fn into_found(self) -> Self::Found {
        (self.uses, self.definitions)
    }

    fn from_found(text: &'t str, parts: &[(&Self::Found, isize)]) -> Self {
        let uses: Vec<_> = parts.iter().map(|&(found, by)| (&found.0, by)).collect();
        let definitions: Vec<_> = parts.iter().map(|&(found, by)| (&found.1, by)).collect();
        let mut reader = AbbreviationReader::new(text);
        reader.uses = moved_all(&uses);
        reader.definitions = moved_all(&definitions);
        reader
    }
}

impl<'w, 't: 'w> WalkReader<'w> for AbbreviationReader<'t> {
    fn line(&mut self, line: &Line) {
        self.content = line.content;
        self.caps_words = 0;
        self.first_use = self.uses.len();
        self.first_definition = self.definitions.len();
        self.masked = None;
    }

    fn word(&mut self, word: Word<'w>) {
        // A token with two capitals, or in capitals, holds two characters
        // that are ASCII capitals or beyond ASCII, each found by one byte (a
        // capital, or the lead byte of a character): most words ("The",
        // "Chris", "council’s") hold one.
        let capitals_or_beyond = word
            .text
            .bytes()
            .filter(|&b| b.is_ascii_uppercase() || b >= 0xC0)
            .take(2)
            .count();
        if capitals_or_beyond < 2 {
            return;
        }
        let slice = self.content.of(self.text);
        let base = self.content.start;
        let mut at = word.start - base;
        let end = at + word.text.len();
        while at < end {
            let (part, width) = word_char_at(slice, at);
            if !part {
                at += width;
                continue;
            }
            let (token, run_end) = token_at(slice, base, at);
            at = run_end;
            if let Some(token) = token {
                self.caps_words += usize::from(token.all_caps);
                if token.upper >= 2 {
                    self.candidate(&token);
                }
            }
        }
    }

    fn line_end(&mut self) {
        if self.uses.len() > self.first_use && self.is_heading() {
            self.uses.truncate(self.first_use);
            self.definitions.truncate(self.first_definition);
        }
    }
}

/// The definitions an attendance list gives: "Annie Barber (AB)".
pub fn initials_defined(text: &str, attendance: &[AttendanceList]) -> Vec<Definition> {
    let mut definitions = Vec::new();
    for list in attendance {
        for entry in &list.entries {
            if let Some(initials) = entry.initials {
                definitions.push(Definition {
                    key: initials.of(text).into(),
                    abbreviation: initials,
                    expansion: entry.name,
                    range: entry.name.cover(initials),
                    form: DefinitionForm::Initials,
                    letters_match: true,
                });
            }
        }
    }
    definitions
}

/// Definitions in the order of their abbreviations, one for each place
/// (the first given, where an attendance list's initials are read again).
fn settle_definitions(definitions: &mut Vec<Definition>) {
    definitions.sort_by_key(|d| d.abbreviation.start);
    definitions.dedup_by_key(|d| d.abbreviation);
}

/// A run of word characters, without the marks at its edges.
#[derive(Clone, Copy, Debug)]
struct Token {
    /// The run the token was read from, marks at its edges and all.
    run: TextRange,
    range: TextRange,
    /// The word without a possessive: "DfE" of "DfE's".
    core: TextRange,
    all_caps: bool,
    /// How many letters the core holds, and how many of them are capitals.
    letters: usize,
    upper: usize,
}

/// Whether the character at byte `at` can be part of a word, and its width.
#[inline]
fn word_char_at(slice: &str, at: usize) -> (bool, usize) {
    let byte = slice.as_bytes()[at];
    if byte < 0x80 {
        let part = byte.is_ascii_alphanumeric() || matches!(byte, b'&' | b'-' | b'\'');
        return (part, 1);
    }
    match slice[at..].chars().next() {
        Some(ch) => (ch.is_alphanumeric() || ch == '’', ch.len_utf8()),
        None => (false, 1),
    }
}

/// Where the character that ends at byte `at` starts, and whether it can be
/// part of a word.
#[inline]
fn word_char_before(slice: &str, at: usize) -> (usize, bool) {
    let bytes = slice.as_bytes();
    let byte = bytes[at - 1];
    if byte < 0x80 {
        return (at - 1, ASCII_CLASS[usize::from(byte)] != BREAK);
    }
    let mut lead = at - 1;
    while bytes[lead] & 0xC0 == 0x80 {
        lead -= 1;
    }
    (lead, word_char_at(slice, lead).0)
}

/// Reads the run of word characters that opens at byte `start` of `slice`
/// (a line's content, starting at byte `base` of the text): its token, if
/// anything is left once the marks at its edges are trimmed, and where the
/// run ends.
#[inline]
fn token_at(slice: &str, base: usize, start: usize) -> (Option<Token>, usize) {
    let bytes = slice.as_bytes();
    let (_, width) = word_char_at(slice, start);
    let mut at = start + width;
    // Letters and capitals are counted on the way for words in ASCII,
    // the most of them, so that they are not read twice.
    let mut ascii = width == 1;
    let mut counts = LetterCounts::default();
    if ascii {
        counts.add(bytes[start]);
    }
    while at < slice.len() {
        let byte = bytes[at];
        if byte < 0x80 {
            if ASCII_CLASS[usize::from(byte)] == BREAK {
                break;
            }
            counts.add(byte);
            at += 1;
            continue;
        }
        let (part, width) = word_char_at(slice, at);
        if !part {
            break;
        }
        ascii = false;
        at += width;
    }
    (
        make_token(base, slice, start, at, ascii.then_some(counts)),
        at,
    )
}

/// The next token with letters from byte `at` on.
fn lettered_after(slice: &str, base: usize, mut at: usize) -> Option<Token> {
    while at < slice.len() {
        let (part, width) = word_char_at(slice, at);
        if !part {
            at += width;
            continue;
        }
        let (token, end) = token_at(slice, base, at);
        at = end;
        if let Some(token) = token.filter(|t| t.letters > 0) {
            return Some(token);
        }
    }
    None
}

/// The nearest token with letters before byte `at`.
fn lettered_before(slice: &str, base: usize, at: usize) -> Option<Token> {
    TokensBefore { slice, base, at }.find(|t| t.letters > 0)
}

/// The tokens of a line before a place, nearest first: read back from the
/// text, they are the runs that reading forward finds, since a run ends
/// wherever a character cannot be part of a word.
struct TokensBefore<'a> {
    slice: &'a str,
    base: usize,
    at: usize,
}

impl Iterator for TokensBefore<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let slice = self.slice;
        loop {
            // Back over what cannot be part of a word, then over the run.
            loop {
                if self.at == 0 {
                    return None;
                }
                let (lead, part) = word_char_before(slice, self.at);
                if part {
                    break;
                }
                self.at = lead;
            }
            // The run is read once, backwards, its letters counted on the
            // way as `token_at` counts them forwards: it is the run
            // `token_at` would read from its start.
            let end = self.at;
            let bytes = slice.as_bytes();
            let mut ascii = true;
            let mut counts = LetterCounts::default();
            while self.at > 0 {
                let byte = bytes[self.at - 1];
                if byte < 0x80 {
                    if ASCII_CLASS[usize::from(byte)] == BREAK {
                        break;
                    }
                    counts.add(byte);
                    self.at -= 1;
                    continue;
                }
                let (lead, part) = word_char_before(slice, self.at);
                if !part {
                    break;
                }
                ascii = false;
                self.at = lead;
            }
            if let Some(token) = make_token(self.base, slice, self.at, end, ascii.then_some(counts))
            {
                return Some(token);
            }
        }
    }
}

/// Capitals and letters in ASCII text, counted byte by byte.
#[derive(Clone, Copy, Default)]
struct LetterCounts {
    upper: usize,
    letters: usize,
}

impl LetterCounts {
    #[inline]
    fn add(&mut self, byte: u8) {
        self.upper += usize::from(byte.is_ascii_uppercase());
        self.letters += usize::from(byte.is_ascii_alphabetic());
    }
}

/// The token of the run `slice[start..end]`: the word without the marks at
/// its edges, or nothing if only marks. Counts of an ASCII word's letters
/// come with it.
fn make_token(
    base: usize,
    slice: &str,
    start: usize,
    end: usize,
    counts: Option<LetterCounts>,
) -> Option<Token> {
    let word = &slice[start..end];
    let (lead, word_trimmed) = if counts.is_some() {
        // An ASCII word: its marks are single bytes, trimmed as bytes.
        let is_edge = |b: &u8| matches!(b, b'-' | b'\'' | b'&');
        let bytes = word.as_bytes();
        let lead = bytes.iter().take_while(|b| is_edge(b)).count();
        let trail = bytes[lead..]
            .iter()
            .rev()
            .take_while(|b| is_edge(b))
            .count();
        (lead, &word[lead..word.len() - trail])
    } else {
        let edge = |c: char| matches!(c, '-' | '\'' | '’' | '&');
        let word_start_trimmed = word.trim_start_matches(edge);
        (
            word.len() - word_start_trimmed.len(),
            word_start_trimmed.trim_end_matches(edge),
        )
    };
    if word_trimmed.is_empty() {
        return None;
    }
    let core_text = word_trimmed
        .strip_suffix("'s")
        .or_else(|| word_trimmed.strip_suffix("’s"))
        .unwrap_or(word_trimmed);
    let range = TextRange::new(
        base + start + lead,
        base + start + lead + word_trimmed.len(),
    );
    // The marks at the edges are not letters; a possessive takes off one
    // small letter.
    let (upper, letters) = match counts {
        Some(counts) => (
            counts.upper,
            counts.letters - usize::from(core_text.len() < word_trimmed.len()),
        ),
        None => count_letters(core_text),
    };
    Some(Token {
        run: TextRange::new(base + start, base + end),
        range,
        core: TextRange::new(range.start, range.start + core_text.len()),
        all_caps: letters >= 2 && upper == letters,
        letters,
        upper,
    })
}

/// The key of a word that is an abbreviation, and the range of its letters
/// without a plural `s`: "UASCs" → "UASC".
fn abbreviation_key(text: &str, token: &Token) -> Option<(compact_str::CompactString, TextRange)> {
    // Fewer than two capitals rules out nearly every word before any work:
    // taking off a possessive or a plural never adds one.
    if token.upper < 2 {
        return None;
    }
    let word = strip_caps_possessive(token.core.of(text));
    if word.chars().any(|c| c.is_ascii_digit()) || !word.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let core = TextRange::new(token.core.start, token.core.start + word.len());
    if is_word_in_capitals(word) {
        return None;
    }
    let (word, range) = match word.strip_suffix('s') {
        Some(stem)
            if stem
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                && stem.len() >= 2 =>
        {
            (stem, TextRange::new(core.start, core.end - 1))
        }
        _ => (word, core),
    };
    let (upper, letters) = count_letters(word);
    let lower = letters - upper;
    if upper < 2 || lower > upper || (lower > 0 && lower * 2 >= letters) {
        return None;
    }
    if is_capitalised_word(word) || is_roman_numeral(word) {
        return None;
    }
    Some((word.into(), range))
}

const BREAK: u8 = 0;
const IN_WORD: u8 = 1;
const CAPITAL: u8 = 2;

/// How each ASCII byte bears on a word: it breaks it, is part of it, or is a capital.
static ASCII_CLASS: [u8; 128] = {
    let mut table = [BREAK; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        table[byte] = if b.is_ascii_uppercase() {
            CAPITAL
        } else if b.is_ascii_alphanumeric() || b == b'&' || b == b'-' || b == b'\'' {
            IN_WORD
        } else {
            BREAK
        };
        byte += 1;
    }
    table
};

/// "CHAIRMAN'S" → "CHAIRMAN".
fn strip_caps_possessive(word: &str) -> &str {
    word.strip_suffix("'S")
        .or_else(|| word.strip_suffix("’S"))
        .unwrap_or(word)
}

/// Capitals and letters in a word, counted without allocating.
fn count_letters(word: &str) -> (usize, usize) {
    if word.is_ascii() {
        return word.bytes().fold((0, 0), |(upper, letters), b| {
            (
                upper + usize::from(b.is_ascii_uppercase()),
                letters + usize::from(b.is_ascii_alphabetic()),
            )
        });
    }
    word.chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(upper, letters), c| {
            (upper + usize::from(c.is_uppercase()), letters + 1)
        })
}

/// A long word in capitals that reads as a word, not letters: "SEPTEMBER",
/// "PARTICIPATION". Initialisms of seven or more letters are rare and have
/// few vowels (HMICFRS, BCKLWN).
fn is_word_in_capitals(word: &str) -> bool {
    let (upper, letters) = count_letters(word);
    if letters < 7 || upper != letters {
        return false;
    }
    let vowels = word
        .chars()
        .filter(|c| matches!(c, 'A' | 'E' | 'I' | 'O' | 'U'))
        .count();
    vowels * 4 >= letters
}

/// Byte spans of a line that hold addresses, e-mail, HTML tags or link targets.
fn masked_spans(slice: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    // One pass over the bytes rules out most lines before any substring search.
    let bytes = slice.as_bytes();
    let may_hold = memchr::memchr2(b'@', b'<', bytes).is_some()
        || memchr::memchr_iter(b':', bytes).any(|i| bytes[i + 1..].starts_with(b"//"))
        // "www." is found at its dot, which is rarer than a w.
        || memchr::memchr_iter(b'.', bytes).any(|i| i >= 3 && &bytes[i - 3..i] == b"www")
        || memchr::memchr_iter(b']', bytes).any(|i| bytes.get(i + 1) == Some(&b'('));
    if !may_hold {
        return spans;
    }
    let mut at = 0;
    for word in slice.split(|c: char| c.is_whitespace()) {
        let start = at;
        at += word.len() + 1;
        if word.contains("://")
            || word.contains("www.")
            || word.contains('@')
            || word.contains("](")
        {
            spans.push(start..start + word.len());
        }
    }
    let mut rest = 0;
    while let Some(open) = slice[rest..].find('<') {
        let open = rest + open;
        match slice[open..].find('>') {
            Some(close) => {
                spans.push(open..open + close + 1);
                rest = open + close + 1;
            }
            None => break,
        }
    }
    spans
}

/// Reads a definition around the abbreviation `token`, if there is one;
/// `tokens_before` are the line's tokens before it, nearest first.
fn definition_at(
    text: &str,
    content: TextRange,
    token: &Token,
    tokens_before: impl Iterator<Item = Token>,
    key: &str,
    range: TextRange,
) -> Option<Definition> {
    let before = text[content.start..range.start].trim_end_matches([' ', '\u{a0}']);
    let after_start = token.range.end;
    let after = &text[after_start..content.end];
    // Words first: "Multi-Agency Safeguarding Hub (MASH)".
    if before.ends_with('(') && after.starts_with(')')
        || before.ends_with('[') && after.starts_with(']')
    {
        let open = content.start + before.len() - 1;
        return words_first(text, tokens_before, key, range, open, after_start + 1);
    }
    // Abbreviation first: "MASH (Multi-Agency Safeguarding Hub)".
    let gap = after.len() - after.trim_start_matches([' ', '\u{a0}']).len();
    if after[gap..].starts_with('(') {
        let inner_start = after_start + gap + 1;
        let close = text[inner_start..content.end].find(')')?;
        let inner = crate::text::trim_range(text, TextRange::new(inner_start, inner_start + close));
        let words: Vec<&str> = inner.of(text).split_whitespace().collect();
        if words.len() < 2 || words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())) {
            return None;
        }
        let matches = letters_match(key, &words);
        let content_words: Vec<&&str> = words.iter().filter(|w| !is_small_word(w)).collect();
        let claims = content_words.len() >= 2
            && content_words
                .iter()
                .all(|w| w.starts_with(|c: char| c.is_uppercase()));
        if !matches && !claims {
            return None;
        }
        return Some(Definition {
            key: key.into(),
            abbreviation: range,
            expansion: inner,
            range: TextRange::new(range.start, inner.end + 1),
            form: DefinitionForm::AbbreviationFirst,
            letters_match: matches,
        });
    }
    None
}

fn words_first(
    text: &str,
    tokens_before: impl Iterator<Item = Token>,
    key: &str,
    range: TextRange,
    open: usize,
    close_end: usize,
) -> Option<Definition> {
    // Walk back over the words before the bracket while they can name something.
    let mut run: Vec<Token> = Vec::new();
    let mut capitalised_run = true;
    for token in tokens_before {
        let word = token.range.of(text);
        let gap = &text[token.range.end..run.last().map_or(open, |t| t.range.start)];
        // A comma may part the words of a list inside a name: "Equality, Diversity and Inclusion".
        let comma_in_name = gap.trim() == ","
            && !run.is_empty()
            && token.range.of(text).starts_with(|c: char| c.is_uppercase());
        if gap
            .chars()
            .any(|c| !c.is_whitespace() && c != '-' && c != '&')
            && !comma_in_name
            || run.len() >= MAX_EXPANSION_WORDS
        {
            break;
        }
        let capitalised = word.starts_with(|c: char| c.is_uppercase());
        if !capitalised && !is_small_word(word) {
            if run.iter().all(|t| is_small_word(t.range.of(text))) && run.len() <= 1 {
                capitalised_run = false;
            }
            if capitalised_run {
                break;
            }
        }
        run.push(token);
    }
    run.reverse();
    // Leading small words are not part of the name: "the".
    while run.first().is_some_and(|t| is_small_word(t.range.of(text))) {
        run.remove(0);
    }
    if run.is_empty() {
        return None;
    }
    let words: Vec<&str> = run.iter().map(|t| t.range.of(text)).collect();
    // The definition whose expansion runs from the word at `from` to the bracket.
    let run_end = run.last()?.range.end;
    let definition = |from: usize, form: DefinitionForm, letters_match: bool| {
        let expansion = TextRange::new(run[from].range.start, run_end);
        spelled_out(key, range, expansion, close_end, form, letters_match)
    };
    // The shortest run of words at the end that spells the letters. The
    // words are prepared once; each run is a tail of them.
    let letters = abbreviation_letters(key);
    // The parts of all the words, read once when first wanted, and where
    // each word's parts begin: a run's parts are a tail of them.
    let mut parts: Option<(WordParts, Vec<usize>)> = None;
    for skip in (0..words.len()).rev() {
        if is_small_word(words[skip]) {
            continue;
        }
        // A run must open with the abbreviation's first letter: most are
        // ruled out before their letters are prepared.
        let first_letter = words[skip]
            .chars()
            .find(|c| c.is_alphanumeric())
            .and_then(|c| c.to_lowercase().next());
        if letters.is_empty() || first_letter != letters.first().copied() {
            continue;
        }
        let (parts, first_parts) = parts.get_or_insert_with(|| word_parts_by_word(&words));
        if matches_from(&letters, parts, first_parts[skip], 0, 0) {
            return Some(definition(skip, DefinitionForm::WordsFirst, true));
        }
    }
    let content_words = words.iter().filter(|w| !is_small_word(w)).count();
    let all_capitalised = words
        .iter()
        .all(|w| is_small_word(w) || w.starts_with(|c: char| c.is_uppercase()));
    // Initials after a person's name define them even when a middle name is
    // left out: "Mr M Evans [MJE]".
    let has_honorific = words
        .first()
        .is_some_and(|w| is_honorific(w.trim_end_matches('.')));
    if has_honorific && key.chars().count() <= 4 && key.chars().all(|c| c.is_ascii_uppercase()) {
        // Initials open with the first name's letter and hold the
        // surname's; other letters after a name are an affiliation:
        // "Cllr Ann Orr (SBC)".
        let name: Vec<char> = words
            .iter()
            .filter(|w| !is_honorific(w.trim_end_matches('.')))
            .filter_map(|w| w.chars().next())
            .collect();
        let fits = name.first() == key.chars().next().as_ref()
            && name
                .last()
                .is_some_and(|surname| key.chars().skip(1).any(|c| c == *surname));
        return fits.then(|| definition(0, DefinitionForm::Initials, true));
    }
    // A person's name or a role before "(NALC)" is an affiliation, not a definition.
    let has_role = words.iter().any(|w| is_role_noun(w));
    let looks_like_a_person = content_words == words.len()
        && words.len() <= 3
        && !words.iter().any(|w| is_organisation_noun(w));
    if content_words >= 2 && all_capitalised && !has_role && !looks_like_a_person {
        return Some(definition(0, DefinitionForm::WordsFirst, false));
    }
    None
}

/// A definition whose words come before the bracketed abbreviation.
fn spelled_out(
    key: &str,
    abbreviation: TextRange,
    expansion: TextRange,
    close_end: usize,
    form: DefinitionForm,
    letters_match: bool,
) -> Definition {
    Definition {
        key: key.into(),
        abbreviation,
        expansion,
        range: TextRange::new(expansion.start, close_end),
        form,
        letters_match,
    }
}

/// The parts of some words that can give letters: each part's letters,
/// lower-cased, are a stretch of one buffer, so that reading the parts of a
/// run of words allocates twice, not once for each part.
#[derive(Default)]
struct WordParts {
    /// Every part's letters, one after another.
    letters: Vec<char>,
    /// Each part: where its letters are in `letters`, and whether it must
    /// give its first letter (the first part of a word that is not small).
    parts: Vec<(std::ops::Range<usize>, bool)>,
}

impl WordParts {
    fn letters_of(&self, part: usize) -> &[char] {
        &self.letters[self.parts[part].0.clone()]
    }
}

/// Whether the letters of `abbreviation` can be read, in order, off `words`:
/// every word but the small ones gives its first letter (each part of a
/// hyphenated word may), small words may give theirs, and a word may give a
/// further letter or two from inside it (TfL, DfE, DATS from "Teams").
pub fn letters_match(abbreviation: &str, words: &[&str]) -> bool {
    let letters = abbreviation_letters(abbreviation);
    let (parts, _) = word_parts_by_word(words);
    !parts.parts.is_empty() && !letters.is_empty() && matches_from(&letters, &parts, 0, 0, 0)
}

/// The letters of an abbreviation, lower-cased: "NCC-HD" → n, c, c, h, d.
fn abbreviation_letters(abbreviation: &str) -> Vec<char> {
    abbreviation
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The parts of `words` that can give letters, and the index of each
/// word's first part among them.
fn word_parts_by_word(words: &[&str]) -> (WordParts, Vec<usize>) {
    // A word gives at most a letter a byte, and a part at each hyphen.
    let mut parts = WordParts {
        letters: Vec::with_capacity(words.iter().map(|word| word.len()).sum()),
        parts: Vec::with_capacity(words.len() + 2),
    };
    let mut first_parts = Vec::with_capacity(words.len());
    for word in words {
        first_parts.push(parts.parts.len());
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        if word.is_empty() {
            continue;
        }
        let small = is_small_word(word);
        for (i, part) in word.split('-').filter(|p| !p.is_empty()).enumerate() {
            let start = parts.letters.len();
            if part.is_ascii() {
                parts.letters.extend(
                    part.bytes()
                        .filter(|b| b.is_ascii_alphanumeric() || *b == b'&')
                        .map(|b| char::from(b.to_ascii_lowercase())),
                );
            } else {
                parts.letters.extend(
                    part.chars()
                        .filter(|c| c.is_alphanumeric() || *c == '&')
                        .flat_map(char::to_lowercase),
                );
            }
            if parts.letters.len() > start {
                parts
                    .parts
                    .push((start..parts.letters.len(), !small && i == 0));
            }
        }
    }
    (parts, first_parts)
}

/// Whether `letters[a..]` can be read off the parts from `from + w` on.
fn matches_from(letters: &[char], parts: &WordParts, from: usize, a: usize, w: usize) -> bool {
    let count = parts.parts.len() - from;
    if a == letters.len() {
        return parts.parts[from + w..]
            .iter()
            .all(|(_, required)| !required);
    }
    if w == count {
        return false;
    }
    let required = parts.parts[from + w].1;
    let word = parts.letters_of(from + w);
    if !required && matches_from(letters, parts, from, a, w + 1) {
        return true;
    }
    if word[0] != letters[a] {
        return false;
    }
    // Take the initial, then up to two more letters from inside the word.
    if matches_from(letters, parts, from, a + 1, w + 1) {
        return true;
    }
    let mut taken = a + 1;
    let mut position = 1;
    for _ in 0..2 {
        if taken >= letters.len() {
            break;
        }
        match word[position..].iter().position(|&c| c == letters[taken]) {
            Some(found) => {
                position += found + 1;
                taken += 1;
                if matches_from(letters, parts, from, taken, w + 1) {
                    return true;
                }
            }
            None => break,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fits(abbreviation: &str, words: &str) -> bool {
        letters_match(abbreviation, &words.split_whitespace().collect::<Vec<_>>())
    }

    #[test]
    fn reads_letters_off_words() {
        assert!(fits("MASH", "Multi-Agency Safeguarding Hub"));
        assert!(fits("DATS", "Duty and Assessment Teams"));
        assert!(fits("UASC", "Unaccompanied Asylum Seeking Children"));
        assert!(fits("DfE", "Department for Education"));
        assert!(fits("TfL", "Transport for London"));
        assert!(fits("NCC-HD", "Norfolk County Council Highways Department"));
        assert!(fits("CAMHS", "Child and Adolescent Mental Health Services"));
        assert!(fits("COSLA", "Convention of Scottish Local Authorities"));
        assert!(!fits("COSLA", "Confederation of Local Authorities"));
        assert!(!fits("BSCB", "Barnet Children's Safeguarding Board"));
        assert!(!fits("ABC", "Alpha Beta Gamma Delta"));
    }

    /// What the reader finds in `text`, read off the walk as `parse` reads it.
    fn read(text: &str) -> (Vec<AbbreviationUse>, Vec<Definition>) {
        let lines = super::super::lines::split_lines(text);
        let mut reader = AbbreviationReader::new(text);
        super::super::walk::walk(text, &lines, &mut reader);
        reader.finish(Vec::new())
    }

    fn uses(line: &str) -> Vec<String> {
        read(line)
            .0
            .into_iter()
            .map(|u| u.key.to_string())
            .collect()
    }

    /// The reading the walk replaced: each line split into all its tokens
    /// first, and every question about a token's neighbours answered from
    /// that list.
    fn read_by_token_lists(text: &str) -> (Vec<AbbreviationUse>, Vec<Definition>) {
        let lines = super::super::lines::split_lines(text);
        let (mut uses, mut definitions) = (Vec::new(), Vec::new());
        for line in lines.iter().filter(|line| line.kind == LineKind::Text) {
            read_line_by_token_list(text, line.content, &mut uses, &mut definitions);
        }
        definitions.sort_by_key(|d| d.abbreviation.start);
        definitions.dedup_by_key(|d| d.abbreviation);
        (uses, definitions)
    }

    fn read_line_by_token_list(
        text: &str,
        content: TextRange,
        uses: &mut Vec<AbbreviationUse>,
        definitions: &mut Vec<Definition>,
    ) {
        let slice = content.of(text);
        let mut all_tokens = Vec::new();
        let mut at = 0;
        while at < slice.len() {
            let (part, width) = word_char_at(slice, at);
            if !part {
                at += width;
                continue;
            }
            let (token, end) = token_at(slice, content.start, at);
            at = end;
            all_tokens.extend(token);
        }
        let positions: Vec<usize> = (0..all_tokens.len())
            .filter(|&i| all_tokens[i].letters > 0)
            .collect();
        let token = |i: usize| &all_tokens[positions[i]];
        let words_with_letters = positions
            .iter()
            .filter(|&&i| all_tokens[i].letters >= 2)
            .count();
        let caps_words = positions
            .iter()
            .filter(|&&i| all_tokens[i].all_caps)
            .count();
        let lone =
            positions.len() == 1 && all_tokens[positions[0]].core.of(text).chars().count() <= 5;
        if words_with_letters >= 3 && caps_words * 10 >= words_with_letters * 6
            || caps_words > 0
                && caps_words == words_with_letters
                && words_with_letters <= 12
                && !lone
        {
            return;
        }
        let mut masked: Option<Vec<std::ops::Range<usize>>> = None;
        let is_caps = |i: usize| i < positions.len() && token(i).all_caps;
        let is_heading_word = |i: usize| {
            (i < positions.len()).then(|| token(i)).is_some_and(|t| {
                t.all_caps && is_capitalised_word(strip_caps_possessive(t.core.of(text)))
            })
        };
        for index in 0..positions.len() {
            let token = token(index);
            let Some((key, range)) = abbreviation_key(text, token) else {
                continue;
            };
            let relative = range.start - content.start;
            let masked = masked.get_or_insert_with(|| masked_spans(slice));
            if masked.iter().any(|span| span.contains(&relative)) {
                continue;
            }
            let in_run = (index.saturating_sub(2)..=index).any(|i| (i..i + 3).all(is_caps))
                || (index > 0 && is_heading_word(index - 1))
                || is_heading_word(index + 1);
            if in_run {
                continue;
            }
            let before = &text[content.start..token.range.start];
            let after = &text[token.range.end..content.end];
            if before.ends_with('/') || after.starts_with('/') {
                continue;
            }
            if before.trim().is_empty()
                && (after.starts_with(':') || after.starts_with(" -") || after.starts_with(" –"))
                && key.len() >= 4
            {
                continue;
            }
            if index > 0
                && is_honorific(
                    all_tokens[positions[index - 1]]
                        .core
                        .of(text)
                        .trim_end_matches('.'),
                )
            {
                continue;
            }
            let tokens_before = all_tokens[..positions[index]].iter().rev().copied();
            let mut in_definition = false;
            if let Some(definition) =
                definition_at(text, content, token, tokens_before, &key, range)
            {
                in_definition = true;
                definitions.push(definition);
            }
            uses.push(AbbreviationUse {
                range,
                key,
                in_definition,
            });
        }
    }

    /// Random lines of abbreviations, headings, definitions, numbers, marks
    /// and words beyond ASCII: the walk finds what the token lists found.
    #[test]
    fn reads_what_the_token_lists_read() {
        let words = [
            "MASH",
            "Multi-Agency",
            "Safeguarding",
            "Hub",
            "the",
            "and",
            "of",
            "DfE's",
            "UASCs",
            "NCC-HD",
            "2019",
            "15",
            "Cllr",
            "Mr",
            "JA",
            "RESOLVED",
            "CHAIRMAN'S",
            "REPORT",
            "MAY",
            "Émile",
            "ÉTÉ",
            "’",
            "-",
            "&",
            "https://x.org/ABC",
            "<AI1>",
            "[ABC]",
            "ABC",
            "QRZ",
            "Ab",
            "-ABC-",
            "A.B.",
            "AB's",
            "ABC’s",
            "II",
            "SEPTEMBER",
            "HMICFRS",
            "a",
            "I",
            "CCG",
            "Clinical",
            "Commissioning",
            "Group",
            "LINK",
            "TfL",
            "Transport",
            "for",
            "London",
            "DATS",
            "Duty",
            "Teams",
            "Ms",
            "Ann",
            "Orr",
            "SBC",
            "M",
            "Evans",
            "MJE",
            "Equality",
            "Diversity",
            "Inclusion",
            "EDI",
            "'",
            "--",
            "&&",
            "1/2",
            "ÀB",
            "NHS’s",
            "council’s",
        ];
        let gaps = [
            " ", " ", " ", "", "\u{a0}", ", ", "/", " (", ") ", "(", ")", "\n", ". ", " - ", ": ",
            " [", "] ", "–", " – ",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..60_000 {
            let mut text = String::new();
            for _ in 0..1 + next(30) {
                text.push_str(words[next(words.len())]);
                text.push_str(gaps[next(gaps.len())]);
            }
            assert_eq!(
                format!("{:?}", read(&text)),
                format!("{:?}", read_by_token_lists(&text)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn finds_abbreviations_but_not_capitalised_words() {
        assert_eq!(
            uses("The DfE's report on UASCs and NCC-HD works"),
            vec!["DfE", "UASC", "NCC-HD"]
        );
        assert_eq!(
            uses("It was RESOLVED that Part II of the McAllister report be NOTED"),
            Vec::<String>::new()
        );
        assert_eq!(uses("MINUTES OF THE ANNUAL MEETING"), Vec::<String>::new());
        assert_eq!(
            uses("Cllr JA asked about https://www.EXAMPLE.org/ABC and <AI1>"),
            Vec::<String>::new()
        );
    }
}
