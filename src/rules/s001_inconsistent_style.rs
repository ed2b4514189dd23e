//! S001 inconsistent-style: one thing written two ways in the same minutes, such as "Mr." beside "Mr" or "Cllr" beside "Councillor".
//!
//! ## What it checks
//! How the minutes write the titles before people's names, their dates
//! and their times:
//! - "Mr", "Mrs", "Ms" and "Dr" with a full stop or without one;
//! - "Cllr" or "Councillor" before a councillor's name;
//! - the day of a date with an ordinal suffix or without ("14th May 2025"
//!   beside "14 May 2025"), counting only dates that carry a year or a
//!   weekday, in the text (not the YAML front matter, a page's description);
//! - times of day with "am" or "pm" written with a point or a colon, a
//!   space or none, full stops or none: "7.30pm" beside "7.30 p.m.",
//!   "7:30pm" or "7.30 pm".
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
//! - On times in quotation marks or block quotes, on fewer than three
//!   times, and on a time without minutes ("7pm") beside either mark.
//!
//! Not yet checked: the 24-hour clock ("19:30") beside "7.30pm", which a
//! log of times (when a lorry left, when a noise was heard) keeps apart
//! on purpose as often as it is a slip; and capitals ("7.30PM"), which
//! follow a line set in capitals.
//!
//! ## Fixes
//! For the full stops, a safe fix writes every title in the minutes' usual
//! form, and every time (its point or colon, its space and the full stops
//! of "p.m." change: the same time, written the house's way). For "Cllr"
//! and "Councillor", and for the days' suffixes, an unsafe one: a house
//! may want the short form in lists and the long one in the text, or
//! suffixes in headings only.
//!
//! ## Example
//! ```text
//! Present: Mr A Quill, Mr B Dunn, Mrs C Stone
//! Mr. Quill reported on the accounts.
//! ```
//! Use instead "Mr Quill", as the rest of the minutes write it.

use super::{Applicability, Context, Edit, Rule, Sink};
use crate::syntax::TimeMention;
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
    let tallies = tally_titles(cx);
    if let Some((minority, usual, usual_count)) = rarer_titles(cx, Title::Dotted, &tallies) {
        let with_stop = minority[0].1;
        let word = minority[0].0.of(text);
        let total = minority.len() + usual_count;
        let message = if with_stop {
            format!(
                "\"{word}.\" has a full stop, but {usual_count} of the {total} titles before names in these minutes have none: write \"{word}\""
            )
        } else {
            format!(
                "\"{word}\" has no full stop, but {usual_count} of the {total} titles before names in these minutes have one: write \"{word}.\""
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
            usual,
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
        .filter(|date| {
            !date.quoted && !date.in_front_matter && (date.year.is_some() || date.weekday.is_some())
        })
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
            majority[0].0,
            message,
            title,
            Applicability::Unsafe,
            edits,
            false,
        );
    }
    times(cx, sink);
    if let Some((minority, usual_place, usual_count)) =
        rarer_titles(cx, Title::Councillor, &tallies)
    {
        let short = minority[0].1;
        let (this, usual) = if short {
            ("Cllr", "Councillor")
        } else {
            ("Councillor", "Cllr")
        };
        let message = format!(
            "\"{this}\" is written {}, \"{usual}\" {}: write \"{usual}\" throughout",
            times_count(minority.len()),
            times_count(usual_count)
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
            usual_place,
            message,
            &title,
            Applicability::Unsafe,
            edits,
            false,
        );
    }
}

/// How a time of day is written: "7.30pm", "7:30 p.m.", "7.30 pm".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TimeStyle {
    /// The mark between hour and minutes; none when no minutes are written.
    mark: Option<char>,
    /// A space before "am" or "pm".
    space: bool,
    /// Full stops in "a.m." and "p.m.".
    dotted: bool,
}

impl TimeStyle {
    fn of(time: &TimeMention) -> TimeStyle {
        TimeStyle {
            mark: time.mark,
            space: time.space,
            dotted: time.suffix.is_some_and(|suffix| suffix.dotted),
        }
    }

