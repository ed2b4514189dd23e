//! Attendance lists: their labels (`Present:`, `In attendance:`,
//! `Apologies:`) and their entries: names, initials and roles.

use super::lexicon::{is_honorific, is_role_noun};
use super::model::{AttendanceEntry, AttendanceKind};
use super::words::words_with_offsets;
use crate::text::{trim_range, TextRange};
use regex::Regex;
use std::sync::LazyLock;

/// The phrases that open an attendance list, in the order the pattern tries them.
const LABEL_PHRASES: &[&str] = &[
    "those present",
    "members present",
    "councillors present",
    "present",
    "those attending",
    "in attendance",
    "also present",
    "also in attendance",
    "also attending",
    "officers present",
    "officers in attendance",
    "officers",
    "apologies for absence",
    "apologies received from",
    "apologies received",
    "apologies",
    "absent",
    "secretariat",
    "minute taker",
    "minutes taken by",
    "attendees",
    "attendance",
    "councillors",
];

/// Where an attendance label may start inside a run-on paragraph.
pub static INLINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(present|those attending|in attendance|also present|apologies|absent)\b")
        .unwrap()
});

pub struct AttendanceLabel {
    pub kind: AttendanceKind,
    /// Bytes up to the first entry.
    pub len: usize,
    /// Bytes of the label's words.
    pub label_len: usize,
    pub has_colon: bool,
    /// Whether the label says the people listed are councillors.
    pub councillors: bool,
}

/// Reads an attendance label at the start of `slice`.
pub fn attendance_label(slice: &str) -> Option<AttendanceLabel> {
    // Most lines are ruled out here. Every label opens with one of these letters.
    let mut opening = [0u8; 3];
    for (slot, byte) in opening.iter_mut().zip(slice.bytes()) {
        *slot = byte.to_ascii_lowercase();
    }
    if !matches!(
        &opening,
        b"pre"
            | b"tho"
            | b"mem"
            | b"cou"
            | b"in "
            | b"als"
            | b"off"
            | b"apo"
            | b"abs"
            | b"sec"
            | b"min"
            | b"att"
    ) {
        return None;
    }
    let found = read_label(slice)?;
    let words = slice[..found.label_len].to_ascii_lowercase();
    let kind = match words.as_str() {
        "in attendance"
        | "also present"
        | "also in attendance"
        | "also attending"
        | "officers present"
        | "officers in attendance"
        | "officers" => AttendanceKind::InAttendance,
        w if w.starts_with("apologies") => AttendanceKind::Apologies,
        "absent" => AttendanceKind::Absent,
        "secretariat" | "minute taker" | "minutes taken by" => AttendanceKind::Secretariat,
        _ => AttendanceKind::Present,
    };
    let separator = found.separator.map(|range| &slice[range]);
    let has_colon = separator.is_some_and(|s| !s.starts_with('-'))
        || separator == Some(":-")
        || separator.is_some() && found.aside.is_some();
    let councillors = words.contains("councillor")
        || found
            .aside
            .is_some_and(|range| slice[range].to_ascii_lowercase().contains("councillor"));
    Some(AttendanceLabel {
        kind,
        len: found.len,
        label_len: found.label_len,
        has_colon,
        councillors,
    })
}

/// The parts of an attendance label, as byte offsets into its line.
#[derive(Debug, PartialEq)]
struct LabelParts {
    /// The end of the label's phrase: "Present".
    label_len: usize,
    /// A short aside in brackets after it: " (Councillors)".
    aside: Option<std::ops::Range<usize>>,
    /// The mark that parts label and list: ":", ":-", "–", "—" or "-".
    separator: Option<std::ops::Range<usize>>,
    /// The end of the label and the white space after it.
    len: usize,
}

/// Reads a label at the start of `slice`: one of `LABEL_PHRASES` in any
/// case, ending a word, then perhaps an aside in brackets, emphasis marks,
/// a separator, more emphasis marks and white space, each taken when it is
/// there. Written by hand: as a pattern with captures it cost more than
/// the rest of the attendance list's reading.
fn read_label(slice: &str) -> Option<LabelParts> {
    // The first phrase, in the order of the list, that opens the line and
    // ends a word there.
    let label_len = LABEL_PHRASES
        .iter()
        .map(|phrase| phrase.len())
        .zip(LABEL_PHRASES)
        .find(|&(len, phrase)| {
            slice.len() >= len
                && slice.as_bytes()[..len].eq_ignore_ascii_case(phrase.as_bytes())
                && slice[len..]
                    .chars()
                    .next()
                    .is_none_or(|c| !regex_syntax::is_word_character(c))
        })?
        .0;
    let mut at = label_len;
    // "(Councillors)": at most forty characters in brackets.
    let open = skip_whitespace(slice, at);
    let aside = slice[open..]
        .strip_prefix('(')
        .and_then(|inner| {
            inner
                .char_indices()
                .take(41)
                .find(|&(_, c)| c == ')')
                .map(|(close, _)| open + 1 + close + 1)
        })
        .map(|end| {
            let aside = at..end;
            at = end;
            aside
        });
    at += skip_prefix(&slice[at..], &["**", "__", "*", "_"]);
    at = skip_whitespace(slice, at);
    let separator_len = skip_prefix(&slice[at..], &[":-", ":", "–", "—", "-"]);
    let separator = (separator_len > 0).then(|| at..at + separator_len);
    at += separator_len;
    at += skip_prefix(&slice[at..], &["**", "__"]);
    at = skip_whitespace(slice, at);
    Some(LabelParts {
        label_len,
        aside,
        separator,
        len: at,
    })
}

