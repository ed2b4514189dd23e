//! Whether a file found in a folder reads as minutes, judged from what the
//! parser found in it, so that a README, a licence or a style guide kept
//! beside the minutes is passed over rather than flooded with findings.
//!
//! Minutes record a meeting: who was there, the items taken in turn, what
//! was decided, under a heading that names the meeting and its date. Only
//! an attendance list is found in nothing else; every other sign is shared
//! with documents about minutes (a style guide quotes "It was agreed that",
//! a README numbers its sections, a licence is dated), so it takes two.
//! Code (a fenced block, code spans) is a sign of the opposite: clerks do
//! not write it, and programmers' documentation is full of it.

use crate::syntax::dates::MONTHS;
use crate::syntax::Document;
use crate::text::TextRange;
use std::path::Path;

/// What in a document says it is minutes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Signs {
    /// The heading or the front matter says "minutes" or "meeting".
    pub names_itself: bool,
    /// A date stands in the heading or at the top.
    pub dated: bool,
    /// An attendance list names two people or more.
    pub attendance: bool,
    /// Two agenda items or more are numbered and titled as headings are.
    pub agenda: bool,
    /// Two decisions or more are written as minutes write them: the
    /// marker (RESOLVED, It was agreed) opens its line.
    pub decisions: bool,
    /// Three people or more are recorded speaking.
    pub speakers: bool,
    /// A fenced code block or two code spans: documentation, not minutes.
    pub code: bool,
}

impl Signs {
    pub fn of(text: &str, doc: &Document) -> Signs {
        let front_matter = doc.front_matter.map_or("", |range| slice(text, range));
        let heading = doc
            .meeting
            .as_ref()
            .map_or("", |meeting| slice(text, meeting.range));
        // A heading is short; a parser's heading that runs on is cut to
        // what a heading would hold.
        let heading = prefix(heading, HEADING_BYTES);
        let body = &text[doc
            .front_matter
            .map_or(0, |range| range.end.min(text.len()))..];
        let top = prefix(body, TOP_BYTES);
        let numbered: Vec<&str> = doc
            .items
            .iter()
            .filter(|item| item.number.is_some())
            .map(|item| slice(text, item.title))
            .collect();
        let titled = numbered
            .iter()
            .filter(|title| is_heading_like(title))
            .count();
        let decisions = doc
            .resolution_blocks
            .iter()
            .filter_map(|block| block.marker)
            .filter(|marker| opens_its_line(text, doc, *marker))
            .count();
        let speakers = doc
            .people
            .iter()
            .filter(|person| {
                person
                    .mentions
                    .iter()
                    .any(|&mention| doc.mentions.get(mention).is_some_and(|m| m.speaks))
            })
            .count();
        Signs {
            names_itself: has_word(heading, MEETING_WORDS) || has_word(front_matter, MEETING_WORDS),
            dated: has_date(heading) || has_date(top) || has_date(front_matter),
            attendance: doc
                .attendance
                .iter()
                .map(|list| list.entries.len())
                .sum::<usize>()
                >= 2,
            // Most numbered items must be headings: a guide's numbered
            // paragraphs are sentences.
            agenda: titled >= 2 && titled * 2 >= numbered.len(),
            decisions: decisions >= 2,
            speakers: speakers >= 3,
            code: has_code(text),
        }
    }

    /// How strongly the signs say minutes. An attendance list counts
    /// twice; a date counts only under a heading that names a meeting
    /// (licences and changelogs are dated too).
    pub fn weight(&self) -> u32 {
        let signs = 2 * u32::from(self.attendance)
            + u32::from(self.names_itself)
            + u32::from(self.names_itself && self.dated)
            + u32::from(self.agenda)
            + u32::from(self.decisions)
            + u32::from(self.speakers);
        signs.saturating_sub(u32::from(self.code))
    }

    pub fn read_as_minutes(&self) -> bool {
        self.weight() >= 2
    }
}

/// Whether `text` reads as minutes.
pub(crate) fn reads_as_minutes(text: &str, doc: &Document) -> bool {
    Signs::of(text, doc).read_as_minutes()
}

