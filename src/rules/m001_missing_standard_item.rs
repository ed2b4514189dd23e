//! M001 missing-standard-item: whole minutes that do not record an item every meeting of the body records.
//!
//! ## What it checks
//! Whether a whole set of minutes of one meeting records the standard
//! items its kind of body records at every meeting, as `[body] profile`
//! in clerk.toml gives it:
//!
//! - no profile: apologies for absence, which every kind of body records;
//! - `parish` (a parish, town or community council): apologies,
//!   declarations of interest, the minutes of the previous meeting and the
//!   date of the next meeting;
//! - `committee` (of a council, a university, a society): apologies and
//!   the minutes of the previous meeting (a council's committees declare
//!   interests too; a residents' or a liaison committee need not);
//! - `board` (a company's, a trust's, the governors of a school, the
//!   trustees of a charity): apologies, whether the meeting was quorate,
//!   declarations (conflicts) of interest and the minutes of the previous
//!   meeting;
//! - `none`: nothing.
//!
//! An item counts as recorded wherever the minutes speak of it, under its
//! own heading or not, in the words clerks use: "Apologies for absence",
//! "Apologies: none", "Absent:", "Excused:", "All members were present";
//! "Declarations of interest", "Disclosure of pecuniary interests",
//! "There were no declarations of interest", "Members had nothing to
//! declare"; "Minutes of the previous meeting", "The minutes of the
//! meeting held on 3 March were approved", "agreed as a true record";
//! "Date of next meeting", "Dates of future meetings", "The council will
//! meet again on"; "The meeting was quorate". A wording that might
//! record the item counts: the check would rather miss an omission than
//! report one that is not there.
//!
//! ## Why it matters
//! Minutes are the only record that the meeting was properly held: a
//! council must show who sent apologies (a councillor who misses six
//! months of meetings leaves office), that members declared their
//! interests before the business, and that the last meeting's minutes
//! were confirmed as a true record. A standard item left out of the
//! minutes reads as an item left out of the meeting.
//!
//! ## When it stays silent
//! - Unless the minutes are whole minutes of one meeting: a heading for
//!   the meeting, one list of those present and five agenda items or more.
//! - On excerpts ("Extract from the minutes"), on pages that hold several
//!   meetings (two lists of those present, a second "Minutes of the"
//!   heading) and on annual meetings, public meetings and general
//!   meetings (the Annual Parish Meeting of the electors, a charity's
//!   AGM, the annual meeting of a council, which opens with elections),
//!   whose business is not the ordinary meeting's.
//! - On the items beyond apologies where the heading does not name the
//!   profile's kind of body (a council; a committee or panel; a board,
//!   governors, trustees or directors): a council's folder often keeps
//!   the minutes of a residents' association or a liaison group too.
//! - On the minutes of the previous meeting and the date of the next at
//!   an extraordinary, special, urgent or first meeting, which need neither.
//!
//! ## Fixes
//! None: only the clerk knows what was said at the meeting.
//!
//! ## Example
//! ```text
//! Minutes of the meeting of the parish council held on 9th November 2025
//! Present: Cllr A Stone (Chair), Cllr B Quill
//! 1. Minutes of the last meeting ...
//! ```
//! With `profile = "parish"`, these minutes do not record apologies for
//! absence or declarations of interest: add the items ("Apologies: none
//! received"; "No declarations of interest were made").

use super::{Context, Rule, Sink};
use crate::config::BodyProfile;
use crate::syntax::AttendanceKind;
use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

pub const RULE: Rule = Rule {
    info: &crate::registry::M001,
    check,
};

/// The fewest agenda items whole minutes hold: fewer is an excerpt.
const FEWEST_ITEMS: usize = 5;

/// How far below the meeting's heading the kind of meeting is read, in bytes.
const OPENING: usize = 400;

/// A standard item of minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StandardItem {
    Apologies,
    Quorum,
    Interests,
    PreviousMinutes,
    NextMeeting,
}

