//! K002 action-without-date: an action with an owner but no date or timescale for it.
//!
//! ## What it checks
//! Actions written with an owner ("The Clerk to write to the county",
//! "Action: Cllr Rowe to obtain quotes", "AB to send the plans", where the
//! attendance list gives AB as someone's initials) that say nothing of
//! when: no date, no month or weekday, no "by", "before", "within",
//! "until", "next meeting", "ASAP", "ongoing" and no figures, anywhere in
//! its paragraph. One finding per action, on its owner.
//!
//! ## When it stays silent
//! - Wherever the paragraph says anything of time: a conservative
//!   reading, since "at the next meeting", "in the spring", "once the
//!   grant is paid" or the date of an event someone is to attend are all
//!   timescales.
//! - On "The Clerk to the Council ..." and other owners followed by "to"
//!   and a word that is no verb ("the", "a", "be").
//! - On actions that carry their own time: "the Chair to sign the
//!   minutes" (at the meeting), "Cllr Rowe to attend" (the event's date).
//!
//! ## Off by default
//! Whether every action needs a timescale is house style: some bodies'
//! guides ask for a date for completing every action, others take "by the
//! next meeting" as understood. Switch it on with `extend-select =
//! ["K002"]` in clerk.toml or `--extend-select K002`.
//!
//! ## Why it matters
//! An action with no date has no point at which anyone can say it is late.
//! A timescale lets the next meeting, and the register of actions, follow
//! it up.
//!
//! ## Fixes
//! None: only the meeting knows when the action is due.
//!
//! ## Example
//! ```text
//! The Clerk to write to the county about the verge.
//! ```
//! Use instead: "The Clerk to write to the county about the verge by the
//! next meeting."

use super::{Context, Rule, Sink};
use crate::syntax::BlockKind;

pub const RULE: Rule = Rule {
    info: &crate::registry::K002,
    check,
};

/// Words after an owner's "to" that open no action: "The Clerk to the
/// Council", "the Chair to be thanked".
const NO_VERB: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "be", "all", "both", "each", "every", "any", "some", "no", "date", "hand",
];

/// Words that say something of when, in lower case.
const TIME_WORDS: &[&str] = &[
    "by",
    "before",
    "within",
    "until",
    "till",
    "after",
    "once",
    "when",
    "whenever",
    "prior",
    "following",
    "asap",
    "soon",
    "immediately",
    "urgently",
    "urgent",
    "ongoing",
    "next",
    "today",
    "tomorrow",
    "tonight",
    "week",
    "weeks",
    "fortnight",
    "month",
    "months",
    "year",
    "years",
    "day",
    "days",
    "deadline",
    "time",
    "annually",
    "monthly",
    "weekly",
    "daily",
    "quarterly",
    "spring",
    "summer",
    "autumn",
    "winter",
    "end",
    "meeting",
    "meetings",
    "now",
    "again",
    "continue",
    "continues",
    "continuing",
    "future",
    "later",
    "shortly",
    "then",
    "due",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Verbs whose action carries its own time: the minutes are signed at the
/// meeting, an event is attended on its own date.
const TIMED_BY_ITSELF: &[&str] = &["sign", "attend", "represent"];

fn check(cx: &Context, sink: &mut Sink) {
    for action in cx.doc.actions(cx.text) {
        let Some(owner) = action.owner else { continue };
        let what = action.what.of(cx.text);
        let first = what.split_whitespace().next().unwrap_or("");
        if NO_VERB.contains(&first)
            || TIMED_BY_ITSELF.contains(&first)
            || !first.chars().all(|c| c.is_ascii_lowercase())
        {
            continue;
        }
        // The whole paragraph is read for any sign of when: "Tuesday 3
        // May at the hall - Cllr Rowe to attend" dates its action too.
        let Some(block) = cx.doc.block_at(action.range.start) else {
            continue;
        };
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        if says_when(block.content.of(cx.text)) {
            continue;
        }
        sink.push(owner, "This action does not say by when it is to be done");
    }
}

/// Whether words say anything of time: a time word or a figure.
fn says_when(words: &str) -> bool {
    if words.contains(|c: char| c.is_ascii_digit()) {
        return true;
    }
    words
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .any(|word| TIME_WORDS.contains(&word.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::says_when;

    #[test]
    fn hears_any_timescale() {
        assert!(says_when("write to the county by the next meeting"));
        assert!(says_when("mend the gate within two weeks"));
        assert!(says_when("order the bench ASAP"));
        assert!(says_when("report in March"));
        assert!(says_when("pay invoice 12"));
        assert!(!says_when("write to the county about the verge"));
        assert!(!says_when("obtain three quotes for the bench"));
    }
}
