//! A003 abbreviation-mismatch: the letters of an abbreviation do not fit the words that spell it out.
//!
//! ## What it checks
//! A definition such as "Barnet Children's Safeguarding Board (BSCB)" whose
//! letters cannot be read, in order, off the starts of the words (and of
//! the parts of hyphenated words: Multi-Agency gives M, A), skipping small
//! words (and, of, for, the, in, on, to) and allowing a letter from inside
//! a word (TfL, DfE, DATS from "Duty and Assessment Teams").
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

use super::{Context, Rule, Severity, Sink};
use crate::syntax::{lexicon::is_small_word, DefinitionForm};

pub const RULE: Rule = Rule {
    code: "A003",
    name: "abbreviation-mismatch",
    default_severity: Severity::Warning,
    source: include_str!("a003_abbreviation_mismatch.rs"),
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for definition in &cx.doc.definitions {
        if definition.letters_match || definition.form == DefinitionForm::Initials {
            continue;
        }
        let expansion = definition.expansion.of(cx.text);
        let initials: String = expansion
            .split_whitespace()
            .filter(|word| !is_small_word(word))
            .filter_map(|word| word.chars().find(|c| c.is_alphabetic()))
            .flat_map(char::to_uppercase)
            .collect();
        let key = &definition.key;
        sink.push(
            definition.abbreviation,
            format!("The letters of {key} do not match \u{201c}{expansion}\u{201d}, whose initials are {initials}"),
        )
        .related(definition.expansion, "the words that spell it out");
    }
}
