//! A001 undefined-abbreviation: an abbreviation used but never spelled out.
//!
//! ## What it checks
//! An abbreviation (a word of two or more capitals, such as MASH, DfE or
//! NCC-HD, and its plurals and possessives) that the minutes never spell
//! out, that is not in the glossary of clerk.toml, and that is not one
//! every reader knows (UK, NHS, MP ...). One finding per abbreviation, at
//! its first use, naming the other uses. Words in a heading set wholly in
//! capitals, formal words (RESOLVED, AGREED) and Roman numerals are not
//! abbreviations; initials defined in the attendance list are defined.
//! Dotted forms (N.C.C.) are uses of their letters.
//!
//! ## When it stays silent
//! It fires only where the minutes leave a reader with no way to know the
//! abbreviation. It stays silent when:
//! - the letters open a run of capitalised words elsewhere in the minutes
//!   ("Norfolk County Council" in the heading, then "NCC"; "Wereham Parish
//!   Council", then "Wereham PC"), even over a line end or in capitals;
//! - the word is written elsewhere in ordinary case ("Eon" beside "EON");
//! - it is a compound whose head is explained ("NCC-HD" beside NCC);
//! - it is initials or a title with a person's name ("Cllr PJ Hale",
//!   "PC Jackson", "JA Ellis"), a code before a number ("USD 2,000"),
//!   a payee in a schedule of payments, or part of a heading in capitals
//!   ("13. CROWN INN").
//!
//! Where the dictionary knows several common readings (PCC), the message
//! names each and no fix is offered: only the minutes can tell which.
//!
//! ## In a folder of minutes
//! Checked with the other minutes of its folder (`clerk check FOLDER`),
//! a finding says where they spell the abbreviation out ("IDB is not
//! spelled out in these minutes; it is spelled out as “Internal Drainage
//! Board” in the minutes of 4 March 2024") and offers that as an unsafe
//! fix: the council's own words, before the dictionary's (the glossary's
//! still come first). Where the folder spells it out in several ways, the
//! way most minutes use is offered, named by the earliest minutes that use
//! it. The finding stays: each set of minutes must stand alone, so the
//! folder supplies the words, never the definition.
//!
//! ## Why it matters
//! Minutes are read by residents, members and auditors who do not share
//! the officers' shorthand. Style guides ask for every abbreviation to be
//! spelled out at first use; members complain when they are not.
//!
//! ## Example
//! ```text
//! Following publication of the DfE report, the Director noted ...
//! ```
//! Use instead:
//! ```text
//! Following publication of the Department for Education (DfE) report ...
//! ```
//! Where the glossary or the built-in dictionary knows the expansion, the
//! finding says so and the fix writes it at the first use.

use super::{plain_words, Applicability, Context, Edit, Rule, Sink};
use crate::config::ExpansionSource;
use crate::syntax::lexicon::{self, is_honorific};

pub const RULE: Rule = Rule {
    info: &crate::registry::A001,
    check,
};

/// How many other uses a finding names, so a page of uses stays readable.
const MAX_RELATED: usize = 20;

/// An abbreviation the minutes leave a reader no way to know: never
/// spelled out, not known to every reader, not explained by the words
/// around it. Its first use comes first in `uses`, then a few others.
pub(super) struct Unexplained<'c> {
    pub key: &'c str,
    pub uses: Vec<&'c crate::syntax::AbbreviationUse>,
}

