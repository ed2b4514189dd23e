//! S001 inconsistent-style: one thing written two ways in the same minutes, such as "Mr." beside "Mr" or "Cllr" beside "Councillor".
//!
//! ## What it checks
//! How the minutes write the titles before people's names, and their dates:
//! - "Mr", "Mrs", "Ms" and "Dr" with a full stop or without one;
//! - "Cllr" or "Councillor" before a councillor's name;
//! - the day of a date with an ordinal suffix or without ("14th May 2025"
//!   beside "14 May 2025"), counting only dates that carry a year or a
//!   weekday.
//!
//! Where one document uses both forms, the form it uses less often is
//! reported once, at its first use, naming the form the minutes use most.
//!
//! ## Why it matters
//! House style guides ask for one form throughout, and a reader notices
//! the change: minutes that write "Cllr Reed" on one page and "Councillor
//! Reed" on the next look drafted by several hands and edited by none.
//!
//! ## When it stays silent
//! - When both forms are used equally often: there is no house form to
//!   hold the other to.
//! - On roles that hold the word ("County Councillor C Sampson", "Parish
//!   Councillor"): a capitalised word before "Councillor" makes it part of
//!   a role, not the title.
//! - On "Councillor" used as a noun ("the Councillor said"): only a title
//!   before a name counts.
//! - On what the people recogniser does not read as a person's title.
//!
//! - On dates in quotation marks or block quotes, and on a day and month
//!   with neither year nor weekday, which may be no date at all ("item 4
//!   March").
//!
//! Not yet checked: times written two ways ("7.30pm" beside "7.30 p.m.").
//!
//! ## Fixes
//! For the full stops, a safe fix writes every title in the minutes' usual
//! form. For "Cllr" and "Councillor", and for the days' suffixes, an unsafe
//! one: a house may want the short form in lists and the long one in the
//! text, or suffixes in headings only.
//!
//! ## Example
//! ```text
//! Present: Mr A Quill, Mr B Dunn, Mrs C Stone
//! Mr. Quill reported on the accounts.
//! ```
//! Use instead "Mr Quill", as the rest of the minutes write it.

use super::{Applicability, Context, Edit, Rule, Sink};
use crate::text::TextRange;

pub const RULE: Rule = Rule {
    info: &crate::registry::S001,
    check,
};

/// Most related places a finding lists.
const MOST_RELATED: usize = 5;

/// The titles written with or without a full stop.
const DOTTED_TITLES: &[&str] = &["Mr", "Mrs", "Ms", "Dr"];

