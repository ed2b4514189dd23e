//! T001 first-person: the record speaks as "we" instead of naming who acted.
//!
//! ## What it checks
//! "we" as the subject of a clause in the minutes' own words: after
//! "that", "agreed", "felt", "suggested", "noted", "so", "and", "but", "as",
//! "if" or a comma, and before a verb ("It was agreed that we would write
//! to the county", "Mr Reed suggested we ask for quotes"). One finding per
//! document, at the first such "we", with the others as related places.
//!
//! ## Why it matters
//! Minutes are the body's record, written in the third person and reported
//! speech: "It was agreed that the Council would write", "Mr Reed suggested
//! that the Trust ask for quotes". A "we" leaves the reader to guess who
//! is meant (the council, its members, the clerk, a working group), and a
//! record read years later, or by another body, cannot tell.
//!
//! ## When it stays silent
//! - In someone else's words: quotation marks, a block quote (`> `), and
//!   any paragraph that also says "I", "my", "me" or "you" (but "thank
//!   you"), opens a sentence with "We", opens "Dear" or signs off "Yours":
//!   a letter, a statement or a report set into the minutes as written.
//! - Under an item whose title names a report, correspondence, a letter or
//!   a statement: such items are often a person's report in their own
//!   words.
//! - On "I": in minutes it is nearly always someone's own words set down
//!   (a letter read out, a councillor's report), which no pattern tells
//!   from the clerk's; and on "our" and "us", which follow the same "we".
//! - On "we" that is not a subject after one of the words above (a
//!   heading, "How can we help?").
//!
//! ## Fixes
//! None: only the clerk knows who "we" were.
//!
//! ## Example
//! ```text
//! The quotes were compared and it was agreed that we would accept the lower one.
//! ```
//! Use instead: "it was agreed that the Council would accept the lower one".

use super::{Context, Rule, Sink};
use crate::syntax::BlockKind;
use crate::text::TextRange;

pub const RULE: Rule = Rule {
    info: &crate::registry::T001,
    check,
};

/// Most related places a finding lists.
const MOST_RELATED: usize = 5;

/// The words after which "we" opens a clause of the record.
const LEADS: &[&str] = &[
    "that",
    "agreed",
    "felt",
    "suggested",
    "proposed",
    "decided",
    "noted",
    "so",
    "and",
    "but",
    "as",
    "if",
    "until",
    "unless",
    "because",
    "therefore",
];

/// Words in an item's title that mark a report or someone's letter.
const OWN_WORDS_TITLES: &[&str] = &["report", "correspondence", "letter", "statement"];

fn check(cx: &Context, sink: &mut Sink) {
    let bytes = cx.text.as_bytes();
    let mut uses: Vec<TextRange> = Vec::new();
    // Whether each block (by its start) was found to hold someone's own words.
    let mut judged: Option<(usize, bool)> = None;
    let mut quotes = Quotes::default();
    for at in memchr::memmem::find_iter(bytes, b"we ") {
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || !is_plain_gap(bytes[at - 1])) {
            continue;
        }
        if !bytes.get(at + 3).is_some_and(|b| b.is_ascii_lowercase()) {
            continue;
        }
        if !after_a_lead(bytes, at) {
            continue;
        }
        let Some(block) = cx.doc.block_at(at) else {
            continue;
        };
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        let own_words = match judged {
            Some((start, verdict)) if start == block.range.start => verdict,
            _ => {
                let verdict = someone_elses_words(cx, block.content, block.item);
                judged = Some((block.range.start, verdict));
                verdict
            }
        };
        if own_words || quotes.inside(bytes, block.content.start, at) {
            continue;
        }
        uses.push(TextRange::new(at, at + 2));
    }
    let Some(&first) = uses.first() else {
        return;
    };
    let more = uses.len() - 1;
    let message = match more {
        0 => "The minutes say \"we\" here: the record names who acted".to_owned(),
        1 => "The minutes say \"we\" here and once more: the record names who acted".to_owned(),
        2 => "The minutes say \"we\" here and twice more: the record names who acted".to_owned(),
        n => format!("The minutes say \"we\" here and {n} times more: the record names who acted"),
    };
    let finding = sink.push(first, message);
    for &other in uses.iter().skip(1).take(MOST_RELATED) {
        finding.related(other, "\"we\" again");
    }
}