/// The length of the first of `marks` that `slice` opens with, or 0.
fn skip_prefix(slice: &str, marks: &[&str]) -> usize {
    marks
        .iter()
        .find(|mark| slice.starts_with(*mark))
        .map_or(0, |mark| mark.len())
}

/// Where the white space that starts at `at` ends.
fn skip_whitespace(slice: &str, at: usize) -> usize {
    slice.len() - slice[at..].trim_start().len()
}

/// Splits a list's text into entries: "Cllr A Smith (Chair), Mrs B Jones (BJ), Clerk".
pub fn parse_entries(text: &str, range: TextRange, _councillors: bool) -> Vec<AttendanceEntry> {
    let mut entries: Vec<AttendanceEntry> = Vec::new();
    for segment in segments(text, range) {
        let segment = trim_range(text, segment);
        let slice = segment.of(text);
        let skip = slice.len()
            - slice
                .trim_start_matches(['*', '_', '-', '•', '·', ' ', '\u{a0}'])
                .len();
        let segment = trim_range(text, TextRange::new(segment.start + skip, segment.end));
        let segment = TextRange::new(
            segment.start,
            segment.start
                + segment
                    .of(text)
                    .trim_end_matches(['.', '*', '_', ' '])
                    .len(),
        );
        if segment.is_empty() {
            continue;
        }
        match parse_entry(text, segment) {
            Some(entry) => entries.push(entry),
            None => {
                // A role on its own belongs to the entry before it: "Peter King, Parish Clerk".
                let slice = segment.of(text);
                if let Some(previous) = entries.last_mut() {
                    if previous.role.is_none()
                        && slice.split_whitespace().count() <= 8
                        && slice.split_whitespace().any(is_role_noun)
                    {
                        previous.role = Some(segment);
                        previous.range = previous.range.cover(segment);
                    }
                }
            }
        }
    }
    entries
}

/// Cuts at commas, semicolons, line ends, bullets and " and ".
fn segments(text: &str, range: TextRange) -> Vec<TextRange> {
    let slice = range.of(text);
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    let mut iter = slice.char_indices().peekable();
    while let Some((i, ch)) = iter.next() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            // "Mrs. Newell. Mrs. Everitt": a full stop after a whole word parts two names.
            '.' if depth == 0 && ends_name(&slice[..i]) && slice[i + 1..].starts_with(' ') => {
                out.push(TextRange::new(range.start + start, range.start + i));
                start = i + 1;
            }
            ',' | ';' | '\n' | '\r' | '•' | '·' if depth == 0 => {
                out.push(TextRange::new(range.start + start, range.start + i));
                start = i + ch.len_utf8();
            }
            ' ' if depth == 0 && slice[i..].starts_with(" and ") => {
                out.push(TextRange::new(range.start + start, range.start + i));
                start = i + " and ".len();
                // Skip the rest of " and " so the loop does not cut inside it.
                while iter.peek().is_some_and(|(j, _)| *j < start) {
                    iter.next();
                }
            }
            _ => {}
        }
    }
    out.push(TextRange::new(range.start + start, range.end));
    out
}

/// Whether the text before a full stop ends with a whole word that is no
/// honorific or initial: "Newell" in "Mrs. Newell.", not "Mrs" or "P".
fn ends_name(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    word.chars().count() >= 2 && word.chars().all(char::is_alphabetic) && !is_honorific(word)
}

