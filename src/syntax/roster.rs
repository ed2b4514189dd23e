//! The roster: every name written where minutes say who was there, read
//! loosely, so that a check can tell that a person was introduced even
//! when the attendance list is in a form the parser does not take apart.
//!
//! Attendance is written in many ways: a label with or without a colon,
//! under a numbered item (`1. Present:`), as its own heading (`Trustees
//! present`) followed by lines of names, as one comma list running over
//! several lines, in YAML front matter (`attendees:`). The attendance
//! parser reads the common forms into entries with roles; this pass only
//! gathers the capitalised words of every such place, so that P001 stays
//! silent about anyone whose name appears there. A miss here costs a
//! false alarm; a word gathered too many costs at most a missed finding.

use super::lexicon::{is_honorific, is_speech_verb};
use super::model::{AttendanceList, Block, BlockKind};
use crate::text::TextRange;

/// How far into the document attendance is looked for, in blocks: lists of
/// who was there open the minutes, after the heading and perhaps an item
/// or two (`1. Present`, `2. Apologies`).
const HEAD_BLOCKS: usize = 48;

/// How many blocks after a label standing alone may hold its names.
const LIST_BLOCKS: usize = 40;

/// Words that say a paragraph is about who attended. Matched at the start
/// of a word, in any case.
const ATTENDANCE_WORDS: &[&str] = &[
    "present",
    "attend",
    "apolog",
    "absent",
    "members",
    "councillors",
    "trustees",
    "governors",
    "directors",
    "officers",
    "guests",
    "visitors",
    "observers",
    "panel",
    "representatives",
    "invited",
    "co-opted",
    "minute taker",
    "minutes taken",
    "in the chair",
    "chairman:",
    "chair:",
    "clerk:",
    "secretary:",
    "treasurer:",
];

/// The letters that open `ATTENDANCE_WORDS`, for ruling out most word
/// starts with one look.
static OPENING_LETTERS: [bool; 256] = {
    let mut table = [false; 256];
    let mut index = 0;
    while index < ATTENDANCE_WORDS.len() {
        table[ATTENDANCE_WORDS[index].as_bytes()[0] as usize] = true;
        index += 1;
    }
    table
};

/// Front matter keys that list people.
const FRONT_MATTER_KEYS: &[&str] = &[
    "attendees",
    "attendance",
    "present",
    "members",
    "apologies",
    "participants",
];

/// The names of the roster, lower-cased, sorted and without repeats.
#[derive(Clone, Debug, Default)]
pub struct Roster {
    words: Vec<String>,
}

impl Roster {
    /// Whether `name` (a surname, or any one word of a name) is in the roster.
    pub fn names(&self, name: &str) -> bool {
        let key = name.to_lowercase();
        self.words.binary_search(&key).is_ok()
    }

    /// Whether `name` is in the roster, or a name with the same first
    /// letter and at most two letters otherwise ("Mrs T Man" in the list,
    /// "Mrs T Mann" in the text; "Cann" and "Cairn"): a slip in the list
    /// is no sign that the person was never introduced.
    pub fn names_nearly(&self, name: &str) -> bool {
        let key = name.to_lowercase();
        if self.words.binary_search(&key).is_ok() {
            return true;
        }
        let length = key.chars().count();
        length >= 4
            && self.words.iter().any(|word| {
                let other = word.chars().count();
                other.abs_diff(length) <= 2
                    && other >= 3
                    && word.chars().next() == key.chars().next()
                    && within_two_edits(word, &key)
            })
    }