/// Every abbreviation the minutes leave unexplained, the glossary's
/// included: whether the glossary counts as a definition is the check's
/// to decide, and the folder's index lists them either way.
pub(super) fn unexplained<'c>(cx: &'c Context) -> Vec<Unexplained<'c>> {
    let config = cx.config;
    let mut asked = Vec::new();
    for entry in &cx.abbreviations().entries {
        if !entry.definitions.is_empty() || entry.uses.is_empty() || config.is_known(&entry.key) {
            continue;
        }
        let uses: Vec<_> = entry
            .uses
            .iter()
            .map(|&i| &cx.doc.abbreviations[i])
            .filter(|use_| {
                !is_title_initials_or_code(cx, use_.range)
                    && !is_among_words_in_capitals(cx, use_.range)
            })
            // The finding names its first use and a few others: the rest
            // of a long document's uses need not be read.
            .take(MAX_RELATED + 1)
            .collect();
        if !uses.is_empty() {
            asked.push(Unexplained {
                key: &entry.key,
                uses,
            });
        }
    }
    let spelled = spelled_within_reach(
        cx.text,
        &asked
            .iter()
            .map(|asked| (asked.key, asked.uses[0].range.end))
            .collect::<Vec<_>>(),
    );
    asked
        .into_iter()
        .zip(spelled)
        .filter(|(asked, spelled)| {
            !spelled && !explained_by_the_text(cx, asked.key, asked.uses[0].range.end)
        })
        .map(|(asked, _)| asked)
        .collect()
}

