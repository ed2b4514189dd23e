//! D001 weekday-mismatch: a date whose weekday is not the day the calendar gives it.
//!
//! ## What it checks
//! Each date written with a weekday, a day, a month's name and a year, in
//! any of the orders minutes use ("Monday 13th May 2015", "Monday, the
//! 13th of May 2015", "Thursday, February 4th, 2009", "WED 7 JAN 2026"):
//! the weekday must be the one that date falls on. Dates in a YAML front
//! matter at the top of the file (`title: Minutes of the meeting held
//! Tuesday 4th June 2024`) are read too: a site's page names its meeting
//! there.
//!
//! ## Why it matters
//! A date with the wrong weekday names two days, and the reader cannot
//! tell which was meant: the record of when a meeting was held, or the
//! notice of when the next one is, becomes doubtful. The slip is common
//! where last year's minutes are copied as the template for this year's.
//!
//! ## When it stays silent
//! - A date without a year or without a weekday: there is nothing to hold
//!   the weekday to.
//! - A date in quotation marks or in a block quote (`> `): someone else's
//!   words, reported as they were written.
//! - A date inside Markdown code (a code span or block).
//! - A date that cannot be read whole: a range ("Monday 12th-13th May
//!   2015"), a weekday parted from its day by a slash ("Monday 13th/Tuesday
//!   14th May"), a year run on into another ("4 April 2015/16"), or a date
//!   broken over a line end. Only the part that stands alone is read, and
//!   it has no weekday.
//! - A date that does not exist ("Friday 31st April 2015"): D002 reports it.
//!
//! ## Fixes
//! Two, both unsafe, for a person to choose between: write the weekday the
//! date falls on, or write the date in the same month, nearest to the one
//! written, that falls on the weekday written. Either the weekday or the
//! day (or the year) may be the slip, so neither `--fix` nor
//! `--unsafe-fixes` applies one; an editor offers both.
//!
//! ## Example
//! ```text
//! The next meeting will be held on Monday 13th May 2015 at 7.30pm.
//! ```
//! 13th May 2015 falls on a Wednesday. Use instead "Wednesday 13th May
//! 2015", or "Monday 11th May 2015" if the meeting is on the Monday.

use super::{Applicability, Context, Edit, Rule, Sink};
use crate::syntax::dates::{days_in_month, weekday, MONTHS, WEEKDAYS};
use crate::syntax::DateMention;

pub const RULE: Rule = Rule {
    info: &crate::registry::D001,
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for date in &cx.doc.dates {
        let (Some(written), Some(year)) = (&date.weekday, &date.year) else {
            continue;
        };
        if date.quoted {
            continue;
        }
        let (day, month, year) = (date.day.value, date.month.value, year.value);
        if day > days_in_month(Some(year), month) {
            continue; // no such date: D002's
        }
        let actual = weekday(year, month, day);
        if actual == written.value {
            continue;
        }
        let shown = plain_date(date, year);
        let weekday_text = written.range.of(cx.text);
        let right_weekday = cased_like(weekday_text, &weekday_name(actual, weekday_text));
        let nearest = nearest_day(year, month, day, written.value);
        let nearest_text = day_as_written(date.day.range.of(cx.text), nearest);
        sink.push(
            date.range,
            format!(
                "{shown} falls on a {}, not a {}",
                WEEKDAYS[actual as usize], WEEKDAYS[written.value as usize]
            ),
        )
        .fix(
            format!("Write {right_weekday}, the weekday of {shown}"),
            Applicability::Unsafe,
            vec![Edit::replace(written.range, right_weekday.clone())],
        )
        .alternative(
            format!(
                "Write {nearest_text}, the {} nearest {shown}",
                WEEKDAYS[written.value as usize]
            ),
            vec![Edit::replace(date.day.range, nearest_text)],
        );
    }
}

/// The date in a plain form for messages: "13 May 2015".
fn plain_date(date: &DateMention, year: u32) -> String {
    format!(
        "{} {} {year}",
        date.day.value,
        MONTHS[date.month.value as usize - 1]
    )
}

/// The day of the same month, nearest to `day`, that falls on `wanted`:
/// every weekday comes within three days before or after, and at least one
/// of the two stays inside the month.
fn nearest_day(year: u32, month: u32, day: u32, wanted: u32) -> u32 {
    let ahead = (wanted + 7 - weekday(year, month, day)) % 7;
    let behind = 7 - ahead;
    let fits_ahead = day + ahead <= days_in_month(Some(year), month);
    let fits_behind = day > behind;
    if fits_ahead && (ahead <= behind || !fits_behind) {
        day + ahead
    } else {
        day - behind
    }
}

/// A weekday's name in the length the text uses: in full, or in three
/// letters where the text shortens it ("Wed").
fn weekday_name(value: u32, written: &str) -> String {
    let full = WEEKDAYS[value as usize];
    if written.len() < 6 && !WEEKDAYS.iter().any(|w| w.eq_ignore_ascii_case(written)) {
        full[..3].to_owned()
    } else {
        full.to_owned()
    }
}

/// `new` in the case of `like`: capitals, small letters or a capital first.
fn cased_like(like: &str, new: &str) -> String {
    let letters = || like.chars().filter(|c| c.is_alphabetic());
    if letters().all(char::is_uppercase) {
        new.to_uppercase()
    } else if letters().all(char::is_lowercase) {
        new.to_lowercase()
    } else {
        new.to_owned()
    }
}

/// A day number written as `like` writes its own: "13th" gives "11th",
/// "13TH" "11TH", "03" "05", "13" "11".
fn day_as_written(like: &str, day: u32) -> String {
    let figures = like.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &like[figures..];
    let mut out = if figures == 2 && like.starts_with('0') {
        format!("{day:02}")
    } else {
        day.to_string()
    };
    if !suffix.is_empty() {
        let ordinal = match (day % 10, day % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        out.push_str(&cased_like(suffix, ordinal));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_day_stays_in_the_month() {
        // 13 May 2015 is a Wednesday: the Monday before is the 11th.
        assert_eq!(nearest_day(2015, 5, 13, 0), 11);
        // ... and the Saturday after is the 16th.
        assert_eq!(nearest_day(2015, 5, 13, 5), 16);
        // 1 May 2015 is a Friday: the nearest Tuesday inside May is the 5th.
        assert_eq!(nearest_day(2015, 5, 1, 1), 5);
        // 31 May 2015 is a Sunday: the nearest Friday inside May is the 29th.
        assert_eq!(nearest_day(2015, 5, 31, 4), 29);
        for day in 1..=28 {
            for wanted in 0..7 {
                let found = nearest_day(2023, 2, day, wanted);
                assert_eq!(weekday(2023, 2, found), wanted);
                assert!((1..=28).contains(&found) && found.abs_diff(day) <= 6);
            }
        }
    }

    #[test]
    fn days_and_weekdays_are_written_as_the_text_writes_them() {
        assert_eq!(day_as_written("13th", 11), "11th");
        assert_eq!(day_as_written("13TH", 2), "2ND");
        assert_eq!(day_as_written("03", 5), "05");
        assert_eq!(day_as_written("13", 11), "11");
        assert_eq!(day_as_written("20th", 23), "23rd");
        assert_eq!(day_as_written("1st", 12), "12th");
        assert_eq!(cased_like("MONDAY", "Wednesday"), "WEDNESDAY");
        assert_eq!(weekday_name(2, "Mon"), "Wed");
        assert_eq!(weekday_name(2, "Tues"), "Wed");
        assert_eq!(weekday_name(2, "Friday"), "Wednesday");
    }
}
