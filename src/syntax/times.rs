//! Times of day: "7.30pm", "7.30 p.m.", "7:30PM", "10am", "19:30". Each is
//! read as its hour, its minutes where written, the mark between them, and
//! its "am" or "pm" as written (with full stops, a space or capitals), so
//! that checks can ask whether one set of minutes writes its times alike.
//!
//! The recogniser reads the shared walk's lines (`walk`): times hold no
//! capital, so the walk's words do not find them; each line is searched
//! for the "m" of an "am" or "pm" and for a colon, both rare, and only
//! the text around them is read. A time on the 24-hour clock is read only
//! when it cannot be a ratio or a verse: two figures, a colon and two
//! more, the hour 13 or later or written with a leading nought ("19:30",
//! "09:15"). "19.30" with a point may be a decimal, and is not read.

use super::model::{Block, Line, TimeMention, TimeSuffix};
use super::walk::{LineByLine, WalkReader, Word};
use crate::text::TextRange;

/// Reads times of day off the walk's lines.
pub struct TimesReader<'t> {
    text: &'t str,
    times: Vec<TimeMention>,
}

impl<'t> TimesReader<'t> {
    pub fn new(text: &'t str) -> TimesReader<'t> {
        TimesReader {
            text,
            times: Vec::new(),
        }
    }

    /// The times found, less those inside markup (code, link targets), each
    /// told whether it stands inside quotation marks.
    pub fn finish(mut self, blocks: &[Block], markup: &[TextRange]) -> Vec<TimeMention> {
        super::dates::in_prose(self.text, blocks, markup, &mut self.times, |time| {
            (time.range, &mut time.quoted)
        });
        self.times
    }
}

impl LineByLine for TimesReader<'_> {
    fn join(parts: Vec<Self>) -> Self {
        let mut reader = TimesReader::new(parts[0].text);
        reader.times = super::walk::joined(parts.into_iter().map(|part| part.times).collect());
        reader
    }
}

impl<'t> super::walk::Resumable<'t> for TimesReader<'t> {
    type Found = Vec<TimeMention>;

    fn into_found(self) -> Self::Found {
        self.times
    }

    fn from_found(text: &'t str, parts: &[(&Self::Found, isize)]) -> Self {
        let mut reader = TimesReader::new(text);
        reader.times = super::model::moved_all(parts);
        reader
    }
}

impl<'w, 't: 'w> WalkReader<'w> for TimesReader<'t> {
    #[inline]
    fn line(&mut self, line: &Line) {
        let content = line.content.of(self.text);
        let bytes = content.as_bytes();
        // Every time holds a figure; most lines hold none, but most hold an "m".
        if !super::words::holds_digit(bytes) {
            return;
        }
        let quoted = line.range.of(self.text).trim_start().starts_with('>');
        let mut found: Vec<TimeMention> = Vec::new();
        for at in memchr::memchr2_iter(b'm', b'M', bytes) {
            if let Some(time) = twelve_hour(bytes, at) {
                found.push(time);
            }
        }
        for at in memchr::memchr_iter(b':', bytes) {
            if let Some(time) = twenty_four_hour(bytes, at) {
                found.push(time);
            }
        }
        found.sort_by_key(|time| time.range.start);
        let base = line.content.start;
        let mut last_end = 0;
        for mut time in found {
            if time.range.start < last_end {
                continue; // "19:30pm" read twice; keep the first
            }
            last_end = time.range.end;
            time.range = shifted(time.range, base);
            if let Some(suffix) = &mut time.suffix {
                suffix.range = shifted(suffix.range, base);
            }
            time.quoted = quoted;
            self.times.push(time);
        }
    }

    #[inline]
    fn word(&mut self, _word: Word<'w>) {}

    #[inline]
    fn line_end(&mut self) {}
}

fn shifted(range: TextRange, by: usize) -> TextRange {
    TextRange::new(range.start + by, range.end + by)
}

