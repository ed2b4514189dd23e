//! What the minutes' own words say about an abbreviation that no
//! definition spells out: whether its letters open a run of capitalised
//! words elsewhere ("Norfolk County Council" beside "NCC", "Parish
//! Council" beside "Wereham PC"), and whether it is written elsewhere as an
//! ordinary word ("Eon" beside "EON", "Cllr" beside "CLLR").
//!
//! A reader who meets "NCC" in minutes that name Norfolk County Council
//! three lines up knows what it is; telling the clerk it is "not spelled
//! out anywhere" would be wrong. Built once per document, and only when
//! some abbreviation has no definition.

use crate::syntax::lexicon::is_small_word;
use crate::syntax::{BlockKind, Document};
use rustc_hash::FxHashSet as HashSet;

/// One word of a run of capitalised words, as its initial.
struct RunWord {
    /// The word's first letter, in capitals.
    initial: u8,
    /// A small word inside the run: "of", "and", "for", "the".
    small: bool,
    /// Whether a new run starts at this word.
    starts_run: bool,
}

pub struct PlainWords {
    runs: Vec<RunWord>,
    /// Words written with a capital and then small letters, lower-cased.
    title_case: HashSet<String>,
}

impl PlainWords {
    pub fn new(text: &str, doc: &Document) -> PlainWords {
        let mut runs = Vec::new();
        let mut title_case = HashSet::default();
        for block in &doc.blocks {
            if block.kind == BlockKind::MeetingHeading && block.content.is_empty() {
                continue;
            }
            let mut previous_end: Option<usize> = None;
            // Emphasis marks inside a name ("**Kings** **Lynn**") are read
            // as spaces, so the words between them are seen.
            let plain;
            let mut slice = block.content.of(text);
            if memchr::memchr2(b'*', b'_', slice.as_bytes()).is_some() {
                plain = slice.replace(['*', '_'], " ");
                slice = plain.as_str();
            }
            for (offset, raw) in crate::syntax::words::capitalised_words(slice) {
                let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
                let Some(first) = word.bytes().next() else {
                    previous_end = None;
                    continue;
                };
                let lower_after = word.chars().skip(1).any(char::is_lowercase);
                let all_caps = !lower_after;
                if lower_after && word.len() <= 24 {
                    title_case.insert(word.to_lowercase());
                }
                let lead = raw.find(word).unwrap_or(0);
                let start = offset + lead;
                // The gap since the last capitalised word: white space and
                // small words keep the run going; anything else ends it.
                let mut starts_run = true;
                if let Some(end) = previous_end {
                    let gap = &slice[end..start];
                    let mut smalls = Vec::new();
                    let joins = gap.split_whitespace().all(|w| {
                        // A possessive's apostrophe, emphasis marks, "&".
                        if w.chars()
                            .all(|c| matches!(c, '\'' | '’' | '*' | '_' | '&' | '>'))
                        {
                            return true;
                        }
                        let small = is_small_word(w) && w.chars().all(char::is_alphabetic);
                        if small {
                            smalls.push(w.as_bytes()[0].to_ascii_uppercase());
                        }
                        small
                    }) && smalls.len() <= 2;
                    let ends_with_stop = slice[..end].ends_with([',', '.', ';', ':', ')', '(']);
                    if joins && !ends_with_stop && !gap.contains(['(', ')', ',', '.', ';', ':']) {
                        starts_run = false;
                        for initial in smalls {
                            runs.push(RunWord {
                                initial,
                                small: true,
                                starts_run: false,
                            });
                        }
                    }
                }
                // Words in capitals join a run when they are long enough to
                // be words ("WEST DEREHAM PARISH COUNCIL"); an abbreviation
                // or a word in another script ends it.
                let capitals_word =
                    all_caps && word.len() >= 4 && word.bytes().all(|b| b.is_ascii_uppercase());
                if all_caps && !capitals_word || !first.is_ascii_uppercase() {
                    previous_end = None;
                    continue;
                }
                // Each capitalised part of a hyphenated word counts: Multi-Agency.
                for (i, part) in word.split('-').enumerate() {
                    let Some(initial) = part.bytes().next().filter(u8::is_ascii_uppercase) else {
                        continue;
                    };
                    runs.push(RunWord {
                        initial,
                        small: false,
                        starts_run: starts_run && i == 0,
                    });
                }
                previous_end = Some(offset + lead + word.len());
            }
        }
        PlainWords { runs, title_case }
    }

