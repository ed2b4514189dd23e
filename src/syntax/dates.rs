//! Dates written with their month's name: "Monday 13th May 2015", "13 May
//! 2015", "Tuesday the 4th of March", "Thursday, February 4th, 2009". Each
//! is read as a day, a month and, where written, a weekday and a year, so
//! that checks can ask whether the date exists and falls on its weekday.
//!
//! The recogniser reads the shared walk (`walk`): a month's name holds a
//! capital, so only the walk's words are looked at, and only a word that
//! is a month's name (rare among them) has the text around it read, back
//! to a day number and a weekday, on to a day number and a year. Dates
//! written in figures alone ("13/05/2015") are not read. Where the words
//! around a month do not make one plain date (a range "12-13 May", a
//! weekday cut from its day by a slash, a year followed by "/16"), the
//! part that is unsure is left out: a date without its weekday or year is
//! one no check can hold to them.

use super::model::{Block, DateMention, DatePart, Line};
use super::walk::{LineByLine, WalkReader, Word};
use crate::text::TextRange;

/// The months' names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The weekdays' names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Whether `year` is a leap year in the Gregorian calendar.
pub fn is_leap_year(year: u32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// How many days `month` (1 to 12) has; February has 29 when the year is
/// not known.
pub fn days_in_month(year: Option<u32>, month: u32) -> u32 {
    match month {
        2 => match year {
            Some(year) if !is_leap_year(year) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The weekday of a date in the Gregorian calendar: 0 for Monday to 6 for
/// Sunday (Sakamoto's method).
pub fn weekday(year: u32, month: u32, day: u32) -> u32 {
    const OFFSETS: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let year = if month < 3 { year - 1 } else { year };
    let sunday_first =
        (year + year / 4 - year / 100 + year / 400 + OFFSETS[month as usize - 1] + day) % 7;
    (sunday_first + 6) % 7
}

/// The years a date's four figures are read as: a year of minutes, not a
/// count or a sum.
const YEARS: std::ops::RangeInclusive<u32> = 1800..=2199;

/// Reads dates off the walk's words.
pub struct DatesReader<'t> {
    text: &'t str,
    /// The line being walked, and its content.
    line: TextRange,
    content: TextRange,
    dates: Vec<DateMention>,
}

impl<'t> DatesReader<'t> {
    pub fn new(text: &'t str) -> DatesReader<'t> {
        DatesReader {
            text,
            line: TextRange::empty(0),
            content: TextRange::empty(0),
            dates: Vec::new(),
        }
    }

    /// The dates found, less those inside markup (code, link targets), each
    /// told whether it stands inside quotation marks.
    pub fn finish(mut self, blocks: &[Block], markup: &[TextRange]) -> Vec<DateMention> {
        in_prose(self.text, blocks, markup, &mut self.dates, |date| {
            (date.range, &mut date.quoted)
        });
        self.dates
    }
}

/// The dates written in the YAML front matter ("title: Minutes of the
/// meeting held Tuesday 4th June 2024"), read as the text's dates are:
/// a site's page often names the meeting there, and a weekday slipped
/// there is as wrong as one in the text. YAML's quotation marks are its
/// syntax, not someone else's words.
pub fn front_matter_dates(text: &str, lines: &[Line]) -> Vec<DateMention> {
    let mut reader = DatesReader::new(text);
    super::walk::walk_lines_of(
        text,
        lines,
        super::model::LineKind::FrontMatter,
        &mut reader,
    );
    for date in &mut reader.dates {
        date.in_front_matter = true;
    }
    reader.dates
}

impl LineByLine for DatesReader<'_> {
    fn join(parts: Vec<Self>) -> Self {
        let mut reader = DatesReader::new(parts[0].text);
        reader.dates = super::walk::joined(parts.into_iter().map(|part| part.dates).collect());
        reader
    }
}

impl<'t> super::walk::Resumable<'t> for DatesReader<'t> {
    type Found = Vec<DateMention>;

    fn into_found(self) -> Self::Found {
        self.dates
    }

    fn from_found(text: &'t str, parts: &[(&Self::Found, isize)]) -> Self {
        let mut reader = DatesReader::new(text);
        reader.dates = super::model::moved_all(parts);
        reader
    }
}

impl<'w, 't: 'w> WalkReader<'w> for DatesReader<'t> {
    #[inline]
    fn line(&mut self, line: &Line) {
        self.line = line.range;
        self.content = line.content;
    }

    #[inline]
    fn word(&mut self, word: Word<'w>) {
        // "May", "(March", "Sept.," "DECEMBER": a name of three to nine
        // letters with a mark or two around it.
        let bytes = word.text.as_bytes();
        if !(3..=12).contains(&bytes.len()) {
            return;
        }
        // Most words open with their first letter, and only ten pairs of
        // first letters open a month's name: most words are passed over here.
        let first = if bytes[0].is_ascii_alphabetic() {
            0
        } else {
            match bytes.iter().position(|b| b.is_ascii_alphanumeric()) {
                Some(at) => at,
                None => return,
            }
        };
        if bytes.len() < first + 3 || month_candidates(bytes[first], bytes[first + 1]).is_empty() {
            return;
        }
        let (offset, core) = letters_of(word.text);
        let Some(month) = month_number(core) else {
            return;
        };
        let month = DatePart {
            range: TextRange::new(word.start + offset, word.start + offset + core.len()),
            value: month,
        };
        if let Some(mut date) = read_date(self.text, self.content, month) {
            // A line in a block quote (`> `) is someone else's words.
            date.quoted = self.line.of(self.text).trim_start().starts_with('>');
            self.dates.push(date);
        }
    }

    #[inline]
    fn line_end(&mut self) {}
}

/// The letters of a word without the ASCII marks around them, and where
/// they start in it: "(May," gives "May".
fn letters_of(word: &str) -> (usize, &str) {
    let start = word
        .bytes()
        .position(|b| !b.is_ascii() || b.is_ascii_alphanumeric())
        .unwrap_or(word.len());
    let end = word
        .bytes()
        .rposition(|b| !b.is_ascii() || b.is_ascii_alphanumeric())
        .map_or(start, |at| at + 1)
        .max(start);
    (start, &word[start..end])
}

/// The months whose names open with these two letters, any case.
#[inline]
fn month_candidates(first: u8, second: u8) -> &'static [u32] {
    match (first | 0x20, second | 0x20) {
        (b'j', b'a') => &[1],
        (b'f', b'e') => &[2],
        (b'm', b'a') => &[3, 5],
        (b'a', b'p') => &[4],
        (b'j', b'u') => &[6, 7],
        (b'a', b'u') => &[8],
        (b's', b'e') => &[9],
        (b'o', b'c') => &[10],
        (b'n', b'o') => &[11],
        (b'd', b'e') => &[12],
        _ => &[],
    }
}