/// Whether a file's name says it holds minutes, as editors take it:
/// `march.minutes`, or that with one more extension (`march.minutes.md`,
/// `march.minutes.txt`). Such a file is always checked.
pub(crate) fn named_as_minutes(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    let name = name.to_lowercase();
    let parts: Vec<&str> = name.split('.').collect();
    // A name must stand before the extensions: `.minutes` alone is hidden.
    let extensions = match parts.split_first() {
        Some((stem, extensions)) if !stem.is_empty() => extensions,
        _ => return false,
    };
    matches!(extensions, [.., "minutes"] | [.., "minutes", _])
}

/// The words with which a heading names minutes.
const MEETING_WORDS: &[&str] = &["minutes", "minute", "meeting"];

/// How much of the meeting heading is read.
const HEADING_BYTES: usize = 600;

/// How much of the top of the text is read for a date: the heading and
/// the lines under it, where minutes give the date of the meeting.
const TOP_BYTES: usize = 700;

fn slice(text: &str, range: TextRange) -> &str {
    text.get(range.start..range.end.min(text.len()))
        .unwrap_or_default()
}

fn prefix(text: &str, bytes: usize) -> &str {
    &text[..crate::text::floor_char_boundary(text, bytes.min(text.len()))]
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// Whether one of `wanted` stands in `text` as a word of its own: a part
/// of a hyphenated word or a name (minute-taking, parish-minutes) is not.
fn has_word(text: &str, wanted: &[&str]) -> bool {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
        .any(|word| wanted.iter().any(|w| word.eq_ignore_ascii_case(w)))
}

/// Whether `text` holds a fenced code block or two code spans.
fn has_code(text: &str) -> bool {
    let mut spans = 0;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            return true;
        }
        spans += line.matches('`').count() / 2;
        if spans >= 2 {
            return true;
        }
    }
    false
}

/// An agenda item's title: a few words, not a sentence.
fn is_heading_like(title: &str) -> bool {
    let title = title.trim();
    let count = title.split_whitespace().count();
    count > 0 && count <= 10 && (count <= 4 || !title.ends_with('.'))
}

/// Whether nothing but a list marker or markup stands before `marker` on
/// its line: "RESOLVED: That ..." or "2. It was agreed ...", not "No
/// RESOLVED: decisions" in a sentence about minutes.
fn opens_its_line(text: &str, doc: &Document, marker: TextRange) -> bool {
    let at = marker.start.min(text.len());
    let line_start = text[..at].rfind(['\n', '\r']).map_or(0, |end| end + 1);
    let mut before = &text[line_start..at];
    if let Some(list_marker) = doc.block_at(at).and_then(|block| block.marker.as_ref()) {
        if list_marker.range.start >= line_start && list_marker.range.end <= at {
            before = &text[list_marker.range.end..at];
        }
    }
    !before.chars().any(char::is_alphanumeric)
}

/// A month by its name or its usual short form (Sept, Dec).
fn is_month(word: &str) -> bool {
    const SHORT: [&str; 12] = [
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ];
    let word = word.to_lowercase();
    MONTHS.iter().any(|month| month.eq_ignore_ascii_case(&word)) || SHORT.contains(&word.as_str())
}

/// A day of the month: 5, 05, 5th, 21st.
fn is_day(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let suffix = word[digits..].to_lowercase();
    (1..=2).contains(&digits) && ["", "st", "nd", "rd", "th"].contains(&suffix.as_str())
}

/// A year of this century or the last.
fn is_year(word: &str) -> bool {
    word.len() == 4
        && word.chars().all(|c| c.is_ascii_digit())
        && (word.starts_with("19") || word.starts_with("20"))
}

/// Whether `text` holds a date: 5 March 2024, 5th March, 2024, March 5,
/// 2024, March 2024, 05/03/2024, 5.3.2024 or 2024-03-05.
fn has_date(text: &str) -> bool {
    let words: Vec<&str> = words(text).collect();
    let named = words.iter().enumerate().any(|(at, word)| {
        if !is_month(word) {
            return false;
        }
        let before = at.checked_sub(1).map_or("", |at| words[at]);
        let after = words.get(at + 1).copied().unwrap_or("");
        let after_next = words.get(at + 2).copied().unwrap_or("");
        (is_day(before) && is_year(after))
            || (is_day(after) && is_year(after_next))
            || is_year(after)
    });
    named || has_numeric_date(text)
}