fn check(cx: &Context, sink: &mut Sink) {
    let text = cx.text;
    // Each title's word (without its full stop), and whether a full stop follows.
    let mut dotted: Vec<(TextRange, bool)> = Vec::new();
    let mut councillor: Vec<(TextRange, bool)> = Vec::new();
    let mut last_start = usize::MAX;
    let mut quoted_lines = BlockQuoteLines::default();
    for mention in &cx.doc.mentions {
        let start = mention.range.start;
        if start == last_start {
            continue;
        }
        last_start = start;
        let written = mention.range.of(text);
        let word_len = written
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(written.len());
        let word = &written[..word_len];
        let range = TextRange::new(start, start + word_len);
        let after = &written[word_len..];
        if quoted_lines.holds(cx, start) {
            continue; // someone else's words, set down as written
        }
        if DOTTED_TITLES.contains(&word) {
            // "Mr. Quill", "Mr Quill": a title, then its name.
            if let Some(rest) = after.strip_prefix('.') {
                if rest.starts_with(' ') {
                    dotted.push((range, true));
                }
            } else if after.starts_with(' ') {
                dotted.push((range, false));
            }
        } else if (word == "Cllr" || word == "Councillor")
            && after.starts_with([' ', '.'])
            && !describes_the_councillor(text, start)
            && cx.doc.people[mention.person].mentions.len() >= 2
        {
            councillor.push((range, word == "Cllr"));
        }
    }
    if let Some((minority, majority)) = split(&dotted) {
        let with_stop = minority[0].1;
        let word = minority[0].0.of(text);
        let total = minority.len() + majority.len();
        let message = if with_stop {
            format!(
                "\"{word}.\" has a full stop, but {} of the {total} titles before names in these minutes have none: write \"{word}\"",
                majority.len()
            )
        } else {
            format!(
                "\"{word}\" has no full stop, but {} of the {total} titles before names in these minutes have one: write \"{word}.\"",
                majority.len()
            )
        };
        let edits = minority
            .iter()
            .map(|(range, _)| {
                if with_stop {
                    Edit::replace(TextRange::new(range.end, range.end + 1), "")
                } else {
                    Edit::insert(range.end, ".")
                }
            })
            .collect();
        let title = if with_stop {
            "Write the titles without a full stop, as the minutes do"
        } else {
            "Write the titles with a full stop, as the minutes do"
        };
        report(
            cx,
            sink,
            &minority,
            &majority,
            message,
            title,
            Applicability::Safe,
            edits,
            with_stop,
        );
    }
    // Days with an ordinal suffix or without, in dates that show they are
    // dates (a year or a weekday), outside quotations.
    let days: Vec<(TextRange, bool)> = cx
        .doc
        .dates
        .iter()
        .filter(|date| !date.quoted && (date.year.is_some() || date.weekday.is_some()))
        .map(|date| (date.day.range, date.ordinal))
        .collect();
    if let Some((minority, majority)) = split(&days) {
        let with_suffix = minority[0].1;
        let written = minority[0].0.of(text);
        let figures = written.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let total = minority.len() + majority.len();
        // The suffix in the case the usual form writes it ("th", "TH").
        let upper = majority
            .iter()
            .any(|(range, _)| range.of(text).ends_with(|c: char| c.is_ascii_uppercase()));
        let suffixed = |figures: &str| {
            let value: u32 = figures.parse().unwrap_or(0);
            let suffix = match (value % 10, value % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            if upper {
                format!("{figures}{}", suffix.to_uppercase())
            } else {
                format!("{figures}{suffix}")
            }
        };
        let message = if with_suffix {
            format!(
                "\"{written}\" has an ordinal suffix, but {} of the {total} dates in these minutes have none: write \"{figures}\"",
                majority.len()
            )
        } else {
            format!(
                "\"{written}\" has no ordinal suffix, but {} of the {total} dates in these minutes have one: write \"{}\"",
                majority.len(),
                suffixed(figures)
            )
        };
        let edits = minority
            .iter()
            .map(|(range, _)| {
                let figures = range
                    .of(text)
                    .trim_end_matches(|c: char| c.is_ascii_alphabetic());
                let new = if with_suffix {
                    figures.to_owned()
                } else {
                    suffixed(figures)
                };
                Edit::replace(*range, new)
            })
            .collect();
        let title = if with_suffix {
            "Write the dates without ordinal suffixes, as the minutes do"
        } else {
            "Write the dates with ordinal suffixes, as the minutes do"
        };
        report(
            cx,
            sink,
            &minority,
            &majority,
            message,
            title,
            Applicability::Unsafe,
            edits,
            false,
        );
    }
    if let Some((minority, majority)) = split(&councillor) {
        let short = minority[0].1;
        let (this, usual) = if short {
            ("Cllr", "Councillor")
        } else {
            ("Councillor", "Cllr")
        };
        let message = format!(
            "\"{this}\" is written {}, \"{usual}\" {}: write \"{usual}\" throughout",
            times(minority.len()),
            times(majority.len())
        );
        let edits = minority
            .iter()
            .map(|(range, _)| {
                // "Cllr." loses its full stop with the word.
                let end = if text[range.end..].starts_with('.') {
                    range.end + 1
                } else {
                    range.end
                };
                Edit::replace(TextRange::new(range.start, end), usual)
            })
            .collect();
        let title = format!("Write \"{usual}\" throughout, as the minutes do");
        report(
            cx,
            sink,
            &minority,
            &majority,
            message,
            &title,
            Applicability::Unsafe,
            edits,
            false,
        );
    }
}

/// "once", "twice", "5 times".
fn times(count: usize) -> String {
    match count {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

/// The uses of the less frequent form and of the more frequent one, or
/// `None` when only one form is used or both equally often.
type Uses = Vec<(TextRange, bool)>;

fn split(uses: &[(TextRange, bool)]) -> Option<(Uses, Uses)> {
    let (yes, no): (Uses, Uses) = uses.iter().partition(|(_, form)| *form);
    match yes.len().cmp(&no.len()) {
        _ if yes.is_empty() || no.is_empty() => None,
        std::cmp::Ordering::Less => Some((yes, no)),
        std::cmp::Ordering::Greater => Some((no, yes)),
        std::cmp::Ordering::Equal => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn report(
    cx: &Context,
    sink: &mut Sink,
    minority: &[(TextRange, bool)],
    majority: &[(TextRange, bool)],
    message: String,
    title: &str,
    applicability: Applicability,
    edits: Vec<Edit>,
    dot_in_range: bool,
) {
    let shown = |range: TextRange| {
        if dot_in_range && cx.text[range.end..].starts_with('.') {
            TextRange::new(range.start, range.end + 1)
        } else {
            range
        }
    };
    let finding = sink.push(shown(minority[0].0), message);
    for (range, _) in minority.iter().skip(1).take(MOST_RELATED) {
        finding.related(shown(*range), "written this way again");
    }
    finding.related(majority[0].0, "the usual form");
    finding.fix(title, applicability, edits);
}

/// Whether the word before `at` makes "Councillor" part of a role or a
/// description rather than the title: a capitalised word ("County
/// Councillor", "Apologies:Borough Councillor") or a word that describes
/// ("former Councillor", "our Councillor").
fn describes_the_councillor(text: &str, at: usize) -> bool {
    const DESCRIBING: &[&str] = &[
        "former", "retired", "ex", "late", "new", "our", "their", "your", "a", "the", "being",
        "every", "each", "as",
    ];
    let before = text[..at].trim_end_matches([' ', '\t']);
    if before.len() == at {
        return false; // not set apart by a space: a line's start
    }
    let letters = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(before.len(), |(found, _)| found);
    let word = &before[letters..];
    word.starts_with(|c: char| c.is_uppercase())
        || DESCRIBING
            .iter()
            .any(|describing| word.eq_ignore_ascii_case(describing))
}

/// Which lines stand in a block quote (`> `), asked in text order: a
/// cursor walks on through the lines, so each line is looked at once.
#[derive(Default)]
struct BlockQuoteLines {
    line: usize,
    /// The line last asked about, and whether it is quoted.
    answer: Option<(usize, bool)>,
}

impl BlockQuoteLines {
    fn holds(&mut self, cx: &Context, at: usize) -> bool {
        let lines = &cx.doc.lines;
        while self.line + 1 < lines.len() && lines[self.line].range.end < at {
            self.line += 1;
        }
        match self.answer {
            Some((line, quoted)) if line == self.line => quoted,
            _ => {
                let quoted = lines
                    .get(self.line)
                    .is_some_and(|line| line.range.of(cx.text).trim_start().starts_with('>'));
                self.answer = Some((self.line, quoted));
                quoted
            }
        }
    }
}