/// The month a word names, in full or in short ("Sept", "Dec"), any case.
fn month_number(word: &str) -> Option<u32> {
    let bytes = word.as_bytes();
    if !(3..=9).contains(&bytes.len()) {
        return None;
    }
    month_candidates(bytes[0], bytes[1])
        .iter()
        .copied()
        .find(|&month| {
            let name = MONTHS[month as usize - 1];
            word.eq_ignore_ascii_case(name)
                || (bytes.len() == 3 && word.eq_ignore_ascii_case(&name[..3]))
                || (month == 9 && word.eq_ignore_ascii_case("sept"))
        })
}

/// The weekday a word names, in full or in short ("Tues", "Wed"), any
/// case: 0 for Monday.
fn weekday_number(word: &str) -> Option<u32> {
    const SHORT: [&[&str]; 7] = [
        &["mon"],
        &["tue", "tues"],
        &["wed", "weds"],
        &["thu", "thur", "thurs"],
        &["fri"],
        &["sat"],
        &["sun"],
    ];
    if !(3..=9).contains(&word.len()) {
        return None;
    }
    (0..7)
        .find(|&index| {
            word.eq_ignore_ascii_case(WEEKDAYS[index])
                || SHORT[index]
                    .iter()
                    .any(|short| word.eq_ignore_ascii_case(short))
        })
        .map(|index| index as u32)
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// The last word of `before` (which ends in no white space), and where it
/// starts.
fn last_word(before: &str) -> (usize, &str) {
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(at, c)| at + c.len_utf8());
    (start, &before[start..])
}

/// The first word of `after` (which opens with no white space).
fn first_word(after: &str) -> &str {
    &after[..after.find(is_space).unwrap_or(after.len())]
}