/// Reads one entry: honorifics, a name, initials, and a role.
fn parse_entry(text: &str, segment: TextRange) -> Option<AttendanceEntry> {
    let slice = segment.of(text);
    let first = slice.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    let opens_with = |word: &str| {
        slice
            .as_bytes()
            .get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word.as_bytes()))
    };
    if ["none", "nil", "no ", "the "].into_iter().any(opens_with) {
        return None;
    }
    // Walk the words: honorifics, then name words, until a role word or punctuation.
    let mut at = 0;
    let mut name_end = 0;
    let mut name_words = 0;
    let mut honorifics = 0;
    for (start, word) in words_with_offsets(slice) {
        let bare = word.trim_end_matches([',', '.']);
        if start != at && !slice[at..start].trim().is_empty() {
            break;
        }
        if is_honorific(bare) && name_words == 0 {
            honorifics += 1;
        } else if name_words >= 2 && is_bare_initials(bare) || is_role_noun(bare) && name_words > 0
        {
            break;
        } else if is_name_word(bare) {
            name_words += 1;
        } else {
            break;
        }
        at = start + word.len();
        name_end = start + bare.len();
        // "Mrs. Newell. Mrs. Everitt": a full stop after a whole word ends the name.
        let full_stop = word.ends_with('.') && bare.chars().count() >= 2 && !is_honorific(bare);
        if word.ends_with(',') || full_stop || name_words >= 5 {
            break;
        }
    }
    if name_words == 0 {
        return None;
    }
    // "Parish Clerk" or "Borough Councillor": one word before a role is part of the role.
    let next_word = slice[name_end..].split_whitespace().next().unwrap_or("");
    if name_words == 1 && honorifics == 0 && is_role_noun(next_word.trim_end_matches([',', '.'])) {
        return None;
    }
    // "Democratic Services Officer": the name of a service before a role is part of the role.
    // Only where a role word follows the words at once: "Sarah Green (Parish
    // Clerk)" is a person whose surname is also a noun.
    let name_text = &slice[..name_end];
    let role_follows = is_role_noun(next_word.trim_end_matches([',', '.']));
    if honorifics == 0
        && role_follows
        && name_text
            .split_whitespace()
            .any(|w| super::lexicon::is_organisation_noun(w) || is_role_noun(w))
    {
        return None;
    }
    // A single word with no honorific is a name only if a role or initials follow.
    let name = TextRange::new(segment.start, segment.start + name_end);
    let mut rest = trim_range(text, TextRange::new(name.end, segment.end));
    let mut initials = None;
    let rest_text = rest.of(text);
    if let Some(inner) = bracketed(rest_text) {
        let inner_text = &rest_text[inner.clone()];
        if (2..=4).contains(&inner_text.len())
            && inner_text.chars().all(|c| c.is_ascii_uppercase())
            && initials_fit(name.of(text), inner_text)
        {
            initials = Some(TextRange::new(
                rest.start + inner.start,
                rest.start + inner.end,
            ));
            rest = trim_range(text, TextRange::new(rest.start + inner.end + 1, rest.end));
        }
    }
    if initials.is_none() {
        // A flattened table gives initials with no brackets: "Avi Bhatia AB Clinical Chair".
        let rest_text = rest.of(text);
        if let Some(word) = rest_text
            .split_whitespace()
            .next()
            .filter(|w| is_bare_initials(w))
        {
            initials = Some(TextRange::new(rest.start, rest.start + word.len()));
            rest = trim_range(text, TextRange::new(rest.start + word.len(), rest.end));
        }
    }
    let role = role_in(text, rest);
    if name_words == 1 && honorifics == 0 && initials.is_none() && role.is_none() {
        // "Gibson" in "Councillors Smith, Gibson" is still a person.
        if !slice
            .trim()
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        {
            return None;
        }
    }
    Some(AttendanceEntry {
        range: segment,
        name,
        initials,
        role,
        person: None,
    })
}

/// Whether letters in brackets after a name can be its initials: they
/// open with the first name's letter and hold the surname's. Other
/// letters are an affiliation ("Cllr Carol Hay (SBC)"), and stay a role.
fn initials_fit(name: &str, initials: &str) -> bool {
    let letters: Vec<char> = name
        .split_whitespace()
        .filter(|word| !is_honorific(word.trim_end_matches('.')))
        .filter_map(|word| word.chars().next())
        .collect();
    // The surname may give more than its first letter: "Ada Lyle (ALY)".
    letters.first() == initials.chars().next().as_ref()
        && letters
            .last()
            .is_some_and(|surname| initials.chars().skip(1).any(|c| c == *surname))
}

/// The role in what follows a name: "(Clerk)", "– Chair", "Councillor/Chairman".
fn role_in(text: &str, rest: TextRange) -> Option<TextRange> {
    let slice = rest.of(text);
    let lead = slice.len()
        - slice
            .trim_start_matches(['-', '–', '—', ':', ' ', '\u{a0}', '*', '_', '('])
            .len();
    let trail = slice.len() - slice.trim_end_matches([')', ' ', '*', '_', '.']).len();
    if lead + trail >= slice.len() {
        return None;
    }
    let role = trim_range(text, TextRange::new(rest.start + lead, rest.end - trail));
    let role_text = role.of(text);
    (role_text.split_whitespace().count() <= 12 && role_text.split_whitespace().any(is_role_noun))
        .then_some(role)
}

