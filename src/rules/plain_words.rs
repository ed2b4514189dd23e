//! What the minutes' own words say about an abbreviation that no
//! definition spells out: whether its letters open a run of capitalised
//! words ("Norfolk County Council" beside "NCC", "Parish Council" beside
//! "Wereham PC"), and whether it is written elsewhere as an ordinary word
//! ("Eon" beside "EON", "Cllr" beside "CLLR").
//!
//! A reader who meets "NCC" in minutes that name Norfolk County Council
//! three lines up knows what it is; telling the clerk it is "not spelled
//! out anywhere" would be wrong. Each question searches the text for the
//! abbreviation's first letter (or its word in ordinary case) and reads
//! only the words there: most minutes ask it of a few abbreviations, and
//! reading every capitalised word of a document for them cost more than
//! all the other checks.

use crate::syntax::lexicon::{is_honorific, is_small_word};

/// The most words a run is read for from one place.
const MAX_RUN: usize = 16;

/// One word of a run of capitalised words, as its initial.
#[derive(Clone, Copy)]
struct RunWord {
    /// The word's first letter, in capitals.
    initial: u8,
    /// A small word inside the run: "of", "and", "for", "the".
    small: bool,
}

/// Whether the letters of `key` open successive words of one run of
/// capitalised words in `text`: capitals from capitalised words (or from
/// small words, "COSLA" from "Confederation of Scottish Local
/// Authorities"), small letters from small words ("DfE" from "Department
/// for Education"), small words that give no letter passed over. A long
/// abbreviation (five capitals or more) may have one letter with no word ("Confederation of Local
/// Authorities" for COSLA).
pub fn spelled_in_words(text: &str, key: &str) -> bool {
    which_spelled_in_words(text, &[key])[0]
}

/// For each of `keys`, whether its letters open successive words of one
/// run of capitalised words in `text`, as [`spelled_in_words`] tells. The
/// keys that open with one letter are asked together at each place the
/// letter stands, so that a run read for one of them is read for all: a
/// document's first pages are asked about every abbreviation it leaves
/// undefined.
pub fn which_spelled_in_words(text: &str, keys: &[&str]) -> Vec<bool> {
    let mut spelled = vec![false; keys.len()];
    let letters: Vec<Option<Letters>> = keys.iter().map(|key| Letters::of(key)).collect();
    let mut by_first: std::collections::BTreeMap<u8, Vec<usize>> = Default::default();
    for (index, letters) in letters.iter().enumerate() {
        if let Some(letters) = letters {
            by_first.entry(letters.all[0]).or_default().push(index);
        }
    }
    let bytes = text.as_bytes();
    let mut run = Run::default();
    for (first, mut asking) in by_first {
        for at in memchr::memchr_iter(first, bytes) {
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] >= 0x80) {
                continue;
            }
            run.start(&text[at..]);
            if run.get(0).is_none_or(|word| word.small) {
                continue;
            }
            asking.retain(|&index| {
                let found = letters[index]
                    .as_ref()
                    .is_some_and(|letters| letters.open(&mut run));
                spelled[index] |= found;
                !found
            });
            if asking.is_empty() {
                break;
            }
        }
    }
    spelled
}

/// The letters of an abbreviation that a run of words must give.
struct Letters {
    /// Every letter, in order.
    all: Vec<u8>,
    /// For a long abbreviation (five capitals or more), the letters with
    /// one left out, where three capitals or more remain: the first and
    /// last letters are never left out.
    with_one_left_out: Vec<Vec<u8>>,
}

impl Letters {
    /// The letters of `key`; `None` when it has fewer than two capitals or
    /// a character beyond ASCII.
    fn of(key: &str) -> Option<Letters> {
        let all: Vec<u8> = key.bytes().filter(u8::is_ascii_alphabetic).collect();
        let capitals = all.iter().filter(|b| b.is_ascii_uppercase()).count();
        if capitals < 2 || !key.is_ascii() {
            return None;
        }
        let with_one_left_out = if capitals >= 5 {
            (1..all.len() - 1)
                .map(|skip| {
                    let mut fewer = all.clone();
                    fewer.remove(skip);
                    fewer
                })
                .filter(|fewer| fewer.iter().filter(|b| b.is_ascii_uppercase()).count() >= 3)
                .collect()
        } else {
            Vec::new()
        };
        Some(Letters {
            all,
            with_one_left_out,
        })
    }