    /// Whether a time written this way is written as `usual` writes it: a
    /// time without minutes fits either mark.
    fn fits(self, usual: TimeStyle) -> bool {
        self.space == usual.space
            && self.dotted == usual.dotted
            && (self.mark.is_none() || usual.mark.is_none() || self.mark == usual.mark)
    }
}

/// Times of day written two ways: "7.30pm" beside "7.30 p.m.", "7:30pm"
/// or "7.30 pm". The usual way is the one most times fit; each other way
/// is reported once, at its first use, if fewer times are written so.
/// Only times with "am" or "pm" are compared, and not their capitals
/// ("7.30PM" in a line of capitals): the 24-hour clock ("19:30") is kept
/// for a log's times as often as it is a slip.
fn times(cx: &Context, sink: &mut Sink) {
    let text = cx.text;
    let times: Vec<&TimeMention> = cx
        .doc
        .times
        .iter()
        .filter(|time| !time.quoted && time.suffix.is_some())
        .collect();
    if times.len() < 3 {
        return;
    }
    let mut styles: Vec<TimeStyle> = Vec::new();
    for time in &times {
        let style = TimeStyle::of(time);
        if !styles.contains(&style) {
            styles.push(style);
        }
    }
    let fitting = |usual: TimeStyle| {
        times
            .iter()
            .filter(|t| TimeStyle::of(t).fits(usual))
            .count()
    };
    // The usual style: the one most times fit, preferring one that writes
    // its mark (the fuller form); none when two that differ tie.
    let mut ranked: Vec<(usize, bool, TimeStyle)> = styles
        .iter()
        .map(|&style| (fitting(style), style.mark.is_some(), style))
        .collect();
    ranked.sort_by_key(|style| std::cmp::Reverse((style.0, style.1)));
    let Some(&(usual_count, _, usual)) = ranked.first() else {
        return;
    };
    if usual_count < 2
        || ranked
            .iter()
            .skip(1)
            .any(|other| other.0 == usual_count && !other.2.fits(usual))
    {
        return;
    }
    let Some(example) = times
        .iter()
        .find(|t| TimeStyle::of(t).fits(usual) && (t.mark.is_some() || usual.mark.is_none()))
    else {
        return;
    };
    let total = times.len();
    for style in styles.iter().filter(|style| !style.fits(usual)) {
        let these: Vec<&TimeMention> = times
            .iter()
            .copied()
            .filter(|t| TimeStyle::of(t) == *style)
            .collect();
        if these.len() >= usual_count {
            continue;
        }
        let written = these[0].range.of(text);
        let message = format!(
            "\"{written}\" is written this way {}, but {usual_count} of the {total} times in these minutes are written like \"{}\": write \"{}\"",
            times_count(these.len()),
            example.range.of(text),
            written_as(these[0], usual)
        );
        let edits = these
            .iter()
            .map(|time| Edit::replace(time.range, in_its_sentence(text, time, usual)))
            .collect();
        let finding = sink.push(these[0].range, message);
        for time in these.iter().skip(1).take(MOST_RELATED) {
            finding.related(time.range, "written this way again");
        }
        finding.related(example.range, "the usual form");
        // Only the marks change (a point or a colon, a space, full stops):
        // the same time, written the house's way.
        finding.fix(
            format!(
                "Write the times like \"{}\", as the minutes do",
                example.range.of(text)
            ),
            Applicability::Safe,
            edits,
        );
    }
}

/// A time written in the usual style, in its own capitals; where the
/// usual style writes no minutes, a time that has them keeps its mark.
fn written_as(time: &TimeMention, usual: TimeStyle) -> String {
    let Some(suffix) = time.suffix else {
        return String::new();
    };
    let mut new = time.hour.to_string();
    if let (Some(minute), Some(mark)) = (time.minute, usual.mark.or(time.mark)) {
        new.push_str(&format!("{mark}{minute:02}"));
    }
    if usual.space {
        new.push(' ');
    }
    let letter = if suffix.afternoon { "p" } else { "a" };
    let suffix_text = if usual.dotted {
        format!("{letter}.m.")
    } else {
        format!("{letter}m")
    };
    new.push_str(&if suffix.upper {
        suffix_text.to_uppercase()
    } else {
        suffix_text
    });
    new
}