impl StandardItem {
    /// What the minutes leave out, as the message names it.
    fn described(self) -> &'static str {
        match self {
            StandardItem::Apologies => "apologies for absence",
            StandardItem::Quorum => "whether the meeting was quorate",
            StandardItem::Interests => "declarations of interest",
            StandardItem::PreviousMinutes => "the approval of the minutes of the previous meeting",
            StandardItem::NextMeeting => "the date of the next meeting",
        }
    }

    /// Whether a meeting held out of the usual run (extraordinary,
    /// special, the first) may leave the item out.
    fn of_the_usual_run(self) -> bool {
        matches!(
            self,
            StandardItem::PreviousMinutes | StandardItem::NextMeeting
        )
    }
}

/// The standard items a profile expects, in the order minutes take them.
fn expected(profile: BodyProfile) -> &'static [StandardItem] {
    use StandardItem::*;
    match profile {
        BodyProfile::Unstated => &[Apologies],
        BodyProfile::Parish => &[Apologies, Interests, PreviousMinutes, NextMeeting],
        BodyProfile::Committee => &[Apologies, PreviousMinutes],
        BodyProfile::Board => &[Apologies, Quorum, Interests, PreviousMinutes],
        BodyProfile::Nothing => &[],
    }
}

/// Words of which the meeting's heading names one when the minutes are
/// those of the profile's kind of body.
fn body_words(profile: BodyProfile) -> &'static Phrases {
    static PARISH: Phrases = Phrases::new(&["council"]);
    static COMMITTEE: Phrases = Phrases::new(&["committee", "panel"]);
    static BOARD: Phrases = Phrases::new(&[
        "board",
        "governing body",
        "governors",
        "trustees",
        "directors",
    ]);
    static NONE: Phrases = Phrases::new(&[]);
    match profile {
        BodyProfile::Parish => &PARISH,
        BodyProfile::Committee => &COMMITTEE,
        BodyProfile::Board => &BOARD,
        BodyProfile::Unstated | BodyProfile::Nothing => &NONE,
    }
}

fn check(cx: &Context, sink: &mut Sink) {
    let items = expected(cx.config.profile);
    if items.is_empty() {
        return;
    }
    let doc = cx.doc;
    let Some(meeting) = &doc.meeting else {
        return; // an excerpt, or a page whose heading was not read
    };
    let present_lists = doc
        .attendance
        .iter()
        .filter(|list| list.kind == AttendanceKind::Present)
        .count();
    if present_lists != 1 || doc.items.len() < FEWEST_ITEMS {
        return; // no list of those present, several meetings, or an excerpt
    }
    // The heading and the lines under it, up to the first numbered item
    // (a line in capitals under the heading may be read as an unnumbered
    // one), say what kind of meeting it was.
    let opening_end = crate::text::floor_char_boundary(
        cx.text,
        doc.items
            .iter()
            .find(|item| item.number.is_some())
            .map_or(meeting.range.end + OPENING, |item| item.range.start)
            .clamp(meeting.range.end, meeting.range.end + OPENING)
            .min(cx.text.len()),
    );
    let opening = plain(&cx.text[meeting.range.start..opening_end]);
    if has_any(&opening, &OTHER_MEETINGS)
        || super::d003_next_meeting_before_this::several_meetings(cx.text, opening_end)
    {
        return;
    }
    let out_of_run = has_any(&opening, &OUT_OF_RUN);
    // A council's folder often keeps the minutes of other bodies too (a
    // liaison committee, a residents' association): the profile's items
    // beyond apologies are expected only where the heading names its kind of body.
    let heading = plain(meeting.range.of(cx.text));
    let names_the_body = has_any(&heading, body_words(cx.config.profile));
    let text = Searched::new(cx.text);
    let after_heading = Searched::new(&cx.text[meeting.range.end.min(cx.text.len())..]);
    let attendance_says =
        |kind: AttendanceKind| doc.attendance.iter().any(|list| list.kind == kind);
    for &item in items {
        if (item.of_the_usual_run() && out_of_run)
            || (item != StandardItem::Apologies && !names_the_body)
        {
            continue;
        }
        let recorded = match item {
            StandardItem::Apologies => {
                attendance_says(AttendanceKind::Apologies)
                    || attendance_says(AttendanceKind::Absent)
                    || text.says(&APOLOGIES)
                    || text.says_near(&PRESENT, &EVERYONE, 40)
                    || text.says_near(&ATTENDED, &EVERYONE, 40)
            }
            StandardItem::Quorum => text.says(&QUORUM),
            StandardItem::Interests => {
                text.says(&INTERESTS_ALONE) || text.says_near(&INTEREST, &INTERESTS_NEAR, 80)
            }
            StandardItem::PreviousMinutes => {
                doc.items.iter().any(|item| {
                    let title = plain(item.title.of(cx.text));
                    title.starts_with("minutes") || title.contains(" minutes")
                }) || after_heading.says(&PREVIOUS_MEETING)
                    || after_heading.says_near(&MINUTES, &MINUTES_NEAR, 80)
            }
            StandardItem::NextMeeting => {
                text.says(&NEXT_MEETING) || text.says_near(&MEETING, &NEXT, 40)
            }
        };
        if !recorded {
            sink.push(
                meeting.title,
                format!("These minutes do not record {}", item.described()),
            );
        }
    }
}