fn check(cx: &Context, sink: &mut Sink) {
    let config = cx.config;
    for Unexplained { key, uses } in unexplained(cx) {
        if config.glossary_defines && config.glossary.contains_key(key) {
            continue;
        }
        let first = uses[0];
        // The council's own words from other minutes come before the
        // dictionary's, but never before the glossary's.
        let elsewhere = cx
            .folder
            .and_then(|folder| folder.spelled_out.get(key))
            .filter(|_| !config.glossary.contains_key(key));
        let expansion = match elsewhere {
            Some(elsewhere) => Some((elsewhere.expansion.as_str(), ExpansionSource::Dictionary)),
            None => config.expansion(key),
        };
        let message = match (elsewhere, expansion) {
            (Some(elsewhere), _) => format!(
                "{key} is not spelled out in these minutes; it is spelled out as \u{201c}{}\u{201d} in {}",
                elsewhere.expansion, elsewhere.minutes
            ),
            (None, Some((expansion, ExpansionSource::Glossary))) => {
                format!("{key} is not spelled out in these minutes; the glossary gives \u{201c}{expansion}\u{201d}")
            }
            (None, Some((expansion, ExpansionSource::Dictionary))) => {
                format!("{key} is not spelled out in these minutes; it usually stands for \u{201c}{expansion}\u{201d}")
            }
            (None, None) => match config.readings(key).as_slice() {
                [] => format!("{key} is not spelled out anywhere in these minutes"),
                readings => format!(
                    "{key} is not spelled out in these minutes; it may stand for {}",
                    readings
                        .iter()
                        .map(|reading| format!("\u{201c}{reading}\u{201d}"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            },
        };
        let finding = sink.push(first.range, message);
        let used_here_too = format!("{key} is used here too");
        for other in uses.iter().skip(1).take(MAX_RELATED) {
            finding.related(other.range, used_here_too.clone());
        }
        if let Some((expansion, source)) = expansion {
            let applicability = match source {
                ExpansionSource::Glossary => Applicability::Safe,
                ExpansionSource::Dictionary => Applicability::Unsafe,
            };
            finding.fix(
                format!("Spell out {key} as \u{201c}{expansion} ({key})\u{201d}"),
                applicability,
                vec![Edit::replace(first.range, format!("{expansion} ({key})"))],
            );
        }
    }
}

/// The parts of the minutes read for words that explain a use at `offset`:
/// the first pages, and the pages around the use, as a reader would look.
/// Bounded on both sides, so that each question costs the same however
/// long the document is: in a document many meetings long, reading from
/// its start to each abbreviation's first use made the time grow faster
/// than the text. The two parts never overlap, so no run of words is read
/// twice, nor joined across the gap between them.
fn within_reach(text: &str, offset: usize) -> [std::ops::Range<usize>; 2] {
    const FIRST_PAGES: usize = 64 * 1024;
    const AROUND: usize = 32 * 1024;
    let first_end = crate::text::floor_char_boundary(text, FIRST_PAGES.min(text.len()));
    let around_start = crate::text::floor_char_boundary(text, offset.saturating_sub(AROUND));
    let around_end = crate::text::floor_char_boundary(text, (offset + AROUND).min(text.len()));
    if around_start <= first_end {
        return [0..around_end.max(first_end), 0..0];
    }
    [0..first_end, around_start..around_end]
}

/// The parts of the minutes within reach of `offset`, as text.
fn text_within_reach(text: &str, offset: usize) -> [&str; 2] {
    within_reach(text, offset).map(|range| &text[range])
}

/// For each abbreviation and its first use, whether its letters open a run
/// of capitalised words within reach of the use ("Norfolk County Council"
/// beside "NCC"). Uses whose parts of the minutes are the same (every use
/// of a short document, and the first pages of a long one) are asked
/// together, so that each part is read once for all of them.
fn spelled_within_reach(text: &str, asked: &[(&str, usize)]) -> Vec<bool> {
    let mut by_part: std::collections::BTreeMap<(usize, usize), Vec<usize>> = Default::default();
    for (index, &(_, offset)) in asked.iter().enumerate() {
        for part in within_reach(text, offset) {
            if !part.is_empty() {
                by_part
                    .entry((part.start, part.end))
                    .or_default()
                    .push(index);
            }
        }
    }
    let mut spelled = vec![false; asked.len()];
    for ((start, end), mut indices) in by_part {
        indices.retain(|&index| !spelled[index]);
        let keys: Vec<&str> = indices.iter().map(|&index| asked[index].0).collect();
        let found = plain_words::which_spelled_in_words(&text[start..end], &keys);
        for (index, found) in indices.into_iter().zip(found) {
            spelled[index] |= found;
        }
    }
    spelled
}

/// Whether the minutes' own words explain `key` without a definition,
/// where its letters do not open a run of capitalised words (which
/// [`spelled_within_reach`] asks of every abbreviation at once): it is
/// written elsewhere as an ordinary word ("Eon"), or it is a compound
/// whose first part is explained ("NCC-HD").
fn explained_by_the_text(cx: &Context, key: &str, first_use: usize) -> bool {
    let regions = text_within_reach(cx.text, first_use);
    if regions
        .iter()
        .any(|region| plain_words::written_as_a_word(region, key))
    {
        return true;
    }
    let Some((head, _)) = key.split_once(['-', '/']) else {
        return false;
    };
    cx.config.is_known(head)
        || regions
            .iter()
            .any(|region| plain_words::spelled_in_words(region, head))
        || cx
            .abbreviations()
            .entries
            .iter()
            .any(|entry| entry.key == head && !entry.definitions.is_empty())
}

/// Whether the words after a use read as a line of a schedule of payments:
/// two sums of money within the next few words ("EON (DD) Street lighting
/// 57.44 2.87 60.31"). A payee is named as it trades, and its name is no
/// abbreviation the minutes must spell out.
fn is_payee(after: &str) -> bool {
    // Read by bytes, to the line's end: every use asks it. A sum is digits,
    // a point and two digits, standing alone ("57.44", "£1,701.22").
    let bytes = &after.as_bytes()[..after.len().min(160)];
    let line = bytes.split(|&b| b == b'\n').next().unwrap_or(bytes);
    let mut sums = 0;
    for at in 1..line.len().saturating_sub(2) {
        let digits = |range: std::ops::Range<usize>| line[range].iter().all(u8::is_ascii_digit);
        if line[at] == b'.'
            && line[at - 1].is_ascii_digit()
            && digits(at + 1..at + 3)
            && !line.get(at + 3).is_some_and(u8::is_ascii_alphanumeric)
        {
            sums += 1;
            if sums == 2 {
                return true;
            }
        }
    }
    false
}

/// Whether a use is no abbreviation a reader must be told: initials or a
/// title written with a person's name ("Cllr PJ Hale", "PC Jackson",
/// "Councillors JM Bart"), a code before a number ("USD 2,000", "MIN
/// 114"), or letters run into a number ("8.OOpm", where O stands for 0).
fn is_title_initials_or_code(cx: &Context, range: crate::text::TextRange) -> bool {
    let text = cx.text;
    let before = &text[..range.start];
    if before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || c == '.')
    {
        return true;
    }
    let previous = word_before(text, range.start).trim_matches(|c: char| !c.is_alphabetic());
    if !previous.is_empty() && is_honorific(previous) {
        return true;
    }
    let after = &text[range.end..];
    if is_payee(after) {
        return true;
    }
    let after = after.strip_prefix(['s', '.']).unwrap_or(after);
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let next: &str = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | ')' | '.'))
        .next()
        .unwrap_or("");
    let next = next
        .strip_suffix("'s")
        .or_else(|| next.strip_suffix("’s"))
        .unwrap_or(next);
    let is_name_word = next.starts_with(|c: char| c.is_uppercase())
        && next.chars().skip(1).any(char::is_lowercase);
    // Two capitals before a surname are a person's initials ("JA Ellis",
    // "PJ Hale"), unless the word after names a body or a role ("EA
    // Officer", "CC Account" stays in doubt and is left alone too).
    let initials_before_a_name = range.len() == 2
        && is_name_word
        && !lexicon::is_role_noun(next)
        && !lexicon::is_organisation_noun(next);
    initials_before_a_name
        || is_name_word
            && (cx.doc.roster(cx.text).names(next) || cx.surnames().contains(&next.to_lowercase()))
}

