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

use super::{Applicability, Context, Edit, Rule, Severity, Sink};
use crate::config::ExpansionSource;
use crate::syntax::lexicon::is_honorific;

pub const RULE: Rule = Rule {
    code: "A001",
    name: "undefined-abbreviation",
    default_severity: Severity::Warning,
    source: include_str!("a001_undefined_abbreviation.rs"),
    check,
};

/// How many other uses a finding names, so a page of uses stays readable.
const MAX_RELATED: usize = 20;

fn check(cx: &Context, sink: &mut Sink) {
    let config = cx.config;
    for entry in &cx.abbreviations().entries {
        if !entry.definitions.is_empty() || entry.uses.is_empty() || config.is_known(&entry.key) {
            continue;
        }
        let glossary = config.glossary.contains_key(&entry.key);
        if glossary && config.glossary_defines {
            continue;
        }
        let uses: Vec<_> = entry
            .uses
            .iter()
            .map(|&i| &cx.doc.abbreviations[i])
            .filter(|use_| !is_title_initials_or_code(cx, use_.range))
            .collect();
        let Some(&first) = uses.first() else {
            continue;
        };
        let key = &entry.key;
        if explained_by_the_text(cx, key) {
            continue;
        }
        let expansion = config.expansion(key);
        let message = match expansion {
            Some((expansion, ExpansionSource::Glossary)) => {
                format!("{key} is not spelled out in these minutes; the glossary gives \u{201c}{expansion}\u{201d}")
            }
            Some((expansion, ExpansionSource::Dictionary)) => {
                format!("{key} is not spelled out in these minutes; it usually stands for \u{201c}{expansion}\u{201d}")
            }
            None => format!("{key} is not spelled out anywhere in these minutes"),
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

/// Whether the minutes' own words explain `key` without a definition: its
/// letters open a run of capitalised words ("Norfolk County Council"
/// beside "NCC"), it is written elsewhere as an ordinary word ("Eon"), or
/// it is a compound whose first part is explained ("NCC-HD").
fn explained_by_the_text(cx: &Context, key: &str) -> bool {
    let words = cx.plain_words();
    if words.spelled_in_words(key) || words.written_as_a_word(key) {
        return true;
    }
    let Some((head, _)) = key.split_once(['-', '/']) else {
        return false;
    };
    cx.config.is_known(head)
        || words.spelled_in_words(head)
        || cx
            .abbreviations()
            .entries
            .iter()
            .any(|entry| entry.key == head && !entry.definitions.is_empty())
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
    let previous = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphabetic());
    if !previous.is_empty() && is_honorific(previous) {
        return true;
    }
    let after = &text[range.end..];
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
    is_name_word
        && (cx.doc.roster.names(next)
            || cx
                .doc
                .people
                .iter()
                .any(|person| person.surname.eq_ignore_ascii_case(next)))
}