/// Words in the opening that say the meeting is not a council's or a
/// board's ordinary meeting, or the page not its whole minutes.
static OTHER_MEETINGS: Phrases = Phrases::new(&[
    "extract",
    "excerpt",
    "annual",
    "a.g.m",
    "agm",
    "general meeting",
    "electors",
    "assembly",
    "parishioners",
    "public meeting",
    "open meeting",
    "village meeting",
]);

/// Words in the opening that say the meeting is held out of the usual run.
static OUT_OF_RUN: Phrases = Phrases::new(&[
    "extraordinary",
    "special",
    "emergency",
    "urgent",
    "inaugural",
    "first meeting",
    "reconvened",
    "adjourned",
]);

/// Words that record apologies, or that somebody was away (that nobody
/// was is read as "all ... present" or "everyone attended").
static APOLOGIES: Phrases = Phrases::new(&[
    "apolog",
    "absen",
    "not present",
    "full attendance",
    "full complement",
    "excused",
    "regrets",
    "unable to attend",
    "not able to attend",
    "could not attend",
    "not in attendance",
]);

static QUORUM: Phrases = Phrases::new(&["quorum", "quorate", "quoracy"]);

/// Words that record interests by themselves.
static INTERESTS_ALONE: Phrases = Phrases::new(&[
    "pecuniary",
    "dispensation",
    "conflicts of interest",
    "declaration",
    "nothing to declare",
]);

/// Words that, near "interest", say that interests were declared.
static INTERESTS_NEAR: Phrases = Phrases::new(&[
    "declar",
    "disclos",
    "conflict",
    "register",
    "members'",
    "members’",
    "code of conduct",
]);

/// Words that name the previous meeting or its minutes.
static PREVIOUS_MEETING: Phrases = Phrases::new(&[
    "previous meeting",
    "last meeting",
    "previous minutes",
    "last minutes",
    "minutes of the meeting held",
    "minutes of the meeting of",
    "notes of the",
    "true record",
    "correct record",
    "accurate record",
]);

/// Words that, near "minutes", say they were taken as a record.
static MINUTES_NEAR: Phrases = Phrases::new(&[
    "previous", "prior", "last", "held on", "approv", "confirm", "signed", "agreed", "accepted",
    "adopted", "correct", "moved",
]);

/// The words that the words near them say more of.
static PRESENT: Phrases = Phrases::new(&["present"]);
static ATTENDED: Phrases = Phrases::new(&["attended"]);
static INTEREST: Phrases = Phrases::new(&["interest"]);
static MINUTES: Phrases = Phrases::new(&["minutes"]);
static MEETING: Phrases = Phrases::new(&["meeting"]);