/// Initials written bare: two to four letters, the first two capitals ("AB", "RCp").
fn is_bare_initials(word: &str) -> bool {
    let bytes = word.as_bytes();
    (2..=4).contains(&bytes.len())
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes.iter().all(u8::is_ascii_alphabetic)
        && bytes.iter().filter(|b| b.is_ascii_lowercase()).count() <= 1
}

fn bracketed(slice: &str) -> Option<std::ops::Range<usize>> {
    let open = if slice.starts_with('(') || slice.starts_with('[') {
        0
    } else {
        return None;
    };
    let close = slice.find([')', ']'])?;
    Some(open + 1..close)
}

/// A word that can be part of a name: capitalised, an initial, or a particle.
pub fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return matches!(
            word,
            "de" | "van" | "von" | "der" | "da" | "di" | "le" | "la" | "du" | "bin" | "al"
        );
    }
    // Initials such as "M", "M." or "D.B."; capitalised words; hyphenated and
    // apostrophised names (O'Neill, Seaman-Digby).
    word.chars()
        .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pattern that `read_label` replaced, kept as its specification.
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^({})\b(\s*\([^)]{{0,40}}\))?(?:\*\*|__|\*|_)?\s*(:-|:|–|—|-)?(?:\*\*|__)?\s*",
            LABEL_PHRASES.join("|")
        ))
        .unwrap()
    });

    /// `read_label` against the pattern, on every phrase in three cases
    /// followed by up to three of the pieces that can come after a label.
    #[test]
    fn reads_labels_as_the_pattern_did() {
        let pieces = [
            "",
            " ",
            "\u{a0}",
            "(Councillors)",
            " (Parish Council)",
            "()",
            "(",
            "(xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx)",
            "(xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx)",
            "**",
            "__",
            "*",
            "_",
            ":",
            ":-",
            "–",
            "—",
            "-",
            "x",
            "é",
            "\u{301}",
            "1",
            "Cllr A Smith",
        ];
        let mut checked = 0;
        for phrase in LABEL_PHRASES {
            let capitalised = format!("{}{}", phrase[..1].to_uppercase(), &phrase[1..]);
            for phrase in [phrase.to_string(), phrase.to_uppercase(), capitalised] {
                for a in pieces {
                    for b in pieces {
                        for c in ["", " ", "x", ":"] {
                            let line = format!("{phrase}{a}{b}{c}");
                            let expected = LABEL.captures(&line).map(|found| LabelParts {
                                label_len: found.get(1).unwrap().end(),
                                aside: found.get(2).map(|m| m.range()),
                                separator: found.get(3).map(|m| m.range()),
                                len: found.get(0).unwrap().end(),
                            });
                            assert_eq!(read_label(&line), expected, "{line:?}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 100_000);
    }

    fn entries(list: &str) -> Vec<(String, Option<String>, Option<String>)> {
        parse_entries(list, TextRange::new(0, list.len()), false)
            .into_iter()
            .map(|entry| {
                (
                    entry.name.of(list).to_owned(),
                    entry.initials.map(|r| r.of(list).to_owned()),
                    entry.role.map(|r| r.of(list).to_owned()),
                )
            })
            .collect()
    }

    #[test]
    fn reads_names_initials_and_roles() {
        assert_eq!(
            entries("Rosa Quill (RQ) Retiring Chair, Tom Penn, Parish Clerk, and 12 members of the public"),
            vec![
                ("Rosa Quill".into(), Some("RQ".into()), Some("Retiring Chair".into())),
                ("Tom Penn".into(), None, Some("Parish Clerk".into())),
            ]
        );
        assert_eq!(
            entries("Cllr D Hollis - Chairman, Mrs E Pratt (Clerk)"),
            vec![
                ("Cllr D Hollis".into(), None, Some("Chairman".into())),
                ("Mrs E Pratt".into(), None, Some("Clerk".into())),
            ]
        );
        assert_eq!(
            entries("Ada Lyle (ALY)     Councillor/Chairman"),
            vec![(
                "Ada Lyle".into(),
                Some("ALY".into()),
                Some("Councillor/Chairman".into())
            )]
        );
    }

    #[test]
    fn reads_labels() {
        let label = attendance_label("PRESENT (Three Councillors):- A").unwrap();
        assert_eq!(label.kind, AttendanceKind::Present);
        assert!(label.has_colon && label.councillors);
        assert_eq!(
            attendance_label("In attendance: X").unwrap().kind,
            AttendanceKind::InAttendance
        );
        assert!(!attendance_label("Apologies for absence").unwrap().has_colon);
        assert!(attendance_label("Presentation by").is_none());
    }
}