/// A day number as written: "13", "13th", "(4TH", "4," (a mark before or
/// a comma after), its value, and where the figures and suffix lie in it.
fn day_number(word: &str) -> Option<(u32, usize, usize)> {
    let start = usize::from(word.starts_with('('));
    let body = word[start..].strip_suffix(',').unwrap_or(&word[start..]);
    let figures = body.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&figures) {
        return None;
    }
    let suffix = &body[figures..];
    if !suffix.is_empty()
        && !["st", "nd", "rd", "th"]
            .iter()
            .any(|s| suffix.eq_ignore_ascii_case(s))
    {
        return None;
    }
    let value: u32 = body[..figures].parse().ok()?;
    (1..=31)
        .contains(&value)
        .then_some((value, start, body.len()))
}

/// A weekday as written before a date: "Monday", "(Tues", "Wednesday,".
fn weekday_word(word: &str) -> Option<(u32, usize, usize)> {
    let start = usize::from(word.starts_with('('));
    let body = word[start..].strip_suffix(',').unwrap_or(&word[start..]);
    let body = body.strip_suffix('.').unwrap_or(body);
    weekday_number(body).map(|value| (value, start, body.len()))
}

/// The date around a month's name, if a day number stands before it
/// ("13th May", "13th of May") or after it ("May 13th"); with the weekday
/// and the year where they stand in their places.
fn read_date(text: &str, line: TextRange, month: DatePart) -> Option<DateMention> {
    let line_text = line.of(text);
    let base = line.start;
    let before = &line_text[..month.range.start - base];
    let after = &line_text[month.range.end - base..];
    let part = |start: usize, len: usize, value: u32| DatePart {
        range: TextRange::new(base + start, base + start + len),
        value,
    };

    let mut day = None;
    let mut weekday = None;
    let trimmed = before.trim_end_matches(is_space);
    if trimmed.len() < before.len() && !trimmed.is_empty() {
        let (mut start, mut word) = last_word(trimmed);
        let mut of = false;
        if word.eq_ignore_ascii_case("of") {
            let earlier = trimmed[..start].trim_end_matches(is_space);
            if earlier.len() == start || earlier.is_empty() {
                return None;
            }
            (start, word) = last_word(earlier);
            of = true;
        }
        if let Some((value, at, len)) = day_number(word) {
            day = Some(part(start + at, len, value));
            weekday =
                weekday_before(&trimmed[..start]).map(|(at, len, value)| part(at, len, value));
        } else if of {
            return None;
        } else if let Some((value, at, len)) = weekday_word(word) {
            // "Thursday, February 4th": the day follows the month.
            weekday = Some(part(start + at, len, value));
        }
    }

    // After the month: "Sept." and "May," keep their marks.
    let mut rest_at = month.range.end - base;
    let mut rest = after;
    if let Some(stripped) = rest.strip_prefix('.').filter(|_| month.range.len() <= 4) {
        rest = stripped;
        rest_at += 1;
    }
    if let Some(stripped) = rest.strip_prefix(',') {
        rest = stripped;
        rest_at += 1;
    }
    if day.is_none() {
        let trimmed = rest.trim_start_matches(is_space);
        if trimmed.len() == rest.len() {
            return None;
        }
        let word = first_word(trimmed);
        let (value, at, len) = day_number(word).filter(|&(_, at, _)| at == 0)?;
        let start = rest_at + (rest.len() - trimmed.len());
        day = Some(part(start + at, len, value));
        rest_at = start + word.len();
        rest = &trimmed[word.len()..];
    }
    let day = day?;
    let year = year_after(rest).map(|(at, value)| part(rest_at + at, 4, value));

    let start = weekday
        .as_ref()
        .map_or(day.range.start.min(month.range.start), |w| w.range.start);
    let end = year
        .as_ref()
        .map_or(day.range.end.max(month.range.end), |y| y.range.end);
    Some(DateMention {
        range: TextRange::new(start, end),
        ordinal: !day.range.of(text).ends_with(|c: char| c.is_ascii_digit()),
        weekday,
        day,
        month,
        year,
        quoted: false,
        in_front_matter: false,
    })
}

