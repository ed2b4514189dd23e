//! A002 abbreviation-defined-late: an abbreviation used before it is spelled out.
//!
//! ## What it checks
//! An abbreviation that the minutes spell out, but only after using it.
//! Uses in agenda item headings do not count: headings repeat the agenda.
//!
//! ## Why it matters
//! A reader meets the abbreviation first and has to search ahead for its
//! meaning. The expansion belongs at the first use.
//!
//! ## Example
//! ```text
//! The MASH has reduced waiting times.
//! ...
//! Officers from the Multi-Agency Safeguarding Hub (MASH) attended.
//! ```
//! Use instead: spell it out at the first use. The fix moves the
//! definition there and leaves the abbreviation alone at the later place.

use super::{Applicability, Context, Edit, Rule, Sink};
use crate::syntax::DefinitionForm;

pub const RULE: Rule = Rule {
    info: &crate::registry::A002,
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let doc = cx.doc;
    let in_heading = |offset: usize| {
        let items = &doc.items;
        let at = items.partition_point(|item| item.heading.start <= offset);
        at.checked_sub(1)
            .is_some_and(|i| items[i].heading.contains(offset))
            || doc
                .meeting
                .as_ref()
                .is_some_and(|m| m.range.contains(offset))
    };
    for entry in &cx.abbreviations().entries {
        let Some(&first_definition) = entry.definitions.first() else {
            continue;
        };
        let definition = &doc.definitions[first_definition];
        // Only a real spelling-out can come late, and an abbreviation every
        // reader knows needs none.
        if definition.form == DefinitionForm::Initials
            || !definition.letters_match
            || cx.config.is_known(&entry.key)
        {
            continue;
        }
        let early = entry.uses.iter().map(|&i| &doc.abbreviations[i]).find(|u| {
            u.range.start < definition.abbreviation.start
                && !in_heading(u.range.start)
                && !on_a_numbered_title_line(cx.text, u.range.start)
        });
        let Some(early) = early else { continue };
        let key = &entry.key;
        let expansion = definition.expansion.of(cx.text);
        sink.push(
            early.range,
            format!("{key} is used here before it is spelled out further on"),
        )
        .related(definition.range, format!("{key} is spelled out here"))
        .fix(
            format!("Spell out {key} at its first use"),
            Applicability::Unsafe,
            vec![
                Edit::replace(early.range, format!("{expansion} ({key})")),
                Edit::replace(definition.range, definition.abbreviation.of(cx.text)),
            ],
        );
    }
}

/// Whether the use stands on a line that opens with a minute number
/// ("117/20 To approve SLCC training"): an item's title run on into its
/// text, where a short form is the house's way of naming the item.
fn on_a_numbered_title_line(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..at].trim_start_matches(['*', '#', ' ']);
    let number = line.split_whitespace().next().unwrap_or("");
    number.starts_with(|c: char| c.is_ascii_digit())
        && number
            .trim_end_matches(['.', ')', '\\'])
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.'))
        && line.split_whitespace().count() <= 12
}