/// The figures and mark of a time that end at `end` in `bytes`: "7",
/// "7.30", "10:45"; its start, hour, minutes and mark.
fn clock_before(bytes: &[u8], end: usize) -> Option<(usize, u32, Option<u32>, Option<u8>)> {
    let figures = |end: usize| {
        bytes[..end]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let value = |from: usize, to: usize| -> u32 {
        bytes[from..to]
            .iter()
            .fold(0, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let last = figures(end);
    if last == 0 {
        return None;
    }
    let mut start = end - last;
    let (mut hour, mut minute, mut mark) = (value(start, end), None, None);
    if last == 2 && start >= 2 && matches!(bytes[start - 1], b'.' | b':') {
        let first = figures(start - 1);
        if (1..=2).contains(&first) {
            minute = Some(hour);
            mark = Some(bytes[start - 1]);
            start = start - 1 - first;
            hour = value(start, start + first);
        }
    } else if last > 2 {
        return None;
    }
    // Not part of a longer figure, a sum or a word: "1.7.30", "£7.30".
    if start > 0 {
        let before = bytes[start - 1];
        if before.is_ascii_alphanumeric()
            || matches!(before, b'.' | b',' | b':' | b'/' | b'$' | b'_')
            || before >= 0x80 && bytes[..start].ends_with("£".as_bytes())
        {
            return None;
        }
    }
    if minute.is_some_and(|minute| minute > 59) {
        return None;
    }
    Some((start, hour, minute, mark))
}

/// The time whose "am" or "pm" has its "m" at `m`: "7.30pm", "7.30 p.m.",
/// "10 AM".
fn twelve_hour(bytes: &[u8], m: usize) -> Option<TimeMention> {
    let letter = |at: usize| bytes.get(at).copied().map(|b| b | 0x20);
    // "pm", or "p.m" (with or without its last full stop).
    let (suffix_start, dotted) = match (m.checked_sub(1).and_then(letter), m.checked_sub(2)) {
        (Some(b'a' | b'p'), _) => (m - 1, false),
        (Some(b'.'), Some(two)) if matches!(letter(two), Some(b'a' | b'p')) => (two, true),
        _ => return None,
    };
    let mut suffix_end = m + 1;
    if dotted && bytes.get(suffix_end) == Some(&b'.') {
        suffix_end += 1;
    }
    // Not the start of a word: "7 pmt", "10 amp".
    if bytes
        .get(m + 1)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80)
    {
        return None;
    }
    let space = suffix_start >= 1 && bytes[suffix_start - 1] == b' ';
    let figures_end = suffix_start - usize::from(space);
    let (start, hour, minute, mark) = clock_before(bytes, figures_end)?;
    if !(1..=12).contains(&hour) {
        return None;
    }
    let afternoon = letter(suffix_start) == Some(b'p');
    Some(TimeMention {
        range: TextRange::new(start, suffix_end),
        hour,
        minute,
        mark: mark.map(char::from),
        suffix: Some(TimeSuffix {
            range: TextRange::new(suffix_start, suffix_end),
            afternoon,
            dotted,
            upper: bytes[suffix_start].is_ascii_uppercase(),
        }),
        space,
        quoted: false,
    })
}

/// The time on the 24-hour clock whose colon stands at `colon`: "19:30".
fn twenty_four_hour(bytes: &[u8], colon: usize) -> Option<TimeMention> {
    if colon < 2 || bytes.len() < colon + 3 {
        return None;
    }
    let (hours, minutes) = (&bytes[colon - 2..colon], &bytes[colon + 1..colon + 3]);
    if !hours.iter().chain(minutes).all(u8::is_ascii_digit) {
        return None;
    }
    let hour = u32::from(hours[0] - b'0') * 10 + u32::from(hours[1] - b'0');
    let minute = u32::from(minutes[0] - b'0') * 10 + u32::from(minutes[1] - b'0');
    if hour > 23 || minute > 59 || !(hour >= 13 || hours[0] == b'0') {
        return None;
    }
    if colon >= 3
        && (bytes[colon - 3].is_ascii_alphanumeric() || b".:,/".contains(&bytes[colon - 3]))
    {
        return None;
    }
    // Not followed by more figures, a second colon or a word ("19:30pm"
    // is read as twelve-hour, and left to be).
    let after = bytes.get(colon + 3).copied();
    if after.is_some_and(|b| b.is_ascii_alphanumeric() || b == b':')
        || (after.is_some_and(|b| matches!(b, b'.' | b','))
            && bytes.get(colon + 4).is_some_and(u8::is_ascii_digit))
        || (after == Some(b' ')
            && bytes
                .get(colon + 4)
                .is_some_and(|b| matches!(b | 0x20, b'a' | b'p'))
            && matches!(bytes.get(colon + 5).map(|b| b | 0x20), Some(b'm' | b'.')))
    {
        return None;
    }
    Some(TimeMention {
        range: TextRange::new(colon - 2, colon + 3),
        hour,
        minute: Some(minute),
        mark: Some(':'),
        suffix: None,
        space: false,
        quoted: false,
    })
}

#[cfg(test)]
mod tests {
    fn times(text: &str) -> Vec<(String, u32, Option<u32>)> {
        crate::syntax::parse(text)
            .times
            .iter()
            .map(|t| (t.range.of(text).to_owned(), t.hour, t.minute))
            .collect()
    }

    #[test]
    fn reads_the_times_minutes_write() {
        let text = "Opened at 7.30pm, closed 9:15 p.m.; lunch 12 PM, tea 4 pm.\n\
                    The site opens at 19:30 and 09:05, breakfast at 8a.m. sharp.\n";
        assert_eq!(
            times(text),
            vec![
                ("7.30pm".to_owned(), 7, Some(30)),
                ("9:15 p.m.".to_owned(), 9, Some(15)),
                ("12 PM".to_owned(), 12, None),
                ("4 pm".to_owned(), 4, None),
                ("19:30".to_owned(), 19, Some(30)),
                ("09:05".to_owned(), 9, Some(5)),
                ("8a.m.".to_owned(), 8, None),
            ]
        );
    }

    #[test]
    fn leaves_what_is_no_time() {
        let text = "John 3:16, a ratio of 10:30 and 1:50, item 7 amp, 14pm, £7.30pm, 2.3.30pm, \
                    score 19:30:12, 13 am I, 19.30 hours, 1.75pm.\n";
        assert_eq!(times(text), Vec::new());
    }
}
