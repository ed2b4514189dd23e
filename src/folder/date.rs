//! The date of a meeting, read from the words at the head of its minutes:
//! "Tuesday 14 January 2025", "14th January 2025", "January 14, 2025",
//! "14/01/2025" (day first, as in Britain). Read conservatively: a date
//! needs its year written in full and a day the month has, or it is none.

use crate::syntax::dates::{days_in_month, MONTHS};
use regex::Regex;
use std::sync::LazyLock;

/// A day in the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MeetingDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl MeetingDate {
    /// A date, if the day is one the month has in that year.
    pub fn new(year: u32, month: u32, day: u32) -> Option<MeetingDate> {
        if !(1..=12).contains(&month) {
            return None;
        }
        let days = days_in_month(Some(year), month);
        // Minutes are of the age of typewriters or later; a four-figure
        // number outside that is a sum or a reference, not a year.
        let plausible = (1900..=2100).contains(&year);
        (plausible && (1..=days).contains(&day)).then_some(MeetingDate {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// As a clerk writes it: "4 March 2024".
    pub fn written(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month) - 1],
            self.year
        )
    }

    /// As a spreadsheet sorts it: "2024-03-04".
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The month a word names, in full or in its usual short form.
fn month_of(word: &str) -> Option<u32> {
    let word = word.to_ascii_lowercase();
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|month| {
            let month = month.to_ascii_lowercase();
            month == word || (word.len() == 3 && month.starts_with(word)) || word == "sept"
        })
        .map(|at| if word == "sept" { 9 } else { at as u32 + 1 })
}

const MONTH_WORD: &str = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?";

/// "14 January 2025", "14th of January, 2025".
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH_WORD},?\s+(\d{{4}})\b"
    ))
    .unwrap()
});

/// "January 14, 2025", "January 14th 2025".
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{MONTH_WORD}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
    .unwrap()
});

/// "14/01/2025", "14.01.2025", "14-01-2025": day first.
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})([/.\-])(\d{1,2})([/.\-])(\d{4})\b").unwrap());

/// The first date written in `text`, and where it starts, if any can be
/// read without doubt.
pub fn first_date(text: &str) -> Option<(MeetingDate, usize)> {
    let number = |text: &str| text.parse::<u32>().ok();
    let mut found: Vec<(usize, MeetingDate)> = Vec::new();
    if let Some(caps) = DAY_MONTH_YEAR.captures(text) {
        let day = number(&caps[1])?;
        if let Some(date) =
            month_of(&caps[2]).and_then(|m| MeetingDate::new(number(&caps[3])?, m, day))
        {
            found.push((caps.get(0)?.start(), date));
        }
    }
    if let Some(caps) = MONTH_DAY_YEAR.captures(text) {
        if let Some(date) = month_of(&caps[1])
            .and_then(|m| MeetingDate::new(number(&caps[3])?, m, number(&caps[2])?))
        {
            found.push((caps.get(0)?.start(), date));
        }
    }
    for caps in NUMERIC.captures_iter(text) {
        // The two separators must agree: "3.5-2024" is no date.
        if caps[2] != caps[4] {
            continue;
        }
        if let Some(date) =
            MeetingDate::new(number(&caps[5])?, number(&caps[3])?, number(&caps[1])?)
        {
            found.push((caps.get(0)?.start(), date));
            break;
        }
    }
    found
        .into_iter()
        .min_by_key(|(at, _)| *at)
        .map(|(at, date)| (date, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<String> {
        first_date(text).map(|(date, _)| date.iso())
    }

    #[test]
    fn reads_the_forms_clerks_write() {
        assert_eq!(
            read("held on Tuesday 14 January 2025 at 7pm"),
            Some("2025-01-14".into())
        );
        assert_eq!(
            read("WEDNESDAY 13th September 2006"),
            Some("2006-09-13".into())
        );
        assert_eq!(read("the 3rd of March, 2021"), Some("2021-03-03".into()));
        assert_eq!(read("Thursday 10th July 2003"), Some("2003-07-10".into()));
        assert_eq!(read("14/01/2025"), Some("2025-01-14".into()));
        assert_eq!(read("Meeting 04.03.2024, 7pm"), Some("2024-03-04".into()));
        assert_eq!(read("January 14, 2025"), Some("2025-01-14".into()));
        assert_eq!(read("5 Sept 2019"), Some("2019-09-05".into()));
        assert_eq!(read("29 February 2024"), Some("2024-02-29".into()));
    }

    #[test]
    fn takes_the_first_date_written() {
        assert_eq!(
            read("on 2 May 2023, after the meeting of 14/01/2023"),
            Some("2023-05-02".into())
        );
        assert_eq!(
            read("on 14/01/2023, then 2 May 2023"),
            Some("2023-01-14".into())
        );
    }

    #[test]
    fn is_none_when_unsure() {
        assert_eq!(read("Minutes of 10 July"), None);
        assert_eq!(read("31 June 2024"), None);
        assert_eq!(read("29 February 2023"), None);
        assert_eq!(read("13/13/2024"), None);
        assert_eq!(read("3.5-2024"), None);
        assert_eq!(read("paid 12 May 1234"), None);
        assert_eq!(read("invoice 1/2/25"), None);
        assert_eq!(read("Mayor 12 2024"), None);
    }

    #[test]
    fn is_written_as_a_clerk_writes_it() {
        let date = MeetingDate::new(2024, 3, 4).unwrap();
        assert_eq!(date.written(), "4 March 2024");
        assert_eq!(date.iso(), "2024-03-04");
    }
}