    /// Whether these letters open successive words of `run`.
    fn open(&self, run: &mut Run) -> bool {
        matches_from(run, 0, &self.all)
            || self
                .with_one_left_out
                .iter()
                .any(|fewer| matches_from(run, 0, fewer))
    }
}

/// The run of capitalised words that starts at a place, read a word at a
/// time as the letters ask for them: most runs fail on their second or
/// third word, and reading all sixteen at every capital cost more than
/// every other check of a long document. Small words, "&", emphasis marks,
/// a possessive's apostrophe, a block quote's mark and a single line end
/// keep a run going; other punctuation, a blank line or another word ends
/// it. Words in capitals join when they are long enough to be words ("WEST
/// DEREHAM PARISH COUNCIL").
#[derive(Default)]
struct Run<'t> {
    /// The text after the last word read.
    rest: &'t str,
    /// The run's words read so far, up to about `MAX_RUN`.
    words: Vec<RunWord>,
    /// Small words read since the last capitalised one: they join the run
    /// only when a capitalised word follows them.
    pending_small: Vec<u8>,
    /// Whether the run has ended: no more words are read.
    ended: bool,
}

impl<'t> Run<'t> {
    /// Starts a run at the start of `rest`.
    fn start(&mut self, rest: &'t str) {
        self.rest = rest;
        self.words.clear();
        self.pending_small.clear();
        self.ended = false;
    }

    /// The run's word at `at`, reading on as far as it; `None` past the
    /// run's end.
    fn get(&mut self, at: usize) -> Option<RunWord> {
        while self.words.len() <= at && !self.ended {
            self.read_word();
        }
        self.words.get(at).copied()
    }

    /// Reads the next word of the run, or ends it.
    fn read_word(&mut self) {
        if self.words.len() >= MAX_RUN {
            self.ended = true;
            return;
        }
        let rest = self.rest;
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')))
            .unwrap_or(rest.len());
        let word = rest[..end].trim_end_matches(['\'', '’', '-']);
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        // "The" opening a sentence is a small word, not a name's; an
        // honorific ("Cllr") belongs to a person, not to a body's name.
        let is_small = is_small_word(word);
        let first = word.bytes().next();
        let capitalised = first.is_some_and(|b| b.is_ascii_uppercase()) && !is_small;
        if capitalised && is_honorific(word.trim_end_matches('.')) {
            self.ended = true;
            return;
        }
        let small = is_small && !self.words.is_empty() && self.pending_small.len() < 2;
        if capitalised {
            let has_small_letters = word.bytes().skip(1).any(|b| b.is_ascii_lowercase());
            let word_in_capitals =
                word.len() >= 4 && word.bytes().all(|b| b.is_ascii_uppercase() || b == b'-');
            if !has_small_letters && !word_in_capitals {
                self.ended = true;
                return;
            }
            for initial in self.pending_small.drain(..) {
                self.words.push(RunWord {
                    initial,
                    small: true,
                });
            }
            // Each capitalised part of a hyphenated word counts: Multi-Agency.
            for part in word.split('-') {
                if let Some(initial) = part.bytes().next().filter(u8::is_ascii_uppercase) {
                    self.words.push(RunWord {
                        initial,
                        small: false,
                    });
                }
            }
        } else if small {
            self.pending_small
                .push(word.as_bytes()[0].to_ascii_uppercase());
        } else {
            self.ended = true;
            return;
        }
        // The gap to the next word.
        let after = &rest[end..];
        let gap_len = after
            .find(|c: char| !(c.is_whitespace() || matches!(c, '*' | '_' | '>' | '&' | '\'' | '’')))
            .unwrap_or(after.len());
        let gap = &after[..gap_len];
        if gap.is_empty()
            || gap.contains("\n\n")
            || gap.contains("\n\r\n")
            || gap_len == after.len()
        {
            self.ended = true;
            return;
        }
        self.rest = &after[gap_len..];
    }
}

fn matches_from(run: &mut Run, at: usize, letters: &[u8]) -> bool {
    let Some((&letter, rest)) = letters.split_first() else {
        return true;
    };
    let Some(word) = run.get(at) else {
        return false;
    };
    if word.small {
        // A small word gives its letter ("DfE", "COSLA"), or is passed over.
        return word.initial == letter.to_ascii_uppercase() && matches_from(run, at + 1, rest)
            || matches_from(run, at + 1, letters);
    }
    if letter.is_ascii_uppercase() {
        return word.initial == letter && matches_from(run, at + 1, rest);
    }
    // A small letter that no small word gives is taken from the word
    // before it: the "f" of "TfL" from "for", or "Ofsted"-like forms.
    at > 0 && matches_from(run, at, rest)
}