/// Words that, near "present" or "attended", say nobody was away.
static EVERYONE: Phrases = Phrases::new(&["all", "everyone", "everybody"]);

/// The word that, near "meeting", gives the next one.
static NEXT: Phrases = Phrases::new(&["next"]);

/// Words that give the next meeting.
static NEXT_MEETING: Phrases = Phrases::new(&[
    "future meeting",
    "dates of meetings",
    "meeting dates",
    "next meet",
    "date of the next",
    "date of next",
    "meet again",
    "will next",
    "following meeting",
    "reconvene",
]);

/// Phrases searched for together, in one pass over the text however many
/// there are: on a long volume each phrase searched alone read the whole
/// text again.
struct Phrases {
    words: &'static [&'static str],
    /// The finder over `plain` text.
    plain: OnceLock<AhoCorasick>,
    /// The finder over the text as written, in small letters: any white
    /// space between the words.
    written: OnceLock<regex::Regex>,
}

impl Phrases {
    const fn new(words: &'static [&'static str]) -> Phrases {
        Phrases {
            words,
            plain: OnceLock::new(),
            written: OnceLock::new(),
        }
    }

    fn plain(&self) -> &AhoCorasick {
        self.plain.get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(self.words)
                .expect("phrases of plain letters always build")
        })
    }

    fn written(&self) -> &regex::Regex {
        self.written.get_or_init(|| {
            let alternatives: Vec<String> = self
                .words
                .iter()
                .map(|word| regex::escape(word).replace(' ', r"\s+"))
                .collect();
            regex::Regex::new(&alternatives.join("|"))
                .expect("phrases of plain letters always build")
        })
    }
}

/// A text searched for phrases: as written, and only where that finds
/// nothing and the text holds emphasis marks or escapes (which can split a
/// word: "A**pologies**"), in its `plain` form too. Without marks, a
/// phrase found in the plain form is found as written, so most minutes are
/// never copied into their plain form; on a long volume that copy was most
/// of what this check cost.
struct Searched<'t> {
    written: &'t str,
    /// The text as written in small letters (as `plain` makes them: ASCII
    /// letters only), which is searched with phrases in small letters far
    /// faster than the text with phrases in any case.
    small: std::cell::OnceCell<String>,
    marked: bool,
    plain: std::cell::OnceCell<String>,
}

impl<'t> Searched<'t> {
    fn new(written: &'t str) -> Self {
        Searched {
            written,
            small: std::cell::OnceCell::new(),
            marked: memchr::memchr3(b'*', b'_', b'\\', written.as_bytes()).is_some(),
            plain: std::cell::OnceCell::new(),
        }
    }

    fn plain(&self) -> &str {
        self.plain.get_or_init(|| plain(self.written))
    }

    fn small(&self) -> &str {
        self.small.get_or_init(|| self.written.to_ascii_lowercase())
    }

    /// Whether one of `phrases` opens a word of the text.
    fn says(&self, phrases: &Phrases) -> bool {
        written_has_any(self.small(), phrases) || (self.marked && has_any(self.plain(), phrases))
    }

    /// Whether `word` stands within `distance` bytes of the plain text of
    /// one of `neighbours`. The plain text only leaves bytes out, so a
    /// neighbour that close as written is that close in it; one not within
    /// three times as far as written is not (runs of white space longer
    /// than that are not written), unless marks were left out. In between,
    /// the plain text decides.
    fn says_near(&self, word: &Phrases, neighbours: &Phrases, distance: usize) -> bool {
        if written_near(self.small(), word, neighbours, distance) {
            return true;
        }
        if !self.marked && !written_near(self.small(), word, neighbours, 3 * distance) {
            return false;
        }
        near(self.plain(), word, neighbours, distance)
    }
}