    /// Whether the letters of `key` open successive words of one run of
    /// capitalised words: capitals from capitalised words, small letters
    /// from small words ("DfE" from "Department for Education"), small
    /// words that give no letter passed over.
    pub fn spelled_in_words(&self, key: &str) -> bool {
        let letters: Vec<u8> = key.bytes().filter(u8::is_ascii_alphabetic).collect();
        let capitals = letters.iter().filter(|b| b.is_ascii_uppercase()).count();
        if capitals < 2 || !key.is_ascii() {
            return false;
        }
        let found = |letters: &[u8]| {
            (0..self.runs.len()).any(|start| {
                let word = &self.runs[start];
                !word.small && word.initial == letters[0] && self.matches_from(start, letters)
            })
        };
        if found(&letters) {
            return true;
        }
        // A long abbreviation whose spelling-out leaves one word out
        // ("Confederation of Local Authorities" for COSLA) is still
        // spelled out for a reader.
        capitals >= 4
            && (1..letters.len()).any(|skip| {
                let mut fewer = letters.clone();
                fewer.remove(skip);
                fewer.iter().filter(|b| b.is_ascii_uppercase()).count() >= 3 && found(&fewer)
            })
    }

    fn matches_from(&self, at: usize, letters: &[u8]) -> bool {
        let Some((&letter, rest)) = letters.split_first() else {
            return true;
        };
        let Some(word) = self.runs.get(at) else {
            return false;
        };
        if word.small {
            // A small word gives its letter ("DfE", "COSLA"), or is passed over.
            let gives = word.initial == letter.to_ascii_uppercase() && self.continues(at + 1, rest);
            return gives || self.continues(at + 1, letters);
        }
        if letter.is_ascii_uppercase() {
            return word.initial == letter && self.continues(at + 1, rest);
        }
        // A small letter that no small word gives is taken from the word
        // before it: the "f" of "TfL" from "for", or "Ofsted"-like forms.
        self.matches_from(at, rest)
    }

    /// Whether `letters` match from `at`, where `at` must stay in the run.
    fn continues(&self, at: usize, letters: &[u8]) -> bool {
        if letters.is_empty() {
            return true;
        }
        self.runs
            .get(at)
            .is_some_and(|word| !word.starts_run && self.matches_from(at, letters))
    }

    /// Whether the word is written elsewhere with a capital and small
    /// letters, as an ordinary word or a name is: "Eon", "Came", "West".
    pub fn written_as_a_word(&self, key: &str) -> bool {
        if key.len() < 3 {
            return false;
        }
        if key.bytes().all(|b| b.is_ascii_uppercase()) {
            return self.title_case.contains(&key.to_ascii_lowercase());
        }
        // A capital I read for a small l, as scanned text has it: "CIIr".
        key.contains('I') && {
            let mended = key.replace('I', "l");
            mended.chars().skip(1).all(char::is_lowercase)
                && (self.title_case.contains(&mended.to_lowercase())
                    || crate::syntax::lexicon::is_honorific(&mended))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> PlainWords {
        PlainWords::new(text, &crate::syntax::parse(text))
    }

    #[test]
    fn reads_letters_off_runs_of_capitalised_words() {
        let words = plain(
            "The Borough Council of King's Lynn and West Norfolk wrote.\n\n\
             Ask the Department for Education.\n\nWereham Parish Council met.\n",
        );
        assert!(words.spelled_in_words("BCKLWN"));
        assert!(words.spelled_in_words("DfE"));
        assert!(words.spelled_in_words("PC"));
        assert!(words.spelled_in_words("WPC"));
        assert!(!words.spelled_in_words("NCC"));
        assert!(!words.spelled_in_words("BW"));
    }

    #[test]
    fn a_run_stops_at_punctuation() {
        let words = plain("Norfolk, County and Council met.\n");
        assert!(!words.spelled_in_words("NCC"));
    }

    #[test]
    fn reads_runs_in_capitals_and_with_ampersands() {
        let words = plain("WEST DEREHAM PARISH COUNCIL\n\nThe Borough Council of Kings Lynn & West Norfolk met.\n");
        assert!(words.spelled_in_words("WD"));
        assert!(words.spelled_in_words("BCKLWN"));
    }

    #[test]
    fn finds_words_written_in_ordinary_case() {
        let words = plain("The bill from Eon was paid.\n");
        assert!(words.written_as_a_word("EON"));
        assert!(!words.written_as_a_word("NCC"));
        assert!(plain("CIIr Hale spoke.\n").written_as_a_word("CIIr"));
    }
}