/// White space or an opening mark before "we": not a letter or digit.
fn is_plain_gap(byte: u8) -> bool {
    byte.is_ascii_whitespace() || matches!(byte, b'(' | b'-' | b'*' | b'_')
}

/// Whether "we" at `at` follows a comma or one of [`LEADS`].
fn after_a_lead(bytes: &[u8], at: usize) -> bool {
    let mut end = at;
    while end > 0 && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    if end == at || end == 0 {
        return false;
    }
    if bytes[end - 1] == b',' {
        return true;
    }
    let mut start = end;
    while start > 0 && bytes[start - 1].is_ascii_alphabetic() {
        start -= 1;
    }
    if start > 0 && !bytes[start - 1].is_ascii_whitespace() {
        return false;
    }
    let word = &bytes[start..end];
    LEADS
        .iter()
        .any(|lead| word.eq_ignore_ascii_case(lead.as_bytes()))
}

/// Whether a paragraph is someone's own words set into the minutes: it
/// says "I", "my", "me" or "you", writes "We" with a capital, opens
/// "Dear", signs off "Yours", stands in a block quote, or lies under an
/// item that names a report or a letter.
fn someone_elses_words(cx: &Context, content: TextRange, item: Option<usize>) -> bool {
    let slice = content.of(cx.text);
    let mut previous = "";
    let own_voice = slice
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|word| !word.is_empty())
        .any(|word| {
            // "I", "my", "me"; "We" with its capital, which opens the
            // sentences of a report written as "we"; and "you", said to
            // the reader ("thank you" is the record's own).
            let found = matches!(
                word,
                "I" | "my"
                    | "My"
                    | "me"
                    | "I'm"
                    | "I’m"
                    | "I've"
                    | "I’ve"
                    | "We"
                    | "you"
                    | "You"
                    | "your"
                    | "Your"
            ) && !(word.eq_ignore_ascii_case("you")
                && previous.eq_ignore_ascii_case("thank"));
            previous = word;
            found
        });
    if own_voice || slice.starts_with("Dear ") || slice.contains("Yours ") {
        return true;
    }
    let line_start = cx.text[..content.start].rfind('\n').map_or(0, |at| at + 1);
    if cx.text[line_start..content.start]
        .trim_start()
        .starts_with('>')
    {
        return true;
    }
    item.is_some_and(|item| {
        let title = cx.doc.items[item].title.of(cx.text).to_ascii_lowercase();
        OWN_WORDS_TITLES.iter().any(|word| title.contains(word))
    })
}

/// The quotation marks open in a paragraph, read up to the last place
/// asked about: the places come in text order, so each paragraph is read
/// once however many times it is asked.
#[derive(Default)]
struct Quotes {
    paragraph: usize,
    read_to: usize,
    straight_open: bool,
    curly_depth: u32,
}

impl Quotes {
    /// Whether `at` stands inside quotation marks opened in the paragraph
    /// that starts at `from`.
    fn inside(&mut self, bytes: &[u8], from: usize, at: usize) -> bool {
        if self.paragraph != from || self.read_to < from || self.read_to > at {
            *self = Quotes {
                paragraph: from,
                read_to: from,
                ..Quotes::default()
            };
        }
        for found in memchr::memchr2_iter(b'"', 0xE2, &bytes[self.read_to..at]) {
            match &bytes[self.read_to + found..] {
                [b'"', ..] => self.straight_open = !self.straight_open,
                [0xE2, 0x80, 0x9C, ..] => self.curly_depth += 1,
                [0xE2, 0x80, 0x9D, ..] => self.curly_depth = self.curly_depth.saturating_sub(1),
                _ => {}
            }
        }
        self.read_to = at;
        self.straight_open || self.curly_depth > 0
    }
}
