//! A003 abbreviation-mismatch: the letters of an abbreviation do not fit the words that spell it out.
//!
//! ## What it checks
//! A definition such as "Barnet Children's Safeguarding Board (BSCB)" whose
//! letters cannot be read, in order, off the starts of the words (and of
//! the parts of hyphenated words: Multi-Agency gives M, A), skipping small
//! words (and, of, for, the, in, on, to) and allowing a letter from inside
//! a word (TfL, DfE, DATS from "Duty and Assessment Teams").
//!
//! It fires only on a near miss, where the letters are a slip: the same
//! first letter, and at most two letters changed or the same letters in
//! another order. Letters that share nothing with the words are an
//! affiliation or a gloss, not a spelling-out ("Cllr Ann Orr (SBC)", "SAM
//! (Vehicle Activated Sign)"); a shortening that leaves words out
//! ("SADMP" for "... Policies Document"), a pronounceable acronym built
//! from inside words (CORAL) and a compound ("Planning Department
//! (ABC-PD)") are not slips. A name broken over a line end is read whole.
//!
//! ## Why it matters
//! Either the abbreviation or its expansion is wrong, and readers will
//! copy the mistake. Often the words are in the wrong order, or the body
//! has been renamed and the abbreviation kept.
//!
//! ## Example
//! ```text
//! the Barnet Children's Safeguarding Board (BSCB) annual report
//! ```
//! Use instead: "Barnet Safeguarding Children Board (BSCB)", or the
//! abbreviation that fits the name.

use super::{Context, Rule, Sink};
use crate::syntax::{lexicon::is_small_word, DefinitionForm};
use crate::text::TextRange;

pub const RULE: Rule = Rule {
    info: &crate::registry::A003,
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for definition in &cx.doc.definitions {
        if definition.letters_match || definition.form == DefinitionForm::Initials {
            continue;
        }
        // Text taken from PDFs breaks a name over lines ("National /
        // Transport Authority (NTA)"): the words that end the line before
        // belong to the spelling-out, and may make the letters fit.
        let range = across_a_line_break(cx.text, definition.expansion);
        let written = range.of(cx.text);
        let expansion = written.split_whitespace().collect::<Vec<_>>().join(" ");
        if range != definition.expansion {
            let words: Vec<&str> = written.split_whitespace().collect();
            if crate::syntax::letters_match(&definition.key, &words) {
                continue;
            }
        }
        let initials: String = expansion
            .split_whitespace()
            .filter(|word| !is_small_word(word))
            .filter_map(|word| word.chars().find(|c| c.is_alphabetic()))
            .flat_map(char::to_uppercase)
            .collect();
        let key = &definition.key;
        if !is_near_miss(key, &initials) || cx.config.is_known(key) {
            continue;
        }
        sink.push(
            definition.abbreviation,
            format!("The letters of {key} do not match \u{201c}{expansion}\u{201d}, whose initials are {initials}"),
        )
        .related(range, "the words that spell it out");
    }
}

/// The expansion with the capitalised words that end the line before it,
/// when it opens its line: "Northern" + "Rail Board".
fn across_a_line_break(text: &str, expansion: TextRange) -> TextRange {
    let line_start = text[..expansion.start].rfind('\n').map_or(0, |at| at + 1);
    if line_start == 0 || !text[line_start..expansion.start].trim().is_empty() {
        return expansion;
    }
    let previous_line = text[..line_start - 1].trim_end_matches(['\r', ' ', '\t']);
    let line_begins = previous_line.rfind('\n').map_or(0, |at| at + 1);
    let mut start = None;
    // The capitalised words at the end of the line, read backwards.
    for word in previous_line[line_begins..]
        .split(' ')
        .rev()
        .take(crate::syntax::MAX_EXPANSION_WORDS)
    {
        let is_name_word = word.starts_with(|c: char| c.is_uppercase())
            && word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
        if !is_name_word {
            break;
        }
        start = Some(word.as_ptr() as usize - text.as_ptr() as usize);
    }
    start.map_or(expansion, |start| TextRange::new(start, expansion.end))
}

/// Whether the letters of `key` nearly fit `initials`, as a slip does
/// ("BSCB" for Barnet Children's Safeguarding Board, "VOSA" for a name with
/// a word left out): the same first letter, not a shortening that leaves
/// words out ("SADMP" for "... Policies Document"), and at most two letters
/// changed, or the same letters in another order. Letters that share
/// nothing are no spelling-out at all but an affiliation or a gloss
/// ("Cllr Ann Orr (SBC)", "SAM (Vehicle Activated Sign)"), and compounds
/// ("Planning Department (ABC-PD)") take their head from elsewhere.
fn is_near_miss(key: &str, initials: &str) -> bool {
    if key.contains(['-', '/', '&']) {
        return false;
    }
    let key: Vec<char> = key.chars().filter(|c| c.is_uppercase()).collect();
    let initials: Vec<char> = initials.chars().collect();
    if key.len() < 2 || initials.is_empty() || key[0] != initials[0] {
        return false;
    }
    let mut rest = initials.iter();
    let shortening = key.iter().all(|k| rest.any(|i| i == k));
    if shortening {
        return false;
    }
    let mut sorted_key = key.clone();
    let mut sorted_initials = initials.clone();
    sorted_key.sort_unstable();
    sorted_initials.sort_unstable();
    sorted_key == sorted_initials || crate::syntax::words::edit_distance(&key, &initials) <= 2
}
