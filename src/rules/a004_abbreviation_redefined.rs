//! A004 abbreviation-redefined: one abbreviation spelled out two different ways.
//!
//! ## What it checks
//! An abbreviation defined more than once in the same minutes with
//! different words, such as "Local Authority (LA)" and later "Licensing
//! Act (LA)". Differences of case, apostrophes, "&" for "and" and
//! hyphenation do not count. Only real spellings-out are compared: letters
//! after a person's name ("Cllr Ann Orr (SBC)") are an affiliation, and the
//! fix, which rewrites the second spelling-out, must never change a name.
//!
//! ## Why it matters
//! The reader cannot tell which meaning a later use carries. One
//! abbreviation should mean one thing throughout a set of minutes.
//!
//! ## Example
//! ```text
//! the Department for Education (DfE) ... the Department of Education (DfE)
//! ```
//! Use instead: the same expansion both times, or a different abbreviation
//! for the second body. The fix writes the first expansion again.

use super::{Applicability, Context, Edit, Rule, Sink};

pub const RULE: Rule = Rule {
    info: &crate::registry::A004,
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for entry in &cx.abbreviations().entries {
        // Only real spellings-out are compared: a person's name before
        // "(SBC)" is an affiliation, and changing it would change a name.
        let mut spellings = entry
            .definitions
            .iter()
            .map(|&i| &cx.doc.definitions[i])
            .filter(|definition| spells_out(cx.text, definition));
        let Some(first) = spellings.next() else {
            continue;
        };
        // Only two real spellings-out disagree: a person's or a place's
        // name before "(SBC)" is an affiliation, not an expansion.
        let first_text = first.expansion.of(cx.text);
        let first_normal = normalise(first_text);
        for later in spellings {
            let later_text = later.expansion.of(cx.text);
            // The same words again need no folding to compare.
            if later_text == first_text || normalise(later_text) == first_normal {
                continue;
            }
            let key = &entry.key;
            sink.push(
                later.expansion,
                format!("{key} is spelled out here as \u{201c}{later_text}\u{201d} but earlier as \u{201c}{first_text}\u{201d}"),
            )
            .related(first.expansion, format!("{key} is first spelled out here"))
            .fix(
                format!("Use \u{201c}{first_text}\u{201d} here too"),
                Applicability::Unsafe,
                vec![Edit::replace(later.expansion, first_text)],
            );
        }
    }
}

/// The honorifics in lower case.
static LOWER_HONORIFICS: std::sync::LazyLock<rustc_hash::FxHashSet<String>> =
    std::sync::LazyLock::new(|| {
        crate::syntax::lexicon::HONORIFICS
            .iter()
            .map(|h| h.to_ascii_lowercase())
            .collect()
    });

/// Folds what does not change the meaning: case, apostrophes, "&", hyphens, "the".
fn normalise(expansion: &str) -> String {
    let lower = expansion
        .to_lowercase()
        .replace('’', "'")
        .replace('&', " and ")
        .replace(['-', '–'], " ");
    // The words are lower-cased already.
    let honorific = |w: &str| LOWER_HONORIFICS.contains(w.trim_end_matches('.'));
    let words: Vec<&str> = lower
        .split_whitespace()
        .filter(|w| *w != "the" && !honorific(w))
        .collect();
    words.join(" ")
}

/// Whether a definition's words spell the abbreviation out at all: they
/// open with its first letter and are not initials after a name. "Cllr
/// Ann Orr (SBC)" is an affiliation, and changing it would change a name.
fn spells_out(text: &str, definition: &crate::syntax::Definition) -> bool {
    let first_letter = |s: &str| {
        s.chars()
            .find(|c| c.is_alphabetic())
            .map(|c| c.to_lowercase().next())
    };
    definition.form != crate::syntax::DefinitionForm::Initials
        && (definition.letters_match
            || first_letter(definition.expansion.of(text)) == first_letter(&definition.key))
}
