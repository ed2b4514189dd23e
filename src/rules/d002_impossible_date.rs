//! D002 impossible-date: a date that does not exist, such as 31 April or 30 February.
//!
//! ## What it checks
//! Each date written with a day and a month's name: the day must be one
//! the month has. April, June, September and November have 30 days,
//! February 28, or 29 in a leap year. A 29 February is checked only when
//! its year is written.
//!
//! ## Why it matters
//! A date that does not exist is always a slip, and the reader cannot
//! tell which day was meant: the record of a decision, a deadline or the
//! next meeting is left without a date.
//!
//! ## When it stays silent
//! - A bare number before a month's name with nothing else to show it is
//!   a date ("item 31 April accounts"): the day must carry an ordinal
//!   suffix ("31st"), a weekday or a year.
//! - 29 February without a year: it exists in leap years.
//! - A date in quotation marks or a block quote, or inside Markdown code.
//! - A date that cannot be read whole (a range, "30th-31st April").
//!
//! ## Fixes
//! None: only the clerk knows which day was meant.
//!
//! ## Example
//! ```text
//! The accounts for the year ending 31st April 2024 were approved.
//! ```
//! April has 30 days: the year ended on 30th April, or on 31st March.

use super::{Context, Rule, Sink};
use crate::syntax::dates::{days_in_month, MONTHS};

pub const RULE: Rule = Rule {
    info: &crate::registry::D002,
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for date in &cx.doc.dates {
        if date.quoted || !(date.ordinal || date.weekday.is_some() || date.year.is_some()) {
            continue;
        }
        let year = date.year.map(|year| year.value);
        let (day, month) = (date.day.value, date.month.value);
        if day <= days_in_month(year, month) {
            continue;
        }
        let name = MONTHS[month as usize - 1];
        let message = match year {
            Some(year) if month == 2 && day == 29 => {
                format!("29 February {year} does not exist: {year} is not a leap year")
            }
            _ if month == 2 => {
                format!("{day} February does not exist: February has 28 days, 29 in a leap year")
            }
            _ => format!(
                "{day} {name} does not exist: {name} has {} days",
                days_in_month(year, month)
            ),
        };
        sink.push(date.range, message);
    }
}