/// Whether a use stands beside another word in capitals, and one of the
/// two is written elsewhere as an ordinary word: "PLAY AREAS", "the CROWN
/// INN" are words set in capitals, not abbreviations.
/// Whether a byte parts words, or is an emphasis mark around one.
fn parts_words(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'*' | b'_')
}

/// The word before `at`, past white space and emphasis marks. Read by
/// bytes: every use of an undefined abbreviation asks it.
fn word_before(text: &str, at: usize) -> &str {
    let bytes = text.as_bytes();
    let mut end = at;
    while end > 0 && parts_words(bytes[end - 1]) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && !parts_words(bytes[start - 1]) {
        start -= 1;
    }
    &text[start..end]
}

/// The word after `at`, past white space and emphasis marks.
fn word_after(text: &str, at: usize) -> &str {
    let bytes = text.as_bytes();
    let mut start = at;
    while start < bytes.len() && parts_words(bytes[start]) {
        start += 1;
    }
    let mut end = start;
    while end < bytes.len() && !parts_words(bytes[end]) {
        end += 1;
    }
    &text[start..end]
}

fn clean(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

fn is_among_words_in_capitals(cx: &Context, range: crate::text::TextRange) -> bool {
    let text = cx.text;
    let is_capitals = |word: &str| word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase());
    let previous = clean(word_before(text, range.start));
    let plural = text[range.end..]
        .bytes()
        .take_while(|b| matches!(b, b's' | b'\''))
        .count();
    let next = clean(word_after(text, range.end + plural));
    if !is_capitals(previous) && !is_capitals(next) {
        return false;
    }
    let this = range.of(text);
    // Words in capitals that open a paragraph or item are its heading
    // ("13. CROWN INN – contracts are expected"), set in capitals.
    let block_start = cx
        .doc
        .block_at(range.start)
        .map(|block| block.content.start);
    let opens_block = block_start.is_some_and(|start| {
        range.start - start <= 24
            && text[start..range.start]
                .split_whitespace()
                .all(|word| !word.chars().any(char::is_lowercase))
    });
    let beside_capitals = |word: &str| is_capitals(word) && word.len() >= 3;
    if opens_block && (beside_capitals(next) || beside_capitals(previous)) {
        return true;
    }
    let regions = text_within_reach(text, range.end);
    [previous, next].iter().any(|neighbour| {
        is_capitals(neighbour)
            && regions.iter().any(|region| {
                plain_words::written_as_a_word(region, neighbour)
                    || plain_words::written_as_a_word(region, this)
            })
    })
}
