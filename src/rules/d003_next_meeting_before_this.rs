//! D003 next-meeting-before-this: the date of the next meeting falls before the date of this one.
//!
//! ## What it checks
//! The date the minutes give for the next meeting ("Date of next meeting:
//! Wednesday 11th January 2006", "The next meeting will be held on 4 March
//! 2025", "The next meeting of the Parish Council will be held on ...",
//! or a heading "Next Meeting" with the date in the paragraph under it) against the date of the meeting itself, read from the heading and
//! the lines under it before the first item. The next meeting must come
//! after this one.
//!
//! ## Why it matters
//! A next meeting dated before this one is nearly always a year slip,
//! made when last year's minutes are copied as the template: members and
//! the public read the notice of the next meeting in the minutes, and a
//! wrong year leaves them without a date.
//!
//! ## When it stays silent
//! - When either date is unsure: written without a year, in quotation
//!   marks, or one of several different dates where the meeting's date or
//!   the next meeting's should be.
//! - When the page holds several meetings (more than one set of minutes,
//!   or several next meetings): which date belongs to which cannot be told.
//! - On excerpts: a page with no heading for the meeting (one item of a
//!   meeting, as a council's website shows it).
//! - On the next meeting of some other body ("the next meeting of the
//!   highways forum"): only the minutes' own next meeting is read, and a
//!   next meeting named with its body counts only when every word of the
//!   body's name ("the Parish Council") stands in the minutes' heading.
//!
//! ## Fixes
//! None: the slip may be in either date, and only the clerk knows which.
//!
//! ## Example
//! ```text
//! Minutes of the meeting of the parish council held on 9th November 2025
//! ...
//! 12. Date of next meeting: Tuesday 13th January 2025
//! ```
//! Use instead the year the next meeting is held in: 13th January 2026.

use super::{Context, Rule, Sink};
use crate::syntax::dates::MONTHS;
use crate::syntax::{BlockKind, DateMention};
use crate::text::TextRange;

pub const RULE: Rule = Rule {
    info: &crate::registry::D003,
    check,
};

/// How far after its label the next meeting's date may stand, in bytes.
const NEAR: usize = 160;

/// How far below the meeting's heading its date is looked for, in bytes,
/// when the first item does not come sooner.
const OPENING: usize = 600;