    /// Whether the document says anywhere who attended.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Gathers the roster from the attendance lists, the blocks near the top
/// that speak of attendance, the lines that follow a label standing alone,
/// and front matter keys that list people.
pub(super) fn gather(
    text: &str,
    blocks: &[Block],
    attendance: &[AttendanceList],
    front_matter: Option<TextRange>,
) -> Roster {
    let mut words = Vec::new();
    for list in attendance {
        add_names(list.range.of(text), &mut words);
    }
    let mut following = 0usize;
    for block in blocks.iter().take(HEAD_BLOCKS) {
        if block.kind == BlockKind::MeetingHeading {
            continue;
        }
        let slice = block.range.of(text);
        if slice.len() > 4000 {
            following = 0;
            continue;
        }
        // The label's words come first (a number may stand before them),
        // and a label stands alone, leads with a colon or dash, or heads a
        // list of names: "That Officers report back." is none.
        let head_end = slice.split_whitespace().take(4).last().map_or(0, |last| {
            last.as_ptr() as usize - slice.as_ptr() as usize + last.len()
        });
        let head = &slice[..head_end];
        let stands_alone =
            || slice.split_whitespace().nth(8).is_none() && !slice.trim_end().ends_with('.');
        let speaks_of_attendance = names_attendance(head)
            && (head.contains([':', '–', '-']) || stands_alone() || reads_as_names(slice));
        if speaks_of_attendance {
            add_names(slice, &mut words);
            // A label ("Trustees present", "CO-OPTED MEMBERS:", "Present:
            // Ms A Lee (Chair)") may head more lines of names after it.
            following = LIST_BLOCKS;
            continue;
        }
        if following > 0 {
            if block.kind == BlockKind::ItemHeading || !reads_as_names(slice) {
                following = 0;
                continue;
            }
            following -= 1;
            add_names(slice, &mut words);
        }
    }
    if let Some(front) = front_matter {
        let mut in_list = false;
        for line in front.of(text).lines() {
            let trimmed = line.trim_start();
            let indented = trimmed.len() < line.len() || trimmed.starts_with('-');
            if let Some((key, value)) = trimmed.split_once(':').filter(|_| !indented) {
                let key = key.trim().to_ascii_lowercase();
                in_list = FRONT_MATTER_KEYS.contains(&key.as_str());
                if in_list {
                    add_names(value, &mut words);
                }
            } else if in_list && indented {
                add_names(trimmed, &mut words);
            } else {
                in_list = false;
            }
        }
    }
    words.sort_unstable();
    words.dedup();
    Roster { words }
}

/// The text with words broken by a hyphen and white space before a small
/// letter joined again.
fn join_broken_words(slice: &str) -> String {
    let mut out = String::with_capacity(slice.len());
    let mut rest = slice;
    while let Some(at) = rest.find('-') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let gap = after.len() - after.trim_start().len();
        if gap > 0 && after[gap..].starts_with(|c: char| c.is_lowercase()) {
            rest = &after[gap..];
        } else {
            out.push('-');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Whether a paragraph reads as a list of names rather than prose: short,
/// with at least two words in five capitalised, and no speech verb.
fn reads_as_names(slice: &str) -> bool {
    let mut words = 0;
    let mut capitalised = 0;
    for word in slice.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            continue;
        }
        if is_speech_verb(word) {
            return false;
        }
        words += 1;
        capitalised += usize::from(word.starts_with(char::is_uppercase));
    }
    // A short line ending a list ("G. Clere and a member of the public")
    // holds few capitals and is still a line of the list.
    words > 0 && (words <= 12 && capitalised >= 1 || words <= 40 && capitalised * 5 >= words * 2)
}

/// Whether two words differ by at most two letters changed, added or
/// left out.
fn within_two_edits(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    super::words::edit_distance(&a, &b) <= 2
}

/// Whether one of `ATTENDANCE_WORDS` opens a word of `head`, in any case.
/// Read byte by byte at each word start: every minutes file asks it of
/// its first blocks, and a search per word cost more than the rest of
/// the roster.
fn names_attendance(head: &str) -> bool {
    let bytes = head.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // To the next word start.
        if !bytes[at].is_ascii_alphabetic() || at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let first = bytes[at].to_ascii_lowercase();
        if OPENING_LETTERS[usize::from(first)]
            && ATTENDANCE_WORDS.iter().any(|word| {
                let word = word.as_bytes();
                word[0] == first
                    && bytes.len() - at >= word.len()
                    && bytes[at..at + word.len()].eq_ignore_ascii_case(word)
                    // "present" is whole ("presented" is no label); the
                    // others may go on: "attending", "apologies".
                    && (word != b"present"
                        || !bytes
                            .get(at + word.len())
                            .is_some_and(|b| b.is_ascii_alphabetic() && *b != b's'))
            })
        {
            return true;
        }
        at += 1;
    }
    false
}

/// Adds each capitalised word of `slice` (and each part of a hyphenated
/// one), lower-cased, leaving out honorifics.
fn add_names(slice: &str, words: &mut Vec<String>) {
    // A name broken at a line end ("Mr M My- cock") is one name.
    let joined;
    let slice = if slice.contains("- ") || slice.contains("-\n") {
        joined = join_broken_words(slice);
        joined.as_str()
    } else {
        slice
    };
    for word in slice.split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’'))) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        if !word.starts_with(char::is_uppercase) || is_honorific(word) {
            continue;
        }
        // Names run together in extracted text: "RayThompson".
        let mut parts_at = word
            .char_indices()
            .skip(1)
            .filter(|&(at, c)| c.is_uppercase() && word[..at].ends_with(|p: char| p.is_lowercase()))
            .map(|(at, _)| at)
            .peekable();
        if parts_at.peek().is_some() {
            let mut from = 0;
            for at in parts_at.chain(std::iter::once(word.len())) {
                words.push(word[from..at].to_lowercase());
                from = at;
            }
        }
        let lower = word.to_lowercase();
        if lower.contains('-') {
            for part in lower.split('-').filter(|part| !part.is_empty()) {
                words.push(part.to_owned());
            }
        }
        words.push(lower);
    }
}

#[cfg(test)]
mod tests {
    use super::within_two_edits;

    #[test]
    fn tells_names_two_letters_apart() {
        assert!(within_two_edits("man", "mann"));
        assert!(within_two_edits("cann", "cairn"));
        assert!(!within_two_edits("mann", "manley"));
        assert!(!within_two_edits("smith", "smythers"));
    }

    #[test]
    fn gathers_names_from_a_label_standing_alone_and_its_lines() {
        let text = "Trustees present\n\nMrs D Vane-Chair\n\nMs K Orme : Field Officer\n";
        let doc = crate::syntax::parse(text);
        assert!(doc.roster(text).names("Vane"));
        assert!(doc.roster(text).names("Orme"));
        assert!(!doc.roster(text).names("Mrs"));
    }

    #[test]
    fn gathers_names_from_front_matter_lists() {
        let text = "---\ntitle: Minutes\nattendees:\n  - Ann Lee\n  - Tom Hart\n---\nText.\n";
        let doc = crate::syntax::parse(text);
        assert!(doc.roster(text).names("Hart"));
        assert!(!doc.roster(text).names("Minutes"));
    }
}