/// The weekday written just before a day number ("Monday 13th", "Monday,
/// the 13th", "(Tues 4th"), where it starts in the line, its length and
/// value.
fn weekday_before(before: &str) -> Option<(usize, usize, u32)> {
    let trimmed = before.trim_end_matches(is_space);
    if trimmed.len() == before.len() || trimmed.is_empty() {
        return None;
    }
    let (mut start, mut word) = last_word(trimmed);
    if word.eq_ignore_ascii_case("the") {
        let earlier = trimmed[..start].trim_end_matches(is_space);
        if earlier.len() == start || earlier.is_empty() {
            return None;
        }
        (start, word) = last_word(earlier);
    }
    let (value, at, len) = weekday_word(word)?;
    Some((start + at, len, value))
}

/// A year of four figures after white space or a comma, standing alone:
/// not "2015/16", "2015-16" or "20150".
fn year_after(rest: &str) -> Option<(usize, u32)> {
    let trimmed = rest.trim_start_matches(is_space);
    if trimmed.len() == rest.len() {
        return None;
    }
    let bytes = trimmed.as_bytes();
    if bytes.len() < 4 || !bytes[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    match bytes.get(4) {
        Some(b) if b.is_ascii_alphanumeric() || *b == b'_' => return None,
        Some(b'/' | b'-' | b'.' | b':') if bytes.get(5).is_some_and(u8::is_ascii_digit) => {
            return None
        }
        _ => {}
    }
    // "2015–16" with an en dash.
    if trimmed[4..].starts_with('–')
        && trimmed[4 + '–'.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let value: u32 = trimmed[..4].parse().ok()?;
    YEARS
        .contains(&value)
        .then_some((rest.len() - trimmed.len(), value))
}

/// Takes out what was found inside markup (code, link targets) and marks
/// what stands inside quotation marks, for each recogniser that reads the
/// walk's lines: dates, sums of money, times. `range_and_flag` gives each
/// one's range and its flag for quotation.
pub(super) fn in_prose<T>(
    text: &str,
    blocks: &[Block],
    markup: &[TextRange],
    found: &mut Vec<T>,
    range_and_flag: impl Fn(&mut T) -> (TextRange, &mut bool),
) {
    if !markup.is_empty() {
        let mut markup = super::markup::Within::new(markup);
        found.retain_mut(|one| !markup.holds(range_and_flag(one).0));
    }
    mark_quoted(text, blocks, found, |one| {
        let (range, quoted) = range_and_flag(one);
        (range.start, quoted)
    });
}

/// Marks each date (or other thing found in the text, such as a sum of
/// money) that stands inside quotation marks in its paragraph: after an
/// odd number of straight double quotes, or after more opening curly ones
/// than closing. What is marked and blocks are in text order, so each
/// paragraph's text is read once, up to its last mark. `start_and_flag`
/// gives each one's start and the flag to set.
fn mark_quoted<T>(
    text: &str,
    blocks: &[Block],
    dates: &mut [T],
    start_and_flag: impl Fn(&mut T) -> (usize, &mut bool),
) {
    let bytes = text.as_bytes();
    let mut block = 0;
    // Within the current block: read up to here, straight quotes odd, curly depth.
    let mut read_to = 0;
    let mut straight_open = false;
    let mut curly_depth = 0u32;
    for date in dates.iter_mut() {
        let (at, quoted) = start_and_flag(date);
        let start_block = block;
        while block < blocks.len() && blocks[block].range.end < at {
            block += 1;
        }
        let Some(current) = blocks.get(block).filter(|b| b.range.start <= at) else {
            continue;
        };
        if block != start_block || read_to < current.range.start {
            read_to = current.range.start;
            straight_open = false;
            curly_depth = 0;
        }
        for found in memchr::memchr2_iter(b'"', 0xE2, &bytes[read_to..at]) {
            let found = read_to + found;
            match &bytes[found..] {
                [b'"', ..] => straight_open = !straight_open,
                [0xE2, 0x80, 0x9C, ..] => curly_depth += 1,
                [0xE2, 0x80, 0x9D, ..] => curly_depth = curly_depth.saturating_sub(1),
                _ => {}
            }
        }
        read_to = at;
        *quoted |= straight_open || curly_depth > 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A date as read: its text, weekday, day, month, year, and whether quoted.
    type Read = (String, Option<u32>, u32, u32, Option<u32>, bool);

    fn dates(text: &str) -> Vec<Read> {
        crate::syntax::parse(text)
            .dates
            .iter()
            .map(|d| {
                (
                    d.range.of(text).to_owned(),
                    d.weekday.as_ref().map(|w| w.value),
                    d.day.value,
                    d.month.value,
                    d.year.as_ref().map(|y| y.value),
                    d.quoted,
                )
            })
            .collect()
    }

    #[test]
    fn weekdays_follow_the_calendar() {
        assert_eq!(weekday(2015, 5, 13), 2); // a Wednesday
        assert_eq!(weekday(2000, 2, 29), 1); // a Tuesday
        assert_eq!(weekday(2024, 1, 1), 0); // a Monday
        assert_eq!(weekday(1900, 3, 1), 3); // a Thursday
        assert_eq!(weekday(2100, 12, 31), 4); // a Friday
                                              // Against a count of days from 1 January 1800, a Wednesday.
        let mut expected = 2;
        for year in 1800..2200 {
            for month in 1..=12 {
                for day in 1..=days_in_month(Some(year), month) {
                    assert_eq!(weekday(year, month, day), expected, "{year}-{month}-{day}");
                    expected = (expected + 1) % 7;
                }
            }
        }
    }

    #[test]
    fn every_month_is_known_in_full_and_in_short() {
        for (index, name) in MONTHS.iter().enumerate() {
            let month = Some(index as u32 + 1);
            assert_eq!(month_number(name), month, "{name}");
            assert_eq!(month_number(&name.to_uppercase()), month, "{name}");
            assert_eq!(month_number(&name[..3]), month, "{name}");
        }
        assert_eq!(month_number("Sept"), Some(9));
        for word in [
            "Mayor",
            "Junior",
            "Decision",
            "Secretary",
            "Mar.",
            "Ma",
            "Augusta",
        ] {
            assert_eq!(month_number(word), None, "{word}");
        }
    }

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2024) && is_leap_year(2000));
        assert!(!is_leap_year(1900) && !is_leap_year(2023));
        assert_eq!(days_in_month(Some(2023), 2), 28);
        assert_eq!(days_in_month(None, 2), 29);
        assert_eq!(days_in_month(None, 4), 30);
    }

    #[test]
    fn reads_the_forms_minutes_write() {
        let text = "Held on Monday 13th May 2015 at the hall.\n\
                    Next: Tuesday, the 4th of March, 2025.\n\
                    THURSDAY FEBRUARY 4TH 2009\n\
                    Wed 7 Jan 2026 and 31 Sept.\n\
                    (Friday 1st November 2024)\n";
        assert_eq!(
            dates(text),
            vec![
                (
                    "Monday 13th May 2015".into(),
                    Some(0),
                    13,
                    5,
                    Some(2015),
                    false
                ),
                (
                    "Tuesday, the 4th of March, 2025".into(),
                    Some(1),
                    4,
                    3,
                    Some(2025),
                    false
                ),
                (
                    "THURSDAY FEBRUARY 4TH 2009".into(),
                    Some(3),
                    4,
                    2,
                    Some(2009),
                    false
                ),
                ("Wed 7 Jan 2026".into(), Some(2), 7, 1, Some(2026), false),
                ("31 Sept".into(), None, 31, 9, None, false),
                (
                    "Friday 1st November 2024".into(),
                    Some(4),
                    1,
                    11,
                    Some(2024),
                    false
                ),
            ]
        );
    }

    #[test]
    fn leaves_out_what_is_unsure() {
        let text = "From 12-13 May 2015, in May 2016, may 3 2015.\n\
                    Monday 13th/Tuesday 14th May 2015 and the 2015/16 budget of 4 April 2015/16.\n\
                    May I ask; Item 4 March.\n";
        assert_eq!(
            dates(text),
            vec![
                ("14th May 2015".into(), None, 14, 5, Some(2015), false),
                ("4 April".into(), None, 4, 4, None, false),
                ("4 March".into(), None, 4, 3, None, false),
            ]
        );
    }

    #[test]
    fn knows_quotations_and_code() {
        let text = "She read “the letter of Monday 2 June 2025” aloud; then Monday 2 June 2025.\n\
                    \n\
                    > Sent on Friday 6 June 2025\n\
                    \n\
                    Run `Monday 2 June 2025` and \"Monday 2 June 2025\" and Monday 2 June 2025.\n";
        let quoted: Vec<bool> = dates(text).iter().map(|d| d.5).collect();
        assert_eq!(quoted, [true, false, true, true, false]);
    }
}