fn check(cx: &Context, sink: &mut Sink) {
    let Some(meeting) = &cx.doc.meeting else {
        return; // an excerpt
    };
    let dated = |date: &&DateMention| date.year.is_some() && !date.quoted;
    // The meeting's own date: the one date written from the heading to the first item.
    let opening_end = cx
        .doc
        .items
        .first()
        .map_or(usize::MAX, |item| item.range.start)
        .min(meeting.range.end + OPENING);
    let opening: Vec<&DateMention> = cx
        .doc
        .dates
        .iter()
        .take_while(|date| date.range.start < opening_end)
        .filter(dated)
        .collect();
    let Some(&own) = opening.first() else {
        return;
    };
    if opening.iter().any(|date| key(date) != key(own)) {
        return; // several dates where one is wanted
    }
    // The words of the heading, which name the body whose minutes these are.
    let heading_words: Vec<String> = meeting
        .range
        .of(cx.text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    // The next meeting's dates, wherever the minutes name it.
    let mut next: Vec<&DateMention> = Vec::new();
    for (index, block) in cx.doc.blocks.iter().enumerate() {
        if block.range.start < opening_end
            || !matches!(block.kind, BlockKind::Paragraph | BlockKind::ItemHeading)
        {
            continue;
        }
        let Some(label_end) = next_meeting_label(cx.text, block.content, &heading_words) else {
            continue;
        };
        // The date after the label in its own block, or, under a label
        // that stands alone as a heading, at the start of the block below.
        let within = |range: TextRange, from: usize| {
            let dates = &cx.doc.dates;
            dates
                .get(dates.partition_point(|date| date.range.start < from))
                .filter(|date| range.contains_range(date.range) && date.range.start <= from + NEAR)
        };
        let found = within(block.content, label_end).or_else(|| {
            let heading_alone = block.content.end - label_end < 4;
            cx.doc
                .blocks
                .get(index + 1)
                .filter(|_| heading_alone)
                .and_then(|below| within(below.content, below.content.start))
        });
        match found {
            Some(date) if dated(&date) => next.push(date),
            // A next meeting whose date is unsure makes every other unsure.
            Some(_) => return,
            None => {}
        }
    }
    let Some(&first) = next.first() else {
        return;
    };
    if key(first) >= key(own)
        || next.iter().any(|date| key(date) != key(first))
        || several_meetings(cx.text, opening_end)
    {
        return;
    }
    sink.push(
        first.range,
        format!(
            "The next meeting is dated {}, before this meeting's date, {}",
            plain(first),
            plain(own)
        ),
    )
    .related(own.range, "this meeting's date");
}

/// A date as the calendar orders it: year, month, day.
fn key(date: &DateMention) -> (u32, u32, u32) {
    (
        date.year.map_or(0, |year| year.value),
        date.month.value,
        date.day.value,
    )
}

fn plain(date: &DateMention) -> String {
    format!(
        "{} {} {}",
        date.day.value,
        MONTHS[date.month.value as usize - 1],
        date.year.map_or(0, |year| year.value)
    )
}

/// The labels that name the minutes' own next meeting, in small letters,
/// as a block opens with them (after its item number).
const LABELS: &[&str] = &[
    "date of next meeting",
    "date of the next meeting",
    "date and time of next meeting",
    "date and time of the next meeting",
    "next meeting",
    "the next meeting will",
    "the next meeting is",
    "the next meeting was",
    "the next meeting shall",
];

/// Where the label ends, if the block opens by naming the next meeting:
/// "12. Date of next meeting:", "**Next Meeting**", "The next meeting will
/// be held on", "The next meeting of the Parish Council will be held on"
/// where the heading names the Parish Council. Not "the next meeting of
/// the forum", some other body's.
fn next_meeting_label(text: &str, content: TextRange, heading_words: &[String]) -> Option<usize> {
    let slice = content.of(text);
    let opening = slice
        .bytes()
        .position(|b| b.is_ascii_alphabetic() || !b.is_ascii())?;
    // Only the item number and markup may stand before the label.
    if !slice.as_bytes()[..opening]
        .iter()
        .all(|b| b.is_ascii_digit() || b".\\/)(*#_ \t-:".contains(b))
    {
        return None;
    }
    let rest = &slice[opening..];
    // Every label opens "date", "next" or "the": most blocks are passed over here.
    if !matches!(rest.as_bytes()[0] | 0x20, b'd' | b'n' | b't') {
        return None;
    }
    let Some(label) = LABELS.iter().find(|label| {
        rest.len() >= label.len()
            && rest.as_bytes()[..label.len()].eq_ignore_ascii_case(label.as_bytes())
    }) else {
        return next_meeting_of_this_body(rest, heading_words)
            .map(|len| content.start + opening + len);
    };
    let after = &rest[label.len()..];
    if after.starts_with(|c: char| c.is_alphanumeric()) {
        return None; // "next meetings", "the next meeting is ..." read whole below
    }
    let words = after.trim_start_matches([' ', '*', '_', ':']);
    if words.len() >= 3 && words.as_bytes()[..3].eq_ignore_ascii_case(b"of ") {
        return None; // the next meeting of another body
    }
    Some(content.start + opening + label.len())
}

/// How much of `rest` names the next meeting of the body the heading
/// names, to its verb: "The next meeting of the Council will", "The next
/// meeting of Millbrook Parish Council is". Every word of the body but
/// "the" and "this" must stand in the heading: "the next meeting of the
/// Planning Committee" in a full council's minutes is another body's.
fn next_meeting_of_this_body(rest: &str, heading_words: &[String]) -> Option<usize> {
    const OPENING: &str = "the next meeting of ";
    /// The most words a body's name may have.
    const MOST_WORDS: usize = 8;
    if rest.len() < OPENING.len()
        || !rest.as_bytes()[..OPENING.len()].eq_ignore_ascii_case(OPENING.as_bytes())
    {
        return None;
    }
    let mut at = OPENING.len();
    let mut body_words = 0;
    for word in rest[OPENING.len()..].split(' ') {
        let lower = word.to_lowercase();
        if matches!(lower.as_str(), "will" | "is" | "shall" | "was") {
            return (body_words > 0).then_some(at + word.len());
        }
        if body_words == MOST_WORDS || word.is_empty() || !word.chars().all(char::is_alphanumeric) {
            return None; // a mark ends the sentence or parts a list
        }
        if !matches!(lower.as_str(), "the" | "this") {
            if !heading_words.contains(&lower) {
                return None;
            }
            body_words += 1;
        }
        at += word.len() + 1;
    }
    None
}

/// Whether the text after the opening holds the heading of another set of
/// minutes: a line that opens "Minutes of".
pub(super) fn several_meetings(text: &str, opening_end: usize) -> bool {
    // The opening's end is counted in bytes from the heading, and may fall
    // inside a character.
    let rest = &text[crate::text::floor_char_boundary(text, opening_end)..];
    rest.lines().any(|line| {
        let line = line.trim_start_matches(|c: char| c.is_whitespace() || "#*_".contains(c));
        line.len() > 12 && line.as_bytes()[..12].eq_ignore_ascii_case(b"minutes of t")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The opening's end, a number of bytes past the heading, may fall
    /// inside a character (found by the fuzzer).
    #[test]
    fn the_opening_may_end_inside_a_character() {
        let text = "Minutes of the Parish Council\néé\nMinutes of the Finance Committee\n";
        let inside = "Minutes of the Parish Council\né".len() - 1;
        assert!(!text.is_char_boundary(inside));
        assert!(several_meetings(text, inside));
        assert!(!several_meetings(text, text.len() + 5));
    }
}