/// The text as the words are searched: in small letters, without
/// emphasis marks or escapes (a heading written "A**pologies**"), every
/// run of white space one space (a phrase broken across two lines).
fn plain(text: &str) -> String {
    // The text in small letters, then pressed together in place: a byte
    // kept is written back where the bytes before it end, and a run of
    // white space becomes one space. The whole of a long volume is read
    // here, so each byte costs a load, a look in a table and a store.
    const KEEP: u8 = 0;
    const SPACE: u8 = 1;
    const DROP: u8 = 2;
    const fn classes() -> [u8; 256] {
        let mut table = [KEEP; 256];
        let mut byte = 0;
        while byte < 256 {
            table[byte] = match byte as u8 {
                b' ' | b'\t'..=b'\r' => SPACE,
                b'*' | b'_' | b'\\' => DROP,
                _ => KEEP,
            };
            byte += 1;
        }
        table
    }
    const CLASS: [u8; 256] = classes();
    let mut bytes = text.to_ascii_lowercase().into_bytes();
    let (mut read, mut written) = (0, 0);
    // Whether white space was passed since the last byte kept.
    let mut space = false;
    while read < bytes.len() {
        let byte = bytes[read];
        match CLASS[usize::from(byte)] {
            KEEP if byte.is_ascii() => {
                if space {
                    bytes[written] = b' ';
                    written += 1;
                    space = false;
                }
                bytes[written] = byte;
                written += 1;
                read += 1;
            }
            KEEP => {
                // A character wider than a byte: white space too, or kept whole.
                let width = text[read..].chars().next().map_or(1, char::len_utf8);
                if text[read..].starts_with(char::is_whitespace) {
                    space = written > 0;
                } else {
                    if space {
                        bytes[written] = b' ';
                        written += 1;
                        space = false;
                    }
                    bytes.copy_within(read..read + width, written);
                    written += width;
                }
                read += width;
            }
            SPACE => {
                space = written > 0;
                read += 1;
            }
            _ => read += 1,
        }
    }
    bytes.truncate(written);
    // Only ASCII bytes were changed or left out, so the rest is as it came.
    String::from_utf8(bytes).unwrap_or_default()
}
/// Whether one of `phrases` opens a word of `text` ("all present", not
/// "hall present"). After a match inside a word the search goes on from
/// the next byte, so that it hides no match that opens one.
fn has_any(text: &str, phrases: &Phrases) -> bool {
    let finder = phrases.plain();
    let mut from = 0;
    while let Some(found) = finder.find(aho_corasick::Input::new(text).span(from..text.len())) {
        if !text[..found.start()].ends_with(|c: char| c.is_alphanumeric()) {
            return true;
        }
        from = found.start() + 1;
    }
    false
}

/// Whether `word` stands somewhere in `text` with one of `neighbours`
/// within `distance` bytes on either side.
fn near(text: &str, word: &Phrases, neighbours: &Phrases, distance: usize) -> bool {
    word.plain()
        .find_iter(text)
        .any(|found| has_any(around(text, found.range(), distance), neighbours))
}

/// The text within `distance` bytes of `range` on either side.
fn around(text: &str, range: std::ops::Range<usize>, distance: usize) -> &str {
    let start = crate::text::floor_char_boundary(text, range.start.saturating_sub(distance));
    let end = crate::text::floor_char_boundary(text, (range.end + distance).min(text.len()));
    &text[start..end]
}

/// `has_any` over the text as written.
fn written_has_any(text: &str, phrases: &Phrases) -> bool {
    let finder = phrases.written();
    let mut from = 0;
    while let Some(found) = finder.find_at(text, from) {
        if !text[..found.start()].ends_with(|c: char| c.is_alphanumeric()) {
            return true;
        }
        // The next character on: a match may start only at one.
        from = found.start()
            + text[found.start()..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
    }
    false
}

/// `near` over the text as written.
fn written_near(text: &str, word: &Phrases, neighbours: &Phrases, distance: usize) -> bool {
    word.written().find_iter(text).any(|found| {
        written_has_any(
            around(text, found.start()..found.end(), distance),
            neighbours,
        )
    })
}
