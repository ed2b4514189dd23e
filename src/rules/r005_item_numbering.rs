//! R005 item-numbering: agenda items whose minute numbers skip one or repeat.
//!
//! ## What it checks
//! The numbers of the agenda items, in the order they stand: each must be
//! one more than the last ("4.", "5.", "6."; "45/24", "46/24"). A number
//! written twice in a row, or one left out between two that run on, is
//! reported at the item where it shows.
//!
//! ## Why it matters
//! Minutes are cited by their numbers ("minute 46/24, resolution 2"). A
//! repeated number makes the citation point at two items; a missing one
//! makes a reader look for an item that was never recorded, or wonder
//! whether one was left out of the published minutes.
//!
//! ## When it stays silent
//! - On minutes with fewer than four numbered items: there is no run to
//!   hold the numbers to.
//! - When the items are numbered in more than one form (plain "6." beside
//!   "45/24", or two years' suffixes): the page mixes numberings.
//! - When the numbers go back or jump further than one anywhere: a page
//!   that holds several meetings, an agenda that leaves out its closed
//!   items, or a numbered list read as items. Only a run that is in order
//!   but for one slip is reported.
//! - When there is more than one slip: the numbering is some other scheme.
//!
//! ## Fixes
//! None: a repeat may be the later number or the earlier one, and a gap
//! may be an item missing from the minutes rather than a slip of the pen.
//!
//! ## Example
//! ```text
//! 4. Apologies
//! 5. Minutes of the last meeting
//! 5. Finance
//! 6. Date of next meeting
//! ```
//! Use instead: number the items 4, 5, 6, 7.

use super::{Context, Rule, Sink};
use crate::syntax::Item;

pub const RULE: Rule = Rule {
    info: &crate::registry::R005,
    check,
};

/// The fewest numbered items whose run is checked.
const FEWEST: usize = 4;

fn check(cx: &Context, sink: &mut Sink) {
    let numbered: Vec<(&Item, u32)> = cx
        .doc
        .items
        .iter()
        .filter_map(|item| Some((item, item.number.as_ref()?.value?)))
        .collect();
    if numbered.len() < FEWEST {
        return;
    }
    // One form of number throughout: the minute number's own digits, and
    // the same text around them ("", "CELS/", "/24" for every item).
    let form = |item: &Item| {
        let text = &item.number.as_ref().unwrap().text;
        let digits = text.bytes().skip_while(|b| !b.is_ascii_digit());
        let lead = text.len() - digits.clone().count();
        let run = digits.take_while(u8::is_ascii_digit).count();
        format!("{}#{}", &text[..lead], &text[lead + run..])
    };
    let first_form = form(numbered[0].0);
    if numbered.iter().any(|(item, _)| form(item) != first_form) {
        return;
    }
    let mut slip = None;
    for pair in numbered.windows(2) {
        let ((_, before), (item, value)) = (pair[0], pair[1]);
        if value == before + 1 {
            continue;
        }
        let repeat = value == before;
        let gap = value == before + 2;
        if !(repeat || gap) || slip.is_some() {
            return; // another scheme, or more than one slip
        }
        slip = Some((pair[0].0, item, before, value, repeat));
    }
    let Some((previous, item, before, value, repeat)) = slip else {
        return;
    };
    if !repeat && written_between(cx.text, previous, item, before + 1) {
        return; // the missing item is there, in a form not read as a heading
    }
    let number = item.number.as_ref().unwrap();
    let message = if repeat {
        format!("Item number {} is used twice", number.text)
    } else {
        format!(
            "The item numbers jump from {before} to {value}: {} is missing",
            before + 1
        )
    };
    sink.push(number.range, message)
        .related(previous.number.as_ref().unwrap().range, "the item before");
}

/// Whether a line between two items' headings opens with `number`, in any
/// form ("7 . Payments", "5.Planning", "3) Introductions", "**3.**",
/// "Item 2", "74/18", or sub-numbers "5.1"): the item stands there, written
/// in a way not read as a heading, and nothing is missing.
fn written_between(text: &str, previous: &Item, item: &Item, number: u32) -> bool {
    let digits = number.to_string();
    let between = &text[previous.heading.end.min(item.heading.start)..item.heading.start];
    between.lines().any(|line| {
        let line = line.trim_start_matches(|c: char| c.is_whitespace() || "*#_>|".contains(c));
        let line = ["item ", "minute "]
            .iter()
            .find_map(|word| {
                line.as_bytes()
                    .get(..word.len())
                    .is_some_and(|opening| opening.eq_ignore_ascii_case(word.as_bytes()))
                    .then(|| line[word.len()..].trim_start())
            })
            .unwrap_or(line);
        line.strip_prefix(&digits)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
    })
}