/// 05/03/2024, 5.3.24 is too short to tell from a version; 2024-03-05.
fn has_numeric_date(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"' | '\''))
        .any(|token| {
            let parts: Vec<&str> = token
                .trim_end_matches(['.', ':'])
                .split(['/', '-', '.'])
                .collect();
            let numeric = |part: &str, lengths: &[usize]| {
                part.chars().all(|c| c.is_ascii_digit()) && lengths.contains(&part.len())
            };
            parts.len() == 3
                && ((numeric(parts[0], &[1, 2]) && numeric(parts[1], &[1, 2]) && is_year(parts[2]))
                    || (is_year(parts[0]) && numeric(parts[1], &[2]) && numeric(parts[2], &[2])))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn signs(text: &str) -> Signs {
        Signs::of(text, &parse(text))
    }

    #[test]
    fn dates_are_told_in_the_forms_minutes_write_them() {
        for date in [
            "held on 4 March 2024 at",
            "Tuesday 5th December, 2019",
            "December 5, 2019",
            "the May 2015 meeting",
            "on 05/03/2024",
            "date: 2024-03-05",
            "Sept 2021",
        ] {
            assert!(has_date(date), "{date}");
        }
        for not_a_date in [
            "version 1.2.3",
            "may be 2024 people",
            "item 4 March",
            "12/2024",
        ] {
            assert!(!has_date(not_a_date), "{not_a_date}");
        }
    }

    #[test]
    fn a_heading_and_attendance_make_minutes_and_a_readme_is_not() {
        let minutes = "Parish Council\nMinutes of the meeting held on 4 March 2024\n\n\
                       Present: Cllr Ann Lee (Chair), Cllr Tom Hart\n\n1. Apologies\nNone.\n";
        let found = signs(minutes);
        assert!(
            found.names_itself && found.dated && found.attendance,
            "{found:?}"
        );
        assert!(found.read_as_minutes());

        let readme = "# Tool\n\nA tool for the CLI.\n\n## 1. Install\n\nRun `cargo install`, then `tool`.\n\n\
                      ## 2. Use\n\nRun it.\n";
        let found = signs(readme);
        assert!(found.code && !found.read_as_minutes(), "{found:?}");
        // A project named for minutes, with numbered sections, is still a README.
        let readme = "# parish-minutes\n\n## 1. Layout\n\nOne file a meeting.\n\n## 2. Building\n\nRun make.\n";
        let found = signs(readme);
        assert!(found.agenda && !found.names_itself, "{found:?}");
        assert!(!found.read_as_minutes(), "{found:?}");
    }

    #[test]
    fn a_guide_about_minutes_is_not_minutes() {
        // Named for minutes, with numbered sentences and a quoted decision.
        let guide =
            "# Writing minutes\n\n1. Minutes should record what was decided, not who said it.\n\
                     2. Write in the past tense and use reported speech throughout.\n\
                     3. Number every paragraph so that it can be cited later on.\n\n\
                     For example: the minute might read \"It was agreed that the hall be let\".\n";
        let found = signs(guide);
        assert!(found.names_itself && !found.agenda, "{found:?}");
        assert!(!found.read_as_minutes(), "{found:?}");
    }

    #[test]
    fn names_with_minutes_in_them_are_minutes() {
        assert!(named_as_minutes(Path::new("a/2024-03.minutes.md")));
        assert!(named_as_minutes(Path::new("March.Minutes")));
        assert!(!named_as_minutes(Path::new("minutes/README.md")));
        assert!(named_as_minutes(Path::new("2024-03.minutes")));
        assert!(!named_as_minutes(Path::new("minutes.txt")));
        assert!(!named_as_minutes(Path::new("committee.minutes.tokens.txt")));
        assert!(!named_as_minutes(Path::new(".minutes")));
    }
}