/// Whether the word is written in `text` with a capital and small letters,
/// as an ordinary word or a name is: "Eon", "Came", "West". A capital I
/// read for a small l, as scanned text has it ("CIIr" for "Cllr"), counts.
pub fn written_as_a_word(text: &str, key: &str) -> bool {
    if key.len() < 3 || !key.is_ascii() {
        return false;
    }
    if key.bytes().all(|b| b.is_ascii_uppercase()) {
        let title: String = key[..1].to_owned() + &key[1..].to_ascii_lowercase();
        return stands_as_a_word(text, &title);
    }
    key.contains('I') && {
        let mended = key.replace('I', "l");
        mended.bytes().skip(1).all(|b| b.is_ascii_lowercase())
            && (is_honorific(&mended) || stands_as_a_word(text, &mended))
    }
}

/// Whether `word` stands in `text` as a whole word.
fn stands_as_a_word(text: &str, word: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, word.as_bytes()).any(|at| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + word.len()).copied();
        !before.is_some_and(|b| b.is_ascii_alphanumeric() || b >= 0x80)
            && !after.is_some_and(|b| b.is_ascii_alphanumeric() || b >= 0x80)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_letters_off_runs_of_capitalised_words() {
        let text = "The Borough Council of King's Lynn and West Norfolk wrote.\n\n\
                    Ask the Department for Education.\n\nWereham Parish Council met.\n";
        assert!(spelled_in_words(text, "BCKLWN"));
        assert!(spelled_in_words(text, "DfE"));
        assert!(spelled_in_words(text, "PC"));
        assert!(spelled_in_words(text, "WPC"));
        assert!(!spelled_in_words(text, "NCC"));
        assert!(!spelled_in_words(text, "BW"));
    }

    #[test]
    fn a_run_stops_at_punctuation_and_blank_lines() {
        assert!(!spelled_in_words(
            "Norfolk, County and Council met.\n",
            "NCC"
        ));
        assert!(!spelled_in_words("Norfolk\n\nCounty Council met.\n", "NCC"));
        assert!(spelled_in_words(
            "the Financial\n> Conduct Authority said\n",
            "FCA"
        ));
    }

    #[test]
    fn reads_runs_in_capitals_with_ampersands_and_emphasis() {
        let text = "WEST DEREHAM PARISH COUNCIL\n\nThe Borough Council of Kings Lynn & West Norfolk met.\n\n\
                    **Stoke Ferry** **Residents'** Association\n";
        assert!(spelled_in_words(text, "WD"));
        assert!(spelled_in_words(text, "BCKLWN"));
        assert!(spelled_in_words(text, "SFRA"));
    }

    #[test]
    fn a_sentence_opening_the_and_honorifics_are_no_part_of_a_name() {
        assert!(!spelled_in_words("The Clerk wrote.\n", "TC"));
        assert!(!spelled_in_words(
            "Present: Sue Lintern Chair Cllr Carl Cole\n",
            "SLCC"
        ));
    }

    #[test]
    fn a_long_abbreviation_may_miss_one_word() {
        assert!(spelled_in_words(
            "The Confederation of Local Authorities wrote.\n",
            "COSLA"
        ));
        assert!(!spelled_in_words("The Local Authorities wrote.\n", "NLA"));
    }

    #[test]
    fn a_run_is_read_up_to_sixteen_words() {
        let words: Vec<String> = (b'A'..=b'R')
            .map(|letter| format!("{}ood", letter as char))
            .collect();
        let text = words.join(" ") + " met.\n";
        assert!(spelled_in_words(&text, "ABCDEFGHIJKLMNOP"));
        // A long abbreviation may have one letter that no word gives.
        assert!(spelled_in_words(&text, "ABCDEFGHZIJKLMNOP"));
        // The seventeenth word is not read, though the text has it.
        assert!(!spelled_in_words(&text, "ABCDEFGHIJKLMNOPQ"));
    }

    #[test]
    fn finds_words_written_in_ordinary_case() {
        assert!(written_as_a_word("The bill from Eon was paid.\n", "EON"));
        assert!(!written_as_a_word(
            "The bill from Eontel was paid.\n",
            "EON"
        ));
        assert!(!written_as_a_word("The NCC met.\n", "NCC"));
        assert!(written_as_a_word("CIIr Hale spoke.\n", "CIIr"));
    }
}