/// The time written in the usual style where it stands: a full stop that
/// closed "p.m." and the sentence with it stays, and none is doubled.
fn in_its_sentence(text: &str, time: &TimeMention, usual: TimeStyle) -> String {
    let mut new = written_as(time, usual);
    let after = &text[time.range.end..];
    if time.range.of(text).ends_with('.') && !new.ends_with('.') && ends_a_sentence(after) {
        new.push('.'); // "at 9 p.m." closed the sentence too
    } else if new.ends_with('.') && after.starts_with('.') {
        new.pop(); // "at 9pm." keeps one full stop
    }
    new
}

/// Whether a full stop just before `after` ends a sentence: the line ends,
/// or a capital opens the next word.
fn ends_a_sentence(after: &str) -> bool {
    let line = after.split('\n').next().unwrap_or("");
    let rest = line.trim_start();
    rest.is_empty() || (rest.len() < line.len() && rest.starts_with(|c: char| c.is_uppercase()))
}

/// "once", "twice", "5 times".
fn times_count(count: usize) -> String {
    match count {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

/// The uses of the less frequent form and of the more frequent one, or
/// `None` when only one form is used or both equally often.
type Uses = Vec<(TextRange, bool)>;

/// The two kinds of title compared: with or without a full stop, and
/// "Cllr" or "Councillor".
#[derive(Clone, Copy, PartialEq, Eq)]
enum Title {
    Dotted,
    Councillor,
}

/// The titles before names, in text order and outside quotations: each
/// one's kind, its word (without its full stop), and its form: whether a
/// full stop follows, or whether it is "Cllr".
fn titles<'a>(cx: &'a Context) -> impl Iterator<Item = (Title, TextRange, bool)> + 'a {
    let text = cx.text;
    let mut last_start = usize::MAX;
    let mut quoted_lines = BlockQuoteLines::default();
    cx.doc.mentions.iter().filter_map(move |mention| {
        let start = mention.range.start;
        if start == last_start {
            return None;
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
            return None; // someone else's words, set down as written
        }
        if DOTTED_TITLES.contains(&word) {
            // "Mr. Quill", "Mr Quill": a title, then its name.
            if let Some(rest) = after.strip_prefix('.') {
                rest.starts_with(' ')
                    .then_some((Title::Dotted, range, true))
            } else {
                after
                    .starts_with(' ')
                    .then_some((Title::Dotted, range, false))
            }
        } else if (word == "Cllr" || word == "Councillor")
            && after.starts_with([' ', '.'])
            && !describes_the_councillor(text, start)
            && cx.doc.people[mention.person].mentions.len() >= 2
        {
            Some((Title::Councillor, range, word == "Cllr"))
        } else {
            None
        }
    })
}

/// For each kind of title (`Title` as an index), and each form (`false`,
/// `true`): how many titles take it, and the first that does.
type Tallies = [[(usize, Option<TextRange>); 2]; 2];

/// Counts the titles' forms: on text dense with names, holding every title
/// to compare them had been a tenth of the peak memory, and most minutes
/// use one form throughout.
fn tally_titles(cx: &Context) -> Tallies {
    let mut tallies: Tallies = [[(0, None); 2]; 2];
    for (kind, range, form) in titles(cx) {
        let (count, first) = &mut tallies[kind as usize][usize::from(form)];
        *count += 1;
        first.get_or_insert(range);
    }
    tallies
}

/// The titles of `kind` in the rarer of two forms, with the usual form's
/// first title and how many take it; none when one form is used
/// throughout, or both equally. The rarer are read again from the mentions.
fn rarer_titles(cx: &Context, kind: Title, tallies: &Tallies) -> Option<(Uses, TextRange, usize)> {
    let [(without, first_without), (with, first_with)] = tallies[kind as usize];
    let rarer = match with.cmp(&without) {
        _ if with == 0 || without == 0 => return None,
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => return None,
    };
    let (usual, usual_count) = if rarer {
        (first_without?, without)
    } else {
        (first_with?, with)
    };
    let minority = titles(cx)
        .filter(|&(k, _, form)| k == kind && form == rarer)
        .map(|(_, range, form)| (range, form))
        .collect();
    Some((minority, usual, usual_count))
}

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
    usual: TextRange,
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
    finding.related(usual, "the usual form");
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
