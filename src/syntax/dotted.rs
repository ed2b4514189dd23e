//! Abbreviations written with full stops: "N.C.C.", "W.N.B.C.", "R.F.O.".
//! Older minutes write most abbreviations this way, and leave them
//! unexplained as often as the undotted forms; each is a use of the
//! abbreviation its letters spell ("NCC"), so that a definition of either
//! form covers both.
//!
//! Left out: initials before a name ("W.R. Chapman", "J.M. Bart", "P.C.
//! Jackson"), letters after an honorific ("Mr. T.R. Hale"), and letters
//! after a number ("7.30 P.M.").

use super::lexicon::is_honorific;
use super::model::{AbbreviationUse, Line, LineKind};
use crate::text::TextRange;

/// Finds dotted abbreviations in every text line and adds them to `uses`,
/// keeping `uses` in text order.
pub fn find_dotted(text: &str, lines: &[Line], uses: &mut Vec<AbbreviationUse>) {
    let before = uses.len();
    // One search of the whole text for a capital, a full stop and a
    // capital ("N.C"): most documents have none, and most lines of those
    // that do have none either. Only the lines that hold one are read.
    let bytes = text.as_bytes();
    let mut next_line = 0;
    for stop in memchr::memchr_iter(b'.', bytes) {
        let dotted = stop > 0
            && bytes[stop - 1].is_ascii_uppercase()
            && bytes.get(stop + 1).is_some_and(u8::is_ascii_uppercase);
        if !dotted
            || lines
                .get(next_line)
                .is_some_and(|line| stop < line.range.start)
        {
            continue;
        }
        // The line that holds this stop; lines are in text order.
        next_line += lines[next_line..].partition_point(|line| line.range.end < stop);
        let Some(line) = lines.get(next_line) else {
            break;
        };
        if line.kind == LineKind::Text {
            scan_line(text, line.content, uses);
        }
        next_line += 1;
    }
    if uses.len() > before {
        uses.sort_by_key(|use_| use_.range.start);
    }
}

fn scan_line(text: &str, content: TextRange, uses: &mut Vec<AbbreviationUse>) {
    let bytes = content.of(text).as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let opens = bytes[at].is_ascii_uppercase()
            && (at == 0
                || !(bytes[at - 1].is_ascii_alphanumeric()
                    || bytes[at - 1] == b'.'
                    || bytes[at - 1] >= 0x80));
        if !opens {
            at += 1;
            continue;
        }
        // Letter, full stop, letter, full stop ...
        let mut end = at;
        let mut letters = 0;
        while end + 1 < bytes.len() && bytes[end].is_ascii_uppercase() && bytes[end + 1] == b'.' {
            letters += 1;
            end += 2;
        }
        // The last letter may go without its full stop: "N.C.C".
        let mut last_without_stop = false;
        if letters >= 1 && end < bytes.len() && bytes[end].is_ascii_uppercase() {
            let after = bytes.get(end + 1);
            if !after.is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80) {
                letters += 1;
                end += 1;
                last_without_stop = true;
            }
        }
        let followed_by_word = bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
        if letters >= 2 && !followed_by_word {
            let start = content.start + at;
            // The span without its last full stop, which may end a sentence.
            let span_end = content.start + if last_without_stop { end } else { end - 1 };
            if !is_initials_or_time(text, start, content.start + end) {
                let key: String = text[start..span_end]
                    .chars()
                    .filter(char::is_ascii_uppercase)
                    .collect();
                uses.push(AbbreviationUse {
                    range: TextRange::new(start, span_end),
                    key: key.into(),
                    in_definition: false,
                });
            }
        }
        at = end.max(at + 1);
    }
}

/// Whether dotted letters are a person's initials or a time: a capitalised
/// word follows ("W.R. Chapman"), an honorific or a number comes before.
fn is_initials_or_time(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].trim_start_matches(' ');
    let spaced = after.len() < text[end..].len();
    let next_is_name = spaced
        && after.starts_with(|c: char| c.is_uppercase())
        && after
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|word| word.chars().skip(1).any(char::is_lowercase));
    let before = text[..start].trim_end_matches(' ');
    let previous = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let after_honorific = is_honorific(previous.trim_end_matches('.'));
    let after_number = previous.ends_with(|c: char| c.is_ascii_digit());
    next_is_name || after_honorific || after_number
}

#[cfg(test)]
mod tests {
    fn dotted(text: &str) -> Vec<(String, String)> {
        let doc = crate::syntax::parse(text);
        doc.abbreviations
            .iter()
            .filter(|use_| use_.range.of(text).contains('.'))
            .map(|use_| (use_.key.to_string(), use_.range.of(text).to_owned()))
            .collect()
    }

    #[test]
    fn reads_dotted_abbreviations() {
        assert_eq!(
            dotted("The N.C.C. and the W.N.B.C wrote to the R.F.O.\n"),
            vec![
                ("NCC".to_owned(), "N.C.C".to_owned()),
                ("WNBC".to_owned(), "W.N.B.C".to_owned()),
                ("RFO".to_owned(), "R.F.O".to_owned()),
            ]
        );
    }

    #[test]
    fn leaves_initials_and_times_alone() {
        assert!(dotted(
            "A quote from W.R. Chapman was read. Mr. T.R. Hale spoke at 7.30 P.M. today.\n"
        )
        .is_empty());
        assert!(dotted("The A.B.Cde firm replied.\n").is_empty());
    }
}
